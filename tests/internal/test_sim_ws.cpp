// The simulator's WebSocket front end over loopback, from a raw client built on src/ws: the
// authenticated upgrade, subscription commands and their errors, channels fed by real exchange
// events (orderbook snapshot then deltas, trades, fills and user orders for their owner only,
// lifecycle), and every fault.
#include "test_sim_ws_client.h"

using namespace simws_test;

namespace {

constexpr Price kP40 = 400000;
constexpr Price kP60 = 600000;
constexpr Qty k10 = 1000;

void test_handshake(void **) {
  SimFixture f;
  {
    RawClient c(f.port);
    assert_int_equal(c.handshake(kKeyA, "/trade-api/ws/v2", true, /*corrupt=*/true), 401);
    assert_true(c.closed_by_server());
  }
  {
    RawClient c(f.port);
    assert_int_equal(c.handshake(kKeyA, "/trade-api/ws/v2", /*sign=*/false), 401);
  }
  {
    RawClient c(f.port);  // a key nobody registered
    assert_int_equal(c.handshake("dddddddd-0000-4000-8000-000000000009"), 401);
  }
  {
    RawClient c(f.port);  // a timestamp an hour old
    assert_int_equal(
        c.handshake(kKeyA, "/trade-api/ws/v2", true, false, wall_clock_ms() - 3600 * 1000), 401);
  }
  {
    RawClient c(f.port);
    assert_int_equal(c.handshake(kKeyA, "/trade-api/v2/markets"), 404);
  }
  {
    RawClient c(f.port);  // the key is registered for prediction only
    assert_int_equal(c.handshake(kKeyA, "/trade-api/ws/v2/margin"), 401);
  }
  {
    RawClient c(f.port);
    assert_int_equal(c.handshake(), 101);
    c.send_text(R"({"id":1,"cmd":"list_subscriptions"})");
    Json j(c.next_text());
    assert_string_equal(j.str("/type").c_str(), "ok");
    assert_int_equal(j.num("/id"), 1);
    // Close handshake: the server echoes the code and hangs up.
    c.send_close(1000);
    RawClient::Got g = c.next();
    assert_int_equal(static_cast<int>(g.kind), static_cast<int>(ws::Message::Kind::Close));
    assert_int_equal(g.close_code, 1000);
    assert_true(c.closed_by_server());
  }
}

void test_orderbook_snapshot_then_deltas(void **) {
  SimFixture f;
  assert_true(f.sim->place_order(f.member_c, kTicker, Side::Buy, kP40, k10).ok());
  RawClient c(f.port);
  assert_int_equal(c.handshake(), 101);
  c.send_text(
      R"({"id":7,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_ticker":"HIGHNY-26NOV21-T50"}})");
  Json sub(c.next_text());
  assert_string_equal(sub.str("/type").c_str(), "subscribed");
  assert_int_equal(sub.num("/id"), 7);
  assert_string_equal(sub.str("/msg/channel").c_str(), "orderbook_delta");
  const int64_t sid = sub.num("/msg/sid");
  assert_true(sid >= 1);
  Json snap(c.next_text());
  assert_string_equal(snap.str("/type").c_str(), "orderbook_snapshot");
  assert_int_equal(snap.num("/sid"), sid);
  assert_int_equal(snap.num("/seq"), 1);
  assert_string_equal(snap.str("/msg/market_ticker").c_str(), kTicker);
  assert_int_equal(snap.str("/msg/market_id").size(), 36);
  assert_string_equal(snap.str("/msg/yes_dollars_fp/0/0").c_str(), "0.4000");
  assert_string_equal(snap.str("/msg/yes_dollars_fp/0/1").c_str(), "10.00");
  assert_false(snap.has("/msg/no_dollars_fp"));  // an empty side is left out

  // An offer to sell YES at 0.60 is a NO bid at 0.40 in NO terms.
  assert_true(f.sim->place_order(f.member_c, kTicker, Side::Sell, kP60, k10 / 2).ok());
  Json d1(c.next_text());
  assert_string_equal(d1.str("/type").c_str(), "orderbook_delta");
  assert_int_equal(d1.num("/seq"), 2);
  assert_string_equal(d1.str("/msg/side").c_str(), "no");
  assert_string_equal(d1.str("/msg/price_dollars").c_str(), "0.4000");
  assert_string_equal(d1.str("/msg/delta_fp").c_str(), "5.00");
  // A crossing buy takes 5 at 0.60: the NO level goes.
  assert_true(f.sim->place_order(f.member_a, kTicker, Side::Buy, kP60, k10 / 2).ok());
  Json d2(c.next_text());
  assert_int_equal(d2.num("/seq"), 3);
  assert_string_equal(d2.str("/msg/side").c_str(), "no");
  assert_string_equal(d2.str("/msg/delta_fp").c_str(), "-5.00");

  // get_snapshot re-sends the book with the command id, in the same seq stream.
  c.send_text(R"({"id":8,"cmd":"update_subscription","params":{"sid":)" + std::to_string(sid) +
              R"(,"action":"get_snapshot","market_tickers":["HIGHNY-26NOV21-T50"]}})");
  Json again(c.next_text());
  assert_string_equal(again.str("/type").c_str(), "orderbook_snapshot");
  assert_int_equal(again.num("/id"), 8);
  assert_int_equal(again.num("/seq"), 4);

  // use_yes_price quotes the NO side in YES terms.
  RawClient y(f.port);
  assert_int_equal(y.handshake(kKeyB), 101);
  y.send_text(
      R"({"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_tickers":["HIGHNY-26NOV21-T50"],"use_yes_price":true}})");
  (void)y.next_text();
  (void)y.next_text();
  assert_true(f.sim->place_order(f.member_c, kTicker, Side::Sell, kP60, k10).ok());
  Json yd(y.next_text());
  assert_string_equal(yd.str("/msg/price_dollars").c_str(), "0.6000");
  Json nd(c.next_text());
  assert_string_equal(nd.str("/msg/price_dollars").c_str(), "0.4000");
}

