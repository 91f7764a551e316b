/* kalshi watch TICKER: the live order book and last trade over the WebSocket (orderbook_delta,
 * ticker and trade channels). On a terminal the view is redrawn in place; otherwise each change
 * is appended as a line. Ends after --seconds or on Ctrl-C. Public C API only. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "target.h"

#define SUBSCRIBE_TAG 2
#define REDRAW_MS 100

static volatile sig_atomic_t interrupted = 0;
static void on_sigint(int sig) {
  (void)sig;
  interrupted = 1;
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef struct watch {
  cli_target *t;
  kalshi_ws_t *ws;
  kalshi_book_t *book;
  const char *ticker;
  size_t depth;
  int tty;
  int drawn; /* lines of the in-place view on screen */
  kalshi_price_t last_bid, last_ask, trade_px;
  kalshi_count_t last_bq, last_aq, trade_qty;
  char taker[8];
  unsigned long trades;
  kalshi_count_t volume; /* from the ticker channel; -1 until one arrives */
} watch;

/* The first field of the kind whose name is one of `names` (the trade and ticker payloads
 * name their price and size differently in the two pricing forms). */
static int first_price(const kalshi_obj_t *o, const char *const *names, kalshi_price_t *out) {
  for (; *names != NULL; ++names) {
    if (kalshi_obj_price(o, *names, out) == KALSHI_OK) return 1;
  }
  return 0;
}
static int first_count(const kalshi_obj_t *o, const char *const *names, kalshi_count_t *out) {
  for (; *names != NULL; ++names) {
    if (kalshi_obj_count(o, *names, out) == KALSHI_OK) return 1;
  }
  return 0;
}

static void on_trade(watch *w, const kalshi_event_t *ev) {
  const kalshi_obj_t *o = kalshi_event_obj_count(ev) > 0 ? kalshi_event_obj(ev, 0) : NULL;
  static const char *const prices[] = {"yes_price_dollars", "yes_price", "price", NULL};
  static const char *const counts[] = {"count_fp", "count", NULL};
  kalshi_price_t p = 0;
  kalshi_count_t c = 0;
  if (o == NULL || !first_price(o, prices, &p) || !first_count(o, counts, &c)) return;
  w->trade_px = p;
  w->trade_qty = c;
  const char *side = NULL;
  size_t n = 0;
  w->taker[0] = '\0';
  if (kalshi_obj_str(o, "taker_side", &side, &n) == KALSHI_OK && n < sizeof w->taker) {
    memcpy(w->taker, side, n + 1);
  }
  ++w->trades;
  if (!w->tty && !w->t->json) {
    char a[48], b[48];
    printf("trade %s %s @ %s%s%s\n", w->ticker, cli_qty(c, a, sizeof a), cli_px(p, b, sizeof b),
           w->taker[0] ? " taker " : "", w->taker);
  }
}

static void level_text(const watch *w, int side, size_t i, char *out, size_t cap) {
  kalshi_price_t p = 0;
  kalshi_count_t q = 0;
  char a[48], b[48];
  if (kalshi_book_level(w->book, w->ticker, side, i, &p, &q) == KALSHI_OK) {
    snprintf(out, cap, "%10s %10s", cli_px(p, a, sizeof a), cli_qty(q, b, sizeof b));
  } else {
    snprintf(out, cap, "%10s %10s", "", "");
  }
}

/* The terminal view: header, `depth` rows and the last trade, redrawn over itself. */
static void draw_tty(watch *w) {
  if (w->drawn > 0) printf("\033[%dA", w->drawn);
  int lines = 0;
  printf("\r\033[K%s live (Ctrl-C to stop)\n", w->ticker), ++lines;
  printf("\r\033[K%10s %10s   %10s %10s\n", "BID", "SIZE", "ASK", "SIZE"), ++lines;
  for (size_t i = 0; i < w->depth; ++i) {
    char bid[112], ask[112];
    level_text(w, KALSHI_BOOK_BID, i, bid, sizeof bid);
    level_text(w, KALSHI_BOOK_ASK, i, ask, sizeof ask);
    printf("\r\033[K%s   %s\n", bid, ask), ++lines;
  }
  char a[48], b[48], vol[80] = "";
  if (w->volume >= 0) snprintf(vol, sizeof vol, "; volume %s", cli_qty(w->volume, a, sizeof a));
  if (w->trades > 0) {
    printf("\r\033[Klast trade %s @ %s%s%s (%lu seen)%s\n", cli_qty(w->trade_qty, a, sizeof a),
           cli_px(w->trade_px, b, sizeof b), w->taker[0] ? ", taker " : "", w->taker, w->trades,
           vol);
  } else {
    printf("\r\033[Kno trade yet%s\n", vol);
  }
  ++lines;
  w->drawn = lines;
  fflush(stdout);
}

