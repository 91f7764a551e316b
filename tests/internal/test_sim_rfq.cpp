// The RFQ desk (kalshi-fix.md §7) against the exchange core: the full create -> quote -> accept ->
// confirm flow books a trade on both accounts, for both accepted sides; the replacement rule; RFQ
// and quote cancels; the confirm window; expiry; the rejects (non-creator, off-tick, unknown or
// inactive market, quantity, limit); deterministic ids and pruning of ended records.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::sim;

namespace {

constexpr int64_t kT0 = 1800000000000;  // an arbitrary exchange time
constexpr Money kStartCash = 1000 * kDollar;
constexpr Price kCent = kDollar / 100;

const char *const kMarkets = R"({"markets": [
  {"ticker": "RFQ-WHOLE", "event_ticker": "RFQ", "series_ticker": "RFQS", "title": "whole",
   "kind": "binary", "status": "open",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
  {"ticker": "RFQ-FRAC", "event_ticker": "RFQ", "series_ticker": "RFQS", "title": "fractional",
   "kind": "binary", "status": "open",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "fractional_trading_enabled": true, "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
  {"ticker": "RFQ-LATER", "event_ticker": "RFQ", "series_ticker": "RFQS", "title": "not open",
   "kind": "binary", "status": "initialized",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0"}
]})";

struct Seen {
  RfqEventKind kind;
  std::string rfq_id;
  std::string quote_id;
  QuoteStatus quote_status = QuoteStatus::Pending;
  std::string reason;
};

struct Recorder : RfqObserver {
  std::vector<Seen> events;
  void on_rfq_event(const RfqEvent &e) override {
    Seen s{e.kind, e.rfq ? e.rfq->rfq_id : "", e.quote ? e.quote->quote_id : "",
           e.quote ? e.quote->status : QuoteStatus::Pending, std::string(e.reason)};
    events.push_back(std::move(s));
  }
  size_t count(RfqEventKind k) const {
    size_t n = 0;
    for (const Seen &s : events) n += s.kind == k;
    return n;
  }
};

struct Fixture {
  Exchange ex{7};
  RfqDesk desk;
  Recorder rec;
  AccountKey creator;
  AccountKey maker;
  AccountKey maker2;

  explicit Fixture(RfqSettings settings = {}) : desk(ex, 99, settings) {
    const kalshi::Error e = ex.load_markets(kMarkets);
    assert_true(e.ok());
    creator = {ex.add_member("creator", kStartCash), 0};
    maker = {ex.add_member("maker", kStartCash), 0};
    maker2 = {ex.add_member("maker2", kStartCash), 0};
    desk.add_observer(&rec);
  }

  const Rfq *create(const char *client_id = "client-rfq-1", const char *ticker = "RFQ-WHOLE",
                    Qty qty = 10 * kContract, int64_t now = kT0) {
    const Rfq *r = nullptr;
    const Outcome o = desk.create_rfq(creator, client_id, ticker, qty, false, 11, now, &r);
    assert_true(o.ok);
    assert_non_null(r);
    return r;
  }

  const Quote *quote(const Rfq *r, AccountKey who, const char *id, Price yes, Price no,
                     int64_t now = kT0 + 1) {
    const Quote *q = nullptr;
    const Outcome o = desk.submit_quote(who, id, r->rfq_id, r->ticker, yes, no, 22, now, &q);
    assert_true(o.ok);
    assert_non_null(q);
    return q;
  }
};

Qty position_in(const Exchange &ex, AccountKey a, const char *ticker, Money *fees = nullptr) {
  for (const Position &p : ex.positions(a)) {
    if (p.ticker == ticker) {
      if (fees != nullptr) *fees = p.fees;
      return p.contracts;
    }
  }
  if (fees != nullptr) *fees = 0;
  return 0;
}

void test_happy_path_creator_buys_yes(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  assert_int_equal(r->status, RfqStatus::Open);
  assert_int_equal(r->qty, 10 * kContract);
  assert_string_equal(r->client_rfq_id.c_str(), "client-rfq-1");
  assert_int_equal(f.desk.open_rfqs().size(), 1);

  const Quote *q = f.quote(r, f.maker, "quote-789", 40 * kCent, 55 * kCent);
  assert_string_equal(q->quote_id.c_str(), "quote-789");
  assert_int_equal(q->qty, 10 * kContract);
  assert_int_equal(q->status, QuoteStatus::Pending);

  // 54=1: the creator takes the maker's NO bid of 55c, i.e. buys YES at 45c.
  assert_true(
      f.desk.accept_quote(f.creator, "quote-789", rfq_id, Side::Buy, 0, "acc-1", kT0 + 2).ok);
  assert_int_equal(q->status, QuoteStatus::Accepted);
  assert_int_equal(q->accepted_qty, 10 * kContract);
  assert_string_equal(q->accept_client_order_id.c_str(), "acc-1");
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Accepted);

