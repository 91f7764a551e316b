#include "crypto/rsa_key.h"

#include <mbedtls/error.h>
#include <mbedtls/pem.h>
#include <mbedtls/pkcs12.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>

#include <cstdio>
#include <cstring>

#include "crypto/drbg.h"
#include "crypto/pem.h"

namespace kalshi::crypto {

namespace {

constexpr size_t kSha256Len = 32;
constexpr int kSaltLen = 32;  // Kalshi: salt length = digest length
constexpr unsigned kPublicExponent = 65537;
// Big enough for the DER of an 8192-bit private key (about 4.7 KB).
constexpr size_t kDerBufSize = 8192;

std::string hex_code(int rc) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-0x%04x", static_cast<unsigned>(-rc));
  return buf;
}

// Translates mbedTLS parse errors into the distinct key errors of kalshi/key.h.
Error parse_error(int rc, bool encrypted, bool have_passphrase) {
  switch (rc) {
    case MBEDTLS_ERR_PK_PASSWORD_REQUIRED:
      return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "the key is encrypted; a passphrase is needed");
    case MBEDTLS_ERR_PK_PASSWORD_MISMATCH:
      return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "wrong passphrase for the encrypted key");
    case MBEDTLS_ERR_PK_UNKNOWN_PK_ALG:
      return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                         "the key is neither RSA nor Ed25519; Kalshi accepts only those");
    case MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE:
    case MBEDTLS_ERR_PKCS5_FEATURE_UNAVAILABLE:
    case MBEDTLS_ERR_PKCS12_FEATURE_UNAVAILABLE:
    case MBEDTLS_ERR_PEM_FEATURE_UNAVAILABLE:
    case MBEDTLS_ERR_PEM_UNKNOWN_ENC_ALG:
      return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                         "the key's encryption scheme is not supported; re-encrypt it with "
                         "`openssl pkcs8 -topk8 -v2 aes-256-cbc`");
    default:
      break;
  }
  if (encrypted && have_passphrase) {
    // A wrong passphrase that happens to pass the padding check decrypts to garbage.
    return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "wrong passphrase for the encrypted key");
  }
  return Error::make(KALSHI_ERR_KEY_FORMAT, "malformed RSA private key (mbedTLS " + hex_code(rc) +
                                                ")");
}

}  // namespace

RsaKey::RsaKey() { mbedtls_pk_init(&pk_); }

RsaKey::~RsaKey() {
  // mbedtls_pk_free -> mbedtls_rsa_free zeroizes every MPI limb before freeing it.
  mbedtls_pk_free(&pk_);
}

Error RsaKey::finish(std::unique_ptr<RsaKey> key, int rc, bool encrypted,
                     std::unique_ptr<PrivateKey> *out) {
  if (rc != 0) return parse_error(rc, encrypted, true);
  if (mbedtls_pk_get_type(&key->pk_) != MBEDTLS_PK_RSA) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                       "the key is neither RSA nor Ed25519; Kalshi accepts only those");
  }
  mbedtls_rsa_context *rsa = mbedtls_pk_rsa(key->pk_);
  key->len_ = mbedtls_rsa_get_len(rsa);
  key->bits_ = static_cast<uint32_t>(mbedtls_pk_get_bitlen(&key->pk_));
  if (key->bits_ < kMinLoadBits || key->bits_ > kMaxBits) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "RSA key of " + std::to_string(key->bits_) +
                                                       " bits; 1024..8192 are supported");
  }
  // The parser checks the public half only; a private key with inconsistent CRT values would
  // sign garbage (or leak a factor under fault analysis), so check it all.
  if (mbedtls_rsa_check_privkey(rsa) != 0) {
    return Error::make(KALSHI_ERR_KEY_FORMAT, "RSA private key is inconsistent (fails checks)");
  }
  // PSS's MGF1 hash comes from the context: SHA-256.
  mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
  *out = std::move(key);
  return {};
}

Error RsaKey::from_der(std::span<const uint8_t> der, std::unique_ptr<PrivateKey> *out) {
  std::unique_ptr<RsaKey> key(new RsaKey());
  const int rc = mbedtls_pk_parse_key(&key->pk_, der.data(), der.size(), nullptr, 0);
  if (rc != 0) return parse_error(rc, false, false);
  return finish(std::move(key), rc, false, out);
}

