/* The REST C API against an independent peer (tests/interop/rest_peer.py: Python http.server,
 * signatures verified with the `cryptography` package, TLS terminated by stunnel4 with a CA made
 * by the openssl CLI), plain and TLS. The peer logs every request before answering it, so after a
 * response the test can assert what went over the wire: public calls unsigned and private ones
 * signed (presigned order creates and inline ones verify alike), the POST body byte for byte,
 * Accept-Encoding gzip sent and gzip + chunked answers decoded, keep-alive reuse (through stunnel
 * too), a GET retried once after a 503 and a POST not, a 400's Kalshi error body mapped. Typed
 * objects must carry the exact values of the peer's JSON. Every wait is bounded; the peer is
 * killed at the end and ends itself after 120 s. Skipped when python3-cryptography or stunnel4
 * is missing. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

// clang-format off
#include <cmocka.h>
// clang-format on

#include "test_util.h"

#define KEY_ID "11111111-2222-3333-4444-555555555555"
#define TICKER "KXHIGHNY-26NOV21-B52.5"
#define WAIT_MS 10000
#define MAX_RECORDS 512

/* ---- the peer ---- */

typedef struct peer {
  FILE *proc;
  long pid;
  int plain_port;
  int tls_port;
  char ca[1024];
  char log[1024];
  char skip[256]; /* non-empty: why the tests are skipped */
} peer;

static peer g_peer;

/* Copies src into dst[cap], cut short if needed (always NUL-terminated). */
static void copy_field(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap) n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static int peer_start(void **state) {
  (void)state;
  char *script = test_source_path("tests/interop/rest_peer.py");
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s", script);
  free(script);
  g_peer.proc = popen(cmd, "r");
  if (g_peer.proc == NULL) {
    copy_field(g_peer.skip, sizeof g_peer.skip, "cannot run /usr/bin/python3");
    return 0;
  }
  char line[4096] = {0};
  if (fgets(line, sizeof line, g_peer.proc) == NULL) {
    fprintf(stderr, "rest_peer.py printed nothing\n");
    return -1;
  }
  if (strncmp(line, "skip", 4) == 0) {
    copy_field(g_peer.skip, sizeof g_peer.skip, line);
    return 0;
  }
  if (sscanf(line, "%ld %d %d %1023s %1023s", &g_peer.pid, &g_peer.plain_port, &g_peer.tls_port,
             g_peer.ca, g_peer.log) != 5) {
    fprintf(stderr, "rest_peer.py: %s", line);
    return -1;
  }
  return 0;
}

static int peer_stop(void **state) {
  (void)state;
  if (g_peer.pid > 0) kill((pid_t)g_peer.pid, SIGTERM);
  if (g_peer.proc != NULL) pclose(g_peer.proc);
  return 0;
}

static void skip_without_peer(void) {
  if (g_peer.skip[0] != '\0') {
    print_message("skipped: %s\n", g_peer.skip);
    skip();
  }
}

/* ---- the peer's request log ---- */

typedef struct record {
  char via[8];
  char conn[16];
  char method[8];
  char target[512];
  char sig[8];
  char accept[64];
  char served[16];
  int status;
  char body_hex[4096];
  char content_type[64];
} record;

static record g_log[MAX_RECORDS];

/* Reads the whole log into g_log; returns the number of records. */
static size_t read_log(void) {
  size_t len = 0;
  char *text = test_read_file(g_peer.log, &len);
  size_t n = 0;
  char *save_line = NULL;
  for (char *line = strtok_r(text, "\n", &save_line); line != NULL && n < MAX_RECORDS;
       line = strtok_r(NULL, "\n", &save_line)) {
    char *f[10] = {0};
    size_t k = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, "\t", &save); t != NULL && k < 10;
         t = strtok_r(NULL, "\t", &save))
      f[k++] = t;
    assert_int_equal(k, 10);
    record *r = &g_log[n++];
    copy_field(r->via, sizeof r->via, f[0]);
    copy_field(r->conn, sizeof r->conn, f[1]);
    copy_field(r->method, sizeof r->method, f[2]);
    copy_field(r->target, sizeof r->target, f[3]);
    copy_field(r->sig, sizeof r->sig, f[4]);
    copy_field(r->accept, sizeof r->accept, f[5]);
    copy_field(r->served, sizeof r->served, f[6]);
    r->status = atoi(f[7]);
    copy_field(r->body_hex, sizeof r->body_hex, f[8]);
    copy_field(r->content_type, sizeof r->content_type, f[9]);
  }
  free(text);
  return n;
}

