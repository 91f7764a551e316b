#include "ws/conn/ws_client.h"

#include <utility>

#include "core/clock.h"
#include "ws/frame/close_codes.h"

namespace kalshi::ws {

const char *ws_client_state_name(WsClient::State s) {
  switch (s) {
    case WsClient::State::Idle:
      return "idle";
    case WsClient::State::Connecting:
      return "connecting";
    case WsClient::State::Open:
      return "open";
    case WsClient::State::Reconnecting:
      return "reconnecting";
    case WsClient::State::Closed:
      return "closed";
  }
  return "?";
}

std::shared_ptr<WsClient> WsClient::create(net::Runtime *rt, WsClientOptions opts,
                                           Handlers handlers) {
  return std::shared_ptr<WsClient>(new WsClient(rt, std::move(opts), std::move(handlers)));
}

WsClient::WsClient(net::Runtime *rt, WsClientOptions opts, Handlers handlers)
    : rt_(rt),
      opts_(std::move(opts)),
      handlers_(std::move(handlers)),
      backoff_(opts_.backoff_base_ms, opts_.backoff_max_ms, opts_.backoff_uniform) {}

// The timer handle is closed (and self_ released) before the last reference can go, so the
// destructor has no libuv work left.
WsClient::~WsClient() = default;

uint64_t WsClient::now_ms() {
  return monotonic_ns() / 1000000;
}

WsClient::State WsClient::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

uint32_t WsClient::connects() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connects_;
}

Error WsClient::start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return Error::make(KALSHI_ERR_CLOSED, "websocket client closed");
    if (started_) return Error::make(KALSHI_ERR_STATE, "websocket client already started");
    started_ = true;
  }
  auto self = shared_from_this();
  const bool posted = rt_->post([self] {
    self->self_ = self;
    uv_timer_init(self->rt_->loop(), &self->timer_);
    self->timer_.data = self.get();
    self->timer_live_ = true;
    // Marked first: on a runtime that is already closing, add_closable() calls begin_close() at
    // once, which may finish() (and must then unregister) before add_closable() returns.
    self->registered_ = true;
    self->rt_->add_closable(self.get());
    bool closing;
    {
      std::lock_guard<std::mutex> lock(self->mu_);
      closing = self->closing_;
    }
    if (closing) {
      self->finish({});
    } else {
      self->connect();
    }
  });
  if (!posted) return Error::make(KALSHI_ERR_CLOSED, "runtime is closing");
  return {};
}

Error WsClient::send_text(std::string text) {
  bool post_drain = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_ || state_ == State::Closed) {
      return Error::make(KALSHI_ERR_CLOSED, "websocket client closed");
    }
    if (queue_.size() >= opts_.max_outbound_queue) {
      return Error::make(KALSHI_ERR_OVERFLOW, "websocket outbound queue full (" +
                                                  std::to_string(opts_.max_outbound_queue) +
                                                  " messages)");
    }
    queue_.push_back(std::move(text));
    if (!drain_posted_ && started_) {
      drain_posted_ = true;
      post_drain = true;
    }
  }
  if (post_drain) {
    auto self = shared_from_this();
    if (!rt_->post([self] { self->drain_queue(); })) {
      return Error::make(KALSHI_ERR_CLOSED, "runtime is closing");
    }
  }
  return {};
}

void WsClient::close() {
  bool started;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return;
    closing_ = true;
    queue_.clear();
    started = started_;
  }
  if (!started) {
    // Never started: nothing runs on the loop; the client simply ends.
    std::lock_guard<std::mutex> lock(mu_);
    state_ = State::Closed;
    return;
  }
  auto self = shared_from_this();
  rt_->post([self] { self->close_on_loop(); });
}

void WsClient::begin_close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    queue_.clear();
  }
  close_on_loop();
}

void WsClient::force_close() {
  if (conn_) {
    conn_->force_close();  // its on_closed comes back through on_stream_closed -> finish
  } else {
    finish({});
  }
}

