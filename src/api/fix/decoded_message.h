// A decoded FIX message: header values, then every field in wire order with its typed value and
// its place in the group structure. Everything is a view into the frame (zero copy), and the
// object is meant to be reused: decode() clears it without freeing, so after the first few
// messages decoding allocates nothing.
//
// Decoding is tolerant where the exchange's documentation is unreliable and strict where the
// bytes are wrong: unknown tags are kept (as text) and missing required fields are only reported
// (missing_required()); a known field whose value does not parse, a repeated field, a group whose
// count does not match its entries, or a group member outside its group is a KALSHI_ERR_PROTOCOL
// error naming the tag and the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "api/fix/context.h"
#include "api/fix/dictionary.h"
#include "api/fix/member_index.h"
#include "core/error.h"

namespace kalshi::fix {

class DecodedMessage;

inline constexpr uint32_t kNoIndex = UINT32_MAX;

struct DecodedField {
  uint32_t tag;
  FieldType type;         // the member's type; String for tags the message does not define
  uint8_t depth;          // 0 top level, 1 inside a group entry, 2 inside a nested group
  uint8_t flags;          // DecodedField::k* bits
  uint32_t group;         // counter fields: index of the group (DecodedMessage::group_at)
  std::string_view text;  // the raw value, a view into the frame
  // Numeric/decimal/bool/char/time kinds (see value.h for scales); 0 for text kinds and unknown
  // tags.
  int64_t value;

  static constexpr uint8_t kHeader = 1;      // standard header or trailer field
  static constexpr uint8_t kKnown = 2;       // defined by this message (else kept as unknown)
  static constexpr uint8_t kEntryStart = 4;  // first field of a group entry
  static constexpr uint8_t kCounter = 8;     // a group counter (NumInGroup member)
  bool known() const { return (flags & kKnown) != 0; }
  bool header() const { return (flags & kHeader) != 0; }
};

// The decoded fields, in wire order. Grow-once storage: the decoder makes room for the most
// fields a frame of its size can hold (one per 4 bytes) before the walk, then writes each field
// through a plain pointer, with no capacity check per field.
class FieldArray {
 public:
  const DecodedField *data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return cap_; }
  bool empty() const { return size_ == 0; }
  const DecodedField &operator[](size_t i) const { return data_[i]; }
  const DecodedField *begin() const { return data_.get(); }
  const DecodedField *end() const { return data_.get() + size_; }

 private:
  friend class Decoder;
  friend class DecodedMessage;
  void clear() { size_ = 0; }
  // Room for n fields; keeps the storage when it is already large enough.
  void reserve(size_t n) {
    if (n > cap_) grow(n);
  }
  void grow(size_t n);

  std::unique_ptr<DecodedField[]> data_;
  size_t size_ = 0;
  size_t cap_ = 0;
};

struct DecodedGroup {
  uint32_t counter_field;  // index of the counter in fields()
  uint32_t count;          // entries (declared count == entries found)
  uint32_t first_entry;    // index of entry 0 in the entry table
  const GroupDef *def;
};

struct DecodedEntry {
  uint32_t begin;  // field range [begin, end) of the entry, nested groups included
  uint32_t end;
};

// A field range at one depth: the message body or one group entry. The same find / count /
// entry API works at every level, so nested groups need nothing special.
class FieldScope {
 public:
  FieldScope() = default;
  FieldScope(const DecodedMessage *m, uint32_t begin, uint32_t end, uint8_t depth)
      : m_(m), begin_(begin), end_(end), depth_(depth) {}

  // The field with `tag` directly in this scope (not in nested groups), or nullptr.
  const DecodedField *find(uint32_t tag) const;
  // The same, inline: for hot readers such as the typed views (find() stays a call so that
  // callers dereferencing a field they know is there do not trip -Wnull-dereference).
  inline const DecodedField *find_inline(uint32_t tag) const;
  bool has(uint32_t tag) const { return find(tag) != nullptr; }
  // Entries of the group counted by `counter_tag` in this scope (0 when absent).
  size_t count(uint32_t counter_tag) const;
  // Entry i of that group; an empty scope (size() == 0) when there is none.
  FieldScope entry(uint32_t counter_tag, size_t i) const;

  // Typed reads; std::nullopt when the field is absent.
  std::optional<std::string_view> text(uint32_t tag) const;
  std::optional<int64_t> value(uint32_t tag) const;

  // Every field of the scope in wire order, nested group fields included (see depth).
  const DecodedField *begin() const;
  const DecodedField *end() const;
  size_t size() const { return end_ - begin_; }
  uint8_t depth() const { return depth_; }
  const DecodedMessage *message() const { return m_; }
  uint32_t first_index() const { return begin_; }

