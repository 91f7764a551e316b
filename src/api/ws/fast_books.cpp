// The fast orderbook_delta / orderbook_snapshot scanner (see fast_books.h). Every reader
// returns false on anything outside the subset it accepts; the caller then declines and the
// simdjson path decodes the message, so "false" never means "error", only "not mine".
#include "api/ws/fast_books.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>

namespace kalshi::wsapi::detail {

namespace {

std::atomic<bool> g_enabled{true};

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

// Up to 24 bytes expected verbatim (a key with quotes and colon, or a string value with quotes),
// as little-endian words and masks for Scan::lit.
struct Pattern {
  uint64_t w[3] = {0, 0, 0};
  uint64_t m[3] = {0, 0, 0};
  const char *text = nullptr;
  size_t len = 0;
};

template <size_t N>
constexpr Pattern pattern(const char (&s)[N]) {
  static_assert(N - 1 <= 24, "patterns are at most 24 bytes");
  Pattern p;
  p.text = s;
  p.len = N - 1;
  for (size_t i = 0; i < N - 1; ++i) {
    p.w[i / 8] |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (8 * (i % 8));
    p.m[i / 8] |= uint64_t{0xFF} << (8 * (i % 8));
  }
  return p;
}

constexpr bool is_digit(char c) {
  return static_cast<unsigned>(c - '0') <= 9;
}

[[gnu::noinline]] const char *skip_whitespace(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
  return p;
}

class Scan {
 public:
  Scan(const char *p, const char *end) : p_(p), end_(end) {}

  bool at_end() {
    skip_ws();
    return p_ == end_;
  }

  // Consumes `c` after optional whitespace (compact JSON: one compare; a miss costs another
  // unless whitespace follows).
  [[gnu::always_inline]] bool eat(char c) {
    if (p_ >= end_) return false;
    if (*p_ == c) {
      ++p_;
      return true;
    }
    return static_cast<unsigned char>(*p_) <= ' ' && eat_after_ws(c);
  }

  // Consumes the exact bytes of `k` (a key with its quotes and colon, or a whole string value)
  // if they come next; nothing otherwise. Three masked 8-byte compares: every pattern is at most
  // 24 bytes and reads stay inside the caller's padding.
  [[gnu::always_inline]] bool lit(const Pattern &k) {
    if (static_cast<size_t>(end_ - p_) < k.len) return false;
    if constexpr (std::endian::native == std::endian::little) {
      uint64_t a, b, c;
      std::memcpy(&a, p_, 8);
      std::memcpy(&b, p_ + 8, 8);
      std::memcpy(&c, p_ + 16, 8);
      if ((((a ^ k.w[0]) & k.m[0]) | ((b ^ k.w[1]) & k.m[1]) | ((c ^ k.w[2]) & k.m[2])) != 0)
        return false;
    } else if (std::memcmp(p_, k.text, k.len) != 0) {
      return false;
    }
    p_ += k.len;
    return true;
  }

  const char *pos() const { return p_; }
  void seek(const char *p) { p_ = p; }

