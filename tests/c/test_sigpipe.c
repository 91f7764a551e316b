/* A peer that vanishes while we write must never end the host process with SIGPIPE (libuv writes
 * with write(2)): the I/O thread blocks the signal, and in caller mode a still-default disposition
 * becomes "ignore" while an application's own handler is kept. The mechanism is checked directly
 * (signal masks from /proc, the disposition), and the behaviour with peers that reset the
 * connection while the client keeps writing: the test process surviving is the assertion. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_util.h"

/* Does any thread of this process other than the caller block SIGPIPE? */
static int some_other_thread_blocks_sigpipe(void) {
  DIR *d = opendir("/proc/self/task");
  assert_non_null(d);
  const long self = (long)gettid();
  int found = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' || atol(e->d_name) == self) continue;
    char path[300];
    snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
    FILE *f = fopen(path, "r");
    if (f == NULL) continue;
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) {
      unsigned long long mask = 0;
      if (sscanf(line, "SigBlk: %llx", &mask) == 1 && (mask & (1ULL << (SIGPIPE - 1))) != 0) {
        found = 1;
      }
    }
    fclose(f);
  }
  closedir(d);
  return found;
}

static void test_io_thread_blocks_sigpipe(void **state) {
  (void)state;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  /* The thread may still be starting: bounded wait for its mask to show. */
  int blocked = 0;
  for (int i = 0; i < 200 && !blocked; ++i) {
    blocked = some_other_thread_blocks_sigpipe();
    if (!blocked) usleep(10000);
  }
  assert_true(blocked);
  struct sigaction sa;
  assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
  assert_true(sa.sa_handler == SIG_DFL); /* thread mode leaves the process disposition alone */
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void app_handler(int sig) {
  (void)sig;
}

static void test_caller_mode_keeps_an_application_handler(void **state) {
  (void)state;
  struct sigaction mine;
  memset(&mine, 0, sizeof mine);
  mine.sa_handler = app_handler;
  sigemptyset(&mine.sa_mask);
  struct sigaction before;
  assert_int_equal(sigaction(SIGPIPE, &mine, &before), 0);
  kalshi_conf_t *conf = test_conf("client.mode", "caller", NULL);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  struct sigaction now;
  assert_int_equal(sigaction(SIGPIPE, NULL, &now), 0);
  assert_true(now.sa_handler == app_handler);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  kalshi_conf_destroy(conf);
  assert_int_equal(sigaction(SIGPIPE, &before, NULL), 0);
}

static void test_caller_mode_ignores_a_default_sigpipe(void **state) {
  (void)state;
  signal(SIGPIPE, SIG_DFL);
  kalshi_conf_t *conf = test_conf("client.mode", "caller", NULL);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  struct sigaction now;
  assert_int_equal(sigaction(SIGPIPE, NULL, &now), 0);
  assert_true(now.sa_handler == SIG_IGN);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  kalshi_conf_destroy(conf);
  signal(SIGPIPE, SIG_DFL);
}

/* A listener whose connections are reset (SO_LINGER 0) as soon as they are accepted. */
static int resetting_listener(uint16_t *port) {
  struct sockaddr_in sin;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  const struct timeval tv = {10, 0};
  assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
  assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
  assert_int_equal(listen(fd, 16), 0);
  socklen_t len = sizeof sin;
  assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
  *port = ntohs(sin.sin_port);
  return fd;
}

static void reset_next(int listen_fd) {
  const int fd = accept(listen_fd, NULL, NULL);
  assert_true(fd >= 0);
  const struct linger lg = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close(fd);
}

/* Thread mode, with the default SIGPIPE disposition: writes keep going into connections the peer
 * resets; every stream must end with an error event and the process must live on. */
static void test_writes_into_reset_connections(void **state) {
  (void)state;
  signal(SIGPIPE, SIG_DFL);
  uint16_t port = 0;
  const int lfd = resetting_listener(&port);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  kalshi_queue_t *q = kalshi_client_queue(c);
  static uint8_t chunk[256 * 1024];
  for (int round = 0; round < 10; ++round) {
    kalshi_stream_t *s = NULL;
    assert_int_equal(kalshi_stream_open(c, "127.0.0.1", port, 0, (uint64_t)round, &s, NULL),
                     KALSHI_OK);
    kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_STREAM_CONNECTED, 10000);
    assert_non_null(ev);
    kalshi_event_destroy(ev);
    reset_next(lfd);
    /* Keep writing until the stream refuses: some of these writes hit the reset socket. */
    for (int i = 0; i < 64; ++i) {
      if (kalshi_stream_write(s, chunk, sizeof chunk) != KALSHI_OK) break;
      usleep(1000);
    }
    ev = test_wait_event(q, KALSHI_EVENT_STREAM_CLOSED, 10000);
    assert_non_null(ev);
    assert_int_not_equal(kalshi_event_err(ev), KALSHI_OK);
    kalshi_event_destroy(ev);
    kalshi_stream_destroy(s);
  }
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  close(lfd);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_io_thread_blocks_sigpipe),
      cmocka_unit_test(test_caller_mode_keeps_an_application_handler),
      cmocka_unit_test(test_caller_mode_ignores_a_default_sigpipe),
      cmocka_unit_test(test_writes_into_reset_connections),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
