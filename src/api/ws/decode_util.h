// Internal to src/api/ws: the Decoder's state and the field readers every channel decoder uses.
// Readers return false after recording which field was bad, so a decoder is a flat loop over the
// object's fields in document order (one pass, no generic lookup, no backtracking).
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/ws/channels.h"
#include "core/decimal.h"

namespace kalshi::wsapi::detail {

namespace od = simdjson::ondemand;

static_assert(Decoder::kPadding >= simdjson::SIMDJSON_PADDING,
              "Decoder::kPadding must cover simdjson's");

struct Reader {
  Product product = Product::Prediction;
  const char *bad_field = nullptr;
  kalshi_err_t code = KALSHI_OK;

  // Reusable storage behind the spans in Decoded (cleared, never shrunk).
  std::vector<PriceLevel> levels_a, levels_b;
  std::vector<std::string_view> strings, strings_b;
  std::vector<SubscriptionInfo> subs;

  bool fail(const char *field, kalshi_err_t c = KALSHI_ERR_PARSE) {
    bad_field = field;
    code = c;
    return false;
  }

  // is_null() reports an error for a malformed literal; that reads as "not null" and the typed
  // read after it fails cleanly (never the throwing implicit conversion).
  static bool is_null(od::value &v) {
    bool null = false;
    return v.is_null().get(null) == simdjson::SUCCESS && null;
  }
  bool str(od::value &v, std::string_view *out, const char *field) {
    switch (string_token(v, out)) {
      case Token::Plain:
        return true;
      case Token::Escaped:
        if (v.get_string().get(*out) != simdjson::SUCCESS) return fail(field);
        return true;
      default:
        return fail(field);
    }
  }
  // A string or null (null reads as empty).
  bool str_or_null(od::value &v, std::string_view *out, const char *field) {
    if (is_null(v)) {
      *out = {};
      return true;
    }
    return str(v, out, field);
  }
  bool i64(od::value &v, int64_t *out, const char *field) {
    if (v.get_int64().get(*out) != simdjson::SUCCESS) return fail(field);
    return true;
  }
  bool i64_or_null(od::value &v, int64_t *out, const char *field) {
    if (is_null(v)) {
      *out = kAbsent;
      return true;
    }
    return i64(v, out, field);
  }
  bool boolean(od::value &v, bool *out, const char *field) {
    if (v.get_bool().get(*out) != simdjson::SUCCESS) return fail(field);
    return true;
  }
  // Fast path for the short decimals every message carries ("0.9600", "-54.00"): when the
  // integer digits plus the scale stay within 18 digits the result cannot overflow int64, so the
  // per-digit overflow checks of parse_fixed are not needed. Anything else — longer, malformed,
  // inexact — returns false and parse_fixed gives the exact verdict.
  static bool fast_fixed(std::string_view text, int decimals, int64_t *out) {
    const size_t n = text.size();
    if (n == 0 || n > 18) return false;
    size_t i = text[0] == '-' ? 1 : 0;
    const bool negative = i == 1;
    int64_t acc = 0;
    size_t int_digits = 0;
    for (; i < n; ++i, ++int_digits) {
      const unsigned d = static_cast<unsigned>(text[i] - '0');
      if (d > 9) break;
      acc = acc * 10 + static_cast<int64_t>(d);
    }
    if (int_digits == 0 || int_digits + static_cast<size_t>(decimals) > 18) return false;
    int frac = 0;
    if (i < n) {
      if (text[i] != '.' || ++i == n) return false;
      for (; i < n; ++i) {
        const unsigned d = static_cast<unsigned>(text[i] - '0');
        if (d > 9) return false;
        if (frac < decimals) {
          acc = acc * 10 + static_cast<int64_t>(d);
          ++frac;
        } else if (d != 0) {
          return false;
        }
      }
    }
    for (; frac < decimals; ++frac) acc *= 10;
    *out = negative ? -acc : acc;
    return true;
  }
  bool fixed_text(std::string_view text, int decimals, int64_t *out, const char *field) {
    if (fast_fixed(text, decimals, out)) return true;
    const kalshi_err_t rc = parse_fixed(text, decimals, out);
    if (rc != KALSHI_OK) return fail(field, rc);
    return true;
  }
  // A FixedPointDollars string -> dollars x 10^6. On prediction connections a JSON integer is the
  // legacy cents form (removed in the fixed-point migration; accepted for old captures).
  bool price(od::value &v, int64_t *out, const char *field) {
    return scaled(v, 6, 10'000, out, field);
  }
  // A FixedPointCount string -> contracts x 100; a legacy integer is whole contracts.
  bool count(od::value &v, int64_t *out, const char *field) {
    return scaled(v, 2, 100, out, field);
  }
  // A decimal string with 8 places (index feeds) -> value x 10^8.
  bool e8(od::value &v, int64_t *out, const char *field) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) return fail(field);
    return fixed_text(s, 8, out, field);
  }
  // Raw JSON text of any value, as a view into the input (objects/arrays whole; scalars trimmed).
  bool raw(od::value &v, std::string_view *out, const char *field) {
    od::json_type t;
    if (v.type().get(t) != simdjson::SUCCESS) return fail(field);
    if (t == od::json_type::object) {
      od::object o;
      if (v.get_object().get(o) != simdjson::SUCCESS || o.raw_json().get(*out) != simdjson::SUCCESS)
        return fail(field);
      return true;
    }
    if (t == od::json_type::array) {
      od::array a;
      if (v.get_array().get(a) != simdjson::SUCCESS || a.raw_json().get(*out) != simdjson::SUCCESS)
        return fail(field);
      return true;
    }
    std::string_view tok = v.raw_json_token();
    while (!tok.empty() &&
           (tok.back() == ' ' || tok.back() == '\n' || tok.back() == '\r' || tok.back() == '\t'))
      tok.remove_suffix(1);
    *out = tok;
    return true;
  }
  // A JSON number (or null -> empty) kept as its text, so no binary floating point is involved.
  bool number_text(od::value &v, std::string_view *out, const char *field) {
    if (is_null(v)) {
      *out = {};
      return true;
    }
    od::json_type t;
    if (v.type().get(t) != simdjson::SUCCESS || t != od::json_type::number) return fail(field);
    return raw(v, out, field);
  }
  bool string_list(od::value &v, std::vector<std::string_view> *dst, const char *field) {
    dst->clear();
    od::array arr;
    if (v.get_array().get(arr) != simdjson::SUCCESS) return fail(field);
    for (auto item : arr) {
      std::string_view s;
      if (item.get_string().get(s) != simdjson::SUCCESS) return fail(field);
      dst->push_back(s);
    }
    return true;
  }
  // String values are read straight from the input: the token between the quotes, when it holds
  // no backslash, is already the value (stage 1 validated the UTF-8 and found the closing quote),
  // so no copy into the parser's string buffer. Escaped strings take simdjson's unescaping path.
  enum class Token : uint8_t { Plain, Escaped, NotString };
  static Token string_token(od::value &v, std::string_view *out, bool find_escapes = true) {
    std::string_view tok = v.raw_json_token();
    if (tok.empty() || tok[0] != '"') return Token::NotString;
    size_t n = tok.size();
    while (n > 1 &&
           (tok[n - 1] == ' ' || tok[n - 1] == '\n' || tok[n - 1] == '\r' || tok[n - 1] == '\t'))
      --n;
    if (n < 2 || tok[n - 1] != '"') return Token::NotString;
    const std::string_view body = tok.substr(1, n - 2);
    if (find_escapes && body.find('\\') != std::string_view::npos) return Token::Escaped;
    *out = body;
    return Token::Plain;
  }

