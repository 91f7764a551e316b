// The simulator's FIX application layer, order entry (kalshi-fix.md §4, §5, §10): D -> ER New;
// crossing orders of two members -> Trade reports on both with LastPx/LastQty/fees/positions;
// cents vs UseDollars pricing; margin orders and the product/market check; F and G and their
// OrderCancelRejects; q mass cancel; order groups; malformed and refused D.
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

void assert_er(const Msg &m, char exec_type, char ord_status) {
  assert_string_equal(m.type.c_str(), "8");
  assert_true(m.decoded.ok());
  assert_int_equal(m.value(tag::ExecType), exec_type);
  assert_int_equal(m.value(tag::OrdStatus), ord_status);
}

void test_new_order_acknowledged(void **) {
  World w;
  FakePeer nr(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(nr);
  w.send(nr, "D", kBuy10At40);
  auto got = nr.take();
  assert_int_equal(got.size(), 1);
  const Msg &er = *got[0];
  assert_er(er, '0', '0');
  assert_string_equal(er.text(tag::ClOrdID).c_str(), "a1");
  assert_string_equal(er.text(tag::Symbol).c_str(), "T50");
  assert_int_equal(er.value(tag::Price), 40 * kCent);
  assert_string_equal(er.text(tag::Price).c_str(), "40");  // cents session
  assert_int_equal(er.value(tag::OrderQty), 1000);
  assert_int_equal(er.value(tag::LeavesQty), 1000);
  assert_int_equal(er.value(tag::CumQty), 0);
  assert_int_equal(er.value(tag::TransactTime), kT0);
  assert_string_equal(er.text(tag::ExecID).c_str(), "1;1");
  assert_true(er.text(tag::OrderID) != "NONE");
}

void test_cross_two_members_reports_trades(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  LogonFlags dollars;
  dollars.use_dollars = true;
  FakePeer b(2, Product::Prediction, SessionKind::RT, w.bob, dollars);
  w.logon(a);
  w.logon(b);
  w.send(a, "D", kBuy10At40);
  a.take();
  // Bob sells YES at 0.40 in dollars: crosses Alice's bid for 4 contracts.
  w.send(b, "D", "11=b1|38=4|40=2|54=2|55=T50|44=0.40|59=1");
  auto bob = b.take();
  // The New is folded into the first Trade (21026 not set).
  assert_int_equal(bob.size(), 1);
  const Msg &bt = *bob[0];
  assert_er(bt, 'F', '2');
  assert_int_equal(bt.value(tag::LastPx), 40 * kCent);
  assert_string_equal(bt.text(tag::LastPx).c_str(), "0.4000");
  assert_int_equal(bt.value(tag::LastQty), 400);
  assert_int_equal(bt.value(tag::AggressorIndicator), 1);
  assert_int_equal(bt.value(tag::ShortQty), 400);
  assert_int_equal(bt.value(tag::LongQty), 0);
  assert_int_equal(bt.count(tag::NoMiscFees), 1);
  assert_true(bt.dm.entry(tag::NoMiscFees, 0).value(tag::MiscFeeAmt).value_or(-1) > 0);
  assert_int_equal(bt.count(tag::NoCollateralAmountChanges), 1);
  assert_true(bt.has(tag::TrdMatchID));
  assert_true(bt.has(tag::ClearingBusinessDate));

  auto alice = a.take();
  assert_int_equal(alice.size(), 1);
  const Msg &at = *alice[0];
  assert_er(at, 'F', '1');
  assert_string_equal(at.text(tag::LastPx).c_str(), "40");
  assert_int_equal(at.value(tag::LastQty), 400);
  assert_int_equal(at.value(tag::CumQty), 400);
  assert_int_equal(at.value(tag::LeavesQty), 600);
  assert_int_equal(at.value(tag::AggressorIndicator), 0);
  assert_int_equal(at.value(tag::LongQty), 400);
  assert_string_equal(at.text(tag::TrdMatchID).c_str(), bt.text(tag::TrdMatchID).c_str());
  assert_int_equal(at.value(tag::AvgPx), 40 * kCent);
  assert_int_equal(w.app.build_failures(), 0);
}

void test_new_before_trade_flag(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  LogonFlags flags;
  flags.new_before_trade = true;
  FakePeer b(2, Product::Prediction, SessionKind::NR, w.bob, flags);
  w.logon(a);
  w.logon(b);
  w.send(a, "D", kBuy10At40);
  w.send(b, "D", "11=b1|38=4|40=2|54=2|55=T50|44=40|59=1");
  auto bob = b.take();
  assert_int_equal(bob.size(), 2);
  assert_er(*bob[0], '0', '0');
  assert_er(*bob[1], 'F', '2');
}

void test_margin_orders(void **) {
  World w;
  FakePeer m(1, Product::Margin, SessionKind::NR, w.alice);
  FakePeer p(2, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(m);
  w.logon(p);
  w.send(m, "D", "11=m1|38=1|40=2|54=1|55=BTC-PERP|44=94000|59=1");
  auto got = m.take();
  assert_int_equal(got.size(), 1);
  assert_er(*got[0], '0', '0');
  assert_int_equal(got[0]->value(tag::Price), 94000 * kDollar);
  // A margin session cannot trade a binary market, nor a prediction session a perp.
  w.send(m, "D", "11=m2|38=1|40=2|54=1|55=T50|44=0.40|59=1");
  got = m.take();
  assert_int_equal(got.size(), 1);
  assert_er(*got[0], '8', '8');
  assert_string_equal(got[0]->text(tag::Text).c_str(), "MARKET_NOT_FOUND");
  assert_int_equal(got[0]->value(tag::OrdRejReason), 1);
  w.send(p, "D", "11=p1|38=1|40=2|54=1|55=BTC-PERP|44=40|59=1");
  got = p.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->text(tag::Text).c_str(), "MARKET_NOT_FOUND");
}

void test_cancel_and_replace(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(a);
  w.send(a, "D", kBuy10At40);
  a.take();
  w.send(a, "G", "11=a2|41=a1|38=12|40=2|44=41|54=1|55=T50");
  auto got = a.take();
  assert_int_equal(got.size(), 1);
  assert_er(*got[0], '5', '5');
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "a2");
  assert_string_equal(got[0]->text(tag::OrigClOrdID).c_str(), "a1");
  assert_int_equal(got[0]->value(tag::Price), 41 * kCent);
  assert_int_equal(got[0]->value(tag::OrderQty), 1200);
  assert_int_equal(got[0]->value(tag::TimeInForce), '1');

  w.send(a, "F", "11=a3|41=a2|54=1|55=T50");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_er(*got[0], '4', '4');
  assert_string_equal(got[0]->text(tag::OrigClOrdID).c_str(), "a2");
  assert_int_equal(got[0]->value(tag::LeavesQty), 0);

  // Unknown orders: OrderCancelReject naming what it answers.
  w.send(a, "F", "11=a4|41=nope|54=1|55=T50");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "9");
  assert_true(got[0]->decoded.ok());
  assert_int_equal(got[0]->value(tag::CxlRejResponseTo), '1');
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "a4");
  w.send(a, "G", "11=a5|41=nope|38=5|40=2|44=41|54=1|55=T50");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "9");
  assert_int_equal(got[0]->value(tag::CxlRejResponseTo), '2');
  // Expiry alone on G is refused (kalshi-fix.md §4.2).
  w.send(a, "D", "11=a6|38=1|40=2|54=1|55=T50|44=30|59=1");
  a.take();
  w.send(a, "G", "11=a7|41=a6|38=1|40=2|44=30|54=1|55=T50|126=20300101-00:00:00.000");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "9");
}

