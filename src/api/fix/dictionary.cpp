// Builds the field and message tables from fields.def / messages.def once, on first use.
#include "api/fix/dictionary.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

#include "api/fix/member_index.h"

namespace kalshi::fix {

namespace {

#define KFIX_HEADER_TAG(t)                                                                  \
  ((t) == 8 || (t) == 9 || (t) == 10 || (t) == 34 || (t) == 35 || (t) == 43 || (t) == 49 || \
   (t) == 50 || (t) == 52 || (t) == 56 || (t) == 97 || (t) == 122 || (t) == 1128)

constexpr FieldDef kFields[] = {
#define KFIX_FIELD(num, Name, snake, Type, enums, doc) \
  {num, #Name, #snake, FieldType::Type, enums, doc, KFIX_HEADER_TAG(num)},
#include "api/fix/fields.def"
#undef KFIX_FIELD
};
constexpr size_t kFieldCount = sizeof kFields / sizeof kFields[0];

constexpr bool fields_sorted() {
  for (size_t i = 1; i < kFieldCount; ++i) {
    if (kFields[i - 1].tag >= kFields[i].tag) return false;
  }
  return true;
}
static_assert(fields_sorted(), "fields.def must list tags in increasing order, each once");

// field_def() is on the decoder's error path and the builders': the slot tables of
// member_index.h, built from the same fields.def, index kFields.
static_assert(slots::kFieldCount == kFieldCount, "member_index.h and kFields disagree");

// messages.def flattened into tokens; the tree is rebuilt from them at first use.
struct Token {
  enum Kind : uint8_t { Msg, Member, Group, EndGroup, EndMsg } kind;
  std::string_view name;      // Msg: message name
  std::string_view msg_type;  // Msg
  Direction dir;              // Msg
  uint8_t pred;               // Msg
  uint8_t margin;             // Msg
  std::string_view doc;       // Msg: doc; Member/Group: note
  uint32_t tag;               // Member/Group
  Presence presence;          // Member/Group
  bool type_override;         // Member
  FieldType type;             // Member with override
  uint16_t span;              // Group
};

constexpr Presence kPresence_Y = Presence::Required;
constexpr Presence kPresence_C = Presence::Conditional;
constexpr Presence kPresence_N = Presence::Optional;

constexpr Token kTokens[] = {
#define KFIX_MSG(Name, mt, dir, pred, margin, doc)                                                \
  {Token::Msg,        #Name, mt, Direction::dir, pred, margin, doc, 0, Presence::Optional, false, \
   FieldType::String, 0},
#define KFIX_M(snake, p, note) \
  {                            \
      Token::Member,           \
      {},                      \
      {},                      \
      Direction::Both,         \
      0,                       \
      0,                       \
      note,                    \
      field::snake::tag,       \
      kPresence_##p,           \
      false,                   \
      FieldType::String,       \
      0},
#define KFIX_MT(snake, p, Type, note)                                                            \
  {Token::Member,   {}, {}, Direction::Both, 0, 0, note, field::snake::tag, kPresence_##p, true, \
   FieldType::Type, 0},
#define KFIX_G(snake, p, span, note) \
  {Token::Group,                     \
   {},                               \
   {},                               \
   Direction::Both,                  \
   0,                                \
   0,                                \
   note,                             \
   field::snake::tag,                \
   kPresence_##p,                    \
   false,                            \
   FieldType::NumInGroup,            \
   span},
#define KFIX_END_G(snake) \
  {Token::EndGroup,       \
   {},                    \
   {},                    \
   Direction::Both,       \
   0,                     \
   0,                     \
   {},                    \
   field::snake::tag,     \
   Presence::Optional,    \
   false,                 \
   FieldType::String,     \
   0},
#define KFIX_END_MSG(Name)                                                                \
  {Token::EndMsg,     #Name, {}, Direction::Both, 0, 0, {}, 0, Presence::Optional, false, \
   FieldType::String, 0},
#include "api/fix/messages.def"
#undef KFIX_MSG
#undef KFIX_M
#undef KFIX_MT
#undef KFIX_G
#undef KFIX_END_G
#undef KFIX_END_MSG
};
constexpr size_t kTokenCount = sizeof kTokens / sizeof kTokens[0];

constexpr size_t count_messages() {
  size_t n = 0;
  for (const Token &t : kTokens) n += t.kind == Token::Msg ? 1 : 0;
  return n;
}
constexpr size_t kMessageCount = count_messages();

// Index of `tag` in kFields, or -1.
int field_index(uint32_t tag) {
  const uint16_t i = field_slot(tag);
  return i == slots::kUnknown ? -1 : i;
}

}  // namespace

// member_index.h's rows: 43 messages x ~150 fields, a few KB.
uint8_t slots::g_member_rows[kMessageCount][slots::kRowSize];

namespace {

// find_message() table key: MsgType bytes and length packed in 64 bits (types are <= 7 chars).
constexpr size_t kMaxPackedType = 7;
constexpr bool msg_types_packable() {
  for (const Token &t : kTokens) {
    if (t.kind == Token::Msg && t.msg_type.size() > kMaxPackedType) return false;
  }
  return true;
}
static_assert(msg_types_packable(), "a MsgType longer than 7 chars needs a wider key");
uint64_t pack_msg_type(std::string_view t) {
  uint64_t k = t.size();
  for (size_t i = 0; i < t.size(); ++i)
    k |= uint64_t{static_cast<unsigned char>(t[i])} << (8 * (i + 1));
  return k;
}

struct Tables {
  std::vector<MemberDef> members;  // reserved up front: pointers into it stay valid
  std::vector<GroupDef> groups;
  std::vector<MessageDef> messages;
  // find_message(): per sender Direction, open addressing packed MsgType -> first matching def.
  struct TypeSlot {
    uint64_t key = 0;
    const MessageDef *def = nullptr;
  };
  static constexpr size_t kTypeSlots = 128;  // well over twice the message count
  static_assert(kMessageCount * 2 < kTypeSlots);
  std::array<std::array<TypeSlot, kTypeSlots>, 3> by_type;

