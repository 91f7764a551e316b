// api/rest/rate_tiers: the tier presets of rest-notes.md §5 (budgets and burst capacities),
// lookup by name, custom tiers, the Read/Write split over the prediction and perps operations
// the notes name, and the non-default request costs.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstdio>
#include <string>

#include "api/rest/rate_tiers.h"

extern "C" {
#include <cmocka.h>
}

namespace rest = kalshi::api::rest;
using rest::RateClass;

namespace {

void test_presets(void **) {
  struct Row {
    const char *name;
    uint32_t read, write, read_cap, write_cap;
  };
  const Row rows[] = {
      {"Basic", 200, 100, 200, 100},       {"Advanced", 300, 300, 300, 600},
      {"Premier", 1000, 1000, 1000, 2000}, {"Paragon", 2000, 2000, 2000, 4000},
      {"Prime", 4000, 4000, 4000, 8000},
  };
  for (const Row &r : rows) {
    const rest::RateTier *t = rest::find_rate_tier(r.name);
    assert_non_null(t);
    assert_true(t->published);
    assert_int_equal(t->read_refill_per_s, r.read);
    assert_int_equal(t->write_refill_per_s, r.write);
    assert_int_equal(t->capacity(RateClass::kRead), r.read_cap);
    assert_int_equal(t->capacity(RateClass::kWrite), r.write_cap);
    assert_int_equal(t->refill_per_s(RateClass::kWrite), r.write);
  }
  // Named by Kalshi without numbers.
  for (const char *name : {"Expert", "Prestige"}) {
    const rest::RateTier *t = rest::find_rate_tier(name);
    assert_non_null(t);
    assert_false(t->published);
    assert_int_equal(t->read_refill_per_s, 0);
  }
  assert_int_equal(rest::rate_tiers().size(), 7);
  assert_true(rest::rate_tiers().front().name == "Basic");
  assert_true(rest::rate_tiers().back().name == "Prestige");
}

void test_lookup(void **) {
  assert_non_null(rest::find_rate_tier("premier"));
  assert_non_null(rest::find_rate_tier("PRIME"));
  assert_null(rest::find_rate_tier("Gold"));
  assert_null(rest::find_rate_tier(""));
  assert_null(rest::find_rate_tier("Prim"));
}

void test_custom(void **) {
  rest::RateTier t;
  assert_true(rest::custom_rate_tier(500, 250, 0, 1000, &t).ok());
  assert_true(t.name == "custom");
  assert_int_equal(t.read_capacity, 500);  // 0 = one second
  assert_int_equal(t.write_capacity, 1000);
  assert_int_equal(rest::custom_rate_tier(0, 1, 0, 0, &t).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::custom_rate_tier(1, 0, 0, 0, &t).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::custom_rate_tier(100, 100, 9, 100, &t).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::custom_rate_tier(5, 100, 0, 100, &t).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::custom_rate_tier(100, 100, 0, 0, nullptr).code, KALSHI_ERR_INVALID_ARG);
}

void test_write_class(void **) {
  struct Row {
    const char *method;
    const char *path;
    RateClass cls;
  };
  const Row rows[] = {
      // Predictions order entry (V2) and legacy V1.
      {"POST", "/portfolio/events/orders", RateClass::kWrite},
      {"DELETE", "/portfolio/events/orders", RateClass::kWrite},
      {"POST", "/portfolio/events/orders/batched", RateClass::kWrite},
      {"DELETE", "/portfolio/events/orders/batched", RateClass::kWrite},
      {"DELETE", "/portfolio/events/orders/abc-123?market_ticker=X", RateClass::kWrite},
      {"POST", "/trade-api/v2/portfolio/events/orders/abc/amend", RateClass::kWrite},
      {"POST", "/portfolio/events/orders/abc/decrease", RateClass::kWrite},
      {"POST", "/portfolio/orders", RateClass::kWrite},
      {"DELETE", "/portfolio/orders/abc", RateClass::kWrite},
      // Order groups.
      {"POST", "/portfolio/order_groups/create", RateClass::kWrite},
      {"DELETE", "/portfolio/order_groups/g1", RateClass::kWrite},
      {"PUT", "/portfolio/order_groups/g1/reset", RateClass::kWrite},
      {"PUT", "/portfolio/order_groups/g1/trigger", RateClass::kWrite},
      {"PUT", "/portfolio/order_groups/g1/limit", RateClass::kWrite},
      // RFQ quote flow.
      {"POST", "/communications/quotes", RateClass::kWrite},
      {"DELETE", "/communications/quotes/q1", RateClass::kWrite},
      {"PUT", "/communications/quotes/q1/accept", RateClass::kWrite},
      {"PUT", "/communications/quotes/q1/confirm", RateClass::kWrite},
      {"DELETE", "/communications/rfqs/r1/quotes/q1", RateClass::kWrite},
      {"PUT", "/communications/rfqs/r1/quotes/q1/accept", RateClass::kWrite},
      {"PUT", "/trade-api/v2/communications/rfqs/r1/quotes/q1/confirm", RateClass::kWrite},
      // Perps.
      {"POST", "/margin/orders", RateClass::kWrite},
      {"DELETE", "/margin/orders", RateClass::kWrite},
      {"DELETE", "/trade-api/v2/margin/orders/o1", RateClass::kWrite},
      {"POST", "/margin/orders/o1/amend", RateClass::kWrite},
      {"POST", "/margin/order_groups/create", RateClass::kWrite},
      {"PUT", "/margin/order_groups/g/trigger", RateClass::kWrite},
      // Read: every GET, and writes that are not order flow.
      {"GET", "/portfolio/orders", RateClass::kRead},
      {"GET", "/portfolio/events/orders", RateClass::kRead},
      {"GET", "/margin/orders/o1", RateClass::kRead},
      {"GET", "/communications/quotes", RateClass::kRead},
      {"GET", "/portfolio/order_groups", RateClass::kRead},
      {"POST", "/communications/rfqs", RateClass::kRead},
      {"DELETE", "/communications/rfqs/r1", RateClass::kRead},
      {"POST", "/portfolio/subaccounts/transfer", RateClass::kRead},
      {"POST", "/api_keys", RateClass::kRead},
      {"POST", "/portfolio/ordersx", RateClass::kRead},  // not the orders path
      {"PUT", "/margin/fcm/notional_risk_limit", RateClass::kRead},
  };
  for (const Row &r : rows) {
    if (rest::rate_class_for(r.method, r.path) != r.cls) {
      std::fprintf(stderr, "wrong class for %s %s\n", r.method, r.path);
      fail();
    }
  }
}

void test_costs(void **) {
  struct Row {
    const char *method;
    const char *path;
    uint32_t items;
    uint32_t cost;
  };
  const Row rows[] = {
      {"GET", "/portfolio/orders/abc", 0, 2},                              // GetOrder
      {"GET", "/portfolio/orders/queue_positions", 0, 10},                 // not GetOrder
      {"GET", "/portfolio/orders", 0, 10},                                 // GetOrders: default
      {"DELETE", "/portfolio/events/orders/abc?market_ticker=X", 0, 2},    // CancelOrderV2
      {"DELETE", "/portfolio/events/orders", 0, 2},                        // CancelAllOrders
      {"POST", "/portfolio/events/orders", 0, 10},                         // CreateOrderV2
      {"POST", "/portfolio/events/orders/batched", 5, 50},                 // 10 per order
      {"DELETE", "/trade-api/v2/portfolio/events/orders/batched", 5, 10},  // 2 per order
      {"POST", "/portfolio/events/orders/abc/amend", 0, 10},
      {"POST", "/communications/quotes", 0, 2},
      {"GET", "/communications/quotes/q", 0, 2},
      {"DELETE", "/communications/quotes/q", 0, 2},
      {"GET", "/communications/rfqs/r/quotes/q", 0, 2},
      {"DELETE", "/communications/rfqs/r/quotes/q", 0, 2},
      {"PUT", "/communications/rfqs/r/quotes/q/accept", 0, 10},
      {"POST", "/account/api_usage_level/upgrade", 0, 30},
      {"DELETE", "/margin/orders", 0, 10},
      {"GET", "/margin/balance", 0, 5},
      {"GET", "/margin/balance?compute_available_balance=true", 0, 50},
      {"GET", "/markets", 0, rest::kDefaultRequestCost},
  };
  for (const Row &r : rows) {
    const uint32_t c = rest::request_cost(r.method, r.path, r.items);
    if (c != r.cost) {
      std::fprintf(stderr, "cost of %s %s: %u, want %u\n", r.method, r.path, c, r.cost);
      fail();
    }
  }
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_presets), cmocka_unit_test(test_lookup),
      cmocka_unit_test(test_custom),  cmocka_unit_test(test_write_class),
      cmocka_unit_test(test_costs),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
