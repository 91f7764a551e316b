// The Kalshi FIX message dictionary (kalshi-fix.md §2-§14): every field and every message of both
// products in both directions, built from the X-macro tables fields.def and messages.def. The
// same tables drive the decoder, the builder, the typed views and docs/FIX_MESSAGES.md, so a tag
// added there is decoded, encodable and documented at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/fix/context.h"

namespace kalshi::fix {

// How a field's text maps to a value. Numeric kinds decode to int64 (see value.h for scales).
enum class FieldType : uint8_t {
  String = 0,    // text as is
  Char,          // exactly one character; value = its code
  MultiChar,     // space-separated single characters (ExecInst 18); text only
  Int,           // signed integer
  Bool,          // Y / N; value 1 / 0
  SeqNum,        // unsigned integer
  Length,        // unsigned integer
  NumInGroup,    // unsigned integer; a repeating-group counter
  Data,          // raw bytes (RawData 96), preceded by its Length field
  UtcTimestamp,  // YYYYMMDD-HH:MM:SS.mmm; value = epoch milliseconds
  LocalMktDate,  // YYYYMMDD; value = yyyymmdd as an integer
  Qty,           // contracts; value = count x 100 (kalshi_count_t scale)
  Amount,        // dollars; value = dollars x 1e6
  Price,         // "modal": cents on prediction without UseDollars, else dollars; value x 1e6
  PriceDollars,  // always dollars (MDEntryPx 270, quote notification to creator); value x 1e6
  PriceCents,    // always cents with up to 2 decimals (SettlementPrice 730); value = dollars x 1e6
};
const char *field_type_name(FieldType t);

// Whether a message member must be present. Conditional members are documented, not enforced.
enum class Presence : uint8_t { Required = 0, Conditional = 1, Optional = 2 };
const char *presence_name(Presence p);  // "Y", "C", "N"

struct FieldDef {
  uint32_t tag;
  std::string_view name;   // FIX name, e.g. "AvgPx"
  std::string_view snake;  // accessor name, e.g. "avg_px"
  FieldType type;
  // Closed enumeration "code=Name;code=Name" (empty: any value of the type). The builder refuses
  // other codes; the decoder accepts them (the exchange may add codes before the docs do).
  std::string_view enums;
  std::string_view doc;
  bool header;  // standard header/trailer field (8 9 35 49 56 34 52 43 97 122 50 1128 10)
};

// Field definition by tag, or nullptr for a tag the dictionary does not know.
const FieldDef *field_def(uint32_t tag);
// All fields, in tag order.
const FieldDef *field_table(size_t *count);
// Is `value` one of the listed codes of `def.enums` (true when the field has no enumeration)?
// MultiChar values check each space-separated character.
bool enum_allows(const FieldDef &def, std::string_view value);

struct GroupDef;

// One member of a message body or of a group entry, in definition (= encoding) order.
struct MemberDef {
  const FieldDef *field;
  FieldType type;  // usually field->type; a message may override (see messages.def)
  Presence presence;
  std::string_view note;  // message-specific note for the docs ("" when none)
  const GroupDef *group;  // non-null when this member is a group counter
};

struct GroupDef {
  const FieldDef *counter;   // the NumInGroup field
  const MemberDef *members;  // members[0] is the delimiter
  uint16_t member_count;
  // Members [0, start_span) may open an entry. 1 for ordinary groups; 3 on the creator's
  // QuoteRequest NoRelatedSym, whose MVE entries start with OrderQty 38 or CashOrderQty 152
  // instead of Symbol 55 (kalshi-fix.md §3.7 note).
  uint16_t start_span;
  // Index of `member` in members, or -1.
  int index_of(uint32_t tag) const;
};

struct MessageDef {
  uint16_t id;                  // index in message_table(); stable within a build only
  std::string_view name;        // "ExecutionReport", "QuoteRequestBroadcast" ...
  std::string_view msg_type;    // "8", "UMS" ...
  Direction direction;          // Both for A 0 1 2 4 5
  uint8_t prediction_sessions;  // SessionMask bits (context.h)
  uint8_t margin_sessions;
  std::string_view doc;
  const MemberDef *members;  // body members, in definition order
  uint16_t member_count;
  int index_of(uint32_t tag) const;  // top-level member index, or -1
  const MemberDef *member(uint32_t tag) const;
  // Does `tag` occur anywhere in this message (body or any group, at any depth)?
  bool uses_tag(uint32_t tag) const;
};

// Every message definition; R and S appear twice (one per direction).
const MessageDef *message_table(size_t *count);
// The definition for a MsgType sent in `sender` direction, or nullptr.
const MessageDef *find_message(std::string_view msg_type, Direction sender);
// By MessageDef::name ("ExecutionReport"), or nullptr.
const MessageDef *find_message_by_name(std::string_view name);

// Tag constants generated from fields.def: tag::AvgPx == 6.
namespace tag {
#define KFIX_FIELD(num, Name, snake, Type, enums, doc) inline constexpr uint32_t Name = num;
#include "api/fix/fields.def"
#undef KFIX_FIELD
}  // namespace tag

// Compile-time field traits generated from fields.def, used by the typed views and builders:
// field::avg_px::tag == 6, field::avg_px::type == FieldType::Price.
namespace field {
#define KFIX_FIELD(num, Name, snake, Type, enums, doc) \
  struct snake {                                       \
    static constexpr uint32_t tag = num;               \
    static constexpr FieldType type = FieldType::Type; \
    static constexpr std::string_view name = #Name;    \
  };
#include "api/fix/fields.def"
#undef KFIX_FIELD
}  // namespace field

}  // namespace kalshi::fix
