#include "ws/handshake/handshake.h"

#include <mbedtls/sha1.h>

#include "crypto/base64.h"
#include "crypto/secret.h"

namespace kalshi::ws {

namespace {

constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when some header named name has token among its comma-separated values.
bool has_token(std::span<const HeaderField> headers, std::string_view name,
               std::string_view token) {
  for (const HeaderField &h : headers) {
    if (!iequals(h.name, name)) continue;
    std::string_view v = h.value;
    while (!v.empty()) {
      const size_t comma = v.find(',');
      const std::string_view item = trim(v.substr(0, comma));
      if (iequals(item, token)) return true;
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  return false;
}

// The single value of name; false when it is absent or repeated.
bool single(std::span<const HeaderField> headers, std::string_view name, std::string_view *out) {
  size_t seen = 0;
  for (const HeaderField &h : headers) {
    if (iequals(h.name, name)) {
      *out = trim(h.value);
      ++seen;
    }
  }
  return seen == 1;
}

bool present(std::span<const HeaderField> headers, std::string_view name) {
  for (const HeaderField &h : headers) {
    if (iequals(h.name, name)) return true;
  }
  return false;
}

bool is_valid_key(std::string_view key) {
  if (key.size() != kKeySize || key.substr(22) != "==") return false;
  crypto::SecretBytes raw;
  return crypto::base64_decode(key, raw) && raw.size() == 16;
}

bool has_crlf(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

const char *handshake_error_name(HandshakeError e) {
  switch (e) {
    case HandshakeError::None:
      return "none";
    case HandshakeError::NotSwitchingProtocols:
      return "not_switching_protocols";
    case HandshakeError::MissingUpgrade:
      return "missing_upgrade";
    case HandshakeError::MissingConnection:
      return "missing_connection";
    case HandshakeError::BadAccept:
      return "bad_accept";
    case HandshakeError::UnexpectedExtension:
      return "unexpected_extension";
    case HandshakeError::UnexpectedProtocol:
      return "unexpected_protocol";
    case HandshakeError::BadMethod:
      return "bad_method";
    case HandshakeError::BadVersion:
      return "bad_version";
    case HandshakeError::BadKey:
      return "bad_key";
    case HandshakeError::MissingHost:
      return "missing_host";
  }
  return "unknown";
}

std::string make_client_key(RandomSource random, void *ctx) {
  uint8_t nonce[16] = {};
  random(ctx, nonce, sizeof nonce);
  return crypto::base64_encode(std::span<const uint8_t>(nonce, sizeof nonce));
}

std::string accept_value(std::string_view key) {
  // Runs once per connection, so a small string for the concatenation is fine.
  std::string input;
  input.reserve(key.size() + kGuid.size());
  input.append(key);
  input.append(kGuid);
  uint8_t digest[20];
  mbedtls_sha1_ret(reinterpret_cast<const unsigned char *>(input.data()), input.size(), digest);
  return crypto::base64_encode(std::span<const uint8_t>(digest, sizeof digest));
}

std::string build_client_request(std::string_view host, std::string_view target,
                                 std::string_view key, std::span<const HeaderField> extra) {
  if (host.empty() || has_crlf(host) || target.empty() || target.front() != '/' ||
      target.find_first_of(" \r\n") != std::string_view::npos || !is_valid_key(key)) {
    return {};
  }
  std::string out;
  out.reserve(256);
  out.append("GET ").append(target).append(" HTTP/1.1\r\n");
  out.append("Host: ").append(host).append("\r\n");
  out.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
  out.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
  out.append("Sec-WebSocket-Version: 13\r\n");
  for (const HeaderField &h : extra) {
    if (h.name.empty() || has_crlf(h.name) || has_crlf(h.value) ||
        h.name.find_first_of(": \t") != std::string_view::npos) {
      return {};
    }
    out.append(h.name).append(": ").append(h.value).append("\r\n");
  }
  out.append("\r\n");
  return out;
}

HandshakeError check_server_response(int status, std::span<const HeaderField> headers,
                                     std::string_view key) {
  if (status != 101) return HandshakeError::NotSwitchingProtocols;
  if (!has_token(headers, "Upgrade", "websocket")) return HandshakeError::MissingUpgrade;
  if (!has_token(headers, "Connection", "upgrade")) return HandshakeError::MissingConnection;
  std::string_view accept;
  if (!single(headers, "Sec-WebSocket-Accept", &accept) || accept != accept_value(key)) {
    return HandshakeError::BadAccept;
  }
  // We offer neither extensions nor subprotocols, so the server may choose none (§4.1).
  if (present(headers, "Sec-WebSocket-Extensions")) return HandshakeError::UnexpectedExtension;
  if (present(headers, "Sec-WebSocket-Protocol")) return HandshakeError::UnexpectedProtocol;
  return HandshakeError::None;
}

HandshakeError check_client_request(std::string_view method, std::span<const HeaderField> headers,
                                    std::string_view *key) {
  *key = {};
  if (method != "GET") return HandshakeError::BadMethod;
  if (!present(headers, "Host")) return HandshakeError::MissingHost;
  if (!has_token(headers, "Upgrade", "websocket")) return HandshakeError::MissingUpgrade;
  if (!has_token(headers, "Connection", "upgrade")) return HandshakeError::MissingConnection;
  std::string_view version;
  if (!single(headers, "Sec-WebSocket-Version", &version) || version != "13") {
    return HandshakeError::BadVersion;
  }
  std::string_view k;
  if (!single(headers, "Sec-WebSocket-Key", &k) || !is_valid_key(k)) return HandshakeError::BadKey;
  *key = k;
  return HandshakeError::None;
}

std::string build_server_response(std::string_view key) {
  std::string out;
  out.reserve(160);
  out.append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
  out.append("Sec-WebSocket-Accept: ").append(accept_value(key)).append("\r\n\r\n");
  return out;
}

}  // namespace kalshi::ws
