// The simulator's FIX application layer under the Logon flags that shape ExecutionReports
// (kalshi-fix.md §2.6.2, §4.5.2): 21007 IOC remainder cancel, 21012 Expired status, 21008
// original OrderQty; RFQ acceptance by NewOrderSingle with QuoteID (§4.1); and robustness: every
// client message type, empty or garbled, on every session type, is answered and never crashes.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/fix/app_reply.h"
#include "test_sim_fix_app_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;
namespace tag = kalshi::fix::tag;
using kalshi::fix::Product;
using kalshi::fix::SessionKind;

namespace {

void test_ioc_remainder_report_needs_21007(void **) {
  World w;
  FakePeer maker(1, Product::Prediction, SessionKind::NR, w.alice);
  FakePeer plain(2, Product::Prediction, SessionKind::NR, w.bob);
  LogonFlags ioc;
  ioc.ioc_cancel_report = true;
  FakePeer flagged(3, Product::Prediction, SessionKind::NR, w.bob, ioc);
  w.logon(maker);
  w.logon(plain);
  w.logon(flagged);
  w.send(maker, "D", "11=m1|38=4|40=2|54=1|55=T50|44=40|59=1");
  // A 10-lot IOC sell fills 4; the remainder is cancelled.
  w.send(plain, "D", "11=p1|38=10|40=2|54=2|55=T50|44=40|59=3");
  auto got = plain.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), 'F');
  w.send(maker, "D", "11=m2|38=4|40=2|54=1|55=T50|44=40|59=1");
  w.send(flagged, "D", "11=f1|38=10|40=2|54=2|55=T50|44=40|59=3");
  got = flagged.take();
  assert_int_equal(got.size(), 2);
  assert_int_equal(got[0]->value(tag::ExecType), 'F');
  assert_int_equal(got[1]->value(tag::ExecType), '4');
  assert_string_equal(got[1]->text(tag::Text).c_str(), "IMMEDIATE_OR_CANCELLED");
  assert_int_equal(got[1]->value(tag::CumQty), 400);
  assert_int_equal(got[1]->value(tag::LeavesQty), 0);
  assert_int_equal(got[1]->value(tag::OrderQty), 400);  // CumQty + LeavesQty by default
  // An IOC that fills nothing is always reported cancelled.
  w.send(plain, "D", "11=p2|38=1|40=2|54=2|55=T50|44=90|59=3");
  got = plain.take();
  assert_int_equal(got.size(), 2);
  assert_int_equal(got[1]->value(tag::ExecType), '4');
}

void test_expired_status_and_original_qty(void **) {
  World w;
  FakePeer plain(1, Product::Prediction, SessionKind::NR, w.alice);
  LogonFlags flags;
  flags.expired_status = true;
  flags.preserve_order_qty = true;
  FakePeer flagged(2, Product::Prediction, SessionKind::NR, w.alice, flags);
  w.logon(plain);
  w.logon(flagged);
  w.send(plain, "D", "11=p1|38=10|40=2|54=1|55=T50|44=40|59=1");
  w.send(flagged, "D", "11=f1|38=10|40=2|54=1|55=T50|44=41|59=1");
  plain.take();
  flagged.take();
  // Closing the market cancels resting orders expiry-style (§4.5.2).
  assert_true(w.ex.set_market_status("T50", MarketStatus::Closed, w.now).ok);
  auto got = plain.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), '4');
  assert_int_equal(got[0]->value(tag::OrdStatus), '4');
  assert_int_equal(got[0]->value(tag::OrderQty), 0);
  got = flagged.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), 'C');
  assert_int_equal(got[0]->value(tag::OrdStatus), 'C');
  assert_int_equal(got[0]->value(tag::OrderQty), 1000);
  assert_string_equal(got[0]->text(tag::Text).c_str(), "MARKET_CLOSED");
}

