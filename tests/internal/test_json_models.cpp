// Typed REST model decoding: every model from a realistic sample in tests/data/json/ (written from
// the OpenAPI schemas), exact decimals at the edges, refusals naming the field, unknown fields,
// envelopes, escapes, and the generic by-kind view.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "json/decode.h"
#include "json/fast_decimal.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi;
using namespace kalshi::json;

namespace {

// JSON text followed by kJsonPadding bytes, as the decoders require.
struct Padded {
  std::string buf;
  size_t n = 0;
  explicit Padded(std::string text) : buf(std::move(text)), n(buf.size()) {
    buf.append(kJsonPadding, ' ');
  }
  std::string_view view() const { return std::string_view(buf.data(), n); }
};

Padded load(const char *name) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  std::string path = std::string(root != nullptr ? root : ".") + "/tests/data/json/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::abort();
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return Padded(ss.str());
}

constexpr int64_t D(int64_t micros) {
  return micros;
}  // price units, for readability

void expect_ok(const Error &e) {
  if (!e.ok()) std::fprintf(stderr, "unexpected error: %s\n", e.message.c_str());
  assert_true(e.ok());
}

void expect_error(const Error &e, kalshi_err_t code, const char *fragment) {
  if (e.code != code || e.message.find(fragment) == std::string::npos)
    std::fprintf(stderr, "got code %d message '%s', wanted %d containing '%s'\n", e.code,
                 e.message.c_str(), code, fragment);
  assert_int_equal(e.code, code);
  assert_true(e.message.find(fragment) != std::string::npos);
}

bool eq(std::string_view a, const char *b) {
  return a == b;
}

// The smallest valid market, with one field replaced/added through `extra`.
Padded market_with(const std::string &extra) {
  return Padded(R"({"ticker":"T","event_ticker":"E","market_type":"binary","open_time":"o",)"
                R"("close_time":"c","status":"active")" +
                extra + "}");
}

void test_exchange_status(void **) {
  JsonDecoder d;
  ExchangeStatus s;
  Padded j = load("exchange_status.json");
  expect_ok(d.decode(j.view(), &s));
  assert_true(s.exchange_active);
  assert_false(s.trading_active);
  assert_true(s.has(ExchangeStatus::f_intra_exchange_transfers_active));
  assert_true(eq(s.exchange_estimated_resume_time, "2026-11-21T22:00:00Z"));
}

void test_exchange_schedule(void **) {
  JsonDecoder d;
  ExchangeSchedule s;
  Padded j = load("exchange_schedule.json");
  expect_ok(d.decode_exchange_schedule(j.view(), &s));
  assert_int_equal(s.standard_hours.size(), 1);
  const WeeklySchedule &w = s.standard_hours[0];
  assert_true(eq(w.start_time, "2026-01-01T00:00:00Z"));
  assert_int_equal(w.days[0].size(), 1);  // monday
  assert_true(eq(w.days[0][0].open_time, "08:00"));
  assert_true(eq(w.days[0][0].close_time, "03:00"));
  assert_int_equal(w.days[5].size(), 0);  // saturday
  assert_int_equal(w.days[6].size(), 2);  // sunday
  assert_true(eq(w.days[6][1].open_time, "13:00"));
  assert_int_equal(s.maintenance_windows.size(), 1);
  assert_true(eq(s.maintenance_windows[0].end_datetime, "2026-11-26T10:00:00Z"));
  // A daily session without close_time is refused, naming it.
  Padded bad(
      R"({"standard_hours":[{"start_time":"a","end_time":"b","monday":[{"open_time":"x"}]}],"maintenance_windows":[]})");
  expect_error(d.decode_exchange_schedule(bad.view(), &s), KALSHI_ERR_PARSE,
               "daily_session.close_time");
}

void test_series_and_event(void **) {
  JsonDecoder d;
  Series s;
  Padded js = load("series.json");
  expect_ok(d.decode(js.view(), &s));
  assert_true(eq(s.ticker, "KXHIGHNY"));
  assert_true(eq(s.fee_multiplier, "1"));
  assert_int_equal(s.volume_fp, 12345600);
  Event e;
  Padded je = load("event.json");
  expect_ok(d.decode(je.view(), &e));
  assert_true(eq(e.event_ticker, "KXHIGHNY-26NOV21"));
  assert_true(e.mutually_exclusive);
  assert_false(e.has(Event::f_strike_period));  // null is absent
  assert_true(e.has(Event::f_strike_date));
  assert_true(eq(e.fee_multiplier_override, "0.5"));
}

