/* kalshi_ws_* against the in-process simulator's WebSocket front end over loopback, plain and
 * TLS: subscribe replies tied to user_tags, book snapshot + deltas agreeing with the orders the
 * simulator rests, trades, owner-only fills, ticker, list/unsubscribe, an error reply for an
 * unknown channel, a sequence gap (WS_RESYNC and a rebuilt book) and a dropped connection
 * (RECONNECTING -> OPEN, subscriptions restored). Every wait is bounded. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "test_util.h"

#define KEY_ID "11111111-2222-3333-4444-555555555555"
#define MAKER_KEY_ID "99999999-2222-3333-4444-555555555555"
#define TICKER "HIGHNY-26NOV21-T50"
#define WAIT_MS 5000

typedef struct live {
  kalshi_sim_t *sim;
  uint32_t member;
  uint32_t maker;
  kalshi_client_t *c;
  kalshi_queue_t *q;
  kalshi_ws_t *w;
} live;

/* Set by a test before live_start to install a dispatch callback on the client. */
static kalshi_dispatch_cb g_dispatch;
static void *g_dispatch_opaque;

static void live_start(live *l, int tls, const char *extra_key, const char *extra_value) {
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
  assert_int_equal(kalshi_sim_register_key(l->sim, KALSHI_PRODUCT_PREDICTION, MAKER_KEY_ID, pub,
                                           len, 0, &l->maker, NULL),
                   KALSHI_OK);
  free(pub);
  free(pub_path);
  char *key = test_source_path("tests/data/keys/rsa_pkcs8.pem");
  kalshi_conf_t *conf = test_conf("auth.key_id", KEY_ID, "auth.private_key_path", key,
                                  "perps.auth.key_id", KEY_ID, "perps.auth.private_key_path", key,
                                  "ws.backoff_base_ms", "20", "ws.backoff_max_ms", "100", NULL);
  free(key);
  if (extra_key != NULL)
    assert_int_equal(kalshi_conf_set(conf, extra_key, extra_value, NULL, 0), 0);
  assert_int_equal(kalshi_sim_client_conf(l->sim, conf, tls, NULL), KALSHI_OK);
  if (g_dispatch != NULL) {
    assert_int_equal(kalshi_conf_set_dispatch_cb(conf, g_dispatch, g_dispatch_opaque), KALSHI_OK);
  }
  assert_int_equal(kalshi_client_new(conf, &l->c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  l->q = kalshi_client_queue(l->c);
}

static void live_stop(live *l) {
  kalshi_ws_destroy(l->w);
  kalshi_queue_destroy(l->q);
  kalshi_client_destroy(l->c);
  kalshi_sim_destroy(l->sim);
}

static void print_event(const kalshi_event_t *ev) {
  size_t n = 0;
  const uint8_t *d = kalshi_event_data(ev, &n);
  const kalshi_error_t *e = kalshi_event_error(ev);
  print_message("event %s tag %llu %s %.*s\n", kalshi_event_type_name(kalshi_event_type(ev)),
                (unsigned long long)kalshi_event_user_tag(ev), e ? kalshi_error_message(e) : "",
                (int)(n > 300 ? 300 : n), d ? (const char *)d : "");
}

/* Waits for an event of `type` (and, when given, user_tag / message type); others destroyed. */
static kalshi_event_t *wait_for(live *l, kalshi_event_type_t type, const char *msg_type,
                                int64_t tag) {
  for (int i = 0; i < 10000; ++i) {
    kalshi_event_t *ev = kalshi_queue_poll(l->q, WAIT_MS);
    if (ev == NULL) break;
    if (kalshi_event_type(ev) == type &&
        (msg_type == NULL || strcmp(kalshi_event_ws_type(ev), msg_type) == 0) &&
        (tag < 0 || kalshi_event_user_tag(ev) == (uint64_t)tag)) {
      return ev;
    }
    if (kalshi_event_type(ev) == KALSHI_EVENT_WS_CLOSED) {
      print_event(ev);
      fail_msg("connection closed waiting for %s", kalshi_event_type_name(type));
    }
    kalshi_event_destroy(ev);
  }
  fail_msg("no %s %s in time", kalshi_event_type_name(type), msg_type ? msg_type : "");
  return NULL;
}

static void wait_state(live *l, kalshi_ws_state_t want) {
  for (;;) {
    kalshi_event_t *ev = wait_for(l, KALSHI_EVENT_WS_STATE, NULL, -1);
    const kalshi_ws_state_t s = kalshi_event_ws_state(ev);
    kalshi_event_destroy(ev);
    if (s == want) return;
  }
}

static void open_ws(live *l) {
  kalshi_error_t *err = NULL;
  if (kalshi_ws_open(l->c, NULL, 7, &l->w, &err) != KALSHI_OK) {
    fail_msg("kalshi_ws_open: %s", kalshi_error_message(err));
  }
  wait_state(l, KALSHI_WS_OPEN);
  assert_int_equal(kalshi_ws_state(l->w), KALSHI_WS_OPEN);
}

/* Subscribes and returns the sid of the (single-channel) reply. */
static uint64_t subscribe(live *l, const char *channel, const char *ticker, uint64_t tag) {
  const char *chs[1] = {channel};
  const char *tks[1] = {ticker};
  assert_int_equal(kalshi_ws_subscribe(l->w, chs, 1, tks, ticker ? 1 : 0, tag, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_for(l, KALSHI_EVENT_WS_REPLY, NULL, (int64_t)tag);
  if (kalshi_event_err(ev) != KALSHI_OK) print_event(ev);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  assert_string_equal(kalshi_event_ws_type(ev), "subscribed");
  const uint64_t sid = kalshi_event_ws_sid(ev);
  assert_true(sid > 0);
  kalshi_event_destroy(ev);
  return sid;
}

static void place(live *l, uint32_t member, int side, kalshi_price_t price, kalshi_count_t qty) {
  kalshi_error_t *err = NULL;
  if (kalshi_sim_place_order(l->sim, member, TICKER, side, price, qty, &err) != KALSHI_OK) {
    fail_msg("place_order: %s", kalshi_error_message(err));
  }
}

/* Waits for a channel message of `type` on TICKER. */
static kalshi_event_t *wait_msg(live *l, const char *type) {
  for (;;) {
    kalshi_event_t *ev = wait_for(l, KALSHI_EVENT_WS_MESSAGE, type, -1);
    if (strcmp(kalshi_event_ws_market(ev), TICKER) == 0) return ev;
    kalshi_event_destroy(ev);
  }
}

/* Deltas until the local book's best `side` is (price, size). */
static void wait_best(live *l, int side, kalshi_price_t price, kalshi_count_t size) {
  for (int i = 0; i < 50; ++i) {
    kalshi_price_t p = 0;
    kalshi_count_t s = 0;
    if (kalshi_ws_book_best(l->w, TICKER, side, &p, &s) == KALSHI_OK && p == price && s == size) {
      return;
    }
    kalshi_event_t *ev = wait_msg(l, NULL);
    kalshi_event_destroy(ev);
  }
  fail_msg("best %s never became %lld x %lld", side == KALSHI_BOOK_BID ? "bid" : "ask",
           (long long)price, (long long)size);
}

static void expect_book(live *l, kalshi_price_t bid, kalshi_count_t bid_size, kalshi_price_t ask,
                        kalshi_count_t ask_size) {
  wait_best(l, KALSHI_BOOK_BID, bid, bid_size);
  wait_best(l, KALSHI_BOOK_ASK, ask, ask_size);
  kalshi_book_t *b = NULL;
  assert_int_equal(kalshi_book_new(&b), KALSHI_OK);
  assert_int_equal(kalshi_ws_book_copy(l->w, TICKER, b, NULL), KALSHI_OK);
  kalshi_price_t p = 0;
  kalshi_count_t s = 0;
  assert_int_equal(kalshi_book_best(b, TICKER, KALSHI_BOOK_BID, &p, &s), KALSHI_OK);
  assert_int_equal(p, bid);
  assert_int_equal(s, bid_size);
  assert_int_equal(kalshi_book_best(b, TICKER, KALSHI_BOOK_ASK, &p, &s), KALSHI_OK);
  assert_int_equal(p, ask);
  assert_int_equal(s, ask_size);
  kalshi_book_destroy(b);
}

/* A bid above and an ask below anything the seed rests, so they are the best levels. */
#define BID_PX 480000
#define ASK_PX 520000

static void book_flow(int tls) {
  live l;
  live_start(&l, tls, NULL, NULL);
  open_ws(&l);
  const uint64_t sid = subscribe(&l, "orderbook_delta", TICKER, 11);
  kalshi_event_t *snap = wait_msg(&l, "orderbook_snapshot");
  assert_string_equal(kalshi_event_ws_channel(snap), "orderbook_delta");
  assert_int_equal(kalshi_event_ws_sid(snap), sid);
  assert_int_equal(kalshi_event_obj_count(snap), 1);
  assert_string_equal(kalshi_obj_kind(kalshi_event_obj(snap, 0)), "orderbook_snapshot");
  kalshi_event_destroy(snap);

  place(&l, l.maker, 1, BID_PX, 500); /* YES bid 0.48 x 5 */
  place(&l, l.maker, 2, ASK_PX, 300); /* NO bid 0.48 = YES ask 0.52 x 3 */
  expect_book(&l, BID_PX, 500, ASK_PX, 300);

  /* A delta's typed object carries the exact fields. */
  place(&l, l.maker, 1, BID_PX, 100);
  /* Deltas of the earlier orders may still be queued (the book is updated before delivery). */
  kalshi_event_t *d = NULL;
  const kalshi_obj_t *o = NULL;
  kalshi_count_t delta = 0;
  for (int i = 0; i < 10 && delta != 100; ++i) {
    if (d != NULL) kalshi_event_destroy(d);
    d = wait_msg(&l, "orderbook_delta");
    o = kalshi_event_obj(d, 0);
    assert_int_equal(kalshi_obj_count(o, "delta", &delta), KALSHI_OK);
  }
  assert_int_equal(delta, 100);
  kalshi_price_t px = 0;
  const char *side = NULL;
  assert_int_equal(kalshi_obj_price(o, "price", &px), KALSHI_OK);
  assert_int_equal(px, BID_PX);
  assert_int_equal(kalshi_obj_str(o, "side", &side, NULL), KALSHI_OK);
  assert_string_equal(side, "yes");
  assert_true(kalshi_event_ws_seq(d) > 1);
  kalshi_event_destroy(d);
  expect_book(&l, BID_PX, 600, ASK_PX, 300);
  live_stop(&l);
}

static void test_book_plain(void **state) {
  (void)state;
  book_flow(0);
}

static void test_book_tls(void **state) {
  (void)state;
  book_flow(1);
}

static void test_trade_fill_ticker(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, NULL, NULL);
  open_ws(&l);
  subscribe(&l, "trade", NULL, 21);
  subscribe(&l, "fill", NULL, 22);
  subscribe(&l, "ticker", TICKER, 23);
  place(&l, l.maker, 2, ASK_PX, 200);  /* the maker offers YES at 0.52 */
  place(&l, l.member, 1, ASK_PX, 200); /* we lift it */
  int trades = 0, fills = 0, tickers = 0;
  for (int i = 0; i < 200 && (trades == 0 || fills == 0 || tickers == 0); ++i) {
    kalshi_event_t *ev = wait_for(&l, KALSHI_EVENT_WS_MESSAGE, NULL, -1);
    const char *ch = kalshi_event_ws_channel(ev);
    const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
    kalshi_count_t count = 0;
    if (strcmp(ch, "trade") == 0) {
      ++trades;
      assert_int_equal(kalshi_obj_count(o, "count", &count), KALSHI_OK);
      assert_int_equal(count, 200);
    } else if (strcmp(ch, "fill") == 0) {
      ++fills;
      kalshi_price_t px = 0;
      assert_string_equal(kalshi_event_ws_market(ev), TICKER);
      assert_int_equal(kalshi_obj_count(o, "count", &count), KALSHI_OK);
      assert_int_equal(count, 200);
      assert_int_equal(kalshi_obj_price(o, "price", &px), KALSHI_OK);
      assert_int_equal(px, ASK_PX);
    } else if (strcmp(ch, "ticker") == 0) {
      ++tickers;
    }
    kalshi_event_destroy(ev);
  }
  assert_int_equal(trades, 1);
  assert_int_equal(fills, 1); /* only our side of the match: the maker's fill is not ours */
  assert_true(tickers >= 1);
  live_stop(&l);
}

static void test_commands(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, NULL, NULL);
  open_ws(&l);
  const uint64_t sid = subscribe(&l, "orderbook_delta", TICKER, 31);

  /* An unknown channel is refused by the exchange; the error carries its user_tag. */
  const char *bad[1] = {"no_such_channel"};
  assert_int_equal(kalshi_ws_subscribe(l.w, bad, 1, NULL, 0, 32, NULL), KALSHI_OK);
  kalshi_event_t *ev = wait_for(&l, KALSHI_EVENT_WS_REPLY, NULL, 32);
  assert_int_not_equal(kalshi_event_err(ev), KALSHI_OK);
  kalshi_event_destroy(ev);

  /* update_subscription: add a market, then its book arrives under the same sid. */
  const char *more[1] = {"HIGHNY-26NOV21-T55"};
  assert_int_equal(kalshi_ws_update_subscription(l.w, sid, "add_markets", more, 1, 36, NULL),
                   KALSHI_OK);
  ev = wait_for(&l, KALSHI_EVENT_WS_REPLY, NULL, 36);
  if (kalshi_event_err(ev) != KALSHI_OK) print_event(ev);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  for (;;) {
    ev = wait_for(&l, KALSHI_EVENT_WS_MESSAGE, "orderbook_snapshot", -1);
    const int found = strcmp(kalshi_event_ws_market(ev), "HIGHNY-26NOV21-T55") == 0;
    if (found) assert_int_equal(kalshi_event_ws_sid(ev), sid);
    kalshi_event_destroy(ev);
    if (found) break;
  }

  assert_int_equal(kalshi_ws_list_subscriptions(l.w, 33, NULL), KALSHI_OK);
  ev = wait_for(&l, KALSHI_EVENT_WS_REPLY, NULL, 33);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  size_t n = 0;
  const char *data = (const char *)kalshi_event_data(ev, &n);
  assert_non_null(strstr(data, "orderbook_delta"));
  kalshi_event_destroy(ev);

  assert_int_equal(kalshi_ws_unsubscribe(l.w, sid, 34, NULL), KALSHI_OK);
  ev = wait_for(&l, KALSHI_EVENT_WS_REPLY, NULL, 34);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  assert_string_equal(kalshi_event_ws_type(ev), "unsubscribed");
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  /* Unknown sid now. */
  assert_int_equal(kalshi_ws_unsubscribe(l.w, sid, 35, NULL), KALSHI_OK);
  ev = wait_for(&l, KALSHI_EVENT_WS_REPLY, NULL, 35);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_NOT_FOUND);
  kalshi_event_destroy(ev);

  /* Arguments. */
  const char *chs[1] = {"ticker"};
  assert_int_equal(kalshi_ws_subscribe(NULL, chs, 1, NULL, 0, 1, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_ws_subscribe(l.w, NULL, 1, NULL, 0, 1, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_ws_subscribe(l.w, chs, 0, NULL, 0, 1, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_ws_update_subscription(l.w, sid, "bogus", chs, 1, 1, NULL),
                   KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_ws_book_best(l.w, "NOPE", KALSHI_BOOK_BID, NULL, NULL),
                   KALSHI_ERR_INVALID_ARG);
  kalshi_price_t p = 0;
  assert_int_equal(kalshi_ws_book_best(l.w, "NOPE", KALSHI_BOOK_BID, &p, NULL),
                   KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_ws_close(NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_ws_state(NULL), KALSHI_WS_CLOSED);
  assert_string_equal(kalshi_ws_state_name(KALSHI_WS_OPEN), "KALSHI_WS_OPEN");

  /* Close: WS_CLOSED is the last event; later calls say CLOSED. */
  assert_int_equal(kalshi_ws_close(l.w), KALSHI_OK);
  assert_int_equal(kalshi_ws_close(l.w), KALSHI_OK);
  ev = wait_for(&l, KALSHI_EVENT_WS_CLOSED, NULL, 7);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_ws_state(l.w), KALSHI_WS_CLOSED);
  assert_int_equal(kalshi_ws_subscribe(l.w, chs, 1, NULL, 0, 1, NULL), KALSHI_ERR_CLOSED);
  live_stop(&l);
}

static void test_gap_resyncs(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, NULL, NULL);
  open_ws(&l);
  const uint64_t sid = subscribe(&l, "orderbook_delta", TICKER, 41);
  kalshi_event_destroy(wait_msg(&l, "orderbook_snapshot"));
  place(&l, l.maker, 1, BID_PX, 500);
  place(&l, l.maker, 2, ASK_PX, 300);
  expect_book(&l, BID_PX, 500, ASK_PX, 300);

  kalshi_error_t *err = NULL;
  if (kalshi_sim_fault(l.sim, "ws", NULL, "skip 1", &err) != KALSHI_OK) {
    fail_msg("fault: %s", kalshi_error_message(err));
  }
  place(&l, l.maker, 1, BID_PX, 100);
  /* Not polling: the snapshot is out, the first delta waits, the second is refused and the
   * subscription resyncs (WS_RESYNC is not subject to the limit). */
  for (int i = 0; i < 500 && kalshi_queue_length(l.q) < 2; ++i) {
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  kalshi_event_t *ev = wait_for(&l, KALSHI_EVENT_WS_RESYNC, NULL, -1);
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_SEQUENCE_GAP);
  kalshi_event_destroy(ev);
  /* A fresh snapshot rebuilds the book, under the same sid as far as the application sees. */
  ev = wait_msg(&l, "orderbook_snapshot");
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  expect_book(&l, BID_PX, 600, ASK_PX, 300);
  live_stop(&l);
}

static void test_reconnect_restores(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, "ws.top_events", "true");
  open_ws(&l);
  const uint64_t sid = subscribe(&l, "orderbook_delta", TICKER, 51);
  kalshi_event_destroy(wait_msg(&l, "orderbook_snapshot"));

  kalshi_error_t *err = NULL;
  if (kalshi_sim_fault(l.sim, "ws", NULL, "drop", &err) != KALSHI_OK) {
    fail_msg("fault: %s", kalshi_error_message(err));
  }
  wait_state(&l, KALSHI_WS_RECONNECTING);
  wait_state(&l, KALSHI_WS_OPEN);
  kalshi_event_t *ev = wait_msg(&l, "orderbook_snapshot");
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  place(&l, l.maker, 1, BID_PX, 500);
  ev = wait_for(&l, KALSHI_EVENT_BOOK_TOP, NULL, -1);
  assert_string_equal(kalshi_event_ws_market(ev), TICKER);
  kalshi_event_destroy(ev);
  kalshi_price_t p = 0;
  kalshi_count_t s = 0;
  assert_int_equal(kalshi_ws_book_best(l.w, TICKER, KALSHI_BOOK_BID, &p, &s), KALSHI_OK);
  assert_int_equal(p, BID_PX);
  assert_int_equal(s, 500);
  live_stop(&l);
}

/* ws.queue_limit=2, drop_oldest: an application that does not poll loses the oldest waiting
 * messages (counted), never the book, and every message is either delivered or counted. */
static void test_overflow_drop_oldest(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, "ws.queue_limit", "2");
  open_ws(&l);
  subscribe(&l, "orderbook_delta", TICKER, 61);
  enum { N = 10 };
  for (int i = 0; i < N; ++i) place(&l, l.maker, 1, 300000 + 10000 * i, 100);
  /* Not polling meanwhile: wait until the book shows the last order (all but the last message
   * queued or dropped by then). */
  for (int i = 0; i < 500; ++i) {
    kalshi_price_t p = 0;
    if (kalshi_ws_book_best(l.w, TICKER, KALSHI_BOOK_BID, &p, NULL) == KALSHI_OK &&
        p == 300000 + 10000 * (N - 1)) {
      break;
    }
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  /* The book moves before a message is queued, so drops may still be happening: re-read the
   * counter between short polls until every message is accounted for. */
  uint64_t received = 0;
  for (int i = 0; i < 400 && received + kalshi_ws_dropped(l.w) < N + 1; ++i) {
    kalshi_event_t *ev = kalshi_queue_poll(l.q, 25);
    if (ev == NULL) continue;
    if (kalshi_event_type(ev) == KALSHI_EVENT_WS_MESSAGE) ++received;
    kalshi_event_destroy(ev);
  }
  const uint64_t dropped = kalshi_ws_dropped(l.w);
  assert_true(dropped >= 1);
  assert_int_equal(received + dropped, N + 1); /* the snapshot and N deltas */
  /* Still flowing once the application keeps up. */
  place(&l, l.maker, 1, BID_PX, 100);
  kalshi_event_destroy(wait_msg(&l, "orderbook_delta"));
  live_stop(&l);
}

/* ws.overflow=resync: the refused subscription resynchronises once the application has room. */
static void test_overflow_resync(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, "ws.overflow", "resync");
  kalshi_conf_t *o = test_conf("ws.queue_limit", "1", NULL);
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_ws_open(l.c, o, 7, &l.w, &err), KALSHI_OK);
  kalshi_conf_destroy(o);
  wait_state(&l, KALSHI_WS_OPEN);
  const uint64_t sid = subscribe(&l, "orderbook_delta", TICKER, 71);
  place(&l, l.maker, 1, BID_PX, 500);
  place(&l, l.maker, 2, ASK_PX, 300);
  place(&l, l.maker, 1, BID_PX, 100);
  /* Not polling: the snapshot is out, the first delta waits, the second is refused and the
   * subscription resyncs (WS_RESYNC is not subject to the limit). */
  for (int i = 0; i < 500 && kalshi_queue_length(l.q) < 2; ++i) {
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  kalshi_event_t *ev = wait_for(&l, KALSHI_EVENT_WS_RESYNC, NULL, -1);
  assert_int_equal(kalshi_event_err(ev), KALSHI_ERR_OVERFLOW);
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  ev = wait_msg(&l, "orderbook_snapshot");
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  expect_book(&l, BID_PX, 600, ASK_PX, 300);
  assert_int_equal(kalshi_ws_dropped(l.w), 0);
  live_stop(&l);
}

/* ws.product=perps: the margin endpoint, signed with perps.auth.*, bid/ask books as sent. */
static void test_perps_book(void **state) {
  (void)state;
  live l;
  live_start(&l, 1, NULL, NULL);
  char *pub_path = test_source_path("tests/data/keys/rsa_pub.pem");
  size_t len = 0;
  char *pub = test_read_file(pub_path, &len);
  assert_int_equal(
      kalshi_sim_register_key(l.sim, KALSHI_PRODUCT_MARGIN, KEY_ID, pub, len, l.member, NULL, NULL),
      KALSHI_OK);
  free(pub);
  free(pub_path);
  kalshi_conf_t *o = test_conf("ws.product", "perps", NULL);
  kalshi_error_t *err = NULL;
  if (kalshi_ws_open(l.c, o, 8, &l.w, &err) != KALSHI_OK) {
    fail_msg("kalshi_ws_open: %s", kalshi_error_message(err));
  }
  kalshi_conf_destroy(o);
  wait_state(&l, KALSHI_WS_OPEN);
  subscribe(&l, "orderbook_delta", "ETH-PERP", 81);
  if (kalshi_sim_place_order(l.sim, l.maker, "ETH-PERP", 1, 3300000000LL, 200, &err) != KALSHI_OK) {
    fail_msg("place_order: %s", kalshi_error_message(err));
  }
  for (int i = 0; i < 50; ++i) {
    kalshi_price_t p = 0;
    kalshi_count_t sz = 0;
    if (kalshi_ws_book_best(l.w, "ETH-PERP", KALSHI_BOOK_BID, &p, &sz) == KALSHI_OK &&
        p == 3300000000LL && sz == 200) {
      live_stop(&l);
      return;
    }
    kalshi_event_t *ev = wait_for(&l, KALSHI_EVENT_WS_MESSAGE, NULL, -1);
    assert_string_equal(kalshi_event_ws_channel(ev), "orderbook_delta");
    kalshi_event_destroy(ev);
  }
  fail_msg("the perps bid never showed in the local book");
}

/* The handle keeps its client alive: destroying the client first is safe, later calls fail. */
static void test_client_destroyed_first(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, NULL, NULL);
  open_ws(&l);
  subscribe(&l, "ticker", TICKER, 91);
  kalshi_queue_destroy(l.q);
  kalshi_client_destroy(l.c);
  const char *chs[1] = {"trade"};
  assert_int_equal(kalshi_ws_subscribe(l.w, chs, 1, NULL, 0, 92, NULL), KALSHI_ERR_CLOSED);
  kalshi_price_t p = 0;
  assert_int_equal(kalshi_ws_book_best(l.w, TICKER, KALSHI_BOOK_BID, &p, NULL),
                   KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_ws_close(l.w), KALSHI_OK);
  kalshi_ws_destroy(l.w);
  kalshi_sim_destroy(l.sim);
}

