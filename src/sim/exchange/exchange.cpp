// Placeholder implementation of the exchange core so that dependants link; the matching engine
// replaces it in the next commits.
#include "sim/exchange/exchange.h"

namespace kalshi::sim {

namespace detail {
std::string_view default_markets_json_text();
}

struct Exchange::Impl {
  uint64_t seed = 0;
};

const char *market_status_name(MarketStatus s) {
  switch (s) {
    case MarketStatus::Initialized:
      return "initialized";
    case MarketStatus::Open:
      return "open";
    case MarketStatus::Paused:
      return "paused";
    case MarketStatus::Closed:
      return "closed";
    case MarketStatus::Settled:
      return "settled";
  }
  return "unknown";
}

Exchange::Exchange(uint64_t seed) : impl_(std::make_unique<Impl>()) {
  impl_->seed = seed;
}
Exchange::~Exchange() = default;
Error Exchange::load_markets(std::string_view) {
  return {};
}
std::string_view Exchange::default_markets_json() {
  return detail::default_markets_json_text();
}
void Exchange::add_observer(ExchangeObserver *) {}
void Exchange::remove_observer(ExchangeObserver *) {}
uint32_t Exchange::add_member(std::string_view, Money) {
  return 1;
}
Error Exchange::set_balance(AccountKey, Money) {
  return {};
}
Money Exchange::balance(AccountKey) const {
  return 0;
}
bool Exchange::member_exists(uint32_t) const {
  return false;
}
Outcome Exchange::submit(const OrderRequest &, int64_t, const Order **) {
  return Outcome::reject(99, "INTERNAL_ERROR");
}
Outcome Exchange::cancel(const CancelRequest &, int64_t, const Order **) {
  return Outcome::reject(99, "INTERNAL_ERROR");
}
Outcome Exchange::replace(const ReplaceRequest &, int64_t, const Order **) {
  return Outcome::reject(99, "INTERNAL_ERROR");
}
size_t Exchange::mass_cancel(uint32_t, uint64_t, int64_t) {
  return 0;
}
Outcome Exchange::order_group(OrderGroupAction, AccountKey, std::string *, int64_t, int64_t) {
  return Outcome::reject(99, "INTERNAL_ERROR");
}
void Exchange::advance_time(int64_t) {}
Outcome Exchange::set_market_status(std::string_view, MarketStatus, int64_t) {
  return Outcome::reject(1, "MARKET_NOT_FOUND");
}
Outcome Exchange::settle(std::string_view, Price, int64_t) {
  return Outcome::reject(1, "MARKET_NOT_FOUND");
}
Outcome Exchange::execute_block_trade(std::string_view, AccountKey, AccountKey, Price, Qty,
                                      uint64_t, uint64_t, int64_t) {
  return Outcome::reject(1, "MARKET_NOT_FOUND");
}
const Market *Exchange::find_market(std::string_view) const {
  return nullptr;
}
std::vector<const Market *> Exchange::markets() const {
  return {};
}
const Order *Exchange::find_order(uint32_t, std::string_view) const {
  return nullptr;
}
const Order *Exchange::find_order_by_id(std::string_view) const {
  return nullptr;
}
std::vector<const Order *> Exchange::open_orders(uint32_t) const {
  return {};
}
BookSnapshot Exchange::book(std::string_view, size_t) const {
  return {};
}
std::vector<Position> Exchange::positions(AccountKey) const {
  return {};
}
const OrderGroup *Exchange::find_order_group(std::string_view) const {
  return nullptr;
}
std::vector<PublicTrade> Exchange::trades(std::string_view, size_t) const {
  return {};
}
bool Exchange::on_tick(const Market &, Price) {
  return false;
}

}  // namespace kalshi::sim