Error RsaKey::from_legacy_pem(std::string_view block, std::string_view passphrase,
                              std::unique_ptr<PrivateKey> *out) {
  if (passphrase.empty()) {
    return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "the key is encrypted; a passphrase is needed");
  }
  // mbedTLS recognises PEM only in a NUL-terminated buffer whose length counts the NUL.
  SecretBytes text(block.size() + 1);
  std::memcpy(text.data(), block.data(), block.size());
  text.data()[block.size()] = 0;
  std::unique_ptr<RsaKey> key(new RsaKey());
  const int rc =
      mbedtls_pk_parse_key(&key->pk_, text.data(), text.size(),
                           reinterpret_cast<const unsigned char *>(passphrase.data()),
                           passphrase.size());
  return finish(std::move(key), rc, true, out);
}

Error RsaKey::from_encrypted_der(std::span<const uint8_t> der, std::string_view passphrase,
                                 std::unique_ptr<PrivateKey> *out) {
  std::unique_ptr<RsaKey> key(new RsaKey());
  const int rc =
      mbedtls_pk_parse_key(&key->pk_, der.data(), der.size(),
                           reinterpret_cast<const unsigned char *>(passphrase.data()),
                           passphrase.size());
  return finish(std::move(key), rc, true, out);
}

Error RsaKey::generate(uint32_t bits, std::unique_ptr<PrivateKey> *out) {
  if (bits == 0) bits = 2048;
  if (bits < 2048 || bits > kMaxBits || bits % 8 != 0) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "RSA key size must be a multiple of 8 in 2048..8192 bits");
  }
  std::unique_ptr<RsaKey> key(new RsaKey());
  int rc = mbedtls_pk_setup(&key->pk_, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA));
  if (rc == 0) {
    rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(key->pk_), &Drbg::mbedtls_rng, &Drbg::instance(),
                             bits, kPublicExponent);
  }
  if (rc != 0) {
    return Error::make(KALSHI_ERR_CRYPTO, "RSA key generation failed (mbedTLS " + hex_code(rc) +
                                              ")");
  }
  return finish(std::move(key), 0, false, out);
}

Error RsaKey::sign(std::span<const uint8_t> msg, uint8_t *sig, size_t *sig_len) const {
  unsigned char hash[kSha256Len];
  if (mbedtls_sha256_ret(msg.data(), msg.size(), hash, 0) != 0) {
    return Error::make(KALSHI_ERR_CRYPTO, "SHA-256 failed");
  }
  int rc = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    rc = mbedtls_rsa_rsassa_pss_sign_ext(mbedtls_pk_rsa(pk_), &Drbg::mbedtls_rng,
                                         &Drbg::instance(), MBEDTLS_MD_SHA256, kSha256Len, hash,
                                         kSaltLen, sig);
  }
  if (rc != 0) {
    return Error::make(KALSHI_ERR_CRYPTO, "RSA-PSS signing failed (mbedTLS " + hex_code(rc) + ")");
  }
  *sig_len = len_;
  return {};
}

Error RsaKey::public_pem(std::string *out) const {
  unsigned char buf[kDerBufSize];
  int n = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    n = mbedtls_pk_write_pubkey_der(&pk_, buf, sizeof buf);
  }
  if (n <= 0) return Error::make(KALSHI_ERR_CRYPTO, "could not encode the RSA public key");
  // mbedTLS writes DER at the end of the buffer.
  *out = pem_encode("PUBLIC KEY", {buf + sizeof buf - n, static_cast<size_t>(n)});
  return {};
}

Error RsaKey::private_pem(SecretBytes *out) const {
  SecretBytes buf(kDerBufSize);
  int n = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    n = mbedtls_pk_write_key_der(&pk_, buf.data(), buf.size());
  }
  if (n <= 0) return Error::make(KALSHI_ERR_CRYPTO, "could not encode the RSA private key");
  *out = pem_encode_secret("RSA PRIVATE KEY",
                           {buf.data() + buf.size() - n, static_cast<size_t>(n)});
  return {};
}

}  // namespace kalshi::crypto
