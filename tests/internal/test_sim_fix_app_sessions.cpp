// The simulator's FIX application layer beyond order entry: listener sessions (§11), drop copy
// replays (§9), market data (§6), the RFQ flow across a creator's RT session and a maker's RFQ
// session (§7), settlement reports (§8) and cancel-on-disconnect.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "test_sim_fix_app_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;
namespace tag = kalshi::fix::tag;
using kalshi::fix::Product;
using kalshi::fix::SessionKind;

namespace {

const char *const kBuy10At40 = "11=a1|38=10|40=2|54=1|55=T50|44=40|59=1";

LogonFlags listener_flags() {
  LogonFlags f;
  f.listener = true;
  f.skip_pending = true;
  return f;
}

const Msg *find_type(const std::vector<std::unique_ptr<Msg>> &v, const char *type) {
  for (const auto &m : v) {
    if (m->type == type) return m.get();
  }
  return nullptr;
}

size_t count_type(const std::vector<std::unique_ptr<Msg>> &v, const char *type) {
  size_t n = 0;
  for (const auto &m : v) n += m->type == type ? 1 : 0;
  return n;
}

void test_listener_gets_copies_and_cannot_trade(void **) {
  World w;
  FakePeer nr(1, Product::Prediction, SessionKind::NR, w.alice);
  FakePeer listener(2, Product::Prediction, SessionKind::RT, w.alice, listener_flags());
  FakePeer other(3, Product::Prediction, SessionKind::RT, w.bob, listener_flags());
  FakePeer dc(4, Product::Prediction, SessionKind::DC, w.alice);
  w.logon(nr);
  w.logon(listener);
  w.logon(other);
  w.logon(dc);
  w.send(listener, "D", kBuy10At40);
  auto got = listener.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
  assert_string_equal(got[0]->text(tag::RefMsgType).c_str(), "D");
  w.send(nr, "D", kBuy10At40);
  assert_int_equal(nr.take().size(), 1);
  got = listener.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "8");
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "a1");
  // Another member's listener sees nothing; drop copy is pull only (§9).
  assert_int_equal(other.take().size(), 0);
  assert_int_equal(dc.take().size(), 0);
  // Rejects stay on the sending session.
  w.send(nr, "D", "11=a2|38=10|40=2|54=1|55=NOPE|44=40");
  assert_int_equal(nr.take().size(), 1);
  assert_int_equal(listener.take().size(), 0);
}

void test_drop_copy_replay(void **) {
  World w;
  FakePeer nr(1, Product::Prediction, SessionKind::NR, w.alice);
  FakePeer bob(2, Product::Prediction, SessionKind::NR, w.bob);
  FakePeer dc(3, Product::Prediction, SessionKind::DC, w.alice);
  w.logon(nr);
  w.logon(bob);
  w.logon(dc);
  w.send(nr, "D", kBuy10At40);                                 // 1;1 New
  w.send(bob, "D", "11=b1|38=2|40=2|54=1|55=T55|44=30|59=1");  // 2;1 (bob's)
  w.send(nr, "F", "11=a2|41=a1|54=1|55=T50");                  // 3;1 Canceled
  nr.take();
  w.send(dc, "U1", "21001=1;1");
  auto got = dc.take();
  assert_int_equal(got.size(), 3);
  assert_string_equal(got[0]->text(tag::ExecID).c_str(), "1;1");
  assert_int_equal(got[0]->value(tag::ExecType), '0');
  assert_string_equal(got[1]->text(tag::ExecID).c_str(), "3;1");
  assert_int_equal(got[1]->value(tag::ExecType), '4');
  assert_string_equal(got[2]->type.c_str(), "U2");
  assert_int_equal(got[2]->value(tag::ResendEventCount), 2);
  assert_int_equal(got[2]->value(tag::RefSeqNum), 2);
  // A bounded range.
  w.send(dc, "U1", "21001=2;1|21002=3;1");
  got = dc.take();
  assert_int_equal(got.size(), 2);
  assert_string_equal(got[0]->text(tag::ExecID).c_str(), "3;1");
  assert_int_equal(got[1]->value(tag::ResendEventCount), 1);
  // Past the latest ExecID: EventResendReject 4.
  w.send(dc, "U1", "21001=1;1|21002=99;1");
  got = dc.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "U3");
  assert_int_equal(got[0]->value(tag::EventResendRejectReason), 4);
  // Outside the 3-hour lookback: 3.
  w.now += 4LL * 3600 * 1000;
  w.send(dc, "U1", "21001=1;1");
  got = dc.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "U3");
  assert_int_equal(got[0]->value(tag::EventResendRejectReason), 3);
  // Not an ExecID: BusinessMessageReject.
  w.send(dc, "U1", "21001=garbage");
  got = dc.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
}

