// Exchange core accounts and lifecycle: every order reject code and text, collateral and fees,
// positions, perps margin, settlement payouts, block trades, scheduled close, pause, and
// reproducible identifiers.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "test_sim_exchange_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;

namespace {

void test_reject_codes_and_texts(void **) {
  Rig r;
  assert_true(r.ex.set_market_status("FR", MarketStatus::Paused, r.now).ok);
  assert_true(r.ex.set_market_status("LATE", MarketStatus::Closed, r.now).ok);
  assert_true(r.ex.set_market_status("SUB", MarketStatus::Initialized, r.now).ok);
  assert_true(r.buy(r.a, "dup", 10, 1).ok);
  struct Case {
    const char *name;
    OrderRequest req;
    int code;
    const char *text;
  };
  auto q = [&](const char *ticker, Price price, Qty qty) {
    OrderRequest o = r.req(r.a, "x", Side::Buy, price, 0, ticker);
    o.qty = qty;
    return o;
  };
  OrderRequest dup = q("T", 10 * kCent, kContract);
  dup.client_order_id = "dup";
  OrderRequest sub64 = q("T", 10 * kCent, kContract);
  sub64.account.subaccount = 64;
  OrderRequest stranger = q("T", 10 * kCent, kContract);
  stranger.account.member = 999;
  OrderRequest nogroup = q("T", 10 * kCent, kContract);
  nogroup.order_group_id = "00000000-0000-4000-8000-000000000000";
  OrderRequest gtd0 = q("T", 10 * kCent, kContract);
  gtd0.tif = TimeInForce::Gtd;
  OrderRequest noid = q("T", 10 * kCent, kContract);
  noid.client_order_id = "";
  const Case cases[] = {
      {"unknown market", q("NOPE", 10 * kCent, kContract), 1, "MARKET_NOT_FOUND"},
      {"paused", q("FR", 10 * kCent, kContract), 2, "TRADING_PAUSED"},
      {"closed", q("LATE", 10 * kCent, kContract), 2, "MARKET_ALREADY_CLOSED"},
      {"not open yet", q("SUB", 10 * kCent, kContract), 2, "MARKET_INACTIVE"},
      {"too expensive", q("T", 99 * kCent, 200 * kContract), 3, "INSUFFICIENT_BALANCE"},
      {"duplicate ClOrdID", dup, 6, "ORDER_ALREADY_EXISTS"},
      {"off tick", q("T", 10 * kCent + 100, kContract), 11, "INVALID_ORDER"},
      {"zero price", q("T", 0, kContract), 11, "INVALID_ORDER"},
      {"a dollar", q("T", kDollar, kContract), 11, "INVALID_ORDER"},
      {"zero qty", q("T", 10 * kCent, 0), 13, "INVALID_ORDER"},
      {"fraction on whole market", q("T", 10 * kCent, 150), 13, "INVALID_ORDER"},
      {"subaccount 64", sub64, 15, "CUSTOMER_ACCOUNT_NOT_FOUND"},
      {"unknown member", stranger, 15, "CUSTOMER_ACCOUNT_NOT_FOUND"},
      {"unknown group", nogroup, 11, "ORDER_GROUP_NOT_FOUND"},
      {"GTD without expiry", gtd0, 11, "INVALID_ORDER"},
      {"empty ClOrdID", noid, 11, "INVALID_ORDER"},
      {"perp outside band", q("P", 111 * kDollar, kContract), 11, "INVALID_ORDER"},
  };
  r.rec.lines.clear();
  for (const Case &c : cases) {
    const Outcome o = r.send(c.req);
    if (o.ok || o.code != c.code || o.text != c.text) {
      fail_msg("%s: ok=%d code=%d text=%s", c.name, o.ok, o.code, o.text.c_str());
    }
  }
  // Rejections are returned, never observed.
  assert_int_equal(r.rec.lines.size(), 0);
}

void test_tick_grids_and_fractions(void **) {
  Rig r;
  assert_true(r.ex.submit(r.req(r.a, "s1", Side::Buy, 500, 1, "SUB"), r.now).ok);         // 0.0005
  assert_true(r.ex.submit(r.req(r.a, "s2", Side::Buy, 95000 * 10, 1, "SUB"), r.now).ok);  // 0.95
  assert_false(r.ex.submit(r.req(r.a, "s3", Side::Buy, 155000, 1, "SUB"), r.now).ok);     // 0.155
  assert_true(r.ex.submit(r.req(r.a, "s4", Side::Buy, 999900, 1, "SUB"), r.now).ok);      // 0.9999
  OrderRequest frac = r.req(r.a, "f1", Side::Buy, 50 * kCent, 0, "FR");
  frac.qty = 150;  // 1.50 contracts
  assert_true(r.send(frac).ok);
  const Market *sub = r.ex.find_market("SUB");
  assert_true(Exchange::on_tick(*sub, 100));
  assert_false(Exchange::on_tick(*sub, 100500));
  assert_true(Exchange::on_tick(*sub, 110000));
}

void test_fees_and_balances(void **) {
  Rig r;
  OrderRequest maker = r.req(r.b, "m", Side::Sell, 50 * kCent, 100, "FEE");
  OrderRequest taker = r.req(r.a, "t", Side::Buy, 50 * kCent, 100, "FEE");
  assert_true(r.send(maker).ok);
  assert_true(r.send(taker).ok);
  // Taker: 0.07 x 100 x 0.5 x 0.5 = 1.75. Maker: 0.0175 x 25 = 0.4375, rounded up to 0.44.
  assert_int_equal(r.rec.fills[0].fee, 1750000);
  assert_int_equal(r.rec.fills[1].fee, 440000);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100 - 50 * kDollar - 1750000);
  assert_int_equal(r.ex.balance({r.b, 0}), kDollars100 - 50 * kDollar - 440000);
  const auto pa = r.ex.positions({r.a, 0});
  assert_int_equal(pa.size(), 1);
  assert_int_equal(pa[0].contracts, 100 * kContract);
  assert_int_equal(pa[0].cost, 50 * kDollar);
  assert_int_equal(pa[0].fees, 1750000);
  // A tiny trade still pays at least a cent: 0.07 x 1 x 0.01 x 0.99 = 0.000693 -> 0.01.
  assert_true(r.send(r.req(r.b, "m2", Side::Sell, 1 * kCent, 1, "FEE")).ok);
  assert_true(r.send(r.req(r.a, "t2", Side::Buy, 1 * kCent, 1, "FEE")).ok);
  assert_int_equal(r.rec.fills[2].fee, 10000);
}