void WsClient::close_on_loop() {
  if (!self_) return;  // finished already (or the start is still queued: it sees closing_)
  if (waiting_reconnect_ || !conn_) {
    finish({});
    return;
  }
  if (engine_ && engine_->state() == WsEngine::State::Open) {
    engine_->close(close_code::kNormal, {}, now_ms());
    after_engine();
  } else if (!engine_ || engine_->state() != WsEngine::State::Closing) {
    // Still connecting or handshaking: nothing worth delivering, drop the stream at once.
    conn_->force_close();  // on_stream_closed -> finish
  }
}

void WsClient::connect() {
  std::vector<std::pair<std::string, std::string>> headers;
  if (opts_.auth_headers) {
    Error err = opts_.auth_headers(&headers);
    if (!err.ok()) {
      finish(err);
      return;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++connects_;
  }
  set_state(State::Connecting, {});

  EngineOptions eo;
  eo.limits = opts_.limits;
  eo.ping_interval_ms = opts_.ping_interval_ms;
  eo.dead_after_ms = opts_.dead_after_ms;
  eo.handshake_timeout_ms = opts_.handshake_timeout_ms;
  eo.close_timeout_ms = opts_.close_timeout_ms;
  eo.send_fragment_size = opts_.send_fragment_size;
  engine_ = std::make_unique<WsEngine>(eo, [this](const WsEvent &ev) { on_engine_event(ev); });
  got_message_ = false;
  last_error_ = {};

  HandshakeRequest req;
  const std::string &host = opts_.connect.host;
  req.host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const uint16_t default_port = opts_.connect.tls ? 443 : 80;
  if (opts_.connect.port != default_port) req.host += ":" + std::to_string(opts_.connect.port);
  req.path = opts_.path;
  req.headers = std::move(headers);
  Error err = engine_->start(req, now_ms());
  if (!err.ok()) {
    finish(err);
    return;
  }

  std::weak_ptr<WsClient> weak = weak_from_this();
  net::Connection::Handlers h;
  h.on_connected = [] {};
  h.on_data = [weak](const uint8_t *data, size_t len) {
    if (auto self = weak.lock()) self->on_data(data, len);
  };
  h.on_closed = [weak](const Error &e) {
    if (auto self = weak.lock()) self->on_stream_closed(e);
  };
  conn_ = net::Connection::create(rt_->loop(), opts_.connect, std::move(h));
  conn_->start();
  after_engine();  // the request is queued by the connection until it is up
}

void WsClient::on_engine_event(const WsEvent &ev) {
  switch (ev.kind) {
    case WsEvent::Kind::Open:
      set_state(State::Open, {});
      drain_queue();
      return;
    case WsEvent::Kind::Text:
      if (!got_message_) {
        got_message_ = true;
        backoff_.reset();  // the session proved healthy
      }
      if (handlers_.on_text) handlers_.on_text(ev.data);
      return;
    case WsEvent::Kind::Binary:
      got_message_ = true;
      return;  // Kalshi sends text only; binary messages are read and dropped
    case WsEvent::Kind::Closed:
      last_error_ = ev.error;
      if (!last_error_.ok() && ev.close_code != close_code::kAbnormal) {
        last_error_.message += " (close code " + std::to_string(ev.close_code) + ")";
      }
      return;
  }
}

void WsClient::on_data(const uint8_t *data, size_t len) {
  if (!engine_ || len == 0) return;
  // The engine unmasks in place and hands out views; the connection's bytes are const.
  rx_.assign(data, data + len);
  engine_->on_bytes(rx_, now_ms());
  after_engine();
}

void WsClient::after_engine() {
  if (!engine_ || !conn_) return;
  const auto out = engine_->output();
  if (!out.empty()) {
    (void)conn_->write(out.data(), out.size());  // a closing stream reports the end itself
    engine_->clear_output();
  }
  if (engine_->closed()) {
    uv_timer_stop(&timer_);
    // A silent peer gets no graceful close: flushing towards it would only delay the retry.
    if (last_error_.code == KALSHI_ERR_TIMEOUT) {
      conn_->force_close();
    } else {
      conn_->close();
    }
    return;
  }
  arm_timer();
}

void WsClient::arm_timer() {
  if (!timer_live_ || waiting_reconnect_ || !engine_) return;
  const uint64_t deadline = engine_->next_deadline();
  if (deadline == kNoDeadline) {
    uv_timer_stop(&timer_);
    return;
  }
  const uint64_t now = now_ms();
  uv_timer_start(&timer_, &WsClient::on_timer, deadline > now ? deadline - now : 0, 0);
}

void WsClient::on_timer(uv_timer_t *t) {
  auto *self = static_cast<WsClient *>(t->data);
  if (self->waiting_reconnect_) {
    self->waiting_reconnect_ = false;
    self->connect();
    return;
  }
  if (self->engine_) {
    self->engine_->on_timer(now_ms());
    self->after_engine();
  }
}

void WsClient::on_stream_closed(const Error &err) {
  if (finished_) return;
  if (engine_) engine_->on_transport_closed(err);  // records last_error_ unless already closed
  conn_.reset();
  uv_timer_stop(&timer_);
  bool closing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing = closing_;
    queue_.clear();  // unsent messages belonged to the lost session
  }
  if (closing) {
    finish({});
    return;
  }
  if (!opts_.reconnect || !heals_by_retry(last_error_)) {
    finish(last_error_);
    return;
  }
  const uint64_t delay = backoff_.next_delay_ms();
  waiting_reconnect_ = true;
  set_state(State::Reconnecting, last_error_, backoff_.attempt(), delay);
  uv_timer_start(&timer_, &WsClient::on_timer, delay, 0);
}