  const Outcome c = f.desk.confirm_quote(f.maker, "quote-789", rfq_id, kT0 + 3);
  assert_true(c.ok);
  assert_int_equal(f.desk.find_quote("quote-789")->status, QuoteStatus::Executed);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Executed);
  assert_int_equal(f.desk.open_rfqs().size(), 0);

  Money creator_fees = 0;
  Money maker_fees = 0;
  assert_int_equal(position_in(f.ex, f.creator, "RFQ-WHOLE", &creator_fees), 10 * kContract);
  assert_int_equal(position_in(f.ex, f.maker, "RFQ-WHOLE", &maker_fees), -10 * kContract);
  assert_int_equal(f.ex.balance(f.creator), kStartCash - 10 * 45 * kCent - creator_fees);
  assert_int_equal(f.ex.balance(f.maker), kStartCash - 10 * 55 * kCent - maker_fees);

  const std::vector<RfqEventKind> expected = {RfqEventKind::RfqCreated, RfqEventKind::QuoteReceived,
                                              RfqEventKind::QuoteAccepted,
                                              RfqEventKind::QuoteExecuted};
  assert_int_equal(f.rec.events.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    assert_int_equal(f.rec.events[i].kind, expected[i]);
    assert_string_equal(f.rec.events[i].rfq_id.c_str(), rfq_id.c_str());
  }
}

void test_happy_path_creator_sells_yes(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "q-sell", 40 * kCent, 0);
  // 54=2: the creator takes the maker's YES bid: the maker buys YES at 40c.
  assert_true(
      f.desk.accept_quote(f.creator, "q-sell", "", Side::Sell, 4 * kContract, "", kT0 + 2).ok);
  assert_true(f.desk.confirm_quote(f.maker, "q-sell", "", kT0 + 3).ok);
  Money creator_fees = 0;
  Money maker_fees = 0;
  assert_int_equal(position_in(f.ex, f.maker, "RFQ-WHOLE", &maker_fees), 4 * kContract);
  assert_int_equal(position_in(f.ex, f.creator, "RFQ-WHOLE", &creator_fees), -4 * kContract);
  assert_int_equal(f.ex.balance(f.maker), kStartCash - 4 * 40 * kCent - maker_fees);
  assert_int_equal(f.ex.balance(f.creator), kStartCash - 4 * 60 * kCent - creator_fees);
}

void test_accept_needs_a_price_on_that_side(void **) {
  Fixture f;
  const Rfq *r = f.create();
  f.quote(r, f.maker, "yes-only", 40 * kCent, 0);
  const Outcome o = f.desk.accept_quote(f.creator, "yes-only", "", Side::Buy, 0, "", kT0 + 2);
  assert_false(o.ok);
  assert_string_equal(o.text.c_str(), "INVALID_SIDE");
  const Outcome too_many =
      f.desk.accept_quote(f.creator, "yes-only", "", Side::Sell, 11 * kContract, "", kT0 + 2);
  assert_false(too_many.ok);
  assert_string_equal(too_many.text.c_str(), "INVALID_QUANTITY");
}

