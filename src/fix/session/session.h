// The FIX session layer, sans I/O (ARCHITECTURE.md §2): fed received bytes and the time, it
// produces bytes to send and reports what happened. It knows nothing of sockets, threads or
// libuv, so tests drive it byte by byte with an injected clock and fuzzers reach it directly.
//
// It implements kalshi-fix.md §2: Logon with the RSA-PSS RawData signature and the Kalshi flags
// each session type allows; Heartbeat and TestRequest; silent-peer detection; Logout in both
// directions; sequence numbers; on retransmission sessions ResendRequest on a gap, PossDup and
// SequenceReset-GapFill handling and answering the exchange's ResendRequest from the store; on
// other sessions a gap ends the session with a Logout (the driver reconnects with 141=Y).
//
// Choices where the spec leaves room (details next to the code):
// - Gap on a retransmission session: one ResendRequest(7=expected, 16=0); later messages are held
//   (at most 10000 / 16 MiB) and processed in seq order once the gap is filled; a TestRequest or
//   ResendRequest above the gap is answered at once, a Logout ends the session at once. No
//   progress for one heartbeat interval: the ResendRequest is repeated from the expected seq.
// - Liveness: Heartbeat after one interval without sending; TestRequest after interval + grace
//   (test_request_grace_pct) without receiving; any received message counts as an answer; none
//   within one more interval: KALSHI_ERR_TIMEOUT.
// - CompID: the server's 49 must be the session name (or "Kalshi" when allowed), its 56 our key
//   id; otherwise on_bad_frame, Logout "CompID problem" and close (KALSHI_ERR_PROTOCOL). Kalshi
//   documents Reject (35=3) as server-to-client only, so we never send one.
// - Garbled frames (checksum, length) are reported and ignored (the seq rules notice the loss);
//   bytes that are not FIXT.1.1 end the session. PossDup messages without OrigSendingTime(122)
//   are accepted. SendingTime off our clock by more than sending_time_tolerance_ms is reported
//   (on_clock_skew) and counted, never a disconnect: the exchange's clock is authoritative.
// - A gap on a session without retransmission: Logout "MsgSeqNum too high, expecting N but
//   received M", then close (KALSHI_ERR_SEQUENCE_GAP); the driver reconnects with 141=Y.
// - Re-entrancy: handler callbacks may call send() and logout(); send_bytes() must not call back
//   into the session (a resend answer walks the store while it sends).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "fix/codec/buffer.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/timestamp.h"
#include "fix/session/session_kind.h"
#include "fix/session/store.h"

