// FixGateway with a fake FixPeerSink and an in-memory transport, against our own client
// fix::Session: peers as the application sees them, on_logon/on_logout exactly once, stores that
// survive a reconnect so a KalshiRT client recovers what it missed, "already exists", and faults
// armed or applied through the gateway.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "sim/fix/gateway.h"
#include "test_sim_acceptor_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace simtest;

namespace {

constexpr int64_t kExchangeNow = 777;

struct Transport : FixTransport {
  std::string outbox;
  bool closed = false;
  bool aborted = false;
  void write(std::string_view b) override {
    if (!closed) outbox.append(b);
  }
  void close() override { closed = true; }
  void abort() override {
    aborted = closed = true;
    outbox.clear();
  }
};

struct Sink : FixPeerSink {
  std::vector<uint64_t> logons, logouts;
  std::vector<std::string> messages;
  std::vector<int64_t> clocks;
  FixPeer *last = nullptr;
  std::string greet;  // sent from on_logon when set
  uint32_t member = 0;
  Context context{};
  void on_logon(FixPeer &p, int64_t now) override {
    logons.push_back(p.id());
    clocks.push_back(now);
    last = &p;
    member = p.member();
    context = p.context();
    if (!greet.empty()) (void)p.send("8", greet);
  }
  void on_message(FixPeer &p, const Inbound &m, int64_t now) override {
    messages.emplace_back(m.msg_type);
    clocks.push_back(now);
    last = &p;
  }
  void on_logout(FixPeer &p, int64_t now) override {
    logouts.push_back(p.id());
    clocks.push_back(now);
    if (last == &p) last = nullptr;
  }
};

// One client connected through the gateway.
struct Link {
  FixGateway &gw;
  Transport transport;
  ClientSide side;
  RealSigner signer;
  Store &client_store;
  Session client;
  std::unique_ptr<FixConnection> conn;
  int64_t &now;
  bool cut_to_client = false;

