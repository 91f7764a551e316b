// AcceptorSession lifecycle, timers, the outgoing path and fault injection. The Logon is checked
// in acceptor_logon.cpp, everything received after it in acceptor_receive.cpp.
//
// Every outgoing byte goes through Impl::write, where the Mute and DelayMs faults act: a muted
// message is lost (it still used its MsgSeqNum and, for application messages, sits in the store,
// so a retransmission client recovers it), a delayed one is queued with its release time.
#include <algorithm>
#include <climits>
#include <cstdio>
#include <string>

#include "fix/codec/writer.h"
#include "sim/fix/acceptor_impl.h"

namespace kalshi::sim {

namespace {

// Bounds the DelayMs queue: a client that keeps the exchange talking during a long delay cannot
// grow it without limit; past this the connection is dropped.
constexpr size_t kMaxDelayedBytes = 16u * 1024 * 1024;

}  // namespace

AcceptorSession::Impl::Impl(AcceptorConfig c, const KeyDirectory &k, AcceptorHandler &h)
    : config(c),
      keys(k),
      handler(h),
      reader(c.max_message_size),
      session_name(fix::target_comp_id(c.kind)),
      retransmission(fix::has_retransmission(c.product, c.kind)) {}

std::string_view AcceptorSession::Impl::stamp(int64_t now_ms) {
  ts.format(now_ms, ts_buf);
  return {ts_buf, fix::kUtcTimestampLen};
}

void AcceptorSession::Impl::write(std::string_view bytes, int64_t now_ms) {
  last_sent_ms = now_ms;
  if (muted(now_ms)) return;
  if (delay_ms > 0 || !delayed.empty()) {
    if (delayed_bytes + bytes.size() > kMaxDelayedBytes) {
      drop(Error::make(KALSHI_ERR_RANGE, "delayed output above 16 MiB"));
      return;
    }
    delayed.push_back({now_ms + delay_ms, std::string(bytes)});
    delayed_bytes += bytes.size();
    return;
  }
  handler.send_bytes(bytes);
}

void AcceptorSession::Impl::release_delayed(int64_t now_ms, bool all) {
  while (!delayed.empty() && (all || delayed.front().release_ms <= now_ms)) {
    Delayed d = std::move(delayed.front());
    delayed.pop_front();
    delayed_bytes -= d.bytes.size();
    if (!muted(now_ms)) handler.send_bytes(d.bytes);
  }
}

void AcceptorSession::Impl::encode_and_write(std::string_view msg_type,
                                             std::string_view body_fields, uint64_t seq,
                                             bool poss_dup, std::string_view orig_sending_time,
                                             int64_t now_ms) {
  fix::Header h;
  h.msg_type = msg_type;
  h.sender_comp_id = session_name;
  // Before a Logon named the client, a refusal still needs a non-empty TargetCompID.
  h.target_comp_id = !key_id.empty()           ? std::string_view(key_id)
                     : !client_comp_id.empty() ? std::string_view(client_comp_id)
                                               : std::string_view("unknown");
  h.msg_seq_num = seq;
  h.sending_time = stamp(now_ms);
  h.poss_dup = poss_dup;
  h.orig_sending_time = orig_sending_time;
  out.clear();
  fix::encode_message(h, body_fields, out);
  write(out.view(), now_ms);
}

void AcceptorSession::Impl::send_admin(std::string_view msg_type, std::string_view body_fields,
                                       int64_t now_ms) {
  if (store == nullptr) return;
  const uint64_t seq = store->next_sender_seq();
  if (Error e = store->set_next_sender_seq(seq + 1); !e.ok()) {
    drop(std::move(e));
    return;
  }
  encode_and_write(msg_type, body_fields, seq, false, {}, now_ms);
}

void AcceptorSession::Impl::send_heartbeat(std::string_view test_req_id, int64_t now_ms) {
  body.clear();
  if (!test_req_id.empty()) fix::FieldWriter(body).add(112, test_req_id);
  send_admin("0", body.view(), now_ms);
}

void AcceptorSession::Impl::send_test_request(int64_t now_ms) {
  char id[40];
  const int n =
      std::snprintf(id, sizeof id, "SIMTEST%llu", static_cast<unsigned long long>(++test_counter));
  body.clear();
  fix::FieldWriter(body).add(112, std::string_view(id, static_cast<size_t>(n)));
  send_admin("1", body.view(), now_ms);
  if (!alive()) return;
  test_pending = true;
  test_sent_ms = now_ms;
}

void AcceptorSession::Impl::send_logout_msg(std::string_view text, int64_t now_ms) {
  body.clear();
  if (!text.empty()) fix::FieldWriter(body).add(58, text);
  send_admin("5", body.view(), now_ms);
}

void AcceptorSession::Impl::send_resend_request(uint64_t begin, int64_t now_ms) {
  body.clear();
  fix::FieldWriter w(body);
  w.add_uint(7, begin);
  w.add_uint(16, 0);
  send_admin("2", body.view(), now_ms);
}

void AcceptorSession::Impl::send_reject(uint64_t ref_seq, std::string_view ref_msg_type,
                                        uint32_t ref_tag, int reason, std::string_view text,
                                        int64_t now_ms) {
  body.clear();
  fix::FieldWriter w(body);
  w.add_uint(45, ref_seq);
  if (!text.empty()) w.add(58, text);
  if (ref_tag != 0) w.add_uint(371, ref_tag);
  if (!ref_msg_type.empty()) w.add(372, ref_msg_type);
  w.add_int(373, reason);
  send_admin("3", body.view(), now_ms);
}

void AcceptorSession::Impl::flush_target_seq() {
  if (store != nullptr && store->next_target_seq() != expected) {
    (void)store->set_next_target_seq(expected);
  }
}

void AcceptorSession::Impl::go_down(Error why, bool close) {
  if (state == AcceptorState::Closed) return;
  flush_target_seq();
  state = AcceptorState::Closed;
  reader.reset();
  held.clear();
  held_bytes = 0;
  resend_pending = false;
  test_pending = false;
  if (close) {
    // A graceful end still delivers what the delay fault was holding back.
    release_delayed(INT64_MAX, true);
    handler.close_transport();
  }
  delayed.clear();
  delayed_bytes = 0;
  handler.on_state(AcceptorState::Closed, why);
}

void AcceptorSession::Impl::drop(Error why) {
  if (state == AcceptorState::Closed) return;
  delayed.clear();  // an abrupt end: nothing more leaves
  delayed_bytes = 0;
  handler.abort_transport();
  go_down(std::move(why), false);
}

void AcceptorSession::Impl::terminate(Error why, std::string_view logout_text, int64_t now_ms) {
  if (state == AcceptorState::Closed) return;
  if (store == nullptr && !logout_text.empty()) {
    // Before a Logon there is no store: the Logout goes out as seq 1, like a refusal.
    body.clear();
    fix::FieldWriter(body).add(58, logout_text);
    encode_and_write("5", body.view(), 1, false, {}, now_ms);
  } else if (!logout_text.empty()) {
    send_logout_msg(logout_text, now_ms);
  }
  go_down(std::move(why), true);
}

void AcceptorSession::Impl::apply_fault(const Fault &f, int64_t now_ms) {
  switch (f.kind) {
    case FaultKind::None:
      reject_logon = false;
      reject_logon_text.clear();
      delay_ms = 0;
      mute_until_ms = 0;
      return;
    case FaultKind::RejectLogon:
      reject_logon = true;
      reject_logon_text = f.text.empty() ? "logon rejected (simulated fault)" : f.text;
      return;
    case FaultKind::DelayMs:
      delay_ms = std::max<int64_t>(0, f.n);
      return;
    case FaultKind::Mute:
      mute_until_ms = f.n > 0 ? now_ms + f.n : INT64_MAX;
      return;
    default:
      break;
  }
  if (state == AcceptorState::Closed || state == AcceptorState::AwaitingLogon) {
    if (f.kind == FaultKind::Drop && state == AcceptorState::AwaitingLogon) {
      drop(Error::make(KALSHI_ERR_DISCONNECTED, "dropped (simulated fault)"));
    }
    return;
  }
  switch (f.kind) {
    case FaultKind::Drop:
      drop(Error::make(KALSHI_ERR_DISCONNECTED, "dropped (simulated fault)"));
      return;
    case FaultKind::SkipSeq: {
      const uint64_t next = store->next_sender_seq();
      (void)store->set_next_sender_seq(next + static_cast<uint64_t>(std::max<int64_t>(1, f.n)));
      return;
    }
    case FaultKind::DuplicatePossDup: {
      const uint64_t next = store->next_sender_seq();
      const uint64_t n = static_cast<uint64_t>(std::max<int64_t>(1, f.n));
      answer_resend(next > n ? next - n : 1, next - 1, now_ms);
      return;
    }
    case FaultKind::Garbage: {
      // Printable junk without SOH: not FIXT.1.1, so a client must notice and end the session.
      const size_t n = static_cast<size_t>(f.n > 0 ? f.n : 64);
      std::string junk(n, 'x');
      for (size_t i = 0; i < n; ++i) junk[i] = "GARBAGE!"[i % 8];
      write(junk, now_ms);
      return;
    }
    case FaultKind::ResendRequest:
      send_resend_request(f.n > 0 ? static_cast<uint64_t>(f.n) : 1, now_ms);
      return;
    case FaultKind::TestRequest:
      send_test_request(now_ms);
      return;
    case FaultKind::Logout:
      if (state == AcceptorState::Active) {
        send_logout_msg(f.text, now_ms);
        if (state != AcceptorState::Active) return;
        state = AcceptorState::LogoutSent;
        logout_deadline_ms = now_ms + config.logout_timeout_ms;
        handler.on_state(AcceptorState::LogoutSent, Error{});
      }
      return;
    default:
      return;
  }
}

// ---- public API ----

AcceptorSession::AcceptorSession(AcceptorConfig config, const KeyDirectory &keys,
                                 AcceptorHandler &handler)
    : impl_(std::make_unique<Impl>(config, keys, handler)) {}

AcceptorSession::~AcceptorSession() = default;

void AcceptorSession::connected(int64_t now_ms) {
  Impl &s = *impl_;
  if (s.state != AcceptorState::Closed || s.store != nullptr) return;  // one connection each
  s.state = AcceptorState::AwaitingLogon;
  s.last_recv_ms = s.last_sent_ms = now_ms;
  s.logon_deadline_ms = now_ms + s.config.logon_timeout_ms;
  s.handler.on_state(AcceptorState::AwaitingLogon, Error{});
}

void AcceptorSession::received(const char *data, size_t len, int64_t now_ms) {
  impl_->received(data, len, now_ms);
}

void AcceptorSession::disconnected(int64_t now_ms) {
  (void)now_ms;
  Impl &s = *impl_;
  if (s.state == AcceptorState::Closed) return;
  Error why = s.state == AcceptorState::LogoutSent
                  ? Error{}
                  : Error::make(KALSHI_ERR_DISCONNECTED, "connection closed by the client");
  s.delayed.clear();
  s.delayed_bytes = 0;
  s.go_down(std::move(why), false);
}

void AcceptorSession::tick(int64_t now_ms) {
  Impl &s = *impl_;
  if (s.state == AcceptorState::Closed) return;
  s.release_delayed(now_ms, false);
  switch (s.state) {
    case AcceptorState::Closed:
      return;
    case AcceptorState::AwaitingLogon:
      if (now_ms >= s.logon_deadline_ms) {
        s.drop(Error::make(
            KALSHI_ERR_TIMEOUT,
            "no Logon within " + std::to_string(s.config.logon_timeout_ms) + " ms of connecting"));
      }
      return;
    case AcceptorState::LogoutSent:
      if (now_ms >= s.logout_deadline_ms) {
        s.go_down(Error::make(KALSHI_ERR_TIMEOUT, "no Logout answer from the client"), true);
      }
      return;
    case AcceptorState::Active:
      break;
  }
  const int64_t hb = s.heartbeat_ms;
  if (s.test_pending) {
    if (now_ms - s.test_sent_ms >= hb) {
      s.terminate(Error::make(KALSHI_ERR_TIMEOUT, "heartbeat timeout: TestRequest not answered"),
                  "TestRequest not answered", now_ms);
      return;
    }
  } else if (now_ms - s.last_recv_ms >= hb + hb * s.config.test_request_grace_pct / 100) {
    s.send_test_request(now_ms);
    if (s.state != AcceptorState::Active) return;
  }
  if (now_ms - s.last_sent_ms >= hb) {
    s.send_heartbeat({}, now_ms);
    if (s.state != AcceptorState::Active) return;
  }
  if (s.resend_pending && now_ms >= s.resend_deadline_ms) {
    s.send_resend_request(s.expected, now_ms);
    s.resend_deadline_ms = now_ms + hb;
  }
}

int64_t AcceptorSession::next_deadline_ms() const {
  const Impl &s = *impl_;
  int64_t d = INT64_MAX;
  if (!s.delayed.empty()) d = s.delayed.front().release_ms;
  switch (s.state) {
    case AcceptorState::Closed:
      return INT64_MAX;
    case AcceptorState::AwaitingLogon:
      return std::min(d, s.logon_deadline_ms);
    case AcceptorState::LogoutSent:
      return std::min(d, s.logout_deadline_ms);
    case AcceptorState::Active:
      break;
  }
  const int64_t hb = s.heartbeat_ms;
  d = std::min(d, s.last_sent_ms + hb);
  d = std::min(d, s.test_pending
                      ? s.test_sent_ms + hb
                      : s.last_recv_ms + hb + hb * s.config.test_request_grace_pct / 100);
  if (s.resend_pending) d = std::min(d, s.resend_deadline_ms);
  return d;
}

Error AcceptorSession::send(std::string_view msg_type, std::string_view body, int64_t now_ms,
                            uint64_t *seq_out) {
  Impl &s = *impl_;
  if (s.state != AcceptorState::Active) {
    return Error::make(KALSHI_ERR_STATE, "FIX session is not active");
  }
  if (msg_type.empty() || fix::is_admin_type(msg_type)) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "session-level messages are sent by the session itself");
  }
  const uint64_t seq = s.store->next_sender_seq();
  const std::string_view sending_time = s.stamp(now_ms);
  if (Error e = s.store->save(seq, msg_type, body, sending_time); !e.ok()) return e;
  fix::Header h;
  h.msg_type = msg_type;
  h.sender_comp_id = s.session_name;
  h.target_comp_id = s.key_id;
  h.msg_seq_num = seq;
  h.sending_time = sending_time;
  s.out.clear();
  fix::encode_message(h, body, s.out);
  if (seq_out != nullptr) *seq_out = seq;
  s.write(s.out.view(), now_ms);
  return {};
}

