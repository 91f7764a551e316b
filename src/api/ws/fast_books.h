// A hand-written, validating single-pass scanner for the two hot WebSocket messages,
// orderbook_delta and orderbook_snapshot (both products). simdjson's stage 1 alone costs about as
// much as a whole delta needs, so these two skip it: one forward pass over the bytes, keys
// matched by length + memcmp, unescaped strings returned as views into the input, decimals
// parsed inline exactly, levels read as [price, size] string pairs.
//
// It is strict on purpose: it answers only for input it fully understands (ASCII strings
// without escapes, scalars or the expected arrays as values, `type` before `msg`, each of them
// once, nothing after the top-level object but whitespace) and otherwise declines, and the
// Decoder runs the simdjson path. So every result and every error is the simdjson path's;
// tests/internal/test_ws_fast_scan.cpp and fuzz/fuzz_ws_fast_scan.cpp compare both.
#pragma once

#include <string_view>
#include <vector>

#include "api/ws/channels.h"

namespace kalshi::wsapi::detail {

class FastBooks {
 public:
  // True when `json` (followed by Decoder::kPadding readable bytes) is an orderbook_delta or
  // orderbook_snapshot this scanner fully understood: *out then holds exactly what the simdjson
  // path produces (env, reply, and the delta or snapshot member). False otherwise, with *out
  // untouched. Snapshot spans point into this object's vectors until the next call.
  bool decode(std::string_view json, Product product, Decoded *out);

 private:
  std::vector<PriceLevel> levels_a_, levels_b_;
};

// Tests and the fuzz harness turn the fast path off to get the simdjson path's answer for the
// same input. Process-wide; production code never changes it.
void set_fast_books_enabled(bool on);
bool fast_books_enabled();

}  // namespace kalshi::wsapi::detail
