// kalshi_book_*: the order book (api/book/order_book.h) fed from KalshiMD messages.
#include <kalshi/book.h>

#include <string>
#include <string_view>

#include "api/book/order_book.h"
#include "api/fix/session_driver.h"
#include "capi/obj.h"
#include "capi/guard.h"
#include "core/event.h"

using kalshi::book::OrderBook;
using kalshi::book::Side;
using kalshi::capi::guarded;

struct kalshi_book {
  OrderBook book;
};

namespace {

constexpr uint32_t kSymbol = 55;
constexpr uint32_t kNoMDEntries = 268;
constexpr uint32_t kMDEntryType = 269;
constexpr uint32_t kMDEntryPx = 270;
constexpr uint32_t kMDEntrySize = 271;
constexpr uint32_t kMDUpdateAction = 279;

bool valid_side(kalshi_book_side_t side) {
  return side == KALSHI_BOOK_BID || side == KALSHI_BOOK_ASK;
}

Side to_side(kalshi_book_side_t side) {
  return side == KALSHI_BOOK_BID ? Side::Bid : Side::Ask;
}

std::string_view str_field(const kalshi_fix_msg_t *m, uint32_t tag) {
  const char *v = nullptr;
  size_t n = 0;
  if (kalshi_fix_msg_str(m, tag, &v, &n) != KALSHI_OK) return {};
  return {v, n};
}

// 35=W: the symbol's book becomes exactly the listed levels.
kalshi_err_t apply_snapshot(OrderBook &book, const kalshi_fix_msg_t *m) {
  const std::string_view symbol = str_field(m, kSymbol);
  if (symbol.empty()) return KALSHI_ERR_PROTOCOL;
  book.reset_symbol(symbol);
  const size_t n = kalshi_fix_msg_group_count(m, kNoMDEntries);
  for (size_t i = 0; i < n; ++i) {
    const kalshi_fix_msg_t *e = kalshi_fix_msg_group_entry(m, kNoMDEntries, i);
    char type = 0;
    kalshi_price_t px = 0;
    kalshi_count_t size = 0;
    if (kalshi_fix_msg_char(e, kMDEntryType, &type) != KALSHI_OK ||
        kalshi_fix_msg_price(e, kMDEntryPx, &px) != KALSHI_OK ||
        kalshi_fix_msg_count(e, kMDEntrySize, &size) != KALSHI_OK || (type != '0' && type != '1') ||
        !book.set_level(symbol, type == '0' ? Side::Bid : Side::Ask, px, size)) {
      book.clear(symbol);
      return KALSHI_ERR_PROTOCOL;
    }
  }
  return KALSHI_OK;
}

// 35=X: level-replace updates; each entry names its symbol. Trades (269=2) leave the book alone.
kalshi_err_t apply_incremental(OrderBook &book, const kalshi_fix_msg_t *m) {
  const size_t n = kalshi_fix_msg_group_count(m, kNoMDEntries);
  kalshi_err_t result = KALSHI_OK;
  for (size_t i = 0; i < n; ++i) {
    const kalshi_fix_msg_t *e = kalshi_fix_msg_group_entry(m, kNoMDEntries, i);
    const std::string_view symbol = str_field(e, kSymbol);
    char action = 0;
    char type = 0;
    if (symbol.empty() || kalshi_fix_msg_char(e, kMDUpdateAction, &action) != KALSHI_OK ||
        kalshi_fix_msg_char(e, kMDEntryType, &type) != KALSHI_OK) {
      result = KALSHI_ERR_PROTOCOL;
      if (!symbol.empty()) book.clear(symbol);
      continue;
    }
    if (type == '2') continue;
    kalshi_price_t px = 0;
    kalshi_count_t size = 0;
    const bool ok = (type == '0' || type == '1') &&
                    kalshi_fix_msg_price(e, kMDEntryPx, &px) == KALSHI_OK &&
                    (action == '2' || kalshi_fix_msg_count(e, kMDEntrySize, &size) == KALSHI_OK) &&
                    (action == '0' || action == '1' || action == '2');
    // Delete's size is not meaningful (kalshi-fix.md §16 item 13): it always removes the level.
    if (!ok || !book.set_level(symbol, type == '0' ? Side::Bid : Side::Ask, px,
                               action == '2' ? 0 : size)) {
      result = KALSHI_ERR_PROTOCOL;
      book.clear(symbol);
    }
  }
  return result;
}

// c1: a REST order book response (GetMarketOrderbook: "yes"/"no" bids; perps: "bid"/"ask")
// replaces the ticker's book. A NO bid at p is a YES ask at 1 - p, as on the exchange's one book.
kalshi_err_t apply_rest_books(OrderBook &book, const kalshi::capi::ObjList &list) {
  for (const kalshi_obj &o : list.objs) {
    if (o.kind != "orderbook" && o.kind != "margin_orderbook") continue;
    const kalshi_obj::Field *t = o.find("ticker");
    if (t == nullptr || t->kind != KALSHI_FIELD_STR || t->text.empty()) return KALSHI_ERR_PROTOCOL;
    const bool perps = o.kind == "margin_orderbook";
    book.reset_symbol(t->text);
    for (const kalshi_obj::Side &s : o.sides) {
      for (const kalshi_obj::Level &l : s.levels) {
        bool ok = true;
        if (perps) {
          ok = book.set_level(t->text, s.name == "bid" ? Side::Bid : Side::Ask, l.price, l.size);
        } else if (s.name == "yes") {
          ok = book.set_level(t->text, Side::Bid, l.price, l.size);
        } else {
          ok = book.set_level(t->text, Side::Ask, KALSHI_PRICE_SCALE - l.price, l.size);
        }
        if (!ok) {
          book.clear(t->text);
          return KALSHI_ERR_PROTOCOL;
        }
      }
    }
  }
  return KALSHI_OK;
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_book_new(kalshi_book_t **out) {
  if (out == nullptr) return KALSHI_ERR_INVALID_ARG;
  *out = nullptr;
  return guarded(nullptr, [&] {
    *out = new kalshi_book();
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_book_destroy(kalshi_book_t *b) {
  delete b;
}

KALSHI_API kalshi_err_t kalshi_book_apply_fix(kalshi_book_t *b, const kalshi_fix_msg_t *m) {
  if (b == nullptr || m == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    const std::string_view type = kalshi_fix_msg_type(m);
    if (type == "W") return apply_snapshot(b->book, m);
    if (type == "X") return apply_incremental(b->book, m);
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_book_apply_event(kalshi_book_t *b, const kalshi_event_t *ev) {
  if (b == nullptr || ev == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    if (ev->type == KALSHI_EVENT_FIX_STATE) {
      // Market data has no retransmission: anything but an active session means updates may have
      // been missed, and the resubscription after the reconnect sends fresh snapshots.
      if (kalshi::fix::event_fix_state(*ev) != KALSHI_FIX_ACTIVE) b->book.clear_all();
      return KALSHI_OK;
    }
    if (ev->type == KALSHI_EVENT_FIX_CLOSED) {
      b->book.clear_all();
      return KALSHI_OK;
    }
    if (ev->type == KALSHI_EVENT_REST_RESPONSE || ev->type == KALSHI_EVENT_REST_PAGE) {  // c1
      const auto *list = dynamic_cast<const kalshi::capi::ObjList *>(ev->body.get());
      return ev->error || list == nullptr ? KALSHI_OK : apply_rest_books(b->book, *list);
    }
    const kalshi_fix_msg_t *m = kalshi_event_fix_msg(ev);
    return m == nullptr ? KALSHI_OK : kalshi_book_apply_fix(b, m);
  });
}

KALSHI_API kalshi_err_t kalshi_book_set_level(kalshi_book_t *b, const char *symbol,
                                              kalshi_book_side_t side, kalshi_price_t price,
                                              kalshi_count_t size) {
  if (b == nullptr || symbol == nullptr || !valid_side(side) || size < 0) {
    return KALSHI_ERR_INVALID_ARG;
  }
  return guarded(nullptr, [&] {
    b->book.set_level(symbol, to_side(side), price, size);
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_book_clear(kalshi_book_t *b, const char *symbol) {
  if (b == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    if (symbol == nullptr) {
      b->book.clear_all();
    } else {
      b->book.clear(symbol);
    }
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_book_level(const kalshi_book_t *b, const char *symbol,
                                          kalshi_book_side_t side, size_t index,
                                          kalshi_price_t *price, kalshi_count_t *size) {
  if (b == nullptr || symbol == nullptr || !valid_side(side)) return KALSHI_ERR_INVALID_ARG;
  const kalshi::book::Level *l = b->book.level(symbol, to_side(side), index);
  if (l == nullptr) return KALSHI_ERR_NOT_FOUND;
  if (price != nullptr) *price = l->price;
  if (size != nullptr) *size = l->size;
  return KALSHI_OK;
}

KALSHI_API kalshi_err_t kalshi_book_best(const kalshi_book_t *b, const char *symbol,
                                         kalshi_book_side_t side, kalshi_price_t *price,
                                         kalshi_count_t *size) {
  return kalshi_book_level(b, symbol, side, 0, price, size);
}

KALSHI_API size_t kalshi_book_depth(const kalshi_book_t *b, const char *symbol,
                                    kalshi_book_side_t side) {
  if (b == nullptr || symbol == nullptr || !valid_side(side)) return 0;
  return b->book.depth(symbol, to_side(side));
}

KALSHI_API size_t kalshi_book_symbol_count(const kalshi_book_t *b) {
  return b == nullptr ? 0 : b->book.symbol_count();
}

KALSHI_API const char *kalshi_book_symbol_at(const kalshi_book_t *b, size_t index) {
  if (b == nullptr) return nullptr;
  const std::string *s = b->book.symbol_at(index);
  return s == nullptr ? nullptr : s->c_str();
}

}  // extern "C"
