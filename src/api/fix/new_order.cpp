// Fast NewOrderSingle: the member order comes from messages.def; values come straight from the
// struct, so no per-field bookkeeping or copies happen on the order path.
#include "api/fix/new_order.h"

#include <string>

#include "api/fix/dictionary.h"
#include "api/fix/value.h"

namespace kalshi::fix {

namespace {

bool clean_text(std::string_view v) {
  return v.find('\x01') == std::string_view::npos;
}

// ClOrdID characters (A-Z a-z 0-9 _ - : + = /) as a byte table: one load per character.
struct ByteSet {
  bool has[256];
};
constexpr ByteSet make_cl_ord_id_chars() {
  ByteSet s{};
  for (int c = 0; c < 256; ++c) {
    s.has[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == ':' || c == '+' || c == '=' || c == '/';
  }
  return s;
}
constexpr ByteSet kClOrdIdChars = make_cl_ord_id_chars();

bool valid_cl_ord_id(std::string_view v) {
  if (v.empty() || v.size() > 64) return false;
  bool ok = true;
  for (char c : v) ok &= kClOrdIdChars.has[static_cast<unsigned char>(c)];
  return ok;
}

// TimeInForce codes the dictionary lists for 59, as a byte table built once from enum_allows.
bool time_in_force_allowed(char c) {
  static const ByteSet allowed = [] {
    ByteSet s{};
    const FieldDef &def = *field_def(59);
    for (int i = 1; i < 256; ++i) {
      const char ch = static_cast<char>(i);
      s.has[i] = enum_allows(def, std::string_view(&ch, 1));
    }
    return s;
  }();
  return allowed.has[static_cast<unsigned char>(c)];
}

// The NewOrderSingle members in definition order, each as the struct field that supplies it:
// resolved from messages.def once, so the per-order loop switches over small dense codes.
enum class Slot : uint8_t {
  None,  // a member added to the table without a struct field yet
  ClOrdId,
  OrderQty,
  OrdType,
  Side,
  Symbol,
  Price,
  TimeInForce,
  ExpireTime,
  ExecInst,
  ExDestination,
  QuoteId,
  RfqId,
  AllocAccount,
  Parties,
  SecondaryClOrdId,
  SelfTradePrevention,
  CancelOrderOnPause,
  MaxExecutionCost,
  TransactTime,
};

Slot slot_of(uint32_t tag) {
  switch (tag) {
    case 11:
      return Slot::ClOrdId;
    case 38:
      return Slot::OrderQty;
    case 40:
      return Slot::OrdType;
    case 54:
      return Slot::Side;
    case 55:
      return Slot::Symbol;
    case 44:
      return Slot::Price;
    case 59:
      return Slot::TimeInForce;
    case 126:
      return Slot::ExpireTime;
    case 18:
      return Slot::ExecInst;
    case 100:
      return Slot::ExDestination;
    case 117:
      return Slot::QuoteId;
    case 21023:
      return Slot::RfqId;
    case 79:
      return Slot::AllocAccount;
    case 453:
      return Slot::Parties;
    case 526:
      return Slot::SecondaryClOrdId;
    case 2964:
      return Slot::SelfTradePrevention;
    case 21006:
      return Slot::CancelOrderOnPause;
    case 21009:
      return Slot::MaxExecutionCost;
    case 60:
      return Slot::TransactTime;
    default:
      return Slot::None;
  }
}

struct Plan {
  static constexpr size_t kMax = 64;
  uint32_t tag[kMax];
  Slot slot[kMax];
  size_t count = 0;
};

const Plan &plan() {
  static const Plan p = [] {
    Plan r{};
    const MessageDef *def = find_message_by_name("NewOrderSingle");
    for (uint16_t k = 0; k < def->member_count && r.count < Plan::kMax; ++k) {
      const uint32_t tag = def->members[k].field->tag;
      r.tag[r.count] = tag;
      r.slot[r.count] = slot_of(tag);
      ++r.count;
    }
    return r;
  }();
  return p;
}

Error validate(const NewOrderSingle &o, const Context &ctx) {
  if (!valid_cl_ord_id(o.cl_ord_id)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "ClOrdID (11) must be 1-64 characters of A-Z a-z 0-9 _ - : + = /");
  }
  if (o.symbol.empty() || !clean_text(o.symbol)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "Symbol (55) must be non-empty text");
  }
  if (o.side != '1' && o.side != '2') {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "Side (54) must be '1' or '2'");
  }
  if (o.ord_type != '2') return Error::make(KALSHI_ERR_INVALID_VALUE, "OrdType (40) must be '2'");
  if (o.time_in_force != 0 && !time_in_force_allowed(o.time_in_force)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "TimeInForce (59) must be 0, 1, 3, 4 or 6");
  }
  if (o.order_qty <= 0) return Error::make(KALSHI_ERR_RANGE, "OrderQty (38) must be positive");
  if (ctx.product == Product::Margin && o.order_qty % 100 != 0) {
    return Error::make(KALSHI_ERR_INEXACT, "OrderQty (38): margin takes whole contracts only");
  }
  if (check_value(FieldType::Price, o.price, ctx) != KALSHI_OK) {
    return Error::make(KALSHI_ERR_INEXACT,
                       ctx.modal_prices_in_cents()
                           ? "Price (44) must be whole cents on a session without UseDollars"
                           : "Price (44) has more than 4 decimal places");
  }
  if (!o.exec_inst.empty() && !enum_allows(*field_def(18), o.exec_inst)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "ExecInst (18) must be '6', 'E' or '6 E'");
  }
  for (std::string_view t : {o.quote_id, o.rfq_id, o.party_id, o.secondary_cl_ord_id}) {
    if (!clean_text(t)) return Error::make(KALSHI_ERR_INVALID_VALUE, "text field contains SOH");
  }
  if (ctx.product == Product::Margin &&
      (o.max_execution_cost || o.ex_destination || !o.quote_id.empty() || !o.rfq_id.empty())) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "margin orders take no MaxExecutionCost, ExDestination, QuoteID or RfqId");
  }
  if (o.expire_time_ms && check_value(FieldType::UtcTimestamp, *o.expire_time_ms, ctx)) {
    return Error::make(KALSHI_ERR_RANGE, "ExpireTime (126) out of range");
  }
  if (o.transact_time_ms && check_value(FieldType::UtcTimestamp, *o.transact_time_ms, ctx)) {
    return Error::make(KALSHI_ERR_RANGE, "TransactTime (60) out of range");
  }
  return Error();
}

}  // namespace

