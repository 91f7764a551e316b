// The FIX message builders: a round trip (build -> frame -> decode -> same values) for every
// message of the dictionary in both directions and every price mode, the typed builders, the fast
// NewOrderSingle encoder against the spec's framed vector, and every validation error.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "api/fix/builder.h"
#include "api/fix/decoded_message.h"
#include "api/fix/new_order.h"
#include "api/fix/typed_builders.h"
#include "api/fix/views.h"
#include "fix/codec/writer.h"
#include "fix_test_frames.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::fix;

namespace {

const Context kCents{Product::Prediction, false};
const Context kDollars{Product::Prediction, true};
const Context kMargin{Product::Margin, false};

std::string frame(const MessageBuilder &b, const Buffer &body) {
  Header h;
  h.msg_type = b.def()->msg_type;
  h.sender_comp_id = "your-api-key";
  h.target_comp_id = "KalshiNR";
  h.msg_seq_num = 5;
  h.sending_time = "20230809-12:34:56.789";
  h.sender_sub_id = b.sender_sub_id();
  Buffer out;
  encode_message(h, body.view(), out);
  return std::string(out.view());
}

Direction sender_of(const MessageDef &d) {
  return d.direction == Direction::ServerToClient ? Direction::ServerToClient
                                                  : Direction::ClientToServer;
}

std::string first_code(std::string_view enums) {
  return std::string(enums.substr(0, enums.find('=')));
}

// A valid sample for a member; text in *text, number in *num.
void sample(const MemberDef &m, std::string *text, int64_t *num) {
  const FieldDef &f = *m.field;
  *num = 0;
  text->clear();
  switch (m.type) {
    case FieldType::String:
    case FieldType::MultiChar:
      *text = !f.enums.empty() ? first_code(f.enums) : "v-" + std::to_string(f.tag);
      break;
    case FieldType::Data:
      *text = "c2ln\x01bmF0dXJl==";
      break;  // Data may hold SOH
    case FieldType::Char:
      *num = f.enums.empty() ? 'X' : first_code(f.enums)[0];
      break;
    case FieldType::Int:
      *num = f.enums.empty() ? -7 : std::stoll(first_code(f.enums));
      break;
    case FieldType::Bool:
      *num = 1;
      break;
    case FieldType::SeqNum:
    case FieldType::Length:
      *num = 5;
      break;
    case FieldType::Qty:
      *num = 1200;
      break;
    case FieldType::Amount:
      *num = 30603000;
      break;
    case FieldType::Price:
      *num = 750000;
      break;
    case FieldType::PriceDollars:
      *num = 195100;
      break;
    case FieldType::PriceCents:
      *num = 306000;
      break;
    case FieldType::UtcTimestamp:
      *num = 1758923656159;
      break;
    case FieldType::LocalMktDate:
      *num = 20231231;
      break;
    case FieldType::NumInGroup:
      break;
  }
}

bool written_with_next(const MemberDef *members, size_t n, size_t k) {
  return members[k].type == FieldType::Length && k + 1 < n &&
         members[k + 1].type == FieldType::Data;
}

void fill(MessageBuilder &b, const MemberDef *members, size_t n, int entries) {
  for (size_t k = 0; k < n; ++k) {
    const MemberDef &m = members[k];
    const uint32_t tag = m.field->tag;
    if (written_with_next(members, n, k)) continue;
    if (m.group != nullptr) {
      assert_true(b.begin_group(tag).ok());
      for (int e = 0; e < entries; ++e) {
        assert_true(b.next_entry().ok());
        fill(b, m.group->members, m.group->member_count, 1);
      }
      assert_true(b.end_group().ok());
      continue;
    }
    std::string text;
    int64_t num = 0;
    sample(m, &text, &num);
    kalshi::Error e;
    switch (m.type) {
      case FieldType::String:
      case FieldType::MultiChar:
        e = b.set_string(tag, text);
        break;
      case FieldType::Data:
        e = b.set_data(tag, text);
        break;
      case FieldType::Char:
        e = b.set_char(tag, static_cast<char>(num));
        break;
      case FieldType::Bool:
        e = b.set_bool(tag, num != 0);
        break;
      case FieldType::Qty:
        e = b.set_qty(tag, num);
        break;
      case FieldType::Amount:
        e = b.set_amount(tag, num);
        break;
      case FieldType::Price:
      case FieldType::PriceDollars:
      case FieldType::PriceCents:
        e = b.set_price(tag, num);
        break;
      case FieldType::UtcTimestamp:
        e = b.set_timestamp(tag, num);
        break;
      case FieldType::LocalMktDate:
        e = b.set_date(tag, static_cast<int32_t>(num));
        break;
      default:
        e = b.set_int(tag, num);
        break;
    }
    if (!e.ok()) print_error("set %u: %s\n", tag, e.message.c_str());
    assert_true(e.ok());
  }
}

void check(const FieldScope &s, const MemberDef *members, size_t n, int entries) {
  for (size_t k = 0; k < n; ++k) {
    const MemberDef &m = members[k];
    const uint32_t tag = m.field->tag;
    if (m.group != nullptr) {
      assert_int_equal(s.count(tag), entries);
      for (int e = 0; e < entries; ++e) {
        check(s.entry(tag, static_cast<size_t>(e)), m.group->members, m.group->member_count, 1);
      }
      continue;
    }
    const DecodedField *f = s.find(tag);
    if (f == nullptr) print_error("tag %u missing after the round trip\n", tag);
    assert_non_null(f);
    assert_true(f->known());
    if (written_with_next(members, n, k)) continue;
    std::string text;
    int64_t num = 0;
    sample(m, &text, &num);
    if (m.type == FieldType::String || m.type == FieldType::MultiChar ||
        m.type == FieldType::Data) {
      assert_true(f->text == text);
    } else {
      if (f->value != num)
        print_error("tag %u: %lld != %lld\n", tag, static_cast<long long>(f->value),
                    static_cast<long long>(num));
      assert_int_equal(f->value, num);
    }
  }
}

void test_round_trip_every_message(void **) {
  size_t count = 0;
  const MessageDef *defs = message_table(&count);
  assert_int_equal(count, 42);  // 40 MsgTypes, R and S twice
  MessageBuilder b;             // reused across all messages on purpose
  DecodedMessage m;
  for (const Context &ctx : {kCents, kDollars, kMargin}) {
    for (size_t i = 0; i < count; ++i) {
      const MessageDef &d = defs[i];
      for (int entries : {1, 2}) {
        assert_true(b.start(&d, ctx).ok());
        fill(b, d.members, d.member_count, entries);
        Buffer body;
        const kalshi::Error fe = b.finish(body);
        if (!fe.ok()) print_error("%s: %s\n", std::string(d.name).c_str(), fe.message.c_str());
        assert_true(fe.ok());
        const std::string f = frame(b, body);
        const kalshi::Error de = decode(f, sender_of(d), ctx, m);
        if (!de.ok()) print_error("%s: %s\n", std::string(d.name).c_str(), de.message.c_str());
        assert_true(de.ok());
        assert_ptr_equal(m.def(), &d);
        check(m.root(), d.members, d.member_count, entries);
        assert_int_equal(m.missing_required().size(), 0);
        assert_int_equal(m.unknown_count(), 0);
      }
    }
  }
}

void test_nos_matches_spec_vector(void **) {
  // §15.2 "nos": the body must come out byte for byte (header order is the codec's).
  const std::string spec = fixtest::soh(
      "11=550e8400-e29b-41d4-a716-446655440000|38=10|40=2|54=1|55=HIGHNY-23DEC31|44=75|59=1|");
  NewOrderSingleBuilder b;
  assert_true(b.start(kCents).ok());
  assert_true(b.symbol("HIGHNY-23DEC31").ok());  // any order: written in definition order
  assert_true(b.price(750000).ok());
  assert_true(b.cl_ord_id("550e8400-e29b-41d4-a716-446655440000").ok());
  assert_true(b.side('1').ok());
  assert_true(b.order_qty(1000).ok());
  assert_true(b.ord_type('2').ok());
  assert_true(b.time_in_force('1').ok());
  Buffer body;
  assert_true(b.finish(body).ok());
  assert_true(body.view() == spec);

  NewOrderSingle o;
  o.cl_ord_id = "550e8400-e29b-41d4-a716-446655440000";
  o.order_qty = 1000;
  o.side = '1';
  o.symbol = "HIGHNY-23DEC31";
  o.price = 750000;
  o.time_in_force = '1';
  Buffer fast;
  FieldWriter w(fast);
  assert_true(encode_new_order_single(o, kCents, w).ok());
  assert_true(fast.view() == spec);
  // The framed message is the spec's (same fields, exact 9 and 10) once headers are reordered.
  Header h;
  h.msg_type = "D";
  h.sender_comp_id = "your-api-key";
  h.target_comp_id = "KalshiNR";
  h.msg_seq_num = 5;
  h.sending_time = "20230809-12:34:56.789";
  Buffer out;
  encode_message(h, fast.view(), out);
  assert_true(out.view().substr(0, 12) == fixtest::soh("8=FIXT.1.1|9"));
  assert_true(out.view().find(fixtest::soh("|9=148|")) != std::string_view::npos);

  // Dollars and margin.
  Buffer d;
  FieldWriter wd(d);
  assert_true(encode_new_order_single(o, kDollars, wd).ok());
  assert_true(d.view().find(fixtest::soh("|44=0.7500|")) != std::string_view::npos);
  o.price = 19500000;
  o.symbol = "BTC-PERP";
  o.party_id = "550e8400-e29b-41d4-a716-446655440000_c1";
  o.alloc_account = 0;
  o.expire_time_ms = 1758923656159;
  o.time_in_force = '6';
  Buffer mg;
  FieldWriter wm(mg);
  assert_true(encode_new_order_single(o, kMargin, wm).ok());
  DecodedMessage m;
  assert_true(decode(frame(b, mg), Direction::ClientToServer, kMargin, m).ok());
  auto v = view_as<NewOrderSingleView>(m);
  assert_int_equal(*v->price(), 19500000);
  assert_int_equal(*v->expire_time(), 1758923656159);
  assert_int_equal(*v->alloc_account(), 0);
  assert_int_equal(*v->no_party_ids()[0].party_role(), 24);
}

void test_fast_nos_errors(void **) {
  NewOrderSingle o;
  o.cl_ord_id = "ok-1";
  o.order_qty = 1000;
  o.symbol = "M";
  o.price = 750000;
  Buffer b;
  FieldWriter w(b);
  o.price = 755000;  // 75.5 cents
  assert_int_equal(encode_new_order_single(o, kCents, w).code, KALSHI_ERR_INEXACT);
  assert_true(encode_new_order_single(o, kDollars, w).ok());
  b.clear();
  o.price = 755050;  // 5 decimals
  assert_int_equal(encode_new_order_single(o, kDollars, w).code, KALSHI_ERR_INEXACT);
  o.price = 750000;
  o.order_qty = 1050;
  assert_int_equal(encode_new_order_single(o, kMargin, w).code, KALSHI_ERR_INEXACT);
  assert_true(encode_new_order_single(o, kCents, w).ok());
  b.clear();
  o.order_qty = 1000;
  o.cl_ord_id = "bad id";
  assert_int_equal(encode_new_order_single(o, kCents, w).code, KALSHI_ERR_INVALID_VALUE);
  o.cl_ord_id = "ok";
  o.max_execution_cost = 5000000;
  assert_int_equal(encode_new_order_single(o, kMargin, w).code, KALSHI_ERR_INVALID_ARG);
  o.max_execution_cost.reset();
  o.side = '3';
  assert_int_equal(encode_new_order_single(o, kCents, w).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(b.size(), 0);  // nothing written on error
}

void test_typed_server_builders(void **) {
  // The simulator's side: an ExecutionReport trade with fees and collateral, then UMS.
  ExecutionReportBuilder er;
  assert_true(er.start(kDollars).ok());
  assert_true(er.avg_px(660000).ok());
  assert_true(er.cl_ord_id("order-2").ok());
  assert_true(er.cum_qty(10000).ok());
  assert_true(er.exec_id("4;7").ok());
  assert_true(er.order_id("ord-abc").ok());
  assert_true(er.order_qty(10000).ok());
  assert_true(er.ord_status('2').ok());
  assert_true(er.side('1').ok());
  assert_true(er.symbol("HIGHNY-23DEC31").ok());
  assert_true(er.exec_type('F').ok());
  assert_true(er.leaves_qty(0).ok());
  assert_true(er.last_qty(6000).ok());
  assert_true(er.begin_no_misc_fees().ok());
  assert_true(er.next_entry().ok());
  assert_true(er.misc_fee_amt(60).ok());
  assert_true(er.misc_fee_curr("USD").ok());
  assert_true(er.end_group().ok());
  Buffer body;
  assert_true(er.finish(body).ok());
  // Server quantities carry 2 decimals, fees keep their precision.
  assert_true(body.view().find(fixtest::soh("|14=100.00|")) != std::string_view::npos);
  assert_true(body.view().find(fixtest::soh("|137=0.00006|")) != std::string_view::npos);
  assert_true(body.view().substr(0, 7) == fixtest::soh("6=0.66|") ||
              body.view().substr(0, 9) == fixtest::soh("6=0.6600|"));

  MarketSettlementReportBuilder u;
  assert_true(u.start(kCents).ok());
  assert_true(u.market_settlement_report_id("settle-456").ok());
  assert_true(u.symbol("HIGHNY-23DEC31").ok());
  assert_true(u.clearing_business_date(20231231).ok());
  assert_true(u.market_result("scalar").ok());
  assert_true(u.settlement_price(306000).ok());
  assert_true(u.last_fragment(true).ok());
  assert_true(u.begin_no_market_settlement_party_ids().ok());
  assert_true(u.next_entry().ok());
  assert_true(u.market_settlement_party_id("user-789").ok());
  assert_true(u.long_qty(10001).ok());
  assert_true(u.begin_no_collateral_amount_changes().ok());
  assert_true(u.next_entry().ok());
  assert_true(u.collateral_amount_change(30603000).ok());
  assert_true(u.collateral_amount_type("PAYOUT").ok());
  assert_true(u.end_group().ok());
  assert_true(u.begin_no_misc_fees().ok());
  assert_true(u.next_entry().ok());
  assert_true(u.misc_fee_amt(60).ok());
  assert_true(u.end_group().ok());
  assert_true(u.end_group().ok());
  Buffer ub;
  assert_true(u.finish(ub).ok());
  assert_true(ub.view() == fixtest::soh("20105=settle-456|55=HIGHNY-23DEC31|715=20231231|"
                                        "20107=scalar|730=30.60|20108=1|20109=user-789|"
                                        "704=100.01|1703=1|1704=30.603|1705=PAYOUT|136=1|"
                                        "137=0.00006|893=Y|"));

  // The creator's MVE RFQ: the 146 entry starts with OrderQty, no Symbol.
  QuoteRequestBuilder r;
  assert_true(r.start(kCents).ok());
  assert_true(r.quote_req_id("client-req-456").ok());
  assert_true(r.begin_no_related_sym().ok());
  assert_true(r.next_entry().ok());
  assert_true(r.order_qty(10000).ok());
  assert_true(r.replace_existing(true).ok());
  assert_true(r.begin_no_party_ids().ok());
  assert_true(r.next_entry().ok());
  assert_true(r.party_id("subtrader-uuid").ok());
  assert_true(r.party_role(24).ok());
  assert_true(r.end_group().ok());
  assert_true(r.end_group().ok());
  assert_true(r.multivariate_collection_ticker("PARLAY-COLLECTION").ok());
  assert_true(r.begin_no_multivariate_selected_legs().ok());
  for (const char *leg : {"1", "2"}) {
    assert_true(r.next_entry().ok());
    assert_true(r.multivariate_selected_event_ticker(std::string("EVENT") + leg).ok());
    assert_true(r.multivariate_selected_market_ticker(std::string("MKT") + leg).ok());
    assert_true(r.multivariate_selected_side(leg[0] == '1' ? "yes" : "no").ok());
  }
  assert_true(r.end_group().ok());
  Buffer rb;
  assert_true(r.finish(rb).ok());
  assert_true(rb.view() ==
              fixtest::soh("131=client-req-456|146=1|38=100|21016=Y|453=1|448=subtrader-uuid|"
                           "452=24|20180=PARLAY-COLLECTION|20181=2|20182=EVENT1|20183=MKT1|"
                           "20184=yes|20182=EVENT2|20183=MKT2|20184=no|"));

  // Empty snapshot for an unknown ticker: 268=0.
  MarketDataSnapshotFullRefreshBuilder w;
  assert_true(w.start(kCents).ok());
  assert_true(w.symbol("NOPE").ok());
  assert_true(w.begin_no_md_entries().ok());
  assert_true(w.end_group().ok());
  Buffer wb;
  assert_true(w.finish(wb).ok());
  assert_true(wb.view() == fixtest::soh("55=NOPE|268=0|"));

  // Logon with its signature: 95 is written with 96.
  LogonBuilder l;
  assert_true(l.start(kCents).ok());
  assert_true(l.encrypt_method(0).ok());
  assert_true(l.heart_bt_int(30).ok());
  assert_true(l.raw_data("c2ln").ok());
  assert_true(l.reset_seq_num_flag(true).ok());
  assert_true(l.default_appl_ver_id("9").ok());
  Buffer lb;
  assert_true(l.finish(lb).ok());
  assert_true(lb.view() == fixtest::soh("98=0|108=30|95=4|96=c2ln|141=Y|1137=9|"));
}

void test_validation_errors(void **) {
  MessageBuilder b;
  assert_int_equal(b.set_string(11, "x").code, KALSHI_ERR_STATE);
  assert_int_equal(b.start("D", Direction::ServerToClient, kCents).code, KALSHI_ERR_INVALID_ARG);
  assert_true(b.start("D", Direction::ClientToServer, kCents).ok());
  // Structure.
  assert_int_equal(b.set_string(17, "4;7").code, KALSHI_ERR_INVALID_ARG);  // not in D
  assert_int_equal(b.set_string(448, "p").code, KALSHI_ERR_INVALID_ARG);   // belongs in 453
  assert_int_equal(b.set_int(44, 75).code, KALSHI_ERR_INVALID_ARG);        // a price, not Int
  assert_int_equal(b.set_string(38, "10").code, KALSHI_ERR_INVALID_ARG);   // Qty, not text
  assert_int_equal(b.begin_group(55).code, KALSHI_ERR_INVALID_ARG);        // not a group
  assert_int_equal(b.next_entry().code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(b.end_group().code, KALSHI_ERR_INVALID_ARG);
  // Value form.
  assert_int_equal(b.set_string(55, "").code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(b.set_string(55,
                                "A\x01"
                                "B")
                       .code,
                   KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(b.set_string(11, std::string(65, 'a')).code, KALSHI_ERR_INVALID_VALUE);
  assert_true(b.set_string(11, std::string(64, 'a')).ok());
  assert_int_equal(b.set_string(11, "a b").code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(b.set_string(11, "a.b").code, KALSHI_ERR_INVALID_VALUE);
  assert_true(b.set_string(11, "A-z_0:9+=/").ok());
  assert_int_equal(b.set_char(54, '3').code, KALSHI_ERR_INVALID_VALUE);  // enumeration
  assert_int_equal(b.set_char(59, '2').code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(b.set_string(18, "6 X").code, KALSHI_ERR_INVALID_VALUE);
  assert_true(b.set_string(18, "6 E").ok());
  assert_int_equal(b.set_int(2964, 3).code, KALSHI_ERR_INVALID_VALUE);
  assert_int_equal(b.set_string(50, std::string(17, 'o')).code, KALSHI_ERR_INVALID_VALUE);
  assert_true(b.set_string(50, "operator-1").ok());
  assert_true(b.sender_sub_id() == "operator-1");
  // Numbers in the session's unit.
  assert_int_equal(b.set_price(44, 755000).code, KALSHI_ERR_INEXACT);  // 75.5 cents
  assert_true(b.set_price(44, 750000).ok());
  assert_int_equal(b.set_timestamp(126, -1).code, KALSHI_ERR_RANGE);
  assert_int_equal(b.set_text(44, "abc").code, KALSHI_ERR_INVALID_VALUE);
  assert_true(b.set_text(44, "75").ok());
  assert_true(b.set_text(38, "5.25").ok());
  // Required members at finish; nothing is written on failure.
  Buffer body;
  body.append("keep");
  kalshi::Error e = b.finish(body);
  assert_int_equal(e.code, KALSHI_ERR_INVALID_ARG);
  assert_true(e.message.find("40") != std::string::npos);
  assert_true(body.view() == "keep");
  // Groups: members before next_entry(), an entry without its delimiter, an open group.
  assert_true(b.begin_group(453).ok());
  assert_int_equal(b.set_string(448, "p").code, KALSHI_ERR_INVALID_ARG);
  assert_true(b.next_entry().ok());
  assert_int_equal(b.set_string(55, "S").code, KALSHI_ERR_INVALID_ARG);  // not in the entry
  assert_true(b.set_int(452, 24).ok());
  assert_int_equal(b.finish(body).code, KALSHI_ERR_INVALID_ARG);  // still open
  assert_true(b.end_group().ok());
  assert_int_equal(b.begin_group(453).code, KALSHI_ERR_INVALID_ARG);  // built already
  assert_true(b.set_char(40, '2').ok());
  assert_true(b.set_char(54, '1').ok());
  assert_true(b.set_string(55, "S").ok());
  e = b.finish(body);
  assert_int_equal(e.code, KALSHI_ERR_INVALID_ARG);  // the 453 entry lacks 448
  assert_true(e.message.find("448") != std::string::npos);

  // Dollar mode: at most 4 decimals; margin order quantities whole; settlement price 2 dp cents.
  assert_true(b.start("D", Direction::ClientToServer, kDollars).ok());
  assert_int_equal(b.set_price(44, 750050).code, KALSHI_ERR_INEXACT);
  assert_true(b.set_price(44, 750100).ok());
  assert_true(b.start("G", Direction::ClientToServer, kMargin).ok());
  assert_int_equal(b.set_qty(38, 1025).code, KALSHI_ERR_INEXACT);
  assert_true(b.set_qty(38, 1000).ok());
  assert_true(b.start("UMS", Direction::ServerToClient, kCents).ok());
  assert_int_equal(b.set_price(730, 306050).code, KALSHI_ERR_INEXACT);
  assert_int_equal(b.set_date(715, 20230230).code, KALSHI_ERR_RANGE);
  assert_true(b.start("A", Direction::Both, kCents).ok());
  assert_int_equal(b.set_int(95, 4).code, KALSHI_ERR_INVALID_ARG);        // written with 96
  assert_int_equal(b.set_string(50, "op").code, KALSHI_ERR_INVALID_ARG);  // never on Logon
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip_every_message),
      cmocka_unit_test(test_nos_matches_spec_vector),
      cmocka_unit_test(test_fast_nos_errors),
      cmocka_unit_test(test_typed_server_builders),
      cmocka_unit_test(test_validation_errors),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