static void to_hex(const char *s, char *out, size_t cap) {
  static const char digits[] = "0123456789abcdef";
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0' && o + 2 < cap; ++p) {
    out[o++] = digits[*p >> 4];
    out[o++] = digits[*p & 15];
  }
  out[o] = '\0';
}

/* The body of a logged request as text (hex decoded), in out. */
static void body_text(const record *r, char *out, size_t cap) {
  size_t o = 0;
  if (strcmp(r->body_hex, "-") != 0) {
    for (const char *p = r->body_hex; p[0] != '\0' && p[1] != '\0' && o + 1 < cap; p += 2) {
      unsigned v = 0;
      sscanf(p, "%2x", &v);
      out[o++] = (char)v;
    }
  }
  out[o] = '\0';
}

/* ---- the client ---- */

static kalshi_client_t *new_client(int tls, const char *key_file, const char *extra_k,
                                   const char *extra_v) {
  char port[16];
  snprintf(port, sizeof port, "%d", tls ? g_peer.tls_port : g_peer.plain_port);
  kalshi_conf_t *conf =
      test_conf("rest.host", "127.0.0.1", "rest.port", port, "rest.tls", tls ? "true" : "false",
                "rest.rate_tier", "off", "net.backoff_base_ms", "20", NULL);
  if (tls) assert_int_equal(kalshi_conf_set(conf, "tls.ca_file", g_peer.ca, NULL, 0), KALSHI_OK);
  if (key_file != NULL) {
    char *key = test_source_path(key_file);
    assert_int_equal(kalshi_conf_set(conf, "auth.key_id", KEY_ID, NULL, 0), KALSHI_OK);
    assert_int_equal(kalshi_conf_set(conf, "auth.private_key_path", key, NULL, 0), KALSHI_OK);
    free(key);
  }
  if (extra_k != NULL)
    assert_int_equal(kalshi_conf_set(conf, extra_k, extra_v, NULL, 0), KALSHI_OK);
  kalshi_client_t *c = NULL;
  kalshi_error_t *err = NULL;
  if (kalshi_client_new(conf, &c, &err) != KALSHI_OK)
    fail_msg("kalshi_client_new: %s", kalshi_error_message(err));
  kalshi_conf_destroy(conf);
  return c;
}

/* The next REST event with this tag (others are dropped); fails on timeout. */
static kalshi_event_t *wait_rest(kalshi_queue_t *q, uint64_t tag) {
  for (;;) {
    kalshi_event_t *ev = kalshi_queue_poll(q, WAIT_MS);
    if (ev == NULL) fail_msg("no REST event for tag %llu in time", (unsigned long long)tag);
    const kalshi_event_type_t t = kalshi_event_type(ev);
    if ((t == KALSHI_EVENT_REST_RESPONSE || t == KALSHI_EVENT_REST_PAGE ||
         t == KALSHI_EVENT_REST_DONE) &&
        kalshi_event_user_tag(ev) == tag)
      return ev;
    kalshi_event_destroy(ev);
  }
}

static kalshi_event_t *wait_ok(kalshi_queue_t *q, uint64_t tag) {
  kalshi_event_t *ev = wait_rest(q, tag);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_REST_RESPONSE);
  if (kalshi_event_err(ev) != KALSHI_OK)
    fail_msg("%s failed: %s: %s", kalshi_event_rest_operation(ev),
             kalshi_err_name(kalshi_event_err(ev)), kalshi_error_message(kalshi_event_error(ev)));
  return ev;
}

static const char *obj_str(const kalshi_obj_t *o, const char *field) {
  const char *v = NULL;
  assert_int_equal(kalshi_obj_str(o, field, &v, NULL), KALSHI_OK);
  return v;
}

static kalshi_price_t obj_price(const kalshi_obj_t *o, const char *field) {
  kalshi_price_t v = -1;
  assert_int_equal(kalshi_obj_price(o, field, &v), KALSHI_OK);
  return v;
}

