#include "api/fix/session_driver.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "api/fix/message_event.h"
#include "core/clock.h"
#include "crypto/sign.h"
#include "fix/session/maintenance.h"

namespace kalshi::fix {

namespace {

kalshi_fix_state_t public_state(SessionState s) {
  switch (s) {
    case SessionState::Disconnected:
      return KALSHI_FIX_DISCONNECTED;
    case SessionState::LogonSent:
      return KALSHI_FIX_LOGGING_ON;
    case SessionState::Active:
      return KALSHI_FIX_ACTIVE;
    case SessionState::LogoutSent:
      return KALSHI_FIX_LOGGING_OUT;
  }
  return KALSHI_FIX_DISCONNECTED;
}

struct FixStateBody final : EventBody {
  kalshi_fix_state_t state;
  explicit FixStateBody(kalshi_fix_state_t s) : state(s) {}
};

}  // namespace

int64_t stale_session_wait_ms(int heartbeat_s, int64_t configured_ms) {
  if (configured_ms > 0) return configured_ms;
  // The exchange notices a silent peer after one interval plus an unanswered TestRequest's
  // interval; 2 s covers the round trip. Kalshi documents "up to ~60 s".
  const int64_t derived = int64_t{heartbeat_s} * 2000 + 2000;
  return std::min<int64_t>(derived, 60000);
}

bool is_already_exists(const Error &why) {
  if (why.code != KALSHI_ERR_REJECTED) return false;
  std::string lower = why.message;
  for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("already exists") != std::string::npos;
}

ReconnectDecision decide_reconnect(const ReconnectInput &in) {
  ReconnectDecision d;
  if (!in.reconnect_enabled) {
    d.give_up = true;
    return d;
  }
  if (is_already_exists(in.why)) {
    d.give_up = in.already_exists_in_a_row > in.already_exists_retries;
    d.min_delay_ms = in.stale_wait_ms;
    return d;
  }
  if (in.why.code == KALSHI_ERR_REJECTED) {
    d.give_up = true;  // bad key, signature or flags: it would be refused again
    return d;
  }
  if (in.logon_sent && !in.ended_with_logout) d.min_delay_ms = in.stale_wait_ms;
  return d;
}

kalshi_fix_state_t event_fix_state(const kalshi_event &ev) {
  if (auto *b = dynamic_cast<const FixStateBody *>(ev.body.get())) return b->state;
  return KALSHI_FIX_DISCONNECTED;
}

std::shared_ptr<SessionDriver> SessionDriver::create(net::Runtime &rt,
                                                     std::weak_ptr<EventSink> sink,
                                                     const crypto::PrivateKey *key,
                                                     DriverSettings settings, uint64_t user_tag,
                                                     MessageEventFactory factory) {
  return std::shared_ptr<SessionDriver>(new SessionDriver(
      rt, std::move(sink), key, std::move(settings), user_tag, std::move(factory)));
}

SessionDriver::SessionDriver(net::Runtime &rt, std::weak_ptr<EventSink> sink,
                             const crypto::PrivateKey *key, DriverSettings settings,
                             uint64_t user_tag, MessageEventFactory factory)
    : rt_(rt),
      sink_(std::move(sink)),
      key_(key),
      settings_(std::move(settings)),
      user_tag_(user_tag),
      factory_(std::move(factory)),
      backoff_(settings_.backoff_base_ms, settings_.backoff_max_ms) {
  session_ = std::make_unique<Session>(settings_.session, *settings_.store, *this, *this);
  sync_seqs();
}

SessionDriver::~SessionDriver() = default;

void SessionDriver::emit(EventPtr ev) {
  if (auto s = sink_.lock()) s->emit(std::move(ev));
}

void SessionDriver::sync_seqs() {
  next_sender_ = session_->next_sender_seq();
  next_target_ = session_->next_target_seq();
}

void SessionDriver::set_state(kalshi_fix_state_t s, const Error &why) {
  if (state_.exchange(s) == s && why.ok()) return;
  auto ev = make_error_event(KALSHI_EVENT_FIX_STATE, user_tag_, why);
  ev->body = std::make_unique<FixStateBody>(s);
  emit(std::move(ev));
}

void SessionDriver::start() {
  self_ = shared_from_this();
  uv_timer_init(rt_.loop(), &timer_);
  timer_.data = this;
  timer_open_ = true;
  rt_.add_closable(this);
  connect();
}

void SessionDriver::connect() {
  waiting_reconnect_ = false;
  was_active_ = false;
  logon_sent_ = false;
  set_state(KALSHI_FIX_CONNECTING, Error{});
  std::weak_ptr<SessionDriver> weak = weak_from_this();
  net::Connection::Handlers h;
  h.on_connected = [weak] {
    if (auto d = weak.lock()) d->on_connected();
  };
  h.on_data = [weak](const uint8_t *data, size_t len) {
    if (auto d = weak.lock()) d->on_data(data, len);
  };
  h.on_closed = [weak](const Error &err) {
    if (auto d = weak.lock()) d->on_conn_closed(err);
  };
  conn_ = net::Connection::create(rt_.loop(), settings_.connect, std::move(h));
  conn_->start();
}

void SessionDriver::on_connected() {
  session_->connected(wall_clock_ms());
  sync_seqs();
  arm_session_timer();
}

void SessionDriver::on_data(const uint8_t *data, size_t len) {
  session_->received(reinterpret_cast<const char *>(data), len, wall_clock_ms());
  sync_seqs();
  arm_session_timer();
}

void SessionDriver::on_conn_closed(const Error &err) {
  conn_.reset();
  const bool session_knew = session_->state() == SessionState::Disconnected;
  if (!session_knew) {
    Error why =
        err.ok() ? Error::make(KALSHI_ERR_DISCONNECTED, "the exchange closed the connection") : err;
    session_->disconnected(wall_clock_ms(), why);
    if (last_error_.ok()) last_error_ = why;
  } else if (last_error_.ok() && !err.ok()) {
    last_error_ = err;
  }
  sync_seqs();
  if (closing_) {
    finish(Error{});
    return;
  }
  schedule_reconnect(last_error_);
}

void SessionDriver::schedule_reconnect(const Error &why) {
  if (was_active_) already_exists_in_a_row_ = 0;
  if (is_already_exists(why)) ++already_exists_in_a_row_;
  ReconnectInput in;
  in.why = why;
  in.reconnect_enabled = settings_.reconnect;
  in.logon_sent = logon_sent_;
  in.ended_with_logout = session_->ended_with_logout();
  in.already_exists_in_a_row = already_exists_in_a_row_;
  in.already_exists_retries = settings_.already_exists_retries;
  in.stale_wait_ms =
      stale_session_wait_ms(settings_.session.heartbeat_s, settings_.stale_session_wait_ms);
  const ReconnectDecision decision = decide_reconnect(in);
  if (decision.give_up) {
    finish(why);
    return;
  }
  if (was_active_) backoff_.reset();
  uint64_t delay = backoff_.next_delay_ms();
  delay = std::max<uint64_t>(delay, static_cast<uint64_t>(decision.min_delay_ms));
  const int64_t now = wall_clock_ms();
  if (settings_.maintenance_pause && in_maintenance_window(now)) {
    const int64_t end = maintenance_window_end_ms(now);
    if (end > now) delay = std::max<uint64_t>(delay, static_cast<uint64_t>(end - now));
  }
  set_state(KALSHI_FIX_DISCONNECTED, why);
  last_error_ = Error{};
  waiting_reconnect_ = true;
  uv_timer_start(&timer_, &SessionDriver::on_timer, delay, 0);
}

void SessionDriver::arm_session_timer() {
  if (!timer_open_ || waiting_reconnect_) return;
  const int64_t deadline = session_->next_deadline_ms();
  if (deadline == INT64_MAX) {
    uv_timer_stop(&timer_);
    return;
  }
  const int64_t now = wall_clock_ms();
  const uint64_t delay = deadline > now ? static_cast<uint64_t>(deadline - now) : 0;
  uv_timer_start(&timer_, &SessionDriver::on_timer, delay, 0);
}

void SessionDriver::on_timer(uv_timer_t *t) {
  auto *d = static_cast<SessionDriver *>(t->data);
  if (d->waiting_reconnect_) {
    d->connect();
    return;
  }
  d->session_->tick(wall_clock_ms());
  d->sync_seqs();
  d->arm_session_timer();
}

Error SessionDriver::send(std::string_view msg_type, std::string_view body,
                          std::string_view sender_sub_id, uint64_t user_tag, uint64_t *seq_out) {
  uint64_t seq = 0;
  Error e = session_->send(msg_type, body, wall_clock_ms(), sender_sub_id, &seq);
  if (e.ok()) sent_tags_[seq % kTagRing] = {seq, user_tag};
  if (seq_out != nullptr) *seq_out = e.ok() ? seq : 0;
  sync_seqs();
  arm_session_timer();
  return e;
}

uint64_t SessionDriver::user_tag_of(uint64_t seq) const {
  const auto &slot = sent_tags_[seq % kTagRing];
  return slot.first == seq ? slot.second : 0;
}

void SessionDriver::track_md(char request_type, const std::vector<std::string> &symbols) {
  if (request_type == '1') {
    md_symbols_.insert(symbols.begin(), symbols.end());
  } else if (request_type == '2') {
    if (symbols.empty()) {
      md_symbols_.clear();
    } else {
      for (const auto &s : symbols) md_symbols_.erase(s);
    }
  }
}

void SessionDriver::track_security_status(char request_type, const std::string &symbol) {
  if (request_type == '1') status_symbols_.insert(symbol);
  if (request_type == '2') status_symbols_.erase(symbol);
}

void SessionDriver::resubscribe() {
  if (!settings_.resubscribe || !body_maker_) return;
  std::string msg_type;
  std::string body;
  if (!md_symbols_.empty()) {
    std::vector<std::string> syms(md_symbols_.begin(), md_symbols_.end());
    if (body_maker_('V', syms, &msg_type, &body).ok()) send(msg_type, body, {}, 0, nullptr);
  }
  for (const auto &s : status_symbols_) {
    if (body_maker_('e', {s}, &msg_type, &body).ok()) send(msg_type, body, {}, 0, nullptr);
  }
}

void SessionDriver::close() {
  if (closing_ || finished_) return;
  closing_ = true;
  if (waiting_reconnect_ || !conn_) {
    finish(Error{});
    return;
  }
  if (session_->state() == SessionState::Active) {
    session_->logout("", wall_clock_ms());
    arm_session_timer();
  } else {
    conn_->close();
  }
}

void SessionDriver::force_close() {
  closing_ = true;
  if (conn_) {
    conn_->force_close();  // its on_closed comes back through on_conn_closed -> finish
  } else {
    finish(Error{});
  }
}

void SessionDriver::finish(const Error &why) {
  if (finished_) return;
  if (!why.ok() && final_error_.ok()) final_error_ = why;
  closing_ = true;
  if (conn_) {
    // The connection reports its end through on_conn_closed, which comes back here.
    conn_->close();
    return;
  }
  finished_ = true;
  set_state(KALSHI_FIX_DISCONNECTED, final_error_);
  rt_.remove_closable(this);
  if (timer_open_) {
    timer_open_ = false;
    uv_timer_stop(&timer_);
    uv_close(reinterpret_cast<uv_handle_t *>(&timer_), &SessionDriver::on_timer_closed);
  }
}

void SessionDriver::on_timer_closed(uv_handle_t *h) {
  auto *d = static_cast<SessionDriver *>(h->data);
  d->emit(make_event(KALSHI_EVENT_FIX_CLOSED, d->user_tag_));
  d->self_.reset();  // may destroy d
}

// ---- SessionHandler ----------------------------------------------------------------------------

void SessionDriver::send_bytes(std::string_view bytes) {
  if (conn_) conn_->write(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
}

void SessionDriver::on_state(SessionState state, const Error &why) {
  // Published before the state event, so a reader woken by it sees the logon's numbers.
  sync_seqs();
  if (state == SessionState::LogonSent) logon_sent_ = true;
  if (state == SessionState::Active) {
    was_active_ = true;
    set_state(KALSHI_FIX_ACTIVE, Error{});
    resubscribe();
    return;
  }
  if (state == SessionState::Disconnected) {
    // Reported as DISCONNECTED once the transport is gone (schedule_reconnect / finish).
    if (!why.ok()) last_error_ = why;
    return;
  }
  set_state(public_state(state), why);
}

void SessionDriver::on_message(const Inbound &m) {
  if (!factory_) return;
  EventPtr ev = factory_(m, settings_.context, user_tag_);
  if (!ev) return;
  if (m.msg_type == "3" || m.msg_type == "j") tie_reject(*ev, *this);
  emit(std::move(ev));
}

void SessionDriver::on_bad_frame(std::string_view raw, const Error &why) {
  auto ev = make_error_event(KALSHI_EVENT_FIX_DECODE_ERROR, user_tag_, why);
  ev->data.assign(raw.data(), raw.size());
  emit(std::move(ev));
}

void SessionDriver::close_transport() {
  if (conn_) conn_->close();
}

void SessionDriver::on_clock_skew(int64_t skew_ms, std::string_view frame) {
  (void)frame;
  // Every message may be off by the same amount: log the first and then every 1000th.
  if (skew_logged_++ % 1000 != 0) return;
  auto s = sink_.lock();
  if (!s) return;
  s->log(KALSHI_LOG_WARN,
         "FIX: the exchange's SendingTime is " + std::to_string(skew_ms < 0 ? -skew_ms : skew_ms) +
             " ms " + (skew_ms < 0 ? "ahead of" : "behind") +
             " our clock (the exchange rejects our messages beyond 30 s: check NTP); " +
             std::to_string(session_->clock_skew_count()) + " such message(s) so far");
}

Error SessionDriver::sign(std::string_view sending_time, uint64_t msg_seq_num,
                          std::string_view sender_comp_id, std::string_view target_comp_id,
                          std::string &signature_b64) {
  if (key_ == nullptr) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "no RSA private key is configured for FIX");
  }
  return crypto::sign_fix_logon(*key_, sending_time, msg_seq_num, sender_comp_id, target_comp_id,
                                signature_b64);
}

}  // namespace kalshi::fix
