/* libkalshi — configuration.
 *
 * A kalshi_conf_t is a set of string properties ("fix.heartbeat_s" = "30"), validated when set.
 * Every property, its default and its meaning is listed in docs/CONFIGURATION.md, generated from
 * the same table the code validates against. A client copies its conf when created; the caller
 * keeps ownership of the conf it passed. Values of secret properties (private keys, passphrases,
 * tokens) are wiped when overwritten or destroyed and are never printed by kalshi_conf_dump. */
#ifndef KALSHI_CONF_H
#define KALSHI_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_conf kalshi_conf_t;
struct kalshi_event; /* kalshi_event_t, see queue.h */

/* NULL only when out of memory. */
KALSHI_API kalshi_conf_t *kalshi_conf_new(void);
KALSHI_API kalshi_conf_t *kalshi_conf_dup(const kalshi_conf_t *conf);
KALSHI_API void kalshi_conf_destroy(kalshi_conf_t *conf);

/* KALSHI_OK, KALSHI_ERR_UNKNOWN_KEY (no such property) or KALSHI_ERR_INVALID_VALUE (the value is
 * outside the property's domain). On error a NUL-terminated message is written to errstr when
 * errstr_size > 0. A NULL value resets the property to its default. */
KALSHI_API kalshi_err_t kalshi_conf_set(kalshi_conf_t *conf, const char *key, const char *value,
                                        char *errstr, size_t errstr_size);

/* The effective value: the explicit one, else the default, which for host properties follows
 * `env`. Secret properties read back as "[redacted]" once set. Call with dest NULL to learn the
 * size: *dest_size always receives the length needed including the NUL, and
 * KALSHI_ERR_BUFFER_TOO_SMALL is returned when dest is too small. */
KALSHI_API kalshi_err_t kalshi_conf_get(const kalshi_conf_t *conf, const char *key, char *dest,
                                        size_t *dest_size);

/* Every property as "key=value\n" lines in table order (secrets redacted), same size protocol as
 * kalshi_conf_get. */
KALSHI_API kalshi_err_t kalshi_conf_dump(const kalshi_conf_t *conf, char *dest, size_t *dest_size);

/* Applies the environment: KALSHI_KEY_ID, KALSHI_PRIVATE_KEY (PEM text), KALSHI_PRIVATE_KEY_PATH,
 * KALSHI_PRIVATE_KEY_PASSPHRASE, KALSHI_DEMO (1/true/yes selects env=demo), and the separate perps
 * namespace KALSHI_PERPS_KEY_ID, KALSHI_PERPS_PRIVATE_KEY, KALSHI_PERPS_PRIVATE_KEY_PATH,
 * KALSHI_PERPS_PRIVATE_KEY_PASSPHRASE, KALSHI_KLEAR_TOKEN, and HTTPS_PROXY (or https_proxy:
 * "http://host:port" or "host:port" into net.https_proxy). Unset variables leave properties
 * untouched. An invalid value fails with KALSHI_ERR_INVALID_VALUE naming the variable. */
KALSHI_API kalshi_err_t kalshi_conf_from_env(kalshi_conf_t *conf, char *errstr,
                                             size_t errstr_size);

/* Opt-in dispatch on the I/O thread (for C/C++/Rust latency paths). The callback sees each event
 * before it is queued; it returns non-zero to consume it (the event is then freed by the library
 * after the call and never queued) or 0 to let it be queued as usual. The event is valid only
 * during the call. It must not block and must not destroy the client. NULL cb disables. */
typedef int (*kalshi_dispatch_cb)(const struct kalshi_event *ev, void *opaque);
KALSHI_API kalshi_err_t kalshi_conf_set_dispatch_cb(kalshi_conf_t *conf, kalshi_dispatch_cb cb,
                                                    void *opaque);

#ifdef __cplusplus
}
#endif
#endif
