// Builds the field and message tables from fields.def / messages.def once, on first use.
#include "api/fix/dictionary.h"

#include <algorithm>
#include <array>
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

struct Tables {
  std::vector<MemberDef> members;  // reserved up front: pointers into it stay valid
  std::vector<GroupDef> groups;
  std::vector<MessageDef> messages;
  // Per message (by id): open-addressing table tag -> member index.
  struct Slot {
    uint32_t tag = 0;
    int32_t index = -1;
  };
  static constexpr size_t kSlots = 128;  // more than twice the largest top level
  std::vector<std::array<Slot, kSlots>> index;

  static size_t hash(uint32_t tag) { return (tag * 2654435761u) >> 25; }

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
    index.resize(messages.size());
    for (const MessageDef &m : messages) {
      for (size_t k = 0; k < m.member_count; ++k) {
        size_t h = hash(m.members[k].field->tag);
        while (index[m.id][h].index >= 0) h = (h + 1) % kSlots;
        index[m.id][h] = Slot{m.members[k].field->tag, static_cast<int32_t>(k)};
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

int member_index(const MessageDef &def, uint32_t tag) {
  const auto &slots = tables().index[def.id];
  for (size_t h = Tables::hash(tag);; h = (h + 1) % Tables::kSlots) {
    const Tables::Slot &s = slots[h];
    if (s.index < 0) return -1;
    if (s.tag == tag) return s.index;
  }
}

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
  const FieldDef *end = kFields + kFieldCount;
  const FieldDef *it =
      std::lower_bound(kFields, end, tag, [](const FieldDef &f, uint32_t t) { return f.tag < t; });
  return it != end && it->tag == tag ? it : nullptr;
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
  for (const MessageDef &m : tables().messages) {
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
