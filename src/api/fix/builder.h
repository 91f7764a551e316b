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
  //
  // With set_conditional_checks(true) it then checks, on client -> server messages, the
  // conditional (C) rules the spec states precisely (check_conditional(), also callable on its
  // own); each violation is KALSHI_ERR_INVALID_ARG naming the tags and nothing is written:
  // - D: ExpireTime(126) iff TimeInForce(59)=6; ExecInst(18) with E (reduce only) needs 59=3
  //   (margin: 3 or 4) and no QuoteId(117).
  // - G: 59 only 0, 1 or 6; 126 iff 59=6.
  // - D, G, F, UA: PartyRole(452) with every PartyID(448).
  // - UOG: OrderGroupID(20130) required for OrderGroupAction(20131) 2-5 and forbidden on 1;
  //   OrderGroupContractsLimit(20132) required on 1 and 5.
  // - V: NoRelatedSym(146) with an entry for SubscriptionRequestType(263) 0 and 1.
  // - R: each 146 entry has OrderQty(38) or CashOrderQty(152); 452 with every 448.
  // Server -> client messages are not checked (the exchange's rules are its own; the simulator
  // builds them with this builder).
  Error finish(Buffer &body);

  // The conditional rules above for the message being built (ok for server -> client messages).
  Error check_conditional() const;
  // Whether finish() runs check_conditional(). Off by default: a builder fed every field of the
  // dictionary (round-trip tests, tools) would trip them. Kept across start(), so a session's
  // reused builder is set once. Senders of real orders should turn it on.
  void set_conditional_checks(bool on) { conditional_checks_ = on; }
  bool conditional_checks() const { return conditional_checks_; }

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

  // Conditional (C) rules, client -> server messages only (finish() runs them first).
  const Item *find(uint32_t scope, uint32_t tag) const;
  bool has(uint32_t scope, uint32_t tag) const;
  char char_of(uint32_t scope, uint32_t tag) const;
  bool exec_inst_has(uint32_t scope, char code) const;
  template <typename F>
  Error each_entry(uint32_t counter, F f) const;
  Error check_parties() const;
  Error check_time_in_force(bool replace) const;
  Error check_reduce_only() const;
  Error check_order_group() const;
  Error check_market_data_request() const;
  Error check_quote_request() const;

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
  bool conditional_checks_ = false;
};

}  // namespace kalshi::fix
