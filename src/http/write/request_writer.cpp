#include "http/write/request_writer.h"

#include <charconv>

#include "http/parse/header_rules.h"

namespace kalshi::http {

namespace {

bool is_visible(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f;
}

bool valid_target(std::string_view t) {
  if (t.empty() || t[0] != '/') return false;
  for (const char c : t)
    if (!is_visible(c)) return false;
  return true;
}

bool valid_host(std::string_view h) {
  if (h.empty()) return false;
  for (const char c : h)
    if (!is_visible(c) || c == '/' || c == '@' || c == '?' || c == '#' || c == '\\') return false;
  return true;
}

bool valid_value(std::string_view v) {
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

bool is_managed(std::string_view name) {
  return iequals(name, "host") || iequals(name, "content-length") ||
         iequals(name, "transfer-encoding") || iequals(name, "connection");
}

}  // namespace

const char *write_error_name(WriteError e) {
  switch (e) {
    case WriteError::None:
      return "none";
    case WriteError::BadMethod:
      return "method is not a token";
    case WriteError::BadTarget:
      return "request target not origin-form visible ASCII";
    case WriteError::BadHost:
      return "malformed host";
    case WriteError::BadHeaderName:
      return "header name is not a token";
    case WriteError::BadHeaderValue:
      return "control character (CR, LF, ...) in header value";
    case WriteError::ManagedHeader:
      return "header is written by the HTTP layer";
    case WriteError::OutOfOrder:
      return "request built out of order";
  }
  return "unknown";
}

WriteError RequestWriter::fail(WriteError e) {
  error_ = e;
  buf_.clear();
  phase_ = Phase::Idle;
  return e;
}

WriteError RequestWriter::begin(std::string_view method, std::string_view target,
                                std::string_view host) {
  buf_.clear();
  error_ = WriteError::None;
  phase_ = Phase::Idle;
  if (!is_token(method)) return fail(WriteError::BadMethod);
  if (!valid_target(target)) return fail(WriteError::BadTarget);
  if (!valid_host(host)) return fail(WriteError::BadHost);
  buf_.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: ");
  buf_.append(host).append("\r\n");
  phase_ = Phase::Headers;
  return WriteError::None;
}

WriteError RequestWriter::header(std::string_view name, std::string_view value) {
  if (error_ != WriteError::None) return error_;
  if (phase_ != Phase::Headers) return fail(WriteError::OutOfOrder);
  if (!is_token(name)) return fail(WriteError::BadHeaderName);
  if (!valid_value(value)) return fail(WriteError::BadHeaderValue);
  if (is_managed(name)) return fail(WriteError::ManagedHeader);
  buf_.append(name).append(": ").append(trim_ows(value)).append("\r\n");
  return WriteError::None;
}

WriteError RequestWriter::finish(std::string_view body) {
  if (error_ != WriteError::None) return error_;
  if (phase_ != Phase::Headers) return fail(WriteError::OutOfOrder);
  // Methods whose requests carry a body by definition announce even an empty one.
  const std::string_view line(buf_);
  const bool body_method =
      line.starts_with("POST ") || line.starts_with("PUT ") || line.starts_with("PATCH ");
  if (!body.empty() || body_method) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, body.size());
    buf_.append("Content-Length: ").append(digits, r.ptr).append("\r\n");
  }
  if (accept_gzip_) buf_.append("Accept-Encoding: gzip\r\n");
  buf_.append(keep_alive_ ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
  buf_.append("\r\n").append(body);
  phase_ = Phase::Finished;
  return WriteError::None;
}

std::string_view RequestWriter::bytes() const {
  return phase_ == Phase::Finished ? std::string_view(buf_) : std::string_view();
}

}  // namespace kalshi::http
