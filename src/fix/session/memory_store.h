// The in-memory Store, also the state the file store replays its log into.
#pragma once

#include <cstdint>

#include "fix/session/message_ring.h"
#include "fix/session/store.h"

namespace kalshi::fix {

// Holds everything a Store promises in memory. Byte bound as well as count bound, so a run of
// maximum-size messages cannot take gigabytes.
class MemoryStore : public Store {
 public:
  static constexpr size_t kMaxBytes = 256u * 1024 * 1024;

  explicit MemoryStore(size_t max_messages) : ring_(max_messages, kMaxBytes) {}

  uint64_t next_sender_seq() const override { return next_sender_; }
  uint64_t next_target_seq() const override { return next_target_; }
  Error set_next_sender_seq(uint64_t seq) override;
  Error set_next_target_seq(uint64_t seq) override;
  Error save(uint64_t seq, std::string_view msg_type, std::string_view body,
             std::string_view sending_time) override;
  void for_range(uint64_t begin, uint64_t end, const Visitor &fn) const override;
  Error reset() override;

  const MessageRing &ring() const { return ring_; }

 private:
  uint64_t next_sender_ = 1;
  uint64_t next_target_ = 1;
  MessageRing ring_;
};

}  // namespace kalshi::fix