void test_trades_fills_orders_owner_only(void **) {
  SimFixture f;
  RawClient a(f.port), b(f.port);
  assert_int_equal(a.handshake(kKeyA), 101);
  assert_int_equal(b.handshake(kKeyB), 101);
  a.send_text(
      R"({"id":1,"cmd":"subscribe","params":{"channels":["user_orders","fill","trade","market_positions"]}})");
  for (int i = 0; i < 4; ++i)
    assert_string_equal(Json(a.next_text()).str("/type").c_str(), "subscribed");
  b.send_text(R"({"id":1,"cmd":"subscribe","params":{"channels":["fill","user_orders"]}})");
  for (int i = 0; i < 2; ++i) (void)b.next_text();

  assert_true(f.sim->place_order(f.member_a, kTicker, Side::Buy, kP40, k10).ok());
  Json o1(a.next_text());
  assert_string_equal(o1.str("/type").c_str(), "user_order");
  assert_string_equal(o1.str("/msg/status").c_str(), "resting");
  assert_string_equal(o1.str("/msg/yes_price_dollars").c_str(), "0.4000");
  assert_string_equal(o1.str("/msg/remaining_count_fp").c_str(), "10.00");
  assert_string_equal(o1.str("/msg/book_side").c_str(), "bid");
  assert_false(o1.has("/seq"));  // user_orders is not sequenced

  // Member C sells into A's bid: A's order executes, A gets the trade, its fill and position.
  assert_true(f.sim->place_order(f.member_c, kTicker, Side::Sell, kP40, k10).ok());
  bool got_trade = false, got_fill = false, got_exec = false, got_pos = false;
  for (int i = 0; i < 4; ++i) {
    Json m(a.next_text());
    const std::string type = m.str("/type");
    if (type == "trade") {
      got_trade = true;
      assert_int_equal(m.num("/seq"), 1);
      assert_string_equal(m.str("/msg/yes_price_dollars").c_str(), "0.4000");
      assert_string_equal(m.str("/msg/no_price_dollars").c_str(), "0.6000");
      assert_string_equal(m.str("/msg/count_fp").c_str(), "10.00");
      assert_string_equal(m.str("/msg/taker_outcome_side").c_str(), "no");
    } else if (type == "fill") {
      got_fill = true;
      assert_false(m.has("/msg/is_taker") && m.doc.at_pointer("/msg/is_taker").get_bool().value());
      assert_string_equal(m.str("/msg/count_fp").c_str(), "10.00");
      assert_string_equal(m.str("/msg/post_position_fp").c_str(), "10.00");
    } else if (type == "user_order") {
      got_exec = true;
      assert_string_equal(m.str("/msg/status").c_str(), "executed");
      assert_string_equal(m.str("/msg/maker_fill_cost_dollars").c_str(), "4.0000");
    } else if (type == "market_position") {
      got_pos = true;
      assert_string_equal(m.str("/msg/position_fp").c_str(), "10.00");
    } else {
      fail_msg("unexpected %s", type.c_str());
    }
  }
  assert_true(got_trade && got_fill && got_exec && got_pos);
  // B saw none of it: the reply to its next command is the next thing it reads.
  b.send_text(R"({"id":9,"cmd":"list_subscriptions"})");
  Json bl(b.next_text());
  assert_string_equal(bl.str("/type").c_str(), "ok");
  assert_int_equal(bl.num("/id"), 9);
  assert_string_equal(bl.str("/msg/0/channel").c_str(), "fill");
  assert_string_equal(bl.str("/msg/1/channel").c_str(), "user_orders");
}

