/* The client: both loop modes, echo round trips, queues, wake-ups, dispatch, close and destroy. */
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "test_util.h"

static void test_thread_mode_echo(void **state) {
  (void)state;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_non_null(q);
  assert_int_equal(kalshi_client_run(c, 0), KALSHI_ERR_WRONG_MODE);
  assert_int_equal(kalshi_client_echo(c, 0xfeedfacecafebeefULL), KALSHI_OK);
  kalshi_event_t *ev = kalshi_queue_poll(q, 5000);
  assert_non_null(ev);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_ECHO);
  assert_true(kalshi_event_user_tag(ev) == 0xfeedfacecafebeefULL);
  assert_int_equal(kalshi_event_err(ev), KALSHI_OK);
  assert_null(kalshi_event_error(ev));
  assert_true(kalshi_event_timestamp_ns(ev) > 0);
  assert_string_equal(kalshi_event_type_name(kalshi_event_type(ev)), "KALSHI_EVENT_ECHO");
  kalshi_event_destroy(ev);
  assert_null(kalshi_queue_poll(q, 0));
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_caller_mode_needs_run(void **state) {
  (void)state;
  kalshi_conf_t *conf = test_conf("client.mode", "caller", NULL);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_int_equal(kalshi_client_echo(c, 7), KALSHI_OK);
  /* Nothing runs the loop yet, so nothing can have arrived. */
  assert_null(kalshi_queue_poll(q, 50));
  assert_int_equal(kalshi_client_run(c, 0), KALSHI_OK);
  kalshi_event_t *ev = kalshi_queue_poll(q, 0);
  assert_non_null(ev);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_ECHO);
  assert_int_equal(kalshi_event_user_tag(ev), 7);
  kalshi_event_destroy(ev);
  /* A bounded run with nothing to do returns after about the timeout. */
  assert_int_equal(kalshi_client_run(c, 20), KALSHI_OK);
  assert_int_equal(kalshi_client_close(c, 2000), KALSHI_OK);
  ev = test_wait_event(q, KALSHI_EVENT_CLIENT_CLOSED, 1000);
  assert_non_null(ev);
  kalshi_event_destroy(ev);
  assert_int_equal(kalshi_client_run(c, 0), KALSHI_ERR_CLOSED);
  assert_int_equal(kalshi_client_echo(c, 8), KALSHI_ERR_CLOSED);
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
}

static void test_batch_and_wakeup_fd(void **state) {
  (void)state;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  kalshi_queue_t *q = kalshi_client_queue(c);
  int fd = kalshi_queue_wakeup_fd(q);
  assert_true(fd >= 0);
  struct pollfd pfd = {.fd = fd, .events = POLLIN};
  assert_int_equal(poll(&pfd, 1, 0), 0); /* empty: not readable */
  for (uint64_t i = 1; i <= 10; ++i) assert_int_equal(kalshi_client_echo(c, i), KALSHI_OK);
  assert_int_equal(poll(&pfd, 1, 5000), 1); /* readable once something is queued */
  /* Wait for all ten, then take them in batches, in order. */
  for (int spins = 0; kalshi_queue_length(q) < 10 && spins < 500; ++spins) poll(NULL, 0, 10);
  assert_int_equal(kalshi_queue_length(q), 10);
  kalshi_event_t *batch[4];
  uint64_t expect = 1;
  size_t got;
  while ((got = kalshi_queue_poll_batch(q, batch, 4, 0)) > 0) {
    assert_true(got <= 4);
    for (size_t i = 0; i < got; ++i) {
      assert_int_equal(kalshi_event_user_tag(batch[i]), expect++);
      kalshi_event_destroy(batch[i]);
    }
  }
  assert_int_equal(expect, 11);
  assert_int_equal(poll(&pfd, 1, 0), 0); /* drained: no longer readable */
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
}

static int wakeups;
static void on_wakeup(void *opaque) {
  (void)opaque;
  __atomic_add_fetch(&wakeups, 1, __ATOMIC_SEQ_CST);
}

static void test_wakeup_callback(void **state) {
  (void)state;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  kalshi_queue_t *q = kalshi_client_queue(c);
  wakeups = 0;
  assert_int_equal(kalshi_queue_set_wakeup_cb(q, on_wakeup, NULL), KALSHI_OK);
  assert_int_equal(kalshi_client_echo(c, 1), KALSHI_OK);
  kalshi_event_t *ev = kalshi_queue_poll(q, 5000);
  assert_non_null(ev);
  kalshi_event_destroy(ev);
  /* The callback runs just after the event is queued, so allow it a moment. */
  for (int spins = 0; __atomic_load_n(&wakeups, __ATOMIC_SEQ_CST) == 0 && spins < 500; ++spins) {
    poll(NULL, 0, 10);
  }
  assert_int_equal(__atomic_load_n(&wakeups, __ATOMIC_SEQ_CST), 1);
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
}

struct dispatch_state {
  int seen;
  kalshi_client_t *client;
  kalshi_err_t destroy_rc;
};

static int on_dispatch(const struct kalshi_event *ev, void *opaque) {
  struct dispatch_state *st = opaque;
  if (kalshi_event_type(ev) != KALSHI_EVENT_ECHO) return 0;
  st->seen++;
  if (kalshi_event_user_tag(ev) == 99) {
    st->destroy_rc = kalshi_client_destroy(st->client); /* must be refused here */
    return 0;                                          /* and this one goes to the queue */
  }
  return 1; /* consumed */
}