 private:
  const DecodedMessage *m_ = nullptr;
  uint32_t begin_ = 0;
  uint32_t end_ = 0;
  uint8_t depth_ = 0;

  const DecodedField *find_scan(uint32_t tag) const;  // the fields of the scope, in order
};

class DecodedMessage {
 public:
  DecodedMessage();

  // Header values (kalshi-fix.md §2.2). Views into the frame.
  std::string_view msg_type() const { return msg_type_; }
  uint64_t seq() const { return seq_; }
  int64_t sending_time_ms() const { return sending_time_ms_; }
  bool poss_dup() const { return poss_dup_; }
  bool poss_resend() const { return poss_resend_; }
  int64_t orig_sending_time_ms() const { return orig_sending_time_ms_; }  // 0 when absent
  std::string_view sender_comp_id() const { return sender_comp_id_; }
  std::string_view target_comp_id() const { return target_comp_id_; }
  std::string_view sender_sub_id() const { return sender_sub_id_; }
  std::string_view frame() const { return frame_; }

  // The definition the message was decoded against; nullptr for a MsgType the dictionary does
  // not know in that direction (then every body field is kept as unknown text).
  const MessageDef *def() const { return def_; }
  Direction sender() const { return sender_; }
  const Context &context() const { return ctx_; }

  // The whole message (header and trailer fields included, at depth 0).
  FieldScope root() const { return FieldScope(this, 0, static_cast<uint32_t>(fields_.size()), 0); }
  const FieldArray &fields() const { return fields_; }
  // Shortcuts on root().
  const DecodedField *find(uint32_t tag) const;
  size_t count(uint32_t counter_tag) const { return root().count(counter_tag); }
  FieldScope entry(uint32_t counter_tag, size_t i) const { return root().entry(counter_tag, i); }
  // Fields the message definition does not define (in wire order), for callers that care.
  size_t unknown_count() const { return unknown_count_; }

  // Required members (Presence::Required) absent from the body or from any group entry, as
  // tags, in definition order (a tag missing from several entries is listed once per entry).
  // Not a decode error: the simulator uses it to reject; the client still delivers the message.
  size_t missing_required(uint32_t *tags, size_t cap) const;
  std::vector<uint32_t> missing_required() const;

  const DecodedGroup &group_at(uint32_t i) const { return groups_[i]; }
  const DecodedEntry &entry_at(uint32_t i) const { return entries_[i]; }

 private:
  friend class Decoder;
  friend class FieldScope;
  void reset();
  void missing_in(const MemberDef *members, size_t n, FieldScope scope, uint32_t *tags, size_t cap,
                  size_t *count) const;

  std::string_view frame_;
  std::string_view msg_type_;
  std::string_view sender_comp_id_;
  std::string_view target_comp_id_;
  std::string_view sender_sub_id_;
  uint64_t seq_ = 0;
  int64_t sending_time_ms_ = 0;
  int64_t orig_sending_time_ms_ = 0;
  bool poss_dup_ = false;
  bool poss_resend_ = false;
  const MessageDef *def_ = nullptr;
  Direction sender_ = Direction::ServerToClient;
  Context ctx_;
  size_t unknown_count_ = 0;

  FieldArray fields_;
  std::vector<DecodedGroup> groups_;
  std::vector<DecodedEntry> entries_;
  std::vector<DecodedEntry> entry_stack_;  // entries of open groups, moved to entries_ on close
  // Top-level members seen (bit = member index in def_) and where: the typed views' lookups and
  // the repeated-field check cost one table probe instead of a scan.
  static constexpr size_t kMaxMembers = 128;
  uint64_t seen_[kMaxMembers / 64] = {};
  uint32_t member_field_[kMaxMembers];
};

// ---- inline lookups (the typed views call these once per accessor) -------------------------

inline const DecodedField *FieldScope::find_inline(uint32_t tag) const {
  if (m_ == nullptr) return nullptr;
  if (depth_ == 0 && m_->def_ != nullptr) {
    // Known top-level members: one table probe (a constant tag folds the slot lookup away).
    const int i = member_index(*m_->def_, tag);
    if (i >= 0) {
      const bool seen = (m_->seen_[i / 64] >> (i % 64)) & 1;
      return seen ? &m_->fields_[m_->member_field_[i]] : nullptr;
    }
  }
  return find_scan(tag);
}

// Decodes one whole frame (8= .. 10=NNN<SOH>, e.g. from FrameReader) sent in direction `sender`.
// Framing (BodyLength, CheckSum) is verified again unless `frame_checked` says the caller's
// FrameReader already did. On error `out` holds what was decoded before the bad field.
Error decode(std::string_view frame, Direction sender, const Context &ctx, DecodedMessage &out,
             bool frame_checked = false);

}  // namespace kalshi::fix
