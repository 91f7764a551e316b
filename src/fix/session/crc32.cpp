#include "fix/session/crc32.h"

#include <array>

namespace kalshi::fix {

namespace {

constexpr std::array<uint32_t, 256> make_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

constexpr std::array<uint32_t, 256> kTable = make_table();

}  // namespace

// `crc` is a previous result (0 to start); the pre/post inversion is inside so calls chain.
uint32_t crc32_update(uint32_t crc, const void *data, size_t len) {
  const auto *p = static_cast<const unsigned char *>(data);
  uint32_t c = ~crc;
  for (size_t i = 0; i < len; ++i) c = kTable[(c ^ p[i]) & 0xFFu] ^ (c >> 8);
  return ~c;
}

}  // namespace kalshi::fix
