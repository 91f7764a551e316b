/* tls-check and demo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Opens a TLS stream, sends `line`, and waits for the first reply. Returns 0 on success. */
static int tls_round_trip(const char *host, int port, const char *ca, const char *pin,
                          const char *server_name, int no_verify, const char *line) {
  kalshi_conf_t *conf = kalshi_conf_new();
  char errstr[256];
  const char *keys[] = {"tls.ca_file", "tls.pin_sha256", "tls.server_name"};
  const char *values[] = {ca, pin, server_name};
  for (int i = 0; i < 3; ++i) {
    if (values[i] != NULL && kalshi_conf_set(conf, keys[i], values[i], errstr, sizeof errstr)) {
      fprintf(stderr, "kalshi: %s\n", errstr);
      kalshi_conf_destroy(conf);
      return 1;
    }
  }
  if (no_verify) kalshi_conf_set(conf, "tls.verify", "false", NULL, 0);
  kalshi_client_t *client = NULL;
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_client_new(conf, &client, &err);
  kalshi_conf_destroy(conf);
  if (rc != KALSHI_OK) return cli_fail("client", rc, err);
  kalshi_queue_t *q = kalshi_client_queue(client);
  kalshi_stream_t *s = NULL;
  rc = kalshi_stream_open(client, host, (uint16_t)port, KALSHI_STREAM_TLS, 1, &s, &err);
  int status = 1;
  if (rc != KALSHI_OK) {
    status = cli_fail("connect", rc, err);
  } else {
    for (;;) {
      kalshi_event_t *ev = kalshi_queue_poll(q, 15000);
      if (ev == NULL) {
        fprintf(stderr, "kalshi: no answer within 15 s\n");
        break;
      }
      kalshi_event_type_t type = kalshi_event_type(ev);
      if (type == KALSHI_EVENT_STREAM_CONNECTED) {
        printf("TLS handshake with %s:%d complete (certificate verified: %s)\n", host, port,
               no_verify ? "no" : "yes");
        kalshi_stream_write(s, (const uint8_t *)line, strlen(line));
      } else if (type == KALSHI_EVENT_STREAM_DATA) {
        size_t len = 0;
        const uint8_t *data = kalshi_event_data(ev, &len);
        printf("received %zu bytes: %.*s", len, (int)len, (const char *)data);
        if (len == 0 || data[len - 1] != '\n') printf("\n");
        status = 0;
        kalshi_event_destroy(ev);
        break;
      } else if (type == KALSHI_EVENT_STREAM_CLOSED) {
        kalshi_err_t why = kalshi_event_err(ev);
        const kalshi_error_t *e = kalshi_event_error(ev);
        fprintf(stderr, "kalshi: stream closed: %s: %s\n", kalshi_err_name(why),
                e != NULL ? kalshi_error_message(e) : "closed by peer");
        kalshi_event_destroy(ev);
        break;
      }
      kalshi_event_destroy(ev);
    }
    kalshi_stream_destroy(s);
  }
  kalshi_queue_destroy(q);
  kalshi_client_destroy(client);
  return status;
}

int cmd_tls_check(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: kalshi tls-check HOST PORT [--ca F] [--pin B64] [--server-name N]\n");
    return 2;
  }
  int no_verify = 0;
  for (int i = 1; i < argc; ++i) no_verify |= strcmp(argv[i], "--no-verify") == 0;
  return tls_round_trip(argv[1], atoi(argv[2]), cli_opt(argc, argv, "--ca"),
                        cli_opt(argc, argv, "--pin"), cli_opt(argc, argv, "--server-name"),
                        no_verify, "hello from libkalshi\n");
}

int cmd_demo(int argc, char **argv) {
  printf("== libkalshi %s\n", kalshi_version_str());

  kalshi_key_t *key = NULL;
  kalshi_error_t *err = NULL;
  int generated = 0;
  kalshi_err_t rc = cli_load_or_generate_key(&key, &generated, &err);
  if (rc != KALSHI_OK) return cli_fail("key", rc, err);
  printf("== key: %s %u bits (%s)\n", kalshi_key_type(key) == KALSHI_KEY_RSA ? "RSA" : "Ed25519",
         kalshi_key_bits(key), generated ? "generated for this demo" : "from the environment");

  const char *path = "/trade-api/v2/portfolio/balance?subaccount=0";
  char sig[1024];
  size_t len = sizeof sig;
  rc = kalshi_sign_rest(key, 1703123456789LL, "GET", path, sig, &len, &err);
  if (rc != KALSHI_OK) {
    kalshi_key_destroy(key);
    return cli_fail("sign", rc, err);
  }
  printf(
      "== signed GET %s\n   message   1703123456789GET/trade-api/v2/portfolio/balance\n"
      "   signature %.48s... (%zu base64 chars, RSA-PSS SHA-256 salt 32)\n",
      path, sig, len);
  kalshi_key_destroy(key);

  const char *host = cli_opt(argc, argv, "--tls-host");
  const char *port = cli_opt(argc, argv, "--tls-port");
  if (host == NULL || port == NULL) {
    printf("== TLS: skipped (pass --tls-host and --tls-port of a local peer)\n");
  } else {
    printf("== TLS 1.2 to %s:%s\n", host, port);
    const int status = tls_round_trip(host, atoi(port), cli_opt(argc, argv, "--ca"), NULL, NULL, 0,
                                      "hello from libkalshi\n");
    if (status != 0) return status;
  }
  return cli_demo_exchange(argc, argv);
}
