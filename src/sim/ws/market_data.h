// Market data the WebSocket front end keeps beside the exchange: traded volume and the last trade
// per market (for the ticker channel), and each market's UUID. The exchange core names markets
// by ticker only, so the UUID the spec's market_id fields need is derived from the ticker
// (a name-based, RFC 4122 version-5-shaped id from a 128-bit FNV-1a hash): stable across runs and
// the same for every connection.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "sim/exchange/exchange.h"
#include "sim/ws/json_out.h"

namespace kalshi::sim::wsfront {

std::string market_id(std::string_view ticker);

struct MarketTotals {
  Qty volume = 0;        // contracts x 100 traded
  Money notional = 0;    // dollars x 10^6 traded (price x count)
  Price last_price = 0;  // last trade's YES price
  Qty last_size = 0;     // last trade's count
};

class MarketStats {
 public:
  void on_trade(const PublicTrade &t);
  const MarketTotals *find(std::string_view ticker) const;

 private:
  std::map<std::string, MarketTotals, std::less<>> totals_;
};

// The `msg` object of a ticker message for the market (kalshi-ws.md §6.1 ticker). Open interest
// is not tracked by the simulator's exchange and is reported as 0.
void write_ticker_body(JsonOut &j, const Exchange &ex, std::string_view ticker,
                       const MarketStats *stats, int64_t now_ms);

// The same for a perps market (perps_asyncapi.yaml marginTickerPayload). The simulator keeps no
// 24-hour window or open interest: volume_24h repeats the total volume, open interest is 0.
void write_margin_ticker_body(JsonOut &j, const Exchange &ex, std::string_view ticker,
                              const MarketStats *stats, int64_t now_ms);

}  // namespace kalshi::sim::wsfront
