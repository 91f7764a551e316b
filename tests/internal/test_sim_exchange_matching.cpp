// Exchange core matching: crossing, price-time priority, YES/NO equivalence, partial fills, time
// in force, post-only, reduce-only, self-trade prevention, and the order of lifecycle events.
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

void test_cross_and_partial_fill(void **) {
  Rig r;
  assert_true(r.sell(r.a, "s1", 40, 10).ok);
  assert_true(r.buy(r.b, "b1", 45, 4).ok);  // crosses at the resting price, 40
  assert_string_equal(r.rec.joined().c_str(), "New s1\nNew b1\nTrade b1 4@40\nTrade s1 4@40\n");
  const Order *s1 = r.order(r.a, "s1");
  assert_int_equal(s1->filled, 4 * kContract);
  assert_int_equal(s1->leaves, 6 * kContract);
  assert_int_equal(static_cast<int>(s1->status), static_cast<int>(OrderStatus::Resting));
  assert_int_equal(static_cast<int>(r.order(r.b, "b1")->status),
                   static_cast<int>(OrderStatus::Filled));
  assert_true(r.rec.fills[0].aggressor);
  assert_false(r.rec.fills[1].aggressor);
  assert_string_equal(r.rec.fills[0].trade_id.c_str(), r.rec.fills[1].trade_id.c_str());
  const BookSnapshot bk = r.ex.book("T", 5);
  assert_int_equal(bk.bids.size(), 0);
  assert_int_equal(bk.asks.size(), 1);
  assert_int_equal(bk.asks[0].price, 40 * kCent);
  assert_int_equal(bk.asks[0].qty, 6 * kContract);
  assert_int_equal(r.position(r.b), 4 * kContract);
  assert_int_equal(r.position(r.a), -4 * kContract);
  assert_int_equal(r.ex.trades("T", 10).size(), 1);
}

void test_price_time_priority(void **) {
  Rig r;
  const uint32_t c = r.ex.add_member("carol", kDollars100);
  assert_true(r.sell(r.a, "a41", 41, 5).ok);
  assert_true(r.sell(c, "c40", 40, 5).ok);
  assert_true(r.sell(r.a, "a40", 40, 5).ok);
  r.rec.lines.clear();
  assert_true(r.buy(r.b, "b", 41, 12).ok);
  // Best price first, then time at the same price; each trade at the resting price.
  assert_string_equal(r.rec.joined().c_str(),
                      "New b\nTrade b 5@40\nTrade c40 5@40\nTrade b 5@40\nTrade a40 5@40\n"
                      "Trade b 2@41\nTrade a41 2@41\n");
  assert_int_equal(r.order(r.a, "a41")->leaves, 3 * kContract);
}

void test_yes_no_single_book(void **) {
  Rig r;
  // "Buy NO at 96c" is a Sell at 4c: it matches a YES bid at 4c.
  assert_true(r.buy(r.a, "yes", 4, 10).ok);
  assert_true(r.sell(r.b, "no", 4, 10).ok);
  assert_int_equal(r.position(r.a), 10 * kContract);
  assert_int_equal(r.position(r.b), -10 * kContract);
  assert_int_equal(r.ex.balance({r.a, 0}), kDollars100 - 10 * 4 * kCent);   // 0.04 each
  assert_int_equal(r.ex.balance({r.b, 0}), kDollars100 - 10 * 96 * kCent);  // 0.96 each
  assert_int_equal(r.rec.fills[0].position_after, -10 * kContract);         // b, the taker
  assert_int_equal(r.rec.fills[0].balance_delta, -10 * 96 * kCent);
}

void test_ioc_remainder_canceled(void **) {
  Rig r;
  assert_true(r.sell(r.a, "s", 40, 4).ok);
  OrderRequest q = r.req(r.b, "ioc", Side::Buy, 40 * kCent, 10);
  q.tif = TimeInForce::Ioc;
  assert_true(r.send(q).ok);
  assert_string_equal(r.rec.joined().c_str(),
                      "New s\nNew ioc\nTrade ioc 4@40\nTrade s 4@40\n"
                      "Canceled ioc IMMEDIATE_OR_CANCELLED\n");
  assert_int_equal(r.ex.book("T", 5).bids.size(), 0);
  assert_int_equal(r.order(r.b, "ioc")->filled, 4 * kContract);
}

