// api/rest/errors: every status mapping of rest-notes.md §7 (code, retriable, http_status), the
// exchange's error bodies (prediction/perps ErrorResponse, Klear Error with service, the nested
// form, the 429 {"error": "..."} body) and malformed, binary, truncated and huge bodies, which
// must give a bounded printable message.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "api/rest/errors.h"

extern "C" {
#include <cmocka.h>
}

namespace rest = kalshi::api::rest;
using kalshi::Error;

namespace {

bool contains(const std::string &s, const char *part) {
  return s.find(part) != std::string::npos;
}

bool printable(const std::string &s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) return false;
  return true;
}

void test_status_mapping(void **) {
  struct Row {
    int status;
    kalshi_err_t code;
    bool retriable;
  };
  const Row rows[] = {
      {400, KALSHI_ERR_BAD_REQUEST, false},  {401, KALSHI_ERR_UNAUTHORIZED, false},
      {403, KALSHI_ERR_UNAUTHORIZED, false}, {404, KALSHI_ERR_NOT_FOUND, false},
      {409, KALSHI_ERR_CONFLICT, false},     {429, KALSHI_ERR_RATE_LIMITED, true},
      {500, KALSHI_ERR_SERVER, true},        {502, KALSHI_ERR_SERVER, true},
      {503, KALSHI_ERR_SERVER, true},        {504, KALSHI_ERR_SERVER, true},
      {599, KALSHI_ERR_SERVER, true},        {405, KALSHI_ERR_REJECTED, false},
      {410, KALSHI_ERR_REJECTED, false},     {422, KALSHI_ERR_REJECTED, false},
      {499, KALSHI_ERR_REJECTED, false},     {200, KALSHI_ERR_PROTOCOL, false},
      {302, KALSHI_ERR_PROTOCOL, false},     {600, KALSHI_ERR_PROTOCOL, false},
      {-1, KALSHI_ERR_PROTOCOL, false},      {0, KALSHI_ERR_PROTOCOL, false},
  };
  for (const Row &r : rows) {
    const Error e = rest::map_response_error(r.status, "", 0);
    assert_int_equal(e.code, r.code);
    assert_int_equal(e.retriable, r.retriable);
    assert_int_equal(e.http_status, r.status);
    assert_false(e.fatal);
    assert_true(contains(e.message, ("HTTP " + std::to_string(r.status)).c_str()));
    assert_true(e.exchange_code.empty());
  }
}

void test_prediction_error_body(void **) {
  const Error e = rest::map_response_error(
      400,
      R"({"code":"invalid_parameters","message":"price must be between 0.01 and 0.99",)"
      R"("details":"yes_price_dollars=1.50"})",
      0);
  assert_int_equal(e.code, KALSHI_ERR_BAD_REQUEST);
  assert_string_equal(e.exchange_code.c_str(), "invalid_parameters");
  assert_string_equal(e.message.c_str(),
                      "HTTP 400 Bad Request: price must be between 0.01 and 0.99 "
                      "(yes_price_dollars=1.50) [code invalid_parameters]");
}

void test_klear_body_with_service(void **) {
  const Error e = rest::map_response_error(
      403, R"( {"code":"forbidden","message":"no access","service":"klear"} )", 0);
  assert_int_equal(e.code, KALSHI_ERR_UNAUTHORIZED);
  assert_string_equal(e.exchange_code.c_str(), "forbidden");
  assert_true(contains(e.message, "no access"));
  assert_true(contains(e.message, "[service klear]"));
}

void test_nested_and_unknown_fields(void **) {
  const Error e = rest::map_response_error(
      409,
      R"({"request_id":"r1","extra":{"a":[1,2,{"b":null}]},)"
      R"("error":{"code":"order_already_exists","message":"duplicate client_order_id",)"
      R"("details":null,"nested":{"code":"ignored"}}})",
      0);
  assert_int_equal(e.code, KALSHI_ERR_CONFLICT);
  assert_string_equal(e.exchange_code.c_str(), "order_already_exists");
  assert_true(contains(e.message, "duplicate client_order_id"));
  assert_false(contains(e.message, "ignored"));
  // A numeric code is kept as its JSON text; escapes are decoded.
  const Error n = rest::map_response_error(404, R"({"code":12,"message":"no \"market\"\n"})", 0);
  assert_int_equal(n.code, KALSHI_ERR_NOT_FOUND);
  assert_string_equal(n.exchange_code.c_str(), "12");
  assert_true(contains(n.message, "no \"market\"\\x0a"));
  assert_true(printable(n.message));
}

