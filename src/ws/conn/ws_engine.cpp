#include "ws/conn/ws_engine.h"

#include <algorithm>
#include <cstring>

#include "crypto/drbg.h"
#include "ws/frame/close_codes.h"
#include "ws/handshake/handshake.h"

namespace kalshi::ws {

namespace {

// The error class a failed handshake status maps to, so the upper layer can tell a refused
// signature from an exchange outage.
kalshi_err_t status_error(int status) {
  if (status == 401 || status == 403) return KALSHI_ERR_UNAUTHORIZED;
  if (status == 429) return KALSHI_ERR_RATE_LIMITED;
  if (status >= 500) return KALSHI_ERR_SERVER;
  if (status == 400) return KALSHI_ERR_BAD_REQUEST;
  return KALSHI_ERR_PROTOCOL;
}

Error make_error(kalshi_err_t code, std::string msg, bool retriable) {
  Error e = Error::make(code, std::move(msg));
  e.retriable = retriable;
  return e;
}

std::span<const uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t *>(s.data()), s.size()};
}

}  // namespace

const char *ws_state_name(WsEngine::State s) {
  switch (s) {
    case WsEngine::State::Idle:
      return "idle";
    case WsEngine::State::Handshaking:
      return "handshaking";
    case WsEngine::State::Open:
      return "open";
    case WsEngine::State::Closing:
      return "closing";
    case WsEngine::State::Closed:
      return "closed";
  }
  return "?";
}

WsEngine::WsEngine(const EngineOptions &opts, EventHandler on_event, RandomFill random)
    : opts_(opts),
      on_event_(std::move(on_event)),
      random_(std::move(random)),
      rx_(Role::Client, opts.limits),
      tx_(Role::Client, &WsEngine::mask_source, this) {}

void WsEngine::mask_source(void *ctx, uint8_t key[4]) {
  static_cast<WsEngine *>(ctx)->random_bytes(key, 4);
}

void WsEngine::random_bytes(uint8_t *out, size_t n) {
  if (random_) {
    random_(out, n);
    return;
  }
  // Mask keys are drawn from a pool refilled in bulk: one DRBG lock per 16 frames, not per frame.
  while (n > 0) {
    if (pool_left_ == 0) {
      if (!crypto::Drbg::instance().fill(pool_, sizeof pool_).ok()) {
        // No entropy: RFC 6455 masking guards intermediaries, not secrecy; a clock-mixed
        // fallback keeps keys unpredictable enough to defeat cache poisoning by a script.
        for (size_t i = 0; i < sizeof pool_; ++i) {
          pool_[i] = static_cast<uint8_t>((reinterpret_cast<uintptr_t>(this) >> (i % 8)) ^
                                          (i * 131) ^ (last_rx_ms_ >> (i % 16)));
        }
      }
      pool_left_ = sizeof pool_;
    }
    const size_t take = std::min(n, pool_left_);
    std::memcpy(out, pool_ + (sizeof pool_ - pool_left_), take);
    pool_left_ -= take;
    out += take;
    n -= take;
  }
}

Error WsEngine::start(const HandshakeRequest &req, uint64_t now_ms) {
  if (state_ != State::Idle) return Error::make(KALSHI_ERR_STATE, "websocket already started");
  key_ = make_client_key(
      [](void *ctx, uint8_t *out, size_t n) { static_cast<WsEngine *>(ctx)->random_bytes(out, n); },
      this);
  std::vector<HeaderField> extra;
  extra.reserve(req.headers.size());
  for (const auto &h : req.headers) extra.push_back({h.first, h.second});
  const std::string head = build_client_request(req.host, req.path, key_, extra);
  if (head.empty()) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "websocket handshake: unusable host, path or header (CR/LF?)");
  }
  out_.insert(out_.end(), head.begin(), head.end());
  state_ = State::Handshaking;
  last_rx_ms_ = now_ms;
  handshake_deadline_ =
      opts_.handshake_timeout_ms ? now_ms + opts_.handshake_timeout_ms : kNoDeadline;
  return {};
}

void WsEngine::on_bytes(std::span<uint8_t> in, uint64_t now_ms) {
  if (in.empty() || state_ == State::Closed || state_ == State::Idle) return;
  last_rx_ms_ = now_ms;
  if (state_ == State::Handshaking) {
    on_handshake_bytes(&in);
    if (state_ != State::Open) return;
    if (opts_.ping_interval_ms) next_ping_ms_ = now_ms + opts_.ping_interval_ms;
    on_event_(WsEvent{WsEvent::Kind::Open, {}, 0, {}, false, {}});
    if (state_ != State::Open || in.empty()) return;
  }
  on_frames(in, now_ms);
}