void test_market(void **) {
  JsonDecoder d;
  Market m;
  Padded j = load("market.json");
  expect_ok(d.decode(j.view(), &m));
  assert_true(eq(m.ticker, "KXHIGHNY-26NOV21-B52.5"));
  assert_true(eq(m.status, "active"));
  assert_int_equal(m.yes_bid_dollars, D(560000));
  assert_int_equal(m.yes_ask_dollars, D(580000));
  assert_int_equal(m.no_bid_dollars, D(420000));
  assert_int_equal(m.last_price_dollars, D(570000));
  assert_int_equal(m.yes_bid_size_fp, 125000);
  assert_int_equal(m.yes_ask_size_fp, 30050);
  assert_int_equal(m.volume_fp, 9876500);
  assert_int_equal(m.notional_value_dollars, D(1000000));
  assert_int_equal(m.settlement_timer_seconds, 1800);
  assert_true(m.can_close_early);
  assert_false(m.has(Market::f_settlement_value_dollars));
  assert_true(m.has(Market::f_previous_price_dollars));
  assert_true(eq(m.floor_strike, "52"));
  assert_true(eq(m.cap_strike, "53.5"));
  // "\u00b0" is an escape: the view holds the unescaped UTF-8.
  assert_true(eq(m.yes_sub_title, "52\xc2\xb0 to 53\xc2\xb0"));
  assert_true(eq(m.price_level_structure, "linear_cent"));
  // The bare object (no envelope) decodes the same.
  Padded bare = market_with(R"(,"yes_bid_dollars":"0.5600")");
  expect_ok(d.decode(bare.view(), &m));
  assert_int_equal(m.yes_bid_dollars, D(560000));
  assert_false(m.has(Market::f_volume_fp));
}

void test_exact_decimals(void **) {
  JsonDecoder d;
  Market m;
  Padded j = market_with(
      R"(,"yes_bid_dollars":"0.0001","yes_ask_dollars":"99.9999","no_bid_dollars":"1.0000",)"
      R"("no_ask_dollars":"0.123456","last_price_dollars":"0.00","notional_value_dollars":1,)"
      R"("previous_price_dollars":0.56,"volume_fp":"92233720368547758.07","volume_24h_fp":7,)"
      R"("open_interest_fp":"0.01","yes_bid_size_fp":"-3.50","settlement_floor_dollars":"0.1200000000")");
  expect_ok(d.decode(j.view(), &m));
  assert_int_equal(m.yes_bid_dollars, 100);
  assert_int_equal(m.yes_ask_dollars, 99999900);
  assert_int_equal(m.no_bid_dollars, 1000000);
  assert_int_equal(m.no_ask_dollars, 123456);  // sub-penny
  assert_int_equal(m.last_price_dollars, 0);
  assert_true(m.has(Market::f_last_price_dollars));
  assert_int_equal(m.notional_value_dollars, 1000000);  // JSON number, exact
  assert_int_equal(m.previous_price_dollars, 560000);
  assert_true(m.volume_fp == INT64_MAX);
  assert_int_equal(m.volume_24h_fp, 700);  // integer contract count
  assert_int_equal(m.open_interest_fp, 1);
  assert_int_equal(m.yes_bid_size_fp, -350);
  assert_int_equal(m.settlement_floor_dollars, 120000);  // trailing zeros are exact
}

void test_malformed_decimals(void **) {
  JsonDecoder d;
  Market m;
  struct Case {
    const char *extra;
    kalshi_err_t code;
    const char *field;
  } cases[] = {
      {R"(,"yes_bid_dollars":"0.1234567")", KALSHI_ERR_INEXACT, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":"abc")", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":"")", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":" 0.5")", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":".5")", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":"1e-2")", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":1e-2)", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":"0.5\u0030")", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"yes_bid_dollars":true)", KALSHI_ERR_PARSE, "market.yes_bid_dollars"},
      {R"(,"volume_fp":"1.001")", KALSHI_ERR_INEXACT, "market.volume_fp"},
      {R"(,"volume_fp":"92233720368547758.08")", KALSHI_ERR_RANGE, "market.volume_fp"},
      {R"(,"volume_fp":92233720368547759)", KALSHI_ERR_RANGE, "market.volume_fp"},
      {R"(,"settlement_timer_seconds":1.5)", KALSHI_ERR_INEXACT, "market.settlement_timer_seconds"},
      {R"(,"ticker":5)", KALSHI_ERR_PARSE, "market.ticker"},
      {R"(,"can_close_early":"yes")", KALSHI_ERR_PARSE, "market.can_close_early"},
      {R"(,"floor_strike":"52")", KALSHI_ERR_PARSE, "market.floor_strike"},
  };
  for (const Case &c : cases) {
    Padded j = market_with(c.extra);
    expect_error(d.decode(j.view(), &m), c.code, c.field);
  }
}

