// api/rest/auth: the KALSHI-ACCESS-* headers of rest-notes.md §2 (exact signed bytes, RSA-PSS
// verification with crypto/verify.h, base64 shape, refusals that would break a request head) and
// the Klear bearer of perps.md §2.2.
//
// Also a helper for tests/interop/test_rest_signatures.py, which verifies our headers with Python
// `cryptography`:
//   internal_test_rest_auth --print-headers <key.pem> <key_id> <ts_ms> <METHOD> <path>
//   internal_test_rest_auth --print-presigned <key.pem> <key_id> <METHOD> <path> <count>
// print "Name: value" lines (one blank line between presigned sets).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "api/rest/auth.h"
#include "api/rest/presigner.h"
#include "core/clock.h"
#include "crypto/base64.h"
#include "crypto/key.h"
#include "crypto/secret.h"
#include "crypto/sign.h"
#include "crypto/verify.h"

extern "C" {
#include <cmocka.h>
}

namespace rest = kalshi::api::rest;
namespace crypto = kalshi::crypto;

namespace {

std::string key_path(const char *name) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/keys/" + name;
}

std::unique_ptr<crypto::PrivateKey> load_key(const char *name) {
  std::unique_ptr<crypto::PrivateKey> key;
  const kalshi::Error e = crypto::load_private_key_file(key_path(name), "", &key);
  if (!e.ok()) {
    std::fprintf(stderr, "cannot load %s: %s\n", name, e.message.c_str());
    std::abort();
  }
  return key;
}

std::unique_ptr<crypto::RsaPublicKey> load_pub(const char *name) {
  std::ifstream f(key_path(name));
  std::stringstream ss;
  ss << f.rdbuf();
  std::unique_ptr<crypto::RsaPublicKey> pub;
  assert_true(crypto::RsaPublicKey::load(ss.str(), &pub).ok());
  return pub;
}

bool is_base64_padded(const std::string &s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  size_t pad = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '=') {
      ++pad;
    } else if (pad != 0 || !(alnum || c == '+' || c == '/')) {
      return false;
    }
  }
  return pad <= 2;
}

const char *const kKeyId = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";

void test_headers_exact_and_verify(void **) {
  const auto key = load_key("rsa_pkcs1.pem");
  rest::HeaderList h;
  assert_true(rest::kalshi_signature_headers(
                  *key, kKeyId, "GET", "/trade-api/v2/portfolio/orders?limit=5&status=resting",
                  1703123456789ULL, &h)
                  .ok());
  assert_int_equal(h.size(), 3);
  assert_string_equal(h[0].first.c_str(), "KALSHI-ACCESS-KEY");
  assert_string_equal(h[0].second.c_str(), kKeyId);
  assert_string_equal(h[1].first.c_str(), "KALSHI-ACCESS-TIMESTAMP");
  assert_string_equal(h[1].second.c_str(), "1703123456789");
  assert_string_equal(h[2].first.c_str(), "KALSHI-ACCESS-SIGNATURE");
  // 256-byte RSA-2048 signature: 344 base64 characters ending in one '='.
  assert_int_equal(h[2].second.size(), 344);
  assert_true(is_base64_padded(h[2].second));
  assert_int_equal(h[2].second.back(), '=');

  // The signed message is exactly timestamp + METHOD + path without the query (rest-notes.md §2).
  std::string msg;
  assert_true(crypto::build_rest_message(1703123456789LL, "GET",
                                         "/trade-api/v2/portfolio/orders?limit=5", &msg)
                  .ok());
  assert_string_equal(msg.c_str(), "1703123456789GET/trade-api/v2/portfolio/orders");

  const auto pub = load_pub("rsa_pub.pem");
  assert_true(
      pub->verify_pss_b64("1703123456789GET/trade-api/v2/portfolio/orders", h[2].second).ok());
  // The verifier really checks: another timestamp, method or the un-cut path do not verify.
  assert_false(
      pub->verify_pss_b64("1703123456788GET/trade-api/v2/portfolio/orders", h[2].second).ok());
  assert_false(
      pub->verify_pss_b64("1703123456789PUT/trade-api/v2/portfolio/orders", h[2].second).ok());
  assert_false(
      pub->verify_pss_b64("1703123456789GET/trade-api/v2/portfolio/orders?limit=5&status=resting",
                          h[2].second)
          .ok());
}

