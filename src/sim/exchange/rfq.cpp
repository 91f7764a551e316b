// The RFQ desk (kalshi-fix.md §7). See rfq.h for the flow; the choices the spec
// leaves open are written down next to the code that makes them.
//
// Acceptance mapping (§7.4, §7.8). A quote holds two bids of the maker:
// yes_price (the maker buys YES at it) and no_price (the maker buys NO at it).
// The creator takes one of them:
//   Side::Buy  (54=1) accepts the maker's NO bid: the maker buys NO at
//   no_price, so the creator
//              buys YES from the maker at the YES price kDollar - no_price.
//              Block trade: buyer = creator, seller = maker, price = kDollar -
//              no_price.
//   Side::Sell (54=2) accepts the maker's YES bid: the maker buys YES at
//   yes_price and the creator
//              sells YES (buys NO at kDollar - yes_price).
//              Block trade: buyer = maker, seller = creator, price = yes_price.
//
// Ownership checks use the member only (not the subaccount): AcceptQuote,
// RFQCancel, QuoteCancel and QuoteConfirm carry no AllocAccount, so any session
// of the member may act on its RFQs and quotes.
#include "sim/exchange/rfq.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>

namespace kalshi::sim {

namespace {

// QuoteRequestRejectReason(658) numbers, also used for the other RFQ commands'
// failures.
constexpr int kRejectUnknownSymbol = 1;
constexpr int kRejectExceedsLimit = 3;
constexpr int kRejectInsufficientCredit = 11;
constexpr int kRejectOther = 99;

// Larger sizes are refused so that price x size never overflows int64 (1e9
// contracts x 1e6).
constexpr Qty kMaxRfqQty = 1000000000LL * kContract;

// splitmix64: small, fast, and reproducible everywhere from one 64-bit seed.
uint64_t next_random(uint64_t &state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A version-4-shaped UUID from the seeded generator (never from a system random
// source).
std::string make_uuid(uint64_t &state) {
  const uint64_t hi = (next_random(state) & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  const uint64_t lo = (next_random(state) & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return text;
}

// Cash needed to buy `qty` at `price`, rounded up to the unit.
Money cost_of(Price price, Qty qty) {
  return (price * qty + kContract - 1) / kContract;
}

bool rfq_live(RfqStatus s) {
  return s == RfqStatus::Open || s == RfqStatus::Accepted;
}
bool quote_live(QuoteStatus s) {
  return s == QuoteStatus::Pending || s == QuoteStatus::Accepted;
}

bool valid_qty(const Market &m, Qty qty) {
  if (qty <= 0 || qty > kMaxRfqQty) return false;
  return m.fractional || qty % kContract == 0;
}

struct RfqRecord {
  Rfq rfq;
  uint64_t seq = 0;
  int64_t ended_ms = -1;
  std::vector<std::string> quote_ids;  // every quote ever made on it, in arrival order
};

struct QuoteRecord {
  Quote quote;
  int64_t ended_ms = -1;
};

// One ended RFQ or quote, to be forgotten once old enough.
struct EndedRecord {
  int64_t ended_ms = 0;
  bool is_rfq = false;
  std::string id;
};

}  // namespace

struct RfqDesk::Impl {
  Exchange &exchange;
  RfqSettings settings;
  uint64_t rng;
  uint64_t next_seq = 1;
  std::vector<RfqObserver *> observers;
  std::map<std::string, std::unique_ptr<RfqRecord>, std::less<>> rfqs;
  std::map<std::string, std::unique_ptr<QuoteRecord>, std::less<>> quotes;
  std::deque<EndedRecord> ended;

  Impl(Exchange &e, uint64_t seed, RfqSettings s) : exchange(e), settings(s), rng(seed) {}

  void emit(RfqEventKind kind, const Rfq *rfq, const Quote *quote, std::string_view reason,
            int64_t now_ms) {
    RfqEvent ev;
    ev.kind = kind;
    ev.rfq = rfq;
    ev.quote = quote;
    ev.reason = reason;
    ev.time_ms = now_ms;
    // A copy: an observer may remove itself while being told.
    const std::vector<RfqObserver *> targets = observers;
    for (RfqObserver *o : targets) o->on_rfq_event(ev);
  }

  RfqRecord *rfq_by_id(std::string_view id) {
    auto it = rfqs.find(id);
    return it == rfqs.end() ? nullptr : it->second.get();
  }
  QuoteRecord *quote_by_id(std::string_view id) {
    auto it = quotes.find(id);
    return it == quotes.end() ? nullptr : it->second.get();
  }

  void mark_rfq_ended(RfqRecord &r, RfqStatus status, int64_t now_ms) {
    r.rfq.status = status;
    r.ended_ms = now_ms;
    ended.push_back({now_ms, true, r.rfq.rfq_id});
  }

  void end_quote(QuoteRecord &q, QuoteStatus status, std::string_view reason, int64_t now_ms) {
    q.quote.status = status;
    q.ended_ms = now_ms;
    ended.push_back({now_ms, false, q.quote.quote_id});
    const RfqRecord *r = rfq_by_id(q.quote.rfq_id);
    emit(RfqEventKind::QuoteEnded, r ? &r->rfq : nullptr, &q.quote, reason, now_ms);
  }

  // Voids every live quote of the RFQ except `keep`.
  void void_quotes(RfqRecord &r, const QuoteRecord *keep, std::string_view reason, int64_t now_ms) {
    const std::vector<std::string> ids = r.quote_ids;
    for (const std::string &id : ids) {
      QuoteRecord *q = quote_by_id(id);
      if (q == nullptr || q == keep || q->quote.rfq_id != r.rfq.rfq_id) continue;
      if (quote_live(q->quote.status)) end_quote(*q, QuoteStatus::Voided, reason, now_ms);
    }
  }

  // The RFQ is canceled or expired: makers are told, then its quotes are
  // voided.
  void end_rfq(RfqRecord &r, RfqStatus status, std::string_view reason, int64_t now_ms) {
    mark_rfq_ended(r, status, now_ms);
    emit(RfqEventKind::RfqEnded, &r.rfq, nullptr, reason, now_ms);
    void_quotes(r, nullptr, reason, now_ms);
  }

  // An accepted quote that was not confirmed (in time, or the trade failed):
  // void it and reopen its RFQ for other quotes.
  void void_accepted(QuoteRecord &q, std::string_view reason, int64_t now_ms) {
    RfqRecord *r = rfq_by_id(q.quote.rfq_id);
    if (r != nullptr && r->rfq.status == RfqStatus::Accepted) r->rfq.status = RfqStatus::Open;
    end_quote(q, QuoteStatus::Voided, reason, now_ms);
  }

  // Confirm windows, RFQ lifetimes and markets that stopped trading; then
  // forgets old records. Ids are collected first because observers run inside
  // and may call back into the desk.
  void process_time(int64_t now_ms) {
    std::vector<std::string> late_quotes;
    for (const auto &[id, q] : quotes) {
      if (q->quote.status == QuoteStatus::Accepted &&
          now_ms > q->quote.accepted_ms + settings.confirm_window_ms) {
        late_quotes.push_back(id);
      }
    }
    for (const std::string &id : late_quotes) {
      QuoteRecord *q = quote_by_id(id);
      if (q != nullptr && q->quote.status == QuoteStatus::Accepted) {
        void_accepted(*q, "CONFIRM_TIMEOUT", now_ms);
      }
    }

    std::vector<std::string> ending;
    for (const auto &[id, r] : rfqs) {
      if (rfq_live(r->rfq.status)) ending.push_back(id);
    }
    for (const std::string &id : ending) {
      RfqRecord *r = rfq_by_id(id);
      if (r == nullptr || !rfq_live(r->rfq.status)) continue;
      const Market *m = exchange.find_market(r->rfq.ticker);
      if (m == nullptr || m->status != MarketStatus::Open) {
        end_rfq(*r, RfqStatus::Canceled, "MARKET_INACTIVE", now_ms);
      } else if (now_ms >= r->rfq.expires_ms) {
        end_rfq(*r, RfqStatus::Expired, "EXPIRED", now_ms);
      }
    }
    prune(now_ms);
  }

  // Forgets ended records past the retention time or beyond the count limit. Called only once a
  // command has told its events, so no event ever points at a forgotten record.
  void prune(int64_t now_ms) {
    while (!ended.empty() && (ended.front().ended_ms + settings.ended_retention_ms <= now_ms ||
                              ended.size() > settings.max_ended_records)) {
      const EndedRecord e = ended.front();
      ended.pop_front();
      if (e.is_rfq) {
        auto it = rfqs.find(e.id);
        // Only if it is still that ended record (ids are unique, but be
        // strict).
        if (it != rfqs.end() && it->second->ended_ms == e.ended_ms &&
            !rfq_live(it->second->rfq.status)) {
          rfqs.erase(it);
        }
      } else {
        auto it = quotes.find(e.id);
        // A maker may have reused the id for a new quote since: keep that one.
        if (it != quotes.end() && it->second->ended_ms == e.ended_ms &&
            !quote_live(it->second->quote.status)) {
          // Its RFQ's list of quotes must not keep growing with replaced quotes either.
          if (RfqRecord *r = rfq_by_id(it->second->quote.rfq_id)) {
            auto &ids = r->quote_ids;
            ids.erase(std::remove(ids.begin(), ids.end(), e.id), ids.end());
          }
          quotes.erase(it);
        }
      }
    }
  }

  size_t live_rfqs_of(uint32_t member) const {
    size_t n = 0;
    for (const auto &[id, r] : rfqs) {
      if (r->rfq.creator.member == member && rfq_live(r->rfq.status)) ++n;
    }
    return n;
  }

  RfqRecord *live_rfq_by_client_id(uint32_t member, std::string_view client_id) {
    for (auto &[id, r] : rfqs) {
      if (r->rfq.creator.member == member && r->rfq.client_rfq_id == client_id &&
          rfq_live(r->rfq.status)) {
        return r.get();
      }
    }
    return nullptr;
  }

  // The maker's live quote on the RFQ, if any.
  QuoteRecord *live_quote_of(const RfqRecord &r, uint32_t maker) {
    for (const std::string &id : r.quote_ids) {
      QuoteRecord *q = quote_by_id(id);
      if (q != nullptr && q->quote.rfq_id == r.rfq.rfq_id && q->quote.maker.member == maker &&
          quote_live(q->quote.status)) {
        return q;
      }
    }
    return nullptr;
  }

  // Resolves a quote for a command: it exists, belongs to rfq_id when one is
  // given, and its RFQ is still known.
  Outcome resolve_quote(std::string_view quote_id, std::string_view rfq_id, QuoteRecord **q,
                        RfqRecord **r) {
    *q = quote_by_id(quote_id);
    if (*q == nullptr || (!rfq_id.empty() && (*q)->quote.rfq_id != rfq_id)) {
      return Outcome::reject(kRejectOther, "QUOTE_NOT_FOUND", "no such quote on this RFQ");
    }
    *r = rfq_by_id((*q)->quote.rfq_id);
    if (*r == nullptr) {
      return Outcome::reject(kRejectOther, "RFQ_NOT_FOUND", "the quote's RFQ has ended");
    }
    return Outcome::success();
  }
};

RfqDesk::RfqDesk(Exchange &exchange, uint64_t seed, RfqSettings settings)
    : impl_(std::make_unique<Impl>(exchange, seed, settings)) {}

RfqDesk::~RfqDesk() = default;

void RfqDesk::add_observer(RfqObserver *o) {
  if (o != nullptr) impl_->observers.push_back(o);
}

void RfqDesk::remove_observer(RfqObserver *o) {
  auto &v = impl_->observers;
  v.erase(std::remove(v.begin(), v.end(), o), v.end());
}

Outcome RfqDesk::create_rfq(AccountKey creator, std::string_view client_rfq_id,
                            std::string_view ticker, Qty qty, bool rest_remainder, uint64_t origin,
                            int64_t now_ms, const Rfq **out) {
  Impl &d = *impl_;
  d.process_time(now_ms);
  if (client_rfq_id.empty()) {
    return Outcome::reject(kRejectOther, "INVALID_PARAMETERS", "QuoteReqId is required");
  }
  if (!d.exchange.member_exists(creator.member)) {
    return Outcome::reject(kRejectOther, "UNKNOWN_ACCOUNT", "unknown member");
  }
  const Market *m = d.exchange.find_market(ticker);
  // RFQs are prediction only: a perps ticker is not a market of this exchange's
  // RFQ desk.
  if (m == nullptr || m->kind != MarketKind::Binary) {
    return Outcome::reject(kRejectUnknownSymbol, "MARKET_NOT_FOUND", "no such market");
  }
  if (m->status != MarketStatus::Open) {
    return Outcome::reject(kRejectOther, "MARKET_INACTIVE", "the market is not open");
  }
  if (!valid_qty(*m, qty)) {
    return Outcome::reject(
        kRejectOther, "INVALID_QUANTITY",
        m->fractional ? "quantity must be positive" : "whole contracts only on this market");
  }
  if (d.live_rfq_by_client_id(creator.member, client_rfq_id) != nullptr) {
    return Outcome::reject(kRejectOther, "RFQ_ALREADY_EXISTS", "QuoteReqId already in use");
  }
  if (d.live_rfqs_of(creator.member) >= d.settings.max_open_rfqs_per_member) {
    return Outcome::reject(kRejectExceedsLimit, "RFQ_LIMIT_EXCEEDED", "too many open RFQs");
  }
  // The creator must be able to pay for at least the smallest trade the RFQ can
  // lead to.
  if (d.exchange.balance(creator) <= 0) {
    return Outcome::reject(kRejectInsufficientCredit, "INSUFFICIENT_BALANCE", "no cash");
  }

  auto rec = std::make_unique<RfqRecord>();
  rec->seq = d.next_seq++;
  Rfq &r = rec->rfq;
  r.rfq_id = make_uuid(d.rng);
  r.client_rfq_id = std::string(client_rfq_id);
  r.creator = creator;
  r.creator_origin = origin;
  r.ticker = std::string(ticker);
  r.qty = qty;
  r.rest_remainder = rest_remainder;
  r.status = RfqStatus::Open;
  r.created_ms = now_ms;
  r.expires_ms = now_ms + d.settings.rfq_lifetime_ms;
  const Rfq *stored = &r;
  d.rfqs.emplace(r.rfq_id, std::move(rec));
  if (out != nullptr) *out = stored;
  d.emit(RfqEventKind::RfqCreated, stored, nullptr, {}, now_ms);
  return Outcome::success();
}

Outcome RfqDesk::cancel_rfq(AccountKey creator, std::string_view rfq_or_client_id, int64_t now_ms) {
  Impl &d = *impl_;
  d.process_time(now_ms);
  RfqRecord *r = d.rfq_by_id(rfq_or_client_id);
  if (r == nullptr) r = d.live_rfq_by_client_id(creator.member, rfq_or_client_id);
  if (r == nullptr) return Outcome::reject(kRejectOther, "RFQ_NOT_FOUND", "no such RFQ");
  if (r->rfq.creator.member != creator.member) {
    return Outcome::reject(kRejectOther, "UNAUTHORIZED", "only the creator may cancel an RFQ");
  }
  if (!rfq_live(r->rfq.status)) {
    return Outcome::reject(kRejectOther, "RFQ_NOT_OPEN", "the RFQ has already ended");
  }
  d.end_rfq(*r, RfqStatus::Canceled, "CANCELED", now_ms);
  d.prune(now_ms);
  return Outcome::success();
}

Outcome RfqDesk::submit_quote(AccountKey maker, std::string_view maker_quote_id,
                              std::string_view rfq_id, std::string_view ticker, Price yes_price,
                              Price no_price, uint64_t origin, int64_t now_ms, const Quote **out) {
  Impl &d = *impl_;
  d.process_time(now_ms);
  RfqRecord *r = d.rfq_by_id(rfq_id);
  if (r == nullptr) return Outcome::reject(kRejectOther, "RFQ_NOT_FOUND", "no such RFQ");
  if (!ticker.empty() && ticker != r->rfq.ticker) {
    return Outcome::reject(kRejectOther, "INVALID_PARAMETERS", "symbol differs from the RFQ's");
  }
  // Quotes are taken while another quote waits for its confirm: that one may
  // still be voided.
  if (!rfq_live(r->rfq.status)) {
    return Outcome::reject(kRejectOther, "RFQ_NOT_OPEN", "the RFQ has ended");
  }
  if (!d.exchange.member_exists(maker.member)) {
    return Outcome::reject(kRejectOther, "UNKNOWN_ACCOUNT", "unknown member");
  }
  if (maker.member == r->rfq.creator.member) {
    return Outcome::reject(kRejectOther, "SELF_QUOTE", "a member cannot quote its own RFQ");
  }
  const Market *m = d.exchange.find_market(r->rfq.ticker);
  if (m == nullptr) return Outcome::reject(kRejectUnknownSymbol, "MARKET_NOT_FOUND");
  const auto price_ok = [&](Price p) {
    return p == 0 || (p > 0 && p < kDollar && Exchange::on_tick(*m, p));
  };
  if ((yes_price == 0 && no_price == 0) || !price_ok(yes_price) || !price_ok(no_price)) {
    return Outcome::reject(kRejectOther, "INVALID_PRICE",
                           "prices must be on the market's tick grid, at least one non-zero");
  }
  // The maker may end up buying either side: it must afford the dearer one.
  const Money needed = cost_of(std::max(yes_price, no_price), r->rfq.qty);
  if (d.exchange.balance(maker) < needed) {
    return Outcome::reject(kRejectInsufficientCredit, "INSUFFICIENT_BALANCE",
                           "not enough cash for the quoted size");
  }

  QuoteRecord *same_id = maker_quote_id.empty() ? nullptr : d.quote_by_id(maker_quote_id);
  // A maker may reuse its own id once the quote that had it has ended (on any RFQ); another
  // member's id, or its own live quote on another RFQ, is a duplicate.
  if (same_id != nullptr &&
      (same_id->quote.maker.member != maker.member ||
       (same_id->quote.rfq_id != r->rfq.rfq_id && quote_live(same_id->quote.status)))) {
    return Outcome::reject(kRejectOther, "DUPLICATE_QUOTE_ID", "QuoteId already in use");
  }
  QuoteRecord *previous = d.live_quote_of(*r, maker.member);
  if (previous != nullptr && previous->quote.status == QuoteStatus::Accepted) {
    return Outcome::reject(kRejectOther, "QUOTE_ALREADY_ACCEPTED",
                           "the previous quote was accepted and awaits its confirm");
  }
  // The replacement rule: the maker's previous quote on this RFQ is voided first.
  if (previous != nullptr) d.end_quote(*previous, QuoteStatus::Voided, "REPLACED", now_ms);

  QuoteRecord *q = same_id;
  if (q == nullptr) {
    std::string id = maker_quote_id.empty() ? make_uuid(d.rng) : std::string(maker_quote_id);
    auto rec = std::make_unique<QuoteRecord>();
    q = rec.get();
    d.quotes.emplace(id, std::move(rec));
    q->quote.quote_id = std::move(id);
    r->quote_ids.push_back(q->quote.quote_id);
  } else {
    // The same id again: the record is reused for the new quote, and moves to this RFQ.
    if (q->quote.rfq_id != r->rfq.rfq_id) {
      if (RfqRecord *before = d.rfq_by_id(q->quote.rfq_id)) {
        auto &ids = before->quote_ids;
        ids.erase(std::remove(ids.begin(), ids.end(), maker_quote_id), ids.end());
      }
      r->quote_ids.push_back(std::string(maker_quote_id));
    }
    q->ended_ms = -1;
    q->quote = Quote{};
    q->quote.quote_id = std::string(maker_quote_id);
  }
  Quote &quote = q->quote;
  quote.rfq_id = r->rfq.rfq_id;
  quote.maker = maker;
  quote.maker_origin = origin;
  quote.yes_price = yes_price;
  quote.no_price = no_price;
  quote.qty = r->rfq.qty;
  quote.status = QuoteStatus::Pending;
  if (out != nullptr) *out = &quote;
  d.emit(RfqEventKind::QuoteReceived, &r->rfq, &quote, {}, now_ms);
  d.prune(now_ms);
  return Outcome::success();
}

Outcome RfqDesk::cancel_quote(AccountKey maker, std::string_view quote_id, std::string_view rfq_id,
                              int64_t now_ms) {
  Impl &d = *impl_;
  d.process_time(now_ms);
  QuoteRecord *q = nullptr;
  RfqRecord *r = nullptr;
  Outcome found = d.resolve_quote(quote_id, rfq_id, &q, &r);
  if (!found.ok) return found;
  if (q->quote.maker.member != maker.member) {
    return Outcome::reject(kRejectOther, "UNAUTHORIZED", "only the maker may cancel a quote");
  }
  if (!quote_live(q->quote.status)) {
    return Outcome::reject(kRejectOther, "QUOTE_NOT_ACTIVE", "the quote has already ended");
  }
  if (r->rfq.status == RfqStatus::Accepted && q->quote.status == QuoteStatus::Accepted) {
    r->rfq.status = RfqStatus::Open;
  }
  d.end_quote(*q, QuoteStatus::Canceled, "CANCELED", now_ms);
  d.prune(now_ms);
  return Outcome::success();
}

Outcome RfqDesk::accept_quote(AccountKey creator, std::string_view quote_id,
                              std::string_view rfq_id, Side side, Qty qty,
                              std::string_view client_order_id, int64_t now_ms) {
  Impl &d = *impl_;
  d.process_time(now_ms);
  QuoteRecord *q = nullptr;
  RfqRecord *r = nullptr;
  Outcome found = d.resolve_quote(quote_id, rfq_id, &q, &r);
  if (!found.ok) return found;
  if (r->rfq.creator.member != creator.member) {
    return Outcome::reject(kRejectOther, "UNAUTHORIZED", "only the RFQ's creator may accept");
  }
  if (r->rfq.status != RfqStatus::Open) {
    return Outcome::reject(kRejectOther, "RFQ_NOT_OPEN",
                           "the RFQ has ended or another quote awaits its confirm");
  }
  if (q->quote.status != QuoteStatus::Pending) {
    return Outcome::reject(kRejectOther, "QUOTE_NOT_ACTIVE", "the quote is not open");
  }
  const Price taken = side == Side::Buy ? q->quote.no_price : q->quote.yes_price;
  if ((side != Side::Buy && side != Side::Sell) || taken == 0) {
    return Outcome::reject(kRejectOther, "INVALID_SIDE", "the quote has no price on that side");
  }
  const Qty accepted = qty == 0 ? q->quote.qty : qty;
  const Market *m = d.exchange.find_market(r->rfq.ticker);
  if (m == nullptr || !valid_qty(*m, accepted) || accepted > q->quote.qty) {
    return Outcome::reject(kRejectOther, "INVALID_QUANTITY", "more than the quote's size");
  }
  q->quote.status = QuoteStatus::Accepted;
  q->quote.accepted_side = side;
  q->quote.accepted_qty = accepted;
  q->quote.accepted_ms = now_ms;
  q->quote.accept_client_order_id = std::string(client_order_id);
  r->rfq.status = RfqStatus::Accepted;
  d.emit(RfqEventKind::QuoteAccepted, &r->rfq, &q->quote, {}, now_ms);
  return Outcome::success();
}

Outcome RfqDesk::confirm_quote(AccountKey maker, std::string_view quote_id, std::string_view rfq_id,
                               int64_t now_ms) {
  Impl &d = *impl_;
  // Not process_time first: a late confirm must see its own quote to answer
  // EXPIRED.
  QuoteRecord *q = nullptr;
  RfqRecord *r = nullptr;
  Outcome found = d.resolve_quote(quote_id, rfq_id, &q, &r);
  if (!found.ok) {
    d.process_time(now_ms);
    return found;
  }
  if (q->quote.maker.member != maker.member) {
    d.process_time(now_ms);
    return Outcome::reject(kRejectOther, "UNAUTHORIZED", "only the maker may confirm");
  }
  if (q->quote.status != QuoteStatus::Accepted) {
    d.process_time(now_ms);
    return Outcome::reject(kRejectOther, "QUOTE_NOT_ACCEPTED", "the quote awaits no confirm");
  }
  if (now_ms > q->quote.accepted_ms + d.settings.confirm_window_ms) {
    d.void_accepted(*q, "CONFIRM_TIMEOUT", now_ms);
    d.process_time(now_ms);
    return Outcome::reject(kRejectOther, "EXPIRED", "confirmed after the confirm window");
  }
  const Quote &quote = q->quote;
  const Rfq &rfq = r->rfq;
  const bool creator_buys_yes = quote.accepted_side == Side::Buy;
  const AccountKey buyer = creator_buys_yes ? rfq.creator : quote.maker;
  const AccountKey seller = creator_buys_yes ? quote.maker : rfq.creator;
  const uint64_t buyer_origin = creator_buys_yes ? rfq.creator_origin : quote.maker_origin;
  const uint64_t seller_origin = creator_buys_yes ? quote.maker_origin : rfq.creator_origin;
  const Price price = creator_buys_yes ? kDollar - quote.no_price : quote.yes_price;
  // Copies: the exchange's observers run inside and may call back into the
  // desk.
  const std::string quote_key = quote.quote_id;
  const std::string rfq_key = rfq.rfq_id;
  const std::string ticker = rfq.ticker;
  Outcome traded = d.exchange.execute_block_trade(ticker, buyer, seller, price, quote.accepted_qty,
                                                  buyer_origin, seller_origin, now_ms);
  q = d.quote_by_id(quote_key);
  r = d.rfq_by_id(rfq_key);
  if (q == nullptr || r == nullptr || q->quote.status != QuoteStatus::Accepted) {
    d.process_time(now_ms);
    return traded;
  }
  if (!traded.ok) {
    d.void_accepted(*q, traded.text, now_ms);
    d.process_time(now_ms);
    return traded;
  }
  q->quote.status = QuoteStatus::Executed;
  q->ended_ms = now_ms;
  d.ended.push_back({now_ms, false, quote_key});
  d.mark_rfq_ended(*r, RfqStatus::Executed, now_ms);
  d.emit(RfqEventKind::QuoteExecuted, &r->rfq, &q->quote, {}, now_ms);
  if (RfqRecord *again = d.rfq_by_id(rfq_key)) {
    d.void_quotes(*again, d.quote_by_id(quote_key), "RFQ_EXECUTED", now_ms);
  }
  d.process_time(now_ms);
  return Outcome::success();
}

void RfqDesk::advance_time(int64_t now_ms) {
  impl_->process_time(now_ms);
}

const Rfq *RfqDesk::find_rfq(std::string_view rfq_id) const {
  auto it = impl_->rfqs.find(rfq_id);
  return it == impl_->rfqs.end() ? nullptr : &it->second->rfq;
}

const Quote *RfqDesk::find_quote(std::string_view quote_id) const {
  auto it = impl_->quotes.find(quote_id);
  return it == impl_->quotes.end() ? nullptr : &it->second->quote;
}

std::vector<const Rfq *> RfqDesk::open_rfqs() const {
  std::vector<const RfqRecord *> live;
  for (const auto &[id, r] : impl_->rfqs) {
    if (rfq_live(r->rfq.status)) live.push_back(r.get());
  }
  std::sort(live.begin(), live.end(),
            [](const RfqRecord *a, const RfqRecord *b) { return a->seq < b->seq; });
  std::vector<const Rfq *> out;
  out.reserve(live.size());
  for (const RfqRecord *r : live) out.push_back(&r->rfq);
  return out;
}

}  // namespace kalshi::sim
