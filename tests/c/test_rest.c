/* The REST C API (kalshi_rest_*) against kalshi-sim in the same process, over loopback (plain and
 * TLS): the generic call and typed objects, pagination (max_pages truncation), the typed helpers
 * (market, order book into a kalshi_book, create/cancel order, balance, positions after a fill),
 * synchronous validation, signing (an unsigned client gets 401), error mapping (not simulated,
 * 503 retried for GET but not for POST, 429 with Retry-After), and the client-side limiter in
 * fail-fast mode. Every wait is bounded. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_util.h"

#define KEY_ID "11111111-2222-3333-4444-555555555555"
#define MAKER_KEY_ID "99999999-2222-3333-4444-555555555555"
#define TICKER "HIGHNY-26NOV21-T50"
#define WAIT_MS 10000

typedef struct live {
  kalshi_sim_t *sim;
  uint32_t member;
  uint32_t maker;
  kalshi_client_t *c;
  kalshi_queue_t *q;
} live;

static kalshi_sim_t *start_sim(const char *read_per_s) {
  kalshi_conf_t *sim_conf = test_conf("sim.seed", "7", "sim.rest.read_per_s", read_per_s, NULL);
  kalshi_sim_t *sim = NULL;
  kalshi_error_t *err = NULL;
  if (kalshi_sim_start(sim_conf, &sim, &err) != KALSHI_OK) {
    fail_msg("kalshi_sim_start: %s", kalshi_error_message(err));
  }
  kalshi_conf_destroy(sim_conf);
  return sim;
}

static void register_keys(live *l) {
  char *pub_path = test_source_path("tests/data/keys/rsa_pub.pem");
  size_t len = 0;
  char *pub = test_read_file(pub_path, &len);
  assert_int_equal(kalshi_sim_register_key(l->sim, KALSHI_PRODUCT_PREDICTION, KEY_ID, pub, len, 0,
                                           &l->member, NULL),
                   KALSHI_OK);
  assert_int_equal(kalshi_sim_register_key(l->sim, KALSHI_PRODUCT_PREDICTION, MAKER_KEY_ID, pub,
                                           len, 0, &l->maker, NULL),
                   KALSHI_OK);
  free(pub);
  free(pub_path);
}

/* A client on the simulator; signed = 0 leaves the auth.* keys out. extra_k/extra_v: one more
 * property (NULL for none). */
static kalshi_client_t *new_client(kalshi_sim_t *sim, int tls, int signed_, const char *extra_k,
                                   const char *extra_v) {
  char *key = test_source_path("tests/data/keys/rsa_pkcs8.pem");
  kalshi_conf_t *conf = test_conf("rest.rate_tier", "prime", "net.backoff_base_ms", "20", NULL);
  if (signed_) {
    assert_int_equal(kalshi_conf_set(conf, "auth.key_id", KEY_ID, NULL, 0), KALSHI_OK);
    assert_int_equal(kalshi_conf_set(conf, "auth.private_key_path", key, NULL, 0), KALSHI_OK);
  }
  if (extra_k != NULL) {
    assert_int_equal(kalshi_conf_set(conf, extra_k, extra_v, NULL, 0), KALSHI_OK);
  }
  free(key);
  assert_int_equal(kalshi_sim_client_conf(sim, conf, tls, NULL), KALSHI_OK);
  kalshi_client_t *c = NULL;
  kalshi_error_t *err = NULL;
  if (kalshi_client_new(conf, &c, &err) != KALSHI_OK) {
    fail_msg("kalshi_client_new: %s", kalshi_error_message(err));
  }
  kalshi_conf_destroy(conf);
  return c;
}

static void live_start(live *l, int tls) {
  memset(l, 0, sizeof *l);
  l->sim = start_sim("1000");
  register_keys(l);
  l->c = new_client(l->sim, tls, 1, NULL, NULL);
  l->q = kalshi_client_queue(l->c);
}

static void live_stop(live *l) {
  kalshi_queue_destroy(l->q);
  kalshi_client_destroy(l->c);
  kalshi_sim_destroy(l->sim);
}

