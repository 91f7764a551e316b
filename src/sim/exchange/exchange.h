// The simulated exchange's core (kalshi-sim): markets, members and their accounts, matching.
//
// Protocol-neutral and sans-I/O: front ends (the FIX gateway; REST and WebSocket later) call the
// commands below and observe what happened through ExchangeObserver. Nothing here reads a clock
// or a random source of its own: every command takes `now_ms` (Unix ms, the exchange's clock)
// and identifiers come from a generator seeded at construction, so a run is reproducible from
// (seed, commands).
//
// Units (exact, never floating point):
//   Price  dollars x 10^6 (kalshi_price_t). On binary markets always the YES price.
//   Qty    contracts x 100 (kalshi_count_t).
//   Money  dollars x 10^6.
//
// Binary markets use the spec's single-book model: Buy = buy YES, Sell = sell YES = buy NO, and
// the price is always the YES price, so "buy NO at 96c" is a Sell at 4c and matches a YES bid at
// 4c (kalshi-fix.md §3.4, §4.1 tag 44). Margin (perps) markets: Buy = long, Sell = short.
//
// Rejections are returned by the command (Outcome), not observed, so each front end can shape its
// own answer (FIX ER 150=8 / 35=9 / 35=j, REST error body). Every state change of an accepted
// order is observed, in order, before the command returns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kalshi::sim {

using Price = int64_t;
using Qty = int64_t;
using Money = int64_t;

inline constexpr Price kDollar = 1000000;
inline constexpr Qty kContract = 100;

enum class MarketKind : uint8_t { Binary = 0, Perp = 1 };
enum class MarketStatus : uint8_t { Initialized = 0, Open = 1, Paused = 2, Closed = 3, Settled = 4 };
const char *market_status_name(MarketStatus s);  // "initialized", "open", ...

// A run of the tick grid: prices p with start <= p <= end and (p - start) % step == 0.
struct TickRange {
  Price start = 0;
  Price end = 0;
  Price step = 0;
};

struct Market {
  std::string ticker;
  std::string event_ticker;   // binary markets
  std::string series_ticker;  // binary markets
  std::string title;
  MarketKind kind = MarketKind::Binary;
  MarketStatus status = MarketStatus::Open;
  std::vector<TickRange> ticks;  // binary: within (0, 1 dollar); perp: the whole grid
  bool fractional = false;       // fractional counts (0.01) allowed
  int64_t open_time_ms = 0;
  int64_t close_time_ms = 0;  // 0: none
  // Settlement (binary): the YES value paid per contract once Settled (0 or kDollar, or a
  // scalar value between).
  Price settlement_value = 0;
  // Perps: reference price, band (orders priced further than band from the reference are
  // rejected), initial margin in parts per million of notional.
  Price reference_price = 0;
  Price price_band = 0;
  int64_t initial_margin_ppm = 0;
  // Fees (kalshi quadratic form): fee = ceil_to_cent(rate * qty * p * (1 - p)); rates in ppm.
  int64_t taker_fee_ppm = 70000;
  int64_t maker_fee_ppm = 0;
};

// A member is one participant (one or more API keys); each has subaccounts 0..63, 0 = primary.
struct AccountKey {
  uint32_t member = 0;
  uint8_t subaccount = 0;
  bool operator==(const AccountKey &o) const = default;
};

enum class Side : uint8_t { Buy = 1, Sell = 2 };
enum class TimeInForce : uint8_t { Day = 0, Gtc = 1, Ioc = 3, Fok = 4, Gtd = 6 };  // FIX 59 codes
enum class SelfTradePrevention : uint8_t { TakerAtCross = 1, Maker = 2 };          // FIX 2964 codes

// FIX OrdRejReason(103) numbers, used by every front end (kalshi-fix.md §4.5.3).
enum class RejectCode : int16_t {
  None = 0,
  UnknownSymbol = 1,
  ExchangeClosed = 2,
  ExceedsLimit = 3,
  TooLate = 4,
  Duplicate = 6,
  Stale = 8,
  Unsupported = 11,
  IncorrectQuantity = 13,
  UnknownAccount = 15,
  Other = 99,
};
// FIX CxlRejReason(102) numbers (kalshi-fix.md §4.6).
enum class CancelRejectCode : int16_t {
  TooLate = 0,
  UnknownOrder = 1,
  Broker = 2,
  InvalidPriceIncrement = 18,
  Other = 99,
};

// The result of a command. On failure `text` is the Kalshi reason code (kalshi-fix.md §4.5.4,
// e.g. "INSUFFICIENT_BALANCE", "ORDER_ALREADY_EXISTS", "MARKET_NOT_FOUND"), `code` the FIX
// number (RejectCode for orders, CancelRejectCode for cancel/replace), `detail` a sentence.
struct Outcome {
  bool ok = true;
  int code = 0;
  std::string text;
  std::string detail;
  static Outcome success() { return {}; }
  static Outcome reject(int code, std::string text, std::string detail = {}) {
    return {false, code, std::move(text), std::move(detail)};
  }
};