void test_missing_required_and_unknown(void **) {
  JsonDecoder d;
  Market m;
  Padded missing(
      R"({"ticker":"T","event_ticker":"E","market_type":"binary","open_time":"o","close_time":"c"})");
  expect_error(d.decode(missing.view(), &m), KALSHI_ERR_PARSE,
               "market.status: missing required field");
  Padded null_required = market_with(R"(,"status":null)");
  expect_error(d.decode(null_required.view(), &m), KALSHI_ERR_PARSE, "market.status");
  // Unknown fields of every JSON type, before and after known ones, are skipped.
  Padded unknown(
      R"({"zzz":{"a":[1,{"b":null}],"c":"d"},"ticker":"T","event_ticker":"E","new_list":[[1,2],[3]],)"
      R"("market_type":"binary","open_time":"o","close_time":"c","status":"active","x":-1.5e3,)"
      R"("y":true,"w":null,"yes_bid_dollars":"0.42","v":"\"quoted\""})");
  expect_ok(d.decode(unknown.view(), &m));
  assert_int_equal(m.yes_bid_dollars, 420000);
  assert_true(eq(m.status, "active"));
  // Escapes in strings are resolved; escaped keys still match.
  Padded escaped = market_with(R"(,"title":"a\"b\\c\n","t\u0069tle2":"x","r\u0065sult":"yes")");
  expect_ok(d.decode(escaped.view(), &m));
  assert_true(eq(m.title, "a\"b\\c\n"));
  assert_true(eq(m.result, "yes"));
}

void test_malformed_json(void **) {
  JsonDecoder d;
  Market m;
  const char *bad[] = {"",
                       "[]",
                       "42",
                       "{",
                       R"({"ticker":)",
                       R"({"ticker":"T")",
                       R"({"ticker":"T",})",
                       R"({"ticker" "T"})",
                       "nul",
                       R"({"status":nul})"};
  for (const char *b : bad) {
    Padded j{std::string(b)};
    const Error e = d.decode(j.view(), &m);
    assert_int_equal(e.code, KALSHI_ERR_PARSE);
  }
}

void test_orderbooks(void **) {
  JsonDecoder d;
  OrderBook b;
  Padded fp = load("orderbook_fp.json");
  expect_ok(d.decode_orderbook(fp.view(), &b));
  assert_int_equal(b.yes.size(), 3);
  assert_int_equal(b.yes[0].price, 10000);
  assert_int_equal(b.yes[0].count, 500000);
  assert_int_equal(b.yes[2].price, 560000);
  assert_int_equal(b.no.size(), 2);
  assert_int_equal(b.no[0].count, 1050);
  assert_int_equal(b.no[1].count, 1);
  // Legacy shape: yes in integer cents and whole contracts; for no, the dollar array wins.
  Padded legacy = load("orderbook_legacy.json");
  expect_ok(d.decode_orderbook(legacy.view(), &b));
  assert_int_equal(b.yes.size(), 3);
  assert_int_equal(b.yes[1].price, 150000);
  assert_int_equal(b.yes[1].count, 10000);
  assert_int_equal(b.no.size(), 2);
  assert_int_equal(b.no[1].price, 435000);
  assert_int_equal(b.no[1].count, 100);
  // Empty and null sides.
  Padded empty(R"({"orderbook_fp":{"yes_dollars":[],"no_dollars":null}})");
  expect_ok(d.decode_orderbook(empty.view(), &b));
  assert_int_equal(b.yes.size(), 0);
  assert_int_equal(b.no.size(), 0);
  // A level must have exactly two elements; decimals are checked.
  Padded three(R"({"orderbook_fp":{"yes_dollars":[["0.1","1.00","x"]]}})");
  expect_error(d.decode_orderbook(three.view(), &b), KALSHI_ERR_PARSE, "yes_dollars");
  Padded one(R"({"orderbook_fp":{"yes_dollars":[["0.1"]]}})");
  expect_error(d.decode_orderbook(one.view(), &b), KALSHI_ERR_PARSE, "yes_dollars");
  Padded inexact(R"({"orderbook_fp":{"no_dollars":[["0.1","1.001"]]}})");
  expect_error(d.decode_orderbook(inexact.view(), &b), KALSHI_ERR_INEXACT, "no_dollars");

  MarginOrderBook mb;
  Padded margin = load("margin_orderbook.json");
  expect_ok(d.decode_margin_orderbook(margin.view(), &mb));
  assert_int_equal(mb.bids.size(), 2);
  assert_true(mb.bids[0].price == INT64_C(97250000000));
  assert_int_equal(mb.bids[1].count, 300);
  assert_int_equal(mb.asks.size(), 1);
  assert_int_equal(mb.asks[0].count, 25);
}