void test_fok_all_or_nothing(void **) {
  Rig r;
  assert_true(r.sell(r.a, "s", 40, 4).ok);
  OrderRequest q = r.req(r.b, "fok", Side::Buy, 40 * kCent, 5);
  q.tif = TimeInForce::Fok;
  assert_true(r.send(q).ok);
  assert_string_equal(r.rec.joined().c_str(),
                      "New s\nNew fok\nCanceled fok FOK_INSUFFICIENT_VOLUME\n");
  assert_int_equal(r.order(r.a, "s")->leaves, 4 * kContract);
  q.client_order_id = "fok2";
  q.qty = 4 * kContract;
  assert_true(r.send(q).ok);
  assert_int_equal(static_cast<int>(r.order(r.b, "fok2")->status),
                   static_cast<int>(OrderStatus::Filled));
}

void test_gtd_and_day_expiry(void **) {
  Rig r;
  OrderRequest past = r.req(r.a, "past", Side::Buy, 30 * kCent, 1);
  past.tif = TimeInForce::Gtd;
  past.expire_ms = r.now - 1;  // in the past: behaves as IOC
  assert_true(r.send(past).ok);
  assert_string_equal(r.rec.joined().c_str(), "New past\nCanceled past IMMEDIATE_OR_CANCELLED\n");

  OrderRequest gtd = r.req(r.a, "gtd", Side::Buy, 30 * kCent, 1);
  gtd.tif = TimeInForce::Gtd;
  gtd.expire_ms = r.now + 5000;
  assert_true(r.send(gtd).ok);
  OrderRequest day = r.req(r.a, "day", Side::Buy, 31 * kCent, 1);
  day.tif = TimeInForce::Day;
  assert_true(r.send(day).ok);
  // kT0 is 2026-09-09 20:26:40 EDT: the day ends 23:59:59.999 EDT = 03:59:59.999 UTC next day.
  assert_int_equal(r.order(r.a, "day")->expire_ms, 1789012799999);
  r.rec.lines.clear();
  r.ex.advance_time(r.now + 4999);
  assert_int_equal(r.rec.lines.size(), 0);
  r.ex.advance_time(r.now + 5000);
  assert_string_equal(r.rec.joined().c_str(), "Expired gtd\n");
  r.ex.advance_time(1789012799999);
  assert_string_equal(r.rec.joined().c_str(), "Expired gtd\nExpired day\n");
  assert_int_equal(static_cast<int>(r.order(r.a, "day")->status),
                   static_cast<int>(OrderStatus::Expired));
  assert_int_equal(r.ex.book("T", 5).bids.size(), 0);
  // Collateral is released.
  assert_int_equal(r.ex.open_orders(r.a).size(), 0);
}

void test_post_only(void **) {
  Rig r;
  assert_true(r.sell(r.a, "s", 40, 4).ok);
  OrderRequest q = r.req(r.b, "po", Side::Buy, 40 * kCent, 1);
  q.post_only = true;
  assert_true(r.send(q).ok);
  assert_string_equal(r.rec.joined().c_str(), "New s\nNew po\nCanceled po POST_ONLY_CROSS\n");
  q.client_order_id = "po2";
  q.price = 39 * kCent;
  assert_true(r.send(q).ok);
  assert_int_equal(static_cast<int>(r.order(r.b, "po2")->status),
                   static_cast<int>(OrderStatus::Resting));
}

void test_reduce_only(void **) {
  Rig r;
  OrderRequest q = r.req(r.a, "ro", Side::Sell, 30 * kCent, 10);
  q.tif = TimeInForce::Ioc;
  q.reduce_only = true;
  assert_true(r.send(q).ok);  // no position: canceled
  assert_string_equal(r.rec.joined().c_str(), "New ro\nCanceled ro REDUCE_ONLY\n");
  // Build a 3-contract long, then reduce-only sell 10 into a deep bid: capped at 3.
  assert_true(r.sell(r.b, "bs", 35, 3).ok);
  assert_true(r.buy(r.a, "ab", 35, 3).ok);
  assert_true(r.buy(r.b, "bid", 30, 10).ok);
  q.client_order_id = "ro2";
  assert_true(r.send(q).ok);
  assert_int_equal(r.order(r.a, "ro2")->filled, 3 * kContract);
  assert_int_equal(r.position(r.a), 0);
  assert_int_equal(r.order(r.b, "bid")->leaves, 7 * kContract);
  // Not IOC: refused.
  q.client_order_id = "ro3";
  q.tif = TimeInForce::Gtc;
  const Outcome o = r.send(q);
  assert_false(o.ok);
  assert_int_equal(o.code, 11);
}

