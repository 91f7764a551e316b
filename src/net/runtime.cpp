#include "net/runtime.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>

namespace kalshi::net {

// libuv writes to sockets with write(2), so a peer that has gone away raises SIGPIPE in the
// writing thread, and its default action ends the whole process. The library must never do that
// to its host: the I/O thread blocks the signal (the write then fails with EPIPE, which the
// connection reports). In caller mode the application's thread writes; there the disposition is
// changed to "ignore", but only while it is still the default, so an application's own handler
// is kept.
static void block_sigpipe_in_this_thread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

static void ignore_sigpipe_if_default() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) != 0) return;
  if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) return;
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, nullptr);
}

Runtime::Runtime(Mode mode) : mode_(mode) {}

Runtime::~Runtime() {
  if (mode_ == Mode::Thread) {
    if (thread_.joinable()) {
      begin_close(0, nullptr);
      // The last reference can in principle drop on the loop thread itself; it cannot join itself.
      if (on_loop_thread()) {
        thread_.detach();
      } else {
        thread_.join();
      }
    }
  } else if (loop_ready_ && !closed_) {
    // Caller mode with nobody driving the loop any more: finish the close on this thread.
    begin_close(0, nullptr);
    while (!closed_) run(-1);
  }
}

Error Runtime::start() {
  if (int rc = uv_loop_init(&loop_); rc != 0) {
    return Error::make(KALSHI_ERR_INTERNAL, std::string("uv_loop_init: ") + uv_strerror(rc));
  }
  loop_.data = this;
  async_.data = this;
  grace_timer_.data = this;
  uv_async_init(&loop_, &async_, &Runtime::on_async);
  uv_timer_init(&loop_, &grace_timer_);
  loop_ready_ = true;
  if (mode_ == Mode::Caller) ignore_sigpipe_if_default();
  if (mode_ == Mode::Thread) {
    try {
      thread_ = std::thread([this] { thread_main(); });
    } catch (const std::system_error &ex) {
      uv_close(reinterpret_cast<uv_handle_t *>(&async_), nullptr);
      uv_close(reinterpret_cast<uv_handle_t *>(&grace_timer_), nullptr);
      uv_run(&loop_, UV_RUN_DEFAULT);
      uv_loop_close(&loop_);
      loop_ready_ = false;
      closed_ = true;
      return Error::make(KALSHI_ERR_INTERNAL, std::string("cannot start I/O thread: ") + ex.what());
    }
  }
  return Error{};
}

bool Runtime::on_loop_thread() const {
  return loop_thread_id_.load() == std::this_thread::get_id();
}

bool Runtime::post(std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(post_mu_);
  if (!accepting_) return false;
  posted_.push_back(std::move(fn));
  // Sent under the lock: finalize() flips accepting_ under it before closing the async handle, so
  // a send can never reach a closed handle (libuv aborts when its wake-up write fails).
  uv_async_send(&async_);
  return true;
}

void Runtime::on_async(uv_async_t *h) {
  static_cast<Runtime *>(h->data)->drain_posted();
}

void Runtime::drain_posted() {
  {
    std::lock_guard<std::mutex> lock(post_mu_);
    running_.swap(posted_);
  }
  for (auto &fn : running_) fn();
  running_.clear();  // keeps capacity: no allocation per wake-up in steady state
}

void Runtime::add_closable(Closable *c) {
  closables_.push_back(c);
  // Registered after the close started: it must not outlive the loop.
  if (closing_) c->begin_close();
}

void Runtime::remove_closable(Closable *c) {
  closables_.erase(std::remove(closables_.begin(), closables_.end(), c), closables_.end());
}

void Runtime::for_each_closable(void (*fn)(Closable *)) {
  // Over a copy, since closing one may add or remove others; and each one is looked up again
  // first, because closing one may free another (a WebSocket client releasing its connection).
  const std::vector<Closable *> snapshot = closables_;
  for (Closable *c : snapshot) {
    if (std::find(closables_.begin(), closables_.end(), c) != closables_.end()) fn(c);
  }
}