void test_order_fill_trade_settlement(void **) {
  JsonDecoder d;
  Order o;
  Padded jo = load("order.json");
  expect_ok(d.decode(jo.view(), &o));
  assert_true(eq(o.order_id, "ee587a1c-8b87-4dcf-b721-9f6f790619fa"));
  assert_true(eq(o.status, "resting"));
  assert_int_equal(o.yes_price_dollars, 560000);
  assert_int_equal(o.fill_count_fp, 250);
  assert_int_equal(o.remaining_count_fp, 750);
  assert_int_equal(o.taker_fees_dollars, 17500);
  assert_false(o.has(Order::f_expiration_time));
  assert_false(o.has(Order::f_order_group_id));
  assert_true(o.has(Order::f_subaccount_number));

  std::vector<Fill> fills;
  std::string_view cursor;
  Padded jf = load("fills_page.json");
  expect_ok(d.decode_page(jf.view(), "fills", &fills, &cursor));
  assert_int_equal(fills.size(), 1);
  assert_true(eq(cursor, "CgwI8J"));
  assert_int_equal(fills[0].count_fp, 250);
  assert_int_equal(fills[0].fee_cost, 17500);
  assert_true(fills[0].is_taker);
  assert_int_equal(fills[0].ts, 1795348800);
  assert_false(fills[0].has(Fill::f_subaccount_number));

  std::vector<Trade> trades;
  Padded jt = load("trades_page.json");
  expect_ok(d.decode_page(jt.view(), "trades", &trades, &cursor));
  assert_int_equal(trades.size(), 2);
  assert_true(eq(cursor, "next-2"));
  assert_int_equal(trades[1].yes_price_dollars, 565000);
  assert_true(trades[1].is_block_trade);
  assert_false(trades[1].has(Trade::f_taker_side));

  std::vector<Settlement> settlements;
  Padded js = load("settlements_page.json");
  expect_ok(d.decode_page(js.view(), "settlements", &settlements, &cursor));
  assert_int_equal(settlements.size(), 1);
  assert_true(cursor.empty());                         // null cursor
  assert_int_equal(settlements[0].revenue, 10000000);  // 1000 cents = $10
  assert_int_equal(settlements[0].value, 1000000);     // 100 cents = $1
  assert_int_equal(settlements[0].yes_count_fp, 1000);
}

void test_positions_balance_groups(void **) {
  JsonDecoder d;
  std::vector<MarketPosition> mp;
  std::vector<EventPosition> ep;
  std::string_view cursor = "stale";
  Padded jp = load("positions_page.json");
  expect_ok(d.decode_positions_page(jp.view(), &mp, &ep, &cursor));
  assert_true(cursor.empty());
  assert_int_equal(mp.size(), 1);
  assert_int_equal(mp[0].position_fp, -2500);
  assert_int_equal(mp[0].realized_pnl_dollars, -500000);
  assert_int_equal(ep.size(), 1);
  assert_int_equal(ep[0].total_cost_shares_fp, 2500);
  Padded no_events(R"({"market_positions":[]})");
  expect_error(d.decode_positions_page(no_events.view(), &mp, &ep, &cursor), KALSHI_ERR_PARSE,
               "event_positions");

  Balance b;
  Padded jb = load("balance.json");
  expect_ok(d.decode(jb.view(), &b));
  assert_true(b.balance == INT64_C(1234560000));  // 123456 cents
  assert_true(b.balance_dollars == INT64_C(1234560000));
  assert_true(b.portfolio_value == INT64_C(500000000));
  assert_int_equal(b.updated_ts, 1795348800);

  std::vector<OrderGroup> groups;
  Padded jg = load("order_groups_page.json");
  expect_ok(d.decode_page(jg.view(), "order_groups", &groups, &cursor));
  assert_int_equal(groups.size(), 2);
  assert_int_equal(groups[0].contracts_limit_fp, 10000);
  assert_false(groups[1].has(OrderGroup::f_contracts_limit_fp));
  assert_false(groups[1].is_auto_cancel_enabled);

  std::vector<IncentiveProgram> programs;
  Padded ji = load("incentive_programs_page.json");
  expect_ok(d.decode_page(ji.view(), "incentive_programs", &programs, &cursor));
  assert_true(eq(cursor, "ip-next"));
  assert_int_equal(programs.size(), 1);
  assert_int_equal(programs[0].period_reward, 500000000);         // 5,000,000 centi-cents = $500
  assert_int_equal(programs[0].max_reward_per_account, 1234500);  // $1.2345
  assert_int_equal(programs[0].target_size_fp, 10000);
}

