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

bool valid_cl_ord_id(std::string_view v) {
  if (v.empty() || v.size() > 64) return false;
  for (char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == ':' || c == '+' || c == '=' || c == '/';
    if (!ok) return false;
  }
  return true;
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
  if (o.time_in_force != 0 && !enum_allows(*field_def(59), std::string_view(&o.time_in_force, 1))) {
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
  static const MessageDef *const def = find_message_by_name("NewOrderSingle");
  for (uint16_t k = 0; k < def->member_count; ++k) {
    const uint32_t tag = def->members[k].field->tag;
    switch (tag) {
      case 11:
        w.add(tag, o.cl_ord_id);
        break;
      case 38:
        write_value(w, tag, FieldType::Qty, o.order_qty, ctx, Direction::ClientToServer);
        break;
      case 40:
        w.add_char(tag, o.ord_type);
        break;
      case 54:
        w.add_char(tag, o.side);
        break;
      case 55:
        w.add(tag, o.symbol);
        break;
      case 44:
        write_value(w, tag, FieldType::Price, o.price, ctx, Direction::ClientToServer);
        break;
      case 59:
        if (o.time_in_force != 0) w.add_char(tag, o.time_in_force);
        break;
      case 126:
        if (o.expire_time_ms) w.add_timestamp(tag, *o.expire_time_ms);
        break;
      case 18:
        if (!o.exec_inst.empty()) w.add(tag, o.exec_inst);
        break;
      case 100:
        if (o.ex_destination) w.add_int(tag, *o.ex_destination);
        break;
      case 117:
        if (!o.quote_id.empty()) w.add(tag, o.quote_id);
        break;
      case 21023:
        if (!o.rfq_id.empty()) w.add(tag, o.rfq_id);
        break;
      case 79:
        if (o.alloc_account) w.add_int(tag, *o.alloc_account);
        break;
      case 453:
        if (!o.party_id.empty()) {
          w.add_uint(453, 1);
          w.add(448, o.party_id);
          w.add_int(452, o.party_role);
        }
        break;
      case 526:
        if (!o.secondary_cl_ord_id.empty()) w.add(tag, o.secondary_cl_ord_id);
        break;
      case 2964:
        if (o.self_trade_prevention_type) w.add_int(tag, *o.self_trade_prevention_type);
        break;
      case 21006:
        if (o.cancel_order_on_pause) w.add_bool(tag, *o.cancel_order_on_pause);
        break;
      case 21009:
        if (o.max_execution_cost) {
          write_value(w, tag, FieldType::Amount, *o.max_execution_cost, ctx,
                      Direction::ClientToServer);
        }
        break;
      case 60:
        if (o.transact_time_ms) w.add_timestamp(tag, *o.transact_time_ms);
        break;
      default:
        break;  // a member added to the table without a struct field yet
    }
  }
  return Error();
}

}  // namespace kalshi::fix
