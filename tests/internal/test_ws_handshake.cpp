// The opening handshake: the RFC 6455 §1.3 accept value, client keys from a given random source,
// the client request, checking the server's 101 (parsed by the HTTP response parser), and the
// server side validating upgrade requests.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

#include "http/parse/response_parser.h"
#include "ws/handshake/handshake.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::ws;

namespace {

void sample_nonce(void *, uint8_t *out, size_t n) {
  const char *s = "the sample nonce";  // RFC 6455 §1.3's key decodes to these 16 bytes
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(s[i]);
}

void test_rfc_accept_value(void **) {
  assert_string_equal(accept_value("dGhlIHNhbXBsZSBub25jZQ==").c_str(),
                      "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  assert_string_equal(make_client_key(sample_nonce, nullptr).c_str(), "dGhlIHNhbXBsZSBub25jZQ==");
}

void test_client_request(void **) {
  const HeaderField extra[] = {{"KALSHI-ACCESS-KEY", "abc"}};
  const std::string req = build_client_request("api.example:443", "/trade-api/ws/v2",
                                               "dGhlIHNhbXBsZSBub25jZQ==", extra);
  assert_string_equal(req.c_str(),
                      "GET /trade-api/ws/v2 HTTP/1.1\r\n"
                      "Host: api.example:443\r\n"
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n"
                      "KALSHI-ACCESS-KEY: abc\r\n\r\n");
  const HeaderField injected[] = {{"X", "a\r\nEvil: 1"}};
  assert_true(build_client_request("h", "/", "dGhlIHNhbXBsZSBub25jZQ==", injected).empty());
  assert_true(build_client_request("h", "no-slash", "dGhlIHNhbXBsZSBub25jZQ==", {}).empty());
  assert_true(build_client_request("h", "/", "short", {}).empty());
  assert_true(build_client_request("", "/", "dGhlIHNhbXBsZSBub25jZQ==", {}).empty());
}

// Parses a response head with the library's HTTP parser and checks it as the client would.
HandshakeError check_raw(const std::string &head) {
  kalshi::http::ResponseParser p;
  std::string_view in = head;
  for (int i = 0; i < 8 && !p.complete(); ++i) {  // one event per call; bounded
    in.remove_prefix(p.parse(in).consumed);
  }
  if (!p.complete()) return HandshakeError::NotSwitchingProtocols;
  std::vector<HeaderField> fields;
  for (size_t i = 0; i < p.header_count(); ++i) {
    const auto h = p.header_at(i);
    fields.push_back({h.name, h.value});
  }
  return check_server_response(p.status(), fields, "dGhlIHNhbXBsZSBub25jZQ==");
}

void test_server_response_checks(void **) {
  const std::string ok = build_server_response("dGhlIHNhbXBsZSBub25jZQ==");
  assert_string_equal(ok.c_str(),
                      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
                      "\r\n\r\n");
  assert_int_equal(static_cast<int>(check_raw(ok)), static_cast<int>(HandshakeError::None));
  struct Case {
    const char *head;
    HandshakeError want;
  } cases[] = {
      {"HTTP/1.1 101 x\r\nupgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
       "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
       HandshakeError::None},
      {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", HandshakeError::NotSwitchingProtocols},
      {"HTTP/1.1 101 x\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
       HandshakeError::MissingUpgrade},
      {"HTTP/1.1 101 x\r\nUpgrade: websocket\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
       HandshakeError::MissingConnection},
      {"HTTP/1.1 101 x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOp=\r\n\r\n",
       HandshakeError::BadAccept},
      {"HTTP/1.1 101 x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
       HandshakeError::BadAccept},
      {"HTTP/1.1 101 x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
       HandshakeError::BadAccept},
      {"HTTP/1.1 101 x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
       "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n",
       HandshakeError::UnexpectedExtension},
      {"HTTP/1.1 101 x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
       "Sec-WebSocket-Protocol: chat\r\n\r\n",
       HandshakeError::UnexpectedProtocol},
  };
  for (const Case &c : cases) {
    if (check_raw(c.head) != c.want) fail_msg("case %s", c.head);
  }
}

void test_client_request_validation(void **) {
  const std::vector<HeaderField> good = {{"Host", "localhost"},
                                         {"Upgrade", "websocket"},
                                         {"Connection", "keep-alive, Upgrade"},
                                         {"Sec-WebSocket-Version", "13"},
                                         {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
  std::string_view key;
  assert_int_equal(static_cast<int>(check_client_request("GET", good, &key)),
                   static_cast<int>(HandshakeError::None));
  assert_true(key == "dGhlIHNhbXBsZSBub25jZQ==");
  assert_int_equal(static_cast<int>(check_client_request("POST", good, &key)),
                   static_cast<int>(HandshakeError::BadMethod));
  assert_true(key.empty());
  struct Mut {
    size_t drop;          // index to remove, or SIZE_MAX
    HeaderField replace;  // replaces good[drop] when its name is non-empty
    HandshakeError want;
  } muts[] = {
      {0, {}, HandshakeError::MissingHost},
      {1, {}, HandshakeError::MissingUpgrade},
      {1, {"Upgrade", "h2c"}, HandshakeError::MissingUpgrade},
      {2, {}, HandshakeError::MissingConnection},
      {3, {}, HandshakeError::BadVersion},
      {3, {"Sec-WebSocket-Version", "8"}, HandshakeError::BadVersion},
      {4, {}, HandshakeError::BadKey},
      {4, {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ"}, HandshakeError::BadKey},
      {4, {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}, HandshakeError::None},
      {4, {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25j!Q=="}, HandshakeError::BadKey},
      {4, {"Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, HandshakeError::BadKey},
  };
  for (const Mut &m : muts) {
    std::vector<HeaderField> h = good;
    if (m.replace.name.empty()) {
      h.erase(h.begin() + static_cast<ptrdiff_t>(m.drop));
    } else {
      h[m.drop] = m.replace;
    }
    if (check_client_request("GET", h, &key) != m.want) {
      fail_msg("mutation of header %zu: %s", m.drop,
               handshake_error_name(check_client_request("GET", h, &key)));
    }
  }
  std::vector<HeaderField> twice = good;
  twice.push_back({"sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="});
  assert_int_equal(static_cast<int>(check_client_request("GET", twice, &key)),
                   static_cast<int>(HandshakeError::BadKey));
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rfc_accept_value),
      cmocka_unit_test(test_client_request),
      cmocka_unit_test(test_server_response_checks),
      cmocka_unit_test(test_client_request_validation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
