// The fast orderbook_delta / orderbook_snapshot scanner (see fast_books.h). Every reader
// returns false on anything outside the subset it accepts; the caller then declines and the
// simdjson path decodes the message, so "false" never means "error", only "not mine".
#include "api/ws/fast_books.h"

#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>

#include "api/ws/decode_util.h"

namespace kalshi::wsapi::detail {

namespace {

std::atomic<bool> g_enabled{true};

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

// High bit set in each byte of x that is zero (exact for the lowest such byte, which is the only
// one read: a borrow can only flag bytes above a true zero).
constexpr uint64_t zero_bytes(uint64_t x) {
  return (x - kOnes) & ~x & kHigh;
}

constexpr bool is_digit(char c) {
  return static_cast<unsigned>(c - '0') <= 9;
}

class Scan {
 public:
  Scan(const char *p, const char *end) : p_(p), end_(end) {}

  bool at_end() {
    skip_ws();
    return p_ == end_;
  }

  // Consumes `c` after optional whitespace.
  bool eat(char c) {
    skip_ws();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  // A string of printable ASCII without a backslash (anything else declines: escapes need
  // unescaping, and simdjson validates UTF-8 that this scanner does not). Eight bytes at a time;
  // reads past `end_` stay inside the caller's padding and are never accepted.
  bool str(std::string_view *out) {
    if (!eat('"')) return false;
    const char *const begin = p_;
    const char *q = begin;
    for (;;) {
      if (q >= end_) return false;
      if constexpr (std::endian::native == std::endian::little) {
        uint64_t x;
        std::memcpy(&x, q, sizeof x);
        const uint64_t special = zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\\')) |
                                 ((x - kOnes * 0x20) & ~x & kHigh) | (x & kHigh);
        if (special == 0) {
          q += 8;
          continue;
        }
        q += std::countr_zero(special) / 8;
      } else {
        const auto c = static_cast<unsigned char>(*q);
        if (c != '"' && c != '\\' && c >= 0x20 && c < 0x80) {
          ++q;
          continue;
        }
      }
      if (q >= end_ || *q != '"') return false;
      *out = std::string_view(begin, static_cast<size_t>(q - begin));
      p_ = q + 1;
      return true;
    }
  }

  // A key and its colon.
  bool key(std::string_view *out) { return str(out) && eat(':'); }

  // An integer as simdjson's get_int64 reads it, limited to 18 digits (no overflow possible);
  // leading zeros, "-0", fractions and exponents decline.
  bool i64(int64_t *out) {
    skip_ws();
    const char *s = p_;
    const bool negative = s < end_ && *s == '-';
    if (negative) ++s;
    if (s >= end_ || !is_digit(*s)) return false;
    if (*s == '0') {
      if (negative || (s + 1 < end_ && is_digit(s[1]))) return false;
      *out = 0;
      p_ = s + 1;
      return true;
    }
    const char *const first = s;
    uint64_t acc = 0;
    while (s < end_ && is_digit(*s)) acc = acc * 10 + static_cast<unsigned>(*s++ - '0');
    if (s - first > 18) return false;
    const auto v = static_cast<int64_t>(acc);
    *out = negative ? -v : v;
    p_ = s;
    return true;
  }

  // A decimal string -> value x 10^places, exactly as Reader::fixed_text computes it when its
  // inline path answers; longer or malformed text declines (parse_fixed's verdict is the slow
  // path's business).
  bool decimal(int places, int64_t *out) {
    std::string_view text;
    return str(&text) && Reader::fast_fixed(text, places, out);
  }

  // The value of a member nobody reads: a string, number or literal. Arrays and objects decline
  // (no member of these two messages needs skipping them).
  bool skip_scalar() {
    skip_ws();
    if (p_ >= end_) return false;
    switch (*p_) {
      case '"': {
        std::string_view ignored;
        return str(&ignored);
      }
      case 't':
        return literal("true", 4);
      case 'f':
        return literal("false", 5);
      case 'n':
        return literal("null", 4);
      default:
        return number();
    }
  }

 private:
  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool literal(const char *word, size_t n) {
    if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  // JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number() {
    const char *s = p_;
    if (s < end_ && *s == '-') ++s;
    if (s >= end_ || !is_digit(*s)) return false;
    if (*s == '0') {
      ++s;
    } else {
      while (s < end_ && is_digit(*s)) ++s;
    }
    if (s < end_ && *s == '.') {
      const char *const digits = ++s;
      while (s < end_ && is_digit(*s)) ++s;
      if (s == digits) return false;
    }
    if (s < end_ && (*s == 'e' || *s == 'E')) {
      ++s;
      if (s < end_ && (*s == '+' || *s == '-')) ++s;
      const char *const digits = s;
      while (s < end_ && is_digit(*s)) ++s;
      if (s == digits) return false;
    }
    p_ = s;
    return true;
  }

  const char *p_;
  const char *const end_;
};

// After a member: true to read the next one, false at the closing brace; `ok` false on anything
// else.
bool next_member(Scan &s, bool *ok) {
  if (s.eat(',')) return true;
  *ok = s.eat('}');
  return false;
}

// The body of msg for orderbook_delta, after its '{'. Mirrors decode_delta (channel_books.cpp).
bool delta_body(Scan &s, BookDelta *out) {
  bool have_price = false;
  bool have_delta = false;
  bool have_side = false;
  bool more = !s.eat('}');
  bool ok = true;
  while (more) {
    std::string_view k;
    if (!s.key(&k)) return false;
    bool read = false;  // the value was consumed by a known member
    switch (k.size()) {
      case 4:
        if (k == "side") {
          std::string_view v;
          if (!s.str(&v)) return false;
          if (v == "yes")
            out->side = BookSide::Yes;
          else if (v == "no")
            out->side = BookSide::No;
          else if (v == "bid")
            out->side = BookSide::Bid;
          else if (v == "ask")
            out->side = BookSide::Ask;
          else
            return false;
          have_side = read = true;
        }
        break;
      case 5:
        if (k == "ts_ms") {
          if (!s.i64(&out->ts_ms)) return false;
          read = true;
        } else if (k == "price") {
          if (!s.decimal(6, &out->price)) return false;
          have_price = read = true;
        } else if (k == "delta") {
          if (!s.decimal(2, &out->delta)) return false;
          have_delta = read = true;
        }
        break;
      case 8:
        if (k == "delta_fp") {
          if (!s.decimal(2, &out->delta)) return false;
          have_delta = read = true;
        }
        break;
      case 9:
        if (k == "market_id") {
          if (!s.str(&out->market_id)) return false;
          read = true;
        }
        break;
      case 10:
        if (k == "subaccount") {
          if (!s.i64(&out->subaccount)) return false;
          read = true;
        }
        break;
      case 13:
        if (k == "market_ticker") {
          if (!s.str(&out->market_ticker)) return false;
          read = true;
        } else if (k == "price_dollars") {
          if (!s.decimal(6, &out->price)) return false;
          have_price = read = true;
        }
        break;
      case 15:
        if (k == "client_order_id") {
          if (!s.str(&out->client_order_id)) return false;
          read = true;
        }
        break;
      case 18:
        if (k == "last_update_reason") {
          if (!s.str(&out->last_update_reason)) return false;
          read = true;
        }
        break;
      default:
        break;
    }
    if (!read && !s.skip_scalar()) return false;  // "ts" and members this version ignores
    more = next_member(s, &ok);
  }
  return ok && !out->market_ticker.empty() && have_price && have_delta && have_side;
}

// [[price, count], ...] of decimal strings into `dst` (cleared first, as level_list does).
bool level_list(Scan &s, std::vector<PriceLevel> *dst) {
  dst->clear();
  if (!s.eat('[')) return false;
  if (s.eat(']')) return true;
  for (;;) {
    PriceLevel level;
    if (!s.eat('[') || !s.decimal(6, &level.price) || !s.eat(',') || !s.decimal(2, &level.count) ||
        !s.eat(']'))
      return false;
    dst->push_back(level);
    if (s.eat(',')) continue;
    return s.eat(']');
  }
}

// The body of msg for orderbook_snapshot, after its '{'. Mirrors decode_snapshot: the two sides
// land in a / b whatever their names, a third distinct side is an error (declined here).
bool snapshot_body(Scan &s, Product product, std::vector<PriceLevel> *levels_a,
                   std::vector<PriceLevel> *levels_b, BookSnapshot *out) {
  enum Slot : uint8_t { None, Yes, No, Bid, Ask };
  Slot a = None;
  Slot b = None;
  auto take = [&](Slot slot) {
    if (a == None || a == slot) {
      a = slot;
      return level_list(s, levels_a);
    }
    if (b == None || b == slot) {
      b = slot;
      return level_list(s, levels_b);
    }
    return false;
  };
  bool more = !s.eat('}');
  bool ok = true;
  while (more) {
    std::string_view k;
    if (!s.key(&k)) return false;
    bool read = true;
    if (k == "market_ticker") {
      read = s.str(&out->market_ticker);
    } else if (k == "market_id") {
      read = s.str(&out->market_id);
    } else if (k == "yes_dollars_fp") {
      read = take(Yes);
    } else if (k == "no_dollars_fp") {
      read = take(No);
    } else if (k == "bid") {
      read = take(Bid);
    } else if (k == "ask") {
      read = take(Ask);
    } else if (product == Product::Prediction && (k == "yes" || k == "no")) {
      return false;  // legacy integer levels: rare, left to the simdjson path
    } else {
      read = s.skip_scalar();
    }
    if (!read) return false;
    more = next_member(s, &ok);
  }
  if (!ok || out->market_ticker.empty()) return false;
  auto bind = [&](Slot slot, const std::vector<PriceLevel> &levels) {
    const std::span<const PriceLevel> view(levels.data(), levels.size());
    switch (slot) {
      case Yes:
        out->yes = view;
        break;
      case No:
        out->no = view;
        break;
      case Bid:
        out->bid = view;
        break;
      case Ask:
        out->ask = view;
        break;
      case None:
        break;
    }
  };
  bind(a, *levels_a);
  bind(b, *levels_b);
  return true;
}

}  // namespace

void set_fast_books_enabled(bool on) {
  g_enabled.store(on, std::memory_order_relaxed);
}
bool fast_books_enabled() {
  return g_enabled.load(std::memory_order_relaxed);
}

bool FastBooks::decode(std::string_view json, Product product, Decoded *out) {
  if (!fast_books_enabled()) return false;
  Scan s(json.data(), json.data() + json.size());
  if (!s.eat('{')) return false;
  Envelope env;
  env.json = json;
  BookDelta delta;
  BookSnapshot snapshot;
  bool have_type = false;
  bool have_msg = false;
  bool more = true;
  bool ok = true;
  while (more) {
    std::string_view k;
    if (!s.key(&k)) return false;
    if (k == "type") {
      // A second `type` reclassifies in the simdjson path: not worth mirroring.
      if (have_type || !s.str(&env.type)) return false;
      if (env.type == "orderbook_delta")
        env.kind = MessageKind::OrderbookDelta;
      else if (env.type == "orderbook_snapshot")
        env.kind = MessageKind::OrderbookSnapshot;
      else
        return false;
      have_type = true;
    } else if (k == "sid") {
      if (!s.i64(&env.sid)) return false;
    } else if (k == "seq") {
      if (!s.i64(&env.seq)) return false;
    } else if (k == "id") {
      if (!s.i64(&env.id)) return false;
    } else if (k == "msg") {
      // `msg` before `type` is kept raw and decoded in a second pass there; decline it.
      if (!have_type || have_msg || !s.eat('{')) return false;
      have_msg = true;
      const bool body = env.kind == MessageKind::OrderbookDelta
                            ? delta_body(s, &delta)
                            : snapshot_body(s, product, &levels_a_, &levels_b_, &snapshot);
      if (!body) return false;
    } else if (!s.skip_scalar()) {
      return false;
    }
    more = next_member(s, &ok);
  }
  if (!ok || !have_msg || !s.at_end()) return false;
  out->env = env;
  out->reply = ReplyPayload{};
  if (env.kind == MessageKind::OrderbookDelta)
    out->delta = delta;
  else
    out->snapshot = snapshot;
  return true;
}

}  // namespace kalshi::wsapi::detail
