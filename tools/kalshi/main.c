/* kalshi — command-line front end of libkalshi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fputs(
      "usage: kalshi COMMAND [options]\n"
      "  version                          library version\n"
      "  keygen [rsa|ed25519] [--out F]   new private key (PEM to F, mode 0600); prints the public key\n"
      "  sign METHOD PATH [--ts MS]       KALSHI-ACCESS-* headers for a REST call (key from env)\n"
      "  tls-check HOST PORT [--ca F] [--pin B64] [--server-name N] [--no-verify]\n"
      "                                   TLS handshake; prints the outcome\n"
      "  demo [--tls-host H --tls-port P --ca F]\n"
      "                                   version, key, signature and a TLS handshake\n"
      "Keys come from KALSHI_PRIVATE_KEY (PEM text) or KALSHI_PRIVATE_KEY_PATH, with\n"
      "KALSHI_PRIVATE_KEY_PASSPHRASE for encrypted keys.\n",
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
  if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    usage(stdout);
    return 0;
  }
  fprintf(stderr, "kalshi: unknown command \"%s\"\n", cmd);
  usage(stderr);
  return 2;
}
