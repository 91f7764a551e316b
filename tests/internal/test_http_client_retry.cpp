// The REST client's retry policy (http/client/retry_policy.h) as a table: every status class,
// idempotent or not, request_sent, connection failures, Retry-After and its cap, jitter bounds,
// the attempt budget.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <optional>

#include "http/client/http_client.h"
#include "http/client/retry_policy.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi;
using namespace kalshi::http;

namespace {

Response status_response(int status) {
  Response r;
  r.status = status;
  r.request_sent = true;
  return r;
}

Response failure(kalshi_err_t code, bool sent) {
  Response r;
  r.err = Error::make(code, "failed");
  r.request_sent = sent;
  return r;
}

void test_statuses(void **) {
  const RetryPolicy p;
  for (int status = 100; status <= 599; ++status) {
    const bool expected =
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    assert_int_equal(retriable_status(status), expected);
    const auto idem = retry_delay(p, true, status_response(status), 1, 0);
    assert_int_equal(idem.has_value(), expected);
    // A response arrived, so the request was sent: never retried unless idempotent.
    assert_false(retry_delay(p, false, status_response(status), 1, 0).has_value());
  }
}

void test_connection_failures(void **) {
  const RetryPolicy p;
  const kalshi_err_t retriable[] = {KALSHI_ERR_DNS, KALSHI_ERR_CONNECT, KALSHI_ERR_DISCONNECTED,
                                    KALSHI_ERR_TIMEOUT, KALSHI_ERR_CLOSED};
  for (kalshi_err_t code : retriable) {
    assert_true(retry_delay(p, true, failure(code, true), 1, 0).has_value());
    assert_true(retry_delay(p, true, failure(code, false), 1, 0).has_value());
    // Not idempotent: only when no byte left the machine.
    assert_false(retry_delay(p, false, failure(code, true), 1, 0).has_value());
    assert_true(retry_delay(p, false, failure(code, false), 1, 0).has_value());
  }
  const kalshi_err_t final_errors[] = {KALSHI_ERR_PROTOCOL,        KALSHI_ERR_TLS_UNTRUSTED,
                                       KALSHI_ERR_TLS_HOSTNAME,    KALSHI_ERR_INVALID_ARG,
                                       KALSHI_ERR_RATE_LIMITED,    KALSHI_ERR_CRYPTO,
                                       KALSHI_ERR_HOST_NOT_ALLOWED};
  for (kalshi_err_t code : final_errors) {
    assert_false(retry_delay(p, true, failure(code, false), 1, 0).has_value());
    assert_false(retry_delay(p, false, failure(code, false), 1, 0).has_value());
  }
}

void test_attempt_budget(void **) {
  RetryPolicy p;
  p.max_attempts = 3;
  const Response r = status_response(503);
  assert_true(retry_delay(p, true, r, 1, 0).has_value());
  assert_true(retry_delay(p, true, r, 2, 0).has_value());
  assert_false(retry_delay(p, true, r, 3, 0).has_value());
  assert_false(retry_delay(p, true, r, 4, 0).has_value());
  p.max_attempts = 1;
  assert_false(retry_delay(p, true, r, 1, 0).has_value());
}

void test_retry_after_honoured_and_capped(void **) {
  RetryPolicy p;
  p.retry_after_cap_ms = 10000;
  Response r = status_response(429);
  r.retry_after_ms = 7000;
  assert_int_equal(*retry_delay(p, true, r, 1, 123456), 7000);
  r.retry_after_ms = 3600000;  // an hour: capped
  assert_int_equal(*retry_delay(p, true, r, 1, 0), 10000);
  r.retry_after_ms = UINT64_MAX;
  assert_int_equal(*retry_delay(p, true, r, 2, 0), 10000);
  // 503 with Retry-After too.
  r = status_response(503);
  r.retry_after_ms = 2000;
  assert_int_equal(*retry_delay(p, true, r, 1, 99), 2000);
  // Retry-After never makes a non-idempotent request retriable.
  r.retry_after_ms = 1000;
  assert_false(retry_delay(p, false, r, 1, 0).has_value());
}

void test_jitter_bounds(void **) {
  RetryPolicy p;
  p.base_ms = 100;
  p.max_ms = 5000;
  p.max_attempts = 100;
  const Response r = status_response(502);
  const uint64_t ceilings[] = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
  for (uint32_t attempt = 1; attempt <= 8; ++attempt) {
    const uint64_t ceiling = ceilings[attempt - 1];
    // The draw covers [0, ceiling] inclusive and never leaves it.
    assert_int_equal(*retry_delay(p, true, r, attempt, 0), 0);
    assert_int_equal(*retry_delay(p, true, r, attempt, ceiling), ceiling);
    assert_int_equal(*retry_delay(p, true, r, attempt, ceiling + 1), 0);
    for (uint64_t rnd : {uint64_t{1}, uint64_t{12345}, UINT64_MAX, UINT64_MAX / 3}) {
      assert_true(*retry_delay(p, true, r, attempt, rnd) <= ceiling);
    }
  }
  // A huge attempt number saturates at the cap instead of overflowing.
  assert_true(*retry_delay(p, true, r, 99, UINT64_MAX) <= 5000);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_statuses),       cmocka_unit_test(test_connection_failures),
      cmocka_unit_test(test_attempt_budget), cmocka_unit_test(test_retry_after_honoured_and_capped),
      cmocka_unit_test(test_jitter_bounds),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
