/* libkalshi — typed objects: the decoded form of REST responses and WebSocket messages.
 *
 * A kalshi_obj_t is one decoded core model (a market, an order, a fill, a position, a balance, an
 * order book, a trade, a WebSocket channel message, ...) with exact values, read by field name.
 * REST objects use the OpenAPI schema's names (yes_bid_dollars, position_fp, ...). WebSocket
 * objects use the channel's names without the unit suffix (price, delta, yes_bid, volume, ...),
 * because the library merges a message's legacy form (cents, whole contracts) and its fixed-point
 * form (_dollars, _fp) into one exact value; kalshi_obj_field_name lists what an object carries.
 * It is owned by the event it came from and valid until kalshi_event_destroy.
 * Prices come back in dollars x 10^6 (kalshi_price_t) whatever the JSON carried (FixedPointDollars
 * strings, cents, centi-cents); counts in contracts x 100 (kalshi_count_t).
 *
 * Every reader returns KALSHI_ERR_NOT_FOUND when the model has no such field or the message did not
 * carry it, KALSHI_ERR_INVALID_ARG for NULL arguments or a field of another kind (kalshi_obj_kind_of
 * tells the kind). The raw JSON is always in kalshi_event_data. */
#ifndef KALSHI_OBJ_H
#define KALSHI_OBJ_H

#include <stddef.h>
#include <stdint.h>

#include "decimal.h"
#include "error.h"
#include "export.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_obj kalshi_obj_t;

typedef enum kalshi_field_kind {
  KALSHI_FIELD_NONE = 0, /* no such field */
  KALSHI_FIELD_STR = 1,
  KALSHI_FIELD_INT = 2,
  KALSHI_FIELD_BOOL = 3,
  KALSHI_FIELD_PRICE = 4, /* kalshi_price_t */
  KALSHI_FIELD_COUNT = 5  /* kalshi_count_t */
} kalshi_field_kind_t;

/* How many typed objects the event carries (a list response: one per item) and the i-th. */
KALSHI_API size_t kalshi_event_obj_count(const kalshi_event_t *ev);
KALSHI_API const kalshi_obj_t *kalshi_event_obj(const kalshi_event_t *ev, size_t i);

/* "market", "order", "orderbook", "balance", "orderbook_delta", ... ("" for NULL). */
KALSHI_API const char *kalshi_obj_kind(const kalshi_obj_t *o);
/* The fields the object carries, in a stable order: name and kind of the i-th. */
KALSHI_API size_t kalshi_obj_field_count(const kalshi_obj_t *o);
KALSHI_API const char *kalshi_obj_field_name(const kalshi_obj_t *o, size_t i);
KALSHI_API kalshi_field_kind_t kalshi_obj_kind_of(const kalshi_obj_t *o, const char *field);

/* *value stays valid with the event; it is NUL-terminated, *len (optional) excludes the NUL. */
KALSHI_API kalshi_err_t kalshi_obj_str(const kalshi_obj_t *o, const char *field,
                                       const char **value, size_t *len);
KALSHI_API kalshi_err_t kalshi_obj_int(const kalshi_obj_t *o, const char *field, int64_t *value);
KALSHI_API kalshi_err_t kalshi_obj_bool(const kalshi_obj_t *o, const char *field, int *value);
KALSHI_API kalshi_err_t kalshi_obj_price(const kalshi_obj_t *o, const char *field,
                                         kalshi_price_t *value);
KALSHI_API kalshi_err_t kalshi_obj_count(const kalshi_obj_t *o, const char *field,
                                         kalshi_count_t *value);

/* Order-book levels: side "yes"|"no" (prediction) or "bid"|"ask" (perps), best first as the
 * exchange sent them. */
KALSHI_API size_t kalshi_obj_level_count(const kalshi_obj_t *o, const char *side);
KALSHI_API kalshi_err_t kalshi_obj_level(const kalshi_obj_t *o, const char *side, size_t i,
                                         kalshi_price_t *price, kalshi_count_t *size);

#ifdef __cplusplus
}
#endif
#endif
