#include "crypto/base64.h"

#include <mbedtls/base64.h>

namespace kalshi::crypto {

bool base64_encode(std::span<const uint8_t> in, char *out, size_t cap, size_t *out_len) {
  if (out == nullptr || cap < base64_encoded_len(in.size()) + 1) return false;
  size_t olen = 0;
  // mbedTLS writes the NUL itself and needs room for it.
  const int rc = mbedtls_base64_encode(reinterpret_cast<unsigned char *>(out), cap, &olen,
                                       in.data(), in.size());
  if (rc != 0) return false;
  if (out_len != nullptr) *out_len = olen;
  return true;
}

std::string base64_encode(std::span<const uint8_t> in) {
  std::string s(base64_encoded_len(in.size()) + 1, '\0');
  size_t n = 0;
  if (!base64_encode(in, s.data(), s.size(), &n)) return {};
  s.resize(n);
  return s;
}

bool base64_decode(std::string_view in, SecretBytes &out) {
  out.wipe();
  // mbedTLS tolerates a trailing partial quantum ("Z"); RFC 4648 text comes in groups of four.
  size_t significant = 0;
  for (char c : in) significant += (c != ' ' && c != '\t' && c != '\r' && c != '\n') ? 1 : 0;
  if (significant % 4 != 0) return false;
  const auto *src = reinterpret_cast<const unsigned char *>(in.data());
  size_t need = 0;
  // A first call with no output buffer validates the input and reports the decoded size.
  int rc = mbedtls_base64_decode(nullptr, 0, &need, src, in.size());
  if (rc != 0 && rc != MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL) return false;
  SecretBytes buf(need);
  size_t got = 0;
  rc = mbedtls_base64_decode(buf.data(), buf.size(), &got, src, in.size());
  if (rc != 0) return false;
  buf.shrink(got);
  out = std::move(buf);
  return true;
}

}  // namespace kalshi::crypto
