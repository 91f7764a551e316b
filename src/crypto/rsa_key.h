// RSA private keys held in an mbedTLS pk context; signs RSASSA-PSS with SHA-256, MGF1-SHA-256 and
// a 32-byte salt, as Kalshi verifies.
#pragma once

#include <mbedtls/pk.h>

#include <memory>
#include <mutex>
#include <span>
#include <string_view>

#include "crypto/key.h"

namespace kalshi::crypto {

class RsaKey final : public PrivateKey {
 public:
  // Accepted sizes when loading. 1024 is below what Kalshi issues but still makes a valid PSS
  // signature; mbedTLS cannot hold more than 8192.
  static constexpr uint32_t kMinLoadBits = 1024;
  static constexpr uint32_t kMaxBits = 8192;

  // PKCS#1 RSAPrivateKey or PKCS#8 PrivateKeyInfo (rsaEncryption) DER.
  static Error from_der(std::span<const uint8_t> der, std::unique_ptr<PrivateKey> *out);
  // An OpenSSL legacy PEM block ("Proc-Type: 4,ENCRYPTED"); mbedTLS decrypts it.
  static Error from_legacy_pem(std::string_view block, std::string_view passphrase,
                               std::unique_ptr<PrivateKey> *out);
  // EncryptedPrivateKeyInfo with a scheme mbedTLS handles itself (PKCS#12 PBE).
  static Error from_encrypted_der(std::span<const uint8_t> der, std::string_view passphrase,
                                  std::unique_ptr<PrivateKey> *out);
  static Error generate(uint32_t bits, std::unique_ptr<PrivateKey> *out);

  ~RsaKey() override;
  RsaKey(const RsaKey &) = delete;
  RsaKey &operator=(const RsaKey &) = delete;

  KeyType type() const override { return KeyType::kRsa; }
  uint32_t bits() const override { return bits_; }
  size_t signature_size() const override { return len_; }
  Error sign(std::span<const uint8_t> msg, uint8_t *sig, size_t *sig_len) const override;
  Error public_pem(std::string *out) const override;
  Error private_pem(SecretBytes *out) const override;

 private:
  RsaKey();
  // Maps a parse result to an Error, checks the key and takes ownership on success.
  static Error finish(std::unique_ptr<RsaKey> key, int parse_rc, bool encrypted,
                      std::unique_ptr<PrivateKey> *out);

  // mbedTLS's RSA context keeps blinding values that every private operation updates, and its
  // writers take non-const pointers, so all use goes through mu_.
  mutable std::mutex mu_;
  mutable mbedtls_pk_context pk_;
  uint32_t bits_ = 0;
  size_t len_ = 0;
};

}  // namespace kalshi::crypto
