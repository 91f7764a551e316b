// The FIX message dictionary's decoder against every example message of kalshi-fix.md (§4-§9,
// §15), framed properly, with typed values asserted; plus unknown-tag tolerance and every decode
// error (bad values, group count mismatch, members out of place, repeated fields, bad frames).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <deque>
#include <string>
#include <vector>

#include "api/fix/decoded_message.h"
#include "api/fix/views.h"
#include "fix_test_frames.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::fix;
using fixtest::frame_example;
using fixtest::soh;

namespace {

const Context kCents{Product::Prediction, false};
const Context kDollars{Product::Prediction, true};
const Context kMargin{Product::Margin, false};

constexpr Direction kC2S = Direction::ClientToServer;
constexpr Direction kS2C = Direction::ServerToClient;

// Decodes and asserts success; the message is kept in a reused object on purpose.
DecodedMessage &ok(const std::string &frame, Direction d, const Context &ctx) {
  static DecodedMessage m;
  // The decoded message holds views into its frame, and callers pass temporaries: keep a copy
  // alive for the rest of the program.
  static std::deque<std::string> frames;
  frames.push_back(frame);
  const kalshi::Error e = decode(frames.back(), d, ctx, m);
  if (!e.ok()) print_error("decode failed: %s\n", e.message.c_str());
  assert_true(e.ok());
  return m;
}

kalshi::Error fails(const std::string &frame, Direction d, const Context &ctx) {
  DecodedMessage m;
  kalshi::Error e = decode(frame, d, ctx, m);
  assert_int_equal(e.code, KALSHI_ERR_PROTOCOL);
  return e;
}

bool mentions(const kalshi::Error &e, const char *s) {
  return e.message.find(s) != std::string::npos;
}

void test_er_fill_dollars(void **) {
  const std::string f = soh(
      "8=FIXT.1.1|9=229|35=8|49=KalshiRT|56=your-fix-api-key-uuid|34=4|52=20250926-21:54:16.159|"
      "6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|"
      "44=0.7500|54=1|55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|10=065|");
  DecodedMessage &m = ok(f, kS2C, kDollars);
  assert_string_equal(std::string(m.def()->name).c_str(), "ExecutionReport");
  assert_int_equal(m.seq(), 4);
  assert_true(m.sender_comp_id() == "KalshiRT");
  assert_int_equal(m.sending_time_ms(), 1758923656159);
  auto er = view_as<ExecutionReportView>(m);
  assert_true(er.has_value());
  assert_int_equal(*er->avg_px(), 660000);
  assert_int_equal(*er->last_qty(), 6000);
  assert_int_equal(*er->exec_type(), 'F');
  assert_int_equal(*er->ord_status(), '2');
  assert_int_equal(*er->last_px(), 700000);
  assert_int_equal(*er->cum_qty(), 10000);
  assert_int_equal(*er->order_qty(), 10000);
  assert_int_equal(*er->leaves_qty(), 0);
  assert_int_equal(*er->price(), 750000);
  assert_int_equal(*er->transact_time(), 1758923656158);
  assert_true(*er->exec_id() == "4;7");
  assert_false(er->text().has_value());
  assert_true(er->no_party_ids().empty());
  assert_int_equal(m.missing_required().size(), 0);
  assert_int_equal(m.unknown_count(), 0);
  // Generic API: same values by tag.
  assert_int_equal(*m.root().value(tag::AvgPx), 660000);
  assert_true(m.find(tag::Symbol)->text == "HIGHNY-23DEC31");
  assert_null(m.find(tag::Text));
  // As a prediction cents session the same text means 0.66 cents.
  DecodedMessage &c = ok(f, kS2C, kCents);
  assert_int_equal(c.find(tag::AvgPx)->value, 6600);
}

void test_nos_cents_and_dollars_and_margin(void **) {
  DecodedMessage &m =
      ok(soh("8=FIXT.1.1|9=148|35=D|34=5|52=20230809-12:34:56.789|49=your-api-key|56=KalshiNR|"
             "11=550e8400-e29b-41d4-a716-446655440000|38=10|40=2|54=1|55=HIGHNY-23DEC31|44=75|59=1|"
             "10=181|"),
         kC2S, kCents);
  auto nos = view_as<NewOrderSingleView>(m);
  assert_true(nos.has_value());
  assert_int_equal(*nos->price(), 750000);  // 75 cents
  assert_int_equal(*nos->order_qty(), 1000);
  assert_int_equal(*nos->side(), '1');
  assert_int_equal(*nos->time_in_force(), '1');
  assert_int_equal(m.missing_required().size(), 0);

  DecodedMessage &d =
      ok(soh("8=FIXT.1.1|9=121|35=D|34=2|52=20250926-21:54:16.040|49=your-api-key|56=KalshiRT|"
             "11=order-2|38=100.0|40=2|44=0.7500|54=1|55=HIGHNY-23DEC31|10=114|"),
         kC2S, kDollars);
  assert_int_equal(d.find(tag::Price)->value, 750000);
  assert_int_equal(d.find(tag::OrderQty)->value, 10000);

  DecodedMessage &g = ok(frame_example("8=FIXT.1.1|9=200|35=D|34=5|52=20230809-12:34:56.789|"
                                       "49=your-api-key|56=KalshiNR|11=550e8400-e29b-41d4-a716-"
                                       "446655440000|38=10.00|40=2|54=1|55=BTC-PERP|44=19.5000|"
                                       "59=1|10=123|"),
                         kC2S, kMargin);
  assert_int_equal(g.find(tag::Price)->value, 19500000);
  assert_int_equal(g.find(tag::OrderQty)->value, 1000);
  // The subpenny sample without ClOrdID or Symbol decodes; what is missing is reported.
  DecodedMessage &s = ok(frame_example("8=FIXT.1.1|9=200|35=D|34=2|52=20250926-21:54:16.040|"
                                       "38=100.0|40=2|44=0.7500|54=1|60=20250926-21:54:16.040|"),
                         kC2S, kDollars);
  const std::vector<uint32_t> missing = s.missing_required();
  assert_int_equal(missing.size(), 2);
  assert_int_equal(missing[0], 11);
  assert_int_equal(missing[1], 55);
}

void test_session_vectors(void **) {
  DecodedMessage &tr = ok(soh("8=FIXT.1.1|9=83|35=1|49=your-fix-api-key-uuid|56=KalshiNR|34=3|"
                              "52=20230809-05:29:18.035|112=TEST-1|10=161|"),
                          kC2S, kCents);
  assert_true(*view_as<TestRequestView>(tr)->test_req_id() == "TEST-1");
  DecodedMessage &hb = ok(soh("8=FIXT.1.1|9=83|35=0|49=KalshiNR|56=your-fix-api-key-uuid|34=3|"
                              "52=20230809-05:29:18.100|112=TEST-1|10=153|"),
                          kS2C, kCents);
  assert_true(*view_as<HeartbeatView>(hb)->test_req_id() == "TEST-1");
  std::string logon =
      "8=FIXT.1.1|9=452|35=A|49=your-fix-api-key-uuid|56=KalshiNR|34=1|52=20230809-05:28:18.035|"
      "98=0|108=30|95=344|96=";
  logon += std::string(342, 'A') + "==|141=Y|1137=9|10=059|";
  DecodedMessage &lo = ok(soh(logon), kC2S, kCents);
  auto l = view_as<LogonView>(lo);
  assert_int_equal(*l->heart_bt_int(), 30);
  assert_int_equal(l->raw_data()->size(), 344);
  assert_true(*l->reset_seq_num_flag());
  assert_true(*l->default_appl_ver_id() == "9");
  DecodedMessage &rs = ok(soh("8=FIXT.1.1|9=81|35=2|49=your-fix-api-key-uuid|56=KalshiRT|34=7|"
                              "52=20230809-05:30:00.000|7=5|16=0|10=160|"),
                          kC2S, kCents);
  assert_int_equal(*view_as<ResendRequestView>(rs)->begin_seq_no(), 5);
  DecodedMessage &sr =
      ok(soh("8=FIXT.1.1|9=114|35=4|49=KalshiRT|56=your-fix-api-key-uuid|34=5|"
             "52=20230809-05:30:00.050|43=Y|122=20230809-05:29:00.000|123=Y|36=9|10=088|"),
         kS2C, kCents);
  assert_true(sr.poss_dup());
  assert_int_equal(sr.orig_sending_time_ms(), 1691558940000);
  assert_int_equal(*view_as<SequenceResetView>(sr)->new_seq_no(), 9);
  DecodedMessage &rj =
      ok(frame_example("8=FIXT.1.1|35=3|45=5|58=Undefined tag received|371=333333|372=D|373=3|"),
         kS2C, kCents);
  auto r = view_as<RejectView>(rj);
  assert_int_equal(*r->ref_tag_id(), 333333);
  assert_int_equal(*r->session_reject_reason(), 3);
  DecodedMessage &bmr =
      ok(frame_example("8=FIXT.1.1|35=j|45=10|58=Kalshi exchange unavailable|372=D|380=4|"), kS2C,
         kCents);
  assert_int_equal(*view_as<BusinessMessageRejectView>(bmr)->business_reject_reason(), 4);
  DecodedMessage &lg = ok(soh("8=FIXT.1.1|9=72|35=5|49=your-fix-api-key-uuid|56=KalshiNR|34=9|"
                              "52=20230809-05:31:00.000|10=033|"),
                          kC2S, kCents);
  assert_true(view_as<LogoutView>(lg).has_value());
}

void test_order_entry_examples(void **) {
  DecodedMessage &f =
      ok(soh("8=FIXT.1.1|9=175|35=F|49=your-fix-api-key-uuid|56=KalshiNR|34=6|"
             "52=20230809-12:35:01.000|11=550e8400-e29b-41d4-a716-446655440001|"
             "41=550e8400-e29b-41d4-a716-446655440000|54=1|55=HIGHNY-23DEC31|10=217|"),
         kC2S, kCents);
  assert_true(*view_as<OrderCancelRequestView>(f)->orig_cl_ord_id() ==
              "550e8400-e29b-41d4-a716-446655440000");
  DecodedMessage &g =
      ok(soh("8=FIXT.1.1|9=192|35=G|49=your-fix-api-key-uuid|56=KalshiNR|34=7|"
             "52=20230809-12:35:02.000|11=550e8400-e29b-41d4-a716-446655440002|"
             "41=550e8400-e29b-41d4-a716-446655440000|38=20|40=2|44=76|54=1|55=HIGHNY-23DEC31|"
             "10=206|"),
         kC2S, kCents);
  assert_int_equal(*view_as<OrderCancelReplaceRequestView>(g)->price(), 760000);
  DecodedMessage &q = ok(soh("8=FIXT.1.1|9=86|35=q|49=your-fix-api-key-uuid|56=KalshiNR|34=8|"
                             "52=20230809-12:35:03.000|11=mc-1|530=6|10=064|"),
                         kC2S, kCents);
  assert_int_equal(*view_as<OrderMassCancelRequestView>(q)->mass_cancel_request_type(), '6');
  DecodedMessage &rej =
      ok(frame_example("8=FIXT.1.1|35=8|11=456|150=8|39=8|58=EXCHANGE_PAUSED|103=2|..."), kS2C,
         kCents);
  auto er = view_as<ExecutionReportView>(rej);
  assert_int_equal(*er->exec_type(), '8');
  assert_int_equal(*er->ord_rej_reason(), 2);
  assert_true(*er->text() == "EXCHANGE_PAUSED");
  // Never dropped for missing fields; the gaps are listed instead.
  assert_int_equal(rej.missing_required().size(), 8);
  // Trade report with fees, collateral and parties.
  DecodedMessage &t =
      ok(frame_example("35=8|6=75|11=a|14=5.25|17=4;7;1|30=1|31=75|32=5.25|37=o|38=10|39=1|44=75|"
                       "54=2|55=M|60=20260101-00:00:00.000|79=3|136=1|137=0.0400|138=USD|139=4|"
                       "891=0|150=F|151=4.75|453=2|448=550e8400-e29b-41d4-a716-446655440000_c1|"
                       "452=24|448=op1|452=12|704=5.25|705=0|715=20260101|880=T1|1057=Y|1703=2|"
                       "1704=-3.9375|1705=BALANCE|1704=0.00|1705=PAYOUT|21030=1.5|"),
         kS2C, kCents);
  auto tr = view_as<ExecutionReportView>(t);
  assert_int_equal(*tr->alloc_account(), 3);
  assert_int_equal(tr->no_misc_fees().size(), 1);
  assert_int_equal(*tr->no_misc_fees()[0].misc_fee_amt(), 40000);
  assert_int_equal(tr->no_party_ids().size(), 2);
  assert_int_equal(*tr->no_party_ids()[1].party_role(), 12);
  assert_true(*tr->no_party_ids()[1].party_id() == "op1");
  assert_int_equal(tr->no_collateral_amount_changes().size(), 2);
  assert_int_equal(*tr->no_collateral_amount_changes()[0].collateral_amount_change(), -3937500);
  assert_true(*tr->aggressor_indicator());
  assert_int_equal(*tr->clearing_business_date(), 20260101);
  assert_int_equal(*tr->single_market_collateral_return(), 1500000);
  assert_int_equal(*tr->leaves_qty(), 475);
  DecodedMessage &ocr = ok(frame_example("35=9|37=o|11=c|41=b|39=0|434=2|102=2|"
                                         "58=CANNOT_UPDATE_FILLED_ORDER|"),
                           kS2C, kCents);
  assert_int_equal(*view_as<OrderCancelRejectView>(ocr)->cxl_rej_response_to(), '2');
  DecodedMessage &mcr = ok(frame_example("35=r|11=mc-1|37=op|531=6|"), kS2C, kCents);
  assert_int_equal(*view_as<OrderMassCancelReportView>(mcr)->mass_cancel_response(), '6');
}

void test_order_group_and_drop_copy_examples(void **) {
  DecodedMessage &c =
      ok(soh("8=FIXT.1.1|9=84|35=UOG|34=5|52=20230809-12:34:56.789|49=your-api-key|56=KalshiNR|"
             "20131=1|20132=5000|10=003|"),
         kC2S, kCents);
  assert_int_equal(*view_as<OrderGroupRequestView>(c)->order_group_contracts_limit(), 5000);
  const char *const others[] = {
      "8=FIXT.1.1|9=150|35=UOG|34=6|52=20230809-12:34:57.789|49=your-api-key|56=KalshiNR|"
      "20131=2|20130=770e8400-e29b-41d4-a716-446655440002|10=124|",
      "8=FIXT.1.1|9=150|35=UOG|34=7|52=20230809-12:34:58.789|49=your-api-key|56=KalshiNR|"
      "20131=3|20130=770e8400-e29b-41d4-a716-446655440002|10=125|",
      "8=FIXT.1.1|9=150|35=UOG|34=8|52=20230809-12:34:59.789|49=your-api-key|56=KalshiNR|"
      "20131=4|20130=770e8400-e29b-41d4-a716-446655440002|10=126|",
      "8=FIXT.1.1|9=150|35=UOG|34=9|52=20230809-12:35:00.789|49=your-api-key|56=KalshiNR|"
      "20131=5|20130=770e8400-e29b-41d4-a716-446655440002|20132=2500|10=127|"};
  int64_t action = 2;
  for (const char *o : others) {
    DecodedMessage &m = ok(frame_example(o), kC2S, kCents);
    assert_int_equal(m.seq(), action + 4);
    assert_int_equal(*view_as<OrderGroupRequestView>(m)->order_group_action(), action++);
  }
  DecodedMessage &h = ok(frame_example("35=UOH|20130=g-1|20132=5000|79=2|"), kS2C, kCents);
  assert_int_equal(*view_as<OrderGroupResponseView>(h)->alloc_account(), 2);
  DecodedMessage &u1 =
      ok(soh("8=FIXT.1.1|9=109|35=U1|49=your-fix-api-key-uuid|56=KalshiDC|34=2|"
             "52=20230809-12:40:00.000|21001=12345;67890|21002=12350;67895|10=119|"),
         kC2S, kCents);
  assert_true(*view_as<EventResendRequestView>(u1)->end_exec_id() == "12350;67895");
  DecodedMessage &u2 = ok(frame_example("35=U2|45=2|21003=17|"), kS2C, kCents);
  assert_int_equal(*view_as<EventResendCompleteView>(u2)->resend_event_count(), 17);
  DecodedMessage &u3 = ok(frame_example("35=U3|45=2|21004=3|"), kS2C, kCents);
  assert_int_equal(*view_as<EventResendRejectView>(u3)->event_resend_reject_reason(), 3);
}

void test_market_data_examples(void **) {
  DecodedMessage &w =
      ok(soh("8=FIXT.1.1|9=162|35=W|49=KalshiMD|56=your-fix-api-key-uuid|34=2|"
             "52=20260528-14:00:00.010|55=KXNBAGAME-26MAY25NYKCLE-NYK|268=2|269=0|270=0.3500|"
             "271=10.00|269=1|270=0.6500|271=5.00|10=231|"),
         kS2C, kCents);  // MD prices are dollars whatever the price mode
  auto snap = view_as<MarketDataSnapshotFullRefreshView>(w);
  assert_int_equal(snap->no_md_entries().size(), 2);
  assert_int_equal(*snap->no_md_entries()[0].md_entry_px(), 350000);
  assert_int_equal(*snap->no_md_entries()[1].md_entry_type(), '1');
  assert_int_equal(*snap->no_md_entries()[1].md_entry_px(), 650000);
  assert_int_equal(*snap->no_md_entries()[1].md_entry_size(), 500);
  int levels = 0;
  for (auto e : snap->no_md_entries()) levels += e.md_entry_size().has_value();
  assert_int_equal(levels, 2);
  DecodedMessage &margin =
      ok(frame_example("8=FIXT.1.1|35=W|49=KalshiMD|56=your-api-key|55=BTC-PERP|268=2|269=0|"
                       "270=19.5000|271=10.00|269=1|270=19.5100|271=5.00|"),
         kS2C, kMargin);
  assert_int_equal(margin.entry(tag::NoMDEntries, 1).value(tag::MDEntryPx).value(), 19510000);
  DecodedMessage &empty = ok(frame_example("35=W|55=NOPE|268=0|"), kS2C, kCents);
  assert_int_equal(empty.count(tag::NoMDEntries), 0);
  DecodedMessage &x =
      ok(frame_example("8=FIXT.1.1|35=X|49=KalshiMD|56=your-api-key|268=1|279=0|"
                       "55=KXNBAGAME-26MAY25NYKCLE-NYK|269=2|270=0.6500|271=3.00|2446=1|"),
         kS2C, kCents);
  auto inc = view_as<MarketDataIncrementalRefreshView>(x);
  auto e0 = inc->no_md_entries()[0];
  assert_int_equal(*e0.md_update_action(), '0');
  assert_int_equal(*e0.md_entry_type(), '2');
  assert_int_equal(*e0.aggressor_side(), '1');
  assert_int_equal(*e0.md_entry_size(), 300);
  assert_true(*e0.symbol() == "KXNBAGAME-26MAY25NYKCLE-NYK");
  DecodedMessage &xm =
      ok(frame_example("8=FIXT.1.1|35=X|49=KalshiMD|56=your-api-key|268=1|279=1|55=BTC-PERP|269=0|"
                       "270=19.5000|271=15.00|"),
         kS2C, kMargin);
  assert_int_equal(xm.entry(tag::NoMDEntries, 0).value(tag::MDEntrySize).value(), 1500);
  assert_false(xm.entry(tag::NoMDEntries, 0).has(tag::AggressorSide));
  const char *const requests[] = {
      "8=FIXT.1.1|35=V|49=your-api-key|56=KalshiMD|263=0|146=1|55=KXNBAGAME-26MAY25NYKCLE-NYK|",
      "8=FIXT.1.1|35=V|49=your-api-key|56=KalshiMD|263=1|146=1|55=KXNBAGAME-26MAY25NYKCLE-NYK|",
      "8=FIXT.1.1|35=V|49=your-api-key|56=KalshiMD|263=2|146=1|55=KXNBAGAME-26MAY25NYKCLE-NYK|",
      "8=FIXT.1.1|35=V|49=your-api-key|56=KalshiMD|263=1|146=1|55=BTC-PERP|"};
  for (const char *r : requests) {
    DecodedMessage &v = ok(frame_example(r), kC2S, kCents);
    assert_int_equal(view_as<MarketDataRequestView>(v)->no_related_sym().size(), 1);
  }
  DecodedMessage &all = ok(frame_example("35=V|49=your-api-key|56=KalshiMD|263=2|"), kC2S, kCents);
  assert_int_equal(*view_as<MarketDataRequestView>(all)->subscription_request_type(), '2');
  assert_true(view_as<MarketDataRequestView>(all)->no_related_sym().empty());
  DecodedMessage &y = ok(frame_example("35=Y|281=4|58=bad type|"), kS2C, kCents);
  assert_int_equal(*view_as<MarketDataRequestRejectView>(y)->md_req_rej_reason(), '4');
  DecodedMessage &e =
      ok(frame_example("35=e|49=your-api-key|56=KalshiMD|263=1|55=KXNBAGAME-26MAY25NYKCLE-NYK|"),
         kC2S, kCents);
  assert_true(view_as<SecurityStatusRequestView>(e).has_value());
  DecodedMessage &f =
      ok(frame_example("35=f|49=KalshiMD|56=your-api-key|55=KXNBAGAME-26MAY25NYKCLE-NYK|326=2|"),
         kS2C, kCents);
  assert_int_equal(*view_as<SecurityStatusView>(f)->security_trading_status(), 2);
}

void test_settlement_examples(void **) {
  DecodedMessage &y =
      ok(frame_example("8=FIXT.1.1|35=UMS|20105=settle-123|55=HIGHNY-23DEC31|715=20231231|"
                       "20107=yes|730=100.00|20108=1|20109=user-456|20110=24|704=100|705=0|1703=1|"
                       "1704=100.00|1705=PAYOUT|136=1|137=0.00|138=USD|139=4|891=0|893=Y|"),
         kS2C, kCents);
  auto ums = view_as<MarketSettlementReportView>(y);
  assert_int_equal(*ums->settlement_price(), 1000000);
  assert_true(*ums->last_fragment());
  assert_int_equal(y.missing_required().size(), 0);

  DecodedMessage &s =
      ok(frame_example("8=FIXT.1.1|35=UMS|20105=settle-456|55=HIGHNY-23DEC31|715=20231231|"
                       "20107=scalar|730=30.60|20108=1|20109=user-789|20110=24|704=100.01|705=0|"
                       "1703=1|1704=30.6030|1705=PAYOUT|136=1|137=0.00006|138=USD|139=4|891=0|"
                       "893=Y|"),
         kS2C, kDollars);  // 730 stays cents under UseDollars
  auto sc = view_as<MarketSettlementReportView>(s);
  assert_int_equal(*sc->settlement_price(), 306000);
  assert_int_equal(*sc->clearing_business_date(), 20231231);
  assert_true(*sc->market_result() == "scalar");
  auto party = sc->no_market_settlement_party_ids()[0];
  assert_int_equal(sc->no_market_settlement_party_ids().size(), 1);
  assert_int_equal(*party.long_qty(), 10001);
  assert_int_equal(party.no_collateral_amount_changes().size(), 1);
  assert_int_equal(*party.no_collateral_amount_changes()[0].collateral_amount_change(), 30603000);
  assert_true(*party.no_collateral_amount_changes()[0].collateral_amount_type() == "PAYOUT");
  assert_int_equal(*party.no_misc_fees()[0].misc_fee_amt(), 60);
  assert_true(*party.no_misc_fees()[0].misc_fee_curr() == "USD");
  // Generic nested API and wire-order iteration with depths.
  FieldScope p = s.entry(tag::NoMarketSettlementPartyIDs, 0);
  assert_int_equal(p.count(tag::NoMiscFees), 1);
  assert_int_equal(*p.entry(tag::NoMiscFees, 0).value(tag::MiscFeeAmt), 60);
  int depth2 = 0;
  uint32_t last_tag = 0;
  for (const DecodedField &f : s.root()) {
    if (f.depth == 2) ++depth2;
    if (!f.header()) last_tag = f.tag;
  }
  assert_int_equal(depth2, 6);  // 1704 1705 137 138 139 891
  assert_int_equal(last_tag, 893);
  assert_int_equal(s.find(tag::LastFragment)->depth, 0);

  // Older format: cents-style payout and numeric type still decode; the missing 730 is listed.
  DecodedMessage &o =
      ok(frame_example("8=FIXT.1.1|35=UMS|20105=settle-123|55=HIGHNY-23DEC31|715=20231231|"
                       "20107=Yes|20108=1|20109=user-456|20110=24|704=100|705=0|1703=1|1704=10000|"
                       "1705=1|136=1|137=0.00|138=USD|139=4|891=0|893=Y|"),
         kS2C, kCents);
  const auto missing = o.missing_required();
  assert_int_equal(missing.size(), 1);
  assert_int_equal(missing[0], 730);
  // Third-party capture style quantities with ten decimals.
  DecodedMessage &q =
      ok(frame_example("35=UMS|49=KalshiPT|20105=r|55=M|715=20250616|20106=1|20107=no|730=0|"
                       "20108=1|20109=u|704=100.0000000000|705=0|893=Y|"),
         kS2C, kCents);
  assert_int_equal(q.entry(tag::NoMarketSettlementPartyIDs, 0).value(tag::LongQty).value(), 10000);
}

void test_rfq_creator_examples(void **) {
  DecodedMessage &c =
      ok(frame_example("8=FIXT.1.1|35=R|131=client-req-123|146=1|55=HIGHNY-23DEC31|38=100|"), kC2S,
         kCents);
  auto r = view_as<QuoteRequestView>(c);
  assert_int_equal(*r->no_related_sym()[0].order_qty(), 10000);
  DecodedMessage &mve =
      ok(frame_example("8=FIXT.1.1|35=R|131=client-req-456|146=1|38=100|20180=PARLAY-COLLECTION|"
                       "20181=2|20182=EVENT1|20183=MKT1|20184=yes|20182=EVENT2|20183=MKT2|"
                       "20184=no|"),
         kC2S, kCents);
  auto m = view_as<QuoteRequestView>(mve);
  assert_int_equal(m->no_related_sym().size(), 1);
  assert_false(m->no_related_sym()[0].symbol().has_value());
  assert_true(*m->multivariate_collection_ticker() == "PARLAY-COLLECTION");
  assert_int_equal(m->no_multivariate_selected_legs().size(), 2);
  assert_true(*m->no_multivariate_selected_legs()[1].multivariate_selected_side() == "no");
  assert_true(*m->no_multivariate_selected_legs()[1].multivariate_selected_market_ticker() ==
              "MKT2");
  DecodedMessage &fcm =
      ok(frame_example("8=FIXT.1.1|35=R|131=client-req-457|146=1|38=100|21016=Y|453=1|"
                       "448=subtrader-uuid|452=24|20180=PARLAY-COLLECTION|20181=2|20182=EVENT1|"
                       "20183=MKT1|20184=yes|20182=EVENT2|20183=MKT2|20184=no|"),
         kC2S, kCents);
  auto f = view_as<QuoteRequestView>(fcm);
  auto entry = f->no_related_sym()[0];
  assert_true(*entry.replace_existing());
  assert_int_equal(entry.no_party_ids().size(), 1);
  assert_true(*entry.no_party_ids()[0].party_id() == "subtrader-uuid");
  assert_int_equal(*entry.no_party_ids()[0].party_role(), 24);
  assert_int_equal(fcm.find(tag::NoPartyIDs), nullptr);  // nested, not top level
  assert_int_equal(f->no_multivariate_selected_legs().size(), 2);
  // A cost-sized MVE entry starts with 152.
  DecodedMessage &cost = ok(frame_example("35=R|131=c|146=1|152=25.50|20180=P|20181=1|20182=E|"
                                          "20183=M|20184=yes|"),
                            kC2S, kCents);
  assert_int_equal(*view_as<QuoteRequestView>(cost)->no_related_sym()[0].cash_order_qty(),
                   25500000);
  DecodedMessage &rep = ok(
      frame_example("8=FIXT.1.1|35=R|131=client-req-124|146=1|55=HIGHNY-23DEC31|38=100|21016=Y|"),
      kC2S, kCents);
  assert_true(rep.entry(tag::NoRelatedSym, 0).has(tag::ReplaceExisting));
  DecodedMessage &b1 =
      ok(frame_example("8=FIXT.1.1|35=b|131=client-req-123|303=1|21023=server-rfq-456|100=0|"),
         kS2C, kCents);
  assert_int_equal(*view_as<QuoteRequestAckView>(b1)->ex_destination(), 0);
  DecodedMessage &b2 =
      ok(frame_example("8=FIXT.1.1|35=b|131=client-req-456|303=1|21023=server-rfq-789|"
                       "55=PARLAY-MKT-ABC|100=1|"),
         kS2C, kCents);
  assert_true(*view_as<QuoteRequestAckView>(b2)->symbol() == "PARLAY-MKT-ABC");
  // The creator's quote notification carries dollars even on a cents session.
  DecodedMessage &qn =
      ok(frame_example("8=FIXT.1.1|35=S|117=quote-789|131=server-rfq-456|55=HIGHNY-23DEC31|"
                       "132=0.7500|133=0.2500|38=100|453=1|448=quoter-public-id|452=35|"),
         kS2C, kCents);
  auto n = view_as<QuoteNotificationView>(qn);
  assert_int_equal(*n->bid_px(), 750000);
  assert_int_equal(*n->offer_px(), 250000);
  assert_int_equal(*n->no_party_ids()[0].party_role(), 35);
  DecodedMessage &ua =
      ok(frame_example("8=FIXT.1.1|35=UA|117=quote-789|21023=server-rfq-456|54=1|38=100|"
                       "11=client-accept-123|"),
         kC2S, kCents);
  assert_true(*view_as<AcceptQuoteView>(ua)->cl_ord_id() == "client-accept-123");
  DecodedMessage &uc = ok(frame_example("8=FIXT.1.1|35=UC|117=quote-789|21025=0|21024=quote-789|"
                                        "11=client-accept-123|"),
                          kS2C, kCents);
  assert_int_equal(*view_as<AcceptQuoteStatusView>(uc)->accept_quote_status(), 0);
  DecodedMessage &ue = ok(frame_example("8=FIXT.1.1|35=UE|131=client-req-123|"), kC2S, kCents);
  assert_true(view_as<RFQCancelView>(ue).has_value());
  DecodedMessage &ub =
      ok(frame_example("8=FIXT.1.1|35=UB|131=client-req-123|21013=0|"), kS2C, kCents);
  assert_int_equal(*view_as<RFQCancelStatusView>(ub)->rfq_cancel_status(), 0);
  DecodedMessage &ag = ok(frame_example("35=AG|131=c|658=99|58=invalid|"
                                        "20187=duplicated_legs|20185=2|20186=M1|20186=M2|"),
                          kS2C, kCents);
  auto rej = view_as<QuoteRequestRejectView>(ag);
  assert_int_equal(rej->no_mve_offending_legs().size(), 2);
  assert_true(*rej->no_mve_offending_legs()[1].mve_offending_market_ticker() == "M2");
}

void test_rfq_maker_examples(void **) {
  DecodedMessage &bc =
      ok(frame_example("8=FIXT.1.1|35=R|131=server-rfq-456|146=1|55=HIGHNY-23DEC31|38=100|453=1|"
                       "448=anon-456|"),
         kS2C, kCents);
  auto b = view_as<QuoteRequestBroadcastView>(bc);
  assert_true(b.has_value());
  assert_true(*b->no_related_sym()[0].no_party_ids()[0].party_id() == "anon-456");
  assert_int_equal(bc.missing_required().size(), 0);
  DecodedMessage &q =
      ok(frame_example("8=FIXT.1.1|35=S|117=quote-789|131=server-rfq-456|55=HIGHNY-23DEC31|132=75|"
                       "133=25|"),
         kC2S, kCents);
  auto quote = view_as<QuoteView>(q);
  assert_int_equal(*quote->bid_px(), 750000);  // 75 cents
  assert_int_equal(*quote->offer_px(), 250000);
  DecodedMessage &p =
      ok(frame_example("8=FIXT.1.1|35=AI|117=quote-789|131=server-rfq-456|297=10|38=100|132=75|"
                       "133=25|"),
         kS2C, kCents);
  assert_int_equal(*view_as<QuoteStatusReportView>(p)->quote_status(), 10);
  assert_int_equal(*view_as<QuoteStatusReportView>(p)->bid_px(), 750000);
  DecodedMessage &a =
      ok(frame_example("8=FIXT.1.1|35=AI|117=quote-789|131=server-rfq-456|297=0|54=1|38=100|"),
         kS2C, kCents);
  assert_int_equal(*view_as<QuoteStatusReportView>(a)->side(), '1');
  DecodedMessage &u7 =
      ok(frame_example("8=FIXT.1.1|35=U7|117=quote-789|21023=server-rfq-456|"), kC2S, kCents);
  assert_true(*view_as<QuoteConfirmView>(u7)->rfq_id() == "server-rfq-456");
  DecodedMessage &u8 = ok(frame_example("8=FIXT.1.1|35=U8|117=quote-789|21010=0|"), kS2C, kCents);
  assert_int_equal(*view_as<QuoteConfirmStatusView>(u8)->quote_confirm_status(), 0);
  DecodedMessage &z = ok(frame_example("35=Z|117=quote-789|"), kC2S, kCents);
  assert_true(view_as<QuoteCancelView>(z).has_value());
  DecodedMessage &u9 = ok(frame_example("35=U9|117=quote-789|298=1|58=not found|"), kS2C, kCents);
  assert_int_equal(*view_as<QuoteCancelStatusView>(u9)->quote_cancel_status(), 1);
}

void test_unknown_tags_kept(void **) {
  DecodedMessage &m =
      ok(frame_example("8=FIXT.1.1|35=D|11=123|38=10|333333=test|..."), kC2S, kCents);
  assert_int_equal(m.unknown_count(), 1);
  const DecodedField *u = m.find(333333);
  assert_non_null(u);
  assert_false(u->known());
  assert_true(u->text == "test");
  // Inside a group entry an unknown tag stays in the entry and does not end the group.
  DecodedMessage &w = ok(frame_example("35=W|55=S|268=2|269=0|270=0.10|9999=x|271=1|269=1|"
                                       "270=0.20|271=2|"),
                         kS2C, kCents);
  assert_int_equal(w.count(tag::NoMDEntries), 2);
  assert_true(*w.entry(tag::NoMDEntries, 0).text(9999) == "x");
  assert_int_equal(w.unknown_count(), 1);
  // An unknown MsgType decodes with every body field kept as text.
  DecodedMessage &x = ok(frame_example("35=ZZ|1=2|55=S|"), kS2C, kCents);
  assert_null(x.def());
  assert_true(x.msg_type() == "ZZ");
  assert_int_equal(x.unknown_count(), 2);
  // A MsgType known only in the other direction is unknown here.
  DecodedMessage &d = ok(frame_example("35=D|11=a|"), kS2C, kCents);
  assert_null(d.def());
}

void test_decode_errors(void **) {
  kalshi::Error e = fails(frame_example("35=D|11=a|44=abc|"), kC2S, kCents);
  assert_true(mentions(e, "44") && mentions(e, "abc"));
  e = fails(frame_example("35=D|11=a|38=1.005|"), kC2S, kCents);  // finer than 0.01 contract
  assert_true(mentions(e, "38"));
  e = fails(frame_example("35=D|11=a|44=0.1234567|"), kC2S, kDollars);
  assert_true(mentions(e, "44"));
  e = fails(frame_example("35=8|39=XX|"), kS2C, kCents);
  assert_true(mentions(e, "39"));
  e = fails(frame_example("35=8|1057=maybe|"), kS2C, kCents);
  assert_true(mentions(e, "1057"));
  e = fails(frame_example("35=8|60=2026-01-01|"), kS2C, kCents);
  assert_true(mentions(e, "60"));
  e = fails(frame_example("35=W|55=S|268=3|269=0|270=0.1|271=1|269=1|270=0.2|271=2|"), kS2C,
            kCents);
  assert_true(mentions(e, "268") && mentions(e, "declares 3"));
  e = fails(frame_example("35=W|55=S|268=1|269=0|270=0.1|271=1|269=1|270=0.2|271=2|"), kS2C,
            kCents);
  assert_true(mentions(e, "more than 1"));
  e = fails(frame_example("35=D|11=a|448=x|452=24|"), kC2S, kCents);
  assert_true(mentions(e, "448") && mentions(e, "outside"));
  e = fails(frame_example("35=D|11=a|453=1|452=24|448=x|"), kC2S, kCents);
  assert_true(mentions(e, "must start with"));
  e = fails(frame_example("35=D|11=a|11=b|"), kC2S, kCents);
  assert_true(mentions(e, "more than once"));
  e = fails(frame_example("35=W|55=S|268=1|269=0|270=0.1|270=0.2|"), kS2C, kCents);
  assert_true(mentions(e, "twice"));
  {
    DecodedMessage bad;
    e = decode(soh("8=FIXT.1.1|9=5|35=D|34=x|10=000|"), kC2S, kCents, bad, true);
    assert_int_equal(e.code, KALSHI_ERR_PROTOCOL);
    assert_true(mentions(e, "34"));
  }
  // Bad framing: the checksum is verified unless the caller says its FrameReader did.
  std::string f = frame_example("35=0|");
  f[f.size() - 2] = f[f.size() - 2] == '0' ? '1' : '0';
  e = fails(f, kC2S, kCents);
  assert_true(mentions(e, "frame"));
  DecodedMessage m;
  assert_true(decode(f, kC2S, kCents, m, true).ok());
  e = fails(frame_example("35=0|").substr(0, 20), kC2S, kCents);
  // UMS: nested group count mismatch.
  e = fails(frame_example("35=UMS|20105=r|55=M|715=20231231|20107=yes|730=1|20108=1|20109=u|"
                          "1703=2|1704=1|1705=PAYOUT|893=Y|"),
            kS2C, kCents);
  assert_true(mentions(e, "1703"));
}

void test_storage_reused(void **) {
  DecodedMessage m;
  const std::string f = frame_example("35=W|55=S|268=2|269=0|270=0.1|271=1|269=1|270=0.2|271=2|");
  assert_true(decode(f, kS2C, kCents, m).ok());
  const size_t cap = m.fields().capacity();
  const DecodedField *data = m.fields().data();
  for (int i = 0; i < 3; ++i) assert_true(decode(f, kS2C, kCents, m).ok());
  assert_int_equal(m.fields().capacity(), cap);
  assert_ptr_equal(m.fields().data(), data);
  // A failed decode leaves no stale lookups behind.
  assert_false(decode(frame_example("35=D|11=a|44=x|"), kC2S, kCents, m).ok());
  assert_true(decode(f, kS2C, kCents, m).ok());
  assert_null(m.find(tag::ClOrdID));
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_er_fill_dollars),
      cmocka_unit_test(test_nos_cents_and_dollars_and_margin),
      cmocka_unit_test(test_session_vectors),
      cmocka_unit_test(test_order_entry_examples),
      cmocka_unit_test(test_order_group_and_drop_copy_examples),
      cmocka_unit_test(test_market_data_examples),
      cmocka_unit_test(test_settlement_examples),
      cmocka_unit_test(test_rfq_creator_examples),
      cmocka_unit_test(test_rfq_maker_examples),
      cmocka_unit_test(test_unknown_tags_kept),
      cmocka_unit_test(test_decode_errors),
      cmocka_unit_test(test_storage_reused),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