/* Destroying a connection that is still connecting, then the client at once (a garbage-collected
 * binding does exactly this): nothing of the connection may outlive its close. */
static void test_destroy_while_connecting(void **state) {
  (void)state;
  for (int i = 0; i < 20; ++i) {
    live l;
    live_start(&l, i % 2, NULL, NULL);
    assert_int_equal(kalshi_ws_open(l.c, NULL, 1, &l.w, NULL), KALSHI_OK);
    kalshi_ws_destroy(l.w);
    l.w = NULL;
    live_stop(&l);
  }
}

/* Calls back into the connection from a dispatch callback on the I/O thread (no deadlock, no
 * table changed under an iteration): unsubscribe on the reply, read the book on the snapshot. */
typedef struct reentry {
  kalshi_ws_t *w; /* set before the subscribe is posted, read only for its messages */
  int unsubscribe_rc;
  int book_rc;
} reentry;

static int reenter(const kalshi_event_t *ev, void *opaque) {
  reentry *r = opaque;
  if (kalshi_event_type(ev) == KALSHI_EVENT_WS_MESSAGE &&
      strcmp(kalshi_event_ws_type(ev), "orderbook_snapshot") == 0) {
    kalshi_ws_t *w = r->w;
    kalshi_price_t p = 0;
    r->book_rc = kalshi_ws_book_best(w, TICKER, KALSHI_BOOK_BID, &p, NULL);
    r->unsubscribe_rc = kalshi_ws_unsubscribe(w, kalshi_event_ws_sid(ev), 102, NULL);
  }
  return 0;
}