  Link(FixGateway &g, Store &store, SessionConfig cc, int64_t &clock)
      : gw(g), client_store(store), client(cc, store, signer, side), now(clock) {}
  void connect() {
    conn = gw.accept(client.config().product, client.config().kind, transport, now);
    client.connected(now);
    pump();
  }
  void pump() {
    for (int i = 0; i < 10000; ++i) {
      bool any = false;
      if (!side.outbox.empty()) {
        std::string b = std::move(side.outbox);
        side.outbox.clear();
        if (!side.closed || !transport.closed) conn->received(b.data(), b.size(), now);
        any = true;
      }
      if (!transport.outbox.empty()) {
        std::string b = std::move(transport.outbox);
        transport.outbox.clear();
        if (!cut_to_client) client.received(b.data(), b.size(), now);
        any = true;
      }
      if (!any) break;
    }
    if (transport.closed && client.state() != SessionState::Disconnected) {
      client.disconnected(now, Error{});
    }
    if (side.closed) conn->disconnected(now);
  }
};

struct Rig {
  TestKeys keys;
  Sink sink;
  FixGateway gw{keys, sink, [] { return kExchangeNow; }};
  std::unique_ptr<Store> client_store = make_memory_store();
  int64_t now = kT0;
};

void test_peer_lifecycle(void **) {
  Rig g;
  g.sink.greet = body("11=hello|");
  SessionConfig cc = client_config(SessionKind::NR);
  cc.logon_fields = {{21005, "Y"}};
  Link l(g.gw, *g.client_store, cc, g.now);
  l.connect();
  assert_int_equal(l.client.state(), SessionState::Active);
  assert_int_equal(g.sink.logons.size(), 1);
  assert_int_equal(g.gw.active_sessions(), 1);
  assert_non_null(g.sink.last);
  FixPeer &p = *g.sink.last;
  assert_int_equal(p.kind(), SessionKind::NR);
  assert_int_equal(p.product(), Product::Prediction);
  assert_string_equal(std::string(p.key_id()).c_str(), kKey);
  assert_int_equal(g.sink.member, kMember);
  assert_true(g.sink.context.use_dollars);
  assert_int_equal(g.sink.clocks[0], kExchangeNow);
  // The greeting sent from on_logon arrived after the Logon answer.
  assert_int_equal(l.side.messages.size(), 1);
  assert_string_equal(get(l.side.messages[0].frame, 11).c_str(), "hello");
  assert_true(l.client.send("D", body("11=a|"), g.now).ok());
  l.pump();
  assert_int_equal(g.sink.messages.size(), 1);
  assert_string_equal(g.sink.messages[0].c_str(), "D");
  l.client.logout({}, g.now);
  l.pump();
  assert_int_equal(g.sink.logouts.size(), 1);
  assert_int_equal(g.sink.logouts[0], g.sink.logons[0]);
  assert_int_equal(g.gw.active_sessions(), 0);
  assert_true(l.transport.closed);
  l.conn->disconnected(g.now);
  l.conn.reset();
  assert_int_equal(g.sink.logouts.size(), 1);  // exactly once
}

void test_ids_unique_and_refused_logon_not_reported(void **) {
  Rig g;
  SessionConfig bad = client_config(SessionKind::NR);
  bad.sender_comp_id = kOtherKey;
  Link a(g.gw, *g.client_store, bad, g.now);
  a.connect();
  assert_int_equal(a.client.state(), SessionState::Disconnected);
  a.conn.reset();
  assert_int_equal(g.sink.logons.size(), 0);
  assert_int_equal(g.sink.logouts.size(), 0);
  auto s2 = make_memory_store();
  auto s3 = make_memory_store();
  Link b(g.gw, *s2, client_config(SessionKind::NR), g.now);
  Link c(g.gw, *s3, client_config(SessionKind::MD), g.now);
  b.connect();
  c.connect();
  assert_int_equal(g.sink.logons.size(), 2);
  assert_int_not_equal(g.sink.logons[0], g.sink.logons[1]);
  assert_int_equal(g.gw.active_sessions(), 2);
  // Destroying a live connection reports its end once.
  b.conn.reset();
  assert_int_equal(g.sink.logouts.size(), 1);
  assert_int_equal(g.gw.active_sessions(), 1);
}

void test_already_exists(void **) {
  Rig g;
  auto s2 = make_memory_store();
  Link a(g.gw, *g.client_store, client_config(SessionKind::NR), g.now);
  Link b(g.gw, *s2, client_config(SessionKind::NR), g.now);
  a.connect();
  b.connect();
  assert_int_equal(a.client.state(), SessionState::Active);
  assert_int_equal(b.client.state(), SessionState::Disconnected);
  assert_string_equal(b.side.last_error().message.c_str(), "already exists");
  assert_int_equal(g.sink.logons.size(), 1);
}

void test_rt_store_survives_reconnect(void **) {
  Rig g;
  SessionConfig cc = client_config(SessionKind::RT);  // no 141=Y: recovery wanted
  {
    Link l(g.gw, *g.client_store, cc, g.now);
    l.connect();
    assert_int_equal(l.client.state(), SessionState::Active);
    FixPeer *peer = g.sink.last;
    assert_true(peer->send("8", body("11=a|")).ok());
    l.pump();
    assert_int_equal(l.side.messages.size(), 1);
    // Two reports are lost on the way, then the connection drops (fault through the gateway).
    l.cut_to_client = true;
    assert_true(peer->send("8", body("11=b|")).ok());
    assert_true(peer->send("8", body("11=c|")).ok());
    l.pump();
    Fault drop;
    assert_true(parse_fault("drop", &drop).ok());
    assert_true(g.gw.inject(Product::Prediction, SessionKind::RT, kKey, drop, g.now).ok());
    assert_true(l.transport.aborted);
    assert_int_equal(g.sink.logouts.size(), 1);
    assert_int_equal(peer->send("8", body("11=d|")).code, KALSHI_ERR_STATE);
    l.cut_to_client = false;
    l.pump();
    assert_int_equal(l.client.state(), SessionState::Disconnected);
  }
  assert_int_equal(g.sink.logouts.size(), 1);
  g.now += 5000;
  Link l(g.gw, *g.client_store, cc, g.now);
  l.connect();
  assert_int_equal(l.client.state(), SessionState::Active);
  assert_int_equal(g.sink.logons.size(), 2);
  // The client's ResendRequest was answered from the gateway's store: b and c, in order.
  assert_int_equal(l.side.messages.size(), 2);
  assert_string_equal(get(l.side.messages[0].frame, 11).c_str(), "b");
  assert_string_equal(get(l.side.messages[1].frame, 11).c_str(), "c");
  assert_true(l.side.messages[0].poss_dup);
}

void test_faults_through_gateway(void **) {
  Rig g;
  Fault f;
  // One-shot with nobody to act on.
  assert_true(parse_fault("test_request", &f).ok());
  assert_int_equal(g.gw.inject(Product::Prediction, SessionKind::NR, {}, f, g.now).code,
                   KALSHI_ERR_NOT_FOUND);
  // Armed reject for the key: the next Logon is refused, until cleared.
  assert_true(parse_fault("reject_logon not today", &f).ok());
  assert_true(g.gw.inject(Product::Prediction, SessionKind::NR, kKey, f, g.now).ok());
  {
    Link l(g.gw, *g.client_store, client_config(SessionKind::NR), g.now);
    l.connect();
    assert_string_equal(l.side.last_error().message.c_str(), "not today");
  }
  {
    // Another session type is not affected.
    auto s = make_memory_store();
    Link l(g.gw, *s, client_config(SessionKind::DC), g.now);
    l.connect();
    assert_int_equal(l.client.state(), SessionState::Active);
  }
  assert_true(parse_fault("clear", &f).ok());
  assert_true(g.gw.inject(Product::Prediction, SessionKind::NR, {}, f, g.now).ok());
  Link l(g.gw, *g.client_store, client_config(SessionKind::NR), g.now);
  l.connect();
  assert_int_equal(l.client.state(), SessionState::Active);
  // One-shot on the live session: the client answers the TestRequest.
  assert_true(parse_fault("test_request", &f).ok());
  assert_true(g.gw.inject(Product::Prediction, SessionKind::NR, kKey, f, g.now).ok());
  l.pump();
  assert_string_equal(get(l.side.sent.back(), 35).c_str(), "0");
  // A different key matches nothing.
  assert_int_equal(g.gw.inject(Product::Prediction, SessionKind::NR, kOtherKey, f, g.now).code,
                   KALSHI_ERR_NOT_FOUND);
  // Timers run through the connection: quiet for an interval gives a heartbeat.
  g.now += 30000;
  l.conn->tick(g.now);
  l.pump();
  assert_int_equal(l.client.state(), SessionState::Active);
  assert_true(l.conn->next_deadline_ms() > g.now);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_peer_lifecycle),
      cmocka_unit_test(test_ids_unique_and_refused_logon_not_reported),
      cmocka_unit_test(test_already_exists),
      cmocka_unit_test(test_rt_store_survives_reconnect),
      cmocka_unit_test(test_faults_through_gateway),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
