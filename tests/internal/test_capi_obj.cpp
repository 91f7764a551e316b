// kalshi_obj_*: typed objects attached to an event, read through the C ABI exactly as REST and
// WebSocket events will carry them.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstring>

#include "capi/obj.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using kalshi::capi::ObjList;

namespace {

kalshi::EventPtr market_event() {
  auto ev = kalshi::make_event(KALSHI_EVENT_REST_RESPONSE, 7);
  auto list = std::make_unique<ObjList>();
  kalshi_obj &m = list->objs.emplace_back();
  m.kind = "market";
  m.add_str("ticker", "HIGHNY-26NOV21-T50");
  m.add_price("yes_bid", 560000);
  m.add_count("volume", 123456);
  m.add_int("open_interest", 42);
  m.add_bool("can_close_early", true);
  m.add_price("yes_bid", 570000);  // a later value replaces the earlier one
  kalshi_obj &book = list->objs.emplace_back();
  book.kind = "orderbook";
  book.add_level("yes", 560000, 1000);
  book.add_level("yes", 550000, 250);
  book.add_level("no", 430000, 500);
  ev->body = std::move(list);
  return ev;
}

void test_reads_every_kind(void **) {
  kalshi::EventPtr ev = market_event();
  assert_int_equal(kalshi_event_obj_count(ev.get()), 2);
  const kalshi_obj_t *m = kalshi_event_obj(ev.get(), 0);
  assert_non_null(m);
  assert_string_equal(kalshi_obj_kind(m), "market");
  assert_int_equal(kalshi_obj_field_count(m), 5);
  assert_string_equal(kalshi_obj_field_name(m, 0), "ticker");

  const char *s = nullptr;
  size_t len = 0;
  assert_int_equal(kalshi_obj_str(m, "ticker", &s, &len), KALSHI_OK);
  assert_string_equal(s, "HIGHNY-26NOV21-T50");
  assert_int_equal(len, std::strlen("HIGHNY-26NOV21-T50"));
  kalshi_price_t px = 0;
  assert_int_equal(kalshi_obj_price(m, "yes_bid", &px), KALSHI_OK);
  assert_int_equal(px, 570000);
  kalshi_count_t n = 0;
  assert_int_equal(kalshi_obj_count(m, "volume", &n), KALSHI_OK);
  assert_int_equal(n, 123456);
  int64_t i = 0;
  assert_int_equal(kalshi_obj_int(m, "open_interest", &i), KALSHI_OK);
  assert_int_equal(i, 42);
  int b = 0;
  assert_int_equal(kalshi_obj_bool(m, "can_close_early", &b), KALSHI_OK);
  assert_int_equal(b, 1);
  assert_int_equal(kalshi_obj_kind_of(m, "yes_bid"), KALSHI_FIELD_PRICE);
  assert_int_equal(kalshi_obj_kind_of(m, "nope"), KALSHI_FIELD_NONE);
}

void test_errors_are_clear(void **) {
  kalshi::EventPtr ev = market_event();
  const kalshi_obj_t *m = kalshi_event_obj(ev.get(), 0);
  kalshi_price_t px = 0;
  assert_int_equal(kalshi_obj_price(m, "missing", &px), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_obj_price(m, "ticker", &px), KALSHI_ERR_INVALID_ARG);  // a string
  assert_int_equal(kalshi_obj_price(m, "yes_bid", nullptr), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_obj_price(nullptr, "yes_bid", &px), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_obj_price(m, nullptr, &px), KALSHI_ERR_INVALID_ARG);
  const char *s = nullptr;
  assert_int_equal(kalshi_obj_str(m, "yes_bid", &s, nullptr), KALSHI_ERR_INVALID_ARG);
  assert_null(kalshi_event_obj(ev.get(), 2));
  assert_null(kalshi_event_obj(nullptr, 0));
  assert_int_equal(kalshi_event_obj_count(nullptr), 0);
  assert_string_equal(kalshi_obj_kind(nullptr), "");
  assert_null(kalshi_obj_field_name(m, 99));

  // An event without typed objects (a log line) has none.
  auto log = kalshi::make_event(KALSHI_EVENT_LOG, 0);
  assert_int_equal(kalshi_event_obj_count(log.get()), 0);
}

void test_book_levels(void **) {
  kalshi::EventPtr ev = market_event();
  const kalshi_obj_t *book = kalshi_event_obj(ev.get(), 1);
  assert_int_equal(kalshi_obj_level_count(book, "yes"), 2);
  assert_int_equal(kalshi_obj_level_count(book, "no"), 1);
  assert_int_equal(kalshi_obj_level_count(book, "bid"), 0);
  kalshi_price_t px = 0;
  kalshi_count_t size = 0;
  assert_int_equal(kalshi_obj_level(book, "yes", 1, &px, &size), KALSHI_OK);
  assert_int_equal(px, 550000);
  assert_int_equal(size, 250);
  assert_int_equal(kalshi_obj_level(book, "yes", 2, &px, &size), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_obj_level(book, "no", 0, nullptr, &size), KALSHI_ERR_INVALID_ARG);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reads_every_kind),
      cmocka_unit_test(test_errors_are_clear),
      cmocka_unit_test(test_book_levels),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