void test_market_data(void **) {
  World w;
  FakePeer nr(1, Product::Prediction, SessionKind::NR, w.alice);
  FakePeer md(2, Product::Prediction, SessionKind::MD, w.bob);
  w.logon(nr);
  w.logon(md);
  w.send(md, "V", "263=1|146=1|55=T50");
  auto got = md.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "W");
  assert_true(got[0]->decoded.ok());
  assert_string_equal(got[0]->text(tag::Symbol).c_str(), "T50");
  assert_int_equal(got[0]->count(tag::NoMDEntries), 0);

  w.send(nr, "D", kBuy10At40);
  got = md.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "X");
  assert_int_equal(got[0]->count(tag::NoMDEntries), 1);
  const auto e = got[0]->dm.entry(tag::NoMDEntries, 0);
  assert_int_equal(e.value(tag::MDUpdateAction).value_or(0), '0');  // a new level
  assert_int_equal(e.value(tag::MDEntryType).value_or(0), '0');
  assert_int_equal(e.value(tag::MDEntryPx).value_or(0), 40 * kCent);
  assert_string_equal(std::string(e.text(tag::MDEntryPx).value_or("")).c_str(), "0.4000");
  assert_int_equal(e.value(tag::MDEntrySize).value_or(0), 1000);

  // Snapshot of the book now; unknown tickers get an empty one.
  w.send(md, "V", "263=0|146=2|55=T50|55=NOPE");
  got = md.take();
  assert_int_equal(got.size(), 2);
  assert_int_equal(got[0]->count(tag::NoMDEntries), 1);
  assert_int_equal(got[0]->dm.entry(tag::NoMDEntries, 0).value(tag::MDEntrySize).value_or(0), 1000);
  assert_string_equal(got[1]->text(tag::Symbol).c_str(), "NOPE");
  assert_int_equal(got[1]->count(tag::NoMDEntries), 0);

  // A trade prints a trade entry and a level change.
  FakePeer bob(3, Product::Prediction, SessionKind::NR, w.bob);
  w.logon(bob);
  w.send(bob, "D", "11=b1|38=3|40=2|54=2|55=T50|44=40|59=1");
  got = md.take();
  bool trade = false;
  bool level = false;
  for (auto &m : got) {
    const auto x = m->dm.entry(tag::NoMDEntries, 0);
    if (x.value(tag::MDEntryType).value_or(0) == '2') {
      trade = true;
      assert_int_equal(x.value(tag::MDEntrySize).value_or(0), 300);
      assert_int_equal(x.value(tag::AggressorSide).value_or(0), '2');
    } else if (x.value(tag::MDEntryType).value_or(0) == '0') {
      level = true;
      assert_int_equal(x.value(tag::MDUpdateAction).value_or(0), '1');  // changed
      assert_int_equal(x.value(tag::MDEntrySize).value_or(0), 700);
    }
  }
  assert_true(trade);
  assert_true(level);

  // The rest of the level is cancelled: Delete.
  w.send(nr, "F", "11=a9|41=a1|54=1|55=T50");
  got = md.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->dm.entry(tag::NoMDEntries, 0).value(tag::MDUpdateAction).value_or(0),
                   '2');

  // Unsubscribe all: no more updates.
  w.send(md, "V", "263=2");
  w.send(nr, "D", "11=a2|38=1|40=2|54=1|55=T50|44=20|59=1");
  assert_int_equal(md.take().size(), 0);
  // Refusals.
  w.send(md, "V", "263=7|146=1|55=T50");
  got = md.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "Y");
  assert_int_equal(got[0]->value(tag::MDReqRejReason), '4');
  w.send(md, "D", kBuy10At40);
  got = md.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
  assert_int_equal(got[0]->value(tag::BusinessRejectReason), 3);
}

