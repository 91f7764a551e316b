// A WebSocket client over net::Connection on a net::Runtime: drives a WsEngine with the stream's
// bytes and the loop's timers, reconnects with full-jitter backoff, and queues outgoing messages
// from any thread. Kalshi semantics (channels, subscriptions, books) live above, in src/api/ws.
//
//   auto c = WsClient::create(rt, opts, handlers);
//   c->start();                       // any thread
//   c->send_text("{...}");            // any thread; queued, sent in order on the loop
//   c->close();                       // any thread; ends with on_state(Closed) and on_closed()
//
// Handlers run on the loop thread, never inside start()/send_text()/close(). on_state(Open) runs
// after every successful (re)connect, so the upper layer resubscribes there.
//
// Decisions:
//  - auth_headers is called afresh before every connect (Kalshi signatures carry a timestamp);
//    an error from it ends the client (Closed) instead of retrying: a bad key does not heal;
//  - the outbound queue holds messages until the connection is Open; on a disconnect the unsent
//    queue is dropped (it belonged to the lost session; the upper layer resends on Open);
//  - after a failure the client reconnects unless reconnect is off or the failure cannot heal by
//    retrying (HTTP 401/403 on the handshake, untrusted certificate, wrong host name, pin
//    mismatch, host not allowed);
//  - the backoff restarts from its base once a reconnected session delivers its first message,
//    so a server that accepts and drops at once is still retried with growing delays.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "net/backoff.h"
#include "net/connection.h"
#include "net/runtime.h"
#include "ws/conn/ws_engine.h"

namespace kalshi::ws {

struct WsClientOptions {
  net::ConnectOptions connect;  // host, port, TLS, connect deadline
  std::string path = "/";       // request target
  // Extra handshake headers, called on the loop thread before EVERY connect.
  std::function<Error(std::vector<std::pair<std::string, std::string>> *headers)> auth_headers;
  Limits limits;
  uint64_t ping_interval_ms = 10000;
  uint64_t dead_after_ms = 30000;
  uint64_t handshake_timeout_ms = 10000;
  uint64_t close_timeout_ms = 5000;
  size_t send_fragment_size = 0;  // 0: one frame per message
  bool reconnect = true;
  uint64_t backoff_base_ms = 500;
  uint64_t backoff_max_ms = 30000;
  net::Backoff::Uniform backoff_uniform;  // tests pin the jitter; empty: random
  size_t max_outbound_queue = 4096;       // messages waiting to be sent
};

class WsClient : public std::enable_shared_from_this<WsClient>, private net::Closable {
 public:
  enum class State : uint8_t { Idle, Connecting, Open, Reconnecting, Closed };

  struct StateChange {
    State state = State::Idle;
    Error error;            // why we left Open / why we are Closed (ok for a requested close)
    uint32_t attempt = 0;   // Reconnecting: 1 for the first retry
    uint64_t delay_ms = 0;  // Reconnecting: wait before the attempt
  };

  struct Handlers {
    std::function<void(const StateChange &)> on_state;
    std::function<void(std::string_view text)> on_text;  // valid during the call
    std::function<void(const Error &err)> on_closed;     // once, at the very end
  };

  static std::shared_ptr<WsClient> create(net::Runtime *rt, WsClientOptions opts,
                                          Handlers handlers);
  ~WsClient() override;
  WsClient(const WsClient &) = delete;
  WsClient &operator=(const WsClient &) = delete;

  // Any thread. KALSHI_ERR_STATE when already started, KALSHI_ERR_CLOSED after close.
  Error start();
  // Any thread. Copies text into the queue. KALSHI_ERR_CLOSED after close(),
  // KALSHI_ERR_OVERFLOW when max_outbound_queue messages are already waiting.
  Error send_text(std::string text);
  // Any thread, idempotent: close handshake (1000), then the stream; ends in Closed with
  // on_state(Closed) and on_closed(ok). A client never started just becomes Closed, with no
  // callbacks.
  void close();

  // Thread-safe snapshot.
  State state() const;
  // Connects made so far (the first one included).
  uint32_t connects() const;

 private:
  WsClient(net::Runtime *rt, WsClientOptions opts, Handlers handlers);

  // net::Closable: the runtime is shutting down.
  void begin_close() override;
  void force_close() override;

  void connect();  // loop thread
  void on_engine_event(const WsEvent &ev);
  void on_connected();
  void on_data(const uint8_t *data, size_t len);
  void on_stream_closed(const Error &err);
  void after_engine();  // sends the engine's output, closes the stream when it ended, re-arms
  void arm_timer();
  static void on_timer(uv_timer_t *t);
  static void on_timer_closed(uv_handle_t *h);
  void drain_queue();
  void close_on_loop();
  void set_state(State s, const Error &err, uint32_t attempt = 0, uint64_t delay_ms = 0);
  void finish(const Error &err);
  static bool heals_by_retry(const Error &err);
  static uint64_t now_ms();

  net::Runtime *rt_;
  WsClientOptions opts_;
  Handlers handlers_;
  net::Backoff backoff_;

  // Loop thread only.
  std::shared_ptr<net::Connection> conn_;
  std::unique_ptr<WsEngine> engine_;
  uv_timer_t timer_{};              // engine deadlines and the reconnect delay
  bool timer_live_ = false;         // timer_ initialised and not yet closed
  bool waiting_reconnect_ = false;  // timer_ runs the reconnect delay
  bool got_message_ = false;        // the current session delivered a message
  Error last_error_;                // why the current session ended
  std::vector<uint8_t> rx_;         // reused receive buffer (the engine unmasks in place)
  std::shared_ptr<WsClient> self_;  // alive from start() until Closed
  bool registered_ = false;         // added to the runtime's closables
  bool finished_ = false;           // finish() ran: Closed was reported

  // Shared with other threads.
  mutable std::mutex mu_;
  State state_ = State::Idle;
  bool closing_ = false;  // close() asked
  bool started_ = false;
  uint32_t connects_ = 0;
  std::deque<std::string> queue_;
  bool drain_posted_ = false;
};

const char *ws_client_state_name(WsClient::State s);

}  // namespace kalshi::ws
