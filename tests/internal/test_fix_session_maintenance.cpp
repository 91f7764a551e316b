// Kalshi's Thursday 03:00-05:00 ET maintenance window, computed without a tz database: boundaries
// in EST and EDT, the weeks around both DST changes, and the end time the driver waits for.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "fix/codec/timestamp.h"
#include "fix/session/maintenance.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::fix;

namespace {

constexpr int64_t kMin = 60 * 1000;
constexpr int64_t kHour = 60 * kMin;

int64_t utc(const char *s) {
  int64_t ms = 0;
  assert_true(parse_utc_timestamp(s, &ms));
  return ms;
}

// [start, end) in UTC is exactly the window: one ms either side is outside.
void window(const char *start_utc, const char *end_utc) {
  const int64_t a = utc(start_utc);
  const int64_t b = utc(end_utc);
  assert_int_equal(b - a, 2 * kHour);
  assert_false(in_maintenance_window(a - 1));
  assert_true(in_maintenance_window(a));
  assert_true(in_maintenance_window(a + kHour));
  assert_true(in_maintenance_window(b - 1));
  assert_false(in_maintenance_window(b));
  assert_int_equal(maintenance_window_end_ms(a), b);
  assert_int_equal(maintenance_window_end_ms(b - 1), b);
  assert_int_equal(maintenance_window_end_ms(a - 1), a - 1);
  assert_int_equal(maintenance_window_end_ms(b), b);
}

void test_winter_window_est(void **) {
  // Thursday 2026-01-08, EST (UTC-5): 08:00-10:00 UTC.
  window("20260108-08:00:00.000", "20260108-10:00:00.000");
  assert_int_equal(us_eastern_offset_ms(utc("20260108-08:00:00.000")), -5 * kHour);
}

void test_summer_window_edt(void **) {
  // Thursday 2026-07-09, EDT (UTC-4): 07:00-09:00 UTC.
  window("20260709-07:00:00.000", "20260709-09:00:00.000");
  assert_int_equal(us_eastern_offset_ms(utc("20260709-07:00:00.000")), -4 * kHour);
}

void test_around_march_dst_change(void **) {
  // DST starts Sunday 2026-03-08 at 02:00 EST = 07:00 UTC.
  assert_int_equal(us_eastern_offset_ms(utc("20260308-06:59:59.999")), -5 * kHour);
  assert_int_equal(us_eastern_offset_ms(utc("20260308-07:00:00.000")), -4 * kHour);
  // Thursday before (EST) and after (EDT): 2026-03-05 08:00 UTC, 2026-03-12 07:00 UTC.
  window("20260305-08:00:00.000", "20260305-10:00:00.000");
  window("20260312-07:00:00.000", "20260312-09:00:00.000");
  // 07:00 UTC on 03-05 is 02:00 EST: not yet.
  assert_false(in_maintenance_window(utc("20260305-07:30:00.000")));
}

void test_around_november_dst_change(void **) {
  // DST ends Sunday 2026-11-01 at 02:00 EDT = 06:00 UTC.
  assert_int_equal(us_eastern_offset_ms(utc("20261101-05:59:59.999")), -4 * kHour);
  assert_int_equal(us_eastern_offset_ms(utc("20261101-06:00:00.000")), -5 * kHour);
  // Thursday before (EDT) and after (EST): 2026-10-29 07:00 UTC, 2026-11-05 08:00 UTC.
  window("20261029-07:00:00.000", "20261029-09:00:00.000");
  window("20261105-08:00:00.000", "20261105-10:00:00.000");
  assert_false(in_maintenance_window(utc("20261105-07:30:00.000")));
  assert_true(in_maintenance_window(utc("20261105-09:30:00.000")));
}

void test_other_days_and_years(void **) {
  // Wednesday and Friday at 03:30 ET are never in the window.
  assert_false(in_maintenance_window(utc("20260107-08:30:00.000")));
  assert_false(in_maintenance_window(utc("20260109-08:30:00.000")));
  // A leap day: Thursday 2024-02-29, EST.
  window("20240229-08:00:00.000", "20240229-10:00:00.000");
  // 2024: DST from March 10 to November 3; Thursdays 03-14 (EDT) and 11-07 (EST).
  window("20240314-07:00:00.000", "20240314-09:00:00.000");
  window("20241107-08:00:00.000", "20241107-10:00:00.000");
  // Year boundary: Thursday 2026-12-31 03:00 EST = 08:00 UTC.
  window("20261231-08:00:00.000", "20261231-10:00:00.000");
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_winter_window_est),
      cmocka_unit_test(test_summer_window_edt),
      cmocka_unit_test(test_around_march_dst_change),
      cmocka_unit_test(test_around_november_dst_change),
      cmocka_unit_test(test_other_days_and_years),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