void test_new_quote_replaces_previous(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "q1", 40 * kCent, 55 * kCent);
  f.quote(r, f.maker2, "other", 41 * kCent, 0);
  f.quote(r, f.maker, "q2", 42 * kCent, 55 * kCent, kT0 + 5);
  assert_int_equal(f.desk.find_quote("q1")->status, QuoteStatus::Voided);
  assert_int_equal(f.desk.find_quote("q2")->status, QuoteStatus::Pending);
  assert_int_equal(f.desk.find_quote("other")->status, QuoteStatus::Pending);
  // The voiding is told before the new quote.
  const size_t n = f.rec.events.size();
  assert_int_equal(f.rec.events[n - 2].kind, RfqEventKind::QuoteEnded);
  assert_string_equal(f.rec.events[n - 2].quote_id.c_str(), "q1");
  assert_string_equal(f.rec.events[n - 2].reason.c_str(), "REPLACED");
  assert_int_equal(f.rec.events[n - 1].kind, RfqEventKind::QuoteReceived);
  assert_false(f.desk.accept_quote(f.creator, "q1", rfq_id, Side::Sell, 0, "", kT0 + 6).ok);

  // The same id again replaces in place.
  f.quote(f.desk.find_rfq(rfq_id), f.maker, "q2", 43 * kCent, 0, kT0 + 7);
  const Quote *q2 = f.desk.find_quote("q2");
  assert_int_equal(q2->status, QuoteStatus::Pending);
  assert_int_equal(q2->yes_price, 43 * kCent);
  assert_int_equal(q2->no_price, 0);
  // Another maker cannot take that id.
  const Outcome dup =
      f.desk.submit_quote(f.maker2, "q2", rfq_id, "RFQ-WHOLE", 44 * kCent, 0, 0, kT0 + 8);
  assert_false(dup.ok);
  assert_string_equal(dup.text.c_str(), "DUPLICATE_QUOTE_ID");

  // A maker's own id is free again once its quote ended, on any RFQ; not while it is live.
  const Rfq *second = f.create("client-rfq-2", "RFQ-WHOLE", kContract, kT0 + 9);
  const std::string second_id = second->rfq_id;
  const Outcome live_elsewhere =
      f.desk.submit_quote(f.maker, "q2", second_id, "", 44 * kCent, 0, 0, kT0 + 10);
  assert_string_equal(live_elsewhere.text.c_str(), "DUPLICATE_QUOTE_ID");
  assert_true(f.desk.cancel_quote(f.maker, "q2", rfq_id, kT0 + 11).ok);
  f.quote(f.desk.find_rfq(second_id), f.maker, "q2", 44 * kCent, 0, kT0 + 12);
  assert_string_equal(f.desk.find_quote("q2")->rfq_id.c_str(), second_id.c_str());
  // The first RFQ no longer counts it: cancelling that RFQ leaves the moved quote alone.
  assert_true(f.desk.cancel_rfq(f.creator, rfq_id, kT0 + 13).ok);
  assert_int_equal(f.desk.find_quote("q2")->status, QuoteStatus::Pending);
}

void test_cancel_rfq_notifies_and_voids_quotes(void **) {
  Fixture f;
  const Rfq *r = f.create("client-a");
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "qa", 40 * kCent, 55 * kCent);
  // Only the creator may cancel.
  const Outcome not_mine = f.desk.cancel_rfq(f.maker, rfq_id, kT0 + 2);
  assert_false(not_mine.ok);
  assert_string_equal(not_mine.text.c_str(), "UNAUTHORIZED");
  // By the creator's own id.
  assert_true(f.desk.cancel_rfq(f.creator, "client-a", kT0 + 3).ok);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Canceled);
  assert_int_equal(f.desk.find_quote("qa")->status, QuoteStatus::Voided);
  assert_int_equal(f.rec.count(RfqEventKind::RfqEnded), 1);
  const Seen &ended = f.rec.events[f.rec.events.size() - 2];
  assert_int_equal(ended.kind, RfqEventKind::RfqEnded);
  assert_string_equal(ended.rfq_id.c_str(), rfq_id.c_str());
  assert_int_equal(f.rec.events.back().kind, RfqEventKind::QuoteEnded);
  // Ended: no more quotes, no second cancel.
  assert_false(f.desk.submit_quote(f.maker2, "late", rfq_id, "", 40 * kCent, 0, 0, kT0 + 4).ok);
  assert_false(f.desk.cancel_rfq(f.creator, rfq_id, kT0 + 5).ok);
  assert_false(f.desk.cancel_rfq(f.creator, "nope", kT0 + 5).ok);
  // The client id is free again.
  f.create("client-a", "RFQ-WHOLE", kContract, kT0 + 6);
}

