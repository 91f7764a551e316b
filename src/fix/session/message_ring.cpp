#include "fix/session/message_ring.h"

#include <algorithm>

namespace kalshi::fix {

namespace {
// Reclaim the arena front only when it is both large and most of the arena, so the memmove is
// amortised over many saves.
constexpr size_t kReclaimMin = 256 * 1024;
}  // namespace

MessageRing::MessageRing(size_t max_messages, size_t max_bytes)
    : max_messages_(max_messages == 0 ? 1 : max_messages), max_bytes_(max_bytes) {}

std::string_view MessageRing::at(uint64_t logical, size_t len) const {
  return {arena_.data() + (logical - base_), len};
}

void MessageRing::add(uint64_t seq, std::string_view msg_type, std::string_view body,
                      std::string_view sending_time) {
  if (!index_.empty() && index_.back().seq >= seq) drop_from(seq);
  // MsgType is at most 3 chars on Kalshi and SendingTime 21; longer values are a caller bug, so
  // clamp rather than corrupt the index.
  msg_type = msg_type.substr(0, 255);
  sending_time = sending_time.substr(0, 255);
  const size_t total = msg_type.size() + sending_time.size() + body.size();
  while (!index_.empty() && (index_.size() >= max_messages_ || live_bytes_ + total > max_bytes_)) {
    drop_oldest();
  }
  Entry e;
  e.seq = seq;
  e.offset = base_ + arena_.size();
  e.body_len = static_cast<uint32_t>(body.size());
  e.type_len = static_cast<uint8_t>(msg_type.size());
  e.time_len = static_cast<uint8_t>(sending_time.size());
  arena_.append(msg_type);
  arena_.append(sending_time);
  arena_.append(body);
  index_.push_back(e);
  live_bytes_ += total;
}

void MessageRing::drop_oldest() {
  const Entry &e = index_.front();
  live_bytes_ -= e.type_len + e.time_len + e.body_len;
  index_.pop_front();
  if (index_.empty()) {
    arena_.clear();
    base_ = 0;
    return;
  }
  const size_t dead = static_cast<size_t>(index_.front().offset - base_);
  if (dead >= kReclaimMin && dead * 2 >= arena_.size()) {
    arena_.consume(dead);
    base_ += dead;
  }
}

void MessageRing::drop_from(uint64_t seq) {
  while (!index_.empty() && index_.back().seq >= seq) {
    const Entry &e = index_.back();
    live_bytes_ -= e.type_len + e.time_len + e.body_len;
    arena_.truncate(static_cast<size_t>(e.offset - base_));
    index_.pop_back();
  }
  if (index_.empty()) clear();
}

void MessageRing::clear() {
  index_.clear();
  arena_.clear();
  base_ = 0;
  live_bytes_ = 0;
}

void MessageRing::for_range(uint64_t begin, uint64_t end, const Store::Visitor &fn) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), begin,
                             [](const Entry &e, uint64_t s) { return e.seq < s; });
  for (; it != index_.end(); ++it) {
    if (end != 0 && it->seq > end) break;
    const std::string_view type = at(it->offset, it->type_len);
    const std::string_view time = at(it->offset + it->type_len, it->time_len);
    const std::string_view body = at(it->offset + it->type_len + it->time_len, it->body_len);
    fn(it->seq, type, body, time);
  }
}

}  // namespace kalshi::fix
