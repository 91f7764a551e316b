// The communications channel of the simulator's WebSocket front end, without sockets: an exchange,
// its RFQ desk and a WsFrontEnd with socketless sessions (WsFrontEnd::attach) for an RFQ creator,
// a quote maker and a bystander. rfq_created reaches everyone (the bystander too, unless it asked
// for user_filter "self"); quote_created / quote_accepted / quote_executed reach only the RFQ's
// creator and the quote's maker.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <simdjson.h>

#include <string>
#include <vector>

#include "core/clock.h"
#include "crypto/key.h"
#include "crypto/sign.h"
#include "sim/exchange/rfq.h"
#include "sim/key_directory.h"
#include "sim/ws/ws_front_end.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"
#include "ws/handshake/handshake.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi;
using namespace kalshi::sim;

namespace {

std::string key_path(const char *rel) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/keys/" + rel;
}
std::string slurp(const std::string &path) {
  std::string out;
  if (FILE *f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

void mask(void *, uint8_t key[4]) {
  key[0] = 9;
  key[1] = 8;
  key[2] = 7;
  key[3] = 6;
}
void rnd(void *, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(3 * i);
}

// Collects what a session writes and splits it into text messages.
struct Peer final : wsfront::WsSessionHost {
  void send(std::string_view bytes) override { wire.append(bytes); }
  void close_transport(bool) override { closed = true; }

  std::vector<std::string> texts() {
    std::vector<std::string> out;
    const size_t head = wire.find("\r\n\r\n");
    if (head == std::string::npos) return out;
    std::vector<uint8_t> frames(wire.begin() + static_cast<std::ptrdiff_t>(head + 4), wire.end());
    std::span<uint8_t> rest(frames);
    while (!rest.empty()) {
      size_t used = 0;
      const ws::Message m = rx.next(rest, &used);
      rest = rest.subspan(used);
      if (m.kind == ws::Message::Kind::None) break;
      assert_true(m.kind != ws::Message::Kind::Error);
      if (m.kind == ws::Message::Kind::Text) out.emplace_back(m.text());
    }
    wire.resize(head + 4);  // keep the head, drop consumed frames
    return out;
  }

  std::string wire;
  bool closed = false;
  ws::MessageAssembler rx{ws::Role::Client};
};

void open_session(wsfront::WsSession *s, const crypto::PrivateKey &key, const char *key_id) {
  const int64_t ts = wall_clock_ms();
  std::string sig;
  assert_true(crypto::sign_rest(key, ts, "GET", "/trade-api/ws/v2", sig).ok());
  const std::string ts_text = std::to_string(ts);
  const ws::HeaderField auth[] = {{"KALSHI-ACCESS-KEY", key_id},
                                  {"KALSHI-ACCESS-TIMESTAMP", ts_text},
                                  {"KALSHI-ACCESS-SIGNATURE", sig}};
  const std::string req = ws::build_client_request("127.0.0.1", "/trade-api/ws/v2",
                                                   ws::make_client_key(rnd, nullptr), auth);
  s->received(reinterpret_cast<const uint8_t *>(req.data()), req.size(), wall_clock_ms());
  assert_int_equal(static_cast<int>(s->state()), static_cast<int>(wsfront::WsSession::State::Open));
}

void command(wsfront::WsSession *s, std::string_view text) {
  ws::FrameWriter w(ws::Role::Client, mask, nullptr);
  std::vector<uint8_t> frame(w.frame_size(text.size()));
  const size_t n = w.write_text(frame, text);
  s->received(frame.data(), n, wall_clock_ms());
}

std::string type_of(const std::string &text) {
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  if (p.parse(text).get(doc) != simdjson::SUCCESS) return "<not json>";
  std::string_view t;
  if (doc["type"].get_string().get(t) != simdjson::SUCCESS) return "<no type>";
  return std::string(t);
}

void test_communications(void **) {
  std::unique_ptr<crypto::PrivateKey> key;
  assert_true(crypto::load_private_key_file(key_path("rsa_pkcs8.pem"), "", &key).ok());
  const std::string pem = slurp(key_path("rsa_pub.pem"));
  Exchange ex(11);
  assert_true(ex.load_markets(Exchange::default_markets_json()).ok());
  RfqDesk desk(ex, 11);
  const uint32_t creator = ex.add_member("creator", 100000 * kDollar);
  const uint32_t maker = ex.add_member("maker", 100000 * kDollar);
  const uint32_t other = ex.add_member("other", 100000 * kDollar);
  SimKeyDirectory keys;
  assert_true(keys.add(fix::Product::Prediction, "kc", pem, creator).ok());
  assert_true(keys.add(fix::Product::Prediction, "km", pem, maker).ok());
  assert_true(keys.add(fix::Product::Prediction, "ko", pem, other).ok());
  assert_true(keys.add(fix::Product::Prediction, "ks", pem, other).ok());
  int64_t now = 1767225600000;
  wsfront::WsFrontEnd fe(
      ex, keys, [&now] { return now; }, [] { return wall_clock_ms(); });
  fe.attach_rfq(&desk);

  Peer pc, pm, po, ps;
  wsfront::WsSession *sc = fe.attach(pc);
  wsfront::WsSession *sm = fe.attach(pm);
  wsfront::WsSession *so = fe.attach(po);
  wsfront::WsSession *ss = fe.attach(ps);
  open_session(sc, *key, "kc");
  open_session(sm, *key, "km");
  open_session(so, *key, "ko");
  open_session(ss, *key, "ks");
  for (wsfront::WsSession *s : {sc, sm, so}) {
    command(s, R"({"id":1,"cmd":"subscribe","params":{"channels":["communications"]}})");
  }
  command(
      ss,
      R"({"id":1,"cmd":"subscribe","params":{"channels":["communications"],"user_filter":"self"}})");
  for (Peer *p : {&pc, &pm, &po, &ps}) {
    auto t = p->texts();
    assert_int_equal(t.size(), 1);
    assert_string_equal(type_of(t[0]).c_str(), "subscribed");
  }

  const Rfq *rfq = nullptr;
  assert_true(
      desk.create_rfq({creator, 0}, "c-rfq-1", "HIGHNY-26NOV21-T50", 1000, false, 0, now, &rfq).ok);
  const std::string rfq_id = rfq->rfq_id;
  for (Peer *p : {&pc, &pm, &po}) {
    auto t = p->texts();
    assert_int_equal(t.size(), 1);
    assert_string_equal(type_of(t[0]).c_str(), "rfq_created");
    assert_true(t[0].find("\"seq\":1") != std::string::npos);
    assert_true(t[0].find("\"contracts_fp\":\"10.00\"") != std::string::npos);
  }
  assert_int_equal(ps.texts().size(), 0);  // user_filter self: not its RFQ

  const Quote *q = nullptr;
  assert_true(desk.submit_quote({maker, 0}, "mq-1", rfq_id, "HIGHNY-26NOV21-T50", 400000, 550000, 0,
                                now, &q)
                  .ok);
  const std::string quote_id = q->quote_id;
  for (Peer *p : {&pc, &pm}) {
    auto t = p->texts();
    assert_int_equal(t.size(), 1);
    assert_string_equal(type_of(t[0]).c_str(), "quote_created");
    assert_true(t[0].find("\"yes_bid_dollars\":\"0.4000\"") != std::string::npos);
  }
  assert_int_equal(po.texts().size(), 0);  // quotes are private to creator and maker

  assert_true(desk.accept_quote({creator, 0}, quote_id, rfq_id, Side::Sell, 0, "acc-1", now).ok);
  for (Peer *p : {&pc, &pm}) {
    auto t = p->texts();
    assert_true(!t.empty());
    assert_string_equal(type_of(t[0]).c_str(), "quote_accepted");
  }
  assert_true(desk.confirm_quote({maker, 0}, quote_id, rfq_id, now).ok);
  bool executed = false;
  for (const std::string &t : pm.texts()) {
    if (type_of(t) == "quote_executed") {
      executed = true;
      assert_true(t.find("\"client_order_id\":\"acc-1\"") != std::string::npos);
    }
  }
  assert_true(executed);
  for (const std::string &t : po.texts()) {
    assert_true(type_of(t).rfind("quote_", 0) != 0);  // a bystander sees no quote event
  }
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_communications),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
