// decode(): one pass over the frame's fields with a small stack of open groups. Each field is
// classified (header, member of the open group entry, top-level member, known elsewhere in the
// message, unknown), parsed with its member's type and appended in wire order.
//
// Cost model: this runs for every received message, so the success path builds no std::string
// or Error (the hot functions return bool; the fail* builders fill err_ and are kept out of
// line), one probe of the message's member row (member_index.h) classifies a field as header,
// member or neither, values go through value.h's inline fast paths, and fields are written
// through a pointer into storage reserved for the whole frame up front.
#include <cassert>
#include <string>

#include "api/fix/decoded_message.h"
#include "api/fix/member_index.h"
#include "api/fix/value.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"

namespace kalshi::fix {

namespace {

std::string field_label(uint32_t tag) {
  std::string s = "tag " + std::to_string(tag);
  if (const FieldDef *d = field_def(tag)) {
    s += " (";
    s += d->name;
    s += ")";
  }
  return s;
}

// find_message() for the one-character MsgTypes most traffic carries (8, 0, W, X, ...): a table
// per sender direction built once from find_message() itself, so the answers are the same.
const MessageDef *find_message_fast(std::string_view msg_type, Direction sender) {
  struct ByChar {
    const MessageDef *def[3][128];
    ByChar() {
      for (size_t d = 0; d < 3; ++d) {
        for (size_t c = 0; c < 128; ++c) {
          const char ch = static_cast<char>(c);
          def[d][c] = find_message(std::string_view(&ch, 1), static_cast<Direction>(d));
        }
      }
    }
  };
  static const ByChar by_char;
  const size_t d = static_cast<size_t>(sender);
  if (msg_type.size() == 1 && d < 3) {
    const auto c = static_cast<unsigned char>(msg_type[0]);
    if (c < 128) return by_char.def[d][c];
  }
  return find_message(msg_type, sender);
}

[[gnu::cold]] Error protocol(std::string msg) {
  return Error::make(KALSHI_ERR_PROTOCOL, std::move(msg));
}

[[gnu::cold]] Error bad_value(uint32_t tag, std::string_view value, FieldType t, kalshi_err_t why) {
  std::string m = field_label(tag) + " value '" + std::string(value.substr(0, 64)) + "' is not a";
  m += t == FieldType::Int || t == FieldType::UtcTimestamp ? "n " : " ";
  m += field_type_name(t);
  if (why == KALSHI_ERR_INEXACT) m += " (more decimals than the scale holds)";
  if (why == KALSHI_ERR_RANGE) m += " (out of range)";
  return protocol(std::move(m));
}

}  // namespace

class Decoder {
 public:
  Decoder(DecodedMessage &m, const Context &ctx, Error &err)
      : m_(m), ctx_(ctx), err_(err), row_(slots::kHeaderRow.slot) {}

  // Clears `m` (keeping its storage) for a new frame.
  static void begin(DecodedMessage &m, std::string_view frame, Direction sender,
                    const Context &ctx) {
    m.reset();
    // A field takes at least 4 bytes ("1=x<SOH>"): room for every field of the frame.
    m.fields_.reserve(frame.size() / 4 + 1);
    m.frame_ = frame;
    m.sender_ = sender;
    m.ctx_ = ctx;
  }

  // false: err_ says why. flatten: GCC otherwise keeps vector::emplace_back out of line in
  // this large loop; the cold paths stay out of line (noinline).
  [[gnu::flatten]] bool run(std::string_view frame) {
    FieldCursor cur(frame);
    Field f;
    while (cur.next(&f)) {
      if (!one(f.tag, f.value)) return false;
    }
    if (cur.error() != FieldError::None) return fail_malformed(cur, frame);
    return close_all();
  }

 private:
  struct Open {
    const GroupDef *def;
    uint32_t group;  // index in m_.groups_
    uint32_t declared;
    uint32_t entries;
    int last_pos;   // member index of the last field of the current entry
    uint64_t seen;  // members seen in the current entry
  };
  static constexpr int kMaxDepth = 4;

