/* kalshi_stream_*: argument checks, host policy, a loopback echo round trip, close semantics, and
 * every destroy order against the client and its queue. Only 127.0.0.1 is ever contacted. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_util.h"

/* A loopback echo peer: accepts one connection and echoes until the client closes. */
typedef struct {
  int listen_fd;
  uint16_t port;
  pthread_t thread;
  char got[64]; /* the first bytes received, NUL-terminated */
  size_t got_len;
} peer_t;

static void *peer_main(void *arg) {
  peer_t *p = arg;
  const int fd = accept(p->listen_fd, NULL, NULL);
  if (fd < 0) return NULL;
  const struct timeval tv = {10, 0}; /* every wait of the peer is bounded */
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    const size_t room = sizeof p->got - 1 - p->got_len;
    const size_t keep = (size_t)n < room ? (size_t)n : room;
    memcpy(p->got + p->got_len, buf, keep);
    p->got_len += keep;
    if (write(fd, buf, (size_t)n) != n) break;
  }
  close(fd);
  return NULL;
}

static void peer_start(peer_t *p) {
  memset(p, 0, sizeof *p);
  struct sockaddr_in sin;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  p->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(p->listen_fd >= 0);
  /* Bounds accept() too (Linux applies SO_RCVTIMEO to it). */
  const struct timeval tv = {10, 0};
  assert_int_equal(setsockopt(p->listen_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
  assert_int_equal(bind(p->listen_fd, (struct sockaddr *)&sin, sizeof sin), 0);
  assert_int_equal(listen(p->listen_fd, 4), 0);
  socklen_t len = sizeof sin;
  assert_int_equal(getsockname(p->listen_fd, (struct sockaddr *)&sin, &len), 0);
  p->port = ntohs(sin.sin_port);
  assert_int_equal(pthread_create(&p->thread, NULL, peer_main, p), 0);
}

/* Waits for the peer to finish its one connection (bounded by the peer's timeouts). */
static void peer_join(peer_t *p) {
  pthread_join(p->thread, NULL);
  close(p->listen_fd);
}

static void peer_stop(peer_t *p) {
  /* Unblocks accept() if the client never came. */
  shutdown(p->listen_fd, SHUT_RDWR);
  pthread_join(p->thread, NULL);
  close(p->listen_fd);
}

static kalshi_client_t *new_client(const char *key, const char *value) {
  kalshi_conf_t *conf = key != NULL ? test_conf(key, value, NULL) : NULL;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  return c;
}

static void expect_closed(kalshi_queue_t *q, uint64_t tag, kalshi_err_t code) {
  kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_STREAM_CLOSED, 10000);
  assert_non_null(ev);
  assert_true(kalshi_event_user_tag(ev) == tag);
  assert_int_equal(kalshi_event_err(ev), code);
  kalshi_event_destroy(ev);
}

static void test_invalid_args(void **state) {
  (void)state;
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_stream_t *s = (kalshi_stream_t *)&state; /* must be reset to NULL on failure */
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_stream_open(NULL, "127.0.0.1", 1, 0, 0, &s, &err),
                   KALSHI_ERR_INVALID_ARG);
  assert_null(s);
  assert_non_null(err);
  assert_int_equal(kalshi_error_code(err), KALSHI_ERR_INVALID_ARG);
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_stream_open(c, NULL, 1, 0, 0, &s, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", 1, 0, 0, NULL, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", 0, 0, 0, &s, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", 1, 0x80, 0, &s, NULL),
                   KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_stream_open(c, "", 1, 0, 0, &s, NULL), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1 x", 1, 0, 0, &s, NULL),
                   KALSHI_ERR_INVALID_ARG);
  assert_null(s);
  assert_int_equal(kalshi_stream_write(NULL, (const uint8_t *)"x", 1), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_stream_close(NULL), KALSHI_ERR_INVALID_ARG);
  kalshi_stream_destroy(NULL);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_host_policy(void **state) {
  (void)state;
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_stream_t *s = NULL;
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_stream_open(c, "example.com", 443, KALSHI_STREAM_TLS, 0, &s, &err),
                   KALSHI_ERR_HOST_NOT_ALLOWED);
  assert_null(s);
  assert_non_null(strstr(kalshi_error_message(err), "net.allow_unknown_host"));
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);

  /* Verification off is refused for anything but loopback, even an allowed unknown host. */
  kalshi_conf_t *conf =
      test_conf("tls.verify", "false", "net.allow_unknown_host", "true", NULL);
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  assert_int_equal(kalshi_stream_open(c, "example.com", 443, KALSHI_STREAM_TLS, 0, &s, &err),
                   KALSHI_ERR_HOST_NOT_ALLOWED);
  assert_non_null(strstr(kalshi_error_message(err), "tls.verify"));
  kalshi_error_destroy(err);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_echo_round_trip_and_close(void **state) {
  (void)state;
  peer_t peer;
  peer_start(&peer);
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", peer.port, 0, 77, &s, NULL), KALSHI_OK);
  /* Queued until connected. */
  assert_int_equal(kalshi_stream_write(s, (const uint8_t *)"ping\n", 5), KALSHI_OK);
  assert_int_equal(kalshi_stream_write(s, NULL, 0), KALSHI_OK);
  kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_STREAM_CONNECTED, 10000);
  assert_non_null(ev);
  assert_int_equal(kalshi_event_user_tag(ev), 77);
  kalshi_event_destroy(ev);

  char got[16] = "";
  size_t got_len = 0;
  while (got_len < 5) {
    ev = test_wait_event(q, KALSHI_EVENT_STREAM_DATA, 10000);
    assert_non_null(ev);
    size_t n = 0;
    const uint8_t *data = kalshi_event_data(ev, &n);
    assert_true(got_len + n < sizeof got);
    memcpy(got + got_len, data, n);
    got_len += n;
    kalshi_event_destroy(ev);
  }
  assert_memory_equal(got, "ping\n", 5);

  assert_int_equal(kalshi_stream_close(s), KALSHI_OK);
  assert_int_equal(kalshi_stream_close(s), KALSHI_OK); /* idempotent */
  assert_int_equal(kalshi_stream_write(s, (const uint8_t *)"x", 1), KALSHI_ERR_CLOSED);
  expect_closed(q, 77, KALSHI_OK);
  kalshi_stream_destroy(s);
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  peer_stop(&peer);
}

