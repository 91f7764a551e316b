// Receiving on the exchange side: framing, the flood guard, header checks, the sequence rules of
// kalshi-fix.md §2.9-§2.11 and answering the client's ResendRequest from the store (§2.10).
//
// Choices where the spec is silent (mirroring fix::Session where the roles are symmetric):
// - Garbled frames (checksum, body length, trailer, MsgType position) are ignored and counted:
//   the sequence rules notice the loss. Bytes that are not FIXT.1.1 end the session with Logout
//   "Incorrect BeginString"; a frame above max_message_size ends it with "Message too large".
// - A malformed session field (SendingTime missing or unparsable, PossDup without
//   OrigSendingTime, a field that does not parse, ResendRequest without 7, SequenceReset without
//   36, TestRequest without 112) gets a session Reject (35=3, §2.12) and the message is not acted
//   on; its MsgSeqNum still counts. CompID problems get Reject 373=9, then Logout and close.
// - ResendRequest/SequenceReset on a session without retransmission: Reject 373=11.
// - A gap on a session without retransmission: Logout "MsgSeqNum too high, expecting X but
//   received Y" and close (§2.9: unrecoverable there).
#include <algorithm>
#include <string>

#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "sim/fix/acceptor_impl.h"

namespace kalshi::sim {

namespace {

constexpr size_t kMaxHeldMessages = 10000;
constexpr size_t kMaxHeldBytes = 16u * 1024 * 1024;

// SessionRejectReason(373) values used here (§2.12).
constexpr int kRequiredTagMissing = 1;
constexpr int kIncorrectDataFormat = 6;
constexpr int kCompIdProblem = 9;
constexpr int kSendingTimeAccuracy = 10;
constexpr int kInvalidMsgType = 11;

Error protocol(std::string msg) {
  return Error::make(KALSHI_ERR_PROTOCOL, std::move(msg));
}

std::string seq_text(const char *what, uint64_t expected, uint64_t got) {
  return std::string(what) + ", expecting " + std::to_string(expected) + " but received " +
         std::to_string(got);
}

// Reject 3 is server-to-client only (§2.5); the session treats one from a client like an admin
// message with nothing to do.
bool session_level(std::string_view t) {
  return fix::is_admin_type(t) || t == "3";
}

}  // namespace

void AcceptorSession::Impl::received(const char *data, size_t len, int64_t now_ms) {
  if (state == AcceptorState::Closed || len == 0) return;
  reader.feed(data, len);
  for (;;) {
    std::string_view frame;
    fix::FrameError err = fix::FrameError::None;
    const fix::FrameReader::Result r = reader.next(&frame, &err);
    if (r == fix::FrameReader::Result::NeedMore) break;
    if (r == fix::FrameReader::Result::Error) {
      if (err == fix::FrameError::BadBeginString) {
        terminate(protocol("BeginString must be FIXT.1.1"), "Incorrect BeginString", now_ms);
        return;
      }
      if (err == fix::FrameError::TooLarge) {
        terminate(protocol("message above " + std::to_string(config.max_message_size) + " bytes"),
                  "Message too large", now_ms);
        return;
      }
      ++garbled;
      continue;
    }
    on_frame(frame, now_ms);
    if (state == AcceptorState::Closed) return;  // the reader was reset; `data` is not referenced
  }
  flush_target_seq();
}

bool AcceptorSession::Impl::flood_check(int64_t now_ms) {
  const int64_t second = now_ms / 1000;
  if (second != flood_window_s) {
    flood_window_s = second;
    flood_count = 0;
  }
  if (++flood_count <= config.max_messages_per_second) return true;
  terminate(protocol("more than " + std::to_string(config.max_messages_per_second) +
                     " messages in one second"),
            "Message rate exceeded", now_ms);
  return false;
}

void AcceptorSession::Impl::on_frame(std::string_view frame, int64_t now_ms) {
  if (!flood_check(now_ms)) return;
  last_recv_ms = now_ms;
  test_pending = false;  // any message shows the client is alive
  fix::InboundFields p;
  fix::parse_inbound(frame, &p);
  if (!p.has_seq) {
    const std::string text = "MsgSeqNum(34) missing or invalid";
    if (state == AcceptorState::AwaitingLogon) {
      refuse_logon(text, now_ms);
    } else {
      terminate(protocol(text), text, now_ms);
    }
    return;
  }
  if (state == AcceptorState::AwaitingLogon) {
    on_first_message(p, frame, now_ms);
    return;
  }
  if (p.sender_comp_id != key_id || p.target_comp_id != session_name) {
    const std::string text = "CompID problem: expected 49=" + key_id + " 56=" + session_name;
    send_reject(p.seq, p.msg_type, p.sender_comp_id != key_id ? 49 : 56, kCompIdProblem, text,
                now_ms);
    terminate(protocol(text), "CompID problem", now_ms);
    return;
  }
  if (p.msg_type == "A") {
    terminate(protocol("Logon received on a logged-on session"), "Unexpected Logon", now_ms);
    return;
  }
  if (p.msg_type == "4" && !p.gap_fill && retransmission) {
    on_sequence_reset(p, now_ms);  // reset mode: MsgSeqNum is ignored (standard FIX)
    return;
  }
  if (p.seq < expected) {
    if (p.poss_dup) return;  // a retransmission of something already processed
    const std::string text = seq_text("MsgSeqNum too low", expected, p.seq);
    terminate(protocol(text), text, now_ms);
    return;
  }
  if (p.seq > expected) {
    on_too_high(p, frame, now_ms);
    return;
  }
  process_in_order(p, frame, false, now_ms);
  drain_held(now_ms);
}

// The header checks every in-order message gets (§2.2, §2.12). False: rejected, not acted on.
bool AcceptorSession::Impl::check_header(const fix::InboundFields &p, int64_t now_ms) {
  if (!p.problem.empty()) {
    send_reject(p.seq, p.msg_type, 0, kIncorrectDataFormat, p.problem, now_ms);
    return false;
  }
  int64_t sent_ms = 0;
  if (p.sending_time.empty()) {
    send_reject(p.seq, p.msg_type, 52, kRequiredTagMissing, "SendingTime(52) missing", now_ms);
    return false;
  }
  if (!fix::parse_utc_timestamp(p.sending_time, &sent_ms)) {
    send_reject(p.seq, p.msg_type, 52, kIncorrectDataFormat, "SendingTime(52) malformed", now_ms);
    return false;
  }
  if (p.poss_dup && p.orig_sending_time.empty()) {
    send_reject(p.seq, p.msg_type, 122, kRequiredTagMissing,
                "OrigSendingTime(122) required with PossDupFlag(43)=Y", now_ms);
    return false;
  }
  if (config.max_clock_skew_ms > 0 && (sent_ms - now_ms > config.max_clock_skew_ms ||
                                       now_ms - sent_ms > config.max_clock_skew_ms)) {
    send_reject(p.seq, p.msg_type, 52, kSendingTimeAccuracy, "SendingTime accuracy problem",
                now_ms);
    return false;
  }
  return true;
}

void AcceptorSession::Impl::on_sequence_reset(const fix::InboundFields &p, int64_t now_ms) {
  if (!p.has_new) {
    send_reject(p.seq, "4", 36, kRequiredTagMissing, "NewSeqNo(36) missing", now_ms);
    return;
  }
  if (p.new_seq < expected) {
    const std::string text =
        seq_text("SequenceReset NewSeqNo(36) lower than expected", expected, p.new_seq);
    terminate(protocol(text), text, now_ms);
    return;
  }
  expected = p.new_seq;
  note_progress(now_ms);
  drain_held(now_ms);
}

void AcceptorSession::Impl::on_too_high(const fix::InboundFields &p, std::string_view frame,
                                        int64_t now_ms) {
  if (!retransmission) {
    const std::string text = seq_text("MsgSeqNum too high", expected, p.seq);
    terminate(Error::make(KALSHI_ERR_SEQUENCE_GAP, text), text, now_ms);
    return;
  }
  if (p.msg_type == "5") {
    on_logout(p, now_ms);  // the gap stays; the next Logon asks for it
    return;
  }
  bool handled = false;
  if (p.msg_type == "1" && !p.test_req_id.empty()) {
    send_heartbeat(p.test_req_id, now_ms);
    handled = true;
  } else if (p.msg_type == "2" && p.has_begin) {
    answer_resend(p.begin_seq, p.has_end ? p.end_seq : 0, now_ms);
    handled = true;
  }
  if (!alive()) return;
  hold(p.seq, frame, handled);
  resend_until = std::max(resend_until, p.seq);
  if (!resend_pending) {
    send_resend_request(expected, now_ms);
    resend_pending = true;
    resend_deadline_ms = now_ms + heartbeat_ms;
  }
}

void AcceptorSession::Impl::process_in_order(const fix::InboundFields &p, std::string_view frame,
                                             bool handled, int64_t now_ms) {
  const std::string_view t = p.msg_type;
  if (t == "4" && retransmission) {  // gap fill (reset mode never gets here)
    if (!p.has_new || p.new_seq <= p.seq) {
      const std::string text = "SequenceReset-GapFill NewSeqNo(36) not above its MsgSeqNum";
      terminate(protocol(text), text, now_ms);
      return;
    }
    expected = p.new_seq;
    note_progress(now_ms);
    return;
  }
  ++expected;  // before any callback, so next_target_seq() is current inside it
  note_progress(now_ms);
  if (handled) return;
  if (!check_header(p, now_ms)) return;
  if (t == "0") return;
  if (t == "1") {
    if (p.test_req_id.empty()) {
      send_reject(p.seq, t, 112, kRequiredTagMissing, "TestReqID(112) missing", now_ms);
      return;
    }
    send_heartbeat(p.test_req_id, now_ms);
    return;
  }
  if (t == "2" || t == "4") {
    if (!retransmission) {
      send_reject(p.seq, t, 0, kInvalidMsgType,
                  std::string(t == "2" ? "ResendRequest" : "SequenceReset") +
                      " is not supported on " + session_name,
                  now_ms);
      return;
    }
    if (!p.has_begin) {
      send_reject(p.seq, t, 7, kRequiredTagMissing, "BeginSeqNo(7) missing", now_ms);
      return;
    }
    answer_resend(p.begin_seq, p.has_end ? p.end_seq : 0, now_ms);
    return;
  }
  if (t == "5") {
    on_logout(p, now_ms);
    return;
  }
  if (session_level(t)) return;
  deliver(p, frame, now_ms);
}

void AcceptorSession::Impl::on_logout(const fix::InboundFields &p, int64_t now_ms) {
  if (state == AcceptorState::LogoutSent) {
    go_down(Error{}, true);  // the answer to our Logout
    return;
  }
  send_logout_msg({}, now_ms);  // answer with an empty Logout, then close (§2.11)
  std::string msg = "logged out by the client";
  if (!p.text.empty()) msg += ": " + std::string(p.text);
  go_down(Error::make(KALSHI_ERR_DISCONNECTED, std::move(msg)), true);
}

void AcceptorSession::Impl::deliver(const fix::InboundFields &p, std::string_view frame,
                                    int64_t now_ms) {
  (void)now_ms;
  fix::Inbound m;
  m.frame = frame;
  m.msg_type = p.msg_type;
  m.seq = p.seq;
  m.poss_dup = p.poss_dup;
  if (!fix::parse_utc_timestamp(p.sending_time, &m.sending_time_ms)) m.sending_time_ms = 0;
  handler.on_message(m);
}

void AcceptorSession::Impl::hold(uint64_t seq, std::string_view frame, bool handled) {
  if (held.count(seq) != 0) return;
  if (held.size() >= kMaxHeldMessages || held_bytes + frame.size() > kMaxHeldBytes) return;
  held.emplace(seq, Held{std::string(frame), handled});
  held_bytes += frame.size();
}

void AcceptorSession::Impl::drain_held(int64_t now_ms) {
  while (alive() && !held.empty()) {
    auto it = held.begin();
    if (it->first > expected) break;
    const uint64_t seq = it->first;
    Held h = std::move(it->second);
    held_bytes -= h.frame.size();
    held.erase(it);
    if (seq < expected) continue;  // covered by a gap fill or a reset meanwhile
    fix::InboundFields p;
    fix::parse_inbound(h.frame, &p);
    if (p.msg_type == "A") {  // the Logon that opened a gap: counted now, already acted on
      ++expected;
      note_progress(now_ms);
      continue;
    }
    process_in_order(p, h.frame, h.handled, now_ms);
  }
}

void AcceptorSession::Impl::note_progress(int64_t now_ms) {
  if (!resend_pending) return;
  if (expected > resend_until) {
    resend_pending = false;
  } else {
    resend_deadline_ms = now_ms + heartbeat_ms;
  }
}

void AcceptorSession::Impl::send_gap_fill(uint64_t seq, uint64_t new_seq, int64_t now_ms) {
  body.clear();
  fix::FieldWriter w(body);
  w.add_char(123, 'Y');
  w.add_uint(36, new_seq);
  const std::string now = std::string(stamp(now_ms));
  encode_and_write("4", body.view(), seq, true, now, now_ms);
}

// Standard FIX resend (§2.10): stored application messages again under their seq with
// PossDupFlag=Y and OrigSendingTime; session messages and seqs the store no longer holds are
// collapsed into SequenceReset-GapFill.
void AcceptorSession::Impl::answer_resend(uint64_t begin, uint64_t end, int64_t now_ms) {
  if (store == nullptr) return;
  const uint64_t next = store->next_sender_seq();
  if (begin == 0) begin = 1;
  uint64_t last = next - 1;
  if (end != 0 && end < last) last = end;
  if (begin > last) return;
  uint64_t cursor = begin;
  store->for_range(begin, last,
                   [&](uint64_t seq, std::string_view type, std::string_view stored,
                       std::string_view orig_time) {
                     if (!alive() || session_level(type) || seq < cursor) return;
                     if (seq > cursor) send_gap_fill(cursor, seq, now_ms);
                     encode_and_write(type, stored, seq, true, orig_time, now_ms);
                     cursor = seq + 1;
                   });
  if (alive() && cursor <= last) send_gap_fill(cursor, last + 1, now_ms);
}

}  // namespace kalshi::sim
