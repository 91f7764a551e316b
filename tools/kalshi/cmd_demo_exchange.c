/* `kalshi demo`, exchange part: starts kalshi-sim in this process, logs on over FIX (TLS,
 * verified against the simulator's generated CA), shows the book from KalshiMD, places and
 * cancels an order, takes liquidity and shows the fill, the account, and the live book while
 * the simulator's other participants trade. Public C API only; every wait is bounded. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define DEMO_TICKER "HIGHNY-26NOV21-T50"
#define WAIT_MS 10000
#define LIVE_BOOK_MS 2500

typedef struct demo {
  kalshi_sim_t *sim;
  kalshi_client_t *client;
  kalshi_queue_t *q;
  kalshi_book_t *book;
  kalshi_fix_session_t *nr;
  kalshi_fix_session_t *md;
  uint32_t member;
  uint32_t maker;
} demo;

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *px(kalshi_price_t p, char *buf, size_t cap) {
  if (kalshi_price_format(p, 2, buf, cap, NULL) != KALSHI_OK) snprintf(buf, cap, "?");
  return buf;
}

static const char *qty(kalshi_count_t c, char *buf, size_t cap) {
  if (kalshi_count_format(c, 0, buf, cap, NULL) != KALSHI_OK) snprintf(buf, cap, "?");
  return buf;
}

/* The next event within the deadline (NULL when it passed); market data goes into the book. */
static kalshi_event_t *next_event(demo *d, long long deadline) {
  const long long left = deadline - now_ms();
  if (left <= 0) return NULL;
  kalshi_event_t *ev = kalshi_queue_poll(d->q, (int)left);
  if (ev != NULL) (void)kalshi_book_apply_event(d->book, ev);
  return ev;
}

static int wait_active(demo *d, const char *name) {
  const long long deadline = now_ms() + WAIT_MS;
  int active = 0;
  kalshi_event_t *ev;
  while (!active && (ev = next_event(d, deadline)) != NULL) {
    if (kalshi_event_type(ev) == KALSHI_EVENT_FIX_STATE &&
        kalshi_event_fix_state(ev) == KALSHI_FIX_ACTIVE) {
      active = 1;
    }
    kalshi_event_destroy(ev);
  }
  if (!active) fprintf(stderr, "kalshi: demo: %s did not log on\n", name);
  return active;
}

/* Prints the ExecutionReports of cl_ord_id until one with an ExecType in `until`. */
static int follow_order(demo *d, const char *cl_ord_id, const char *until) {
  const long long deadline = now_ms() + WAIT_MS;
  kalshi_event_t *ev;
  while ((ev = next_event(d, deadline)) != NULL) {
    const kalshi_fix_msg_t *m =
        kalshi_event_type(ev) == KALSHI_EVENT_FIX_MESSAGE ? kalshi_event_fix_msg(ev) : NULL;
    const char *id = NULL;
    size_t n = 0;
    char exec_type = 0;
    if (m == NULL || strcmp(kalshi_fix_msg_type(m), "8") != 0 ||
        kalshi_fix_msg_str(m, 11, &id, &n) != KALSHI_OK || n != strlen(cl_ord_id) ||
        memcmp(id, cl_ord_id, n) != 0 || kalshi_fix_msg_char(m, 150, &exec_type) != KALSHI_OK) {
      kalshi_event_destroy(ev);
      continue;
    }
    char a[48], b[48], c[48];
    kalshi_price_t last_px = 0;
    kalshi_count_t last_qty = 0, leaves = 0;
    (void)kalshi_fix_msg_count(m, 151, &leaves);
    switch (exec_type) {
      case '0':
        printf("   ER %s: New, resting %s\n", cl_ord_id, qty(leaves, a, sizeof a));
        break;
      case '4':
        printf("   ER %s: Canceled\n", cl_ord_id);
        break;
      case 'F':
        (void)kalshi_fix_msg_price(m, 31, &last_px);
        (void)kalshi_fix_msg_count(m, 32, &last_qty);
        printf("   ER %s: Trade %s @ %s, %s left\n", cl_ord_id, qty(last_qty, a, sizeof a),
               px(last_px, b, sizeof b), qty(leaves, c, sizeof c));
        break;
      case '8': {
        const char *text = "";
        size_t tn = 0;
        (void)kalshi_fix_msg_str(m, 58, &text, &tn);
        printf("   ER %s: Rejected %.*s\n", cl_ord_id, (int)tn, text);
        break;
      }
      default:
        printf("   ER %s: ExecType %c\n", cl_ord_id, exec_type);
    }
    const int done =
        strchr(until, exec_type) != NULL || exec_type == '8' || (exec_type == 'F' && leaves == 0);
    kalshi_event_destroy(ev);
    if (done) return exec_type == '8' ? 0 : 1;
  }
  fprintf(stderr, "kalshi: demo: no ExecutionReport for %s in time\n", cl_ord_id);
  return 0;
}

