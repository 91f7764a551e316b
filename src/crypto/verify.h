// RSA public keys and RSA-PSS verification: the exchange side of Kalshi's signatures (the
// simulator checks a FIX Logon's RawData(96), kalshi-fix.md §2.7, the way the exchange does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "core/error.h"

namespace kalshi::crypto {

// The PSS salt length Kalshi documents (§2.7: salt = digest length, 32 bytes) and our signer uses.
inline constexpr size_t kPssSaltLen = 32;

class RsaPublicKey {
 public:
  // PEM "PUBLIC KEY" (SubjectPublicKeyInfo), PEM "RSA PUBLIC KEY" (PKCS#1) or either as DER.
  // KALSHI_ERR_KEY_FORMAT when it is none of these, KALSHI_ERR_KEY_UNSUPPORTED when it is not RSA.
  static Error load(std::string_view pem_or_der, std::unique_ptr<RsaPublicKey> *out);

  ~RsaPublicKey();
  RsaPublicKey(const RsaPublicKey &) = delete;
  RsaPublicKey &operator=(const RsaPublicKey &) = delete;

  uint32_t bits() const;
  // RSASSA-PSS, SHA-256, MGF1-SHA-256, salt kPssSaltLen, over msg. KALSHI_ERR_CRYPTO when the
  // signature does not verify (wrong key, wrong bytes, other salt length, wrong size).
  Error verify_pss(std::string_view msg, std::span<const uint8_t> signature) const;
  // The same with the signature as standard base64 (tag 96). KALSHI_ERR_CRYPTO for bad base64 too.
  Error verify_pss_b64(std::string_view msg, std::string_view signature_b64) const;

  struct Impl;

 private:
  explicit RsaPublicKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::crypto
