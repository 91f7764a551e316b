// RestApi's frame: the route table, faults, authentication, rate limits and the observer that
// remembers fills, orders, settlements and order groups for the portfolio reads.
#include "sim/rest/rest_api.h"

#include <algorithm>

#include "api/rest/catalog.h"
#include "sim/rest/rest_format.h"

namespace kalshi::sim {

using rest::error_response;

namespace {

// Per-member history bounds: the oldest entries are forgotten first.
constexpr size_t kMaxFillsPerMember = 10000;
constexpr size_t kMaxSettlementsPerMember = 10000;
constexpr size_t kMaxOrdersRemembered = 100000;
constexpr size_t kMaxFaultKeys = 1024;
constexpr size_t kMaxBuckets = 4096;

bool parse_decimal(std::string_view s, int64_t *out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (const char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Error parse_rest_fault(std::string_view text, RestFault *out) {
  RestFault f;
  const size_t eq = text.find('=');
  const std::string_view name = text.substr(0, eq);
  const std::string_view value = eq == std::string_view::npos ? "" : text.substr(eq + 1);
  int64_t n = 0;
  if (name == "reset" && eq == std::string_view::npos) {
    f.reset = true;
  } else if (name == "delay_ms" && parse_decimal(value, &n) && n <= 600000) {
    f.delay_ms = n;
  } else if (name == "status_5xx" &&
             (value.empty() || (parse_decimal(value, &n) && n <= 1000000))) {
    f.status_5xx = value.empty() ? 1 : n;
  } else {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "rest fault: expected delay_ms=N, status_5xx[=N] or reset");
  }
  *out = f;
  return Error{};
}

RestApi::RestApi(Exchange &exchange, const SimKeyDirectory &keys,
                 std::function<int64_t()> exchange_now, std::function<int64_t()> wall_now,
                 RestOptions options)
    : exchange_(exchange),
      keys_(keys),
      exchange_now_(std::move(exchange_now)),
      wall_now_(std::move(wall_now)),
      options_(options) {
  struct R {
    const char *method;
    const char *path;
    HttpResponse (RestApi::*fn)(Call &);
  };
  static const R kRoutes[] = {
      {"GET", "/exchange/status", &RestApi::exchange_status},
      {"GET", "/exchange/schedule", &RestApi::exchange_schedule},
      {"GET", "/series", &RestApi::list_series},
      {"GET", "/series/{series_ticker}", &RestApi::get_series},
      {"GET", "/events", &RestApi::list_events},
      {"GET", "/events/{event_ticker}", &RestApi::get_event},
      {"GET", "/markets", &RestApi::list_markets},
      {"GET", "/markets/trades", &RestApi::list_trades},
      {"GET", "/markets/{ticker}", &RestApi::get_market},
      {"GET", "/markets/{ticker}/orderbook", &RestApi::get_orderbook},
      {"GET", "/portfolio/balance", &RestApi::get_balance},
      {"GET", "/portfolio/positions", &RestApi::list_positions},
      {"GET", "/portfolio/fills", &RestApi::list_fills},
      {"GET", "/portfolio/settlements", &RestApi::list_settlements},
      {"GET", "/portfolio/orders", &RestApi::list_orders},
      {"GET", "/portfolio/orders/{order_id}", &RestApi::get_order},
      {"POST", "/portfolio/events/orders", &RestApi::create_order},
      {"DELETE", "/portfolio/events/orders", &RestApi::cancel_all_orders},
      {"POST", "/portfolio/events/orders/batched", &RestApi::batch_create_orders},
      {"DELETE", "/portfolio/events/orders/batched", &RestApi::batch_cancel_orders},
      {"DELETE", "/portfolio/events/orders/{order_id}", &RestApi::cancel_order},
      {"POST", "/portfolio/events/orders/{order_id}/amend", &RestApi::amend_order},
      {"POST", "/portfolio/events/orders/{order_id}/decrease", &RestApi::decrease_order},
      {"GET", "/portfolio/order_groups", &RestApi::list_order_groups},
      {"POST", "/portfolio/order_groups/create", &RestApi::create_order_group},
      {"GET", "/portfolio/order_groups/{order_group_id}", &RestApi::get_order_group},
      {"DELETE", "/portfolio/order_groups/{order_group_id}", &RestApi::delete_order_group},
      {"PUT", "/portfolio/order_groups/{order_group_id}/reset", &RestApi::reset_order_group},
      {"PUT", "/portfolio/order_groups/{order_group_id}/trigger", &RestApi::trigger_order_group},
      {"PUT", "/portfolio/order_groups/{order_group_id}/limit", &RestApi::update_order_group_limit},
      // Perps (perps_openapi.yaml). Order groups are the core's, so the prediction handlers serve
      // them; only the create answer differs (it names the subaccount).
      {"GET", "/margin/exchange/status", &RestApi::margin_exchange_status},
      {"GET", "/margin/markets", &RestApi::margin_list_markets},
      {"GET", "/margin/markets/{ticker}", &RestApi::margin_get_market},
      {"GET", "/margin/markets/{ticker}/orderbook", &RestApi::margin_get_orderbook},
      {"GET", "/margin/trades", &RestApi::margin_list_trades},
      {"GET", "/margin/balance", &RestApi::margin_get_balance},
      {"GET", "/margin/positions", &RestApi::margin_list_positions},
      {"GET", "/margin/fills", &RestApi::margin_list_fills},
      {"GET", "/margin/orders", &RestApi::margin_list_orders},
      {"POST", "/margin/orders", &RestApi::margin_create_order},
      {"DELETE", "/margin/orders", &RestApi::margin_cancel_all_orders},
      {"GET", "/margin/orders/{order_id}", &RestApi::margin_get_order},
      {"DELETE", "/margin/orders/{order_id}", &RestApi::margin_cancel_order},
      {"POST", "/margin/orders/{order_id}/amend", &RestApi::margin_amend_order},
      {"POST", "/margin/orders/{order_id}/decrease", &RestApi::margin_decrease_order},
      {"GET", "/margin/order_groups", &RestApi::list_order_groups},
      {"POST", "/margin/order_groups/create", &RestApi::margin_create_order_group},
      {"GET", "/margin/order_groups/{order_group_id}", &RestApi::get_order_group},
      {"DELETE", "/margin/order_groups/{order_group_id}", &RestApi::delete_order_group},
      {"PUT", "/margin/order_groups/{order_group_id}/reset", &RestApi::reset_order_group},
      {"PUT", "/margin/order_groups/{order_group_id}/trigger", &RestApi::trigger_order_group},
      {"PUT", "/margin/order_groups/{order_group_id}/limit", &RestApi::update_order_group_limit},
  };
  // Simulated routes first; every other catalog operation answers "not simulated". The handler
  // gets the authenticated member through Call, built in handle().
  for (const R &r : kRoutes) {
    auto fn = r.fn;
    router_.add(r.method, std::string(kBasePath) + r.path, [this, fn](HttpRequest &req) {
      Call call{req, current_member_, exchange_now_()};
      return (this->*fn)(call);
    });
  }
  exchange_.add_observer(this);
}

RestApi::~RestApi() {
  exchange_.remove_observer(this);
}

void RestApi::arm_fault(std::string_view key_id, const RestFault &f) {
  if (faults_.size() >= kMaxFaultKeys && faults_.count(key_id) == 0) return;
  RestFault &slot = faults_[std::string(key_id)];
  if (f.delay_ms != 0) slot.delay_ms = f.delay_ms;
  if (f.status_5xx != 0) slot.status_5xx = f.status_5xx;
  if (f.reset) slot.reset = true;
}

bool RestApi::take_token(Bucket &b, int64_t per_s, int64_t now_ms, int64_t *retry_after_s) {
  const int64_t cap = per_s * 1000000;
  if (!b.primed) {
    b.primed = true;
    b.tokens_micro = cap;
    b.last_ms = now_ms;
  }
  if (now_ms > b.last_ms) {
    // per_s tokens per 1000 ms, in micro-tokens: per_s * 1000 per ms.
    const int64_t elapsed = std::min<int64_t>(now_ms - b.last_ms, 3600000);
    b.tokens_micro = std::min(cap, b.tokens_micro + elapsed * per_s * 1000);
    b.last_ms = now_ms;
  }
  if (b.tokens_micro >= 1000000) {
    b.tokens_micro -= 1000000;
    return true;
  }
  // Whole seconds until one token is back (at least 1: Retry-After counts seconds).
  const int64_t missing = 1000000 - b.tokens_micro;
  const int64_t ms = (missing + per_s * 1000 - 1) / (per_s * 1000);
  *retry_after_s = std::max<int64_t>(1, (ms + 999) / 1000);
  return false;
}

HttpResponse RestApi::authenticate(const HttpRequest &req, fix::Product product, uint32_t *member,
                                   std::string *key) {
  const std::string_view key_id = req.header("KALSHI-ACCESS-KEY");
  const std::string_view ts = req.header("KALSHI-ACCESS-TIMESTAMP");
  const std::string_view sig = req.header("KALSHI-ACCESS-SIGNATURE");
  if (key_id.empty() || ts.empty() || sig.empty()) {
    return error_response(401, "authentication_error", "authentication required",
                          "KALSHI-ACCESS-KEY, KALSHI-ACCESS-TIMESTAMP and KALSHI-ACCESS-SIGNATURE "
                          "are required");
  }
  int64_t ts_ms = 0;
  if (!parse_decimal(ts, &ts_ms)) {
    return error_response(401, "authentication_error", "invalid timestamp",
                          "KALSHI-ACCESS-TIMESTAMP must be Unix milliseconds");
  }
  const int64_t now = wall_now_();
  const int64_t skew = ts_ms > now ? ts_ms - now : now - ts_ms;
  if (skew > options_.timestamp_window_ms) {
    return error_response(401, "authentication_error", "stale timestamp",
                          "KALSHI-ACCESS-TIMESTAMP is outside the accepted window");
  }
  // Keys are registered per product: a prediction key does not sign perps requests.
  const uint32_t m = keys_.member_of(product, key_id);
  // The message is timestamp + METHOD + path without the query (rest-notes §2).
  std::string msg;
  msg.reserve(ts.size() + req.method.size() + req.path.size());
  msg.append(ts).append(req.method).append(req.path);
  if (m == 0 || !keys_.verify_logon(product, key_id, msg, sig).ok()) {
    return error_response(401, "authentication_error", "invalid signature or unknown key");
  }
  *member = m;
  *key = std::string(key_id);
  return HttpResponse{};
}

HttpResponse RestApi::handle(HttpRequest &req) {
  // 1. Faults: the key's own first, then the any-key one.
  const std::string header_key(req.header("KALSHI-ACCESS-KEY"));
  int64_t delay_ms = 0;
  auto fault = faults_.end();
  if (!header_key.empty()) fault = faults_.find(header_key);
  if (fault == faults_.end()) fault = faults_.find(std::string_view{});
  if (fault != faults_.end()) {
    RestFault &f = fault->second;
    delay_ms = f.delay_ms;
    f.delay_ms = 0;
    if (f.reset) {
      f.reset = false;
      HttpResponse r;
      r.reset = true;
      return r;
    }
    if (f.status_5xx > 0) {
      --f.status_5xx;
      HttpResponse r = error_response(503, "service_unavailable", "injected fault (simulator)");
      r.delay_ms = delay_ms;
      return r;
    }
  }
  HttpResponse r;
  // 2. Routing.
  bool path_known = false;
  const HttpHandler *h = router_.match(req, &path_known);
  bool auth = false;
  if (h == nullptr) {
    // Known to the specs (the library's catalog generated from them, all three APIs) but not
    // routed above: "not simulated", never invented data.
    const char *operation = nullptr;
    bool catalog_path = false;
    HttpRequest probe;
    probe.path = req.path;
    probe.method = req.method;
    for (const ::kalshi::rest::OperationDef &op : ::kalshi::rest::operations()) {
      Router one;
      one.add(op.method, std::string(op.base_path) + op.path,
              [](HttpRequest &) { return HttpResponse{}; });
      bool known = false;
      if (operation == nullptr && one.match(probe, &known) != nullptr) operation = op.id;
      if (known) catalog_path = true;
    }
    if (operation != nullptr) {
      r = error_response(501, "not_simulated", "this operation is not simulated by kalshi-sim",
                         std::string(operation) + ": " + req.method + " " + req.path);
    } else if (path_known || catalog_path) {
      r = error_response(405, "method_not_allowed", "method not allowed for this path");
    } else {
      r = error_response(404, "not_found", "no such operation", req.path);
    }
    r.delay_ms = delay_ms;
    return r;
  }
  // Public operations are exactly the catalog's "none" ones.
  fix::Product product = fix::Product::Prediction;
  {
    const std::string_view rel = std::string_view(req.path).substr(kBasePath.size());
    auth = rel.rfind("/portfolio", 0) == 0;
    // Perps: everything but exchange status, markets (and their books) and public trades.
    if (rel.rfind("/margin/", 0) == 0) {
      product = fix::Product::Margin;
      auth = rel != "/margin/exchange/status" && rel != "/margin/trades" &&
             rel.rfind("/margin/markets", 0) != 0;
    }
  }
  uint32_t member = 0;
  std::string key;
  if (auth) {
    r = authenticate(req, product, &member, &key);
    if (r.status != 200) {
      r.delay_ms = delay_ms;
      return r;
    }
  }
  // 4. Rate limits per key (unauthenticated callers share the "" bucket).
  const bool read = req.method == "GET";
  auto &buckets = read ? read_buckets_ : write_buckets_;
  if (buckets.size() >= kMaxBuckets && buckets.count(key) == 0) buckets.clear();
  int64_t retry = 1;
  if (!take_token(buckets[key], read ? options_.read_per_s : options_.write_per_s, wall_now_(),
                  &retry)) {
    r = rest::json_response(429, "{\"error\":\"too many requests\"}");
    r.headers.emplace_back("Retry-After", std::to_string(retry));
    r.delay_ms = delay_ms;
    return r;
  }
  // 5. The operation (the route's lambda hands current_member_ on in its Call).
  current_member_ = member;
  r = (*h)(req);
  current_member_ = 0;
  r.delay_ms = delay_ms;
  return r;
}

void RestApi::remember_order(const Order &o) {
  auto it = orders_.find(o.order_id);
  if (it != orders_.end()) {
    it->second = o;
    return;
  }
  orders_.emplace(o.order_id, o);
  order_ids_.push_back(o.order_id);
  if (order_ids_.size() > kMaxOrdersRemembered) {
    orders_.erase(order_ids_.front());
    margin_reasons_.erase(order_ids_.front());
    order_ids_.pop_front();
  }
}

void RestApi::on_order_event(const OrderEvent &e) {
  if (e.order == nullptr) return;
  remember_order(*e.order);
  if (const Market *m = exchange_.find_market(e.order->ticker);
      m != nullptr && m->kind == MarketKind::Perp) {
    note_margin_event(e);
  }
  if (e.kind == OrderEventKind::Trade && e.fill != nullptr) {
    FillRecord f;
    f.order_id = e.order->order_id;
    f.client_order_id = e.order->client_order_id;
    f.ticker = e.order->ticker;
    f.side = e.order->side;
    f.fill = *e.fill;
    f.subaccount = e.order->account.subaccount;
    f.time_ms = e.time_ms;
    auto &q = fills_[e.order->account.member];
    q.push_back(std::move(f));
    if (q.size() > kMaxFillsPerMember) q.pop_front();
  }
}

void RestApi::on_order_group(const OrderGroup &g) {
  groups_[g.id] = g;
}

void RestApi::on_settlement(const Settlement &s) {
  for (const SettlementEntry &e : s.entries) {
    auto &q = settlements_[e.account.member];
    q.push_back(SettlementRecord{s.ticker, s.value, e, s.time_ms});
    if (q.size() > kMaxSettlementsPerMember) q.pop_front();
  }
}

}  // namespace kalshi::sim
