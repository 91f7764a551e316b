#include "api/rest/auth.h"

#include <charconv>
#include <limits>

#include "core/secure_wipe.h"
#include "crypto/sign.h"

namespace kalshi::api::rest {

namespace {

Error check_key_id(std::string_view key_id) {
  if (key_id.empty()) return Error::make(KALSHI_ERR_INVALID_ARG, "API key id is empty");
  if (!is_safe_header_value(key_id))
    return Error::make(KALSHI_ERR_INVALID_ARG, "API key id holds a control character");
  return {};
}

std::string decimal(uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

bool is_safe_header_value(std::string_view v) {
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f) return false;
  }
  return true;
}

Error append_signature_headers(std::string_view key_id, uint64_t timestamp_ms,
                               std::string_view signature_b64, HeaderList *headers) {
  if (headers == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "headers is null");
  if (Error e = check_key_id(key_id); !e.ok()) return e;
  if (signature_b64.empty() || !is_safe_header_value(signature_b64))
    return Error::make(KALSHI_ERR_INVALID_ARG, "signature is empty or not printable");
  headers->emplace_back(std::string(kAccessKeyHeader), std::string(key_id));
  headers->emplace_back(std::string(kAccessTimestampHeader), decimal(timestamp_ms));
  headers->emplace_back(std::string(kAccessSignatureHeader), std::string(signature_b64));
  return {};
}

Error kalshi_signature_headers(const crypto::PrivateKey &key, std::string_view key_id,
                               std::string_view method, std::string_view sign_path,
                               uint64_t timestamp_ms, HeaderList *headers) {
  if (headers == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "headers is null");
  if (Error e = check_key_id(key_id); !e.ok()) return e;
  if (timestamp_ms > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return Error::make(KALSHI_ERR_INVALID_ARG, "timestamp out of range");
  std::string sig;
  if (Error e = crypto::sign_rest(key, static_cast<int64_t>(timestamp_ms), method, sign_path, sig);
      !e.ok())
    return e;
  return append_signature_headers(key_id, timestamp_ms, sig, headers);
}

Error bearer_header(std::string_view token, std::pair<std::string, std::string> *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "out is null");
  if (token.empty()) return Error::make(KALSHI_ERR_INVALID_ARG, "bearer token is empty");
  if (!is_safe_header_value(token) || token.find_first_of(" \t") != std::string_view::npos)
    return Error::make(KALSHI_ERR_INVALID_ARG, "bearer token holds a space or control character");
  out->first = std::string(kAuthorizationHeader);
  out->second = "Bearer ";
  out->second.append(token);
  return {};
}

Error klear_bearer_header(std::string_view admin_user_id, std::string_view access_token,
                          std::pair<std::string, std::string> *out) {
  if (admin_user_id.empty() || access_token.empty())
    return Error::make(KALSHI_ERR_INVALID_ARG, "Klear admin user id and access token are required");
  if (admin_user_id.find(':') != std::string_view::npos)
    return Error::make(KALSHI_ERR_INVALID_ARG, "Klear admin user id holds ':'");
  std::string token;
  token.reserve(admin_user_id.size() + 1 + access_token.size());
  token.append(admin_user_id).append(":").append(access_token);
  Error e = bearer_header(token, out);
  secure_wipe(token);  // it holds the access token
  return e;
}

}  // namespace kalshi::api::rest
