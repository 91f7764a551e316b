// MessageBuilder: validated typed setters into a scope tree, written in definition order.
#include "api/fix/builder.h"

#include <string>

#include "api/fix/value.h"

namespace kalshi::fix {

namespace {

Error invalid_arg(std::string m) {
  return Error::make(KALSHI_ERR_INVALID_ARG, std::move(m));
}
Error invalid_value(std::string m) {
  return Error::make(KALSHI_ERR_INVALID_VALUE, std::move(m));
}

std::string label(uint32_t tag) {
  std::string s = std::to_string(tag);
  if (const FieldDef *d = field_def(tag)) {
    s += " (";
    s += d->name;
    s += ")";
  }
  return s;
}

// ClOrdID / OrigClOrdID: at most 64 chars matching ^[-\w:+=/]*$ (kalshi-fix.md §3.5).
bool valid_cl_ord_id(std::string_view v) {
  if (v.size() > 64) return false;
  for (char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == ':' || c == '+' || c == '=' || c == '/';
    if (!ok) return false;
  }
  return true;
}

bool printable_ascii(std::string_view v) {
  for (char c : v) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

bool is_int_kind(FieldType t) {
  return t == FieldType::Int || t == FieldType::SeqNum || t == FieldType::Length;
}
bool is_price_kind(FieldType t) {
  return t == FieldType::Price || t == FieldType::PriceDollars || t == FieldType::PriceCents;
}
bool is_qty(FieldType t) {
  return t == FieldType::Qty;
}
bool is_amount(FieldType t) {
  return t == FieldType::Amount;
}
bool is_timestamp(FieldType t) {
  return t == FieldType::UtcTimestamp;
}
bool is_date(FieldType t) {
  return t == FieldType::LocalMktDate;
}
bool is_bool(FieldType t) {
  return t == FieldType::Bool;
}
bool is_char(FieldType t) {
  return t == FieldType::Char;
}

const char *numeric_problem(kalshi_err_t rc) {
  switch (rc) {
    case KALSHI_ERR_INEXACT:
      return "is not exact in this session's unit";
    case KALSHI_ERR_RANGE:
      return "is out of range";
    default:
      return "is invalid";
  }
}

}  // namespace

Error MessageBuilder::start(const MessageDef *def, const Context &ctx) {
  if (def == nullptr) return invalid_arg("no such message definition");
  def_ = def;
  ctx_ = ctx;
  items_.clear();
  scopes_.clear();
  groups_.clear();
  open_.clear();
  arena_.clear();
  sub_id_off_ = sub_id_len_ = 0;
  scopes_.push_back(Scope{def->members, def->member_count, 0, kNil, kNil});
  cur_scope_ = 0;
  in_entry_ = true;
  return Error();
}

Error MessageBuilder::start(std::string_view msg_type, Direction sender, const Context &ctx) {
  const MessageDef *def = find_message(msg_type, sender);
  if (def == nullptr) {
    return invalid_arg("no message " + std::string(msg_type) + " sent " + direction_name(sender));
  }
  return start(def, ctx);
}

Error MessageBuilder::locate(uint32_t tag, const MemberDef **member, int32_t *index) const {
  if (def_ == nullptr) return Error::make(KALSHI_ERR_STATE, "start() a message first");
  if (!in_entry_) return invalid_arg("call next_entry() before setting fields of a group");
  const Scope &s = scopes_[cur_scope_];
  for (uint16_t i = 0; i < s.member_count; ++i) {
    if (s.members[i].field->tag == tag) {
      *member = &s.members[i];
      *index = i;
      return Error();
    }
  }
  std::string where = cur_scope_ == 0 ? std::string(def_->name) : "this group entry";
  if (cur_scope_ == 0 && def_->uses_tag(tag)) where += " (it belongs inside a group)";
  return invalid_arg("tag " + label(tag) + " is not a field of " + where);
}

Error MessageBuilder::store(uint32_t tag, int32_t index, FieldType type, int64_t num,
                            std::string_view text, bool is_text) {
  Scope &s = scopes_[cur_scope_];
  uint32_t off = 0;
  if (is_text) {
    off = static_cast<uint32_t>(arena_.size());
    arena_.append(text);
  }
  for (uint32_t i = s.first_item; i != kNil; i = items_[i].next) {
    if (items_[i].tag == tag) {  // set again: replace
      items_[i] = Item{
          tag, items_[i].next, index, type, is_text, num, off, static_cast<uint32_t>(text.size())};
      return Error();
    }
  }
  items_.push_back(
      Item{tag, s.first_item, index, type, is_text, num, off, static_cast<uint32_t>(text.size())});
  s.first_item = static_cast<uint32_t>(items_.size() - 1);
  return Error();
}

Error MessageBuilder::set_string(uint32_t tag, std::string_view v) {
  if (tag == 50 && def_ != nullptr &&
      (def_->msg_type == "D" || def_->msg_type == "F" || def_->msg_type == "G")) {
    // SenderSubID is a header field (kalshi-fix.md §3.6): kept for Session::send.
    if (v.empty() || v.size() > 16 || !printable_ascii(v)) {
      return invalid_value("SenderSubID (50) must be 1-16 printable ASCII characters");
    }
    sub_id_off_ = static_cast<uint32_t>(arena_.size());
    sub_id_len_ = static_cast<uint32_t>(v.size());
    arena_.append(v);
    return Error();
  }
  const MemberDef *m = nullptr;
  int32_t index = 0;
  if (Error e = locate(tag, &m, &index); !e.ok()) return e;
  if (m->type != FieldType::String && m->type != FieldType::MultiChar) {
    return invalid_arg("tag " + label(tag) + " is " + field_type_name(m->type) +
                       ", not text: use its typed setter");
  }
  if (v.empty()) return invalid_value("tag " + label(tag) + " needs a non-empty value");
  if (v.find('\x01') != std::string_view::npos) {
    return invalid_value("tag " + label(tag) + " value contains SOH");
  }
  if ((tag == 11 || tag == 41) && !valid_cl_ord_id(v)) {
    return invalid_value("tag " + label(tag) +
                         " must be at most 64 characters of A-Z a-z 0-9 _ - : + = /");
  }
  if (!enum_allows(*m->field, v)) {
    return invalid_value("tag " + label(tag) + " value '" + std::string(v) + "' is not one of " +
                         std::string(m->field->enums));
  }
  return store(tag, index, m->type, 0, v, true);
}

Error MessageBuilder::set_data(uint32_t tag, std::string_view bytes) {
  const MemberDef *m = nullptr;
  int32_t index = 0;
  if (Error e = locate(tag, &m, &index); !e.ok()) return e;
  if (m->type != FieldType::Data) return invalid_arg("tag " + label(tag) + " is not Data");
  if (bytes.empty()) return invalid_value("tag " + label(tag) + " needs a non-empty value");
  return store(tag, index, m->type, 0, bytes, true);
}

Error MessageBuilder::set_number(uint32_t tag, int64_t v, bool (*accepts)(FieldType),
                                 const char *setter) {
  const MemberDef *m = nullptr;
  int32_t index = 0;
  if (Error e = locate(tag, &m, &index); !e.ok()) return e;
  if (!accepts(m->type)) {
    return invalid_arg("tag " + label(tag) + " is " + field_type_name(m->type) +
                       ", not settable with " + setter);
  }
  if (m->type == FieldType::Length && index + 1 < scopes_[cur_scope_].member_count &&
      scopes_[cur_scope_].members[index + 1].type == FieldType::Data) {
    return invalid_arg("tag " + label(tag) + " is written with the Data field that follows it");
  }
  const kalshi_err_t rc = check_value(m->type, v, ctx_);
  if (rc != KALSHI_OK) {
    return Error::make(
        rc, "tag " + label(tag) + " value " + std::to_string(v) + " " + numeric_problem(rc));
  }
  if (!m->field->enums.empty()) {
    std::string code;
    if (m->type == FieldType::Char) {
      code.assign(1, static_cast<char>(v));
    } else {
      code = std::to_string(v);
    }
    if (!enum_allows(*m->field, code)) {
      return invalid_value("tag " + label(tag) + " value " + code + " is not one of " +
                           std::string(m->field->enums));
    }
  }
  // Margin order entry takes whole contracts only (kalshi-fix.md §3.3, §10.2).
  if (tag == 38 && ctx_.product == Product::Margin && v % 100 != 0 &&
      (def_->msg_type == "D" || def_->msg_type == "G")) {
    return Error::make(KALSHI_ERR_INEXACT,
                       "tag " + label(tag) + ": margin order quantities are whole contracts");
  }
  return store(tag, index, m->type, v, {}, false);
}

Error MessageBuilder::set_char(uint32_t tag, char v) {
  return set_number(tag, static_cast<unsigned char>(v), is_char, "set_char");
}
Error MessageBuilder::set_int(uint32_t tag, int64_t v) {
  return set_number(tag, v, is_int_kind, "set_int");
}
Error MessageBuilder::set_bool(uint32_t tag, bool v) {
  return set_number(tag, v ? 1 : 0, is_bool, "set_bool");
}
Error MessageBuilder::set_price(uint32_t tag, int64_t v) {
  return set_number(tag, v, is_price_kind, "set_price");
}
Error MessageBuilder::set_qty(uint32_t tag, int64_t v) {
  return set_number(tag, v, is_qty, "set_qty");
}
Error MessageBuilder::set_amount(uint32_t tag, int64_t v) {
  return set_number(tag, v, is_amount, "set_amount");
}
Error MessageBuilder::set_timestamp(uint32_t tag, int64_t v) {
  return set_number(tag, v, is_timestamp, "set_timestamp");
}
Error MessageBuilder::set_date(uint32_t tag, int32_t v) {
  return set_number(tag, v, is_date, "set_date");
}

Error MessageBuilder::set_text(uint32_t tag, std::string_view text) {
  const MemberDef *m = nullptr;
  int32_t index = 0;
  if (tag == 50) return set_string(tag, text);
  if (Error e = locate(tag, &m, &index); !e.ok()) return e;
  switch (m->type) {
    case FieldType::String:
    case FieldType::MultiChar:
      return set_string(tag, text);
    case FieldType::Data:
      return set_data(tag, text);
    case FieldType::NumInGroup:
      return invalid_arg("tag " + label(tag) + " is a group counter: use begin_group()");
    default:
      break;
  }
  int64_t v = 0;
  const kalshi_err_t rc = parse_value(m->type, text, ctx_, &v);
  if (rc != KALSHI_OK) {
    return Error::make(rc == KALSHI_ERR_PARSE ? KALSHI_ERR_INVALID_VALUE : rc,
                       "tag " + label(tag) + " value '" + std::string(text) + "' is not a valid " +
                           field_type_name(m->type));
  }
  switch (m->type) {
    case FieldType::Char:
      return set_char(tag, static_cast<char>(v));
    case FieldType::Bool:
      return set_bool(tag, v != 0);
    case FieldType::Qty:
      return set_qty(tag, v);
    case FieldType::Amount:
      return set_amount(tag, v);
    case FieldType::Price:
    case FieldType::PriceDollars:
    case FieldType::PriceCents:
      return set_price(tag, v);
    case FieldType::UtcTimestamp:
      return set_timestamp(tag, v);
    case FieldType::LocalMktDate:
      return set_date(tag, static_cast<int32_t>(v));
    default:
      return set_int(tag, v);
  }
}

Error MessageBuilder::begin_group(uint32_t counter_tag) {
  const MemberDef *m = nullptr;
  int32_t index = 0;
  if (Error e = locate(counter_tag, &m, &index); !e.ok()) return e;
  if (m->group == nullptr) return invalid_arg("tag " + label(counter_tag) + " is not a group");
  const Scope &s = scopes_[cur_scope_];
  for (uint32_t i = s.first_item; i != kNil; i = items_[i].next) {
    if (items_[i].tag == counter_tag) {
      return invalid_arg("group " + label(counter_tag) + " was already built in this scope");
    }
  }
  groups_.push_back(Group{m->group, cur_scope_, kNil, kNil, 0});
  const uint32_t g = static_cast<uint32_t>(groups_.size() - 1);
  if (Error e = store(counter_tag, index, FieldType::NumInGroup, g, {}, false); !e.ok()) return e;
  open_.push_back(g);
  in_entry_ = false;
  return Error();
}

Error MessageBuilder::next_entry() {
  if (open_.empty()) return invalid_arg("next_entry() without begin_group()");
  Group &g = groups_[open_.back()];
  scopes_.push_back(Scope{g.def->members, g.def->member_count, g.def->start_span, kNil, kNil});
  const uint32_t s = static_cast<uint32_t>(scopes_.size() - 1);
  if (g.last_entry == kNil) {
    g.first_entry = s;
  } else {
    scopes_[g.last_entry].next_entry = s;
  }
  g.last_entry = s;
  ++g.entries;
  cur_scope_ = s;
  in_entry_ = true;
  return Error();
}

Error MessageBuilder::end_group() {
  if (open_.empty()) return invalid_arg("end_group() without begin_group()");
  cur_scope_ = groups_[open_.back()].owner;
  open_.pop_back();
  in_entry_ = true;
  return Error();
}

std::string_view MessageBuilder::sender_sub_id() const {
  return sub_id_len_ == 0 ? std::string_view() : arena_.view().substr(sub_id_off_, sub_id_len_);
}

Error MessageBuilder::emit_scope(uint32_t scope, FieldWriter &w) const {
  const Scope &s = scopes_[scope];
  bool first = true;
  for (uint16_t k = 0; k < s.member_count; ++k) {
    const MemberDef &m = s.members[k];
    const Item *item = nullptr;
    for (uint32_t i = s.first_item; i != kNil; i = items_[i].next) {
      if (items_[i].member == k) {
        item = &items_[i];
        break;
      }
    }
    if (item == nullptr) {
      if (m.presence == Presence::Required) {
        return invalid_arg("required field " + label(m.field->tag) + " of " +
                           (scope == 0 ? std::string(def_->name) : std::string("a group entry")) +
                           " is missing");
      }
      continue;
    }
    if (first && s.start_span > 0 && k >= s.start_span) {
      return invalid_arg("a group entry must start with " + label(s.members[0].field->tag));
    }
    first = false;
    if (m.group != nullptr) {
      const Group &g = groups_[static_cast<size_t>(item->num)];
      w.add_uint(m.field->tag, g.entries);
      for (uint32_t e = g.first_entry; e != kNil; e = scopes_[e].next_entry) {
        if (Error err = emit_scope(e, w); !err.ok()) return err;
      }
    } else if (item->text) {
      const std::string_view v = arena_.view().substr(item->off, item->len);
      if (m.type == FieldType::Data) {
        // RawDataLength precedes RawData by definition (kalshi-fix.md §2.6.1).
        w.add_data(m.field->tag - 1, m.field->tag, v);
      } else {
        w.add(m.field->tag, v);
      }
    } else {
      const Direction d = def_->direction == Direction::ServerToClient ? Direction::ServerToClient
                                                                       : Direction::ClientToServer;
      write_value(w, m.field->tag, m.type, item->num, ctx_, d);
    }
  }
  if (scope != 0 && first) return invalid_arg("a group entry has no fields");
  return Error();
}

// ---- Conditional (C) rules of client -> server messages -----------------------------------------

const MessageBuilder::Item *MessageBuilder::find(uint32_t scope, uint32_t tag) const {
  for (uint32_t i = scopes_[scope].first_item; i != kNil; i = items_[i].next) {
    if (items_[i].tag == tag) return &items_[i];
  }
  return nullptr;
}

bool MessageBuilder::has(uint32_t scope, uint32_t tag) const {
  return find(scope, tag) != nullptr;
}

// A Char field's code, or the first character of a text value; 0 when absent.
char MessageBuilder::char_of(uint32_t scope, uint32_t tag) const {
  const Item *it = find(scope, tag);
  if (it == nullptr) return 0;
  if (it->text) return it->len == 0 ? '\0' : arena_.view()[it->off];
  return static_cast<char>(it->num);
}

// ExecInst (18) holds `code`: a MultipleCharValue ("6 E") or a single Char.
bool MessageBuilder::exec_inst_has(uint32_t scope, char code) const {
  const Item *it = find(scope, 18);
  if (it == nullptr) return false;
  if (!it->text) return static_cast<char>(it->num) == code;
  for (char c : arena_.view().substr(it->off, it->len)) {
    if (c == code) return true;
  }
  return false;
}

// Calls f(entry scope) for each entry of the group counted by `counter` in scope 0.
template <typename F>
Error MessageBuilder::each_entry(uint32_t counter, F f) const {
  const Item *it = find(0, counter);
  if (it == nullptr) return Error();
  const Group &g = groups_[static_cast<size_t>(it->num)];
  for (uint32_t e = g.first_entry; e != kNil; e = scopes_[e].next_entry) {
    if (Error err = f(e); !err.ok()) return err;
  }
  return Error();
}

// Parties (453): PartyRole(452) is required with PartyID(448) on every order/RFQ message.
Error MessageBuilder::check_parties() const {
  return each_entry(453, [this](uint32_t e) {
    if (has(e, 448) && !has(e, 452)) {
      return invalid_arg("tag 452 (PartyRole) is required with 448 (PartyID) in a 453 entry");
    }
    return Error();
  });
}

Error MessageBuilder::check_time_in_force(bool replace) const {
  const char tif = char_of(0, 59);
  const bool expire = has(0, 126);
  if (replace && tif != 0 && tif != '0' && tif != '1' && tif != '6') {
    return invalid_arg(std::string("tag 59 (TimeInForce) on a replace must be 0, 1 or 6, not ") +
                       tif);
  }
  if (tif == '6' && !expire) {
    return invalid_arg("tag 126 (ExpireTime) is required with 59 (TimeInForce)=6");
  }
  if (tif != '6' && expire) {
    return invalid_arg("tag 126 (ExpireTime) is only allowed with 59 (TimeInForce)=6");
  }
  return Error();
}

Error MessageBuilder::check_reduce_only() const {
  if (!exec_inst_has(0, 'E')) return Error();
  const char tif = char_of(0, 59);
  // Prediction: IOC only; margin: IOC or FOK (kalshi-fix.md §4.1, §10.2).
  const bool margin = ctx_.product == Product::Margin;
  if (tif != '3' && !(margin && tif == '4')) {
    return invalid_arg(margin ? "tag 18 (ExecInst)=E (reduce only) needs 59 (TimeInForce)=3 or 4"
                              : "tag 18 (ExecInst)=E (reduce only) needs 59 (TimeInForce)=3");
  }
  if (has(0, 117)) {
    return invalid_arg("tag 18 (ExecInst)=E (reduce only) is not allowed with 117 (QuoteId)");
  }
  return Error();
}

Error MessageBuilder::check_order_group() const {
  const Item *action = find(0, 20131);
  if (action == nullptr) return Error();  // 20131 is required: reported as missing
  const int64_t a = action->num;
  const bool id = has(0, 20130);
  const bool limit = has(0, 20132);
  if (a == 1 && id) {
    return invalid_arg("tag 20130 (OrderGroupID) must not be sent with 20131 (OrderGroupAction)=1");
  }
  if (a >= 2 && a <= 5 && !id) {
    return invalid_arg("tag 20130 (OrderGroupID) is required with 20131 (OrderGroupAction)=" +
                       std::to_string(a));
  }
  if ((a == 1 || a == 5) && !limit) {
    return invalid_arg(
        "tag 20132 (OrderGroupContractsLimit) is required with 20131 (OrderGroupAction)=" +
        std::to_string(a));
  }
  return Error();
}

Error MessageBuilder::check_market_data_request() const {
  const char type = char_of(0, 263);
  if (type != '0' && type != '1') return Error();
  const Item *counter = find(0, 146);
  if (counter == nullptr || groups_[static_cast<size_t>(counter->num)].entries == 0) {
    return invalid_arg(std::string("tag 146 (NoRelatedSym) with at least one entry is required "
                                   "with 263 (SubscriptionRequestType)=") +
                       type);
  }
  return Error();
}

Error MessageBuilder::check_quote_request() const {
  return each_entry(146, [this](uint32_t e) {
    if (!has(e, 38) && !has(e, 152)) {
      return invalid_arg("a 146 entry needs 38 (OrderQty) or 152 (CashOrderQty)");
    }
    if (const Item *c = find(e, 453)) {
      const Group &g = groups_[static_cast<size_t>(c->num)];
      for (uint32_t p = g.first_entry; p != kNil; p = scopes_[p].next_entry) {
        if (has(p, 448) && !has(p, 452)) {
          return invalid_arg("tag 452 (PartyRole) is required with 448 (PartyID) in a 453 entry");
        }
      }
    }
    return Error();
  });
}

Error MessageBuilder::check_conditional() const {
  if (def_ == nullptr) return Error::make(KALSHI_ERR_STATE, "start() a message first");
  // Only what the client sends: the exchange's own messages follow its rules, and the simulator
  // builds those with this builder too.
  if (def_->direction != Direction::ClientToServer) return Error();
  const std::string_view t = def_->msg_type;
  if (t == "D" || t == "G") {
    if (Error e = check_time_in_force(t == "G"); !e.ok()) return e;
    if (t == "D") {
      if (Error e = check_reduce_only(); !e.ok()) return e;
    }
    return check_parties();
  }
  if (t == "F" || t == "UA") return check_parties();
  if (t == "UOG") return check_order_group();
  if (t == "V") return check_market_data_request();
  if (t == "R") return check_quote_request();
  return Error();
}

Error MessageBuilder::finish(Buffer &body) {
  if (def_ == nullptr) return Error::make(KALSHI_ERR_STATE, "start() a message first");
  if (!open_.empty()) {
    return invalid_arg("group " + label(groups_[open_.back()].def->counter->tag) +
                       " is still open: end_group() first");
  }
  const size_t mark = body.size();
  FieldWriter w(body);
  Error e = emit_scope(0, w);
  // Required members first, so a missing one is named before any conditional rule.
  if (e.ok() && conditional_checks_) e = check_conditional();
  if (!e.ok()) body.truncate(mark);
  return e;
}

}  // namespace kalshi::fix
