// FIX session sequence numbers: gaps (ResendRequest and in-order delivery on RT, disconnect on
// NR), too-low and duplicate messages, SequenceReset in both modes, the Logon's own seq, and
// answering the exchange's ResendRequest from a memory store and from a file store after a restart.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <unistd.h>
#include <cstring>
#include <filesystem>
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

// Delivered application messages as "seq:37[:dup]" for compact comparison.
std::string delivered(const FakeHandler &h) {
  std::string out;
  for (const Received &m : h.messages) {
    if (!out.empty()) out += ' ';
    out += std::to_string(m.seq) + ":" + get(m.frame, 37) + (m.poss_dup ? ":dup" : "");
  }
  return out;
}

size_t count_type(const FakeHandler &h, const char *type) {
  size_t n = 0;
  for (const std::string &m : h.sent) n += type_of(m) == type ? 1 : 0;
  return n;
}

void test_gap_on_rt_resend_and_in_order_delivery(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();                            // exchange seq 1
  r.in(r.ex.msg("8", er("a"), r.now));  // 2
  r.in(r.ex.msg("8", er("e"), r.now, {.seq = 5}), true);
  // 3 and 4 are missing: one ResendRequest for everything from 3 on.
  assert_string_equal(type_of(r.last_sent()).c_str(), "2");
  assert_string_equal(get(r.last_sent(), 7).c_str(), "3");
  assert_string_equal(get(r.last_sent(), 16).c_str(), "0");
  assert_string_equal(delivered(r.handler).c_str(), "2:a");
  r.in(r.ex.msg("8", er("f"), r.now, {.seq = 6}));  // held too, no second request
  assert_int_equal(count_type(r.handler, "2"), 1);
  assert_int_equal(r.session.next_target_seq(), 3);
  // The exchange answers: 3 resent, 4 was admin (gap fill), then 5 and 6 again.
  r.in(r.ex.msg("8", er("c"), r.now, {.seq = 3, .poss_dup = true}), true);
  assert_string_equal(delivered(r.handler).c_str(), "2:a 3:c:dup");
  r.in(r.ex.msg("4", body("123=Y|36=5|"), r.now, {.seq = 4, .poss_dup = true}));
  assert_string_equal(delivered(r.handler).c_str(), "2:a 3:c:dup 5:e 6:f");
  r.in(r.ex.msg("8", er("e"), r.now, {.seq = 5, .poss_dup = true}));
  r.in(r.ex.msg("8", er("f"), r.now, {.seq = 6, .poss_dup = true}));
  r.ex.next_seq = 7;
  r.in(r.ex.msg("8", er("g"), r.now));
  assert_string_equal(delivered(r.handler).c_str(), "2:a 3:c:dup 5:e 6:f 7:g");
  assert_int_equal(r.session.next_target_seq(), 8);
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_int_equal(count_type(r.handler, "2"), 1);
  // The resend is complete: no timer asks again.
  r.advance(29000);
  assert_int_equal(count_type(r.handler, "2"), 1);
}

void test_gap_resend_request_repeated_without_progress(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("8", er("x"), r.now, {.seq = 4}));
  assert_int_equal(count_type(r.handler, "2"), 1);
  r.in(r.ex.msg("0", "", r.now + 15000, {.seq = 5}));
  r.now += 15000;
  r.advance(15000);  // one interval after the request, no progress
  assert_int_equal(count_type(r.handler, "2"), 2);
  assert_string_equal(get(r.last_sent(), 7).c_str(), "2");
}

void test_test_request_answered_during_gap(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("1", body("112=T1|"), r.now, {.seq = 3}));
  // Answered at once even above the gap...
  assert_int_equal(count_type(r.handler, "0"), 1);
  assert_string_equal(get(r.handler.sent[r.sent_count() - 2], 112).c_str(), "T1");
  // ...and not again when the gap is filled and its seq is reached.
  r.in(r.ex.msg("4", body("123=Y|36=3|"), r.now, {.seq = 2, .poss_dup = true}));
  assert_int_equal(count_type(r.handler, "0"), 1);
  assert_int_equal(r.session.next_target_seq(), 4);
}

void test_gap_on_nr_disconnects(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now, {.seq = 3}), true);
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
  assert_int_equal(r.handler.messages.size(), 0);
  assert_int_equal(count_type(r.handler, "2"), 0);
  assert_int_equal(r.handler.closes, 1);
}

