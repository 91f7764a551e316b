#include "api/book/order_book.h"

#include <algorithm>
#include <iterator>

namespace kalshi::book {

namespace {

// Position of `price` in a side ordered best first, and whether it is already there.
template <typename Better>
std::vector<Level>::iterator locate(std::vector<Level> &levels, int64_t price, Better better) {
  return std::lower_bound(levels.begin(), levels.end(), price,
                          [&](const Level &l, int64_t p) { return better(l.price, p); });
}

void apply(std::vector<Level> &levels, bool descending, int64_t price, int64_t size) {
  auto it = descending ? locate(levels, price, [](int64_t a, int64_t b) { return a > b; })
                       : locate(levels, price, [](int64_t a, int64_t b) { return a < b; });
  const bool present = it != levels.end() && it->price == price;
  if (size == 0) {
    if (present) levels.erase(it);
  } else if (present) {
    it->size = size;
  } else {
    levels.insert(it, Level{price, size});
  }
}

}  // namespace

bool OrderBook::set_level(std::string_view symbol, Side side, int64_t price, int64_t size) {
  if (size < 0) return false;
  auto it = books_.find(symbol);
  if (it == books_.end()) {
    if (size == 0) return true;  // deleting from an unknown book changes nothing
    it = books_.emplace(std::string(symbol), Sides{}).first;
  }
  if (side == Side::Bid) {
    apply(it->second.bids, true, price, size);
  } else {
    apply(it->second.asks, false, price, size);
  }
  return true;
}

void OrderBook::reset_symbol(std::string_view symbol) {
  auto it = books_.find(symbol);
  if (it == books_.end()) {
    books_.emplace(std::string(symbol), Sides{});
  } else {
    // Keep the vectors' capacity: snapshots for a symbol arrive again after every reconnect.
    it->second.bids.clear();
    it->second.asks.clear();
  }
}

void OrderBook::clear(std::string_view symbol) {
  auto it = books_.find(symbol);
  if (it != books_.end()) books_.erase(it);
}

const OrderBook::Sides *OrderBook::find(std::string_view symbol) const {
  auto it = books_.find(symbol);
  return it == books_.end() ? nullptr : &it->second;
}

const Level *OrderBook::level(std::string_view symbol, Side side, size_t index) const {
  const Sides *s = find(symbol);
  if (s == nullptr) return nullptr;
  const auto &levels = side == Side::Bid ? s->bids : s->asks;
  return index < levels.size() ? &levels[index] : nullptr;
}

int64_t OrderBook::size_at(std::string_view symbol, Side side, int64_t price) const {
  const Sides *s = find(symbol);
  if (s == nullptr) return 0;
  const auto &levels = side == Side::Bid ? s->bids : s->asks;
  const bool descending = side == Side::Bid;
  auto it = std::lower_bound(levels.begin(), levels.end(), price, [&](const Level &l, int64_t p) {
    return descending ? l.price > p : l.price < p;
  });
  return it != levels.end() && it->price == price ? it->size : 0;
}

size_t OrderBook::depth(std::string_view symbol, Side side) const {
  const Sides *s = find(symbol);
  if (s == nullptr) return 0;
  return side == Side::Bid ? s->bids.size() : s->asks.size();
}

const std::string *OrderBook::symbol_at(size_t index) const {
  if (index >= books_.size()) return nullptr;
  auto it = books_.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(index));
  return &it->first;
}

}  // namespace kalshi::book