/* The next REST event with this tag (other events are dropped); fails on timeout. */
static kalshi_event_t *wait_rest(kalshi_queue_t *q, uint64_t tag) {
  for (;;) {
    kalshi_event_t *ev = kalshi_queue_poll(q, WAIT_MS);
    if (ev == NULL) fail_msg("no REST event for tag %llu in time", (unsigned long long)tag);
    const kalshi_event_type_t t = kalshi_event_type(ev);
    if ((t == KALSHI_EVENT_REST_RESPONSE || t == KALSHI_EVENT_REST_PAGE ||
         t == KALSHI_EVENT_REST_DONE) &&
        kalshi_event_user_tag(ev) == tag) {
      return ev;
    }
    if (t == KALSHI_EVENT_LOG)
      print_message("log: %s\n", (const char *)kalshi_event_data(ev, NULL));
    kalshi_event_destroy(ev);
  }
}

/* A completed REST_RESPONSE that must have succeeded. */
static kalshi_event_t *wait_ok(kalshi_queue_t *q, uint64_t tag) {
  kalshi_event_t *ev = wait_rest(q, tag);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_REST_RESPONSE);
  if (kalshi_event_err(ev) != KALSHI_OK) {
    fail_msg("%s failed: %s: %s", kalshi_event_rest_operation(ev),
             kalshi_err_name(kalshi_event_err(ev)), kalshi_error_message(kalshi_event_error(ev)));
  }
  return ev;
}

static const char *obj_str(const kalshi_obj_t *o, const char *field) {
  const char *v = NULL;
  assert_int_equal(kalshi_obj_str(o, field, &v, NULL), KALSHI_OK);
  return v;
}

static void test_generic_get_markets(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_rest_params_t *p = NULL;
  assert_int_equal(kalshi_rest_params_new(&p), KALSHI_OK);
  assert_int_equal(kalshi_rest_params_set(p, "limit", "3"), KALSHI_OK);
  assert_int_equal(
      kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "GetMarkets", p, NULL, 0, 11, NULL), KALSHI_OK);
  kalshi_rest_params_destroy(p);
  kalshi_event_t *ev = wait_ok(l.q, 11);
  assert_int_equal(kalshi_event_rest_status(ev), 200);
  assert_string_equal(kalshi_event_rest_operation(ev), "GetMarkets");
  size_t len = 0;
  const uint8_t *data = kalshi_event_data(ev, &len);
  assert_true(len > 0);
  assert_non_null(strstr((const char *)data, "\"markets\""));
  assert_int_equal(kalshi_event_obj_count(ev), 3);
  for (size_t i = 0; i < 3; ++i) {
    const kalshi_obj_t *m = kalshi_event_obj(ev, i);
    assert_string_equal(kalshi_obj_kind(m), "market");
    assert_true(strlen(obj_str(m, "ticker")) > 0);
    assert_int_equal(kalshi_obj_kind_of(m, "status"), KALSHI_FIELD_STR);
  }
  assert_true(strlen(kalshi_event_rest_cursor(ev)) > 0); /* more markets than the limit */
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_paginate_truncated_and_complete(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_rest_params_t *p = NULL;
  assert_int_equal(kalshi_rest_params_new(&p), KALSHI_OK);
  assert_int_equal(kalshi_rest_params_set(p, "limit", "2"), KALSHI_OK);
  assert_int_equal(kalshi_rest_paginate(l.c, KALSHI_REST_PREDICTION, "GetMarkets", p, 2, 21, NULL),
                   KALSHI_OK);
  for (uint32_t i = 0; i < 2; ++i) {
    kalshi_event_t *ev = wait_rest(l.q, 21);
    assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_REST_PAGE);
    assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
    assert_int_equal(kalshi_event_rest_page_index(ev), i);
    assert_int_equal(kalshi_event_obj_count(ev), 2);
    kalshi_event_destroy(ev);
  }
  kalshi_event_t *done = wait_rest(l.q, 21);
  assert_int_equal(kalshi_event_type(done), KALSHI_EVENT_REST_DONE);
  assert_int_equal(kalshi_event_err(done), KALSHI_OK);
  assert_int_equal(kalshi_event_rest_truncated(done), 1);
  assert_int_equal(kalshi_event_rest_page_index(done), 2);
  assert_true(strlen(kalshi_event_rest_cursor(done)) > 0);
  kalshi_event_destroy(done);

  /* The whole listing: pages until the cursor is empty, not truncated. */
  assert_int_equal(kalshi_rest_params_set(p, "limit", "1000"), KALSHI_OK);
  assert_int_equal(kalshi_rest_paginate(l.c, KALSHI_REST_PREDICTION, "GetMarkets", p, 0, 22, NULL),
                   KALSHI_OK);
  kalshi_event_t *ev = wait_rest(l.q, 22);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_REST_PAGE);
  assert_true(kalshi_event_obj_count(ev) > 4);
  kalshi_event_destroy(ev);
  done = wait_rest(l.q, 22);
  assert_int_equal(kalshi_event_type(done), KALSHI_EVENT_REST_DONE);
  assert_int_equal(kalshi_event_err(done), KALSHI_OK);
  assert_int_equal(kalshi_event_rest_truncated(done), 0);
  kalshi_event_destroy(done);

  /* Not paginated: refused at once. */
  kalshi_error_t *err = NULL;
  assert_int_equal(
      kalshi_rest_paginate(l.c, KALSHI_REST_PREDICTION, "GetBalance", NULL, 0, 23, &err),
      KALSHI_ERR_INVALID_ARG);
  kalshi_error_destroy(err);
  kalshi_rest_params_destroy(p);
  live_stop(&l);
}

