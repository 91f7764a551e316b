// The market-activity generator: the tick-grid helpers, seed_books filling both sides of every
// open market, determinism (same seed and step times -> same trades and books), bots staying on
// tick and within their cash, the command rate, and never canceling another member's order.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

#include "sim/exchange/activity.h"
#include "sim/exchange/exchange.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::sim;

namespace {

constexpr int64_t kT0 = 1800000000000;
constexpr Price kCent = kDollar / 100;

const char *const kMarkets = R"({"markets": [
  {"ticker": "ACT-CENT", "event_ticker": "ACT", "series_ticker": "ACTS", "title": "cent grid",
   "kind": "binary", "status": "open",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
  {"ticker": "ACT-SUBPENNY", "event_ticker": "ACT", "series_ticker": "ACTS", "title": "sub-penny",
   "kind": "binary", "status": "open",
   "price_ranges": [{"start": "0.0001", "end": "0.0999", "step": "0.0001"},
                    {"start": "0.10", "end": "0.90", "step": "0.01"},
                    {"start": "0.9001", "end": "0.9999", "step": "0.0001"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0.0175"},
  {"ticker": "ACT-CLOSED", "event_ticker": "ACT", "series_ticker": "ACTS", "title": "not open",
   "kind": "binary", "status": "initialized",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0"}
]})";

const char *const kOpenTickers[] = {"ACT-CENT", "ACT-SUBPENNY"};

struct Collector : ExchangeObserver {
  std::vector<PublicTrade> trades;
  void on_public_trade(const PublicTrade &t) override { trades.push_back(t); }
};

struct World {
  Exchange ex{5};
  Collector seen;
  ActivityGenerator gen;

  explicit World(uint64_t seed, ActivitySettings s = {}) : gen(ex_loaded(), seed, s) {
    ex.add_observer(&seen);
  }
  Exchange &ex_loaded() {
    assert_true(ex.load_markets(kMarkets).ok());
    return ex;
  }
  // A busy run: 10 ms steps for `seconds`.
  size_t run(int seconds) {
    size_t commands = 0;
    for (int64_t t = 0; t <= seconds * 1000LL; t += 10) commands += gen.step(kT0 + t);
    return commands;
  }
};

ActivitySettings busy() {
  ActivitySettings s;
  s.orders_per_second = 200;
  s.cross_per_mille = 200;
  return s;
}

Market grid_market() {
  Market m;
  m.ticks = {{100, 99900, 100}, {100000, 900000, 10000}, {900100, 999900, 100}};
  return m;
}

void test_tick_helpers(void **) {
  const Market m = grid_market();
  assert_int_equal(tick_above(m, 99900), 100000);
  assert_int_equal(tick_below(m, 100000), 99900);
  assert_int_equal(tick_above(m, 100000), 110000);
  assert_int_equal(tick_below(m, 900100), 900000);
  assert_int_equal(tick_above(m, 999900), 0);
  assert_int_equal(tick_below(m, 100), 0);
  assert_int_equal(tick_above(m, 0), 100);
  assert_int_equal(tick_below(m, kDollar), 999900);
  assert_int_equal(nearest_tick(m, 500000), 500000);
  assert_int_equal(nearest_tick(m, 504000), 500000);
  assert_int_equal(nearest_tick(m, 506000), 510000);
  assert_int_equal(nearest_tick(m, 505000), 500000);  // ties go down
  assert_int_equal(nearest_tick(m, 50), 100);
  assert_int_equal(nearest_tick(Market{}, 500000), 0);
}

void test_seed_books_fills_both_sides(void **) {
  World w(1);
  const size_t placed = w.gen.seed_books(kT0);
  assert_int_equal(placed, 2 * 2 * 3);  // two open markets, both sides, three levels
  for (const char *t : kOpenTickers) {
    const BookSnapshot b = w.ex.book(t, 10);
    assert_int_equal(b.bids.size(), 3);
    assert_int_equal(b.asks.size(), 3);
    assert_true(b.bids[0].price < b.asks[0].price);
  }
  assert_true(w.ex.book("ACT-CLOSED", 10).bids.empty());
  assert_true(w.seen.trades.empty());
  assert_int_equal(w.gen.bots().size(), 3);
}

void test_same_seed_same_market(void **) {
  World a(42, busy());
  World b(42, busy());
  a.gen.seed_books(kT0);
  b.gen.seed_books(kT0);
  const size_t ca = a.run(30);
  const size_t cb = b.run(30);
  assert_int_equal(ca, cb);
  assert_int_equal(ca, 30 * 200);
  assert_true(!a.seen.trades.empty());
  assert_int_equal(a.seen.trades.size(), b.seen.trades.size());
  for (size_t i = 0; i < a.seen.trades.size(); ++i) {
    const PublicTrade &x = a.seen.trades[i];
    const PublicTrade &y = b.seen.trades[i];
    assert_string_equal(x.ticker.c_str(), y.ticker.c_str());
    assert_string_equal(x.trade_id.c_str(), y.trade_id.c_str());
    assert_int_equal(x.price, y.price);
    assert_int_equal(x.qty, y.qty);
    assert_int_equal(x.taker_side, y.taker_side);
    assert_int_equal(x.time_ms, y.time_ms);
  }
  for (const char *t : kOpenTickers) {
    const BookSnapshot x = a.ex.book(t, 100);
    const BookSnapshot y = b.ex.book(t, 100);
    assert_int_equal(x.bids.size(), y.bids.size());
    assert_int_equal(x.asks.size(), y.asks.size());
    for (size_t i = 0; i < x.bids.size(); ++i) {
      assert_int_equal(x.bids[i].price, y.bids[i].price);
      assert_int_equal(x.bids[i].qty, y.bids[i].qty);
    }
    for (size_t i = 0; i < x.asks.size(); ++i) {
      assert_int_equal(x.asks[i].price, y.asks[i].price);
      assert_int_equal(x.asks[i].qty, y.asks[i].qty);
    }
    assert_int_equal(a.gen.fair_value(t), b.gen.fair_value(t));
  }
}

void test_different_seed_differs(void **) {
  World a(1, busy());
  World b(2, busy());
  a.run(10);
  b.run(10);
  bool differ = a.seen.trades.size() != b.seen.trades.size();
  for (size_t i = 0; !differ && i < a.seen.trades.size(); ++i) {
    differ = a.seen.trades[i].price != b.seen.trades[i].price ||
             a.seen.trades[i].qty != b.seen.trades[i].qty ||
             a.seen.trades[i].ticker != b.seen.trades[i].ticker;
  }
  for (const char *t : kOpenTickers) {
    differ = differ || a.ex.book(t, 100).bids.size() != b.ex.book(t, 100).bids.size() ||
             a.gen.fair_value(t) != b.gen.fair_value(t);
  }
  assert_true(differ);
}

void test_bots_on_tick_within_balance(void **) {
  ActivitySettings s = busy();
  s.bot_balance = 2000 * kDollar;  // small enough that collateral matters
  World w(7, s);
  w.gen.seed_books(kT0);
  w.run(60);
  for (const PublicTrade &t : w.seen.trades) {
    const Market *m = w.ex.find_market(t.ticker);
    assert_non_null(m);
    assert_true(Exchange::on_tick(*m, t.price));
    assert_true(t.qty > 0 && t.qty % kContract == 0);
  }
  for (const AccountKey bot : w.gen.bots()) {
    assert_true(w.ex.balance(bot) >= 0);
    const std::vector<const Order *> open = w.ex.open_orders(bot.member);
    // Bounded: at most max_resting_per_bot_market per market (plus one in flight).
    assert_true(open.size() <= 2 * (s.max_resting_per_bot_market + 1));
    for (const Order *o : open) {
      const Market *m = w.ex.find_market(o->ticker);
      assert_non_null(m);
      assert_int_equal(m->status, MarketStatus::Open);
      assert_true(Exchange::on_tick(*m, o->price));
    }
  }
  for (const char *t : kOpenTickers) {
    const Market *m = w.ex.find_market(t);
    assert_true(Exchange::on_tick(*m, w.gen.fair_value(t)));
  }
}

void test_rate_and_step_times(void **) {
  ActivitySettings s;
  s.orders_per_second = 3;
  s.max_commands_per_step = 50;
  World w(3, s);
  assert_int_equal(w.gen.step(kT0), 0);         // starts the clock
  assert_int_equal(w.gen.step(kT0 + 300), 0);   // 0.9 commands owed
  assert_int_equal(w.gen.step(kT0 + 400), 1);   // 1.2
  assert_int_equal(w.gen.step(kT0 + 400), 0);   // no time passed
  assert_int_equal(w.gen.step(kT0 + 100), 0);   // time going back is ignored
  assert_int_equal(w.gen.step(kT0 + 1400), 3);  // 0.2 carried + 3
  // A long pause is not replayed: at most max_catch_up_ms (1 s) of it counts.
  assert_int_equal(w.gen.step(kT0 + 3600 * 1000), 3);

  ActivitySettings fast;
  fast.orders_per_second = 1000000;
  fast.max_commands_per_step = 50;
  World v(3, fast);
  v.gen.step(kT0);
  assert_int_equal(v.gen.step(kT0 + 1000), 50);  // capped per step
  assert_int_equal(v.gen.step(kT0 + 1001), 50);
}

void test_other_members_orders_untouched(void **) {
  World w(11, busy());
  w.gen.seed_books(kT0);
  const uint32_t user = w.ex.add_member("user", 100 * kDollar);
  OrderRequest r;
  r.account = {user, 0};
  r.client_order_id = "far-bid";
  r.ticker = "ACT-CENT";
  r.side = Side::Buy;
  r.price = 1 * kCent;
  r.qty = 5 * kContract;
  assert_true(w.ex.submit(r, kT0).ok);
  for (int64_t t = 0; t <= 5000; t += 10) w.gen.step(kT0 + t);
  const Order *o = w.ex.find_order(user, "far-bid");
  assert_non_null(o);
  // Still resting, unless the market really traded down to 1c against it.
  assert_true(o->status == OrderStatus::Resting || o->status == OrderStatus::Filled);
}

void test_no_open_markets_no_commands(void **) {
  Exchange ex(1);
  assert_true(ex.load_markets(kMarkets).ok());
  std::vector<std::string> tickers;
  for (const Market *m : ex.markets()) tickers.push_back(m->ticker);
  for (const std::string &t : tickers) ex.set_market_status(t, MarketStatus::Closed, kT0);
  ActivityGenerator gen(ex, 1);
  assert_int_equal(gen.seed_books(kT0), 0);
  gen.step(kT0);
  assert_int_equal(gen.step(kT0 + 10000), 0);
}

// The shipped market set, perps included: books filled, every bot order on its market's grid.
void test_default_markets(void **) {
  Exchange ex(9);
  assert_true(ex.load_markets(Exchange::default_markets_json()).ok());
  ActivityGenerator gen(ex, 9, busy());
  assert_true(gen.seed_books(kT0) > 0);
  size_t open = 0;
  for (const Market *m : ex.markets()) {
    if (m->status != MarketStatus::Open) continue;
    ++open;
    const BookSnapshot b = ex.book(m->ticker, 10);
    assert_false(b.bids.empty());
    assert_false(b.asks.empty());
  }
  assert_true(open > 0);
  for (int64_t t = 0; t <= 20000; t += 10) gen.step(kT0 + t);
  for (const AccountKey bot : gen.bots()) {
    assert_true(ex.balance(bot) >= 0);
    for (const Order *o : ex.open_orders(bot.member)) {
      const Market *m = ex.find_market(o->ticker);
      assert_non_null(m);
      assert_true(Exchange::on_tick(*m, o->price));
    }
  }
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tick_helpers),
      cmocka_unit_test(test_seed_books_fills_both_sides),
      cmocka_unit_test(test_same_seed_same_market),
      cmocka_unit_test(test_different_seed_differs),
      cmocka_unit_test(test_bots_on_tick_within_balance),
      cmocka_unit_test(test_rate_and_step_times),
      cmocka_unit_test(test_other_members_orders_untouched),
      cmocka_unit_test(test_no_open_markets_no_commands),
      cmocka_unit_test(test_default_markets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
