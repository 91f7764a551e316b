// Fuzz target for the WebSocket semantics layer (src/api/ws): every decoder, the sequence
// tracker and the local books. Input: the first byte picks the product and the NO pricing, the
// rest is newline-separated messages fed in order, as one connection would. Invariants: no
// crash, hang or unbounded growth; decoded snapshot/delta values pass through the books without
// leaving a negative or zero-size level; escaped strings written by the command writer decode
// back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/ws/backpressure.h"
#include "api/ws/books.h"
#include "api/ws/channels.h"
#include "api/ws/commands.h"
#include "api/ws/decode_util.h"
#include "api/ws/sequence.h"

using namespace kalshi::wsapi;

namespace {

void check_book(const LocalBooks &books, std::string_view market) {
  for (const auto side : {kalshi::book::Side::Bid, kalshi::book::Side::Ask}) {
    const size_t n = books.depth(market, side);
    for (size_t i = 0; i < n; ++i) {
      kalshi::book::Level l;
      if (!books.level(market, side, i, &l) || l.size <= 0) std::abort();
    }
  }
}

void round_trip_string(std::string_view s) {
  // A subscribe command carrying `s` (escaped by the writer) must parse as JSON again.
  CommandWriter w;
  SubscribeParams p;
  const std::string_view ch[] = {"ticker"};
  p.channels = ch;
  p.market_ticker = s;
  std::string json;
  uint64_t id;
  if (s.empty() || !w.subscribe(p, &json, &id).ok()) return;
  std::string msg = R"({"type":"x_echo","msg":)" + json + "}";
  Decoder dec;
  Decoded d;
  if (!dec.decode_copy(msg, &d).ok()) std::abort();
}

// The decoder's inline decimal fast path agrees with parse_fixed whenever it answers.
void check_fast_fixed(std::string_view text) {
  for (const int decimals : {2, 6, 8}) {
    int64_t fast = 0;
    int64_t exact = 0;
    if (detail::Reader::fast_fixed(text, decimals, &fast) &&
        (kalshi::parse_fixed(text, decimals, &exact) != KALSHI_OK || fast != exact))
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const Product product = (data[0] & 1) ? Product::Perps : Product::Prediction;
  const bool use_yes_price = (data[0] & 2) != 0;
  Decoder dec(product);
  LocalBooks books(product, use_yes_price);
  SequenceTracker seq;
  BoundedQueue<int64_t> queue(4,
                              (data[0] & 4) ? OverflowPolicy::Resync : OverflowPolicy::DropOldest);
  const std::string_view rest(reinterpret_cast<const char *>(data) + 1, size - 1);
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find('\n', start);
    if (end == std::string_view::npos) end = rest.size();
    const std::string_view line = rest.substr(start, end - start);
    start = end + 1;
    check_fast_fixed(line.substr(0, 24));
    Decoded d;
    if (!dec.decode_copy(line, &d).ok()) continue;
    (void)reply_of(d);
    const SeqVerdict v = seq.on_decoded(d);
    queue.push(d.env.sid, d.env.sid);
    if (queue.size() > queue.capacity()) std::abort();
    ApplyResult r;
    if (v.action == SeqAction::Resync) {
      books.clear_all();
      seq.reset(d.env.sid);
      continue;
    }
    if (d.env.kind == MessageKind::OrderbookSnapshot) {
      if (books.apply_snapshot(d.snapshot, &r).ok()) check_book(books, d.snapshot.market_ticker);
    } else if (d.env.kind == MessageKind::OrderbookDelta) {
      if (books.apply_delta(d.delta, &r).ok()) check_book(books, d.delta.market_ticker);
    } else if (d.env.kind == MessageKind::Ticker) {
      round_trip_string(d.ticker.market_ticker);
    }
    while (queue.size() > 2) queue.pop();
  }
  return 0;
}