static void test_dispatch_reentry(void **state) {
  (void)state;
  reentry r = {NULL, -1, -1};
  g_dispatch = reenter;
  g_dispatch_opaque = &r;
  live l;
  live_start(&l, 0, NULL, NULL);
  g_dispatch = NULL;
  kalshi_error_t *err = NULL;
  kalshi_ws_t *w = NULL;
  assert_int_equal(kalshi_ws_open(l.c, NULL, 7, &w, &err), KALSHI_OK);
  l.w = w;
  r.w = w;
  wait_state(&l, KALSHI_WS_OPEN);
  place(&l, l.maker, 1, BID_PX, 500);
  const uint64_t sid = subscribe(&l, "orderbook_delta", TICKER, 101);
  kalshi_event_t *ev = wait_for(&l, KALSHI_EVENT_WS_REPLY, NULL, 102);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  assert_string_equal(kalshi_event_ws_type(ev), "unsubscribed");
  assert_int_equal(kalshi_event_ws_sid(ev), sid);
  kalshi_event_destroy(ev);
  assert_int_equal(r.unsubscribe_rc, KALSHI_OK);
  assert_int_equal(r.book_rc, KALSHI_OK);
  live_stop(&l);
}

/* client.mode=caller: the application drives the loop; the same flow works without a library
 * thread. */