void test_cancel_quote(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "qc", 40 * kCent, 55 * kCent);
  assert_false(f.desk.cancel_quote(f.maker2, "qc", rfq_id, kT0 + 2).ok);  // not the maker
  assert_false(f.desk.cancel_quote(f.maker, "qc", "other-rfq", kT0 + 2).ok);
  assert_true(f.desk.cancel_quote(f.maker, "qc", rfq_id, kT0 + 2).ok);
  assert_int_equal(f.desk.find_quote("qc")->status, QuoteStatus::Canceled);
  assert_int_equal(f.rec.events.back().kind, RfqEventKind::QuoteEnded);
  assert_int_equal(f.rec.events.back().quote_status, QuoteStatus::Canceled);
  assert_false(f.desk.cancel_quote(f.maker, "qc", rfq_id, kT0 + 3).ok);
  assert_false(f.desk.accept_quote(f.creator, "qc", rfq_id, Side::Buy, 0, "", kT0 + 3).ok);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Open);
}

void test_confirm_after_window_voids(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "slow", 40 * kCent, 55 * kCent);
  f.quote(r, f.maker2, "fast", 39 * kCent, 0);
  assert_true(f.desk.accept_quote(f.creator, "slow", rfq_id, Side::Buy, 0, "", kT0 + 10).ok);
  // One quote at a time awaits a confirm.
  assert_false(f.desk.accept_quote(f.creator, "fast", rfq_id, Side::Sell, 0, "", kT0 + 11).ok);
  const Outcome late = f.desk.confirm_quote(f.maker, "slow", rfq_id, kT0 + 10 + 30001);
  assert_false(late.ok);
  assert_string_equal(late.text.c_str(), "EXPIRED");
  assert_int_equal(f.desk.find_quote("slow")->status, QuoteStatus::Voided);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Open);
  assert_int_equal(position_in(f.ex, f.creator, "RFQ-WHOLE"), 0);
  assert_int_equal(f.ex.balance(f.creator), kStartCash);
  // The RFQ is open again: another quote can be taken.
  assert_true(f.desk.accept_quote(f.creator, "fast", rfq_id, Side::Sell, 0, "", kT0 + 40100).ok);
  assert_true(f.desk.confirm_quote(f.maker2, "fast", rfq_id, kT0 + 40100 + 30000).ok);
  assert_int_equal(position_in(f.ex, f.maker2, "RFQ-WHOLE"), 10 * kContract);
}

void test_unconfirmed_quote_voided_by_time(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "idle", 40 * kCent, 55 * kCent);
  assert_true(f.desk.accept_quote(f.creator, "idle", rfq_id, Side::Buy, 0, "", kT0 + 10).ok);
  f.desk.advance_time(kT0 + 10 + 30000);  // still inside the window
  assert_int_equal(f.desk.find_quote("idle")->status, QuoteStatus::Accepted);
  f.desk.advance_time(kT0 + 10 + 30001);
  assert_int_equal(f.desk.find_quote("idle")->status, QuoteStatus::Voided);
  assert_string_equal(f.rec.events.back().reason.c_str(), "CONFIRM_TIMEOUT");
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Open);
  assert_false(f.desk.confirm_quote(f.maker, "idle", rfq_id, kT0 + 30020).ok);
}

void test_failed_execution_rejects_confirm(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "qb", 40 * kCent, 55 * kCent);
  assert_true(f.desk.accept_quote(f.creator, "qb", rfq_id, Side::Buy, 0, "", kT0 + 2).ok);
  assert_true(f.ex.set_balance(f.creator, 0).ok());
  const Outcome c = f.desk.confirm_quote(f.maker, "qb", rfq_id, kT0 + 3);
  assert_false(c.ok);
  assert_string_equal(c.text.c_str(), "INSUFFICIENT_BALANCE");
  assert_int_equal(f.desk.find_quote("qb")->status, QuoteStatus::Voided);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Open);
  assert_int_equal(position_in(f.ex, f.maker, "RFQ-WHOLE"), 0);
}

void test_accept_by_non_creator_rejected(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "qx", 40 * kCent, 55 * kCent);
  const Outcome o = f.desk.accept_quote(f.maker2, "qx", rfq_id, Side::Buy, 0, "", kT0 + 2);
  assert_false(o.ok);
  assert_string_equal(o.text.c_str(), "UNAUTHORIZED");
  assert_int_equal(f.desk.find_quote("qx")->status, QuoteStatus::Pending);
  // The maker cannot confirm what was never accepted.
  assert_false(f.desk.confirm_quote(f.maker, "qx", rfq_id, kT0 + 3).ok);
  assert_false(f.desk.accept_quote(f.creator, "missing", rfq_id, Side::Buy, 0, "", kT0 + 3).ok);
}