struct OrderRequest {
  AccountKey account;
  std::string client_order_id;  // unique among the member's live and recent orders
  std::string ticker;
  Side side = Side::Buy;
  Price price = 0;
  Qty qty = 0;
  TimeInForce tif = TimeInForce::Gtc;
  int64_t expire_ms = 0;  // Gtd only
  bool post_only = false;
  bool reduce_only = false;  // IOC only
  bool cancel_on_pause = false;
  SelfTradePrevention stp = SelfTradePrevention::TakerAtCross;
  std::string order_group_id;  // empty: none
  Money max_cost = 0;          // 0: no cap
  uint64_t origin = 0;         // opaque to the core: which front-end connection sent it
};

enum class OrderStatus : uint8_t { Resting = 0, Filled = 1, Canceled = 2, Expired = 3 };

struct Order {
  uint64_t seq = 0;       // creation order, unique
  std::string order_id;   // exchange id (UUID text)
  std::string client_order_id;       // of the last accepted command on the order
  std::string orig_client_order_id;  // the one before it (set by replace/cancel)
  AccountKey account;
  std::string ticker;
  Side side = Side::Buy;
  Price price = 0;
  Qty original_qty = 0;
  Qty filled = 0;
  Qty leaves = 0;
  Money fill_notional = 0;  // sum(price * qty) over fills, for the average price
  TimeInForce tif = TimeInForce::Gtc;
  int64_t expire_ms = 0;  // 0: none (Day orders get their 23:59:59.999 ET deadline here)
  bool post_only = false;
  bool reduce_only = false;
  bool cancel_on_pause = false;
  SelfTradePrevention stp = SelfTradePrevention::TakerAtCross;
  std::string order_group_id;
  uint64_t origin = 0;
  OrderStatus status = OrderStatus::Resting;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
};

struct Fill {
  std::string trade_id;  // shared by both sides of the trade
  Price price = 0;       // YES price (binary) / trade price (perp)
  Qty qty = 0;
  bool aggressor = false;  // this order was the taker
  Money fee = 0;
  // The account's position in the market after the fill: contracts, + long YES, - long NO.
  Qty position_after = 0;
  Money balance_delta = 0;  // cash change from this fill, fee included (negative: paid)
};

enum class OrderEventKind : uint8_t { New, Trade, Canceled, Replaced, Expired };

struct OrderEvent {
  OrderEventKind kind = OrderEventKind::New;
  const Order *order = nullptr;  // state after the event; valid during the callback
  const Fill *fill = nullptr;    // Trade only
  // Why, for Canceled/Expired: "POST_ONLY_CROSS", "IMMEDIATE_OR_CANCELLED", "FOK_INSUFFICIENT_VOLUME",
  // "TAKER_CANCEL_FOR_SELF_TRADE_PREVENTION", "MAKER_CANCEL_FOR_SELF_TRADE_PREVENTION",
  // "ORDER_GROUP_CANCEL", "REDUCE_ONLY", "MARKET_CLOSED"...; empty for a user cancel.
  std::string_view reason;
  // The cancel was the system's expiry-style cancel (CloseCancel/OrderExpiryCancel): FIX reports
  // it as Expired with 21012=Y.
  bool expiry_style = false;
  // The New was folded: the order traded in the cycle that accepted it (FIX folds the New into
  // the first Trade unless 21026=Y; the core always emits New first).
  bool traded_on_arrival = false;
  int64_t time_ms = 0;
};

struct PublicTrade {
  std::string ticker;
  std::string trade_id;
  Price price = 0;  // YES price
  Qty qty = 0;
  Side taker_side = Side::Buy;
  int64_t time_ms = 0;
};

// A price level of a book changed: `qty` is the new total resting at (side, price), 0 = gone.
struct LevelChange {
  std::string_view ticker;
  Side side = Side::Buy;  // Buy: bids (YES bids), Sell: offers (YES asks = NO bids)
  Price price = 0;
  Qty qty = 0;
};

struct Level {
  Price price = 0;
  Qty qty = 0;
};
struct BookSnapshot {
  std::vector<Level> bids;  // best (highest) first
  std::vector<Level> asks;  // best (lowest) first
};

struct OrderGroup {
  std::string id;  // UUID text
  AccountKey account;
  int64_t contracts_limit = 0;  // whole contracts, 1..1,000,000
  bool triggered = false;
};

struct Position {
  std::string ticker;
  Qty contracts = 0;    // + YES / long, - NO / short
  Money cost = 0;       // total paid for the open position
  Money realized = 0;   // realized P&L
  Money fees = 0;       // fees paid in this market
};

// Settlement of one binary market: one entry per account that held a position.
struct SettlementEntry {
  AccountKey account;
  Qty yes_contracts = 0;  // held at settlement (>= 0)
  Qty no_contracts = 0;   // held at settlement (>= 0)
  Money payout = 0;       // credited
  Money fees = 0;
};
struct Settlement {
  std::string ticker;
  std::string settlement_id;
  Price value = 0;  // YES value per contract
  int64_t time_ms = 0;
  std::vector<SettlementEntry> entries;
};

