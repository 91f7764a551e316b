#include "sim/rest/rest_format.h"

#include <time.h>

#include <cstdio>

#include "core/decimal.h"

namespace kalshi::sim::rest {

std::string dollars(int64_t micro) {
  char buf[32];
  return std::string(buf, format_fixed(micro, 6, 4, buf));
}

std::string count_fp(Qty q) {
  char buf[32];
  return std::string(buf, format_fixed(q, 2, 2, buf));
}

int64_t cents(Money m) {
  return m / 10000;
}

std::string rfc3339(int64_t ms) {
  const time_t secs = static_cast<time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  const int64_t milli = ms - static_cast<int64_t>(secs) * 1000;
  struct tm tmv {};
  gmtime_r(&secs, &tmv);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tmv.tm_year + 1900,
                tmv.tm_mon + 1, tmv.tm_mday, tmv.tm_hour, tmv.tm_min, tmv.tm_sec,
                static_cast<int>(milli));
  return buf;
}

namespace {
void name_part(std::string *o, std::string_view name, bool first) {
  if (!first) o->push_back(',');
  json_string(o, name);
  o->push_back(':');
}
}  // namespace

void field_str(std::string *o, std::string_view name, std::string_view v, bool first) {
  name_part(o, name, first);
  json_string(o, v);
}
void field_raw(std::string *o, std::string_view name, std::string_view raw, bool first) {
  name_part(o, name, first);
  o->append(raw);
}
void field_int(std::string *o, std::string_view name, int64_t v, bool first) {
  name_part(o, name, first);
  o->append(std::to_string(v));
}
void field_bool(std::string *o, std::string_view name, bool v, bool first) {
  name_part(o, name, first);
  o->append(v ? "true" : "false");
}

HttpResponse json_response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse error_response(int status, std::string_view code, std::string_view message,
                            std::string_view details) {
  return json_response(status, error_body(code, message, details));
}

bool query_int(const HttpRequest &r, std::string_view name, int64_t *out, bool *present) {
  std::string s;
  *present = r.query_param(name, &s);
  if (!*present) return true;
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  size_t i = 0;
  const bool neg = s[0] == '-';
  if (neg) i = 1;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = neg ? -v : v;
  return true;
}

bool query_limit(const HttpRequest &r, int64_t def, int64_t max, int64_t *out) {
  bool present = false;
  int64_t v = def;
  if (!query_int(r, "limit", &v, &present)) return false;
  if (present && (v < 1 || v > max)) return false;
  *out = v;
  return true;
}

bool query_cursor(const HttpRequest &r, size_t *out) {
  std::string s;
  *out = 0;
  if (!r.query_param("cursor", &s) || s.empty()) return true;
  if (s.size() > 12) return false;
  size_t v = 0;
  for (const char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + static_cast<size_t>(ch - '0');
  }
  *out = v;
  return true;
}

bool Body::parse(std::string_view text, HttpResponse *err) {
  if (text.empty()) {
    *err = error_response(400, "invalid_parameters", "a JSON body is required");
    return false;
  }
  const simdjson::padded_string padded(text);
  simdjson::dom::element el;
  if (parser.parse(padded).get(el) != simdjson::SUCCESS ||
      el.get_object().get(root) != simdjson::SUCCESS) {
    *err = error_response(400, "invalid_parameters", "the body is not a JSON object");
    return false;
  }
  return true;
}

bool get_string(simdjson::dom::object o, std::string_view k, std::string *out, bool *present) {
  simdjson::dom::element v;
  *present = o[k].get(v) == simdjson::SUCCESS && !v.is_null();
  if (!*present) return true;
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return false;
  *out = std::string(s);
  return true;
}

bool get_int(simdjson::dom::object o, std::string_view k, int64_t *out, bool *present) {
  simdjson::dom::element v;
  *present = o[k].get(v) == simdjson::SUCCESS && !v.is_null();
  if (!*present) return true;
  return v.get_int64().get(*out) == simdjson::SUCCESS;
}

bool get_bool(simdjson::dom::object o, std::string_view k, bool *out, bool *present) {
  simdjson::dom::element v;
  *present = o[k].get(v) == simdjson::SUCCESS && !v.is_null();
  if (!*present) return true;
  return v.get_bool().get(*out) == simdjson::SUCCESS;
}

bool get_price(simdjson::dom::object o, std::string_view k, Price *out, bool *present) {
  std::string s;
  if (!get_string(o, k, &s, present)) return false;
  if (!*present) return true;
  return parse_fixed(s, 6, out) == KALSHI_OK;
}

bool get_count(simdjson::dom::object o, std::string_view k, Qty *out, bool *present) {
  std::string s;
  if (!get_string(o, k, &s, present)) return false;
  if (!*present) return true;
  return parse_fixed(s, 2, out) == KALSHI_OK;
}

}  // namespace kalshi::sim::rest