void test_margin_market_data(void **) {
  World w;
  FakePeer nr(1, Product::Margin, SessionKind::NR, w.alice);
  FakePeer md(2, Product::Margin, SessionKind::MD, w.bob);
  w.logon(nr);
  w.logon(md);
  w.send(md, "V", "263=1|146=2|55=BTC-PERP|55=T50");
  auto got = md.take();
  assert_int_equal(got.size(), 2);
  assert_int_equal(got[1]->count(tag::NoMDEntries), 0);  // a binary market is unknown here
  w.send(nr, "D", "11=m1|38=1|40=2|54=2|55=BTC-PERP|44=95500|59=1");
  got = md.take();
  assert_int_equal(got.size(), 1);
  const auto e = got[0]->dm.entry(tag::NoMDEntries, 0);
  assert_int_equal(e.value(tag::MDEntryType).value_or(0), '1');
  assert_string_equal(std::string(e.text(tag::MDEntryPx).value_or("")).c_str(), "95500.0000");
  assert_int_equal(e.value(tag::MDEntrySize).value_or(0), 100);
}

void test_security_status(void **) {
  World w;
  FakePeer md(1, Product::Prediction, SessionKind::MD, w.bob);
  w.logon(md);
  w.send(md, "e", "263=1|55=T50");
  assert_int_equal(md.take().size(), 0);  // changes only
  assert_true(w.ex.set_market_status("T50", MarketStatus::Paused, w.now).ok);
  auto got = md.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "f");
  assert_int_equal(got[0]->value(tag::SecurityTradingStatus), 2);
  assert_true(w.ex.set_market_status("T50", MarketStatus::Open, w.now).ok);
  got = md.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::SecurityTradingStatus), 3);
}

void test_rfq_flow(void **) {
  World w;
  FakePeer creator(1, Product::Prediction, SessionKind::RT, w.alice);
  FakePeer maker(2, Product::Prediction, SessionKind::RFQ, w.bob);
  w.logon(creator);
  w.logon(maker);
  w.send(creator, "R", "131=my-rfq|146=1|55=T50|38=10");
  auto c = creator.take();
  const Msg *ack = find_type(c, "b");
  assert_non_null(ack);
  assert_string_equal(ack->text(tag::QuoteReqID).c_str(), "my-rfq");
  const std::string rfq_id = ack->text(tag::RfqId);
  auto m = maker.take();
  const Msg *bcast = find_type(m, "R");
  assert_non_null(bcast);
  assert_string_equal(bcast->text(tag::QuoteReqID).c_str(), rfq_id.c_str());
  assert_int_equal(bcast->dm.entry(tag::NoRelatedSym, 0).value(tag::OrderQty).value_or(0), 1000);

  w.send(maker, "S", "117=q1|131=" + rfq_id + "|55=T50|132=40|133=55");
  m = maker.take();
  const Msg *pending = find_type(m, "AI");
  assert_non_null(pending);
  assert_int_equal(pending->value(tag::QuoteStatus), 10);
  c = creator.take();
  const Msg *note = find_type(c, "S");
  assert_non_null(note);
  const std::string quote_id = note->text(tag::QuoteID);
  assert_int_equal(note->value(tag::BidPx), 40 * kCent);
  assert_string_equal(note->text(tag::BidPx).c_str(), "0.4000");  // always dollars

  w.send(creator, "UA", "117=" + quote_id + "|54=1|11=acc1");
  c = creator.take();
  const Msg *uc = find_type(c, "UC");
  assert_non_null(uc);
  assert_int_equal(uc->value(tag::AcceptQuoteStatus), 0);
  assert_string_equal(uc->text(tag::ClOrdID).c_str(), "acc1");
  m = maker.take();
  const Msg *accepted = find_type(m, "AI");
  assert_non_null(accepted);
  assert_int_equal(accepted->value(tag::QuoteStatus), 0);

  w.send(maker, "U7", "117=" + quote_id);
  m = maker.take();
  const Msg *u8 = find_type(m, "U8");
  assert_non_null(u8);
  assert_int_equal(u8->value(tag::QuoteConfirmStatus), 0);
  // The creator's fill arrives as an ExecutionReport on its RT session.
  c = creator.take();
  const Msg *fill = nullptr;
  for (const auto &x : c) {
    if (x->type == "8" && x->value(tag::ExecType) == 'F') fill = x.get();
  }
  assert_non_null(fill);
  assert_int_equal(fill->value(tag::LastQty), 1000);

  // Cancel of an unknown RFQ is refused; an RFQ on an unknown market is rejected with AG.
  w.send(creator, "UE", "131=nope");
  c = creator.take();
  assert_non_null(find_type(c, "UB"));
  assert_int_equal(find_type(c, "UB")->value(tag::RFQCancelStatus), 1);
  w.send(creator, "R", "131=r2|146=1|55=NOPE|38=10");
  c = creator.take();
  assert_non_null(find_type(c, "AG"));
  assert_int_equal(find_type(c, "AG")->value(tag::QuoteRequestRejectReason), 1);
  assert_int_equal(w.app.build_failures(), 0);
}

