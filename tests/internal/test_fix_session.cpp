// FIX session: Logon bytes and rules, logon refusal and timeout, heartbeats, TestRequest and
// silent-peer detection, Logout both ways, send() outside Active.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstring>
#include <string>

#include "test_fix_session_harness.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace fixtest;

namespace {

void test_logon_bytes_exact(void **) {
  SessionConfig c = config(SessionKind::NR);
  c.heartbeat_s = 30;
  c.logon_fields = {{21005, "Y"}, {8013, "Y"}, {21011, "Y"}};
  Rig r(std::move(c));
  r.connect();
  assert_int_equal(r.sent_count(), 1);
  const std::string &m = r.handler.sent[0];
  const auto f = fields(m);
  // Header in Kalshi's order, then the body: 98, 108, 95, 96, 141, 1137, flags as configured.
  const std::vector<uint32_t> tags = {8,  9,  35,  49,   56,    34,   52,    98, 108,
                                      95, 96, 141, 1137, 21005, 8013, 21011, 10};
  assert_int_equal(f.size(), tags.size());
  for (size_t i = 0; i < tags.size(); ++i) assert_int_equal(f[i].first, tags[i]);
  assert_string_equal(get(m, 8).c_str(), "FIXT.1.1");
  assert_string_equal(get(m, 35).c_str(), "A");
  assert_string_equal(get(m, 49).c_str(), kKey);
  assert_string_equal(get(m, 56).c_str(), "KalshiNR");
  assert_string_equal(get(m, 34).c_str(), "1");
  assert_string_equal(get(m, 52).c_str(), ts(kT0).c_str());
  assert_string_equal(get(m, 98).c_str(), "0");
  assert_string_equal(get(m, 108).c_str(), "30");
  assert_string_equal(get(m, 95).c_str(), std::to_string(r.signer.signature.size()).c_str());
  assert_string_equal(get(m, 96).c_str(), r.signer.signature.c_str());
  assert_string_equal(get(m, 141).c_str(), "Y");
  assert_string_equal(get(m, 1137).c_str(), "9");
  assert_false(has(m, 50));
  // The pre-hash is §2.7's string over the very SendingTime in tag 52.
  assert_int_equal(r.signer.prehashes.size(), 1);
  const std::string expect = get(m, 52) +
                             "\x01"
                             "A\x01"
                             "1\x01" +
                             std::string(kKey) +
                             "\x01"
                             "KalshiNR";
  assert_string_equal(r.signer.prehashes[0].c_str(), expect.c_str());
  assert_int_equal(r.session.state(), SessionState::LogonSent);
  assert_int_equal(r.handler.states.back().first, SessionState::LogonSent);
}

void test_logon_prehash_golden(void **) {
  // §2.7 golden vector: 20230809-05:28:18.035, seq 1, "your-fix-api-key-uuid", KalshiNR.
  SessionConfig c = config(SessionKind::NR);
  c.sender_comp_id = "your-fix-api-key-uuid";
  FakeSigner signer;
  FakeHandler handler;
  auto store = make_memory_store();
  Session s(c, *store, signer, handler);
  int64_t when = 0;
  assert_true(parse_utc_timestamp("20230809-05:28:18.035", &when));
  s.connected(when);
  assert_int_equal(signer.prehashes.size(), 1);
  const std::string golden =
      "20230809-05:28:18.035\x01"
      "A\x01"
      "1\x01"
      "your-fix-api-key-uuid\x01"
      "KalshiNR";
  assert_int_equal(signer.prehashes[0].size(), 56);
  assert_true(signer.prehashes[0] == golden);
}

void test_reset_flag_per_kind(void **) {
  struct Case {
    Product p;
    SessionKind k;
    bool reset_on_logon;
    bool expect_141;
  } cases[] = {
      {Product::Prediction, SessionKind::NR, false, true},
      {Product::Prediction, SessionKind::RT, false, false},
      {Product::Prediction, SessionKind::RT, true, true},
      {Product::Prediction, SessionKind::DC, false, true},
      {Product::Prediction, SessionKind::PT, false, false},
      {Product::Prediction, SessionKind::RFQ, false, true},
      {Product::Prediction, SessionKind::MD, false, true},
      {Product::Margin, SessionKind::NR, false, true},
      {Product::Margin, SessionKind::RT, false, false},
      {Product::Margin, SessionKind::DC, false, true},
      {Product::Margin, SessionKind::MD, false, true},
  };
  for (const Case &k : cases) {
    SessionConfig c = config(k.k, k.p);
    c.reset_on_logon = k.reset_on_logon;
    auto store = make_memory_store();
    // A store with history: 141=Y must reset it to 1 before the Logon is numbered.
    assert_true(store->set_next_sender_seq(40).ok());
    assert_true(store->set_next_target_seq(50).ok());
    FakeSigner signer;
    FakeHandler handler;
    Session s(c, *store, signer, handler);
    s.connected(kT0);
    assert_int_equal(handler.sent.size(), 1);
    const std::string &m = handler.sent[0];
    assert_int_equal(has(m, 141), k.expect_141);
    assert_string_equal(get(m, 56).c_str(), std::string(target_comp_id(k.k)).c_str());
    assert_string_equal(get(m, 34).c_str(), k.expect_141 ? "1" : "40");
    assert_int_equal(s.next_target_seq(), k.expect_141 ? 1 : 50);
  }
}

Error check(SessionConfig c) {
  return validate_config(c);
}

void test_validate_config_refuses(void **) {
  SessionConfig ok = config(SessionKind::RT);
  ok.logon_fields = {{21005, "Y"}, {20200, "72"}, {20126, "Y"}, {21011, "Y"}, {20127, "N"}};
  assert_true(check(ok).ok());

  const auto refused = [](SessionConfig c, const char *needle) {
    Error e = validate_config(c);
    assert_int_equal(e.code, KALSHI_ERR_INVALID_VALUE);
    assert_non_null(std::strstr(e.message.c_str(), needle));
  };
  SessionConfig c = config(SessionKind::DC);
  c.logon_fields = {{8013, "Y"}};
  refused(c, "8013");
  c = config(SessionKind::MD);
  c.logon_fields = {{21005, "Y"}};
  refused(c, "21005");
  c = config(SessionKind::NR);
  c.logon_fields = {{20200, "24"}};
  refused(c, "20200");
  c = config(SessionKind::RT, Product::Margin);
  c.logon_fields = {{20127, "Y"}};
  refused(c, "20127");
  c = config(SessionKind::RT, Product::Margin);
  c.logon_fields = {{21026, "Y"}};
  refused(c, "21026");
  c = config(SessionKind::RT);
  c.logon_fields = {{20126, "Y"}};
  refused(c, "21011");
  c = config(SessionKind::RT);
  c.logon_fields = {{20126, "Y"}, {21011, "Y"}, {8013, "Y"}};
  refused(c, "8013");
  c = config(SessionKind::RT);
  c.logon_fields = {{20200, "73"}};
  refused(c, "1..72");
  c = config(SessionKind::RT);
  c.logon_fields = {{21005, "yes"}};
  refused(c, "Y or N");
  c = config(SessionKind::RT);
  c.logon_fields = {{141, "Y"}};
  refused(c, "141");
  c = config(SessionKind::RT);
  c.logon_fields = {{50, "op"}};
  refused(c, "50");
  c = config(SessionKind::RT);
  c.logon_fields = {{21005, "Y"}, {21005, "N"}};
  refused(c, "twice");
  c = config(SessionKind::PT, Product::Margin);
  refused(c, "margin");
  c = config(SessionKind::NR);
  c.heartbeat_s = 3;  // prediction needs > 3
  refused(c, "108");
  c = config(SessionKind::NR, Product::Margin);
  c.heartbeat_s = 3;
  assert_true(check(c).ok());
  c = config(SessionKind::NR);
  c.sender_comp_id.clear();
  refused(c, "sender_comp_id");
}

void test_invalid_config_never_sends(void **) {
  SessionConfig c = config(SessionKind::DC);
  c.logon_fields = {{20126, "Y"}};
  Rig r(std::move(c));
  r.connect();
  assert_int_equal(r.sent_count(), 0);
  assert_int_equal(r.handler.closes, 1);
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_INVALID_VALUE);
}

