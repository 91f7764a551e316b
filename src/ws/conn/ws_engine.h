// The WebSocket client connection engine (sans-I/O): fed received bytes and the time, it produces
// bytes to send and events. It owns the opening handshake (request, 101 check, accept check), the
// message layer (MessageAssembler), pings and pongs, keepalive and dead-peer detection, and the
// close handshake in both directions. The driver (ws_client.h, or a test) moves bytes and time:
//
//   WsEngine e(opts, [&](const WsEvent &ev) { ... });
//   e.start({host, path, headers}, now);      // request bytes are now in e.output()
//   send(e.output()); e.clear_output();
//   on every read:  e.on_bytes(buf, now);     then send(e.output()); e.clear_output();
//   at e.next_deadline():  e.on_timer(now);   then send ...
//   on transport EOF/error:  e.on_transport_closed(err);
//   once e.closed(): close the transport (after sending the output).
//
// Events run inside the call that caused them; a handler may call send_text() and close()
// (their bytes are appended to output()). Text/Binary views are valid during the callback only.
//
// Decisions where RFC 6455 leaves a choice:
//  - a protocol failure by the peer (bad frame, bad close code, bad UTF-8, a message over the
//    limits) sends our Close (1002 / 1007 / 1009) and ends the engine at once (Closed, not clean)
//    rather than waiting for the peer's answering Close: a broken peer is not trusted to answer;
//  - when the peer starts the close handshake we echo its code (an empty Close when it sent none)
//    and the engine is Closed; the driver then closes the TCP stream;
//  - any received byte counts as a sign of life for dead_after_ms (not just pongs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "http/parse/response_parser.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"

namespace kalshi::ws {

inline constexpr uint64_t kNoDeadline = UINT64_MAX;

struct EngineOptions {
  Limits limits;                          // received frame and message sizes (over: close 1009)
  uint64_t ping_interval_ms = 10000;      // our keepalive ping period; 0: never ping
  uint64_t dead_after_ms = 30000;         // silence after which the peer is dead; 0: never
  uint64_t handshake_timeout_ms = 10000;  // from start() to a checked 101
  uint64_t close_timeout_ms = 5000;       // wait for the peer's answering Close
  size_t send_fragment_size = 0;  // split outgoing messages into frames of this size; 0: never
};

struct HandshakeRequest {
  std::string host;  // the Host header value (with ":port" when not the scheme's default)
  std::string path;  // request target, e.g. "/trade-api/ws/v2"
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. KALSHI-ACCESS-*
};

struct WsEvent {
  enum class Kind : uint8_t { Open, Text, Binary, Closed };
  Kind kind = Kind::Open;
  std::string_view data;    // Text / Binary: valid during the callback only
  uint16_t close_code = 0;  // Closed: the peer's code (or ours when we failed it); 1006: dropped
  std::string_view reason;  // Closed: the close reason
  bool clean = false;       // Closed: the close handshake completed
  Error error;              // Closed: ok only for a close we asked for and the peer answered
};

// Fills out[n] with random bytes (handshake nonce, mask keys).
using RandomFill = std::function<void(uint8_t *out, size_t n)>;

class WsEngine {
 public:
  enum class State : uint8_t { Idle, Handshaking, Open, Closing, Closed };
  using EventHandler = std::function<void(const WsEvent &)>;

  // random defaults to the library's CTR-DRBG (crypto/drbg.h).
  WsEngine(const EngineOptions &opts, EventHandler on_event, RandomFill random = {});
  WsEngine(const WsEngine &) = delete;
  WsEngine &operator=(const WsEngine &) = delete;

  // Builds the upgrade request into output(). KALSHI_ERR_STATE when not Idle,
  // KALSHI_ERR_INVALID_ARG when a header holds CR/LF or host/path is unusable.
  Error start(const HandshakeRequest &req, uint64_t now_ms);
  // Received bytes (unmasked in place, hence mutable). Emits events.
  void on_bytes(std::span<uint8_t> in, uint64_t now_ms);
  // Queues one text message (fragmented per send_fragment_size). KALSHI_ERR_STATE unless Open.
  Error send_text(std::string_view text, uint64_t now_ms);
  Error send_binary(std::span<const uint8_t> bytes, uint64_t now_ms);
  // Starts the close handshake (Open), or ends at once (Idle/Handshaking). An invalid code or a
  // reason over 123 bytes is replaced by 1000 and an empty reason. Idempotent.
  void close(uint16_t code, std::string_view reason, uint64_t now_ms);
  // Keepalive pings and the timeouts; call at next_deadline() (calling early is harmless).
  void on_timer(uint64_t now_ms);
  // The earliest time on_timer() has work, or kNoDeadline.
  uint64_t next_deadline() const;
  // The transport ended (EOF, reset, TLS failure). Emits Closed unless already closed.
  void on_transport_closed(const Error &err);

  // Bytes to send, in order; the driver sends them and then calls clear_output().
  std::span<const uint8_t> output() const { return out_; }
  void clear_output() { out_.clear(); }

  State state() const { return state_; }
  bool closed() const { return state_ == State::Closed; }

 private:
  static void mask_source(void *ctx, uint8_t key[4]);
  void random_bytes(uint8_t *out, size_t n);
  void on_handshake_bytes(std::span<uint8_t> *in);
  void on_frames(std::span<uint8_t> in, uint64_t now_ms);
  bool handle(const Message &m, uint64_t now_ms);
  Error send_data(Opcode op, std::span<const uint8_t> payload, uint64_t now_ms);
  void write_control(Opcode op, std::span<const uint8_t> payload);
  void write_close(uint16_t code, std::string_view reason);
  // Ends the engine and emits Closed.
  void finish(uint16_t code, std::string_view reason, bool clean, Error err);
  void fail_handshake(Error err);

  EngineOptions opts_;
  EventHandler on_event_;
  RandomFill random_;
  uint8_t pool_[64] = {};  // random bytes drawn in bulk for mask keys
  size_t pool_left_ = 0;

  State state_ = State::Idle;
  std::string key_;  // Sec-WebSocket-Key sent
  http::ResponseParser http_;
  MessageAssembler rx_;
  FrameWriter tx_;
  std::vector<uint8_t> out_;

  uint64_t handshake_deadline_ = kNoDeadline;
  uint64_t last_rx_ms_ = 0;
  uint64_t next_ping_ms_ = kNoDeadline;
  uint64_t close_deadline_ = kNoDeadline;
  uint16_t sent_close_code_ = 0;
  uint32_t ping_seq_ = 0;
};

const char *ws_state_name(WsEngine::State s);

}  // namespace kalshi::ws
