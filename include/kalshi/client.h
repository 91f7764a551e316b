/* libkalshi — the client: one libuv loop, in one of two modes (conf `client.mode`):
 *
 *  - "thread" (default): the library runs the loop on its own I/O thread.
 *  - "caller": there is no library thread; the application drives the loop by calling
 *    kalshi_client_run. This is the low-latency mode: no cross-thread wake-up on either path.
 *
 * Every function is thread-safe. Calls from other threads are handed to the loop through a
 * multi-producer queue and uv_async_send; in caller mode they take effect at the next
 * kalshi_client_run. No library lock is held while user code (callbacks) runs.
 *
 * Lifetime: kalshi_client_close stops all activity gracefully (in-flight writes are flushed up to
 * the timeout) and posts KALSHI_EVENT_CLIENT_CLOSED; kalshi_client_destroy closes if needed and
 * releases the caller's reference. Child objects (queues, streams) keep the client's memory alive
 * until they are destroyed too, so any destroy order is safe.
 *
 * SIGPIPE: a peer that goes away mid-write never ends the process. The library's I/O thread
 * blocks SIGPIPE; in caller mode, kalshi_client_new sets SIGPIPE to "ignore" if (and only if) its
 * disposition is still the default, so an application's own handler is kept. */
#ifndef KALSHI_CLIENT_H
#define KALSHI_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "error.h"
#include "export.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_client kalshi_client_t;

/* Copies conf (NULL = all defaults). Fails with KALSHI_ERR_INVALID_VALUE when the combination of
 * properties is unusable (e.g. both auth.private_key and auth.private_key_path) and with the key
 * loader's code when a configured key cannot be loaded. */
KALSHI_API kalshi_err_t kalshi_client_new(const kalshi_conf_t *conf, kalshi_client_t **out,
                                          kalshi_error_t **err);

/* Caller mode only (KALSHI_ERR_WRONG_MODE otherwise): runs the loop until there is nothing left to
 * do right now and at most timeout_ms (0 = one non-blocking pass, -1 = until closed). Must be
 * called from one thread at a time. Returns KALSHI_ERR_CLOSED once the client has closed. */
KALSHI_API kalshi_err_t kalshi_client_run(kalshi_client_t *c, int timeout_ms);

/* A new reference to the client's event queue; release it with kalshi_queue_destroy. */
KALSHI_API kalshi_queue_t *kalshi_client_queue(kalshi_client_t *c);

/* Posts a request through the submission path; its completion is a KALSHI_EVENT_ECHO event with
 * the same user_tag. Useful to check that events flow, and to measure the round trip. */
KALSHI_API kalshi_err_t kalshi_client_echo(kalshi_client_t *c, uint64_t user_tag);

/* Posts a KALSHI_EVENT_LOG event through the client's logger at `level` (filtered by log.level). */
KALSHI_API kalshi_err_t kalshi_client_log(kalshi_client_t *c, int level, const char *message);

/* Graceful close: waits up to timeout_ms (-1 = client.close_timeout_ms) for the loop to finish.
 * In caller mode the loop must be driven by kalshi_client_run (from this or another thread) for the
 * close to complete; called with timeout 0 it only starts the close. Idempotent. */
KALSHI_API kalshi_err_t kalshi_client_close(kalshi_client_t *c, int timeout_ms);

/* 1 once the client has closed (or is closing), else 0. */
KALSHI_API int kalshi_client_closed(const kalshi_client_t *c);

/* Closes (with the configured timeout) and releases the caller's reference. Refused with
 * KALSHI_ERR_WRONG_THREAD when called on the client's I/O thread (from a dispatch callback);
 * the client is then left intact. NULL is a no-op returning KALSHI_OK. */
KALSHI_API kalshi_err_t kalshi_client_destroy(kalshi_client_t *c);

#ifdef __cplusplus
}
#endif
#endif
