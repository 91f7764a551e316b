/* The exchange commands' target and the helpers every one of them uses. Public C API only. */
#define _POSIX_C_SOURCE 200809L
#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int set(kalshi_conf_t *conf, const char *key, const char *value) {
  char errstr[256];
  if (kalshi_conf_set(conf, key, value, errstr, sizeof errstr) != KALSHI_OK) {
    fprintf(stderr, "kalshi: %s\n", errstr);
    return 1;
  }
  return 0;
}

/* The in-process simulator with other participants trading (so `watch` moves), and the CLI's
 * key registered as a member of it: KALSHI_PRIVATE_KEY[_PATH] when set, else a fresh RSA key. */
static int open_sim(cli_target *t, kalshi_conf_t *client_conf) {
  kalshi_conf_t *conf = kalshi_conf_new();
  if (conf == NULL || set(conf, "sim.activity", "true") || set(conf, "sim.activity_rate", "20")) {
    kalshi_conf_destroy(conf);
    return 1;
  }
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_sim_start(conf, &t->sim, &err);
  kalshi_conf_destroy(conf);
  if (rc != KALSHI_OK) return cli_fail("kalshi-sim", rc, err);

  kalshi_key_t *key = NULL;
  int generated = 0;
  rc = cli_load_or_generate_key(&key, &generated, &err);
  if (rc != KALSHI_OK) return cli_fail("key", rc, err);
  char pub[4096], priv[8192];
  size_t pub_len = sizeof pub, priv_len = sizeof priv;
  rc = kalshi_key_public_pem(key, pub, &pub_len);
  if (rc == KALSHI_OK) rc = kalshi_key_private_pem(key, priv, &priv_len);
  kalshi_key_destroy(key);
  if (rc != KALSHI_OK) return cli_fail("key PEM", rc, NULL);
  rc = kalshi_sim_register_key(t->sim, KALSHI_PRODUCT_PREDICTION, "kalshi-cli", pub, strlen(pub), 0,
                               &t->member, &err);
  if (rc != KALSHI_OK) {
    memset(priv, 0, sizeof priv);
    return cli_fail("register key", rc, err);
  }
  const int bad =
      set(client_conf, "auth.key_id", "kalshi-cli") || set(client_conf, "auth.private_key", priv);
  memset(priv, 0, sizeof priv);
  if (bad) return 1;
  rc = kalshi_sim_client_conf(t->sim, client_conf, 0, &err);
  if (rc != KALSHI_OK) return cli_fail("sim client conf", rc, err);
  return 0;
}

/* --connect HOST:PORT: a running kalshi-sim (or another server speaking Kalshi's REST) with the
 * credentials from the environment; plain HTTP unless --ca names the CA to verify TLS with. */
static int open_connect(const cli_args *a, const char *hostport, kalshi_conf_t *conf) {
  const char *colon = strrchr(hostport, ':');
  char host[256];
  if (colon == NULL || colon == hostport || (size_t)(colon - hostport) >= sizeof host ||
      colon[1] == '\0') {
    return cli_usage_error(a, "--connect wants HOST:PORT");
  }
  memcpy(host, hostport, (size_t)(colon - hostport));
  host[colon - hostport] = '\0';
  const char *ca = cli_get(a, "--ca");
  const char *tls = ca != NULL ? "true" : "false";
  char errstr[256];
  if (kalshi_conf_from_env(conf, errstr, sizeof errstr) != KALSHI_OK) {
    fprintf(stderr, "kalshi: environment: %s\n", errstr);
    return 2;
  }
  if (kalshi_conf_set(conf, "rest.host", host, errstr, sizeof errstr) != KALSHI_OK ||
      kalshi_conf_set(conf, "rest.port", colon + 1, errstr, sizeof errstr) != KALSHI_OK ||
      kalshi_conf_set(conf, "rest.tls", tls, errstr, sizeof errstr) != KALSHI_OK ||
      kalshi_conf_set(conf, "ws.host", host, errstr, sizeof errstr) != KALSHI_OK ||
      kalshi_conf_set(conf, "ws.tls", tls, errstr, sizeof errstr) != KALSHI_OK ||
      (ca != NULL &&
       kalshi_conf_set(conf, "tls.ca_file", ca, errstr, sizeof errstr) != KALSHI_OK)) {
    fprintf(stderr, "kalshi: --connect: %s\n", errstr);
    return 2;
  }
  const char *ws_port = cli_get(a, "--ws-port");
  if (ws_port != NULL && kalshi_conf_set(conf, "ws.port", ws_port, errstr, sizeof errstr)) {
    fprintf(stderr, "kalshi: --ws-port: %s\n", errstr);
    return 2;
  }
  return 0;
}