void test_closing_position_needs_no_collateral(void **) {
  Rig r;
  assert_true(r.sell(r.b, "bs", 40, 10).ok);
  assert_true(r.buy(r.a, "ab", 40, 10).ok);  // a: 10 YES for 4.00
  assert_true(r.ex.set_balance({r.a, 0}, 0).ok());
  // Selling what it holds needs nothing; opening NO beyond the position does.
  assert_true(r.sell(r.a, "close", 45, 10).ok);
  assert_false(r.sell(r.a, "open", 45, 1).ok);
  assert_true(r.buy(r.b, "bb", 45, 10).ok);
  assert_int_equal(r.position(r.a), 0);
  assert_int_equal(r.ex.balance({r.a, 0}), 10 * 45 * kCent);  // sold at 0.45
  const auto pa = r.ex.positions({r.a, 0});
  assert_int_equal(pa[0].realized, 10 * 5 * kCent);  // bought 0.40, sold 0.45
  assert_int_equal(r.ex.balance({r.b, 0}), kDollars100 - 10 * 60 * kCent - 10 * 45 * kCent +
                                               10 * kDollar);  // NO + YES net into 10 dollars
  assert_int_equal(r.position(r.b), 0);
}

void test_settlement_pays_holders(void **) {
  Rig r;
  assert_true(r.sell(r.b, "bs", 30, 10).ok);
  assert_true(r.buy(r.a, "ab", 30, 10).ok);
  assert_true(r.buy(r.a, "rest", 20, 5).ok);
  r.rec.lines.clear();
  assert_true(r.ex.settle("T", kDollar, r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Canceled rest MARKET_CLOSED\n");
  assert_int_equal(r.rec.settlements.size(), 1);
  const Settlement &s = r.rec.settlements[0];
  assert_int_equal(s.value, kDollar);
  assert_int_equal(s.entries.size(), 2);
  assert_int_equal(s.entries[0].account.member, r.a);
  assert_int_equal(s.entries[0].yes_contracts, 10 * kContract);
  assert_int_equal(s.entries[0].payout, 10 * kDollar);
  assert_int_equal(s.entries[1].no_contracts, 10 * kContract);
  assert_int_equal(s.entries[1].payout, 0);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100 - 3 * kDollar + 10 * kDollar);
  assert_int_equal(r.ex.balance({r.b, 0}), kDollars100 - 7 * kDollar);
  assert_int_equal(r.position(r.a), 0);
  assert_int_equal(static_cast<int>(r.ex.find_market("T")->status),
                   static_cast<int>(MarketStatus::Settled));
  const Outcome o = r.buy(r.a, "late", 30, 1);
  assert_string_equal(o.text.c_str(), "MARKET_ALREADY_CLOSED");
  assert_false(r.ex.settle("T", 0, r.now).ok);
  // Scalar settlement: NO holders get 1 - value.
  Rig r2;
  assert_true(r2.sell(r2.b, "bs", 30, 10).ok);
  assert_true(r2.buy(r2.a, "ab", 30, 10).ok);
  assert_true(r2.ex.settle("T", 250000, r2.now).ok);
  assert_int_equal(r2.rec.settlements[0].entries[1].payout, 10 * 750000);
}

void test_perp_margin_and_pnl(void **) {
  Rig r;
  // 10% of 10 x 100 = 100 dollars of margin: exactly the balance.
  assert_true(r.ex.submit(r.req(r.a, "l", Side::Buy, 100 * kDollar, 10, "P"), r.now).ok);
  assert_false(r.ex.submit(r.req(r.a, "l2", Side::Buy, 100 * kDollar, 1, "P"), r.now).ok);
  assert_true(r.ex.submit(r.req(r.b, "s", Side::Sell, 100 * kDollar, 10, "P"), r.now).ok);
  assert_int_equal(r.position(r.a, "P"), 10 * kContract);
  assert_int_equal(r.position(r.b, "P"), -10 * kContract);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100);  // no premium changes hands
  // a closes 10 at 105: +50; b closes at 105: -50.
  assert_true(r.ex.submit(r.req(r.a, "c", Side::Sell, 105 * kDollar, 10, "P"), r.now).ok);
  assert_true(r.ex.submit(r.req(r.b, "c", Side::Buy, 105 * kDollar, 10, "P"), r.now).ok);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100 + 50 * kDollar);
  assert_int_equal(r.ex.balance({r.b, 0}), kDollars100 - 50 * kDollar);
  assert_int_equal(r.position(r.a, "P"), 0);
  assert_false(r.ex.settle("P", kDollar, r.now).ok);
}

