/* libkalshi — FIX sessions (FIXT.1.1 / FIX 5.0 SP2) with Kalshi's prediction and margin gateways.
 *
 * A session is one logged-on connection of one type (KalshiNR, RT, DC, PT, RFQ or MD). Its
 * settings come from the client's configuration, optionally overridden per session by a second
 * kalshi_conf_t (fix.session, fix.product, fix.heartbeat_s, fix.logon.*, fix.store ... — see
 * docs/CONFIGURATION.md). The library signs the Logon, keeps the heartbeat, numbers and recovers
 * messages (ResendRequest on KalshiRT/KalshiPT; a reconnect with ResetSeqNumFlag=Y elsewhere),
 * reconnects with backoff, and delivers what the exchange sends as events:
 *
 *   KALSHI_EVENT_FIX_STATE         the session's state changed (kalshi_event_fix_state); leaving
 *                                  KALSHI_FIX_ACTIVE carries the reason as the event's error
 *                                  (logon refused, heartbeat timeout, sequence gap, ...).
 *   KALSHI_EVENT_FIX_MESSAGE       a message from the exchange (application messages and session
 *                                  Rejects), decoded: kalshi_event_fix_msg.
 *   KALSHI_EVENT_FIX_DECODE_ERROR  bytes that could not be framed or decoded; kalshi_event_data
 *                                  holds them, kalshi_event_error says why. Nothing the exchange
 *                                  sends is dropped silently.
 *   KALSHI_EVENT_FIX_SEND_FAILED   a message accepted by a kalshi_fix_send* call from another
 *                                  thread could not be sent (the session was not logged on); it
 *                                  was not sent and not stored, so it can never go out later.
 *   KALSHI_EVENT_FIX_CLOSED        the last event of a session, after kalshi_fix_session_close or
 *                                  when it gives up (refused logon, reconnect off).
 *
 * Every event of a session carries the user_tag given to kalshi_fix_session_open, except
 * SEND_FAILED, which carries the user_tag of the send.
 *
 * Prices are kalshi_price_t (dollars x 10^6) and quantities kalshi_count_t (contracts x 10^2) in
 * both directions, whatever the wire format (integer cents, or dollars with fix.logon.use_dollars
 * and on margin): the library converts exactly and refuses a value the wire format cannot carry
 * (KALSHI_ERR_INEXACT). Tags and their meaning: docs/FIX_MESSAGES.md (generated from the library's
 * message table). */
#ifndef KALSHI_FIX_H
#define KALSHI_FIX_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "conf.h"
#include "decimal.h"
#include "error.h"
#include "export.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_fix_session kalshi_fix_session_t;
typedef struct kalshi_fix_msg kalshi_fix_msg_t;
typedef struct kalshi_fix_builder kalshi_fix_builder_t;

/* Append-only. */
typedef enum kalshi_fix_state {
  KALSHI_FIX_DISCONNECTED = 0, /* no connection (waiting to reconnect, or finished) */
  KALSHI_FIX_CONNECTING = 1,   /* DNS, TCP, TLS */
  KALSHI_FIX_LOGGING_ON = 2,   /* Logon sent, waiting for the exchange's */
  KALSHI_FIX_ACTIVE = 3,       /* logged on: messages can be sent */
  KALSHI_FIX_LOGGING_OUT = 4   /* Logout sent, waiting for the answer */
} kalshi_fix_state_t;

typedef enum kalshi_product {
  KALSHI_PRODUCT_PREDICTION = 0, /* event contracts */
  KALSHI_PRODUCT_MARGIN = 1      /* perps */
} kalshi_product_t;

/* "KALSHI_FIX_ACTIVE" etc. */
KALSHI_API const char *kalshi_fix_state_name(kalshi_fix_state_t state);

/* ---- sessions ----------------------------------------------------------------------------- */

