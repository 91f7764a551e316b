#include <kalshi/queue.h>

#include "capi/client_impl.h"
#include "core/event.h"

extern "C" {

KALSHI_API kalshi_event_t *kalshi_queue_poll(kalshi_queue_t *q, int timeout_ms) {
  if (q == nullptr) return nullptr;
  try {
    return q->impl->queue().pop(timeout_ms).release();
  } catch (...) {
    return nullptr;
  }
}

KALSHI_API size_t kalshi_queue_poll_batch(kalshi_queue_t *q, kalshi_event_t **events, size_t max,
                                          int timeout_ms) {
  if (q == nullptr || events == nullptr) return 0;
  try {
    return q->impl->queue().pop_batch(events, max, timeout_ms);
  } catch (...) {
    return 0;
  }
}

KALSHI_API size_t kalshi_queue_length(kalshi_queue_t *q) {
  return q != nullptr ? q->impl->queue().size() : 0;
}

KALSHI_API int kalshi_queue_wakeup_fd(kalshi_queue_t *q) {
  return q != nullptr ? q->impl->queue().wakeup_fd() : -1;
}

KALSHI_API kalshi_err_t kalshi_queue_set_wakeup_cb(kalshi_queue_t *q, kalshi_wakeup_cb cb,
                                                   void *opaque) {
  if (q == nullptr) return KALSHI_ERR_INVALID_ARG;
  q->impl->queue().set_wakeup_cb(cb, opaque);
  return KALSHI_OK;
}

KALSHI_API void kalshi_queue_destroy(kalshi_queue_t *q) { delete q; }

KALSHI_API kalshi_event_type_t kalshi_event_type(const kalshi_event_t *ev) {
  return ev != nullptr ? ev->type : KALSHI_EVENT_NONE;
}

KALSHI_API const char *kalshi_event_type_name(kalshi_event_type_t type) {
  switch (type) {
    case KALSHI_EVENT_NONE: return "KALSHI_EVENT_NONE";
    case KALSHI_EVENT_LOG: return "KALSHI_EVENT_LOG";
    case KALSHI_EVENT_ERROR: return "KALSHI_EVENT_ERROR";
    case KALSHI_EVENT_ECHO: return "KALSHI_EVENT_ECHO";
    case KALSHI_EVENT_STREAM_CONNECTED: return "KALSHI_EVENT_STREAM_CONNECTED";
    case KALSHI_EVENT_STREAM_DATA: return "KALSHI_EVENT_STREAM_DATA";
    case KALSHI_EVENT_STREAM_CLOSED: return "KALSHI_EVENT_STREAM_CLOSED";
    case KALSHI_EVENT_CLIENT_CLOSED: return "KALSHI_EVENT_CLIENT_CLOSED";
    case KALSHI_EVENT_FIX_STATE: return "KALSHI_EVENT_FIX_STATE";
    case KALSHI_EVENT_FIX_MESSAGE: return "KALSHI_EVENT_FIX_MESSAGE";
    case KALSHI_EVENT_FIX_DECODE_ERROR: return "KALSHI_EVENT_FIX_DECODE_ERROR";
    case KALSHI_EVENT_FIX_SEND_FAILED: return "KALSHI_EVENT_FIX_SEND_FAILED";
    case KALSHI_EVENT_FIX_CLOSED: return "KALSHI_EVENT_FIX_CLOSED";
    case KALSHI_EVENT_REST_RESPONSE: return "KALSHI_EVENT_REST_RESPONSE";
    case KALSHI_EVENT_REST_PAGE: return "KALSHI_EVENT_REST_PAGE";
    case KALSHI_EVENT_REST_DONE: return "KALSHI_EVENT_REST_DONE";
    case KALSHI_EVENT_WS_STATE: return "KALSHI_EVENT_WS_STATE";
    case KALSHI_EVENT_WS_MESSAGE: return "KALSHI_EVENT_WS_MESSAGE";
    case KALSHI_EVENT_WS_REPLY: return "KALSHI_EVENT_WS_REPLY";
    case KALSHI_EVENT_WS_RESYNC: return "KALSHI_EVENT_WS_RESYNC";
    case KALSHI_EVENT_WS_CLOSED: return "KALSHI_EVENT_WS_CLOSED";
    case KALSHI_EVENT_BOOK_TOP: return "KALSHI_EVENT_BOOK_TOP";
  }
  return "KALSHI_EVENT_UNKNOWN";
}

KALSHI_API uint64_t kalshi_event_user_tag(const kalshi_event_t *ev) {
  return ev != nullptr ? ev->user_tag : 0;
}

KALSHI_API kalshi_err_t kalshi_event_err(const kalshi_event_t *ev) {
  return ev != nullptr && ev->error ? ev->error->e.code : KALSHI_OK;
}

KALSHI_API const kalshi_error_t *kalshi_event_error(const kalshi_event_t *ev) {
  return ev != nullptr ? ev->error.get() : nullptr;
}

KALSHI_API const uint8_t *kalshi_event_data(const kalshi_event_t *ev, size_t *len) {
  static const uint8_t kEmpty[1] = {0};
  if (ev == nullptr) {
    if (len != nullptr) *len = 0;
    return kEmpty;
  }
  if (len != nullptr) *len = ev->data.size();
  return reinterpret_cast<const uint8_t *>(ev->data.c_str());
}

KALSHI_API kalshi_log_level_t kalshi_event_log_level(const kalshi_event_t *ev) {
  return ev != nullptr ? ev->level : KALSHI_LOG_INFO;
}

KALSHI_API uint64_t kalshi_event_timestamp_ns(const kalshi_event_t *ev) {
  return ev != nullptr ? ev->timestamp_ns : 0;
}

KALSHI_API void kalshi_event_destroy(kalshi_event_t *ev) { delete ev; }

}  // extern "C"
