#include "api/ws/books.h"

#include <string>

namespace kalshi::wsapi {

bool LocalBooks::map(BookSide side, int64_t price, book::Side *out_side, int64_t *out_price) const {
  if (product_ == Product::Perps) {
    if (price <= 0) return false;
    if (side == BookSide::Bid)
      *out_side = book::Side::Bid;
    else if (side == BookSide::Ask)
      *out_side = book::Side::Ask;
    else
      return false;
    *out_price = price;
    return true;
  }
  // Prediction prices are YES/NO leg prices strictly inside (0, 1) dollars.
  if (price <= 0 || price >= kOneDollar) return false;
  if (side == BookSide::Yes) {
    *out_side = book::Side::Bid;
    *out_price = price;
    return true;
  }
  if (side == BookSide::No) {
    *out_side = book::Side::Ask;
    *out_price = use_yes_price_ ? price : kOneDollar - price;
    return true;
  }
  return false;
}

TopOfBook LocalBooks::top_locked(std::string_view market) const {
  TopOfBook t;
  if (const book::Level *b = book_.level(market, book::Side::Bid, 0)) {
    t.has_bid = true;
    t.bid_price = b->price;
    t.bid_size = b->size;
  }
  if (const book::Level *a = book_.level(market, book::Side::Ask, 0)) {
    t.has_ask = true;
    t.ask_price = a->price;
    t.ask_size = a->size;
  }
  return t;
}

namespace {

Error bad(std::string_view market, const char *what) {
  std::string m = "ws book ";
  m.append(market.data(), market.size());
  m += ": ";
  m += what;
  return Error::make(KALSHI_ERR_PARSE, std::move(m));
}

}  // namespace

Error LocalBooks::apply_snapshot(const BookSnapshot &s, ApplyResult *result) {
  *result = ApplyResult{};
  std::lock_guard<std::mutex> lock(mu_);
  const TopOfBook before = top_locked(s.market_ticker);
  book_.reset_symbol(s.market_ticker);
  struct SideLevels {
    std::span<const PriceLevel> levels;
    BookSide side;
  };
  const SideLevels sides[] = {
      {s.yes, BookSide::Yes}, {s.no, BookSide::No}, {s.bid, BookSide::Bid}, {s.ask, BookSide::Ask}};
  for (const SideLevels &sl : sides) {
    for (const PriceLevel &l : sl.levels) {
      book::Side bs;
      int64_t price;
      if (!map(sl.side, l.price, &bs, &price) || l.count < 0) {
        book_.clear(s.market_ticker);
        result->top_changed = before.has_bid || before.has_ask;
        return bad(s.market_ticker, "snapshot level out of range or on the wrong side");
      }
      const int64_t current = book_.size_at(s.market_ticker, bs, price);
      if (l.count > INT64_MAX - current) {
        book_.clear(s.market_ticker);
        return bad(s.market_ticker, "snapshot size overflows");
      }
      book_.set_level(s.market_ticker, bs, price, current + l.count);
    }
  }
  const TopOfBook after = top_locked(s.market_ticker);
  result->top_changed = !(before == after);
  result->crossed = after.has_bid && after.has_ask && after.bid_price >= after.ask_price;
  return Error{};
}

Error LocalBooks::apply_delta(const BookDelta &d, ApplyResult *result) {
  *result = ApplyResult{};
  std::lock_guard<std::mutex> lock(mu_);
  if (!book_.has_symbol(d.market_ticker))
    return Error::make(KALSHI_ERR_SEQUENCE_GAP, "ws book: delta before snapshot");
  book::Side bs;
  int64_t price;
  if (!map(d.side, d.price, &bs, &price)) return bad(d.market_ticker, "delta price or side");
  const TopOfBook before = top_locked(d.market_ticker);
  const int64_t current = book_.size_at(d.market_ticker, bs, price);
  const bool overflow = (d.delta > 0 && current > INT64_MAX - d.delta);
  const int64_t next = overflow ? -1 : current + d.delta;
  if (next < 0) {
    book_.clear(d.market_ticker);
    result->top_changed = before.has_bid || before.has_ask;
    return Error::make(KALSHI_ERR_SEQUENCE_GAP, "ws book: delta makes a size negative");
  }
  book_.set_level(d.market_ticker, bs, price, next);
  const TopOfBook after = top_locked(d.market_ticker);
  result->top_changed = !(before == after);
  result->crossed = after.has_bid && after.has_ask && after.bid_price >= after.ask_price;
  return Error{};
}

void LocalBooks::clear(std::string_view market) {
  std::lock_guard<std::mutex> lock(mu_);
  book_.clear(market);
}

void LocalBooks::clear_all() {
  std::lock_guard<std::mutex> lock(mu_);
  book_.clear_all();
}

bool LocalBooks::top(std::string_view market, TopOfBook *out) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!book_.has_symbol(market)) return false;
  *out = top_locked(market);
  return true;
}

size_t LocalBooks::depth(std::string_view market, book::Side side) const {
  std::lock_guard<std::mutex> lock(mu_);
  return book_.depth(market, side);
}

bool LocalBooks::level(std::string_view market, book::Side side, size_t index,
                       book::Level *out) const {
  std::lock_guard<std::mutex> lock(mu_);
  const book::Level *l = book_.level(market, side, index);
  if (l == nullptr) return false;
  *out = *l;
  return true;
}

bool LocalBooks::has_market(std::string_view market) const {
  std::lock_guard<std::mutex> lock(mu_);
  return book_.has_symbol(market);
}

}  // namespace kalshi::wsapi
