// A small read cursor over DER for the hand-written PKCS#8 / PBES2 parsers, on top of mbedTLS's
// asn1 readers (which want unsigned char ** and never write through them).
#pragma once

#include <mbedtls/asn1.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace kalshi::crypto {

inline constexpr int kAsn1Seq = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;

struct Asn1Cursor {
  unsigned char *p;
  const unsigned char *end;

  explicit Asn1Cursor(std::span<const uint8_t> s)
      : p(const_cast<unsigned char *>(s.data())), end(s.data() + s.size()) {}
  Asn1Cursor(unsigned char *from, size_t len) : p(from), end(from + len) {}

  bool at_end() const { return p >= end; }
  int peek() const { return at_end() ? -1 : *p; }
  // Reads tag and length; leaves p at the content.
  bool tag(int t, size_t *len) { return mbedtls_asn1_get_tag(&p, end, len, t) == 0; }
  // Reads a whole element, optionally returning its content, and steps over it.
  bool skip(int t, std::span<const uint8_t> *content = nullptr) {
    size_t len = 0;
    if (!tag(t, &len)) return false;
    if (content != nullptr) *content = {p, len};
    p += len;
    return true;
  }
  // Enters a constructed element: returns a cursor over its content and steps this one past it.
  bool enter(int t, Asn1Cursor *inner) {
    size_t len = 0;
    if (!tag(t, &len)) return false;
    *inner = Asn1Cursor(p, len);
    p += len;
    return true;
  }
  bool get_int(int *v) { return mbedtls_asn1_get_int(&p, end, v) == 0; }
};

}  // namespace kalshi::crypto