static kalshi_count_t obj_count(const kalshi_obj_t *o, const char *field) {
  kalshi_count_t v = -1;
  assert_int_equal(kalshi_obj_count(o, field, &v), KALSHI_OK);
  return v;
}

/* ---- the flow, plain or through stunnel ---- */

/* The market rest_peer.py serves for index i (yes bid 0.56 + i cents). */
static void assert_market(const kalshi_obj_t *m, const char *ticker, int i) {
  assert_string_equal(kalshi_obj_kind(m), "market");
  assert_string_equal(obj_str(m, "ticker"), ticker);
  assert_string_equal(obj_str(m, "event_ticker"), "KXHIGHNY-26NOV21");
  assert_string_equal(obj_str(m, "status"), "active");
  assert_int_equal(obj_price(m, "yes_bid_dollars"), 560000 + i * 10000);
  assert_int_equal(obj_price(m, "yes_ask_dollars"), 580000 + i * 10000);
  assert_int_equal(obj_price(m, "no_bid_dollars"), 420000 - i * 10000);
  assert_int_equal(obj_price(m, "last_price_dollars"), 575000);
  assert_int_equal(obj_count(m, "yes_ask_size_fp"), 30050);
  assert_int_equal(obj_count(m, "volume_fp"), 9876500);
  int64_t secs = 0;
  assert_int_equal(kalshi_obj_int(m, "settlement_timer_seconds", &secs), KALSHI_OK);
  assert_int_equal(secs, 1800);
  int early = 0;
  assert_int_equal(kalshi_obj_bool(m, "can_close_early", &early), KALSHI_OK);
  assert_int_equal(early, 1);
}

#define ORDER_BODY                                                               \
  "{\"ticker\":\"" TICKER                                                        \
  "\",\"client_order_id\":\"8c35ecb3-328f-4f52-8c7c-0f4b9862f8d1\","             \
  "\"side\":\"bid\",\"count\":\"10.00\",\"price\":\"0.5600\",\"time_in_force\":" \
  "\"good_till_canceled\",\"self_trade_prevention_type\":\"taker_at_cross\",\"post_only\":false}"