void test_stp_taker_at_cross(void **) {
  Rig r;
  const uint32_t c = r.ex.add_member("carol", kDollars100);
  assert_true(r.sell(c, "c39", 39, 2).ok);
  assert_true(r.sell(r.a, "a40", 40, 5).ok);
  r.rec.lines.clear();
  assert_true(r.buy(r.a, "a", 40, 10).ok);
  // Fills before the self-cross stand; the incoming order is canceled, the resting one stays.
  assert_string_equal(r.rec.joined().c_str(),
                      "New a\nTrade a 2@39\nTrade c39 2@39\n"
                      "Canceled a TAKER_CANCEL_FOR_SELF_TRADE_PREVENTION\n");
  assert_int_equal(r.order(r.a, "a40")->leaves, 5 * kContract);
}

void test_stp_maker(void **) {
  Rig r;
  const uint32_t c = r.ex.add_member("carol", kDollars100);
  assert_true(r.sell(c, "c39", 39, 2).ok);
  assert_true(r.sell(r.a, "a40", 40, 5).ok);
  assert_true(r.sell(c, "c41", 41, 3).ok);
  r.rec.lines.clear();
  OrderRequest q = r.req(r.a, "a", Side::Buy, 41 * kCent, 10);
  q.stp = SelfTradePrevention::Maker;
  assert_true(r.send(q).ok);
  assert_string_equal(r.rec.joined().c_str(),
                      "New a\nTrade a 2@39\nTrade c39 2@39\n"
                      "Canceled a40 MAKER_CANCEL_FOR_SELF_TRADE_PREVENTION\n"
                      "Trade a 3@41\nTrade c41 3@41\n");
  assert_int_equal(r.order(r.a, "a")->leaves, 5 * kContract);  // rests at 41
  assert_int_equal(r.ex.book("T", 1).bids[0].price, 41 * kCent);
}

ReplaceRequest amend(Rig &r, uint32_t m, const char *orig, const char *clid, int64_t contracts,
                     int64_t cents, Side side = Side::Sell) {
  ReplaceRequest q;
  q.account = {m, 0};
  q.orig_client_order_id = orig;
  q.client_order_id = clid;
  q.ticker = "T";
  q.side = side;
  q.qty = contracts * kContract;
  q.price = cents * kCent;
  (void)r;
  return q;
}

// Who fills first at 40 after the amendment: "a" (kept priority) or "c" (a lost it).
std::string first_filled_after(Rig &r, const ReplaceRequest &q) {
  assert_true(r.ex.replace(q, r.now).ok);
  r.rec.fills.clear();
  r.rec.lines.clear();
  assert_true(r.buy(r.b, ("take" + q.client_order_id).c_str(), 40, 1).ok);
  return r.rec.lines.at(2);
}

void test_replace_priority_rules(void **) {
  struct Case {
    const char *name;
    int64_t contracts;
    int64_t cents;
    bool set_expiry;
    const char *first;
  } cases[] = {
      {"qty down keeps priority", 3, 40, false, "Trade a2 1@40"},
      {"expiry only keeps priority", 5, 40, true, "Trade a2 1@40"},
      {"qty up loses priority", 6, 40, false, "Trade c1 1@40"},
      {"price change loses priority", 5, 41, false, "Trade c1 1@40"},
  };
  for (const Case &k : cases) {
    Rig r;
    const uint32_t c = r.ex.add_member("carol", kDollars100);
    assert_true(r.sell(r.a, "a1", 40, 5).ok);
    assert_true(r.sell(c, "c1", 40, 5).ok);
    ReplaceRequest q = amend(r, r.a, "a1", "a2", k.contracts, k.cents);
    if (k.set_expiry) {
      q.set_tif = true;
      q.tif = TimeInForce::Gtd;
      q.expire_ms = r.now + 60000;
    }
    const std::string got = first_filled_after(r, q);
    if (got != k.first) fail_msg("%s: got '%s'", k.name, got.c_str());
    const Order *o = r.order(r.a, "a2");
    assert_non_null(o);
    assert_string_equal(o->orig_client_order_id.c_str(), "a1");
    assert_ptr_equal(o, r.order(r.a, "a1"));
  }
}

