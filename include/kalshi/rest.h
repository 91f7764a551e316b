/* libkalshi — REST: every operation of the prediction, perps and Klear APIs.
 *
 * Calls go through the client (its loop, its keys, its queue). Any operation of the vendored specs
 * is callable by operationId (docs/REST_OPERATIONS.md lists them); parameters and the body are
 * validated against the operation before any network I/O (an error names the parameter). The
 * library signs each request (RSA-PSS headers with auth.* for prediction, perps.auth.* for perps;
 * bearer klear.auth.token for Klear; nothing for public operations), keeps the client-side rate
 * limits (rest.rate_tier, rest.rate_limit_wait), retries only idempotent requests (GET) on
 * 429/5xx/connection failures, and POST/DELETE never, unless the request provably never left the
 * machine. Hosts: rest.host/rest.port/rest.tls (prediction and perps, /trade-api/v2),
 * klear.host/klear.port/klear.tls (/klear-api/v1). A signed operation on a client without the
 * api's key is sent unsigned (the exchange answers 401: KALSHI_ERR_UNAUTHORIZED). docs/REST.md.
 *
 * Completion: exactly one KALSHI_EVENT_REST_RESPONSE per call, with the call's user_tag:
 *   kalshi_event_err / kalshi_event_error   KALSHI_OK on a 2xx; else the mapped error
 *                                           (BAD_REQUEST 400, UNAUTHORIZED 401/403, NOT_FOUND 404,
 *                                           CONFLICT 409, RATE_LIMITED 429, SERVER 5xx, transport
 *                                           errors) with kalshi_error_http_status and the
 *                                           exchange's error code/message parsed from the body.
 *   kalshi_event_rest_status                HTTP status (0 if no response arrived).
 *   kalshi_event_data                       the raw response body (JSON), always available.
 *   kalshi_event_rest_operation             the operationId.
 *   kalshi_event_obj_count / kalshi_event_obj  the typed view: the decoded core model(s) of the
 *                                           response (a list response: one object per item; a
 *                                           single-object response: one): obj.h.
 * Paginated listings (kalshi_rest_paginate): one KALSHI_EVENT_REST_PAGE per page (same accessors
 * as a response; kalshi_event_rest_page_index) and then one KALSHI_EVENT_REST_DONE (error if it
 * failed: a cursor loop is KALSHI_ERR_PROTOCOL; kalshi_event_rest_truncated says max_pages cut it).
 */
#ifndef KALSHI_REST_H
#define KALSHI_REST_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "decimal.h"
#include "error.h"
#include "export.h"
#include "obj.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_rest_params kalshi_rest_params_t;

typedef enum kalshi_rest_api {
  KALSHI_REST_PREDICTION = 0,
  KALSHI_REST_PERPS = 1,
  KALSHI_REST_KLEAR = 2
} kalshi_rest_api_t;

/* ---- parameters (path and query), copied by the call ---- */
KALSHI_API kalshi_err_t kalshi_rest_params_new(kalshi_rest_params_t **out);
KALSHI_API void kalshi_rest_params_destroy(kalshi_rest_params_t *p);
/* Sets (or replaces) a parameter by its spec name; array parameters take a comma-separated list.
 * The name and value are copied. INVALID_ARG for NULL arguments. */
KALSHI_API kalshi_err_t kalshi_rest_params_set(kalshi_rest_params_t *p, const char *name,
                                               const char *value);
KALSHI_API void kalshi_rest_params_clear(kalshi_rest_params_t *p);

/* ---- the generic call ---- */
/* params may be NULL; body is JSON (NULL/0: none). Synchronous errors: INVALID_ARG (unknown
 * operation, validation, naming the parameter), CLOSED, KEY_* (no key for a signed operation),
 * RATE_LIMITED (fail-fast limiter). */
KALSHI_API kalshi_err_t kalshi_rest_call(kalshi_client_t *c, kalshi_rest_api_t api,
                                         const char *operation_id,
                                         const kalshi_rest_params_t *params, const char *body,
                                         size_t body_len, uint64_t user_tag,
                                         kalshi_error_t **err);
/* Cursor pagination of a paginated operation: pages until the cursor is empty or max_pages
 * (0 = rest.max_pages). */
KALSHI_API kalshi_err_t kalshi_rest_paginate(kalshi_client_t *c, kalshi_rest_api_t api,
                                             const char *operation_id,
                                             const kalshi_rest_params_t *params,
                                             uint32_t max_pages, uint64_t user_tag,
                                             kalshi_error_t **err);

/* ---- typed helpers (prediction) ---- */
/* side "yes"|"no", action "buy"|"sell"; price in dollars x 10^6 (limit price of the side);
 * client_order_id NULL: the library generates a UUID (returned in the response). tif NULL or
 * "good_till_canceled" | "immediate_or_cancel" | "fill_or_kill" per the spec. */
KALSHI_API kalshi_err_t kalshi_rest_create_order(kalshi_client_t *c, const char *ticker,
                                                 const char *side, const char *action,
                                                 kalshi_count_t count, kalshi_price_t price,
                                                 const char *client_order_id, const char *tif,
                                                 uint64_t user_tag, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_rest_cancel_order(kalshi_client_t *c, const char *order_id,
                                                 uint64_t user_tag, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_rest_get_market(kalshi_client_t *c, const char *ticker,
                                               uint64_t user_tag, kalshi_error_t **err);
/* depth 0: full book. The response event also feeds kalshi_book_apply_event. */
KALSHI_API kalshi_err_t kalshi_rest_get_orderbook(kalshi_client_t *c, const char *ticker,
                                                  uint32_t depth, uint64_t user_tag,
                                                  kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_rest_get_balance(kalshi_client_t *c, uint64_t user_tag,
                                                kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_rest_get_positions(kalshi_client_t *c, uint64_t user_tag,
                                                  kalshi_error_t **err);

/* ---- response events ---- */
KALSHI_API int32_t kalshi_event_rest_status(const kalshi_event_t *ev);
KALSHI_API const char *kalshi_event_rest_operation(const kalshi_event_t *ev);
KALSHI_API uint32_t kalshi_event_rest_page_index(const kalshi_event_t *ev);
KALSHI_API int kalshi_event_rest_truncated(const kalshi_event_t *ev);
/* The response's "cursor" ("" if none). */
KALSHI_API const char *kalshi_event_rest_cursor(const kalshi_event_t *ev);

#ifdef __cplusplus
}
#endif
#endif
