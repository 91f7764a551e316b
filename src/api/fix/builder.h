// Builds the body of any message of the dictionary, in both directions: fields are set by tag
// with typed setters (any order), groups entry by entry (nested groups too), and finish() writes
// them in the definition's order with the codec's FieldWriter. The frame around the body comes
// from encode_message() (or Session::send).
//
// Every setter validates at once and returns the error (nothing is stored then): the tag must
// belong to the message or to the open group entry, the setter must fit the field's type, text
// must be non-empty without SOH, ClOrdID/OrigClOrdID (11/41) at most 64 chars of
// [-A-Za-z0-9_:+=/], SenderSubID (50) at most 16 printable chars, enumerated fields one of the
// listed codes, prices exact in the session's unit (KALSHI_ERR_INEXACT), margin order quantities
// (38 on D/G) whole. finish() checks required members.
//
// Error codes: KALSHI_ERR_INVALID_ARG for structure (tag not in the message, wrong setter, group
// misuse, required member missing), KALSHI_ERR_INVALID_VALUE for the value's form,
// KALSHI_ERR_INEXACT / KALSHI_ERR_RANGE for numbers.
//
// A builder is reusable: start() clears it and keeps its storage, so steady-state building does
// not allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "api/fix/context.h"
#include "api/fix/dictionary.h"
#include "core/error.h"
#include "fix/codec/buffer.h"
#include "fix/codec/writer.h"

namespace kalshi::fix {

class MessageBuilder {
 public:
  MessageBuilder() = default;

  // Starts a message; `def` from find_message()/message_table(). KALSHI_ERR_INVALID_ARG for null
  // or an unknown MsgType/direction.
  Error start(const MessageDef *def, const Context &ctx);
  Error start(std::string_view msg_type, Direction sender, const Context &ctx);

  // Typed setters. Setting a tag again in the same scope replaces the value.
  Error set_string(uint32_t tag, std::string_view v);    // String, MultiChar
  Error set_char(uint32_t tag, char v);                  // Char
  Error set_int(uint32_t tag, int64_t v);                // Int, SeqNum, Length
  Error set_bool(uint32_t tag, bool v);                  // Bool
  Error set_price(uint32_t tag, int64_t dollars_e6);     // Price, PriceDollars, PriceCents
  Error set_qty(uint32_t tag, int64_t count_e2);         // Qty
  Error set_amount(uint32_t tag, int64_t dollars_e6);    // Amount
  Error set_timestamp(uint32_t tag, int64_t epoch_ms);   // UtcTimestamp
  Error set_date(uint32_t tag, int32_t yyyymmdd);        // LocalMktDate
  Error set_data(uint32_t tag, std::string_view bytes);  // Data (RawData 96; 95 is written too)
  // Any type from its FIX text, parsed as the decoder would (for the C ABI's string setter).
  Error set_text(uint32_t tag, std::string_view text);

  // Groups: begin_group(counter) in the current scope, next_entry() before each entry's fields,
  // end_group() to return to the enclosing scope. A group begun and ended without entries is
  // written as counter=0.
  Error begin_group(uint32_t counter_tag);
  Error next_entry();
  Error end_group();

  // Appends the body fields to `body` (it is not cleared). Fails when a group is still open, a
  // required member is missing, or a group entry lacks its first (delimiter) field.
  Error finish(Buffer &body);

  // SenderSubID (50) given with set_string on D/F/G: a header field, for Session::send.
  std::string_view sender_sub_id() const;
  const MessageDef *def() const { return def_; }
  const Context &context() const { return ctx_; }

 private:
  struct Item {
    uint32_t tag;
    uint32_t next;   // next item of the same scope, or kNil
    int32_t member;  // index in the scope's member list
    FieldType type;
    bool text;    // value in arena_[off, off+len)
    int64_t num;  // numeric value, or the group index for a counter
    uint32_t off;
    uint32_t len;
  };
  struct Scope {
    const MemberDef *members;
    uint16_t member_count;
    uint16_t start_span;
    uint32_t first_item;
    uint32_t next_entry;  // next entry of the same group, or kNil
  };
  struct Group {
    const GroupDef *def;
    uint32_t owner;  // scope holding the counter
    uint32_t first_entry;
    uint32_t last_entry;
    uint32_t entries;
  };
  static constexpr uint32_t kNil = UINT32_MAX;

  Error locate(uint32_t tag, const MemberDef **member, int32_t *index) const;
  Error store(uint32_t tag, int32_t index, FieldType type, int64_t num, std::string_view text,
              bool is_text);
  Error set_number(uint32_t tag, int64_t v, bool (*accepts)(FieldType), const char *setter);
  Error emit_scope(uint32_t scope, FieldWriter &w) const;

  const MessageDef *def_ = nullptr;
  Context ctx_;
  std::vector<Item> items_;
  std::vector<Scope> scopes_;
  std::vector<Group> groups_;
  std::vector<uint32_t> open_;  // open groups, innermost last
  uint32_t cur_scope_ = 0;
  bool in_entry_ = true;  // false between begin_group() and the first next_entry()
  Buffer arena_;          // copies of text values (inputs are copied before return)
  uint32_t sub_id_off_ = 0;
  uint32_t sub_id_len_ = 0;
};

}  // namespace kalshi::fix