void test_lifecycle_and_ticker(void **) {
  SimFixture f;
  RawClient c(f.port);
  assert_int_equal(c.handshake(), 101);
  c.send_text(R"({"id":1,"cmd":"subscribe","params":{"channels":["market_lifecycle_v2"]}})");
  (void)c.next_text();
  assert_true(f.sim->market_status(kTicker, "paused").ok());
  Json m(c.next_text());
  assert_string_equal(m.str("/type").c_str(), "market_lifecycle_v2");
  assert_int_equal(m.num("/seq"), 1);
  assert_string_equal(m.str("/msg/market_ticker").c_str(), kTicker);
  assert_string_equal(m.str("/msg/event_type").c_str(), "deactivated");
  assert_true(m.doc.at_pointer("/msg/is_deactivated").get_bool().value());
  assert_true(f.sim->market_status(kTicker, "open").ok());
  Json m2(c.next_text());
  assert_int_equal(m2.num("/seq"), 2);
  assert_string_equal(m2.str("/msg/event_type").c_str(), "activated");

  c.send_text(
      R"({"id":2,"cmd":"subscribe","params":{"channels":["ticker"],"market_ticker":"HIGHNY-26NOV21-T50","send_initial_snapshot":true}})");
  assert_string_equal(Json(c.next_text()).str("/type").c_str(), "subscribed");
  Json t0(c.next_text());
  assert_string_equal(t0.str("/type").c_str(), "ticker");
  assert_string_equal(t0.str("/msg/yes_bid_dollars").c_str(), "0.0000");
  assert_true(f.sim->place_order(f.member_c, kTicker, Side::Buy, kP40, k10).ok());
  Json t1(c.next_text());
  assert_string_equal(t1.str("/type").c_str(), "ticker");
  assert_string_equal(t1.str("/msg/yes_bid_dollars").c_str(), "0.4000");
  assert_string_equal(t1.str("/msg/yes_bid_size_fp").c_str(), "10.00");
}

void expect_error(RawClient &c, const std::string &cmd, int code) {
  c.send_text(cmd);
  Json j(c.next_text());
  if (j.str("/type") != "error" || j.num("/msg/code") != code) {
    fail_msg("%s -> %s (wanted error %d)", cmd.c_str(), j.str("/msg/msg").c_str(), code);
  }
}

