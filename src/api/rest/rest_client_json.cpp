#include "api/rest/rest_client_json.h"

#include <cstdint>

#include "crypto/drbg.h"

namespace kalshi::api::rest {

void append_json_string(std::string_view text, std::string *out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0x0F]);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

Error new_uuid_v4(std::string *out) {
  uint8_t b[16];
  if (Error e = crypto::Drbg::instance().fill(b, sizeof b); !e.ok()) return e;
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  out->clear();
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out->push_back('-');
    out->push_back(kHex[b[i] >> 4]);
    out->push_back(kHex[b[i] & 0x0F]);
  }
  return Error{};
}

}  // namespace kalshi::api::rest