void test_lower_seq_without_poss_dup_disconnects(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now));  // 2
  r.in(r.ex.msg("8", er("b"), r.now, {.seq = 2}));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");
  assert_non_null(std::strstr(get(r.last_sent(), 58).c_str(), "too low"));
  assert_string_equal(delivered(r.handler).c_str(), "2:a");
}

void test_poss_dup_duplicate_dropped(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.in(r.ex.msg("8", er("a"), r.now));  // 2
  r.in(r.ex.msg("8", er("a"), r.now, {.seq = 2, .poss_dup = true}), true);
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_string_equal(delivered(r.handler).c_str(), "2:a");
  r.in(r.ex.msg("8", er("b"), r.now));  // 3
  assert_string_equal(delivered(r.handler).c_str(), "2:a 3:b");
}

void test_missing_seq_disconnects(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  Buffer b;
  encode_raw("8", body("49=KalshiRT|56=" + std::string(kKey) + "|52=" + ts(r.now) + "|37=a|"), b);
  r.in(std::string(b.view()));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
  assert_int_equal(r.handler.bad_frames.size(), 1);
  assert_int_equal(r.handler.messages.size(), 0);
}

void test_sequence_reset_reset_mode(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  // Reset mode: MsgSeqNum is ignored, NewSeqNo is the next expected.
  r.in(r.ex.msg("4", body("36=10|"), r.now, {.seq = 2}), true);
  assert_int_equal(r.session.next_target_seq(), 10);
  assert_int_equal(r.session.state(), SessionState::Active);
  r.ex.next_seq = 10;
  r.in(r.ex.msg("8", er("j"), r.now));
  assert_string_equal(delivered(r.handler).c_str(), "10:j");
  // Lowering it is a protocol error.
  r.in(r.ex.msg("4", body("36=5|"), r.now, {.seq = 11}));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
}

void test_gap_fill_must_move_forward(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("4", body("123=Y|36=2|"), r.now, {.seq = 2}));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
}

void test_sequence_reset_releases_held(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("8", er("x"), r.now, {.seq = 6}));
  r.in(r.ex.msg("8", er("y"), r.now, {.seq = 7}));
  r.in(r.ex.msg("4", body("36=6|"), r.now, {.seq = 8}));
  assert_string_equal(delivered(r.handler).c_str(), "6:x 7:y");
  assert_int_equal(r.session.next_target_seq(), 8);
}

void test_logon_seq_too_high_on_rt(void **) {
  Rig r(config(SessionKind::RT));
  r.connect();
  r.ex.next_seq = 4;  // the exchange sent 1..3 while we were away
  r.in(r.ex.msg("A", body("98=0|108=30|"), r.now));
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_string_equal(type_of(r.last_sent()).c_str(), "2");
  assert_string_equal(get(r.last_sent(), 7).c_str(), "1");
  assert_int_equal(r.session.next_target_seq(), 1);
  r.in(r.ex.msg("8", er("a"), r.now, {.seq = 1, .poss_dup = true}));
  r.in(r.ex.msg("4", body("123=Y|36=3|"), r.now, {.seq = 2, .poss_dup = true}));
  r.in(r.ex.msg("4", body("123=Y|36=5|"), r.now, {.seq = 3, .poss_dup = true}));
  // The Logon's own seq 4 was counted, not delivered; 5 is next.
  assert_int_equal(r.session.next_target_seq(), 5);
  r.ex.next_seq = 5;
  r.in(r.ex.msg("8", er("b"), r.now));
  assert_string_equal(delivered(r.handler).c_str(), "1:a:dup 5:b");
}

void test_logon_seq_too_high_on_nr(void **) {
  Rig r(config(SessionKind::NR));
  r.connect();
  r.ex.next_seq = 3;
  r.in(r.ex.msg("A", body("98=0|108=30|141=Y|"), r.now));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
}

// Our messages 2..6: D, D (with SenderSubID), heartbeat (admin), D, D.
void send_history(Rig &r, std::vector<std::string> &times) {
  for (int i = 0; i < 5; ++i) {
    r.now += 1000;
    if (i == 2) {
      r.advance(30000);  // a heartbeat (admin) takes seq 4
      r.in(r.ex.msg("0", "", r.now));
      continue;
    }
    times.push_back(ts(r.now));
    const std::string b = body("11=o" + std::to_string(i) + "|");
    assert_true(r.session.send("D", b, r.now, i == 1 ? "op7" : "").ok());
  }
}

