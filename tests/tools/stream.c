/* kalshi-test stream: opens one kalshi_stream_t through the public C API only, writes a line,
 * prints what comes back and reports how the stream ended. Used by tests/interop scripts.
 *
 *   stream [options] HOST PORT
 *     --tls               wrap the stream in TLS
 *     --ca FILE           tls.ca_file
 *     --pin B64           tls.pin_sha256 (may repeat; joined with commas)
 *     --no-verify         tls.verify=false
 *     --server-name N     tls.server_name
 *     --timeout-ms N      net.connect_timeout_ms
 *     --allow-unknown     net.allow_unknown_host=true
 *     --caller            client.mode=caller (drive the loop with kalshi_client_run)
 *     --send TEXT         line to send ("-" reads one line from stdin); a newline is appended
 *     --expect TEXT       wait until the received bytes contain TEXT (default: the sent line)
 *     --wait-ms N         bound on the whole run (default 30000)
 *
 * Output (stdout): "connected", "data <n> bytes", "echo ok", and finally one line
 * "result <KALSHI_ERR_NAME> <elapsed_ms> <message>". Exit status: 0 ok, 2 usage, 3 setup failed,
 * 4 kalshi_stream_open refused, 5 stream closed with an error, 6 stream closed before the expected
 * data, 7 the wait bound expired. */
#include <kalshi/kalshi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { EXIT_USAGE = 2, EXIT_SETUP = 3, EXIT_OPEN = 4, EXIT_CLOSED_ERR = 5, EXIT_SHORT = 6,
       EXIT_WAIT = 7 };

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static long g_start;

static void result(kalshi_err_t code, const char *message) {
  printf("result %s %ld %s\n", kalshi_err_name(code), now_ms() - g_start,
         message != NULL ? message : "");
  fflush(stdout);
}

static int set(kalshi_conf_t *conf, const char *key, const char *value) {
  char errstr[256];
  if (kalshi_conf_set(conf, key, value, errstr, sizeof errstr) != KALSHI_OK) {
    fprintf(stderr, "conf %s: %s\n", key, errstr);
    return 0;
  }
  return 1;
}

static int usage(void) {
  fprintf(stderr,
          "usage: stream [--tls] [--ca FILE] [--pin B64]... [--no-verify] [--server-name N]\n"
          "              [--timeout-ms N] [--allow-unknown] [--caller] [--send TEXT|-]\n"
          "              [--expect TEXT] [--wait-ms N] HOST PORT\n");
  return EXIT_USAGE;
}

/* Next event, driving the loop ourselves in caller mode. */
static kalshi_event_t *next_event(kalshi_client_t *c, kalshi_queue_t *q, int caller,
                                  long deadline) {
  for (;;) {
    const long left = deadline - now_ms();
    if (left <= 0) return NULL;
    if (caller) {
      kalshi_client_run(c, left < 20 ? (int)left : 20);
      kalshi_event_t *ev = kalshi_queue_poll(q, 0);
      if (ev != NULL) return ev;
    } else {
      return kalshi_queue_poll(q, (int)left);
    }
  }
}