void test_block_trade(void **) {
  Rig r;
  r.rec.lines.clear();
  assert_true(
      r.ex.execute_block_trade("T", {r.a, 0}, {r.b, 0}, 30 * kCent, 10 * kContract, 1, 2, r.now)
          .ok);
  assert_int_equal(r.rec.lines.size(), 4);
  assert_int_equal(r.rec.fills.size(), 2);
  assert_string_equal(r.rec.fills[0].trade_id.c_str(), r.rec.fills[1].trade_id.c_str());
  assert_int_equal(r.position(r.a), 10 * kContract);
  assert_int_equal(r.position(r.b), -10 * kContract);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100 - 3 * kDollar);
  assert_int_equal(r.ex.balance({r.b, 0}), kDollars100 - 7 * kDollar);
  assert_int_equal(r.ex.trades("T", 10).size(), 1);
  Outcome o =
      r.ex.execute_block_trade("T", {r.a, 0}, {r.b, 0}, 30 * kCent, 1000 * kContract, 1, 2, r.now);
  assert_string_equal(o.text.c_str(), "INSUFFICIENT_BALANCE");
  o = r.ex.execute_block_trade("NOPE", {r.a, 0}, {r.b, 0}, 30 * kCent, kContract, 1, 2, r.now);
  assert_string_equal(o.text.c_str(), "MARKET_NOT_FOUND");
  o = r.ex.execute_block_trade("T", {r.a, 0}, {r.b, 0}, 30 * kCent + 1, kContract, 1, 2, r.now);
  assert_int_equal(o.code, 11);
}

