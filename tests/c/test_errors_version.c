/* Versions, the error table, and NULL/closed handles that must error instead of crashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kalshi/kalshi.h>

static void test_version(void **state) {
  (void)state;
  assert_int_equal(kalshi_version(), KALSHI_VERSION_NUM);
  char want[32];
  snprintf(want, sizeof want, "%d.%d.%d", KALSHI_VERSION_MAJOR, KALSHI_VERSION_MINOR,
           KALSHI_VERSION_PATCH);
  assert_string_equal(kalshi_version_str(), want);
}

static void test_error_table(void **state) {
  (void)state;
  size_t n = kalshi_err_codes(NULL, 0);
  assert_true(n >= 30);
  kalshi_err_t codes[128];
  assert_int_equal(kalshi_err_codes(codes, 128), n);
  for (size_t i = 0; i < n; ++i) {
    assert_int_equal(codes[i], (kalshi_err_t)i); /* dense and append-only */
    const char *name = kalshi_err_name(codes[i]);
    assert_true(strncmp(name, "KALSHI_", 7) == 0);
    assert_true(strlen(kalshi_err_str(codes[i])) > 0);
    for (size_t j = 0; j < i; ++j) assert_string_not_equal(name, kalshi_err_name(codes[j]));
  }
  assert_string_equal(kalshi_err_name(KALSHI_ERR_TLS_PIN), "KALSHI_ERR_TLS_PIN");
  assert_string_equal(kalshi_err_name((kalshi_err_t)9999), "KALSHI_ERR_UNKNOWN_CODE");
}

static void test_null_handles(void **state) {
  (void)state;
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_client_new(NULL, NULL, &err), KALSHI_ERR_INVALID_ARG);
  assert_non_null(err);
  assert_int_equal(kalshi_error_code(err), KALSHI_ERR_INVALID_ARG);
  assert_true(strlen(kalshi_error_message(err)) > 0);
  assert_int_equal(kalshi_error_http_status(err), 0);
  assert_string_equal(kalshi_error_exchange_code(err), "");
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_client_run(NULL, 0), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_client_echo(NULL, 1), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_client_close(NULL, 0), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_client_destroy(NULL), KALSHI_OK);
  assert_null(kalshi_client_queue(NULL));
  assert_null(kalshi_queue_poll(NULL, 0));
  assert_int_equal(kalshi_queue_wakeup_fd(NULL), -1);
  assert_int_equal(kalshi_queue_set_wakeup_cb(NULL, NULL, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_event_type(NULL), KALSHI_EVENT_NONE);
  size_t len = 7;
  assert_non_null(kalshi_event_data(NULL, &len));
  assert_int_equal(len, 0);
  kalshi_event_destroy(NULL);
  kalshi_error_destroy(NULL);
  kalshi_queue_destroy(NULL);
  kalshi_conf_destroy(NULL);
  assert_int_equal(kalshi_error_code(NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_conf_set(NULL, "env", "demo", NULL, 0), KALSHI_ERR_INVALID_ARG);
  assert_null(kalshi_conf_dup(NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_error_table),
      cmocka_unit_test(test_null_handles),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