void test_commands_and_errors(void **) {
  SimFixture f;
  RawClient c(f.port);
  assert_int_equal(c.handshake(), 101);
  expect_error(c, "not json", 1);
  expect_error(c, R"({"id":1,"cmd":"dance","params":{}})", 5);
  expect_error(c, R"({"id":2,"cmd":"subscribe"})", 2);
  expect_error(c, R"({"id":3,"cmd":"subscribe","params":{}})", 3);
  expect_error(c, R"({"id":4,"cmd":"subscribe","params":{"channels":["nope"]}})", 8);
  expect_error(c, R"({"id":5,"cmd":"subscribe","params":{"channels":["orderbook_delta"]}})", 14);
  expect_error(c, R"({"id":6,"cmd":"unsubscribe","params":{}})", 4);
  expect_error(c, R"({"id":7,"cmd":"unsubscribe","params":{"sids":[99]}})", 7);
  expect_error(c, R"({"id":8,"cmd":"update_subscription","params":{"action":"add_markets"}})", 12);
  expect_error(
      c, R"({"id":9,"cmd":"update_subscription","params":{"sids":[1,2],"action":"add_markets"}})",
      12);
  expect_error(
      c, R"({"id":10,"cmd":"subscribe","params":{"channels":["trade"],"market_ticker":"NO-SUCH"}})",
      11);

  expect_error(
      c, R"({"id":20,"cmd":"subscribe","params":{"channels":["communications"],"shard_key":1}})",
      20);
  expect_error(
      c, R"({"id":21,"cmd":"subscribe","params":{"channels":["communications"],"shard_factor":0}})",
      19);
  expect_error(
      c,
      R"({"id":22,"cmd":"subscribe","params":{"channels":["communications"],"shard_factor":101}})",
      22);
  expect_error(
      c,
      R"({"id":23,"cmd":"subscribe","params":{"channels":["communications"],"shard_factor":4,"shard_key":4}})",
      21);
  c.send_text(R"({"id":11,"cmd":"subscribe","params":{"channels":["trade","ticker"]}})");
  Json s1(c.next_text()), s2(c.next_text());
  const int64_t trade_sid = s1.num("/msg/sid");
  assert_true(s2.num("/msg/sid") != trade_sid);
  expect_error(c, R"({"id":12,"cmd":"subscribe","params":{"channels":["trade"]}})", 11);  // already
  expect_error(
      c,
      R"({"id":13,"cmd":"update_subscription","params":{"sid":)" + std::to_string(trade_sid) + "}}",
      15);
  expect_error(c,
               R"({"id":14,"cmd":"update_subscription","params":{"sid":)" +
                   std::to_string(trade_sid) +
                   R"(,"action":"get_snapshot","market_ticker":"HIGHNY-26NOV21-T50"}})",
               13);
  c.send_text(
      R"({"id":15,"cmd":"update_subscription","params":{"sid":)" + std::to_string(trade_sid) +
      R"(,"action":"add_markets","market_tickers":["HIGHNY-26NOV21-T50","HIGHNY-26NOV21-T55"]}})");
  Json ok(c.next_text());
  assert_string_equal(ok.str("/type").c_str(), "ok");
  assert_int_equal(ok.num("/sid"), trade_sid);
  assert_string_equal(ok.str("/msg/market_tickers/1").c_str(), "HIGHNY-26NOV21-T55");

  c.send_text(R"({"id":16,"cmd":"unsubscribe","params":{"sids":[)" + std::to_string(trade_sid) +
              "]}}");
  Json un(c.next_text());
  assert_string_equal(un.str("/type").c_str(), "unsubscribed");
  assert_int_equal(un.num("/sid"), trade_sid);
  assert_int_equal(un.num("/id"), 16);
  c.send_text(R"({"id":17,"cmd":"list_subscriptions"})");
  Json l(c.next_text());
  assert_string_equal(l.str("/msg/0/channel").c_str(), "ticker");
  assert_false(l.has("/msg/1"));
  // A binary frame is refused with 1003.
  ws::FrameWriter w(ws::Role::Client, mask_source, nullptr);
  uint8_t out[16];
  const uint8_t payload[2] = {1, 2};
  const size_t n = w.write_binary(out, payload);
  c.send_raw(std::string_view(reinterpret_cast<const char *>(out), n));
  RawClient::Got g = c.next();
  assert_int_equal(static_cast<int>(g.kind), static_cast<int>(ws::Message::Kind::Close));
  assert_int_equal(g.close_code, 1003);
}