void test_perps_models(void **) {
  JsonDecoder d;
  std::string_view cursor;
  MarginMarket mm;
  Padded jm = load("margin_market.json");
  expect_ok(d.decode(jm.view(), &mm));
  assert_true(eq(mm.ticker, "BTC-PERP"));
  assert_int_equal(mm.tick_size, 500000);
  assert_true(mm.price == INT64_C(97250500000));
  assert_int_equal(mm.volume, 12345);
  assert_true(eq(mm.leverage_estimate, "10.5"));
  assert_int_equal(mm.exchange_index, 1);

  std::vector<MarginOrder> orders;
  Padded jo = load("margin_orders_page.json");
  expect_ok(d.decode_page(jo.view(), "orders", &orders, &cursor));
  assert_int_equal(orders.size(), 1);
  assert_int_equal(orders[0].remaining_count, 150);
  assert_true(eq(orders[0].side, "bid"));
  assert_false(orders[0].has(MarginOrder::f_self_trade_prevention_type));

  std::vector<MarginFill> fills;
  Padded jf = load("margin_fills_page.json");
  expect_ok(d.decode_page(jf.view(), "fills", &fills, &cursor));
  assert_int_equal(fills[0].realized_pnl, -12500000);
  assert_int_equal(fills[0].fees, 120000);

  std::vector<MarginTrade> trades;
  Padded jt = load("margin_trades_page.json");
  expect_ok(d.decode_page(jt.view(), "trades", &trades, &cursor));
  assert_int_equal(trades[0].count, 50);

  std::vector<MarginPosition> positions;
  Padded jp = load("margin_positions_page.json");
  expect_ok(d.decode_page(jp.view(), "positions", &positions, &cursor));
  assert_int_equal(positions[0].position, -150);
  assert_true(positions[0].unrealized_pnl == INT64_C(-375750000));
  assert_false(positions[0].has(MarginPosition::f_margin_used));
  assert_true(eq(positions[0].roe, "-0.0387"));

  MarginBalance mb;
  Padded jb = load("margin_balance.json");
  expect_ok(d.decode_margin_balance(jb.view(), &mb));
  assert_true(mb.settled_funds == INT64_C(20375750000));
  assert_int_equal(mb.subaccount_balances.size(), 1);
  assert_true(mb.subaccount_balances[0].available_balance == INT64_C(5412420000));

  std::vector<FundingRate> rates;
  Padded jr = load("funding_rates_page.json");
  expect_ok(d.decode_page(jr.view(), "funding_rates", &rates, &cursor));
  assert_int_equal(rates.size(), 2);
  assert_true(eq(rates[1].funding_rate, "-2.5e-05"));  // kept as exact text
  assert_true(rates[1].mark_price == INT64_C(96800500000));

  FundingRate estimate;
  Padded je = load("funding_estimate.json");
  expect_ok(d.decode(je.view(), &estimate));
  assert_true(eq(estimate.next_funding_time, "2026-11-21T16:00:00Z"));
  assert_true(eq(estimate.funding_rate, "0.00012"));

  std::vector<FundingHistoryEntry> history;
  Padded jh = load("funding_history_page.json");
  expect_ok(d.decode_page(jh.view(), "funding_history", &history, &cursor));
  assert_int_equal(history[0].funding_amount, -14565000);
  assert_int_equal(history[0].quantity, -150);
}