static void test_market_and_orderbook(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  assert_int_equal(kalshi_rest_get_market(l.c, TICKER, 31, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(l.q, 31);
  assert_int_equal(kalshi_event_obj_count(ev), 1);
  const kalshi_obj_t *m = kalshi_event_obj(ev, 0);
  assert_string_equal(kalshi_obj_kind(m), "market");
  assert_string_equal(obj_str(m, "ticker"), TICKER);
  kalshi_event_destroy(ev);

  /* A maker's YES bid at 0.40 and YES ask at 0.60 (a NO bid at 0.40). */
  assert_int_equal(kalshi_sim_place_order(l.sim, l.maker, TICKER, 1, 400000, 1000, NULL),
                   KALSHI_OK);
  assert_int_equal(kalshi_sim_place_order(l.sim, l.maker, TICKER, 2, 600000, 700, NULL), KALSHI_OK);
  assert_int_equal(kalshi_rest_get_orderbook(l.c, TICKER, 0, 32, NULL), KALSHI_OK);
  ev = wait_ok(l.q, 32);
  assert_int_equal(kalshi_event_obj_count(ev), 1);
  const kalshi_obj_t *b = kalshi_event_obj(ev, 0);
  assert_string_equal(kalshi_obj_kind(b), "orderbook");
  assert_string_equal(obj_str(b, "ticker"), TICKER);
  int found_yes = 0, found_no = 0;
  for (size_t i = 0; i < kalshi_obj_level_count(b, "yes"); ++i) {
    kalshi_price_t px = 0;
    kalshi_count_t sz = 0;
    assert_int_equal(kalshi_obj_level(b, "yes", i, &px, &sz), KALSHI_OK);
    if (px == 400000 && sz >= 1000) found_yes = 1;
  }
  for (size_t i = 0; i < kalshi_obj_level_count(b, "no"); ++i) {
    kalshi_price_t px = 0;
    kalshi_count_t sz = 0;
    assert_int_equal(kalshi_obj_level(b, "no", i, &px, &sz), KALSHI_OK);
    if (px == 400000 && sz >= 700) found_no = 1;
  }
  assert_true(found_yes);
  assert_true(found_no);

  /* The same response feeds a local book: YES bids, and NO bids as YES asks at 1 - p. */
  kalshi_book_t *book = NULL;
  assert_int_equal(kalshi_book_new(&book), KALSHI_OK);
  assert_int_equal(kalshi_book_apply_event(book, ev), KALSHI_OK);
  kalshi_price_t px = 0;
  kalshi_count_t sz = 0;
  assert_int_equal(kalshi_book_best(book, TICKER, KALSHI_BOOK_BID, &px, &sz), KALSHI_OK);
  assert_true(px >= 400000);
  assert_int_equal(kalshi_book_best(book, TICKER, KALSHI_BOOK_ASK, &px, &sz), KALSHI_OK);
  assert_true(px <= 600000 && px > 400000);
  kalshi_book_destroy(book);
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_order_create_cancel_fill_positions(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  /* A resting buy of 1 YES at 0.10 with a generated client_order_id, then its cancel. */
  assert_int_equal(
      kalshi_rest_create_order(l.c, TICKER, "yes", "buy", 100, 100000, NULL, NULL, 41, NULL),
      KALSHI_OK);
  kalshi_event_t *ev = wait_ok(l.q, 41);
  assert_int_equal(kalshi_event_rest_status(ev), 201);
  assert_int_equal(kalshi_event_obj_count(ev), 1);
  const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
  assert_string_equal(kalshi_obj_kind(o), "order");
  assert_int_equal(strlen(obj_str(o, "client_order_id")), 36);
  kalshi_count_t remaining = 0;
  assert_int_equal(kalshi_obj_count(o, "remaining_count", &remaining), KALSHI_OK);
  assert_int_equal(remaining, 100);
  char order_id[128];
  snprintf(order_id, sizeof order_id, "%s", obj_str(o, "order_id"));
  kalshi_event_destroy(ev);

  assert_int_equal(kalshi_rest_cancel_order(l.c, order_id, 42, NULL), KALSHI_OK);
  ev = wait_ok(l.q, 42);
  assert_string_equal(obj_str(kalshi_event_obj(ev, 0), "order_id"), order_id);
  kalshi_event_destroy(ev);

  /* A maker's YES ask at 0.55; buying NO is selling YES, so buy YES 2 at 0.55 to cross. */
  assert_int_equal(kalshi_sim_place_order(l.sim, l.maker, TICKER, 2, 550000, 200, NULL), KALSHI_OK);
  assert_int_equal(kalshi_rest_create_order(l.c, TICKER, "yes", "buy", 200, 550000, "c1-fill-1",
                                            "immediate_or_cancel", 43, NULL),
                   KALSHI_OK);
  ev = wait_ok(l.q, 43);
  o = kalshi_event_obj(ev, 0);
  assert_string_equal(obj_str(o, "client_order_id"), "c1-fill-1");
  kalshi_count_t filled = 0;
  assert_int_equal(kalshi_obj_count(o, "fill_count", &filled), KALSHI_OK);
  assert_int_equal(filled, 200);
  kalshi_event_destroy(ev);

  assert_int_equal(kalshi_rest_get_balance(l.c, 44, NULL), KALSHI_OK);
  ev = wait_ok(l.q, 44);
  assert_string_equal(kalshi_obj_kind(kalshi_event_obj(ev, 0)), "balance");
  kalshi_price_t balance = 0;
  assert_int_equal(kalshi_obj_price(kalshi_event_obj(ev, 0), "balance", &balance), KALSHI_OK);
  kalshi_price_t sim_balance = 0;
  assert_int_equal(kalshi_sim_balance(l.sim, l.member, 0, &sim_balance), KALSHI_OK);
  assert_int_equal(balance, sim_balance);
  kalshi_event_destroy(ev);

  assert_int_equal(kalshi_rest_get_positions(l.c, 45, NULL), KALSHI_OK);
  ev = wait_ok(l.q, 45);
  int found = 0;
  for (size_t i = 0; i < kalshi_event_obj_count(ev); ++i) {
    const kalshi_obj_t *p = kalshi_event_obj(ev, i);
    if (strcmp(kalshi_obj_kind(p), "market_position") != 0) continue;
    if (strcmp(obj_str(p, "ticker"), TICKER) != 0) continue;
    kalshi_count_t pos = 0;
    assert_int_equal(kalshi_obj_count(p, "position_fp", &pos), KALSHI_OK);
    assert_int_equal(pos, 200);
    found = 1;
  }
  assert_true(found);
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_validation_is_synchronous(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_rest_params_t *p = NULL;
  assert_int_equal(kalshi_rest_params_new(&p), KALSHI_OK);
  assert_int_equal(kalshi_rest_params_set(p, "limit", "lots"), KALSHI_OK);
  kalshi_error_t *err = NULL;
  assert_int_equal(
      kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "GetMarkets", p, NULL, 0, 51, &err),
      KALSHI_ERR_INVALID_ARG);
  assert_non_null(strstr(kalshi_error_message(err), "limit"));
  kalshi_error_destroy(err);
  err = NULL;
  /* A missing path parameter. */
  assert_int_equal(
      kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "GetMarket", NULL, NULL, 0, 52, &err),
      KALSHI_ERR_INVALID_ARG);
  assert_non_null(strstr(kalshi_error_message(err), "ticker"));
  kalshi_error_destroy(err);
  err = NULL;
  /* A body that is not JSON, and a required body field missing. */
  const char *bad = "{\"ticker\":";
  assert_int_equal(kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "CreateOrderV2", NULL, bad,
                                    strlen(bad), 53, &err),
                   KALSHI_ERR_INVALID_ARG);
  kalshi_error_destroy(err);
  err = NULL;
  const char *no_side =
      "{\"ticker\":\"X\",\"count\":\"1\",\"price\":\"0.5\","
      "\"time_in_force\":\"fill_or_kill\",\"self_trade_prevention_type\":\"maker\"}";
  assert_int_equal(kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "CreateOrderV2", NULL, no_side,
                                    strlen(no_side), 54, &err),
                   KALSHI_ERR_INVALID_ARG);
  assert_non_null(strstr(kalshi_error_message(err), "side"));
  kalshi_error_destroy(err);
  err = NULL;
  /* An unknown operation, an unknown api, NULL handles. */
  assert_int_equal(
      kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "NoSuchOperation", NULL, NULL, 0, 55, &err),
      KALSHI_ERR_INVALID_ARG);
  assert_non_null(strstr(kalshi_error_message(err), "NoSuchOperation"));
  kalshi_error_destroy(err);
  assert_int_equal(
      kalshi_rest_call(l.c, (kalshi_rest_api_t)7, "GetMarkets", NULL, NULL, 0, 56, NULL),
      KALSHI_ERR_INVALID_ARG);
  assert_int_equal(
      kalshi_rest_call(NULL, KALSHI_REST_PREDICTION, "GetMarkets", NULL, NULL, 0, 57, NULL),
      KALSHI_ERR_INVALID_ARG);
  assert_int_equal(
      kalshi_rest_create_order(l.c, TICKER, "maybe", "buy", 100, 500000, NULL, NULL, 58, NULL),
      KALSHI_ERR_INVALID_ARG);
  assert_int_equal(
      kalshi_rest_create_order(l.c, TICKER, "yes", "buy", 100, 1000000, NULL, NULL, 59, NULL),
      KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_rest_params_set(p, NULL, "x"), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_event_rest_status(NULL), 0);
  assert_string_equal(kalshi_event_rest_operation(NULL), "");
  /* Nothing was sent: no event arrives. */
  kalshi_event_t *ev = kalshi_queue_poll(l.q, 200);
  assert_null(ev);
  kalshi_rest_params_destroy(p);
  live_stop(&l);
}

