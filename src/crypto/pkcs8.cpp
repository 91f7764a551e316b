#include "crypto/pkcs8.h"

#include <cstring>

#include "crypto/asn1_cursor.h"

namespace kalshi::crypto {

namespace {

using Cursor = Asn1Cursor;
constexpr int kSeq = kAsn1Seq;

// Reads an INTEGER small enough to be a version number; false for big or negative ones.
bool small_int(Cursor *c, int *v) {
  size_t len = 0;
  unsigned char *save = c->p;
  if (!c->tag(MBEDTLS_ASN1_INTEGER, &len)) return false;
  if (len != 1 || (*c->p & 0x80) != 0) {
    c->p = save;
    return false;
  }
  *v = *c->p;
  c->p += 1;
  return true;
}

size_t count_ints(Cursor c) {
  size_t n = 0;
  while (!c.at_end() && c.skip(MBEDTLS_ASN1_INTEGER)) ++n;
  return c.at_end() ? n : 0;
}

}  // namespace

bool oid_is(std::span<const uint8_t> oid_bytes, std::string_view expected) {
  return oid_bytes.size() == expected.size() &&
         std::memcmp(oid_bytes.data(), expected.data(), expected.size()) == 0;
}

std::string_view algorithm_name(std::span<const uint8_t> o) {
  if (oid_is(o, oid::kEcPublicKey)) return "EC (ECDSA)";
  if (oid_is(o, oid::kX25519)) return "X25519";
  if (oid_is(o, oid::kX448)) return "X448";
  if (oid_is(o, oid::kEd448)) return "Ed448";
  if (oid_is(o, oid::kDsa)) return "DSA";
  if (oid_is(o, oid::kRsaPss)) return "RSASSA-PSS-restricted RSA";
  return "unknown-algorithm";
}

DerKind classify_der(std::span<const uint8_t> der) {
  Cursor top(der);
  size_t len = 0;
  if (!top.tag(kSeq, &len)) return DerKind::kUnknown;
  Cursor c(top.p, len);
  if (c.peek() == MBEDTLS_ASN1_INTEGER) {
    int version = 0;
    if (!small_int(&c, &version)) {
      // A big first INTEGER is a modulus: RSAPublicKey { n, e }.
      return count_ints(Cursor(top.p, len)) == 2 ? DerKind::kPkcs1RsaPublic : DerKind::kUnknown;
    }
    switch (c.peek()) {
      case kSeq:
        return DerKind::kPkcs8;
      case MBEDTLS_ASN1_OCTET_STRING:
        return version == 1 ? DerKind::kSec1Ec : DerKind::kUnknown;
      case MBEDTLS_ASN1_INTEGER: {
        // RSAPrivateKey has 9 INTEGERs (two-prime), OpenSSL's DSA form has 6.
        const size_t n = count_ints(Cursor(top.p, len));
        if (n >= 9) return DerKind::kPkcs1Rsa;
        if (n == 6) return DerKind::kDsa;
        return DerKind::kUnknown;
      }
      default:
        return DerKind::kUnknown;
    }
  }
  if (c.peek() == kSeq) {
    Cursor first = c;
    size_t flen = 0;
    if (!first.tag(kSeq, &flen)) return DerKind::kUnknown;
    // A certificate opens with TBSCertificate, whose first element is [0] version or a serial.
    const bool tbs = first.peek() == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED);
    if (!c.skip(kSeq)) return DerKind::kUnknown;
    if (tbs) return DerKind::kCertificate;
    switch (c.peek()) {
      case MBEDTLS_ASN1_OCTET_STRING:
        return DerKind::kEncryptedPkcs8;
      case MBEDTLS_ASN1_BIT_STRING:
        return DerKind::kSpki;
      case kSeq:
        return DerKind::kCertificate;
      default:
        return DerKind::kUnknown;
    }
  }
  return DerKind::kUnknown;
}

Error parse_pkcs8(std::span<const uint8_t> der, Pkcs8View *out) {
  const Error bad = Error::make(KALSHI_ERR_KEY_FORMAT, "malformed PKCS#8 PrivateKeyInfo");
  *out = {};
  Cursor top(der);
  size_t len = 0;
  if (!top.tag(kSeq, &len)) return bad;
  Cursor c(top.p, len);
  int version = 0;
  if (!small_int(&c, &version) || (version != 0 && version != 1)) return bad;

  size_t alg_len = 0;
  if (!c.tag(kSeq, &alg_len)) return bad;
  Cursor alg(c.p, alg_len);
  c.p += alg_len;
  if (!alg.skip(MBEDTLS_ASN1_OID, &out->alg_oid)) return bad;
  out->has_params = !alg.at_end();

  if (!c.skip(MBEDTLS_ASN1_OCTET_STRING, &out->private_key)) return bad;
  // Optional [0] attributes, then (v2 only) [1] publicKey.
  constexpr int kAttrs = MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0;
  constexpr int kPub = MBEDTLS_ASN1_CONTEXT_SPECIFIC | 1;
  if (c.peek() == kAttrs && !c.skip(kAttrs)) return bad;
  if (c.peek() == kPub) {
    std::span<const uint8_t> bits;
    if (version != 1 || !c.skip(kPub, &bits)) return bad;
    // BIT STRING content: one "unused bits" byte, which must be 0 for a key.
    if (bits.empty() || bits[0] != 0) return bad;
    out->public_key = bits.subspan(1);
  }
  if (!c.at_end()) return bad;
  return {};
}

}  // namespace kalshi::crypto