  // [[price, count], ...] -> levels.
  bool level_list(od::value &v, std::vector<PriceLevel> *dst, bool legacy_ints, const char *field);

 private:
  bool scaled(od::value &v, int decimals, int64_t legacy_mult, int64_t *out, const char *field) {
    std::string_view s;
    // A decimal never needs escapes, so no scan for them: parse_fixed refuses a backslash anyway.
    const Token t = string_token(v, &s, /*find_escapes=*/false);
    if (t == Token::Plain) return fixed_text(s, decimals, out, field);
    if (product == Product::Prediction) {
      int64_t n;
      if (v.get_int64().get(n) != simdjson::SUCCESS) return fail(field);
      if (n > INT64_MAX / legacy_mult || n < INT64_MIN / legacy_mult)
        return fail(field, KALSHI_ERR_RANGE);
      *out = n * legacy_mult;
      return true;
    }
    return fail(field);
  }
};

// A member's key as a view into the input. Kalshi keys never need escaping, so the raw key up to
// its closing quote is the key; a key with a backslash goes through simdjson's unescaping.
inline bool key_of(od::field &f, std::string_view *key) {
  const char *begin = f.key().raw();
  const char *p = begin;
  while (*p != '"') {
    if (*p == '\\') return f.unescaped_key().get(*key) == simdjson::SUCCESS;
    ++p;
  }
  *key = std::string_view(begin, static_cast<size_t>(p - begin));
  return true;
}

// Payload decoders, one per family (channel_*.cpp). `obj` is the `msg` object.
bool decode_snapshot(Reader &r, od::object obj, BookSnapshot *out);
bool decode_delta(Reader &r, od::object obj, BookDelta *out);
bool decode_ticker(Reader &r, od::object obj, Ticker *out);
bool decode_trade(Reader &r, od::object obj, Trade *out);
bool decode_fill(Reader &r, od::object obj, Fill *out);
bool decode_position(Reader &r, od::object obj, MarketPosition *out);
bool decode_user_order(Reader &r, od::object obj, UserOrder *out);
bool decode_order_group(Reader &r, od::object obj, OrderGroupUpdate *out);
bool decode_market_lifecycle(Reader &r, od::object obj, MarketLifecycle *out);
bool decode_event_lifecycle(Reader &r, od::object obj, EventLifecycle *out);
bool decode_fee_update(Reader &r, od::object obj, EventFeeUpdate *out);
bool decode_communication(Reader &r, od::object obj, Communication *out);
bool decode_index_value(Reader &r, od::object obj, IndexValue *out);
bool decode_name_list(Reader &r, od::object obj, NameList *out);
bool decode_reply(Reader &r, MessageKind kind, od::value msg, ReplyPayload *out);

}  // namespace kalshi::wsapi::detail

namespace kalshi::wsapi::detail {

// Calls on_field(key, value) for each member of `obj` in document order; values the callback
// does not read are skipped by simdjson.
template <class OnField>
inline bool for_fields(Reader &r, od::object obj, OnField &&on_field) {
  for (auto field_result : obj) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) != simdjson::SUCCESS || !key_of(field, &key))
      return r.fail("msg");
    od::value value = field.value();
    if (!on_field(key, value)) return false;
  }
  return true;
}

}  // namespace kalshi::wsapi::detail
