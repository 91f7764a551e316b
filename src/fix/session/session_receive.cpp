// Receiving: framing, header checks and the sequence rules of kalshi-fix.md §2.9-§2.11.
//
// Gap handling on retransmission sessions (prediction RT/PT, margin RT): a message above the
// expected MsgSeqNum triggers one ResendRequest(7=expected, 16=0) and is held (bounded: count and
// bytes); once the resent messages and gap fills bring the expected seq up to a held one, the held
// messages are processed in order. Every seq is processed at most once, so the application never
// sees a message twice or out of order. Two kinds of message are acted on when they arrive even
// above the gap, because waiting could end the session: a TestRequest is answered and a
// ResendRequest from the exchange is answered (their seq is then only counted when reached), and
// a Logout ends the session at once. A held message that does not fit is dropped: 16=0 asked for
// everything through the newest, and if the exchange's answer stops short the resend timer asks
// again from the expected seq after one heartbeat interval without progress.
#include <string>

#include "fix/codec/timestamp.h"
#include "fix/session/inbound.h"
#include "fix/session/session.h"

namespace kalshi::fix {

namespace {

constexpr size_t kMaxHeldMessages = 10000;
constexpr size_t kMaxHeldBytes = 16u * 1024 * 1024;

Error protocol(std::string msg) {
  return Error::make(KALSHI_ERR_PROTOCOL, std::move(msg));
}

std::string seq_text(const char *what, uint64_t expected, uint64_t got) {
  return std::string(what) + ", expecting " + std::to_string(expected) + " but received " +
         std::to_string(got);
}

}  // namespace

void Session::received(const char *data, size_t len, int64_t now_ms) {
  if (state_ == SessionState::Disconnected || len == 0) return;
  reader_.feed(data, len);
  for (;;) {
    std::string_view frame;
    FrameError err = FrameError::None;
    const FrameReader::Result r = reader_.next(&frame, &err);
    if (r == FrameReader::Result::NeedMore) break;
    if (r == FrameReader::Result::Error) {
      Error why = protocol(std::string("bad frame: ") + frame_error_name(err));
      handler_.on_bad_frame({}, why);
      if (state_ == SessionState::Disconnected) return;
      // A garbled message (checksum, length) is ignored as in standard FIX: the sequence rules
      // notice it is missing. Bytes that are not FIXT.1.1 at all mean the wrong peer.
      if (err == FrameError::BadBeginString) {
        terminate(protocol("BeginString must be FIXT.1.1"), "Incorrect BeginString", now_ms);
        return;
      }
      continue;
    }
    on_frame(frame, now_ms);
    // go_down() reset the reader, so nothing of `data` is referenced after an early return.
    if (state_ == SessionState::Disconnected) return;
  }
  flush_target_seq();
}

void Session::on_frame(std::string_view frame, int64_t now_ms) {
  last_recv_ms_ = now_ms;
  test_pending_ = false;  // any message shows the peer is alive, as in QuickFIX
  InboundFields p;
  parse_inbound(frame, &p);
  if (!p.has_seq) {
    Error why = protocol(p.problem.empty() ? "MsgSeqNum(34) missing" : std::string(p.problem));
    handler_.on_bad_frame(frame, why);
    if (state_ == SessionState::Disconnected) return;
    terminate(std::move(why), "MsgSeqNum(34) missing or invalid", now_ms);
    return;
  }
  if (state_ == SessionState::LogonSent) {
    on_logon_answer(p, frame, now_ms);
    return;
  }
  if (!check_comp_ids(p, frame, now_ms)) return;
  check_sending_time(p, frame, now_ms);
  if (p.msg_type == "A") {
    terminate(protocol("Logon received on a logged-on session"), "Unexpected Logon", now_ms);
    return;
  }
  if (p.msg_type == "4" && !p.gap_fill) {
    on_sequence_reset(p, now_ms);  // reset mode: MsgSeqNum is ignored (standard FIX)
    return;
  }
  if (p.seq < expected_) {
    if (p.poss_dup) return;  // a retransmission of something already processed
    std::string text = seq_text("MsgSeqNum too low", expected_, p.seq);
    terminate(protocol(text), text, now_ms);
    return;
  }
  if (p.seq > expected_) {
    on_too_high(p, frame, now_ms);
    return;
  }
  process_in_order(p, frame, false, now_ms);
  drain_held(now_ms);
}

// The server's SenderCompID must be the session name (or "Kalshi", §16 item 1) and its
// TargetCompID our key id. Kalshi documents Reject (35=3) as server-to-client only, so instead of
// a Reject we report the frame, send Logout with the reason and close: a message for someone
// else, or from someone else, means the connection is not the session we think it is.
bool Session::check_comp_ids(const InboundFields &p, std::string_view frame, int64_t now_ms) {
  const bool sender_ok = p.sender_comp_id == target_ ||
                         (config_.accept_generic_server_comp_id && p.sender_comp_id == "Kalshi");
  const bool target_ok = p.target_comp_id == config_.sender_comp_id;
  if (sender_ok && target_ok) return true;
  Error why = protocol("CompID problem: received 49=" + std::string(p.sender_comp_id) +
                       " 56=" + std::string(p.target_comp_id) + ", expected 49=" + target_ +
                       " 56=" + config_.sender_comp_id);
  handler_.on_bad_frame(frame, why);
  if (state_ != SessionState::Disconnected) terminate(std::move(why), "CompID problem", now_ms);
  return false;
}

// The exchange rejects our messages when their SendingTime is off by more than 30 s (§2.12
// reason 10). Its own clock is authoritative, so a difference seen on its messages is reported
// (on_clock_skew, a counter) and never ends the session: it warns that our clock, or the path,
// is off before the exchange starts rejecting orders. Retransmissions (43=Y) carry their
// original time in 122 and a late 52 is normal for them, so they are not checked; neither are
// SendingTimes that do not parse (the codec's checks report those).
void Session::check_sending_time(const InboundFields &p, std::string_view frame, int64_t now_ms) {
  if (config_.sending_time_tolerance_ms <= 0 || p.poss_dup) return;
  int64_t sent_ms = 0;
  if (!parse_utc_timestamp(p.sending_time, &sent_ms)) return;
  const int64_t skew = now_ms - sent_ms;  // > 0: the exchange's stamp is behind our clock
  if (skew <= config_.sending_time_tolerance_ms && -skew <= config_.sending_time_tolerance_ms) {
    return;
  }
  ++clock_skew_count_;
  handler_.on_clock_skew(skew, frame);
}

void Session::on_logon_answer(const InboundFields &p, std::string_view frame, int64_t now_ms) {
  if (p.msg_type == "5") {
    // A Logout in answer to our Logon is a refusal; its Text says why ("already exists", a
    // signature problem...). Comp ids are not checked first: the reason matters more.
    logout_seen_ = true;
    std::string text =
        p.text.empty() ? std::string("logon refused (Logout without Text)") : std::string(p.text);
    go_down(Error::make(KALSHI_ERR_REJECTED, std::move(text)), true);
    return;
  }
  if (!check_comp_ids(p, frame, now_ms)) return;
  check_sending_time(p, frame, now_ms);
  if (p.msg_type != "A") {
    terminate(protocol("expected a Logon answer, received 35=" + std::string(p.msg_type)),
              "Logon expected", now_ms);
    return;
  }
  // The exchange reset its side as well (141=Y, seq 1): count from its Logon.
  if (p.reset_seq && p.seq == 1) expected_ = 1;
  if (p.seq < expected_) {
    std::string text = seq_text("MsgSeqNum too low", expected_, p.seq);
    terminate(protocol(text), text, now_ms);
    return;
  }
  if (p.seq > expected_ && !retransmission()) {
    // The exchange accepted us, so it is told why we leave (as for a gap later on).
    std::string text = seq_text("MsgSeqNum too high", expected_, p.seq);
    terminate(Error::make(KALSHI_ERR_SEQUENCE_GAP, text), text, now_ms);
    return;
  }
  state_ = SessionState::Active;
  last_recv_ms_ = now_ms;
  if (p.seq == expected_) {
    ++expected_;
  } else {
    // Standard FIX: the Logon is accepted, the gap before it is asked for, and its own seq is
    // counted when the resend reaches it.
    hold(p.seq, frame, true);
    resend_until_ = p.seq;
    send_resend_request(now_ms);
    if (state_ != SessionState::Active) return;
  }
  flush_target_seq();
  handler_.on_state(SessionState::Active, Error{});
}

void Session::on_sequence_reset(const InboundFields &p, int64_t now_ms) {
  if (!p.has_new) {
    terminate(protocol("SequenceReset without NewSeqNo(36)"), "SequenceReset without NewSeqNo",
              now_ms);
    return;
  }
  if (p.new_seq < expected_) {
    std::string text =
        seq_text("SequenceReset NewSeqNo(36) lower than expected", expected_, p.new_seq);
    terminate(protocol(text), text, now_ms);
    return;
  }
  expected_ = p.new_seq;
  note_progress(now_ms);
  drain_held(now_ms);
}

void Session::on_too_high(const InboundFields &p, std::string_view frame, int64_t now_ms) {
  if (!retransmission()) {
    // No ResendRequest on this session type: Logout with the reason (so the exchange ends its
    // side at once and a new Logon is not refused with "already exists"), close, and the driver
    // reconnects with 141=Y; the application reconciles (§2.9).
    std::string text = seq_text("MsgSeqNum too high", expected_, p.seq);
    terminate(Error::make(KALSHI_ERR_SEQUENCE_GAP, text), text, now_ms);
    return;
  }
  if (p.msg_type == "5") {
    on_logout(p, now_ms);  // the gap stays; the next Logon asks for it
    return;
  }
  bool handled = false;
  if (p.msg_type == "1") {
    send_heartbeat(p.test_req_id, now_ms);
    handled = true;
  } else if (p.msg_type == "2" && p.has_begin) {
    answer_resend(p.begin_seq, p.has_end ? p.end_seq : 0, now_ms);
    handled = true;
  }
  if (!alive()) return;
  hold(p.seq, frame, handled);
  if (p.seq > resend_until_) resend_until_ = p.seq;
  if (!resend_pending_) send_resend_request(now_ms);
}

void Session::process_in_order(const InboundFields &p, std::string_view frame, bool handled,
                               int64_t now_ms) {
  const std::string_view t = p.msg_type;
  if (t == "4") {  // gap fill (reset mode never gets here)
    if (!p.has_new || p.new_seq <= p.seq) {
      std::string text = "SequenceReset-GapFill NewSeqNo(36) " + std::to_string(p.new_seq) +
                         " not above its MsgSeqNum " + std::to_string(p.seq);
      terminate(protocol(text), text, now_ms);
      return;
    }
    expected_ = p.new_seq;
    note_progress(now_ms);
    return;
  }
  ++expected_;  // before any callback, so next_target_seq() is current inside it
  note_progress(now_ms);
  if (t == "0") return;
  if (t == "1") {
    if (!handled) send_heartbeat(p.test_req_id, now_ms);
    return;
  }
  if (t == "2") {
    if (handled) return;
    if (!p.has_begin) {
      handler_.on_bad_frame(frame, protocol("ResendRequest without BeginSeqNo(7)"));
      return;
    }
    answer_resend(p.begin_seq, p.has_end ? p.end_seq : 0, now_ms);
    return;
  }
  if (t == "5") {
    on_logout(p, now_ms);
    return;
  }
  if (t == "A") {
    if (!handled) {
      terminate(protocol("Logon received on a logged-on session"), "Unexpected Logon", now_ms);
    }
    return;
  }
  deliver(p, frame);
}

void Session::on_logout(const InboundFields &p, int64_t now_ms) {
  logout_seen_ = true;
  if (state_ == SessionState::LogoutSent) {
    go_down(Error{}, true);  // the answer to our Logout
    return;
  }
  // The exchange logs us out: answer (empty Text), then close (§2.11).
  send_logout_msg({}, now_ms);
  if (!alive()) return;
  std::string msg = "logged out by the exchange";
  if (!p.text.empty()) msg += ": " + std::string(p.text);
  go_down(Error::make(KALSHI_ERR_DISCONNECTED, std::move(msg)), true);
}

void Session::deliver(const InboundFields &p, std::string_view frame) {
  if (!p.problem.empty()) {
    handler_.on_bad_frame(frame, protocol(std::string(p.problem)));
    return;
  }
  Inbound m;
  m.frame = frame;
  m.msg_type = p.msg_type;
  m.seq = p.seq;
  m.poss_dup = p.poss_dup;
  if (!parse_utc_timestamp(p.sending_time, &m.sending_time_ms)) m.sending_time_ms = 0;
  handler_.on_message(m);
}

void Session::hold(uint64_t seq, std::string_view frame, bool handled) {
  if (held_.count(seq) != 0) return;  // a second copy (e.g. its resend) of one already held
  if (held_.size() >= kMaxHeldMessages || held_bytes_ + frame.size() > kMaxHeldBytes) return;
  held_.emplace(seq, Held{std::string(frame), handled});
  held_bytes_ += frame.size();
}

void Session::drain_held(int64_t now_ms) {
  while (alive() && !held_.empty()) {
    auto it = held_.begin();
    if (it->first > expected_) break;
    const uint64_t seq = it->first;
    Held h = std::move(it->second);
    held_bytes_ -= h.frame.size();
    held_.erase(it);
    if (seq < expected_) continue;  // covered by a gap fill or a reset meanwhile
    InboundFields p;
    parse_inbound(h.frame, &p);
    process_in_order(p, h.frame, h.handled, now_ms);
  }
}

void Session::note_progress(int64_t now_ms) {
  if (!resend_pending_) return;
  if (expected_ > resend_until_) {
    resend_pending_ = false;
  } else {
    resend_deadline_ms_ = now_ms + heartbeat_ms();
  }
}

}  // namespace kalshi::fix