void test_quote_rejects(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  const auto reject_text = [&](AccountKey who, Price yes, Price no) {
    const Outcome o = f.desk.submit_quote(who, "", rfq_id, "RFQ-WHOLE", yes, no, 0, kT0 + 2);
    assert_false(o.ok);
    return o.text;
  };
  assert_string_equal(reject_text(f.maker, 40 * kCent + 5000, 0).c_str(), "INVALID_PRICE");
  assert_string_equal(reject_text(f.maker, 0, 0).c_str(), "INVALID_PRICE");
  assert_string_equal(reject_text(f.maker, -kCent, 50 * kCent).c_str(), "INVALID_PRICE");
  assert_string_equal(reject_text(f.maker, kDollar, 0).c_str(), "INVALID_PRICE");
  assert_string_equal(reject_text(f.creator, 40 * kCent, 0).c_str(), "SELF_QUOTE");
  assert_true(f.ex.set_balance(f.maker2, 5 * kDollar).ok());  // 10 x 55c needs 5.50
  assert_string_equal(reject_text(f.maker2, 40 * kCent, 55 * kCent).c_str(),
                      "INSUFFICIENT_BALANCE");
  const Outcome wrong_symbol =
      f.desk.submit_quote(f.maker, "", rfq_id, "RFQ-FRAC", 40 * kCent, 0, 0, kT0 + 2);
  assert_false(wrong_symbol.ok);
  assert_false(f.desk.submit_quote(f.maker, "", "no-such-rfq", "", 40 * kCent, 0, 0, kT0 + 2).ok);
  assert_int_equal(f.rec.count(RfqEventKind::QuoteReceived), 0);
  // A generated id when the maker gives none.
  const Quote *q = f.quote(r, f.maker, "", 40 * kCent, 0);
  assert_int_equal(q->quote_id.size(), 36);
}

void test_create_rejects(void **) {
  RfqSettings s;
  s.max_open_rfqs_per_member = 2;
  Fixture f(s);
  const auto create = [&](const char *id, const char *ticker, Qty qty) {
    return f.desk.create_rfq(f.creator, id, ticker, qty, false, 0, kT0, nullptr);
  };
  Outcome o = create("a", "NO-SUCH-MARKET", kContract);
  assert_int_equal(o.code, 1);
  assert_string_equal(o.text.c_str(), "MARKET_NOT_FOUND");
  o = create("a", "RFQ-LATER", kContract);
  assert_int_equal(o.code, 99);
  assert_string_equal(o.text.c_str(), "MARKET_INACTIVE");
  o = create("a", "RFQ-WHOLE", 150);  // 1.5 contracts on a whole-contract market
  assert_int_equal(o.code, 99);
  assert_string_equal(o.text.c_str(), "INVALID_QUANTITY");
  assert_false(create("a", "RFQ-WHOLE", 0).ok);
  assert_false(create("a", "RFQ-WHOLE", -kContract).ok);
  assert_false(create("", "RFQ-WHOLE", kContract).ok);
  assert_true(create("a", "RFQ-FRAC", 150).ok);
  o = create("a", "RFQ-WHOLE", kContract);
  assert_false(o.ok);  // the client id is in use
  assert_true(create("b", "RFQ-WHOLE", kContract).ok);
  o = create("c", "RFQ-WHOLE", kContract);
  assert_int_equal(o.code, 3);
  assert_int_equal(f.desk.open_rfqs().size(), 2);
  assert_int_equal(f.rec.count(RfqEventKind::RfqCreated), 2);
  assert_true(f.ex.set_balance(f.maker, 0).ok());
  o = f.desk.create_rfq(f.maker, "m", "RFQ-WHOLE", kContract, false, 0, kT0, nullptr);
  assert_int_equal(o.code, 11);
}

void test_expiry_and_pruning(void **) {
  RfqSettings s;
  s.rfq_lifetime_ms = 60000;
  s.ended_retention_ms = 1000;
  Fixture f(s);
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "qe", 40 * kCent, 0);
  f.desk.advance_time(kT0 + 59999);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Open);
  f.desk.advance_time(kT0 + 60000);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Expired);
  assert_int_equal(f.desk.find_quote("qe")->status, QuoteStatus::Voided);
  assert_int_equal(f.rec.count(RfqEventKind::RfqEnded), 1);
  assert_true(f.desk.open_rfqs().empty());
  // Forgotten after the retention time.
  f.desk.advance_time(kT0 + 61000);
  assert_null(f.desk.find_rfq(rfq_id));
  assert_null(f.desk.find_quote("qe"));
}

