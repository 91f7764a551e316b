/* The library's own FIX client sessions against kalshi-sim in the same process, over loopback:
 * every session type of both products, plain and TLS (verified against the simulator's CA),
 * orders, fills, cancels, market data, faults and settlement. Every wait is bounded. */
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
#define WAIT_MS 15000

typedef struct live {
  kalshi_sim_t *sim;
  uint32_t member;
  uint32_t maker; /* a second member, trading through kalshi_sim_place_order */
  kalshi_client_t *c;
  kalshi_queue_t *q;
} live;

static void live_start(live *l, int tls) {
  memset(l, 0, sizeof *l);
  kalshi_conf_t *sim_conf = test_conf("sim.seed", "7", NULL);
  kalshi_error_t *err = NULL;
  if (kalshi_sim_start(sim_conf, &l->sim, &err) != KALSHI_OK) {
    fail_msg("kalshi_sim_start: %s", kalshi_error_message(err));
  }
  kalshi_conf_destroy(sim_conf);
  char *pub_path = test_source_path("tests/data/keys/rsa_pub.pem");
  size_t len = 0;
  char *pub = test_read_file(pub_path, &len);
  assert_int_equal(kalshi_sim_register_key(l->sim, KALSHI_PRODUCT_PREDICTION, KEY_ID, pub, len, 0,
                                           &l->member, NULL),
                   KALSHI_OK);
  assert_int_equal(kalshi_sim_register_key(l->sim, KALSHI_PRODUCT_MARGIN, KEY_ID, pub, len,
                                           l->member, NULL, NULL),
                   KALSHI_OK);
  assert_int_equal(kalshi_sim_register_key(l->sim, KALSHI_PRODUCT_PREDICTION, MAKER_KEY_ID, pub,
                                           len, 0, &l->maker, NULL),
                   KALSHI_OK);
  free(pub);
  free(pub_path);

  char *key = test_source_path("tests/data/keys/rsa_pkcs8.pem");
  kalshi_conf_t *conf =
      test_conf("auth.key_id", KEY_ID, "auth.private_key_path", key, "perps.auth.key_id", KEY_ID,
                "perps.auth.private_key_path", key, "fix.heartbeat_s", "5", "net.backoff_base_ms",
                "50", "net.backoff_max_ms", "200", NULL);
  free(key);
  assert_int_equal(kalshi_sim_client_conf(l->sim, conf, tls, NULL), KALSHI_OK);
  assert_int_equal(kalshi_client_new(conf, &l->c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  l->q = kalshi_client_queue(l->c);
}

static void live_stop(live *l) {
  kalshi_queue_destroy(l->q);
  kalshi_client_destroy(l->c);
  kalshi_sim_destroy(l->sim);
}

/* Opens product/session on the simulator. The client has one fix.port.<session> per session type
 * (no separate perps ports), so a margin session names its port in the overrides. */
static kalshi_fix_session_t *open_session_on(live *l, kalshi_client_t *c, const char *product,
                                             const char *session, int tls, uint64_t tag) {
  const int margin = strcmp(product, "margin") == 0;
  char endpoint[64], port_key[32], port[16];
  snprintf(endpoint, sizeof endpoint, "%sfix.%s%s", margin ? "perps." : "", session,
           tls ? ".tls" : "");
  uint16_t p = 0;
  assert_int_equal(kalshi_sim_port(l->sim, endpoint, &p), KALSHI_OK);
  snprintf(port_key, sizeof port_key, "fix.port.%s", session);
  snprintf(port, sizeof port, "%u", (unsigned)p);
  kalshi_conf_t *o =
      test_conf("fix.product", product, "fix.session", session, port_key, port, NULL);
  kalshi_fix_session_t *s = NULL;
  kalshi_error_t *err = NULL;
  if (kalshi_fix_session_open(c, o, tag, &s, &err) != KALSHI_OK) {
    fail_msg("open %s %s: %s", product, session, kalshi_error_message(err));
  }
  kalshi_conf_destroy(o);
  return s;
}

static kalshi_fix_session_t *open_session(live *l, const char *product, const char *session,
                                          int tls, uint64_t tag) {
  return open_session_on(l, l->c, product, session, tls, tag);
}

/* Waits for FIX_STATE `want`; returns the event's error code. Fails on FIX_CLOSED or timeout. */
static kalshi_err_t wait_state(kalshi_queue_t *q, kalshi_fix_state_t want) {
  for (;;) {
    kalshi_event_t *ev = kalshi_queue_poll(q, WAIT_MS);
    if (ev == NULL) fail_msg("no FIX state %s in time", kalshi_fix_state_name(want));
    const kalshi_event_type_t t = kalshi_event_type(ev);
    if (t == KALSHI_EVENT_FIX_STATE && kalshi_event_err(ev) != KALSHI_OK) {
      const kalshi_error_t *e = kalshi_event_error(ev);
      print_message("state %s: %s: %s\n", kalshi_fix_state_name(kalshi_event_fix_state(ev)),
                    kalshi_err_name(kalshi_event_err(ev)), e ? kalshi_error_message(e) : "");
    }
    if (t == KALSHI_EVENT_FIX_CLOSED) {
      fail_msg("session closed waiting for %s", kalshi_fix_state_name(want));
    }
    if (t == KALSHI_EVENT_FIX_STATE && kalshi_event_fix_state(ev) == want) {
      const kalshi_err_t e = kalshi_event_err(ev);
      kalshi_event_destroy(ev);
      return e;
    }
    kalshi_event_destroy(ev);
  }
}

static kalshi_event_t *wait_message(kalshi_queue_t *q, const char *msg_type) {
  for (;;) {
    kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_FIX_MESSAGE, WAIT_MS);
    if (ev == NULL) fail_msg("no 35=%s in time", msg_type);
    if (strcmp(kalshi_fix_msg_type(kalshi_event_fix_msg(ev)), msg_type) == 0) return ev;
    kalshi_event_destroy(ev);
  }
}

/* The next ExecutionReport's ExecType(150). */
static char next_exec_type(kalshi_queue_t *q, kalshi_event_t **out) {
  kalshi_event_t *ev = wait_message(q, "8");
  char exec_type = 0;
  assert_int_equal(kalshi_fix_msg_char(kalshi_event_fix_msg(ev), 150, &exec_type), KALSHI_OK);
  if (out != NULL) {
    *out = ev;
  } else {
    kalshi_event_destroy(ev);
  }
  return exec_type;
}

static void close_session(kalshi_queue_t *q, kalshi_fix_session_t *s) {
  assert_int_equal(kalshi_fix_session_close(s), KALSHI_OK);
  kalshi_event_t *closed = test_wait_event(q, KALSHI_EVENT_FIX_CLOSED, WAIT_MS);
  assert_non_null(closed);
  kalshi_event_destroy(closed);
  kalshi_fix_session_destroy(s);
}

static void logon_everywhere(int tls) {
  live l;
  live_start(&l, tls);
  static const char *const prediction[] = {"nr", "rt", "dc", "pt", "rfq", "md"};
  static const char *const margin[] = {"nr", "rt", "dc", "md"};
  for (size_t i = 0; i < 6 + 4; ++i) {
    const int is_margin = i >= 6;
    const char *session = is_margin ? margin[i - 6] : prediction[i];
    kalshi_fix_session_t *s =
        open_session(&l, is_margin ? "margin" : "prediction", session, tls, i);
    assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
    assert_int_equal(kalshi_sim_fix_sessions(l.sim), 1);
    close_session(l.q, s);
  }
  live_stop(&l);
}

static void test_logon_every_session_plain(void **state) {
  (void)state;
  logon_everywhere(0);
}

static void test_logon_every_session_tls(void **state) {
  (void)state;
  logon_everywhere(1);
}

static void test_orders_fills_cancel_settle(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "nr", 0, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);

  /* A resting bid: acknowledged New, then canceled. */
  assert_int_equal(
      kalshi_fix_send_new_order(s, "rest-1", TICKER, '1', 300000, 1000, '1', 0, NULL, NULL),
      KALSHI_OK);
  kalshi_event_t *ev = NULL;
  assert_int_equal(next_exec_type(l.q, &ev), '0');
  kalshi_price_t px = 0;
  assert_int_equal(kalshi_fix_msg_price(kalshi_event_fix_msg(ev), 44, &px), KALSHI_OK);
  assert_int_equal(px, 300000);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_fix_send_cancel(s, "cxl-1", "rest-1", TICKER, '1', 0, NULL, NULL),
                   KALSHI_OK);
  assert_int_equal(next_exec_type(l.q, NULL), '4');

  /* Another member offers 10 YES at 0.40; our bid crosses and fills. */
  kalshi_price_t before = 0;
  assert_int_equal(kalshi_sim_balance(l.sim, l.member, 0, &before), KALSHI_OK);
  assert_int_equal(kalshi_sim_place_order(l.sim, l.maker, TICKER, 2, 400000, 1000, NULL),
                   KALSHI_OK);
  assert_int_equal(
      kalshi_fix_send_new_order(s, "take-1", TICKER, '1', 400000, 1000, '1', 0, NULL, NULL),
      KALSHI_OK);
  char exec_type = next_exec_type(l.q, &ev);
  if (exec_type == '0') { /* the New may come first; the fill follows */
    kalshi_event_destroy(ev);
    exec_type = next_exec_type(l.q, &ev);
  }
  assert_int_equal(exec_type, 'F');
  kalshi_count_t qty = 0;
  assert_int_equal(kalshi_fix_msg_count(kalshi_event_fix_msg(ev), 32, &qty), KALSHI_OK);
  assert_int_equal(qty, 1000);
  assert_int_equal(kalshi_fix_msg_price(kalshi_event_fix_msg(ev), 31, &px), KALSHI_OK);
  assert_int_equal(px, 400000);
  kalshi_event_destroy(ev);

  kalshi_count_t pos = 0;
  assert_int_equal(kalshi_sim_position(l.sim, l.member, 0, TICKER, &pos), KALSHI_OK);
  assert_int_equal(pos, 1000);
  assert_int_equal(kalshi_sim_position(l.sim, l.maker, 0, TICKER, &pos), KALSHI_OK);
  assert_int_equal(pos, -1000);
  kalshi_price_t after = 0;
  assert_int_equal(kalshi_sim_balance(l.sim, l.member, 0, &after), KALSHI_OK);
  assert_true(before - after >= 4000000); /* 10 x 0.40, plus the taker fee */
  assert_true(before - after < 5000000);

  /* Settlement YES: 10 contracts pay 10 dollars. */
  assert_int_equal(kalshi_sim_market_status(l.sim, TICKER, "closed", NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_settle(l.sim, TICKER, 1000000, NULL), KALSHI_OK);
  kalshi_price_t settled = 0;
  assert_int_equal(kalshi_sim_balance(l.sim, l.member, 0, &settled), KALSHI_OK);
  assert_int_equal(settled - after, 10000000);

  close_session(l.q, s);
  live_stop(&l);
}

