// Standard base64 (RFC 4648 alphabet, '=' padding, no line breaks) over mbedTLS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crypto/secret.h"

namespace kalshi::crypto {

// Characters needed for n input bytes, without a NUL.
constexpr size_t base64_encoded_len(size_t n) { return (n + 2) / 3 * 4; }

// Writes the encoding and a NUL into out[0..cap). False (nothing useful written) when cap is less
// than base64_encoded_len(in.size()) + 1.
bool base64_encode(std::span<const uint8_t> in, char *out, size_t cap, size_t *out_len);
std::string base64_encode(std::span<const uint8_t> in);

// Decodes text that may contain line breaks. False for anything that is not valid base64; out is
// then empty. The result is a SecretBytes because this decodes PEM key bodies.
bool base64_decode(std::string_view in, SecretBytes &out);

}  // namespace kalshi::crypto