void test_market_pause_ends_rfq(void **) {
  Fixture f;
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  f.quote(r, f.maker, "qp", 40 * kCent, 55 * kCent);
  assert_true(f.ex.set_market_status("RFQ-WHOLE", MarketStatus::Paused, kT0 + 2).ok);
  f.desk.advance_time(kT0 + 3);
  assert_int_equal(f.desk.find_rfq(rfq_id)->status, RfqStatus::Canceled);
  assert_int_equal(f.desk.find_quote("qp")->status, QuoteStatus::Voided);
  assert_int_equal(f.rec.count(RfqEventKind::RfqEnded), 1);
  const Outcome o =
      f.desk.create_rfq(f.creator, "again", "RFQ-WHOLE", kContract, false, 0, kT0 + 4, nullptr);
  assert_string_equal(o.text.c_str(), "MARKET_INACTIVE");
}

void test_ended_records_bounded(void **) {
  RfqSettings s;
  s.max_ended_records = 4;
  Fixture f(s);
  for (int i = 0; i < 50; ++i) {
    const std::string id = "r" + std::to_string(i);
    const Rfq *r = f.create(id.c_str(), "RFQ-WHOLE", kContract, kT0 + i);
    assert_true(f.desk.cancel_rfq(f.creator, r->rfq_id, kT0 + i).ok);
  }
  size_t known = 0;
  for (const Seen &e : f.rec.events) known += f.desk.find_rfq(e.rfq_id) != nullptr;
  assert_true(known <= 4 * 2);  // each RFQ appears in two events
}

// A maker replacing its quote with a new id again and again on one RFQ: the replaced quotes are
// forgotten (memory stays bounded) and only the newest is live.
void test_quote_churn_bounded(void **) {
  RfqSettings s;
  s.max_ended_records = 8;
  Fixture f(s);
  const Rfq *r = f.create();
  const std::string rfq_id = r->rfq_id;
  for (int i = 0; i < 200; ++i) {
    const std::string id = "churn-" + std::to_string(i);
    f.quote(f.desk.find_rfq(rfq_id), f.maker, id.c_str(), (1 + i % 98) * kCent, 0, kT0 + 1 + i);
  }
  assert_null(f.desk.find_quote("churn-0"));
  assert_null(f.desk.find_quote("churn-150"));
  assert_int_equal(f.desk.find_quote("churn-199")->status, QuoteStatus::Pending);
  assert_int_equal(f.desk.find_quote("churn-198")->status, QuoteStatus::Voided);
  assert_true(f.desk.accept_quote(f.creator, "churn-199", rfq_id, Side::Sell, 0, "", kT0 + 300).ok);
  assert_true(f.desk.confirm_quote(f.maker, "churn-199", rfq_id, kT0 + 301).ok);
}