  static size_t type_hash(uint64_t key) { return (key * 0x9E3779B97F4A7C15ULL) >> 57; }

  Tables() {
    members.reserve(kTokenCount);
    groups.reserve(kTokenCount);
    size_t i = 0;
    while (i < kTokenCount) {
      const Token &m = kTokens[i++];
      MessageDef def{};
      def.id = static_cast<uint16_t>(messages.size());
      def.name = m.name;
      def.msg_type = m.msg_type;
      def.direction = m.dir;
      def.prediction_sessions = m.pred;
      def.margin_sessions = m.margin;
      def.doc = m.doc;
      def.members = parse_level(&i, Token::EndMsg, &def.member_count);
      ++i;  // EndMsg
      messages.push_back(def);
    }
    for (const MessageDef &m : messages) {
      uint8_t *row = slots::g_member_rows[m.id];
      std::copy(std::begin(slots::kHeaderRow.slot), std::end(slots::kHeaderRow.slot), row);
      for (size_t k = 0; k < m.member_count; ++k) {
        const uint16_t f = field_slot(m.members[k].field->tag);
        // A header tag is never a member (messages.def lists none); the decoder relies on it.
        if (row[f] == slots::kHeaderSlot) std::abort();
        row[f] = static_cast<uint8_t>(k + 1);
      }
    }
    for (size_t d = 0; d < by_type.size(); ++d) {
      const Direction sender = static_cast<Direction>(d);
      for (const MessageDef &m : messages) {
        if (m.direction != Direction::Both && sender != Direction::Both && m.direction != sender) {
          continue;
        }
        const uint64_t key = pack_msg_type(m.msg_type);
        size_t h = type_hash(key);
        while (by_type[d][h].def != nullptr && by_type[d][h].key != key) h = (h + 1) % kTypeSlots;
        if (by_type[d][h].def == nullptr) by_type[d][h] = TypeSlot{key, &m};  // first one wins
      }
    }
  }

