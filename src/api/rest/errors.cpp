#include "api/rest/errors.h"

#include <simdjson.h>

#include <string>
#include <utility>

namespace kalshi::api::rest {

namespace {

namespace od = simdjson::ondemand;

// The fields an exchange error body may carry; empty when absent.
struct ErrorBody {
  std::string code;
  std::string message;
  std::string details;
  std::string service;
  bool parsed = false;  // a JSON object with at least one of the fields
};

// Text of a scalar: a string's contents, a number's or boolean's JSON token. Objects, arrays and
// null give false (they are not a code or a message).
bool scalar_text(od::value v, std::string *out) {
  od::json_type t;
  if (v.type().get(t) != simdjson::SUCCESS) return false;
  if (t == od::json_type::string) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) return false;
    out->assign(s);
    return true;
  }
  if (t == od::json_type::number || t == od::json_type::boolean) {
    std::string_view raw = v.raw_json_token();
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
      raw.remove_suffix(1);
    out->assign(raw);
    return true;
  }
  return false;
}

// Reads code/message/details/service from obj. "error" may be a nested object of the same fields
// (read one level deep only) or a plain string (the 429 body), which is taken as the message.
bool read_fields(od::object obj, ErrorBody *b, bool allow_nested) {
  for (auto field_result : obj) {
    od::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) return false;
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
    od::value v = field.value();
    std::string text;
    if (key == "code") {
      if (scalar_text(v, &text)) b->code = std::move(text), b->parsed = true;
    } else if (key == "message" || key == "msg") {
      if (scalar_text(v, &text)) b->message = std::move(text), b->parsed = true;
    } else if (key == "details") {
      if (scalar_text(v, &text)) b->details = std::move(text), b->parsed = true;
    } else if (key == "service") {
      if (scalar_text(v, &text)) b->service = std::move(text), b->parsed = true;
    } else if (key == "error" && allow_nested) {
      od::json_type t;
      if (v.type().get(t) != simdjson::SUCCESS) return false;
      if (t == od::json_type::object) {
        od::object inner;
        if (v.get_object().get(inner) != simdjson::SUCCESS) return false;
        if (!read_fields(inner, b, false)) return false;
      } else if (scalar_text(v, &text) && b->message.empty()) {
        b->message = std::move(text);
        b->parsed = true;
      }
    }
    // Unknown fields are skipped by the iterator.
  }
  return true;
}

ErrorBody parse_body(std::string_view body) {
  ErrorBody b;
  if (body.empty() || body.size() > kMaxParsedErrorBody) return b;
  // Cheap refusal before copying: an error object starts with '{' after optional whitespace.
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || body[first] != '{') return b;
  od::parser parser;
  const simdjson::padded_string padded(body);
  od::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return b;
  od::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return b;
  ErrorBody out;
  // A body that breaks off half way is not trusted at all: fall back to the excerpt.
  if (!read_fields(obj, &out, true)) return b;
  return out;
}

struct StatusMapping {
  kalshi_err_t code;
  bool retriable;
  const char *reason;
};

StatusMapping map_status(int status) {
  switch (status) {
    case 400:
      return {KALSHI_ERR_BAD_REQUEST, false, "Bad Request"};
    case 401:
      return {KALSHI_ERR_UNAUTHORIZED, false, "Unauthorized"};
    case 403:
      return {KALSHI_ERR_UNAUTHORIZED, false, "Forbidden"};
    case 404:
      return {KALSHI_ERR_NOT_FOUND, false, "Not Found"};
    case 409:
      return {KALSHI_ERR_CONFLICT, false, "Conflict"};
    case 429:
      return {KALSHI_ERR_RATE_LIMITED, true, "Too Many Requests"};
    case 500:
      return {KALSHI_ERR_SERVER, true, "Internal Server Error"};
    case 502:
      return {KALSHI_ERR_SERVER, true, "Bad Gateway"};
    case 503:
      return {KALSHI_ERR_SERVER, true, "Service Unavailable"};
    case 504:
      return {KALSHI_ERR_SERVER, true, "Gateway Timeout"};
    default:
      break;
  }
  if (status >= 500 && status <= 599) return {KALSHI_ERR_SERVER, true, nullptr};
  if (status >= 400 && status <= 499) return {KALSHI_ERR_REJECTED, false, nullptr};
  return {KALSHI_ERR_PROTOCOL, false, "not an error status"};
}

}  // namespace

std::string printable_excerpt(std::string_view text, size_t max_len) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() < max_len ? text.size() : max_len);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const size_t need = (u >= 0x20 && u < 0x7f) ? 1 : 4;
    if (out.size() + need > max_len) {
      // Make room for the marker; max_len < 3 simply gets no marker.
      if (max_len >= 3) {
        out.resize(out.size() > max_len - 3 ? max_len - 3 : out.size());
        out += "...";
      }
      return out;
    }
    if (need == 1) {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xf]);
    }
  }
  return out;
}

Error map_response_error(int status, std::string_view body, uint64_t retry_after_ms) {
  const StatusMapping m = map_status(status);
  Error e;
  e.code = m.code;
  e.retriable = m.retriable;
  e.http_status = status;

  std::string msg = "HTTP " + std::to_string(status);
  if (m.reason != nullptr) msg.append(" ").append(m.reason);

  const ErrorBody b = parse_body(body);
  if (b.parsed) {
    e.exchange_code = printable_excerpt(b.code, kMaxExchangeCode);
    if (!b.message.empty()) msg.append(": ").append(printable_excerpt(b.message, kMaxErrorMessage));
    if (!b.details.empty())
      msg.append(" (").append(printable_excerpt(b.details, kMaxErrorMessage)).append(")");
    if (!b.code.empty()) msg.append(" [code ").append(e.exchange_code).append("]");
    if (!b.service.empty())
      msg.append(" [service ").append(printable_excerpt(b.service, kMaxExchangeCode)).append("]");
  } else if (!body.empty()) {
    msg.append(": ").append(printable_excerpt(body, 256));
  }

  if (status == 429) {
    if (retry_after_ms > 0)
      msg.append("; retry after ").append(std::to_string(retry_after_ms)).append(" ms");
    else
      msg.append("; no Retry-After, back off until the token bucket refills");
  }
  // The parts are bounded; the whole is kept within a fixed size too.
  e.message = printable_excerpt(msg, 2 * kMaxErrorMessage);
  return e;
}

}  // namespace kalshi::api::rest