  // The per-field step. The common case, a top-level member of a known message with no group
  // open, stays inline in run()'s loop; everything else is out of line. row_ is the message's
  // member row (header fields only until MsgType is known, and for unknown messages).
  [[gnu::always_inline]] bool one(uint32_t tag, std::string_view value) {
    const uint8_t s = row_[field_slot(tag)];
    if (s == slots::kHeaderSlot) return sp_ == 0 ? header(tag, value) : header_field(tag, value);
    if (s == slots::kNotMember || sp_ > 0) return in_group_or_unknown_message(tag, value);
    return member(s - 1, tag, value);
  }

  bool top_level(uint32_t tag, std::string_view value) {
    const uint8_t s = row_[field_slot(tag)];
    if (s == slots::kNotMember) return not_a_member(tag, value);
    return member(s - 1, tag, value);
  }

  [[gnu::always_inline]] bool member(int i, uint32_t tag, std::string_view value) {
    uint64_t &word = m_.seen_[i / 64];
    const uint64_t bit = uint64_t{1} << (i % 64);
    if (word & bit) return fail_repeated(tag);
    word |= bit;
    m_.member_field_[i] = static_cast<uint32_t>(m_.fields_.size_);
    return add(m_.def_->members[i], tag, value, 0, 0);
  }

  // A header field with a group open: the header ends the group.
  [[gnu::noinline]] bool header_field(uint32_t tag, std::string_view value) {
    return close_all() && header(tag, value);
  }

  [[gnu::noinline]] bool in_group_or_unknown_message(uint32_t tag, std::string_view value) {
    if (sp_ > 0) {
      const uint32_t index = static_cast<uint32_t>(m_.fields_.size_);
      do {
        Open &g = stack_[sp_ - 1];
        const int pos = g.def->index_of(tag);
        if (pos >= 0) return group_member(g, pos, tag, value);
        // Not a member of the open entry. A tag the message defines elsewhere closes the group;
        // a tag it does not know stays inside the entry (the exchange adds tags before the docs).
        if (m_.def_ != nullptr && !m_.def_->uses_tag(tag)) {
          return unknown(tag, value, static_cast<uint8_t>(sp_));
        }
        if (!close_group(index)) return false;
      } while (sp_ > 0);
    }
    if (m_.def_ == nullptr) return unknown(tag, value, 0);
    return top_level(tag, value);
  }

  // Not a top-level member: a group member outside its group is an error, else kept as unknown.
  [[gnu::noinline]] bool not_a_member(uint32_t tag, std::string_view value) {
    if (m_.def_->uses_tag(tag)) return fail_outside_group(tag);
    return unknown(tag, value, 0);
  }

  [[gnu::noinline]] bool group_member(Open &g, int pos, uint32_t tag, std::string_view value) {
    const uint64_t bit = uint64_t{1} << pos;
    const bool may_start = pos < g.def->start_span;
    uint8_t flags = 0;
    if (g.entries == 0 || (may_start && (pos == 0 || pos <= g.last_pos || (g.seen & bit) != 0))) {
      if (!may_start) return fail_entry_start(g, tag);
      if (g.entries == g.declared) return fail_too_many(g);
      const uint32_t index = static_cast<uint32_t>(m_.fields_.size_);
      if (g.entries > 0) m_.entry_stack_.back().end = index;
      m_.entry_stack_.push_back(DecodedEntry{index, kNoIndex});
      ++g.entries;
      g.seen = 0;
      flags = DecodedField::kEntryStart;
    } else if ((g.seen & bit) != 0) {
      return fail(protocol(field_label(tag) + " appears twice in one entry of group " +
                           std::to_string(g.def->counter->tag)));
    }
    g.seen |= bit;
    g.last_pos = pos;
    return add(g.def->members[pos], tag, value, static_cast<uint8_t>(sp_), flags);
  }

  [[gnu::always_inline]] bool add(const MemberDef &member, uint32_t tag, std::string_view value,
                                  uint8_t depth, uint8_t flags) {
    int64_t v = 0;
    const kalshi_err_t rc = parse_value_inline(member.type, value, ctx_, &v);
    if (rc != KALSHI_OK) return fail_value(tag, value, member.type, rc);
    const uint8_t known = static_cast<uint8_t>(flags | DecodedField::kKnown);
    if (member.group != nullptr) {
      DecodedField f{tag, member.type, depth, known, kNoIndex, value, v};
      if (!open_group(member, tag, value, v, f)) return false;
      push(f);
      return true;
    }
    // Written in place: no temporary to copy.
    DecodedField &f = slot();
    f.tag = tag;
    f.type = member.type;
    f.depth = depth;
    f.flags = known;
    f.group = kNoIndex;
    f.text = value;
    f.value = v;
    return true;
  }

