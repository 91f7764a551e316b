// Kalshi REST credentials as HTTP headers: the signed KALSHI-ACCESS-* triple (rest-notes.md §2,
// perps.md §2.1: perps uses the same keys and scheme, the path simply starts /trade-api/v2/margin)
// and the Klear bearer (perps.md §2.2: `Authorization: Bearer <admin_user_id>:<access_token>`).
//
//   HeaderList h;
//   if (Error e = kalshi_signature_headers(*key, key_id, "POST",
//                                          "/trade-api/v2/portfolio/events/orders",
//                                          wall_clock_ms(), &h); !e.ok()) ...
//
// Header values are checked so that no caller-supplied text can break the request head (no CR, LF
// or other control characters).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "crypto/key.h"

namespace kalshi::api::rest {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kAccessKeyHeader = "KALSHI-ACCESS-KEY";
inline constexpr std::string_view kAccessTimestampHeader = "KALSHI-ACCESS-TIMESTAMP";
inline constexpr std::string_view kAccessSignatureHeader = "KALSHI-ACCESS-SIGNATURE";
inline constexpr std::string_view kAuthorizationHeader = "Authorization";

// Signs timestamp_ms + METHOD + sign_path with key (RSA-PSS SHA-256 salt 32 or Ed25519, standard
// padded base64) and appends the three KALSHI-ACCESS-* headers to *headers. sign_path is the
// request path with the base prefix (/trade-api/v2/...); anything from the first '?' is not signed,
// as the notes require, so the full request target may be passed. KALSHI_ERR_INVALID_ARG for a
// null headers, an empty key id or one with a control character, a timestamp past INT64_MAX, or
// a method/path crypto::build_rest_message refuses; nothing is appended on error.
Error kalshi_signature_headers(const crypto::PrivateKey &key, std::string_view key_id,
                               std::string_view method, std::string_view sign_path,
                               uint64_t timestamp_ms, HeaderList *headers);

// Appends the three headers for a signature made earlier (the Presigner's output). Same key id
// check as above.
Error append_signature_headers(std::string_view key_id, uint64_t timestamp_ms,
                               std::string_view signature_b64, HeaderList *headers);

// {"Authorization", "Bearer <token>"}. For Klear the token is "<admin_user_id>:<access_token>"
// (see klear_bearer_header). KALSHI_ERR_INVALID_ARG for an empty token or one holding a control
// character or a space (a bearer credential is a single token68-like word).
Error bearer_header(std::string_view token, std::pair<std::string, std::string> *out);

// Klear: Bearer <admin_user_id>:<access_token>. The admin user id must not contain ':' (the
// server splits at the first colon), and neither part may be empty.
Error klear_bearer_header(std::string_view admin_user_id, std::string_view access_token,
                          std::pair<std::string, std::string> *out);

// True when v can be a header value: printable ASCII or tab, no CR/LF/NUL/DEL.
bool is_safe_header_value(std::string_view v);

}  // namespace kalshi::api::rest