void test_logon_accepted_byte_by_byte(void **) {
  Rig r(config(SessionKind::RT));
  r.logon(true);
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_int_equal(r.handler.states.back().first, SessionState::Active);
  assert_true(r.handler.states.back().second.ok());
  assert_int_equal(r.session.next_target_seq(), 2);
  assert_int_equal(r.session.next_sender_seq(), 2);
  assert_int_equal(r.handler.messages.size(), 0);
}

void test_logon_refused_by_logout(void **) {
  Rig r(config(SessionKind::NR));
  r.connect();
  r.in(r.ex.msg("5", body("58=already exists|"), r.now), true);
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_REJECTED);
  assert_string_equal(r.handler.last_error().message.c_str(), "already exists");
  assert_int_equal(r.handler.closes, 1);
  assert_int_equal(r.sent_count(), 1);  // only our Logon; a refusal is not answered
}

void test_logon_timeout(void **) {
  SessionConfig c = config(SessionKind::NR);
  c.logon_timeout_ms = 5000;
  Rig r(std::move(c));
  r.connect();
  assert_int_equal(r.session.next_deadline_ms(), kT0 + 5000);
  r.advance(4999);
  assert_int_equal(r.session.state(), SessionState::LogonSent);
  r.advance(1);
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_TIMEOUT);
  assert_int_equal(r.handler.closes, 1);
  assert_int_equal(r.session.next_deadline_ms(), INT64_MAX);
}