void check_resend_answer(Rig &r, size_t first, const std::vector<std::string> &times) {
  const std::vector<std::string> out(r.handler.sent.begin() + static_cast<long>(first),
                                     r.handler.sent.end());
  // 1 Logon -> gap fill to 2; 2, 3 resent; 4 heartbeat -> gap fill to 5; 5, 6 resent.
  assert_int_equal(out.size(), 6);
  const char *types[] = {"4", "D", "D", "4", "D", "D"};
  const char *seqs[] = {"1", "2", "3", "4", "5", "6"};
  for (size_t i = 0; i < out.size(); ++i) {
    assert_string_equal(type_of(out[i]).c_str(), types[i]);
    assert_string_equal(get(out[i], 34).c_str(), seqs[i]);
    assert_string_equal(get(out[i], 43).c_str(), "Y");
    assert_true(has(out[i], 122));
    assert_string_equal(get(out[i], 52).c_str(), ts(r.now).c_str());
  }
  assert_string_equal(get(out[0], 123).c_str(), "Y");
  assert_string_equal(get(out[0], 36).c_str(), "2");
  assert_string_equal(get(out[3], 36).c_str(), "5");
  assert_string_equal(get(out[1], 122).c_str(), times[0].c_str());
  assert_string_equal(get(out[2], 122).c_str(), times[1].c_str());
  assert_string_equal(get(out[4], 122).c_str(), times[2].c_str());
  assert_string_equal(get(out[5], 122).c_str(), times[3].c_str());
  assert_string_equal(get(out[1], 11).c_str(), "o0");
  assert_string_equal(get(out[2], 11).c_str(), "o1");
  assert_string_equal(get(out[2], 50).c_str(), "op7");  // SenderSubID back in the header
  assert_false(has(out[1], 50));
}

void test_answers_resend_request(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  std::vector<std::string> times;
  send_history(r, times);
  assert_int_equal(r.session.next_sender_seq(), 7);
  const size_t first = r.sent_count();
  r.now += 500;
  r.in(r.ex.msg("2", body("7=1|16=0|"), r.now), true);
  check_resend_answer(r, first, times);
  assert_int_equal(r.session.next_sender_seq(), 7);  // resends reuse their numbers
  // A bounded range stops at its end.
  const size_t again = r.sent_count();
  r.in(r.ex.msg("2", body("7=3|16=4|"), r.now));
  assert_int_equal(r.sent_count() - again, 2);
  assert_string_equal(get(r.handler.sent[again], 34).c_str(), "3");
  assert_string_equal(type_of(r.handler.sent[again + 1]).c_str(), "4");
  assert_string_equal(get(r.handler.sent[again + 1], 36).c_str(), "5");
}

void test_resend_from_bounded_store_gap_fills_dropped(void **) {
  auto store = make_memory_store(2);
  Rig r(config(SessionKind::RT), store.get());
  r.logon();
  for (int i = 0; i < 4; ++i) assert_true(r.session.send("D", er("x"), r.now).ok());  // 2..5
  const size_t first = r.sent_count();
  r.in(r.ex.msg("2", body("7=2|16=0|"), r.now));
  // 2 and 3 fell out of the store: one gap fill to 4, then 4 and 5 resent.
  assert_int_equal(r.sent_count() - first, 3);
  assert_string_equal(type_of(r.handler.sent[first]).c_str(), "4");
  assert_string_equal(get(r.handler.sent[first], 34).c_str(), "2");
  assert_string_equal(get(r.handler.sent[first], 36).c_str(), "4");
  assert_string_equal(get(r.handler.sent[first + 1], 34).c_str(), "4");
  assert_string_equal(get(r.handler.sent[first + 2], 34).c_str(), "5");
}

void test_resend_from_file_store_after_restart(void **) {
  char tmpl[] = "/tmp/kalshi-fix-session-XXXXXX";
  assert_non_null(mkdtemp(tmpl));
  const std::string dir = tmpl;
  std::vector<std::string> times;
  int64_t now = kT0;
  {
    std::unique_ptr<Store> store;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &store).ok());
    Rig r(config(SessionKind::RT), store.get());
    r.logon();
    send_history(r, times);
    r.in(r.ex.msg("8", er("z"), r.now));  // exchange seq 3 after the heartbeat (2)
    assert_int_equal(r.session.next_target_seq(), 4);
    now = r.now;
    r.session.disconnected(now, Error{});
  }
  // A new process: new store object and session over the same directory.
  std::unique_ptr<Store> store;
  assert_true(open_file_store(dir, kKey, "KalshiRT", &store).ok());
  assert_int_equal(store->next_sender_seq(), 7);
  assert_int_equal(store->next_target_seq(), 4);
  Rig r(config(SessionKind::RT), store.get());
  r.now = now + 60000;
  r.ex.next_seq = 4;
  r.connect();
  assert_string_equal(get(r.last_sent(), 34).c_str(), "7");
  assert_false(has(r.last_sent(), 141));
  r.in(r.ex.msg("A", body("98=0|108=30|"), r.now));
  assert_int_equal(r.session.state(), SessionState::Active);
  const size_t first = r.sent_count();
  r.in(r.ex.msg("2", body("7=1|16=6|"), r.now));
  check_resend_answer(r, first, times);
  std::filesystem::remove_all(dir);
}

