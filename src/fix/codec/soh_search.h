// Finding the SOH that ends a field value: the inner loop of every decode (private to the codec).
#pragma once

#include <bit>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kalshi::fix::detail {

// The first SOH at or after p. The caller guarantees one exists before `end`, so the byte loop
// needs no bound; 16 bytes at a time while they are inside the buffer (most values fit in one).
inline const char *find_soh_sentinel(const char *p, const char *end) {
#if defined(__SSE2__)
  const __m128i soh = _mm_set1_epi8('\x01');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    const unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, soh)));
    if (bits != 0) return p + std::countr_zero(bits);
    p += 16;
  }
#else
  (void)end;
#endif
  while (*p != '\x01') ++p;
  return p;
}

}  // namespace kalshi::fix::detail