  // The next field's storage: room was reserved for every field of the frame (begin()).
  [[gnu::always_inline]] DecodedField &slot() {
    assert(m_.fields_.size_ < m_.fields_.cap_);
    return m_.fields_.data_[m_.fields_.size_++];
  }
  [[gnu::always_inline]] void push(const DecodedField &f) { slot() = f; }

  // A counter member: opens its group (f becomes the counter field).
  [[gnu::noinline]] bool open_group(const MemberDef &member, uint32_t tag, std::string_view value,
                                    int64_t v, DecodedField &f) {
    if (v > UINT32_MAX) return fail_value(tag, value, member.type, KALSHI_ERR_RANGE);
    if (sp_ == kMaxDepth) return fail(protocol("groups nested too deeply at " + field_label(tag)));
    f.flags |= DecodedField::kCounter;
    f.group = static_cast<uint32_t>(m_.groups_.size());
    m_.groups_.push_back(DecodedGroup{static_cast<uint32_t>(m_.fields_.size_),
                                      static_cast<uint32_t>(v), 0, member.group});
    stack_[sp_++] = Open{member.group, f.group, static_cast<uint32_t>(v), 0, -1, 0};
    return true;
  }

  bool unknown(uint32_t tag, std::string_view value, uint8_t depth) {
    // Kept as text: its meaning in this message is not defined, so it cannot be a parse error.
    push(DecodedField{tag, FieldType::String, depth, 0, kNoIndex, value, 0});
    ++m_.unknown_count_;
    return true;
  }

  bool close_all() {
    while (sp_ > 0) {
      if (!close_group(static_cast<uint32_t>(m_.fields_.size_))) return false;
    }
    return true;
  }

  bool close_group(uint32_t end) {
    Open &g = stack_[sp_ - 1];
    if (g.entries != g.declared) return fail_count(g);
    // The open entries of this group are the top g.entries of the entry stack (nested groups
    // closed before moved theirs out), so each group's entries end up contiguous.
    if (g.entries > 0) m_.entry_stack_.back().end = end;
    DecodedGroup &dg = m_.groups_[g.group];
    dg.first_entry = static_cast<uint32_t>(m_.entries_.size());
    const size_t from = m_.entry_stack_.size() - g.entries;
    m_.entries_.insert(m_.entries_.end(), m_.entry_stack_.begin() + static_cast<ptrdiff_t>(from),
                       m_.entry_stack_.end());
    m_.entry_stack_.resize(from);
    --sp_;
    return true;
  }

  // Header and trailer fields (no group open): one switch gives each tag its type (fields.def;
  // checked against the dictionary in debug builds), its parse and where it is kept.
  bool header(uint32_t tag, std::string_view value) {
    // A header field given twice (a second MsgType or MsgSeqNum in the body) would silently
    // change what the message is; refuse it like any repeated field.
    if (tag < 128) {
      uint64_t &word = header_seen_[tag / 64];
      const uint64_t bit = uint64_t{1} << (tag % 64);
      if (word & bit) return fail_repeated(tag);
      word |= bit;
    } else if (appl_ver_seen_) {
      return fail_repeated(tag);
    } else {
      appl_ver_seen_ = true;
    }
    FieldType type = FieldType::String;
    int64_t v = 0;
    kalshi_err_t rc = KALSHI_OK;
    switch (tag) {
      case 9:
        type = FieldType::Length;
        rc = parse_value_inline(type, value, ctx_, &v);
        break;
      case 34:
        type = FieldType::SeqNum;
        rc = parse_value_inline(type, value, ctx_, &v);
        m_.seq_ = static_cast<uint64_t>(v);
        break;
      case 52:
        type = FieldType::UtcTimestamp;
        rc = parse_value_inline(type, value, ctx_, &v);
        m_.sending_time_ms_ = v;
        break;
      case 122:
        type = FieldType::UtcTimestamp;
        rc = parse_value_inline(type, value, ctx_, &v);
        m_.orig_sending_time_ms_ = v;
        break;
      case 43:
        type = FieldType::Bool;
        rc = parse_value(type, value, ctx_, &v);
        m_.poss_dup_ = v != 0;
        break;
      case 97:
        type = FieldType::Bool;
        rc = parse_value(type, value, ctx_, &v);
        m_.poss_resend_ = v != 0;
        break;
      case 35:
        m_.msg_type_ = value;
        m_.def_ = find_message_fast(value, m_.sender_);
        row_ = m_.def_ != nullptr ? member_row(*m_.def_) : slots::kHeaderRow.slot;
        break;
      case 49:
        m_.sender_comp_id_ = value;
        break;
      case 56:
        m_.target_comp_id_ = value;
        break;
      case 50:
        m_.sender_sub_id_ = value;
        break;
      default:  // 8 10 1128: text
        break;
    }
    assert(field_def(tag) != nullptr && field_def(tag)->type == type);
    if (rc != KALSHI_OK) return fail_value(tag, value, type, rc);
    DecodedField &f = slot();
    f.tag = tag;
    f.type = type;
    f.depth = 0;
    f.flags = DecodedField::kHeader | DecodedField::kKnown;
    f.group = kNoIndex;
    f.text = value;
    f.value = v;
    return true;
  }