void test_exchange_logout_during_gap(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.in(r.ex.msg("8", er("x"), r.now, {.seq = 4}));
  r.in(r.ex.msg("5", body("58=bye|"), r.now, {.seq = 5}));
  // Answered and closed at once; the gap is left for the next Logon's ResendRequest.
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.messages.size(), 0);
  assert_int_equal(r.session.next_target_seq(), 2);
  assert_int_equal(r.store->next_target_seq(), 2);
}

void test_held_overflow_recovers_by_asking_again(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  // Seq 2 is lost; far more than the hold limit (10000) arrives behind it.
  std::string burst;
  for (uint64_t seq = 3; seq <= 10102; ++seq) burst += r.ex.msg("8", er("m"), r.now, {.seq = seq});
  r.in(burst);
  assert_int_equal(count_type(r.handler, "2"), 1);
  r.in(r.ex.msg("4", body("123=Y|36=3|"), r.now, {.seq = 2, .poss_dup = true}));
  // What was held (3..10002) is delivered in order; the rest was dropped and is asked for again
  // once an interval passes without progress.
  assert_int_equal(r.handler.messages.size(), 10000);
  assert_int_equal(r.handler.messages.front().seq, 3);
  assert_int_equal(r.handler.messages.back().seq, 10002);
  assert_int_equal(r.session.next_target_seq(), 10003);
  r.in(r.ex.msg("0", "", r.now + 29000, {.seq = 10103}));
  r.now += 29000;
  r.advance(1000);
  assert_int_equal(count_type(r.handler, "2"), 2);
  assert_string_equal(get(r.last_sent(), 7).c_str(), "10003");
  std::string resent;
  for (uint64_t seq = 10003; seq <= 10102; ++seq) {
    resent += r.ex.msg("8", er("m"), r.now, {.seq = seq, .poss_dup = true});
  }
  r.in(resent);
  assert_int_equal(r.handler.messages.size(), 10100);
  for (size_t i = 0; i < r.handler.messages.size(); ++i) {
    assert_int_equal(r.handler.messages[i].seq, 3 + i);
  }
  assert_int_equal(r.session.next_target_seq(), 10104);  // the held heartbeat 10103 counted too
}

void test_resend_request_without_begin_reported(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  const size_t sent = r.sent_count();
  r.in(r.ex.msg("2", body("16=0|"), r.now));
  assert_int_equal(r.sent_count(), sent);
  assert_int_equal(r.handler.bad_frames.size(), 1);
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_int_equal(r.session.next_target_seq(), 3);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gap_on_rt_resend_and_in_order_delivery),
      cmocka_unit_test(test_gap_resend_request_repeated_without_progress),
      cmocka_unit_test(test_test_request_answered_during_gap),
      cmocka_unit_test(test_gap_on_nr_disconnects),
      cmocka_unit_test(test_lower_seq_without_poss_dup_disconnects),
      cmocka_unit_test(test_poss_dup_duplicate_dropped),
      cmocka_unit_test(test_missing_seq_disconnects),
      cmocka_unit_test(test_sequence_reset_reset_mode),
      cmocka_unit_test(test_gap_fill_must_move_forward),
      cmocka_unit_test(test_sequence_reset_releases_held),
      cmocka_unit_test(test_logon_seq_too_high_on_rt),
      cmocka_unit_test(test_logon_seq_too_high_on_nr),
      cmocka_unit_test(test_answers_resend_request),
      cmocka_unit_test(test_resend_from_bounded_store_gap_fills_dropped),
      cmocka_unit_test(test_resend_from_file_store_after_restart),
      cmocka_unit_test(test_exchange_logout_during_gap),
      cmocka_unit_test(test_held_overflow_recovers_by_asking_again),
      cmocka_unit_test(test_resend_request_without_begin_reported),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
