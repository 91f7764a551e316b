// V2 order entry over REST (rest-notes §9): create, batched create, cancel, batched cancel,
// cancel all, amend and decrease, plus order groups — each one command of the exchange core, so
// what REST does is what FIX sees.
#include <cctype>

#include "sim/rest/rest_api.h"
#include "sim/rest/rest_format.h"
#include "sim/rest/rest_orders.h"

namespace kalshi::sim {

using rest::count_fp;
using rest::dollars;
using rest::error_response;
using rest::field_bool;
using rest::field_int;
using rest::field_raw;
using rest::field_str;
using rest::json_response;

namespace {

constexpr size_t kMaxBatch = 20;

HttpResponse bad_param(std::string_view what) {
  return error_response(400, "invalid_parameters", what);
}

bool subaccount_param(const HttpRequest &r, uint8_t *out) {
  bool present = false;
  int64_t v = 0;
  if (!rest::query_int(r, "subaccount", &v, &present) || v < 0 || v > 63) return false;
  *out = static_cast<uint8_t>(present ? v : 0);
  return true;
}

// Reads a CreateOrderV2Request object; an empty return means it is valid.
std::string read_order(simdjson::dom::object o, rest::OrderFields *f) {
  bool p = false;
  std::string s;
  if (!rest::get_string(o, "ticker", &f->ticker, &p) || !p || f->ticker.empty()) {
    return "ticker is required";
  }
  if (!rest::get_string(o, "client_order_id", &f->client_order_id, &p)) {
    return "client_order_id must be a string";
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
  if (s == "good_till_canceled")
    f->tif = TimeInForce::Gtc;
  else if (s == "immediate_or_cancel")
    f->tif = TimeInForce::Ioc;
  else if (s == "fill_or_kill")
    f->tif = TimeInForce::Fok;
  else
    return "time_in_force must be fill_or_kill, good_till_canceled or immediate_or_cancel";
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
  if (!rest::get_bool(o, "reduce_only", &f->reduce_only, &p))
    return "reduce_only must be a boolean";
  if (f->reduce_only && f->tif != TimeInForce::Ioc)
    return "reduce_only requires immediate_or_cancel";
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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The body of a per-item batch error: {"code","message","details"}.
std::string item_error(const HttpResponse &r) {
  return r.body;
}

}  // namespace

HttpResponse rest::reject_response(const Outcome &o) {
  int status = 400;
  if (o.text == "ORDER_ALREADY_EXISTS" || o.text.find("DUPLICATE") != std::string::npos ||
      o.code == static_cast<int>(RejectCode::Duplicate)) {
    status = 409;
  } else if (o.text.find("NOT_FOUND") != std::string::npos) {
    status = 404;
  }
  return error_response(status, o.text.empty() ? "rejected" : lower(o.text),
                        o.detail.empty() ? o.text : o.detail);
}

Money RestApi::fees_of(uint32_t member, std::string_view order_id) const {
  Money fees = 0;
  const auto it = fills_.find(member);
  if (it == fills_.end()) return 0;
  for (const FillRecord &f : it->second) {
    if (f.order_id == order_id) fees += f.fill.fee;
  }
  return fees;
}

HttpResponse RestApi::create_one(Call &c, const rest::OrderFields &f) {
  // Perps trade through the /margin API: a perp ticker is unknown here.
  const Market *market = exchange_.find_market(f.ticker);
  if (market == nullptr || market->kind != MarketKind::Binary) {
    return error_response(404, "market_not_found", "market not found", f.ticker);
  }
  OrderRequest r;
  r.account = AccountKey{c.member, f.subaccount};
  r.client_order_id = f.client_order_id;
  if (r.client_order_id.empty()) r.client_order_id = "rest-" + std::to_string(++next_client_id_);
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
  field_str(&s, "remaining_count", count_fp(o.leaves));
  if (o.filled > 0) {
    field_str(&s, "average_fill_price", dollars(o.fill_notional * kContract / o.filled));
    field_str(&s, "average_fee_paid",
              dollars(fees_of(c.member, o.order_id) * kContract / o.filled));
  }
  field_int(&s, "ts_ms", c.now_ms);
  s += "}";
  return json_response(201, s);
}

HttpResponse RestApi::create_order(Call &c) {
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  rest::OrderFields f;
  if (std::string why = read_order(b.root, &f); !why.empty()) return bad_param(why);
  return create_one(c, f);
}

HttpResponse RestApi::batch_create_orders(Call &c) {
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  simdjson::dom::array orders;
  if (b.root["orders"].get_array().get(orders) != simdjson::SUCCESS) {
    return bad_param("orders must be an array");
  }
  if (orders.size() == 0 || orders.size() > kMaxBatch) return bad_param("1 to 20 orders per batch");
  std::string s = "{\"orders\":[";
  bool first = true;
  for (simdjson::dom::element el : orders) {
    if (!first) s += ",";
    first = false;
    simdjson::dom::object o;
    rest::OrderFields f;
    std::string why = el.get_object().get(o) == simdjson::SUCCESS ? read_order(o, &f)
                                                                  : "each order must be an object";
    if (!why.empty()) {
      s += "{\"error\":" + error_body("invalid_parameters", why) + "}";
      continue;
    }
    const HttpResponse one = create_one(c, f);
    if (one.status == 201) {
      s += one.body;
    } else {
      s += "{";
      if (!f.client_order_id.empty()) field_str(&s, "client_order_id", f.client_order_id, true);
      field_raw(&s, "error", item_error(one), f.client_order_id.empty());
      s += "}";
    }
  }
  s += "]}";
  return json_response(201, s);
}

namespace {
// Finds the member's order by exchange id: the live one from the core, else the remembered copy.
const Order *own_order(const Exchange &x, uint32_t member, std::string_view id) {
  const Order *o = x.find_order_by_id(id);
  return o != nullptr && o->account.member == member ? o : nullptr;
}
}  // namespace

HttpResponse RestApi::cancel_order(Call &c) {
  uint8_t sub = 0;
  if (!subaccount_param(c.req, &sub)) return bad_param("subaccount must be 0..63");
  const std::string &id = c.req.params["order_id"];
  const Order *o = own_order(exchange_, c.member, id);
  if (o == nullptr) return error_response(404, "not_found", "order not found", id);
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
  // What the cancel took off the book: the order's remaining count before it (now in the copy
  // remember_order kept before the event, or the original minus fills).
  field_str(&s, "reduced_by", count_fp(after->original_qty - after->filled));
  field_int(&s, "ts_ms", c.now_ms);
  s += "}";
  return json_response(200, s);
}

HttpResponse RestApi::batch_cancel_orders(Call &c) {
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  simdjson::dom::array orders;
  if (b.root["orders"].get_array().get(orders) != simdjson::SUCCESS) {
    return bad_param("orders must be an array");
  }
  if (orders.size() == 0 || orders.size() > kMaxBatch) return bad_param("1 to 20 orders per batch");
  std::string s = "{\"orders\":[";
  bool first = true;
  for (simdjson::dom::element el : orders) {
    if (!first) s += ",";
    first = false;
    simdjson::dom::object o;
    std::string id;
    bool p = false;
    if (el.get_object().get(o) != simdjson::SUCCESS || !rest::get_string(o, "order_id", &id, &p) ||
        !p) {
      s += "{\"error\":" + error_body("invalid_parameters", "order_id is required") + "}";
      continue;
    }
    HttpRequest one;
    one.params["order_id"] = id;
    Call call{one, c.member, c.now_ms};
    const HttpResponse r = cancel_order(call);
    if (r.status == 200) {
      s += r.body;
    } else {
      s += "{";
      field_str(&s, "order_id", id, true);
      field_raw(&s, "error", item_error(r));
      s += "}";
    }
  }
  s += "]}";
  return json_response(200, s);
}

HttpResponse RestApi::cancel_all_orders(Call &c) {
  (void)exchange_.mass_cancel(c.member, 0, c.now_ms);
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse RestApi::amend_order(Call &c) {
  const std::string &id = c.req.params["order_id"];
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  std::string ticker, side, updated;
  Price price = 0;
  Qty count = 0;
  bool p = false;
  if (!rest::get_string(b.root, "ticker", &ticker, &p) || !p)
    return bad_param("ticker is required");
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
  const Order *o = own_order(exchange_, c.member, id);
  if (o == nullptr) return error_response(404, "not_found", "order not found", id);
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
  remember_order(*after);
  std::string s = "{";
  field_str(&s, "order_id", after->order_id, true);
  field_str(&s, "client_order_id", after->client_order_id);
  field_str(&s, "remaining_count", count_fp(after->leaves));
  field_str(&s, "fill_count", count_fp(after->filled));
  if (after->filled > 0)
    field_str(&s, "average_fill_price", dollars(after->fill_notional * kContract / after->filled));
  field_int(&s, "ts_ms", c.now_ms);
  s += "}";
  return json_response(200, s);
}

HttpResponse RestApi::decrease_order(Call &c) {
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
  const Order *o = own_order(exchange_, c.member, id);
  if (o == nullptr) return error_response(404, "not_found", "order not found", id);
  if (o->status != OrderStatus::Resting)
    return error_response(400, "order_not_resting", "the order is no longer resting", id);
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
  std::string s = "{";
  field_str(&s, "order_id", after->order_id, true);
  field_str(&s, "client_order_id", after->client_order_id);
  field_str(&s, "remaining_count",
            count_fp(after->status == OrderStatus::Resting ? after->leaves : 0));
  field_int(&s, "ts_ms", c.now_ms);
  s += "}";
  return json_response(200, s);
}

namespace {
std::string group_json(const OrderGroup &g, const std::vector<std::string> &order_ids) {
  std::string s = "{";
  field_str(&s, "id", g.id, true);
  field_str(&s, "contracts_limit_fp", count_fp(g.contracts_limit * kContract));
  field_bool(&s, "is_auto_cancel_enabled", g.triggered);
  field_int(&s, "exchange_index", 0);
  s += ",\"orders\":[";
  for (size_t i = 0; i < order_ids.size(); ++i) {
    if (i != 0) s += ",";
    json_string(&s, order_ids[i]);
  }
  s += "]}";
  return s;
}

// contracts_limit (integer) or contracts_limit_fp (whole contracts as a count string).
bool read_limit(simdjson::dom::object o, int64_t *limit) {
  bool p = false;
  if (!rest::get_int(o, "contracts_limit", limit, &p)) return false;
  if (p) return true;
  Qty q = 0;
  if (!rest::get_count(o, "contracts_limit_fp", &q, &p) || !p || q % kContract != 0) return false;
  *limit = q / kContract;
  return true;
}
}  // namespace

HttpResponse RestApi::list_order_groups(Call &c) {
  std::string s = "{\"order_groups\":[";
  bool first = true;
  for (const auto &[id, g] : groups_) {
    if (g.account.member != c.member) continue;
    const OrderGroup *live = exchange_.find_order_group(id);
    if (live == nullptr) continue;  // deleted
    if (!first) s += ",";
    first = false;
    s += group_json(*live, {});
  }
  s += "]}";
  return json_response(200, s);
}

HttpResponse RestApi::create_order_group(Call &c) {
  rest::Body b;
  HttpResponse err;
  if (!b.parse(c.req.body, &err)) return err;
  int64_t limit = 0;
  if (!read_limit(b.root, &limit)) return bad_param("contracts_limit is required");
  int64_t sub = 0;
  bool p = false;
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
  s += "}";
  return json_response(201, s);
}

HttpResponse RestApi::get_order_group(Call &c) {
  const std::string &id = c.req.params["order_group_id"];
  const OrderGroup *g = exchange_.find_order_group(id);
  if (g == nullptr || g->account.member != c.member) {
    return error_response(404, "not_found", "order group not found", id);
  }
  std::vector<std::string> ids;
  for (const Order *o : exchange_.open_orders(c.member)) {
    if (o->order_group_id == id) ids.push_back(o->order_id);
  }
  std::string body = group_json(*g, ids);
  return json_response(200, body);
}

namespace {
HttpResponse group_action(Exchange &x, RestApi::Call &c, OrderGroupAction a) {
  std::string id = c.req.params["order_group_id"];
  const OrderGroup *g = x.find_order_group(id);
  if (g == nullptr || g->account.member != c.member) {
    return error_response(404, "not_found", "order group not found", id);
  }
  int64_t limit = g->contracts_limit;
  if (a == OrderGroupAction::Update) {
    rest::Body b;
    HttpResponse err;
    if (!b.parse(c.req.body, &err)) return err;
    if (!read_limit(b.root, &limit)) return bad_param("contracts_limit is required");
  }
  const Outcome out = x.order_group(a, g->account, &id, limit, c.now_ms);
  if (!out.ok) return rest::reject_response(out);
  return json_response(200, "{}");
}
}  // namespace

HttpResponse RestApi::delete_order_group(Call &c) {
  return group_action(exchange_, c, OrderGroupAction::Delete);
}
HttpResponse RestApi::reset_order_group(Call &c) {
  return group_action(exchange_, c, OrderGroupAction::Reset);
}
HttpResponse RestApi::trigger_order_group(Call &c) {
  return group_action(exchange_, c, OrderGroupAction::Trigger);
}
HttpResponse RestApi::update_order_group_limit(Call &c) {
  return group_action(exchange_, c, OrderGroupAction::Update);
}

}  // namespace kalshi::sim
