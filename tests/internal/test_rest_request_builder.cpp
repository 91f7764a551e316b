// The REST request builder: every validation rule (each failure names the parameter or body
// field), percent-encoding of reserved characters, arrays per the spec's style, and the signed
// path that never includes the query.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/request_builder.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::rest;
using kalshi::Error;

namespace {

const OperationDef &op(Api api, std::string_view id) {
  const OperationDef *found = find_operation(api, id);
  if (found == nullptr) fail_msg("operation %.*s not in the catalog", int(id.size()), id.data());
  return *found;
}

const OperationDef &pred(std::string_view id) {
  return op(Api::Prediction, id);
}

Error build(const OperationDef &o, std::initializer_list<Param> params, std::string_view body,
            BuiltRequest *out) {
  const std::vector<Param> list(params);
  return build_request(o, list, body, out);
}

// Expects KALSHI_ERR_INVALID_ARG whose message contains every one of `needles`.
void expect_invalid(const OperationDef &o, std::initializer_list<Param> params,
                    std::string_view body, std::initializer_list<std::string_view> needles) {
  BuiltRequest out;
  const Error e = build(o, params, body, &out);
  if (e.code != KALSHI_ERR_INVALID_ARG) {
    fail_msg("%s: expected INVALID_ARG, got %d (%s)", o.id, int(e.code), e.message.c_str());
  }
  for (std::string_view needle : needles) {
    if (e.message.find(needle) == std::string::npos) {
      fail_msg("message '%s' lacks '%.*s'", e.message.c_str(), int(needle.size()), needle.data());
    }
  }
}

void expect_ok(const OperationDef &o, std::initializer_list<Param> params, std::string_view body,
               BuiltRequest *out) {
  const Error e = build(o, params, body, out);
  if (!e.ok()) fail_msg("%s: unexpected error: %s", o.id, e.message.c_str());
}

constexpr std::string_view kOrder =
    R"({"ticker":"KXBTC-26","side":"bid","count":"10","price":"0.5600",)"
    R"("time_in_force":"good_till_canceled","self_trade_prevention_type":"maker"})";

void test_get_with_query_in_spec_order(void **) {
  BuiltRequest out;
  // Given out of order; the query follows the spec's parameter order (limit before status).
  expect_ok(pred("GetMarkets"), {{"status", "open"}, {"limit", "100"}}, "", &out);
  assert_string_equal(out.method.c_str(), "GET");
  assert_string_equal(out.target.c_str(), "/trade-api/v2/markets?limit=100&status=open");
  assert_string_equal(out.sign_path.c_str(), "/trade-api/v2/markets");
  assert_true(out.body.empty());
  assert_true(out.idempotent);
  assert_true(out.auth == Auth::None);
  assert_true(out.rate_class == RateClass::Read);
  assert_ptr_equal(out.op, &pred("GetMarkets"));
  // No parameters: no '?'.
  expect_ok(pred("GetMarkets"), {}, "", &out);
  assert_string_equal(out.target.c_str(), "/trade-api/v2/markets");
}

void test_path_params_and_sign_path(void **) {
  BuiltRequest out;
  expect_ok(pred("CancelOrderV2"), {{"market_ticker", "KX-1"}, {"order_id", "abc-123"}}, "", &out);
  assert_string_equal(out.method.c_str(), "DELETE");
  assert_string_equal(out.target.c_str(),
                      "/trade-api/v2/portfolio/events/orders/abc-123?market_ticker=KX-1");
  // rest-notes.md section 2: the signature covers the path without the query.
  assert_string_equal(out.sign_path.c_str(), "/trade-api/v2/portfolio/events/orders/abc-123");
  assert_false(out.idempotent);
  assert_true(out.auth == Auth::KalshiSignature);
  assert_true(out.rate_class == RateClass::Write);

  expect_ok(pred("GetMarketCandlesticks"),
            {{"ticker", "T"},
             {"series_ticker", "S"},
             {"start_ts", "1"},
             {"end_ts", "2"},
             {"period_interval", "60"}},
            "", &out);
  assert_string_equal(
      out.target.c_str(),
      "/trade-api/v2/series/S/markets/T/candlesticks?start_ts=1&end_ts=2&period_interval=60");
  assert_string_equal(out.sign_path.c_str(), "/trade-api/v2/series/S/markets/T/candlesticks");

  // Klear: its own base path.
  expect_ok(op(Api::Klear, "GetObligationSettlementDetails"),
            {{"obligation_id", "ob1"}, {"limit", "5"}}, "", &out);
  assert_string_equal(out.target.c_str(),
                      "/klear-api/v1/margin/obligations/ob1/settlement_details?limit=5");
  assert_true(out.auth == Auth::Bearer);
}

void test_reserved_characters_are_encoded(void **) {
  BuiltRequest out;
  // A path parameter cannot add segments, a query, or a fragment.
  expect_ok(pred("GetMarket"), {{"ticker", "A/B?c=d#e f%"}}, "", &out);
  assert_string_equal(out.target.c_str(), "/trade-api/v2/markets/A%2FB%3Fc%3Dd%23e%20f%25");
  assert_string_equal(out.sign_path.c_str(), out.target.c_str());  // signs the encoded bytes
  // A query value cannot add parameters; unreserved -._~ stay as they are.
  expect_ok(pred("GetMarkets"), {{"cursor", "a&b=c+d,e"}, {"event_ticker", "K-X_1.2~3"}}, "", &out);
  assert_string_equal(out.target.c_str(),
                      "/trade-api/v2/markets?cursor=a%26b%3Dc%2Bd%2Ce&event_ticker=K-X_1.2~3");
  // Non-ASCII goes as UTF-8 bytes.
  expect_ok(pred("GetMarket"), {{"ticker", "\xC3\xA9"}}, "", &out);
  assert_string_equal(out.target.c_str(), "/trade-api/v2/markets/%C3%A9");
  // An empty optional query value is sent as given (an empty cursor = first page).
  expect_ok(pred("GetMarkets"), {{"cursor", ""}}, "", &out);
  assert_string_equal(out.target.c_str(), "/trade-api/v2/markets?cursor=");
}

void test_arrays_repeat_the_key(void **) {
  BuiltRequest out;
  // form + explode (rest-notes.md section 6): comma-separated and repeated input both repeat.
  expect_ok(pred("GetMarketOrderbooks"), {{"tickers", "A,B"}, {"tickers", "C"}}, "", &out);
  assert_string_equal(out.target.c_str(),
                      "/trade-api/v2/markets/orderbooks?tickers=A&tickers=B&tickers=C");
  expect_invalid(pred("GetMarketOrderbooks"), {{"tickers", "A,,B"}}, "",
                 {"tickers", "empty array element"});
  expect_invalid(pred("GetMarketOrderbooks"), {{"tickers", ""}}, "", {"tickers"});
  expect_invalid(pred("GetMarketOrderbooks"), {}, "", {"tickers", "required"});
  // Integer arrays: each element is checked (percentiles: 0..9999).
  const OperationDef &pct = pred("GetEventForecastPercentilesHistory");
  expect_ok(pct,
            {{"series_ticker", "S"},
             {"ticker", "E"},
             {"percentiles", "100,5000"},
             {"percentiles", "9999"},
             {"start_ts", "1"},
             {"end_ts", "2"},
             {"period_interval", "60"}},
            "", &out);
  assert_true(out.target.find("percentiles=100&percentiles=5000&percentiles=9999") !=
              std::string::npos);
  expect_invalid(pct,
                 {{"series_ticker", "S"},
                  {"ticker", "E"},
                  {"percentiles", "100,10000"},
                  {"start_ts", "1"},
                  {"end_ts", "2"},
                  {"period_interval", "60"}},
                 "", {"percentiles", "'10000'", "maximum 9999"});
  expect_invalid(pct,
                 {{"series_ticker", "S"},
                  {"ticker", "E"},
                  {"percentiles", "1,x"},
                  {"start_ts", "1"},
                  {"end_ts", "2"},
                  {"period_interval", "60"}},
                 "", {"percentiles", "'x' is not an integer"});
}

void test_unknown_missing_and_repeated(void **) {
  expect_invalid(pred("GetMarkets"), {{"limt", "5"}}, "", {"GetMarkets", "'limt'", "unknown"});
  expect_invalid(pred("GetMarkets"), {{"limit", "5"}, {"limit", "6"}}, "",
                 {"'limit'", "more than once"});
  expect_invalid(pred("GetMarket"), {}, "", {"path parameter 'ticker'", "missing"});
  expect_invalid(pred("GetMarket"), {{"ticker", ""}}, "", {"'ticker'", "empty"});
  expect_invalid(
      pred("GetMarketCandlesticks"),
      {{"ticker", "T"}, {"series_ticker", "S"}, {"end_ts", "2"}, {"period_interval", "60"}}, "",
      {"query parameter 'start_ts'", "required but missing"});
  // A body field is not a query parameter.
  expect_invalid(pred("CreateOrderV2"), {{"ticker", "X"}}, kOrder, {"'ticker'", "unknown"});
}

void test_scalar_types(void **) {
  const OperationDef &markets = pred("GetMarkets");
  for (std::string_view bad :
       {"", "+5", "05", "-0", "1.0", "1e3", " 5", "5 ", "0x10", "99999999999999999999", "-"}) {
    expect_invalid(markets, {{"min_close_ts", bad}}, "", {"'min_close_ts'", "not an integer"});
  }
  BuiltRequest out;
  expect_ok(markets, {{"min_close_ts", "-9223372036854775808"}}, "", &out);
  expect_ok(markets, {{"max_close_ts", "9223372036854775807"}}, "", &out);
  expect_invalid(markets, {{"max_close_ts", "9223372036854775808"}}, "", {"not an integer"});
  // Bounds from the spec (GetMarkets limit 0..1000, GetEvents limit 1..200).
  expect_ok(markets, {{"limit", "0"}}, "", &out);
  expect_ok(markets, {{"limit", "1000"}}, "", &out);
  expect_invalid(markets, {{"limit", "1001"}}, "", {"'limit'", "above the maximum 1000"});
  expect_invalid(markets, {{"limit", "-1"}}, "", {"'limit'", "below the minimum 0"});
  expect_invalid(pred("GetEvents"), {{"limit", "0"}}, "", {"'limit'", "below the minimum 1"});
  // Booleans are exactly true/false.
  expect_ok(pred("GetEvents"), {{"with_nested_markets", "true"}}, "", &out);
  for (std::string_view bad : {"TRUE", "1", "yes", ""}) {
    expect_invalid(pred("GetEvents"), {{"with_nested_markets", bad}}, "",
                   {"'with_nested_markets'", "true or false"});
  }
  // String and integer enums.
  expect_invalid(markets, {{"status", "Open"}}, "", {"'status'", "not one of", "unopened"});
  expect_invalid(pred("GetMarketCandlesticks"),
                 {{"ticker", "T"},
                  {"series_ticker", "S"},
                  {"start_ts", "1"},
                  {"end_ts", "2"},
                  {"period_interval", "30"}},
                 "", {"'period_interval'", "not one of 1, 60, 1440"});
  // The whole message, once.
  BuiltRequest msg_out;
  const std::vector<Param> over = {{"limit", "1001"}};
  assert_string_equal(build_request(markets, over, "", &msg_out).message.c_str(),
                      "GetMarkets: query parameter 'limit': '1001' is above the maximum 1000");
  // A hostile value is cut short in the message.
  const std::string huge(10000, 'x');
  BuiltRequest sink;
  const std::vector<Param> params = {{"limit", huge}};
  const Error e = build_request(markets, params, "", &sink);
  assert_int_equal(e.code, KALSHI_ERR_INVALID_ARG);
  assert_true(e.message.size() < 300);
}

void test_number_and_unexploded_array(void **) {
  // No spec operation has a number query parameter or an explode=false array yet; a local
  // definition exercises those rules.
  static constexpr ParamDef kParams[] = {
      {"ratio", ParamIn::Query, ParamType::Number, false, nullptr, 0, false, false, 0, 0, true},
      {"ids", ParamIn::Query, ParamType::IntegerArray, false, nullptr, 0, true, false, 1, 0, false},
  };
  static constexpr OperationDef kOp = {
      "LocalOp", Api::Perps, "GET",   "/x",    "/base", Auth::None, RateClass::Read,
      true,      false,      nullptr, kParams, 2,       nullptr,    0,
      false,     "local",    false,   nullptr, false,   false};
  BuiltRequest out;
  expect_ok(kOp, {{"ratio", "-12.0500"}, {"ids", "1,2"}, {"ids", "3"}}, "", &out);
  assert_string_equal(out.target.c_str(), "/base/x?ratio=-12.0500&ids=1,2,3");
  for (std::string_view bad : {"1.", ".5", "1e5", "NaN", "", "--1", "1.2.3"}) {
    expect_invalid(kOp, {{"ratio", bad}}, "", {"'ratio'", "not an exact decimal"});
  }
  expect_invalid(kOp, {{"ids", "1,0"}}, "", {"'ids'", "below the minimum 1"});
}

void test_body_accepted_verbatim(void **) {
  BuiltRequest out;
  expect_ok(pred("CreateOrderV2"), {}, kOrder, &out);
  assert_string_equal(out.method.c_str(), "POST");
  assert_string_equal(out.target.c_str(), "/trade-api/v2/portfolio/events/orders");
  assert_true(out.body == kOrder);
  // Unknown fields pass (the exchange adds optional fields in newer versions).
  const std::string extra = std::string(kOrder.substr(0, kOrder.size() - 1)) +
                            R"(,"future_field":{"x":[1,2]},"subaccount":3,"post_only":false})";
  expect_ok(pred("CreateOrderV2"), {}, extra, &out);
  // Optional fields sent as null count as absent.
  const std::string nulls =
      std::string(kOrder.substr(0, kOrder.size() - 1)) + R"(,"client_order_id":null})";
  expect_ok(pred("CreateOrderV2"), {}, nulls, &out);
  // DELETE with a body.
  expect_ok(pred("BatchCancelOrdersV2"), {}, R"({"orders":[{"order_id":"a"}]})", &out);
  assert_string_equal(out.method.c_str(), "DELETE");
  // An optional body may be left out.
  expect_ok(pred("ResetOrderGroup"), {{"order_group_id", "g"}}, "", &out);
  assert_true(out.body.empty());
}

void test_body_rules(void **) {
  const OperationDef &create = pred("CreateOrderV2");
  expect_invalid(create, {}, "", {"CreateOrderV2", "body", "required"});
  expect_invalid(create, {}, "{\"ticker\":", {"body", "not valid JSON"});
  expect_invalid(create, {}, "{\"a\":1} x", {"body", "not valid JSON"});
  expect_invalid(create, {}, "[1,2]", {"body", "not a JSON object"});
  expect_invalid(create, {}, "\"text\"", {"body", "not a JSON object"});
  expect_invalid(create, {}, R"({"side":"bid"})", {"body field 'ticker'", "required but missing"});
  const std::string no_price = R"({"ticker":"K","side":"bid","count":"1",)"
                               R"("time_in_force":"good_till_canceled",)"
                               R"("self_trade_prevention_type":"maker"})";
  expect_invalid(create, {}, no_price, {"'price'", "required but missing"});
  auto with = [](std::string_view member) {
    return std::string(kOrder.substr(0, kOrder.size() - 1)) + "," + std::string(member) + "}";
  };
  // A required, non-nullable field sent as null is missing.
  expect_invalid(create, {},
                 R"({"ticker":null,"side":"bid","count":"1","price":"0.5",)"
                 R"("time_in_force":"good_till_canceled",)"
                 R"("self_trade_prevention_type":"maker"})",
                 {"'ticker'", "null"});
  expect_invalid(create, {}, with(R"("post_only":"true")"), {"'post_only'", "true or false"});
  expect_invalid(create, {}, with(R"("expiration_time":"5")"), {"'expiration_time'", "integer"});
  expect_invalid(create, {}, with(R"("expiration_time":1.5)"), {"'expiration_time'", "integer"});
  expect_invalid(create, {}, with(R"("expiration_time":18446744073709551615)"),
                 {"'expiration_time'", "integer"});
  expect_invalid(create, {}, with(R"("subaccount":-1)"), {"'subaccount'", "below the minimum 0"});
  expect_invalid(pred("BatchCancelOrdersV2"), {}, R"({"orders":{}})", {"'orders'", "an array"});
  const std::string bad_side = R"({"ticker":"K","side":"buy","count":"1","price":"0.5",)"
                               R"("time_in_force":"good_till_canceled",)"
                               R"("self_trade_prevention_type":"maker"})";
  expect_invalid(create, {}, bad_side, {"'side'", "'buy'", "not one of bid, ask"});
  const std::string numeric_ticker = R"({"ticker":7,"side":"bid","count":"1","price":"0.5",)"
                                     R"("time_in_force":"good_till_canceled",)"
                                     R"("self_trade_prevention_type":"maker"})";
  expect_invalid(create, {}, numeric_ticker, {"'ticker'", "must be a string"});
  // A body where the spec has none.
  expect_invalid(pred("GetMarkets"), {}, "{}", {"GetMarkets", "takes no body"});
  // Integer bounds in a body (the 3.34 addendum: price_centicents 0..10000).
  const std::string transfer = R"({"source_subtrader_id":"a_1","target_subtrader_id":"a_2",)"
                               R"("market_ticker":"K","position_centicount":100,)"
                               R"("price_centicents":10001})";
  expect_invalid(pred("CreateFCMPositionTransfer"), {}, transfer,
                 {"'price_centicents'", "above the maximum 10000"});
  // Over the size limit, refused before parsing.
  std::string big = "{\"pad\":\"" + std::string(kMaxRequestBodyBytes, 'x') + "\"}";
  expect_invalid(create, {}, big, {"body", "larger than"});
}

void test_by_operation_id(void **) {
  BuiltRequest out;
  const std::vector<Param> params = {{"order_id", "o1"}};
  assert_true(build_request(Api::Perps, "GetMarginOrder", params, "", &out).ok());
  assert_string_equal(out.target.c_str(), "/trade-api/v2/margin/orders/o1");
  const Error e = build_request(Api::Klear, "GetMarginOrder", params, "", &out);
  assert_int_equal(e.code, KALSHI_ERR_NOT_FOUND);
  assert_string_equal(e.message.c_str(), "no klear operation named 'GetMarginOrder'");
}

void test_reuse_keeps_results_exact(void **) {
  BuiltRequest out;
  expect_ok(pred("CreateOrderV2"), {}, kOrder, &out);
  expect_ok(pred("GetMarket"), {{"ticker", "T"}}, "", &out);
  assert_string_equal(out.target.c_str(), "/trade-api/v2/markets/T");
  assert_string_equal(out.sign_path.c_str(), "/trade-api/v2/markets/T");
  assert_true(out.body.empty());
  assert_string_equal(out.method.c_str(), "GET");
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_get_with_query_in_spec_order),
      cmocka_unit_test(test_path_params_and_sign_path),
      cmocka_unit_test(test_reserved_characters_are_encoded),
      cmocka_unit_test(test_arrays_repeat_the_key),
      cmocka_unit_test(test_unknown_missing_and_repeated),
      cmocka_unit_test(test_scalar_types),
      cmocka_unit_test(test_number_and_unexploded_array),
      cmocka_unit_test(test_body_accepted_verbatim),
      cmocka_unit_test(test_body_rules),
      cmocka_unit_test(test_by_operation_id),
      cmocka_unit_test(test_reuse_keeps_results_exact),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