int cli_target_open(const cli_args *a, cli_target *t) {
  memset(t, 0, sizeof *t);
  t->json = cli_get(a, "--json") != NULL;
  const char *connect = cli_get(a, "--connect");
  const int kalshi = cli_get(a, "--kalshi") != NULL;
  if (kalshi && connect != NULL)
    return cli_usage_error(a, "--kalshi and --connect exclude each other");
  if (connect == NULL && (cli_get(a, "--ws-port") != NULL || cli_get(a, "--ca") != NULL)) {
    return cli_usage_error(a, "--ws-port and --ca go with --connect");
  }
  kalshi_conf_t *conf = kalshi_conf_new();
  if (conf == NULL) return cli_fail("conf", KALSHI_ERR_NO_MEMORY, NULL);
  int status = 0;
  if (connect != NULL) {
    status = open_connect(a, connect, conf);
  } else if (kalshi) {
    char errstr[256];
    if (kalshi_conf_from_env(conf, errstr, sizeof errstr) != KALSHI_OK) {
      fprintf(stderr, "kalshi: environment: %s\n", errstr);
      status = 2;
    }
  } else {
    status = open_sim(t, conf);
  }
  if (status == 0) {
    kalshi_error_t *err = NULL;
    const kalshi_err_t rc = kalshi_client_new(conf, &t->client, &err);
    if (rc != KALSHI_OK) {
      status = cli_fail("client", rc, err);
    } else {
      t->q = kalshi_client_queue(t->client);
    }
  }
  kalshi_conf_destroy(conf);
  return status;
}

int cli_require_credentials(const cli_args *a) {
  if (cli_get(a, "--kalshi") == NULL && cli_get(a, "--connect") == NULL) return 0;
  if (getenv("KALSHI_KEY_ID") == NULL ||
      (getenv("KALSHI_PRIVATE_KEY") == NULL && getenv("KALSHI_PRIVATE_KEY_PATH") == NULL)) {
    return cli_usage_error(a,
                           "needs KALSHI_KEY_ID and KALSHI_PRIVATE_KEY[_PATH] in the environment");
  }
  return 0;
}

void cli_target_close(cli_target *t) {
  if (t->client != NULL) (void)kalshi_client_close(t->client, 3000);
  kalshi_queue_destroy(t->q);
  kalshi_client_destroy(t->client);
  kalshi_sim_destroy(t->sim);
  memset(t, 0, sizeof *t);
}

kalshi_event_t *cli_wait(cli_target *t, uint64_t user_tag, kalshi_event_type_t type_a,
                         kalshi_event_type_t type_b, int timeout_ms) {
  const long long deadline = now_ms() + timeout_ms;
  for (;;) {
    const long long left = deadline - now_ms();
    if (left <= 0) return NULL;
    kalshi_event_t *ev = kalshi_queue_poll(t->q, (int)left);
    if (ev == NULL) continue;
    const kalshi_event_type_t type = kalshi_event_type(ev);
    if ((type == type_a || type == type_b) && kalshi_event_user_tag(ev) == user_tag) return ev;
    kalshi_event_destroy(ev);
  }
}

int cli_call_failed(const char *what, kalshi_err_t rc, kalshi_error_t *err) {
  cli_fail(what, rc, err);
  return rc == KALSHI_ERR_INVALID_ARG ? 2 : 1;
}

int cli_check_event(const char *what, const kalshi_event_t *ev) {
  if (ev == NULL) {
    fprintf(stderr, "kalshi: %s: no answer in time\n", what);
    return 1;
  }
  const kalshi_err_t rc = kalshi_event_err(ev);
  if (rc == KALSHI_OK) return 0;
  /* The library's message already names the HTTP status and the exchange's error code. */
  const kalshi_error_t *e = kalshi_event_error(ev);
  fprintf(stderr, "kalshi: %s: %s: %s\n", what, kalshi_err_name(rc),
          e != NULL ? kalshi_error_message(e) : kalshi_err_str(rc));
  return 1;
}

void cli_print_body(const kalshi_event_t *ev) {
  size_t n = 0;
  const uint8_t *body = kalshi_event_data(ev, &n);
  if (body != NULL && n > 0) fwrite(body, 1, n, stdout);
  fputc('\n', stdout);
}

const char *cli_px(kalshi_price_t p, char *buf, size_t cap) {
  if (kalshi_price_format(p, 2, buf, cap, NULL) != KALSHI_OK) snprintf(buf, cap, "?");
  return buf;
}

const char *cli_qty(kalshi_count_t c, char *buf, size_t cap) {
  if (kalshi_count_format(c, 0, buf, cap, NULL) != KALSHI_OK) snprintf(buf, cap, "?");
  return buf;
}
