/* kalshi-sim: the commands read on stdin while it runs. Each answers one line on stdout,
 * "ok ..." or "error ...", flushed, so a script can drive the simulator through a pipe. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim_cli.h"

#define MAX_WORDS 32

/* Takes the error detail by pointer so it is read after the call that fills it (argument
 * evaluation order is unspecified in C). */
static int answer_rc(kalshi_err_t rc, kalshi_error_t **errp) {
  kalshi_error_t *err = errp != NULL ? *errp : NULL;
  if (rc == KALSHI_OK) {
    printf("ok\n");
  } else {
    printf("error %s: %s\n", kalshi_err_name(rc),
           err != NULL ? kalshi_error_message(err) : kalshi_err_str(rc));
  }
  kalshi_error_destroy(err);
  fflush(stdout);
  return SIM_CLI_MORE;
}

static int usage_error(const char *what) {
  printf("error usage: %s\n", what);
  fflush(stdout);
  return SIM_CLI_MORE;
}

static int parse_u32(const char *s, uint32_t *out) {
  char *end = NULL;
  errno = 0;
  const unsigned long v = strtoul(s, &end, 10);
  if (end == s || *end != '\0' || errno != 0 || v > UINT32_MAX) return 0;
  *out = (uint32_t)v;
  return 1;
}

static int parse_price(const char *s, kalshi_price_t *out) {
  return kalshi_price_parse(s, strlen(s), out) == KALSHI_OK;
}

static int cmd_fault(kalshi_sim_t *sim, char **w, int n, const char *rest) {
  if (n < 3) return usage_error("fault SESSION[:KEY] FAULT [ARGS]");
  char *colon = strchr(w[1], ':');
  const char *key = NULL;
  if (colon != NULL) {
    *colon = '\0';
    key = colon + 1;
  }
  kalshi_error_t *err = NULL;
  return answer_rc(kalshi_sim_fault(sim, w[1], key, rest, &err), &err);
}

static int cmd_settle(kalshi_sim_t *sim, char **w, int n) {
  if (n != 3) return usage_error("settle TICKER yes|no|PRICE");
  kalshi_price_t value = 0;
  if (strcmp(w[2], "yes") == 0) {
    value = 1000000;
  } else if (strcmp(w[2], "no") == 0) {
    value = 0;
  } else if (!parse_price(w[2], &value)) {
    return usage_error("settle TICKER yes|no|PRICE");
  }
  kalshi_error_t *err = NULL;
  return answer_rc(kalshi_sim_settle(sim, w[1], value, &err), &err);
}

static int cmd_order(kalshi_sim_t *sim, char **w, int n) {
  uint32_t member = 0;
  kalshi_price_t price = 0;
  kalshi_count_t qty = 0;
  const int side = n == 6 ? (strcmp(w[3], "buy") == 0 ? 1 : strcmp(w[3], "sell") == 0 ? 2 : 0) : 0;
  if (n != 6 || side == 0 || !parse_u32(w[1], &member) || !parse_price(w[4], &price) ||
      kalshi_count_parse(w[5], strlen(w[5]), &qty) != KALSHI_OK) {
    return usage_error("order MEMBER TICKER buy|sell PRICE QTY (e.g. order 2 T buy 0.40 10)");
  }
  kalshi_error_t *err = NULL;
  return answer_rc(kalshi_sim_place_order(sim, member, w[2], side, price, qty, &err), &err);
}

static int cmd_balance(kalshi_sim_t *sim, char **w, int n) {
  uint32_t member = 0;
  if (n != 2 || !parse_u32(w[1], &member)) return usage_error("balance MEMBER");
  kalshi_price_t balance = 0;
  const kalshi_err_t rc = kalshi_sim_balance(sim, member, 0, &balance);
  if (rc != KALSHI_OK) return answer_rc(rc, NULL);
  char text[48];
  kalshi_price_format(balance, 2, text, sizeof text, NULL);
  printf("ok %s\n", text);
  fflush(stdout);
  return SIM_CLI_MORE;
}

static int cmd_position(kalshi_sim_t *sim, char **w, int n) {
  uint32_t member = 0;
  if (n != 3 || !parse_u32(w[1], &member)) return usage_error("position MEMBER TICKER");
  kalshi_count_t pos = 0;
  const kalshi_err_t rc = kalshi_sim_position(sim, member, 0, w[2], &pos);
  if (rc != KALSHI_OK) return answer_rc(rc, NULL);
  char text[48];
  kalshi_count_format(pos, 0, text, sizeof text, NULL);
  printf("ok %s\n", text);
  fflush(stdout);
  return SIM_CLI_MORE;
}