static kalshi_event_t *drive_until(live *l, kalshi_event_type_t type, int64_t tag) {
  for (int i = 0; i < 1000; ++i) {
    kalshi_client_run(l->c, 5);
    kalshi_event_t *ev = kalshi_queue_poll(l->q, 0);
    if (ev == NULL) continue;
    if (kalshi_event_type(ev) == type && (tag < 0 || kalshi_event_user_tag(ev) == (uint64_t)tag)) {
      return ev;
    }
    kalshi_event_destroy(ev);
  }
  fail_msg("no %s in time (caller mode)", kalshi_event_type_name(type));
  return NULL;
}

static void test_caller_mode(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, "client.mode", "caller");
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_ws_open(l.c, NULL, 7, &l.w, &err), KALSHI_OK);
  kalshi_event_t *ev = NULL;
  do {
    if (ev != NULL) kalshi_event_destroy(ev);
    ev = drive_until(&l, KALSHI_EVENT_WS_STATE, -1);
  } while (kalshi_event_ws_state(ev) != KALSHI_WS_OPEN);
  kalshi_event_destroy(ev);
  const char *chs[1] = {"orderbook_delta"};
  const char *tks[1] = {TICKER};
  assert_int_equal(kalshi_ws_subscribe(l.w, chs, 1, tks, 1, 111, NULL), KALSHI_OK);
  ev = drive_until(&l, KALSHI_EVENT_WS_REPLY, 111);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  kalshi_event_destroy(ev);
  place(&l, l.maker, 1, BID_PX, 500);
  for (int i = 0; i < 1000; ++i) {
    kalshi_price_t p = 0;
    if (kalshi_ws_book_best(l.w, TICKER, KALSHI_BOOK_BID, &p, NULL) == KALSHI_OK && p == BID_PX) {
      break;
    }
    kalshi_client_run(l.c, 5);
    while ((ev = kalshi_queue_poll(l.q, 0)) != NULL) kalshi_event_destroy(ev);
  }
  kalshi_price_t p = 0;
  kalshi_count_t sz = 0;
  assert_int_equal(kalshi_ws_book_best(l.w, TICKER, KALSHI_BOOK_BID, &p, &sz), KALSHI_OK);
  assert_int_equal(p, BID_PX);
  assert_int_equal(sz, 500);
  live_stop(&l);
}

