// The FIX driver's reconnect policy (decide_reconnect, stale_session_wait_ms): after an unclean
// drop the exchange keeps the old session until its heartbeat timeout, so the driver waits before
// logging on again, and a Logout "already exists" is retried after that wait, a bounded number of
// times in a row (kalshi-fix.md §2.8, §2.14).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "api/fix/session_driver.h"
#include "api/fix/session_settings.h"
#include "core/conf.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using kalshi::Error;
using namespace kalshi::fix;

namespace {

ReconnectInput input(Error why) {
  ReconnectInput in;
  in.why = std::move(why);
  in.stale_wait_ms = 62000;
  return in;
}

void test_stale_wait_derived_from_heartbeat(void **) {
  assert_int_equal(stale_session_wait_ms(30, 0), 60000);  // 62 s capped at 60 s
  assert_int_equal(stale_session_wait_ms(10, 0), 22000);
  assert_int_equal(stale_session_wait_ms(3, 0), 8000);
  assert_int_equal(stale_session_wait_ms(300, 0), 60000);
  assert_int_equal(stale_session_wait_ms(30, 5000), 5000);  // configured wins
}

void test_already_exists_recognised(void **) {
  assert_true(is_already_exists(Error::make(KALSHI_ERR_REJECTED, "already exists")));
  assert_true(is_already_exists(Error::make(KALSHI_ERR_REJECTED, "Session Already Exists")));
  assert_false(is_already_exists(Error::make(KALSHI_ERR_REJECTED, "invalid signature")));
  // Not a refused logon (e.g. an RFQ text): not this case.
  assert_false(is_already_exists(Error::make(KALSHI_ERR_DISCONNECTED, "already exists")));
}

void test_unclean_drop_waits_for_stale_session(void **) {
  ReconnectInput in = input(Error::make(KALSHI_ERR_TIMEOUT, "heartbeat timeout"));
  in.logon_sent = true;
  ReconnectDecision d = decide_reconnect(in);
  assert_false(d.give_up);
  assert_int_equal(d.min_delay_ms, 62000);

  in.why = Error::make(KALSHI_ERR_DISCONNECTED, "connection closed by the peer");
  d = decide_reconnect(in);
  assert_false(d.give_up);
  assert_int_equal(d.min_delay_ms, 62000);
}

void test_logout_exchange_uses_backoff_only(void **) {
  ReconnectInput in = input(Error::make(KALSHI_ERR_SEQUENCE_GAP, "MsgSeqNum too high"));
  in.logon_sent = true;
  in.ended_with_logout = true;  // we sent Logout before closing
  ReconnectDecision d = decide_reconnect(in);
  assert_false(d.give_up);
  assert_int_equal(d.min_delay_ms, 0);
}

void test_connect_failure_uses_backoff_only(void **) {
  ReconnectInput in = input(Error::make(KALSHI_ERR_CONNECT, "connection refused"));
  ReconnectDecision d = decide_reconnect(in);  // no Logon ever went out
  assert_false(d.give_up);
  assert_int_equal(d.min_delay_ms, 0);
}

void test_already_exists_retried_after_wait_then_gives_up(void **) {
  ReconnectInput in = input(Error::make(KALSHI_ERR_REJECTED, "already exists"));
  in.logon_sent = true;
  in.ended_with_logout = true;  // the refusal is a Logout
  in.already_exists_retries = 2;
  for (uint32_t n = 1; n <= 2; ++n) {
    in.already_exists_in_a_row = n;
    ReconnectDecision d = decide_reconnect(in);
    assert_false(d.give_up);
    assert_int_equal(d.min_delay_ms, 62000);
  }
  in.already_exists_in_a_row = 3;
  assert_true(decide_reconnect(in).give_up);
  in.already_exists_retries = 0;
  in.already_exists_in_a_row = 1;
  assert_true(decide_reconnect(in).give_up);
}

void test_other_refusal_gives_up(void **) {
  ReconnectInput in = input(Error::make(KALSHI_ERR_REJECTED, "invalid signature"));
  in.logon_sent = true;
  in.ended_with_logout = true;
  assert_true(decide_reconnect(in).give_up);
}

void test_reconnect_disabled_gives_up(void **) {
  ReconnectInput in = input(Error::make(KALSHI_ERR_TIMEOUT, "heartbeat timeout"));
  in.reconnect_enabled = false;
  assert_true(decide_reconnect(in).give_up);
}

void test_settings_from_conf(void **) {
  kalshi::Conf conf;
  assert_true(conf.set("fix.sender_comp_id", "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44").ok());
  SessionSettings s;
  assert_true(settings_from_conf(conf, &s).ok());
  assert_int_equal(s.driver.session.sending_time_tolerance_ms, 30000);  // defaults
  assert_int_equal(s.driver.stale_session_wait_ms, 0);
  assert_int_equal(s.driver.already_exists_retries, 3);
  assert_true(conf.set("fix.sending_time_tolerance_ms", "0").ok());
  assert_true(conf.set("fix.stale_session_wait_ms", "7000").ok());
  assert_true(conf.set("fix.already_exists_retries", "1").ok());
  SessionSettings t;
  assert_true(settings_from_conf(conf, &t).ok());
  assert_int_equal(t.driver.session.sending_time_tolerance_ms, 0);
  assert_int_equal(t.driver.stale_session_wait_ms, 7000);
  assert_int_equal(t.driver.already_exists_retries, 1);
  assert_int_equal(conf.set("fix.already_exists_retries", "-1").code, KALSHI_ERR_INVALID_VALUE);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stale_wait_derived_from_heartbeat),
      cmocka_unit_test(test_already_exists_recognised),
      cmocka_unit_test(test_unclean_drop_waits_for_stale_session),
      cmocka_unit_test(test_logout_exchange_uses_backoff_only),
      cmocka_unit_test(test_connect_failure_uses_backoff_only),
      cmocka_unit_test(test_already_exists_retried_after_wait_then_gives_up),
      cmocka_unit_test(test_other_refusal_gives_up),
      cmocka_unit_test(test_reconnect_disabled_gives_up),
      cmocka_unit_test(test_settings_from_conf),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
