// kalshi_rest_*: the C ABI of the REST client (include/kalshi/rest.h) over
// api::rest::RestClient, and the accessors of REST events.
#include <kalshi/rest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "api/rest/rest_client.h"
#include "api/rest/rest_client_json.h"
#include "api/rest/rest_event.h"
#include "capi/client_impl.h"
#include "capi/enum_arg.h"
#include "capi/guard.h"
#include "core/decimal.h"

struct kalshi_rest_params {
  std::vector<std::pair<std::string, std::string>> items;  // spec order is the builder's job
};

using kalshi::Error;
using kalshi::report;
using kalshi::api::rest::RestClient;
using kalshi::capi::guarded;
using kalshi::rest::Api;
using kalshi::rest::Param;

namespace {

// Through the underlying integer: C may pass any int in an enum argument (capi/enum_arg.h).
bool valid_api(const kalshi_rest_api_t &api, Api *out) {
  switch (kalshi::capi::enum_arg(api)) {
    case KALSHI_REST_PREDICTION:
      *out = Api::Prediction;
      return true;
    case KALSHI_REST_PERPS:
      *out = Api::Perps;
      return true;
    case KALSHI_REST_KLEAR:
      *out = Api::Klear;
      return true;
    default:
      return false;
  }
}

// The client's REST client, or the reason there is none (NULL, destroyed, closing, bad conf).
Error rest_of(kalshi_client_t *c, std::shared_ptr<RestClient> *out) {
  if (c == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "client must not be NULL");
  if (c->destroyed.load()) return Error::make(KALSHI_ERR_CLOSED, "the client is destroyed");
  return c->impl->rest(out);
}

std::vector<Param> param_views(const kalshi_rest_params_t *p) {
  std::vector<Param> v;
  if (p == nullptr) return v;
  v.reserve(p->items.size());
  for (const auto &[name, value] : p->items) v.push_back({name, value});
  return v;
}

kalshi_err_t do_call(kalshi_client_t *c, Api api, const char *operation_id,
                     std::span<const Param> params, std::string_view body, uint64_t user_tag,
                     kalshi_error_t **err) {
  std::shared_ptr<RestClient> rest;
  if (Error e = rest_of(c, &rest); !e.ok()) return report(err, std::move(e));
  if (Error e = rest->call(api, operation_id, params, body, user_tag); !e.ok()) {
    return report(err, std::move(e));
  }
  return KALSHI_OK;
}

const kalshi::api::rest::RestEventBody *body_of(const kalshi_event_t *ev) {
  return kalshi::api::rest::rest_body(ev);
}

std::string fixed(int64_t value, int decimals) {
  char buf[32];
  const size_t n = kalshi::format_fixed(value, decimals, 2, buf);
  return std::string(buf, n);
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_rest_params_new(kalshi_rest_params_t **out) {
  if (out == nullptr) return KALSHI_ERR_INVALID_ARG;
  *out = nullptr;
  return guarded(nullptr, [&] {
    *out = new kalshi_rest_params;
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_rest_params_destroy(kalshi_rest_params_t *p) {
  delete p;
}

KALSHI_API kalshi_err_t kalshi_rest_params_set(kalshi_rest_params_t *p, const char *name,
                                               const char *value) {
  if (p == nullptr || name == nullptr || value == nullptr || *name == '\0') {
    return KALSHI_ERR_INVALID_ARG;
  }
  return guarded(nullptr, [&] {
    for (auto &[n, v] : p->items) {
      if (n == name) {
        v = value;
        return KALSHI_OK;
      }
    }
    p->items.emplace_back(name, value);
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_rest_params_clear(kalshi_rest_params_t *p) {
  if (p != nullptr) p->items.clear();
}

KALSHI_API kalshi_err_t kalshi_rest_call(kalshi_client_t *c, kalshi_rest_api_t api,
                                         const char *operation_id,
                                         const kalshi_rest_params_t *params, const char *body,
                                         size_t body_len, uint64_t user_tag, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  Api a{};
  if (!valid_api(api, &a)) return report(err, KALSHI_ERR_INVALID_ARG, "unknown kalshi_rest_api_t");
  if (operation_id == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "operation_id must not be NULL");
  }
  if (body == nullptr && body_len != 0) {
    return report(err, KALSHI_ERR_INVALID_ARG, "body is NULL but body_len is not 0");
  }
  return guarded(err, [&] {
    const std::vector<Param> views = param_views(params);
    return do_call(c, a, operation_id, views,
                   body == nullptr ? std::string_view() : std::string_view(body, body_len),
                   user_tag, err);
  });
}

KALSHI_API kalshi_err_t kalshi_rest_paginate(kalshi_client_t *c, kalshi_rest_api_t api,
                                             const char *operation_id,
                                             const kalshi_rest_params_t *params, uint32_t max_pages,
                                             uint64_t user_tag, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  Api a{};
  if (!valid_api(api, &a)) return report(err, KALSHI_ERR_INVALID_ARG, "unknown kalshi_rest_api_t");
  if (operation_id == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "operation_id must not be NULL");
  }
  return guarded(err, [&] {
    std::shared_ptr<RestClient> rest;
    if (Error e = rest_of(c, &rest); !e.ok()) return report(err, std::move(e));
    const std::vector<Param> views = param_views(params);
    if (Error e = rest->paginate(a, operation_id, views, max_pages, user_tag); !e.ok()) {
      return report(err, std::move(e));
    }
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_rest_create_order(kalshi_client_t *c, const char *ticker,
                                                 const char *side, const char *action,
                                                 kalshi_count_t count, kalshi_price_t price,
                                                 const char *client_order_id, const char *tif,
                                                 uint64_t user_tag, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (ticker == nullptr || side == nullptr || action == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "ticker, side and action must not be NULL");
  }
  const bool yes = std::strcmp(side, "yes") == 0;
  const bool buy = std::strcmp(action, "buy") == 0;
  if (!yes && std::strcmp(side, "no") != 0) {
    return report(err, KALSHI_ERR_INVALID_ARG, "side must be \"yes\" or \"no\"");
  }
  if (!buy && std::strcmp(action, "sell") != 0) {
    return report(err, KALSHI_ERR_INVALID_ARG, "action must be \"buy\" or \"sell\"");
  }
  if (count <= 0) return report(err, KALSHI_ERR_INVALID_ARG, "count must be positive");
  if (price <= 0 || price >= KALSHI_PRICE_SCALE) {
    return report(err, KALSHI_ERR_INVALID_ARG, "price must be strictly between 0 and 1 dollar");
  }
  return guarded(err, [&] {
    // V2 orders speak the YES book: buying YES / selling NO bids, the rest asks; a NO price p is
    // the YES price 1 - p (rest-notes.md section 8).
    const bool bid = yes == buy;
    const kalshi_price_t yes_price = yes ? price : KALSHI_PRICE_SCALE - price;
    std::string coid;
    if (client_order_id != nullptr) {
      coid = client_order_id;
    } else if (Error e = kalshi::api::rest::new_uuid_v4(&coid); !e.ok()) {
      return report(err, std::move(e));
    }
    std::string body = "{\"ticker\":";
    kalshi::api::rest::append_json_string(ticker, &body);
    body += ",\"client_order_id\":";
    kalshi::api::rest::append_json_string(coid, &body);
    body += ",\"side\":\"";
    body += bid ? "bid" : "ask";
    body += "\",\"count\":\"" + fixed(count, 2) + "\",\"price\":\"" + fixed(yes_price, 6) + "\"";
    body += ",\"time_in_force\":";
    kalshi::api::rest::append_json_string(tif != nullptr ? tif : "good_till_canceled", &body);
    body += ",\"self_trade_prevention_type\":\"taker_at_cross\"}";
    return do_call(c, Api::Prediction, "CreateOrderV2", {}, body, user_tag, err);
  });
}

KALSHI_API kalshi_err_t kalshi_rest_cancel_order(kalshi_client_t *c, const char *order_id,
                                                 uint64_t user_tag, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (order_id == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "order_id must not be NULL");
  return guarded(err, [&] {
    const Param p[] = {{"order_id", order_id}};
    return do_call(c, Api::Prediction, "CancelOrderV2", p, {}, user_tag, err);
  });
}

KALSHI_API kalshi_err_t kalshi_rest_get_market(kalshi_client_t *c, const char *ticker,
                                               uint64_t user_tag, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (ticker == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "ticker must not be NULL");
  return guarded(err, [&] {
    const Param p[] = {{"ticker", ticker}};
    return do_call(c, Api::Prediction, "GetMarket", p, {}, user_tag, err);
  });
}

KALSHI_API kalshi_err_t kalshi_rest_get_orderbook(kalshi_client_t *c, const char *ticker,
                                                  uint32_t depth, uint64_t user_tag,
                                                  kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (ticker == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "ticker must not be NULL");
  return guarded(err, [&] {
    const std::string d = std::to_string(depth);
    const Param p[] = {{"ticker", ticker}, {"depth", d}};
    return do_call(c, Api::Prediction, "GetMarketOrderbook",
                   std::span<const Param>(p, depth == 0 ? 1 : 2), {}, user_tag, err);
  });
}

KALSHI_API kalshi_err_t kalshi_rest_get_balance(kalshi_client_t *c, uint64_t user_tag,
                                                kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  return guarded(err,
                 [&] { return do_call(c, Api::Prediction, "GetBalance", {}, {}, user_tag, err); });
}

KALSHI_API kalshi_err_t kalshi_rest_get_positions(kalshi_client_t *c, uint64_t user_tag,
                                                  kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  return guarded(
      err, [&] { return do_call(c, Api::Prediction, "GetPositions", {}, {}, user_tag, err); });
}

KALSHI_API int32_t kalshi_event_rest_status(const kalshi_event_t *ev) {
  const auto *b = body_of(ev);
  return b == nullptr ? 0 : b->status;
}

KALSHI_API const char *kalshi_event_rest_operation(const kalshi_event_t *ev) {
  const auto *b = body_of(ev);
  return b == nullptr ? "" : b->operation.c_str();
}

KALSHI_API uint32_t kalshi_event_rest_page_index(const kalshi_event_t *ev) {
  const auto *b = body_of(ev);
  return b == nullptr ? 0 : b->page_index;
}

KALSHI_API int kalshi_event_rest_truncated(const kalshi_event_t *ev) {
  const auto *b = body_of(ev);
  return b != nullptr && b->truncated ? 1 : 0;
}

KALSHI_API const char *kalshi_event_rest_cursor(const kalshi_event_t *ev) {
  const auto *b = body_of(ev);
  return b == nullptr ? "" : b->cursor.c_str();
}

}  // extern "C"