  // ---- error path (cold): only here are messages built -----------------------------------

  [[gnu::cold, gnu::noinline]] bool fail(Error e) {
    err_ = std::move(e);
    return false;
  }
  [[gnu::cold, gnu::noinline]] bool fail_value(uint32_t tag, std::string_view value, FieldType t,
                                               kalshi_err_t why) {
    return fail(bad_value(tag, value, t, why));
  }
  [[gnu::cold, gnu::noinline]] bool fail_repeated(uint32_t tag) {
    return fail(protocol(field_label(tag) + " appears more than once"));
  }
  [[gnu::cold, gnu::noinline]] bool fail_malformed(const FieldCursor &cur, std::string_view frame) {
    return fail(protocol(std::string("malformed field at offset ") +
                         std::to_string(cur.offset_from(frame.data())) + ": " +
                         field_error_name(cur.error())));
  }
  [[gnu::cold, gnu::noinline]] bool fail_outside_group(uint32_t tag) {
    return fail(protocol(field_label(tag) + " appears outside its repeating group in " +
                         std::string(m_.def_->name)));
  }
  [[gnu::cold, gnu::noinline]] bool fail_entry_start(const Open &g, uint32_t tag) {
    return fail(protocol("group " + field_label(g.def->counter->tag) + " entry must start with " +
                         field_label(g.def->members[0].field->tag) + ", not " +
                         std::to_string(tag)));
  }
  [[gnu::cold, gnu::noinline]] bool fail_too_many(const Open &g) {
    return fail(protocol("group " + field_label(g.def->counter->tag) + " has more than " +
                         std::to_string(g.declared) + " entries"));
  }
  [[gnu::cold, gnu::noinline]] bool fail_count(const Open &g) {
    return fail(protocol("group " + field_label(g.def->counter->tag) + " declares " +
                         std::to_string(g.declared) + " entries but has " +
                         std::to_string(g.entries)));
  }

  DecodedMessage &m_;
  const Context &ctx_;
  Error &err_;
  const uint8_t *row_;
  Open stack_[kMaxDepth];
  int sp_ = 0;
  uint64_t header_seen_[2] = {0, 0};  // header tags below 128 already decoded
  bool appl_ver_seen_ = false;        // ApplVerID (1128), the one header tag above 127
};

Error decode(std::string_view frame, Direction sender, const Context &ctx, DecodedMessage &out,
             bool frame_checked) {
  Decoder::begin(out, frame, sender, ctx);
  if (!frame_checked) {
    const FrameScan s = scan_frame(frame.data(), frame.size(), frame.size() + 1);
    if (s.status != FrameScan::Complete || s.length != frame.size()) {
      return protocol(std::string("not one whole FIX frame: ") +
                      (s.status == FrameScan::NeedMore ? "incomplete" : frame_error_name(s.error)));
    }
  }
  Error err;
  Decoder d(out, ctx, err);
  d.run(frame);
  return err;
}

}  // namespace kalshi::fix