/* A refused handshake (the key is not registered for perps) does not retry: CLOSED with the
 * reason, then WS_CLOSED. ws.reconnect=false: a dropped connection closes instead of retrying. */
static void test_refused_and_no_reconnect(void **state) {
  (void)state;
  live l;
  live_start(&l, 0, NULL, NULL);
  kalshi_conf_t *o = test_conf("ws.product", "perps", NULL);
  kalshi_ws_t *perps = NULL;
  assert_int_equal(kalshi_ws_open(l.c, o, 9, &perps, NULL), KALSHI_OK);
  kalshi_conf_destroy(o);
  kalshi_event_t *ev = NULL;
  for (;;) {
    ev = wait_for(&l, KALSHI_EVENT_WS_STATE, NULL, 9);
    if (kalshi_event_ws_state(ev) == KALSHI_WS_CLOSED) break;
    assert_int_not_equal(kalshi_event_ws_state(ev), KALSHI_WS_OPEN);
    kalshi_event_destroy(ev);
  }
  assert_int_not_equal(kalshi_event_err(ev), KALSHI_OK);
  kalshi_event_destroy(ev);
  kalshi_event_destroy(wait_for(&l, KALSHI_EVENT_WS_CLOSED, NULL, 9));
  assert_int_equal(kalshi_ws_state(perps), KALSHI_WS_CLOSED);
  kalshi_ws_destroy(perps);

  o = test_conf("ws.reconnect", "false", NULL);
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_ws_open(l.c, o, 7, &l.w, &err), KALSHI_OK);
  kalshi_conf_destroy(o);
  wait_state(&l, KALSHI_WS_OPEN);
  assert_int_equal(kalshi_sim_fault(l.sim, "ws", NULL, "drop", NULL), KALSHI_OK);
  ev = wait_for(&l, KALSHI_EVENT_WS_STATE, NULL, 7);
  assert_int_equal(kalshi_event_ws_state(ev), KALSHI_WS_CLOSED);
  assert_int_not_equal(kalshi_event_err(ev), KALSHI_OK);
  kalshi_event_destroy(ev);
  kalshi_event_destroy(wait_for(&l, KALSHI_EVENT_WS_CLOSED, NULL, 7));
  live_stop(&l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_book_plain),
      cmocka_unit_test(test_book_tls),
      cmocka_unit_test(test_trade_fill_ticker),
      cmocka_unit_test(test_commands),
      cmocka_unit_test(test_gap_resyncs),
      cmocka_unit_test(test_reconnect_restores),
      cmocka_unit_test(test_overflow_drop_oldest),
      cmocka_unit_test(test_overflow_resync),
      cmocka_unit_test(test_perps_book),
      cmocka_unit_test(test_client_destroyed_first),
      cmocka_unit_test(test_destroy_while_connecting),
      cmocka_unit_test(test_dispatch_reentry),
      cmocka_unit_test(test_caller_mode),
      cmocka_unit_test(test_refused_and_no_reconnect),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
