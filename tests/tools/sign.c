/* Signing helper for the interop tests: drives the public key API from the command line so that
 * independent verifiers (Python cryptography, the openssl CLI) can check what libkalshi signs.
 *
 *   sign rest    <keyfile> [passphrase] <timestamp_ms> <METHOD> <path>    base64 signature
 *   sign fix     <keyfile> [passphrase] <sending_time> <seq> <sender> <target>
 *   sign raw     <keyfile> [passphrase] <msgfile>                         base64 signature
 *   sign pubkey  <keyfile> [passphrase]                                   SPKI PEM
 *   sign privkey <keyfile> [passphrase]                                   private PEM
 *   sign info    <keyfile> [passphrase]        "rsa|ed25519 <bits> <signature bytes>"
 *   sign generate rsa|ed25519 [bits]                                      private PEM
 *
 * On failure prints "<KALSHI_ERR_NAME>: <message>" to stderr and exits with the error code. */
#include <kalshi/kalshi.h>
#include <kalshi/key.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(kalshi_err_t rc, kalshi_error_t *e) {
  fprintf(stderr, "%s: %s\n", kalshi_err_name(rc), e ? kalshi_error_message(e) : "");
  kalshi_error_destroy(e);
  return (int)rc;
}

static int usage(void) {
  fprintf(stderr,
          "usage: sign rest|fix|raw|pubkey|privkey|info <keyfile> [passphrase] args...\n"
          "       sign generate rsa|ed25519 [bits]\n");
  return 64;
}

static unsigned char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  size_t cap = 0;
  *len = 0;
  if (f == NULL) return NULL;
  for (;;) {
    if (*len == cap) {
      unsigned char *nb = realloc(buf, cap ? cap * 2 : 4096);
      if (nb == NULL) break;
      buf = nb;
      cap = cap ? cap * 2 : 4096;
    }
    size_t n = fread(buf + *len, 1, cap - *len, f);
    if (n == 0) break;
    *len += n;
  }
  fclose(f);
  return buf;
}

static int print_pem(kalshi_err_t (*fn)(const kalshi_key_t *, char *, size_t *),
                     const kalshi_key_t *key) {
  size_t len = 0;
  kalshi_err_t rc = fn(key, NULL, &len);
  if (rc != KALSHI_ERR_BUFFER_TOO_SMALL) return fail(rc, NULL);
  char *buf = malloc(len);
  if (buf == NULL) return fail(KALSHI_ERR_NO_MEMORY, NULL);
  rc = fn(key, buf, &len);
  if (rc == KALSHI_OK) fputs(buf, stdout);
  memset(buf, 0, len);
  free(buf);
  return rc == KALSHI_OK ? 0 : fail(rc, NULL);
}

static int generate(int argc, char **argv) {
  if (argc < 3) return usage();
  kalshi_key_type_t type = strcmp(argv[2], "rsa") == 0 ? KALSHI_KEY_RSA : KALSHI_KEY_ED25519;
  uint32_t bits = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 10) : 0;
  kalshi_key_t *key = NULL;
  kalshi_error_t *e = NULL;
  kalshi_err_t rc = kalshi_key_generate(type, bits, &key, &e);
  if (rc != KALSHI_OK) return fail(rc, e);
  int out = print_pem(kalshi_key_private_pem, key);
  kalshi_key_destroy(key);
  return out;
}

/* Number of arguments after <keyfile> [passphrase] that each command takes. */
static int trailing_args(const char *cmd) {
  if (strcmp(cmd, "rest") == 0) return 3;
  if (strcmp(cmd, "fix") == 0) return 4;
  if (strcmp(cmd, "raw") == 0) return 1;
  if (strcmp(cmd, "pubkey") == 0 || strcmp(cmd, "privkey") == 0 || strcmp(cmd, "info") == 0) {
    return 0;
  }
  return -1;
}

static int run(const char *cmd, kalshi_key_t *key, char **a) {
  char sig[2048];
  size_t len = sizeof sig;
  kalshi_error_t *e = NULL;
  kalshi_err_t rc;
  if (strcmp(cmd, "pubkey") == 0) return print_pem(kalshi_key_public_pem, key);
  if (strcmp(cmd, "privkey") == 0) return print_pem(kalshi_key_private_pem, key);
  if (strcmp(cmd, "info") == 0) {
    printf("%s %u %zu\n", kalshi_key_type(key) == KALSHI_KEY_RSA ? "rsa" : "ed25519",
           (unsigned)kalshi_key_bits(key), kalshi_key_signature_size(key));
    return 0;
  }
  if (strcmp(cmd, "rest") == 0) {
    rc = kalshi_sign_rest(key, strtoll(a[0], NULL, 10), a[1], a[2], sig, &len, &e);
  } else if (strcmp(cmd, "fix") == 0) {
    rc = kalshi_sign_fix_logon(key, a[0], strtoull(a[1], NULL, 10), a[2], a[3], sig, &len, &e);
  } else {
    size_t mlen = 0;
    unsigned char *msg = read_all(a[0], &mlen);
    if (msg == NULL && mlen == 0) {
      FILE *probe = fopen(a[0], "rb");
      if (probe == NULL) return fail(KALSHI_ERR_IO, NULL);
      fclose(probe);
    }
    uint8_t raw[1024];
    size_t raw_len = sizeof raw;
    rc = kalshi_key_sign(key, msg, mlen, raw, &raw_len, &e);
    free(msg);
    if (rc != KALSHI_OK) return fail(rc, e);
    for (size_t i = 0; i < raw_len; i++) printf("%02x", raw[i]);
    printf("\n");
    return 0;
  }
  if (rc != KALSHI_OK) return fail(rc, e);
  printf("%s\n", sig);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  if (strcmp(argv[1], "generate") == 0) return generate(argc, argv);
  int want = trailing_args(argv[1]);
  if (want < 0 || argc < 3 + want || argc > 4 + want) return usage();
  const char *pass = argc == 4 + want ? argv[3] : NULL;
  char **rest = argv + (pass ? 4 : 3);

  kalshi_key_t *key = NULL;
  kalshi_error_t *e = NULL;
  kalshi_err_t rc = kalshi_key_load_file(argv[2], pass, &key, &e);
  if (rc != KALSHI_OK) return fail(rc, e);
  int out = run(argv[1], key, rest);
  kalshi_key_destroy(key);
  return out;
}