/* The appended view: the whole book once, then a line whenever the top of the book changes. */
static void draw_lines(watch *w) {
  kalshi_price_t bp = 0, ap = 0;
  kalshi_count_t bq = 0, aq = 0;
  const int has_bid = kalshi_book_best(w->book, w->ticker, KALSHI_BOOK_BID, &bp, &bq) == KALSHI_OK;
  const int has_ask = kalshi_book_best(w->book, w->ticker, KALSHI_BOOK_ASK, &ap, &aq) == KALSHI_OK;
  if (!has_bid) bp = -1, bq = 0;
  if (!has_ask) ap = -1, aq = 0;
  if (w->drawn == 0) {
    printf("book %s\n%10s %10s   %10s %10s\n", w->ticker, "BID", "SIZE", "ASK", "SIZE");
    for (size_t i = 0; i < w->depth; ++i) {
      char bid[112], ask[112];
      level_text(w, KALSHI_BOOK_BID, i, bid, sizeof bid);
      level_text(w, KALSHI_BOOK_ASK, i, ask, sizeof ask);
      if (strspn(bid, " ") == strlen(bid) && strspn(ask, " ") == strlen(ask)) break;
      printf("%s   %s\n", bid, ask);
    }
    w->drawn = 1;
  } else if (bp == w->last_bid && ap == w->last_ask && bq == w->last_bq && aq == w->last_aq) {
    return;
  }
  w->last_bid = bp, w->last_ask = ap, w->last_bq = bq, w->last_aq = aq;
  char a[48], b[48], c[48], d[48];
  printf("top %s bid %s x %s ask %s x %s\n", w->ticker, has_bid ? cli_px(bp, a, sizeof a) : "-",
         has_bid ? cli_qty(bq, b, sizeof b) : "-", has_ask ? cli_px(ap, c, sizeof c) : "-",
         has_ask ? cli_qty(aq, d, sizeof d) : "-");
  fflush(stdout);
}

/* Handles one event; returns 0 to go on, or an exit status. */
static int on_event(watch *w, kalshi_event_t *ev, int *dirty) {
  const kalshi_event_type_t type = kalshi_event_type(ev);
  if (type == KALSHI_EVENT_WS_REPLY && kalshi_event_user_tag(ev) == SUBSCRIBE_TAG) {
    if (kalshi_event_err(ev) != KALSHI_OK) return cli_check_event("watch: subscribe", ev);
  } else if (type == KALSHI_EVENT_WS_CLOSED) {
    if (kalshi_event_err(ev) != KALSHI_OK) return cli_check_event("watch", ev);
    fprintf(stderr, "kalshi: watch: the connection closed\n");
    return 1;
  } else if (type == KALSHI_EVENT_WS_STATE && kalshi_event_ws_state(ev) == KALSHI_WS_RECONNECTING &&
             !w->tty) {
    printf("reconnecting\n");
  } else if (type == KALSHI_EVENT_WS_MESSAGE) {
    const char *channel = kalshi_event_ws_channel(ev);
    if (w->t->json) cli_print_body(ev);
    if (strcmp(channel, "orderbook_delta") == 0) {
      *dirty = 1;
    } else if (strcmp(channel, "trade") == 0) {
      on_trade(w, ev);
      *dirty = 1;
    } else if (strcmp(channel, "ticker") == 0 && kalshi_event_obj_count(ev) > 0) {
      static const char *const volumes[] = {"volume_fp", "volume", NULL};
      if (first_count(kalshi_event_obj(ev, 0), volumes, &w->volume)) *dirty = 1;
    }
  } else if (type == KALSHI_EVENT_WS_RESYNC && !w->tty && !w->t->json) {
    printf("resync (messages were lost; a fresh snapshot follows)\n");
  }
  return 0;
}