// Random commands from three members over a small id space, with arbitrary prices, sizes and
// ids: nothing crashes, every failure is an Outcome, and the desk's invariants hold throughout.
void test_random_commands_keep_invariants(void **) {
  RfqSettings s;
  s.max_open_rfqs_per_member = 3;
  s.confirm_window_ms = 5000;
  s.rfq_lifetime_ms = 20000;
  s.ended_retention_ms = 500;
  s.max_ended_records = 64;
  Fixture f(s);
  const AccountKey who[] = {f.creator, f.maker, f.maker2};
  const char *const tickers[] = {"RFQ-WHOLE", "RFQ-FRAC", "RFQ-LATER", ""};
  uint64_t state = 12345;
  auto rnd = [&](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  std::vector<std::string> rfq_ids = {"", "bogus"};
  size_t executed = 0;
  for (int i = 0; i < 4000; ++i) {
    const int64_t now = kT0 + i * 7;
    const AccountKey a = who[rnd(3)];
    const std::string qid = "q" + std::to_string(rnd(6));
    // Mostly the newest RFQ, so that whole flows happen; sometimes any id seen, or a bogus one.
    const std::string rid = rnd(4) == 0 ? rfq_ids[rnd(rfq_ids.size())] : rfq_ids.back();
    const Price yes = static_cast<Price>(rnd(4)) * 25 * kCent + static_cast<Price>(rnd(3)) * 3333;
    const Price no = static_cast<Price>(rnd(4)) * 20 * kCent;
    const Side side = rnd(2) == 0 ? Side::Buy : Side::Sell;
    switch (rnd(7)) {
      case 0: {
        const Rfq *r = nullptr;
        // Whole contracts, none, or odd fractions (valid on RFQ-FRAC only).
        const Qty qty =
            rnd(2) ? static_cast<Qty>(rnd(4)) * kContract : static_cast<Qty>(rnd(5)) * 50 - 20;
        const std::string cid = "c" + std::to_string(rnd(6));
        if (f.desk.create_rfq(a, cid, tickers[rnd(4)], qty, false, 0, now, &r).ok) {
          rfq_ids.push_back(r->rfq_id);
        }
        break;
      }
      case 1:
        f.desk.cancel_rfq(a, rnd(2) ? rid : "c" + std::to_string(rnd(6)), now);
        break;
      case 2:
      case 3:
        f.desk.submit_quote(a, qid, rid, rnd(4) == 0 ? tickers[rnd(4)] : "", yes, no, 0, now);
        break;
      case 4:
        f.desk.accept_quote(a, qid, rnd(2) ? rid : "", side, static_cast<Qty>(rnd(3)) * 100, "",
                            now);
        break;
      case 5:
        executed += f.desk.confirm_quote(a, qid, rnd(2) ? rid : "", now).ok;
        break;
      default:
        f.desk.cancel_quote(a, qid, rid, now);
        break;
    }
    if (rfq_ids.size() > 64) rfq_ids.erase(rfq_ids.begin() + 2);
    // Invariants: open RFQs are within the limit, an Accepted RFQ has exactly one accepted quote.
    size_t per_member[4] = {0, 0, 0, 0};
    for (const Rfq *r : f.desk.open_rfqs()) {
      assert_true(r->status == RfqStatus::Open || r->status == RfqStatus::Accepted);
      per_member[r->creator.member % 4]++;
    }
    for (size_t n : per_member) assert_true(n <= s.max_open_rfqs_per_member);
    for (const AccountKey k : who) assert_true(f.ex.balance(k) >= 0);
    for (int q = 0; q < 6; ++q) {
      const Quote *quote = f.desk.find_quote("q" + std::to_string(q));
      if (quote == nullptr || quote->status != QuoteStatus::Accepted) continue;
      const Rfq *r = f.desk.find_rfq(quote->rfq_id);
      assert_non_null(r);
      assert_int_equal(r->status, RfqStatus::Accepted);
      assert_true(now - quote->accepted_ms <= s.confirm_window_ms);
    }
  }
  // The random walk reached the end of the flow, more than once.
  assert_true(executed > 1);
}

void test_ids_are_deterministic(void **) {
  Fixture a;
  Fixture b;
  const std::string id_a = a.create()->rfq_id;
  const std::string id_b = b.create()->rfq_id;
  assert_string_equal(id_a.c_str(), id_b.c_str());
  assert_int_equal(id_a.size(), 36);
  assert_string_not_equal(a.create("second")->rfq_id.c_str(), id_a.c_str());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_happy_path_creator_buys_yes),
      cmocka_unit_test(test_happy_path_creator_sells_yes),
      cmocka_unit_test(test_accept_needs_a_price_on_that_side),
      cmocka_unit_test(test_new_quote_replaces_previous),
      cmocka_unit_test(test_cancel_rfq_notifies_and_voids_quotes),
      cmocka_unit_test(test_cancel_quote),
      cmocka_unit_test(test_confirm_after_window_voids),
      cmocka_unit_test(test_unconfirmed_quote_voided_by_time),
      cmocka_unit_test(test_failed_execution_rejects_confirm),
      cmocka_unit_test(test_accept_by_non_creator_rejected),
      cmocka_unit_test(test_quote_rejects),
      cmocka_unit_test(test_create_rejects),
      cmocka_unit_test(test_expiry_and_pruning),
      cmocka_unit_test(test_market_pause_ends_rfq),
      cmocka_unit_test(test_ended_records_bounded),
      cmocka_unit_test(test_quote_churn_bounded),
      cmocka_unit_test(test_random_commands_keep_invariants),
      cmocka_unit_test(test_ids_are_deterministic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
