// The REST client's token bucket (http/client/rate_limiter.h) with an injected clock: refill
// math, burst, cost, debt from reservations (arrival-order fairness), clock steps back, and a
// smoke test of its thread safety.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <thread>
#include <vector>

#include "http/client/rate_limiter.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::http;

namespace {

void test_burst_then_refill(void **) {
  RateLimiter l(10, 5, 1000);  // 10/s: one token per 100 ms, burst 5
  for (int i = 0; i < 5; ++i) assert_int_equal(l.acquire(1, 1000), 0);
  assert_int_equal(l.acquire(1, 1000), 100);
  assert_int_equal(l.acquire(1, 1050), 50);  // half a token is there
  assert_int_equal(l.acquire(1, 1100), 0);
  assert_int_equal(l.acquire(1, 1100), 100);
  // A long idle refills to the burst, never past it.
  assert_int_equal(l.available(1000000), 5);
  for (int i = 0; i < 5; ++i) assert_int_equal(l.acquire(1, 1000000), 0);
  assert_true(l.acquire(1, 1000000) > 0);
}

void test_cost(void **) {
  RateLimiter l(10, 10, 0);
  assert_int_equal(l.acquire(4, 0), 0);
  assert_int_equal(l.acquire(4, 0), 0);
  assert_int_equal(l.acquire(4, 0), 200);  // 2 left, 2 more at 100 ms each
  assert_int_equal(l.available(0), 2);     // a refused acquire takes nothing
  assert_int_equal(l.acquire(4, 200), 0);
  assert_int_equal(l.available(200), 0);
}

void test_cost_above_burst_is_granted_when_full(void **) {
  RateLimiter l(1, 2, 0);
  assert_int_equal(l.acquire(5, 0), 0);  // full bucket: granted, into debt
  assert_int_equal(l.available(0), -3);
  assert_int_equal(l.acquire(1, 0), 4000);     // repay 3, then one more
  assert_int_equal(l.acquire(5, 4000), 1000);  // needs a full bucket (2) again
  assert_int_equal(l.acquire(5, 5000), 0);
}

void test_reservations_queue_in_order(void **) {
  RateLimiter l(1, 1, 0);  // one token a second
  assert_int_equal(l.reserve(1, 0), 0);
  assert_int_equal(l.reserve(1, 0), 1000);
  assert_int_equal(l.reserve(1, 0), 2000);
  // A later small request cannot jump ahead of the reserved ones.
  assert_int_equal(l.acquire(1, 500), 2500);
  assert_int_equal(l.reserve(3, 500), 2500);  // cost above burst: waits for a full bucket
  assert_int_equal(l.available(500), -5);
}

void test_clock_step_back(void **) {
  RateLimiter l(10, 1, 5000);
  assert_int_equal(l.acquire(1, 5000), 0);
  // The clock goes back: nothing refills, nothing breaks.
  assert_int_equal(l.acquire(1, 4000), 100);
  assert_int_equal(l.acquire(1, 5050), 50);
  assert_int_equal(l.acquire(1, 5100), 0);
}

void test_zero_settings_are_clamped(void **) {
  RateLimiter l(0, 0, 0);
  assert_int_equal(l.acquire(1, 0), 0);
  assert_int_equal(l.acquire(1, 0), 1000);
  assert_int_equal(l.acquire(0, 0), 0);  // free requests always pass
}

void test_threads_share_exactly(void **) {
  RateLimiter l(1, 1000, 0);
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (l.acquire(1, 0) == 0) granted.fetch_add(1);
      }
    });
  }
  for (auto &t : threads) t.join();
  assert_int_equal(granted.load(), 1000);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_burst_then_refill),
      cmocka_unit_test(test_cost),
      cmocka_unit_test(test_cost_above_burst_is_granted_when_full),
      cmocka_unit_test(test_reservations_queue_in_order),
      cmocka_unit_test(test_clock_step_back),
      cmocka_unit_test(test_zero_settings_are_clamped),
      cmocka_unit_test(test_threads_share_exactly),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
