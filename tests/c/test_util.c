#include "test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <time.h>

#include <cmocka.h>

kalshi_conf_t *test_conf(const char *key, ...) {
  kalshi_conf_t *conf = kalshi_conf_new();
  assert_non_null(conf);
  va_list ap;
  va_start(ap, key);
  while (key != NULL) {
    const char *value = va_arg(ap, const char *);
    char errstr[256];
    if (kalshi_conf_set(conf, key, value, errstr, sizeof errstr) != KALSHI_OK) fail_msg("%s", errstr);
    key = va_arg(ap, const char *);
  }
  va_end(ap);
  return conf;
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

kalshi_event_t *test_wait_event(kalshi_queue_t *q, kalshi_event_type_t type, int timeout_ms) {
  const long deadline = now_ms() + timeout_ms;
  for (;;) {
    const long left = deadline - now_ms();
    if (left <= 0) return NULL;
    kalshi_event_t *ev = kalshi_queue_poll(q, (int)left);
    if (ev == NULL) return NULL;
    if (kalshi_event_type(ev) == type) return ev;
    kalshi_event_destroy(ev);
  }
}
