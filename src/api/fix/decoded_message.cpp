// Read side of DecodedMessage: scopes, lookups and the missing-required query.
#include "api/fix/decoded_message.h"

#include <algorithm>

namespace kalshi::fix {

void FieldArray::grow(size_t n) {
  // Geometric, so frames of slowly rising sizes do not reallocate each time.
  const size_t cap = std::max(n, cap_ * 2);
  std::unique_ptr<DecodedField[]> bigger(new DecodedField[cap]);
  std::copy(data_.get(), data_.get() + size_, bigger.get());
  data_ = std::move(bigger);
  cap_ = cap;
}

DecodedMessage::DecodedMessage() {
  // Room for a frame of up to 256 bytes (one field per 4 bytes); growing later is allowed
  // (grow-once).
  fields_.reserve(64);
  groups_.reserve(8);
  entries_.reserve(16);
  entry_stack_.reserve(16);
}

void DecodedMessage::reset() {
  frame_ = msg_type_ = sender_comp_id_ = target_comp_id_ = sender_sub_id_ = {};
  seq_ = 0;
  sending_time_ms_ = orig_sending_time_ms_ = 0;
  poss_dup_ = poss_resend_ = false;
  def_ = nullptr;
  unknown_count_ = 0;
  fields_.clear();
  groups_.clear();
  entries_.clear();
  entry_stack_.clear();
  for (uint64_t &w : seen_) w = 0;
}

const DecodedField *DecodedMessage::find(uint32_t tag) const {
  return root().find_inline(tag);
}

const DecodedField *FieldScope::find(uint32_t tag) const {
  return find_inline(tag);
}

const DecodedField *FieldScope::find_scan(uint32_t tag) const {
  const auto &fields = m_->fields_;
  for (uint32_t i = begin_; i < end_; ++i) {
    if (fields[i].tag == tag && fields[i].depth == depth_) return &fields[i];
  }
  return nullptr;
}

size_t FieldScope::count(uint32_t counter_tag) const {
  const DecodedField *f = find(counter_tag);
  if (f == nullptr || (f->flags & DecodedField::kCounter) == 0) return 0;
  return m_->groups_[f->group].count;
}

FieldScope FieldScope::entry(uint32_t counter_tag, size_t i) const {
  const DecodedField *f = find(counter_tag);
  if (f == nullptr || (f->flags & DecodedField::kCounter) == 0) return FieldScope();
  const DecodedGroup &g = m_->groups_[f->group];
  if (i >= g.count) return FieldScope();
  const DecodedEntry &e = m_->entries_[g.first_entry + i];
  return FieldScope(m_, e.begin, e.end, static_cast<uint8_t>(depth_ + 1));
}

std::optional<std::string_view> FieldScope::text(uint32_t tag) const {
  const DecodedField *f = find(tag);
  if (f == nullptr) return std::nullopt;
  return f->text;
}

std::optional<int64_t> FieldScope::value(uint32_t tag) const {
  const DecodedField *f = find(tag);
  if (f == nullptr) return std::nullopt;
  return f->value;
}

const DecodedField *FieldScope::begin() const {
  return m_ == nullptr ? nullptr : m_->fields_.data() + begin_;
}
const DecodedField *FieldScope::end() const {
  return m_ == nullptr ? nullptr : m_->fields_.data() + end_;
}

void DecodedMessage::missing_in(const MemberDef *members, size_t n, FieldScope scope,
                                uint32_t *tags, size_t cap, size_t *count) const {
  for (size_t i = 0; i < n; ++i) {
    const MemberDef &m = members[i];
    const uint32_t tag = m.field->tag;
    if (m.presence == Presence::Required && !scope.has(tag)) {
      if (*count < cap) tags[*count] = tag;
      ++*count;
    }
    if (m.group != nullptr) {
      const size_t entries = scope.count(tag);
      for (size_t e = 0; e < entries; ++e) {
        missing_in(m.group->members, m.group->member_count, scope.entry(tag, e), tags, cap, count);
      }
    }
  }
}

size_t DecodedMessage::missing_required(uint32_t *tags, size_t cap) const {
  size_t count = 0;
  if (def_ != nullptr) missing_in(def_->members, def_->member_count, root(), tags, cap, &count);
  return count;
}

std::vector<uint32_t> DecodedMessage::missing_required() const {
  std::vector<uint32_t> out(missing_required(nullptr, 0));
  missing_required(out.data(), out.size());
  return out;
}

}  // namespace kalshi::fix
