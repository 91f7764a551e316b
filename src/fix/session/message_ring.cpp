#include "fix/session/message_ring.h"

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

void MessageRing::push_entry(const Entry &e) {
  if (count_ == slots_.size()) {
    std::vector<Entry> grown(slots_.empty() ? 64 : slots_.size() * 2);
    for (size_t i = 0; i < count_; ++i) grown[i] = entry(i);
    slots_.swap(grown);
    head_ = 0;
  }
  slots_[(head_ + count_) & (slots_.size() - 1)] = e;
  ++count_;
}

void MessageRing::add(uint64_t seq, std::string_view msg_type, std::string_view body,
                      std::string_view sending_time) {
  if (count_ != 0 && entry(count_ - 1).seq >= seq) drop_from(seq);
  // MsgType is at most 3 chars on Kalshi and SendingTime 21; longer values are a caller bug, so
  // clamp rather than corrupt the index.
  msg_type = msg_type.substr(0, 255);
  sending_time = sending_time.substr(0, 255);
  const size_t total = msg_type.size() + sending_time.size() + body.size();
  while (count_ != 0 && (count_ >= max_messages_ || live_bytes_ + total > max_bytes_)) {
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
  push_entry(e);
  live_bytes_ += total;
}

void MessageRing::drop_oldest() {
  const Entry &e = entry(0);
  live_bytes_ -= e.type_len + e.time_len + e.body_len;
  head_ = (head_ + 1) & (slots_.size() - 1);
  --count_;
  if (count_ == 0) {
    clear();
    return;
  }
  const size_t dead = static_cast<size_t>(entry(0).offset - base_);
  if (dead >= kReclaimMin && dead * 2 >= arena_.size()) {
    arena_.consume(dead);
    base_ += dead;
  }
}

void MessageRing::drop_from(uint64_t seq) {
  while (count_ != 0 && entry(count_ - 1).seq >= seq) {
    const Entry &e = entry(count_ - 1);
    live_bytes_ -= e.type_len + e.time_len + e.body_len;
    arena_.truncate(static_cast<size_t>(e.offset - base_));
    --count_;
  }
  if (count_ == 0) clear();
}

void MessageRing::clear() {
  head_ = 0;
  count_ = 0;
  arena_.clear();
  base_ = 0;
  live_bytes_ = 0;
}

void MessageRing::for_range(uint64_t begin, uint64_t end, const Store::Visitor &fn) const {
  // First entry with seq >= begin (seqs increase along the ring).
  size_t lo = 0;
  size_t hi = count_;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (entry(mid).seq < begin) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (size_t i = lo; i < count_; ++i) {
    const Entry &e = entry(i);
    if (end != 0 && e.seq > end) break;
    const std::string_view type = at(e.offset, e.type_len);
    const std::string_view time = at(e.offset + e.type_len, e.time_len);
    const std::string_view body = at(e.offset + e.type_len + e.time_len, e.body_len);
    fn(e.seq, type, body, time);
  }
}

}  // namespace kalshi::fix