void test_appends_after_existing_headers(void **) {
  const auto key = load_key("rsa_pkcs8.pem");
  rest::HeaderList h = {{"Content-Type", "application/json"}};
  assert_true(rest::kalshi_signature_headers(*key, kKeyId, "POST",
                                             "/trade-api/v2/portfolio/events/orders", 42, &h)
                  .ok());
  assert_int_equal(h.size(), 4);
  assert_string_equal(h[0].first.c_str(), "Content-Type");
  assert_string_equal(h[2].second.c_str(), "42");
  const auto pub = load_pub("rsa_pub.pem");
  assert_true(pub->verify_pss_b64("42POST/trade-api/v2/portfolio/events/orders", h[3].second).ok());
}

void test_perps_and_websocket_paths(void **) {
  const auto key = load_key("rsa_pkcs8.pem");
  const auto pub = load_pub("rsa_pub.pem");
  rest::HeaderList h;
  assert_true(rest::kalshi_signature_headers(
                  *key, kKeyId, "DELETE", "/trade-api/v2/margin/orders/abc-1", 1700000000000ULL, &h)
                  .ok());
  assert_true(
      pub->verify_pss_b64("1700000000000DELETE/trade-api/v2/margin/orders/abc-1", h[2].second)
          .ok());
  h.clear();
  assert_true(rest::kalshi_signature_headers(*key, kKeyId, "GET", "/trade-api/ws/v2/margin",
                                             1700000000000ULL, &h)
                  .ok());
  assert_true(pub->verify_pss_b64("1700000000000GET/trade-api/ws/v2/margin", h[2].second).ok());
}

void test_ed25519_shape(void **) {
  const auto key = load_key("ed25519.pem");
  rest::HeaderList h;
  assert_true(rest::kalshi_signature_headers(*key, kKeyId, "GET", "/trade-api/v2/portfolio/balance",
                                             1703123456789ULL, &h)
                  .ok());
  assert_int_equal(h.size(), 3);
  assert_int_equal(h[2].second.size(), 88);  // 64 bytes
  assert_true(is_base64_padded(h[2].second));
}

void test_refusals_append_nothing(void **) {
  const auto key = load_key("rsa_pkcs8.pem");
  rest::HeaderList h = {{"X", "1"}};
  const auto refused = [&](const kalshi::Error &e) {
    assert_int_equal(e.code, KALSHI_ERR_INVALID_ARG);
    assert_int_equal(h.size(), 1);
  };
  refused(rest::kalshi_signature_headers(*key, "", "GET", "/trade-api/v2/x", 1, &h));
  refused(rest::kalshi_signature_headers(*key, "id\r\nX-Evil: 1", "GET", "/trade-api/v2/x", 1, &h));
  refused(rest::kalshi_signature_headers(*key, kKeyId, "get", "/trade-api/v2/x", 1, &h));
  refused(rest::kalshi_signature_headers(*key, kKeyId, "GET", "trade-api/v2/x", 1, &h));
  refused(rest::kalshi_signature_headers(*key, kKeyId, "GET", "/trade-api/v2/x y", 1, &h));
  refused(rest::kalshi_signature_headers(*key, kKeyId, "GET", "/trade-api/v2/x",
                                         0x8000000000000000ULL, &h));
  refused(rest::append_signature_headers(kKeyId, 1, "", &h));
  refused(rest::append_signature_headers(kKeyId, 1, "abc\n", &h));
  assert_int_equal(
      rest::kalshi_signature_headers(*key, kKeyId, "GET", "/trade-api/v2/x", 1, nullptr).code,
      KALSHI_ERR_INVALID_ARG);
}

void test_append_presigned(void **) {
  rest::HeaderList h;
  assert_true(rest::append_signature_headers(kKeyId, 18446744073709551615ULL, "c2ln", &h).ok());
  assert_int_equal(h.size(), 3);
  assert_string_equal(h[1].second.c_str(), "18446744073709551615");
  assert_string_equal(h[2].second.c_str(), "c2ln");
}