void WsEngine::on_handshake_bytes(std::span<uint8_t> *in) {
  // The parser stops at each event; loop until the 101 head is complete or input runs out.
  for (int guard = 0; guard < 1024 && state_ == State::Handshaking; ++guard) {
    const std::string_view text(reinterpret_cast<const char *>(in->data()), in->size());
    const auto step = http_.parse(text);
    *in = in->subspan(step.consumed);
    switch (step.event) {
      case http::MessageParser::Event::Head: {
        std::vector<HeaderField> fields;
        fields.reserve(http_.header_count());
        for (size_t i = 0; i < http_.header_count(); ++i) {
          const auto h = http_.header_at(i);
          fields.push_back({h.name, h.value});
        }
        const HandshakeError he = check_server_response(http_.status(), fields, key_);
        if (he == HandshakeError::NotSwitchingProtocols) {
          Error e =
              make_error(status_error(http_.status()),
                         "websocket handshake refused: HTTP " + std::to_string(http_.status()) +
                             " " + std::string(http_.reason()),
                         http_.status() >= 500 || http_.status() == 429);
          e.http_status = http_.status();
          fail_handshake(std::move(e));
          return;
        }
        if (he != HandshakeError::None) {
          fail_handshake(make_error(KALSHI_ERR_PROTOCOL,
                                    std::string("websocket handshake: ") + handshake_error_name(he),
                                    false));
          return;
        }
        break;
      }
      case http::MessageParser::Event::Complete:
        if (http_.status() != 101) break;  // a 1xx interim answer: the final one follows
        handshake_deadline_ = kNoDeadline;
        state_ = State::Open;
        return;
      case http::MessageParser::Event::Error:
        fail_handshake(
            make_error(KALSHI_ERR_PROTOCOL, "websocket handshake: bad HTTP response", false));
        return;
      case http::MessageParser::Event::Body:
      case http::MessageParser::Event::NeedMore:
        if (step.consumed == 0 && step.event == http::MessageParser::Event::NeedMore) return;
        break;
    }
    if (http_.complete()) http_.next_message();
  }
}

void WsEngine::on_frames(std::span<uint8_t> in, uint64_t now_ms) {
  size_t off = 0;
  while (state_ == State::Open || state_ == State::Closing) {
    size_t used = 0;
    const Message m = rx_.next(in.subspan(off), &used);
    off += used;
    if (m.kind == Message::Kind::None) return;
    if (!handle(m, now_ms)) return;
  }
}

bool WsEngine::handle(const Message &m, uint64_t now_ms) {
  switch (m.kind) {
    case Message::Kind::Text:
    case Message::Kind::Binary: {
      if (state_ != State::Open) return true;  // after our Close, data is read and dropped
      WsEvent ev;
      ev.kind = m.kind == Message::Kind::Text ? WsEvent::Kind::Text : WsEvent::Kind::Binary;
      ev.data = m.text();
      on_event_(ev);
      return true;
    }
    case Message::Kind::Ping:
      // Answered at once, so the pong goes out between the fragments of a message in progress.
      write_control(Opcode::Pong, m.payload);
      return true;
    case Message::Kind::Pong:
      return true;  // any byte already counted as a sign of life
    case Message::Kind::Close: {
      if (state_ == State::Closing) {
        // The peer answered our Close: a clean end of the handshake we started (ok Error).
        finish(m.close_code, m.close_reason, true, {});
        return false;
      }
      // The peer starts the close: echo its code, then end.
      if (m.close_code == close_code::kNoStatus) {
        out_.resize(out_.size() + 6);
        const size_t n = tx_.write_close_empty(std::span<uint8_t>(out_).last(6));
        out_.resize(out_.size() - 6 + n);
      } else {
        write_close(m.close_code, {});
      }
      finish(m.close_code, m.close_reason, true,
             make_error(KALSHI_ERR_DISCONNECTED,
                        "websocket closed by the peer: " + std::to_string(m.close_code) + " " +
                            std::string(m.close_reason),
                        true));
      return false;
    }
    case Message::Kind::Error: {
      const uint16_t code = close_code_for(m.error);
      write_close(code, ws_error_name(m.error));
      finish(code, ws_error_name(m.error), false,
             make_error(
                 KALSHI_ERR_PROTOCOL,
                 std::string("websocket protocol error from the peer: ") + ws_error_name(m.error),
                 true));
      return false;
    }
    case Message::Kind::None:
      break;
  }
  (void)now_ms;
  return false;
}

Error WsEngine::send_text(std::string_view text, uint64_t now_ms) {
  return send_data(Opcode::Text, bytes_of(text), now_ms);
}

Error WsEngine::send_binary(std::span<const uint8_t> bytes, uint64_t now_ms) {
  return send_data(Opcode::Binary, bytes, now_ms);
}

Error WsEngine::send_data(Opcode op, std::span<const uint8_t> payload, uint64_t now_ms) {
  (void)now_ms;
  if (state_ != State::Open) {
    return Error::make(
        state_ == State::Closed || state_ == State::Closing ? KALSHI_ERR_CLOSED : KALSHI_ERR_STATE,
        std::string("websocket is ") + ws_state_name(state_));
  }
  const size_t piece = opts_.send_fragment_size ? opts_.send_fragment_size : payload.size();
  size_t off = 0;
  bool first = true;
  do {
    const size_t n = std::min(piece, payload.size() - off);
    const bool fin = off + n == payload.size();
    const size_t at = out_.size();
    out_.resize(at + tx_.frame_size(n));
    const size_t w =
        tx_.write_frame(std::span<uint8_t>(out_).subspan(at), first ? op : Opcode::Continuation,
                        fin, n ? payload.subspan(off, n) : std::span<const uint8_t>());
    out_.resize(at + w);
    if (w == 0) return Error::make(KALSHI_ERR_INTERNAL, "websocket frame writer refused a frame");
    off += n;
    first = false;
  } while (off < payload.size());
  return {};
}

