// Shared by the perps (/margin) routes: the MarginOrder JSON, the perps-only lookups and the
// numbers the simulator derives for margin reads (mark price, margins), all exact.
#pragma once

#include <string>
#include <string_view>

#include "sim/exchange/exchange.h"

namespace kalshi::sim::rest {

// The market when `ticker` is a perp market of the exchange, else nullptr (prediction markets are
// not visible through /margin, as perps are not through the prediction routes).
const Market *perp_market(const Exchange &x, std::string_view ticker);

// MarginOrder of perps_openapi.yaml; `reason` is its LastUpdateReason ("" when none).
std::string margin_order_json(const Order &o, std::string_view reason);

// Money for `qty` (contracts x 100) as dollars per one contract, through 128 bits (a position's
// cost x 100 can pass the int64 range); truncated toward zero.
Money per_contract(Money total, Qty qty);

// The simulator keeps no index price: a perp's mark is its last trade, else its reference price.
Price mark_price(const Exchange &x, const Market &m);

// Signed P&L of a position marked at `mark`: long gains when mark > entry, short when below.
Money unrealized_pnl(const Position &p, Price mark);

// Initial margin of an open position, as the core holds it (initial margin rate x entry cost).
Money position_margin(const Market &m, const Position &p);

// Margin the core holds for the account's resting orders in one perp market: each order's
// initial margin, less what orders that would only close the position need (largest first).
Money resting_orders_margin(const Exchange &x, AccountKey a, const Market &m);

}  // namespace kalshi::sim::rest
