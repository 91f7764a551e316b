// Session lifecycle: Logon, timers (heartbeat, TestRequest, logon/logout/resend timeouts),
// outgoing messages and the way down. Receiving is in session_receive.cpp, answering the
// exchange's ResendRequest in session_resend.cpp.
#include "fix/session/session.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <string>

#include "fix/codec/writer.h"
#include "fix/session/inbound.h"
#include "fix/session/logon.h"

namespace kalshi::fix {

const char *session_state_name(SessionState s) {
  switch (s) {
    case SessionState::Disconnected:
      return "disconnected";
    case SessionState::LogonSent:
      return "logon_sent";
    case SessionState::Active:
      return "active";
    case SessionState::LogoutSent:
      return "logout_sent";
  }
  return "unknown";
}

Session::Session(SessionConfig config, Store &store, LogonSigner &signer, SessionHandler &handler)
    : config_(std::move(config)),
      store_(store),
      signer_(signer),
      handler_(handler),
      reader_(config_.max_message_size) {
  target_ = config_.target_comp_id.empty() ? std::string(target_comp_id(config_.kind))
                                           : config_.target_comp_id;
  config_error_ = validate_config(config_);
  expected_ = stored_expected_ = store_.next_target_seq();
}

uint64_t Session::next_sender_seq() const {
  return store_.next_sender_seq();
}
uint64_t Session::next_target_seq() const {
  return expected_;
}

int64_t Session::heartbeat_ms() const {
  return int64_t{config_.heartbeat_s} * 1000;
}
int64_t Session::grace_ms() const {
  return heartbeat_ms() * config_.test_request_grace_pct / 100;
}
bool Session::retransmission() const {
  return has_retransmission(config_.product, config_.kind);
}

std::string_view Session::stamp(int64_t now_ms) {
  ts_.format(now_ms, ts_buf_);
  return {ts_buf_, kUtcTimestampLen};
}

void Session::connected(int64_t now_ms) {
  if (state_ != SessionState::Disconnected) return;
  reader_.reset();
  held_.clear();
  held_bytes_ = 0;
  resend_pending_ = false;
  test_pending_ = false;
  logout_seen_ = false;
  if (!config_error_.ok()) {
    handler_.close_transport();
    handler_.on_state(SessionState::Disconnected, config_error_);
    return;
  }
  send_logon(now_ms);
}

void Session::send_logon(int64_t now_ms) {
  sent_reset_ = logon_sends_reset(config_);
  if (sent_reset_) {
    if (Error e = store_.reset(); !e.ok()) {
      go_down(std::move(e), true);
      return;
    }
  }
  expected_ = stored_expected_ = store_.next_target_seq();
  const uint64_t seq = store_.next_sender_seq();
  // SendingTime is stamped once: the signed pre-hash and tag 52 must be byte-identical (§2.7).
  const std::string_view sending_time = stamp(now_ms);
  signature_.clear();
  if (Error e = signer_.sign(sending_time, seq, config_.sender_comp_id, target_, signature_);
      !e.ok()) {
    go_down(std::move(e), true);
    return;
  }
  body_.clear();
  write_logon_body(config_, sent_reset_, signature_, body_);
  Header h;
  h.msg_type = "A";
  h.sender_comp_id = config_.sender_comp_id;
  h.target_comp_id = target_;
  h.msg_seq_num = seq;
  h.sending_time = sending_time;  // never SenderSubID on Logon
  out_.clear();
  encode_message(h, body_.view(), out_);
  if (Error e = store_.set_next_sender_seq(seq + 1); !e.ok()) {
    go_down(std::move(e), true);
    return;
  }
  state_ = SessionState::LogonSent;
  last_sent_ms_ = last_recv_ms_ = now_ms;
  logon_deadline_ms_ = now_ms + config_.logon_timeout_ms;
  handler_.send_bytes(out_.view());
  if (state_ == SessionState::LogonSent) handler_.on_state(SessionState::LogonSent, Error{});
}

void Session::send_admin(std::string_view msg_type, std::string_view body, int64_t now_ms) {
  const uint64_t seq = store_.next_sender_seq();
  // The sequence number is recorded before the bytes leave, so a crash can never make us reuse it.
  if (Error e = store_.set_next_sender_seq(seq + 1); !e.ok()) {
    go_down(std::move(e), true);
    return;
  }
  Header h;
  h.msg_type = msg_type;
  h.sender_comp_id = config_.sender_comp_id;
  h.target_comp_id = target_;
  h.msg_seq_num = seq;
  h.sending_time = stamp(now_ms);
  out_.clear();
  encode_message(h, body, out_);
  last_sent_ms_ = now_ms;
  handler_.send_bytes(out_.view());
}

void Session::send_heartbeat(std::string_view test_req_id, int64_t now_ms) {
  body_.clear();
  if (!test_req_id.empty()) FieldWriter(body_).add(112, test_req_id);
  send_admin("0", body_.view(), now_ms);
}

void Session::send_logout_msg(std::string_view text, int64_t now_ms) {
  logout_seen_ = true;
  body_.clear();
  if (!text.empty()) FieldWriter(body_).add(58, text);
  send_admin("5", body_.view(), now_ms);
}

void Session::send_resend_request(int64_t now_ms) {
  body_.clear();
  FieldWriter w(body_);
  w.add_uint(7, expected_);
  w.add_uint(16, 0);  // through the newest: one request covers whatever arrives meanwhile
  send_admin("2", body_.view(), now_ms);
  resend_pending_ = true;
  resend_deadline_ms_ = now_ms + heartbeat_ms();
}

void Session::flush_target_seq() {
  // Written lazily (once per received batch): a stored value that lags only causes a resend after
  // a crash, while one that ran ahead would make the exchange's next message look too low.
  if (expected_ != stored_expected_) {
    if (store_.set_next_target_seq(expected_).ok()) stored_expected_ = expected_;
  }
}

void Session::go_down(Error why, bool close) {
  if (state_ == SessionState::Disconnected && !close) return;
  flush_target_seq();
  state_ = SessionState::Disconnected;
  reader_.reset();
  held_.clear();
  held_bytes_ = 0;
  resend_pending_ = false;
  test_pending_ = false;
  if (close) handler_.close_transport();
  handler_.on_state(SessionState::Disconnected, why);
}

void Session::terminate(Error why, std::string_view logout_text, int64_t now_ms) {
  if (state_ == SessionState::Disconnected) return;
  if (!logout_text.empty()) send_logout_msg(logout_text, now_ms);
  if (state_ == SessionState::Disconnected) return;  // the send itself failed and went down
  go_down(std::move(why), true);
}

void Session::disconnected(int64_t now_ms, const Error &why) {
  (void)now_ms;
  if (state_ == SessionState::Disconnected) return;
  Error e = why;
  if (state_ == SessionState::LogoutSent) {
    e = Error{};  // we asked to leave; the peer closing instead of answering is the same end
  } else if (e.ok()) {
    e = Error::make(KALSHI_ERR_DISCONNECTED, "connection closed by the peer");
  }
  go_down(std::move(e), false);
}

void Session::tick(int64_t now_ms) {
  switch (state_) {
    case SessionState::Disconnected:
      return;
    case SessionState::LogonSent:
      if (now_ms >= logon_deadline_ms_) {
        go_down(
            Error::make(KALSHI_ERR_TIMEOUT, "no Logon answer within " +
                                                std::to_string(config_.logon_timeout_ms) + " ms"),
            true);
      }
      return;
    case SessionState::LogoutSent:
      if (now_ms >= logout_deadline_ms_) {
        go_down(
            Error::make(KALSHI_ERR_TIMEOUT, "no Logout answer within " +
                                                std::to_string(config_.logout_timeout_ms) + " ms"),
            true);
      }
      return;
    case SessionState::Active:
      break;
  }
  const int64_t hb = heartbeat_ms();
  if (test_pending_) {
    if (now_ms - test_sent_ms_ >= hb) {
      go_down(Error::make(KALSHI_ERR_TIMEOUT, "heartbeat timeout: TestRequest not answered"), true);
      return;
    }
  } else if (now_ms - last_recv_ms_ >= hb + grace_ms()) {
    body_.clear();
    char id[32];
    const int n =
        std::snprintf(id, sizeof id, "TEST%llu", static_cast<unsigned long long>(++test_counter_));
    FieldWriter(body_).add(112, std::string_view(id, static_cast<size_t>(n)));
    send_admin("1", body_.view(), now_ms);
    if (state_ != SessionState::Active) return;
    test_pending_ = true;
    test_sent_ms_ = now_ms;
  }
  if (now_ms - last_sent_ms_ >= hb) {
    send_heartbeat({}, now_ms);
    if (state_ != SessionState::Active) return;
  }
  if (resend_pending_ && now_ms >= resend_deadline_ms_) {
    // No progress for an interval: the request or its answer got lost; ask again from where we
    // are (duplicates of what arrives twice are dropped by sequence number).
    send_resend_request(now_ms);
  }
}

int64_t Session::next_deadline_ms() const {
  switch (state_) {
    case SessionState::Disconnected:
      return INT64_MAX;
    case SessionState::LogonSent:
      return logon_deadline_ms_;
    case SessionState::LogoutSent:
      return logout_deadline_ms_;
    case SessionState::Active:
      break;
  }
  const int64_t hb = heartbeat_ms();
  int64_t d = last_sent_ms_ + hb;
  d = std::min(d, test_pending_ ? test_sent_ms_ + hb : last_recv_ms_ + hb + grace_ms());
  if (resend_pending_) d = std::min(d, resend_deadline_ms_);
  return d;
}

Error Session::send(std::string_view msg_type, std::string_view body, int64_t now_ms,
                    std::string_view sender_sub_id, uint64_t *seq_out) {
  if (state_ != SessionState::Active) {
    return Error::make(KALSHI_ERR_STATE, std::string("FIX session is ") +
                                             session_state_name(state_) + ", not active");
  }
  if (msg_type.empty() || is_admin_type(msg_type) || msg_type == "3") {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "session-level messages are sent by the session itself");
  }
  const uint64_t seq = store_.next_sender_seq();
  const std::string_view sending_time = stamp(now_ms);
  // The store keeps SenderSubID as a leading 50= field of the body (a body never holds tag 50),
  // so a resend carries the same operator id in its header.
  std::string_view stored = body;
  if (!sender_sub_id.empty()) {
    scratch_.clear();
    FieldWriter(scratch_).add(50, sender_sub_id);
    scratch_.append(body);
    stored = scratch_.view();
  }
  if (Error e = store_.save(seq, msg_type, stored, sending_time); !e.ok()) return e;
  Header h;
  h.msg_type = msg_type;
  h.sender_comp_id = config_.sender_comp_id;
  h.target_comp_id = target_;
  h.msg_seq_num = seq;
  h.sending_time = sending_time;
  h.sender_sub_id = sender_sub_id;
  out_.clear();
  encode_message(h, body, out_);
  last_sent_ms_ = now_ms;
  if (seq_out != nullptr) *seq_out = seq;
  handler_.send_bytes(out_.view());
  return {};
}

void Session::logout(std::string_view text, int64_t now_ms) {
  switch (state_) {
    case SessionState::Disconnected:
    case SessionState::LogoutSent:
      return;
    case SessionState::LogonSent:
      // Not logged on yet: there is no session to log out of, just a connection to drop.
      go_down(Error{}, true);
      return;
    case SessionState::Active:
      break;
  }
  send_logout_msg(text, now_ms);
  if (state_ != SessionState::Active) return;
  state_ = SessionState::LogoutSent;
  logout_deadline_ms_ = now_ms + config_.logout_timeout_ms;
  handler_.on_state(SessionState::LogoutSent, Error{});
}

}  // namespace kalshi::fix
