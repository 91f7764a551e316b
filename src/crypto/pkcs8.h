// Recognises the DER structures a key file may hold and parses the PKCS#8 (RFC 5958) wrappers
// by hand, because mbedTLS 2.28 knows neither Ed25519 nor AES-encrypted PKCS#8.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/error.h"

namespace kalshi::crypto {

enum class DerKind {
  kPkcs8,            // PrivateKeyInfo / OneAsymmetricKey
  kEncryptedPkcs8,   // EncryptedPrivateKeyInfo
  kPkcs1Rsa,         // RSAPrivateKey
  kPkcs1RsaPublic,   // RSAPublicKey
  kSpki,             // SubjectPublicKeyInfo
  kCertificate,      // X.509 certificate
  kSec1Ec,           // ECPrivateKey
  kDsa,              // OpenSSL "traditional" DSA private key
  kUnknown,
};

DerKind classify_der(std::span<const uint8_t> der);

// Algorithm OIDs (content bytes, without tag and length).
namespace oid {
inline constexpr std::string_view kRsa = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01";
inline constexpr std::string_view kRsaPss = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a";
inline constexpr std::string_view kEd25519 = "\x2b\x65\x70";
inline constexpr std::string_view kEd448 = "\x2b\x65\x71";
inline constexpr std::string_view kX25519 = "\x2b\x65\x6e";
inline constexpr std::string_view kX448 = "\x2b\x65\x6f";
inline constexpr std::string_view kEcPublicKey = "\x2a\x86\x48\xce\x3d\x02\x01";
inline constexpr std::string_view kDsa = "\x2a\x86\x48\xce\x38\x04\x01";
}  // namespace oid

struct Pkcs8View {
  std::span<const uint8_t> alg_oid;      // content bytes of the algorithm OID
  bool has_params = false;               // AlgorithmIdentifier carries parameters
  std::span<const uint8_t> private_key;  // content of the privateKey OCTET STRING
  std::span<const uint8_t> public_key;   // RFC 5958 v2 [1] publicKey bits, else empty
};

// KALSHI_ERR_KEY_FORMAT when der is not a PrivateKeyInfo.
Error parse_pkcs8(std::span<const uint8_t> der, Pkcs8View *out);

bool oid_is(std::span<const uint8_t> oid_bytes, std::string_view expected);

// The key-type name for an unsupported algorithm OID ("EC", "X25519", ...), for messages.
std::string_view algorithm_name(std::span<const uint8_t> oid_bytes);

}  // namespace kalshi::crypto
