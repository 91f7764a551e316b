// Aggregated price levels per symbol: the state behind kalshi_book_t. Prices and sizes are the
// library's scaled integers. Levels are kept in sorted vectors (best first): books have at most a
// few hundred levels, so a binary search plus a short memmove beats any node-based tree, and the
// best level is always at index 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kalshi::book {

enum class Side : uint8_t { Bid = 0, Ask = 1 };

struct Level {
  int64_t price;
  int64_t size;
};

class OrderBook {
 public:
  // size 0 removes the level; a negative size is refused (returns false).
  bool set_level(std::string_view symbol, Side side, int64_t price, int64_t size);
  // Creates the symbol's book empty (a snapshot with no levels is still a known, empty book).
  void reset_symbol(std::string_view symbol);
  void clear(std::string_view symbol);
  void clear_all() { books_.clear(); }

  const Level *level(std::string_view symbol, Side side, size_t index) const;
  size_t depth(std::string_view symbol, Side side) const;
  // Size resting at exactly `price`, 0 when there is no such level (added for the WebSocket
  // books, whose deltas are relative to the current size).
  int64_t size_at(std::string_view symbol, Side side, int64_t price) const;
  bool has_symbol(std::string_view symbol) const { return find(symbol) != nullptr; }
  size_t symbol_count() const { return books_.size(); }
  const std::string *symbol_at(size_t index) const;

 private:
  struct Sides {
    std::vector<Level> bids;  // highest price first
    std::vector<Level> asks;  // lowest price first
  };
  const Sides *find(std::string_view symbol) const;

  std::map<std::string, Sides, std::less<>> books_;
};

}  // namespace kalshi::book
