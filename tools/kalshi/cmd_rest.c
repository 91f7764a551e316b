/* kalshi markets | book | order | cancel | balance | positions: REST calls through the public C
 * API, printed as tables (or the raw JSON bodies with --json). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "target.h"

#define TAG 1

/* Field readers that print "-" for what the object does not carry. */
static const char *str_field(const kalshi_obj_t *o, const char *name) {
  const char *v = NULL;
  return kalshi_obj_str(o, name, &v, NULL) == KALSHI_OK ? v : "-";
}
static const char *px_field(const kalshi_obj_t *o, const char *name, char *buf, size_t cap) {
  kalshi_price_t p = 0;
  if (kalshi_obj_price(o, name, &p) != KALSHI_OK) return "-";
  return cli_px(p, buf, cap);
}
static const char *qty_field(const kalshi_obj_t *o, const char *name, char *buf, size_t cap) {
  kalshi_count_t c = 0;
  if (kalshi_obj_count(o, name, &c) != KALSHI_OK) return "-";
  return cli_qty(c, buf, cap);
}

/* Waits for the one response of a call and checks it; *out keeps the event on success. */
static int finish_call(cli_target *t, const char *what, kalshi_event_t **out) {
  kalshi_event_t *ev =
      cli_wait(t, TAG, KALSHI_EVENT_REST_RESPONSE, KALSHI_EVENT_REST_RESPONSE, CLI_CALL_TIMEOUT_MS);
  const int status = cli_check_event(what, ev);
  if (status != 0) {
    kalshi_event_destroy(ev);
    return status;
  }
  if (t->json) cli_print_body(ev);
  *out = ev;
  return 0;
}

/* ---- markets ---- */

static void print_market(const kalshi_obj_t *m) {
  char a[48], b[48], c[48], d[48];
  printf("%-32s %-11s %7s %7s %7s %10s\n", str_field(m, "ticker"), str_field(m, "status"),
         px_field(m, "yes_bid_dollars", a, sizeof a), px_field(m, "yes_ask_dollars", b, sizeof b),
         px_field(m, "last_price_dollars", c, sizeof c), qty_field(m, "volume_fp", d, sizeof d));
}

static int run_markets(const cli_args *a, cli_target *t) {
  uint32_t limit = 0, max_pages = 0;
  if (cli_get_u32(a, "--limit", 1, 1000, 0, &limit) ||
      cli_get_u32(a, "--max-pages", 1, 1000000, 0, &max_pages)) {
    return 2;
  }
  if (a->npos != 0) return cli_usage_error(a, "takes no arguments, only options");
  const int opened = cli_target_open(a, t);
  if (opened != 0) return opened;
  kalshi_rest_params_t *p = NULL;
  if (kalshi_rest_params_new(&p) != KALSHI_OK)
    return cli_fail("params", KALSHI_ERR_NO_MEMORY, NULL);
  char limit_text[16];
  snprintf(limit_text, sizeof limit_text, "%u", (unsigned)limit);
  const char *status = cli_get(a, "--status");
  const char *series = cli_get(a, "--series");
  kalshi_err_t rc = KALSHI_OK;
  if (status != NULL) rc = kalshi_rest_params_set(p, "status", status);
  if (rc == KALSHI_OK && series != NULL) rc = kalshi_rest_params_set(p, "series_ticker", series);
  if (rc == KALSHI_OK && limit != 0) rc = kalshi_rest_params_set(p, "limit", limit_text);
  kalshi_error_t *err = NULL;
  if (rc == KALSHI_OK) {
    rc = kalshi_rest_paginate(t->client, KALSHI_REST_PREDICTION, "GetMarkets", p, max_pages, TAG,
                              &err);
  }
  kalshi_rest_params_destroy(p);
  if (rc != KALSHI_OK) return cli_call_failed("markets", rc, err);

  /* Rows print as pages arrive; the progress line (a TTY only) counts pages and markets. */
  const int progress = isatty(STDERR_FILENO);
  unsigned long pages = 0, items = 0;
  if (!t->json) {
    printf("%-32s %-11s %7s %7s %7s %10s\n", "TICKER", "STATUS", "YES BID", "YES ASK", "LAST",
           "VOLUME");
  }
  for (;;) {
    kalshi_event_t *ev =
        cli_wait(t, TAG, KALSHI_EVENT_REST_PAGE, KALSHI_EVENT_REST_DONE, CLI_CALL_TIMEOUT_MS);
    if (ev == NULL || kalshi_event_type(ev) == KALSHI_EVENT_REST_DONE) {
      if (progress) fputs("\r\033[K", stderr);
      const int s = cli_check_event("markets", ev);
      const int truncated = ev != NULL && kalshi_event_rest_truncated(ev);
      kalshi_event_destroy(ev);
      if (s != 0) return s;
      if (!t->json) {
        printf("%lu market%s (%lu page%s%s)\n", items, items == 1 ? "" : "s", pages,
               pages == 1 ? "" : "s", truncated ? ", stopped at --max-pages" : "");
      }
      return 0;
    }
    if (cli_check_event("markets", ev) != 0) {
      kalshi_event_destroy(ev);
      continue; /* the DONE event that follows says how the listing ended */
    }
    ++pages;
    const size_t n = kalshi_event_obj_count(ev);
    items += n;
    /* Off with the progress line first: on a terminal stdout's rows would land behind it. */
    if (progress) fputs("\r\033[K", stderr);
    if (t->json) {
      cli_print_body(ev);
    } else {
      for (size_t i = 0; i < n; ++i) print_market(kalshi_event_obj(ev, i));
    }
    fflush(stdout);
    if (progress)
      fprintf(stderr, "\r\033[Kfetching markets: %lu page%s, %lu market%s", pages,
              pages == 1 ? "" : "s", items, items == 1 ? "" : "s");
    fflush(stderr);
    kalshi_event_destroy(ev);
  }
}

