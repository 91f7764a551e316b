// crypto::RsaPublicKey, the simulator's check of a Logon RawData(96) (kalshi-fix.md §2.7):
// SPKI and PKCS#1 public keys, signatures from our signer verify, anything else does not
// (other bytes, other key, other PSS salt length, bad base64), and non-RSA or broken keys load
// with a clear error.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>

#include <string>

#include "crypto/base64.h"
#include "test_sim_acceptor_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;

namespace {

const std::string kPrehash = std::string("20230809-05:28:18.035\x01") + "A\x01" + "1\x01" +
                             "your-fix-api-key-uuid\x01" + "KalshiNR";

std::string sign_with(const crypto::PrivateKey &key) {
  std::string sig;
  if (!crypto::sign_fix_logon(key, "20230809-05:28:18.035", 1, "your-fix-api-key-uuid", "KalshiNR",
                              sig)
           .ok()) {
    std::abort();
  }
  return sig;
}

std::unique_ptr<crypto::RsaPublicKey> load_pub(const char *file) {
  std::unique_ptr<crypto::RsaPublicKey> pub;
  assert_true(crypto::RsaPublicKey::load(read_file(data_path(file)), &pub).ok());
  return pub;
}

void test_spki_and_pkcs1_verify_our_signature(void **) {
  const std::string sig = sign_with(test_private_key());
  assert_int_equal(sig.size(), 344);
  for (const char *file : {"rsa_pub.pem", "rsa_pub_pkcs1.pem"}) {
    auto pub = load_pub(file);
    assert_int_equal(pub->bits(), 2048);
    assert_true(pub->verify_pss_b64(kPrehash, sig).ok());
    // One byte different in the pre-hash.
    std::string other = kPrehash;
    other[0] = '3';
    assert_int_equal(pub->verify_pss_b64(other, sig).code, KALSHI_ERR_CRYPTO);
  }
}

void test_public_pem_of_private_key_loads(void **) {
  std::string pem;
  assert_true(test_private_key().public_pem(&pem).ok());
  std::unique_ptr<crypto::RsaPublicKey> pub;
  assert_true(crypto::RsaPublicKey::load(pem, &pub).ok());
  assert_true(pub->verify_pss_b64(kPrehash, sign_with(test_private_key())).ok());
}

void test_other_key_and_bad_input_refused(void **) {
  auto pub = load_pub("rsa_pub.pem");
  std::unique_ptr<crypto::PrivateKey> other;
  assert_true(crypto::load_private_key_file(data_path("rsa3072_pkcs8.pem"), "", &other).ok());
  assert_int_equal(pub->verify_pss_b64(kPrehash, sign_with(*other)).code, KALSHI_ERR_CRYPTO);
  std::string sig = sign_with(test_private_key());
  sig[10] = sig[10] == 'A' ? 'B' : 'A';
  assert_int_equal(pub->verify_pss_b64(kPrehash, sig).code, KALSHI_ERR_CRYPTO);
  assert_int_equal(pub->verify_pss_b64(kPrehash, "").code, KALSHI_ERR_CRYPTO);
  assert_int_equal(pub->verify_pss_b64(kPrehash, "not base64!").code, KALSHI_ERR_CRYPTO);
  assert_int_equal(pub->verify_pss_b64(kPrehash, std::string(100000, 'A')).code, KALSHI_ERR_CRYPTO);
  const uint8_t short_sig[3] = {1, 2, 3};
  assert_int_equal(pub->verify_pss(kPrehash, short_sig).code, KALSHI_ERR_CRYPTO);
}

int counter_rng(void *state, unsigned char *out, size_t n) {
  auto *c = static_cast<unsigned *>(state);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(++*c * 131u);
  return 0;
}

// Signs kPrehash with the test key and the given PSS salt length, straight through mbedTLS.
std::string sign_salt(int salt_len) {
  const std::string pem = read_file(data_path("rsa_pkcs8.pem"));
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  unsigned rng_state = 7;
  assert_int_equal(mbedtls_pk_parse_key(&pk, reinterpret_cast<const unsigned char *>(pem.c_str()),
                                        pem.size() + 1, nullptr, 0),
                   0);
  mbedtls_rsa_context *rsa = mbedtls_pk_rsa(pk);
  mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
  unsigned char hash[32];
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char *>(kPrehash.data()), kPrehash.size(),
                     hash, 0);
  unsigned char sig[512];
  assert_int_equal(mbedtls_rsa_rsassa_pss_sign_ext(rsa, counter_rng, &rng_state, MBEDTLS_MD_SHA256,
                                                   32, hash, salt_len, sig),
                   0);
  const size_t len = mbedtls_pk_get_len(&pk);
  mbedtls_pk_free(&pk);
  return crypto::base64_encode({sig, len});
}

void test_salt_length_must_be_32(void **) {
  auto pub = load_pub("rsa_pub.pem");
  assert_true(pub->verify_pss_b64(kPrehash, sign_salt(32)).ok());
  assert_int_equal(pub->verify_pss_b64(kPrehash, sign_salt(20)).code, KALSHI_ERR_CRYPTO);
  assert_int_equal(pub->verify_pss_b64(kPrehash, sign_salt(0)).code, KALSHI_ERR_CRYPTO);
}

void test_load_errors(void **) {
  std::unique_ptr<crypto::RsaPublicKey> pub;
  assert_int_equal(crypto::RsaPublicKey::load("", &pub).code, KALSHI_ERR_KEY_FORMAT);
  assert_int_equal(crypto::RsaPublicKey::load(read_file(data_path("garbage.pem")), &pub).code,
                   KALSHI_ERR_KEY_FORMAT);
  assert_false(crypto::RsaPublicKey::load(read_file(data_path("ed25519_pub.pem")), &pub).ok());
  assert_null(pub.get());
  // A private key is not a public key here.
  assert_false(crypto::RsaPublicKey::load(read_file(data_path("rsa_pkcs8.pem")), &pub).ok());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spki_and_pkcs1_verify_our_signature),
      cmocka_unit_test(test_public_pem_of_private_key_loads),
      cmocka_unit_test(test_other_key_and_bad_input_refused),
      cmocka_unit_test(test_salt_length_must_be_32),
      cmocka_unit_test(test_load_errors),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
