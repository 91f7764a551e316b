#include "http/client/loop_timer.h"

#include <utility>

namespace kalshi::http {

LoopTimer::LoopTimer(uv_loop_t *loop) : block_(new Block{}) {
  uv_timer_init(loop, &block_->timer);
  block_->timer.data = block_;
}

LoopTimer::~LoopTimer() {
  uv_timer_stop(&block_->timer);
  block_->fn = nullptr;
  uv_close(reinterpret_cast<uv_handle_t *>(&block_->timer),
           [](uv_handle_t *h) { delete static_cast<Block *>(h->data); });
}

void LoopTimer::start(uint64_t ms, std::function<void()> fn) {
  block_->fn = std::move(fn);
  uv_timer_start(&block_->timer, &LoopTimer::on_fire, ms, 0);
}

void LoopTimer::stop() {
  uv_timer_stop(&block_->timer);
  block_->fn = nullptr;
}

void LoopTimer::on_fire(uv_timer_t *t) {
  auto *b = static_cast<Block *>(t->data);
  // Moved out first: the callback may destroy the owner, which clears b->fn.
  std::function<void()> fn = std::move(b->fn);
  b->fn = nullptr;
  if (fn) fn();
}

}  // namespace kalshi::http
