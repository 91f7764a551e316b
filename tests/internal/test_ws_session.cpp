// The socket-free pieces of the WebSocket session (src/api/ws/ws_session_parts.h, ws_event.h):
// subscription keys across resubscriptions, the ws.queue_limit window with both overflow
// policies and the wake-up on release, and decoded messages as typed objects.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "api/ws/channels.h"
#include "api/ws/ws_event.h"
#include "api/ws/ws_session.h"
#include "api/ws/ws_session_parts.h"
#include "net/runtime.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;
using kalshi::EventPtr;

namespace {

void test_keys_survive_resubscribe(void **) {
  SubscriptionTable t;
  const std::vector<std::string> tickers{"A", "B"};
  SubscriptionTable::Sub *s = t.add("orderbook_delta", tickers, 99);
  assert_non_null(s);
  s->cmd = 1;
  assert_ptr_equal(t.by_cmd(1, "orderbook_delta"), s);
  assert_null(t.by_cmd(1, "ticker"));
  t.bind(s, 5);
  assert_int_equal(s->key, 5);
  assert_int_equal(s->cmd, 0);
  assert_ptr_equal(t.by_sid(5), s);

  // A resync or reconnect: the exchange numbers it 9 now, the application still says 5.
  t.unbind_all();
  assert_null(t.by_sid(5));
  assert_ptr_equal(t.by_user_sid(5), s);
  s->cmd = 2;
  t.bind(s, 9);
  assert_int_equal(s->key, 5);
  assert_ptr_equal(t.by_sid(9), s);
  assert_null(t.by_sid(5));
  assert_ptr_equal(t.by_user_sid(5), s);
  assert_ptr_equal(t.by_user_sid(9), s);
  assert_null(t.by_user_sid(0));
  assert_null(t.by_user_sid(77));

  // Market list updates, without duplicates.
  const std::vector<std::string> add{"B", "C"};
  SubscriptionTable::apply_update(s, "add_markets", add);
  assert_int_equal(s->tickers.size(), 3);
  const std::vector<std::string> del{"A", "Z"};
  SubscriptionTable::apply_update(s, "delete_markets", del);
  assert_int_equal(s->tickers.size(), 2);
  assert_string_equal(s->tickers[0].c_str(), "B");
  assert_string_equal(s->tickers[1].c_str(), "C");

  t.remove(s);
  assert_int_equal(t.size(), 0);
  assert_null(t.by_user_sid(5));
}

void test_keys_stay_unique_across_connections(void **) {
  SubscriptionTable t;
  SubscriptionTable::Sub *a = t.add("ticker", {}, 1);
  SubscriptionTable::Sub *b = t.add("trade", {}, 2);
  t.bind(a, 1);
  t.bind(b, 2);
  t.remove(a);
  // Reconnect: the exchange numbers from 1 again; b is now sid 1, and a new subscription's
  // first sid is 2 — b's key.
  t.unbind_all();
  t.bind(b, 1);
  SubscriptionTable::Sub *c = t.add("fill", {}, 3);
  t.bind(c, 2);
  assert_int_equal(b->key, 2);
  assert_int_equal(c->key, 3);
  assert_ptr_equal(t.by_user_sid(2), b);
  assert_ptr_equal(t.by_user_sid(3), c);
  assert_ptr_equal(t.by_sid(2), c);
}

void test_table_is_bounded(void **) {
  SubscriptionTable t;
  for (size_t i = 0; i < SubscriptionTable::kMaxSubscriptions; ++i) {
    assert_non_null(t.add("ticker", {}, i));
  }
  assert_null(t.add("ticker", {}, 0));
  assert_int_equal(t.size(), SubscriptionTable::kMaxSubscriptions);
}

EventPtr message(uint64_t seq) {
  EventPtr ev = make_ws_event(KALSHI_EVENT_WS_MESSAGE, 1);
  ws_body(ev.get())->seq = seq;
  return ev;
}

void test_drop_oldest_window(void **) {
  auto gate = std::make_shared<DeliveryGate>();
  int wakes = 0;
  gate->set_wake([&wakes] { ++wakes; });
  Staging st(2, OverflowPolicy::DropOldest, gate);
  int64_t refused = 0;
  EventPtr a = message(1), b = message(2);
  assert_int_equal(st.offer(&a, 1, &refused), Staging::Offer::Deliver);
  assert_int_equal(st.offer(&b, 1, &refused), Staging::Offer::Deliver);
  assert_int_equal(gate->outstanding(), 2);
  // The application holds two: the next two wait, the fifth pushes out the oldest waiting one.
  for (uint64_t seq = 3; seq <= 5; ++seq) {
    EventPtr e = message(seq);
    const Staging::Offer o = st.offer(&e, 1, &refused);
    assert_int_equal(o, seq == 5 ? Staging::Offer::Dropped : Staging::Offer::Queued);
  }
  assert_int_equal(st.waiting(), 2);
  assert_int_equal(st.dropped(), 1);
  assert_null(st.next().get());  // no room yet

  a.reset();  // the application destroys one: the owner is woken once
  assert_int_equal(wakes, 1);
  assert_int_equal(gate->outstanding(), 1);
  EventPtr n = st.next();
  assert_non_null(n.get());
  assert_int_equal(ws_body(n.get())->seq, 4);  // 3 was the one dropped
  assert_null(st.next().get());
  b.reset();
  n.reset();
  EventPtr last = st.next();
  assert_int_equal(ws_body(last.get())->seq, 5);
  last.reset();
  assert_int_equal(gate->outstanding(), 0);
  assert_int_equal(st.waiting(), 0);
}

void test_resync_window(void **) {
  auto gate = std::make_shared<DeliveryGate>();
  Staging st(1, OverflowPolicy::Resync, gate);
  int64_t refused = 0;
  EventPtr a = message(1), b = message(2), c = message(3);
  assert_int_equal(st.offer(&a, 4, &refused), Staging::Offer::Deliver);
  assert_int_equal(st.offer(&b, 4, &refused), Staging::Offer::Queued);
  assert_int_equal(st.offer(&c, 8, &refused), Staging::Offer::Refused);
  assert_int_equal(refused, 8);
  assert_int_equal(st.refused(), 1);
  assert_int_equal(st.dropped(), 0);
  // Closing hands out what waits regardless of room.
  EventPtr rest = st.take_any();
  assert_int_equal(ws_body(rest.get())->seq, 2);
  assert_null(st.take_any().get());
}

void test_snapshot_object(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  const char *json =
      R"({"type":"orderbook_snapshot","sid":2,"seq":1,"msg":{"market_ticker":"FED-23DEC-T3.00",)"
      R"("yes_dollars_fp":[["0.0800","300.00"],["0.2200","333.00"]],)"
      R"("no_dollars_fp":[["0.5400","20.00"]]}})";
  assert_true(dec.decode_copy(json, &d).ok());
  assert_string_equal(channel_of(d.env.kind), "orderbook_delta");
  assert_true(market_of(d) == "FED-23DEC-T3.00");
  kalshi_obj o;
  to_obj(d, &o);
  assert_string_equal(o.kind.c_str(), "orderbook_snapshot");
  const kalshi_obj::Side *yes = o.side("yes");
  assert_non_null(yes);
  assert_int_equal(yes->levels.size(), 2);
  assert_int_equal(yes->levels[0].price, 80000);
  assert_int_equal(yes->levels[0].size, 30000);
  assert_int_equal(o.side("no")->levels[0].price, 540000);
  assert_non_null(o.find("market_ticker"));
}

void test_delta_and_raw_objects(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  const char *json =
      R"({"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"M","price_dollars":"0.960",)"
      R"("delta_fp":"-54.00","side":"no","ts_ms":1700000000000}})";
  assert_true(dec.decode_copy(json, &d).ok());
  kalshi_obj o;
  to_obj(d, &o);
  assert_int_equal(o.find("price")->kind, KALSHI_FIELD_PRICE);
  assert_int_equal(o.find("price")->value, 960000);
  assert_int_equal(o.find("delta")->kind, KALSHI_FIELD_COUNT);
  assert_int_equal(o.find("delta")->value, -5400);
  assert_string_equal(o.find("side")->text.c_str(), "no");
  assert_null(o.find("client_order_id"));  // absent values are left out

