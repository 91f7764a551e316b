// The opening-handshake checks on hostile header fields. The input is split on '\n' into lines;
// each line "name:value" becomes a header field. Invariants: neither check crashes; an accepted
// client request yields a 24-character key whose accept value is 28 characters and which a 101
// built for it passes the client's check; a built request is empty or ends with the blank line.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ws/handshake/handshake.h"

using namespace kalshi::ws;

namespace {

void check(bool ok) {
  if (!ok) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view in(reinterpret_cast<const char *>(data), size);
  std::vector<HeaderField> fields;
  size_t pos = 0;
  while (pos <= in.size() && fields.size() < 64) {
    const size_t nl = in.find('\n', pos);
    const std::string_view line = in.substr(pos, nl == std::string_view::npos ? in.npos : nl - pos);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      fields.push_back({line.substr(0, colon), line.substr(colon + 1)});
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  std::string_view key;
  if (check_client_request("GET", fields, &key) == HandshakeError::None) {
    check(key.size() == kKeySize);
    check(accept_value(key).size() == kAcceptSize);
    const std::string accept = accept_value(key);
    const std::vector<HeaderField> ok = {
        {"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}};
    check(check_server_response(101, ok, key) == HandshakeError::None);
  }
  (void)check_server_response(101, fields, in.substr(0, 24));
  const std::string req = build_client_request("h", "/", in.substr(0, 24), fields);
  check(req.empty() || req.ends_with("\r\n\r\n"));
  return 0;
}