/* ---- book ---- */

typedef struct level {
  kalshi_price_t price;
  kalshi_count_t size;
} level;

static int by_price_desc(const void *x, const void *y) {
  const level *a = x, *b = y;
  return a->price < b->price ? 1 : a->price > b->price ? -1 : 0;
}

/* The side's levels, best (highest bid) first whatever order the exchange sent them in. */
static size_t read_side(const kalshi_obj_t *o, const char *side, level **out) {
  const size_t n = kalshi_obj_level_count(o, side);
  *out = NULL;
  if (n == 0) return 0;
  level *v = calloc(n, sizeof *v);
  if (v == NULL) return 0;
  size_t got = 0;
  for (size_t i = 0; i < n; ++i) {
    if (kalshi_obj_level(o, side, i, &v[got].price, &v[got].size) == KALSHI_OK) ++got;
  }
  qsort(v, got, sizeof *v, by_price_desc);
  *out = v;
  return got;
}

static void print_book(const char *ticker, const kalshi_obj_t *o, size_t depth) {
  level *yes = NULL, *no = NULL;
  size_t n_yes = read_side(o, "yes", &yes);
  size_t n_no = read_side(o, "no", &no);
  if (depth != 0 && n_yes > depth) n_yes = depth;
  if (depth != 0 && n_no > depth) n_no = depth;
  printf("%s (YES prices; an ask is a NO bid at 1 - its price)\n", ticker);
  printf("%10s %10s   %10s %10s\n", "BID", "SIZE", "ASK", "SIZE");
  if (n_yes == 0 && n_no == 0) printf("(empty book)\n");
  for (size_t i = 0; i < n_yes || i < n_no; ++i) {
    char a[48], b[48], c[48], d[48];
    if (i < n_yes) {
      printf("%10s %10s", cli_px(yes[i].price, a, sizeof a), cli_qty(yes[i].size, b, sizeof b));
    } else {
      printf("%10s %10s", "", "");
    }
    if (i < n_no) {
      printf("   %10s %10s\n", cli_px(KALSHI_PRICE_SCALE - no[i].price, c, sizeof c),
             cli_qty(no[i].size, d, sizeof d));
    } else {
      printf("\n");
    }
  }
  free(yes);
  free(no);
}

static int run_book(const cli_args *a, cli_target *t) {
  uint32_t depth = 0;
  if (cli_get_u32(a, "--depth", 1, 1000, 10, &depth)) return 2;
  if (a->npos != 1) return cli_usage_error(a, "wants one TICKER");
  const int s = cli_target_open(a, t);
  if (s != 0) return s;
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc = kalshi_rest_get_orderbook(t->client, a->pos[0], depth, TAG, &err);
  if (rc != KALSHI_OK) return cli_call_failed("book", rc, err);
  kalshi_event_t *ev = NULL;
  const int status = finish_call(t, "book", &ev);
  if (status != 0) return status;
  if (!t->json) {
    const kalshi_obj_t *o = kalshi_event_obj_count(ev) > 0 ? kalshi_event_obj(ev, 0) : NULL;
    print_book(a->pos[0], o, depth);
  }
  kalshi_event_destroy(ev);
  return 0;
}

