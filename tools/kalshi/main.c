/* kalshi — command-line front end of libkalshi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fputs(
      "usage: kalshi COMMAND [options]\n"
      "  version                          library version\n"
      "  keygen [rsa|ed25519] [--out F]   new private key (PEM to F, mode 0600); prints the public "
      "key\n"
      "  sign METHOD PATH [--ts MS]       KALSHI-ACCESS-* headers for a REST call (key from env)\n"
      "  tls-check HOST PORT [--ca F] [--pin B64] [--server-name N] [--no-verify]\n"
      "                                   TLS handshake; prints the outcome\n"
      "  demo [--tls-host H --tls-port P --ca F]\n"
      "                                   version, key, signature and a TLS handshake\n"
      "Keys come from KALSHI_PRIVATE_KEY (PEM text) or KALSHI_PRIVATE_KEY_PATH, with\n"
      "KALSHI_PRIVATE_KEY_PASSPHRASE for encrypted keys.\n"
      "\n"
      "Exchange commands (REST):\n"
      "  markets [--status S] [--series S] [--limit N] [--max-pages N]\n"
      "                                   every market, page by page (progress on a terminal)\n"
      "  book TICKER [--depth N]          order book: YES bids and asks (NO bids at 1 - price)\n"
      "  order TICKER yes|no buy|sell COUNT PRICE [--client-order-id ID] [--tif gtc|ioc|fok]\n"
      "                                   limit order; COUNT in contracts (\"10\", \"2.5\"), PRICE "
      "in\n"
      "                                   dollars (\"0.56\"), both exact decimals\n"
      "  cancel ORDER_ID                  cancel an order\n"
      "  balance                          cash balance\n"
      "  positions                        market positions\n"
      "  watch TICKER [--seconds N] [--depth N]\n"
      "                                   live book and last trade (WebSocket): redrawn in place\n"
      "                                   on a terminal, a line per change otherwise; ends after\n"
      "                                   N seconds or on Ctrl-C\n"
      "Where they go (options of every exchange command):\n"
      "  (default)                        a kalshi-sim started inside this process (other\n"
      "                                   participants trading; a fresh exchange each run), with\n"
      "                                   the key from KALSHI_PRIVATE_KEY[_PATH] or a generated "
      "one\n"
      "  --kalshi                         Kalshi: KALSHI_KEY_ID, KALSHI_PRIVATE_KEY[_PATH] and\n"
      "                                   KALSHI_DEMO=1 (the demo exchange) from the environment\n"
      "  --connect HOST:PORT [--ws-port P] [--ca F]\n"
      "                                   a running kalshi-sim's REST port (plain HTTP; TLS\n"
      "                                   verified against F with --ca), credentials from the\n"
      "                                   environment as for --kalshi\n"
      "  --json                           the raw JSON bodies (one per line) instead of tables\n"
      "Exit status: 0 done, 1 the exchange or the connection failed, 2 bad usage.\n",
      out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "version") == 0) return cmd_version(argc - 1, argv + 1);
  if (strcmp(cmd, "keygen") == 0) return cmd_keygen(argc - 1, argv + 1);
  if (strcmp(cmd, "sign") == 0) return cmd_sign(argc - 1, argv + 1);
  if (strcmp(cmd, "tls-check") == 0) return cmd_tls_check(argc - 1, argv + 1);
  if (strcmp(cmd, "demo") == 0) return cmd_demo(argc - 1, argv + 1);
  if (strcmp(cmd, "markets") == 0) return cmd_markets(argc - 1, argv + 1);
  if (strcmp(cmd, "book") == 0) return cmd_book(argc - 1, argv + 1);
  if (strcmp(cmd, "order") == 0) return cmd_order(argc - 1, argv + 1);
  if (strcmp(cmd, "cancel") == 0) return cmd_cancel(argc - 1, argv + 1);
  if (strcmp(cmd, "balance") == 0) return cmd_balance(argc - 1, argv + 1);
  if (strcmp(cmd, "positions") == 0) return cmd_positions(argc - 1, argv + 1);
  if (strcmp(cmd, "watch") == 0) return cmd_watch(argc - 1, argv + 1);
  if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    usage(stdout);
    return 0;
  }
  fprintf(stderr, "kalshi: unknown command \"%s\"\n", cmd);
  usage(stderr);
  return 2;
}
