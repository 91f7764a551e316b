// Requests for quote (kalshi-fix.md §7; REST /communications later): a creator asks for a price
// on a size, makers quote YES and/or NO prices, the creator accepts one side of one quote, the
// maker confirms within a window, and the exchange books the trade (Exchange::
// execute_block_trade). Protocol-neutral like Exchange: commands return Outcome, state changes
// are observed through RfqObserver, time is passed in.
//
// Choices (docs/SIMULATOR.md): a quote covers the full RFQ size; a new quote from the same maker
// on the same RFQ replaces its previous one; a quote accepted but not confirmed within
// confirm_window_ms is voided (the RFQ stays open); an RFQ expires after rfq_lifetime_ms, and is
// canceled ("MARKET_INACTIVE") once its market stops being open. Ownership is by member: any
// subaccount/session of the creator's member may accept or cancel, of the maker's may confirm or
// cancel its quote. One accepted quote per RFQ at a time; other makers may still quote meanwhile.
// Every command first applies the passage of time (as advance_time does).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/exchange/exchange.h"

namespace kalshi::sim {

enum class RfqStatus : uint8_t { Open = 0, Accepted = 1, Executed = 2, Canceled = 3, Expired = 4 };
enum class QuoteStatus : uint8_t {
  Pending = 0,   // FIX 297=10
  Accepted = 1,  // 297=0: the creator accepted; waiting for the maker's confirm
  Executed = 2,  // confirmed and traded
  Canceled = 3,  // 297=17
  Rejected = 4,  // 297=5
  Voided = 5,    // not confirmed in time, replaced, or its RFQ ended
};

struct Rfq {
  std::string rfq_id;         // server id
  std::string client_rfq_id;  // creator's QuoteReqId
  AccountKey creator;
  uint64_t creator_origin = 0;
  std::string ticker;
  Qty qty = 0;
  bool rest_remainder = false;
  RfqStatus status = RfqStatus::Open;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
};

struct Quote {
  std::string quote_id;  // server-unique; the maker's id when it gave one
  std::string rfq_id;
  AccountKey maker;
  uint64_t maker_origin = 0;
  Price yes_price = 0;  // YES bid (0: no YES quote)
  Price no_price = 0;   // NO bid (0: no NO quote)
  Qty qty = 0;
  QuoteStatus status = QuoteStatus::Pending;
  Side accepted_side = Side::Buy;  // creator's side once accepted: Buy = creator buys YES
  Qty accepted_qty = 0;
  int64_t accepted_ms = 0;
  std::string accept_client_order_id;
};

enum class RfqEventKind : uint8_t {
  RfqCreated,     // broadcast to makers
  RfqEnded,       // canceled or expired: makers are told (FIX 35=AG)
  QuoteReceived,  // to the creator (FIX 35=S); maker gets PENDING
  QuoteAccepted,  // to the maker (AI 297=0)
  QuoteExecuted,  // confirmed; the trade was booked
  QuoteEnded,     // canceled / voided / rejected
};

struct RfqEvent {
  RfqEventKind kind = RfqEventKind::RfqCreated;
  const Rfq *rfq = nullptr;
  const Quote *quote = nullptr;  // quote events
  std::string_view reason;       // for ended events
  int64_t time_ms = 0;
};

class RfqObserver {
 public:
  virtual ~RfqObserver() = default;
  virtual void on_rfq_event(const RfqEvent &) = 0;
};

struct RfqSettings {
  int64_t confirm_window_ms = 30000;
  int64_t rfq_lifetime_ms = 24LL * 3600 * 1000;
  size_t max_open_rfqs_per_member = 100;
  // Ended RFQs and quotes stay queryable this long, and at most max_ended_records of them are
  // kept (the oldest go first), so memory stays bounded however long the desk runs.
  int64_t ended_retention_ms = 10LL * 60 * 1000;
  size_t max_ended_records = 10000;
};

class RfqDesk {
 public:
  RfqDesk(Exchange &exchange, uint64_t seed, RfqSettings settings = {});
  ~RfqDesk();
  RfqDesk(const RfqDesk &) = delete;
  RfqDesk &operator=(const RfqDesk &) = delete;

  void add_observer(RfqObserver *o);
  void remove_observer(RfqObserver *o);

  // Failure codes are FIX QuoteRequestRejectReason(658) numbers: 1 unknown symbol, 3 exceeds
  // limit, 11 insufficient credit, 99 other; text e.g. "MARKET_NOT_FOUND".
  Outcome create_rfq(AccountKey creator, std::string_view client_rfq_id, std::string_view ticker,
                     Qty qty, bool rest_remainder, uint64_t origin, int64_t now_ms,
                     const Rfq **out = nullptr);
  Outcome cancel_rfq(AccountKey creator, std::string_view rfq_or_client_id, int64_t now_ms);
  Outcome submit_quote(AccountKey maker, std::string_view maker_quote_id, std::string_view rfq_id,
                       std::string_view ticker, Price yes_price, Price no_price, uint64_t origin,
                       int64_t now_ms, const Quote **out = nullptr);
  Outcome cancel_quote(AccountKey maker, std::string_view quote_id, std::string_view rfq_id,
                       int64_t now_ms);
  // Side (FIX 54 on AcceptQuote): Buy = the creator takes the maker's NO bid and buys YES at
  // kDollar - no_price (the maker buys NO); Sell = the creator takes the maker's YES bid and sells
  // YES at yes_price (the maker buys YES). qty 0 = the whole RFQ; a smaller qty is a partial
  // acceptance, after which the RFQ is done (rest_remainder is recorded but not acted on).
  // The quote then waits for confirm_quote within confirm_window_ms.
  Outcome accept_quote(AccountKey creator, std::string_view quote_id, std::string_view rfq_id,
                       Side side, Qty qty, std::string_view client_order_id, int64_t now_ms);
  Outcome confirm_quote(AccountKey maker, std::string_view quote_id, std::string_view rfq_id,
                        int64_t now_ms);

  // Expiries of RFQs and of unconfirmed accepted quotes.
  void advance_time(int64_t now_ms);

  const Rfq *find_rfq(std::string_view rfq_id) const;
  const Quote *find_quote(std::string_view quote_id) const;
  std::vector<const Rfq *> open_rfqs() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kalshi::sim
