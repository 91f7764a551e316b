// Perps (/margin) order entry over the exchange core: create, cancel, cancel all, amend,
// decrease, and order-group creation (the other group operations share the prediction handlers:
// the core's groups are per account, not per product).
#include <algorithm>

#include "sim/rest/rest_api.h"
#include "sim/rest/rest_format.h"
#include "sim/rest/rest_margin_json.h"
#include "sim/rest/rest_orders.h"

namespace kalshi::sim {

using rest::count_fp;
using rest::dollars;
using rest::error_response;
using rest::field_int;
using rest::field_raw;
using rest::field_str;
using rest::json_response;

namespace {

HttpResponse bad_param(std::string_view what) {
  return error_response(400, "invalid_parameters", what);
}

HttpResponse no_order(std::string_view id) {
  return error_response(404, "not_found", "order not found", id);
}

// CreateMarginOrderRequest; an empty return means valid. client_order_id is required for perps.
std::string read_margin_order(simdjson::dom::object o, rest::OrderFields *f) {
  bool p = false;
  std::string s;
  if (!rest::get_string(o, "ticker", &f->ticker, &p) || !p || f->ticker.empty()) {
    return "ticker is required";
  }
  if (!rest::get_string(o, "client_order_id", &f->client_order_id, &p) || !p ||
      f->client_order_id.empty()) {
    return "client_order_id is required";
  }
  if (!rest::get_string(o, "side", &s, &p) || !p || (s != "bid" && s != "ask")) {
    return "side must be bid or ask";
  }
  f->side = s == "bid" ? Side::Buy : Side::Sell;
  if (!rest::get_count(o, "count", &f->count, &p) || !p || f->count <= 0) {
    return "count must be a positive FixedPointCount string";
  }
  if (!rest::get_price(o, "price", &f->price, &p) || !p || f->price <= 0) {
    return "price must be a FixedPointDollars string";
  }
  if (!rest::get_string(o, "time_in_force", &s, &p) || !p) return "time_in_force is required";
  if (s == "good_till_canceled") {
    f->tif = TimeInForce::Gtc;
  } else if (s == "immediate_or_cancel") {
    f->tif = TimeInForce::Ioc;
  } else if (s == "fill_or_kill") {
    f->tif = TimeInForce::Fok;
  } else {
    return "time_in_force must be fill_or_kill, good_till_canceled or immediate_or_cancel";
  }
  if (!rest::get_int(o, "expiration_time", &f->expiration_s, &p) || f->expiration_s < 0) {
    return "expiration_time must be Unix seconds";
  }
  if (f->expiration_s != 0) {
    if (f->tif != TimeInForce::Gtc) return "expiration_time needs good_till_canceled";
    f->tif = TimeInForce::Gtd;
  }
  if (!rest::get_string(o, "self_trade_prevention_type", &s, &p) || !p ||
      (s != "taker_at_cross" && s != "maker")) {
    return "self_trade_prevention_type must be taker_at_cross or maker";
  }
  f->stp = s == "maker" ? SelfTradePrevention::Maker : SelfTradePrevention::TakerAtCross;
  if (!rest::get_bool(o, "post_only", &f->post_only, &p)) return "post_only must be a boolean";
  if (!rest::get_bool(o, "cancel_order_on_pause", &f->cancel_on_pause, &p)) {
    return "cancel_order_on_pause must be a boolean";
  }
  if (!rest::get_bool(o, "reduce_only", &f->reduce_only, &p)) {
    return "reduce_only must be a boolean";
  }
  int64_t sub = 0;
  if (!rest::get_int(o, "subaccount", &sub, &p) || sub < 0 || sub > 63) {
    return "subaccount must be 0..63";
  }
  f->subaccount = static_cast<uint8_t>(sub);
  if (!rest::get_string(o, "order_group_id", &f->order_group_id, &p)) {
    return "order_group_id must be a string";
  }
  return {};
}

// The member's live perps order by exchange id.
const Order *own_perp_order(const Exchange &x, uint32_t member, std::string_view id) {
  const Order *o = x.find_order_by_id(id);
  if (o == nullptr || o->account.member != member) return nullptr;
  return rest::perp_market(x, o->ticker) != nullptr ? o : nullptr;
}

// average_fill_price / average_fee_paid: per contract, or null before any fill (AmendMargin-
// OrderResponse keeps them as nullable non-omitted fields).
void averages(std::string *s, const Order &o, Money fees, bool nulls) {
  if (o.filled > 0) {
    field_str(s, "average_fill_price", dollars(rest::per_contract(o.fill_notional, o.filled)));
    field_str(s, "average_fee_paid", dollars(rest::per_contract(fees, o.filled)));
  } else if (nulls) {
    field_raw(s, "average_fill_price", "null");
    field_raw(s, "average_fee_paid", "null");
  }
}

}  // namespace

HttpResponse RestApi::margin_create_order(Call &c) {
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  rest::OrderFields f;
  if (std::string why = read_margin_order(b.root, &f); !why.empty()) return bad_param(why);
  if (rest::perp_market(exchange_, f.ticker) == nullptr) {
    return error_response(404, "market_not_found", "market not found", f.ticker);
  }
  OrderRequest r;
  r.account = AccountKey{c.member, f.subaccount};
  r.client_order_id = f.client_order_id;
  r.ticker = f.ticker;
  r.side = f.side;
  r.price = f.price;
  r.qty = f.count;
  r.tif = f.tif;
  r.expire_ms = f.expiration_s * 1000;
  r.post_only = f.post_only;
  r.reduce_only = f.reduce_only;
  r.cancel_on_pause = f.cancel_on_pause;
  r.stp = f.stp;
  r.order_group_id = f.order_group_id;
  const Order *placed = nullptr;
  const Outcome out = exchange_.submit(r, c.now_ms, &placed);
  if (!out.ok || placed == nullptr) return rest::reject_response(out);
  const Order o = *placed;  // valid until the next command only
  remember_order(o);
  std::string s = "{";
  field_str(&s, "order_id", o.order_id, true);
  field_str(&s, "client_order_id", o.client_order_id);
  field_str(&s, "fill_count", count_fp(o.filled));
  field_str(&s, "remaining_count", count_fp(o.status == OrderStatus::Resting ? o.leaves : 0));
  averages(&s, o, fees_of(c.member, o.order_id), false);
  s += "}";
  return json_response(201, s);
}

HttpResponse RestApi::margin_cancel_order(Call &c) {
  const std::string &id = c.req.params["order_id"];
  const Order *o = own_perp_order(exchange_, c.member, id);
  if (o == nullptr || o->status != OrderStatus::Resting) return no_order(id);
  const Qty leaves = o->leaves;
  CancelRequest r;
  r.account = o->account;
  r.order_id = id;
  const Order *after = nullptr;
  const Outcome out = exchange_.cancel(r, c.now_ms, &after);
  if (!out.ok || after == nullptr) return rest::reject_response(out);
  remember_order(*after);
  std::string s = "{";
  field_str(&s, "order_id", after->order_id, true);
  field_str(&s, "client_order_id", after->client_order_id);
  field_str(&s, "reduced_by", count_fp(leaves));
  s += "}";
  return json_response(200, s);
}

HttpResponse RestApi::margin_cancel_all_orders(Call &c) {
  bool present = false;
  int64_t sub = 0;
  if (!rest::query_int(c.req, "subaccount", &sub, &present) || sub < 0 || sub > 63) {
    return bad_param("subaccount must be 0..63");
  }
  // Perps orders only (the core's mass cancel would take the member's prediction orders too).
  std::vector<std::string> ids;
  for (const Order *o : exchange_.open_orders(c.member)) {
    if (rest::perp_market(exchange_, o->ticker) == nullptr) continue;
    if (present && o->account.subaccount != sub) continue;
    ids.push_back(o->order_id);
  }
  for (const std::string &id : ids) {
    const Order *o = exchange_.find_order_by_id(id);
    if (o == nullptr) continue;
    CancelRequest r;
    r.account = o->account;
    r.order_id = id;
    (void)exchange_.cancel(r, c.now_ms);
  }
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse RestApi::margin_amend_order(Call &c) {
  const std::string &id = c.req.params["order_id"];
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  std::string ticker, side, updated;
  Price price = 0;
  Qty count = 0;
  bool p = false;
  if (!rest::get_string(b.root, "ticker", &ticker, &p) || !p) {
    return bad_param("ticker is required");
  }
  if (!rest::get_string(b.root, "side", &side, &p) || !p || (side != "bid" && side != "ask")) {
    return bad_param("side must be bid or ask");
  }
  if (!rest::get_price(b.root, "price", &price, &p) || !p || price <= 0) {
    return bad_param("price must be a FixedPointDollars string");
  }
  if (!rest::get_count(b.root, "count", &count, &p) || !p || count <= 0) {
    return bad_param("count must be a positive FixedPointCount string");
  }
  if (!rest::get_string(b.root, "updated_client_order_id", &updated, &p)) {
    return bad_param("updated_client_order_id must be a string");
  }
  int64_t exp = 0;
  bool has_exp = false;
  if (!rest::get_int(b.root, "expiration_time", &exp, &has_exp) || exp < 0) {
    return bad_param("expiration_time must be Unix seconds");
  }
  const Order *o = own_perp_order(exchange_, c.member, id);
  if (o == nullptr) return no_order(id);
  ReplaceRequest r;
  r.account = o->account;
  r.order_id = id;
  r.client_order_id = updated;
  r.ticker = ticker;
  r.side = side == "bid" ? Side::Buy : Side::Sell;
  r.qty = count;
  r.price = price;
  if (has_exp) {
    r.set_tif = true;
    r.tif = exp == 0 ? TimeInForce::Gtc : TimeInForce::Gtd;
    r.expire_ms = exp * 1000;
  }
  const Order *after = nullptr;
  const Outcome out = exchange_.replace(r, c.now_ms, &after);
  if (!out.ok || after == nullptr) return rest::reject_response(out);
  const Order a = *after;
  remember_order(a);
  std::string s = "{";
  field_str(&s, "order_id", a.order_id, true);
  field_str(&s, "client_order_id", a.client_order_id);
  field_str(&s, "fill_count", count_fp(a.filled));
  field_str(&s, "remaining_count", count_fp(a.status == OrderStatus::Resting ? a.leaves : 0));
  averages(&s, a, fees_of(c.member, a.order_id), true);
  s += "}";
  return json_response(200, s);
}

HttpResponse RestApi::margin_decrease_order(Call &c) {
  const std::string &id = c.req.params["order_id"];
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  Qty by = 0, to = 0;
  bool has_by = false, has_to = false;
  if (!rest::get_count(b.root, "reduce_by", &by, &has_by) ||
      !rest::get_count(b.root, "reduce_to", &to, &has_to) || has_by == has_to || by < 0 || to < 0) {
    return bad_param("exactly one of reduce_by and reduce_to is required");
  }
  const Order *o = own_perp_order(exchange_, c.member, id);
  if (o == nullptr) return no_order(id);
  if (o->status != OrderStatus::Resting) {
    return error_response(400, "order_not_resting", "the order is no longer resting", id);
  }
  const Qty leaves = o->leaves;
  const Qty new_leaves = has_by ? (by >= leaves ? 0 : leaves - by) : std::min(to, leaves);
  const Order *after = nullptr;
  Outcome out;
  if (new_leaves == 0) {
    CancelRequest r;
    r.account = o->account;
    r.order_id = id;
    out = exchange_.cancel(r, c.now_ms, &after);
  } else {
    ReplaceRequest r;
    r.account = o->account;
    r.order_id = id;
    r.ticker = o->ticker;
    r.side = o->side;
    r.qty = o->filled + new_leaves;
    out = exchange_.replace(r, c.now_ms, &after);
  }
  if (!out.ok || after == nullptr) return rest::reject_response(out);
  remember_order(*after);
  margin_reasons_[after->order_id] = "Decrease";
  std::string s = "{";
  field_str(&s, "order_id", after->order_id, true);
  field_str(&s, "client_order_id", after->client_order_id);
  field_str(&s, "remaining_count",
            count_fp(after->status == OrderStatus::Resting ? after->leaves : 0));
  s += "}";
  return json_response(200, s);
}

HttpResponse RestApi::margin_create_order_group(Call &c) {
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  bool p = false;
  int64_t limit = 0;
  if (!rest::get_int(b.root, "contracts_limit", &limit, &p)) {
    return bad_param("contracts_limit must be an integer");
  }
  if (!p) {
    Qty q = 0;
    if (!rest::get_count(b.root, "contracts_limit_fp", &q, &p) || !p || q % kContract != 0) {
      return bad_param("contracts_limit is required");
    }
    limit = q / kContract;
  }
  int64_t sub = 0;
  if (!rest::get_int(b.root, "subaccount", &sub, &p) || sub < 0 || sub > 63) {
    return bad_param("subaccount must be 0..63");
  }
  std::string id;
  const Outcome out =
      exchange_.order_group(OrderGroupAction::Create,
                            AccountKey{c.member, static_cast<uint8_t>(sub)}, &id, limit, c.now_ms);
  if (!out.ok) return rest::reject_response(out);
  if (const OrderGroup *g = exchange_.find_order_group(id)) groups_[id] = *g;
  std::string s = "{";
  field_str(&s, "order_group_id", id, true);
  field_int(&s, "subaccount", sub);
  field_int(&s, "exchange_index", 0);
  s += "}";
  return json_response(201, s);
}

}  // namespace kalshi::sim