/* Validates the settings (client conf overlaid with `overrides`, which may be NULL) and starts
 * connecting. Errors known before any traffic are returned here: KALSHI_ERR_INVALID_VALUE (a Logon
 * flag the session type does not allow, no key id), KALSHI_ERR_KEY_UNSUPPORTED (no RSA key for the
 * product), KALSHI_ERR_HOST_NOT_ALLOWED, KALSHI_ERR_IO (store directory), KALSHI_ERR_CLOSED. */
KALSHI_API kalshi_err_t kalshi_fix_session_open(kalshi_client_t *c, const kalshi_conf_t *overrides,
                                                uint64_t user_tag, kalshi_fix_session_t **out,
                                                kalshi_error_t **err);
/* Graceful: Logout, wait for the answer (bounded), close; FIX_CLOSED follows. Idempotent. */
KALSHI_API kalshi_err_t kalshi_fix_session_close(kalshi_fix_session_t *s);
/* Closes if needed and releases the handle. NULL is a no-op. */
KALSHI_API void kalshi_fix_session_destroy(kalshi_fix_session_t *s);
/* The last state reported (any thread). */
KALSHI_API kalshi_fix_state_t kalshi_fix_session_state(const kalshi_fix_session_t *s);
/* The MsgSeqNum the next outgoing message gets, and the next one expected from the exchange
 * (as of the last loop iteration). */
KALSHI_API uint64_t kalshi_fix_session_next_sender_seq(const kalshi_fix_session_t *s);
KALSHI_API uint64_t kalshi_fix_session_next_target_seq(const kalshi_fix_session_t *s);

/* ---- sending --------------------------------------------------------------------------------
 * Every send validates and encodes on the calling thread, so a malformed message fails at once
 * with KALSHI_ERR_INVALID_ARG / INVALID_VALUE / INEXACT / NOT_SUPPORTED (a message type the
 * session type does not allow). On the loop thread (caller mode, or inside a dispatch callback)
 * the message is sent before the call returns and *seq_out (may be NULL) gets its MsgSeqNum;
 * KALSHI_ERR_STATE when the session is not logged on. From another thread it is queued for the
 * loop and *seq_out is 0; if the session is not logged on when it gets there, FIX_SEND_FAILED
 * reports it. Either way a message that was refused is never sent later. */

/* A message of any client->server type, by MsgType ("D", "UOG", ...), field by field. Fields
 * are written in the message's defined order whatever the order of the set calls. */
KALSHI_API kalshi_err_t kalshi_fix_builder_new(const char *msg_type, kalshi_fix_builder_t **out,
                                               kalshi_error_t **err);
/* Starts over with another (or the same) MsgType, keeping the memory. */
KALSHI_API kalshi_err_t kalshi_fix_builder_reset(kalshi_fix_builder_t *b, const char *msg_type,
                                                 kalshi_error_t **err);
KALSHI_API void kalshi_fix_builder_destroy(kalshi_fix_builder_t *b);
/* Typed setters. KALSHI_ERR_INVALID_ARG for a tag the message does not have at this level or a
 * setter that does not fit the tag's type; KALSHI_ERR_INVALID_VALUE for a value of the wrong form
 * (SOH, bad ClOrdID, unknown enumeration value); KALSHI_ERR_INEXACT / RANGE for numbers. The
 * error message names the tag. */
