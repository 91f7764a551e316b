// CheckSum(10) arithmetic, shared by the frame reader (verify) and the writer (compute).
#pragma once

#include <cstddef>
#include <cstdint>

namespace kalshi::fix {

// Sum of bytes mod 256 as used by CheckSum(10).
uint8_t checksum(const char *data, size_t len);

}  // namespace kalshi::fix