void test_bearer(void **) {
  std::pair<std::string, std::string> hv;
  assert_true(rest::bearer_header("tok.en-_~+/=", &hv).ok());
  assert_string_equal(hv.first.c_str(), "Authorization");
  assert_string_equal(hv.second.c_str(), "Bearer tok.en-_~+/=");
  assert_true(rest::klear_bearer_header("admin-123", "secret", &hv).ok());
  assert_string_equal(hv.second.c_str(), "Bearer admin-123:secret");
  // The access token may itself hold ':' (only the first colon splits).
  assert_true(rest::klear_bearer_header("admin", "a:b", &hv).ok());
  assert_string_equal(hv.second.c_str(), "Bearer admin:a:b");

  assert_int_equal(rest::bearer_header("", &hv).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::bearer_header("a b", &hv).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::bearer_header("a\r\nb", &hv).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::bearer_header("ok", nullptr).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::klear_bearer_header("", "t", &hv).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::klear_bearer_header("a", "", &hv).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::klear_bearer_header("a:b", "t", &hv).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::klear_bearer_header("a", "t\n", &hv).code, KALSHI_ERR_INVALID_ARG);
}

void print_headers(const rest::HeaderList &h) {
  for (const auto &[name, value] : h) std::printf("%s: %s\n", name.c_str(), value.c_str());
}

std::unique_ptr<crypto::PrivateKey> load_any(const char *path) {
  std::unique_ptr<crypto::PrivateKey> key;
  const kalshi::Error e = crypto::load_private_key_file(path, "", &key);
  if (!e.ok()) {
    std::fprintf(stderr, "%s: %s\n", path, e.message.c_str());
    std::exit(2);
  }
  return key;
}

// Helper modes for the interop test; see the file comment.
int helper_main(int argc, char **argv) {
  const std::string mode = argv[1];
  if (mode == "--print-headers" && argc == 7) {
    const auto key = load_any(argv[2]);
    rest::HeaderList h;
    const kalshi::Error e = rest::kalshi_signature_headers(*key, argv[3], argv[5], argv[6],
                                                           std::strtoull(argv[4], nullptr, 10), &h);
    if (!e.ok()) {
      std::fprintf(stderr, "%s\n", e.message.c_str());
      return 1;
    }
    print_headers(h);
    return 0;
  }
  if (mode == "--print-presigned" && argc == 7) {
    std::shared_ptr<const crypto::PrivateKey> key = load_any(argv[2]);
    std::unique_ptr<rest::Presigner> p;
    const int count = std::atoi(argv[6]);
    rest::Presigner::Options o;
    o.pool_size = static_cast<uint32_t>(count < 1 ? 1 : (count > 64 ? 64 : count));
    if (!rest::Presigner::create(key, o, &p).ok() || !p->add_hot_path(argv[4], argv[5]).ok())
      return 1;
    if (!p->wait_ready(argv[4], argv[5], o.pool_size, 60000)) return 1;
    for (uint32_t i = 0; i < o.pool_size; ++i) {
      std::optional<rest::Presigner::Signed> s =
          p->take(argv[4], argv[5], static_cast<uint64_t>(kalshi::wall_clock_ms()));
      if (!s) return 1;
      rest::HeaderList h;
      if (!s->append_headers(argv[3], &h).ok()) return 1;
      if (i != 0) std::printf("\n");
      print_headers(h);
    }
    return 0;
  }
  std::fprintf(stderr, "usage: see tests/internal/test_rest_auth.cpp\n");
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc > 1) return helper_main(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_headers_exact_and_verify),
      cmocka_unit_test(test_appends_after_existing_headers),
      cmocka_unit_test(test_perps_and_websocket_paths),
      cmocka_unit_test(test_ed25519_shape),
      cmocka_unit_test(test_refusals_append_nothing),
      cmocka_unit_test(test_append_presigned),
      cmocka_unit_test(test_bearer),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
