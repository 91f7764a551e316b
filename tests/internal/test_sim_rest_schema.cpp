// The simulator's REST answers against the spec's schemas: every simulated read route's body is
// decoded by the library's strict JSON models (src/json), which were written from the OpenAPI
// schemas independently of the simulator. A field the spec requires and the simulator leaves out,
// or a field of the wrong JSON type, fails here even when client and simulator would agree.
#include "test_sim_rest_harness.h"

#include <string>
#include <vector>

#include "json/decode.h"

namespace {

using namespace resttest;

constexpr const char *kTicker = "HIGHNY-26NOV21-T50";

std::string path(std::string_view rel) {
  return "/trade-api/v2" + std::string(rel);
}

// The body of a 200 answer, padded as the decoders need.
std::string body_of(Fixture &f, std::string_view rel) {
  const Reply r = f.call("GET", path(rel));
  assert_int_equal(r.status, 200);
  std::string b = r.body;
  b.append(kalshi::json::kJsonPadding, ' ');
  return b;
}

void expect_ok(const kalshi::Error &e) {
  if (!e.ok()) fail_msg("strict decode refused the simulator's answer: %s", e.message.c_str());
}

// A trade between the two members: `member` buys 3 YES at 0.60 from `other`.
void trade(Fixture &f) {
  for (const auto &[member, side] : {std::pair{f.other, Side::Sell}, {f.member, Side::Buy}}) {
    OrderRequest r;
    r.account = AccountKey{member, 0};
    r.client_order_id = side == Side::Sell ? "schema-ask" : "schema-bid";
    r.ticker = kTicker;
    r.side = side;
    r.price = 60 * 10000;
    r.qty = 3 * kContract;
    assert_true(f.ex.submit(r, f.now).ok);
  }
}

void test_market_data_routes(void **) {
  Fixture f;
  trade(f);
  std::string_view cursor;

  std::vector<kalshi::json::Market> markets;
  std::string b = body_of(f, "/markets?limit=100");
  expect_ok(kalshi::json::decode_markets_page(b, &markets, &cursor));
  assert_true(markets.size() >= 3);

  kalshi::json::Market one;
  b = body_of(f, std::string("/markets/") + kTicker);
  expect_ok(kalshi::json::decode_market(b, &one));
  assert_true(one.ticker == kTicker);

  kalshi::json::OrderBook book;
  b = body_of(f, std::string("/markets/") + kTicker + "/orderbook");
  expect_ok(kalshi::json::decode_orderbook(b, &book));

  std::vector<kalshi::json::Trade> trades;
  b = body_of(f, std::string("/markets/trades?ticker=") + kTicker);
  expect_ok(kalshi::json::decode_trades_page(b, &trades, &cursor));
  assert_int_equal(trades.size(), 1);

  std::vector<kalshi::json::Event> events;
  b = body_of(f, "/events");
  expect_ok(kalshi::json::decode_events_page(b, &events, &cursor));
  assert_false(events.empty());

  std::vector<kalshi::json::Series> series;
  b = body_of(f, "/series");
  expect_ok(kalshi::json::decode_series_page(b, &series, &cursor));
  assert_false(series.empty());

  kalshi::json::ExchangeStatus status;
  b = body_of(f, "/exchange/status");
  expect_ok(kalshi::json::decode_exchange_status(b, &status));
}

void test_portfolio_routes(void **) {
  Fixture f;
  trade(f);
  std::string_view cursor;

  kalshi::json::Balance balance;
  std::string b = body_of(f, "/portfolio/balance");
  expect_ok(kalshi::json::decode_balance(b, &balance));

  std::vector<kalshi::json::MarketPosition> positions;
  std::vector<kalshi::json::EventPosition> event_positions;
  b = body_of(f, "/portfolio/positions");
  expect_ok(kalshi::json::decode_positions_page(b, &positions, &event_positions, &cursor));
  assert_int_equal(positions.size(), 1);
  assert_int_equal(positions[0].position_fp, 3 * 100);

  std::vector<kalshi::json::Fill> fills;
  b = body_of(f, "/portfolio/fills");
  expect_ok(kalshi::json::decode_fills_page(b, &fills, &cursor));
  assert_int_equal(fills.size(), 1);

  std::vector<kalshi::json::Order> orders;
  b = body_of(f, "/portfolio/orders");
  expect_ok(kalshi::json::decode_orders_page(b, &orders, &cursor));
  assert_false(orders.empty());

  assert_true(f.ex.settle(kTicker, kDollar, f.now).ok);
  std::vector<kalshi::json::Settlement> settlements;
  b = body_of(f, "/portfolio/settlements");
  expect_ok(kalshi::json::decode_settlements_page(b, &settlements, &cursor));
  assert_int_equal(settlements.size(), 1);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_market_data_routes),
      cmocka_unit_test(test_portfolio_routes),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
