#include "fix/session/memory_store.h"

namespace kalshi::fix {

namespace {
Error bad_seq() {
  return Error::make(KALSHI_ERR_INVALID_ARG, "sequence numbers start at 1");
}
}  // namespace

Error MemoryStore::set_next_sender_seq(uint64_t seq) {
  if (seq == 0) return bad_seq();
  // Messages at or above the new next seq can never be resent under that number again.
  if (seq < next_sender_) ring_.drop_from(seq);
  next_sender_ = seq;
  return {};
}

Error MemoryStore::set_next_target_seq(uint64_t seq) {
  if (seq == 0) return bad_seq();
  next_target_ = seq;
  return {};
}

Error MemoryStore::save(uint64_t seq, std::string_view msg_type, std::string_view body,
                        std::string_view sending_time) {
  if (seq == 0) return bad_seq();
  ring_.add(seq, msg_type, body, sending_time);
  next_sender_ = seq + 1;
  return {};
}

void MemoryStore::for_range(uint64_t begin, uint64_t end, const Visitor &fn) const {
  ring_.for_range(begin, end, fn);
}

Error MemoryStore::reset() {
  next_sender_ = 1;
  next_target_ = 1;
  ring_.clear();
  return {};
}

std::unique_ptr<Store> make_memory_store(size_t max_messages) {
  return std::make_unique<MemoryStore>(max_messages);
}

}  // namespace kalshi::fix
