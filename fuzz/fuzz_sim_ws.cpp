// The simulator's WebSocket session (src/sim/ws/ws_session.h) sans socket, on hostile bytes.
// The first input byte picks the mode:
//   even: the rest is the raw client byte stream (upgrade request, then frames), fed in pieces
//         whose sizes come from the input itself;
//   odd:  a valid authenticated upgrade is sent first, then the rest is split on '\n' and every
//         line goes as one masked text frame (JSON commands), with exchange activity between.
// Invariants: nothing crashes; the session writes an HTTP head first (101, or an error status
// followed by a close), then only well-formed server frames (unmasked, passing a client-role
// MessageAssembler), and every text frame it sends is a JSON object with a "type".
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sim/exchange/exchange.h"
#include "sim/ws/ws_session.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"
#include "ws/handshake/handshake.h"

using namespace kalshi;
using namespace kalshi::sim;

namespace {

void check(bool ok) {
  if (!ok) abort();
}

constexpr int64_t kNow = 1767225600000;

// Accepts key "k" with the signature "c2ln" for anything.
class FakeKeys final : public KeyDirectory {
 public:
  Error verify_logon(fix::Product, std::string_view key_id, std::string_view,
                     std::string_view sig) const override {
    return key_id == "k" && sig == "c2ln" ? Error{} : Error::make(KALSHI_ERR_CRYPTO, "bad");
  }
  uint32_t member_of(fix::Product, std::string_view key_id) const override {
    return key_id == "k" ? member : 0;
  }
  uint32_t member = 0;
};

struct Host final : wsfront::WsSessionHost {
  void send(std::string_view bytes) override { out.append(bytes); }
  void close_transport(bool) override { closed = true; }
  std::string out;
  bool closed = false;
};

void mask(void *, uint8_t key[4]) {
  key[0] = 1;
  key[1] = 2;
  key[2] = 3;
  key[3] = 4;
}
void rnd(void *, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(i);
}

// Checks everything the session wrote.
void verify_output(const std::string &out) {
  if (out.empty()) return;
  check(out.compare(0, 9, "HTTP/1.1 ") == 0);
  const size_t end = out.find("\r\n\r\n");
  check(end != std::string::npos);
  const bool upgraded = out.compare(9, 3, "101") == 0;
  if (!upgraded) return;  // an error status with a JSON body, then the close
  std::vector<uint8_t> frames(out.begin() + static_cast<std::ptrdiff_t>(end + 4), out.end());
  ws::MessageAssembler rx(ws::Role::Client);
  simdjson::dom::parser parser;
  std::span<uint8_t> rest(frames);
  while (!rest.empty()) {
    size_t used = 0;
    const ws::Message m = rx.next(rest, &used);
    rest = rest.subspan(used);
    check(m.kind != ws::Message::Kind::Error);
    if (m.kind == ws::Message::Kind::None) break;
    if (m.kind == ws::Message::Kind::Text) {
      const std::string text(m.text());
      simdjson::dom::element doc;
      check(parser.parse(text).get(doc) == simdjson::SUCCESS);
      std::string_view type;
      check(doc["type"].get_string().get(type) == simdjson::SUCCESS);
    }
  }
  check(rest.empty());  // no trailing partial frame
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  static Exchange *exchange = [] {
    auto *ex = new Exchange(7);
    if (!ex->load_markets(Exchange::default_markets_json()).ok()) abort();
    return ex;
  }();
  static FakeKeys keys;
  static uint32_t maker = 0;
  if (keys.member == 0) {
    keys.member = exchange->add_member("fuzz", 1000000 * kDollar);
    maker = exchange->add_member("maker", 1000000 * kDollar);
  }
  simdjson::dom::parser json;
  wsfront::WsContext ctx;
  ctx.keys = &keys;
  ctx.exchange = exchange;
  ctx.json = &json;
  ctx.max_clock_skew_ms = 0;
  Host host;
  wsfront::WsSession session(ctx, host, kNow);
  const std::string_view in(reinterpret_cast<const char *>(data + 1), size - 1);
  if ((data[0] & 1) == 0) {
    size_t pos = 0;
    size_t piece = 1 + data[0] / 2;
    while (pos < in.size()) {
      const size_t n = std::min(piece, in.size() - pos);
      session.received(reinterpret_cast<const uint8_t *>(in.data() + pos), n, kNow);
      pos += n;
      piece = piece * 3 % 97 + 1;
    }
  } else {
    const std::string key = ws::make_client_key(rnd, nullptr);
    const ws::HeaderField auth[] = {{"KALSHI-ACCESS-KEY", "k"},
                                    {"KALSHI-ACCESS-TIMESTAMP", "1767225600000"},
                                    {"KALSHI-ACCESS-SIGNATURE", "c2ln"}};
    const std::string req = ws::build_client_request("127.0.0.1", "/trade-api/ws/v2", key, auth);
    session.received(reinterpret_cast<const uint8_t *>(req.data()), req.size(), kNow);
    check(session.state() == wsfront::WsSession::State::Open);
    ws::FrameWriter w(ws::Role::Client, mask, nullptr);
    size_t pos = 0;
    int orders = 0;
    while (pos <= in.size()) {
      const size_t nl = in.find('\n', pos);
      const std::string_view line = in.substr(pos, nl == in.npos ? in.npos : nl - pos);
      std::vector<uint8_t> frame(w.frame_size(line.size()));
      const size_t n = w.write_text(frame, line);
      session.received(frame.data(), n, kNow);
      // Exchange activity that subscribed channels publish (bounded per input).
      if (orders < 4) {
        OrderRequest r;
        r.account = {maker, 0};
        r.client_order_id = "fz" + std::to_string(orders);
        r.ticker = "HIGHNY-26NOV21-T50";
        r.side = orders % 2 == 0 ? Side::Buy : Side::Sell;
        r.price = 500000;
        r.qty = 100;
        r.tif = TimeInForce::Ioc;
        (void)exchange->submit(r, kNow);
        ++orders;
      }
      session.tick(kNow + 20000);
      if (nl == in.npos) break;
      pos = nl + 1;
    }
  }
  session.tick(kNow + 60000);
  verify_output(host.out);
  return 0;
}
