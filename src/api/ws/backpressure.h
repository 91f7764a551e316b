// A bounded queue policy for decoded WebSocket messages waiting for the application
// (kalshi::wsapi). The queue never holds more than `capacity` entries, whatever the peer sends:
//   DropOldest: a push into a full queue evicts the oldest entry and counts it in dropped().
//   Resync:     a push into a full queue is refused; the caller gets Overflow naming the sid of
//               the refused message, must treat that sid as out of sync (clear its books,
//               get_snapshot or resubscribe), and may report KALSHI_ERR_OVERFLOW.
// The policy object is generic over the entry type so the glue can queue whatever it delivers
// (owned events); storage is a ring allocated once at construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace kalshi::wsapi {

enum class OverflowPolicy : uint8_t { DropOldest = 0, Resync = 1 };

enum class PushResult : uint8_t {
  Queued = 0,
  QueuedDroppedOldest,  // DropOldest: queued, the oldest entry was discarded
  Overflow,             // Resync: refused; resync the sid
};

template <typename T>
class BoundedQueue {
 public:
  BoundedQueue(size_t capacity, OverflowPolicy policy)
      : ring_(capacity == 0 ? 1 : capacity), policy_(policy) {}

  // `sid` is the subscription the entry belongs to (reported on Overflow; kAbsent-like values
  // are fine for unsubscribed traffic).
  PushResult push(T value, int64_t sid, int64_t *overflow_sid = nullptr) {
    if (size_ == ring_.size()) {
      if (policy_ == OverflowPolicy::Resync) {
        ++overflows_;
        if (overflow_sid) *overflow_sid = sid;
        return PushResult::Overflow;
      }
      head_ = (head_ + 1) % ring_.size();
      --size_;
      ++dropped_;
      ring_[(head_ + size_) % ring_.size()] = std::move(value);
      ++size_;
      return PushResult::QueuedDroppedOldest;
    }
    ring_[(head_ + size_) % ring_.size()] = std::move(value);
    ++size_;
    return PushResult::Queued;
  }

  std::optional<T> pop() {
    if (size_ == 0) return std::nullopt;
    T v = std::move(ring_[head_]);
    ring_[head_] = T{};
    head_ = (head_ + 1) % ring_.size();
    --size_;
    return v;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return ring_.size(); }
  bool empty() const { return size_ == 0; }
  OverflowPolicy policy() const { return policy_; }
  uint64_t dropped() const { return dropped_; }      // DropOldest evictions
  uint64_t overflows() const { return overflows_; }  // Resync refusals
  void clear() {
    while (pop()) {
    }
  }

 private:
  std::vector<T> ring_;
  OverflowPolicy policy_;
  size_t head_ = 0;
  size_t size_ = 0;
  uint64_t dropped_ = 0;
  uint64_t overflows_ = 0;
};

}  // namespace kalshi::wsapi
