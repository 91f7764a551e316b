// HTTP request writer (exact bytes, injection refused, managed headers, sticky errors, buffer
// reuse) and Retry-After parsing (delay-seconds and IMF-fixdate).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "http/parse/retry_after.h"
#include "http/write/request_writer.h"

extern "C" {
#include <cmocka.h>
}

using kalshi::http::parse_imf_fixdate;
using kalshi::http::parse_retry_after;
using kalshi::http::RequestWriter;
using kalshi::http::WriteError;
using namespace std::string_view_literals;

namespace {

void test_get_bytes(void **) {
  RequestWriter w;
  assert_int_equal(w.begin("GET", "/trade-api/v2/markets?limit=100&status=open", "127.0.0.1:8080"),
                   WriteError::None);
  assert_int_equal(w.header("KALSHI-ACCESS-KEY", " abc "), WriteError::None);
  assert_true(w.bytes().empty());  // not finished yet
  assert_int_equal(w.finish(), WriteError::None);
  assert_true(w.bytes() ==
              "GET /trade-api/v2/markets?limit=100&status=open HTTP/1.1\r\n"
              "Host: 127.0.0.1:8080\r\nKALSHI-ACCESS-KEY: abc\r\n"
              "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n");
}

void test_post_bodies(void **) {
  RequestWriter w;
  w.set_accept_gzip(false);
  w.set_keep_alive(false);
  assert_int_equal(w.begin("POST", "/trade-api/v2/portfolio/orders", "[::1]:443"),
                   WriteError::None);
  assert_int_equal(w.header("Content-Type", "application/json"), WriteError::None);
  assert_int_equal(w.finish("{\"count\":1}"), WriteError::None);
  assert_true(w.bytes() ==
              "POST /trade-api/v2/portfolio/orders HTTP/1.1\r\nHost: [::1]:443\r\n"
              "Content-Type: application/json\r\nContent-Length: 11\r\n"
              "Connection: close\r\n\r\n{\"count\":1}");
  // An empty POST still says how long it is; an empty DELETE does not.
  assert_int_equal(w.begin("POST", "/x", "h"), WriteError::None);
  assert_int_equal(w.finish(), WriteError::None);
  assert_true(w.bytes().find("Content-Length: 0\r\n") != std::string_view::npos);
  assert_int_equal(w.begin("DELETE", "/x", "h"), WriteError::None);
  assert_int_equal(w.finish(), WriteError::None);
  assert_true(w.bytes().find("Content-Length") == std::string_view::npos);
}

struct Bad {
  std::string_view method, target, host, name, value;
  WriteError expected;
};

void test_injection_and_bad_input_refused(void **) {
  const Bad table[] = {
      {"GET", "/a b", "h", "X", "1", WriteError::BadTarget},
      {"GET", "/a\r\nX: y", "h", "X", "1", WriteError::BadTarget},
      {"GET", "/a\nb", "h", "X", "1", WriteError::BadTarget},
      {"GET", "http://h/a", "h", "X", "1", WriteError::BadTarget},
      {"GET", "", "h", "X", "1", WriteError::BadTarget},
      {"GET", "/a\x7f", "h", "X", "1", WriteError::BadTarget},
      {"GE T", "/", "h", "X", "1", WriteError::BadMethod},
      {"", "/", "h", "X", "1", WriteError::BadMethod},
      {"GET\r\n", "/", "h", "X", "1", WriteError::BadMethod},
      {"GET", "/", "h\r\nX: 1", "X", "1", WriteError::BadHost},
      {"GET", "/", "", "X", "1", WriteError::BadHost},
      {"GET", "/", "user@h", "X", "1", WriteError::BadHost},
      {"GET", "/", "h/x", "X", "1", WriteError::BadHost},
      {"GET", "/", "h", "X", "1\r\nInjected: yes", WriteError::BadHeaderValue},
      {"GET", "/", "h", "X", "1\n", WriteError::BadHeaderValue},
      {"GET", "/", "h", "X", "a\0b"sv, WriteError::BadHeaderValue},
      {"GET", "/", "h", "X Y", "1", WriteError::BadHeaderName},
      {"GET", "/", "h", "X:", "1", WriteError::BadHeaderName},
      {"GET", "/", "h", "", "1", WriteError::BadHeaderName},
      {"GET", "/", "h", "Content-Length", "5", WriteError::ManagedHeader},
      {"GET", "/", "h", "transfer-encoding", "chunked", WriteError::ManagedHeader},
      {"GET", "/", "h", "HOST", "evil", WriteError::ManagedHeader},
      {"GET", "/", "h", "Connection", "close", WriteError::ManagedHeader},
  };
  for (const Bad &b : table) {
    RequestWriter w;
    WriteError e = w.begin(b.method, b.target, b.host);
    if (e == WriteError::None) e = w.header(b.name, b.value);
    if (e == WriteError::None) e = w.finish();
    if (e != b.expected) {
      print_error("%.*s %.*s: got %s\n", static_cast<int>(b.method.size()), b.method.data(),
                  static_cast<int>(b.target.size()), b.target.data(),
                  kalshi::http::write_error_name(e));
      fail();
    }
    // The error sticks and nothing is ever handed out to be written.
    assert_int_equal(w.finish(), b.expected);
    assert_true(w.bytes().empty());
  }
}

void test_order_is_enforced(void **) {
  RequestWriter w;
  assert_int_equal(w.header("A", "b"), WriteError::OutOfOrder);
  assert_int_equal(w.begin("GET", "/", "h"), WriteError::None);  // begin clears the error
  assert_int_equal(w.finish(), WriteError::None);
  assert_int_equal(w.header("A", "b"), WriteError::OutOfOrder);
  assert_true(w.bytes().empty());
}

void test_buffer_is_reused(void **) {
  RequestWriter w;
  const std::string body(300, 'x');
  for (int i = 0; i < 3; ++i) {
    assert_int_equal(w.begin("POST", "/trade-api/v2/portfolio/orders", "h"), WriteError::None);
    assert_int_equal(w.finish(body), WriteError::None);
  }
  const size_t capacity = w.capacity();
  for (int i = 0; i < 100; ++i) {
    assert_int_equal(w.begin("POST", "/trade-api/v2/portfolio/orders", "h"), WriteError::None);
    assert_int_equal(w.finish(body), WriteError::None);
    assert_int_equal(w.capacity(), capacity);
  }
}

void test_retry_after_seconds(void **) {
  int64_t d = -1;
  assert_true(parse_retry_after("120", 0, &d));
  assert_int_equal(d, 120);
  assert_true(parse_retry_after(" 0 ", 0, &d));
  assert_int_equal(d, 0);
  assert_true(parse_retry_after("99999999999999999999999", 0, &d));
  assert_int_equal(d, INT64_MAX);
  for (const char *bad : {"", " ", "-1", "1.5", "5s", "abc", "1 2"}) {
    assert_false(parse_retry_after(bad, 0, &d));
  }
}

void test_retry_after_dates(void **) {
  int64_t t = 0;
  assert_true(parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT", &t));
  assert_int_equal(t, 784111777);
  assert_true(parse_imf_fixdate("Thu, 01 Jan 1970 00:00:00 GMT", &t));
  assert_int_equal(t, 0);
  assert_true(parse_imf_fixdate("Thu, 29 Feb 2024 12:00:00 GMT", &t));
  assert_int_equal(t, 1709208000);
  for (const char *bad : {"Mon, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
                          "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                          "Wed, 29 Feb 2023 00:00:00 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                          "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT"}) {
    assert_false(parse_imf_fixdate(bad, &t));
  }
  int64_t d = -1;
  assert_true(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30, &d));
  assert_int_equal(d, 30);
  assert_true(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30, &d));
  assert_int_equal(d, 0);  // in the past: retry now
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_get_bytes),
      cmocka_unit_test(test_post_bodies),
      cmocka_unit_test(test_injection_and_bad_input_refused),
      cmocka_unit_test(test_order_is_enforced),
      cmocka_unit_test(test_buffer_is_reused),
      cmocka_unit_test(test_retry_after_seconds),
      cmocka_unit_test(test_retry_after_dates),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
