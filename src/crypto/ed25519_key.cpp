#include "crypto/ed25519_key.h"

#include <sodium.h>

#include <cstring>

#include "crypto/drbg.h"
#include "crypto/pem.h"

namespace kalshi::crypto {

namespace {

bool sodium_ready() {
  // sodium_init is idempotent and thread-safe, but calling it once keeps the hot path clean.
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Error not_ready() { return Error::make(KALSHI_ERR_CRYPTO, "libsodium failed to initialise"); }

}  // namespace

Ed25519Key::~Ed25519Key() {
  sodium_memzero(sk_.data(), sk_.size());
  sodium_memzero(pk_.data(), pk_.size());
}

Error Ed25519Key::from_seed(std::span<const uint8_t> seed, std::span<const uint8_t> expected_pub,
                            std::unique_ptr<PrivateKey> *out) {
  if (!sodium_ready()) return not_ready();
  if (seed.size() != kSeedLen) {
    return Error::make(KALSHI_ERR_KEY_FORMAT, "Ed25519 private key is not 32 bytes");
  }
  std::unique_ptr<Ed25519Key> key(new Ed25519Key());
  if (crypto_sign_seed_keypair(key->pk_.data(), key->sk_.data(), seed.data()) != 0) {
    return Error::make(KALSHI_ERR_CRYPTO, "Ed25519 key derivation failed");
  }
  if (!expected_pub.empty() &&
      (expected_pub.size() != kPublicLen ||
       std::memcmp(expected_pub.data(), key->pk_.data(), kPublicLen) != 0)) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "Ed25519 key file is corrupt: its public key does not match the seed");
  }
  *out = std::move(key);
  return {};
}

Error Ed25519Key::generate(std::unique_ptr<PrivateKey> *out) {
  SecretBytes seed(kSeedLen);
  if (Error e = Drbg::instance().fill(seed.data(), seed.size()); !e.ok()) return e;
  return from_seed(seed.span(), {}, out);
}

Error Ed25519Key::sign(std::span<const uint8_t> msg, uint8_t *sig, size_t *sig_len) const {
  unsigned long long n = 0;
  if (crypto_sign_detached(sig, &n, msg.data(), msg.size(), sk_.data()) != 0) {
    return Error::make(KALSHI_ERR_CRYPTO, "Ed25519 signing failed");
  }
  *sig_len = static_cast<size_t>(n);
  return {};
}

Error Ed25519Key::public_pem(std::string *out) const {
  uint8_t der[sizeof kEd25519SpkiPrefix + kPublicLen];
  std::memcpy(der, kEd25519SpkiPrefix, sizeof kEd25519SpkiPrefix);
  std::memcpy(der + sizeof kEd25519SpkiPrefix, pk_.data(), kPublicLen);
  *out = pem_encode("PUBLIC KEY", der);
  return {};
}

Error Ed25519Key::private_pem(SecretBytes *out) const {
  SecretBytes der(sizeof kEd25519Pkcs8Prefix + kSeedLen);
  std::memcpy(der.data(), kEd25519Pkcs8Prefix, sizeof kEd25519Pkcs8Prefix);
  // libsodium's secret key starts with the seed.
  std::memcpy(der.data() + sizeof kEd25519Pkcs8Prefix, sk_.data(), kSeedLen);
  *out = pem_encode_secret("PRIVATE KEY", der.span());
  return {};
}

}  // namespace kalshi::crypto
