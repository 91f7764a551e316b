// The application-facing event queue: many producers (the I/O thread, API calls), any number of
// polling consumers, a Linux eventfd that is readable while the queue is non-empty, and an
// optional wake-up callback for outside event loops.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "core/event.h"

namespace kalshi {

class EventQueue {
 public:
  using WakeupCb = void (*)(void *opaque);

  EventQueue();
  ~EventQueue();
  EventQueue(const EventQueue &) = delete;
  EventQueue &operator=(const EventQueue &) = delete;

  void push(EventPtr ev);
  // timeout_ms: 0 = no wait, <0 = forever. Returns nullptr on timeout.
  EventPtr pop(int timeout_ms);
  size_t pop_batch(kalshi_event **out, size_t max, int timeout_ms);
  size_t size() const;
  int wakeup_fd() const { return fd_; }
  void set_wakeup_cb(WakeupCb cb, void *opaque);

 private:
  bool wait_nonempty(std::unique_lock<std::mutex> &lock, int timeout_ms);
  void after_pop_locked();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<EventPtr> events_;
  int fd_ = -1;
  bool fd_signalled_ = false;
  WakeupCb wakeup_cb_ = nullptr;
  void *wakeup_opaque_ = nullptr;
};

}  // namespace kalshi
