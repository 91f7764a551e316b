// The client's libuv loop, in "thread" or "caller" mode, and the thread-safe way into it.
#pragma once

#include <uv.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"

namespace kalshi::net {

// Something on the loop that must be shut down when the client closes (a connection, a timer
// owner). begin_close() runs on the loop thread; the object closes its uv handles, and the loop
// ends once every handle is closed.
// When the grace period runs out, force_close() must close the handles at once (no TLS
// close_notify, no flushing). Both run at most once each per object and never after the object
// called remove_closable().
class Closable {
 public:
  virtual ~Closable() = default;
  virtual void begin_close() = 0;
  virtual void force_close() = 0;
};

class Runtime {
 public:
  enum class Mode { Thread, Caller };

  explicit Runtime(Mode mode);
  ~Runtime();
  Runtime(const Runtime &) = delete;
  Runtime &operator=(const Runtime &) = delete;

  // Initialises the loop and, in thread mode, starts the I/O thread.
  Error start();

  Mode mode() const { return mode_; }
  // Use only on the loop thread (inside posted work or uv callbacks).
  uv_loop_t *loop() { return &loop_; }
  bool on_loop_thread() const;

  // Thread-safe: runs fn on the loop thread (in caller mode: during the next run()). Returns false
  // once the runtime is closing, in which case fn is dropped without being run.
  bool post(std::function<void()> fn);

  // Caller mode: drives the loop. See kalshi_client_run.
  kalshi_err_t run(int timeout_ms);

  // Loop thread only: objects to close when the runtime closes.
  void add_closable(Closable *c);
  void remove_closable(Closable *c);

  // Thread-safe, idempotent. Starts the graceful close: closables are asked to close; after
  // `grace_ms` every remaining handle is closed forcibly. `on_closed` runs on the loop thread once
  // the loop has no handles left (exactly once, for the first call).
  void begin_close(int grace_ms, std::function<void()> on_closed);
  // Thread mode: waits up to timeout_ms (-1 forever) for the loop thread to end. Caller mode:
  // returns whether the loop has ended. Never call on the loop thread.
  bool wait_closed(int timeout_ms);
  bool closing() const { return closing_.load(); }
  bool closed() const { return closed_.load(); }

 private:
  static void on_async(uv_async_t *h);
  static void on_grace_timer(uv_timer_t *t);
  void drain_posted();
  void close_phase();
  void thread_main();
  // Loop thread, after uv_run returned with only our own (unreferenced) handles left.
  void finalize();
  void mark_closed();

  Mode mode_;
  uv_loop_t loop_{};
  uv_async_t async_{};
  uv_timer_t grace_timer_{};
  bool loop_ready_ = false;
  bool accepting_ = true;  // guarded by post_mu_: false once the loop is being torn down
  std::thread thread_;
  std::atomic<std::thread::id> loop_thread_id_{};

  std::mutex post_mu_;
  std::vector<std::function<void()>> posted_;
  std::vector<std::function<void()>> running_;  // swapped with posted_, reused to avoid allocation

  // Calls fn on every registered closable that is still registered when its turn comes.
  void for_each_closable(void (*fn)(Closable *));
  std::vector<Closable *> closables_;
  std::atomic<bool> closing_{false};
  std::atomic<bool> closed_{false};
  int grace_ms_ = 0;
  std::function<void()> on_closed_;

  std::mutex done_mu_;
  std::condition_variable done_cv_;
};

}  // namespace kalshi::net
