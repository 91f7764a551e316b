// In-memory harness for the simulator's FIX application layer: fake FixPeers record what the app
// sends; client messages are framed from "tag=value|..." text; replies are decoded with the
// dictionary (Direction::ServerToClient) in the receiving peer's price units.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/fix/decoded_message.h"
#include "api/fix/dictionary.h"
#include "fix/codec/writer.h"
#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"
#include "sim/fix/fix_app.h"

namespace simtest {

using namespace kalshi;
using namespace kalshi::sim;

constexpr int64_t kT0 = 1800000000000;  // 2027-01-15, an arbitrary exchange time
constexpr Price kCent = kDollar / 100;

inline const char *const kMarkets = R"({"markets": [
  {"ticker": "T50", "event_ticker": "HIGH", "series_ticker": "HIGHS", "title": "t50",
   "kind": "binary", "status": "open",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
  {"ticker": "T55", "event_ticker": "HIGH", "series_ticker": "HIGHS", "title": "t55",
   "kind": "binary", "status": "open",
   "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
   "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
  {"ticker": "BTC-PERP", "title": "btc", "kind": "perp", "status": "open",
   "price_ranges": [{"start": "0.5", "end": "10000000", "step": "0.5"}],
   "fractional_trading_enabled": true, "reference_price": "95000", "price_band": "9500",
   "initial_margin": "0.10", "taker_fee_rate": "0.0005", "maker_fee_rate": "0.0002"}
]})";

// A received message, decoded; owns its frame.
struct Msg {
  std::string type;
  std::string frame;
  fix::DecodedMessage dm;
  kalshi::Error decoded;
  std::string text(uint32_t tag) const {
    auto v = dm.root().text(tag);
    return v ? std::string(*v) : std::string("<absent>");
  }
  int64_t value(uint32_t tag) const { return dm.root().value(tag).value_or(INT64_MIN); }
  bool has(uint32_t tag) const { return dm.find(tag) != nullptr; }
  size_t count(uint32_t counter) const { return dm.count(counter); }
};

class FakePeer : public FixPeer {
 public:
  FakePeer(uint64_t id, fix::Product product, fix::SessionKind kind, uint32_t member,
           LogonFlags flags = {}, std::string key = "key")
      : id_(id),
        product_(product),
        kind_(kind),
        member_(member),
        flags_(flags),
        key_(std::move(key)) {}
  uint64_t id() const override { return id_; }
  fix::Product product() const override { return product_; }
  fix::SessionKind kind() const override { return kind_; }
  std::string_view key_id() const override { return key_; }
  uint32_t member() const override { return member_; }
  const LogonFlags &flags() const override { return flags_; }
  Error send(std::string_view type, std::string_view body) override {
    sent.emplace_back(std::string(type), std::string(body));
    return {};
  }

  // Decodes and forgets everything sent so far.
  std::vector<std::unique_ptr<Msg>> take() {
    std::vector<std::unique_ptr<Msg>> out;
    for (auto &[type, body] : sent) {
      auto m = std::make_unique<Msg>();
      m->type = type;
      fix::Header h;
      h.msg_type = type;
      h.sender_comp_id = "KalshiNR";
      h.target_comp_id = "key";
      h.msg_seq_num = 1;
      h.sending_time = "20270115-08:00:00.000";
      fix::Buffer buf;
      fix::encode_message(h, body, buf);
      m->frame = std::string(buf.view());
      m->decoded = fix::decode(m->frame, fix::Direction::ServerToClient, context(), m->dm);
      out.push_back(std::move(m));
    }
    sent.clear();
    return out;
  }

  std::vector<std::pair<std::string, std::string>> sent;
  uint64_t next_seq = 2;

 private:
  uint64_t id_;
  fix::Product product_;
  fix::SessionKind kind_;
  uint32_t member_;
  LogonFlags flags_;
  std::string key_;
};

struct World {
  Exchange ex{42};
  RfqDesk desk{ex, 7};
  FixApp app{ex, desk};
  uint32_t alice = 0;
  uint32_t bob = 0;
  int64_t now = kT0;
  std::string frame;

  World() {
    (void)ex.load_markets(kMarkets);
    alice = ex.add_member("alice", 10000 * kDollar);
    bob = ex.add_member("bob", 10000 * kDollar);
  }

  void logon(FakePeer &p) { app.on_logon(p, now); }

  // Sends "tag=value|tag=value" as msg_type from the peer.
  void send(FakePeer &p, std::string_view type, std::string fields) {
    if (!fields.empty() && fields.back() != '|') fields += '|';
    for (char &c : fields) {
      if (c == '|') c = '\x01';
    }
    fix::Header h;
    h.msg_type = type;
    h.sender_comp_id = "key";
    h.target_comp_id = "KalshiNR";
    h.msg_seq_num = p.next_seq++;
    h.sending_time = "20270115-08:00:00.000";
    fix::Buffer buf;
    fix::encode_message(h, fields, buf);
    frame = std::string(buf.view());
    fix::Inbound in;
    in.frame = frame;
    in.msg_type = type;
    in.seq = h.msg_seq_num;
    app.on_message(p, in, now);
  }
};

}  // namespace simtest
