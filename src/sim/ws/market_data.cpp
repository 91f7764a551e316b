#include "sim/ws/market_data.h"

#include <cstdio>

namespace kalshi::sim::wsfront {

std::string market_id(std::string_view ticker) {
  // Two independent 64-bit FNV-1a hashes make the 128 bits.
  uint64_t a = 0xcbf29ce484222325ULL;
  uint64_t b = 0x84222325cbf29ce4ULL;
  for (char c : ticker) {
    a = (a ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;
    b = (b ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;
    b ^= b >> 29;
  }
  // Version 5 and the RFC 4122 variant bits.
  const uint16_t ver = static_cast<uint16_t>(0x5000 | ((a >> 16) & 0x0fff));
  const uint16_t var = static_cast<uint16_t>(0x8000 | (b >> 48 & 0x3fff));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a & 0xffff), static_cast<unsigned>(ver),
                static_cast<unsigned>(var), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

void MarketStats::on_trade(const PublicTrade &t) {
  auto it = totals_.find(t.ticker);
  if (it == totals_.end()) it = totals_.emplace(t.ticker, MarketTotals{}).first;
  MarketTotals &m = it->second;
  m.volume += t.qty;
  // price (x10^6) * qty (x100) / 100 = dollars x 10^6
  m.notional += t.price * (t.qty / kContract) + t.price * (t.qty % kContract) / kContract;
  m.last_price = t.price;
  m.last_size = t.qty;
}

const MarketTotals *MarketStats::find(std::string_view ticker) const {
  auto it = totals_.find(ticker);
  return it == totals_.end() ? nullptr : &it->second;
}

void write_ticker_body(JsonOut &j, const Exchange &ex, std::string_view ticker,
                       const MarketStats *stats, int64_t now_ms) {
  const BookSnapshot top = ex.book(ticker, 1);
  const MarketTotals *t = stats == nullptr ? nullptr : stats->find(ticker);
  const MarketTotals none{};
  if (t == nullptr) t = &none;
  j.begin_object();
  j.field("market_id", market_id(ticker));
  j.field("market_ticker", ticker);
  j.field_dollars("price_dollars", t->last_price);
  j.field_dollars("yes_bid_dollars", top.bids.empty() ? 0 : top.bids[0].price);
  j.field_dollars("yes_ask_dollars", top.asks.empty() ? kDollar : top.asks[0].price);
  j.field_count("volume_fp", t->volume);
  j.field_count("open_interest_fp", 0);
  j.field_int("dollar_volume", t->notional / kDollar);
  j.field_int("dollar_open_interest", 0);
  j.field_count("yes_bid_size_fp", top.bids.empty() ? 0 : top.bids[0].qty);
  j.field_count("yes_ask_size_fp", top.asks.empty() ? 0 : top.asks[0].qty);
  j.field_count("last_trade_size_fp", t->last_size);
  j.field_int("ts", now_ms / 1000);
  j.field_int("ts_ms", now_ms);
  j.key("time");
  j.rfc3339(now_ms);
  j.end_object();
}

void write_margin_ticker_body(JsonOut &j, const Exchange &ex, std::string_view ticker,
                              const MarketStats *stats, int64_t now_ms) {
  const BookSnapshot top = ex.book(ticker, 1);
  const MarketTotals *t = stats == nullptr ? nullptr : stats->find(ticker);
  const MarketTotals none{};
  if (t == nullptr) t = &none;
  j.begin_object();
  j.field("market_ticker", ticker);
  j.field_dollars("price", t->last_price);
  j.field_dollars("bid", top.bids.empty() ? 0 : top.bids[0].price);
  j.field_dollars("ask", top.asks.empty() ? 0 : top.asks[0].price);
  j.field_count("bid_size_fp", top.bids.empty() ? 0 : top.bids[0].qty);
  j.field_count("ask_size_fp", top.asks.empty() ? 0 : top.asks[0].qty);
  j.field_count("last_trade_size_fp", t->last_size);
  j.field_count("volume", t->volume);
  j.field_dollars("volume_notional_value_dollars", t->notional);
  j.field_count("volume_24h", t->volume);
  j.field_dollars("volume_24h_notional_value_dollars", t->notional);
  j.field_count("open_interest", 0);
  j.field_dollars("open_interest_notional_value_dollars", 0);
  j.field_int("ts_ms", now_ms);
  j.end_object();
}

}  // namespace kalshi::sim::wsfront