void test_first_message_not_logon(void **) {
  Rig r(config(SessionKind::NR));
  r.connect();
  r.in(r.ex.msg("0", "", r.now));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
}

void test_heartbeat_after_idle(void **) {
  Rig r(config(SessionKind::NR));  // heartbeat 30 s
  r.logon();
  const size_t before = r.sent_count();
  r.advance(29999);
  assert_int_equal(r.sent_count(), before);
  r.in(r.ex.msg("0", "", r.now));  // keeps the receive side fresh
  r.advance(1);
  assert_int_equal(r.sent_count(), before + 1);
  assert_string_equal(type_of(r.last_sent()).c_str(), "0");
  assert_false(has(r.last_sent(), 112));
  assert_string_equal(get(r.last_sent(), 34).c_str(), "2");
  // Sending an application message restarts the interval.
  r.now += 10000;
  assert_true(r.session.send("D", body("11=a|"), r.now).ok());
  r.in(r.ex.msg("0", "", r.now));
  r.advance(29999);
  assert_string_equal(type_of(r.last_sent()).c_str(), "D");
  r.advance(1);
  assert_string_equal(type_of(r.last_sent()).c_str(), "0");
}

void test_test_request_on_silence_then_disconnect(void **) {
  Rig r(config(SessionKind::NR));  // 30 s, grace 20% = 6 s
  r.logon();
  const int64_t logon_at = r.now;
  // Our own heartbeats go out meanwhile; the peer says nothing.
  r.advance(30000);
  assert_string_equal(type_of(r.last_sent()).c_str(), "0");
  assert_int_equal(r.session.next_deadline_ms(), logon_at + 36000);
  r.advance(5999);
  assert_string_equal(type_of(r.last_sent()).c_str(), "0");
  r.advance(1);  // 36 s of silence
  assert_string_equal(type_of(r.last_sent()).c_str(), "1");
  assert_true(has(r.last_sent(), 112));
  assert_int_equal(r.session.state(), SessionState::Active);
  r.advance(29999);
  assert_int_equal(r.session.state(), SessionState::Active);
  r.advance(1);  // one interval without an answer
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_TIMEOUT);
  assert_int_equal(r.handler.closes, 1);
}

void test_test_request_answered_by_peer(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.advance(36000);
  const std::string tr = r.last_sent();
  assert_string_equal(type_of(tr).c_str(), "1");
  r.now += 100;
  r.in(r.ex.msg("0", body("112=" + get(tr, 112) + "|"), r.now));
  r.advance(40000);
  assert_int_equal(r.session.state(), SessionState::Active);
}

void test_answers_test_request(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.in(r.ex.msg("1", body("112=PING-7|"), r.now), true);
  assert_string_equal(type_of(r.last_sent()).c_str(), "0");
  assert_string_equal(get(r.last_sent(), 112).c_str(), "PING-7");
  assert_int_equal(r.handler.messages.size(), 0);
  assert_int_equal(r.session.next_target_seq(), 3);
}

void test_exchange_logout_answered(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.in(r.ex.msg("5", body("58=maintenance|"), r.now));
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");
  assert_false(has(r.last_sent(), 58));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.closes, 1);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_DISCONNECTED);
  assert_non_null(std::strstr(r.handler.last_error().message.c_str(), "maintenance"));
}

