/* Exact decimals: parsing, formatting and unit conversion through the C ABI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <kalshi/kalshi.h>

static kalshi_err_t price(const char *s, kalshi_price_t *out) {
  return kalshi_price_parse(s, strlen(s), out);
}
static kalshi_err_t count(const char *s, kalshi_count_t *out) {
  return kalshi_count_parse(s, strlen(s), out);
}

static void test_price_parse_exact(void **state) {
  (void)state;
  kalshi_price_t p = -1;
  assert_int_equal(price("0.5600", &p), KALSHI_OK);
  assert_int_equal(p, 560000);
  assert_int_equal(price("0.0001", &p), KALSHI_OK);
  assert_int_equal(p, 100);
  assert_int_equal(price("0.000001", &p), KALSHI_OK);
  assert_int_equal(p, 1);
  assert_int_equal(price("1", &p), KALSHI_OK);
  assert_int_equal(p, 1000000);
  assert_int_equal(price("-12.5", &p), KALSHI_OK);
  assert_int_equal(p, -12500000);
  assert_int_equal(price("0.1000000000", &p), KALSHI_OK); /* zeros past the scale are exact */
  assert_int_equal(p, 100000);
  assert_int_equal(price("9223372036854.775807", &p), KALSHI_OK);
  assert_true(p == INT64_MAX);
  assert_int_equal(price("-9223372036854.775808", &p), KALSHI_OK);
  assert_true(p == INT64_MIN);
}

static void test_price_parse_rejects(void **state) {
  (void)state;
  kalshi_price_t p = 42;
  const char *malformed[] = {"", "-", "+1", " 1", "1 ", "1.", ".5", "1e3", "0x10", "1,5",
                             "1..2", "--1", "NaN", "inf", "1.2.3", "١"};
  for (size_t i = 0; i < sizeof malformed / sizeof *malformed; ++i) {
    assert_int_equal(price(malformed[i], &p), KALSHI_ERR_PARSE);
  }
  assert_int_equal(price("0.0000001", &p), KALSHI_ERR_INEXACT);
  assert_int_equal(price("0.56000001", &p), KALSHI_ERR_INEXACT);
  assert_int_equal(price("9223372036854.775808", &p), KALSHI_ERR_RANGE);
  assert_int_equal(price("99999999999999999999", &p), KALSHI_ERR_RANGE);
  assert_int_equal(p, 42); /* untouched on error */
  assert_int_equal(kalshi_price_parse(NULL, 1, &p), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_price_parse("1", 1, NULL), KALSHI_ERR_INVALID_ARG);
  /* Length is honoured: no NUL needed, trailing bytes ignored. */
  assert_int_equal(kalshi_price_parse("0.25xyz", 4, &p), KALSHI_OK);
  assert_int_equal(p, 250000);
}

static void test_count_parse(void **state) {
  (void)state;
  kalshi_count_t c = 0;
  assert_int_equal(count("10", &c), KALSHI_OK);
  assert_int_equal(c, 1000);
  assert_int_equal(count("10.5", &c), KALSHI_OK);
  assert_int_equal(c, 1050);
  assert_int_equal(count("0.01", &c), KALSHI_OK);
  assert_int_equal(c, 1);
  assert_int_equal(count("0.001", &c), KALSHI_ERR_INEXACT);
  assert_int_equal(count("1.230", &c), KALSHI_OK);
  assert_int_equal(c, 123);
}

static void check_format(kalshi_price_t v, int min_dec, const char *want) {
  char buf[KALSHI_DECIMAL_STRLEN];
  size_t n = 0;
  assert_int_equal(kalshi_price_format(v, min_dec, buf, sizeof buf, &n), KALSHI_OK);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

static void test_price_format(void **state) {
  (void)state;
  check_format(560000, 2, "0.56");
  check_format(560000, 4, "0.5600");
  check_format(560000, 0, "0.56");
  check_format(1000000, 0, "1");
  check_format(1000000, 2, "1.00");
  check_format(1, 0, "0.000001");
  check_format(-12500000, 0, "-12.5");
  check_format(0, 0, "0");
  check_format(INT64_MIN, 0, "-9223372036854.775808");
  check_format(INT64_MAX, 6, "9223372036854.775807");
  char small[4];
  size_t n = 0;
  assert_int_equal(kalshi_price_format(560000, 2, small, sizeof small, &n),
                   KALSHI_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(n, 4);
  assert_int_equal(kalshi_price_format(1, 7, small, sizeof small, NULL), KALSHI_ERR_INVALID_ARG);
  char buf[KALSHI_DECIMAL_STRLEN];
  assert_int_equal(kalshi_count_format(1050, 0, buf, sizeof buf, NULL), KALSHI_OK);
  assert_string_equal(buf, "10.5");
}

static void test_round_trip(void **state) {
  (void)state;
  const kalshi_price_t values[] = {0, 1, -1, 99, 100, 10000, 990000, 1000000, 123456789,
                                   INT64_MAX, INT64_MIN, -5000};
  for (size_t i = 0; i < sizeof values / sizeof *values; ++i) {
    char buf[KALSHI_DECIMAL_STRLEN];
    size_t n = 0;
    assert_int_equal(kalshi_price_format(values[i], 0, buf, sizeof buf, &n), KALSHI_OK);
    kalshi_price_t back = 0;
    assert_int_equal(kalshi_price_parse(buf, n, &back), KALSHI_OK);
    assert_true(back == values[i]);
  }
}

static void test_units(void **state) {
  (void)state;
  kalshi_price_t p = 0;
  int64_t cents = 0, cc = 0;
  assert_int_equal(kalshi_price_from_cents(56, &p), KALSHI_OK);
  assert_int_equal(p, 560000);
  assert_int_equal(kalshi_price_to_cents(560000, &cents), KALSHI_OK);
  assert_int_equal(cents, 56);
  assert_int_equal(kalshi_price_to_cents(560100, &cents), KALSHI_ERR_INEXACT);
  assert_int_equal(kalshi_price_from_centicents(12345, &p), KALSHI_OK);
  assert_int_equal(p, 1234500);
  assert_int_equal(kalshi_price_to_centicents(1234500, &cc), KALSHI_OK);
  assert_int_equal(cc, 12345);
  assert_int_equal(kalshi_price_to_centicents(1234501, &cc), KALSHI_ERR_INEXACT);
  assert_int_equal(kalshi_price_from_cents(INT64_MAX / 100, &p), KALSHI_ERR_RANGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_price_parse_exact), cmocka_unit_test(test_price_parse_rejects),
      cmocka_unit_test(test_count_parse),       cmocka_unit_test(test_price_format),
      cmocka_unit_test(test_round_trip),        cmocka_unit_test(test_units),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
