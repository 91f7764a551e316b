// Market rules that do not depend on the book: status names, the tick grid, which statuses accept
// orders, and the end of the US Eastern trading day for Day orders.
#include "fix/session/maintenance.h"
#include "sim/exchange/exchange_impl.h"

namespace kalshi::sim {

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

bool Exchange::on_tick(const Market &m, Price p) {
  if (m.kind == MarketKind::Binary && (p <= 0 || p >= kDollar)) return false;
  for (const TickRange &r : m.ticks) {
    if (r.step > 0 && p >= r.start && p <= r.end && (p - r.start) % r.step == 0) return true;
  }
  return false;
}

// kalshi-fix.md §4.5.4: paused and not-yet-open markets are "exchange closed" (103=2) with their
// own texts; closed and settled markets are MARKET_ALREADY_CLOSED.
Outcome status_reject(const Market &m) {
  const int code = static_cast<int>(RejectCode::ExchangeClosed);
  switch (m.status) {
    case MarketStatus::Open:
      return Outcome::success();
    case MarketStatus::Initialized:
      return Outcome::reject(code, "MARKET_INACTIVE", "market " + m.ticker + " is not open yet");
    case MarketStatus::Paused:
      return Outcome::reject(code, "TRADING_PAUSED", "trading in " + m.ticker + " is paused");
    case MarketStatus::Closed:
    case MarketStatus::Settled:
      break;
  }
  return Outcome::reject(code, "MARKET_ALREADY_CLOSED", "market " + m.ticker + " is closed");
}

// 23:59:59.999 US Eastern on the Eastern calendar day that contains now_ms.
int64_t end_of_day_et_ms(int64_t now_ms) {
  constexpr int64_t kDay = 86400000;
  const int64_t local = now_ms + fix::us_eastern_offset_ms(now_ms);
  const int64_t local_floor = local >= 0 ? local / kDay * kDay : (local - kDay + 1) / kDay * kDay;
  const int64_t end_local = local_floor + kDay - 1;
  // The offset at the end of the day may differ from now's (a DST switch at 02:00 that day).
  const int64_t guess = end_local - fix::us_eastern_offset_ms(now_ms);
  return end_local - fix::us_eastern_offset_ms(guess);
}

}  // namespace kalshi::sim
