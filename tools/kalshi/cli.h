/* The kalshi command-line tool: shared helpers. Uses the public C API only. */
#ifndef KALSHI_CLI_H
#define KALSHI_CLI_H

#include <kalshi/kalshi.h>

/* Prints "kalshi: <what>: <NAME>: <message>" and destroys err. Returns 1. */
int cli_fail(const char *what, kalshi_err_t rc, kalshi_error_t *err);
/* The value after --name in argv, or NULL. */
const char *cli_opt(int argc, char **argv, const char *name);
/* The key from KALSHI_PRIVATE_KEY[_PATH], or a freshly generated one when neither is set. */
kalshi_err_t cli_load_or_generate_key(kalshi_key_t **out, int *generated, kalshi_error_t **err);

int cmd_version(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_tls_check(int argc, char **argv);
int cmd_demo(int argc, char **argv);
/* Exchange commands (REST; cmd_rest.c): the in-process simulator by default. */
int cmd_markets(int argc, char **argv);
int cmd_book(int argc, char **argv);
int cmd_order(int argc, char **argv);
int cmd_cancel(int argc, char **argv);
int cmd_balance(int argc, char **argv);
int cmd_positions(int argc, char **argv);
/* The live order book and last trade over the WebSocket (cmd_watch.c). */
int cmd_watch(int argc, char **argv);
/* The exchange part of the demo: an in-process kalshi-sim, FIX orders, fills and a live book. */
int cli_demo_exchange(int argc, char **argv);

#endif