void WsEngine::write_control(Opcode op, std::span<const uint8_t> payload) {
  const size_t at = out_.size();
  out_.resize(at + tx_.frame_size(payload.size()));
  const size_t w = tx_.write_frame(std::span<uint8_t>(out_).subspan(at), op, true, payload);
  out_.resize(at + w);
}

void WsEngine::write_close(uint16_t code, std::string_view reason) {
  const size_t at = out_.size();
  out_.resize(at + tx_.frame_size(kMaxControlPayload));
  size_t w = tx_.write_close(std::span<uint8_t>(out_).subspan(at), code, reason);
  if (w == 0) w = tx_.write_close(std::span<uint8_t>(out_).subspan(at), close_code::kNormal, {});
  out_.resize(at + w);
}

void WsEngine::close(uint16_t code, std::string_view reason, uint64_t now_ms) {
  switch (state_) {
    case State::Idle:
    case State::Handshaking:
      finish(close_code::kAbnormal, "closed before open", false, {});
      return;
    case State::Open:
      if (!is_valid_wire_close_code(code) || reason.size() > kMaxControlPayload - 2 ||
          !is_valid_utf8(reason)) {
        code = close_code::kNormal;
        reason = {};
      }
      write_close(code, reason);
      sent_close_code_ = code;
      state_ = State::Closing;
      next_ping_ms_ = kNoDeadline;
      close_deadline_ = opts_.close_timeout_ms ? now_ms + opts_.close_timeout_ms : kNoDeadline;
      return;
    case State::Closing:
    case State::Closed:
      return;
  }
}

void WsEngine::on_timer(uint64_t now_ms) {
  if (state_ == State::Handshaking && now_ms >= handshake_deadline_) {
    fail_handshake(make_error(KALSHI_ERR_TIMEOUT, "websocket handshake timed out", true));
    return;
  }
  if (state_ == State::Closing && now_ms >= close_deadline_) {
    finish(sent_close_code_, "close handshake timed out", false,
           make_error(KALSHI_ERR_TIMEOUT, "websocket peer did not answer our Close", false));
    return;
  }
  if ((state_ == State::Open || state_ == State::Closing) && opts_.dead_after_ms &&
      now_ms >= last_rx_ms_ + opts_.dead_after_ms) {
    finish(close_code::kAbnormal, "peer silent", false,
           make_error(KALSHI_ERR_TIMEOUT,
                      "websocket peer silent for " + std::to_string(opts_.dead_after_ms) + " ms",
                      true));
    return;
  }
  if (state_ == State::Open && now_ms >= next_ping_ms_) {
    // The payload numbers the pings, which helps reading a packet capture.
    ++ping_seq_;
    uint8_t p[4];
    std::memcpy(p, &ping_seq_, sizeof p);
    write_control(Opcode::Ping, p);
    next_ping_ms_ = now_ms + opts_.ping_interval_ms;
  }
}

uint64_t WsEngine::next_deadline() const {
  switch (state_) {
    case State::Handshaking:
      return handshake_deadline_;
    case State::Open: {
      const uint64_t dead = opts_.dead_after_ms ? last_rx_ms_ + opts_.dead_after_ms : kNoDeadline;
      return std::min(dead, next_ping_ms_);
    }
    case State::Closing: {
      const uint64_t dead = opts_.dead_after_ms ? last_rx_ms_ + opts_.dead_after_ms : kNoDeadline;
      return std::min(dead, close_deadline_);
    }
    case State::Idle:
    case State::Closed:
      break;
  }
  return kNoDeadline;
}

void WsEngine::on_transport_closed(const Error &err) {
  if (state_ == State::Closed) return;
  Error e =
      err.ok() ? make_error(KALSHI_ERR_DISCONNECTED, "websocket connection dropped", true) : err;
  finish(close_code::kAbnormal, "connection dropped", false, std::move(e));
}

void WsEngine::fail_handshake(Error err) {
  finish(close_code::kAbnormal, "handshake failed", false, std::move(err));
}

void WsEngine::finish(uint16_t code, std::string_view reason, bool clean, Error err) {
  if (state_ == State::Closed) return;
  state_ = State::Closed;
  handshake_deadline_ = close_deadline_ = next_ping_ms_ = kNoDeadline;
  WsEvent ev;
  ev.kind = WsEvent::Kind::Closed;
  ev.close_code = code;
  ev.reason = reason;
  ev.clean = clean;
  ev.error = std::move(err);
  on_event_(ev);
}

}  // namespace kalshi::ws