int main(int argc, char **argv) {
  const char *host = NULL, *port_s = NULL, *send = NULL, *expect = NULL;
  char pins[1024] = "", line[4096];
  int tls = 0, caller = 0, status = EXIT_WAIT;
  long wait_ms = 30000;
  kalshi_conf_t *conf = kalshi_conf_new();
  if (conf == NULL) return EXIT_SETUP;
  g_start = now_ms();

  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--tls") == 0) {
      tls = 1;
    } else if (strcmp(a, "--no-verify") == 0) {
      if (!set(conf, "tls.verify", "false")) return EXIT_SETUP;
    } else if (strcmp(a, "--allow-unknown") == 0) {
      if (!set(conf, "net.allow_unknown_host", "true")) return EXIT_SETUP;
    } else if (strcmp(a, "--caller") == 0) {
      caller = 1;
      if (!set(conf, "client.mode", "caller")) return EXIT_SETUP;
    } else if (v == NULL && a[0] == '-' && a[1] == '-') {
      return usage();
    } else if (strcmp(a, "--ca") == 0) {
      if (!set(conf, "tls.ca_file", v)) return EXIT_SETUP;
      ++i;
    } else if (strcmp(a, "--pin") == 0) {
      if (strlen(pins) + strlen(v) + 2 > sizeof pins) return usage();
      if (pins[0] != '\0') strcat(pins, ",");
      strcat(pins, v);
      ++i;
    } else if (strcmp(a, "--server-name") == 0) {
      if (!set(conf, "tls.server_name", v)) return EXIT_SETUP;
      ++i;
    } else if (strcmp(a, "--timeout-ms") == 0) {
      if (!set(conf, "net.connect_timeout_ms", v)) return EXIT_SETUP;
      ++i;
    } else if (strcmp(a, "--send") == 0) {
      send = v;
      ++i;
    } else if (strcmp(a, "--expect") == 0) {
      expect = v;
      ++i;
    } else if (strcmp(a, "--wait-ms") == 0) {
      wait_ms = strtol(v, NULL, 10);
      ++i;
    } else if (host == NULL) {
      host = a;
    } else if (port_s == NULL) {
      port_s = a;
    } else {
      return usage();
    }
  }
  if (host == NULL || port_s == NULL) return usage();
  if (pins[0] != '\0' && !set(conf, "tls.pin_sha256", pins)) return EXIT_SETUP;
  if (send != NULL && strcmp(send, "-") == 0) {
    if (fgets(line, sizeof line, stdin) == NULL) line[0] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    send = line;
  }
  if (expect == NULL) expect = send;

  kalshi_client_t *c = NULL;
  kalshi_error_t *err = NULL;
  if (kalshi_client_new(conf, &c, &err) != KALSHI_OK) {
    result(kalshi_error_code(err), kalshi_error_message(err));
    kalshi_error_destroy(err);
    kalshi_conf_destroy(conf);
    return EXIT_SETUP;
  }
  kalshi_queue_t *q = kalshi_client_queue(c);

  kalshi_stream_t *s = NULL;
  const kalshi_err_t rc = kalshi_stream_open(c, host, (uint16_t)strtol(port_s, NULL, 10),
                                             tls ? KALSHI_STREAM_TLS : 0u, 42, &s, &err);
  if (rc != KALSHI_OK) {
    result(rc, err != NULL ? kalshi_error_message(err) : "");
    kalshi_error_destroy(err);
    status = EXIT_OPEN;
    goto done;
  }
  if (send != NULL) {
    /* Written before the handshake on purpose: the stream must queue it until connected. */
    char msg[4200];
    const int n = snprintf(msg, sizeof msg, "%s\n", send);
    if (kalshi_stream_write(s, (const uint8_t *)msg, (size_t)n) != KALSHI_OK) {
      result(KALSHI_ERR_INTERNAL, "kalshi_stream_write failed");
      status = EXIT_SETUP;
      goto done;
    }
  }

  {
    const long deadline = now_ms() + wait_ms;
    size_t got_len = 0;
    char *got = calloc(1, 1);
    int matched = 0;
    for (;;) {
      kalshi_event_t *ev = next_event(c, q, caller, deadline);
      if (ev == NULL) {
        result(KALSHI_ERR_TIMEOUT, "the helper's wait bound expired");
        status = EXIT_WAIT;
        break;
      }
      if (kalshi_event_user_tag(ev) != 42) {
        kalshi_event_destroy(ev);
        continue;
      }
      const kalshi_event_type_t type = kalshi_event_type(ev);
      if (type == KALSHI_EVENT_STREAM_CONNECTED) {
        printf("connected\n");
        fflush(stdout);
        if (expect == NULL) kalshi_stream_close(s);
      } else if (type == KALSHI_EVENT_STREAM_DATA) {
        size_t n = 0;
        const uint8_t *data = kalshi_event_data(ev, &n);
        char *grown = realloc(got, got_len + n + 1);
        if (grown != NULL) {
          got = grown;
          memcpy(got + got_len, data, n);
          got_len += n;
          got[got_len] = '\0';
        }
        printf("data %zu bytes\n", n);
        if (!matched && expect != NULL && strstr(got, expect) != NULL) {
          matched = 1;
          printf("echo ok\n");
          kalshi_stream_close(s);
        }
        fflush(stdout);
      } else if (type == KALSHI_EVENT_STREAM_CLOSED) {
        const kalshi_error_t *e = kalshi_event_error(ev);
        if (e != NULL) {
          result(kalshi_error_code(e), kalshi_error_message(e));
          status = EXIT_CLOSED_ERR;
        } else if (expect != NULL && !matched) {
          result(KALSHI_OK, "closed before the expected data arrived");
          status = EXIT_SHORT;
        } else {
          result(KALSHI_OK, "closed cleanly");
          status = 0;
        }
        kalshi_event_destroy(ev);
        break;
      }
      kalshi_event_destroy(ev);
    }
    free(got);
  }

done:
  kalshi_stream_destroy(s);
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
  kalshi_conf_destroy(conf);
  return status;
}