static void print_book(demo *d, size_t depth) {
  char a[48], b[48];
  printf("   %-18s %s\n", "bids (YES)", "asks (YES)");
  for (size_t i = 0; i < depth; ++i) {
    kalshi_price_t bp = 0, ap = 0;
    kalshi_count_t bq = 0, aq = 0;
    const int has_bid =
        kalshi_book_level(d->book, DEMO_TICKER, KALSHI_BOOK_BID, i, &bp, &bq) == KALSHI_OK;
    const int has_ask =
        kalshi_book_level(d->book, DEMO_TICKER, KALSHI_BOOK_ASK, i, &ap, &aq) == KALSHI_OK;
    if (!has_bid && !has_ask) break;
    char bid[112] = "", ask[112] = "";
    if (has_bid) snprintf(bid, sizeof bid, "%s x %s", px(bp, a, sizeof a), qty(bq, b, sizeof b));
    if (has_ask) snprintf(ask, sizeof ask, "%s x %s", px(ap, a, sizeof a), qty(aq, b, sizeof b));
    printf("   %-18s %s\n", bid, ask);
  }
}

static int wait_snapshot(demo *d) {
  const long long deadline = now_ms() + WAIT_MS;
  kalshi_event_t *ev;
  while ((ev = next_event(d, deadline)) != NULL) {
    const int snapshot = kalshi_event_type(ev) == KALSHI_EVENT_FIX_MESSAGE &&
                         strcmp(kalshi_fix_msg_type(kalshi_event_fix_msg(ev)), "W") == 0;
    kalshi_event_destroy(ev);
    if (snapshot) return 1;
  }
  fprintf(stderr, "kalshi: demo: no market-data snapshot in time\n");
  return 0;
}

static void live_book(demo *d) {
  const long long deadline = now_ms() + LIVE_BOOK_MS;
  kalshi_price_t last_bid = -1, last_ask = -1;
  kalshi_count_t last_bq = -1, last_aq = -1;
  int lines = 0;
  kalshi_event_t *ev;
  while (lines < 12 && (ev = next_event(d, deadline)) != NULL) {
    const int incremental = kalshi_event_type(ev) == KALSHI_EVENT_FIX_MESSAGE &&
                            strcmp(kalshi_fix_msg_type(kalshi_event_fix_msg(ev)), "X") == 0;
    kalshi_event_destroy(ev);
    if (!incremental) continue;
    kalshi_price_t bp = 0, ap = 0;
    kalshi_count_t bq = 0, aq = 0;
    (void)kalshi_book_best(d->book, DEMO_TICKER, KALSHI_BOOK_BID, &bp, &bq);
    (void)kalshi_book_best(d->book, DEMO_TICKER, KALSHI_BOOK_ASK, &ap, &aq);
    if (bp == last_bid && ap == last_ask && bq == last_bq && aq == last_aq) continue;
    last_bid = bp, last_ask = ap, last_bq = bq, last_aq = aq;
    char a[48], b[48], c[48], e[48];
    printf("   best bid %s x %-6s best ask %s x %s\n", px(bp, a, sizeof a), qty(bq, b, sizeof b),
           px(ap, c, sizeof c), qty(aq, e, sizeof e));
    ++lines;
  }
  if (lines == 0) printf("   (no changes at the top of the book)\n");
}

