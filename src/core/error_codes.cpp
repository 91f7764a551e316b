#include "core/error_codes.h"

namespace kalshi {

namespace {

#define KALSHI_ERR_ROW(c, d) {c, #c, d}
constexpr ErrorCodeInfo kCodes[] = {
    KALSHI_ERR_ROW(KALSHI_OK, "success"),
    KALSHI_ERR_ROW(KALSHI_ERR_INVALID_ARG, "invalid argument"),
    KALSHI_ERR_ROW(KALSHI_ERR_UNKNOWN_KEY, "unknown configuration property"),
    KALSHI_ERR_ROW(KALSHI_ERR_INVALID_VALUE, "invalid configuration value"),
    KALSHI_ERR_ROW(KALSHI_ERR_NO_MEMORY, "out of memory"),
    KALSHI_ERR_ROW(KALSHI_ERR_CLOSED, "handle is closed"),
    KALSHI_ERR_ROW(KALSHI_ERR_WRONG_THREAD, "not allowed on this thread"),
    KALSHI_ERR_ROW(KALSHI_ERR_WRONG_MODE, "not allowed in this client mode"),
    KALSHI_ERR_ROW(KALSHI_ERR_TIMEOUT, "timed out"),
    KALSHI_ERR_ROW(KALSHI_ERR_BUFFER_TOO_SMALL, "buffer too small"),
    KALSHI_ERR_ROW(KALSHI_ERR_PARSE, "malformed input"),
    KALSHI_ERR_ROW(KALSHI_ERR_RANGE, "value out of range"),
    KALSHI_ERR_ROW(KALSHI_ERR_INEXACT, "value not exactly representable"),
    KALSHI_ERR_ROW(KALSHI_ERR_IO, "I/O error"),
    KALSHI_ERR_ROW(KALSHI_ERR_KEY_FORMAT, "not a private key"),
    KALSHI_ERR_ROW(KALSHI_ERR_KEY_PASSPHRASE, "key passphrase missing or wrong"),
    KALSHI_ERR_ROW(KALSHI_ERR_KEY_UNSUPPORTED, "unsupported key type"),
    KALSHI_ERR_ROW(KALSHI_ERR_KEY_PUBLIC, "public key given where a private key is needed"),
    KALSHI_ERR_ROW(KALSHI_ERR_CRYPTO, "cryptographic operation failed"),
    KALSHI_ERR_ROW(KALSHI_ERR_DNS, "host name resolution failed"),
    KALSHI_ERR_ROW(KALSHI_ERR_CONNECT, "connection failed"),
    KALSHI_ERR_ROW(KALSHI_ERR_DISCONNECTED, "connection closed by peer"),
    KALSHI_ERR_ROW(KALSHI_ERR_TLS, "TLS failure"),
    KALSHI_ERR_ROW(KALSHI_ERR_TLS_UNTRUSTED, "TLS certificate not trusted"),
    KALSHI_ERR_ROW(KALSHI_ERR_TLS_HOSTNAME, "TLS certificate does not match the host name"),
    KALSHI_ERR_ROW(KALSHI_ERR_TLS_PIN, "TLS certificate key matches no pin"),
    KALSHI_ERR_ROW(KALSHI_ERR_HOST_NOT_ALLOWED, "host is neither a Kalshi host nor loopback"),
    KALSHI_ERR_ROW(KALSHI_ERR_STATE, "operation not valid in the current state"),
    KALSHI_ERR_ROW(KALSHI_ERR_NOT_SUPPORTED, "not supported"),
    KALSHI_ERR_ROW(KALSHI_ERR_INTERNAL, "internal error"),
    KALSHI_ERR_ROW(KALSHI_ERR_PROTOCOL, "protocol violation by the peer"),
    KALSHI_ERR_ROW(KALSHI_ERR_REJECTED, "rejected by the exchange"),
    KALSHI_ERR_ROW(KALSHI_ERR_NOT_FOUND, "not found"),
    KALSHI_ERR_ROW(KALSHI_ERR_SEQUENCE_GAP, "unrecoverable sequence gap"),
    KALSHI_ERR_ROW(KALSHI_ERR_BAD_REQUEST, "request refused as invalid"),
    KALSHI_ERR_ROW(KALSHI_ERR_UNAUTHORIZED, "not authorized"),
    KALSHI_ERR_ROW(KALSHI_ERR_CONFLICT, "conflicts with the current state"),
    KALSHI_ERR_ROW(KALSHI_ERR_RATE_LIMITED, "rate limited"),
    KALSHI_ERR_ROW(KALSHI_ERR_SERVER, "exchange server error"),
    KALSHI_ERR_ROW(KALSHI_ERR_OVERFLOW, "queue overflowed; data dropped"),
};
#undef KALSHI_ERR_ROW

}  // namespace

const ErrorCodeInfo *error_code_table(size_t *count) {
  *count = sizeof(kCodes) / sizeof(kCodes[0]);
  return kCodes;
}

const ErrorCodeInfo *find_error_code(kalshi_err_t code) {
  for (const auto &row : kCodes) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

}  // namespace kalshi
