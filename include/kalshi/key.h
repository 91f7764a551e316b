/* libkalshi — private keys and request signing.
 *
 * Kalshi authenticates REST calls, the WebSocket handshake and FIX logons with a signature made by
 * the account's private key:
 *
 *   RSA      RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32. RSA-2048 costs milliseconds.
 *   Ed25519  RFC 8032 pure Ed25519 (REST and WebSocket only; FIX logon needs RSA). Costs tens of
 *            microseconds: the fast choice for REST order entry when latency matters.
 *
 * Keys load from PEM (or the same structures as raw DER): RSA as PKCS#1 ("RSA PRIVATE KEY"),
 * PKCS#8 ("PRIVATE KEY") or encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY", with a passphrase); Ed25519
 * as PKCS#8 or encrypted PKCS#8. Encrypted PKCS#8 may use PBES2 (PBKDF2-HMAC-SHA1/224/256/384/512
 * with AES-128/192/256-CBC or DES-EDE3-CBC: what OpenSSL writes) or, for RSA, PKCS#12 3DES; RSA
 * PKCS#1 may also carry OpenSSL's legacy "Proc-Type: 4,ENCRYPTED" header. A file may hold other
 * blocks (a certificate, EC PARAMETERS) before the key. Key material is copied into the key
 * object, wiped when it is destroyed, and never logged or put in an error message.
 *
 * A key is immutable once loaded; every function here may be called on it from several threads at
 * once (RSA signing with one key is serialised internally; Ed25519 is lock-free). */
#ifndef KALSHI_KEY_H
#define KALSHI_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_key kalshi_key_t;

typedef enum kalshi_key_type {
  KALSHI_KEY_RSA = 1,
  KALSHI_KEY_ED25519 = 2
} kalshi_key_type_t;

/* Errors: KALSHI_ERR_KEY_FORMAT (not a key), KALSHI_ERR_KEY_PASSPHRASE (encrypted and the
 * passphrase is missing or wrong), KALSHI_ERR_KEY_UNSUPPORTED (e.g. an EC key),
 * KALSHI_ERR_KEY_PUBLIC (a public key), KALSHI_ERR_IO (file unreadable). passphrase may be NULL. */
KALSHI_API kalshi_err_t kalshi_key_load_pem(const char *pem, size_t len, const char *passphrase,
                                            kalshi_key_t **out, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_key_load_file(const char *path, const char *passphrase,
                                             kalshi_key_t **out, kalshi_error_t **err);
/* From KALSHI_PRIVATE_KEY (PEM text) or else KALSHI_PRIVATE_KEY_PATH, with
 * KALSHI_PRIVATE_KEY_PASSPHRASE; prefix "KALSHI_PERPS_" instead when perps is non-zero. PEM text
 * on one line with literal "\n" escapes (as .env files hold it) is accepted.
 * KALSHI_ERR_INVALID_ARG when neither variable is set (or both are empty). */
KALSHI_API kalshi_err_t kalshi_key_load_env(int perps, kalshi_key_t **out, kalshi_error_t **err);
/* A fresh key: RSA with `bits` (a multiple of 8 in 2048..8192; 0 = 2048; takes a second or more),
 * or Ed25519 (bits ignored). KALSHI_ERR_INVALID_ARG for other sizes or types. */
KALSHI_API kalshi_err_t kalshi_key_generate(kalshi_key_type_t type, uint32_t bits,
                                            kalshi_key_t **out, kalshi_error_t **err);

/* 0 (no valid kalshi_key_type_t) for NULL. */
KALSHI_API kalshi_key_type_t kalshi_key_type(const kalshi_key_t *key);
/* Modulus bits for RSA, 256 for Ed25519, 0 for NULL. */
KALSHI_API uint32_t kalshi_key_bits(const kalshi_key_t *key);
/* Signature length in bytes: modulus bytes for RSA, 64 for Ed25519. */
KALSHI_API size_t kalshi_key_signature_size(const kalshi_key_t *key);

/* SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), the form Kalshi registers. Size
 * protocol: *len is the capacity on input and receives the length needed including the NUL;
 * KALSHI_ERR_BUFFER_TOO_SMALL when buf is NULL or too small. */
KALSHI_API kalshi_err_t kalshi_key_public_pem(const kalshi_key_t *key, char *buf, size_t *len);
/* The private key as unencrypted PEM, in the forms Kalshi itself issues: RSA as PKCS#1
 * ("-----BEGIN RSA PRIVATE KEY-----"), Ed25519 as PKCS#8 ("-----BEGIN PRIVATE KEY-----"). For
 * kalshi-sim demos and key generation tools. Same size protocol. Handle the result as a secret.
 * Both functions: KALSHI_ERR_INVALID_ARG for a NULL key or len. */
KALSHI_API kalshi_err_t kalshi_key_private_pem(const kalshi_key_t *key, char *buf, size_t *len);

/* Raw signature of msg (RSA-PSS or Ed25519 per the key). *sig_len: capacity in, length out; when
 * sig is NULL or *sig_len is below kalshi_key_signature_size(), KALSHI_ERR_BUFFER_TOO_SMALL with
 * *sig_len set to that size. msg may be NULL when len is 0. */
KALSHI_API kalshi_err_t kalshi_key_sign(const kalshi_key_t *key, const uint8_t *msg, size_t len,
                                        uint8_t *sig, size_t *sig_len, kalshi_error_t **err);

/* KALSHI-ACCESS-SIGNATURE for a REST call or WebSocket upgrade: base64 of the signature of
 * decimal(timestamp_ms) + METHOD + path, where path is cut at the first '?' and must include the
 * /trade-api/v2 prefix. Writes a NUL-terminated string; *len: capacity in, length (without NUL)
 * out. When sig_b64 is NULL or too small: KALSHI_ERR_BUFFER_TOO_SMALL, nothing signed, and *len set
 * to the capacity needed including the NUL (4 * ceil(signature_size / 3) + 1: 345 for RSA-2048,
 * 89 for Ed25519). KALSHI_ERR_INVALID_ARG (checked first) for a negative timestamp, a method that
 * is not 1..16 upper-case letters, or a path not starting '/' or holding a space or control
 * character. */
KALSHI_API kalshi_err_t kalshi_sign_rest(const kalshi_key_t *key, int64_t timestamp_ms,
                                         const char *method, const char *path, char *sig_b64,
                                         size_t *len, kalshi_error_t **err);

/* RawData (96) for a FIX Logon: base64 of the RSA-PSS signature of
 * SendingTime SOH "A" SOH MsgSeqNum SOH SenderCompID SOH TargetCompID, where sending_time is the
 * exact text of tag 52. RSA keys only (KALSHI_ERR_KEY_UNSUPPORTED for Ed25519). Same size protocol
 * as kalshi_sign_rest; KALSHI_ERR_INVALID_ARG for an empty field or one holding SOH. */
KALSHI_API kalshi_err_t kalshi_sign_fix_logon(const kalshi_key_t *key, const char *sending_time,
                                              uint64_t msg_seq_num, const char *sender_comp_id,
                                              const char *target_comp_id, char *sig_b64,
                                              size_t *len, kalshi_error_t **err);

/* Wipes and frees. NULL is a no-op. */
KALSHI_API void kalshi_key_destroy(kalshi_key_t *key);

#ifdef __cplusplus
}
#endif
#endif