void test_our_logout_answered(void **) {
  Rig r(config(SessionKind::NR));
  r.logon();
  r.session.logout("bye", r.now);
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");
  assert_string_equal(get(r.last_sent(), 58).c_str(), "bye");
  assert_int_equal(r.session.state(), SessionState::LogoutSent);
  assert_int_equal(r.handler.closes, 0);
  // Application messages before the answer are still delivered.
  r.in(r.ex.msg("8", body("37=1|"), r.now));
  assert_int_equal(r.handler.messages.size(), 1);
  const size_t sent = r.sent_count();
  r.in(r.ex.msg("5", "", r.now), true);
  assert_int_equal(r.sent_count(), sent);  // an answer is not answered
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_true(r.handler.last_error().ok());
  assert_int_equal(r.handler.closes, 1);
}

void test_our_logout_times_out(void **) {
  SessionConfig c = config(SessionKind::NR);
  c.logout_timeout_ms = 2000;
  Rig r(std::move(c));
  r.logon();
  r.session.logout("", r.now);
  assert_false(has(r.last_sent(), 58));
  assert_int_equal(r.session.next_deadline_ms(), r.now + 2000);
  r.advance(1999);
  assert_int_equal(r.session.state(), SessionState::LogoutSent);
  r.advance(1);
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_TIMEOUT);
  assert_int_equal(r.handler.closes, 1);
}

void test_send_refused_when_not_active(void **) {
  Rig r(config(SessionKind::RT));
  assert_int_equal(r.session.send("D", body("11=a|"), r.now).code, KALSHI_ERR_STATE);
  r.connect();
  assert_int_equal(r.session.send("D", body("11=a|"), r.now).code, KALSHI_ERR_STATE);
  assert_int_equal(r.sent_count(), 1);  // the Logon only
  int stored = 0;
  r.store->for_range(
      1, 0, [&](uint64_t, std::string_view, std::string_view, std::string_view) { ++stored; });
  assert_int_equal(stored, 0);
  assert_int_equal(r.session.next_sender_seq(), 2);
  r.in(r.ex.msg("A", body("98=0|108=30|"), r.now));
  uint64_t seq = 0;
  assert_true(r.session.send("D", body("11=a|"), r.now, "op1", &seq).ok());
  assert_int_equal(seq, 2);
  assert_string_equal(get(r.last_sent(), 50).c_str(), "op1");
  assert_int_equal(r.session.send("0", "", r.now).code, KALSHI_ERR_INVALID_ARG);
  r.session.logout("", r.now);
  assert_int_equal(r.session.send("D", body("11=b|"), r.now).code, KALSHI_ERR_STATE);
}

void test_comp_id_mismatch_disconnects(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.ex.sender = "KalshiNR";
  r.in(r.ex.msg("8", body("37=1|"), r.now));
  assert_int_equal(r.handler.messages.size(), 0);
  assert_int_equal(r.handler.bad_frames.size(), 1);
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
  assert_string_equal(type_of(r.last_sent()).c_str(), "5");

  // "Kalshi" is accepted by default (§16 item 1), refused when configured so.
  Rig g(config(SessionKind::RT));
  g.logon();
  g.ex.sender = "Kalshi";
  g.in(g.ex.msg("8", body("37=1|"), g.now));
  assert_int_equal(g.handler.messages.size(), 1);
  SessionConfig strict = config(SessionKind::RT);
  strict.accept_generic_server_comp_id = false;
  Rig s(std::move(strict));
  s.logon();
  s.ex.sender = "Kalshi";
  s.in(s.ex.msg("8", body("37=1|"), s.now));
  assert_int_equal(s.session.state(), SessionState::Disconnected);

  Rig t(config(SessionKind::RT));
  t.logon();
  t.ex.target = "someone-else";
  t.in(t.ex.msg("8", body("37=1|"), t.now));
  assert_int_equal(t.session.state(), SessionState::Disconnected);
  assert_int_equal(t.handler.last_error().code, KALSHI_ERR_PROTOCOL);
}

void test_bad_checksum_ignored_wrong_begin_string_fatal(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  std::string m = r.ex.msg("8", body("37=1|"), r.now, {.seq = 2});
  m[m.size() - 2] = m[m.size() - 2] == '0' ? '1' : '0';  // corrupt the checksum digits
  r.in(m);
  assert_int_equal(r.handler.bad_frames.size(), 1);
  assert_int_equal(r.session.state(), SessionState::Active);
  assert_int_equal(r.session.next_target_seq(), 2);  // not counted
  r.in(r.ex.msg("8", body("37=1|"), r.now, {.seq = 2}));
  assert_int_equal(r.handler.messages.size(), 1);
  r.in(
      std::string("8=FIX.4.4\x01"
                  "9=5\x01"
                  "35=0\x01"
                  "10=000\x01"));
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_PROTOCOL);
}

