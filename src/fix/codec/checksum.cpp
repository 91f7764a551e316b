#include "fix/codec/checksum.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kalshi::fix {

uint8_t checksum(const char *data, size_t len) {
  uint32_t sum = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Only the sum mod 256 matters, so 16 byte lanes may wrap independently: one add per 16 bytes,
  // then one horizontal sum. Every message is checksummed twice per round trip (send, receive).
  if (len >= 16) {
    const __m128i zero = _mm_setzero_si128();
    __m128i acc = zero;
    // Four independent accumulators per 64 bytes: fewer loop steps and no add chain.
    if (len >= 64) {
      __m128i a1 = zero, a2 = zero, a3 = zero;
      for (; i + 64 <= len; i += 64) {
        const auto *q = reinterpret_cast<const __m128i *>(data + i);
        acc = _mm_add_epi8(acc, _mm_loadu_si128(q));
        a1 = _mm_add_epi8(a1, _mm_loadu_si128(q + 1));
        a2 = _mm_add_epi8(a2, _mm_loadu_si128(q + 2));
        a3 = _mm_add_epi8(a3, _mm_loadu_si128(q + 3));
      }
      acc = _mm_add_epi8(_mm_add_epi8(acc, a1), _mm_add_epi8(a2, a3));
    }
    for (; i + 16 <= len; i += 16) {
      acc = _mm_add_epi8(acc, _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i)));
    }
    if (i < len) {
      // The tail: reload the last 16 bytes and mask off the ones already summed, instead of a
      // byte loop of up to 15 iterations.
      alignas(16) static const unsigned char kTailMask[32] = {
          0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
          0,    0,    0,    0,    0,    0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
      const size_t rem = len - i;
      const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + len - 16));
      const __m128i mask = _mm_loadu_si128(reinterpret_cast<const __m128i *>(kTailMask + rem));
      acc = _mm_add_epi8(acc, _mm_and_si128(last, mask));
      i = len;
    }
    const __m128i halves = _mm_sad_epu8(acc, zero);
    sum = static_cast<uint32_t>(_mm_cvtsi128_si32(halves)) +
          static_cast<uint32_t>(_mm_cvtsi128_si32(_mm_srli_si128(halves, 8)));
  }
#endif
  for (; i < len; ++i) sum += static_cast<unsigned char>(data[i]);
  return static_cast<uint8_t>(sum);
}

}  // namespace kalshi::fix
