/* kalshi_conf_t: validation at set time, effective values, secrets, dump, dup, from_env. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kalshi/kalshi.h>

static const char *get(const kalshi_conf_t *conf, const char *key, char *buf, size_t cap) {
  size_t n = cap;
  assert_int_equal(kalshi_conf_get(conf, key, buf, &n), KALSHI_OK);
  return buf;
}

static void test_set_get(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  char buf[256], errstr[256];
  assert_string_equal(get(conf, "fix.port.rt", buf, sizeof buf), "8230");
  assert_int_equal(kalshi_conf_set(conf, "fix.port.rt", "9000", errstr, sizeof errstr), KALSHI_OK);
  assert_string_equal(errstr, "");
  assert_string_equal(get(conf, "fix.port.rt", buf, sizeof buf), "9000");
  /* NULL restores the default. */
  assert_int_equal(kalshi_conf_set(conf, "fix.port.rt", NULL, errstr, sizeof errstr), KALSHI_OK);
  assert_string_equal(get(conf, "fix.port.rt", buf, sizeof buf), "8230");
  kalshi_conf_destroy(conf);
}

static void test_unknown_vs_invalid(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  char errstr[256];
  assert_int_equal(kalshi_conf_set(conf, "fix.heartbeat_seconds_typo", "30", errstr, sizeof errstr),
                   KALSHI_ERR_UNKNOWN_KEY);
  assert_non_null(strstr(errstr, "fix.heartbeat_seconds_typo"));
  assert_int_equal(kalshi_conf_set(conf, "fix.port.rt", "70000", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_non_null(strstr(errstr, "fix.port.rt"));
  assert_non_null(strstr(errstr, "1 to 65535"));
  assert_int_equal(kalshi_conf_set(conf, "fix.port.rt", "12a", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(kalshi_conf_set(conf, "env", "staging", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_non_null(strstr(errstr, "production"));
  assert_int_equal(kalshi_conf_set(conf, "tls.verify", "maybe", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(kalshi_conf_set(conf, "rest.host", "bad host!", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(kalshi_conf_set(conf, "tls.pin_sha256", "short", errstr, sizeof errstr),
                   KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(kalshi_conf_set(conf, "tls.pin_sha256",
                                   "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, "
                                   "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=",
                                   errstr, sizeof errstr),
                   KALSHI_OK);
  /* The failed sets left the old values. */
  char buf[64];
  assert_string_equal(get(conf, "fix.port.rt", buf, sizeof buf), "8230");
  /* A tiny errstr is truncated, still NUL-terminated. */
  char tiny[8];
  assert_int_equal(kalshi_conf_set(conf, "nope", "1", tiny, sizeof tiny), KALSHI_ERR_UNKNOWN_KEY);
  assert_int_equal(strlen(tiny), 7);
  size_t n = sizeof buf;
  assert_int_equal(kalshi_conf_get(conf, "nope", buf, &n), KALSHI_ERR_UNKNOWN_KEY);
  kalshi_conf_destroy(conf);
}

static void test_env_selects_hosts(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  char buf[128];
  assert_string_equal(get(conf, "rest.host", buf, sizeof buf), "external-api.kalshi.com");
  assert_string_equal(get(conf, "fix.md_host", buf, sizeof buf),
                      "marketdata.fix.elections.kalshi.com");
  assert_int_equal(kalshi_conf_set(conf, "env", "demo", NULL, 0), KALSHI_OK);
  assert_string_equal(get(conf, "rest.host", buf, sizeof buf), "external-api.demo.kalshi.co");
  assert_string_equal(get(conf, "perps.ws.host", buf, sizeof buf),
                      "external-api-margin-ws.demo.kalshi.co");
  assert_string_equal(get(conf, "klear.host", buf, sizeof buf), "demo-api.kalshi.co");
  /* An override wins over the environment. */
  assert_int_equal(kalshi_conf_set(conf, "rest.host", "127.0.0.1", NULL, 0), KALSHI_OK);
  assert_string_equal(get(conf, "rest.host", buf, sizeof buf), "127.0.0.1");
  kalshi_conf_destroy(conf);
}

static void test_size_protocol(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  size_t n = 0;
  assert_int_equal(kalshi_conf_get(conf, "rest.host", NULL, &n), KALSHI_ERR_BUFFER_TOO_SMALL);
  assert_int_equal(n, strlen("external-api.kalshi.com") + 1);
  char small[4];
  n = sizeof small;
  assert_int_equal(kalshi_conf_get(conf, "rest.host", small, &n), KALSHI_ERR_BUFFER_TOO_SMALL);
  size_t dump_len = 0;
  assert_int_equal(kalshi_conf_dump(conf, NULL, &dump_len), KALSHI_ERR_BUFFER_TOO_SMALL);
  char *dump = malloc(dump_len);
  assert_int_equal(kalshi_conf_dump(conf, dump, &dump_len), KALSHI_OK);
  assert_non_null(strstr(dump, "env=production\n"));
  assert_non_null(strstr(dump, "tls.verify=true\n"));
  free(dump);
  kalshi_conf_destroy(conf);
}

static const char *kPem =
    "-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----\n";

static void test_secrets_redacted(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  char buf[128], errstr[256];
  assert_int_equal(kalshi_conf_set(conf, "auth.private_key", kPem, NULL, 0), KALSHI_OK);
  assert_int_equal(kalshi_conf_set(conf, "auth.private_key_passphrase", "hunter2", NULL, 0),
                   KALSHI_OK);
  assert_string_equal(get(conf, "auth.private_key", buf, sizeof buf), "[redacted]");
  assert_string_equal(get(conf, "auth.private_key_passphrase", buf, sizeof buf), "[redacted]");
  size_t n = 0;
  kalshi_conf_dump(conf, NULL, &n);
  char *dump = malloc(n);
  assert_int_equal(kalshi_conf_dump(conf, dump, &n), KALSHI_OK);
  assert_null(strstr(dump, "TOPSECRET"));
  assert_null(strstr(dump, "hunter2"));
  free(dump);
  /* An invalid secret is not echoed in the error either. */
  assert_int_equal(
      kalshi_conf_set(conf, "auth.private_key", "notpem-SECRET", errstr, sizeof errstr),
      KALSHI_ERR_INVALID_VALUE);
  assert_null(strstr(errstr, "SECRET"));
  kalshi_conf_destroy(conf);
}

static void test_dup_is_independent(void **state) {
  (void)state;
  kalshi_conf_t *a = kalshi_conf_new();
  assert_int_equal(kalshi_conf_set(a, "log.level", "debug", NULL, 0), KALSHI_OK);
  kalshi_conf_t *b = kalshi_conf_dup(a);
  assert_int_equal(kalshi_conf_set(a, "log.level", "error", NULL, 0), KALSHI_OK);
  char buf[32];
  assert_string_equal(get(b, "log.level", buf, sizeof buf), "debug");
  kalshi_conf_destroy(a);
  assert_string_equal(get(b, "log.level", buf, sizeof buf), "debug");
  kalshi_conf_destroy(b);
}

static void test_from_env(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  char buf[128], errstr[256];
  setenv("KALSHI_KEY_ID", "a952bcbe-ec3b-4b5b-b8f9-11dae589608c", 1);
  setenv("KALSHI_PRIVATE_KEY_PATH", "/tmp/key.pem", 1);
  setenv("KALSHI_PERPS_KEY_ID", "perps-key", 1);
  setenv("KALSHI_DEMO", "true", 1);
  assert_int_equal(kalshi_conf_from_env(conf, errstr, sizeof errstr), KALSHI_OK);
  assert_string_equal(get(conf, "auth.key_id", buf, sizeof buf),
                      "a952bcbe-ec3b-4b5b-b8f9-11dae589608c");
  assert_string_equal(get(conf, "auth.private_key_path", buf, sizeof buf), "/tmp/key.pem");
  assert_string_equal(get(conf, "perps.auth.key_id", buf, sizeof buf), "perps-key");
  assert_string_equal(get(conf, "env", buf, sizeof buf), "demo");
  /* A bad variable fails, names itself, and leaves the conf as it was. */
  setenv("KALSHI_PERPS_KEY_ID", "has space", 1);
  assert_int_equal(kalshi_conf_from_env(conf, errstr, sizeof errstr), KALSHI_ERR_INVALID_VALUE);
  assert_non_null(strstr(errstr, "KALSHI_PERPS_KEY_ID"));
  assert_string_equal(get(conf, "perps.auth.key_id", buf, sizeof buf), "perps-key");
  setenv("KALSHI_PERPS_KEY_ID", "perps-key", 1);
  setenv("KALSHI_DEMO", "perhaps", 1);
  assert_int_equal(kalshi_conf_from_env(conf, errstr, sizeof errstr), KALSHI_ERR_INVALID_VALUE);
  assert_non_null(strstr(errstr, "KALSHI_DEMO"));
  /* HTTPS_PROXY in its URL form becomes net.https_proxy; an https:// proxy or credentials are
   * refused by name. */
  setenv("KALSHI_DEMO", "true", 1);
  setenv("HTTPS_PROXY", "http://127.0.0.1:3128/", 1);
  assert_int_equal(kalshi_conf_from_env(conf, errstr, sizeof errstr), KALSHI_OK);
  assert_string_equal(get(conf, "net.https_proxy", buf, sizeof buf), "127.0.0.1:3128");
  setenv("HTTPS_PROXY", "https://proxy.example:443", 1);
  assert_int_equal(kalshi_conf_from_env(conf, errstr, sizeof errstr), KALSHI_ERR_INVALID_VALUE);
  assert_non_null(strstr(errstr, "HTTPS_PROXY"));
  setenv("HTTPS_PROXY", "http://user:secret@127.0.0.1:3128", 1);
  assert_int_equal(kalshi_conf_from_env(conf, errstr, sizeof errstr), KALSHI_ERR_INVALID_VALUE);
  assert_null(strstr(errstr, "secret"));
  unsetenv("HTTPS_PROXY");
  unsetenv("KALSHI_KEY_ID");
  unsetenv("KALSHI_PRIVATE_KEY_PATH");
  unsetenv("KALSHI_PERPS_KEY_ID");
  unsetenv("KALSHI_DEMO");
  kalshi_conf_destroy(conf);
}

static void test_client_rejects_unknown_host(void **state) {
  (void)state;
  kalshi_conf_t *conf = kalshi_conf_new();
  assert_int_equal(kalshi_conf_set(conf, "rest.host", "example.org", NULL, 0), KALSHI_OK);
  kalshi_client_t *c = NULL;
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, &err), KALSHI_ERR_HOST_NOT_ALLOWED);
  assert_null(c);
  assert_non_null(strstr(kalshi_error_message(err), "net.allow_unknown_host"));
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_conf_set(conf, "net.allow_unknown_host", "true", NULL, 0), KALSHI_OK);
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  /* Kalshi's own legacy names and loopback need no permission. */
  kalshi_conf_t *ok = kalshi_conf_new();
  assert_int_equal(kalshi_conf_set(ok, "rest.host", "api.elections.kalshi.com", NULL, 0),
                   KALSHI_OK);
  assert_int_equal(kalshi_conf_set(ok, "fix.host", "127.0.0.1", NULL, 0), KALSHI_OK);
  assert_int_equal(kalshi_conf_set(ok, "ws.host", "localhost", NULL, 0), KALSHI_OK);
  assert_int_equal(kalshi_client_new(ok, &c, NULL), KALSHI_OK);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  /* Both key sources at once is a configuration error. */
  assert_int_equal(kalshi_conf_set(ok, "auth.private_key", kPem, NULL, 0), KALSHI_OK);
  assert_int_equal(kalshi_conf_set(ok, "auth.private_key_path", "/tmp/k.pem", NULL, 0), KALSHI_OK);
  assert_int_equal(kalshi_client_new(ok, &c, NULL), KALSHI_ERR_INVALID_VALUE);
  kalshi_conf_destroy(ok);
  kalshi_conf_destroy(conf);
}

static void test_client_loads_configured_key(void **state) {
  (void)state;
  kalshi_key_t *key = NULL;
  assert_int_equal(kalshi_key_generate(KALSHI_KEY_ED25519, 0, &key, NULL), KALSHI_OK);
  char pem[4096];
  size_t len = sizeof pem;
  assert_int_equal(kalshi_key_private_pem(key, pem, &len), KALSHI_OK);
  kalshi_key_destroy(key);
  kalshi_conf_t *conf = kalshi_conf_new();
  assert_int_equal(kalshi_conf_set(conf, "auth.private_key", pem, NULL, 0), KALSHI_OK);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  /* A key that does not load fails creation, naming the property, never the key. */
  assert_int_equal(kalshi_conf_set(conf, "auth.private_key", kPem, NULL, 0), KALSHI_OK);
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, &err), KALSHI_ERR_KEY_FORMAT);
  assert_non_null(strstr(kalshi_error_message(err), "auth.private_key"));
  assert_null(strstr(kalshi_error_message(err), "TOPSECRET"));
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_conf_set(conf, "auth.private_key", NULL, NULL, 0), KALSHI_OK);
  assert_int_equal(
      kalshi_conf_set(conf, "perps.auth.private_key_path", "/nonexistent/k.pem", NULL, 0),
      KALSHI_OK);
  assert_int_equal(kalshi_client_new(conf, &c, &err), KALSHI_ERR_IO);
  assert_non_null(strstr(kalshi_error_message(err), "perps.auth.private_key_path"));
  kalshi_error_destroy(err);
  memset(pem, 0, sizeof pem);
  kalshi_conf_destroy(conf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_set_get),
      cmocka_unit_test(test_unknown_vs_invalid),
      cmocka_unit_test(test_env_selects_hosts),
      cmocka_unit_test(test_size_protocol),
      cmocka_unit_test(test_secrets_redacted),
      cmocka_unit_test(test_dup_is_independent),
      cmocka_unit_test(test_from_env),
      cmocka_unit_test(test_client_rejects_unknown_host),
      cmocka_unit_test(test_client_loads_configured_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
