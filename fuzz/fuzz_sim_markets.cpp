// The simulator's markets file (JSON) decoder: arbitrary bytes either load completely or are
// refused with an error, never a crash. A file that loads must describe usable markets: unique
// tickers, tick ranges inside their bounds, and the first tick of each range on the grid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "sim/exchange/exchange.h"

using namespace kalshi::sim;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Exchange ex(1);
  const std::string_view json(reinterpret_cast<const char *>(data), size);
  if (!ex.load_markets(json).ok()) {
    if (!ex.markets().empty()) abort();  // a refused file loads nothing
    return 0;
  }
  std::set<std::string> seen;
  for (const Market *m : ex.markets()) {
    if (!seen.insert(m->ticker).second) abort();
    for (const TickRange &r : m->ticks) {
      if (r.step <= 0 || r.start > r.end) abort();
      if (!Exchange::on_tick(*m, r.start)) abort();
    }
  }
  return 0;
}