  // Parses members up to the closing token; returns the level's contiguous member array.
  const MemberDef *parse_level(size_t *i, Token::Kind close, uint16_t *count) {
    std::vector<MemberDef> level;
    while (*i < kTokenCount && kTokens[*i].kind != close) {
      const Token &t = kTokens[(*i)++];
      MemberDef md{};
      md.field = field_def(t.tag);
      md.presence = t.presence;
      md.note = t.doc;
      md.type = t.type_override ? t.type : md.field->type;
      if (t.kind == Token::Group) {
        GroupDef g{};
        g.counter = md.field;
        g.start_span = t.span;
        g.members = parse_level(i, Token::EndGroup, &g.member_count);
        ++*i;  // EndGroup
        groups.push_back(g);
        md.group = &groups.back();
      }
      level.push_back(md);
    }
    *count = static_cast<uint16_t>(level.size());
    // Member rows hold index + 1 in a byte, below kHeaderSlot.
    if (level.size() >= slots::kHeaderSlot - 1) std::abort();
    const size_t at = members.size();
    members.insert(members.end(), level.begin(), level.end());
    return members.data() + at;
  }
};

const Tables &tables() {
  static const Tables t;
  return t;
}

bool group_uses(const GroupDef &g, uint32_t tag) {
  for (size_t i = 0; i < g.member_count; ++i) {
    if (g.members[i].field->tag == tag) return true;
    if (g.members[i].group != nullptr && group_uses(*g.members[i].group, tag)) return true;
  }
  return false;
}

}  // namespace

const char *field_type_name(FieldType t) {
  switch (t) {
    case FieldType::String:
      return "String";
    case FieldType::Char:
      return "Char";
    case FieldType::MultiChar:
      return "MultipleCharValue";
    case FieldType::Int:
      return "Int";
    case FieldType::Bool:
      return "Boolean";
    case FieldType::SeqNum:
      return "SeqNum";
    case FieldType::Length:
      return "Length";
    case FieldType::NumInGroup:
      return "NumInGroup";
    case FieldType::Data:
      return "Data";
    case FieldType::UtcTimestamp:
      return "UTCTimestamp";
    case FieldType::LocalMktDate:
      return "LocalMktDate";
    case FieldType::Qty:
      return "Qty";
    case FieldType::Amount:
      return "Amt";
    case FieldType::Price:
      return "Price";
    case FieldType::PriceDollars:
      return "Price (dollars)";
    case FieldType::PriceCents:
      return "Price (cents)";
  }
  return "?";
}

const char *presence_name(Presence p) {
  switch (p) {
    case Presence::Required:
      return "Y";
    case Presence::Conditional:
      return "C";
    case Presence::Optional:
      return "N";
  }
  return "?";
}

const char *direction_name(Direction d) {
  switch (d) {
    case Direction::ClientToServer:
      return "client to server";
    case Direction::ServerToClient:
      return "server to client";
    case Direction::Both:
      return "both";
  }
  return "?";
}

const FieldDef *field_def(uint32_t tag) {
  const int i = field_index(tag);
  return i < 0 ? nullptr : &kFields[i];
}

const FieldDef *field_table(size_t *count) {
  *count = kFieldCount;
  return kFields;
}

bool enum_allows(const FieldDef &def, std::string_view value) {
  if (def.enums.empty()) return true;
  auto listed = [&](std::string_view code) {
    std::string_view rest = def.enums;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      const std::string_view item = rest.substr(0, semi);
      const size_t eq = item.find('=');
      if (item.substr(0, eq) == code) return true;
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
    return false;
  };
  if (def.type != FieldType::MultiChar) return listed(value);
  // MultipleCharValue: single characters separated by single spaces.
  if (value.empty()) return false;
  for (size_t i = 0; i < value.size(); i += 2) {
    if (!listed(value.substr(i, 1))) return false;
    if (i + 1 < value.size() && value[i + 1] != ' ') return false;
    if (i + 1 == value.size() - 1) return false;  // trailing space
  }
  return true;
}

int GroupDef::index_of(uint32_t tag) const {
  for (size_t i = 0; i < member_count; ++i) {
    if (members[i].field->tag == tag) return static_cast<int>(i);
  }
  return -1;
}

int MessageDef::index_of(uint32_t tag) const {
  return member_index(*this, tag);
}

const MemberDef *MessageDef::member(uint32_t tag) const {
  const int i = index_of(tag);
  return i < 0 ? nullptr : &members[i];
}

bool MessageDef::uses_tag(uint32_t tag) const {
  for (size_t i = 0; i < member_count; ++i) {
    if (members[i].field->tag == tag) return true;
    if (members[i].group != nullptr && group_uses(*members[i].group, tag)) return true;
  }
  return false;
}

const MessageDef *message_table(size_t *count) {
  const Tables &t = tables();
  *count = t.messages.size();
  return t.messages.data();
}

const MessageDef *find_message(std::string_view msg_type, Direction sender) {
  const Tables &t = tables();
  const size_t d = static_cast<size_t>(sender);
  if (msg_type.size() <= kMaxPackedType && d < t.by_type.size()) {
    const uint64_t key = pack_msg_type(msg_type);
    for (size_t h = Tables::type_hash(key);; h = (h + 1) % Tables::kTypeSlots) {
      const Tables::TypeSlot &s = t.by_type[d][h];
      if (s.def == nullptr || s.key == key) return s.def;
    }
  }
  for (const MessageDef &m : t.messages) {
    if (m.msg_type == msg_type &&
        (m.direction == Direction::Both || sender == Direction::Both || m.direction == sender)) {
      return &m;
    }
  }
  return nullptr;
}

const MessageDef *find_message_by_name(std::string_view name) {
  for (const MessageDef &m : tables().messages) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace kalshi::fix
