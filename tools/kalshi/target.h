/* Where the exchange commands go: an in-process kalshi-sim (the default), a running kalshi-sim
 * (--connect), or Kalshi itself (--kalshi; credentials and KALSHI_DEMO from the environment). */
#ifndef KALSHI_CLI_TARGET_H
#define KALSHI_CLI_TARGET_H

#include <kalshi/kalshi.h>

#include "args.h"

typedef struct cli_target {
  kalshi_sim_t *sim; /* the in-process simulator, NULL otherwise */
  kalshi_client_t *client;
  kalshi_queue_t *q;
  uint32_t member; /* the CLI's own member in the in-process simulator */
  int json;        /* --json: raw JSON bodies on stdout instead of tables */
} cli_target;

/* Opens the client for the target the options name. Returns 0, or the exit code after printing
 * why (2 for bad options, 1 for failures). */
int cli_target_open(const cli_args *a, cli_target *t);
/* For commands that act on an account: outside the in-process simulator the credentials must
 * come from the environment. Returns 0, or prints what is missing and returns 2. */
int cli_require_credentials(const cli_args *a);
/* Closes the client (bounded wait) and stops the simulator. Safe on a partly opened target. */
void cli_target_close(cli_target *t);

/* The next event carrying user_tag of one of the given types, other events dropped; NULL when
 * timeout_ms passed first. */
kalshi_event_t *cli_wait(cli_target *t, uint64_t user_tag, kalshi_event_type_t type_a,
                         kalshi_event_type_t type_b, int timeout_ms);

/* A synchronous call error: prints it; INVALID_ARG (the library refused our input) is bad usage
 * (exit 2), anything else exit 1. */
int cli_call_failed(const char *what, kalshi_err_t rc, kalshi_error_t *err);
/* Checks a completion event: OK returns 0; otherwise prints the exchange's error (code, HTTP
 * status, exchange code, message) and returns 1. NULL (timed out) prints that and returns 1. */
int cli_check_event(const char *what, const kalshi_event_t *ev);
/* --json: the event's body on one line of stdout. */
void cli_print_body(const kalshi_event_t *ev);

/* Exact decimal text: prices with 2+ decimals ("0.56"), counts as whole contracts when whole. */
const char *cli_px(kalshi_price_t p, char *buf, size_t cap);
const char *cli_qty(kalshi_count_t c, char *buf, size_t cap);

#define CLI_CALL_TIMEOUT_MS 15000

#endif
