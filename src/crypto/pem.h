// PEM (RFC 7468) framing: finds "-----BEGIN <label>-----" blocks, decodes their bodies, and writes
// new ones with 64-column lines. Knows nothing about what the DER inside means.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "crypto/secret.h"

namespace kalshi::crypto {

struct PemBlock {
  std::string label;         // e.g. "RSA PRIVATE KEY"; printable ASCII, at most 64 chars
  std::string_view text;     // the whole block, BEGIN line to END line, inside the input
  bool legacy_encrypted = false;  // RFC 1421 "Proc-Type: 4,ENCRYPTED" header (OpenSSL legacy)
  SecretBytes der;           // decoded body; empty when legacy_encrypted (the body is ciphertext)
};

// Parses the next block at or after *pos and advances *pos past it. Returns an Error with
// KALSHI_ERR_KEY_FORMAT for a malformed block; sets *found = false (and returns ok) when there is
// no further BEGIN line. Messages name the label at most, never body bytes.
Error pem_next(std::string_view in, size_t *pos, PemBlock *out, bool *found);

// "-----BEGIN label-----\n" + base64 in 64-char lines + "-----END label-----\n".
std::string pem_encode(std::string_view label, std::span<const uint8_t> der);
// The same, into wiped-on-release memory, for private keys.
SecretBytes pem_encode_secret(std::string_view label, std::span<const uint8_t> der);

}  // namespace kalshi::crypto