  // A string of printable ASCII without a backslash (anything else declines: escapes need
  // unescaping, and simdjson validates UTF-8 that this scanner does not). Eight bytes at a time;
  // reads past `end_` stay inside the caller's padding and are never accepted.
  [[gnu::always_inline]] bool str(std::string_view *out) {
    if (!eat('"')) return false;
    const char *const begin = p_;
    const char *q = begin;
    for (;;) {
      if (q >= end_) return false;
      if constexpr (std::endian::native == std::endian::little) {
        uint64_t x;
        std::memcpy(&x, q, sizeof x);
        // High bit of a byte set for '"', '\\', < 0x20 or >= 0x80. A borrow can only flag bytes
        // above a byte that is itself flagged, so the lowest flag is exact.
        const uint64_t special = (((x ^ (kOnes * '"')) - kOnes) | ((x ^ (kOnes * '\\')) - kOnes) |
                                  (x - kOnes * 0x20) | x) &
                                 kHigh;
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
  [[gnu::always_inline]] bool key(std::string_view *out) { return str(out) && eat(':'); }

  // An integer as simdjson's get_int64 reads it, limited to 18 digits (no overflow possible);
  // leading zeros, "-0", fractions and exponents decline.
  [[gnu::always_inline]] bool i64(int64_t *out) {
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

  // A decimal string -> value x 10^places, parsed straight from the bytes under exactly the rules
  // of Reader::fast_fixed (at most 18 characters, integer digits + places <= 18, digits beyond
  // `places` only zeros), so it answers when that inline path answers, with the same value; any
  // other text declines (parse_fixed's verdict is the slow path's business). At most 19 bytes
  // are read past the opening quote, inside the padding, and the closing quote must be in range.
  [[gnu::always_inline]] bool decimal(int places, int64_t *out) {
    static constexpr uint64_t kPow10[] = {1,         10,         100,         1000,
                                          10000,     100000,     1000000,     10000000,
                                          100000000, 1000000000, 10000000000, 100000000000};
    if (places < 0 || places > 11 || !eat('"')) return false;
    const char *const start = p_;
    const char *s = start;
    const bool negative = *s == '-';
    if (negative) ++s;
    const char *const int_start = s;
    uint64_t acc = 0;
    while (is_digit(*s)) {
      acc = acc * 10 + static_cast<unsigned>(*s++ - '0');
      if (s - start > 18) return false;
    }
    const long int_digits = s - int_start;
    if (int_digits == 0 || int_digits + places > 18) return false;
    int frac = 0;
    if (*s == '.') {
      const char *const frac_start = ++s;
      while (frac < places && is_digit(*s)) {
        acc = acc * 10 + static_cast<unsigned>(*s++ - '0');
        ++frac;
      }
      while (*s == '0' && s - start < 18) ++s;            // zeros beyond the scale
      if (s == frac_start || is_digit(*s)) return false;  // no digit, or inexact, or too long
    }
    if (s - start > 18 || s >= end_ || *s != '"') return false;
    const auto v = static_cast<int64_t>(acc * kPow10[places - frac]);
    *out = negative ? -v : v;
    p_ = s + 1;
    return true;
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
  bool eat_after_ws(char c) {
    skip_ws();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  // Out of line and by value, so the scanner itself never has its address taken and its
  // position stays in a register through the hot path.
  void skip_ws() { p_ = skip_whitespace(p_, end_); }

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
[[gnu::always_inline]] inline bool next_member(Scan &s, bool *ok) {
  if (s.eat(',')) return true;
  *ok = s.eat('}');
  return false;
}

// Members this scanner reads. Unknown ones (and the deprecated `ts`) are skipped as scalars.
enum class Field : uint8_t {
  Unknown,
  // envelope
  Type,
  Sid,
  Seq,
  Id,
  Msg,
  // msg
  MarketTicker,
  MarketId,
  Side,
  TsMs,
  Price,  // delta: price / price_dollars
  Delta,  // delta: delta / delta_fp
  Subaccount,
  ClientOrderId,
  LastUpdateReason,
  YesLevels,
  NoLevels,
  BidLevels,
  AskLevels,
  LegacyLevels,  // prediction snapshot yes / no integer levels: left to the simdjson path
};

struct Expected {
  Pattern key;
  Field field;
};

// The order the exchange sends (spec examples): tried first with one masked compare per key;
// any other order still works through the generic key read.
constexpr Expected kEnvelopeOrder[] = {{pattern("\"type\":"), Field::Type},
                                       {pattern("\"sid\":"), Field::Sid},
                                       {pattern("\"seq\":"), Field::Seq},
                                       {pattern("\"msg\":"), Field::Msg}};
constexpr Expected kPredictionDeltaOrder[] = {{pattern("\"market_ticker\":"), Field::MarketTicker},
                                              {pattern("\"market_id\":"), Field::MarketId},
                                              {pattern("\"price_dollars\":"), Field::Price},
                                              {pattern("\"delta_fp\":"), Field::Delta},
                                              {pattern("\"side\":"), Field::Side},
                                              {pattern("\"ts\":"), Field::Unknown},
                                              {pattern("\"ts_ms\":"), Field::TsMs}};
constexpr Expected kPerpsDeltaOrder[] = {
    {pattern("\"market_ticker\":"), Field::MarketTicker},
    {pattern("\"price\":"), Field::Price},
    {pattern("\"delta\":"), Field::Delta},
    {pattern("\"side\":"), Field::Side},
    {pattern("\"last_update_reason\":"), Field::LastUpdateReason},
    {pattern("\"ts_ms\":"), Field::TsMs}};
constexpr Expected kPredictionSnapshotOrder[] = {
    {pattern("\"market_ticker\":"), Field::MarketTicker},
    {pattern("\"market_id\":"), Field::MarketId},
    {pattern("\"yes_dollars_fp\":"), Field::YesLevels},
    {pattern("\"no_dollars_fp\":"), Field::NoLevels}};
constexpr Expected kPerpsSnapshotOrder[] = {{pattern("\"market_ticker\":"), Field::MarketTicker},
                                            {pattern("\"bid\":"), Field::BidLevels},
                                            {pattern("\"ask\":"), Field::AskLevels}};

constexpr Pattern kDeltaType = pattern("\"orderbook_delta\"");
constexpr Pattern kSnapshotType = pattern("\"orderbook_snapshot\"");

Field envelope_field(std::string_view k) {
  if (k == "type") return Field::Type;
  if (k == "sid") return Field::Sid;
  if (k == "seq") return Field::Seq;
  if (k == "id") return Field::Id;
  if (k == "msg") return Field::Msg;
  return Field::Unknown;
}

// The keys decode_delta (channel_books.cpp) reads; everything else, `ts` included, is skipped.
Field delta_field(std::string_view k) {
  switch (k.size()) {
    case 4:
      if (k == "side") return Field::Side;
      break;
    case 5:
      if (k == "ts_ms") return Field::TsMs;
      if (k == "price") return Field::Price;
      if (k == "delta") return Field::Delta;
      break;
    case 8:
      if (k == "delta_fp") return Field::Delta;
      break;
    case 9:
      if (k == "market_id") return Field::MarketId;
      break;
    case 10:
      if (k == "subaccount") return Field::Subaccount;
      break;
    case 13:
      if (k == "market_ticker") return Field::MarketTicker;
      if (k == "price_dollars") return Field::Price;
      break;
    case 15:
      if (k == "client_order_id") return Field::ClientOrderId;
      break;
    case 18:
      if (k == "last_update_reason") return Field::LastUpdateReason;
      break;
    default:
      break;
  }
  return Field::Unknown;
}

// The keys decode_snapshot reads.
Field snapshot_field(std::string_view k, Product product) {
  if (k == "market_ticker") return Field::MarketTicker;
  if (k == "market_id") return Field::MarketId;
  if (k == "yes_dollars_fp") return Field::YesLevels;
  if (k == "no_dollars_fp") return Field::NoLevels;
  if (k == "bid") return Field::BidLevels;
  if (k == "ask") return Field::AskLevels;
  if (product == Product::Prediction && (k == "yes" || k == "no")) return Field::LegacyLevels;
  return Field::Unknown;
}

// The next member's key: the expected one by a masked compare, else read and classified.
template <size_t N, class Classify>
[[gnu::always_inline]] inline bool next_key(Scan &s, const Expected (&order)[N], size_t *next,
                                            Classify &&classify, Field *field) {
  if (*next < N && s.lit(order[*next].key)) {
    *field = order[(*next)++].field;
    return true;
  }
  std::string_view k;
  if (!s.key(&k)) return false;
  *field = classify(k);
  return true;
}

// The body of msg for orderbook_delta, after its '{'. Mirrors decode_delta: later duplicates
// overwrite earlier ones, and the four required members must have been seen.
[[gnu::always_inline]] inline bool delta_body(Scan &s, Product product, BookDelta *out) {
  bool have_price = false;
  bool have_delta = false;
  bool have_side = false;
  bool more = !s.eat('}');
  bool ok = true;
  size_t next = 0;
  while (more) {
    Field f;
    const bool key = product == Product::Prediction
                         ? next_key(s, kPredictionDeltaOrder, &next, delta_field, &f)
                         : next_key(s, kPerpsDeltaOrder, &next, delta_field, &f);
    if (!key) return false;
    bool read = true;
    switch (f) {
      case Field::MarketTicker:
        read = s.str(&out->market_ticker);
        break;
      case Field::MarketId:
        read = s.str(&out->market_id);
        break;
      case Field::Price:
        read = have_price = s.decimal(6, &out->price);
        break;
      case Field::Delta:
        read = have_delta = s.decimal(2, &out->delta);
        break;
      case Field::Side: {
        std::string_view v;
        read = have_side = s.str(&v);
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
        break;
      }
      case Field::TsMs:
        read = s.i64(&out->ts_ms);
        break;
      case Field::Subaccount:
        read = s.i64(&out->subaccount);
        break;
      case Field::ClientOrderId:
        read = s.str(&out->client_order_id);
        break;
      case Field::LastUpdateReason:
        read = s.str(&out->last_update_reason);
        break;
      default:
        read = s.skip_scalar();  // `ts` and members this version ignores
        break;
    }
    if (!read) return false;
    more = next_member(s, &ok);
  }
  return ok && !out->market_ticker.empty() && have_price && have_delta && have_side;
}

// [[price, count], ...] of decimal strings into `dst` (cleared first, as level_list does).
// Out of line, on its own copy of the scanner (so the caller's stays in registers): returns the
// position after the list, or nullptr to decline.
[[gnu::noinline]] const char *level_list(Scan s, std::vector<PriceLevel> *dst) {
  // Levels are written into the vector's whole capacity and the size trimmed at the end: no
  // per-level push_back bookkeeping (the capacity is kept, so steady state never allocates).
  dst->resize(std::max<size_t>(dst->capacity(), 16));
  size_t n = 0;
  const auto finish = [&](const char *at) {
    dst->resize(at != nullptr ? n : 0);
    return at;
  };
  if (!s.eat('[')) return finish(nullptr);
  if (s.eat(']')) return finish(s.pos());
  for (;;) {
    if (n == dst->size()) dst->resize(2 * n);
    PriceLevel &level = (*dst)[n];
    if (!s.eat('[') || !s.decimal(6, &level.price) || !s.eat(',') || !s.decimal(2, &level.count) ||
        !s.eat(']'))
      return finish(nullptr);
    ++n;
    if (s.eat(',')) continue;
    return finish(s.eat(']') ? s.pos() : nullptr);
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
    std::vector<PriceLevel> *dst = nullptr;
    if (a == None || a == slot) {
      a = slot;
      dst = levels_a;
    } else if (b == None || b == slot) {
      b = slot;
      dst = levels_b;
    } else {
      return false;
    }
    const char *const after = level_list(s, dst);
    if (after == nullptr) return false;
    s.seek(after);
    return true;
  };
  auto classify = [product](std::string_view k) { return snapshot_field(k, product); };
  bool more = !s.eat('}');
  bool ok = true;
  size_t next = 0;
  while (more) {
    Field f;
    const bool key = product == Product::Prediction
                         ? next_key(s, kPredictionSnapshotOrder, &next, classify, &f)
                         : next_key(s, kPerpsSnapshotOrder, &next, classify, &f);
    if (!key) return false;
    bool read = true;
    switch (f) {
      case Field::MarketTicker:
        read = s.str(&out->market_ticker);
        break;
      case Field::MarketId:
        read = s.str(&out->market_id);
        break;
      case Field::YesLevels:
        read = take(Yes);
        break;
      case Field::NoLevels:
        read = take(No);
        break;
      case Field::BidLevels:
        read = take(Bid);
        break;
      case Field::AskLevels:
        read = take(Ask);
        break;
      case Field::LegacyLevels:
        return false;  // integer levels of old captures: rare, left to the simdjson path
      default:
        read = s.skip_scalar();
        break;
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

// The `type` value: one of the two book types, else decline.
[[gnu::always_inline]] inline bool type_value(Scan &s, Envelope *env) {
  const char *const at = s.pos();
  if (s.lit(kDeltaType)) {
    env->type = std::string_view(at + 1, kDeltaType.len - 2);
    env->kind = MessageKind::OrderbookDelta;
    return true;
  }
  if (s.lit(kSnapshotType)) {
    env->type = std::string_view(at + 1, kSnapshotType.len - 2);
    env->kind = MessageKind::OrderbookSnapshot;
    return true;
  }
  if (!s.str(&env->type)) return false;
  if (env->type == "orderbook_delta") {
    env->kind = MessageKind::OrderbookDelta;
    return true;
  }
  if (env->type == "orderbook_snapshot") {
    env->kind = MessageKind::OrderbookSnapshot;
    return true;
  }
  return false;
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
  size_t next = 0;
  while (more) {
    Field f;
    if (!next_key(s, kEnvelopeOrder, &next, envelope_field, &f)) return false;
    bool read = true;
    switch (f) {
      case Field::Type:
        // A second `type` reclassifies in the simdjson path: not worth mirroring.
        if (have_type) return false;
        read = have_type = type_value(s, &env);
        break;
      case Field::Sid:
        read = s.i64(&env.sid);
        break;
      case Field::Seq:
        read = s.i64(&env.seq);
        break;
      case Field::Id:
        read = s.i64(&env.id);
        break;
      case Field::Msg:
        // `msg` before `type` is kept raw and decoded in a second pass there; decline it.
        if (!have_type || have_msg || !s.eat('{')) return false;
        have_msg = true;
        read = env.kind == MessageKind::OrderbookDelta
                   ? delta_body(s, product, &delta)
                   : snapshot_body(s, product, &levels_a_, &levels_b_, &snapshot);
        break;
      default:
        read = s.skip_scalar();
        break;
    }
    if (!read) return false;
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
