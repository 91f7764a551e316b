// The simulator's WebSocket messages against the library's client-side channel decoders
// (src/api/ws/channels.h, written from the asyncapi specs independently of the simulator): over
// socketless sessions (WsFrontEnd::attach), a member subscribes to the prediction channels and,
// on the margin path, to the perps channels; exchange activity follows, and every message the
// simulator sends must decode without error into the expected MessageKind with exact values.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <map>
#include <string>
#include <vector>

#include "api/ws/channels.h"
#include "core/clock.h"
#include "crypto/key.h"
#include "crypto/sign.h"
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
using wsapi::MessageKind;

namespace {

constexpr const char *kTicker = "HIGHNY-26NOV21-T50";
constexpr const char *kPerp = "BTC-PERP";

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
  key[0] = 1;
  key[1] = 2;
  key[2] = 3;
  key[3] = 4;
}
void rnd(void *, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(5 * i + 1);
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
    wire.resize(head + 4);
    return out;
  }

  std::string wire;
  bool closed = false;
  ws::MessageAssembler rx{ws::Role::Client};
};

void open_session(wsfront::WsSession *s, const crypto::PrivateKey &key, const char *key_id,
                  const char *path) {
  const int64_t ts = wall_clock_ms();
  std::string sig;
  assert_true(crypto::sign_rest(key, ts, "GET", path, sig).ok());
  const std::string ts_text = std::to_string(ts);
  const ws::HeaderField auth[] = {{"KALSHI-ACCESS-KEY", key_id},
                                  {"KALSHI-ACCESS-TIMESTAMP", ts_text},
                                  {"KALSHI-ACCESS-SIGNATURE", sig}};
  const std::string req =
      ws::build_client_request("127.0.0.1", path, ws::make_client_key(rnd, nullptr), auth);
  s->received(reinterpret_cast<const uint8_t *>(req.data()), req.size(), wall_clock_ms());
  assert_int_equal(static_cast<int>(s->state()), static_cast<int>(wsfront::WsSession::State::Open));
}

void command(wsfront::WsSession *s, std::string_view text) {
  ws::FrameWriter w(ws::Role::Client, mask, nullptr);
  std::vector<uint8_t> frame(w.frame_size(text.size()));
  const size_t n = w.write_text(frame, text);
  s->received(frame.data(), n, wall_clock_ms());
}

void subscribe(wsfront::WsSession *s, int id, const char *channel, const char *ticker) {
  std::string cmd = "{\"id\":" + std::to_string(id) +
                    ",\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"" + channel + "\"]";
  if (ticker != nullptr) cmd += std::string(",\"market_ticker\":\"") + ticker + "\"";
  cmd += "}}";
  command(s, cmd);
}

// Every message decoded by the library's decoder; the first of each kind kept (as text, the
// decoded views point into the decoder) for value checks, and every kind counted.
struct Seen {
  std::map<MessageKind, int> count;
  std::map<MessageKind, std::string> first;
};

Seen decode_all(wsapi::Decoder &d, const std::vector<std::string> &texts) {
  Seen seen;
  for (const std::string &t : texts) {
    wsapi::Decoded out;
    const Error e = d.decode_copy(t, &out);
    if (!e.ok())
      fail_msg("decoder refused the simulator's message: %s\n%s", e.message.c_str(), t.c_str());
    if (out.env.kind == MessageKind::Raw || out.env.kind == MessageKind::Error) {
      fail_msg("unexpected %s message: %s", wsapi::kind_name(out.env.kind), t.c_str());
    }
    if (seen.count[out.env.kind]++ == 0) seen.first[out.env.kind] = t;
  }
  return seen;
}

// Decodes the kept message of `kind` again and returns it.
wsapi::Decoded again(wsapi::Decoder &d, Seen &seen, MessageKind kind) {
  if (seen.first.count(kind) == 0) fail_msg("no %s message", wsapi::kind_name(kind));
  wsapi::Decoded out;
  assert_true(d.decode_copy(seen.first[kind], &out).ok());
  assert_int_equal(static_cast<int>(out.env.kind), static_cast<int>(kind));
  return out;
}

OrderRequest order(uint32_t member, const char *ticker, Side side, Price price, Qty qty,
                   const char *cl) {
  OrderRequest r;
  r.account = AccountKey{member, 0};
  r.client_order_id = cl;
  r.ticker = ticker;
  r.side = side;
  r.price = price;
  r.qty = qty;
  return r;
}

struct World {
  std::unique_ptr<crypto::PrivateKey> key;
  Exchange ex{13};
  SimKeyDirectory keys;
  uint32_t a = 0, b = 0;
  int64_t now = 1767225600000;
  std::unique_ptr<wsfront::WsFrontEnd> fe;

  World() {
    assert_true(crypto::load_private_key_file(key_path("rsa_pkcs8.pem"), "", &key).ok());
    const std::string pem = slurp(key_path("rsa_pub.pem"));
    assert_true(ex.load_markets(Exchange::default_markets_json()).ok());
    a = ex.add_member("a", 1000000 * kDollar);
    b = ex.add_member("b", 1000000 * kDollar);
    assert_true(keys.add(fix::Product::Prediction, "ka", pem, a).ok());
    assert_true(keys.add(fix::Product::Margin, "kma", pem, a).ok());
    fe = std::make_unique<wsfront::WsFrontEnd>(
        ex, keys, [this] { return now; }, [] { return wall_clock_ms(); });
  }
};

