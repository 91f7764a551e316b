// Every injected fault (kalshi_sim_fault) observed from our own client fix::Session, plus the
// text form parse_fault accepts.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "test_sim_acceptor_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;

namespace {

Fault fault(const char *text) {
  Fault f;
  if (!parse_fault(text, &f).ok()) std::abort();
  return f;
}

void test_parse_fault(void **) {
  Fault f;
  assert_true(parse_fault("drop", &f).ok());
  assert_int_equal(f.kind, FaultKind::Drop);
  assert_true(parse_fault("skip 3", &f).ok());
  assert_int_equal(f.kind, FaultKind::SkipSeq);
  assert_int_equal(f.n, 3);
  assert_true(parse_fault("skip", &f).ok());
  assert_int_equal(f.n, 1);
  assert_true(parse_fault("DUP 2", &f).ok());
  assert_int_equal(f.kind, FaultKind::DuplicatePossDup);
  assert_int_equal(f.n, 2);
  assert_true(parse_fault("delay 500", &f).ok());
  assert_int_equal(f.kind, FaultKind::DelayMs);
  assert_int_equal(f.n, 500);
  assert_true(parse_fault("garbage", &f).ok());
  assert_int_equal(f.n, 64);
  assert_true(parse_fault("reject_logon  closed for maintenance ", &f).ok());
  assert_int_equal(f.kind, FaultKind::RejectLogon);
  assert_string_equal(f.text.c_str(), "closed for maintenance");
  assert_true(parse_fault("resend_request", &f).ok());
  assert_int_equal(f.kind, FaultKind::ResendRequest);
  assert_int_equal(f.n, 1);
  assert_true(parse_fault("resend_request 7", &f).ok());
  assert_int_equal(f.n, 7);
  assert_true(parse_fault("test_request", &f).ok());
  assert_int_equal(f.kind, FaultKind::TestRequest);
  assert_true(parse_fault("logout bye now", &f).ok());
  assert_int_equal(f.kind, FaultKind::Logout);
  assert_string_equal(f.text.c_str(), "bye now");
  assert_true(parse_fault("mute", &f).ok());
  assert_int_equal(f.kind, FaultKind::Mute);
  assert_int_equal(f.n, 0);
  assert_true(parse_fault("mute 2000", &f).ok());
  assert_int_equal(f.n, 2000);
  assert_true(parse_fault("clear", &f).ok());
  assert_int_equal(f.kind, FaultKind::None);
  // Errors name the word.
  Error e = parse_fault("explode", &f);
  assert_int_equal(e.code, KALSHI_ERR_INVALID_VALUE);
  assert_true(contains(e.message, "explode"));
  assert_int_equal(parse_fault("skip -1", &f).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_fault("skip 0", &f).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_fault("skip 3x", &f).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_fault("delay", &f).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_fault("drop now", &f).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_fault("", &f).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(parse_fault("garbage 99999999999999999999", &f).code, KALSHI_ERR_INVALID_VALUE);
}

void test_drop(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.acceptor.inject(fault("drop"), r.now);
  r.pump();
  assert_true(r.server_side.aborted);
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_DISCONNECTED);
  assert_true(r.last_server_frame("5").empty());  // no Logout
}

void test_skip_on_rt_recovered_by_client(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  r.acceptor.inject(fault("skip 3"), r.now);
  uint64_t seq = 0;
  assert_true(r.acceptor.send("8", body("11=a|"), r.now, &seq).ok());
  assert_int_equal(seq, 5);  // 2, 3, 4 skipped
  r.pump();
  // The client asked for 2.. and got a gap fill up to 5, then processed the ER.
  const std::string gf = r.last_server_frame("4");
  assert_string_equal(get(gf, 34).c_str(), "2");
  assert_string_equal(get(gf, 36).c_str(), "5");
  assert_int_equal(r.client_side.messages.size(), 1);
  assert_int_equal(r.client_side.messages[0].seq, 5);
  assert_true(r.logged_on());
}

void test_skip_on_nr_ends_client_session(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.acceptor.inject(fault("skip 2"), r.now);
  assert_true(r.acceptor.send("8", body("11=a|"), r.now).ok());
  r.pump();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
}

void test_dup_dropped_by_client(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  assert_true(r.acceptor.send("8", body("11=a|"), r.now).ok());
  assert_true(r.acceptor.send("8", body("11=b|"), r.now).ok());
  r.pump();
  const size_t before = r.server_frames().size();
  r.acceptor.inject(fault("dup 2"), r.now);
  r.pump();
  const auto frames = r.server_frames();
  assert_int_equal(frames.size(), before + 2);
  assert_string_equal(get(frames.back(), 43).c_str(), "Y");
  assert_string_equal(get(frames.back(), 11).c_str(), "b");
  assert_int_equal(r.client_side.messages.size(), 2);  // the duplicates were dropped
  assert_true(r.logged_on());
}

void test_delay(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.acceptor.inject(fault("delay 500"), r.now);
  assert_true(r.acceptor.send("8", body("11=a|"), r.now).ok());
  r.pump();
  assert_int_equal(r.client_side.messages.size(), 0);
  assert_int_equal(r.acceptor.next_deadline_ms(), r.now + 500);
  r.advance(499);
  assert_int_equal(r.client_side.messages.size(), 0);
  r.advance(1);
  assert_int_equal(r.client_side.messages.size(), 1);
  r.acceptor.inject(fault("delay 0"), r.now);
  assert_true(r.acceptor.send("8", body("11=b|"), r.now).ok());
  r.pump();
  assert_int_equal(r.client_side.messages.size(), 2);
}

void test_garbage_reported_by_client(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.acceptor.inject(fault("garbage 100"), r.now);
  r.pump();
  assert_false(r.client_side.bad_frames.empty());
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_PROTOCOL);
}