Error encode_new_order_single(const NewOrderSingle &o, const Context &ctx, FieldWriter &w) {
  if (Error e = validate(o, ctx); !e.ok()) return e;
  const Plan &p = plan();
  for (size_t k = 0; k < p.count; ++k) {
    const uint32_t tag = p.tag[k];
    switch (p.slot[k]) {
      case Slot::ClOrdId:
        w.add(tag, o.cl_ord_id);
        break;
      case Slot::OrderQty:
        write_value(w, tag, FieldType::Qty, o.order_qty, ctx, Direction::ClientToServer);
        break;
      case Slot::OrdType:
        w.add_char(tag, o.ord_type);
        break;
      case Slot::Side:
        w.add_char(tag, o.side);
        break;
      case Slot::Symbol:
        w.add(tag, o.symbol);
        break;
      case Slot::Price:
        write_value(w, tag, FieldType::Price, o.price, ctx, Direction::ClientToServer);
        break;
      case Slot::TimeInForce:
        if (o.time_in_force != 0) w.add_char(tag, o.time_in_force);
        break;
      case Slot::ExpireTime:
        if (o.expire_time_ms) w.add_timestamp(tag, *o.expire_time_ms);
        break;
      case Slot::ExecInst:
        if (!o.exec_inst.empty()) w.add(tag, o.exec_inst);
        break;
      case Slot::ExDestination:
        if (o.ex_destination) w.add_int(tag, *o.ex_destination);
        break;
      case Slot::QuoteId:
        if (!o.quote_id.empty()) w.add(tag, o.quote_id);
        break;
      case Slot::RfqId:
        if (!o.rfq_id.empty()) w.add(tag, o.rfq_id);
        break;
      case Slot::AllocAccount:
        if (o.alloc_account) w.add_int(tag, *o.alloc_account);
        break;
      case Slot::Parties:
        if (!o.party_id.empty()) {
          w.add_uint(453, 1);
          w.add(448, o.party_id);
          w.add_int(452, o.party_role);
        }
        break;
      case Slot::SecondaryClOrdId:
        if (!o.secondary_cl_ord_id.empty()) w.add(tag, o.secondary_cl_ord_id);
        break;
      case Slot::SelfTradePrevention:
        if (o.self_trade_prevention_type) w.add_int(tag, *o.self_trade_prevention_type);
        break;
      case Slot::CancelOrderOnPause:
        if (o.cancel_order_on_pause) w.add_bool(tag, *o.cancel_order_on_pause);
        break;
      case Slot::MaxExecutionCost:
        if (o.max_execution_cost) {
          write_value(w, tag, FieldType::Amount, *o.max_execution_cost, ctx,
                      Direction::ClientToServer);
        }
        break;
      case Slot::TransactTime:
        if (o.transact_time_ms) w.add_timestamp(tag, *o.transact_time_ms);
        break;
      case Slot::None:
        break;
    }
  }
  return Error();
}

}  // namespace kalshi::fix
