// Integer-to-text helpers shared by the writer and the timestamp formatter (private to the codec).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kalshi::fix::detail {

// "00" "01" ... "99": two digits per table lookup halves the divisions.
inline constexpr char kDigitPairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

inline void put2(char *p, uint32_t v) {
  std::memcpy(p, kDigitPairs + 2 * v, 2);
}

inline size_t uint_len(uint64_t v) {
  size_t n = 1;
  for (;;) {
    if (v < 10) return n;
    if (v < 100) return n + 1;
    if (v < 1000) return n + 2;
    if (v < 10000) return n + 3;
    v /= 10000;
    n += 4;
  }
}

// Writes v as exactly `len` digits ending at p + len (len from uint_len, or more for zero padding).
inline void put_uint(char *p, uint64_t v, size_t len) {
  char *e = p + len;
  while (v >= 100) {
    e -= 2;
    put2(e, static_cast<uint32_t>(v % 100));
    v /= 100;
  }
  if (v >= 10) {
    e -= 2;
    put2(e, static_cast<uint32_t>(v));
  } else {
    *--e = static_cast<char>('0' + v);
  }
  while (e > p) *--e = '0';
}

}  // namespace kalshi::fix::detail
