// Ed25519 private keys (RFC 8032, pure), signed with libsodium. The 32-byte seed is the key; the
// 64-byte libsodium secret key (seed || public key) is kept for signing and wiped on destruction.
#pragma once

#include <array>
#include <memory>
#include <span>

#include "crypto/key.h"

namespace kalshi::crypto {

class Ed25519Key final : public PrivateKey {
 public:
  static constexpr size_t kSeedLen = 32;
  static constexpr size_t kPublicLen = 32;
  static constexpr size_t kSignatureLen = 64;

  // expected_public, when not empty, must equal the public key derived from the seed (PKCS#8 v2
  // files carry both; a mismatch means a corrupt file).
  static Error from_seed(std::span<const uint8_t> seed, std::span<const uint8_t> expected_public,
                         std::unique_ptr<PrivateKey> *out);
  static Error generate(std::unique_ptr<PrivateKey> *out);

  ~Ed25519Key() override;
  Ed25519Key(const Ed25519Key &) = delete;
  Ed25519Key &operator=(const Ed25519Key &) = delete;

  KeyType type() const override { return KeyType::kEd25519; }
  uint32_t bits() const override { return 256; }
  size_t signature_size() const override { return kSignatureLen; }
  Error sign(std::span<const uint8_t> msg, uint8_t *sig, size_t *sig_len) const override;
  Error public_pem(std::string *out) const override;
  Error private_pem(SecretBytes *out) const override;

 private:
  Ed25519Key() = default;

  std::array<uint8_t, 64> sk_{};
  std::array<uint8_t, kPublicLen> pk_{};
};

// RFC 8410 DER prefixes: SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo for Ed25519 are these
// fixed bytes followed by the 32-byte key.
inline constexpr uint8_t kEd25519SpkiPrefix[12] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                   0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
inline constexpr uint8_t kEd25519Pkcs8Prefix[16] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30,
                                                    0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                                                    0x04, 0x22, 0x04, 0x20};

}  // namespace kalshi::crypto
