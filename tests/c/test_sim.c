/* kalshi_sim_* lifecycle, configuration, keys and accounts through the public C API (no FIX
 * client here; test_sim_fix.c logs clients on). Loopback only. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_util.h"

#define TICKER "HIGHNY-26NOV21-T50"

static const char *const kEndpoints[] = {
    "fix.nr", "fix.rt",       "fix.dc",       "fix.pt",       "fix.rfq",
    "fix.md", "perps.fix.nr", "perps.fix.rt", "perps.fix.dc", "perps.fix.md"};
#define N_ENDPOINTS (sizeof kEndpoints / sizeof kEndpoints[0])

static kalshi_sim_t *start_sim(kalshi_conf_t *conf) {
  kalshi_sim_t *sim = NULL;
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc = kalshi_sim_start(conf, &sim, &err);
  if (rc != KALSHI_OK) fail_msg("kalshi_sim_start: %s", err ? kalshi_error_message(err) : "?");
  assert_non_null(sim);
  return sim;
}

static void test_ports_ca_and_destroy(void **state) {
  (void)state;
  kalshi_sim_t *sim = start_sim(NULL);
  uint16_t seen[2 * N_ENDPOINTS];
  size_t n = 0;
  char name[64];
  for (size_t i = 0; i < N_ENDPOINTS; ++i) {
    for (int tls = 0; tls < 2; ++tls) {
      snprintf(name, sizeof name, "%s%s", kEndpoints[i], tls ? ".tls" : "");
      uint16_t port = 0;
      assert_int_equal(kalshi_sim_port(sim, name, &port), KALSHI_OK);
      assert_int_not_equal(port, 0);
      for (size_t j = 0; j < n; ++j) assert_int_not_equal(seen[j], port);
      seen[n++] = port;
    }
  }
  uint16_t port = 0;
  assert_int_equal(kalshi_sim_port(sim, "fix.nope", &port), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_port(sim, "perps.fix.pt", &port), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_port(NULL, "fix.nr", &port), KALSHI_ERR_INVALID_ARG);

  char ca[512];
  char tiny[4];
  assert_int_equal(kalshi_sim_ca_file(sim, tiny, sizeof tiny), KALSHI_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(kalshi_sim_ca_file(sim, ca, sizeof ca), KALSHI_OK);
  size_t len = 0;
  char *pem = test_read_file(ca, &len);
  assert_non_null(strstr(pem, "BEGIN CERTIFICATE"));
  free(pem);
  assert_int_equal(kalshi_sim_fix_sessions(sim), 0);

  /* Stop is idempotent; afterwards commands answer CLOSED instead of waiting. */
  kalshi_sim_stop(sim);
  kalshi_sim_stop(sim);
  assert_int_equal(kalshi_sim_advance_ms(sim, 10), KALSHI_ERR_CLOSED);
  kalshi_price_t balance = 0;
  assert_int_equal(kalshi_sim_balance(sim, 1, 0, &balance), KALSHI_ERR_CLOSED);
  assert_int_equal(kalshi_sim_fix_sessions(sim), 0);
  kalshi_sim_destroy(sim);
  assert_int_not_equal(access(ca, F_OK), 0);
  kalshi_sim_destroy(NULL);
}

static void test_plain_only(void **state) {
  (void)state;
  kalshi_conf_t *conf = test_conf("sim.tls", "false", NULL);
  kalshi_sim_t *sim = start_sim(conf);
  kalshi_conf_destroy(conf);
  char ca[512];
  assert_int_equal(kalshi_sim_ca_file(sim, ca, sizeof ca), KALSHI_ERR_NOT_FOUND);
  uint16_t port = 0;
  assert_int_equal(kalshi_sim_port(sim, "fix.nr.tls", &port), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_port(sim, "fix.nr", &port), KALSHI_OK);

  kalshi_conf_t *client = kalshi_conf_new();
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_sim_client_conf(sim, client, 1, &err), KALSHI_ERR_NOT_FOUND);
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_sim_client_conf(sim, client, 0, NULL), KALSHI_OK);
  char value[64];
  size_t n = sizeof value;
  assert_int_equal(kalshi_conf_get(client, "fix.port.nr", value, &n), KALSHI_OK);
  assert_int_equal(atoi(value), port);
  n = sizeof value;
  assert_int_equal(kalshi_conf_get(client, "fix.tls", value, &n), KALSHI_OK);
  assert_string_equal(value, "false");
  n = sizeof value;
  assert_int_equal(kalshi_conf_get(client, "perps.fix.md_host", value, &n), KALSHI_OK);
  assert_string_equal(value, "127.0.0.1");
  /* No stale session to wait out after a drop: the simulator forgets it with its connection. */
  n = sizeof value;
  assert_int_equal(kalshi_conf_get(client, "fix.stale_session_wait_ms", value, &n), KALSHI_OK);
  assert_string_equal(value, "200");
  /* The margin variant points the session ports at the perps listeners. */
  uint16_t perps_rt = 0;
  assert_int_equal(kalshi_sim_port(sim, "perps.fix.rt", &perps_rt), KALSHI_OK);
  assert_int_equal(kalshi_sim_client_conf_product(sim, client, KALSHI_PRODUCT_MARGIN, 0, NULL),
                   KALSHI_OK);
  n = sizeof value;
  assert_int_equal(kalshi_conf_get(client, "fix.port.rt", value, &n), KALSHI_OK);
  assert_int_equal(atoi(value), perps_rt);
  n = sizeof value;
  assert_int_equal(kalshi_conf_get(client, "fix.product", value, &n), KALSHI_OK);
  assert_string_equal(value, "margin");
  assert_int_equal(kalshi_sim_client_conf_product(sim, client, (kalshi_product_t)7, 0, NULL),
                   KALSHI_ERR_INVALID_ARG);
  kalshi_conf_destroy(client);
  kalshi_sim_destroy(sim);
}

