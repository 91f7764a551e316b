// Decrypts PKCS#8 EncryptedPrivateKeyInfo protected with PBES2 (RFC 8018): PBKDF2 with
// HMAC-SHA1/224/256/384/512 and AES-128/192/256-CBC or DES-EDE3-CBC. This is what
// `openssl pkcs8 -topk8` and `openssl genpkey -aes256` write. mbedTLS 2.28's own PKCS#5 code
// lacks the AES ciphers (it fails with PKCS5_FEATURE_UNAVAILABLE), so the steps are put together
// here from its PBKDF2 and cipher primitives. Works for any inner key type, Ed25519 included.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/error.h"
#include "crypto/secret.h"

namespace kalshi::crypto {

enum class Pbes2Result {
  kDecrypted,   // *plain holds the inner PrivateKeyInfo DER (not yet validated)
  kOtherScheme, // not PBES2 (e.g. PKCS#12 PBE); the caller may let mbedTLS try
  kFailed,      // *err says why (KEY_FORMAT, KEY_PASSPHRASE or KEY_UNSUPPORTED)
};

// PBKDF2 iteration counts above this are refused: a hostile file must not pin a CPU for minutes.
inline constexpr int kMaxPbkdf2Iterations = 10'000'000;

Pbes2Result pbes2_decrypt(std::span<const uint8_t> encrypted_pkcs8, std::string_view passphrase,
                          SecretBytes *plain, Error *err);

}  // namespace kalshi::crypto