void test_reject_logon_stays_armed_until_cleared(void **) {
  Pipe r(SessionKind::NR);
  r.acceptor.connected(r.now);
  r.acceptor.inject(fault("reject_logon"), r.now);
  r.client.connected(r.now);
  r.pump();
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_REJECTED);
  assert_string_equal(r.client_side.last_error().message.c_str(),
                      "logon rejected (simulated fault)");
  // Cleared before the Logon: accepted.
  Pipe q(SessionKind::NR);
  q.acceptor.connected(q.now);
  q.acceptor.inject(fault("reject_logon x"), q.now);
  q.acceptor.inject(fault("clear"), q.now);
  q.client.connected(q.now);
  q.pump();
  assert_true(q.logged_on());
}

void test_resend_request_answered_by_client(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  assert_true(r.client.send("D", body("11=a|"), r.now).ok());
  assert_true(r.client.send("D", body("11=b|"), r.now).ok());
  r.pump();
  const size_t sent_before = r.client_side.sent.size();
  r.acceptor.inject(fault("resend_request 1"), r.now);
  r.pump();
  // Logon gap-filled, both orders resent with PossDup; the acceptor delivers nothing twice.
  int resent = 0;
  for (size_t i = sent_before; i < r.client_side.sent.size(); ++i) {
    const std::string &m = r.client_side.sent[i];
    if (get(m, 35) == "D" && get(m, 43) == "Y") ++resent;
  }
  assert_int_equal(resent, 2);
  assert_int_equal(r.server_side.messages.size(), 2);
  assert_true(r.logged_on());
}

void test_test_request_answered(void **) {
  Pipe r(SessionKind::MD);
  r.connect();
  r.acceptor.inject(fault("test_request"), r.now);
  r.pump();
  const std::string &answer = r.client_side.sent.back();
  assert_string_equal(get(answer, 35).c_str(), "0");
  assert_string_equal(get(answer, 112).c_str(), get(r.last_server_frame("1"), 112).c_str());
  assert_true(r.logged_on());
}

void test_logout_fault(void **) {
  Pipe r(SessionKind::DC);
  r.connect();
  r.acceptor.inject(fault("logout trading halted"), r.now);
  r.pump();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_true(contains(r.client_side.last_error().message, "trading halted"));
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_true(r.server_side.last_error().ok());
}

void test_mute_client_times_out(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.acceptor.inject(fault("mute"), r.now);
  r.run_until(r.now + 36000);  // the client's TestRequest after 30 s + 20 %
  bool test_request = false;
  for (const std::string &m : r.client_side.sent) test_request |= get(m, 35) == "1";
  assert_true(test_request);
  assert_int_equal(r.client.state(), SessionState::Active);
  r.run_until(r.now + 31000);
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_TIMEOUT);
}

void test_mute_for_a_while(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.acceptor.inject(fault("mute 1000"), r.now);
  assert_true(r.acceptor.send("8", body("11=a|"), r.now).ok());  // lost while muted
  r.pump();
  r.advance(1000);
  assert_true(r.acceptor.send("8", body("11=b|"), r.now).ok());
  r.pump();
  // The lost seq shows up as a gap on NR: the client ends the session.
  assert_int_equal(r.client_side.messages.size(), 0);
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_fault),
      cmocka_unit_test(test_drop),
      cmocka_unit_test(test_skip_on_rt_recovered_by_client),
      cmocka_unit_test(test_skip_on_nr_ends_client_session),
      cmocka_unit_test(test_dup_dropped_by_client),
      cmocka_unit_test(test_delay),
      cmocka_unit_test(test_garbage_reported_by_client),
      cmocka_unit_test(test_reject_logon_stays_armed_until_cleared),
      cmocka_unit_test(test_resend_request_answered_by_client),
      cmocka_unit_test(test_test_request_answered),
      cmocka_unit_test(test_logout_fault),
      cmocka_unit_test(test_mute_client_times_out),
      cmocka_unit_test(test_mute_for_a_while),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
