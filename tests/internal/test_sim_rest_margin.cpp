// The simulator's perps REST routes (perps_openapi.yaml, /trade-api/v2/margin/...) over the
// exchange core: markets, books, order entry (create, amend, decrease, cancel, reduce-only, the
// price band), fills/positions/balance after a trade, per-product keys. Every 2xx body is decoded
// by the library's strict perps models (src/json, written from the spec independently), so a
// shape the spec does not allow fails here even when the values look right.
#include <string>
#include <vector>

#include "json/decode.h"
#include "test_sim_rest_harness.h"

namespace {

using namespace resttest;
namespace js = kalshi::json;

constexpr const char *kMarginKey = "7d1c0a9e-5b3f-4c2e-8f61-2a9d4e6b1c07";
constexpr Price kUsd = kDollar;

struct MarginFixture : Fixture {
  MarginFixture() {
    // The same member trades perps with its own key (keys are per product).
    assert_true(
        keys.add(fix::Product::Margin, kMarginKey, read_file(data_path("rsa_pub.pem")), member)
            .ok());
    // Perps margin is 10% of notional: give both members room for BTC-sized orders.
    assert_true(ex.set_balance(AccountKey{member, 0}, 1000000 * kUsd).ok());
    assert_true(ex.set_balance(AccountKey{other, 0}, 1000000 * kUsd).ok());
  }
  Reply m(std::string_view method, std::string_view rel, std::string_view body = {},
          std::string_view key = kMarginKey) {
    const std::string target = "/trade-api/v2/margin" + std::string(rel);
    std::vector<Reply> r = raw(request(method, target, body, true, kWall, key));
    assert_int_equal(r.size(), 1);
    return r[0];
  }
  // The other member's resting order, straight into the core.
  void other_order(Side side, Price price, Qty qty, const char *cl) {
    OrderRequest r;
    r.account = AccountKey{other, 0};
    r.client_order_id = cl;
    r.ticker = "BTC-PERP";
    r.side = side;
    r.price = price;
    r.qty = qty;
    assert_true(ex.submit(r, now).ok);
  }
};

std::string padded(const Reply &r) {
  std::string b = r.body;
  b.append(js::kJsonPadding, ' ');
  return b;
}

void expect_ok(const kalshi::Error &e) {
  if (!e.ok()) fail_msg("strict decode refused the simulator's answer: %s", e.message.c_str());
}

std::string order_body(std::string_view cl, std::string_view side, std::string_view price,
                       std::string_view count, std::string_view tif = "good_till_canceled",
                       std::string_view extra = "") {
  return "{\"ticker\":\"BTC-PERP\",\"client_order_id\":\"" + std::string(cl) + "\",\"side\":\"" +
         std::string(side) + "\",\"price\":\"" + std::string(price) + "\",\"count\":\"" +
         std::string(count) + "\",\"time_in_force\":\"" + std::string(tif) +
         "\",\"self_trade_prevention_type\":\"taker_at_cross\"" + std::string(extra) + "}";
}

// Creates an order and returns its id (fails the test unless 201 and decodable).
std::string create(MarginFixture &f, const std::string &body) {
  const Reply r = f.m("POST", "/orders", body);
  if (r.status != 201) fail_msg("create: %d %s", r.status, r.body.c_str());
  const std::string id = json_field(r.body, "order_id");
  assert_false(id.empty());
  return id;
}

js::MarginOrder get_order(MarginFixture &f, const std::string &id, std::string *keep) {
  const Reply r = f.m("GET", "/orders/" + id);
  assert_int_equal(r.status, 200);
  *keep = padded(r);
  js::MarginOrder o;
  expect_ok(js::decode_margin_order(*keep, &o));
  return o;
}

void test_markets_and_status(void **) {
  MarginFixture f;
  // Public: no signature needed.
  Reply r = f.call("GET", "/trade-api/v2/margin/markets", {}, false);
  assert_int_equal(r.status, 200);
  std::string b = padded(r);
  std::vector<js::MarginMarket> markets;
  std::string_view cursor;
  expect_ok(js::decode_margin_markets_page(b, &markets, &cursor));
  assert_int_equal(markets.size(), 2);
  for (const js::MarginMarket &mk : markets) {
    assert_true(mk.ticker == "BTC-PERP" || mk.ticker == "ETH-PERP");
    assert_true(mk.status == "active");
    assert_true(mk.fractional_trading_enabled);
  }

  r = f.call("GET", "/trade-api/v2/margin/markets/BTC-PERP", {}, false);
  assert_int_equal(r.status, 200);
  b = padded(r);
  js::MarginMarket one;
  expect_ok(js::decode_margin_market(b, &one));
  assert_true(one.ticker == "BTC-PERP");
  assert_int_equal(one.tick_size, 500000);  // "0.5"
  assert_false(one.has(js::MarginMarket::f_bid));

  // A prediction market is not a perps market, and perps stay out of the prediction routes.
  assert_int_equal(
      f.call("GET", "/trade-api/v2/margin/markets/HIGHNY-26NOV21-T50", {}, false).status, 404);
  assert_int_equal(f.call("GET", "/trade-api/v2/markets/BTC-PERP", {}, false).status, 404);
  assert_int_equal(f.call("GET", "/trade-api/v2/margin/markets?status=bogus", {}, false).status,
                   400);

  r = f.call("GET", "/trade-api/v2/margin/exchange/status", {}, false);
  assert_int_equal(r.status, 200);
  b = padded(r);
  js::ExchangeStatus st;
  expect_ok(js::decode_exchange_status(b, &st));
  assert_true(st.exchange_active);
}

void test_orderbook_after_orders(void **) {
  MarginFixture f;
  create(f, order_body("b1", "bid", "94000", "2"));
  create(f, order_body("b2", "bid", "94500.5", "1"));
  create(f, order_body("a1", "ask", "96000", "1.5"));
  const Reply r = f.call("GET", "/trade-api/v2/margin/markets/BTC-PERP/orderbook", {}, false);
  assert_int_equal(r.status, 200);
  const std::string b = padded(r);
  js::MarginOrderBook book;
  expect_ok(js::decode_margin_orderbook(b, &book));
  assert_int_equal(book.bids.size(), 2);
  assert_int_equal(book.bids[0].price, 94500500000);  // best first
  assert_int_equal(book.bids[0].count, 100);
  assert_int_equal(book.bids[1].price, 94000 * kUsd);
  assert_int_equal(book.bids[1].count, 200);
  assert_int_equal(book.asks.size(), 1);
  assert_int_equal(book.asks[0].price, 96000 * kUsd);
  assert_int_equal(book.asks[0].count, 150);

  // The market now shows its best bid and ask.
  const Reply mr = f.call("GET", "/trade-api/v2/margin/markets/BTC-PERP", {}, false);
  const std::string mb = padded(mr);
  js::MarginMarket mk;
  expect_ok(js::decode_margin_market(mb, &mk));
  assert_int_equal(mk.bid, 94500500000);
  assert_int_equal(mk.ask, 96000 * kUsd);

  const Reply d =
      f.call("GET", "/trade-api/v2/margin/markets/BTC-PERP/orderbook?depth=1", {}, false);
  const std::string db = padded(d);
  expect_ok(js::decode_margin_orderbook(db, &book));
  assert_int_equal(book.bids.size(), 1);
}

void test_order_lifecycle(void **) {
  MarginFixture f;
  const std::string id = create(f, order_body("life-1", "bid", "94000", "3"));
  std::string keep;
  js::MarginOrder o = get_order(f, id, &keep);
  assert_true(o.client_order_id == "life-1");
  assert_true(o.side == "bid");
  assert_int_equal(o.price, 94000 * kUsd);
  assert_int_equal(o.remaining_count, 300);
  assert_int_equal(o.fill_count, 0);
  assert_true(o.last_update_reason.empty());

  // Amend: new price and count.
  Reply r = f.m("POST", "/orders/" + id + "/amend",
                "{\"ticker\":\"BTC-PERP\",\"side\":\"bid\",\"price\":\"94100\",\"count\":\"4\","
                "\"updated_client_order_id\":\"life-2\"}");
  assert_int_equal(r.status, 200);
  assert_true(contains(r.body, "\"remaining_count\":\"4.00\""));
  assert_true(contains(r.body, "\"average_fill_price\":null"));
  o = get_order(f, id, &keep);
  assert_int_equal(o.price, 94100 * kUsd);
  assert_int_equal(o.remaining_count, 400);
  assert_true(o.client_order_id == "life-2");
  assert_true(o.last_update_reason == "Amend");

  // Decrease by 1.5, then to 1.
  r = f.m("POST", "/orders/" + id + "/decrease", "{\"reduce_by\":\"1.5\"}");
  assert_int_equal(r.status, 200);
  assert_true(contains(r.body, "\"remaining_count\":\"2.50\""));
  r = f.m("POST", "/orders/" + id + "/decrease", "{\"reduce_to\":\"1\"}");
  assert_int_equal(r.status, 200);
  o = get_order(f, id, &keep);
  assert_int_equal(o.remaining_count, 100);
  assert_true(o.last_update_reason == "Decrease");
  assert_int_equal(f.m("POST", "/orders/" + id + "/decrease", "{}").status, 400);

  // The list has it, resting.
  r = f.m("GET", "/orders?status=resting");
  assert_int_equal(r.status, 200);
  std::string lb = padded(r);
  std::vector<js::MarginOrder> list;
  std::string_view cursor;
  expect_ok(js::decode_margin_orders_page(lb, &list, &cursor));
  assert_int_equal(list.size(), 1);
  assert_true(list[0].order_id == id);

  // Cancel: reduced_by what was left.
  r = f.m("DELETE", "/orders/" + id);
  assert_int_equal(r.status, 200);
  assert_true(contains(r.body, "\"reduced_by\":\"1.00\""));
  o = get_order(f, id, &keep);
  assert_int_equal(o.remaining_count, 0);
  assert_true(o.last_update_reason == "MarginCancel");
  assert_int_equal(f.m("DELETE", "/orders/" + id).status, 404);
  assert_int_equal(f.m("GET", "/orders/00000000-0000-0000-0000-000000000000").status, 404);

  // Cancel all takes perps orders only.
  create(f, order_body("all-1", "bid", "90000", "1"));
  create(f, order_body("all-2", "ask", "99000", "1"));
  assert_int_equal(f.m("DELETE", "/orders").status, 204);
  r = f.m("GET", "/orders?status=resting");
  lb = padded(r);
  expect_ok(js::decode_margin_orders_page(lb, &list, &cursor));
  assert_int_equal(list.size(), 0);
}

void test_rejects(void **) {
  MarginFixture f;
  // Price band: BTC-PERP reference 95000, band 9500.
  Reply r = f.m("POST", "/orders", order_body("band", "bid", "200000", "1"));
  assert_int_equal(r.status, 400);
  assert_true(contains(r.body, "band"));
  // Off the tick grid (0.5).
  assert_int_equal(f.m("POST", "/orders", order_body("tick", "bid", "94000.25", "1")).status, 400);
  // client_order_id is required for perps.
  r = f.m("POST", "/orders",
          "{\"ticker\":\"BTC-PERP\",\"side\":\"bid\",\"price\":\"94000\",\"count\":\"1\","
          "\"time_in_force\":\"good_till_canceled\",\"self_trade_prevention_type\":\"maker\"}");
  assert_int_equal(r.status, 400);
  // Prediction tickers are not perps markets.
  std::string body = order_body("pred", "bid", "0.5", "1");
  body.replace(body.find("BTC-PERP"), 8, "HIGHNY-26NOV21-T50");
  assert_int_equal(f.m("POST", "/orders", body).status, 404);
  // Duplicate client order id.
  create(f, order_body("dup", "bid", "94000", "1"));
  assert_int_equal(f.m("POST", "/orders", order_body("dup", "bid", "94000", "1")).status, 409);
  // Not JSON.
  assert_int_equal(f.m("POST", "/orders", "{").status, 400);
}

void test_reduce_only(void **) {
  MarginFixture f;
  // Flat: a reduce-only order has nothing to reduce and is cancelled at once.
  std::string id = create(
      f, order_body("ro-1", "ask", "95000", "1", "immediate_or_cancel", ",\"reduce_only\":true"));
  std::string keep;
  js::MarginOrder o = get_order(f, id, &keep);
  assert_int_equal(o.fill_count, 0);
  assert_int_equal(o.remaining_count, 0);
  assert_true(o.last_update_reason == "ReduceOnlyCancel");
  // Reduce-only must be IOC.
  assert_int_equal(
      f.m("POST", "/orders",
          order_body("ro-gtc", "ask", "95000", "1", "good_till_canceled", ",\"reduce_only\":true"))
          .status,
      400);
  // Long 2: a reduce-only sell of 5 is capped at 2.
  f.other_order(Side::Sell, 95000 * kUsd, 2 * kContract, "o-ask");
  create(f, order_body("open", "bid", "95000", "2", "immediate_or_cancel"));
  f.other_order(Side::Buy, 94000 * kUsd, 10 * kContract, "o-bid");
  const Reply r =
      f.m("POST", "/orders",
          order_body("ro-2", "ask", "94000", "5", "immediate_or_cancel", ",\"reduce_only\":true"));
  assert_int_equal(r.status, 201);
  assert_true(contains(r.body, "\"fill_count\":\"2.00\""));
  const Reply p = f.m("GET", "/positions");
  assert_int_equal(p.status, 200);
  const std::string pb = padded(p);
  std::vector<js::MarginPosition> positions;
  std::string_view cursor;
  expect_ok(js::decode_margin_positions_page(pb, &positions, &cursor));
  assert_int_equal(positions.size(), 0);  // flat again
}

void test_fill_positions_balance(void **) {
  MarginFixture f;
  f.other_order(Side::Sell, 95000 * kUsd, 2 * kContract, "o-ask");
  const Reply c = f.m("POST", "/orders", order_body("take", "bid", "95000", "2"));
  assert_int_equal(c.status, 201);
  assert_true(contains(c.body, "\"fill_count\":\"2.00\""));
  assert_true(contains(c.body, "\"average_fill_price\":\"95000.0000\""));
  // Taker fee 0.05% of 190,000 = 95.
  assert_true(contains(c.body, "\"average_fee_paid\":\"47.5000\""));

  Reply r = f.m("GET", "/fills");
  assert_int_equal(r.status, 200);
  std::string b = padded(r);
  std::vector<js::MarginFill> fills;
  std::string_view cursor;
  expect_ok(js::decode_margin_fills_page(b, &fills, &cursor));
  assert_int_equal(fills.size(), 1);
  assert_true(fills[0].side == "bid");
  assert_true(fills[0].is_taker);
  assert_int_equal(fills[0].count, 200);
  assert_int_equal(fills[0].price, 95000 * kUsd);
  assert_int_equal(fills[0].entry_price, 95000 * kUsd);
  assert_int_equal(fills[0].fees, 95 * kUsd);
  assert_int_equal(fills[0].realized_pnl, 0);

  r = f.m("GET", "/positions");
  b = padded(r);
  std::vector<js::MarginPosition> positions;
  expect_ok(js::decode_margin_positions_page(b, &positions, &cursor));
  assert_int_equal(positions.size(), 1);
  assert_true(positions[0].market_ticker == "BTC-PERP");
  assert_int_equal(positions[0].position, 200);
  assert_int_equal(positions[0].entry_price, 95000 * kUsd);
  assert_int_equal(positions[0].unrealized_pnl, 0);          // marked at the last trade
  assert_int_equal(positions[0].margin_used, 19000 * kUsd);  // 10% of 190,000
  assert_int_equal(positions[0].fees, 95 * kUsd);

  r = f.m("GET", "/balance?compute_available_balance=true");
  assert_int_equal(r.status, 200);
  b = padded(r);
  js::MarginBalance bal;
  expect_ok(js::decode_margin_balance(b, &bal));
  assert_int_equal(bal.settled_funds, (1000000 - 95) * kUsd);
  assert_int_equal(bal.subaccount_balances.size(), 1);
  const js::MarginSubaccountBalance &s = bal.subaccount_balances[0];
  assert_int_equal(s.account_equity, (1000000 - 95) * kUsd);
  assert_int_equal(s.initial_margin, 19000 * kUsd);
  assert_int_equal(s.available_balance, (1000000 - 95 - 19000) * kUsd);
  assert_int_equal(s.position_value, 190000 * kUsd);

  // Public trades see it, taker side bid.
  r = f.call("GET", "/trade-api/v2/margin/trades?ticker=BTC-PERP", {}, false);
  assert_int_equal(r.status, 200);
  b = padded(r);
  std::vector<js::MarginTrade> trades;
  expect_ok(js::decode_margin_trades_page(b, &trades, &cursor));
  assert_int_equal(trades.size(), 1);
  assert_true(trades[0].taker_side == "bid");
  assert_int_equal(trades[0].count, 200);

  // Closing at 96000 realises +2,000 less fees; the fill reports entry 95000.
  f.other_order(Side::Buy, 96000 * kUsd, 2 * kContract, "o-bid");
  assert_int_equal(f.m("POST", "/orders", order_body("close", "ask", "96000", "2")).status, 201);
  r = f.m("GET", "/fills?limit=1");
  b = padded(r);
  expect_ok(js::decode_margin_fills_page(b, &fills, &cursor));
  assert_int_equal(fills.size(), 1);
  assert_false(cursor.empty());
  assert_true(fills[0].side == "ask");
  assert_int_equal(fills[0].entry_price, 95000 * kUsd);
  assert_int_equal(fills[0].realized_pnl, 2000 * kUsd);
}

void test_keys_are_per_product(void **) {
  MarginFixture f;
  // The prediction key cannot sign perps requests ...
  Reply r = f.m("GET", "/balance", {}, kKey);
  assert_int_equal(r.status, 401);
  r = f.m("POST", "/orders", order_body("x", "bid", "94000", "1"), kKey);
  assert_int_equal(r.status, 401);
  // ... nor the perps key prediction ones.
  std::vector<Reply> p = f.raw(
      Fixture::request("GET", "/trade-api/v2/portfolio/balance", {}, true, kWall, kMarginKey));
  assert_int_equal(p.size(), 1);
  assert_int_equal(p[0].status, 401);
  // Unsigned private perps routes are refused; public ones are not.
  assert_int_equal(f.call("GET", "/trade-api/v2/margin/orders", {}, false).status, 401);
  assert_int_equal(f.call("GET", "/trade-api/v2/margin/trades", {}, false).status, 200);
  // Operations outside the simulated set still answer 501.
  r = f.m("GET", "/funding_rates/estimate");
  assert_int_equal(r.status, 501);
  assert_true(contains(r.body, "not_simulated"));
}

void test_order_groups(void **) {
  MarginFixture f;
  Reply r = f.m("POST", "/order_groups/create", "{\"contracts_limit\":5}");
  assert_int_equal(r.status, 201);
  assert_true(contains(r.body, "\"subaccount\":0"));
  const std::string gid = json_field(r.body, "order_group_id");
  assert_false(gid.empty());
  create(f, order_body("g1", "bid", "94000", "1", "good_till_canceled",
                       ",\"order_group_id\":\"" + gid + "\""));
  r = f.m("GET", "/order_groups/" + gid);
  assert_int_equal(r.status, 200);
  assert_int_equal(count_of(r.body, "\"orders\":[\""), 1);
  assert_int_equal(f.m("PUT", "/order_groups/" + gid + "/trigger", "{}").status, 200);
  // Triggered: the group's resting order is gone.
  r = f.m("GET", "/orders?status=resting");
  assert_int_equal(r.status, 200);
  assert_true(contains(r.body, "\"orders\":[]"));
  assert_int_equal(f.m("DELETE", "/order_groups/" + gid).status, 200);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_markets_and_status),   cmocka_unit_test(test_orderbook_after_orders),
      cmocka_unit_test(test_order_lifecycle),      cmocka_unit_test(test_rejects),
      cmocka_unit_test(test_reduce_only),          cmocka_unit_test(test_fill_positions_balance),
      cmocka_unit_test(test_keys_are_per_product), cmocka_unit_test(test_order_groups),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