static int run_watch(const cli_args *a, cli_target *t) {
  uint32_t seconds = 0, depth = 0;
  if (cli_get_u32(a, "--seconds", 1, 86400, 0, &seconds) ||
      cli_get_u32(a, "--depth", 1, 50, 5, &depth)) {
    return 2;
  }
  if (a->npos != 1) return cli_usage_error(a, "wants one TICKER");
  if (cli_require_credentials(a) != 0) return 2;
  const int opened = cli_target_open(a, t);
  if (opened != 0) return opened;
  watch w;
  memset(&w, 0, sizeof w);
  w.t = t;
  w.ticker = a->pos[0];
  w.depth = depth;
  w.tty = !t->json && isatty(STDOUT_FILENO);
  w.last_bid = w.last_ask = -2;
  w.volume = -1;
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_ws_open(t->client, NULL, 1, &w.ws, &err);
  if (rc != KALSHI_OK) return cli_call_failed("watch", rc, err);
  if (kalshi_book_new(&w.book) != KALSHI_OK) {
    kalshi_ws_destroy(w.ws);
    return cli_fail("book", KALSHI_ERR_NO_MEMORY, NULL);
  }
  const char *channels[] = {"orderbook_delta", "ticker", "trade"};
  const char *tickers[] = {w.ticker};
  rc = kalshi_ws_subscribe(w.ws, channels, 3, tickers, 1, SUBSCRIBE_TAG, &err);
  int status = rc != KALSHI_OK ? cli_call_failed("watch: subscribe", rc, err) : 0;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigaction(SIGINT, &sa, NULL);
  const long long end = seconds > 0 ? now_ms() + (long long)seconds * 1000 : -1;
  long long next_draw = 0;
  int dirty = 0;
  while (status == 0 && !interrupted && (end < 0 || now_ms() < end)) {
    long long wait = 100;
    if (end >= 0 && end - now_ms() < wait) wait = end - now_ms();
    kalshi_event_t *ev = kalshi_queue_poll(t->q, wait > 0 ? (int)wait : 0);
    if (ev != NULL) {
      status = on_event(&w, ev, &dirty);
      kalshi_event_destroy(ev);
    }
    if (status != 0 || !dirty || now_ms() < next_draw || t->json) continue;
    /* Redraw from a consistent copy of the connection's local book, at most every 100 ms. */
    /* NOT_FOUND: the snapshot was an empty book; show it empty. */
    if (kalshi_ws_book_copy(w.ws, w.ticker, w.book, NULL) != KALSHI_OK) {
      (void)kalshi_book_clear(w.book, w.ticker);
    }
    dirty = 0;
    next_draw = now_ms() + REDRAW_MS;
    if (w.tty) {
      draw_tty(&w);
    } else {
      draw_lines(&w);
    }
  }
  if (status == 0 && !t->json && w.drawn == 0) {
    fprintf(stderr, "kalshi: watch: no order book for %s arrived\n", w.ticker);
    status = 1;
  }
  signal(SIGINT, SIG_DFL);
  (void)kalshi_ws_close(w.ws);
  kalshi_event_t *closed = cli_wait(t, 1, KALSHI_EVENT_WS_CLOSED, KALSHI_EVENT_WS_CLOSED, 2000);
  kalshi_event_destroy(closed);
  kalshi_ws_destroy(w.ws);
  kalshi_book_destroy(w.book);
  return status;
}

int cmd_watch(int argc, char **argv) {
  static const cli_opt_spec specs[] = {{"--seconds", 1}, {"--depth", 1}, {NULL, 0}};
  cli_args a;
  const int parsed = cli_parse(argc, argv, specs, &a);
  if (parsed != 0) return parsed;
  cli_target t;
  memset(&t, 0, sizeof t);
  const int status = run_watch(&a, &t);
  cli_target_close(&t);
  return status;
}
