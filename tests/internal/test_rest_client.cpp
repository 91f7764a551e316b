// api/rest/rest_event + rest_client helpers: response bodies to typed objects per operation (lists
// with cursors, order books of both products, perps balance, V2 write responses, batch items with
// errors, the lenient view when a required field is missing, no model), the rest.* settings
// (tiers, unpublished tiers, custom, proxy), JSON string escaping and UUIDs.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <set>
#include <string>
#include <vector>

#include "api/rest/catalog.h"
#include "api/rest/rest_client.h"
#include "api/rest/rest_client_json.h"
#include "api/rest/rest_event.h"

extern "C" {
#include <cmocka.h>
}

namespace {

using kalshi::api::rest::decode_response;
using kalshi::rest::Api;
using kalshi::rest::find_operation;
using kalshi::rest::OperationDef;

const OperationDef &op(Api api, const char *id) {
  const OperationDef *o = find_operation(api, id);
  assert_non_null(o);
  return *o;
}

int64_t num(const kalshi_obj &o, const char *name, kalshi_field_kind_t kind) {
  const kalshi_obj::Field *f = o.find(name);
  assert_non_null(f);
  assert_int_equal(f->kind, kind);
  return f->value;
}

std::string str(const kalshi_obj &o, const char *name) {
  const kalshi_obj::Field *f = o.find(name);
  assert_non_null(f);
  assert_int_equal(f->kind, KALSHI_FIELD_STR);
  return f->text;
}

void test_markets_page_with_cursor(void **) {
  const std::string body =
      R"({"markets":[{"ticker":"A","event_ticker":"E","market_type":"binary","open_time":"t",)"
      R"("close_time":"t","status":"active","yes_bid_dollars":"0.5600","volume_fp":"10.00",)"
      R"("can_close_early":true,"floor_strike":1.5,"brand_new_field":{"x":1}}],"cursor":"abc"})";
  std::vector<kalshi_obj> objs;
  std::string cursor;
  assert_true(decode_response(op(Api::Prediction, "GetMarkets"), body, "", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 1);
  assert_string_equal(objs[0].kind.c_str(), "market");
  assert_string_equal(str(objs[0], "ticker").c_str(), "A");
  assert_int_equal(num(objs[0], "yes_bid_dollars", KALSHI_FIELD_PRICE), 560000);
  assert_int_equal(num(objs[0], "volume_fp", KALSHI_FIELD_COUNT), 1000);
  assert_int_equal(num(objs[0], "can_close_early", KALSHI_FIELD_BOOL), 1);
  assert_null(objs[0].find("brand_new_field"));  // unknown fields stay in the raw body
  assert_string_equal(cursor.c_str(), "abc");
}

void test_lenient_view_when_required_field_missing(void **) {
  // close_time is required by the spec; a server that omits it still yields the other fields.
  const std::string body =
      R"({"markets":[{"ticker":"A","event_ticker":"E","market_type":"binary","open_time":"t",)"
      R"("status":"active","yes_ask_dollars":"0.4","open_interest_fp":3,"volume_24h_fp":1.5}],)"
      R"("cursor":"next"})";
  std::vector<kalshi_obj> objs;
  std::string cursor;
  assert_true(decode_response(op(Api::Prediction, "GetMarkets"), body, "", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 1);
  assert_int_equal(num(objs[0], "yes_ask_dollars", KALSHI_FIELD_PRICE), 400000);
  assert_int_equal(num(objs[0], "open_interest_fp", KALSHI_FIELD_COUNT), 300);
  assert_null(objs[0].find("volume_24h_fp"));  // binary floating point is never read
  assert_null(objs[0].find("close_time"));
  assert_string_equal(cursor.c_str(), "next");
}

void test_orderbooks_both_products(void **) {
  std::vector<kalshi_obj> objs;
  std::string cursor;
  const std::string pred =
      R"({"orderbook_fp":{"yes_dollars":[["0.4000","10.00"]],"no_dollars":[["0.3000","2.50"]]}})";
  assert_true(
      decode_response(op(Api::Prediction, "GetMarketOrderbook"), pred, "T1", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 1);
  assert_string_equal(objs[0].kind.c_str(), "orderbook");
  assert_string_equal(str(objs[0], "ticker").c_str(), "T1");
  assert_non_null(objs[0].side("yes"));
  assert_int_equal(objs[0].side("yes")->levels[0].price, 400000);
  assert_int_equal(objs[0].side("yes")->levels[0].size, 1000);
  assert_int_equal(objs[0].side("no")->levels[0].size, 250);

  objs.clear();
  const std::string perps =
      R"({"orderbook":{"bids":[["101.5","3.00"]],"asks":[["102.25","1.00"],["103","2.00"]]}})";
  assert_true(
      decode_response(op(Api::Perps, "GetMarginMarketOrderbook"), perps, "BTC", &objs, &cursor)
          .ok());
  assert_int_equal(objs.size(), 1);
  assert_string_equal(objs[0].kind.c_str(), "margin_orderbook");
  assert_int_equal(objs[0].side("bid")->levels.size(), 1);
  assert_int_equal(objs[0].side("bid")->levels[0].price, 101500000);
  assert_int_equal(objs[0].side("ask")->levels.size(), 2);
  assert_int_equal(objs[0].side("ask")->levels[1].price, 103000000);
}

void test_v2_write_responses(void **) {
  std::vector<kalshi_obj> objs;
  std::string cursor;
  const std::string created =
      R"({"order_id":"o1","client_order_id":"c1","fill_count":"1.00","remaining_count":"2.00",)"
      R"("average_fill_price":"0.5500","ts_ms":1700000000000})";
  assert_true(
      decode_response(op(Api::Prediction, "CreateOrderV2"), created, "", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 1);
  assert_string_equal(objs[0].kind.c_str(), "order");
  assert_int_equal(num(objs[0], "fill_count", KALSHI_FIELD_COUNT), 100);
  assert_int_equal(num(objs[0], "remaining_count", KALSHI_FIELD_COUNT), 200);
  assert_int_equal(num(objs[0], "average_fill_price", KALSHI_FIELD_PRICE), 550000);
  assert_int_equal(num(objs[0], "ts_ms", KALSHI_FIELD_INT), 1700000000000);

  objs.clear();
  const std::string batch =
      R"({"orders":[{"order_id":"o2","fill_count":"0.00"},)"
      R"({"client_order_id":"c3","error":{"code":"insufficient_balance","message":"no"}}]})";
  assert_true(
      decode_response(op(Api::Prediction, "BatchCreateOrdersV2"), batch, "", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 2);
  assert_string_equal(str(objs[1], "error_code").c_str(), "insufficient_balance");
  assert_string_equal(str(objs[1], "client_order_id").c_str(), "c3");
}

void test_margin_balance_and_positions(void **) {
  std::vector<kalshi_obj> objs;
  std::string cursor;
  const std::string bal = R"({"settled_funds":"100.50","subaccount_balances":[{"subaccount":0,)"
                          R"("account_equity":"90.00","available_balance":"80.00"}]})";
  assert_true(decode_response(op(Api::Perps, "GetMarginBalance"), bal, "", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 2);
  assert_string_equal(objs[0].kind.c_str(), "margin_balance");
  assert_int_equal(num(objs[0], "settled_funds", KALSHI_FIELD_PRICE), 100500000);
  assert_string_equal(objs[1].kind.c_str(), "margin_subaccount_balance");
  assert_int_equal(num(objs[1], "available_balance", KALSHI_FIELD_PRICE), 80000000);

  objs.clear();
  const std::string pos = R"({"market_positions":[{"ticker":"T","position_fp":"2.00"}],)"
                          R"("event_positions":[{"event_ticker":"E"}],"cursor":""})";
  assert_true(decode_response(op(Api::Prediction, "GetPositions"), pos, "", &objs, &cursor).ok());
  assert_int_equal(objs.size(), 2);
  assert_string_equal(objs[0].kind.c_str(), "market_position");
  assert_int_equal(num(objs[0], "position_fp", KALSHI_FIELD_COUNT), 200);
  assert_string_equal(objs[1].kind.c_str(), "event_position");
  assert_true(cursor.empty());
}

void test_no_model_and_garbage(void **) {
  std::vector<kalshi_obj> objs;
  std::string cursor;
  // No model for this operation: no objects, no error.
  assert_true(
      decode_response(op(Api::Prediction, "GetUserDataTimestamp"), R"({"x":1})", "", &objs, &cursor)
          .ok());
  assert_true(objs.empty());
  // Not JSON at all: an error, no objects, no crash.
  const std::string junk = "\x01\xff{[\"";
  assert_false(decode_response(op(Api::Prediction, "GetMarkets"), junk, "", &objs, &cursor).ok());
  assert_true(objs.empty());
  assert_false(
      decode_response(op(Api::Prediction, "CreateOrderV2"), "[1,2]", "", &objs, &cursor).ok());
  assert_true(objs.empty());
}

void test_settings(void **) {
  kalshi::Conf conf;
  kalshi::api::rest::RestSettings s;
  assert_true(kalshi::api::rest::read_rest_settings(conf, &s).ok());
  assert_true(s.limiter);
  assert_int_equal(s.tier.read_refill_per_s, 200);  // Basic
  assert_true(s.trade.tls);
  assert_true(s.proxy_host.empty());

  assert_true(conf.set("rest.rate_tier", "off").ok());
  assert_true(conf.set("net.https_proxy", "[::1]:3128").ok());
  assert_true(kalshi::api::rest::read_rest_settings(conf, &s).ok());
  assert_false(s.limiter);
  assert_string_equal(s.proxy_host.c_str(), "::1");
  assert_int_equal(s.proxy_port, 3128);

  assert_true(conf.set("net.https_proxy", "proxy:99999").ok());
  assert_int_equal(kalshi::api::rest::read_rest_settings(conf, &s).code, KALSHI_ERR_INVALID_VALUE);
  assert_true(conf.set("net.https_proxy", "").ok());

  assert_true(conf.set("rest.rate_tier", "custom").ok());  // no numbers given
  assert_int_equal(kalshi::api::rest::read_rest_settings(conf, &s).code, KALSHI_ERR_INVALID_VALUE);
  assert_true(conf.set("rest.rate_read_per_s", "50").ok());
  assert_true(conf.set("rest.rate_write_per_s", "20").ok());
  assert_true(kalshi::api::rest::read_rest_settings(conf, &s).ok());
  assert_int_equal(s.tier.read_refill_per_s, 50);
  assert_int_equal(s.tier.write_refill_per_s, 20);
}

void test_json_string_and_uuid(void **) {
  std::string out;
  kalshi::api::rest::append_json_string("a\"b\\c\n\x01", &out);
  assert_string_equal(out.c_str(), "\"a\\\"b\\\\c\\u000a\\u0001\"");
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string u;
    assert_true(kalshi::api::rest::new_uuid_v4(&u).ok());
    assert_int_equal(u.size(), 36);
    assert_int_equal(u[14], '4');
    assert_true(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
    assert_int_equal(u[8], '-');
    seen.insert(u);
  }
  assert_int_equal(seen.size(), 50);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_markets_page_with_cursor),
      cmocka_unit_test(test_lenient_view_when_required_field_missing),
      cmocka_unit_test(test_orderbooks_both_products),
      cmocka_unit_test(test_v2_write_responses),
      cmocka_unit_test(test_margin_balance_and_positions),
      cmocka_unit_test(test_no_model_and_garbage),
      cmocka_unit_test(test_settings),
      cmocka_unit_test(test_json_string_and_uuid),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
