// The simulator's REST front end, sans socket: requests as raw HTTP through an HttpSession into
// RestApi over a real exchange core, answers parsed by the library's response parser.
#include <algorithm>
#include <set>

#include "test_sim_rest_harness.h"

namespace {

using namespace resttest;

constexpr const char *kTicker = "HIGHNY-26NOV21-T50";
constexpr const char *kBase = "/trade-api/v2";

std::string path(std::string_view rel) {
  return std::string(kBase) + std::string(rel);
}

std::string order_body(std::string_view side, std::string_view price, std::string_view count,
                       std::string_view client_id = "",
                       std::string_view tif = "good_till_canceled") {
  std::string b = "{\"ticker\":\"" + std::string(kTicker) + "\",\"side\":\"" + std::string(side) +
                  "\",\"price\":\"" + std::string(price) + "\",\"count\":\"" + std::string(count) +
                  "\",\"time_in_force\":\"" + std::string(tif) +
                  "\",\"self_trade_prevention_type\":\"taker_at_cross\"";
  if (!client_id.empty()) b += ",\"client_order_id\":\"" + std::string(client_id) + "\"";
  return b + "}";
}

// Another participant's resting order, placed straight on the exchange.
void rest_other(Fixture &f, Side side, Price price, Qty qty, std::string_view id) {
  OrderRequest r;
  r.account = AccountKey{f.other, 0};
  r.client_order_id = std::string(id);
  r.ticker = kTicker;
  r.side = side;
  r.price = price;
  r.qty = qty;
  assert_true(f.ex.submit(r, f.now).ok);
}

void test_markets_pagination_and_filters(void **) {
  Fixture f;
  size_t total = 0;  // the prediction API lists binary markets only
  for (const Market *m : f.ex.markets()) total += m->kind == MarketKind::Binary ? 1 : 0;
  assert_true(total >= 3);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const Reply r = f.call(
        "GET", path("/markets?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor)), {}, false);
    assert_int_equal(r.status, 200);
    for (size_t at = r.body.find("{\"ticker\":\""); at != std::string::npos;
         at = r.body.find("{\"ticker\":\"", at + 1)) {
      seen.insert(json_field(r.body, "ticker", at));
    }
    cursor = json_field(r.body, "cursor");
    assert_true(++pages <= static_cast<int>(total));
  } while (!cursor.empty());
  assert_int_equal(seen.size(), total);
  assert_int_equal(pages, (total + 1) / 2);

  Reply one = f.call("GET", path(std::string("/markets?tickers=") + kTicker), {}, false);
  assert_int_equal(one.status, 200);
  assert_int_equal(count_of(one.body, "\"ticker\":"), 1);
  assert_true(contains(one.body, "\"status\":\"active\""));
  assert_true(
      contains(one.body,
               "\"price_ranges\":[{\"start\":\"0.0100\",\"end\":\"0.9900\",\"step\":\"0.0100\"}]"));

  Reply ev = f.call("GET", path("/markets?event_ticker=HIGHNY-26NOV21&status=open"), {}, false);
  assert_int_equal(ev.status, 200);
  assert_true(count_of(ev.body, "\"event_ticker\":\"HIGHNY-26NOV21\"") >= 2);
  assert_int_equal(count_of(ev.body, "\"ticker\":"), count_of(ev.body, "HIGHNY-26NOV21\""));

  assert_int_equal(f.call("GET", path("/markets?status=settled"), {}, false).status, 200);
  assert_false(contains(f.call("GET", path("/markets?status=settled"), {}, false).body, "ticker"));
  assert_int_equal(f.call("GET", path("/markets?status=bogus"), {}, false).status, 400);
  assert_int_equal(f.call("GET", path("/markets?limit=0"), {}, false).status, 400);
  assert_int_equal(f.call("GET", path("/markets?cursor=x1"), {}, false).status, 400);

  Reply m = f.call("GET", path(std::string("/markets/") + kTicker), {}, false);
  assert_int_equal(m.status, 200);
  assert_true(contains(m.body, "\"market\":{\"ticker\":\"HIGHNY-26NOV21-T50\""));
  assert_int_equal(f.call("GET", path("/markets/NOPE"), {}, false).status, 404);

  Reply events = f.call("GET", path("/events?series_ticker=HIGHNY"), {}, false);
  assert_int_equal(events.status, 200);
  assert_true(contains(events.body, "\"event_ticker\":\"HIGHNY-26NOV21\""));
  assert_int_equal(f.call("GET", path("/events/HIGHNY-26NOV21"), {}, false).status, 200);
  assert_int_equal(f.call("GET", path("/series/HIGHNY"), {}, false).status, 200);
  assert_int_equal(f.call("GET", path("/exchange/status"), {}, false).status, 200);
  assert_int_equal(f.call("GET", path("/exchange/schedule"), {}, false).status, 200);
}

void test_orderbook_after_orders(void **) {
  Fixture f;
  rest_other(f, Side::Buy, 40 * 10000, 5 * kContract, "b1");
  rest_other(f, Side::Buy, 42 * 10000, 3 * kContract, "b2");
  rest_other(f, Side::Sell, 47 * 10000, 2 * kContract, "s1");
  const Reply r = f.call("GET", path(std::string("/markets/") + kTicker + "/orderbook"), {}, false);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body.c_str(),
                      "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.4000\",\"5.00\"],[\"0.4200\","
                      "\"3.00\"]],\"no_dollars\":[[\"0.5300\",\"2.00\"]]}}");
  const Reply d =
      f.call("GET", path(std::string("/markets/") + kTicker + "/orderbook?depth=1"), {}, false);
  assert_string_equal(d.body.c_str(),
                      "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.4200\",\"3.00\"]],\"no_dollars\":[["
                      "\"0.5300\",\"2.00\"]]}}");
  const Reply m = f.call("GET", path(std::string("/markets/") + kTicker), {}, false);
  assert_true(contains(m.body, "\"yes_bid_dollars\":\"0.4200\""));
  assert_true(contains(m.body, "\"yes_ask_dollars\":\"0.4700\""));
}

void test_create_list_amend_decrease_cancel(void **) {
  Fixture f;
  Reply c =
      f.call("POST", path("/portfolio/events/orders"), order_body("bid", "0.3000", "10", "my-1"));
  assert_int_equal(c.status, 201);
  const std::string id = json_field(c.body, "order_id");
  assert_false(id.empty());
  assert_true(contains(c.body, "\"client_order_id\":\"my-1\""));
  assert_true(contains(c.body, "\"fill_count\":\"0.00\",\"remaining_count\":\"10.00\""));
  // The exchange core (what FIX sees) holds it.
  const Order *o = f.ex.find_order_by_id(id);
  assert_non_null(o);
  assert_int_equal(o->account.member, f.member);
  assert_int_equal(o->price, 300000);
  assert_int_equal(o->leaves, 10 * kContract);
  assert_int_equal(f.ex.open_orders(f.member).size(), 1);

  Reply list = f.call("GET", path("/portfolio/orders"));
  assert_int_equal(list.status, 200);
  assert_true(contains(list.body, "\"order_id\":\"" + id + "\""));
  assert_true(contains(list.body, "\"status\":\"resting\""));
  Reply one = f.call("GET", path("/portfolio/orders/" + id));
  assert_int_equal(one.status, 200);
  assert_true(contains(one.body, "\"yes_price_dollars\":\"0.3000\""));
  assert_true(contains(one.body, "\"book_side\":\"bid\""));

  // Duplicate client_order_id: 409.
  assert_int_equal(
      f.call("POST", path("/portfolio/events/orders"), order_body("bid", "0.3000", "1", "my-1"))
          .status,
      409);
  // Bad input: 400.
  assert_int_equal(f.call("POST", path("/portfolio/events/orders"), "{\"ticker\":1}").status, 400);
  assert_int_equal(f.call("POST", path("/portfolio/events/orders"), "not json").status, 400);
  assert_int_equal(
      f.call("POST", path("/portfolio/events/orders"), order_body("bid", "0.305", "1")).status,
      400);  // off the tick grid

  Reply a = f.call("POST", path("/portfolio/events/orders/" + id + "/amend"),
                   std::string("{\"ticker\":\"") + kTicker +
                       "\",\"side\":\"bid\",\"price\":\"0.3100\",\"count\":\"12\"}");
  assert_int_equal(a.status, 200);
  assert_true(contains(a.body, "\"remaining_count\":\"12.00\""));
  assert_int_equal(f.ex.find_order_by_id(id)->price, 310000);

  Reply d =
      f.call("POST", path("/portfolio/events/orders/" + id + "/decrease"), "{\"reduce_by\":\"2\"}");
  assert_int_equal(d.status, 200);
  assert_true(contains(d.body, "\"remaining_count\":\"10.00\""));
  assert_int_equal(f.ex.find_order_by_id(id)->leaves, 10 * kContract);
  assert_int_equal(f.call("POST", path("/portfolio/events/orders/" + id + "/decrease"),
                          "{\"reduce_by\":\"1\",\"reduce_to\":\"1\"}")
                       .status,
                   400);

  Reply x = f.call("DELETE", path("/portfolio/events/orders/" + id));
  assert_int_equal(x.status, 200);
  assert_true(contains(x.body, "\"reduced_by\":\"10.00\""));
  assert_int_equal(f.ex.open_orders(f.member).size(), 0);
  assert_true(
      contains(f.call("GET", path("/portfolio/orders/" + id)).body, "\"status\":\"canceled\""));
  assert_int_equal(f.call("DELETE", path("/portfolio/events/orders/" + id)).status, 404);
  assert_int_equal(f.call("DELETE", path("/portfolio/events/orders/nope")).status, 404);
}

void test_batches(void **) {
  Fixture f;
  const std::string body = "{\"orders\":[" + order_body("bid", "0.2000", "1", "b-1") + "," +
                           order_body("ask", "0.9000", "2", "b-2") + ",{\"ticker\":\"X\"}]}";
  Reply c = f.call("POST", path("/portfolio/events/orders/batched"), body);
  assert_int_equal(c.status, 201);
  assert_int_equal(count_of(c.body, "\"order_id\":"), 2);
  assert_int_equal(count_of(c.body, "\"error\":"), 1);
  assert_int_equal(f.ex.open_orders(f.member).size(), 2);
  std::string ids;
  for (const Order *o : f.ex.open_orders(f.member)) {
    if (!ids.empty()) ids += ",";
    ids += "{\"order_id\":\"" + o->order_id + "\"}";
  }
  Reply x = f.call("DELETE", path("/portfolio/events/orders/batched"),
                   "{\"orders\":[" + ids + ",{\"order_id\":\"unknown\"}]}");
  assert_int_equal(x.status, 200);
  assert_int_equal(count_of(x.body, "\"reduced_by\":"), 2);
  assert_int_equal(count_of(x.body, "\"error\":"), 1);
  assert_int_equal(f.ex.open_orders(f.member).size(), 0);
  assert_int_equal(
      f.call("POST", path("/portfolio/events/orders/batched"), "{\"orders\":[]}").status, 400);
}

void test_balance_positions_fills_after_a_fill(void **) {
  Fixture f;
  rest_other(f, Side::Sell, 60 * 10000, 5 * kContract, "ask-1");
  Reply c = f.call("POST", path("/portfolio/events/orders"),
                   order_body("bid", "0.6000", "3", "take-1", "immediate_or_cancel"));
  assert_int_equal(c.status, 201);
  assert_true(contains(c.body, "\"fill_count\":\"3.00\""));
  assert_true(contains(c.body, "\"average_fill_price\":\"0.6000\""));
  const Money cash = f.ex.balance(AccountKey{f.member, 0});
  assert_true(cash < 1000 * kDollar);

  Reply b = f.call("GET", path("/portfolio/balance"));
  assert_int_equal(b.status, 200);
  assert_int_equal(json_field(b.body, "balance_dollars").size() > 0, 1);
  assert_true(contains(b.body, "\"balance\":" + std::to_string(cash / 10000) + ","));

  Reply p = f.call("GET", path("/portfolio/positions"));
  assert_int_equal(p.status, 200);
  assert_true(contains(p.body, "\"ticker\":\"HIGHNY-26NOV21-T50\""));
  assert_true(contains(p.body, "\"position_fp\":\"3.00\""));

  Reply fl = f.call("GET", path("/portfolio/fills"));
  assert_int_equal(fl.status, 200);
  assert_true(contains(fl.body, "\"count_fp\":\"3.00\""));
  assert_true(contains(fl.body, "\"yes_price_dollars\":\"0.6000\""));
  assert_true(contains(fl.body, "\"is_taker\":true"));

  assert_true(f.ex.settle(kTicker, kDollar, f.now).ok);
  Reply s = f.call("GET", path("/portfolio/settlements"));
  assert_int_equal(s.status, 200);
  assert_true(contains(s.body, "\"market_result\":\"yes\""));
  assert_true(contains(s.body, "\"yes_count_fp\":\"3.00\""));
}

void test_order_groups(void **) {
  Fixture f;
  Reply c = f.call("POST", path("/portfolio/order_groups/create"), "{\"contracts_limit\":5}");
  assert_int_equal(c.status, 201);
  const std::string gid = json_field(c.body, "order_group_id");
  assert_false(gid.empty());
  Reply g = f.call("GET", path("/portfolio/order_groups/" + gid));
  assert_int_equal(g.status, 200);
  assert_true(contains(g.body, "\"contracts_limit_fp\":\"5.00\""));
  assert_true(contains(f.call("GET", path("/portfolio/order_groups")).body, gid));
  assert_int_equal(f.call("PUT", path("/portfolio/order_groups/" + gid + "/trigger"), "").status,
                   200);
  assert_true(contains(f.call("GET", path("/portfolio/order_groups/" + gid)).body,
                       "\"is_auto_cancel_enabled\":true"));
  assert_int_equal(f.call("PUT", path("/portfolio/order_groups/" + gid + "/reset"), "").status,
                   200);
  assert_int_equal(f.call("DELETE", path("/portfolio/order_groups/" + gid)).status, 200);
  assert_int_equal(f.call("GET", path("/portfolio/order_groups/" + gid)).status, 404);
}

void test_authentication(void **) {
  Fixture f;
  // No headers.
  Reply r = f.call("GET", path("/portfolio/balance"), {}, false);
  assert_int_equal(r.status, 401);
  assert_true(contains(r.body, "\"code\":\"authentication_error\""));
  // Signed for another path.
  std::string req = Fixture::request("GET", path("/portfolio/positions"));
  req.replace(req.find("/portfolio/positions"), 20, "/portfolio/balance\x20\x20");
  req = Fixture::request("GET", path("/portfolio/positions"));
  const size_t at = req.find("/portfolio/positions");
  std::string forged = req.substr(0, at) + "/portfolio/fills" + req.substr(at + 20);
  std::vector<Reply> bad = f.raw(forged);
  assert_int_equal(bad.size(), 1);
  assert_int_equal(bad[0].status, 401);
  // Stale and future timestamps.
  assert_int_equal(
      f.raw(Fixture::request("GET", path("/portfolio/balance"), {}, true, kWall - 31000))[0].status,
      401);
  assert_int_equal(
      f.raw(Fixture::request("GET", path("/portfolio/balance"), {}, true, kWall + 31000))[0].status,
      401);
  assert_int_equal(
      f.raw(Fixture::request("GET", path("/portfolio/balance"), {}, true, kWall - 29000))[0].status,
      200);
  // Unknown key.
  assert_int_equal(f.raw(Fixture::request("GET", path("/portfolio/balance"), {}, true, kWall,
                                          "ffffffff-0000-0000-0000-000000000000"))[0]
                       .status,
                   401);
  // The query is not signed.
  assert_int_equal(f.call("GET", path("/portfolio/orders?limit=5")).status, 200);
}

void test_rate_limit(void **) {
  RestOptions o;
  o.read_per_s = 2;
  o.write_per_s = 1;
  Fixture f(o);
  assert_int_equal(f.call("GET", path("/portfolio/balance")).status, 200);
  assert_int_equal(f.call("GET", path("/portfolio/balance")).status, 200);
  Reply r = f.call("GET", path("/portfolio/balance"));
  assert_int_equal(r.status, 429);
  assert_string_equal(r.body.c_str(), "{\"error\":\"too many requests\"}");
  assert_string_equal(r.header("Retry-After").c_str(), "1");
  // Writes have their own bucket.
  assert_int_equal(f.call("DELETE", path("/portfolio/events/orders")).status, 204);
  assert_int_equal(f.call("DELETE", path("/portfolio/events/orders")).status, 429);
  // Half a second refills one read token (2 per second).
  f.wall += 500;
  assert_int_equal(
      f.raw(Fixture::request("GET", path("/portfolio/balance"), {}, true, f.wall))[0].status, 200);
  assert_int_equal(
      f.raw(Fixture::request("GET", path("/portfolio/balance"), {}, true, f.wall))[0].status, 429);
}

void test_not_simulated_and_unknown(void **) {
  Fixture f;
  Reply r =
      f.call("GET", path("/series/HIGHNY/markets/HIGHNY-26NOV21-T50/candlesticks"), {}, false);
  assert_int_equal(r.status, 501);
  assert_true(contains(r.body, "\"code\":\"not_simulated\""));
  assert_int_equal(f.call("GET", path("/portfolio/summary/total_resting_order_value")).status, 501);
  assert_int_equal(f.call("GET", path("/no/such/thing"), {}, false).status, 404);
  assert_int_equal(f.call("GET", "/elsewhere", {}, false).status, 404);
  assert_int_equal(f.call("PATCH", path("/markets"), {}, false).status, 405);
  // Perps: /margin operations outside the simulated set (test_sim_rest_margin.cpp) answer not
  // simulated; perp markets stay out of the prediction API.
  Reply margin = f.call("GET", path("/margin/risk_parameters"), {}, false);
  assert_int_equal(margin.status, 501);
  assert_true(contains(margin.body, "\"code\":\"not_simulated\""));
  for (const Market *m : f.ex.markets()) {
    if (m->kind != MarketKind::Perp) continue;
    assert_int_equal(f.call("GET", path("/markets/" + m->ticker), {}, false).status, 404);
    assert_false(contains(f.call("GET", path("/markets?limit=1000"), {}, false).body, m->ticker));
  }
}

void test_malformed_pipelined_and_limits(void **) {
  Fixture f;
  // Two requests in one read: two answers, in order.
  std::vector<Reply> two = f.raw(
      "GET /trade-api/v2/exchange/status HTTP/1.1\r\nHost: a\r\n\r\n"
      "GET /trade-api/v2/markets/NOPE HTTP/1.1\r\nHost: a\r\n\r\n");
  assert_int_equal(two.size(), 2);
  assert_int_equal(two[0].status, 200);
  assert_int_equal(two[1].status, 404);
  assert_false(two[1].close);
  // Garbage: 400 and close; the session then ignores input.
  std::vector<Reply> bad = f.raw("GARBAGE\r\n\r\n");
  assert_int_equal(bad.size(), 1);
  assert_int_equal(bad[0].status, 400);
  assert_true(bad[0].close);
  assert_true(f.session->done());
  assert_int_equal(f.raw("GET / HTTP/1.1\r\n\r\n").size(), 0);
  // A new connection is served.
  f.new_connection();
  assert_int_equal(f.call("GET", path("/exchange/status"), {}, false).status, 200);
  // Oversized body: 413.
  std::vector<Reply> big = f.raw(
      "POST /trade-api/v2/portfolio/events/orders HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n");
  assert_int_equal(big.size(), 1);
  assert_int_equal(big[0].status, 413);
  // Connection: close is honoured.
  f.new_connection();
  std::vector<Reply> c =
      f.raw("GET /trade-api/v2/exchange/status HTTP/1.1\r\nConnection: close\r\n\r\n");
  assert_int_equal(c.size(), 1);
  assert_true(c[0].close);
}

void test_faults(void **) {
  Fixture f;
  RestFault bad;
  assert_false(parse_rest_fault("explode", &bad).ok());
  assert_false(parse_rest_fault("delay_ms=x", &bad).ok());
  RestFault s;
  assert_true(parse_rest_fault("status_5xx=2", &s).ok());
  f.api->arm_fault("", s);
  assert_int_equal(f.call("GET", path("/exchange/status"), {}, false).status, 503);
  assert_int_equal(f.call("GET", path("/exchange/status"), {}, false).status, 503);
  assert_int_equal(f.call("GET", path("/exchange/status"), {}, false).status, 200);
  RestFault d;
  assert_true(parse_rest_fault("delay_ms=250", &d).ok());
  f.api->arm_fault(kKey, d);
  assert_int_equal(f.call("GET", path("/exchange/status"), {}, false).delay_ms, 0);  // other key
  Reply delayed = f.call("GET", path("/portfolio/balance"));
  assert_int_equal(delayed.status, 200);
  assert_int_equal(delayed.delay_ms, 250);
  RestFault r;
  assert_true(parse_rest_fault("reset", &r).ok());
  f.api->arm_fault("", r);
  std::vector<Reply> gone = f.raw(Fixture::request("GET", path("/exchange/status"), {}, false));
  assert_int_equal(gone.size(), 1);
  assert_true(gone[0].reset);
  assert_true(f.session->done());
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_markets_pagination_and_filters),
      cmocka_unit_test(test_orderbook_after_orders),
      cmocka_unit_test(test_create_list_amend_decrease_cancel),
      cmocka_unit_test(test_batches),
      cmocka_unit_test(test_balance_positions_fills_after_a_fill),
      cmocka_unit_test(test_order_groups),
      cmocka_unit_test(test_authentication),
      cmocka_unit_test(test_rate_limit),
      cmocka_unit_test(test_not_simulated_and_unknown),
      cmocka_unit_test(test_malformed_pipelined_and_limits),
      cmocka_unit_test(test_faults),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
