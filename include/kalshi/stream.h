/* libkalshi — raw byte streams over TCP or TLS 1.2, on the client's loop.
 *
 * The transport every protocol of the library runs on, exposed for diagnostics, tunnels and
 * custom protocols. TLS settings come from the client's conf (tls.*): the system CA bundle by
 * default, hostname verification, SNI, optional SPKI-SHA256 pins. Certificate verification can be
 * switched off (tls.verify=false) only for loopback peers. A host that is neither a Kalshi host nor
 * loopback needs net.allow_unknown_host=true.
 *
 * Events (all with the user_tag given to kalshi_stream_open): KALSHI_EVENT_STREAM_CONNECTED once
 * connected (after the TLS handshake), KALSHI_EVENT_STREAM_DATA for received bytes, and exactly one
 * KALSHI_EVENT_STREAM_CLOSED at the end, carrying the error if it failed (DNS, connect, timeout,
 * TLS untrusted / hostname / pin, reset). A clean end carries no error: a local close, the peer's
 * FIN on plain TCP, or the peer's TLS close_notify. A TLS peer that closes without close_notify
 * gives KALSHI_ERR_DISCONNECTED (the data may have been truncated). net.connect_timeout_ms bounds
 * DNS, connect and the TLS handshake together. */
#ifndef KALSHI_STREAM_H
#define KALSHI_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "error.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_stream kalshi_stream_t;

#define KALSHI_STREAM_TLS 1u /* flags: wrap the connection in TLS */

/* Starts connecting; the result arrives as events. Errors known before any network traffic are
 * returned synchronously: KALSHI_ERR_INVALID_ARG, KALSHI_ERR_HOST_NOT_ALLOWED (an unknown host, or
 * tls.verify=false for a host that is not loopback), KALSHI_ERR_CLOSED (the client is closed),
 * KALSHI_ERR_IO (tls.ca_file unreadable). */
KALSHI_API kalshi_err_t kalshi_stream_open(kalshi_client_t *c, const char *host, uint16_t port,
                                           uint32_t flags, uint64_t user_tag,
                                           kalshi_stream_t **out, kalshi_error_t **err);
/* Copies the bytes and queues them for sending (after the handshake if still connecting). */
KALSHI_API kalshi_err_t kalshi_stream_write(kalshi_stream_t *s, const uint8_t *data, size_t len);
/* Starts a graceful close (queued bytes, TLS close_notify, then FIN); STREAM_CLOSED follows.
 * Bytes written before the connection came up are still delivered if it does. Idempotent. */
KALSHI_API kalshi_err_t kalshi_stream_close(kalshi_stream_t *s);
/* Closes if needed and releases the handle. NULL is a no-op. */
KALSHI_API void kalshi_stream_destroy(kalshi_stream_t *s);

#ifdef __cplusplus
}
#endif
#endif