void test_prediction_channels(void **) {
  World w;
  Peer peer;
  wsfront::WsSession *s = w.fe->attach(peer);
  open_session(s, *w.key, "ka", "/trade-api/ws/v2");
  subscribe(s, 1, "orderbook_delta", kTicker);
  subscribe(s, 2, "ticker", kTicker);
  subscribe(s, 3, "trade", kTicker);
  subscribe(s, 4, "fill", nullptr);
  subscribe(s, 5, "user_orders", nullptr);
  subscribe(s, 6, "market_positions", nullptr);
  subscribe(s, 7, "market_lifecycle_v2", nullptr);
  // b offers 3 YES at 0.60 (a NO bid at 0.40), a takes them.
  assert_true(w.ex.submit(order(w.b, kTicker, Side::Sell, 600000, 300, "b-ask"), w.now).ok);
  assert_true(w.ex.submit(order(w.a, kTicker, Side::Buy, 600000, 300, "a-bid"), w.now).ok);
  assert_true(w.ex.set_market_status(kTicker, MarketStatus::Paused, w.now).ok);

  wsapi::Decoder d(wsapi::Product::Prediction);
  Seen seen = decode_all(d, peer.texts());
  assert_int_equal(seen.count[MessageKind::Subscribed], 7);
  for (MessageKind k :
       {MessageKind::OrderbookSnapshot, MessageKind::OrderbookDelta, MessageKind::Ticker,
        MessageKind::Trade, MessageKind::Fill, MessageKind::UserOrder, MessageKind::MarketPosition,
        MessageKind::MarketLifecycle}) {
    if (seen.count[k] == 0) fail_msg("no %s message", wsapi::kind_name(k));
  }

  wsapi::Decoded m = again(d, seen, MessageKind::OrderbookDelta);
  assert_true(m.delta.market_ticker == kTicker);
  assert_int_equal(static_cast<int>(m.delta.side), static_cast<int>(wsapi::BookSide::No));
  assert_int_equal(m.delta.price, 400000);
  assert_int_equal(m.delta.delta, 300);

  m = again(d, seen, MessageKind::Trade);
  assert_true(m.trade.market_ticker == kTicker);
  assert_int_equal(m.trade.yes_price, 600000);
  assert_int_equal(m.trade.no_price, 400000);
  assert_int_equal(m.trade.count, 300);
  assert_true(m.trade.taker_side == "yes");

  m = again(d, seen, MessageKind::Fill);
  assert_true(m.fill.market_ticker == kTicker);
  assert_true(m.fill.is_taker);
  assert_int_equal(m.fill.price, 600000);
  assert_int_equal(m.fill.count, 300);
  assert_int_equal(m.fill.post_position, 300);

  m = again(d, seen, MessageKind::UserOrder);
  assert_true(m.order.ticker == kTicker);
  assert_true(m.order.client_order_id == "a-bid");
  assert_int_equal(m.order.price, 600000);

  m = again(d, seen, MessageKind::MarketPosition);
  assert_true(m.position.market_ticker == kTicker);
  assert_int_equal(m.position.position, 300);

  m = again(d, seen, MessageKind::MarketLifecycle);
  assert_true(m.lifecycle.market_ticker == kTicker);
  assert_false(m.lifecycle.event_type.empty());
}

void test_margin_channels(void **) {
  World w;
  Peer peer;
  wsfront::WsSession *s = w.fe->attach(peer);
  open_session(s, *w.key, "kma", "/trade-api/ws/v2/margin");
  subscribe(s, 1, "orderbook_delta", kPerp);
  subscribe(s, 2, "ticker", kPerp);
  subscribe(s, 3, "trade", kPerp);
  subscribe(s, 4, "fill", nullptr);
  subscribe(s, 5, "user_orders", nullptr);
  // b offers 1.5 at 95,000.5, a lifts 1.
  const Price px = 95000 * kDollar + 500000;
  assert_true(w.ex.submit(order(w.b, kPerp, Side::Sell, px, 150, "b-ask"), w.now).ok);
  assert_true(w.ex.submit(order(w.a, kPerp, Side::Buy, px, 100, "a-bid"), w.now).ok);

  wsapi::Decoder d(wsapi::Product::Perps);
  Seen seen = decode_all(d, peer.texts());
  assert_int_equal(seen.count[MessageKind::Subscribed], 5);
  for (MessageKind k :
       {MessageKind::OrderbookSnapshot, MessageKind::OrderbookDelta, MessageKind::Ticker,
        MessageKind::Trade, MessageKind::Fill, MessageKind::UserOrder}) {
    if (seen.count[k] == 0) fail_msg("no %s message", wsapi::kind_name(k));
  }

  wsapi::Decoded m = again(d, seen, MessageKind::OrderbookDelta);
  assert_true(m.delta.market_ticker == kPerp);
  assert_int_equal(static_cast<int>(m.delta.side), static_cast<int>(wsapi::BookSide::Ask));
  assert_int_equal(m.delta.price, px);
  assert_int_equal(m.delta.delta, 150);

  m = again(d, seen, MessageKind::Trade);
  assert_true(m.trade.market_ticker == kPerp);
  assert_int_equal(m.trade.yes_price, px);
  assert_int_equal(m.trade.count, 100);
  assert_true(m.trade.taker_side == "bid");

  m = again(d, seen, MessageKind::Fill);
  assert_true(m.fill.market_ticker == kPerp);
  assert_true(m.fill.side == "bid");
  assert_int_equal(m.fill.price, px);
  assert_int_equal(m.fill.count, 100);

  m = again(d, seen, MessageKind::UserOrder);
  assert_true(m.order.ticker == kPerp);
  assert_true(m.order.side == "bid");
  assert_int_equal(m.order.price, px);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prediction_channels),
      cmocka_unit_test(test_margin_channels),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