void test_replace_rules_and_rejects(void **) {
  Rig r;
  assert_true(r.sell(r.a, "a1", 40, 5).ok);
  assert_true(r.buy(r.b, "b1", 40, 2).ok);  // a1 filled 2
  // Below filled: rejected.
  Outcome o = r.ex.replace(amend(r, r.a, "a1", "x", 1, 40), r.now);
  assert_false(o.ok);
  assert_int_equal(o.code, static_cast<int>(CancelRejectCode::Broker));
  assert_string_equal(o.text.c_str(), "INVALID_AMEND_QTY_FOR_ORDER");
  // Side mismatch.
  o = r.ex.replace(amend(r, r.a, "a1", "x", 5, 40, Side::Buy), r.now);
  assert_int_equal(o.code, static_cast<int>(CancelRejectCode::UnknownOrder));
  assert_string_equal(o.text.c_str(), "ORDER_ATTRIBUTES_MISMATCH");
  // Unknown order.
  o = r.ex.replace(amend(r, r.a, "nope", "x", 5, 40), r.now);
  assert_int_equal(o.code, static_cast<int>(CancelRejectCode::UnknownOrder));
  // Filled order.
  o = r.ex.replace(amend(r, r.b, "b1", "x", 5, 40, Side::Buy), r.now);
  assert_int_equal(o.code, static_cast<int>(CancelRejectCode::Broker));
  assert_string_equal(o.text.c_str(), "CANNOT_UPDATE_FILLED_ORDER");
  // Duplicate new ClOrdID.
  o = r.ex.replace(amend(r, r.a, "a1", "a1", 5, 40), r.now);
  assert_string_equal(o.text.c_str(), "ORDER_ALREADY_EXISTS");
  // Off-tick price.
  ReplaceRequest bad = amend(r, r.a, "a1", "x", 5, 40);
  bad.price = 40 * kCent + 1;
  assert_false(r.ex.replace(bad, r.now).ok);
  // Equal to filled: cancels.
  r.rec.lines.clear();
  assert_true(r.ex.replace(amend(r, r.a, "a1", "a2", 2, 40), r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Canceled a2\n");
  assert_int_equal(static_cast<int>(r.order(r.a, "a2")->status),
                   static_cast<int>(OrderStatus::Canceled));
}

void test_replace_that_crosses_trades(void **) {
  Rig r;
  assert_true(r.buy(r.b, "b1", 38, 3).ok);
  assert_true(r.sell(r.a, "a1", 40, 5).ok);
  r.rec.lines.clear();
  assert_true(r.ex.replace(amend(r, r.a, "a1", "a2", 5, 38), r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Replaced a2\nTrade a2 3@38\nTrade b1 3@38\n");
  assert_int_equal(r.ex.book("T", 1).asks[0].qty, 2 * kContract);
}

void test_cancel_and_mass_cancel(void **) {
  Rig r;
  OrderRequest q = r.req(r.a, "a1", Side::Buy, 50 * kCent, 100);
  q.origin = 7;
  assert_true(r.send(q).ok);
  // 100 x 0.50 reserved: the rest of the balance cannot buy 101 more at 0.50.
  assert_false(r.buy(r.a, "big", 50, 101).ok);
  CancelRequest c;
  c.account = {r.a, 0};
  c.client_order_id = "c1";
  c.orig_client_order_id = "a1";
  c.ticker = "X";
  Outcome o = r.ex.cancel(c, r.now);
  assert_string_equal(o.text.c_str(), "ORDER_ATTRIBUTES_MISMATCH");
  c.ticker = "T";
  r.rec.lines.clear();
  assert_true(r.ex.cancel(c, r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Canceled c1\n");
  assert_int_equal(r.rec.levels.back().qty, 0);
  assert_string_equal(r.order(r.a, "c1")->orig_client_order_id.c_str(), "a1");
  o = r.ex.cancel(c, r.now);  // again: reused ClOrdID / closed order
  assert_false(o.ok);
  assert_true(r.buy(r.a, "big2", 50, 200).ok);  // collateral came back
  // Mass cancel by origin.
  q.client_order_id = "m1";
  q.qty = 1 * kContract;
  q.price = 10 * kCent;
  r.ex.set_balance({r.a, 0}, kDollars100 * 10);
  assert_true(r.send(q).ok);
  q.client_order_id = "m2";
  q.origin = 8;
  assert_true(r.send(q).ok);
  assert_int_equal(r.ex.mass_cancel(r.a, 7, r.now), 1);
  assert_int_equal(r.ex.open_orders(r.a).size(), 2);  // big2 (origin 0) and m2
  assert_int_equal(r.ex.mass_cancel(r.a, 0, r.now), 2);
  assert_int_equal(r.ex.open_orders(r.a).size(), 0);
}

void test_new_then_trade_flags(void **) {
  struct Seen : ExchangeObserver {
    std::vector<bool> folded;
    void on_order_event(const OrderEvent &e) override {
      if (e.kind == OrderEventKind::New) folded.push_back(e.traded_on_arrival);
    }
  } seen;
  Rig r;
  r.ex.add_observer(&seen);
  assert_true(r.sell(r.a, "s", 40, 4).ok);
  assert_true(r.buy(r.b, "b", 40, 1).ok);
  assert_int_equal(seen.folded.size(), 2);
  assert_false(seen.folded[0]);
  assert_true(seen.folded[1]);
  r.ex.remove_observer(&seen);
}

void test_replace_restates_expiry(void **) {
  Rig r;
  OrderRequest q = r.req(r.a, "g", Side::Buy, 30 * kCent, 2);
  q.tif = TimeInForce::Gtd;
  q.expire_ms = r.now + 1000;
  assert_true(r.send(q).ok);
  ReplaceRequest day = amend(r, r.a, "g", "d", 2, 30, Side::Buy);
  day.set_tif = true;
  day.tif = TimeInForce::Day;
  assert_true(r.ex.replace(day, r.now).ok);
  assert_int_equal(r.order(r.a, "d")->expire_ms, 1789012799999);
  ReplaceRequest keep = amend(r, r.a, "d", "k", 2, 30, Side::Buy);  // no TIF: expiry kept
  assert_true(r.ex.replace(keep, r.now).ok);
  assert_int_equal(r.order(r.a, "k")->expire_ms, 1789012799999);
  ReplaceRequest past = amend(r, r.a, "k", "p", 2, 30, Side::Buy);
  past.set_tif = true;
  past.tif = TimeInForce::Gtd;
  past.expire_ms = r.now;
  assert_string_equal(r.ex.replace(past, r.now).text.c_str(), "INVALID_ORDER");
  ReplaceRequest ioc = amend(r, r.a, "k", "i", 2, 30, Side::Buy);
  ioc.set_tif = true;
  ioc.tif = TimeInForce::Ioc;
  assert_false(r.ex.replace(ioc, r.now).ok);
  ReplaceRequest gtc = amend(r, r.a, "k", "c", 2, 30, Side::Buy);
  gtc.set_tif = true;
  gtc.tif = TimeInForce::Gtc;
  assert_true(r.ex.replace(gtc, r.now).ok);
  assert_int_equal(r.order(r.a, "c")->expire_ms, 0);
  r.ex.advance_time(1789012799999 + 1);  // no longer expires at the end of the day
  assert_int_equal(static_cast<int>(r.order(r.a, "c")->status),
                   static_cast<int>(OrderStatus::Resting));
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cross_and_partial_fill),
      cmocka_unit_test(test_price_time_priority),
      cmocka_unit_test(test_yes_no_single_book),
      cmocka_unit_test(test_ioc_remainder_canceled),
      cmocka_unit_test(test_fok_all_or_nothing),
      cmocka_unit_test(test_gtd_and_day_expiry),
      cmocka_unit_test(test_post_only),
      cmocka_unit_test(test_reduce_only),
      cmocka_unit_test(test_stp_taker_at_cross),
      cmocka_unit_test(test_stp_maker),
      cmocka_unit_test(test_replace_priority_rules),
      cmocka_unit_test(test_replace_rules_and_rejects),
      cmocka_unit_test(test_replace_that_crosses_trades),
      cmocka_unit_test(test_cancel_and_mass_cancel),
      cmocka_unit_test(test_new_then_trade_flags),
      cmocka_unit_test(test_replace_restates_expiry),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
