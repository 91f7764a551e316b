// FIX session rules added for issue #3: inbound SendingTime accuracy (a warning, never a
// disconnect), a gap on a session without retransmission ends with a Logout that says why, and
// whether a connection ended through a Logout exchange (the driver's reconnect wait needs it).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "test_fix_session_harness.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace fixtest;

namespace {

std::string er(const char *id) {
  return body(std::string("37=") + id + "|");
}

void test_sending_time_within_tolerance_is_quiet(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now - 30000));  // exactly at the limit
  r.in(r.ex.msg("8", er("b"), r.now + 30000));
  assert_int_equal(r.handler.skews.size(), 0);
  assert_int_equal(r.session.clock_skew_count(), 0);
  assert_int_equal(r.handler.messages.size(), 2);
}

void test_sending_time_skew_reported_not_fatal(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now - 30001));  // the exchange's stamp is behind our clock
  r.in(r.ex.msg("0", "", r.now + 45000));       // ahead, and an admin message
  assert_int_equal(r.handler.skews.size(), 2);
  assert_int_equal(r.handler.skews[0], 30001);
  assert_int_equal(r.handler.skews[1], -45000);
  assert_int_equal(r.session.clock_skew_count(), 2);
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_int_equal(r.handler.messages.size(), 1);  // still delivered
}

void test_sending_time_skew_on_logon_answer(void **) {
  Rig r(config(SessionKind::NR));
  r.connect();
  r.in(r.ex.msg("A", body("98=0|108=30|141=Y|"), r.now - 120000));
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_int_equal(r.session.clock_skew_count(), 1);
}

void test_sending_time_poss_dup_not_checked(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now - 600000, {.poss_dup = true, .orig_ms = r.now - 700000}));
  assert_int_equal(r.session.clock_skew_count(), 0);
  assert_int_equal(r.handler.messages.size(), 1);
}

void test_sending_time_check_off(void **) {
  SessionConfig c = config(SessionKind::NR);
  c.sending_time_tolerance_ms = 0;
  Rig r(c);
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now - 3600000));
  assert_int_equal(r.session.clock_skew_count(), 0);
  assert_int_equal(r.handler.skews.size(), 0);
}

void test_gap_on_nr_sends_logout_with_reason(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();  // exchange seq 1; next expected 2
  r.in(r.ex.msg("8", er("a"), r.now, {.seq = 5}));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");
  assert_string_equal(get(r.last_sent(), 58).c_str(),
                      "MsgSeqNum too high, expecting 2 but received 5");
  assert_int_equal(r.handler.closes, 1);
  assert_true(r.session.ended_with_logout());
  // The next connection logs on with 141=Y as before.
  r.handler.sent.clear();
  r.connect();
  assert_string_equal(get(r.last_sent(), 141).c_str(), "Y");
  assert_int_equal(r.session.next_sender_seq(), 2);
}

void test_logon_gap_on_nr_sends_logout(void **) {
  Rig r(config(SessionKind::DC));
  r.connect();
  r.ex.next_seq = 4;
  r.in(r.ex.msg("A", body("98=0|108=30|141=Y|"), r.now));
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");
  assert_string_equal(get(r.last_sent(), 58).c_str(),
                      "MsgSeqNum too high, expecting 1 but received 4");
}

void test_ended_with_logout_tracking(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  assert_false(r.session.ended_with_logout());
  // A silent drop: the exchange still holds the session.
  r.session.disconnected(r.now, Error::make(KALSHI_ERR_DISCONNECTED, "reset by peer"));
  assert_false(r.session.ended_with_logout());
  // Heartbeat timeout: no Logout either.
  r.ex.next_seq = 1;  // every Logon resets both sides (141=Y)
  r.logon();
  r.advance(36000);  // TestRequest
  r.advance(30000);  // unanswered
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_TIMEOUT);
  assert_false(r.session.ended_with_logout());
  // The exchange logs us out.
  r.ex.next_seq = 1;
  r.logon();
  r.in(r.ex.msg("5", body("58=bye|"), r.now));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_true(r.session.ended_with_logout());
  // Our own Logout.
  r.ex.next_seq = 1;
  r.logon();
  assert_false(r.session.ended_with_logout());
  r.session.logout("done", r.now);
  r.session.disconnected(r.now, Error{});
  assert_true(r.session.ended_with_logout());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sending_time_within_tolerance_is_quiet),
      cmocka_unit_test(test_sending_time_skew_reported_not_fatal),
      cmocka_unit_test(test_sending_time_skew_on_logon_answer),
      cmocka_unit_test(test_sending_time_poss_dup_not_checked),
      cmocka_unit_test(test_sending_time_check_off),
      cmocka_unit_test(test_gap_on_nr_sends_logout_with_reason),
      cmocka_unit_test(test_logon_gap_on_nr_sends_logout),
      cmocka_unit_test(test_ended_with_logout_tracking),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
