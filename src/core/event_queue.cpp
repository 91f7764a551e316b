#include "core/event_queue.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>

namespace kalshi {

EventQueue::EventQueue() { fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

EventQueue::~EventQueue() {
  if (fd_ >= 0) close(fd_);
}

void EventQueue::push(EventPtr ev) {
  WakeupCb cb = nullptr;
  void *opaque = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const bool was_empty = events_.empty();
    events_.push_back(std::move(ev));
    if (was_empty) {
      if (fd_ >= 0 && !fd_signalled_) {
        const uint64_t one = 1;
        // Cannot fail short of a counter overflow; the flag keeps the counter at most 1.
        if (write(fd_, &one, sizeof one) == sizeof one) fd_signalled_ = true;
      }
      cb = wakeup_cb_;
      opaque = wakeup_opaque_;
    }
  }
  cv_.notify_one();
  // Outside the lock: no library lock is held while user code runs.
  if (cb != nullptr) cb(opaque);
}

bool EventQueue::wait_nonempty(std::unique_lock<std::mutex> &lock, int timeout_ms) {
  if (!events_.empty()) return true;
  if (timeout_ms == 0) return false;
  if (timeout_ms < 0) {
    cv_.wait(lock, [this] { return !events_.empty(); });
    return true;
  }
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return !events_.empty(); });
}

void EventQueue::after_pop_locked() {
  if (events_.empty() && fd_signalled_) {
    uint64_t value = 0;
    if (read(fd_, &value, sizeof value) == sizeof value) fd_signalled_ = false;
  }
}

EventPtr EventQueue::pop(int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!wait_nonempty(lock, timeout_ms)) return nullptr;
  EventPtr ev = std::move(events_.front());
  events_.pop_front();
  after_pop_locked();
  return ev;
}

size_t EventQueue::pop_batch(kalshi_event **out, size_t max, int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  if (max == 0 || !wait_nonempty(lock, timeout_ms)) return 0;
  size_t n = 0;
  while (n < max && !events_.empty()) {
    out[n++] = events_.front().release();
    events_.pop_front();
  }
  after_pop_locked();
  return n;
}

size_t EventQueue::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

void EventQueue::set_wakeup_cb(WakeupCb cb, void *opaque) {
  bool fire = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wakeup_cb_ = cb;
    wakeup_opaque_ = opaque;
    fire = cb != nullptr && !events_.empty();
  }
  // Events already waiting would otherwise never trigger the new callback.
  if (fire) cb(opaque);
}

}  // namespace kalshi