  assert_true(dec.decode_copy(R"({"type":"brand_new","msg":{"x":1}})", &d).ok());
  assert_string_equal(channel_of(d.env.kind), "raw");
  kalshi_obj r;
  to_obj(d, &r);
  assert_string_equal(r.kind.c_str(), "brand_new");
  assert_int_equal(r.fields.size(), 0);
}

class CountingSink : public kalshi::EventSink {
 public:
  void emit(EventPtr ev) override {
    ++by_type[ev->type];
    if (ev->type == KALSHI_EVENT_WS_MESSAGE) kept.push_back(std::move(ev));
  }
  void log(kalshi_log_level_t, std::string) override {}
  std::map<int, int> by_type;
  std::vector<EventPtr> kept;
};

// A session that never connected, fed hostile and stray server messages directly: nothing
// crashes, unknown replies and sids are ignored, undecodable text becomes a raw message with its
// error, and the delivery window holds (kept events count against ws.queue_limit).
void test_session_survives_hostile_input(void **) {
  kalshi::net::Runtime rt(kalshi::net::Runtime::Mode::Caller);
  assert_true(rt.start().ok());  // released events post wake-ups to its loop
  auto sink = std::make_shared<CountingSink>();
  WsSessionOptions o;
  o.queue_limit = 4;
  auto session = WsSession::create(&rt, sink, o);
  const char *inputs[] = {
      "",
      "not json",
      "[1,2,3]",
      R"({"type":"subscribed","id":77,"msg":{"channel":"ticker","sid":5}})",
      R"({"type":"error","id":78,"msg":{"code":8,"msg":"Unknown channel name"}})",
      R"({"type":"error","sid":9,"msg":{"code":10,"msg":"channel error"}})",
      R"({"type":"unsubscribed","id":1,"sid":3,"seq":7})",
      R"({"type":"orderbook_delta","sid":12345,"seq":1,"msg":{"market_ticker":"M","price_dollars":"0.5","delta_fp":"1.00","side":"yes"}})",
      R"({"type":"orderbook_delta","msg":{"market_ticker":"M","price_dollars":"0.5","delta_fp":"1.00","side":"yes"}})",
      R"({"type":"brand_new_type","sid":1,"msg":{}})",
      R"({"type":"ticker","msg":{"market_ticker":"M","price_dollars":"2.5"}})",
  };
  for (const char *in : inputs) session->on_text(in);
  std::mt19937 rng(7);
  std::string junk;
  for (int i = 0; i < 2000; ++i) {
    junk.assign(static_cast<size_t>(rng() % 64), '\0');
    for (char &c : junk) c = static_cast<char>(rng() % 256);
    session->on_text(junk);
  }
  // Everything undecodable or sid-less reaches the window; at most 4 are out with the
  // application and 4 wait, the rest are counted as dropped.
  assert_int_equal(sink->kept.size(), 4);
  assert_true(session->dropped() > 0);
  assert_true(sink->by_type[KALSHI_EVENT_ERROR] >= 1);  // the stray error without a command
  assert_int_equal(sink->by_type[KALSHI_EVENT_WS_REPLY], 0);
  const WsEventBody *b = ws_body(sink->kept[0].get());
  assert_string_equal(b->channel.c_str(), "raw");
  assert_non_null(sink->kept[0]->error.get());
  sink->kept.clear();
  TopOfBook top;
  assert_false(session->top("M", &top));  // a delta without a snapshot builds no book
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keys_survive_resubscribe),
      cmocka_unit_test(test_keys_stay_unique_across_connections),
      cmocka_unit_test(test_table_is_bounded),
      cmocka_unit_test(test_drop_oldest_window),
      cmocka_unit_test(test_resync_window),
      cmocka_unit_test(test_snapshot_object),
      cmocka_unit_test(test_delta_and_raw_objects),
      cmocka_unit_test(test_session_survives_hostile_input),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
