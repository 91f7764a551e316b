// JSON pieces for the simulator's REST answers, written by hand (strings escaped by json_string)
// and exact: dollars from Money/Price (x 10^6) and counts from Qty (x 100), never via floating
// point. Also the small readers for request bodies (simdjson DOM) and query parameters.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/exchange/exchange.h"
#include "sim/http/http_server.h"

namespace kalshi::sim::rest {

// "0.5600" style: at least 4 decimals, up to 6 (rest-notes §8: responses up to 6 decimals).
std::string dollars(int64_t micro);
// "10.00": counts always with two decimals.
std::string count_fp(Qty q);
// Integer cents, rounded toward zero (legacy fields).
int64_t cents(Money m);
// RFC 3339 UTC with milliseconds: "2026-11-21T20:10:33.123Z".
std::string rfc3339(int64_t ms);

// Appends ,"name":value pieces.
void field_str(std::string *o, std::string_view name, std::string_view v, bool first = false);
void field_raw(std::string *o, std::string_view name, std::string_view raw, bool first = false);
void field_int(std::string *o, std::string_view name, int64_t v, bool first = false);
void field_bool(std::string *o, std::string_view name, bool v, bool first = false);

HttpResponse json_response(int status, std::string body);
HttpResponse error_response(int status, std::string_view code, std::string_view message,
                            std::string_view details = {});

// Query parameters. limit: absent -> def; not 1..max -> false.
bool query_limit(const HttpRequest &r, int64_t def, int64_t max, int64_t *out);
// Cursor: an offset we handed out earlier ("" = start); false when malformed.
bool query_cursor(const HttpRequest &r, size_t *out);
bool query_int(const HttpRequest &r, std::string_view name, int64_t *out, bool *present);

// Request bodies.
struct Body {
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  // false (with *err filled as a 400 response) unless the body is one JSON object.
  bool parse(std::string_view text, HttpResponse *err);
};
// Field readers on a JSON object: *present false when absent; false when of the wrong type.
bool get_string(simdjson::dom::object o, std::string_view k, std::string *out, bool *present);
bool get_int(simdjson::dom::object o, std::string_view k, int64_t *out, bool *present);
bool get_bool(simdjson::dom::object o, std::string_view k, bool *out, bool *present);
// A FixedPointDollars string (up to 6 decimals) or FixedPointCount string (up to 2 decimals).
bool get_price(simdjson::dom::object o, std::string_view k, Price *out, bool *present);
bool get_count(simdjson::dom::object o, std::string_view k, Qty *out, bool *present);

}  // namespace kalshi::sim::rest
