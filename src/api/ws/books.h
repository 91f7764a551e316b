// Local order books built from WebSocket orderbook_snapshot + orderbook_delta, for both products,
// on the shared kalshi::book::OrderBook (the same component the FIX market data uses).
//
// Side mapping (kalshi-ws.md §7):
//   prediction: Bid = YES bids (yes_dollars_fp / side "yes", price as sent).
//               Ask = YES asks derived from NO bids: a NO bid at p is a YES ask at 1 - p with the
//               same size (default NO-leg pricing), or at p itself when the subscription used
//               use_yes_price:true. So the book always reads as a YES-leg bid/ask book.
//   perps:      Bid / Ask as sent.
//
// Threads: the I/O thread applies, any thread reads. A std::mutex guards the book: the levels
// live in vectors inside a map, which a seqlock cannot copy safely (a torn read could follow a
// freed pointer), and every critical section is short (one delta, or one top-of-book copy).
// Readers get copies, never pointers into the book.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "api/book/order_book.h"
#include "api/ws/channels.h"
#include "core/error.h"

namespace kalshi::wsapi {

struct TopOfBook {
  bool has_bid = false;
  bool has_ask = false;
  int64_t bid_price = 0, bid_size = 0;
  int64_t ask_price = 0, ask_size = 0;
  bool operator==(const TopOfBook &) const = default;
};

struct ApplyResult {
  bool top_changed = false;  // best bid or ask price or size changed (emit BOOK_TOP)
  bool crossed = false;      // best bid >= best ask afterwards: data was missed, resync
};

class LocalBooks {
 public:
  static constexpr int64_t kOneDollar = 1'000'000;  // prices are dollars x 10^6

  explicit LocalBooks(Product product, bool use_yes_price = false)
      : product_(product), use_yes_price_(use_yes_price) {}

  // The snapshot replaces the market's book. Levels may come in any order; repeated prices on
  // one side add up. Errors (KALSHI_ERR_PARSE) for a side that does not belong to the product,
  // a negative size or a price out of range; the market's book is then cleared.
  Error apply_snapshot(const BookSnapshot &s, ApplyResult *result);
  // Adds the signed delta at (side, price). A delta for a market without a snapshot, or one that
  // would make a size negative, is an inconsistency: KALSHI_ERR_SEQUENCE_GAP (resync), and the
  // market's book is cleared.
  Error apply_delta(const BookDelta &d, ApplyResult *result);

  void clear(std::string_view market);  // on resync of a market
  void clear_all();                     // on resync of the whole subscription / reconnect

  bool top(std::string_view market, TopOfBook *out) const;
  size_t depth(std::string_view market, book::Side side) const;
  bool level(std::string_view market, book::Side side, size_t index, book::Level *out) const;
  bool has_market(std::string_view market) const;

 private:
  // Maps a wire side and price to the book side and price; false if it does not belong here.
  bool map(BookSide side, int64_t price, book::Side *out_side, int64_t *out_price) const;
  TopOfBook top_locked(std::string_view market) const;

  Product product_;
  bool use_yes_price_;
  mutable std::mutex mu_;
  book::OrderBook book_;
};

}  // namespace kalshi::wsapi
