// The generated REST operation catalog: counts per api, lookups, structural invariants over
// every operation, and spot checks of method/path/auth/pagination/rate class against the specs.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "api/rest/catalog.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::rest;

namespace {

const OperationDef &must_find(Api api, std::string_view id) {
  const OperationDef *op = find_operation(api, id);
  if (op == nullptr) fail_msg("operation %.*s not in the catalog", int(id.size()), id.data());
  return *op;
}

const ParamDef *param(const OperationDef &op, std::string_view name) {
  for (const ParamDef &p : op.param_list()) {
    if (name == p.name) return &p;
  }
  return nullptr;
}

const BodyFieldDef *field(const OperationDef &op, std::string_view name) {
  for (const BodyFieldDef &f : op.body_fields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

void test_counts_per_api(void **) {
  // openapi.yaml 3.31.0 has 117 operations and the 3.34 addendum 1; perps 50; Klear 24.
  assert_int_equal(operations(Api::Prediction).size(), 118);
  assert_int_equal(operations(Api::Perps).size(), 50);
  assert_int_equal(operations(Api::Klear).size(), 24);
  assert_int_equal(operations().size(), 118 + 50 + 24);
  for (Api api : {Api::Prediction, Api::Perps, Api::Klear}) {
    for (const OperationDef &op : operations(api)) assert_true(op.api == api);
  }
  // rest-notes.md section 11: 41 public, 73 signed, 3 signed-or-OAuth; the addendum is signed.
  int none = 0, signed_ops = 0, oauth = 0;
  for (const OperationDef &op : operations(Api::Prediction)) {
    none += op.auth == Auth::None;
    signed_ops += op.auth == Auth::KalshiSignature;
    oauth += op.oauth_allowed;
  }
  assert_int_equal(none, 41);
  assert_int_equal(signed_ops, 73 + 3 + 1);
  assert_int_equal(oauth, 3);
  for (const OperationDef &op : operations(Api::Klear)) assert_true(op.auth == Auth::Bearer);
}

void test_unique_ids_and_lookup(void **) {
  std::set<std::pair<int, std::string>> seen;
  for (const OperationDef &op : operations()) {
    assert_true(seen.emplace(int(op.api), op.id).second);
    // Every operation is found by its own (api, id), and the lookup returns that very entry.
    assert_ptr_equal(find_operation(op.api, op.id), &op);
  }
  assert_null(find_operation(Api::Prediction, "NoSuchOperation"));
  assert_null(find_operation(Api::Prediction, ""));
  assert_null(find_operation(Api::Prediction, "getmarkets"));  // case matters
  assert_null(find_operation(Api::Perps, "GetMarkets"));       // exists in another api only
  assert_null(find_operation(Api::Prediction, "GetMarginOrders"));
  assert_null(find_operation(static_cast<Api>(7), "GetMarkets"));
  assert_true(operations(static_cast<Api>(7)).empty());
}

void test_structure_of_every_operation(void **) {
  for (const OperationDef &op : operations()) {
    const std::string where = std::string(api_name(op.api)) + "." + op.id;
    assert_non_null(op.method);
    assert_non_null(op.summary);
    assert_true(op.path[0] == '/');
    assert_true(op.base_path[0] == '/');
    const std::string_view method = op.method;
    assert_int_equal(op.idempotent, method == "GET" || method == "HEAD" || method == "OPTIONS");
    if (op.rate_class == RateClass::Write) assert_false(op.idempotent);
    // Every {name} in the template is a declared, required path parameter, and vice versa.
    std::set<std::string> in_template;
    const std::string_view tmpl = op.path;
    for (size_t open = tmpl.find('{'); open != std::string_view::npos;
         open = tmpl.find('{', open + 1)) {
      const size_t close = tmpl.find('}', open);
      assert_true(close != std::string_view::npos);
      const std::string name(tmpl.substr(open + 1, close - open - 1));
      const ParamDef *p = param(op, name);
      if (p == nullptr || p->in != ParamIn::Path)
        fail_msg("%s: {%s} undeclared", where.c_str(), name.c_str());
      assert_true(p->required);
      in_template.insert(name);
    }
    std::set<std::string> names;
    for (const ParamDef &p : op.param_list()) {
      assert_true(names.insert(p.name).second);  // names are unique within an operation
      if (p.in == ParamIn::Path) assert_true(in_template.count(p.name) == 1);
      assert_int_equal(p.enum_values == nullptr, p.enum_count == 0);
      if (p.has_min && p.has_max) assert_true(p.min <= p.max);
      assert_true(p.type != ParamType::Array && p.type != ParamType::Object);
    }
    for (const BodyFieldDef &f : op.body_fields()) {
      assert_int_equal(f.enum_values == nullptr, f.enum_count == 0);
      if (f.has_min && f.has_max) assert_true(f.min <= f.max);
    }
    if (op.body_count != 0 || op.body_required) assert_true(op.body_allowed);
    if (op.paginated) {
      const ParamDef *cursor = param(op, "cursor");
      assert_non_null(cursor);
      assert_true(cursor->in == ParamIn::Query);
      assert_non_null(op.response_items);
      assert_non_null(op.response_cursor);
    } else {
      assert_null(op.response_items);
      assert_null(op.response_cursor);
    }
    if (op.api == Api::Klear) {
      assert_string_equal(op.base_path, "/klear-api/v1");
    } else {
      assert_string_equal(op.base_path, "/trade-api/v2");
    }
  }
}

void test_spot_checks_prediction(void **) {
  const OperationDef &markets = must_find(Api::Prediction, "GetMarkets");
  assert_string_equal(markets.method, "GET");
  assert_string_equal(markets.path, "/markets");
  assert_true(markets.auth == Auth::None);
  assert_true(markets.rate_class == RateClass::Read);
  assert_true(markets.paginated);
  assert_string_equal(markets.response_items, "markets");
  assert_string_equal(markets.response_cursor, "cursor");
  const ParamDef *limit = param(markets, "limit");
  assert_non_null(limit);
  assert_true(limit->type == ParamType::Integer && limit->has_min && limit->has_max);
  assert_int_equal(limit->min, 0);  // rest-notes.md section 6: GetMarkets 0-1000
  assert_int_equal(limit->max, 1000);
  const ParamDef *status = param(markets, "status");
  assert_non_null(status);
  assert_int_equal(status->enum_count, 5);

  const OperationDef &create = must_find(Api::Prediction, "CreateOrderV2");
  assert_string_equal(create.method, "POST");
  assert_string_equal(create.path, "/portfolio/events/orders");
  assert_true(create.auth == Auth::KalshiSignature);
  assert_true(create.rate_class == RateClass::Write);
  assert_false(create.idempotent);
  assert_false(create.paginated);
  assert_true(create.body_required);
  const BodyFieldDef *side = field(create, "side");
  assert_non_null(side);
  assert_true(side->required && side->type == ParamType::String);
  assert_int_equal(side->enum_count, 2);
  assert_string_equal(side->enum_values[0], "bid");
  assert_string_equal(side->enum_values[1], "ask");
  const BodyFieldDef *stp = field(create, "self_trade_prevention_type");  // via allOf + $ref
  assert_non_null(stp);
  assert_true(stp->required);
  assert_int_equal(stp->enum_count, 2);
  assert_true(field(create, "expiration_time")->type == ParamType::Integer);
  assert_true(field(create, "post_only")->type == ParamType::Boolean);
  assert_false(field(create, "client_order_id")->required);

  // DELETE with a JSON body (rest-notes.md section 1).
  const OperationDef &batch_cancel = must_find(Api::Prediction, "BatchCancelOrdersV2");
  assert_string_equal(batch_cancel.method, "DELETE");
  assert_true(batch_cancel.body_required);
  assert_true(field(batch_cancel, "orders")->type == ParamType::Array);

  const OperationDef &cancel = must_find(Api::Prediction, "CancelOrderV2");
  assert_string_equal(cancel.path, "/portfolio/events/orders/{order_id}");
  assert_true(cancel.rate_class == RateClass::Write);

  // Reads of order resources stay on the Read bucket; the quote flow writes go to Write.
  assert_true(must_find(Api::Prediction, "GetOrders").rate_class == RateClass::Read);
  assert_true(must_find(Api::Prediction, "GetOrderGroups").rate_class == RateClass::Read);
  assert_true(must_find(Api::Prediction, "CreateQuote").rate_class == RateClass::Write);
  assert_true(must_find(Api::Prediction, "ConfirmRFQQuote").rate_class == RateClass::Write);
  assert_true(must_find(Api::Prediction, "CreateRFQ").rate_class == RateClass::Read);
  assert_true(must_find(Api::Prediction, "GetBalance").auth == Auth::KalshiSignature);

  const OperationDef &fills = must_find(Api::Prediction, "GetFills");
  assert_true(fills.oauth_allowed);
  assert_true(fills.paginated);
  assert_string_equal(fills.response_items, "fills");

  const OperationDef &incentives = must_find(Api::Prediction, "GetIncentivePrograms");
  assert_true(incentives.paginated);
  assert_string_equal(incentives.response_cursor, "next_cursor");

  const OperationDef &books = must_find(Api::Prediction, "GetMarketOrderbooks");
  const ParamDef *tickers = param(books, "tickers");
  assert_true(tickers->type == ParamType::StringArray && tickers->required && tickers->explode);

  const OperationDef &candles = must_find(Api::Prediction, "GetMarketCandlesticks");
  const ParamDef *interval = param(candles, "period_interval");
  assert_int_equal(interval->enum_count, 3);
  assert_string_equal(interval->enum_values[2], "1440");

  const OperationDef &events = must_find(Api::Prediction, "GetEvents");
  assert_string_equal(events.response_items, "events");  // first list of the page

  // The 3.34 addendum operation.
  const OperationDef &transfer = must_find(Api::Prediction, "CreateFCMPositionTransfer");
  assert_string_equal(transfer.path, "/fcm/positions/transfers");
  const BodyFieldDef *price = field(transfer, "price_centicents");
  assert_true(price->has_min && price->has_max && price->min == 0 && price->max == 10000);

  assert_true(must_find(Api::Prediction, "GetQuote").deprecated);
  assert_false(must_find(Api::Prediction, "GetRFQQuote").deprecated);
}

void test_spot_checks_perps_and_klear(void **) {
  const OperationDef &orders = must_find(Api::Perps, "GetMarginOrders");
  assert_string_equal(orders.path, "/margin/orders");
  assert_true(orders.paginated);
  assert_string_equal(orders.response_items, "orders");
  const OperationDef &create = must_find(Api::Perps, "CreateMarginOrder");
  assert_true(create.rate_class == RateClass::Write);
  assert_true(field(create, "client_order_id")->required);  // required on perps (perps.md 4)
  assert_true(must_find(Api::Perps, "GetMarginMarkets").auth == Auth::None);
  assert_true(must_find(Api::Perps, "GetMarginPositions").oauth_allowed);
  const OperationDef &trigger = must_find(Api::Perps, "UpdateCrossMarginExitTrigger");
  assert_string_equal(trigger.method, "PUT");
  assert_string_equal(trigger.path, "/margin/cross/positions/{ticker}/exit_trigger/{trigger_id}");

  const OperationDef &details = must_find(Api::Klear, "GetObligationSettlementDetails");
  assert_true(details.auth == Auth::Bearer);
  assert_true(details.paginated);
  assert_string_equal(details.response_items, "settlement_details");
  assert_true(param(details, "obligation_id")->in == ParamIn::Path);  // a path-level parameter
  const OperationDef &withdraw = must_find(Api::Klear, "WithdrawSettlementBalance");
  assert_string_equal(withdraw.method, "POST");
  assert_true(withdraw.body_required);
  assert_true(withdraw.rate_class == RateClass::Read);
}

void test_names(void **) {
  for (Api api : {Api::Prediction, Api::Perps, Api::Klear}) {
    Api parsed = Api::Klear;
    assert_true(parse_api(api_name(api), &parsed));
    assert_true(parsed == api);
  }
  Api untouched = Api::Perps;
  assert_false(parse_api("Prediction", &untouched));
  assert_false(parse_api("", &untouched));
  assert_true(untouched == Api::Perps);
  assert_string_equal(auth_name(Auth::Bearer), "bearer");
  assert_string_equal(rate_class_name(RateClass::Write), "write");
  assert_string_equal(param_type_name(ParamType::IntegerArray), "integer array");
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counts_per_api),
      cmocka_unit_test(test_unique_ids_and_lookup),
      cmocka_unit_test(test_structure_of_every_operation),
      cmocka_unit_test(test_spot_checks_prediction),
      cmocka_unit_test(test_spot_checks_perps_and_klear),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
