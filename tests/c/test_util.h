/* Shared helpers for the C API tests. */
#ifndef KALSHI_TEST_UTIL_H
#define KALSHI_TEST_UTIL_H

#include <kalshi/kalshi.h>

/* A conf with each "key", "value" pair applied; asserts every set succeeds. NULL-terminated. */
kalshi_conf_t *test_conf(const char *key, ...);
/* Polls until an event of `type` arrives (others are destroyed) or timeout_ms passes. */
kalshi_event_t *test_wait_event(kalshi_queue_t *q, kalshi_event_type_t type, int timeout_ms);
/* The whole file, NUL-terminated (the NUL not counted in *len), malloc'd; fails the test if the
 * file cannot be read. len may be NULL. */
char *test_read_file(const char *path, size_t *len);
/* $KALSHI_SOURCE_DIR/rel (the repository root under ctest), malloc'd; fails the test if unset. */
char *test_source_path(const char *rel);

#endif
