// A counting global operator new for the benchmarks' "allocations per message" counters. Linked
// into every bench program (bench/CMakeLists.txt), so each one replaces operator new the same way.
#pragma once

#include <cstdint>

namespace kalshi::bench {

// Heap allocations through operator new (any form) since the program started.
uint64_t allocations();

}  // namespace kalshi::bench