static void run_flow(int tls) {
  const char *via = tls ? "tls" : "plain";
  const size_t mark = read_log();
  kalshi_client_t *c = new_client(tls, "tests/data/keys/rsa_pkcs8.pem", NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);

  /* A public read: one market, chunked. */
  assert_int_equal(kalshi_rest_get_market(c, TICKER, 1, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(q, 1);
  assert_int_equal(kalshi_event_rest_status(ev), 200);
  assert_int_equal(kalshi_event_obj_count(ev), 1);
  assert_market(kalshi_event_obj(ev, 0), TICKER, 0);
  kalshi_event_destroy(ev);

  /* A private read: the balance (cents read as prices). */
  assert_int_equal(kalshi_rest_get_balance(c, 2, NULL), KALSHI_OK);
  ev = wait_ok(q, 2);
  assert_int_equal(kalshi_event_obj_count(ev), 1);
  const kalshi_obj_t *b = kalshi_event_obj(ev, 0);
  assert_string_equal(kalshi_obj_kind(b), "balance");
  assert_int_equal(obj_price(b, "balance"), 1234560000);
  assert_int_equal(obj_price(b, "portfolio_value"), 500000000);
  kalshi_event_destroy(ev);

  /* A listing of three pages, each gzip + chunked. */
  kalshi_rest_params_t *p = NULL;
  assert_int_equal(kalshi_rest_params_new(&p), KALSHI_OK);
  assert_int_equal(kalshi_rest_params_set(p, "limit", "2"), KALSHI_OK);
  assert_int_equal(kalshi_rest_paginate(c, KALSHI_REST_PREDICTION, "GetMarkets", p, 0, 3, NULL),
                   KALSHI_OK);
  kalshi_rest_params_destroy(p);
  static const char *const tickers[] = {"KXHIGHNY-26NOV21-B50.5", "KXHIGHNY-26NOV21-B52.5",
                                        "KXHIGHNY-26NOV21-B54.5", "KXHIGHNY-26NOV21-B56.5",
                                        "KXHIGHNY-26NOV21-T58"};
  static const char *const cursors[] = {"p2", "p3", ""};
  size_t seen = 0;
  for (uint32_t page = 0; page < 3; ++page) {
    ev = wait_rest(q, 3);
    assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_REST_PAGE);
    assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
    assert_int_equal(kalshi_event_rest_page_index(ev), page);
    assert_string_equal(kalshi_event_rest_cursor(ev), cursors[page]);
    assert_int_equal(kalshi_event_obj_count(ev), page < 2 ? 2 : 1);
    for (size_t i = 0; i < kalshi_event_obj_count(ev); ++i, ++seen)
      assert_market(kalshi_event_obj(ev, i), tickers[seen], (int)seen);
    kalshi_event_destroy(ev);
  }
  ev = wait_rest(q, 3);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_REST_DONE);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  assert_int_equal(kalshi_event_rest_truncated(ev), 0);
  kalshi_event_destroy(ev);

  /* An order create with our own body: the peer must get exactly these bytes. */
  assert_int_equal(kalshi_rest_call(c, KALSHI_REST_PREDICTION, "CreateOrderV2", NULL, ORDER_BODY,
                                    strlen(ORDER_BODY), 4, NULL),
                   KALSHI_OK);
  ev = wait_ok(q, 4);
  assert_int_equal(kalshi_event_rest_status(ev), 201);
  assert_int_equal(kalshi_event_obj_count(ev), 1);
  const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
  assert_string_equal(kalshi_obj_kind(o), "order");
  assert_string_equal(obj_str(o, "client_order_id"), "8c35ecb3-328f-4f52-8c7c-0f4b9862f8d1");
  assert_true(strncmp(obj_str(o, "order_id"), "ee7c6f5e-", 9) == 0);
  assert_int_equal(obj_count(o, "remaining_count"), 1000);
  assert_int_equal(obj_count(o, "fill_count"), 0);
  kalshi_event_destroy(ev);

  /* The typed helper: buy NO at 0.43 is a YES ask at 0.57; 2.5 contracts. */
  assert_int_equal(kalshi_rest_create_order(c, TICKER, "no", "buy", 250, 430000,
                                            "0b5a4c1e-7d0e-4a55-9c7e-3f1f2a6b8c90", NULL, 5, NULL),
                   KALSHI_OK);
  ev = wait_ok(q, 5);
  o = kalshi_event_obj(ev, 0);
  assert_string_equal(obj_str(o, "client_order_id"), "0b5a4c1e-7d0e-4a55-9c7e-3f1f2a6b8c90");
  assert_int_equal(obj_count(o, "remaining_count"), 250);
  kalshi_event_destroy(ev);

  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);

  /* What the peer saw: 1 market + 1 balance + 3 pages + 2 orders, in order, on one connection. */
  const size_t n = read_log();
  assert_int_equal(n - mark, 7);
  static const char *const methods[] = {"GET", "GET", "GET", "GET", "GET", "POST", "POST"};
  static const char *const sigs[] = {"none", "ok", "none", "none", "none", "ok", "ok"};
  for (size_t i = 0; i < 7; ++i) {
    const record *r = &g_log[mark + i];
    assert_string_equal(r->via, via);
    assert_string_equal(r->conn, g_log[mark].conn); /* keep-alive: one connection for all */
    assert_string_equal(r->method, methods[i]);
    assert_string_equal(r->sig, sigs[i]);
    assert_string_equal(r->accept, "gzip");
  }
  assert_string_equal(g_log[mark].target, "/trade-api/v2/markets/" TICKER);
  assert_string_equal(g_log[mark].served, "chunked");
  assert_string_equal(g_log[mark + 1].target, "/trade-api/v2/portfolio/balance");
  assert_non_null(strstr(g_log[mark + 2].target, "/trade-api/v2/markets?"));
  assert_non_null(strstr(g_log[mark + 2].target, "limit=2"));
  assert_null(strstr(g_log[mark + 2].target, "cursor="));
  assert_non_null(strstr(g_log[mark + 3].target, "cursor=p2"));
  assert_non_null(strstr(g_log[mark + 4].target, "cursor=p3"));
  for (size_t i = 2; i < 5; ++i) assert_string_equal(g_log[mark + i].served, "gzip-chunked");
  char hex[4096];
  to_hex(ORDER_BODY, hex, sizeof hex);
  assert_string_equal(g_log[mark + 5].target, "/trade-api/v2/portfolio/events/orders");
  assert_string_equal(g_log[mark + 5].body_hex, hex);
  assert_string_equal(g_log[mark + 5].content_type, "application/json");
  assert_string_equal(g_log[mark].content_type, "-"); /* a GET carries no body */
  char body[2048];
  body_text(&g_log[mark + 6], body, sizeof body);
  assert_non_null(strstr(body, "\"ticker\":\"" TICKER "\""));
  assert_non_null(strstr(body, "\"side\":\"ask\""));
  assert_non_null(strstr(body, "\"count\":\"2.50\""));
  if (strstr(body, "\"price\":\"0.57\"") == NULL) fail_msg("order body: %s", body);
}

