// The exchange side of a Kalshi FIX session, sans I/O (the counterpart of fix::Session): fed
// received bytes and the time, it produces bytes to send and hands application messages up.
//
// It enforces kalshi-fix.md §2 as the exchange would: the first message must be a Logon whose
// SenderCompID is a registered key and whose RawData(96) verifies (RSA-PSS, §2.7) against that
// key's public key; TargetCompID must be the session's name; 141=Y is required where the session
// has no retransmission; the Kalshi Logon flags must be allowed for the session type and product
// (§2.6.2); HeartBtInt in range. Then heartbeats and TestRequests, sequence checks, and on
// retransmission sessions (prediction RT/PT, margin RT) ResendRequest answers from the store and
// gap handling; elsewhere a gap ends the session with a Logout.
//
// Faults (kalshi_sim_fault) are injected here so every recovery path of a client can be driven.
//
// Choices where the spec is silent are listed next to the code: acceptor_logon.cpp (Logon checks,
// the Logon answer), acceptor_receive.cpp (garbled input, Rejects, gaps), acceptor_session.cpp
// (what Mute and DelayMs do to sequence numbers). The flag rules are fix::validate_config's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "fix/codec/buffer.h"
#include "fix/codec/frame_reader.h"
#include "fix/session/session.h"
#include "fix/session/session_kind.h"
#include "fix/session/store.h"

namespace kalshi::sim {

// The Logon's Kalshi flags, parsed (kalshi-fix.md §2.6.2). Unset booleans are false.
struct LogonFlags {
  bool use_dollars = false;           // 21005
  bool cancel_on_disconnect = false;  // 8013
  bool listener = false;              // 20126
  bool receive_settlement = false;    // 20127 (default Y on PT)
  bool ioc_cancel_report = false;     // 21007
  bool preserve_order_qty = false;    // 21008
  bool skip_pending = false;          // 21011 (legacy 21003)
  bool expired_status = false;        // 21012
  bool new_before_trade = false;      // 21026
  bool split_collateral = false;      // 21027
  int retention_hours = 24;           // 20200
};

// Who may log on: key id -> public key and member. Implemented by the simulator's key directory.
class KeyDirectory {
 public:
  virtual ~KeyDirectory() = default;
  // RSA-PSS verification of the Logon pre-hash (§2.7) with the key registered as `key_id` for
  // `product`. KALSHI_ERR_NOT_FOUND: no such key; KALSHI_ERR_CRYPTO: signature does not verify.
  virtual Error verify_logon(fix::Product product, std::string_view key_id,
                             std::string_view prehash, std::string_view signature_b64) const = 0;
  // The member the key trades for; 0 if unknown.
  virtual uint32_t member_of(fix::Product product, std::string_view key_id) const = 0;
};

// Injected misbehaviour. One-shot faults act at once on a live session; RejectLogon and
// DelayMs stay armed until cleared (kind None clears armed faults).
enum class FaultKind : uint8_t {
  None = 0,
  Drop,              // close the TCP connection without Logout
  SkipSeq,           // the next outgoing message jumps `n` sequence numbers ahead
  DuplicatePossDup,  // resend the last `n` messages with PossDupFlag=Y
  DelayMs,           // hold every outgoing message for `n` ms (0 clears)
  Garbage,           // send `n` bytes (default 64) that are not FIX
  RejectLogon,       // refuse the next Logon with Logout text `text`
  ResendRequest,     // ask the client to resend from seq `n` (default: 1) to infinity
  TestRequest,       // send a TestRequest (the client must answer with a Heartbeat)
  Logout,            // graceful Logout with `text`
  Mute,              // stop sending anything, heartbeats included, for `n` ms (0: until cleared)
};
struct Fault {
  FaultKind kind = FaultKind::None;
  int64_t n = 0;
  std::string text;
};
// Parses "drop", "skip 3", "dup 2", "delay 500", "garbage", "reject_logon [text...]",
// "resend_request [from]", "test_request", "logout [text...]", "mute [ms]", "clear".
// KALSHI_ERR_INVALID_VALUE naming the word for anything else.
Error parse_fault(std::string_view text, Fault *out);

enum class AcceptorState : uint8_t { AwaitingLogon = 0, Active = 1, LogoutSent = 2, Closed = 3 };

struct AcceptorConfig {
  fix::Product product = fix::Product::Prediction;
  fix::SessionKind kind = fix::SessionKind::NR;
  size_t max_message_size = fix::kDefaultMaxMessageSize;
  int64_t logon_timeout_ms = 10000;  // no Logon this long after connect: close
  // Flood guard: more than this many inbound messages in one second gets a Logout and close.
  int max_messages_per_second = 10000;
  int64_t logout_timeout_ms = 2000;  // our Logout unanswered this long: close anyway
  // SendingTime(52) further than this from our clock: Logon refused, other messages get Reject
  // 373=10 (§2.2: 30 s). 0 disables the check (tests with unrelated clocks).
  int64_t max_clock_skew_ms = 30000;
  // Client silence allowed beyond one heartbeat interval before our TestRequest, in percent of
  // the interval; the TestRequest must then be answered within one interval.
  int test_request_grace_pct = 20;
};

class AcceptorHandler {
 public:
  virtual ~AcceptorHandler() = default;
  virtual void send_bytes(std::string_view bytes) = 0;
  // Graceful: after the bytes already given to send_bytes.
  virtual void close_transport() = 0;
  // At once, nothing more written (the Drop fault, output overflow). Defaults to a close.
  virtual void abort_transport() { close_transport(); }
  // The Logon passed every session check. Return the store that keeps this (key, session)'s
  // sequence numbers and sent messages across connections (the simulator owns it), or null with
  // *refuse_text set to refuse the Logon (Logout with that text).
  virtual fix::Store *on_logon(std::string_view key_id, const LogonFlags &flags,
                               std::string *refuse_text) = 0;
  // Application messages in sequence order, each once.
  virtual void on_message(const fix::Inbound &m) = 0;
  virtual void on_state(AcceptorState s, const Error &why) = 0;
};

class AcceptorSession {
 public:
  AcceptorSession(AcceptorConfig config, const KeyDirectory &keys, AcceptorHandler &handler);
  ~AcceptorSession();
  AcceptorSession(const AcceptorSession &) = delete;
  AcceptorSession &operator=(const AcceptorSession &) = delete;

  void connected(int64_t now_ms);
  void received(const char *data, size_t len, int64_t now_ms);
  void disconnected(int64_t now_ms);
  void tick(int64_t now_ms);
  int64_t next_deadline_ms() const;

  // An application message to the client (body = fields after the header, from MessageBuilder).
  // Stored for resends. KALSHI_ERR_STATE when not Active. *seq_out gets the MsgSeqNum.
  Error send(std::string_view msg_type, std::string_view body, int64_t now_ms,
             uint64_t *seq_out = nullptr);
  void logout(std::string_view text, int64_t now_ms);
  void inject(const Fault &f, int64_t now_ms);

  AcceptorState state() const;
  const AcceptorConfig &config() const;
  std::string_view key_id() const;  // empty before Logon
  const LogonFlags &flags() const;
  uint64_t next_sender_seq() const;  // 0 before Logon (no store yet)
  uint64_t next_target_seq() const;
  uint64_t garbled_frames() const;  // frames ignored for a bad checksum, length or trailer

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::sim