void test_scheduled_close_and_pause(void **) {
  Rig r;
  OrderRequest q = r.req(r.a, "late", Side::Buy, 20 * kCent, 1, "LATE");
  assert_true(r.send(q).ok);
  OrderRequest p = r.req(r.a, "cop", Side::Buy, 20 * kCent, 1);
  p.cancel_on_pause = true;
  assert_true(r.send(p).ok);
  assert_true(r.buy(r.a, "stay", 21, 1).ok);
  r.rec.lines.clear();
  assert_true(r.ex.set_market_status("T", MarketStatus::Paused, r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Canceled cop TRADING_PAUSED\n");
  assert_true(r.ex.set_market_status("T", MarketStatus::Open, r.now).ok);
  assert_int_equal(r.order(r.a, "stay")->leaves, kContract);
  struct Styles : ExchangeObserver {
    int expiry_style = 0;
    void on_order_event(const OrderEvent &e) override { expiry_style += e.expiry_style; }
  } styles;
  r.ex.add_observer(&styles);
  r.rec.lines.clear();
  r.ex.advance_time(kT0 + 60000);
  assert_string_equal(r.rec.joined().c_str(), "Canceled late MARKET_CLOSED\n");
  assert_int_equal(styles.expiry_style, 1);
  assert_int_equal(static_cast<int>(r.ex.find_market("LATE")->status),
                   static_cast<int>(MarketStatus::Closed));
  assert_string_equal(market_status_name(r.rec.statuses.back().status), "closed");
  assert_false(r.ex.set_market_status("NOPE", MarketStatus::Open, r.now).ok);
  r.ex.remove_observer(&styles);
}

void test_ids_are_reproducible(void **) {
  Rig r1;
  Rig r2;
  assert_true(r1.buy(r1.a, "x", 10, 1).ok);
  assert_true(r2.buy(r2.a, "x", 10, 1).ok);
  const std::string id = r1.order(r1.a, "x")->order_id;
  assert_string_equal(id.c_str(), r2.order(r2.a, "x")->order_id.c_str());
  assert_int_equal(id.size(), 36);
  assert_int_equal(id[14], '4');
  assert_ptr_equal(r1.ex.find_order_by_id(id), r1.order(r1.a, "x"));
}

void test_max_cost_is_fill_or_kill(void **) {
  Rig r;
  assert_true(r.sell(r.b, "s40", 40, 5).ok);
  assert_true(r.sell(r.b, "s45", 45, 5).ok);
  OrderRequest q = r.req(r.a, "mc", Side::Buy, 45 * kCent, 10);
  q.max_cost = 4 * kDollar;  // 5 x 0.40 + 5 x 0.45 = 4.25: over the cap
  r.rec.lines.clear();
  assert_true(r.send(q).ok);
  assert_string_equal(r.rec.joined().c_str(), "New mc\nCanceled mc FOK_INSUFFICIENT_VOLUME\n");
  q.client_order_id = "mc2";
  q.max_cost = 4250000;  // exactly enough
  assert_true(r.send(q).ok);
  assert_int_equal(r.order(r.a, "mc2")->filled, 10 * kContract);
  assert_int_equal(r.order(r.a, "mc2")->fill_notional, 4250000);
}

void test_subaccounts_are_separate(void **) {
  Rig r;
  const AccountKey sub{r.a, 3};
  OrderRequest q = r.req(r.a, "s", Side::Buy, 10 * kCent, 1);
  q.account = sub;
  assert_string_equal(r.send(q).text.c_str(), "INSUFFICIENT_BALANCE");  // empty until funded
  assert_true(r.ex.set_balance(sub, kDollar).ok());
  assert_true(r.send(q).ok);
  assert_true(r.sell(r.b, "bs", 10, 1).ok);
  assert_int_equal(r.ex.balance(sub), kDollar - 10 * kCent);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100);
  assert_int_equal(r.ex.positions(sub).size(), 1);
  assert_int_equal(r.ex.positions({r.a, 0}).size(), 0);
  assert_false(r.ex.set_balance({r.a, 64}, 1).ok());
  assert_false(r.ex.set_balance({999, 0}, 1).ok());
}

void test_finished_orders_are_forgotten_after_a_day(void **) {
  Rig r;
  assert_true(r.buy(r.a, "x", 10, 1).ok);
  CancelRequest c;
  c.account = {r.a, 0};
  c.orig_client_order_id = "x";
  assert_true(r.ex.cancel(c, r.now).ok);
  assert_string_equal(r.buy(r.a, "x", 10, 1).text.c_str(), "ORDER_ALREADY_EXISTS");
  const std::string id = r.order(r.a, "x")->order_id;
  r.ex.advance_time(r.now + 24LL * 3600 * 1000 + 1);
  r.ex.advance_time(r.now + 24LL * 3600 * 1000 + 2);  // eviction runs at the next command
  assert_null(r.order(r.a, "x"));
  assert_null(r.ex.find_order_by_id(id));
}

void test_observers_may_query(void **) {
  struct Checker : ExchangeObserver {
    Exchange *ex = nullptr;
    int checks = 0;
    void on_order_event(const OrderEvent &e) override {
      // The order found by id is the one in the event, in the same state.
      const Order *o = ex->find_order_by_id(e.order->order_id);
      assert_ptr_equal(o, e.order);
      ++checks;
    }
    void on_level_change(const LevelChange &c) override {
      const BookSnapshot b = ex->book(c.ticker, 100);
      Qty at = 0;
      for (const Level &l : c.side == Side::Buy ? b.bids : b.asks)
        if (l.price == c.price) at = l.qty;
      assert_int_equal(at, c.qty);
      ++checks;
    }
  } checker;
  Rig r;
  checker.ex = &r.ex;
  r.ex.add_observer(&checker);
  assert_true(r.sell(r.a, "s", 40, 5).ok);
  assert_true(r.buy(r.b, "b", 40, 2).ok);
  assert_true(r.buy(r.b, "b2", 40, 3).ok);
  assert_true(checker.checks >= 8);
  r.ex.remove_observer(&checker);
}

void test_trade_history_is_bounded(void **) {
  Rig r;
  r.ex.set_balance({r.a, 0}, 1000 * kDollar);
  r.ex.set_balance({r.b, 0}, 1000 * kDollar);
  assert_true(r.sell(r.a, "s", 50, 1100).ok);
  for (int i = 0; i < 1100; ++i) {
    assert_true(r.buy(r.b, ("b" + std::to_string(i)).c_str(), 50, 1).ok);
  }
  const auto t = r.ex.trades("T", 5000);
  assert_int_equal(t.size(), 1000);
  assert_string_equal(t.back().trade_id.c_str(), r.rec.public_trades.back().trade_id.c_str());
  assert_int_equal(r.ex.trades("T", 3).size(), 3);
}

void test_scheduled_open(void **) {
  Exchange ex(7);
  assert_true(ex.load_markets(R"({"markets": [{"ticker": "L", "status": "initialized",
      "open_time_ms": 1000, "close_time_ms": 2000,
      "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}]}]})")
                  .ok());
  const uint32_t m = ex.add_member("m", kDollars100);
  OrderRequest q;
  q.account = {m, 0};
  q.client_order_id = "x";
  q.ticker = "L";
  q.price = 50 * kCent;
  q.qty = kContract;
  assert_string_equal(ex.submit(q, 999).text.c_str(), "MARKET_INACTIVE");
  assert_true(ex.submit(q, 1000).ok);
  ex.advance_time(2000);
  assert_int_equal(static_cast<int>(ex.find_market("L")->status),
                   static_cast<int>(MarketStatus::Closed));
  assert_int_equal(static_cast<int>(ex.find_order(m, "x")->status),
                   static_cast<int>(OrderStatus::Canceled));
  assert_int_equal(ex.balance({m, 0}), kDollars100);
}

void test_perp_fee_on_notional(void **) {
  Exchange ex(7);
  assert_true(ex.load_markets(R"({"markets": [{"ticker": "Q", "kind": "perp",
      "reference_price": "95000", "initial_margin": "0.1", "taker_fee_rate": "0.0005",
      "maker_fee_rate": "0.0002", "fractional_trading_enabled": true,
      "price_ranges": [{"start": "0.5", "end": "1000000", "step": "0.5"}]}]})")
                  .ok());
  Recorder rec;
  ex.add_observer(&rec);
  const uint32_t a = ex.add_member("a", 100000 * kDollar);
  const uint32_t b = ex.add_member("b", 100000 * kDollar);
  OrderRequest q;
  q.account = {a, 0};
  q.client_order_id = "s";
  q.ticker = "Q";
  q.side = Side::Sell;
  q.price = 95000 * kDollar;
  q.qty = 10;  // 0.10 BTC
  assert_true(ex.submit(q, kT0).ok);
  q.account = {b, 0};
  q.side = Side::Buy;
  assert_true(ex.submit(q, kT0).ok);
  // Notional 9,500: taker 0.05% = 4.75, maker 0.02% = 1.90.
  assert_int_equal(rec.fills[0].fee, 4750000);
  assert_int_equal(rec.fills[1].fee, 1900000);
  ex.remove_observer(&rec);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reject_codes_and_texts),
      cmocka_unit_test(test_tick_grids_and_fractions),
      cmocka_unit_test(test_fees_and_balances),
      cmocka_unit_test(test_closing_position_needs_no_collateral),
      cmocka_unit_test(test_settlement_pays_holders),
      cmocka_unit_test(test_perp_margin_and_pnl),
      cmocka_unit_test(test_block_trade),
      cmocka_unit_test(test_scheduled_close_and_pause),
      cmocka_unit_test(test_ids_are_reproducible),
      cmocka_unit_test(test_scheduled_open),
      cmocka_unit_test(test_perp_fee_on_notional),
      cmocka_unit_test(test_max_cost_is_fill_or_kill),
      cmocka_unit_test(test_subaccounts_are_separate),
      cmocka_unit_test(test_finished_orders_are_forgotten_after_a_day),
      cmocka_unit_test(test_observers_may_query),
      cmocka_unit_test(test_trade_history_is_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