static void test_dispatch_callback(void **state) {
  (void)state;
  struct dispatch_state st = {0, NULL, KALSHI_OK};
  kalshi_conf_t *conf = kalshi_conf_new();
  assert_int_equal(kalshi_conf_set_dispatch_cb(conf, on_dispatch, &st), KALSHI_OK);
  assert_int_equal(kalshi_client_new(conf, &st.client, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  kalshi_queue_t *q = kalshi_client_queue(st.client);
  assert_int_equal(kalshi_client_echo(st.client, 1), KALSHI_OK);
  assert_int_equal(kalshi_client_echo(st.client, 99), KALSHI_OK);
  kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_ECHO, 5000);
  assert_non_null(ev);
  /* Tag 1 was consumed by the callback; only 99 reached the queue. */
  assert_int_equal(kalshi_event_user_tag(ev), 99);
  kalshi_event_destroy(ev);
  assert_int_equal(st.seen, 2);
  assert_int_equal(st.destroy_rc, KALSHI_ERR_WRONG_THREAD);
  kalshi_queue_destroy(q);
  assert_int_equal(kalshi_client_destroy(st.client), KALSHI_OK);
}

struct producer {
  kalshi_client_t *c;
  uint64_t base;
};

static void *produce(void *arg) {
  struct producer *p = arg;
  for (uint64_t i = 0; i < 1000; ++i) {
    if (kalshi_client_echo(p->c, p->base + i) != KALSHI_OK) return (void *)1;
  }
  return NULL;
}

static void test_many_producers(void **state) {
  (void)state;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  kalshi_queue_t *q = kalshi_client_queue(c);
  pthread_t threads[4];
  struct producer ps[4];
  for (int t = 0; t < 4; ++t) {
    ps[t].c = c;
    ps[t].base = (uint64_t)t * 1000000;
    assert_int_equal(pthread_create(&threads[t], NULL, produce, &ps[t]), 0);
  }
  static unsigned char seen[4][1000];
  memset(seen, 0, sizeof seen);
  uint64_t next[4] = {0, 0, 0, 0};
  for (int n = 0; n < 4000; ++n) {
    kalshi_event_t *ev = kalshi_queue_poll(q, 5000);
    assert_non_null(ev);
    uint64_t tag = kalshi_event_user_tag(ev);
    int t = (int)(tag / 1000000);
    uint64_t i = tag % 1000000;
    assert_true(t < 4 && i < 1000);
    assert_int_equal(seen[t][i], 0); /* exactly once */
    seen[t][i] = 1;
    assert_int_equal(i, next[t]); /* each producer's requests stay in order */
    next[t]++;
    kalshi_event_destroy(ev);
  }
  for (int t = 0; t < 4; ++t) {
    void *rc = NULL;
    pthread_join(threads[t], &rc);
    assert_null(rc);
  }
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
}

static void test_log_levels(void **state) {
  (void)state;
  kalshi_conf_t *conf = test_conf("log.level", "info", NULL);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_int_equal(kalshi_client_log(c, KALSHI_LOG_DEBUG, "too detailed"), KALSHI_OK);
  assert_int_equal(kalshi_client_log(c, KALSHI_LOG_WARN, "careful"), KALSHI_OK);
  assert_int_equal(kalshi_client_log(c, 17, "bad level"), KALSHI_ERR_INVALID_ARG);
  kalshi_event_t *ev = kalshi_queue_poll(q, 1000);
  assert_non_null(ev);
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_LOG);
  assert_int_equal(kalshi_event_log_level(ev), KALSHI_LOG_WARN);
  size_t len = 0;
  assert_string_equal((const char *)kalshi_event_data(ev, &len), "careful");
  assert_int_equal(len, 7);
  kalshi_event_destroy(ev);
  assert_null(kalshi_queue_poll(q, 50)); /* the debug line was filtered */
  kalshi_queue_destroy(q);
  kalshi_client_destroy(c);
}

static void test_close_and_lifetimes(void **state) {
  (void)state;
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(NULL, &c, NULL), KALSHI_OK);
  kalshi_queue_t *q = kalshi_client_queue(c);
  assert_int_equal(kalshi_client_closed(c), 0);
  assert_int_equal(kalshi_client_close(c, 2000), KALSHI_OK);
  assert_int_equal(kalshi_client_close(c, 2000), KALSHI_OK); /* idempotent */
  assert_int_equal(kalshi_client_closed(c), 1);
  assert_int_equal(kalshi_client_echo(c, 1), KALSHI_ERR_CLOSED);
  /* The queue outlives the client handle and still yields the final event. */
  assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
  kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_CLIENT_CLOSED, 1000);
  assert_non_null(ev);
  kalshi_event_destroy(ev);
  kalshi_queue_destroy(q);
}

static void test_many_lifecycles(void **state) {
  (void)state;
  for (int i = 0; i < 300; ++i) {
    kalshi_client_t *c = NULL;
    kalshi_conf_t *conf = test_conf("client.mode", (i % 2) ? "caller" : "thread", NULL);
    assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
    kalshi_conf_destroy(conf);
    kalshi_queue_t *q = kalshi_client_queue(c);
    assert_int_equal(kalshi_client_echo(c, (uint64_t)i), KALSHI_OK);
    if (i % 3 == 0) {
      kalshi_queue_destroy(q); /* queue released before the client */
      assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
    } else {
      assert_int_equal(kalshi_client_destroy(c), KALSHI_OK);
      kalshi_queue_destroy(q); /* and after */
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_thread_mode_echo),  cmocka_unit_test(test_caller_mode_needs_run),
      cmocka_unit_test(test_batch_and_wakeup_fd), cmocka_unit_test(test_wakeup_callback),
      cmocka_unit_test(test_dispatch_callback), cmocka_unit_test(test_many_producers),
      cmocka_unit_test(test_log_levels),        cmocka_unit_test(test_close_and_lifetimes),
      cmocka_unit_test(test_many_lifecycles),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
