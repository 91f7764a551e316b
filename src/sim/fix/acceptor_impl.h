// AcceptorSession's state and helpers, shared by its three source files:
//   acceptor_session.cpp  lifecycle, timers, the outgoing path (store, delay, mute), faults
//   acceptor_logon.cpp    the first message: Logon checks (§2.6, §2.7) and the Logon answer
//   acceptor_receive.cpp  framing, session checks, sequence rules, resends (§2.8-§2.12)
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "fix/codec/buffer.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/timestamp.h"
#include "fix/session/inbound.h"
#include "sim/fix/acceptor_session.h"

namespace kalshi::sim {

struct AcceptorSession::Impl {
  Impl(AcceptorConfig c, const KeyDirectory &k, AcceptorHandler &h);

  AcceptorConfig config;
  const KeyDirectory &keys;
  AcceptorHandler &handler;
  AcceptorState state = AcceptorState::Closed;  // until connected()
  fix::FrameReader reader;
  fix::Store *store = nullptr;  // from handler.on_logon; null before Logon
  std::string session_name;     // KalshiNR ... (our 49, the client's 56)
  std::string key_id;           // the client's 49 once logged on
  std::string client_comp_id;   // the client's 49 as received (a refusal is addressed to it)
  LogonFlags flags;
  int64_t heartbeat_ms = 30000;
  bool retransmission = false;

  // Receiving
  uint64_t expected = 1;  // next MsgSeqNum expected from the client
  int64_t last_recv_ms = 0;
  int64_t last_sent_ms = 0;
  int64_t logon_deadline_ms = 0;
  int64_t logout_deadline_ms = 0;
  bool test_pending = false;  // our TestRequest is unanswered
  int64_t test_sent_ms = 0;
  uint64_t test_counter = 0;
  int64_t flood_window_s = -1;  // the second being counted
  int flood_count = 0;
  uint64_t garbled = 0;  // frames dropped for checksum/length problems

  // A client gap on a retransmission session (as in fix::Session): one ResendRequest, later
  // messages held (bounded) and processed in order once the gap is filled.
  struct Held {
    std::string frame;
    bool handled = false;  // acted on when it arrived (TestRequest, ResendRequest, Logon)
  };
  std::map<uint64_t, Held> held;
  size_t held_bytes = 0;
  bool resend_pending = false;
  uint64_t resend_until = 0;
  int64_t resend_deadline_ms = 0;

  // Faults
  bool reject_logon = false;
  std::string reject_logon_text;
  int64_t delay_ms = 0;
  int64_t mute_until_ms = 0;  // muted while now < this
  struct Delayed {
    int64_t release_ms;
    std::string bytes;
  };
  std::deque<Delayed> delayed;
  size_t delayed_bytes = 0;

  // Scratch, reused
  fix::Buffer out;
  fix::Buffer body;
  fix::TimestampFormatter ts;
  char ts_buf[fix::kUtcTimestampLen] = {};

  // acceptor_session.cpp
  std::string_view stamp(int64_t now_ms);
  // Frames one message with our header (seq given) and writes it.
  void encode_and_write(std::string_view msg_type, std::string_view body_fields, uint64_t seq,
                        bool poss_dup, std::string_view orig_sending_time, int64_t now_ms);
  void send_admin(std::string_view msg_type, std::string_view body_fields, int64_t now_ms);
  void send_heartbeat(std::string_view test_req_id, int64_t now_ms);
  void send_test_request(int64_t now_ms);
  void send_logout_msg(std::string_view text, int64_t now_ms);
  void send_resend_request(uint64_t begin, int64_t now_ms);
  // Session Reject (35=3, §2.12) of the client's message `ref_seq`.
  void send_reject(uint64_t ref_seq, std::string_view ref_msg_type, uint32_t ref_tag, int reason,
                   std::string_view text, int64_t now_ms);
  // The transport side of every outgoing byte: mute, delay, then the handler.
  void write(std::string_view bytes, int64_t now_ms);
  void release_delayed(int64_t now_ms, bool all);
  bool muted(int64_t now_ms) const { return now_ms < mute_until_ms; }
  // Ends the session: optional Logout first, then close and on_state(Closed, why).
  void terminate(Error why, std::string_view logout_text, int64_t now_ms);
  void go_down(Error why, bool close);
  void drop(Error why);
  bool alive() const {
    return state == AcceptorState::Active || state == AcceptorState::LogoutSent;
  }
  void flush_target_seq();
  void apply_fault(const Fault &f, int64_t now_ms);

  // acceptor_logon.cpp
  void on_first_message(const fix::InboundFields &p, std::string_view frame, int64_t now_ms);
  // Logout with text on a connection that never logged on (no store: the Logout is seq 1).
  void refuse_logon(std::string why, int64_t now_ms);
  void send_logon_answer(int heartbeat_s, bool reset, int64_t now_ms);

  // acceptor_receive.cpp
  void received(const char *data, size_t len, int64_t now_ms);
  void on_frame(std::string_view frame, int64_t now_ms);
  bool flood_check(int64_t now_ms);
  bool check_header(const fix::InboundFields &p, int64_t now_ms);
  void on_sequence_reset(const fix::InboundFields &p, int64_t now_ms);
  void on_too_high(const fix::InboundFields &p, std::string_view frame, int64_t now_ms);
  void process_in_order(const fix::InboundFields &p, std::string_view frame, bool handled,
                        int64_t now_ms);
  void on_logout(const fix::InboundFields &p, int64_t now_ms);
  void deliver(const fix::InboundFields &p, std::string_view frame, int64_t now_ms);
  void hold(uint64_t seq, std::string_view frame, bool handled);
  void drain_held(int64_t now_ms);
  void note_progress(int64_t now_ms);
  void answer_resend(uint64_t begin, uint64_t end, int64_t now_ms);
  void send_gap_fill(uint64_t seq, uint64_t new_seq, int64_t now_ms);
};

}  // namespace kalshi::sim