void test_quote_accepted_by_new_order(void **) {
  World w;
  FakePeer creator(1, Product::Prediction, SessionKind::RT, w.alice);
  FakePeer maker(2, Product::Prediction, SessionKind::RFQ, w.bob);
  w.logon(creator);
  w.logon(maker);
  w.send(creator, "R", "131=my-rfq|146=1|55=T50|38=5");
  std::string rfq_id;
  for (auto &m : creator.take()) {
    if (m->type == "b") rfq_id = m->text(tag::RfqId);
  }
  maker.take();
  w.send(maker, "S", "117=q1|131=" + rfq_id + "|55=T50|132=40|133=55");
  std::string quote_id;
  for (auto &m : creator.take()) {
    if (m->type == "S") quote_id = m->text(tag::QuoteID);
  }
  assert_false(quote_id.empty());
  // Reduce-only is not allowed with QuoteID.
  w.send(creator, "D", "11=n1|38=5|40=2|54=1|55=T50|44=40|18=E|117=" + quote_id);
  auto got = creator.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), '8');
  w.send(creator, "D", "11=n2|38=5|40=2|54=1|55=T50|44=40|117=" + quote_id);
  assert_int_equal(creator.take().size(), 0);  // nothing until the maker confirms
  bool accepted = false;
  for (auto &m : maker.take()) {
    if (m->type == "AI" && m->value(tag::QuoteStatus) == 0) accepted = true;
  }
  assert_true(accepted);
  // An unknown quote is an ER reject.
  w.send(creator, "D", "11=n3|38=5|40=2|54=1|55=T50|44=40|117=nope");
  got = creator.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), '8');
  assert_string_equal(got[0]->text(tag::ClOrdID).c_str(), "n3");
}

// The value helpers behind the reports: Eastern business dates across DST, ExecIDs, rounding.
void test_report_value_helpers(void **) {
  assert_int_equal(eastern_date(kT0), 20270115);
  assert_int_equal(eastern_date(1782871200000), 20260630);  // 02:00Z in July: 22:00 EDT
  assert_int_equal(eastern_date(1772944200000), 20260307);  // 04:30Z before DST starts
  assert_int_equal(eastern_date(1793507400000), 20261101);  // 04:30Z before DST ends
  assert_int_equal(eastern_date(1798693199000), 20261230);
  uint64_t clock = 0;
  assert_string_equal(exec_id(42).c_str(), "42;1");
  assert_true(parse_exec_id("42;1", &clock));
  assert_int_equal(clock, 42);
  assert_true(parse_exec_id("7;3;1", &clock));
  assert_int_equal(clock, 7);
  assert_false(parse_exec_id("42", &clock));
  assert_false(parse_exec_id(";1", &clock));
  assert_false(parse_exec_id("4x;1", &clock));
  assert_false(parse_exec_id("4;", &clock));
  assert_int_equal(round_to_unit(405000, 10000), 410000);
  assert_int_equal(round_to_unit(404999, 10000), 400000);
  assert_int_equal(round_to_unit(-405000, 10000), -410000);
  assert_int_equal(round_to_unit(123456, 100), 123500);
}

// Every client message type, with an empty body and with garbage, on every session type of both
// products: each gets at least one answer, and the app keeps working.
void test_every_message_everywhere_is_answered(void **) {
  World w;
  const char *types[] = {"D",  "F",  "G", "q", "UOG", "U1", "V", "e", "R",
                         "UA", "UE", "S", "Z", "U7",  "ZZ", "8", "A"};
  const char *bodies[] = {"", "58=x|", "11=|38=-5|44=1e9|54=9|55=|", "146=3|55=A|", "9999=1|35=D|"};
  const SessionKind kinds[] = {SessionKind::NR, SessionKind::RT,  SessionKind::DC,
                               SessionKind::PT, SessionKind::RFQ, SessionKind::MD};
  uint64_t id = 100;
  for (Product product : {Product::Prediction, Product::Margin}) {
    for (SessionKind kind : kinds) {
      FakePeer p(id++, product, kind, w.alice);
      w.logon(p);
      for (const char *type : types) {
        for (const char *body : bodies) {
          w.send(p, type, body);
          auto answers = p.take();
          assert_true(answers.size() >= 1);
          for (auto &a : answers) assert_true(a->decoded.ok());
        }
      }
      w.app.on_logout(p, w.now);
    }
  }
  assert_int_equal(w.app.build_failures(), 0);
  // Still trading.
  FakePeer nr(1, Product::Prediction, SessionKind::NR, w.alice);
  w.logon(nr);
  w.send(nr, "D", "11=ok1|38=1|40=2|54=1|55=T50|44=40|59=1");
  auto got = nr.take();
  assert_int_equal(got.size(), 1);
  assert_int_equal(got[0]->value(tag::ExecType), '0');
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ioc_remainder_report_needs_21007),
      cmocka_unit_test(test_expired_status_and_original_qty),
      cmocka_unit_test(test_quote_accepted_by_new_order),
      cmocka_unit_test(test_report_value_helpers),
      cmocka_unit_test(test_every_message_everywhere_is_answered),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
