// Shared by the order routes: the Order JSON of GET /portfolio/orders and the mapping from the
// exchange core's rejections to HTTP statuses and ErrorResponse bodies.
#pragma once

#include <string>

#include "sim/exchange/exchange.h"
#include "sim/http/http_server.h"

namespace kalshi::sim::rest {

// The spec's Order object for an order of the core.
std::string order_json(const Order &o);

// A rejected command: 409 for a duplicate client_order_id, 404 for an unknown market, order or
// group, 400 otherwise; code = the Kalshi reason in lower case ("insufficient_balance").
HttpResponse reject_response(const Outcome &o);

// CreateOrderV2Request, parsed and checked.
struct OrderFields {
  std::string ticker;
  std::string client_order_id;
  Side side = Side::Buy;
  Price price = 0;
  Qty count = 0;
  int64_t expiration_s = 0;
  TimeInForce tif = TimeInForce::Gtc;
  bool post_only = false;
  SelfTradePrevention stp = SelfTradePrevention::TakerAtCross;
  bool cancel_on_pause = false;
  bool reduce_only = false;
  uint8_t subaccount = 0;
  std::string order_group_id;
};

}  // namespace kalshi::sim::rest
