// WebSocket message decoding (src/api/ws/channels.h): every example message of the prediction
// and perps AsyncAPI specs (tests/data/ws/, extracted from the specs; perps__*__fromSchema.json
// are written from perps.md's field tables since the perps spec carries no examples), exact
// values per channel, the Raw escape hatch and malformed input.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "api/ws/channels.h"
#include "api/ws/decode_util.h"
#include "core/decimal.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;

namespace {

std::string data_dir() {
  const char *src = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(src ? src : ".") + "/tests/data/ws";
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sample(const char *name) {
  return read_file(data_dir() + "/" + name);
}

void decode_ok(Decoder &dec, const std::string &json, Decoded *d) {
  kalshi::Error e = dec.decode_copy(json, d);
  if (!e.ok()) fail_msg("decode failed: %s for %s", e.message.c_str(), json.c_str());
}

bool eq(std::string_view a, const char *b) {
  return a == std::string_view(b);
}

void test_every_spec_example_decodes(void **) {
  Decoder prediction(Product::Prediction);
  Decoder perps(Product::Perps);
  size_t server_messages = 0;
  for (const auto &entry : std::filesystem::directory_iterator(data_dir())) {
    const std::string name = entry.path().filename().string();
    if (name.find("Command__") != std::string::npos) continue;  // client -> server
    const bool is_perps = name.rfind("perps__", 0) == 0;
    Decoded d;
    kalshi::Error e = (is_perps ? perps : prediction).decode_copy(read_file(entry.path()), &d);
    if (!e.ok()) fail_msg("%s: %s", name.c_str(), e.message.c_str());
    if (d.env.kind == MessageKind::Raw) fail_msg("%s decoded as Raw", name.c_str());
    ++server_messages;
  }
  assert_true(server_messages >= 40);
}

void test_prediction_book_messages(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  decode_ok(dec, sample("prediction__orderbookSnapshot__orderbookWithBothSides.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::OrderbookSnapshot);
  assert_int_equal(d.env.sid, 2);
  assert_int_equal(d.env.seq, 2);
  assert_true(eq(d.snapshot.market_ticker, "FED-23DEC-T3.00"));
  assert_true(eq(d.snapshot.market_id, "9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1"));
  assert_int_equal(d.snapshot.yes.size(), 2);
  assert_int_equal(d.snapshot.yes[0].price, 80000);
  assert_int_equal(d.snapshot.yes[0].count, 30000);
  assert_int_equal(d.snapshot.yes[1].price, 220000);
  assert_int_equal(d.snapshot.no.size(), 2);
  assert_int_equal(d.snapshot.no[1].price, 560000);
  assert_int_equal(d.snapshot.no[1].count, 14600);
  assert_true(d.snapshot.bid.empty() && d.snapshot.ask.empty());

  decode_ok(dec, sample("prediction__orderbookDelta__priceLevelUpdate.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::OrderbookDelta);
  assert_int_equal(d.env.seq, 3);
  assert_int_equal(d.delta.price, 960000);
  assert_int_equal(d.delta.delta, -5400);
  assert_int_equal(d.delta.side, BookSide::Yes);
  assert_int_equal(d.delta.ts_ms, 1669149841000);
  assert_int_equal(d.delta.subaccount, kAbsent);
}

void test_perps_book_messages(void **) {
  Decoder dec(Product::Perps);
  Decoded d;
  decode_ok(dec, sample("perps__orderbookSnapshot__fromSchema.json"), &d);
  assert_int_equal(d.snapshot.bid.size(), 2);
  assert_int_equal(d.snapshot.bid[0].price, 97000500000);
  assert_int_equal(d.snapshot.bid[0].count, 125);
  assert_int_equal(d.snapshot.ask.size(), 2);
  assert_int_equal(d.snapshot.ask[1].price, 97002250000);
  assert_true(d.snapshot.yes.empty() && d.snapshot.no.empty());
  decode_ok(dec, sample("perps__orderbookDelta__fromSchema.json"), &d);
  assert_int_equal(d.delta.side, BookSide::Ask);
  assert_int_equal(d.delta.price, 97001000000);
  assert_int_equal(d.delta.delta, -50);
  assert_true(eq(d.delta.last_update_reason, "Trade"));
}

void test_market_data(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  decode_ok(dec, sample("prediction__ticker__tickerUpdate.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::Ticker);
  assert_int_equal(d.env.seq, kAbsent);
  assert_int_equal(d.ticker.price, 480000);
  assert_int_equal(d.ticker.bid, 450000);
  assert_int_equal(d.ticker.ask, 530000);
  assert_int_equal(d.ticker.volume, 3389600);
  assert_int_equal(d.ticker.open_interest, 2042200);
  assert_int_equal(d.ticker.dollar_volume, 16948);
  assert_int_equal(d.ticker.bid_size, 30000);
  assert_int_equal(d.ticker.ts_ms, 1669149841000);

  decode_ok(dec, sample("prediction__trade__tradeNotification.json"), &d);
  assert_int_equal(d.trade.yes_price, 360000);
  assert_int_equal(d.trade.no_price, 640000);
  assert_int_equal(d.trade.count, 13600);
  assert_true(eq(d.trade.taker_book_side, "ask"));
  assert_false(d.trade.is_block_trade);

  Decoder pd(Product::Perps);
  decode_ok(pd, sample("perps__ticker__fromSchema.json"), &d);
  assert_int_equal(d.ticker.bid, 97000500000);
  assert_int_equal(d.ticker.volume, 123450);
  assert_int_equal(d.ticker.volume_notional, 119746500000000);
  assert_int_equal(d.ticker.settlement_mark_price.price, 97005000000);
  assert_int_equal(d.ticker.liquidation_mark_price.ts_ms, 1767225600000);
  assert_true(eq(d.ticker.funding_rate_text, "0.0001"));
  assert_int_equal(d.ticker.next_funding_time_ms, 1767229200000);
  decode_ok(pd, sample("perps__trade__fromSchema.json"), &d);
  assert_int_equal(d.trade.yes_price, 97001000000);
  assert_int_equal(d.trade.count, 50);
  assert_true(eq(d.trade.taker_side, "bid"));
}

void test_own_data(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  decode_ok(dec, sample("prediction__fill__userFill.json"), &d);
  assert_int_equal(d.fill.price, 750000);
  assert_int_equal(d.fill.count, 27800);
  assert_int_equal(d.fill.fee_cost, 10000);
  assert_int_equal(d.fill.post_position, 50000);
  assert_int_equal(d.fill.subaccount, 3);
  assert_true(d.fill.is_taker);
  decode_ok(dec, sample("prediction__userOrder__userOrderCreated.json"), &d);
  assert_true(eq(d.order.status, "resting"));
  assert_int_equal(d.order.price, 350000);
  assert_int_equal(d.order.remaining_count, 1000);
  assert_int_equal(d.order.expiration_ts_ms, 1733050800000);
  decode_ok(dec, sample("prediction__marketPosition__positionUpdate.json"), &d);
  assert_int_equal(d.position.position, 10000);
  assert_int_equal(d.position.position_cost, 50000000);
  assert_int_equal(d.position.realized_pnl, 10000000);
  decode_ok(dec, sample("prediction__orderGroupUpdates__orderGroupLimitUpdated.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::OrderGroupUpdate);
  assert_int_equal(d.order_group.contracts_limit, 15000);

  Decoder pd(Product::Perps);
  decode_ok(pd, sample("perps__fill__fromSchema.json"), &d);
  assert_int_equal(d.fill.price, 97001000000);
  assert_int_equal(d.fill.post_position, -150);
  assert_true(eq(d.fill.order_source, "user"));
  decode_ok(pd, sample("perps__userOrder__fromSchema.json"), &d);
  assert_int_equal(d.order.remaining_count, 0);
  assert_true(d.order.status.empty());
}

void test_lifecycle_comms_indices(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  decode_ok(dec, sample("prediction__marketMetadataUpdated__metadataUpdated.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::MarketLifecycle);
  assert_true(eq(d.lifecycle.event_type, "metadata_updated"));
  assert_true(eq(d.lifecycle.floor_strike_text, "95000"));
  assert_true(eq(d.lifecycle.cap_strike_text, "95250"));
  decode_ok(dec, sample("prediction__marketLifecycleV2__marketCreated.json"), &d);
  assert_true(eq(d.lifecycle.event_type, "created"));
  assert_true(d.lifecycle.additional_metadata_json.front() == '{');
  decode_ok(dec, sample("prediction__eventFeeUpdate__eventFeeOverrideCleared.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::EventFeeUpdate);
  assert_true(d.fee_update.fee_type_override.empty());
  assert_true(d.fee_update.fee_multiplier_override_text.empty());
  decode_ok(dec, sample("prediction__rfqCreated__mveRfqCreatedNotification.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::RfqCreated);
  assert_false(d.comm.rfq_id.empty());
  assert_true(d.comm.mve_selected_legs_json.front() == '[');
  decode_ok(dec, sample("prediction__quoteAccepted__quoteAcceptedNotification.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::QuoteAccepted);
  assert_true(d.comm.yes_bid != kAbsent);
  decode_ok(dec, sample("prediction__cfbenchmarksValue__cfbenchmarksValueUpdate.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::CfbValue);
  assert_true(d.index.avg_60s.value_e8 != kAbsent);
  assert_false(d.index.data.empty());
  decode_ok(dec, sample("prediction__pythValue__pythValueUpdate.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::PythValue);
  assert_true(d.index.value_e8 > 0);
  decode_ok(dec, sample("prediction__cfbenchmarksIndexList__indexListResponse.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::CfbIndexList);
  assert_true(d.list.names.size() > 0);
}

void test_replies(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  decode_ok(dec, sample("prediction__okResponse__updateSuccess.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::Ok);
  assert_int_equal(d.env.id, 123);
  assert_int_equal(d.reply.strings.size(), 3);
  assert_true(eq(d.reply.strings[2], "MARKET-3"));
  decode_ok(dec, sample("prediction__errorResponse__unknownSubscription.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::Error);
  assert_int_equal(d.reply.error_code, 7);
  assert_true(eq(d.reply.error_msg, "Unknown subscription ID"));
  decode_ok(dec, sample("prediction__subscribedResponse__subscriptionConfirmed.json"), &d);
  assert_int_equal(d.env.kind, MessageKind::Subscribed);
  assert_true(d.reply.subscribed.sid != kAbsent);
  decode_ok(dec, sample("prediction__listSubscriptionsResponse__listSubscriptionsResponse.json"),
            &d);
  assert_int_equal(d.env.kind, MessageKind::ListSubscriptions);
  assert_true(d.reply.subscriptions.size() > 0);
  assert_false(d.reply.subscriptions[0].channel.empty());
}

void test_raw_and_order_independence(void **) {
  Decoder dec;
  Decoded d;
  decode_ok(dec, R"({"type":"ticker_v3","sid":4,"seq":9,"msg":{"x":[1,2]}})", &d);
  assert_int_equal(d.env.kind, MessageKind::Raw);
  assert_true(eq(d.env.type, "ticker_v3"));
  assert_true(eq(d.env.msg_json, R"({"x":[1,2]})"));
  assert_int_equal(d.env.seq, 9);
  // msg before type: decoded in a second pass.
  decode_ok(dec,
            R"({"msg":{"market_ticker":"M","price_dollars":"0.5","delta_fp":"1","side":"no"},)"
            R"("sid":1,"seq":5,"type":"orderbook_delta"})",
            &d);
  assert_int_equal(d.env.kind, MessageKind::OrderbookDelta);
  assert_int_equal(d.delta.price, 500000);
  assert_int_equal(d.delta.delta, 100);
  assert_int_equal(d.delta.side, BookSide::No);
  // Escaped strings are unescaped; an escaped key still matches; a decimal with escapes does not.
  decode_ok(dec,
            R"({"type":"ticker","sid":1,"msg":{"market\u005fticker":"A\"B\u00e9",)"
            R"("price_dollars":"0.5"}})",
            &d);
  assert_true(eq(d.ticker.market_ticker, "A\"B\xc3\xa9"));
  assert_int_equal(d.ticker.price, 500000);
  Decoded bad;
  assert_int_equal(
      dec.decode_copy(
             R"({"type":"ticker","sid":1,"msg":{"market_ticker":"M","price_dollars":"0\u002e5"}})",
             &bad)
          .code,
      KALSHI_ERR_PARSE);
  // Legacy integer cents/contracts on a prediction connection.
  decode_ok(dec,
            R"({"type":"orderbook_delta","sid":1,"seq":6,"msg":{"market_ticker":"M","price":96,)"
            R"("delta":-54,"side":"yes"}})",
            &d);
  assert_int_equal(d.delta.price, 960000);
  assert_int_equal(d.delta.delta, -5400);
}

void expect_error(Decoder &dec, const char *json, kalshi_err_t code, const char *needle) {
  Decoded d;
  kalshi::Error e = dec.decode_copy(json, &d);
  if (e.code != code)
    fail_msg("%s: expected %d got %d (%s)", json, code, e.code, e.message.c_str());
  if (needle && e.message.find(needle) == std::string::npos)
    fail_msg("%s: message '%s' lacks '%s'", json, e.message.c_str(), needle);
}

void test_malformed(void **) {
  Decoder dec;
  expect_error(dec, "", KALSHI_ERR_PARSE, nullptr);
  expect_error(dec, "not json", KALSHI_ERR_PARSE, nullptr);
  expect_error(dec, "[1,2]", KALSHI_ERR_PARSE, "object");
  expect_error(dec, R"({"sid":1})", KALSHI_ERR_PARSE, "type");
  expect_error(dec, R"({"type":5})", KALSHI_ERR_PARSE, "type");
  expect_error(dec, R"({"type":"orderbook_delta","sid":1,"seq":1})", KALSHI_ERR_PARSE, "msg");
  expect_error(dec,
               R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"M",)"
               R"("price_dollars":"0.5","delta_fp":"1"}})",
               KALSHI_ERR_PARSE, "side");
  expect_error(dec,
               R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"M",)"
               R"("price_dollars":"0.1234567","delta_fp":"1","side":"yes"}})",
               KALSHI_ERR_INEXACT, "price_dollars");
  expect_error(dec,
               R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"M",)"
               R"("price_dollars":"0.5","delta_fp":"1","side":"maybe"}})",
               KALSHI_ERR_PARSE, "side");
  expect_error(dec,
               R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"M",)"
               R"("yes_dollars_fp":[["0.5","1","2"]]}})",
               KALSHI_ERR_PARSE, "yes_dollars_fp");
  expect_error(dec,
               R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"M",)"
               R"("yes_dollars_fp":[["0.5"]]}})",
               KALSHI_ERR_PARSE, "yes_dollars_fp");
  expect_error(dec, R"({"type":"ticker","sid":"x","msg":{}})", KALSHI_ERR_PARSE, "sid");
  expect_error(dec, R"({"type":"ticker","sid":1,"msg":{"market_ticker":"M","price_dollars":true}})",
               KALSHI_ERR_PARSE, "price_dollars");
  expect_error(dec, R"({"type":"error","msg":{"msg":"x"}})", KALSHI_ERR_PARSE, "code");
  expect_error(dec, R"({"type":"ticker","sid":1,"msg":{"market_ticker":"M")", KALSHI_ERR_PARSE,
               nullptr);
  // Perps never sends integer prices: refused rather than read as cents.
  Decoder pd(Product::Perps);
  expect_error(pd,
               R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"M",)"
               R"("price":96,"delta":"1","side":"bid"}})",
               KALSHI_ERR_PARSE, "price");
  // The decoder is still usable after errors.
  Decoded d;
  decode_ok(dec, sample("prediction__orderbookDelta__priceLevelUpdate.json"), &d);
  assert_int_equal(d.delta.delta, -5400);
}

void test_fast_decimals_match_parse_fixed(void **) {
  const char *cases[] = {"0.9600",
                         "-54.00",
                         "0",
                         "-0",
                         "00.5",
                         "1.",
                         ".5",
                         "-",
                         "+1",
                         "1e3",
                         "0.1234567",
                         "0.1234560",
                         "123456789012.123456",
                         "99999999999999.99",
                         "1.2.3",
                         "12a",
                         "",
                         "9223372036854775807",
                         "0.00000001"};
  for (const char *c : cases) {
    for (const int decimals : {2, 6, 8}) {
      int64_t fast = 0;
      int64_t exact = 0;
      const bool answered = kalshi::wsapi::detail::Reader::fast_fixed(c, decimals, &fast);
      const kalshi_err_t rc = kalshi::parse_fixed(c, decimals, &exact);
      if (answered && (rc != KALSHI_OK || fast != exact))
        fail_msg("'%s' at %d: fast %lld, exact rc %d %lld", c, decimals,
                 static_cast<long long>(fast), rc, static_cast<long long>(exact));
    }
  }
  int64_t v = 0;
  assert_true(kalshi::wsapi::detail::Reader::fast_fixed("-54.00", 2, &v));
  assert_int_equal(v, -5400);
  assert_true(kalshi::wsapi::detail::Reader::fast_fixed("0.96", 6, &v));
  assert_int_equal(v, 960000);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_spec_example_decodes),
      cmocka_unit_test(test_prediction_book_messages),
      cmocka_unit_test(test_perps_book_messages),
      cmocka_unit_test(test_market_data),
      cmocka_unit_test(test_own_data),
      cmocka_unit_test(test_lifecycle_comms_indices),
      cmocka_unit_test(test_replies),
      cmocka_unit_test(test_raw_and_order_independence),
      cmocka_unit_test(test_malformed),
      cmocka_unit_test(test_fast_decimals_match_parse_fixed),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