static void test_refused_reports_connect(void **state) {
  (void)state;
  peer_t peer; /* bind a port, then close it: nobody listens there */
  peer_start(&peer);
  peer_stop(&peer);
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", peer.port, 0, 5, &s, NULL), KALSHI_OK);
  expect_closed(q, 5, KALSHI_ERR_CONNECT);
  assert_int_equal(kalshi_stream_write(s, (const uint8_t *)"x", 1), KALSHI_ERR_CLOSED);
  kalshi_stream_destroy(s);
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_client_close_ends_stream(void **state) {
  (void)state;
  peer_t peer;
  peer_start(&peer);
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", peer.port, 0, 9, &s, NULL), KALSHI_OK);
  kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_STREAM_CONNECTED, 10000);
  assert_non_null(ev);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_client_close(c, 5000), KALSHI_OK);
  /* The stream ends cleanly before the client's last event. */
  ev = kalshi_queue_poll(q, 1000);
  assert_non_null(ev);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_STREAM_CLOSED);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  kalshi_event_destroy(ev);
  ev = kalshi_queue_poll(q, 1000);
  assert_non_null(ev);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_CLIENT_CLOSED);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_stream_write(s, (const uint8_t *)"x", 1), KALSHI_ERR_CLOSED);
  /* Client first, then the stream and the queue: any order is safe. */
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  assert_int_equal(kalshi_stream_close(s), KALSHI_OK);
  kalshi_stream_destroy(s);
  kalshi_queue_destroy(q);
  peer_stop(&peer);
}

static void test_open_after_close_is_refused(void **state) {
  (void)state;
  kalshi_client_t *c = new_client(NULL, NULL);
  assert_int_equal(kalshi_client_close(c, 5000), KALSHI_OK);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", 1, 0, 0, &s, NULL), KALSHI_ERR_CLOSED);
  assert_null(s);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_destroy_while_connecting(void **state) {
  (void)state;
  peer_t peer;
  peer_start(&peer);
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "localhost", peer.port, 0, 11, &s, NULL), KALSHI_OK);
  kalshi_stream_destroy(s); /* the stream still reports its end */
  expect_closed(q, 11, KALSHI_OK);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  kalshi_queue_destroy(q);
  peer_stop(&peer);
}

static void test_close_before_connected_delivers_writes(void **state) {
  (void)state;
  peer_t peer;
  peer_start(&peer);
  kalshi_client_t *c = new_client(NULL, NULL);
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", peer.port, 0, 13, &s, NULL), KALSHI_OK);
  assert_int_equal(kalshi_stream_write(s, (const uint8_t *)"early\n", 6), KALSHI_OK);
  assert_int_equal(kalshi_stream_close(s), KALSHI_OK); /* graceful: the write still goes out */
  expect_closed(q, 13, KALSHI_OK);
  /* The kernel may have completed our whole connection before the peer thread even accepted
   * it, so wait for the peer rather than shutting its listener. */
  peer_join(&peer);
  assert_int_equal(peer.got_len, 6);
  assert_memory_equal(peer.got, "early\n", 6);
  kalshi_stream_destroy(s);
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_caller_mode_stream_outlives_client(void **state) {
  (void)state;
  peer_t peer;
  peer_start(&peer);
  kalshi_client_t *c = new_client("client.mode", "caller");
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_stream_t *s = NULL;
  assert_int_equal(kalshi_stream_open(c, "127.0.0.1", peer.port, 0, 3, &s, NULL), KALSHI_OK);
  kalshi_event_t *ev = NULL;
  for (int i = 0; i < 500 && ev == NULL; ++i) {
    kalshi_client_run(c, 10);
    ev = kalshi_queue_poll(q, 0);
  }
  assert_non_null(ev);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_STREAM_CONNECTED);
  kalshi_event_destroy(ev);
  /* Destroying the client drives its close to the end; the stream handle stays valid. */
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  expect_closed(q, 3, KALSHI_OK);
  assert_int_equal(kalshi_stream_write(s, (const uint8_t *)"x", 1), KALSHI_ERR_CLOSED);
  kalshi_queue_destroy(q);
  kalshi_stream_destroy(s);
  peer_stop(&peer);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_invalid_args),
      cmocka_unit_test(test_host_policy),
      cmocka_unit_test(test_echo_round_trip_and_close),
      cmocka_unit_test(test_refused_reports_connect),
      cmocka_unit_test(test_client_close_ends_stream),
      cmocka_unit_test(test_open_after_close_is_refused),
      cmocka_unit_test(test_destroy_while_connecting),
      cmocka_unit_test(test_close_before_connected_delivers_writes),
      cmocka_unit_test(test_caller_mode_stream_outlives_client),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
