// A one-shot libuv timer owned by a plain C++ object. The uv handle must outlive the owner until
// libuv has closed it, so it lives in a small heap block that frees itself in its close callback;
// destroying a LoopTimer (even from inside its own callback) is therefore always safe.
// Loop thread only.
#pragma once

#include <uv.h>

#include <cstdint>
#include <functional>

namespace kalshi::http {

class LoopTimer {
 public:
  explicit LoopTimer(uv_loop_t *loop);
  ~LoopTimer();
  LoopTimer(const LoopTimer &) = delete;
  LoopTimer &operator=(const LoopTimer &) = delete;

  // (Re)arms the timer; `fn` runs once after `ms` unless stop() or the destructor comes first.
  void start(uint64_t ms, std::function<void()> fn);
  void stop();

 private:
  struct Block {
    uv_timer_t timer;
    std::function<void()> fn;
  };
  static void on_fire(uv_timer_t *t);
  Block *block_;
};

}  // namespace kalshi::http