void test_margin_endpoint(void **) {
  SimFixture f;
  uint32_t member = 0;
  const std::string pem = slurp(key_path("rsa_pub.pem"));
  assert_true(f.sim->register_key(fix::Product::Margin, kKeyA, pem, f.member_a, &member).ok());
  assert_int_equal(member, f.member_a);
  assert_true(f.sim->set_balance(f.member_c, 0, 10000000 * kDollar).ok());
  assert_true(f.sim->set_balance(f.member_a, 0, 10000000 * kDollar).ok());
  assert_true(f.sim->place_order(f.member_c, "BTC-PERP", Side::Sell, 95500 * kDollar, k10).ok());
  RawClient c(f.port);
  assert_int_equal(c.handshake(kKeyA, "/trade-api/ws/v2/margin"), 101);
  // perps_asyncapi.yaml has six channels; binary markets are not served here.
  expect_error(c, R"({"id":1,"cmd":"subscribe","params":{"channels":["market_lifecycle_v2"]}})", 8);
  expect_error(
      c,
      R"({"id":2,"cmd":"subscribe","params":{"channels":["trade"],"market_ticker":"HIGHNY-26NOV21-T50"}})",
      11);
  c.send_text(
      R"({"id":3,"cmd":"subscribe","params":{"channels":["orderbook_delta","trade","fill"],"market_ticker":"BTC-PERP"}})");
  assert_string_equal(Json(c.next_text()).str("/type").c_str(), "subscribed");
  Json snap(c.next_text());
  assert_string_equal(snap.str("/type").c_str(), "orderbook_snapshot");
  assert_string_equal(snap.str("/msg/ask/0/0").c_str(), "95500.0000");
  assert_string_equal(snap.str("/msg/ask/0/1").c_str(), "10.00");
  assert_false(snap.has("/msg/bid"));
  assert_false(snap.has("/msg/market_id"));
  assert_string_equal(Json(c.next_text()).str("/type").c_str(), "subscribed");
  assert_string_equal(Json(c.next_text()).str("/type").c_str(), "subscribed");
  // A's buy lifts 2 contracts: the ask level shrinks, a trade prints, A gets its fill.
  assert_true(f.sim->place_order(f.member_a, "BTC-PERP", Side::Buy, 95500 * kDollar, 200).ok());
  bool delta = false, trade = false, fill = false;
  for (int i = 0; i < 3; ++i) {
    Json m(c.next_text());
    const std::string type = m.str("/type");
    if (type == "orderbook_delta") {
      delta = true;
      assert_string_equal(m.str("/msg/side").c_str(), "ask");
      assert_string_equal(m.str("/msg/price").c_str(), "95500.0000");
      assert_string_equal(m.str("/msg/delta").c_str(), "-2.00");
    } else if (type == "trade") {
      trade = true;
      assert_string_equal(m.str("/msg/price").c_str(), "95500.0000");
      assert_string_equal(m.str("/msg/count").c_str(), "2.00");
      assert_string_equal(m.str("/msg/taker_side").c_str(), "bid");
    } else if (type == "fill") {
      fill = true;
      assert_string_equal(m.str("/msg/side").c_str(), "bid");
      assert_string_equal(m.str("/msg/post_position").c_str(), "2.00");
      assert_string_equal(m.str("/msg/order_source").c_str(), "user");
    } else {
      fail_msg("unexpected %s", type.c_str());
    }
  }
  assert_true(delta && trade && fill);
}

void subscribe_book(RawClient &c) {
  c.send_text(
      R"({"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_ticker":"HIGHNY-26NOV21-T50"}})");
  (void)c.next_text();
  Json snap(c.next_text());
  assert_int_equal(snap.num("/seq"), 1);
}

void test_faults(void **) {
  SimFixture f;
  {
    RawClient c(f.port);
    assert_int_equal(c.handshake(), 101);
    subscribe_book(c);
    assert_true(f.sim->fault("ws", kKeyA, "skip 2").ok());
    assert_true(f.sim->place_order(f.member_c, kTicker, Side::Buy, kP40, k10).ok());
    assert_int_equal(Json(c.next_text()).num("/seq"), 4);  // 2 and 3 skipped
    assert_true(f.sim->place_order(f.member_c, kTicker, Side::Buy, kP40 - 10000, k10).ok());
    assert_int_equal(Json(c.next_text()).num("/seq"), 5);  // one-shot

    assert_true(f.sim->fault("ws", "", "garbage").ok());
    const std::string junk = c.next_text();
    simdjson::dom::parser p;
    simdjson::dom::element e;
    assert_true(p.parse(junk).get(e) != simdjson::SUCCESS);

    // delay: output is held, then released in order.
    assert_true(f.sim->fault("ws", kKeyA, "delay 300").ok());
    assert_true(f.sim->place_order(f.member_c, kTicker, Side::Buy, kP40 - 20000, k10).ok());
    assert_int_equal(Json(c.next_text()).num("/seq"), 6);

    assert_true(f.sim->fault("ws", kKeyA, "logout").ok());
    RawClient::Got g = c.next();
    assert_int_equal(static_cast<int>(g.kind), static_cast<int>(ws::Message::Kind::Close));
    assert_int_equal(g.close_code, 1001);
  }
  {
    RawClient c(f.port);
    assert_int_equal(c.handshake(kKeyB), 101);
    // A fault for another key finds no connection.
    assert_int_equal(f.sim->fault("ws", kKeyA, "drop").code, KALSHI_ERR_NOT_FOUND);
    assert_true(f.sim->fault("ws", kKeyB, "drop").ok());
    assert_true(c.closed_by_server());
  }
  assert_int_equal(f.sim->fault("ws", "", "resend_request").code, KALSHI_ERR_NOT_FOUND);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_handshake),
      cmocka_unit_test(test_orderbook_snapshot_then_deltas),
      cmocka_unit_test(test_trades_fills_orders_owner_only),
      cmocka_unit_test(test_lifecycle_and_ticker),
      cmocka_unit_test(test_commands_and_errors),
      cmocka_unit_test(test_margin_endpoint),
      cmocka_unit_test(test_faults),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