void test_mass_cancel(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(a);
  w.send(a, "D", kBuy10At40);
  w.send(a, "D", "11=a2|38=5|40=2|54=2|55=T55|44=70|59=1");
  a.take();
  w.send(a, "q", "11=mc1|530=6");
  auto got = a.take();
  assert_int_equal(got.size(), 3);
  assert_string_equal(got[0]->type.c_str(), "r");
  assert_int_equal(got[0]->value(tag::MassCancelResponse), '6');
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "mc1");
  assert_er(*got[1], '4', '4');
  assert_er(*got[2], '4', '4');
  // One per second.
  w.send(a, "q", "11=mc2|530=6");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::MassCancelResponse), '0');
  // Not on RT (§3.1).
  FakePeer rt(2, Product::Prediction, SessionKind::RT, w.alice);
  w.logon(rt);
  w.send(rt, "q", "11=mc3|530=6");
  got = rt.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
  assert_string_equal(got[0]->text(tag::RefMsgType).c_str(), "q");
}

// q cancels what the same key left resting on an earlier connection too (§4.4 "for session").
void test_mass_cancel_covers_earlier_connections(void **) {
  World w;
  auto old = std::make_unique<FakePeer>(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(*old);
  w.send(*old, "D", kBuy10At40);
  w.app.on_logout(*old, w.now);
  old.reset();
  FakePeer other_key(2, Product::Prediction, SessionKind::NR, w.alice, LogonFlags{}, "key2");
  w.logon(other_key);
  w.send(other_key, "D", "11=k2|38=1|40=2|54=1|55=T50|44=30|59=1");
  other_key.take();
  FakePeer now(3, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(now);
  w.send(now, "q", "11=mc1|530=6");
  auto got = now.take();
  assert_int_equal(got.size(), 2);
  assert_string_equal(got[0]->type.c_str(), "r");
  assert_er(*got[1], '4', '4');
  assert_string_equal(got[1]->text(tag::ClOrdID).c_str(), "a1");
  assert_int_equal(w.ex.open_orders(w.alice).size(), 1);  // the other key's order stays
}

void test_order_groups(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(a);
  w.send(a, "UOG", "20131=1|20132=5");
  auto got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "UOH");
  assert_true(got[0]->decoded.ok());
  const std::string id = got[0]->text(tag::OrderGroupID);
  assert_int_equal(got[0]->value(tag::OrderGroupContractsLimit), 5);
  w.send(a, "D", "11=g1|38=1|40=2|54=1|55=T50|44=30|59=1|526=" + id);
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_er(*got[0], '0', '0');
  assert_string_equal(got[0]->text(tag::SecondaryClOrdID).c_str(), id.c_str());
  w.send(a, "UOG", "20131=4|20130=" + id);
  got = a.take();
  bool answered = false;
  bool cancelled = false;
  for (auto &m : got) {
    if (m->type == "UOH") answered = true;
    if (m->type == "8" && m->value(tag::ExecType) == '4') {
      cancelled = true;
      assert_string_equal(m->text(tag::Text).c_str(), "ORDER_GROUP_CANCEL");
    }
  }
  assert_true(answered);
  assert_true(cancelled);
  // Business errors are BusinessMessageRejects.
  w.send(a, "UOG", "20131=2|20130=no-such-group");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
  assert_string_equal(got[0]->text(tag::RefMsgType).c_str(), "UOG");
  w.send(a, "UOG", "20131=1");  // no limit
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
}

void test_malformed_and_refused_orders(void **) {
  World w;
  FakePeer a(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(a);
  const char *bad[] = {
      "11=x1|38=10|40=2|54=1|44=40",              // no Symbol
      "11=x2|38=10|40=2|54=1|55=T50|44=abc",      // price does not parse
      "11=x3|38=10|40=2|54=7|55=T50|44=40",       // bad side
      "11=x4|38=10|40=1|54=1|55=T50|44=40",       // not a limit order
      "11=x5|38=10|40=2|54=1|55=T50|44=40|59=6",  // GTD without ExpireTime
      "11=x6|38=10|40=2|54=1|55=T50|44=40|18=Q",  // unknown ExecInst
  };
  for (const char *fields : bad) {
    w.send(a, "D", fields);
    auto got = a.take();
    assert_int_equal(got.size(), 1);
    assert_er(*got[0], '8', '8');
    assert_int_equal(got[0]->value(tag::OrdRejReason), 11);
    assert_string_equal(got[0]->text(tag::Text).c_str(), "INVALID_ORDER");
  }
  w.send(a, "D", "11=x7|38=10|40=2|54=1|55=NOPE|44=40");
  auto got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->text(tag::Text).c_str(), "MARKET_NOT_FOUND");
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "x7");
  // A message the session does not take: BusinessMessageReject 380=3.
  w.send(a, "V", "263=0|146=1|55=T50");
  got = a.take();
  assert_int_equal(got.size(), 1);
  assert_string_equal(got[0]->type.c_str(), "j");
  assert_int_equal(got[0]->value(tag::BusinessRejectReason), 3);
  assert_string_equal(got[0]->text(tag::RefMsgType).c_str(), "V");
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_new_order_acknowledged),
      cmocka_unit_test(test_cross_two_members_reports_trades),
      cmocka_unit_test(test_new_before_trade_flag),
      cmocka_unit_test(test_margin_orders),
      cmocka_unit_test(test_cancel_and_replace),
      cmocka_unit_test(test_mass_cancel),
      cmocka_unit_test(test_mass_cancel_covers_earlier_connections),
      cmocka_unit_test(test_order_groups),
      cmocka_unit_test(test_malformed_and_refused_orders),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
