// Private keys for Kalshi request signing: the C++ API the client uses, and what the
// kalshi_key_* C functions wrap.
//
//   std::unique_ptr<PrivateKey> key;
//   if (Error e = load_private_key_file("/path/key.pem", "", &key); !e.ok()) ...
//   std::string sig;
//   Error e = sign_rest(*key, now_ms, "GET", "/trade-api/v2/portfolio/balance", sig);
//
// A PrivateKey is immutable after loading and safe to share between threads: sign() may be called
// concurrently (RSA serialises on a per-key mutex; Ed25519 needs no lock).
#pragma once

#include <kalshi/key.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "crypto/secret.h"

namespace kalshi::crypto {

enum class KeyType { kRsa = KALSHI_KEY_RSA, kEd25519 = KALSHI_KEY_ED25519 };

// Largest signature any loadable key makes (RSA-8192); callers may size stack buffers with it.
inline constexpr size_t kMaxSignatureSize = 1024;

class PrivateKey {
 public:
  virtual ~PrivateKey() = default;
  virtual KeyType type() const = 0;
  virtual uint32_t bits() const = 0;
  virtual size_t signature_size() const = 0;
  // Signs msg (RSA-PSS/SHA-256/MGF1-SHA-256/salt 32, or pure Ed25519) into sig, which must hold
  // signature_size() bytes; *sig_len receives the length.
  virtual Error sign(std::span<const uint8_t> msg, uint8_t *sig, size_t *sig_len) const = 0;
  // SubjectPublicKeyInfo PEM.
  virtual Error public_pem(std::string *out) const = 0;
  // RSA: PKCS#1 "RSA PRIVATE KEY"; Ed25519: PKCS#8 "PRIVATE KEY". Unencrypted.
  virtual Error private_pem(SecretBytes *out) const = 0;
};

// PEM text (or raw DER) of a private key. An empty passphrase means none. Errors:
// KALSHI_ERR_KEY_FORMAT, _KEY_PASSPHRASE, _KEY_UNSUPPORTED, _KEY_PUBLIC (see kalshi/key.h).
Error load_private_key(std::span<const uint8_t> pem_or_der, std::string_view passphrase,
                       std::unique_ptr<PrivateKey> *out);
Error load_private_key(std::string_view pem, std::string_view passphrase,
                       std::unique_ptr<PrivateKey> *out);
// KALSHI_ERR_IO when the file cannot be read.
Error load_private_key_file(const std::string &path, std::string_view passphrase,
                            std::unique_ptr<PrivateKey> *out);
// KALSHI_PRIVATE_KEY / _PATH / _PASSPHRASE, or the KALSHI_PERPS_ forms when perps.
Error load_private_key_env(bool perps, std::unique_ptr<PrivateKey> *out);
// RSA with bits in 2048..8192 (0 = 2048), or Ed25519 (bits ignored).
Error generate_private_key(KeyType type, uint32_t bits, std::unique_ptr<PrivateKey> *out);

}  // namespace kalshi::crypto
