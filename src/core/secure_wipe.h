// Overwrites secrets so they do not outlive their owner in freed memory.
#pragma once

#include <cstddef>
#include <string>

namespace kalshi {

inline void secure_wipe(void *p, size_t n) {
  // Volatile stores cannot be elided by the optimiser even though the memory is about to die.
  volatile unsigned char *v = static_cast<volatile unsigned char *>(p);
  while (n--) *v++ = 0;
}

inline void secure_wipe(std::string &s) {
  secure_wipe(s.data(), s.size());
  s.clear();
}

}  // namespace kalshi
