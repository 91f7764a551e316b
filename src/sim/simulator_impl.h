// Simulator internals shared by simulator.cpp (start/stop, listeners, streams, clock) and
// simulator_commands.cpp (what the C API asks of the exchange). Loop-thread state unless noted.
#pragma once

#include <uv.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "net/runtime.h"
#include "sim/exchange/activity.h"
#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"
#include "sim/fix/fix_app.h"
#include "sim/fix/gateway.h"
#include "sim/key_directory.h"
#include "sim/net/stream_server.h"
#include "sim/rest/rest_front_end.h"  // r5: REST front end
#include "sim/simulator.h"
#include "sim/ws/ws_front_end.h"  // w3: WebSocket front end

namespace kalshi::sim {

// What the sim.* properties asked for, checked.
struct SimOptions {
  uint64_t seed = 1;
  std::string markets_json;  // empty: the built-in set
  bool tls = true;
  bool plain = true;
  std::string host = "127.0.0.1";
  std::map<std::string, uint16_t, std::less<>> ports;  // endpoint (".tls" suffix for TLS) -> port
  bool manual_clock = false;
  int64_t start_ms = 0;
  int64_t tick_ms = 50;
  bool activity = false;
  int64_t activity_rate = 5;
  Money balance = 1000 * kDollar;
  int64_t confirm_window_ms = 30000;
};
Error read_sim_options(const Conf &conf, SimOptions *out);

// One accepted stream: the FIX connection running on it and the timer that wakes it at its next
// deadline. Deleted from the timer's close callback once the stream has closed.
struct SimLink final : FixTransport {
  SimLink(Simulator::Impl *o, std::shared_ptr<ServerStream> s) : owner(o), stream(std::move(s)) {}
  void write(std::string_view bytes) override {
    (void)stream->write(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  }
  void close() override { stream->close(); }
  void abort() override { stream->abort(); }

  Simulator::Impl *owner;
  std::shared_ptr<ServerStream> stream;
  std::unique_ptr<FixConnection> conn;
  uv_timer_t timer{};
};

struct Simulator::Impl final : net::Closable {
  struct Listener {
    std::string name;  // "fix.nr" or "fix.nr.tls"
    fix::Product product = fix::Product::Prediction;
    fix::SessionKind kind = fix::SessionKind::NR;
    bool tls = false;
    std::shared_ptr<StreamServer> server;
    uint16_t port = 0;
  };

  SimOptions opts;
  // Declared first so it is destroyed last: every component below is used on its loop only.
  net::Runtime runtime{net::Runtime::Mode::Thread};
  bool runtime_started = false;
  std::unique_ptr<Exchange> exchange;
  std::unique_ptr<RfqDesk> rfq;
  std::unique_ptr<ActivityGenerator> activity;
  std::unique_ptr<FixApp> app;
  SimKeyDirectory keys;
  std::unique_ptr<FixGateway> gateway;
  // r5: the REST front end (listeners "rest" and "rest.tls"); built right after the exchange.
  std::unique_ptr<RestFrontEnd> rest_front;
  // w3: the WebSocket front end (listeners "ws" and "ws.tls"); built right after the exchange.
  std::unique_ptr<wsfront::WsFrontEnd> ws_front;
  std::shared_ptr<TlsServerConfig> tls_config;
  std::string ca_dir;
  std::string ca_file;
  // Filled before start() returns and read-only afterwards, so ports can be read from any thread.
  std::vector<Listener> listeners;
  std::set<SimLink *> links;
  uv_timer_t clock_timer{};
  bool clock_timer_live = false;
  int64_t exchange_now = 0;
  std::atomic<int64_t> exchange_now_mirror{0};  // any thread: now_ms after the loop ended
  bool activity_on = false;
  bool books_seeded = false;
  uint64_t next_order_number = 0;
  std::atomic<bool> stop_requested{false};

  ~Impl() override;

  // Loop thread: binds the listeners and starts the clock.
  Error setup_loop();
  void accept(const Listener &l, std::shared_ptr<ServerStream> stream);
  void drop_link(SimLink *link);
  void rearm(SimLink *link);
  void rearm_all();
  void on_clock();
  void set_exchange_time(int64_t t);
  // Turns the activity generator on or off; the first time on, it seeds every book.
  void enable_activity(bool on);
  void logout_all(std::string_view text);
  void begin_close() override;
  void force_close() override;

  // Runs fn on the loop and returns its result; false (and *out untouched) once the loop no longer
  // takes work. Exceptions from fn are rethrown here (the C API's guard catches them).
  template <typename T, typename Fn>
  bool call(Fn &&fn, T *out) {
    if (runtime.on_loop_thread()) {
      *out = fn();
      rearm_all();
      return true;
    }
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> result = promise->get_future();
    const bool posted = runtime.post([this, promise, f = std::forward<Fn>(fn)]() mutable {
      try {
        promise->set_value(f());
        rearm_all();
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    });
    if (!posted) return false;
    try {
      *out = result.get();
    } catch (const std::future_error &) {
      return false;  // dropped unrun while the loop shut down
    }
    return true;
  }
  // call() for commands that answer an Error: KALSHI_ERR_CLOSED once stopped.
  template <typename Fn>
  Error command(Fn &&fn) {
    Error e;
    if (!call<Error>(std::forward<Fn>(fn), &e)) {
      return Error::make(KALSHI_ERR_CLOSED, "the simulator is stopped");
    }
    return e;
  }
};

// The session clock that FIX connections and their timers run on: wall-clock Unix ms, since the
// acceptor checks the clients' SendingTime(52) against it.
int64_t session_now_ms();

}  // namespace kalshi::sim