class ExchangeObserver {
 public:
  virtual ~ExchangeObserver() = default;
  virtual void on_order_event(const OrderEvent &) {}
  virtual void on_public_trade(const PublicTrade &) {}
  virtual void on_level_change(const LevelChange &) {}
  virtual void on_market_status(const Market &) {}
  virtual void on_order_group(const OrderGroup &) {}
  virtual void on_settlement(const Settlement &) {}
};

struct CancelRequest {
  AccountKey account;
  std::string client_order_id;       // of the cancel request itself
  std::string orig_client_order_id;  // the order; or order_id below
  std::string order_id;              // optional; wins when set
  std::string ticker;                // must match when set
  Side side = Side::Buy;
  bool check_side = false;
  uint64_t origin = 0;
};

struct ReplaceRequest {
  AccountKey account;
  std::string client_order_id;  // new id
  std::string orig_client_order_id;
  std::string order_id;  // optional; wins when set
  std::string ticker;
  Side side = Side::Buy;
  Qty qty = 0;      // new total quantity (filled included)
  Price price = 0;  // 0: unchanged
  // Expiry (kalshi-fix.md §4.2): keep unless told; Day/Gtc/Gtd restate it.
  bool set_tif = false;
  TimeInForce tif = TimeInForce::Gtc;
  int64_t expire_ms = 0;
  uint64_t origin = 0;
};

enum class OrderGroupAction : uint8_t { Create = 1, Reset = 2, Delete = 3, Trigger = 4, Update = 5 };

class Exchange {
 public:
  explicit Exchange(uint64_t seed);
  ~Exchange();
  Exchange(const Exchange &) = delete;
  Exchange &operator=(const Exchange &) = delete;

  // Markets from a seed file (JSON; format in docs/SIMULATOR.md). KALSHI_ERR_PARSE /
  // KALSHI_ERR_INVALID_VALUE naming the market and field; nothing is loaded then.
  Error load_markets(std::string_view json);
  // The default set shipped with the project (tools/sim/markets.json, compiled in).
  static std::string_view default_markets_json();

  void add_observer(ExchangeObserver *o);
  void remove_observer(ExchangeObserver *o);

  // Members. balance is the primary subaccount's cash.
  uint32_t add_member(std::string_view name, Money balance);
  Error set_balance(AccountKey a, Money balance);
  Money balance(AccountKey a) const;
  bool member_exists(uint32_t member) const;

  // Orders. *out (optional) points at the order (valid until the next command) on success.
  Outcome submit(const OrderRequest &r, int64_t now_ms, const Order **out = nullptr);
  Outcome cancel(const CancelRequest &r, int64_t now_ms, const Order **out = nullptr);
  Outcome replace(const ReplaceRequest &r, int64_t now_ms, const Order **out = nullptr);
  // Cancels every resting order of the member (any subaccount) whose origin matches (0: any).
  // Returns how many.
  size_t mass_cancel(uint32_t member, uint64_t origin, int64_t now_ms);

  // Order groups (kalshi-fix.md §5). Create fills *id.
  Outcome order_group(OrderGroupAction action, AccountKey a, std::string *id, int64_t limit,
                      int64_t now_ms);

  // Time passes: expiries (Day/GTD), order-group windows, scheduled market closes.
  void advance_time(int64_t now_ms);

  // Market lifecycle. Pausing cancels cancel_on_pause orders; closing cancels every resting order
  // (expiry-style, "MARKET_CLOSED"); settling pays out and emits on_settlement.
  Outcome set_market_status(std::string_view ticker, MarketStatus s, int64_t now_ms);
  Outcome settle(std::string_view ticker, Price yes_value, int64_t now_ms);

  // A block trade at an agreed price between two accounts outside the book (RFQ acceptance).
  // Both get Trade-like fills reported as OrderEvents of synthetic, immediately filled orders.
  Outcome execute_block_trade(std::string_view ticker, AccountKey buyer, AccountKey seller,
                              Price price, Qty qty, uint64_t buyer_origin, uint64_t seller_origin,
                              int64_t now_ms);

  // Queries.
  const Market *find_market(std::string_view ticker) const;
  std::vector<const Market *> markets() const;
  const Order *find_order(uint32_t member, std::string_view client_order_id) const;
  const Order *find_order_by_id(std::string_view order_id) const;
  std::vector<const Order *> open_orders(uint32_t member) const;
  BookSnapshot book(std::string_view ticker, size_t depth) const;
  std::vector<Position> positions(AccountKey a) const;
  const OrderGroup *find_order_group(std::string_view id) const;
  // Recent public trades of a market, oldest first (bounded history).
  std::vector<PublicTrade> trades(std::string_view ticker, size_t max) const;

  // Valid tick for the market (binary: inside one of its ranges).
  static bool on_tick(const Market &m, Price p);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::sim