void test_rfq_cancel_tells_makers(void **) {
  World w;
  FakePeer creator(1, Product::Prediction, SessionKind::RT, w.alice);
  FakePeer maker(2, Product::Prediction, SessionKind::RFQ, w.bob);
  w.logon(creator);
  w.logon(maker);
  w.send(creator, "R", "131=my-rfq|146=1|55=T50|38=10");
  maker.take();
  std::string rfq_id;
  for (auto &x : creator.take()) {
    if (x->type == "b") rfq_id = x->text(tag::RfqId);
  }
  // A quote on an unknown RFQ is rejected; a quote withdrawn gets U9 and AI 297=17.
  w.send(maker, "S", "117=q0|131=nope|55=T50|132=40");
  auto m0 = maker.take();
  assert_non_null(find_type(m0, "AI"));
  assert_int_equal(find_type(m0, "AI")->value(tag::QuoteStatus), 5);
  w.send(maker, "S", "117=q1|131=" + rfq_id + "|55=T50|132=40");
  maker.take();
  creator.take();
  w.send(maker, "Z", "117=q1");
  m0 = maker.take();
  assert_non_null(find_type(m0, "U9"));
  assert_int_equal(find_type(m0, "U9")->value(tag::QuoteCancelStatus), 0);
  assert_non_null(find_type(m0, "AI"));
  assert_int_equal(find_type(m0, "AI")->value(tag::QuoteStatus), 17);

  w.send(creator, "UE", "131=my-rfq");
  auto c = creator.take();
  assert_non_null(find_type(c, "UB"));
  assert_int_equal(find_type(c, "UB")->value(tag::RFQCancelStatus), 0);
  auto m = maker.take();
  assert_non_null(find_type(m, "AG"));
}

