// decode(): one pass over the frame's fields with a small stack of open groups. Each field is
// classified (header, member of the open group entry, top-level member, known elsewhere in the
// message, unknown), parsed with its member's type and appended in wire order.
#include <string>

#include "api/fix/decoded_message.h"
#include "api/fix/member_index.h"
#include "api/fix/value.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"

namespace kalshi::fix {

namespace {

bool is_header_tag(uint32_t t) {
  switch (t) {
    case 8:
    case 9:
    case 10:
    case 34:
    case 35:
    case 43:
    case 49:
    case 50:
    case 52:
    case 56:
    case 97:
    case 122:
    case 1128:
      return true;
    default:
      return false;
  }
}

std::string field_label(uint32_t tag) {
  std::string s = "tag " + std::to_string(tag);
  if (const FieldDef *d = field_def(tag)) {
    s += " (";
    s += d->name;
    s += ")";
  }
  return s;
}

Error protocol(std::string msg) {
  return Error::make(KALSHI_ERR_PROTOCOL, std::move(msg));
}

Error bad_value(uint32_t tag, std::string_view value, FieldType t, kalshi_err_t why) {
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
  Decoder(DecodedMessage &m, const Context &ctx) : m_(m), ctx_(ctx) {}

  // Clears `m` (keeping its storage) for a new frame.
  static void begin(DecodedMessage &m, std::string_view frame, Direction sender,
                    const Context &ctx) {
    m.reset();
    m.frame_ = frame;
    m.sender_ = sender;
    m.ctx_ = ctx;
  }

  Error run(std::string_view frame) {
    FieldCursor cur(frame);
    Field f;
    while (cur.next(&f)) {
      Error e = one(f.tag, f.value);
      if (!e.ok()) return e;
    }
    if (cur.error() != FieldError::None) {
      return protocol(std::string("malformed field at offset ") +
                      std::to_string(cur.offset_from(frame.data())) + ": " +
                      field_error_name(cur.error()));
    }
    while (sp_ > 0) {
      Error e = close_group(static_cast<uint32_t>(m_.fields_.size()));
      if (!e.ok()) return e;
    }
    return Error();
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

  Error one(uint32_t tag, std::string_view value) {
    if (is_header_tag(tag)) {
      while (sp_ > 0) {
        Error e = close_group(static_cast<uint32_t>(m_.fields_.size()));
        if (!e.ok()) return e;
      }
      return header(tag, value);
    }
    const uint32_t index = static_cast<uint32_t>(m_.fields_.size());
    while (sp_ > 0) {
      Open &g = stack_[sp_ - 1];
      const int pos = g.def->index_of(tag);
      if (pos >= 0) return group_member(g, pos, tag, value);
      // Not a member of the open entry. A tag the message defines elsewhere closes the group;
      // a tag it does not know stays inside the entry (the exchange adds tags before the docs).
      if (m_.def_ != nullptr && !m_.def_->uses_tag(tag)) {
        return unknown(tag, value, static_cast<uint8_t>(sp_));
      }
      Error e = close_group(index);
      if (!e.ok()) return e;
    }
    if (m_.def_ == nullptr) return unknown(tag, value, 0);
    const int i = member_index(*m_.def_, tag);
    if (i < 0) {
      if (m_.def_->uses_tag(tag)) {
        return protocol(field_label(tag) + " appears outside its repeating group in " +
                        std::string(m_.def_->name));
      }
      return unknown(tag, value, 0);
    }
    uint64_t &word = m_.seen_[i / 64];
    const uint64_t bit = uint64_t{1} << (i % 64);
    if (word & bit) return protocol(field_label(tag) + " appears more than once");
    word |= bit;
    m_.member_field_[i] = index;
    return add(m_.def_->members[i], tag, value, 0, 0);
  }

  Error group_member(Open &g, int pos, uint32_t tag, std::string_view value) {
    const uint64_t bit = uint64_t{1} << pos;
    const bool may_start = pos < g.def->start_span;
    uint8_t flags = 0;
    if (g.entries == 0 || (may_start && (pos == 0 || pos <= g.last_pos || (g.seen & bit) != 0))) {
      if (!may_start) {
        return protocol("group " + field_label(g.def->counter->tag) + " entry must start with " +
                        field_label(g.def->members[0].field->tag) + ", not " + std::to_string(tag));
      }
      if (g.entries == g.declared) {
        return protocol("group " + field_label(g.def->counter->tag) + " has more than " +
                        std::to_string(g.declared) + " entries");
      }
      const uint32_t index = static_cast<uint32_t>(m_.fields_.size());
      if (g.entries > 0) m_.entry_stack_.back().end = index;
      m_.entry_stack_.push_back(DecodedEntry{index, kNoIndex});
      ++g.entries;
      g.seen = 0;
      flags = DecodedField::kEntryStart;
    } else if ((g.seen & bit) != 0) {
      return protocol(field_label(tag) + " appears twice in one entry of group " +
                      std::to_string(g.def->counter->tag));
    }
    g.seen |= bit;
    g.last_pos = pos;
    return add(g.def->members[pos], tag, value, static_cast<uint8_t>(sp_), flags);
  }

  Error add(const MemberDef &member, uint32_t tag, std::string_view value, uint8_t depth,
            uint8_t flags) {
    int64_t v = 0;
    const kalshi_err_t rc = parse_value(member.type, value, ctx_, &v);
    if (rc != KALSHI_OK) return bad_value(tag, value, member.type, rc);
    DecodedField f{tag,      member.type, depth, static_cast<uint8_t>(flags | DecodedField::kKnown),
                   kNoIndex, value,       v};
    if (member.group != nullptr) {
      if (v > UINT32_MAX) return bad_value(tag, value, member.type, KALSHI_ERR_RANGE);
      if (sp_ == kMaxDepth) return protocol("groups nested too deeply at " + field_label(tag));
      f.flags |= DecodedField::kCounter;
      f.group = static_cast<uint32_t>(m_.groups_.size());
      m_.groups_.push_back(DecodedGroup{static_cast<uint32_t>(m_.fields_.size()),
                                        static_cast<uint32_t>(v), 0, member.group});
      stack_[sp_++] = Open{member.group, f.group, static_cast<uint32_t>(v), 0, -1, 0};
    }
    m_.fields_.push_back(f);
    return Error();
  }

  Error unknown(uint32_t tag, std::string_view value, uint8_t depth) {
    // Kept as text: its meaning in this message is not defined, so it cannot be a parse error.
    m_.fields_.push_back(DecodedField{tag, FieldType::String, depth, 0, kNoIndex, value, 0});
    ++m_.unknown_count_;
    return Error();
  }

  Error close_group(uint32_t end) {
    Open &g = stack_[sp_ - 1];
    if (g.entries != g.declared) {
      return protocol("group " + field_label(g.def->counter->tag) + " declares " +
                      std::to_string(g.declared) + " entries but has " + std::to_string(g.entries));
    }
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
    return Error();
  }

  Error header(uint32_t tag, std::string_view value) {
    const FieldDef *d = field_def(tag);
    int64_t v = 0;
    const kalshi_err_t rc = parse_value(d->type, value, ctx_, &v);
    if (rc != KALSHI_OK) return bad_value(tag, value, d->type, rc);
    switch (tag) {
      case 35:
        m_.msg_type_ = value;
        m_.def_ = find_message(value, m_.sender_);
        break;
      case 34:
        m_.seq_ = static_cast<uint64_t>(v);
        break;
      case 52:
        m_.sending_time_ms_ = v;
        break;
      case 43:
        m_.poss_dup_ = v != 0;
        break;
      case 97:
        m_.poss_resend_ = v != 0;
        break;
      case 122:
        m_.orig_sending_time_ms_ = v;
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
      default:
        break;
    }
    m_.fields_.push_back(DecodedField{tag, d->type, 0, DecodedField::kHeader | DecodedField::kKnown,
                                      kNoIndex, value, v});
    return Error();
  }

  DecodedMessage &m_;
  const Context &ctx_;
  Open stack_[kMaxDepth];
  int sp_ = 0;
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
  Decoder d(out, ctx);
  return d.run(frame);
}

}  // namespace kalshi::fix
