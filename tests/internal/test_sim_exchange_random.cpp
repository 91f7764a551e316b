// Exchange core under random and hostile commands (a seeded, bounded run): nothing crashes, the
// book never stays crossed, book levels agree with the open orders, positions net to zero, and on
// fee-free binary markets money is conserved (every YES/NO pair holds one dollar), through to
// settlement.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <map>
#include <string>

#include "test_sim_exchange_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;

namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  int64_t in(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(next() % (hi - lo + 1)); }
};

int g_step = 0;  // for failure messages

void check_book(Rig &r, const uint32_t *members, size_t n, const char *ticker) {
  const BookSnapshot b = r.ex.book(ticker, 1000);
  if (!b.bids.empty() && !b.asks.empty()) assert_true(b.bids[0].price < b.asks[0].price);
  std::map<std::pair<int, Price>, Qty> from_orders;
  for (size_t i = 0; i < n; ++i) {
    for (const Order *o : r.ex.open_orders(members[i])) {
      if (o->ticker != ticker) continue;
      assert_true(o->leaves > 0);
      assert_int_equal(o->filled + o->leaves, o->original_qty);
      from_orders[{static_cast<int>(o->side), o->price}] += o->leaves;
    }
  }
  size_t levels = 0;
  for (const Level &l : b.bids) {
    if (l.qty != from_orders[{static_cast<int>(Side::Buy), l.price}]) {
      fail_msg("step %d: %s bid level %s disagrees with the open orders", g_step, ticker,
               std::to_string(l.price).c_str());
    }
    ++levels;
  }
  for (const Level &l : b.asks) {
    if (l.qty != from_orders[{static_cast<int>(Side::Sell), l.price}]) {
      fail_msg("step %d: %s ask level %s disagrees with the open orders", g_step, ticker,
               std::to_string(l.price).c_str());
    }
    ++levels;
  }
  size_t nonzero = 0;
  for (const auto &[k, q] : from_orders) nonzero += q > 0;
  assert_int_equal(levels, nonzero);
}

Money total_cash_and_pairs(Rig &r, const uint32_t *members, size_t n) {
  Money total = 0;
  for (size_t i = 0; i < n; ++i) {
    for (uint8_t sub : {0, 1}) {
      total += r.ex.balance({members[i], sub});
      for (const Position &p : r.ex.positions({members[i], sub})) {
        if (p.contracts > 0 && p.ticker != "P") total += p.contracts * kDollar / kContract;
      }
    }
  }
  return total;
}