namespace kalshi::fix {

struct InboundFields;  // an inbound message's header and session fields (inbound.h)

// Signs the Logon pre-hash (§2.7). The driver implements it with crypto::sign_fix_logon; tests
// can use a fake.
class LogonSigner {
 public:
  virtual ~LogonSigner() = default;
  virtual Error sign(std::string_view sending_time, uint64_t msg_seq_num,
                     std::string_view sender_comp_id, std::string_view target_comp_id,
                     std::string &signature_b64) = 0;
};

struct SessionConfig {
  Product product = Product::Prediction;
  SessionKind kind = SessionKind::NR;
  std::string sender_comp_id;  // the FIX API key id (UUID)
  std::string target_comp_id;  // empty: target_comp_id(kind)
  int heartbeat_s = 30;        // HeartBtInt(108); prediction needs > 3, margin >= 3
  // ResetSeqNumFlag(141)=Y on Logon. Forced on for sessions without retransmission; on RT/PT it
  // is the caller's choice (Y gives up recovery of what was missed).
  bool reset_on_logon = false;
  // Optional Kalshi Logon flags (§2.6.2) as tag -> value, e.g. {21005,"Y"}, {20200,"72"}.
  // validate_logon_fields() refuses tags the session type or product does not allow.
  std::vector<std::pair<uint32_t, std::string>> logon_fields;
  int64_t logon_timeout_ms = 10000;  // no Logon answer in time: disconnect
  int64_t logout_timeout_ms = 2000;  // no Logout answer in time: disconnect anyway
  size_t max_message_size = kDefaultMaxMessageSize;
  // Accept "Kalshi" as the server's SenderCompID besides the session name (§16 item 1).
  bool accept_generic_server_comp_id = true;
  // Silence allowed beyond one heartbeat interval before we send a TestRequest, in percent of
  // the interval (network jitter); the TestRequest must then be answered within one interval.
  int test_request_grace_pct = 20;
  // Inbound SendingTime(52) further than this from our clock is reported through
  // SessionHandler::on_clock_skew and counted (clock_skew_count()); the session goes on, the
  // exchange's clock being authoritative. 0 turns the check off. Default: the exchange's own
  // limit for our messages (30 s, §2.12 reason 10).
  int64_t sending_time_tolerance_ms = 30000;
};

// KALSHI_ERR_INVALID_VALUE with a message naming the tag for a Logon field the session type or
// product does not allow, or a value of the wrong form (Boolean Y/N, retention 1..72 hours,
// 20126 listener without 21011=Y, 20126 with 8013=Y), or a heartbeat out of range.
Error validate_config(const SessionConfig &c);

enum class SessionState : uint8_t {
  Disconnected = 0,  // no transport; connected() starts the Logon
  LogonSent = 1,     // waiting for the exchange's Logon
  Active = 2,        // logged on; application messages flow
  LogoutSent = 3,    // waiting for the exchange's Logout answer
};
const char *session_state_name(SessionState s);

// A message the session hands up: application messages and the session-level messages the
// application must see (Reject 3, and Logout text via on_state). Views valid during the call.
struct Inbound {
  std::string_view frame;  // the whole message, 8= .. 10=
  std::string_view msg_type;
  uint64_t seq = 0;
  bool poss_dup = false;  // a retransmission (43=Y); may duplicate one already delivered
  int64_t sending_time_ms = 0;
};

// What the session asks of its driver. Called synchronously from inside the Session methods.
class SessionHandler {
 public:
  virtual ~SessionHandler() = default;
  // Bytes to write to the transport, in order.
  virtual void send_bytes(std::string_view bytes) = 0;
  // State changes. `why` is ok for normal transitions; on a move to Disconnected it says why
  // (logon refused with the Logout text, heartbeat timeout, sequence gap, protocol error...).
  virtual void on_state(SessionState state, const Error &why) = 0;
  // Application messages and session Rejects, in sequence order, each exactly once per seq
  // (PossDup duplicates of a seq already delivered are dropped here).
  virtual void on_message(const Inbound &m) = 0;
  // A frame that failed framing (bad checksum, length...) or a header check; the raw bytes so
  // nothing is dropped silently. The session continues or disconnects as the rules say.
  virtual void on_bad_frame(std::string_view raw, const Error &why) = 0;
  // The session wants the transport closed (after the bytes already given to send_bytes).
  virtual void close_transport() = 0;
  // The exchange's SendingTime(52) on `frame` is `skew_ms` away from our clock (positive: behind
  // it) by more than SessionConfig::sending_time_tolerance_ms. A warning only: the session goes
  // on. Default: ignored.
  virtual void on_clock_skew(int64_t skew_ms, std::string_view frame) {
    (void)skew_ms;
    (void)frame;
  }
};

class Session {
 public:
  Session(SessionConfig config, Store &store, LogonSigner &signer, SessionHandler &handler);

  // The transport is up: sends Logon (resetting the store first when 141=Y is to be sent).
  void connected(int64_t now_ms);
  // Received bytes, any split.
  void received(const char *data, size_t len, int64_t now_ms);
  // The transport is gone (after close_transport or on its own).
  void disconnected(int64_t now_ms, const Error &why);
  // Timers: heartbeat, TestRequest, logon and logout timeouts. Call at next_deadline_ms() or
  // later; extra calls are harmless.
  void tick(int64_t now_ms);
  // When tick() next needs to run; INT64_MAX when no timer is pending.
  int64_t next_deadline_ms() const;

  // Sends an application message: body is its fields after the header (from FieldWriter).
  // KALSHI_ERR_STATE when not Active: nothing is sent or stored, so nothing can go out twice.
  // *seq_out (optional) gets the MsgSeqNum used.
  Error send(std::string_view msg_type, std::string_view body, int64_t now_ms,
             std::string_view sender_sub_id = {}, uint64_t *seq_out = nullptr);
  // Graceful Logout with optional text; the exchange's answer (or the timeout) closes.
  void logout(std::string_view text, int64_t now_ms);