static void test_flow_plain(void **state) {
  (void)state;
  skip_without_peer();
  run_flow(0);
}

static void test_flow_tls_through_stunnel(void **state) {
  (void)state;
  skip_without_peer();
  run_flow(1);
}

/* ---- failures ---- */

static void test_retries_and_errors(void **state) {
  (void)state;
  skip_without_peer();
  size_t mark = read_log();
  kalshi_client_t *c = new_client(0, "tests/data/keys/rsa_pkcs8.pem", NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);

  /* GET: 503 once, retried, then the market. */
  assert_int_equal(kalshi_rest_get_market(c, "FLAKY-GET", 1, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(q, 1);
  assert_market(kalshi_event_obj(ev, 0), "FLAKY-GET", 0);
  kalshi_event_destroy(ev);
  size_t n = read_log();
  assert_int_equal(n - mark, 2);
  assert_int_equal(g_log[mark].status, 503);
  assert_int_equal(g_log[mark + 1].status, 200);
  assert_string_equal(g_log[mark + 1].target, "/trade-api/v2/markets/FLAKY-GET");

  /* POST: the 503 comes back, the order is not sent again. */
  mark = n;
  assert_int_equal(
      kalshi_rest_create_order(c, "FLAKY-POST", "yes", "buy", 100, 100000, NULL, NULL, 2, NULL),
      KALSHI_OK);
  ev = wait_rest(q, 2);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_SERVER);
  assert_int_equal(kalshi_event_rest_status(ev), 503);
  assert_int_equal(kalshi_error_http_status(kalshi_event_error(ev)), 503);
  assert_string_equal(kalshi_error_exchange_code(kalshi_event_error(ev)), "service_unavailable");
  kalshi_event_destroy(ev);
  n = read_log();
  assert_int_equal(n - mark, 1);
  assert_string_equal(g_log[mark].sig, "ok");

  /* 400 with a Kalshi error body: mapped, not retried. */
  mark = n;
  assert_int_equal(
      kalshi_rest_create_order(c, "BAD-TICKER", "yes", "buy", 100, 100000, NULL, NULL, 3, NULL),
      KALSHI_OK);
  ev = wait_rest(q, 3);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_BAD_REQUEST);
  const kalshi_error_t *e = kalshi_event_error(ev);
  assert_int_equal(kalshi_error_http_status(e), 400);
  assert_string_equal(kalshi_error_exchange_code(e), "invalid_parameters");
  assert_non_null(strstr(kalshi_error_message(e), "ticker is not open"));
  assert_false(kalshi_error_retriable(e));
  assert_int_equal(kalshi_event_obj_count(ev), 0);
  kalshi_event_destroy(ev);
  n = read_log();
  assert_int_equal(n - mark, 1);
  assert_int_equal(g_log[mark].status, 400);

  /* 404 for a GET: not retried either. */
  mark = n;
  assert_int_equal(kalshi_rest_get_market(c, "MISSING-1", 4, NULL), KALSHI_OK);
  ev = wait_rest(q, 4);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_NOT_FOUND);
  assert_string_equal(kalshi_error_exchange_code(kalshi_event_error(ev)), "not_found");
  kalshi_event_destroy(ev);
  assert_int_equal(read_log() - mark, 1);

  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
}

/* The peer closes a keep-alive connection right after answering (no "Connection: close"): the
 * next call still succeeds, on a new connection (plain, and through stunnel). */
