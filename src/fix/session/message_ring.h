// The sent-message history both stores keep in memory: one reusable byte arena plus a small index
// entry per message, so saving a message copies its bytes but allocates nothing once the arena
// and index have grown to their working size. Bounded by count and bytes, oldest dropped first
// (a ResendRequest for a dropped message is answered with a gap fill).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "fix/codec/buffer.h"
#include "fix/session/store.h"

namespace kalshi::fix {

class MessageRing {
 public:
  MessageRing(size_t max_messages, size_t max_bytes);

  // Seqs must increase; a seq at or below the newest first drops the entries it supersedes
  // (the sender sequence was moved back).
  void add(uint64_t seq, std::string_view msg_type, std::string_view body,
           std::string_view sending_time);
  void drop_from(uint64_t seq);  // forgets every entry with seq >= seq
  void clear();
  void for_range(uint64_t begin, uint64_t end, const Store::Visitor &fn) const;

  size_t size() const { return count_; }
  size_t live_bytes() const { return live_bytes_; }

 private:
  struct Entry {
    uint64_t seq;
    uint64_t offset;  // logical offset of msg_type; sending_time and body follow
    uint32_t body_len;
    uint8_t type_len;
    uint8_t time_len;
  };
  void drop_oldest();
  std::string_view at(uint64_t logical, size_t len) const;
  // The index is a ring over a power-of-two vector: push and pop at both ends without a node
  // allocation per message (std::deque allocates a block every few dozen entries).
  Entry &entry(size_t i) { return slots_[(head_ + i) & (slots_.size() - 1)]; }
  const Entry &entry(size_t i) const { return slots_[(head_ + i) & (slots_.size() - 1)]; }
  void push_entry(const Entry &e);

  size_t max_messages_;
  size_t max_bytes_;
  Buffer arena_;
  uint64_t base_ = 0;  // logical offset of arena_.data()[0]; grows as the front is reclaimed
  std::vector<Entry> slots_;
  size_t head_ = 0;
  size_t count_ = 0;
  size_t live_bytes_ = 0;
};

}  // namespace kalshi::fix