  SessionState state() const { return state_; }
  const SessionConfig &config() const { return config_; }
  uint64_t next_sender_seq() const;
  uint64_t next_target_seq() const;
  // Inbound messages whose SendingTime was beyond the tolerance, over the session's life.
  uint64_t clock_skew_count() const { return clock_skew_count_; }
  // This connection's session ended through a Logout exchange (either side sent one), so the
  // exchange has let go of it; false after a silent drop or timeout, when the exchange keeps the
  // session until its heartbeat timeout (§2.8) and a quick Logon is refused "already exists".
  bool ended_with_logout() const { return logout_seen_; }

 private:
  SessionConfig config_;
  Store &store_;
  LogonSigner &signer_;
  SessionHandler &handler_;
  SessionState state_ = SessionState::Disconnected;
  FrameReader reader_;
  // Implementation state is the session helper's to add below.

  struct Held {  // a message above the expected seq, kept until the gap before it is filled
    std::string frame;
    bool handled = false;  // already acted on when it arrived (TestRequest, ResendRequest, Logon)
  };

  // session.cpp: lifecycle, timers, outgoing messages
  void send_logon(int64_t now_ms);
  void send_admin(std::string_view msg_type, std::string_view body, int64_t now_ms);
  void send_heartbeat(std::string_view test_req_id, int64_t now_ms);
  void send_logout_msg(std::string_view text, int64_t now_ms);
  void send_resend_request(int64_t now_ms);
  std::string_view stamp(int64_t now_ms);
  // Ends the session: optional Logout text first, then close_transport and on_state.
  void terminate(Error why, std::string_view logout_text, int64_t now_ms);
  void go_down(Error why, bool close);
  void flush_target_seq();
  int64_t heartbeat_ms() const;
  int64_t grace_ms() const;
  bool retransmission() const;

  // session_receive.cpp: framing, checks, sequence handling
  void on_frame(std::string_view frame, int64_t now_ms);
  bool check_comp_ids(const InboundFields &p, std::string_view frame, int64_t now_ms);
  void check_sending_time(const InboundFields &p, std::string_view frame, int64_t now_ms);
  void on_logon_answer(const InboundFields &p, std::string_view frame, int64_t now_ms);
  void on_sequence_reset(const InboundFields &p, int64_t now_ms);
  void on_too_high(const InboundFields &p, std::string_view frame, int64_t now_ms);
  void process_in_order(const InboundFields &p, std::string_view frame, bool handled,
                        int64_t now_ms);
  void on_logout(const InboundFields &p, int64_t now_ms);
  void deliver(const InboundFields &p, std::string_view frame);
  void hold(uint64_t seq, std::string_view frame, bool handled);
  void drain_held(int64_t now_ms);
  void note_progress(int64_t now_ms);
  bool alive() const {
    return state_ == SessionState::Active || state_ == SessionState::LogoutSent;
  }

  // session_resend.cpp: answering the exchange's ResendRequest from the store
  void answer_resend(uint64_t begin, uint64_t end, int64_t now_ms);
  void send_gap_fill(uint64_t seq, uint64_t new_seq, int64_t now_ms);

  std::string target_;     // TargetCompID we send; the server's expected SenderCompID
  Error config_error_;     // validate_config() at construction
  uint64_t expected_ = 1;  // next MsgSeqNum expected from the exchange
  uint64_t stored_expected_ = 1;
  bool sent_reset_ = false;  // our Logon carried 141=Y
  int64_t last_sent_ms_ = 0;
  int64_t last_recv_ms_ = 0;
  int64_t logon_deadline_ms_ = 0;
  int64_t logout_deadline_ms_ = 0;
  bool test_pending_ = false;  // our TestRequest is unanswered
  int64_t test_sent_ms_ = 0;
  uint64_t test_counter_ = 0;
  bool resend_pending_ = false;  // our ResendRequest is not yet satisfied
  uint64_t resend_until_ = 0;    // highest seq seen above the gap when it was (last) extended
  int64_t resend_deadline_ms_ = 0;
  std::map<uint64_t, Held> held_;
  size_t held_bytes_ = 0;
  Buffer out_;      // encoded outgoing message, reused
  Buffer body_;     // admin message body, reused
  Buffer scratch_;  // application body with SenderSubID for the store, reused
  TimestampFormatter ts_;
  char ts_buf_[kUtcTimestampLen] = {};
  std::string signature_;
  uint64_t clock_skew_count_ = 0;
  bool logout_seen_ = false;  // a Logout was sent or received on this connection
};

}  // namespace kalshi::fix