static int setup(demo *d, kalshi_error_t **err) {
  kalshi_conf_t *conf = kalshi_conf_new();
  char errstr[256];
  if (conf == NULL || kalshi_conf_set(conf, "sim.activity", "true", errstr, sizeof errstr) ||
      kalshi_conf_set(conf, "sim.activity_rate", "20", errstr, sizeof errstr) ||
      kalshi_conf_set(conf, "sim.seed", "2026", errstr, sizeof errstr)) {
    kalshi_conf_destroy(conf);
    return cli_fail("demo conf", KALSHI_ERR_INVALID_VALUE, NULL);
  }
  kalshi_err_t rc = kalshi_sim_start(conf, &d->sim, err);
  kalshi_conf_destroy(conf);
  if (rc != KALSHI_OK) return cli_fail("kalshi-sim", rc, *err);

  /* A fresh RSA key for the demo member (FIX logons are RSA-PSS signed). */
  kalshi_key_t *key = NULL;
  rc = kalshi_key_generate(KALSHI_KEY_RSA, 2048, &key, err);
  if (rc != KALSHI_OK) return cli_fail("keygen", rc, *err);
  char pub[4096], priv[8192];
  size_t pub_len = sizeof pub, priv_len = sizeof priv;
  if (kalshi_key_public_pem(key, pub, &pub_len) != KALSHI_OK ||
      kalshi_key_private_pem(key, priv, &priv_len) != KALSHI_OK) {
    kalshi_key_destroy(key);
    return cli_fail("key PEM", KALSHI_ERR_INTERNAL, NULL);
  }
  kalshi_key_destroy(key);
  rc = kalshi_sim_register_key(d->sim, KALSHI_PRODUCT_PREDICTION, "demo-key", pub, strlen(pub), 0,
                               &d->member, err);
  if (rc == KALSHI_OK) {
    rc = kalshi_sim_register_key(d->sim, KALSHI_PRODUCT_PREDICTION, "demo-maker", pub, strlen(pub),
                                 0, &d->maker, err);
  }
  if (rc != KALSHI_OK) return cli_fail("register key", rc, *err);

  conf = kalshi_conf_new();
  if (conf == NULL || kalshi_conf_set(conf, "auth.key_id", "demo-key", errstr, sizeof errstr) ||
      kalshi_conf_set(conf, "auth.private_key", priv, errstr, sizeof errstr)) {
    kalshi_conf_destroy(conf);
    return cli_fail("client conf", KALSHI_ERR_INVALID_VALUE, NULL);
  }
  memset(priv, 0, sizeof priv);
  rc = kalshi_sim_client_conf(d->sim, conf, 1, err);
  if (rc == KALSHI_OK) rc = kalshi_client_new(conf, &d->client, err);
  kalshi_conf_destroy(conf);
  if (rc != KALSHI_OK) return cli_fail("client", rc, *err);
  d->q = kalshi_client_queue(d->client);
  if (kalshi_book_new(&d->book) != KALSHI_OK) return cli_fail("book", KALSHI_ERR_NO_MEMORY, NULL);
  return 0;
}

static void teardown(demo *d) {
  if (d->nr != NULL) kalshi_fix_session_destroy(d->nr);
  if (d->md != NULL) kalshi_fix_session_destroy(d->md);
  if (d->client != NULL) kalshi_client_close(d->client, 3000);
  kalshi_queue_destroy(d->q);
  kalshi_client_destroy(d->client);
  kalshi_book_destroy(d->book);
  kalshi_sim_destroy(d->sim);
}