bool WsClient::heals_by_retry(const Error &err) {
  switch (err.code) {
    case KALSHI_ERR_UNAUTHORIZED:
    case KALSHI_ERR_TLS_UNTRUSTED:
    case KALSHI_ERR_TLS_HOSTNAME:
    case KALSHI_ERR_TLS_PIN:
    case KALSHI_ERR_HOST_NOT_ALLOWED:
    case KALSHI_ERR_INVALID_ARG:
      return false;
    default:
      return true;
  }
}

void WsClient::drain_queue() {
  std::deque<std::string> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    drain_posted_ = false;
    if (!engine_ || engine_->state() != WsEngine::State::Open) return;  // sent at Open
    batch.swap(queue_);
  }
  for (const std::string &m : batch) {
    if (!engine_->send_text(m, now_ms()).ok()) break;
  }
  after_engine();
}

void WsClient::set_state(State s, const Error &err, uint32_t attempt, uint64_t delay_ms) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    state_ = s;
  }
  if (handlers_.on_state) handlers_.on_state(StateChange{s, err, attempt, delay_ms});
}

void WsClient::finish(const Error &err) {
  if (!self_ || finished_) return;
  finished_ = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    queue_.clear();
  }
  waiting_reconnect_ = false;
  if (conn_) {
    // Still connected (an auth_headers failure cannot get here with a stream): drop it quietly.
    conn_->force_close();
    conn_.reset();
  }
  if (registered_) {
    rt_->remove_closable(this);
    registered_ = false;
  }
  set_state(State::Closed, err);
  if (handlers_.on_closed) handlers_.on_closed(err);
  if (timer_live_) {
    timer_live_ = false;
    uv_timer_stop(&timer_);
    uv_close(reinterpret_cast<uv_handle_t *>(&timer_), &WsClient::on_timer_closed);
  } else {
    self_.reset();
  }
}

void WsClient::on_timer_closed(uv_handle_t *h) {
  auto *self = static_cast<WsClient *>(h->data);
  self->self_.reset();  // may destroy self
}

}  // namespace kalshi::ws
