// Order groups (kalshi-fix.md §5): a contracts limit over a rolling 15-second window of matched
// contracts. Hitting the limit (or a manual Trigger) cancels the group's resting orders and
// refuses new ones until Reset.
#include "sim/exchange/exchange_impl.h"

namespace kalshi::sim {

namespace {

inline constexpr int64_t kMaxGroupLimit = 1000000;
inline constexpr size_t kMaxGroups = 100000;

}  // namespace

void Exchange::Impl::prune_window(GroupState &gs) {
  while (!gs.window.empty() && gs.window.front().first <= now_ms - kGroupWindowMs) {
    gs.window_total -= gs.window.front().second;
    gs.window.pop_front();
  }
}

void Exchange::Impl::trigger_group(GroupState &gs) {
  gs.g.triggered = true;
  const std::vector<uint64_t> group_orders(gs.orders.begin(), gs.orders.end());
  const std::string id = gs.g.id;
  for (uint64_t seq : group_orders) {
    auto it = orders.find(seq);
    if (it != orders.end() && it->second->o.status == OrderStatus::Resting) {
      cancel_order(*it->second, "ORDER_GROUP_CANCEL", false);
    }
  }
  auto g = groups.find(id);
  if (g != groups.end()) {
    const OrderGroup copy = g->second.g;
    notify([&](ExchangeObserver &o) { o.on_order_group(copy); });
  }
}

void Exchange::Impl::group_volume(const std::string &group_id, Qty q) {
  if (group_id.empty()) return;
  auto it = groups.find(group_id);
  if (it == groups.end()) return;
  GroupState &gs = it->second;
  prune_window(gs);
  gs.window.push_back({now_ms, q});
  gs.window_total += q;
  if (!gs.g.triggered && gs.window_total >= gs.g.contracts_limit * kContract) trigger_group(gs);
}

Outcome Exchange::order_group(OrderGroupAction action, AccountKey a, std::string *id, int64_t limit,
                              int64_t now_ms) {
  Impl &x = *impl_;
  x.housekeeping(now_ms);
  const int unsupported = static_cast<int>(RejectCode::Unsupported);
  if (x.account(a) == nullptr) {
    return Outcome::reject(static_cast<int>(RejectCode::UnknownAccount),
                           "CUSTOMER_ACCOUNT_NOT_FOUND", "unknown member or subaccount");
  }
  const bool needs_limit = action == OrderGroupAction::Create || action == OrderGroupAction::Update;
  if (needs_limit && (limit < 1 || limit > kMaxGroupLimit)) {
    return Outcome::reject(unsupported, "INVALID_ORDER",
                           "contracts limit must be between 1 and 1,000,000");
  }
  if (action == OrderGroupAction::Create) {
    if (x.groups.size() >= kMaxGroups) {
      return Outcome::reject(static_cast<int>(RejectCode::ExceedsLimit), "INVALID_ORDER",
                             "too many order groups");
    }
    GroupState gs;
    gs.g.id = x.ids.uuid();
    gs.g.account = a;
    gs.g.contracts_limit = limit;
    if (id != nullptr) *id = gs.g.id;
    const OrderGroup copy = gs.g;
    x.groups.emplace(gs.g.id, std::move(gs));
    x.notify([&](ExchangeObserver &o) { o.on_order_group(copy); });
    return Outcome::success();
  }
  auto it = id == nullptr ? x.groups.end() : x.groups.find(*id);
  if (it == x.groups.end() || !(it->second.g.account == a)) {
    return Outcome::reject(unsupported, "ORDER_GROUP_NOT_FOUND", "no such order group");
  }
  GroupState &gs = it->second;
  switch (action) {
    case OrderGroupAction::Reset: {
      gs.g.triggered = false;
      gs.window.clear();
      gs.window_total = 0;
      const OrderGroup copy = gs.g;
      x.notify([&](ExchangeObserver &o) { o.on_order_group(copy); });
      break;
    }
    case OrderGroupAction::Delete: {
      const std::vector<uint64_t> group_orders(gs.orders.begin(), gs.orders.end());
      for (uint64_t seq : group_orders) {
        auto o = x.orders.find(seq);
        if (o != x.orders.end() && o->second->o.status == OrderStatus::Resting) {
          x.cancel_order(*o->second, "ORDER_GROUP_CANCEL", false);
        }
      }
      const OrderGroup copy = it->second.g;
      x.groups.erase(it);
      x.notify([&](ExchangeObserver &o) { o.on_order_group(copy); });
      break;
    }
    case OrderGroupAction::Trigger:
      x.trigger_group(gs);
      break;
    case OrderGroupAction::Update:
      gs.g.contracts_limit = limit;
      x.prune_window(gs);
      if (!gs.g.triggered && gs.window_total >= limit * kContract) {
        x.trigger_group(gs);
      } else {
        const OrderGroup copy = gs.g;
        x.notify([&](ExchangeObserver &o) { o.on_order_group(copy); });
      }
      break;
    default:
      return Outcome::reject(unsupported, "INVALID_ORDER", "unknown order group action");
  }
  return Outcome::success();
}

}  // namespace kalshi::sim