void test_rate_limited_body_and_retry_after(void **) {
  Error e = rest::map_response_error(429, R"({"error": "too many requests"})", 0);
  assert_int_equal(e.code, KALSHI_ERR_RATE_LIMITED);
  assert_true(e.retriable);
  assert_int_equal(e.http_status, 429);
  assert_true(e.exchange_code.empty());
  assert_true(contains(e.message, "too many requests"));
  assert_true(contains(e.message, "no Retry-After"));
  e = rest::map_response_error(429, R"({"error": "too many requests"})", 1500);
  assert_true(contains(e.message, "retry after 1500 ms"));
  assert_false(contains(e.message, "no Retry-After"));
}

void test_non_json_bodies(void **) {
  Error e = rest::map_response_error(502, "<html><body>Bad gateway</body></html>\r\n", 0);
  assert_int_equal(e.code, KALSHI_ERR_SERVER);
  assert_true(e.retriable);
  assert_true(contains(e.message, "<html><body>Bad gateway</body></html>\\x0d\\x0a"));
  assert_true(e.exchange_code.empty());

  const std::string binary("\x00\xff\x1b[31m\x80", 8);
  e = rest::map_response_error(500, binary, 0);
  assert_true(printable(e.message));
  assert_true(contains(e.message, "\\x00\\xff\\x1b[31m\\x80"));

  // Malformed, truncated, wrong-typed JSON: never a crash, a printable excerpt instead.
  const char *bad[] = {"{",
                       "{\"code\":",
                       "{\"code\":\"x\",",
                       "{\"code\":\"unterminated}",
                       "[1,2,3]",
                       "\"just a string\"",
                       "null",
                       "{\"code\":{\"a\":1},\"message\":[\"x\"]}",
                       "{\"message\":\"\\ud800\"}",
                       "{} trailing",
                       "   ",
                       "{\"code\":\"a\"}}}}}"};
  for (const char *b : bad) {
    e = rest::map_response_error(400, b, 0);
    assert_int_equal(e.code, KALSHI_ERR_BAD_REQUEST);
    assert_true(printable(e.message));
    assert_true(e.message.size() <= 2 * rest::kMaxErrorMessage);
  }
}

void test_huge_bodies_are_bounded(void **) {
  // Bigger than the parse limit: excerpted, not parsed, even though it is valid JSON.
  std::string big =
      R"({"code":"c","message":")" + std::string(rest::kMaxParsedErrorBody, 'm') + "\"}";
  Error e = rest::map_response_error(400, big, 0);
  assert_true(e.exchange_code.empty());
  assert_true(e.message.size() <= 2 * rest::kMaxErrorMessage);
  assert_true(contains(e.message, "..."));
  // Within the limit but with long fields: each field is cut.
  std::string longish = R"({"code":")" + std::string(1000, 'c') + R"(","message":")" +
                        std::string(5000, 'm') + R"(","details":")" + std::string(5000, 'd') +
                        "\"}";
  e = rest::map_response_error(409, longish, 0);
  assert_int_equal(e.exchange_code.size(), rest::kMaxExchangeCode);
  assert_true(e.message.size() <= 2 * rest::kMaxErrorMessage);
  assert_true(printable(e.message));
}

void test_printable_excerpt(void **) {
  assert_string_equal(rest::printable_excerpt("abc", 10).c_str(), "abc");
  assert_string_equal(rest::printable_excerpt("abcdefghij", 10).c_str(), "abcdefghij");
  assert_string_equal(rest::printable_excerpt("abcdefghijk", 10).c_str(), "abcdefg...");
  assert_string_equal(rest::printable_excerpt(std::string("a\x01", 2), 10).c_str(), "a\\x01");
  // An escape is never cut in half.
  assert_string_equal(rest::printable_excerpt(std::string("abcdef\x01zz", 9), 9).c_str(),
                      "abcdef...");
  assert_string_equal(rest::printable_excerpt("abcdef", 2).c_str(), "ab");
  assert_string_equal(rest::printable_excerpt("", 0).c_str(), "");
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_status_mapping),
      cmocka_unit_test(test_prediction_error_body),
      cmocka_unit_test(test_klear_body_with_service),
      cmocka_unit_test(test_nested_and_unknown_fields),
      cmocka_unit_test(test_rate_limited_body_and_retry_after),
      cmocka_unit_test(test_non_json_bodies),
      cmocka_unit_test(test_huge_bodies_are_bounded),
      cmocka_unit_test(test_printable_excerpt),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
