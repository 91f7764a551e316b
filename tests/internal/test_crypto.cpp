// kalshi::crypto internals: the exact bytes of the signed messages against the specs' vectors
// (kalshi-fix.md §2.7 golden pre-hash, rest-notes.md §2 examples), base64 and PEM framing,
// RFC 5958 v2 Ed25519 keys, and RSA-PSS signatures made concurrently checked with mbedTLS's
// verifier (independent verification lives in interop/test_signatures.py).
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "crypto/base64.h"
#include "crypto/key.h"
#include "crypto/pem.h"
#include "crypto/rsa_key.h"
#include "crypto/sign.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

namespace crypto = kalshi::crypto;

namespace {

std::string hex(const void *p, size_t n) {
  static const char *digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    const auto b = static_cast<const uint8_t *>(p)[i];
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}

std::vector<uint8_t> unhex(const char *h) {
  std::vector<uint8_t> v;
  for (size_t i = 0; h[i] != '\0' && h[i + 1] != '\0'; i += 2) {
    unsigned x = 0;
    std::sscanf(h + i, "%2x", &x);
    v.push_back(static_cast<uint8_t>(x));
  }
  return v;
}

std::string sha256_hex(const std::string &s) {
  unsigned char d[32];
  assert_int_equal(
      mbedtls_sha256_ret(reinterpret_cast<const unsigned char *>(s.data()), s.size(), d, 0), 0);
  return hex(d, sizeof d);
}

void test_fix_golden_prehash(void **) {
  std::string msg;
  assert_true(crypto::build_fix_logon_message("20230809-05:28:18.035", 1, "your-fix-api-key-uuid",
                                              "KalshiNR", &msg)
                  .ok());
  assert_int_equal(msg.size(), 56);
  assert_string_equal(hex(msg.data(), msg.size()).c_str(),
                      "32303233303830392d30353a32383a31382e3033350141013101796f75722d6669782d6170"
                      "692d6b65792d75756964014b616c7368694e52");
  assert_string_equal(sha256_hex(msg).c_str(),
                      "79676caaf065c173623e72256b47d3a4904e15c32a739010e17dfc35a0fe2101");
  // Multi-digit sequence numbers are plain decimal.
  assert_true(crypto::build_fix_logon_message("T", 18446744073709551615ULL, "s", "t", &msg).ok());
  assert_string_equal(msg.c_str(), "T\001A\00118446744073709551615\001s\001t");
  assert_int_equal(crypto::build_fix_logon_message("T", 1, "", "t", &msg).code,
                   KALSHI_ERR_INVALID_ARG);
  assert_int_equal(crypto::build_fix_logon_message("T", 1, "s", "t\001", &msg).code,
                   KALSHI_ERR_INVALID_ARG);
}

void test_rest_examples(void **) {
  // rest-notes.md §2 "Examples".
  const struct {
    const char *method, *path, *want;
  } cases[] = {
      {"GET", "/trade-api/v2/portfolio/balance", "1703123456789GET/trade-api/v2/portfolio/balance"},
      {"GET", "/trade-api/v2/portfolio/orders?limit=5&status=resting",
       "1703123456789GET/trade-api/v2/portfolio/orders"},
      {"POST", "/trade-api/v2/portfolio/events/orders",
       "1703123456789POST/trade-api/v2/portfolio/events/orders"},
      {"DELETE", "/trade-api/v2/portfolio/events/orders/abc-123?market_ticker=X",
       "1703123456789DELETE/trade-api/v2/portfolio/events/orders/abc-123"},
      {"GET", "/trade-api/ws/v2", "1703123456789GET/trade-api/ws/v2"},
  };
  for (const auto &c : cases) {
    std::string msg;
    assert_true(crypto::build_rest_message(1703123456789LL, c.method, c.path, &msg).ok());
    assert_string_equal(msg.c_str(), c.want);
  }
  std::string msg;
  assert_true(crypto::build_rest_message(0, "GET", "/", &msg).ok());
  assert_string_equal(msg.c_str(), "0GET/");
  assert_true(crypto::build_rest_message(INT64_MAX, "PUT", "/a%20b?", &msg).ok());
  assert_string_equal(msg.c_str(), "9223372036854775807PUT/a%20b");
  assert_int_equal(crypto::build_rest_message(1, "get", "/", &msg).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(crypto::build_rest_message(1, "GET", "x", &msg).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(crypto::build_rest_message(-5, "GET", "/", &msg).code, KALSHI_ERR_INVALID_ARG);
  assert_true(msg.empty());
}

void test_base64_rfc4648(void **) {
  const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char *enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    const std::span<const uint8_t> in(reinterpret_cast<const uint8_t *>(plain[i]),
                                      std::strlen(plain[i]));
    assert_string_equal(crypto::base64_encode(in).c_str(), enc[i]);
    crypto::SecretBytes out;
    assert_true(crypto::base64_decode(enc[i], out));
    assert_int_equal(out.size(), in.size());
    if (!in.empty()) assert_memory_equal(out.data(), in.data(), in.size());
  }
  char small[5];
  size_t n = 0;
  // "foo" needs 4 characters plus the NUL.
  assert_false(crypto::base64_encode({reinterpret_cast<const uint8_t *>("foo"), 3}, small, 4, &n));
  assert_true(crypto::base64_encode({reinterpret_cast<const uint8_t *>("foo"), 3}, small, 5, &n));
  assert_int_equal(n, 4);
  crypto::SecretBytes out;
  assert_false(crypto::base64_decode("Zm9v!", out));
  assert_false(crypto::base64_decode("Z", out));
  assert_true(out.empty());
}

void test_pem_round_trip(void **) {
  std::vector<uint8_t> der(200);
  for (size_t i = 0; i < der.size(); ++i) der[i] = static_cast<uint8_t>(i * 7);
  const std::string pem = crypto::pem_encode("TEST THING", der);
  assert_true(pem.starts_with("-----BEGIN TEST THING-----\n"));
  assert_true(pem.ends_with("-----END TEST THING-----\n"));
  // 64-column body lines.
  assert_int_equal(pem.find('\n', 27) - 27, 64);
  const std::string text = "junk before\n" + pem + "junk after";
  size_t pos = 0;
  crypto::PemBlock block;
  bool found = false;
  assert_true(crypto::pem_next(text, &pos, &block, &found).ok());
  assert_true(found);
  assert_string_equal(block.label.c_str(), "TEST THING");
  assert_int_equal(block.der.size(), der.size());
  assert_memory_equal(block.der.data(), der.data(), der.size());
  assert_true(crypto::pem_next(text, &pos, &block, &found).ok());
  assert_false(found);
  const crypto::SecretBytes secret = crypto::pem_encode_secret("TEST THING", der);
  assert_int_equal(secret.size(), pem.size());
  assert_memory_equal(secret.data(), pem.data(), pem.size());
}

// RFC 8032 §7.1 test 1 as an RFC 5958 v2 OneAsymmetricKey carrying the public key too.
std::vector<uint8_t> ed25519_v2(const char *pub_hex) {
  std::vector<uint8_t> der = unhex("3051020101300506032b657004220420");
  const auto seed = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  der.insert(der.end(), seed.begin(), seed.end());
  der.insert(der.end(), {0x81, 0x21, 0x00});
  const auto pub = unhex(pub_hex);
  der.insert(der.end(), pub.begin(), pub.end());
  return der;
}

void test_ed25519_v2_public_key_checked(void **) {
  std::unique_ptr<crypto::PrivateKey> key;
  auto good = ed25519_v2("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  assert_true(crypto::load_private_key(std::span<const uint8_t>(good), "", &key).ok());
  assert_int_equal(static_cast<int>(key->type()), KALSHI_KEY_ED25519);
  auto bad = ed25519_v2("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511b");
  const kalshi::Error e = crypto::load_private_key(std::span<const uint8_t>(bad), "", &key);
  assert_int_equal(e.code, KALSHI_ERR_KEY_FORMAT);
  assert_null(key.get());
}

// Signatures made from several threads at once must each verify (mbedTLS verifier, PSS salt 32).
void test_concurrent_rsa_signatures_verify(void **) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  assert_non_null(root);
  std::unique_ptr<crypto::PrivateKey> key;
  assert_true(crypto::load_private_key_file(std::string(root) + "/tests/data/keys/rsa_pkcs1.pem",
                                            "", &key)
                  .ok());
  std::string pub;
  assert_true(key->public_pem(&pub).ok());
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  assert_int_equal(mbedtls_pk_parse_public_key(
                       &pk, reinterpret_cast<const unsigned char *>(pub.c_str()), pub.size() + 1),
                   0);

  constexpr int kThreads = 4, kEach = 6;
  std::vector<std::array<uint8_t, 256>> sigs(kThreads * kEach);
  std::vector<std::string> msgs(kThreads * kEach);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const int k = t * kEach + i;
        msgs[k] = "message " + std::to_string(k);
        size_t n = 0;
        const auto *m = reinterpret_cast<const uint8_t *>(msgs[k].data());
        if (!key->sign({m, msgs[k].size()}, sigs[k].data(), &n).ok() || n != 256) sigs[k][0] ^= 1;
      }
    });
  }
  for (auto &th : threads) th.join();

  mbedtls_rsa_context *rsa = mbedtls_pk_rsa(pk);
  for (int k = 0; k < kThreads * kEach; ++k) {
    unsigned char h[32];
    mbedtls_sha256_ret(reinterpret_cast<const unsigned char *>(msgs[k].data()), msgs[k].size(), h,
                       0);
    // Expected salt length exactly 32: a signer using another length fails here.
    assert_int_equal(mbedtls_rsa_rsassa_pss_verify_ext(rsa, nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                                       MBEDTLS_MD_SHA256, 32, h,
                                                       MBEDTLS_MD_SHA256, 32, sigs[k].data()),
                     0);
  }
  mbedtls_pk_free(&pk);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fix_golden_prehash),
      cmocka_unit_test(test_rest_examples),
      cmocka_unit_test(test_base64_rfc4648),
      cmocka_unit_test(test_pem_round_trip),
      cmocka_unit_test(test_ed25519_v2_public_key_checked),
      cmocka_unit_test(test_concurrent_rsa_signatures_verify),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
