// The simulator's FIX application layer fed whatever a client could send once logged on: the
// input is split into messages at 0xFF bytes; each message's first byte picks a client-to-server
// message type and the session it arrives on (NR, RT, DC, MD, RFQ, PT; prediction or margin,
// cents or dollars), the rest is its body, framed with a correct header. Two members trade in the
// default markets, so orders can rest and cross.
//
// Invariants: nothing crashes or hangs, and every message the simulator sends back decodes with
// our own dictionary (the simulator never emits what a client could not read).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/fix/decoded_message.h"
#include "api/fix/dictionary.h"
#include "fix/codec/buffer.h"
#include "fix/codec/writer.h"
#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"
#include "sim/fix/fix_app.h"

using namespace kalshi;
using namespace kalshi::sim;

namespace {

class CheckingPeer final : public FixPeer {
 public:
  CheckingPeer(uint64_t id, fix::Product product, fix::SessionKind kind, uint32_t member,
               bool dollars)
      : id_(id), product_(product), kind_(kind), member_(member) {
    flags_.use_dollars = dollars;
    flags_.receive_settlement = true;
  }
  uint64_t id() const override { return id_; }
  fix::Product product() const override { return product_; }
  fix::SessionKind kind() const override { return kind_; }
  std::string_view key_id() const override { return "fuzz-key"; }
  uint32_t member() const override { return member_; }
  const LogonFlags &flags() const override { return flags_; }
  Error send(std::string_view msg_type, std::string_view body) override {
    fix::Header h;
    h.msg_type = msg_type;
    h.sender_comp_id = "Kalshi";
    h.target_comp_id = "fuzz-key";
    h.msg_seq_num = ++seq_;
    h.sending_time = "20260101-00:00:00.000";
    frame_.clear();
    fix::encode_message(h, body, frame_);
    Error err = fix::decode(frame_.view(), fix::Direction::ServerToClient, context(), decoded_);
    if (!err.ok()) abort();  // the simulator sent something our own client could not decode
    return {};
  }

 private:
  uint64_t id_;
  fix::Product product_;
  fix::SessionKind kind_;
  uint32_t member_;
  LogonFlags flags_;
  uint64_t seq_ = 0;
  fix::Buffer frame_;
  fix::DecodedMessage decoded_;
};

constexpr fix::SessionKind kKinds[] = {fix::SessionKind::NR,  fix::SessionKind::RT,
                                       fix::SessionKind::DC,  fix::SessionKind::MD,
                                       fix::SessionKind::RFQ, fix::SessionKind::PT};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static std::vector<const fix::MessageDef *> client_defs = [] {
    std::vector<const fix::MessageDef *> v;
    size_t n = 0;
    const fix::MessageDef *t = fix::message_table(&n);
    for (size_t i = 0; i < n; ++i) {
      if (t[i].direction != fix::Direction::ServerToClient) v.push_back(&t[i]);
    }
    return v;
  }();

  Exchange ex(1);
  if (!ex.load_markets(Exchange::default_markets_json()).ok()) abort();
  const uint32_t a = ex.add_member("a", 1000 * kDollar);
  const uint32_t b = ex.add_member("b", 1000 * kDollar);
  RfqDesk rfq(ex, 1);
  FixApp app(ex, rfq);
  int64_t now = 1767225600000;  // 2026-01-01

  std::vector<std::unique_ptr<CheckingPeer>> peers;
  auto peer_for = [&](uint8_t sel) -> CheckingPeer & {
    const fix::Product product = (sel & 0x80) ? fix::Product::Margin : fix::Product::Prediction;
    fix::SessionKind kind = kKinds[(sel >> 4) % 6];
    if (!fix::session_exists(product, kind)) kind = fix::SessionKind::NR;
    const uint32_t member = (sel & 0x08) ? b : a;
    const bool dollars = (sel & 0x04) != 0;
    for (auto &p : peers) {
      if (p->product() == product && p->kind() == kind && p->member() == member &&
          p->flags().use_dollars == dollars) {
        return *p;
      }
    }
    if (peers.size() >= 16) return *peers.front();
    peers.push_back(
        std::make_unique<CheckingPeer>(peers.size() + 1, product, kind, member, dollars));
    app.on_logon(*peers.back(), now);
    return *peers.back();
  };

  fix::Buffer frame;
  size_t pos = 0;
  uint64_t seq = 0;
  while (pos < size) {
    size_t end = pos;
    while (end < size && data[end] != 0xFF) ++end;
    if (end - pos >= 2) {
      const fix::MessageDef *def = client_defs[data[pos] % client_defs.size()];
      CheckingPeer &peer = peer_for(data[pos + 1]);
      fix::Header h;
      h.msg_type = def->msg_type;
      h.sender_comp_id = "fuzz-key";
      h.target_comp_id = "KalshiNR";
      h.msg_seq_num = ++seq;
      h.sending_time = "20260101-00:00:00.000";
      frame.clear();
      const std::string_view body(reinterpret_cast<const char *>(data + pos + 2), end - pos - 2);
      fix::encode_message(h, body, frame);
      fix::Inbound m;
      m.frame = frame.view();
      m.msg_type = def->msg_type;
      m.seq = seq;
      m.sending_time_ms = now;
      app.on_message(peer, m, now);
      now += 250;
      ex.advance_time(now);
      rfq.advance_time(now);
    }
    pos = end + 1;
  }
  for (auto &p : peers) app.on_logout(*p, now);
  return 0;
}