KALSHI_API kalshi_err_t kalshi_fix_builder_set_str(kalshi_fix_builder_t *b, uint32_t tag,
                                                   const char *value, size_t len,
                                                   kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_set_int(kalshi_fix_builder_t *b, uint32_t tag,
                                                   int64_t value, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_set_char(kalshi_fix_builder_t *b, uint32_t tag,
                                                    char value, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_set_bool(kalshi_fix_builder_t *b, uint32_t tag,
                                                    int value, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_set_price(kalshi_fix_builder_t *b, uint32_t tag,
                                                     kalshi_price_t value, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_set_count(kalshi_fix_builder_t *b, uint32_t tag,
                                                     kalshi_count_t value, kalshi_error_t **err);
/* Dollar amounts (fees, MaxExecutionCost, CashOrderQty) at the price scale (x 10^6). */
KALSHI_API kalshi_err_t kalshi_fix_builder_set_amount(kalshi_fix_builder_t *b, uint32_t tag,
                                                      int64_t value, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_set_time_ms(kalshi_fix_builder_t *b, uint32_t tag,
                                                       int64_t epoch_ms, kalshi_error_t **err);
/* Repeating groups: begin with the counter tag (453, 146, ...), then one entry_next per entry
 * followed by that entry's fields; nested groups likewise; group_end closes the innermost. */
KALSHI_API kalshi_err_t kalshi_fix_builder_group_begin(kalshi_fix_builder_t *b,
                                                       uint32_t counter_tag, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_entry_next(kalshi_fix_builder_t *b,
                                                      kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_builder_group_end(kalshi_fix_builder_t *b, kalshi_error_t **err);
/* Sends the built message (the builder stays usable). A missing required field gives
 * KALSHI_ERR_INVALID_ARG naming the tag. SenderSubID(50) for FCM operators goes in `sender_sub_id` (NULL: none). */
KALSHI_API kalshi_err_t kalshi_fix_send(kalshi_fix_session_t *s, const kalshi_fix_builder_t *b,
                                        const char *sender_sub_id, uint64_t user_tag,
                                        uint64_t *seq_out, kalshi_error_t **err);

/* Typed shortcuts for the common messages (the builder covers every optional field).
 * side: '1' buy (YES / bid), '2' sell (NO / ask). tif: '0' day, '1' GTC, '3' IOC, '4' FOK (0 to
 * omit). */
KALSHI_API kalshi_err_t kalshi_fix_send_new_order(kalshi_fix_session_t *s, const char *cl_ord_id,
                                                  const char *symbol, char side,
                                                  kalshi_price_t price, kalshi_count_t qty,
                                                  char tif, uint64_t user_tag, uint64_t *seq_out,
                                                  kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_send_cancel(kalshi_fix_session_t *s, const char *cl_ord_id,
                                               const char *orig_cl_ord_id, const char *symbol,
                                               char side, uint64_t user_tag, uint64_t *seq_out,
                                               kalshi_error_t **err);
/* New total quantity and price; omitted TimeInForce keeps the order's expiry (Kalshi rule). */
KALSHI_API kalshi_err_t kalshi_fix_send_replace(kalshi_fix_session_t *s, const char *cl_ord_id,
                                                const char *orig_cl_ord_id, const char *symbol,
                                                char side, kalshi_price_t price, kalshi_count_t qty,
                                                uint64_t user_tag, uint64_t *seq_out,
                                                kalshi_error_t **err);
/* KalshiNR only; cancels the session's open orders. */
KALSHI_API kalshi_err_t kalshi_fix_send_mass_cancel(kalshi_fix_session_t *s, const char *cl_ord_id,
                                                    uint64_t user_tag, uint64_t *seq_out,
                                                    kalshi_error_t **err);
/* action: 1 create (group_id NULL), 2 reset, 3 delete, 4 trigger, 5 update; contracts_limit is
 * sent for create and update (else ignored). */
KALSHI_API kalshi_err_t kalshi_fix_send_order_group(kalshi_fix_session_t *s, int action,
                                                    const char *group_id, int64_t contracts_limit,
                                                    uint64_t user_tag, uint64_t *seq_out,
                                                    kalshi_error_t **err);
/* KalshiMD. request_type: '0' snapshot, '1' subscribe, '2' unsubscribe (n = 0: all). The session
 * remembers subscriptions and repeats them after a reconnect (fix.resubscribe). */
KALSHI_API kalshi_err_t kalshi_fix_send_md_request(kalshi_fix_session_t *s, char request_type,
                                                   const char *const *symbols, size_t n,
                                                   uint64_t user_tag, uint64_t *seq_out,
                                                   kalshi_error_t **err);
/* KalshiMD (prediction). request_type '1' subscribe, '2' unsubscribe. */
KALSHI_API kalshi_err_t kalshi_fix_send_security_status_request(
    kalshi_fix_session_t *s, char request_type, const char *symbol, uint64_t user_tag,
    uint64_t *seq_out, kalshi_error_t **err);
/* KalshiDC: replay ExecutionReports by ExecID range; end_exec_id NULL = up to the latest. */
KALSHI_API kalshi_err_t kalshi_fix_send_event_resend(kalshi_fix_session_t *s,
                                                     const char *begin_exec_id,
                                                     const char *end_exec_id, uint64_t user_tag,
                                                     uint64_t *seq_out, kalshi_error_t **err);
/* KalshiRT, RFQ creator: QuoteRequest for `qty` contracts of one market. */
KALSHI_API kalshi_err_t kalshi_fix_send_quote_request(kalshi_fix_session_t *s,
                                                      const char *quote_req_id, const char *symbol,
                                                      kalshi_count_t qty, uint64_t user_tag,
                                                      uint64_t *seq_out, kalshi_error_t **err);
/* KalshiRFQ, market maker: a quote (bid = YES price, offer = NO price; 0 = side not quoted). */
KALSHI_API kalshi_err_t kalshi_fix_send_quote(kalshi_fix_session_t *s, const char *quote_id,
                                              const char *quote_req_id, const char *symbol,
                                              kalshi_price_t bid_px, kalshi_price_t offer_px,
                                              uint64_t user_tag, uint64_t *seq_out,
                                              kalshi_error_t **err);
/* KalshiRT, RFQ creator: accept a quote. side '1' takes the NO quote, '2' the YES quote. */
KALSHI_API kalshi_err_t kalshi_fix_send_accept_quote(kalshi_fix_session_t *s, const char *quote_id,
                                                     const char *rfq_id, char side,
                                                     kalshi_count_t qty, const char *cl_ord_id,
                                                     uint64_t user_tag, uint64_t *seq_out,
                                                     kalshi_error_t **err);
/* KalshiRFQ: cancel a quote / confirm an accepted quote (within 30 s of acceptance). */
KALSHI_API kalshi_err_t kalshi_fix_send_quote_cancel(kalshi_fix_session_t *s, const char *quote_id,
                                                     uint64_t user_tag, uint64_t *seq_out,
                                                     kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_fix_send_quote_confirm(kalshi_fix_session_t *s, const char *quote_id,
                                                      uint64_t user_tag, uint64_t *seq_out,
                                                      kalshi_error_t **err);
/* KalshiRT: cancel an RFQ by the client's QuoteReqID. */
KALSHI_API kalshi_err_t kalshi_fix_send_rfq_cancel(kalshi_fix_session_t *s,
                                                   const char *quote_req_id, uint64_t user_tag,
                                                   uint64_t *seq_out, kalshi_error_t **err);

/* ---- received messages ----------------------------------------------------------------------
 * A kalshi_fix_msg_t belongs to its event and is valid until kalshi_event_destroy; so are the
 * group entries and every string it returns. Strings are (pointer, length) views into the
 * message, not NUL-terminated. Getters return KALSHI_ERR_NOT_FOUND when the field is absent and
 * KALSHI_ERR_INVALID_ARG when the tag's type does not fit the getter (e.g. price of a text
 * field). */

/* Decodes one whole exchange-to-client message (8= .. 10=, e.g. from a log or a capture) into a
 * KALSHI_EVENT_FIX_MESSAGE event that the caller owns, exactly as a session would deliver it.
 * use_dollars: the session's UseDollars (prices in cents otherwise, on prediction).
 * KALSHI_ERR_PROTOCOL for bad framing or a value that does not decode. */
KALSHI_API kalshi_err_t kalshi_fix_decode(const uint8_t *frame, size_t len,
                                          kalshi_product_t product, int use_dollars,
                                          kalshi_event_t **out, kalshi_error_t **err);

KALSHI_API kalshi_fix_state_t kalshi_event_fix_state(const kalshi_event_t *ev);
/* NULL unless the event is KALSHI_EVENT_FIX_MESSAGE. */
KALSHI_API const kalshi_fix_msg_t *kalshi_event_fix_msg(const kalshi_event_t *ev);

/* MsgType as text ("8", "UMS"), NUL-terminated. */
KALSHI_API const char *kalshi_fix_msg_type(const kalshi_fix_msg_t *m);
KALSHI_API uint64_t kalshi_fix_msg_seq(const kalshi_fix_msg_t *m);
/* 1 for a retransmission (PossDupFlag=Y). */
KALSHI_API int kalshi_fix_msg_poss_dup(const kalshi_fix_msg_t *m);
KALSHI_API int64_t kalshi_fix_msg_sending_time_ms(const kalshi_fix_msg_t *m);
/* The whole message as received, 8= .. 10=. */
KALSHI_API const uint8_t *kalshi_fix_msg_raw(const kalshi_fix_msg_t *m, size_t *len);
/* For a session Reject (35=3) or BusinessMessageReject (35=j): the user_tag of the send it refuses
 * (matched by RefSeqNum 45 against the session's recent sends), else 0. */
KALSHI_API uint64_t kalshi_fix_msg_ref_user_tag(const kalshi_fix_msg_t *m);

KALSHI_API int kalshi_fix_msg_has(const kalshi_fix_msg_t *m, uint32_t tag);
KALSHI_API kalshi_err_t kalshi_fix_msg_str(const kalshi_fix_msg_t *m, uint32_t tag,
                                           const char **value, size_t *len);
KALSHI_API kalshi_err_t kalshi_fix_msg_int(const kalshi_fix_msg_t *m, uint32_t tag, int64_t *value);
KALSHI_API kalshi_err_t kalshi_fix_msg_char(const kalshi_fix_msg_t *m, uint32_t tag, char *value);
KALSHI_API kalshi_err_t kalshi_fix_msg_bool(const kalshi_fix_msg_t *m, uint32_t tag, int *value);
KALSHI_API kalshi_err_t kalshi_fix_msg_price(const kalshi_fix_msg_t *m, uint32_t tag,
                                             kalshi_price_t *value);
KALSHI_API kalshi_err_t kalshi_fix_msg_count(const kalshi_fix_msg_t *m, uint32_t tag,
                                             kalshi_count_t *value);
KALSHI_API kalshi_err_t kalshi_fix_msg_amount(const kalshi_fix_msg_t *m, uint32_t tag,
                                              int64_t *value);
KALSHI_API kalshi_err_t kalshi_fix_msg_time_ms(const kalshi_fix_msg_t *m, uint32_t tag,
                                               int64_t *epoch_ms);

/* Repeating groups. The entry is itself a kalshi_fix_msg_t scope: the getters above read its
 * fields and this function reaches nested groups. NULL when index is out of range. */
KALSHI_API size_t kalshi_fix_msg_group_count(const kalshi_fix_msg_t *m, uint32_t counter_tag);
KALSHI_API const kalshi_fix_msg_t *kalshi_fix_msg_group_entry(const kalshi_fix_msg_t *m,
                                                              uint32_t counter_tag, size_t index);

/* Every field of this scope in wire order (group counters included, their entries not), for
 * logging and for tags the library does not know. */
KALSHI_API size_t kalshi_fix_msg_field_count(const kalshi_fix_msg_t *m);
KALSHI_API kalshi_err_t kalshi_fix_msg_field_at(const kalshi_fix_msg_t *m, size_t index,
                                                uint32_t *tag, const char **value, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
