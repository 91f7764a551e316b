/* libkalshi — WebSocket: every channel of the prediction and perps streams, with local books.
 *
 * A kalshi_ws_t is one WebSocket connection (ws.host/ws.port/ws.tls for prediction,
 * perps.ws.host/perps.ws.port for perps; ws.product picks) on the client's loop. The library signs
 * the handshake afresh on every connect, answers pings and sends its own, detects a dead
 * connection, reconnects with full-jitter backoff and then resubscribes everything that was
 * subscribed. Each subscription's sequence numbers are checked: a gap (or an error the spec says
 * needs it) clears that subscription's books, emits KALSHI_EVENT_WS_RESYNC and resubscribes for a
 * fresh snapshot. Messages are queued boundedly (ws.queue_limit); on overflow ws.overflow picks
 * drop_oldest (counted: kalshi_ws_dropped) or resync.
 *
 * Events (the connection's user_tag unless said otherwise):
 *   KALSHI_EVENT_WS_STATE    kalshi_event_ws_state; leaving OPEN carries the reason as the error.
 *   KALSHI_EVENT_WS_MESSAGE  a channel message: kalshi_event_ws_channel ("orderbook_delta",
 *                            "ticker", ... as the spec names them; "raw" for anything unknown),
 *                            kalshi_event_ws_type, _sid, _seq, kalshi_event_data (the JSON), and
 *                            the typed object: kalshi_event_obj(ev, 0) (obj.h accessors;
 *                            book levels for orderbook_snapshot).
 *   KALSHI_EVENT_WS_REPLY    a command's reply, carrying the command's user_tag: OK, or the error
 *                            (exchange code + message); kalshi_event_ws_sid for subscribe; the
 *                            JSON in kalshi_event_data (list_subscriptions' answer).
 *                            kalshi_event_ws_type: "subscribed" (one per channel: each channel is
 *                            its own subscription), "unsubscribed", "ok", "list_subscriptions",
 *                            "error".
 *   KALSHI_EVENT_WS_RESYNC   a subscription lost messages: books cleared, resubscribing;
 *                            kalshi_event_ws_sid, error says why (gap expected/got).
 *   KALSHI_EVENT_BOOK_TOP    (ws.top_events=true) a local book's best bid/ask changed:
 *                            kalshi_event_ws_market.
 *   KALSHI_EVENT_WS_CLOSED   the last event of the connection.
 *
 * Sids: a subscription keeps the sid of its first reply in every event, across resyncs and
 * reconnects (the exchange's current sid is in the JSON). docs/WEBSOCKET.md has the rules.
 */
#ifndef KALSHI_WS_H
#define KALSHI_WS_H

#include <stddef.h>
#include <stdint.h>

#include "book.h"
#include "client.h"
#include "conf.h"
#include "decimal.h"
#include "error.h"
#include "export.h"
#include "obj.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_ws kalshi_ws_t;

typedef enum kalshi_ws_state {
  KALSHI_WS_CONNECTING = 0,
  KALSHI_WS_OPEN = 1,
  KALSHI_WS_RECONNECTING = 2,
  KALSHI_WS_CLOSING = 3,
  KALSHI_WS_CLOSED = 4
} kalshi_ws_state_t;

/* overrides (may be NULL) layers ws.* properties over the client's conf for this connection. */
KALSHI_API kalshi_err_t kalshi_ws_open(kalshi_client_t *c, const kalshi_conf_t *overrides,
                                       uint64_t user_tag, kalshi_ws_t **out,
                                       kalshi_error_t **err);
/* channels: spec names ("orderbook_delta", "ticker", "trade", "fill", ...); market_tickers may be
 * NULL/0 for channels that take none. The reply (with the new sid) is a WS_REPLY event. */
KALSHI_API kalshi_err_t kalshi_ws_subscribe(kalshi_ws_t *w, const char *const *channels,
                                            size_t n_channels, const char *const *market_tickers,
                                            size_t n_tickers, uint64_t user_tag,
                                            kalshi_error_t **err);
/* sid: as a WS_REPLY or WS_MESSAGE event gave it; a sid from before a reconnect or a resync still
 * names the same subscription. */
KALSHI_API kalshi_err_t kalshi_ws_unsubscribe(kalshi_ws_t *w, uint64_t sid, uint64_t user_tag,
                                              kalshi_error_t **err);
/* action: "add_markets" | "delete_markets". */
KALSHI_API kalshi_err_t kalshi_ws_update_subscription(kalshi_ws_t *w, uint64_t sid,
                                                      const char *action,
                                                      const char *const *market_tickers,
                                                      size_t n_tickers, uint64_t user_tag,
                                                      kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_ws_list_subscriptions(kalshi_ws_t *w, uint64_t user_tag,
                                                     kalshi_error_t **err);
KALSHI_API kalshi_ws_state_t kalshi_ws_state(const kalshi_ws_t *w);
KALSHI_API const char *kalshi_ws_state_name(kalshi_ws_state_t state);
/* Messages dropped by the drop_oldest overflow policy so far. */
KALSHI_API uint64_t kalshi_ws_dropped(const kalshi_ws_t *w);

/* Local books (kept for markets subscribed to orderbook_delta). Consistent reads from any thread.
 * side: KALSHI_BOOK_BID / KALSHI_BOOK_ASK as in book.h (prediction: YES bids are bids, NO bids are
 * asks at 1 - price, see docs). NOT_FOUND for an unknown market or an empty side. */
KALSHI_API kalshi_err_t kalshi_ws_book_best(kalshi_ws_t *w, const char *market_ticker, int side,
                                            kalshi_price_t *price, kalshi_count_t *size);
/* Copies one market's book into a caller-owned kalshi_book_t (replacing that symbol there). */
KALSHI_API kalshi_err_t kalshi_ws_book_copy(kalshi_ws_t *w, const char *market_ticker,
                                            kalshi_book_t *into, kalshi_error_t **err);

/* Graceful close (unsubscribes nothing; sends a close frame); WS_CLOSED follows. Idempotent. */
KALSHI_API kalshi_err_t kalshi_ws_close(kalshi_ws_t *w);
/* Closes if needed and releases the handle. NULL is a no-op. */
KALSHI_API void kalshi_ws_destroy(kalshi_ws_t *w);

/* ---- event accessors ---- */
KALSHI_API kalshi_ws_state_t kalshi_event_ws_state(const kalshi_event_t *ev);
KALSHI_API const char *kalshi_event_ws_channel(const kalshi_event_t *ev);
KALSHI_API const char *kalshi_event_ws_type(const kalshi_event_t *ev);
KALSHI_API uint64_t kalshi_event_ws_sid(const kalshi_event_t *ev);
KALSHI_API uint64_t kalshi_event_ws_seq(const kalshi_event_t *ev);
KALSHI_API const char *kalshi_event_ws_market(const kalshi_event_t *ev);

#ifdef __cplusplus
}
#endif
#endif
