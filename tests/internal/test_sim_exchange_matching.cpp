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

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cross_and_partial_fill),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
