// orderbook_snapshot / orderbook_delta payloads for both products.
//   prediction: yes_dollars_fp / no_dollars_fp (bids on each leg), delta price_dollars/delta_fp,
//               side yes|no; legacy yes/no [cents, contracts] and price/delta integers.
//   perps:      bid / ask [price, count] strings, delta price/delta strings, side bid|ask.
#include "api/ws/decode_util.h"

namespace kalshi::wsapi::detail {

bool Reader::level_list(od::value &v, std::vector<PriceLevel> *dst, bool legacy_ints,
                        const char *field) {
  dst->clear();
  od::array arr;
  if (v.get_array().get(arr) != simdjson::SUCCESS) return fail(field);
  for (auto item : arr) {
    od::array pair;
    if (item.get_array().get(pair) != simdjson::SUCCESS) return fail(field);
    PriceLevel level{kAbsent, kAbsent};
    int index = 0;
    for (auto element : pair) {
      od::value e;
      if (std::move(element).get(e) != simdjson::SUCCESS) return fail(field);
      if (index == 0) {
        if (legacy_ints) {
          int64_t cents;
          if (!i64(e, &cents, field)) return false;
          if (cents < 0 || cents > 100) return fail(field, KALSHI_ERR_RANGE);
          level.price = cents * 10'000;
        } else if (!price(e, &level.price, field)) {
          return false;
        }
      } else if (index == 1) {
        if (legacy_ints) {
          int64_t contracts;
          if (!i64(e, &contracts, field)) return false;
          if (contracts > INT64_MAX / 100 || contracts < 0) return fail(field, KALSHI_ERR_RANGE);
          level.count = contracts * 100;
        } else if (!count(e, &level.count, field)) {
          return false;
        }
      } else {
        return fail(field);  // a level is exactly [price, count]
      }
      ++index;
    }
    if (index != 2) return fail(field);
    dst->push_back(level);
  }
  return true;
}

bool decode_snapshot(Reader &r, od::object obj, BookSnapshot *out) {
  // The two sides land in levels_a / levels_b whatever their names; which span they back is
  // decided by the key so a message with both spellings cannot alias.
  r.levels_a.clear();
  r.levels_b.clear();
  enum Slot : uint8_t { None, Yes, No, Bid, Ask };
  Slot a = None;
  Slot b = None;
  auto take = [&](od::value &v, Slot slot, bool legacy, const char *name) {
    std::vector<PriceLevel> *dst = nullptr;
    if (a == None || a == slot) {
      a = slot;
      dst = &r.levels_a;
    } else if (b == None || b == slot) {
      b = slot;
      dst = &r.levels_b;
    } else {
      return r.fail(name);  // more than two distinct sides
    }
    return r.level_list(v, dst, legacy, name);
  };
  const bool prediction = r.product == Product::Prediction;
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
    if (k == "market_id") return r.str(v, &out->market_id, "market_id");
    if (k == "yes_dollars_fp") return take(v, Yes, false, "yes_dollars_fp");
    if (k == "no_dollars_fp") return take(v, No, false, "no_dollars_fp");
    if (k == "bid") return take(v, Bid, false, "bid");
    if (k == "ask") return take(v, Ask, false, "ask");
    if (prediction && k == "yes") return take(v, Yes, true, "yes");
    if (prediction && k == "no") return take(v, No, true, "no");
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
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
  bind(a, r.levels_a);
  bind(b, r.levels_b);
  return true;
}

bool decode_delta(Reader &r, od::object obj, BookDelta *out) {
  bool have_price = false;
  bool have_delta = false;
  bool have_side = false;
  const bool ok = for_fields(r, obj, [&](std::string_view k, od::value &v) {
    switch (k.size()) {
      case 2:
        if (k == "ts") return true;  // deprecated; ts_ms carries the time
        break;
      case 4:
        if (k == "side") {
          std::string_view s;
          if (!r.str(v, &s, "side")) return false;
          have_side = true;
          if (s == "yes")
            out->side = BookSide::Yes;
          else if (s == "no")
            out->side = BookSide::No;
          else if (s == "bid")
            out->side = BookSide::Bid;
          else if (s == "ask")
            out->side = BookSide::Ask;
          else
            return r.fail("side");
          return true;
        }
        break;
      case 5:
        if (k == "ts_ms") return r.i64(v, &out->ts_ms, "ts_ms");
        if (k == "price") return have_price = true, r.price(v, &out->price, "price");
        if (k == "delta") return have_delta = true, r.count(v, &out->delta, "delta");
        break;
      case 8:
        if (k == "delta_fp") return have_delta = true, r.count(v, &out->delta, "delta_fp");
        break;
      case 9:
        if (k == "market_id") return r.str(v, &out->market_id, "market_id");
        break;
      case 10:
        if (k == "subaccount") return r.i64(v, &out->subaccount, "subaccount");
        break;
      case 13:
        if (k == "market_ticker") return r.str(v, &out->market_ticker, "market_ticker");
        if (k == "price_dollars")
          return have_price = true, r.price(v, &out->price, "price_dollars");
        break;
      case 15:
        if (k == "client_order_id") return r.str(v, &out->client_order_id, "client_order_id");
        break;
      case 18:
        if (k == "last_update_reason")
          return r.str(v, &out->last_update_reason, "last_update_reason");
        break;
      default:
        break;
    }
    return true;
  });
  if (!ok) return false;
  if (out->market_ticker.empty()) return r.fail("market_ticker");
  if (!have_price) return r.fail("price_dollars");
  if (!have_delta) return r.fail("delta_fp");
  if (!have_side) return r.fail("side");
  return true;
}

}  // namespace kalshi::wsapi::detail
