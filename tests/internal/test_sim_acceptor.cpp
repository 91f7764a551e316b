// AcceptorSession against our own client fix::Session (real RSA-PSS signatures, in-memory pipe,
// injected clock): Logon for every session type of both products and each refusal, heartbeats
// and TestRequest, silent clients, sequence rules in both directions, Logout both ways, garbled
// and non-FIX input, session Rejects, the flood guard and the logon timeout.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "test_sim_acceptor_harness.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace simtest;

namespace {

void test_logon_every_session_type(void **) {
  const Product products[] = {Product::Prediction, Product::Margin};
  const SessionKind kinds[] = {SessionKind::NR, SessionKind::RT,  SessionKind::DC,
                               SessionKind::PT, SessionKind::RFQ, SessionKind::MD};
  int tried = 0;
  for (Product p : products) {
    for (SessionKind k : kinds) {
      if (!session_exists(p, k)) continue;
      ++tried;
      SessionConfig cc = client_config(k, p);
      if (k == SessionKind::NR || k == SessionKind::RT) cc.logon_fields = {{21005, "Y"}};
      Pipe r(cc, acceptor_config(k, p));
      r.connect();
      assert_true(r.logged_on());
      assert_string_equal(std::string(r.acceptor.key_id()).c_str(), kKey);
      assert_string_equal(r.server_side.logon_key.c_str(), kKey);
      assert_int_equal(r.server_side.logons, 1);
      assert_true(r.acceptor.flags().use_dollars == (k == SessionKind::NR || k == SessionKind::RT));
      assert_true(r.acceptor.flags().receive_settlement == (k == SessionKind::PT));
      // The answer: 49 = session name, 56 = key, same HeartBtInt, 141 echoed when sent.
      const std::string a = r.last_server_frame("A");
      assert_string_equal(get(a, 49).c_str(), std::string(target_comp_id(k)).c_str());
      assert_string_equal(get(a, 56).c_str(), kKey);
      assert_string_equal(get(a, 108).c_str(), "30");
      const bool reset = !has_retransmission(p, k);
      assert_string_equal(get(a, 141).c_str(), reset ? "Y" : "<none>");
      assert_int_equal(r.acceptor.next_target_seq(), 2);
      assert_int_equal(r.acceptor.next_sender_seq(), 2);
    }
  }
  assert_int_equal(tried, 10);
}

void test_unknown_key_refused(void **) {
  SessionConfig cc = client_config(SessionKind::NR);
  cc.sender_comp_id = kOtherKey;
  Pipe r(cc, acceptor_config(SessionKind::NR));
  r.connect();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_int_equal(r.client_side.last_error().code, KALSHI_ERR_REJECTED);
  assert_true(contains(r.client_side.last_error().message, "Unknown API key"));
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_int_equal(r.server_side.logons, 0);
  assert_true(r.server_side.closed);
}

void test_bad_signature_refused(void **) {
  std::unique_ptr<crypto::PrivateKey> other;
  assert_true(crypto::load_private_key_file(data_path("rsa3072_pkcs8.pem"), "", &other).ok());
  Pipe r(SessionKind::RT);
  r.signer.key = other.get();
  r.connect();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_true(contains(r.client_side.last_error().message, "Signature problem"));
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
}

void test_wrong_target_comp_id_refused(void **) {
  SessionConfig cc = client_config(SessionKind::NR);
  cc.target_comp_id = "KalshiRT";
  Pipe r(cc, acceptor_config(SessionKind::NR));
  r.connect();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_true(contains(r.client_side.last_error().message, "TargetCompID(56) must be KalshiNR"));
}

void test_missing_reset_on_nr_refused(void **) {
  // A client configured as RT (no 141=Y) pointed at the NR port.
  SessionConfig cc = client_config(SessionKind::RT);
  cc.target_comp_id = "KalshiNR";
  Pipe r(cc, acceptor_config(SessionKind::NR));
  r.connect();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_true(contains(r.client_side.last_error().message, "ResetSeqNumFlag(141)=Y is required"));
}

void test_flag_not_allowed_refused(void **) {
  // 8013 is an order-entry flag: an NR-configured client logging on to KalshiDC with it.
  SessionConfig cc = client_config(SessionKind::NR);
  cc.target_comp_id = "KalshiDC";
  cc.logon_fields = {{8013, "Y"}};
  Pipe r(cc, acceptor_config(SessionKind::DC));
  r.connect();
  assert_int_equal(r.client.state(), SessionState::Disconnected);
  assert_true(contains(r.client_side.last_error().message, "8013"));
}

void test_listener_flags(void **) {
  {
    // Listener without 21011=Y: the client's own rules refuse it, so send it as raw bytes.
    Pipe r(SessionKind::NR, Product::Margin);
    r.acceptor.connected(r.now);
    char when[kUtcTimestampLen];
    format_utc_timestamp(r.now, when);
    const std::string st(when, kUtcTimestampLen);
    std::string sig;
    assert_true(crypto::sign_fix_logon(test_private_key(), st, 1, kKey, "KalshiNR", sig).ok());
    Buffer b;
    FieldWriter w(b);
    w.add_char(98, '0');
    w.add_uint(108, 3);
    w.add_data(95, 96, sig);
    w.add_char(141, 'Y');
    w.add_char(1137, '9');
    w.add_char(20126, 'Y');
    Header h;
    h.msg_type = "A";
    h.sender_comp_id = kKey;
    h.target_comp_id = "KalshiNR";
    h.msg_seq_num = 1;
    h.sending_time = st;
    Buffer out;
    encode_message(h, b.view(), out);
    r.acceptor.received(out.data(), out.size(), r.now);
    assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
    assert_true(contains(get(r.last_server_frame("5"), 58), "requires 21011=Y"));
  }
  {
    SessionConfig cc = client_config(SessionKind::RT, Product::Margin);
    cc.heartbeat_s = 3;  // margin allows 3
    cc.logon_fields = {{20126, "Y"}, {21011, "Y"}, {20200, "72"}};
    Pipe r(cc, acceptor_config(SessionKind::RT, Product::Margin));
    r.connect();
    assert_true(r.logged_on());
    assert_true(r.acceptor.flags().listener);
    assert_true(r.acceptor.flags().skip_pending);
    assert_int_equal(r.acceptor.flags().retention_hours, 72);
    assert_string_equal(get(r.last_server_frame("A"), 108).c_str(), "3");
  }
}

void test_sending_time_accuracy(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.now += 31000;  // the client's clock is 31 s behind ours for this message
  char when[kUtcTimestampLen];
  format_utc_timestamp(r.now - 31000, when);
  Header h;
  h.msg_type = "D";
  h.sender_comp_id = kKey;
  h.target_comp_id = "KalshiNR";
  h.msg_seq_num = 2;
  h.sending_time = std::string_view(when, kUtcTimestampLen);
  Buffer out;
  encode_message(h, body("11=a|"), out);
  r.acceptor.received(out.data(), out.size(), r.now);
  const std::string rj = r.last_server_frame("3");
  assert_string_equal(get(rj, 373).c_str(), "10");
  assert_string_equal(get(rj, 45).c_str(), "2");
  assert_int_equal(r.server_side.messages.size(), 0);
  assert_int_equal(r.acceptor.next_target_seq(), 3);  // counted, not acted on
  assert_int_equal(r.acceptor.state(), AcceptorState::Active);
}

void test_handler_refusal_and_armed_reject(void **) {
  {
    Pipe r(SessionKind::NR);
    r.server_side.refuse = "already exists";
    r.connect();
    assert_string_equal(r.client_side.last_error().message.c_str(), "already exists");
  }
  {
    Pipe r(SessionKind::NR);
    Fault f;
    assert_true(parse_fault("reject_logon exchange closed", &f).ok());
    r.acceptor.connected(r.now);
    r.acceptor.inject(f, r.now);
    r.client.connected(r.now);
    r.pump();
    assert_string_equal(r.client_side.last_error().message.c_str(), "exchange closed");
    assert_int_equal(r.server_side.logons, 0);
  }
}

void test_first_message_must_be_logon(void **) {
  Pipe r(SessionKind::NR);
  r.acceptor.connected(r.now);
  r.raw_to_acceptor("0", 1, {});
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  const std::string lo = r.last_server_frame("5");
  assert_true(contains(get(lo, 58), "First message must be Logon"));
}

void test_non_fix_before_logon(void **) {
  Pipe r(SessionKind::NR);
  r.acceptor.connected(r.now);
  const std::string junk = "SSH-2.0-OpenSSH_9.6\r\n";
  r.acceptor.received(junk.data(), junk.size(), r.now);
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_true(r.server_side.closed);
  const std::string lo = r.last_server_frame("5");
  assert_string_equal(get(lo, 58).c_str(), "Incorrect BeginString");
  assert_string_equal(get(lo, 34).c_str(), "1");
}

void test_logon_timeout(void **) {
  Pipe r(SessionKind::NR);
  r.acceptor.connected(r.now);
  assert_int_equal(r.acceptor.next_deadline_ms(), r.now + 10000);
  r.now += 10000;
  r.acceptor.tick(r.now);
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_int_equal(r.server_side.last_error().code, KALSHI_ERR_TIMEOUT);
}

void test_application_messages_both_ways(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  uint64_t seq = 0;
  assert_true(r.client.send("D", body("11=a|38=1|"), r.now, {}, &seq).ok());
  r.pump();
  assert_int_equal(r.server_side.messages.size(), 1);
  assert_string_equal(r.server_side.messages[0].type.c_str(), "D");
  assert_int_equal(r.server_side.messages[0].seq, seq);
  assert_true(r.acceptor.send("8", body("11=a|150=0|"), r.now, &seq).ok());
  r.pump();
  assert_int_equal(r.client_side.messages.size(), 1);
  assert_string_equal(r.client_side.messages[0].type.c_str(), "8");
  assert_int_equal(r.client_side.messages[0].seq, seq);
  // Session-level types are the session's own.
  assert_int_equal(r.acceptor.send("0", {}, r.now).code, KALSHI_ERR_INVALID_ARG);
}

void test_heartbeats_and_test_request(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.advance(5 * 60 * 1000);  // five minutes of quiet: heartbeats keep both sides up
  assert_true(r.logged_on());
  assert_false(r.last_server_frame("0").empty());
  // The acceptor's TestRequest is answered with the same 112.
  Fault f;
  assert_true(parse_fault("test_request", &f).ok());
  r.acceptor.inject(f, r.now);
  r.pump();
  const std::string tr = r.last_server_frame("1");
  const std::string id = get(tr, 112);
  bool answered = false;
  for (const std::string &m : r.client_side.sent) {
    if (get(m, 35) == "0" && get(m, 112) == id) answered = true;
  }
  assert_true(answered);
  assert_true(r.logged_on());
}

void test_silent_client_disconnected(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.cut_to_server = true;      // the client's heartbeats and answers are lost
  r.run_until(r.now + 36000);  // 30 s + 20 %: TestRequest
  assert_false(r.last_server_frame("1").empty());
  assert_int_equal(r.acceptor.state(), AcceptorState::Active);
  r.run_until(r.now + 30000);
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_int_equal(r.server_side.last_error().code, KALSHI_ERR_TIMEOUT);
  assert_true(contains(get(r.last_server_frame("5"), 58), "TestRequest not answered"));
}

void test_seq_too_low_ends_session(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  r.raw_to_acceptor("0", 1, {});
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_string_equal(get(r.last_server_frame("5"), 58).c_str(),
                      "MsgSeqNum too low, expecting 2 but received 1");
}

void test_poss_dup_too_low_ignored(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  r.raw_to_acceptor("D", 1, body("11=a|"), true);
  assert_int_equal(r.acceptor.state(), AcceptorState::Active);
  assert_int_equal(r.server_side.messages.size(), 0);
}

void test_gap_on_nr_ends_session(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.raw_to_acceptor("D", 7, body("11=a|"));
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_int_equal(r.server_side.last_error().code, KALSHI_ERR_SEQUENCE_GAP);
  assert_string_equal(get(r.last_server_frame("5"), 58).c_str(),
                      "MsgSeqNum too high, expecting 2 but received 7");
  assert_int_equal(r.server_side.messages.size(), 0);
}

void test_gap_from_client_on_rt_recovered(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  r.cut_to_server = true;
  assert_true(r.client.send("D", body("11=a|"), r.now).ok());
  assert_true(r.client.send("D", body("11=b|"), r.now).ok());
  r.pump();
  r.cut_to_server = false;
  assert_true(r.client.send("D", body("11=c|"), r.now).ok());
  r.pump();
  // The acceptor asked for 2.., the client resent 2 and 3 with PossDup, then 4 was processed.
  const std::string rr = r.last_server_frame("2");
  assert_string_equal(get(rr, 7).c_str(), "2");
  assert_string_equal(get(rr, 16).c_str(), "0");
  assert_int_equal(r.server_side.messages.size(), 3);
  const char *ids[] = {"a", "b", "c"};
  for (size_t i = 0; i < 3; ++i) {
    assert_int_equal(r.server_side.messages[i].seq, i + 2);
    assert_string_equal(get(r.server_side.messages[i].frame, 11).c_str(), ids[i]);
    assert_true(r.server_side.messages[i].poss_dup == (i < 2));
  }
  assert_true(r.logged_on());
  assert_int_equal(r.acceptor.next_target_seq(), 5);
}

void test_gap_to_client_on_rt_recovered(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  r.cut_to_client = true;
  assert_true(r.acceptor.send("8", body("11=a|"), r.now).ok());
  assert_true(r.acceptor.send("8", body("11=b|"), r.now).ok());
  r.pump();
  r.cut_to_client = false;
  assert_true(r.acceptor.send("8", body("11=c|"), r.now).ok());
  r.pump();
  assert_int_equal(r.client_side.messages.size(), 3);
  for (size_t i = 0; i < 3; ++i) assert_int_equal(r.client_side.messages[i].seq, i + 2);
  assert_true(r.client_side.messages[0].poss_dup);
  assert_false(get(r.client_side.messages[0].frame, 122) == "<none>");
  assert_false(r.client_side.messages[2].poss_dup);
  assert_true(r.logged_on());
}

void test_resend_gap_fills_session_messages(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  assert_true(r.acceptor.send("8", body("11=a|"), r.now).ok());  // seq 2 (1 is the Logon)
  r.pump();
  r.raw_to_acceptor("2", 2, body("7=1|16=0|"));
  r.pump();
  const auto frames = r.server_frames();
  // Gap fill for the Logon (1 -> 2), then the ExecutionReport again.
  const std::string &gf = frames[frames.size() - 2];
  assert_string_equal(get(gf, 35).c_str(), "4");
  assert_string_equal(get(gf, 34).c_str(), "1");
  assert_string_equal(get(gf, 123).c_str(), "Y");
  assert_string_equal(get(gf, 36).c_str(), "2");
  const std::string &er = frames.back();
  assert_string_equal(get(er, 35).c_str(), "8");
  assert_string_equal(get(er, 43).c_str(), "Y");
  assert_string_equal(get(er, 11).c_str(), "a");
}

void test_resend_request_on_nr_rejected(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  r.raw_to_acceptor("2", 2, body("7=1|16=0|"));
  r.pump();
  const std::string rj = r.last_server_frame("3");
  assert_string_equal(get(rj, 45).c_str(), "2");
  assert_string_equal(get(rj, 373).c_str(), "11");
  assert_int_equal(r.acceptor.state(), AcceptorState::Active);
  assert_int_equal(r.acceptor.next_target_seq(), 3);
}

void test_session_rejects_for_malformed_fields(void **) {
  Pipe r(SessionKind::RT);
  r.connect();
  r.raw_to_acceptor("1", 2, {});  // TestRequest without 112
  r.pump();
  std::string rj = r.last_server_frame("3");
  assert_string_equal(get(rj, 371).c_str(), "112");
  assert_string_equal(get(rj, 373).c_str(), "1");
  assert_string_equal(get(rj, 372).c_str(), "1");
  // PossDup without OrigSendingTime: Reject 373=1 on 122, not delivered.
  Buffer out;
  char when[kUtcTimestampLen];
  format_utc_timestamp(r.now, when);
  const std::string fieldsv = std::string("49=") + kKey +
                              "\x01"
                              "56=KalshiRT\x01"
                              "34=3\x01" +
                              "43=Y\x01"
                              "52=" +
                              std::string(when, kUtcTimestampLen) +
                              "\x01"
                              "11=x\x01";
  encode_raw("D", fieldsv, out);
  r.acceptor.received(out.data(), out.size(), r.now);
  r.pump();
  rj = r.last_server_frame("3");
  assert_string_equal(get(rj, 45).c_str(), "3");
  assert_string_equal(get(rj, 371).c_str(), "122");
  assert_int_equal(r.server_side.messages.size(), 0);
  // The client sees the Rejects as session Rejects.
  assert_int_equal(r.client_side.messages.size(), 2);
  assert_string_equal(r.client_side.messages[0].type.c_str(), "3");
  assert_int_equal(r.acceptor.state(), AcceptorState::Active);
}

void test_comp_id_problem(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  Buffer out;
  char when[kUtcTimestampLen];
  format_utc_timestamp(r.now, when);
  Header h;
  h.msg_type = "0";
  h.sender_comp_id = kOtherKey;
  h.target_comp_id = "KalshiNR";
  h.msg_seq_num = 2;
  h.sending_time = std::string_view(when, kUtcTimestampLen);
  encode_message(h, {}, out);
  r.acceptor.received(out.data(), out.size(), r.now);
  assert_string_equal(get(r.last_server_frame("3"), 373).c_str(), "9");
  assert_string_equal(get(r.last_server_frame("5"), 58).c_str(), "CompID problem");
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
}

void test_logout_both_ways(void **) {
  {
    Pipe r(SessionKind::NR);
    r.connect();
    r.client.logout("bye", r.now);
    r.pump();
    assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
    assert_true(contains(r.server_side.last_error().message, "bye"));
    assert_int_equal(r.client.state(), SessionState::Disconnected);
    assert_true(r.client_side.last_error().ok());  // our Logout was answered
  }
  {
    Pipe r(SessionKind::NR);
    r.connect();
    r.acceptor.logout("end of day", r.now);
    assert_int_equal(r.acceptor.state(), AcceptorState::LogoutSent);
    r.pump();
    assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
    assert_true(r.server_side.last_error().ok());
    assert_true(contains(r.client_side.last_error().message, "end of day"));
    assert_int_equal(r.acceptor.send("8", body("11=a|"), r.now).code, KALSHI_ERR_STATE);
  }
}

void test_garbled_frames_counted_non_fix_ends(void **) {
  Pipe r(SessionKind::NR);
  r.connect();
  Buffer out;
  char when[kUtcTimestampLen];
  format_utc_timestamp(r.now, when);
  Header h;
  h.msg_type = "0";
  h.sender_comp_id = kKey;
  h.target_comp_id = "KalshiNR";
  h.msg_seq_num = 2;
  h.sending_time = std::string_view(when, kUtcTimestampLen);
  encode_message(h, {}, out);
  std::string bad(out.view());
  bad[bad.size() - 2] = bad[bad.size() - 2] == '0' ? '1' : '0';  // wrong checksum digit
  r.acceptor.received(bad.data(), bad.size(), r.now);
  assert_int_equal(r.acceptor.garbled_frames(), 1);
  assert_int_equal(r.acceptor.state(), AcceptorState::Active);
  r.acceptor.received(out.data(), out.size(), r.now);  // the intact copy is seq 2
  assert_int_equal(r.acceptor.next_target_seq(), 3);
  const std::string junk = "GET / HTTP/1.1\r\n\r\n";
  r.acceptor.received(junk.data(), junk.size(), r.now);
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_string_equal(get(r.last_server_frame("5"), 58).c_str(), "Incorrect BeginString");
}

void test_message_too_large(void **) {
  AcceptorConfig ac = acceptor_config(SessionKind::NR);
  ac.max_message_size = 1024;
  Pipe r(client_config(SessionKind::NR), ac);
  r.connect();
  assert_true(r.logged_on());
  r.raw_to_acceptor("D", 2, "58=" + std::string(2000, 'x') + "\x01");
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_string_equal(get(r.last_server_frame("5"), 58).c_str(), "Message too large");
}

void test_flood_guard(void **) {
  AcceptorConfig ac = acceptor_config(SessionKind::NR);
  ac.max_messages_per_second = 5;
  Pipe r(client_config(SessionKind::NR), ac);
  r.now = kT0 + 100;  // well inside one second
  r.connect();
  for (uint64_t s = 2; s < 10 && r.acceptor.state() == AcceptorState::Active; ++s) {
    r.raw_to_acceptor("0", s, {});
  }
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_string_equal(get(r.last_server_frame("5"), 58).c_str(), "Message rate exceeded");
}

void test_rt_logon_with_gap_asks_resend(void **) {
  // The acceptor's store expects 5 from this key; the client (no 141) logs on with 1: too low.
  Pipe r(SessionKind::RT);
  assert_true(r.server_side.store->set_next_target_seq(5).ok());
  r.connect();
  assert_int_equal(r.acceptor.state(), AcceptorState::Closed);
  assert_true(contains(get(r.last_server_frame("5"), 58), "MsgSeqNum too low"));
  // The other way: the client is ahead (its store says 4): accepted, then ResendRequest 7=1.
  Pipe q(SessionKind::RT);
  assert_true(q.client_store->set_next_sender_seq(4).ok());
  q.connect();
  assert_true(q.logged_on());
  const std::string rr = q.last_server_frame("2");
  assert_string_equal(get(rr, 7).c_str(), "1");
  q.pump();
  assert_int_equal(q.acceptor.next_target_seq(), 5);  // gap filled by the client, Logon counted
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_logon_every_session_type),
      cmocka_unit_test(test_unknown_key_refused),
      cmocka_unit_test(test_bad_signature_refused),
      cmocka_unit_test(test_wrong_target_comp_id_refused),
      cmocka_unit_test(test_missing_reset_on_nr_refused),
      cmocka_unit_test(test_flag_not_allowed_refused),
      cmocka_unit_test(test_listener_flags),
      cmocka_unit_test(test_sending_time_accuracy),
      cmocka_unit_test(test_handler_refusal_and_armed_reject),
      cmocka_unit_test(test_first_message_must_be_logon),
      cmocka_unit_test(test_non_fix_before_logon),
      cmocka_unit_test(test_logon_timeout),
      cmocka_unit_test(test_application_messages_both_ways),
      cmocka_unit_test(test_heartbeats_and_test_request),
      cmocka_unit_test(test_silent_client_disconnected),
      cmocka_unit_test(test_seq_too_low_ends_session),
      cmocka_unit_test(test_poss_dup_too_low_ignored),
      cmocka_unit_test(test_gap_on_nr_ends_session),
      cmocka_unit_test(test_gap_from_client_on_rt_recovered),
      cmocka_unit_test(test_gap_to_client_on_rt_recovered),
      cmocka_unit_test(test_resend_gap_fills_session_messages),
      cmocka_unit_test(test_resend_request_on_nr_rejected),
      cmocka_unit_test(test_session_rejects_for_malformed_fields),
      cmocka_unit_test(test_comp_id_problem),
      cmocka_unit_test(test_logout_both_ways),
      cmocka_unit_test(test_garbled_frames_counted_non_fix_ends),
      cmocka_unit_test(test_message_too_large),
      cmocka_unit_test(test_flood_guard),
      cmocka_unit_test(test_rt_logon_with_gap_asks_resend),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
