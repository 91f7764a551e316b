// Exchange core order groups (kalshi-fix.md §5): the rolling 15-second contracts window on the
// injected clock, automatic and manual trigger, reset, update, delete, and ownership.
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

std::string make_group(Rig &r, int64_t limit, AccountKey owner) {
  std::string id;
  const Outcome o = r.ex.order_group(OrderGroupAction::Create, owner, &id, limit, r.now);
  assert_true(o.ok);
  assert_int_equal(id.size(), 36);
  return id;
}

Outcome grouped_sell(Rig &r, const char *clid, int64_t cents, int64_t contracts,
                     const std::string &group) {
  OrderRequest q = r.req(r.a, clid, Side::Sell, cents * kCent, contracts);
  q.order_group_id = group;
  return r.send(q);
}

void test_limit_hit_cancels_group(void **) {
  Rig r;
  const std::string g = make_group(r, 5, {r.a, 0});
  assert_true(grouped_sell(r, "g1", 40, 3, g).ok);
  assert_true(grouped_sell(r, "g2", 41, 3, g).ok);
  assert_true(grouped_sell(r, "g3", 45, 3, g).ok);
  r.rec.lines.clear();
  assert_true(r.buy(r.b, "b", 41, 5).ok);  // 3 + 2 = 5 contracts: the limit is hit
  assert_string_equal(r.rec.joined().c_str(),
                      "New b\nTrade b 3@40\nTrade g1 3@40\nTrade b 2@41\nTrade g2 2@41\n"
                      "Canceled g2 ORDER_GROUP_CANCEL\nCanceled g3 ORDER_GROUP_CANCEL\n");
  assert_true(r.ex.find_order_group(g)->triggered);
  assert_true(r.rec.group_events.back().triggered);
  const Outcome o = grouped_sell(r, "g4", 45, 1, g);
  assert_int_equal(o.code, 3);
  assert_string_equal(o.text.c_str(), "EXCEEDED_ORDER_GROUP_RISK_LIMIT");
  std::string id = g;
  assert_true(r.ex.order_group(OrderGroupAction::Reset, {r.a, 0}, &id, 0, r.now).ok);
  assert_false(r.ex.find_order_group(g)->triggered);
  assert_true(grouped_sell(r, "g5", 45, 1, g).ok);
}

void test_rolling_window(void **) {
  Rig r;
  const std::string g = make_group(r, 5, {r.a, 0});
  assert_true(grouped_sell(r, "g1", 40, 10, g).ok);
  assert_true(r.buy(r.b, "b1", 40, 3).ok);  // window: 3
  r.now += 15000;                           // the first fill leaves the window
  assert_true(r.buy(r.b, "b2", 40, 3).ok);  // window: 3
  assert_false(r.ex.find_order_group(g)->triggered);
  r.now += 14999;
  assert_true(r.buy(r.b, "b3", 40, 2).ok);  // window: 5 -> triggered
  assert_true(r.ex.find_order_group(g)->triggered);
  assert_int_equal(static_cast<int>(r.order(r.a, "g1")->status),
                   static_cast<int>(OrderStatus::Canceled));
}

void test_taker_in_triggered_group_stops(void **) {
  Rig r;
  const uint32_t c = r.ex.add_member("carol", kDollars100);
  const std::string g = make_group(r, 2, {r.b, 0});
  assert_true(r.sell(r.a, "a1", 40, 2).ok);
  assert_true(r.sell(c, "c1", 41, 5).ok);
  OrderRequest q = r.req(r.b, "b", Side::Buy, 41 * kCent, 6);
  q.order_group_id = g;
  r.rec.lines.clear();
  assert_true(r.send(q).ok);
  assert_string_equal(r.rec.joined().c_str(),
                      "New b\nTrade b 2@40\nTrade a1 2@40\nCanceled b ORDER_GROUP_CANCEL\n");
  assert_int_equal(r.order(c, "c1")->leaves, 5 * kContract);
}

void test_trigger_update_delete_and_ownership(void **) {
  Rig r;
  std::string g = make_group(r, 10, {r.a, 0});
  assert_true(grouped_sell(r, "g1", 40, 4, g).ok);
  // Another subaccount (or member) cannot touch it.
  Outcome o = r.ex.order_group(OrderGroupAction::Trigger, {r.a, 2}, &g, 0, r.now);
  assert_string_equal(o.text.c_str(), "ORDER_GROUP_NOT_FOUND");
  o = r.ex.order_group(OrderGroupAction::Trigger, {r.b, 0}, &g, 0, r.now);
  assert_string_equal(o.text.c_str(), "ORDER_GROUP_NOT_FOUND");
  // Update below the window volume triggers.
  assert_true(r.buy(r.b, "b", 40, 3).ok);
  assert_true(r.ex.order_group(OrderGroupAction::Update, {r.a, 0}, &g, 4, r.now).ok);
  assert_false(r.ex.find_order_group(g)->triggered);
  assert_int_equal(r.ex.find_order_group(g)->contracts_limit, 4);
  assert_true(r.ex.order_group(OrderGroupAction::Update, {r.a, 0}, &g, 3, r.now).ok);
  assert_true(r.ex.find_order_group(g)->triggered);
  assert_int_equal(static_cast<int>(r.order(r.a, "g1")->status),
                   static_cast<int>(OrderStatus::Canceled));
  // Manual trigger and delete both cancel resting members.
  std::string h = make_group(r, 10, {r.a, 0});
  assert_true(grouped_sell(r, "h1", 50, 1, h).ok);
  r.rec.lines.clear();
  assert_true(r.ex.order_group(OrderGroupAction::Trigger, {r.a, 0}, &h, 0, r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Canceled h1 ORDER_GROUP_CANCEL\n");
  assert_true(r.ex.order_group(OrderGroupAction::Reset, {r.a, 0}, &h, 0, r.now).ok);
  assert_true(grouped_sell(r, "h2", 50, 1, h).ok);
  r.rec.lines.clear();
  assert_true(r.ex.order_group(OrderGroupAction::Delete, {r.a, 0}, &h, 0, r.now).ok);
  assert_string_equal(r.rec.joined().c_str(), "Canceled h2 ORDER_GROUP_CANCEL\n");
  assert_null(r.ex.find_order_group(h));
  o = r.ex.order_group(OrderGroupAction::Reset, {r.a, 0}, &h, 0, r.now);
  assert_int_equal(o.code, 11);
  // Limits out of range.
  std::string unused;
  assert_false(r.ex.order_group(OrderGroupAction::Create, {r.a, 0}, &unused, 0, r.now).ok);
  assert_false(r.ex.order_group(OrderGroupAction::Create, {r.a, 0}, &unused, 1000001, r.now).ok);
  assert_false(r.ex.order_group(OrderGroupAction::Reset, {r.a, 0}, nullptr, 0, r.now).ok);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_limit_hit_cancels_group),
      cmocka_unit_test(test_rolling_window),
      cmocka_unit_test(test_taker_in_triggered_group_stops),
      cmocka_unit_test(test_trigger_update_delete_and_ownership),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