static void test_unsigned_and_not_simulated(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_client_t *anon = new_client(l.sim, 0, 0, NULL, NULL);
  kalshi_queue_t *aq = kalshi_client_queue(anon);
  assert_int_equal(kalshi_rest_get_balance(anon, 61, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_rest(aq, 61);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_UNAUTHORIZED);
  assert_int_equal(kalshi_error_http_status(kalshi_event_error(ev)), 401);
  assert_int_equal(kalshi_event_rest_status(ev), 401);
  kalshi_event_destroy(ev);
  kalshi_queue_destroy(aq);
  kalshi_client_destroy(anon);

  assert_int_equal(kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "GetUserDataTimestamp", NULL, NULL,
                                    0, 62, NULL),
                   KALSHI_OK);
  ev = wait_rest(l.q, 62);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_SERVER);
  assert_int_equal(kalshi_event_rest_status(ev), 501);
  assert_string_equal(kalshi_error_exchange_code(kalshi_event_error(ev)), "not_simulated");
  kalshi_event_destroy(ev);

  /* Perps goes to rest.host under /trade-api/v2/margin; the simulator does not simulate this
   * operation (risk parameters; its markets, books, orders and portfolio reads it does). */
  assert_int_equal(
      kalshi_rest_call(l.c, KALSHI_REST_PERPS, "GetMarginRiskParameters", NULL, NULL, 0, 63, NULL),
      KALSHI_OK);
  ev = wait_rest(l.q, 63);
  assert_string_equal(kalshi_event_rest_operation(ev), "GetMarginRiskParameters");
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_SERVER);
  assert_int_equal(kalshi_event_rest_status(ev), 501);
  assert_int_equal(kalshi_event_obj_count(ev), 0);
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_503_get_retried_post_not(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  assert_int_equal(kalshi_sim_fault(l.sim, "rest", "", "status_5xx=1", NULL), KALSHI_OK);
  assert_int_equal(kalshi_rest_get_balance(l.c, 71, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(l.q, 71);
  assert_int_equal(kalshi_event_rest_status(ev), 200);
  kalshi_event_destroy(ev);

  assert_int_equal(kalshi_sim_fault(l.sim, "rest", "", "status_5xx=1", NULL), KALSHI_OK);
  assert_int_equal(
      kalshi_rest_create_order(l.c, TICKER, "yes", "buy", 100, 100000, NULL, NULL, 72, NULL),
      KALSHI_OK);
  ev = wait_rest(l.q, 72);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_SERVER);
  assert_int_equal(kalshi_error_http_status(kalshi_event_error(ev)), 503);
  assert_true(kalshi_error_retriable(kalshi_event_error(ev)));
  kalshi_event_destroy(ev);
  /* Not retried: the exchange holds no order from it. */
  assert_int_equal(
      kalshi_rest_call(l.c, KALSHI_REST_PREDICTION, "GetOrders", NULL, NULL, 0, 73, NULL),
      KALSHI_OK);
  ev = wait_ok(l.q, 73);
  assert_int_equal(kalshi_event_obj_count(ev), 0);
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_rate_limits(void **state) {
  (void)state;
  live l;
  memset(&l, 0, sizeof l);
  l.sim = start_sim("1"); /* one GET a second per key */
  register_keys(&l);
  l.c = new_client(l.sim, 0, 1, "rest.retry_max_attempts", "1");
  l.q = kalshi_client_queue(l.c);
  /* One after the other, so the first surely takes the only token. */
  assert_int_equal(kalshi_rest_get_balance(l.c, 81, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(l.q, 81);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_rest_get_balance(l.c, 82, NULL), KALSHI_OK);
  ev = wait_rest(l.q, 82);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_RATE_LIMITED);
  const kalshi_error_t *e = kalshi_event_error(ev);
  assert_int_equal(kalshi_error_http_status(e), 429);
  assert_true(kalshi_error_retriable(e));
  assert_non_null(strstr(kalshi_error_message(e), "etry"));
  kalshi_event_destroy(ev);
  live_stop(&l);

  /* The client-side limiter in fail-fast mode: 10 tokens a second, 10 per request. */
  memset(&l, 0, sizeof l);
  l.sim = start_sim("1000");
  register_keys(&l);
  char *key = test_source_path("tests/data/keys/rsa_pkcs8.pem");
  kalshi_conf_t *conf =
      test_conf("rest.rate_tier", "custom", "rest.rate_read_per_s", "10", "rest.rate_write_per_s",
                "10", "rest.rate_limit_wait", "false", NULL);
  free(key);
  assert_int_equal(kalshi_sim_client_conf(l.sim, conf, 0, NULL), KALSHI_OK);
  assert_int_equal(kalshi_client_new(conf, &l.c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  l.q = kalshi_client_queue(l.c);
  assert_int_equal(kalshi_rest_get_market(l.c, TICKER, 83, NULL), KALSHI_OK);
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_rest_get_market(l.c, TICKER, 84, &err), KALSHI_ERR_RATE_LIMITED);
  assert_true(kalshi_error_retriable(err));
  kalshi_error_destroy(err);
  ev = wait_ok(l.q, 83);
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_tls(void **state) {
  (void)state;
  live l;
  live_start(&l, 1);
  assert_int_equal(kalshi_rest_get_market(l.c, TICKER, 91, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(l.q, 91);
  assert_string_equal(obj_str(kalshi_event_obj(ev, 0), "ticker"), TICKER);
  kalshi_event_destroy(ev);
  assert_int_equal(
      kalshi_rest_create_order(l.c, TICKER, "no", "buy", 100, 900000, NULL, NULL, 92, NULL),
      KALSHI_OK);
  ev = wait_ok(l.q, 92);
  assert_int_equal(kalshi_event_rest_status(ev), 201);
  kalshi_event_destroy(ev);
  live_stop(&l);
}

static void test_closed_client(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  assert_int_equal(kalshi_client_close(l.c, 2000), KALSHI_OK);
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_rest_get_balance(l.c, 99, &err), KALSHI_ERR_CLOSED);
  kalshi_error_destroy(err);
  live_stop(&l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_generic_get_markets),
      cmocka_unit_test(test_paginate_truncated_and_complete),
      cmocka_unit_test(test_market_and_orderbook),
      cmocka_unit_test(test_order_create_cancel_fill_positions),
      cmocka_unit_test(test_validation_is_synchronous),
      cmocka_unit_test(test_unsigned_and_not_simulated),
      cmocka_unit_test(test_503_get_retried_post_not),
      cmocka_unit_test(test_rate_limits),
      cmocka_unit_test(test_tls),
      cmocka_unit_test(test_closed_client),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