void test_settlement_reports(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  FakePeer b(2, Product::Prediction, SessionKind::NR, w.bob);
  LogonFlags pt_flags;
  pt_flags.receive_settlement = true;
  FakePeer pt(3, Product::Prediction, SessionKind::PT, w.alice, pt_flags);
  FakePeer rt(4, Product::Prediction, SessionKind::RT, w.alice);                   // 20127 not set
  FakePeer nr_opt_in(5, Product::Prediction, SessionKind::NR, w.alice, pt_flags);  // 20127=Y
  FakePeer bob_pt(6, Product::Prediction, SessionKind::PT, w.bob, pt_flags);
  w.logon(a);
  w.logon(b);
  w.logon(pt);
  w.logon(rt);
  w.logon(nr_opt_in);
  w.logon(bob_pt);
  w.send(a, "D", kBuy10At40);
  w.send(b, "D", "11=b1|38=10|40=2|54=2|55=T50|44=40|59=1");
  a.take();
  b.take();
  w.ex.set_market_status("T50", MarketStatus::Closed, w.now);
  assert_true(w.ex.settle("T50", kDollar, w.now).ok);
  auto got = pt.take();
  assert_int_equal(count_type(got, "UMS"), 1);
  const Msg *ums = find_type(got, "UMS");
  assert_true(ums->decoded.ok());
  assert_string_equal(ums->text(tag::Symbol).c_str(), "T50");
  assert_string_equal(ums->text(tag::MarketResult).c_str(), "yes");
  assert_string_equal(ums->text(tag::SettlementPrice).c_str(), "100.00");
  assert_int_equal(ums->value(tag::LastFragment), 1);
  assert_int_equal(ums->count(tag::NoMarketSettlementPartyIDs), 1);
  const auto party = ums->dm.entry(tag::NoMarketSettlementPartyIDs, 0);
  assert_int_equal(party.value(tag::LongQty).value_or(0), 1000);
  assert_int_equal(count_type(rt.take(), "UMS"), 0);
  assert_int_equal(count_type(nr_opt_in.take(), "UMS"), 1);
  // Bob held NO: his report is his own.
  got = bob_pt.take();
  assert_int_equal(count_type(got, "UMS"), 1);
  const auto bob_party = find_type(got, "UMS")->dm.entry(tag::NoMarketSettlementPartyIDs, 0);
  assert_int_equal(bob_party.value(tag::ShortQty).value_or(0), 1000);
  assert_int_equal(bob_party.value(tag::LongQty).value_or(-1), 0);
  assert_int_equal(w.app.build_failures(), 0);
}

void test_reconnected_session_gets_fills(void **) {
  World w;
  auto first = std::make_unique<FakePeer>(1, Product::Prediction, SessionKind::RT, w.alice);
  FakePeer other_key(2, Product::Prediction, SessionKind::RT, w.alice, LogonFlags{}, "key2");
  FakePeer bob(3, Product::Prediction, SessionKind::NR, w.bob);
  w.logon(*first);
  w.logon(other_key);
  w.logon(bob);
  w.send(*first, "D", kBuy10At40);
  w.app.on_logout(*first, w.now);
  first.reset();
  FakePeer second(4, Product::Prediction, SessionKind::RT, w.alice);
  w.logon(second);
  w.send(bob, "D", "11=b1|38=2|40=2|54=2|55=T50|44=40|59=1");
  auto got = second.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), 'F');
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "a1");
  assert_int_equal(other_key.take().size(), 0);
}

void test_cancel_on_disconnect(void **) {
  World w;
  LogonFlags cod;
  cod.cancel_on_disconnect = true;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice, cod);
  FakePeer listener(2, Product::Prediction, SessionKind::NR, w.alice, listener_flags());
  w.logon(a);
  w.logon(listener);
  w.send(a, "D", kBuy10At40);
  a.take();
  listener.take();
  w.app.on_logout(a, w.now);
  assert_int_equal(a.sent.size(), 0);  // gone: nothing more is sent to it
  auto got = listener.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), '4');
  assert_int_equal(w.ex.open_orders(w.alice).size(), 0);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_listener_gets_copies_and_cannot_trade),
      cmocka_unit_test(test_drop_copy_replay),
      cmocka_unit_test(test_market_data),
      cmocka_unit_test(test_margin_market_data),
      cmocka_unit_test(test_security_status),
      cmocka_unit_test(test_rfq_flow),
      cmocka_unit_test(test_rfq_cancel_tells_makers),
      cmocka_unit_test(test_settlement_reports),
      cmocka_unit_test(test_reconnected_session_gets_fills),
      cmocka_unit_test(test_cancel_on_disconnect),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
