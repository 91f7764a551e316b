// Full-jitter exponential backoff: the ceiling sequence, the injected RNG contract, reset, and
// saturation far past the cap.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <limits>
#include <vector>

#include "net/backoff.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using kalshi::net::Backoff;

namespace {

void test_ceiling_doubles_until_cap(void **) {
  const uint64_t expected[] = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
  for (uint32_t i = 0; i < sizeof expected / sizeof expected[0]; ++i) {
    assert_int_equal(Backoff::ceiling(100, 30000, i), expected[i]);
  }
}

void test_ceiling_never_overflows(void **) {
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  assert_int_equal(Backoff::ceiling(100, 30000, 63), 30000);
  assert_int_equal(Backoff::ceiling(100, 30000, 64), 30000);
  assert_int_equal(Backoff::ceiling(100, 30000, 1000000), 30000);
  assert_true(Backoff::ceiling(max / 2, max, 1) == (max / 2) * 2);
  assert_true(Backoff::ceiling(max / 2, max, 2) == max);
  assert_int_equal(Backoff::ceiling(1, max, 63), uint64_t{1} << 63);
}

void test_ceiling_edge_bases(void **) {
  assert_int_equal(Backoff::ceiling(0, 30000, 5), 0);   // no backoff at all
  assert_int_equal(Backoff::ceiling(500, 100, 0), 100);  // base above the cap: the cap wins
  assert_int_equal(Backoff::ceiling(100, 100, 0), 100);
}

void test_rng_sees_each_ceiling(void **) {
  std::vector<uint64_t> uppers;
  Backoff b(100, 1000, [&](uint64_t upper) {
    uppers.push_back(upper);
    return upper;  // the largest draw: the delay equals the ceiling
  });
  std::vector<uint64_t> delays;
  for (int i = 0; i < 6; ++i) delays.push_back(b.next_delay_ms());
  const std::vector<uint64_t> expected = {100, 200, 400, 800, 1000, 1000};
  assert_true(uppers == expected);
  assert_true(delays == expected);
  assert_int_equal(b.attempt(), 6);
}

void test_full_jitter_reaches_zero(void **) {
  Backoff b(100, 1000, [](uint64_t) { return uint64_t{0}; });
  for (int i = 0; i < 5; ++i) assert_int_equal(b.next_delay_ms(), 0);
}

void test_reset_starts_from_base(void **) {
  Backoff b(50, 10000, [](uint64_t upper) { return upper; });
  b.next_delay_ms();
  b.next_delay_ms();
  assert_int_equal(b.next_delay_ms(), 200);
  b.reset();
  assert_int_equal(b.attempt(), 0);
  assert_int_equal(b.next_delay_ms(), 50);
}

void test_bad_rng_is_clamped(void **) {
  Backoff b(100, 1000, [](uint64_t upper) { return upper + 12345; });
  assert_int_equal(b.next_delay_ms(), 100);
  assert_int_equal(b.next_delay_ms(), 200);
}

void test_attempts_saturate(void **) {
  Backoff b(100, 30000, [](uint64_t upper) { return upper; });
  for (int i = 0; i < 200; ++i) b.next_delay_ms();
  assert_int_equal(b.attempt(), 64);  // stops counting: never wraps back to the base
  assert_int_equal(b.next_delay_ms(), 30000);
}

void test_default_rng_is_uniform_within_ceiling(void **) {
  Backoff b(30000, 30000);  // every ceiling is 30000
  uint64_t sum = 0, lo = 30000, hi = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const uint64_t d = b.next_delay_ms();
    assert_true(d <= 30000);
    sum += d;
    lo = d < lo ? d : lo;
    hi = d > hi ? d : hi;
  }
  // The mean of U[0, 30000] is 15000 with a standard error near 140 at n = 4000; the band is
  // wide enough never to flake and narrow enough to catch a broken distribution.
  const uint64_t mean = sum / n;
  assert_true(mean > 13500 && mean < 16500);
  assert_true(lo < 1000);
  assert_true(hi > 29000);
}

void test_copies_keep_working(void **) {
  Backoff a(10, 100);
  Backoff b = a;  // the default generator lives in the closure, not in `a`
  Backoff c = std::move(a);
  for (int i = 0; i < 10; ++i) {
    assert_true(b.next_delay_ms() <= 100);
    assert_true(c.next_delay_ms() <= 100);
  }
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ceiling_doubles_until_cap),
      cmocka_unit_test(test_ceiling_never_overflows),
      cmocka_unit_test(test_ceiling_edge_bases),
      cmocka_unit_test(test_rng_sees_each_ceiling),
      cmocka_unit_test(test_full_jitter_reaches_zero),
      cmocka_unit_test(test_reset_starts_from_base),
      cmocka_unit_test(test_bad_rng_is_clamped),
      cmocka_unit_test(test_attempts_saturate),
      cmocka_unit_test(test_default_rng_is_uniform_within_ceiling),
      cmocka_unit_test(test_copies_keep_working),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
