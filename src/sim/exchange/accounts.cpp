// Accounts: collateral reserved for resting orders, perps position margin, and the cash and
// position effects of a fill.
//
// Binary markets are fully collateralised: buying YES at p costs p per contract, buying NO (a
// Sell) costs 1 - p. A YES and a NO contract of the same market net into one dollar at once, so
// selling YES that you hold pays p (cost 1 - p, then +1 for the pair), and an order that can only
// close a position needs no collateral.
#include <algorithm>

#include "sim/exchange/exchange_impl.h"
#include "sim/exchange/money.h"

namespace kalshi::sim {

namespace {

Side closing_side(Qty position) {
  return position > 0 ? Side::Sell : Side::Buy;
}

}  // namespace

// Collateral the account's resting orders in `ms` need (plus `extra`, an order being checked):
// the opening cost of every order, less the cost of the orders that would close the current
// position (largest cost first, as far as the position goes).
Money Exchange::Impl::market_reserve(const Account &a, const MarketState &ms,
                                     const Order *extra) const {
  std::vector<const Order *> list;
  auto rs = a.resting.find(ms.m.ticker);
  if (rs != a.resting.end()) {
    for (uint64_t seq : rs->second) {
      auto it = orders.find(seq);
      if (it != orders.end()) list.push_back(&it->second->o);
    }
  }
  if (extra != nullptr) list.push_back(extra);
  Qty position = 0;
  auto p = a.positions.find(ms.m.ticker);
  if (p != a.positions.end()) position = p->second.contracts;

  Money total = 0;
  std::vector<std::pair<Money, Qty>> closing;  // (cost per 1.00 contract, leaves)
  for (const Order *o : list) {
    total += open_cost(ms.m, o->side, o->price, o->leaves);
    if (position != 0 && o->side == closing_side(position)) {
      closing.push_back({open_cost(ms.m, o->side, o->price, kContract), o->leaves});
    }
  }
  std::sort(closing.begin(), closing.end(), [](auto &x, auto &y) { return x.first > y.first; });
  Qty closable = position < 0 ? -position : position;
  Money relief = 0;
  for (const auto &[unit, leaves] : closing) {
    if (closable <= 0) break;
    const Qty take = std::min(closable, leaves);
    relief += to_money(static_cast<Wide>(unit) * take / kContract);
    closable -= take;
  }
  return std::max<Money>(0, total - relief);
}

Money Exchange::Impl::position_margin(const Account &a) const {
  Money total = 0;
  for (const auto &[ticker, p] : a.positions) {
    auto it = markets.find(ticker);
    if (it == markets.end() || it->second.m.kind != MarketKind::Perp || p.contracts == 0) continue;
    total +=
        to_money(ceil_div(static_cast<Wide>(p.cost) * it->second.m.initial_margin_ppm, 1000000));
  }
  return total;
}

Money Exchange::Impl::available(const Account &a) const {
  return a.cash - a.reserved_total - position_margin(a);
}

void Exchange::Impl::refresh_reserve(Account &a, const MarketState &ms) {
  const Money now = market_reserve(a, ms, nullptr);
  auto it = a.reserved.find(ms.m.ticker);
  const Money before = it == a.reserved.end() ? 0 : it->second;
  a.reserved_total += now - before;
  if (now == 0) {
    if (it != a.reserved.end()) a.reserved.erase(it);
  } else if (it == a.reserved.end()) {
    a.reserved.emplace(ms.m.ticker, now);
  } else {
    it->second = now;
  }
}

// Binary: pays the opening cost of the side bought, then nets YES against NO into dollars.
// Perps: no premium changes hands; closing realises (exit - entry) x qty in cash.
void Exchange::Impl::apply_fill(Account &a, const MarketState &ms, Side side, Price p, Qty q,
                                Money fee, Fill *f) {
  PositionState &ps = a.positions[ms.m.ticker];
  const bool perp = ms.m.kind == MarketKind::Perp;
  const Qty before = ps.contracts;
  const Qty delta = side == Side::Buy ? q : -q;
  Money cash = 0;
  // What opening one side costs the position's basis: binary premium, perp entry notional.
  const Money unit_basis = perp ? notional(p, kContract) : open_cost(ms.m, side, p, kContract);
  if (!perp) cash -= open_cost(ms.m, side, p, q);
  Qty closed = 0;
  if (before != 0 && (before > 0) != (delta > 0)) {
    const Qty held = before < 0 ? -before : before;
    closed = std::min(held, q);
    const Money basis = to_money(static_cast<Wide>(ps.cost) * closed / held);
    Money proceeds;
    if (perp) {
      const Money exit = notional(p, closed);
      proceeds = before > 0 ? exit : 2 * basis - exit;  // short: basis - exit gained
      cash += proceeds - basis;
    } else {
      cash += notional(kDollar, closed);  // each YES+NO pair pays one dollar
      proceeds = notional(kDollar, closed) - open_cost(ms.m, side, p, closed);
    }
    ps.realized += proceeds - basis;
    ps.cost -= basis;
  }
  const Qty opened = q - closed;
  if (opened > 0) ps.cost += to_money(static_cast<Wide>(unit_basis) * opened / kContract);
  ps.contracts = before + delta;
  if (ps.contracts == 0) ps.cost = 0;
  cash -= fee;
  ps.fees += fee;
  a.cash += cash;
  f->fee = fee;
  f->position_after = ps.contracts;
  f->balance_delta = cash;
}

}  // namespace kalshi::sim