void test_transport_loss(void **) {
  Rig r(config(SessionKind::RT));
  r.logon();
  r.session.disconnected(r.now, Error{});
  assert_int_equal(r.session.state(), SessionState::Disconnected);
  assert_int_equal(r.handler.last_error().code, KALSHI_ERR_DISCONNECTED);
  assert_int_equal(r.handler.closes, 0);
  const size_t states = r.handler.states.size();
  r.session.disconnected(r.now, Error{});  // once only
  assert_int_equal(r.handler.states.size(), states);
  // Reconnecting on RT keeps the sequence numbers (no 141).
  r.session.connected(r.now);
  assert_string_equal(get(r.last_sent(), 34).c_str(), "2");
  assert_false(has(r.last_sent(), 141));
  assert_int_equal(r.session.next_target_seq(), 2);
}

void test_session_kinds(void **) {
  SessionKind k = SessionKind::NR;
  assert_true(parse_session_kind("rt", &k));
  assert_int_equal(k, SessionKind::RT);
  assert_true(parse_session_kind("KalshiRFQ", &k));
  assert_int_equal(k, SessionKind::RFQ);
  assert_true(parse_session_kind("kalshimd", &k));
  assert_int_equal(k, SessionKind::MD);
  assert_false(parse_session_kind("Kalshi", &k));
  assert_false(parse_session_kind("", &k));
  assert_string_equal(std::string(target_comp_id(SessionKind::PT)).c_str(), "KalshiPT");
  assert_int_equal(default_port(SessionKind::NR), 8228);
  assert_int_equal(default_port(SessionKind::DC), 8229);
  assert_int_equal(default_port(SessionKind::RT), 8230);
  assert_int_equal(default_port(SessionKind::PT), 8231);
  assert_int_equal(default_port(SessionKind::RFQ), 8232);
  assert_int_equal(default_port(SessionKind::MD), 8233);
  assert_false(session_exists(Product::Margin, SessionKind::PT));
  assert_false(session_exists(Product::Margin, SessionKind::RFQ));
  assert_true(session_exists(Product::Margin, SessionKind::MD));
  assert_true(has_retransmission(Product::Prediction, SessionKind::RT));
  assert_true(has_retransmission(Product::Prediction, SessionKind::PT));
  assert_false(has_retransmission(Product::Prediction, SessionKind::RFQ));
  assert_true(has_retransmission(Product::Margin, SessionKind::RT));
  assert_false(has_retransmission(Product::Margin, SessionKind::PT));
  assert_false(has_retransmission(Product::Margin, SessionKind::NR));
  assert_true(uses_market_data_host(SessionKind::MD));
  assert_false(uses_market_data_host(SessionKind::RT));
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_session_kinds),
      cmocka_unit_test(test_logon_bytes_exact),
      cmocka_unit_test(test_logon_prehash_golden),
      cmocka_unit_test(test_reset_flag_per_kind),
      cmocka_unit_test(test_validate_config_refuses),
      cmocka_unit_test(test_invalid_config_never_sends),
      cmocka_unit_test(test_logon_accepted_byte_by_byte),
      cmocka_unit_test(test_logon_refused_by_logout),
      cmocka_unit_test(test_logon_timeout),
      cmocka_unit_test(test_first_message_not_logon),
      cmocka_unit_test(test_heartbeat_after_idle),
      cmocka_unit_test(test_test_request_on_silence_then_disconnect),
      cmocka_unit_test(test_test_request_answered_by_peer),
      cmocka_unit_test(test_answers_test_request),
      cmocka_unit_test(test_exchange_logout_answered),
      cmocka_unit_test(test_our_logout_answered),
      cmocka_unit_test(test_our_logout_times_out),
      cmocka_unit_test(test_send_refused_when_not_active),
      cmocka_unit_test(test_comp_id_mismatch_disconnects),
      cmocka_unit_test(test_bad_checksum_ignored_wrong_begin_string_fatal),
      cmocka_unit_test(test_transport_loss),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