// The fast path gives exactly parse_fixed's value or error code, at every scale the decoders use.
void test_fast_decimal_matches_parse_fixed(void **) {
  const char *inputs[] = {"0",
                          "-0",
                          "0.5600",
                          "99.9999",
                          "1.0000",
                          "0.0001",
                          "0.123456",
                          "0.1234567",
                          "0.1234560",
                          "12345.00",
                          "-3.50",
                          "1.",
                          ".5",
                          "",
                          "-",
                          "1e5",
                          "01.10",
                          "999999999999999999",
                          "9999999999999999999",
                          "92233720368547758.07",
                          "92233720368547758.08",
                          "-92233720368547758.08",
                          "922337203685.477580",
                          "922337203685.477581",
                          "1.0000000000000000001",
                          "1.5x",
                          "--1",
                          "1..2",
                          "0.0000000",
                          "123456789012.345678"};
  for (const char *in : inputs) {
    for (int scale : {0, 2, 4, 6}) {
      int64_t slow = 7, fast = 7;
      const kalshi_err_t a = parse_fixed(in, scale, &slow);
      const kalshi_err_t b = parse_decimal_fast(in, scale, &fast);
      if (a != b || (a == KALSHI_OK && slow != fast))
        std::fprintf(stderr, "'%s' scale %d: parse_fixed %d/%lld fast %d/%lld\n", in, scale, a,
                     static_cast<long long>(slow), b, static_cast<long long>(fast));
      assert_int_equal(a, b);
      if (a == KALSHI_OK) assert_true(slow == fast);
    }
  }
}

void test_generic_view(void **) {
  JsonDecoder d;
  ModelKind kind;
  assert_true(model_kind_from_name("market", &kind));
  assert_true(kind == ModelKind::Market);
  assert_false(model_kind_from_name("nope", &kind));
  Market m;
  Padded j = load("market.json");
  expect_ok(d.decode(ModelKind::Market, j.view(), &m));
  const ModelInfo &info = model_info(ModelKind::Market);
  assert_true(eq(info.name, "market"));
  char buf[32];
  std::string_view text;
  size_t seen = 0;
  for (size_t i = 0; i < info.field_count; ++i) {
    if (!field_text(ModelKind::Market, &m, i, buf, &text)) continue;
    ++seen;
    if (info.fields[i].name == "yes_bid_dollars") assert_true(eq(text, "0.56"));
    if (info.fields[i].name == "yes_ask_size_fp") assert_true(eq(text, "300.50"));
    if (info.fields[i].name == "can_close_early") assert_true(eq(text, "true"));
    if (info.fields[i].name == "settlement_timer_seconds") assert_true(eq(text, "1800"));
    if (info.fields[i].name == "ticker") assert_true(eq(text, "KXHIGHNY-26NOV21-B52.5"));
    assert_true(info.fields[i].name != "settlement_value_dollars");  // null: absent
  }
  assert_true(seen > 30);
  assert_false(field_text(ModelKind::Market, &m, info.field_count, buf, &text));
  // Every kind has a table, and a value-initialised struct decodes from its name.
  for (size_t k = 0; k < static_cast<size_t>(ModelKind::kCount); ++k) {
    const ModelInfo &mi = model_info(static_cast<ModelKind>(k));
    assert_true(mi.field_count > 0);
    assert_true(model_kind_from_name(mi.name, &kind));
    assert_int_equal(static_cast<size_t>(kind), k);
  }
  // The per-thread free functions and pad().
  Padded bare = market_with("");
  expect_ok(decode_market(bare.view(), &m));
  std::string unpadded(R"({"exchange_active":true,"trading_active":true})");
  ExchangeStatus s;
  expect_ok(d.decode(d.pad(unpadded), &s));
  assert_true(s.trading_active);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_exchange_status),
      cmocka_unit_test(test_exchange_schedule),
      cmocka_unit_test(test_series_and_event),
      cmocka_unit_test(test_market),
      cmocka_unit_test(test_exact_decimals),
      cmocka_unit_test(test_malformed_decimals),
      cmocka_unit_test(test_missing_required_and_unknown),
      cmocka_unit_test(test_malformed_json),
      cmocka_unit_test(test_orderbooks),
      cmocka_unit_test(test_order_fill_trade_settlement),
      cmocka_unit_test(test_positions_balance_groups),
      cmocka_unit_test(test_perps_models),
      cmocka_unit_test(test_fast_decimal_matches_parse_fixed),
      cmocka_unit_test(test_generic_view),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