void test_random_commands_keep_invariants(void **) {
  Rig r;
  const uint32_t c = r.ex.add_member("carol", kDollars100);
  const uint32_t members[] = {r.a, r.b, c};
  // Perps P&L is zero-sum only together with unrealised P&L, so perps traders are kept apart
  // from the money-conservation check of the binary traders.
  const uint32_t perp_members[] = {r.ex.add_member("dan", kDollars100 * 10),
                                   r.ex.add_member("eve", kDollars100 * 10)};
  for (uint32_t m : members) assert_true(r.ex.set_balance({m, 1}, 50 * kDollar).ok());
  const char *tickers[] = {"T", "FR", "P", "NOPE"};
  Rng rng{0x9e3779b97f4a7c15ULL};
  const Money start = total_cash_and_pairs(r, members, 3);
  std::string group;
  assert_true(r.ex.order_group(OrderGroupAction::Create, {r.a, 0}, &group, 20, r.now).ok);
  for (int i = 0; i < 4000; ++i) {
    g_step = i;
    r.now += rng.in(0, 400);
    const char *ticker = tickers[rng.in(0, 9) == 0 ? 3 : rng.in(0, 2)];
    const uint32_t m =
        std::string(ticker) == "P" ? perp_members[rng.in(0, 1)] : members[rng.in(0, 2)];
    const AccountKey acct{m,
                          static_cast<uint8_t>(rng.in(0, 9) == 0 ? rng.in(0, 70) : rng.in(0, 1))};
    const std::string clid = "o" + std::to_string(rng.in(0, 3000));
    const int op = static_cast<int>(rng.in(0, 9));
    if (op <= 5) {
      OrderRequest q;
      q.account = acct;
      q.client_order_id = clid;
      q.ticker = ticker;
      q.side =
          rng.in(0, 19) == 0 ? static_cast<Side>(rng.in(0, 9)) : static_cast<Side>(rng.in(1, 2));
      const bool perp = std::string(ticker) == "P";
      q.price = perp ? rng.in(85, 115) * kDollar + rng.in(0, 2) * 5000
                     : rng.in(30, 70) * kCent + (rng.in(0, 20) == 0 ? 1 : 0);
      q.qty = rng.in(0, 20) * kContract + (rng.in(0, 4) == 0 ? rng.in(0, 99) : 0);
      const TimeInForce tifs[] = {TimeInForce::Gtc,
                                  TimeInForce::Gtc,
                                  TimeInForce::Day,
                                  TimeInForce::Ioc,
                                  TimeInForce::Fok,
                                  TimeInForce::Gtd,
                                  static_cast<TimeInForce>(rng.in(0, 9))};
      q.tif = tifs[rng.in(0, 6)];
      q.expire_ms = r.now + rng.in(-1000, 5000);
      q.post_only = rng.in(0, 9) == 0;
      q.reduce_only = rng.in(0, 9) == 0;
      q.cancel_on_pause = rng.in(0, 1) == 0;
      q.stp = static_cast<SelfTradePrevention>(rng.in(0, 19) == 0 ? rng.in(0, 9) : rng.in(1, 2));
      q.max_cost = rng.in(0, 9) == 0 ? rng.in(0, 20) * kDollar : 0;
      if (m == r.a && rng.in(0, 3) == 0) q.order_group_id = group;
      (void)r.ex.submit(q, r.now);
    } else if (op == 6) {
      CancelRequest q;
      q.account = acct;
      q.client_order_id = "c" + clid;
      q.orig_client_order_id = clid;
      q.ticker = ticker;
      (void)r.ex.cancel(q, r.now);
    } else if (op == 7) {
      ReplaceRequest q;
      q.account = acct;
      q.client_order_id = "r" + std::to_string(i);
      q.orig_client_order_id = clid;
      const Order *o = r.ex.find_order(m, clid);
      q.ticker = o != nullptr ? o->ticker : ticker;
      q.side = o != nullptr ? o->side : Side::Buy;
      q.qty = rng.in(0, 25) * kContract;
      q.price =
          o != nullptr && o->ticker == "P" ? rng.in(85, 115) * kDollar : rng.in(0, 100) * kCent;
      q.set_tif = rng.in(0, 3) == 0;
      q.tif = static_cast<TimeInForce>(rng.in(0, 7));
      q.expire_ms = r.now + rng.in(-1000, 5000);
      (void)r.ex.replace(q, r.now);
    } else if (op == 8) {
      const auto a = static_cast<OrderGroupAction>(rng.in(0, 6));
      (void)r.ex.order_group(a, {r.a, 0}, &group, rng.in(-1, 30), r.now);
      if (group.empty() || r.ex.find_order_group(group) == nullptr) {
        (void)r.ex.order_group(OrderGroupAction::Create, {r.a, 0}, &group, 20, r.now);
      }
    } else {
      const int what = static_cast<int>(rng.in(0, 5));
      if (what == 0) (void)r.ex.mass_cancel(m, rng.in(0, 1), r.now);
      if (what == 1) (void)r.ex.set_market_status(ticker, MarketStatus::Paused, r.now);
      if (what >= 2) (void)r.ex.set_market_status(ticker, MarketStatus::Open, r.now);
    }
    for (const char *t : {"T", "FR"}) check_book(r, members, 3, t);
    check_book(r, perp_members, 2, "P");
    for (const char *t : {"T", "FR"}) {
      Qty net = 0;
      for (uint32_t mm : members)
        for (uint8_t sub : {0, 1})
          for (const Position &p : r.ex.positions({mm, sub}))
            if (p.ticker == t) net += p.contracts;
      assert_int_equal(net, 0);
    }
    const Money now_total = total_cash_and_pairs(r, members, 3);
    if (now_total != start) {
      fail_msg("step %d op %d: money %s != %s", i, op, std::to_string(now_total).c_str(),
               std::to_string(start).c_str());
    }
  }
  // Settle the binaries: every pair pays out its dollar, so cash alone is back to the start.
  assert_true(r.ex.settle("T", 370000, r.now).ok);
  assert_true(r.ex.settle("FR", kDollar, r.now).ok);
  Money cash = 0;
  for (uint32_t m : members)
    for (uint8_t sub : {0, 1}) cash += r.ex.balance({m, sub});
  assert_int_equal(cash, start);
  if (r.rec.fills.size() < 200) fail_msg("only %zu fills", r.rec.fills.size());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_commands_keep_invariants),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