void Runtime::begin_close(int grace_ms, std::function<void()> on_closed) {
  if (closing_.exchange(true)) return;
  grace_ms_ = grace_ms < 0 ? 0 : grace_ms;
  on_closed_ = std::move(on_closed);
  if (!post([this] { close_phase(); })) {
    // Already torn down (start failed): nothing is running.
    mark_closed();
  }
}

void Runtime::close_phase() {
  // From here the loop ends as soon as the closables' handles are gone: our own handles stop
  // keeping it alive.
  uv_unref(reinterpret_cast<uv_handle_t *>(&async_));
  for_each_closable([](Closable *c) { c->begin_close(); });
  uv_timer_start(&grace_timer_, &Runtime::on_grace_timer, static_cast<uint64_t>(grace_ms_), 0);
  uv_unref(reinterpret_cast<uv_handle_t *>(&grace_timer_));
}

void Runtime::on_grace_timer(uv_timer_t *t) {
  auto *self = static_cast<Runtime *>(t->data);
  self->for_each_closable([](Closable *c) { c->force_close(); });
}

void Runtime::thread_main() {
  block_sigpipe_in_this_thread();
  loop_thread_id_ = std::this_thread::get_id();
  uv_run(&loop_, UV_RUN_DEFAULT);
  finalize();
}

void Runtime::finalize() {
  // Stop accepting work, then run what was posted meanwhile: such work sees closing() and fails
  // its request with an event instead of silently vanishing.
  {
    std::lock_guard<std::mutex> lock(post_mu_);
    accepting_ = false;
  }
  drain_posted();
  for_each_closable([](Closable *c) { c->force_close(); });
  if (on_closed_) {
    auto cb = std::move(on_closed_);
    cb();
  }
  uv_close(reinterpret_cast<uv_handle_t *>(&async_), nullptr);
  uv_close(reinterpret_cast<uv_handle_t *>(&grace_timer_), nullptr);
  uv_run(&loop_, UV_RUN_DEFAULT);
  if (uv_loop_close(&loop_) == UV_EBUSY) {
    // A handle escaped its owner's close: close it here rather than leak the loop.
    uv_walk(
        &loop_,
        [](uv_handle_t *h, void *) {
          if (!uv_is_closing(h)) uv_close(h, nullptr);
        },
        nullptr);
    uv_run(&loop_, UV_RUN_DEFAULT);
    uv_loop_close(&loop_);
  }
  mark_closed();
}

void Runtime::mark_closed() {
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    closed_ = true;
  }
  done_cv_.notify_all();
}

kalshi_err_t Runtime::run(int timeout_ms) {
  if (mode_ != Mode::Caller) return KALSHI_ERR_WRONG_MODE;
  if (closed_) return KALSHI_ERR_CLOSED;
  loop_thread_id_ = std::this_thread::get_id();
  if (timeout_ms == 0) {
    uv_run(&loop_, UV_RUN_NOWAIT);
  } else if (timeout_ms < 0) {
    uv_run(&loop_, UV_RUN_DEFAULT);
  } else {
    // A one-shot timer bounds the blocking poll of a single iteration.
    uv_timer_t deadline;
    uv_timer_init(&loop_, &deadline);
    uv_timer_start(
        &deadline, [](uv_timer_t *) {}, static_cast<uint64_t>(timeout_ms), 0);
    uv_run(&loop_, UV_RUN_ONCE);
    uv_close(reinterpret_cast<uv_handle_t *>(&deadline), nullptr);
    // One more non-blocking pass runs the close callback, so `deadline` may leave scope.
    uv_run(&loop_, UV_RUN_NOWAIT);
  }
  if (closing_ && !uv_loop_alive(&loop_)) {
    finalize();
  }
  return closed_ ? KALSHI_ERR_CLOSED : KALSHI_OK;
}

bool Runtime::wait_closed(int timeout_ms) {
  if (mode_ == Mode::Caller) return closed_;
  std::unique_lock<std::mutex> lock(done_mu_);
  if (timeout_ms < 0) {
    done_cv_.wait(lock, [this] { return closed_.load(); });
  } else {
    done_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return closed_.load(); });
  }
  const bool done = closed_;
  lock.unlock();
  if (done && thread_.joinable() && !on_loop_thread()) thread_.join();
  return done;
}

}  // namespace kalshi::net
