// Kalshi's signed messages: the REST/WebSocket KALSHI-ACCESS-SIGNATURE (rest-notes.md §2) and
// the FIX Logon RawData(96) (kalshi-fix.md §2.7). Builders are separate so tests can check the
// exact bytes signed against the spec's vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "crypto/key.h"

namespace kalshi::crypto {

// decimal(ts_ms) + METHOD + path cut at the first '?'. KALSHI_ERR_INVALID_ARG for a negative
// timestamp, a method that is not 1..16 upper-case ASCII letters, or a path that does not start
// with '/' or holds a space or control character (it could not be on a request line).
Error build_rest_message(int64_t ts_ms, std::string_view method, std::string_view path,
                         std::string *out);

// SendingTime SOH "A" SOH MsgSeqNum SOH SenderCompID SOH TargetCompID. KALSHI_ERR_INVALID_ARG for
// an empty field or one holding SOH.
Error build_fix_logon_message(std::string_view sending_time, uint64_t msg_seq_num,
                              std::string_view sender_comp_id, std::string_view target_comp_id,
                              std::string *out);

// Base64 length (without NUL) of a signature by key.
size_t signature_b64_len(const PrivateKey &key);

// Signs and base64-encodes into out[0..cap) with a NUL; KALSHI_ERR_BUFFER_TOO_SMALL (before any
// signing work) when cap < signature_b64_len(key) + 1. *out_len gets the length without NUL.
Error sign_rest(const PrivateKey &key, int64_t ts_ms, std::string_view method,
                std::string_view path, char *out, size_t cap, size_t *out_len);
Error sign_rest(const PrivateKey &key, int64_t ts_ms, std::string_view method,
                std::string_view path, std::string &out_b64);

// RSA keys only: KALSHI_ERR_KEY_UNSUPPORTED for Ed25519 (Kalshi's FIX gateway verifies RSA-PSS).
Error sign_fix_logon(const PrivateKey &key, std::string_view sending_time, uint64_t msg_seq_num,
                     std::string_view sender_comp_id, std::string_view target_comp_id, char *out,
                     size_t cap, size_t *out_len);
Error sign_fix_logon(const PrivateKey &key, std::string_view sending_time, uint64_t msg_seq_num,
                     std::string_view sender_comp_id, std::string_view target_comp_id,
                     std::string &out_b64);

}  // namespace kalshi::crypto
