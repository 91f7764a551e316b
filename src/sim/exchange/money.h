// Exact money arithmetic of the exchange core: notional, collateral and fees in dollars x 10^6,
// computed through 128-bit intermediates so perps notionals (price up to 10^13, qty up to 10^8)
// never overflow, and rounded in the exchange's favour where a division is inexact.
#pragma once

#include "sim/exchange/exchange.h"

namespace kalshi::sim {

__extension__ typedef __int128 Wide;

// ceil(a / b) for a >= 0, b > 0.
inline Wide ceil_div(Wide a, Wide b) {
  return (a + b - 1) / b;
}

// Money values saturate far below the int64 limit (a million million dollars), so sums of a
// few of them cannot overflow and an absurd order is simply refused as unaffordable.
inline constexpr Money kMoneyCap = 1000000000000000000;
inline Money to_money(Wide v) {
  if (v > kMoneyCap) return kMoneyCap;
  if (v < -kMoneyCap) return -kMoneyCap;
  return static_cast<Money>(v);
}

// price x qty in money units (qty is contracts x 100). Exact on every allowed grid; rounded up
// when a perp grid is finer than 0.0001.
inline Money notional(Price p, Qty q) {
  return to_money(ceil_div(static_cast<Wide>(p) * q, kContract));
}

// What one side pays per contract when opening (binary): YES pays p, NO pays 1 - p. Perps: the
// initial margin of the notional.
inline Money open_cost(const Market &m, Side side, Price p, Qty q) {
  if (m.kind == MarketKind::Perp) {
    return to_money(
        ceil_div(static_cast<Wide>(p) * q * m.initial_margin_ppm, Wide{kContract} * 1000000));
  }
  return notional(side == Side::Buy ? p : kDollar - p, q);
}

// Kalshi's fee, rounded up to the cent. Binary: rate x qty x p x (1 - p) (the quadratic
// schedule); perps: rate x notional. rate_ppm is parts per million.
inline Money trade_fee(const Market &m, int64_t rate_ppm, Price p, Qty q) {
  if (rate_ppm <= 0 || q <= 0) return 0;
  constexpr Money kCent = 10000;
  Wide cents;
  if (m.kind == MarketKind::Perp) {
    // rate/1e6 * p*q/100 micro-dollars, / 1e4 per cent.
    cents = ceil_div(static_cast<Wide>(rate_ppm) * p * q, Wide{1000000} * kContract * kCent);
  } else {
    const Wide num = static_cast<Wide>(rate_ppm) * q * p * (kDollar - p);
    cents = ceil_div(num, Wide{1000000} * kContract * kDollar * kCent);
  }
  return to_money(cents * kCent);
}

}  // namespace kalshi::sim