static void run_closed_keepalive(int tls) {
  const size_t mark = read_log();
  kalshi_client_t *c = new_client(tls, "tests/data/keys/rsa_pkcs8.pem", "rest.pool_size", "1");
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_int_equal(kalshi_rest_get_market(c, "CLOSE-1", 1, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_ok(q, 1);
  assert_market(kalshi_event_obj(ev, 0), "CLOSE-1", 0);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_rest_get_balance(c, 2, NULL), KALSHI_OK);
  ev = wait_ok(q, 2);
  assert_int_equal(obj_price(kalshi_event_obj(ev, 0), "balance"), 1234560000);
  kalshi_event_destroy(ev);
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
  const size_t n = read_log();
  assert_true(n - mark >= 2);
  assert_string_equal(g_log[mark].target, "/trade-api/v2/markets/CLOSE-1");
  const record *last = &g_log[n - 1];
  assert_string_equal(last->target, "/trade-api/v2/portfolio/balance");
  assert_string_equal(last->sig, "ok");
  assert_int_equal(last->status, 200);
  assert_string_not_equal(last->conn, g_log[mark].conn);
}

static void test_server_closes_keepalive(void **state) {
  (void)state;
  skip_without_peer();
  run_closed_keepalive(0);
  run_closed_keepalive(1);
}

/* Inline signing (presign off) verifies like the presigned path of run_flow. */
static void test_inline_signed_order(void **state) {
  (void)state;
  skip_without_peer();
  const size_t mark = read_log();
  kalshi_client_t *c = new_client(1, "tests/data/keys/rsa_pkcs1.pem", "rest.presign", "false");
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_int_equal(kalshi_rest_create_order(c, TICKER, "yes", "sell", 300, 610000, NULL,
                                            "immediate_or_cancel", 1, NULL),
                   KALSHI_OK);
  kalshi_event_t *ev = wait_ok(q, 1);
  const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
  assert_int_equal(strlen(obj_str(o, "client_order_id")), 36); /* a generated UUID */
  assert_int_equal(obj_count(o, "remaining_count"), 300);
  kalshi_event_destroy(ev);
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
  assert_int_equal(read_log() - mark, 1);
  assert_string_equal(g_log[mark].sig, "ok");
  assert_string_equal(g_log[mark].via, "tls");
  char body[2048];
  body_text(&g_log[mark], body, sizeof body);
  assert_non_null(strstr(body, "\"time_in_force\":\"immediate_or_cancel\""));
}

/* The peer refuses a signature made with another key, and a private call without one. */
static void test_wrong_key_and_unsigned(void **state) {
  (void)state;
  skip_without_peer();
  size_t mark = read_log();
  kalshi_client_t *c = new_client(0, "tests/data/keys/rsa3072_pkcs8.pem", NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_int_equal(kalshi_rest_get_balance(c, 1, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_rest(q, 1);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_UNAUTHORIZED);
  assert_int_equal(kalshi_error_http_status(kalshi_event_error(ev)), 401);
  assert_string_equal(kalshi_error_exchange_code(kalshi_event_error(ev)), "authentication_error");
  kalshi_event_destroy(ev);
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
  assert_int_equal(read_log() - mark, 1);
  assert_string_equal(g_log[mark].sig, "bad");

  mark = read_log();
  c = new_client(0, NULL, NULL, NULL);
  q = kalshi_client_queue(c);
  assert_int_equal(kalshi_rest_get_balance(c, 2, NULL), KALSHI_OK);
  ev = wait_rest(q, 2);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_UNAUTHORIZED);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_rest_get_market(c, TICKER, 3, NULL), KALSHI_OK);
  ev = wait_ok(q, 3);
  assert_market(kalshi_event_obj(ev, 0), TICKER, 0);
  kalshi_event_destroy(ev);
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
  assert_int_equal(read_log() - mark, 2);
  assert_string_equal(g_log[mark].sig, "none");
  assert_int_equal(g_log[mark].status, 401);
  assert_string_equal(g_log[mark + 1].sig, "none");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_flow_plain),          cmocka_unit_test(test_flow_tls_through_stunnel),
      cmocka_unit_test(test_retries_and_errors),  cmocka_unit_test(test_server_closes_keepalive),
      cmocka_unit_test(test_inline_signed_order), cmocka_unit_test(test_wrong_key_and_unsigned),
  };
  return cmocka_run_group_tests(tests, peer_start, peer_stop);
}