static void test_market_data_snapshot(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  assert_int_equal(kalshi_sim_place_order(l.sim, l.maker, TICKER, 1, 350000, 700, NULL), KALSHI_OK);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "md", 0, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  const char *symbols[] = {TICKER};
  assert_int_equal(kalshi_fix_send_md_request(s, '1', symbols, 1, 0, NULL, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_message(l.q, "W");
  const char *sym = NULL;
  size_t n = 0;
  assert_int_equal(kalshi_fix_msg_str(kalshi_event_fix_msg(ev), 55, &sym, &n), KALSHI_OK);
  assert_int_equal(n, strlen(TICKER));
  assert_memory_equal(sym, TICKER, n);
  kalshi_event_destroy(ev);
  close_session(l.q, s);
  live_stop(&l);
}

/* Turning the activity generator on seeds every book: the snapshot has levels on both sides. */
static void test_activity_seeds_books(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  assert_int_equal(kalshi_sim_activity(l.sim, 1), KALSHI_OK);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "md", 0, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  kalshi_book_t *book = NULL;
  assert_int_equal(kalshi_book_new(&book), KALSHI_OK);
  const char *symbols[] = {TICKER};
  assert_int_equal(kalshi_fix_send_md_request(s, '1', symbols, 1, 0, NULL, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_message(l.q, "W");
  assert_int_equal(kalshi_book_apply_event(book, ev), KALSHI_OK);
  kalshi_event_destroy(ev);
  kalshi_price_t bid = 0, ask = 0;
  kalshi_count_t bid_qty = 0, ask_qty = 0;
  assert_int_equal(kalshi_book_best(book, TICKER, KALSHI_BOOK_BID, &bid, &bid_qty), KALSHI_OK);
  assert_int_equal(kalshi_book_best(book, TICKER, KALSHI_BOOK_ASK, &ask, &ask_qty), KALSHI_OK);
  assert_true(bid > 0 && bid < ask && ask < 1000000);
  assert_true(bid_qty > 0 && ask_qty > 0);
  assert_int_equal(kalshi_sim_activity(l.sim, 0), KALSHI_OK);
  kalshi_book_destroy(book);
  close_session(l.q, s);
  live_stop(&l);
}

/* A KalshiPT session receives the settlement report (35=UMS) of a market its member held, and
 * the pages join into one report naming the result and the member's payout. */
static void test_settlement_report_on_pt(void **state) {
  (void)state;
  live l;
  live_start(&l, 1);
  assert_int_equal(kalshi_sim_place_order(l.sim, l.maker, TICKER, 2, 250000, 400, NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_place_order(l.sim, l.member, TICKER, 1, 250000, 400, NULL),
                   KALSHI_OK);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "pt", 1, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  assert_int_equal(kalshi_sim_market_status(l.sim, TICKER, "closed", NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_settle(l.sim, TICKER, 1000000, NULL), KALSHI_OK);

  kalshi_settlement_assembler_t *a = NULL;
  assert_int_equal(kalshi_settlement_assembler_new(&a), KALSHI_OK);
  kalshi_settlement_t *report = NULL;
  while (report == NULL) {
    kalshi_event_t *ev = wait_message(l.q, "UMS");
    assert_int_equal(kalshi_settlement_assembler_add(a, kalshi_event_fix_msg(ev), &report, NULL),
                     KALSHI_OK);
    kalshi_event_destroy(ev);
  }
  assert_string_equal(kalshi_settlement_symbol(report), TICKER);
  assert_string_equal(kalshi_settlement_result(report), "yes");
  assert_true(kalshi_settlement_party_count(report) >= 1);
  int64_t payout = 0;
  kalshi_count_t yes_qty = 0;
  int found = 0;
  for (size_t i = 0; i < kalshi_settlement_party_count(report); ++i) {
    assert_int_equal(kalshi_settlement_party(report, i, NULL, &yes_qty, NULL, &payout, NULL),
                     KALSHI_OK);
    if (yes_qty == 400) {
      found = 1;
      assert_int_equal(payout, 4000000); /* 4 contracts x $1 */
    }
  }
  assert_true(found);
  kalshi_settlement_destroy(report);
  kalshi_settlement_assembler_destroy(a);
  close_session(l.q, s);
  live_stop(&l);
}

/* A second client for MAKER_KEY_ID (the same key pair under another key id and member). */
static kalshi_client_t *maker_client(live *l) {
  char *key = test_source_path("tests/data/keys/rsa_pkcs8.pem");
  kalshi_conf_t *conf = test_conf("auth.key_id", MAKER_KEY_ID, "auth.private_key_path", key,
                                  "fix.heartbeat_s", "5", NULL);
  free(key);
  assert_int_equal(kalshi_sim_client_conf(l->sim, conf, 0, NULL), KALSHI_OK);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  return c;
}

/* The string value of tag in m, copied into buf. */
static void copy_str(const kalshi_fix_msg_t *m, uint32_t tag, char *buf, size_t cap) {
  const char *v = NULL;
  size_t n = 0;
  assert_int_equal(kalshi_fix_msg_str(m, tag, &v, &n), KALSHI_OK);
  assert_true(n < cap);
  memcpy(buf, v, n);
  buf[n] = '\0';
}

/* RFQ end to end: the creator asks on KalshiRT, a maker quotes on KalshiRFQ, the creator accepts,
 * the maker confirms, and the block trade moves both members' positions. */
static void test_rfq_round_trip(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_client_t *mc = maker_client(&l);
  kalshi_queue_t *mq = kalshi_client_queue(mc);
  kalshi_fix_session_t *maker = open_session_on(&l, mc, "prediction", "rfq", 0, 1);
  assert_int_equal(wait_state(mq, KALSHI_FIX_ACTIVE), KALSHI_OK);
  kalshi_fix_session_t *creator = open_session(&l, "prediction", "rt", 0, 2);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);

  assert_int_equal(kalshi_fix_send_quote_request(creator, "my-rfq-1", TICKER, 1000, 0, NULL, NULL),
                   KALSHI_OK);
  char rfq_id[128], quote_id[128];
  kalshi_event_t *ev = wait_message(mq, "R");
  copy_str(kalshi_event_fix_msg(ev), 131, rfq_id, sizeof rfq_id);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_fix_send_quote(maker, "mq-1", rfq_id, TICKER, 400000, 0, 0, NULL, NULL),
                   KALSHI_OK);
  ev = wait_message(l.q, "S");
  copy_str(kalshi_event_fix_msg(ev), 117, quote_id, sizeof quote_id);
  kalshi_price_t bid = 0;
  assert_int_equal(kalshi_fix_msg_price(kalshi_event_fix_msg(ev), 132, &bid), KALSHI_OK);
  assert_int_equal(bid, 400000);
  kalshi_event_destroy(ev);

  assert_int_equal(
      kalshi_fix_send_accept_quote(creator, quote_id, rfq_id, '2', 1000, "acc-1", 0, NULL, NULL),
      KALSHI_OK);
  for (;;) { /* the maker hears of the acceptance (QuoteStatus 0) */
    ev = wait_message(mq, "AI");
    int64_t status = -1;
    assert_int_equal(kalshi_fix_msg_int(kalshi_event_fix_msg(ev), 297, &status), KALSHI_OK);
    kalshi_event_destroy(ev);
    if (status == 0) break;
  }
  assert_int_equal(kalshi_fix_send_quote_confirm(maker, quote_id, 0, NULL, NULL), KALSHI_OK);
  kalshi_event_t *fill = NULL;
  while (next_exec_type(l.q, &fill) != 'F') kalshi_event_destroy(fill);
  kalshi_event_destroy(fill);

  kalshi_count_t creator_pos = 0, maker_pos = 0;
  assert_int_equal(kalshi_sim_position(l.sim, l.member, 0, TICKER, &creator_pos), KALSHI_OK);
  assert_int_equal(kalshi_sim_position(l.sim, l.maker, 0, TICKER, &maker_pos), KALSHI_OK);
  assert_int_not_equal(creator_pos, 0);
  assert_int_equal(creator_pos, -maker_pos);
  assert_true(creator_pos == 1000 || creator_pos == -1000);

  close_session(l.q, creator);
  close_session(mq, maker);
  kalshi_queue_destroy(mq);
  kalshi_client_destroy(mc);
  live_stop(&l);
}

static void test_drop_fault_reconnects(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "nr", 0, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  assert_int_equal(kalshi_sim_fault(l.sim, "fix.nr", KEY_ID, "drop", NULL), KALSHI_OK);
  assert_int_not_equal(wait_state(l.q, KALSHI_FIX_DISCONNECTED), KALSHI_OK);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  close_session(l.q, s);
  live_stop(&l);
}

/* An order round trip on an active session: the New comes back for cl_ord_id. */
static void order_round_trip(live *l, kalshi_fix_session_t *s, const char *cl_ord_id) {
  assert_int_equal(
      kalshi_fix_send_new_order(s, cl_ord_id, TICKER, '1', 100000, 100, '1', 0, NULL, NULL),
      KALSHI_OK);
  for (;;) {
    kalshi_event_t *ev = NULL;
    assert_int_equal(next_exec_type(l->q, &ev), '0');
    const char *id = NULL;
    size_t n = 0;
    assert_int_equal(kalshi_fix_msg_str(kalshi_event_fix_msg(ev), 11, &id, &n), KALSHI_OK);
    const int mine = n == strlen(cl_ord_id) && memcmp(id, cl_ord_id, n) == 0;
    kalshi_event_destroy(ev);
    if (mine) return;
  }
}

/* Faults a KalshiRT client recovers from in place: a sequence gap is filled by ResendRequest, a
 * PossDup duplicate and a TestRequest are absorbed; after a Logout or garbage on the wire it
 * reconnects. Each time the session then still trades. */
static void test_faults_recovered_on_rt(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "rt", 0, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  order_round_trip(&l, s, "o-1");

  assert_int_equal(kalshi_sim_fault(l.sim, "fix.rt", KEY_ID, "skip 3", NULL), KALSHI_OK);
  order_round_trip(&l, s, "o-2");
  assert_int_equal(kalshi_fix_session_state(s), KALSHI_FIX_ACTIVE);
  assert_int_equal(kalshi_sim_fault(l.sim, "fix.rt", KEY_ID, "dup 1", NULL), KALSHI_OK);
  assert_int_equal(kalshi_sim_fault(l.sim, "fix.rt", KEY_ID, "test_request", NULL), KALSHI_OK);
  order_round_trip(&l, s, "o-3");
  assert_int_equal(kalshi_fix_session_state(s), KALSHI_FIX_ACTIVE);

  assert_int_equal(kalshi_sim_fault(l.sim, "fix.rt", KEY_ID, "logout maintenance", NULL),
                   KALSHI_OK);
  (void)wait_state(l.q, KALSHI_FIX_DISCONNECTED);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  order_round_trip(&l, s, "o-4");

  assert_int_equal(kalshi_sim_fault(l.sim, "fix.rt", KEY_ID, "garbage", NULL), KALSHI_OK);
  assert_int_not_equal(wait_state(l.q, KALSHI_FIX_DISCONNECTED), KALSHI_OK);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  order_round_trip(&l, s, "o-5");
  close_session(l.q, s);
  live_stop(&l);
}

static void test_reject_logon_fault(void **state) {
  (void)state;
  live l;
  live_start(&l, 0);
  assert_int_equal(kalshi_sim_fault(l.sim, "fix.nr", KEY_ID, "reject_logon not today", NULL),
                   KALSHI_OK);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "nr", 0, 1);
  int saw_rejected = 0;
  kalshi_event_t *ev = NULL;
  while ((ev = kalshi_queue_poll(l.q, WAIT_MS)) != NULL) {
    const kalshi_event_type_t t = kalshi_event_type(ev);
    if (t == KALSHI_EVENT_FIX_STATE && kalshi_event_err(ev) == KALSHI_ERR_REJECTED)
      saw_rejected = 1;
    if (t == KALSHI_EVENT_FIX_STATE)
      assert_int_not_equal(kalshi_event_fix_state(ev), KALSHI_FIX_ACTIVE);
    if (t == KALSHI_EVENT_FIX_CLOSED) break;
    kalshi_event_destroy(ev);
  }
  assert_non_null(ev);
  kalshi_event_destroy(ev);
  assert_true(saw_rejected);
  kalshi_fix_session_destroy(s);

  /* Cleared, the next logon goes through. */
  assert_int_equal(kalshi_sim_fault(l.sim, "fix.nr", KEY_ID, "clear", NULL), KALSHI_OK);
  s = open_session(&l, "prediction", "nr", 0, 2);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  close_session(l.q, s);
  live_stop(&l);
}

static void test_margin_order_ack(void **state) {
  (void)state;
  live l;
  live_start(&l, 1);
  kalshi_fix_session_t *s = open_session(&l, "margin", "nr", 1, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  /* Margin prices travel in dollars: 3400.00 per contract, 1 contract. */
  assert_int_equal(kalshi_fix_send_new_order(s, "perp-1", "ETH-PERP", '1', 3400000000LL, 100, '1',
                                             0, NULL, NULL),
                   KALSHI_OK);
  kalshi_event_t *ev = NULL;
  assert_int_equal(next_exec_type(l.q, &ev), '0');
  kalshi_price_t px = 0;
  assert_int_equal(kalshi_fix_msg_price(kalshi_event_fix_msg(ev), 44, &px), KALSHI_OK);
  assert_int_equal(px, 3400000000LL);
  kalshi_event_destroy(ev);
  close_session(l.q, s);
  live_stop(&l);
}

/* Destroying the simulator under a logged-on client ends the client's session (it is told, and
 * then cannot reconnect) and returns. */
static void test_destroy_with_live_session(void **state) {
  (void)state;
  live l;
  live_start(&l, 1);
  kalshi_fix_session_t *s = open_session(&l, "prediction", "rt", 1, 1);
  assert_int_equal(wait_state(l.q, KALSHI_FIX_ACTIVE), KALSHI_OK);
  assert_int_equal(kalshi_sim_fix_sessions(l.sim), 1);
  kalshi_sim_destroy(l.sim);
  l.sim = NULL;
  int left_active = 0;
  kalshi_event_t *ev = NULL;
  while (!left_active && (ev = kalshi_queue_poll(l.q, WAIT_MS)) != NULL) {
    if (kalshi_event_type(ev) == KALSHI_EVENT_FIX_STATE &&
        kalshi_event_fix_state(ev) != KALSHI_FIX_ACTIVE) {
      left_active = 1;
    }
    kalshi_event_destroy(ev);
  }
  assert_true(left_active);
  kalshi_fix_session_destroy(s);
  live_stop(&l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_logon_every_session_plain),
      cmocka_unit_test(test_logon_every_session_tls),
      cmocka_unit_test(test_orders_fills_cancel_settle),
      cmocka_unit_test(test_market_data_snapshot),
      cmocka_unit_test(test_activity_seeds_books),
      cmocka_unit_test(test_settlement_report_on_pt),
      cmocka_unit_test(test_rfq_round_trip),
      cmocka_unit_test(test_drop_fault_reconnects),
      cmocka_unit_test(test_faults_recovered_on_rt),
      cmocka_unit_test(test_reject_logon_fault),
      cmocka_unit_test(test_margin_order_ack),
      cmocka_unit_test(test_destroy_with_live_session),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
