// The sans-I/O pieces of the transport: SPKI pin parsing, loopback address checks, CA loading
// errors, and the TLS session engine fed by hand (ClientHello shape, SNI, garbage from a peer).
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "net/dns.h"
#include "net/tls_config.h"
#include "net/tls_session.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::net;

namespace {

// SHA-256 of "" in base64: a well-formed 32-byte digest.
constexpr const char *kPinA = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
constexpr const char *kPinB = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

void test_pins_parse(void **) {
  std::vector<Sha256> pins;
  assert_true(parse_spki_pins("", &pins).ok());
  assert_int_equal(pins.size(), 0);
  assert_true(parse_spki_pins(kPinA, &pins).ok());
  assert_int_equal(pins.size(), 1);
  assert_int_equal(pins[0][0], 0xe3);  // e3b0c442...
  assert_int_equal(pins[0][31], 0x55);
  const std::string two = std::string("sha256//") + kPinA + " , " + kPinB;
  assert_true(parse_spki_pins(two, &pins).ok());
  assert_int_equal(pins.size(), 2);
  const std::string curl_style = std::string("sha256//") + kPinA + ";sha256//" + kPinB;
  assert_true(parse_spki_pins(curl_style, &pins).ok());
  assert_int_equal(pins.size(), 2);
  assert_int_equal(pins[1][0], 0);
}

void test_pins_reject_malformed(void **) {
  std::vector<Sha256> pins;
  assert_int_equal(parse_spki_pins("abc", &pins).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_spki_pins("sha256//", &pins).code, KALSHI_ERR_INVALID_VALUE);
  // Right length, wrong alphabet.
  assert_int_equal(parse_spki_pins("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!=", &pins).code,
                   KALSHI_ERR_INVALID_VALUE);
  // Right length, but 33 bytes of data (no padding).
  assert_int_equal(parse_spki_pins("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &pins).code,
                   KALSHI_ERR_INVALID_VALUE);
  const std::string sha1_style = std::string("sha1//") + kPinA;
  assert_int_equal(parse_spki_pins(sha1_style, &pins).code, KALSHI_ERR_INVALID_VALUE);
}

sockaddr_storage addr(const char *ip) {
  sockaddr_storage ss{};
  if (std::strchr(ip, ':') != nullptr) {
    auto &sin6 = reinterpret_cast<sockaddr_in6 &>(ss);
    sin6.sin6_family = AF_INET6;
    assert_int_equal(inet_pton(AF_INET6, ip, &sin6.sin6_addr), 1);
  } else {
    auto &sin = reinterpret_cast<sockaddr_in &>(ss);
    sin.sin_family = AF_INET;
    assert_int_equal(inet_pton(AF_INET, ip, &sin.sin_addr), 1);
  }
  return ss;
}

void test_loopback_addresses(void **) {
  assert_true(is_loopback_address(addr("127.0.0.1")));
  assert_true(is_loopback_address(addr("127.255.3.4")));
  assert_true(is_loopback_address(addr("::1")));
  assert_true(is_loopback_address(addr("::ffff:127.0.0.1")));
  assert_false(is_loopback_address(addr("10.0.0.1")));
  assert_false(is_loopback_address(addr("128.0.0.1")));
  assert_false(is_loopback_address(addr("::ffff:10.0.0.1")));
  assert_false(is_loopback_address(addr("2001:db8::1")));
  assert_false(is_loopback_address(addr("::")));
  assert_string_equal(address_text(addr("127.0.0.1")).c_str(), "127.0.0.1:0");
}

void test_missing_ca_file_is_io_error(void **) {
  TlsSettings s;
  s.ca_file = "/nonexistent/ca.pem";
  std::shared_ptr<TlsClientConfig> cfg;
  const kalshi::Error e = TlsClientConfig::create(s, &cfg);
  assert_int_equal(e.code, KALSHI_ERR_IO);
  assert_null(cfg.get());
  // With verification off no CA is read at all.
  s.verify = false;
  assert_true(TlsClientConfig::create(s, &cfg).ok());
  assert_non_null(cfg.get());
}

std::shared_ptr<TlsClientConfig> insecure_config() {
  TlsSettings s;
  s.verify = false;
  std::shared_ptr<TlsClientConfig> cfg;
  assert_true(TlsClientConfig::create(s, &cfg).ok());
  return cfg;
}

bool contains(const std::vector<uint8_t> &hay, const std::string &needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

void test_client_hello_and_sni(void **) {
  TlsSession named(insecure_config());
  assert_true(named.begin("fix.demo.kalshi.co").ok());
  bool done = true;
  assert_true(named.handshake(&done).ok());
  assert_false(done);
  const std::vector<uint8_t> &hello = named.outbound();
  assert_true(hello.size() > 5);
  assert_int_equal(hello[0], 0x16);  // handshake record
  assert_int_equal(hello[1], 0x03);
  assert_true(contains(hello, "fix.demo.kalshi.co"));  // SNI

  // RFC 6066: IP literals are never sent as SNI.
  TlsSession ip(insecure_config());
  assert_true(ip.begin("127.0.0.1").ok());
  assert_true(ip.handshake(&done).ok());
  assert_false(contains(ip.outbound(), "127.0.0.1"));
}

void test_garbage_from_peer_fails(void **) {
  TlsSession s(insecure_config());
  assert_true(s.begin("localhost").ok());
  bool done = false;
  assert_true(s.handshake(&done).ok());
  s.outbound().clear();
  const std::string junk = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  s.feed(reinterpret_cast<const uint8_t *>(junk.data()), junk.size());
  const kalshi::Error e = s.handshake(&done);
  assert_int_equal(e.code, KALSHI_ERR_TLS);
  assert_false(done);
}

void test_partial_input_waits(void **) {
  TlsSession s(insecure_config());
  assert_true(s.begin("localhost").ok());
  bool done = false;
  assert_true(s.handshake(&done).ok());
  // The first bytes of a ServerHello record: not enough to judge, so the engine asks for more.
  const uint8_t head[] = {0x16, 0x03, 0x03, 0x00};
  s.feed(head, sizeof head);
  assert_true(s.handshake(&done).ok());
  assert_false(done);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pins_parse),
      cmocka_unit_test(test_pins_reject_malformed),
      cmocka_unit_test(test_loopback_addresses),
      cmocka_unit_test(test_missing_ca_file_is_io_error),
      cmocka_unit_test(test_client_hello_and_sni),
      cmocka_unit_test(test_garbage_from_peer_fails),
      cmocka_unit_test(test_partial_input_waits),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
