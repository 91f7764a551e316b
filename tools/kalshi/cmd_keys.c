/* version, keygen and sign. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "cli.h"

int cmd_version(int argc, char **argv) {
  (void)argc;
  (void)argv;
  printf("libkalshi %s\n", kalshi_version_str());
  return 0;
}

static int write_secret_file(const char *path, const char *text, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    perror(path);
    return 1;
  }
  ssize_t n = write(fd, text, len);
  close(fd);
  return n == (ssize_t)len ? 0 : 1;
}

int cmd_keygen(int argc, char **argv) {
  kalshi_key_type_t type = KALSHI_KEY_RSA;
  if (argc > 1 && strcmp(argv[1], "ed25519") == 0) type = KALSHI_KEY_ED25519;
  const char *out = cli_opt(argc, argv, "--out");
  kalshi_key_t *key = NULL;
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_key_generate(type, 2048, &key, &err);
  if (rc != KALSHI_OK) return cli_fail("keygen", rc, err);
  char pub[4096];
  size_t len = sizeof pub;
  if ((rc = kalshi_key_public_pem(key, pub, &len)) != KALSHI_OK) {
    kalshi_key_destroy(key);
    return cli_fail("public key", rc, NULL);
  }
  int status = 0;
  if (out != NULL) {
    char priv[8192];
    size_t plen = sizeof priv;
    rc = kalshi_key_private_pem(key, priv, &plen);
    if (rc != KALSHI_OK) {
      status = cli_fail("private key", rc, NULL);
    } else {
      status = write_secret_file(out, priv, strlen(priv));
    }
    memset(priv, 0, sizeof priv);
  }
  fputs(pub, stdout);
  kalshi_key_destroy(key);
  return status;
}

static int64_t now_ms(void) {
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

int cmd_sign(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: kalshi sign METHOD PATH [--ts MS]\n");
    return 2;
  }
  const char *ts_text = cli_opt(argc, argv, "--ts");
  const int64_t ts = ts_text != NULL ? strtoll(ts_text, NULL, 10) : now_ms();
  kalshi_key_t *key = NULL;
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_key_load_env(0, &key, &err);
  if (rc != KALSHI_OK) return cli_fail("key", rc, err);
  char sig[1024];
  size_t len = sizeof sig;
  rc = kalshi_sign_rest(key, ts, argv[1], argv[2], sig, &len, &err);
  kalshi_key_destroy(key);
  if (rc != KALSHI_OK) return cli_fail("sign", rc, err);
  const char *key_id = getenv("KALSHI_KEY_ID");
  printf("KALSHI-ACCESS-KEY: %s\n", key_id != NULL ? key_id : "(set KALSHI_KEY_ID)");
  printf("KALSHI-ACCESS-TIMESTAMP: %" PRId64 "\n", ts);
  printf("KALSHI-ACCESS-SIGNATURE: %s\n", sig);
  return 0;
}
