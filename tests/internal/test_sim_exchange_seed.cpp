// Exchange core markets file: the default tools/sim/markets.json loads with the promised variety,
// and every kind of bad file fails naming the market and field, loading nothing.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "sim/exchange/exchange.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::sim;

namespace {

void test_default_markets_load(void **) {
  Exchange ex(1);
  const kalshi::Error e = ex.load_markets(Exchange::default_markets_json());
  assert_true(e.ok());
  bool subpenny = false, fractional = false, perp = false, cents = false;
  for (const Market *m : ex.markets()) {
    if (m->ticks.size() > 1) subpenny = true;
    if (m->fractional && m->kind == MarketKind::Binary) fractional = true;
    if (m->kind == MarketKind::Perp) {
      perp = true;
      assert_true(m->reference_price > 0);
      assert_true(m->initial_margin_ppm > 0);
      assert_true(Exchange::on_tick(*m, m->reference_price));
    }
    if (m->ticks.size() == 1 && m->ticks[0].step == 10000) cents = true;
  }
  assert_true(subpenny && fractional && perp && cents);
  const Market *btc = ex.find_market("BTC-PERP");
  assert_non_null(btc);
  assert_int_equal(btc->price_band, 9500 * kDollar);
  // Loading the same set again: every ticker is a duplicate.
  const kalshi::Error again = ex.load_markets(Exchange::default_markets_json());
  assert_int_equal(again.code, KALSHI_ERR_INVALID_VALUE);
}

const char *kGood =
    R"({"ticker": "OK", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}]})";

void test_bad_files(void **) {
  struct Case {
    const char *name;
    std::string json;
    kalshi_err_t code;
    const char *mention;  // must appear in the message
  };
  const std::string good = kGood;
  auto file = [&](const std::string &bad) { return "{\"markets\": [" + good + ", " + bad + "]}"; };
  const Case cases[] = {
      {"malformed", "{\"markets\": [", KALSHI_ERR_PARSE, "malformed"},
      {"no markets array", "{\"market\": []}", KALSHI_ERR_INVALID_VALUE, "markets"},
      {"end off grid",
       file(
           R"({"ticker": "B1", "price_ranges": [{"start": "0.01", "end": "0.995", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "B1"},
      {"overlap",
       file(R"({"ticker": "B2", "price_ranges": [{"start": "0.01", "end": "0.50", "step": "0.01"},
            {"start": "0.50", "end": "0.99", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "price_ranges"},
      {"binary reaching a dollar",
       file(
           R"({"ticker": "B3", "price_ranges": [{"start": "0.01", "end": "1.00", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "B3"},
      {"zero step",
       file(R"({"ticker": "B4", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0"}]})"),
       KALSHI_ERR_INVALID_VALUE, "B4"},
      {"numeric price",
       file(
           R"({"ticker": "B5", "price_ranges": [{"start": 0.01, "end": "0.99", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "price_ranges.start"},
      {"duplicate ticker", file(kGood), KALSHI_ERR_INVALID_VALUE, "duplicate"},
      {"unknown field", file(R"({"ticker": "B6", "colour": "red", "price_ranges": []})"),
       KALSHI_ERR_INVALID_VALUE, "colour"},
      {"missing ranges", file(R"({"ticker": "B7"})"), KALSHI_ERR_INVALID_VALUE, "price_ranges"},
      {"bad status",
       file(
           R"({"ticker": "B8", "status": "live", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "status"},
      {"perp without margin",
       file(
           R"({"ticker": "B9", "kind": "perp", "reference_price": "10", "price_ranges": [{"start": "1", "end": "100", "step": "1"}]})"),
       KALSHI_ERR_INVALID_VALUE, "initial_margin"},
      {"bad ticker", file(R"({"ticker": "has space", "price_ranges": []})"),
       KALSHI_ERR_INVALID_VALUE, "ticker"},
      {"fee rate over 1",
       file(
           R"({"ticker": "B10", "taker_fee_rate": "1.5", "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "taker_fee_rate"},
      {"inexact decimal",
       file(
           R"({"ticker": "B11", "price_ranges": [{"start": "0.0000001", "end": "0.99", "step": "0.01"}]})"),
       KALSHI_ERR_INVALID_VALUE, "B11"},
  };
  for (const Case &c : cases) {
    Exchange ex(1);
    const kalshi::Error e = ex.load_markets(c.json);
    if (e.code != c.code || e.message.find(c.mention) == std::string::npos) {
      fail_msg("%s: code %d message '%s'", c.name, e.code, e.message.c_str());
    }
    if (!ex.markets().empty()) fail_msg("%s: a bad file loaded markets", c.name);
  }
}

void test_fields_parsed(void **) {
  Exchange ex(1);
  const kalshi::Error e = ex.load_markets(R"({"markets": [{"ticker": "X", "event_ticker": "EV",
    "series_ticker": "SE", "title": "Title", "status": "paused", "open_time_ms": 5,
    "close_time_ms": 10, "fractional_trading_enabled": true, "taker_fee_rate": "0.035",
    "maker_fee_rate": "0.0025",
    "price_ranges": [{"start": "0.02", "end": "0.98", "step": "0.02"}]}]})");
  assert_true(e.ok());
  const Market *m = ex.find_market("X");
  assert_non_null(m);
  assert_string_equal(m->event_ticker.c_str(), "EV");
  assert_string_equal(m->series_ticker.c_str(), "SE");
  assert_int_equal(static_cast<int>(m->status), static_cast<int>(MarketStatus::Paused));
  assert_int_equal(m->close_time_ms, 10);
  assert_true(m->fractional);
  assert_int_equal(m->taker_fee_ppm, 35000);
  assert_int_equal(m->maker_fee_ppm, 2500);
  assert_true(Exchange::on_tick(*m, 40000));
  assert_false(Exchange::on_tick(*m, 30000));
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_markets_load),
      cmocka_unit_test(test_bad_files),
      cmocka_unit_test(test_fields_parsed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