static int cmd_help(void) {
  printf(
      "ok commands: status | fault SESSION[:KEY] FAULT | settle TICKER yes|no|PRICE | "
      "market TICKER open|paused|closed | advance MS | activity on|off | balance MEMBER | "
      "position MEMBER TICKER | order MEMBER TICKER buy|sell PRICE QTY | quit\n");
  fflush(stdout);
  return SIM_CLI_MORE;
}

int sim_cli_command(kalshi_sim_t *sim, char *line, const sim_cli_options *opts) {
  (void)opts;
  char *w[MAX_WORDS];
  int n = 0;
  char *save = NULL;
  for (char *tok = strtok_r(line, " \t\r", &save); tok != NULL && n < MAX_WORDS;
       tok = strtok_r(NULL, " \t\r", &save)) {
    w[n++] = tok;
  }
  if (n == 0) return SIM_CLI_MORE;
  if (strcmp(w[0], "quit") == 0 || strcmp(w[0], "exit") == 0) {
    printf("ok bye\n");
    fflush(stdout);
    return SIM_CLI_QUIT;
  }
  if (strcmp(w[0], "help") == 0) return cmd_help();
  if (strcmp(w[0], "status") == 0) {
    printf("ok sessions %zu clock %" PRId64 "\n", kalshi_sim_fix_sessions(sim),
           kalshi_sim_now_ms(sim));
    fflush(stdout);
    return SIM_CLI_MORE;
  }
  if (strcmp(w[0], "fault") == 0) {
    /* The fault text is the words after the session, joined by single spaces. */
    char fault[1024];
    fault[0] = '\0';
    for (int i = 2; i < n; ++i) {
      if (i > 2) strncat(fault, " ", sizeof fault - strlen(fault) - 1);
      strncat(fault, w[i], sizeof fault - strlen(fault) - 1);
    }
    return cmd_fault(sim, w, n, fault);
  }
  if (strcmp(w[0], "settle") == 0) return cmd_settle(sim, w, n);
  if (strcmp(w[0], "market") == 0) {
    if (n != 3) return usage_error("market TICKER open|paused|closed");
    kalshi_error_t *err = NULL;
    return answer_rc(kalshi_sim_market_status(sim, w[1], w[2], &err), &err);
  }
  if (strcmp(w[0], "advance") == 0) {
    char *end = NULL;
    const long long ms = n == 2 ? strtoll(w[1], &end, 10) : -1;
    if (n != 2 || end == w[1] || *end != '\0' || ms < 0) return usage_error("advance MS");
    return answer_rc(kalshi_sim_advance_ms(sim, (int64_t)ms), NULL);
  }
  if (strcmp(w[0], "activity") == 0) {
    if (n != 2 || (strcmp(w[1], "on") != 0 && strcmp(w[1], "off") != 0)) {
      return usage_error("activity on|off");
    }
    return answer_rc(kalshi_sim_activity(sim, strcmp(w[1], "on") == 0), NULL);
  }
  if (strcmp(w[0], "balance") == 0) return cmd_balance(sim, w, n);
  if (strcmp(w[0], "position") == 0) return cmd_position(sim, w, n);
  if (strcmp(w[0], "order") == 0) return cmd_order(sim, w, n);
  printf("error unknown command \"%s\" (help lists them)\n", w[0]);
  fflush(stdout);
  return SIM_CLI_MORE;
}

void sim_cli_reader_init(sim_cli_reader *r) {
  memset(r, 0, sizeof *r);
}

int sim_cli_reader_feed(sim_cli_reader *r, int fd, kalshi_sim_t *sim, const sim_cli_options *opts) {
  const ssize_t got = read(fd, r->buf + r->len, sizeof r->buf - 1 - r->len);
  if (got < 0) return errno == EINTR || errno == EAGAIN ? SIM_CLI_MORE : SIM_CLI_EOF;
  if (got == 0) {
    if (r->len > 0 && !r->overlong) { /* a last line without its newline */
      r->buf[r->len] = '\0';
      r->len = 0;
      if (sim_cli_command(sim, r->buf, opts) == SIM_CLI_QUIT) return SIM_CLI_QUIT;
    }
    return SIM_CLI_EOF;
  }
  r->len += (size_t)got;
  size_t start = 0;
  for (size_t i = 0; i < r->len; ++i) {
    if (r->buf[i] != '\n') continue;
    r->buf[i] = '\0';
    const int discard = r->overlong;
    r->overlong = 0;
    if (!discard && sim_cli_command(sim, r->buf + start, opts) == SIM_CLI_QUIT) {
      return SIM_CLI_QUIT;
    }
    start = i + 1;
  }
  memmove(r->buf, r->buf + start, r->len - start);
  r->len -= start;
  if (r->len == sizeof r->buf - 1) { /* a line longer than the buffer: drop it */
    r->len = 0;
    r->overlong = 1;
    printf("error line too long\n");
    fflush(stdout);
  }
  return SIM_CLI_MORE;
}