/* ---- order / cancel ---- */

static int parse_decimal(const cli_args *a, const char *what, const char *text, int is_price,
                         int64_t *out) {
  const size_t n = strlen(text);
  const kalshi_err_t rc =
      is_price ? kalshi_price_parse(text, n, out) : kalshi_count_parse(text, n, out);
  if (rc == KALSHI_OK && *out > 0) return 0;
  char why[200];
  snprintf(why, sizeof why, "%s \"%.40s\": %s", what, text,
           rc == KALSHI_OK ? "must be positive"
           : rc == KALSHI_ERR_INEXACT
               ? (is_price ? "more than 6 decimal places" : "more than 2 decimal places")
               : "not a plain decimal number (like 10 or 0.56)");
  return cli_usage_error(a, why);
}

static const char *tif_name(const char *t) {
  if (t == NULL) return NULL;
  if (strcmp(t, "gtc") == 0 || strcmp(t, "good_till_canceled") == 0) return "good_till_canceled";
  if (strcmp(t, "ioc") == 0 || strcmp(t, "immediate_or_cancel") == 0) return "immediate_or_cancel";
  if (strcmp(t, "fok") == 0 || strcmp(t, "fill_or_kill") == 0) return "fill_or_kill";
  return "";
}

static int run_order(const cli_args *a, cli_target *t) {
  if (a->npos != 5) return cli_usage_error(a, "wants TICKER yes|no buy|sell COUNT PRICE");
  const char *ticker = a->pos[0], *side = a->pos[1], *action = a->pos[2];
  if (strcmp(side, "yes") != 0 && strcmp(side, "no") != 0) {
    return cli_usage_error(a, "side must be yes or no");
  }
  if (strcmp(action, "buy") != 0 && strcmp(action, "sell") != 0) {
    return cli_usage_error(a, "action must be buy or sell");
  }
  kalshi_count_t count = 0;
  kalshi_price_t price = 0;
  if (parse_decimal(a, "COUNT", a->pos[3], 0, &count) ||
      parse_decimal(a, "PRICE", a->pos[4], 1, &price)) {
    return 2;
  }
  if (price >= KALSHI_PRICE_SCALE) return cli_usage_error(a, "PRICE must be below 1 dollar");
  const char *tif = tif_name(cli_get(a, "--tif"));
  if (tif != NULL && *tif == '\0') return cli_usage_error(a, "--tif wants gtc, ioc or fok");
  if (cli_require_credentials(a) != 0) return 2;
  const int s = cli_target_open(a, t);
  if (s != 0) return s;
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc = kalshi_rest_create_order(t->client, ticker, side, action, count, price,
                                                   cli_get(a, "--client-order-id"), tif, TAG, &err);
  if (rc != KALSHI_OK) return cli_call_failed("order", rc, err);
  kalshi_event_t *ev = NULL;
  const int status = finish_call(t, "order", &ev);
  if (status != 0) return status;
  if (!t->json && kalshi_event_obj_count(ev) > 0) {
    const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
    char b1[48], b2[48], b3[48], b4[48];
    printf("order %s (client order id %s): %s %s %s @ %s\n", str_field(o, "order_id"),
           str_field(o, "client_order_id"), action, cli_qty(count, b1, sizeof b1), side,
           cli_px(price, b2, sizeof b2));
    printf("  filled %s, resting %s", qty_field(o, "fill_count", b3, sizeof b3),
           qty_field(o, "remaining_count", b4, sizeof b4));
    kalshi_price_t avg = 0;
    if (kalshi_obj_price(o, "average_fill_price", &avg) == KALSHI_OK) {
      printf(", average fill price %s", cli_px(avg, b1, sizeof b1));
    }
    printf("\n");
  }
  kalshi_event_destroy(ev);
  return 0;
}

static int run_cancel(const cli_args *a, cli_target *t) {
  if (a->npos != 1) return cli_usage_error(a, "wants one ORDER_ID");
  if (cli_require_credentials(a) != 0) return 2;
  const int s = cli_target_open(a, t);
  if (s != 0) return s;
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc = kalshi_rest_cancel_order(t->client, a->pos[0], TAG, &err);
  if (rc != KALSHI_OK) return cli_call_failed("cancel", rc, err);
  kalshi_event_t *ev = NULL;
  const int status = finish_call(t, "cancel", &ev);
  if (status != 0) return status;
  if (!t->json && kalshi_event_obj_count(ev) > 0) {
    const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
    char b[48];
    printf("canceled %s: reduced by %s\n", str_field(o, "order_id"),
           qty_field(o, "reduced_by", b, sizeof b));
  }
  kalshi_event_destroy(ev);
  return 0;
}

