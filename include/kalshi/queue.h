/* libkalshi — events and event queues.
 *
 * Everything the library reports (completions, data, state changes, errors, logs) is an event
 * delivered to the client's queue. The application polls the queue from any thread; an outside
 * event loop can watch the wake-up fd or install a wake-up callback. An event belongs to the caller
 * from poll until kalshi_event_destroy, and every pointer its accessors return stays valid until
 * then. Requests carry a caller-chosen uint64_t user_tag that comes back on their events. */
#ifndef KALSHI_QUEUE_H
#define KALSHI_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_queue kalshi_queue_t;
typedef struct kalshi_event kalshi_event_t;

/* Append-only. */
typedef enum kalshi_event_type {
  KALSHI_EVENT_NONE = 0,
  KALSHI_EVENT_LOG = 1,              /* kalshi_event_log_level + kalshi_event_data (text) */
  KALSHI_EVENT_ERROR = 2,            /* an error not tied to a request: kalshi_event_error */
  KALSHI_EVENT_ECHO = 3,             /* completion of kalshi_client_echo */
  KALSHI_EVENT_STREAM_CONNECTED = 4, /* kalshi_stream_open finished its (TLS) handshake */
  KALSHI_EVENT_STREAM_DATA = 5,      /* bytes received: kalshi_event_data */
  KALSHI_EVENT_STREAM_CLOSED = 6,    /* stream ended; kalshi_event_error says why, NULL if clean */
  KALSHI_EVENT_CLIENT_CLOSED = 7,    /* kalshi_client_close finished; the last event of a client */
  KALSHI_EVENT_FIX_STATE = 8,        /* fix.h: a session's state changed */
  KALSHI_EVENT_FIX_MESSAGE = 9,      /* fix.h: a decoded message from the exchange */
  KALSHI_EVENT_FIX_DECODE_ERROR = 10,/* fix.h: undecodable bytes (kalshi_event_data) and why */
  KALSHI_EVENT_FIX_SEND_FAILED = 11, /* fix.h: a queued send could not be sent */
  KALSHI_EVENT_FIX_CLOSED = 12,      /* fix.h: the last event of a session */
  KALSHI_EVENT_REST_RESPONSE = 13,   /* rest.h: a call completed (status, body, typed view) */
  KALSHI_EVENT_REST_PAGE = 14,       /* rest.h: one page of a paginated listing */
  KALSHI_EVENT_REST_DONE = 15,       /* rest.h: a paginated listing ended (error if it failed) */
  KALSHI_EVENT_WS_STATE = 16,        /* ws.h: a WebSocket connection's state changed */
  KALSHI_EVENT_WS_MESSAGE = 17,      /* ws.h: a channel message (typed, or raw JSON) */
  KALSHI_EVENT_WS_REPLY = 18,        /* ws.h: a command's reply or error, tied to its user_tag */
  KALSHI_EVENT_WS_RESYNC = 19,       /* ws.h: a gap; the book was cleared and is resubscribing */
  KALSHI_EVENT_WS_CLOSED = 20,       /* ws.h: the last event of a WebSocket connection */
  KALSHI_EVENT_BOOK_TOP = 21         /* ws.h: a local book's best bid or ask changed */
} kalshi_event_type_t;

typedef enum kalshi_log_level {
  KALSHI_LOG_ERROR = 0,
  KALSHI_LOG_WARN = 1,
  KALSHI_LOG_INFO = 2,
  KALSHI_LOG_DEBUG = 3,
  KALSHI_LOG_TRACE = 4
} kalshi_log_level_t;

/* Waits up to timeout_ms (0 = do not wait, -1 = forever) for one event; NULL if none. */
KALSHI_API kalshi_event_t *kalshi_queue_poll(kalshi_queue_t *q, int timeout_ms);
/* Takes up to max events into events[]; returns how many (0 after the timeout). */
KALSHI_API size_t kalshi_queue_poll_batch(kalshi_queue_t *q, kalshi_event_t **events, size_t max,
                                          int timeout_ms);
KALSHI_API size_t kalshi_queue_length(kalshi_queue_t *q);
/* A file descriptor that is readable while the queue is non-empty (Linux eventfd). Owned by the
 * queue: do not read, write or close it. -1 on a NULL queue. */
KALSHI_API int kalshi_queue_wakeup_fd(kalshi_queue_t *q);
/* Called (on whatever thread queued the event) when the queue goes from empty to non-empty. It
 * must only signal: no polling, no library calls. NULL disables. */
typedef void (*kalshi_wakeup_cb)(void *opaque);
KALSHI_API kalshi_err_t kalshi_queue_set_wakeup_cb(kalshi_queue_t *q, kalshi_wakeup_cb cb,
                                                   void *opaque);
/* Releases the caller's reference from kalshi_client_queue. Events still queued are freed with the
 * last reference. */
KALSHI_API void kalshi_queue_destroy(kalshi_queue_t *q);

KALSHI_API kalshi_event_type_t kalshi_event_type(const kalshi_event_t *ev);
/* "KALSHI_EVENT_STREAM_DATA" etc. */
KALSHI_API const char *kalshi_event_type_name(kalshi_event_type_t type);
KALSHI_API uint64_t kalshi_event_user_tag(const kalshi_event_t *ev);
/* The event's error code, KALSHI_OK when it carries none. */
KALSHI_API kalshi_err_t kalshi_event_err(const kalshi_event_t *ev);
/* The event's error object (owned by the event), NULL when it carries none. */
KALSHI_API const kalshi_error_t *kalshi_event_error(const kalshi_event_t *ev);
/* Payload bytes (stream data, log text...), NUL-terminated for convenience; *len excludes the NUL.
 * Never NULL for a non-NULL ev (an empty payload gives "" and 0). */
KALSHI_API const uint8_t *kalshi_event_data(const kalshi_event_t *ev, size_t *len);
KALSHI_API kalshi_log_level_t kalshi_event_log_level(const kalshi_event_t *ev);
/* Monotonic nanoseconds when the library created the event (for latency measurement). */
KALSHI_API uint64_t kalshi_event_timestamp_ns(const kalshi_event_t *ev);
KALSHI_API void kalshi_event_destroy(kalshi_event_t *ev);

#ifdef __cplusplus
}
#endif
#endif
