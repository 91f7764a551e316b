/* libkalshi — error codes and error objects.
 *
 * Every fallible call returns a kalshi_err_t (KALSHI_OK is 0). Detail comes back through an
 * optional `kalshi_error_t **err` out-parameter (pass NULL to skip it) or an errstr buffer; the
 * library keeps no thread-local "last error", because goroutines and green threads move between
 * OS threads. The enum is append-only: codes never change meaning or value. */
#ifndef KALSHI_ERROR_H
#define KALSHI_ERROR_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kalshi_err {
  KALSHI_OK = 0,
  KALSHI_ERR_INVALID_ARG = 1,     /* NULL or otherwise unusable argument */
  KALSHI_ERR_UNKNOWN_KEY = 2,     /* kalshi_conf_set: no such property */
  KALSHI_ERR_INVALID_VALUE = 3,   /* kalshi_conf_set: property exists, value rejected */
  KALSHI_ERR_NO_MEMORY = 4,
  KALSHI_ERR_CLOSED = 5,          /* handle already closed */
  KALSHI_ERR_WRONG_THREAD = 6,    /* e.g. destroy called from the I/O thread */
  KALSHI_ERR_WRONG_MODE = 7,      /* e.g. kalshi_client_run on a client with its own thread */
  KALSHI_ERR_TIMEOUT = 8,
  KALSHI_ERR_BUFFER_TOO_SMALL = 9,/* *len was set to the size needed */
  KALSHI_ERR_PARSE = 10,          /* malformed text */
  KALSHI_ERR_RANGE = 11,          /* well-formed but out of range */
  KALSHI_ERR_INEXACT = 12,        /* more precision than the fixed scale holds */
  KALSHI_ERR_IO = 13,             /* file could not be read */
  KALSHI_ERR_KEY_FORMAT = 14,     /* not a PEM/DER key at all */
  KALSHI_ERR_KEY_PASSPHRASE = 15, /* encrypted key: passphrase missing or wrong */
  KALSHI_ERR_KEY_UNSUPPORTED = 16,/* a key, but neither RSA nor Ed25519 */
  KALSHI_ERR_KEY_PUBLIC = 17,     /* a public key where a private key is needed */
  KALSHI_ERR_CRYPTO = 18,         /* signing or randomness failed */
  KALSHI_ERR_DNS = 19,
  KALSHI_ERR_CONNECT = 20,        /* TCP connect refused or unreachable */
  KALSHI_ERR_DISCONNECTED = 21,   /* peer closed or reset the connection */
  KALSHI_ERR_TLS = 22,            /* TLS handshake or record failure not covered below */
  KALSHI_ERR_TLS_UNTRUSTED = 23,  /* certificate chain does not verify against the CAs */
  KALSHI_ERR_TLS_HOSTNAME = 24,   /* certificate does not name the host */
  KALSHI_ERR_TLS_PIN = 25,        /* certificate key matches no configured SPKI pin */
  KALSHI_ERR_HOST_NOT_ALLOWED = 26,/* not a Kalshi host and not loopback (net.allow_unknown_host) */
  KALSHI_ERR_STATE = 27,          /* operation not valid in the object's current state */
  KALSHI_ERR_NOT_SUPPORTED = 28,
  KALSHI_ERR_INTERNAL = 29,       /* a bug in libkalshi; please report */
  KALSHI_ERR_PROTOCOL = 30,       /* the peer broke the wire protocol (bad frame, bad sequence) */
  KALSHI_ERR_REJECTED = 31,       /* the exchange refused the request (logon, reject message) */
  KALSHI_ERR_NOT_FOUND = 32,      /* no such field, entry, symbol or object */
  KALSHI_ERR_SEQUENCE_GAP = 33,   /* messages were lost and cannot be recovered on this session */
  KALSHI_ERR_BAD_REQUEST = 34,    /* HTTP 400: the exchange refused the request's content */
  KALSHI_ERR_UNAUTHORIZED = 35,   /* HTTP 401/403: credentials or signature refused */
  KALSHI_ERR_CONFLICT = 36,       /* HTTP 409: conflicts with the current state */
  KALSHI_ERR_RATE_LIMITED = 37,   /* HTTP 429 or the client-side limiter in fail-fast mode */
  KALSHI_ERR_SERVER = 38,         /* HTTP 5xx: the exchange failed */
  KALSHI_ERR_OVERFLOW = 39        /* a bounded queue overflowed and data was dropped */
} kalshi_err_t;

/* "KALSHI_ERR_TIMEOUT" etc.; "KALSHI_ERR_UNKNOWN_CODE" for codes this build does not know. */
KALSHI_API const char *kalshi_err_name(kalshi_err_t code);
/* One-line English description; static storage. */
KALSHI_API const char *kalshi_err_str(kalshi_err_t code);
/* The table for bindings: writes up to `cap` known codes to `out` (if not NULL) and returns how
 * many codes exist. */
KALSHI_API size_t kalshi_err_codes(kalshi_err_t *out, size_t cap);

/* An error object: owned by whoever received it, freed with kalshi_error_destroy. */
typedef struct kalshi_error kalshi_error_t;

KALSHI_API kalshi_err_t kalshi_error_code(const kalshi_error_t *e);
/* Human-readable detail; never NULL for a non-NULL e; valid until destroy. */
KALSHI_API const char *kalshi_error_message(const kalshi_error_t *e);
/* HTTP status of a REST failure, else 0. */
KALSHI_API int32_t kalshi_error_http_status(const kalshi_error_t *e);
/* The exchange's own error code (REST `code`, FIX reject reason), else "" . */
KALSHI_API const char *kalshi_error_exchange_code(const kalshi_error_t *e);
/* 1 if repeating the same call later may succeed (timeouts, 429, 503, resets). */
KALSHI_API int kalshi_error_retriable(const kalshi_error_t *e);
/* 1 if the object that produced it can no longer be used. */
KALSHI_API int kalshi_error_fatal(const kalshi_error_t *e);
KALSHI_API void kalshi_error_destroy(kalshi_error_t *e);

#ifdef __cplusplus
}
#endif
#endif
