#include "test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

char *test_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) fail_msg("cannot open %s", path);
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (;;) {
    if (n + 1 >= cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    const size_t got = fread(buf + n, 1, cap - n - 1, f);
    if (got == 0) break;
    n += got;
  }
  fclose(f);
  buf[n] = '\0';
  if (len != NULL) *len = n;
  return buf;
}

char *test_source_path(const char *rel) {
  const char *root = getenv("KALSHI_SOURCE_DIR");
  if (root == NULL || *root == '\0') fail_msg("KALSHI_SOURCE_DIR is not set (run under ctest)");
  char *path = malloc(strlen(root) + strlen(rel) + 2);
  assert_non_null(path);
  sprintf(path, "%s/%s", root, rel);
  return path;
}