/* ---- balance / positions ---- */

static int run_balance(const cli_args *a, cli_target *t) {
  if (a->npos != 0) return cli_usage_error(a, "takes no arguments");
  if (cli_require_credentials(a) != 0) return 2;
  const int s = cli_target_open(a, t);
  if (s != 0) return s;
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc = kalshi_rest_get_balance(t->client, TAG, &err);
  if (rc != KALSHI_OK) return cli_call_failed("balance", rc, err);
  kalshi_event_t *ev = NULL;
  const int status = finish_call(t, "balance", &ev);
  if (status != 0) return status;
  if (!t->json && kalshi_event_obj_count(ev) > 0) {
    const kalshi_obj_t *o = kalshi_event_obj(ev, 0);
    char b[48];
    printf("balance $%s\n", px_field(o, "balance", b, sizeof b));
    kalshi_price_t pv = 0;
    if (kalshi_obj_price(o, "portfolio_value", &pv) == KALSHI_OK) {
      printf("portfolio value $%s\n", cli_px(pv, b, sizeof b));
    }
  }
  kalshi_event_destroy(ev);
  return 0;
}

static int run_positions(const cli_args *a, cli_target *t) {
  if (a->npos != 0) return cli_usage_error(a, "takes no arguments");
  if (cli_require_credentials(a) != 0) return 2;
  const int s = cli_target_open(a, t);
  if (s != 0) return s;
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc = kalshi_rest_get_positions(t->client, TAG, &err);
  if (rc != KALSHI_OK) return cli_call_failed("positions", rc, err);
  kalshi_event_t *ev = NULL;
  const int status = finish_call(t, "positions", &ev);
  if (status != 0) return status;
  if (!t->json) {
    size_t shown = 0;
    for (size_t i = 0; i < kalshi_event_obj_count(ev); ++i) {
      const kalshi_obj_t *o = kalshi_event_obj(ev, i);
      if (strcmp(kalshi_obj_kind(o), "market_position") != 0) continue;
      if (shown++ == 0) {
        printf("%-32s %10s %10s %10s %10s\n", "TICKER", "POSITION", "EXPOSURE", "REALIZED", "FEES");
      }
      char b1[48], b2[48], b3[48], b4[48];
      printf("%-32s %10s %10s %10s %10s\n", str_field(o, "ticker"),
             qty_field(o, "position_fp", b1, sizeof b1),
             px_field(o, "market_exposure_dollars", b2, sizeof b2),
             px_field(o, "realized_pnl_dollars", b3, sizeof b3),
             px_field(o, "fees_paid_dollars", b4, sizeof b4));
    }
    if (shown == 0) printf("no positions\n");
  }
  kalshi_event_destroy(ev);
  return 0;
}

/* ---- entry points ---- */

typedef int (*runner)(const cli_args *, cli_target *);

static int run(int argc, char **argv, const cli_opt_spec *specs, runner fn) {
  cli_args a;
  const int parsed = cli_parse(argc, argv, specs, &a);
  if (parsed != 0) return parsed;
  cli_target t;
  memset(&t, 0, sizeof t);
  const int status = fn(&a, &t);
  cli_target_close(&t);
  return status;
}

int cmd_markets(int argc, char **argv) {
  static const cli_opt_spec specs[] = {
      {"--status", 1}, {"--series", 1}, {"--limit", 1}, {"--max-pages", 1}, {NULL, 0}};
  return run(argc, argv, specs, run_markets);
}

int cmd_book(int argc, char **argv) {
  static const cli_opt_spec specs[] = {{"--depth", 1}, {NULL, 0}};
  return run(argc, argv, specs, run_book);
}

int cmd_order(int argc, char **argv) {
  static const cli_opt_spec specs[] = {{"--client-order-id", 1}, {"--tif", 1}, {NULL, 0}};
  return run(argc, argv, specs, run_order);
}

int cmd_cancel(int argc, char **argv) {
  return run(argc, argv, NULL, run_cancel);
}
int cmd_balance(int argc, char **argv) {
  return run(argc, argv, NULL, run_balance);
}
int cmd_positions(int argc, char **argv) {
  return run(argc, argv, NULL, run_positions);
}
