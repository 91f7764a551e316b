// WebSocket commands (src/api/ws/commands.h): exact JSON text, increasing ids, refusals that
// consume no id, string escaping, and tying decoded replies to their command id.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstring>
#include <string>
#include <string_view>

#include "api/ws/channels.h"
#include "api/ws/commands.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;

namespace {

void test_subscribe_exact(void **) {
  CommandWriter w;
  std::string json;
  uint64_t id = 0;
  const std::string_view channels[] = {"orderbook_delta", "ticker"};
  const std::string_view tickers[] = {"FED-23DEC-T3.00", "KXBTC"};
  SubscribeParams p;
  p.channels = channels;
  p.market_tickers = tickers;
  p.use_yes_price = 1;
  assert_true(w.subscribe(p, &json, &id).ok());
  assert_int_equal(id, 1);
  assert_string_equal(
      json.c_str(),
      R"({"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta","ticker"],)"
      R"("market_tickers":["FED-23DEC-T3.00","KXBTC"],"use_yes_price":true}})");

  SubscribeParams c;
  const std::string_view comm[] = {"communications"};
  c.channels = comm;
  c.user_filter = "self";
  c.shard_factor = 4;
  c.shard_key = 0;
  c.skip_ticker_ack = 0;
  assert_true(w.subscribe(c, &json, &id).ok());
  assert_int_equal(id, 2);
  assert_string_equal(
      json.c_str(),
      R"({"id":2,"cmd":"subscribe","params":{"channels":["communications"],)"
      R"("skip_ticker_ack":false,"user_filter":"self","shard_factor":4,"shard_key":0}})");
}

void test_other_commands_exact(void **) {
  CommandWriter w;
  std::string json;
  uint64_t id = 0;
  const int64_t sids[] = {1, 2};
  assert_true(w.unsubscribe(sids, &json, &id).ok());
  assert_string_equal(json.c_str(), R"({"id":1,"cmd":"unsubscribe","params":{"sids":[1,2]}})");

  UpdateParams u;
  u.sid = 456;
  const std::string_view tickers[] = {"NEW-1"};
  u.market_tickers = tickers;
  u.action = "add_markets";
  assert_true(w.update_subscription(u, &json, &id).ok());
  assert_int_equal(id, 2);
  assert_string_equal(json.c_str(), R"({"id":2,"cmd":"update_subscription","params":{"sid":456,)"
                                    R"("market_tickers":["NEW-1"],"action":"add_markets"}})");

  UpdateParams g;
  const int64_t one[] = {7};
  g.sids = one;
  g.market_ticker = "M";
  g.action = "get_snapshot";
  assert_true(w.update_subscription(g, &json, &id).ok());
  assert_string_equal(json.c_str(), R"({"id":3,"cmd":"update_subscription","params":{"sids":[7],)"
                                    R"("market_ticker":"M","action":"get_snapshot"}})");

  assert_true(w.list_subscriptions(&json, &id).ok());
  assert_int_equal(id, 4);
  assert_string_equal(json.c_str(), R"({"id":4,"cmd":"list_subscriptions"})");
  assert_int_equal(w.next_id(), 5);
}

void test_refusals_consume_no_id(void **) {
  CommandWriter w;
  std::string json;
  uint64_t id = 99;
  SubscribeParams none;
  assert_int_equal(w.subscribe(none, &json, &id).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(w.unsubscribe({}, &json, &id).code, KALSHI_ERR_INVALID_ARG);
  UpdateParams u;
  u.action = "add_markets";
  assert_int_equal(w.update_subscription(u, &json, &id).code, KALSHI_ERR_INVALID_ARG);  // no sid
  const int64_t two[] = {1, 2};
  u.sids = two;
  assert_int_equal(w.update_subscription(u, &json, &id).code, KALSHI_ERR_INVALID_ARG);  // two
  UpdateParams both;
  both.sid = 1;
  const int64_t one[] = {1};
  both.sids = one;
  both.action = "add_markets";
  assert_int_equal(w.update_subscription(both, &json, &id).code, KALSHI_ERR_INVALID_ARG);
  UpdateParams no_action;
  no_action.sid = 1;
  assert_int_equal(w.update_subscription(no_action, &json, &id).code, KALSHI_ERR_INVALID_ARG);
  SubscribeParams bad_utf8;
  const std::string_view ch[] = {"ticker"};
  bad_utf8.channels = ch;
  bad_utf8.market_ticker = "\xff\xfe";
  assert_int_equal(w.subscribe(bad_utf8, &json, &id).code, KALSHI_ERR_INVALID_ARG);
  SubscribeParams key_only;
  key_only.channels = ch;
  key_only.shard_key = 1;
  assert_int_equal(w.subscribe(key_only, &json, &id).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(id, 99);
  assert_int_equal(w.next_id(), 1);
}

void test_escaping(void **) {
  std::string out;
  assert_true(append_json_string(&out, std::string_view("a\"b\\c\n\t\x01\x1f/\xc3\xa9", 12)));
  assert_string_equal(out.c_str(), "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f/\xc3\xa9\"");
  out.clear();
  assert_false(append_json_string(&out, "\xc3"));
  assert_true(out.empty());
  // The writer's output is itself valid JSON that decodes back to the same ticker.
  CommandWriter w;
  std::string json;
  uint64_t id;
  SubscribeParams p;
  const std::string_view ch[] = {"ticker"};
  p.channels = ch;
  p.market_ticker = "A\"B";
  assert_true(w.subscribe(p, &json, &id).ok());
  assert_non_null(strstr(json.c_str(), R"("market_ticker":"A\"B")"));
}

void test_reply_of(void **) {
  Decoder dec;
  Decoded d;
  assert_true(
      dec.decode_copy(R"({"id":3,"type":"subscribed","msg":{"channel":"ticker","sid":11}})", &d)
          .ok());
  ReplyInfo r = reply_of(d);
  assert_true(r.is_reply);
  assert_int_equal(r.command_id, 3);
  assert_int_equal(r.sid, 11);
  assert_int_equal(r.kind, MessageKind::Subscribed);

  assert_true(dec.decode_copy(R"({"id":4,"type":"unsubscribed","sid":11,"seq":7})", &d).ok());
  r = reply_of(d);
  assert_true(r.is_reply);
  assert_int_equal(r.command_id, 4);
  assert_int_equal(r.sid, 11);

  assert_true(
      dec.decode_copy(R"({"id":5,"type":"error","msg":{"code":12,"msg":"Exactly one"}})", &d).ok());
  r = reply_of(d);
  assert_int_equal(r.kind, MessageKind::Error);
  assert_int_equal(r.error_code, 12);
  assert_int_equal(r.command_id, 5);

  assert_true(
      dec.decode_copy(R"({"id":6,"type":"ok","msg":[{"channel":"ticker","sid":1}]})", &d).ok());
  r = reply_of(d);
  assert_int_equal(r.kind, MessageKind::ListSubscriptions);
  assert_int_equal(r.command_id, 6);

  // A snapshot answering get_snapshot carries the command id; a plain snapshot does not.
  assert_true(dec.decode_copy(R"({"id":7,"type":"orderbook_snapshot","sid":2,"seq":9,)"
                              R"("msg":{"market_ticker":"M"}})",
                              &d)
                  .ok());
  assert_true(reply_of(d).is_reply);
  assert_int_equal(reply_of(d).command_id, 7);
  assert_true(
      dec.decode_copy(
             R"({"type":"orderbook_snapshot","sid":2,"seq":9,"msg":{"market_ticker":"M"}})", &d)
          .ok());
  assert_false(reply_of(d).is_reply);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_subscribe_exact),
      cmocka_unit_test(test_other_commands_exact),
      cmocka_unit_test(test_refusals_consume_no_id),
      cmocka_unit_test(test_escaping),
      cmocka_unit_test(test_reply_of),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
