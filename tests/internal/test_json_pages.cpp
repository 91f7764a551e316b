// List pages: a 1,000-market page, cursors (present, empty, null, missing, next_cursor), empty
// and null item lists, errors inside an item naming the item's model, and the steady state: once
// the decoder and the vector have seen the largest page, decoding more pages (and order books)
// never calls operator new. Counted with a replaced global operator new, as test_http_alloc does.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "json/decode.h"

extern "C" {
#include <cmocka.h>
}

namespace {
bool g_counting = false;
size_t g_allocations = 0;
}  // namespace

void *operator new(size_t n) {
  if (g_counting) ++g_allocations;
  void *p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void *operator new(size_t n, const std::nothrow_t &) noexcept {
  if (g_counting) ++g_allocations;
  return std::malloc(n == 0 ? 1 : n);
}
void operator delete(void *p) noexcept {
  std::free(p);
}
void operator delete(void *p, size_t) noexcept {
  std::free(p);
}
void *operator new[](size_t n) {
  return operator new(n);
}
void *operator new[](size_t n, const std::nothrow_t &t) noexcept {
  return operator new(n, t);
}
void operator delete[](void *p) noexcept {
  std::free(p);
}
void operator delete[](void *p, size_t) noexcept {
  std::free(p);
}

using namespace kalshi;
using namespace kalshi::json;

namespace {

struct Padded {
  std::string buf;
  size_t n = 0;
  explicit Padded(std::string text) : buf(std::move(text)), n(buf.size()) {
    buf.append(kJsonPadding, ' ');
  }
  std::string_view view() const { return std::string_view(buf.data(), n); }
};

// One market object; i picks the ticker and the prices so each item differs.
void append_market(std::string &out, int i) {
  char tail[512];
  std::snprintf(
      tail, sizeof tail,
      R"({"ticker":"KXTEST-26NOV21-T%d","event_ticker":"KXTEST-26NOV21","market_type":"binary",)"
      R"("title":"Market number %d","yes_sub_title":"%d","no_sub_title":"%d",)"
      R"("open_time":"2026-11-20T15:00:00Z","close_time":"2026-11-22T04:59:00Z",)"
      R"("status":"active","yes_bid_dollars":"0.%04d","yes_ask_dollars":"0.%04d",)"
      R"("yes_bid_size_fp":"%d.00","volume_fp":"%d.50","can_close_early":true,)"
      R"("rules_primary":"If the value is above %d, Yes.","price_ranges":[{"start":"0.0000"}]})",
      i, i, i, i, i % 10000, (i + 1) % 10000, i, i * 3, i);
  out += tail;
}

std::string markets_page(int count, const char *cursor_json) {
  std::string s = R"({"markets":[)";
  for (int i = 0; i < count; ++i) {
    if (i != 0) s += ',';
    append_market(s, i);
  }
  s += "]";
  if (cursor_json != nullptr) {
    s += R"(,"cursor":)";
    s += cursor_json;
  }
  s += "}";
  return s;
}

void test_thousand_markets(void **) {
  JsonDecoder d;
  std::vector<Market> markets;
  std::string_view cursor;
  Padded page(markets_page(1000, R"("CgwIABCDEFG")"));
  const Error e = d.decode_page(page.view(), "markets", &markets, &cursor);
  if (!e.ok()) std::fprintf(stderr, "%s\n", e.message.c_str());
  assert_true(e.ok());
  assert_int_equal(markets.size(), 1000);
  assert_true(cursor == "CgwIABCDEFG");
  for (int i = 0; i < 1000; ++i) {
    const Market &m = markets[static_cast<size_t>(i)];
    const std::string ticker = "KXTEST-26NOV21-T" + std::to_string(i);
    assert_true(m.ticker == ticker);
    assert_int_equal(m.yes_bid_dollars, (i % 10000) * 100);
    assert_int_equal(m.yes_bid_size_fp, i * 100);
    assert_int_equal(m.volume_fp, i * 300 + 50);
    assert_true(m.can_close_early);
    assert_false(m.has(Market::f_no_bid_dollars));
  }
  // The same page again: the vector is refilled, not appended to.
  assert_true(decode_markets_page(page.view(), &markets, &cursor).ok());
  assert_int_equal(markets.size(), 1000);
}

void test_cursors_and_empty_pages(void **) {
  JsonDecoder d;
  std::vector<Market> markets;
  std::string_view cursor;
  Padded empty(R"({"markets":[],"cursor":""})");
  assert_true(d.decode_page(empty.view(), "markets", &markets, &cursor).ok());
  assert_int_equal(markets.size(), 0);
  assert_true(cursor.empty());
  Padded null_items(R"({"cursor":"c2","markets":null})");
  markets.resize(3);
  assert_true(d.decode_page(null_items.view(), "markets", &markets, &cursor).ok());
  assert_int_equal(markets.size(), 0);
  assert_true(cursor == "c2");
  Padded no_cursor(markets_page(2, nullptr));
  cursor = "stale";
  assert_true(d.decode_page(no_cursor.view(), "markets", &markets, &cursor).ok());
  assert_int_equal(markets.size(), 2);
  assert_true(cursor.empty());
  Padded null_cursor(markets_page(1, "null"));
  assert_true(d.decode_page(null_cursor.view(), "markets", &markets, &cursor).ok());
  assert_true(cursor.empty());
  // A missing item list is an error; so are a non-array list, a non-object item, a bad cursor.
  Padded missing(R"({"cursor":"x"})");
  Error e = d.decode_page(missing.view(), "markets", &markets, &cursor);
  assert_int_equal(e.code, KALSHI_ERR_PARSE);
  assert_true(e.message.find("markets") != std::string::npos);
  Padded not_array(R"({"markets":{}})");
  assert_int_equal(d.decode_page(not_array.view(), "markets", &markets, &cursor).code,
                   KALSHI_ERR_PARSE);
  Padded not_object(R"({"markets":[1]})");
  assert_int_equal(d.decode_page(not_object.view(), "markets", &markets, &cursor).code,
                   KALSHI_ERR_PARSE);
  Padded bad_cursor(R"({"markets":[],"cursor":5})");
  assert_int_equal(d.decode_page(bad_cursor.view(), "markets", &markets, &cursor).code,
                   KALSHI_ERR_PARSE);
  // An error inside the 3rd item names the item model and field.
  std::string s = markets_page(2, nullptr);
  s.insert(
      s.size() - 2,
      R"(,{"ticker":"X","event_ticker":"E","market_type":"binary","open_time":"o","close_time":"c","status":"s","yes_bid_dollars":"0.0000001"})");
  Padded bad_item(s);
  e = d.decode_page(bad_item.view(), "markets", &markets, &cursor);
  assert_int_equal(e.code, KALSHI_ERR_INEXACT);
  assert_true(e.message.find("market.yes_bid_dollars") != std::string::npos);
  // Truncated pages fail cleanly at every length.
  Padded full(markets_page(3, R"("abc")"));
  for (size_t len = 0; len < full.n; ++len) {
    Padded cut(full.buf.substr(0, len));
    assert_int_not_equal(d.decode_page(cut.view(), "markets", &markets, &cursor).code, KALSHI_OK);
  }
}

void test_steady_state_allocates_nothing(void **) {
  JsonDecoder d;
  std::vector<Market> markets;
  std::vector<Order> orders;
  OrderBook book;
  std::string_view cursor;
  Padded big(markets_page(1000, R"("next")"));
  Padded small(markets_page(10, R"("")"));
  Padded order_page(
      R"({"orders":[{"order_id":"o1","ticker":"T","status":"resting","fill_count_fp":"0.00",)"
      R"("remaining_count_fp":"10.00","yes_price_dollars":"0.5600","client_order_id":"c\"1"}],"cursor":"q"})");
  std::string levels = R"({"orderbook_fp":{"yes_dollars":[)";
  for (int i = 1; i < 100; ++i) {
    char lv[48];
    std::snprintf(lv, sizeof lv, R"(%s["0.%04d","%d.00"])", i == 1 ? "" : ",", i * 100, i);
    levels += lv;
  }
  levels += R"(],"no_dollars":[["0.4400","1.00"]]}})";
  Padded book_json(levels);
  // Warm up: the parser sizes itself to the largest document, vectors to the largest page.
  for (int round = 0; round < 2; ++round) {
    assert_true(d.decode_page(big.view(), "markets", &markets, &cursor).ok());
    assert_true(d.decode_page(order_page.view(), "orders", &orders, &cursor).ok());
    assert_true(d.decode_orderbook(book_json.view(), &book).ok());
  }
  g_allocations = 0;
  g_counting = true;
  bool ok = true;
  for (int round = 0; round < 20; ++round) {
    ok = ok && d.decode_page(small.view(), "markets", &markets, &cursor).ok();
    ok = ok && d.decode_page(big.view(), "markets", &markets, &cursor).ok();
    ok = ok && d.decode_page(order_page.view(), "orders", &orders, &cursor).ok();
    ok = ok && d.decode_orderbook(book_json.view(), &book).ok();
  }
  g_counting = false;
  assert_true(ok);
  assert_int_equal(g_allocations, 0);
  assert_int_equal(markets.size(), 1000);
  assert_int_equal(book.yes.size(), 99);
  assert_true(orders[0].client_order_id == "c\"1");
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_thousand_markets),
      cmocka_unit_test(test_cursors_and_empty_pages),
      cmocka_unit_test(test_steady_state_allocates_nothing),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