void AcceptorSession::logout(std::string_view text, int64_t now_ms) {
  Impl &s = *impl_;
  switch (s.state) {
    case AcceptorState::Closed:
    case AcceptorState::LogoutSent:
      return;
    case AcceptorState::AwaitingLogon:
      s.refuse_logon(text.empty() ? std::string("logged out") : std::string(text), now_ms);
      return;
    case AcceptorState::Active:
      break;
  }
  s.send_logout_msg(text, now_ms);
  if (s.state != AcceptorState::Active) return;
  s.state = AcceptorState::LogoutSent;
  s.logout_deadline_ms = now_ms + s.config.logout_timeout_ms;
  s.handler.on_state(AcceptorState::LogoutSent, Error{});
}

void AcceptorSession::inject(const Fault &f, int64_t now_ms) {
  impl_->apply_fault(f, now_ms);
}

AcceptorState AcceptorSession::state() const {
  return impl_->state;
}
const AcceptorConfig &AcceptorSession::config() const {
  return impl_->config;
}
std::string_view AcceptorSession::key_id() const {
  return impl_->key_id;
}
const LogonFlags &AcceptorSession::flags() const {
  return impl_->flags;
}
uint64_t AcceptorSession::next_sender_seq() const {
  return impl_->store != nullptr ? impl_->store->next_sender_seq() : 0;
}
uint64_t AcceptorSession::next_target_seq() const {
  return impl_->expected;
}
uint64_t AcceptorSession::garbled_frames() const {
  return impl_->garbled;
}

}  // namespace kalshi::sim