static int run(demo *d) {
  kalshi_error_t *err = NULL;
  if (setup(d, &err) != 0) return 1;
  uint16_t nr_port = 0, md_port = 0;
  (void)kalshi_sim_port(d->sim, "fix.nr.tls", &nr_port);
  (void)kalshi_sim_port(d->sim, "fix.md.tls", &md_port);
  char a[48], b[48];
  kalshi_price_t balance = 0;
  (void)kalshi_sim_balance(d->sim, d->member, 0, &balance);
  printf(
      "== kalshi-sim started in this process: KalshiNR on 127.0.0.1:%u, KalshiMD on :%u (TLS, "
      "test CA)\n   member %u (key demo-key), balance $%s; other participants trading\n",
      (unsigned)nr_port, (unsigned)md_port, (unsigned)d->member, px(balance, a, sizeof a));

  kalshi_conf_t *md_conf = kalshi_conf_new();
  char errstr[256];
  if (md_conf == NULL || kalshi_conf_set(md_conf, "fix.session", "md", errstr, sizeof errstr)) {
    kalshi_conf_destroy(md_conf);
    return cli_fail("md conf", KALSHI_ERR_INVALID_VALUE, NULL);
  }
  kalshi_err_t rc = kalshi_fix_session_open(d->client, NULL, 1, &d->nr, &err);
  if (rc != KALSHI_OK) {
    kalshi_conf_destroy(md_conf);
    return cli_fail("KalshiNR", rc, err);
  }
  if (!wait_active(d, "KalshiNR")) {
    kalshi_conf_destroy(md_conf);
    return 1;
  }
  rc = kalshi_fix_session_open(d->client, md_conf, 2, &d->md, &err);
  kalshi_conf_destroy(md_conf);
  if (rc != KALSHI_OK) return cli_fail("KalshiMD", rc, err);
  if (!wait_active(d, "KalshiMD")) return 1;
  printf(
      "== FIX: logged on to KalshiNR and KalshiMD (RSA-PSS signed Logon, certificate verified)\n");

  const char *symbols[] = {DEMO_TICKER};
  rc = kalshi_fix_send_md_request(d->md, '1', symbols, 1, 0, NULL, &err);
  if (rc != KALSHI_OK) return cli_fail("subscribe", rc, err);
  if (!wait_snapshot(d)) return 1;
  printf("== book %s (snapshot, 35=W)\n", DEMO_TICKER);
  print_book(d, 4);

  printf("== order demo-1: buy 5 YES @ 0.05 (rests below the market), then cancel it\n");
  rc = kalshi_fix_send_new_order(d->nr, "demo-1", DEMO_TICKER, '1', 50000, 500, '1', 0, NULL, &err);
  if (rc != KALSHI_OK) return cli_fail("order", rc, err);
  if (!follow_order(d, "demo-1", "0")) return 1;
  rc = kalshi_fix_send_cancel(d->nr, "demo-1-cxl", "demo-1", DEMO_TICKER, '1', 0, NULL, &err);
  if (rc != KALSHI_OK) return cli_fail("cancel", rc, err);
  if (!follow_order(d, "demo-1-cxl", "4")) return 1;

  /* Take liquidity: another member offers 3 YES at 0.97 so the order is sure to meet an ask
   * whatever the generated book looks like, then we buy at the best ask. */
  rc = kalshi_sim_place_order(d->sim, d->maker, DEMO_TICKER, 2, 970000, 300, &err);
  if (rc != KALSHI_OK) return cli_fail("maker order", rc, err);
  kalshi_price_t ask = 970000;
  kalshi_count_t ask_qty = 0;
  (void)kalshi_book_best(d->book, DEMO_TICKER, KALSHI_BOOK_ASK, &ask, &ask_qty);
  if (ask > 970000) ask = 970000;
  printf("== order demo-2: buy 3 YES @ %s (the best ask): fills\n", px(ask, a, sizeof a));
  rc = kalshi_fix_send_new_order(d->nr, "demo-2", DEMO_TICKER, '1', ask, 300, '3', 0, NULL, &err);
  if (rc != KALSHI_OK) return cli_fail("order", rc, err);
  if (!follow_order(d, "demo-2", "4")) return 1;

  kalshi_count_t position = 0;
  (void)kalshi_sim_balance(d->sim, d->member, 0, &balance);
  (void)kalshi_sim_position(d->sim, d->member, 0, DEMO_TICKER, &position);
  printf("== account: balance $%s, position %s YES in %s\n", px(balance, a, sizeof a),
         qty(position, b, sizeof b), DEMO_TICKER);

  printf("== live book (incremental refreshes, 35=X, for %d s)\n", LIVE_BOOK_MS / 1000);
  live_book(d);
  printf("== logout; simulator stopped\n");
  return 0;
}

int cli_demo_exchange(int argc, char **argv) {
  (void)argc;
  (void)argv;
  demo d;
  memset(&d, 0, sizeof d);
  const int status = run(&d);
  teardown(&d);
  return status;
}