static void expect_start_error(kalshi_conf_t *conf, kalshi_err_t want, const char *needle) {
  kalshi_sim_t *sim = NULL;
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_sim_start(conf, &sim, &err), want);
  assert_null(sim);
  assert_non_null(err);
  if (strstr(kalshi_error_message(err), needle) == NULL) {
    fail_msg("error '%s' does not mention '%s'", kalshi_error_message(err), needle);
  }
  kalshi_error_destroy(err);
  kalshi_conf_destroy(conf);
}

static void test_bad_configuration(void **state) {
  (void)state;
  char errstr[256];
  kalshi_conf_t *conf = kalshi_conf_new();
  assert_int_equal(kalshi_conf_set(conf, "sim.clock", "sundial", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(kalshi_conf_set(conf, "sim.port.fix.nr", "70000", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  kalshi_conf_destroy(conf);

  expect_start_error(test_conf("sim.host", "10.1.2.3", NULL), KALSHI_ERR_INVALID_VALUE, "loopback");
  expect_start_error(test_conf("sim.balance", "lots", NULL), KALSHI_ERR_INVALID_VALUE,
                     "sim.balance");
  expect_start_error(test_conf("sim.tls", "false", "sim.plain", "false", NULL),
                     KALSHI_ERR_INVALID_VALUE, "listener");
  expect_start_error(test_conf("sim.markets_file", "/nonexistent/markets.json", NULL),
                     KALSHI_ERR_IO, "/nonexistent/markets.json");

  char path[] = "/tmp/kalshi-sim-test-XXXXXX";
  const int fd = mkstemp(path);
  assert_true(fd >= 0);
  const char *bad =
      "{\"markets\": [{\"ticker\": \"BAD\", \"kind\": \"binary\", "
      "\"price_ranges\": \"not a list\"}]}";
  assert_int_equal(write(fd, bad, strlen(bad)), (ssize_t)strlen(bad));
  close(fd);
  expect_start_error(test_conf("sim.markets_file", path, NULL), KALSHI_ERR_INVALID_VALUE,
                     "sim.markets_file");
  unlink(path);

  /* A port already taken. */
  kalshi_sim_t *first = start_sim(NULL);
  uint16_t taken = 0;
  assert_int_equal(kalshi_sim_port(first, "fix.md", &taken), KALSHI_OK);
  char port[16];
  snprintf(port, sizeof port, "%u", (unsigned)taken);
  expect_start_error(test_conf("sim.tls", "false", "sim.port.fix.md", port, NULL), KALSHI_ERR_IO,
                     "fix.md");
  kalshi_sim_destroy(first);

  assert_int_equal(kalshi_sim_start(NULL, NULL, NULL), KALSHI_ERR_INVALID_ARG);
}

static void test_keys_and_accounts(void **state) {
  (void)state;
  kalshi_conf_t *conf = test_conf("sim.tls", "false", "sim.balance", "250.50", NULL);
  kalshi_sim_t *sim = start_sim(conf);
  kalshi_conf_destroy(conf);
  char *path = test_source_path("tests/data/keys/rsa_pub.pem");
  size_t len = 0;
  char *pem = test_read_file(path, &len);
  free(path);

  kalshi_error_t *err = NULL;
  uint32_t a = 0, b = 0, again = 0;
  assert_int_not_equal(
      kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, "key-a", "not a key", 9, 0, &a, &err),
      KALSHI_OK);
  assert_non_null(err);
  kalshi_error_destroy(err);
  assert_int_equal(
      kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, "key-a", pem, len, 0, &a, NULL),
      KALSHI_OK);
  assert_int_not_equal(a, 0);
  /* Again: the same member keeps trading with the replaced key. */
  assert_int_equal(
      kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, "key-a", pem, len, 0, &again, NULL),
      KALSHI_OK);
  assert_int_equal(again, a);
  /* A margin key trading for the same member, and a key for a second member. */
  assert_int_equal(
      kalshi_sim_register_key(sim, KALSHI_PRODUCT_MARGIN, "key-a", pem, len, a, &again, NULL),
      KALSHI_OK);
  assert_int_equal(again, a);
  assert_int_equal(
      kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, "key-b", pem, len, 0, &b, NULL),
      KALSHI_OK);
  assert_int_not_equal(b, a);
  assert_int_equal(kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, "key-c", pem, len,
                                           999999, NULL, NULL),
                   KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, "bad key id", pem, len,
                                           0, NULL, NULL),
                   KALSHI_ERR_INVALID_ARG);

  kalshi_price_t balance = 0;
  assert_int_equal(kalshi_sim_balance(sim, a, 0, &balance), KALSHI_OK);
  assert_int_equal(balance, 250500000);
  assert_int_equal(kalshi_sim_set_balance(sim, b, 0, 42000000), KALSHI_OK);
  assert_int_equal(kalshi_sim_balance(sim, b, 0, &balance), KALSHI_OK);
  assert_int_equal(balance, 42000000);
  assert_int_equal(kalshi_sim_balance(sim, 999999, 0, &balance), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_balance(sim, a, 64, &balance), KALSHI_ERR_INVALID_ARG);

  /* Two members crossing: positions move by the traded size, cash moves the right way. */
  kalshi_count_t pos = -1;
  assert_int_equal(kalshi_sim_position(sim, a, 0, TICKER, &pos), KALSHI_OK);
  assert_int_equal(pos, 0);
  assert_int_equal(kalshi_sim_position(sim, a, 0, "NO-SUCH-MARKET", &pos), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_place_order(sim, b, TICKER, 2, 400000, 500, NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_place_order(sim, a, TICKER, 1, 400000, 500, NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_position(sim, a, 0, TICKER, &pos), KALSHI_OK);
  assert_int_equal(pos, 500);
  assert_int_equal(kalshi_sim_position(sim, b, 0, TICKER, &pos), KALSHI_OK);
  assert_int_equal(pos, -500);
  kalshi_price_t a_after_trade = 0;
  assert_int_equal(kalshi_sim_balance(sim, a, 0, &a_after_trade), KALSHI_OK);
  assert_true(a_after_trade <= 250500000 - 2000000); /* paid 5 x 0.40 plus the fee */

  /* Refusals carry the exchange's reason. */
  err = NULL;
  assert_int_equal(kalshi_sim_place_order(sim, a, "NO-SUCH-MARKET", 1, 400000, 100, &err),
                   KALSHI_ERR_REJECTED);
  assert_non_null(err);
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_sim_place_order(sim, a, TICKER, 3, 400000, 100, NULL),
                   KALSHI_ERR_INVALID_ARG);

  /* Settling YES pays the YES holder one dollar per contract. */
  assert_int_equal(kalshi_sim_market_status(sim, TICKER, "sleepy", NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_sim_market_status(sim, "NO-SUCH-MARKET", "paused", NULL),
                   KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_market_status(sim, TICKER, "closed", NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_settle(sim, TICKER, 1000000, NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_balance(sim, a, 0, &balance), KALSHI_OK);
  assert_int_equal(balance - a_after_trade, 5000000);
  free(pem);
  kalshi_sim_destroy(sim);
}

static void test_manual_clock(void **state) {
  (void)state;
  kalshi_conf_t *conf =
      test_conf("sim.tls", "false", "sim.clock", "manual", "sim.start_ms", "1790000000000", NULL);
  kalshi_sim_t *sim = start_sim(conf);
  kalshi_conf_destroy(conf);
  assert_int_equal(kalshi_sim_now_ms(sim), 1790000000000LL);
  assert_int_equal(kalshi_sim_advance_ms(sim, 1500), KALSHI_OK);
  assert_int_equal(kalshi_sim_now_ms(sim), 1790000001500LL);
  assert_int_equal(kalshi_sim_advance_ms(sim, -1), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_sim_activity(sim, 1), KALSHI_OK);
  assert_int_equal(kalshi_sim_activity(sim, 0), KALSHI_OK);
  /* Faults: unknown session, unknown fault, and a one-shot fault with no live session. */
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_sim_fault(sim, "fix.zz", NULL, "drop", &err), KALSHI_ERR_NOT_FOUND);
  kalshi_error_destroy(err);
  err = NULL;
  assert_int_equal(kalshi_sim_fault(sim, "fix.nr", NULL, "explode", &err),
                   KALSHI_ERR_INVALID_VALUE);
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_sim_fault(sim, "fix.nr", NULL, "drop", NULL), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_sim_fault(sim, "fix.nr", NULL, "reject_logon no", NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_fault(sim, "fix.nr", NULL, "clear", NULL), KALSHI_OK);
  kalshi_sim_stop(sim);
  /* After stop the clock still reads its last value. */
  assert_int_equal(kalshi_sim_now_ms(sim), 1790000001500LL);
  kalshi_sim_destroy(sim);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ports_ca_and_destroy), cmocka_unit_test(test_plain_only),
      cmocka_unit_test(test_bad_configuration),    cmocka_unit_test(test_keys_and_accounts),
      cmocka_unit_test(test_manual_clock),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
