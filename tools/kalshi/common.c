#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_fail(const char *what, kalshi_err_t rc, kalshi_error_t *err) {
  fprintf(stderr, "kalshi: %s: %s: %s\n", what, kalshi_err_name(rc),
          err != NULL ? kalshi_error_message(err) : kalshi_err_str(rc));
  kalshi_error_destroy(err);
  return 1;
}

const char *cli_opt(int argc, char **argv, const char *name) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (strcmp(argv[i], name) == 0) return argv[i + 1];
  }
  return NULL;
}

kalshi_err_t cli_load_or_generate_key(kalshi_key_t **out, int *generated, kalshi_error_t **err) {
  *generated = 0;
  if (getenv("KALSHI_PRIVATE_KEY") != NULL || getenv("KALSHI_PRIVATE_KEY_PATH") != NULL) {
    return kalshi_key_load_env(0, out, err);
  }
  *generated = 1;
  return kalshi_key_generate(KALSHI_KEY_RSA, 2048, out, err);
}
