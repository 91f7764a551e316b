// The simulator's FIX acceptor fed hostile client bytes. Half the inputs start from a logged-on
// session (the harness sends a valid Logon first; the key directory accepts any signature for
// the fuzz key), the other half fuzz the Logon itself. The input arrives in chunks with the clock
// moving between them, and now and then a fault is injected. The session must never crash, hang
// or grow without bound, never hand up a seq twice or out of order, and after tick() its next
// deadline must lie in the future.
//
// Input: byte 0 seeds chunk sizes, clock steps and faults; byte 1 picks the session type, product
// whether to log on first and whether SendingTime is checked; the rest are the client's bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "fix/codec/buffer.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "fix/session/store.h"
#include "sim/fix/acceptor_session.h"

namespace {

using namespace kalshi;
using namespace kalshi::sim;

constexpr const char *kKey = "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44";
constexpr int64_t kT0 = 1767225600000;  // 2026-01-01 UTC

struct AnySignature : KeyDirectory {
  Error verify_logon(fix::Product, std::string_view key_id, std::string_view,
                     std::string_view sig) const override {
    if (key_id != kKey) return Error::make(KALSHI_ERR_NOT_FOUND, "unknown key");
    if (sig.empty()) return Error::make(KALSHI_ERR_CRYPTO, "bad signature");
    return {};
  }
  uint32_t member_of(fix::Product, std::string_view) const override { return 1; }
};

struct Handler : AcceptorHandler {
  std::unique_ptr<fix::Store> store = fix::make_memory_store(64);
  size_t sent_bytes = 0;
  uint64_t last_seq = 0;
  void send_bytes(std::string_view b) override { sent_bytes += b.size(); }
  void close_transport() override {}
  fix::Store *on_logon(std::string_view, const LogonFlags &, std::string *) override {
    return store.get();
  }
  void on_message(const fix::Inbound &m) override {
    if (m.seq <= last_seq) abort();  // delivered twice or out of order
    last_seq = m.seq;
  }
  void on_state(AcceptorState, const Error &) override {}
};

std::string logon(fix::SessionKind kind, bool reset, int64_t now) {
  char when[fix::kUtcTimestampLen];
  fix::format_utc_timestamp(now, when);
  fix::Header h;
  h.msg_type = "A";
  h.sender_comp_id = kKey;
  h.target_comp_id = fix::target_comp_id(kind);
  h.msg_seq_num = 1;
  h.sending_time = std::string_view(when, fix::kUtcTimestampLen);
  fix::Buffer body;
  fix::FieldWriter w(body);
  w.add_char(98, '0');
  w.add_uint(108, 30);
  w.add_data(95, 96, "c2lnbmF0dXJl");
  if (reset) w.add_char(141, 'Y');
  w.add_char(1137, '9');
  fix::Buffer out;
  fix::encode_message(h, body.view(), out);
  return std::string(out.view());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  uint32_t rng = data[0] * 2654435761u + 1;
  const uint8_t mode = data[1];
  const char *bytes = reinterpret_cast<const char *>(data + 2);
  size_t left = size - 2;

  static const fix::SessionKind kKinds[] = {fix::SessionKind::NR,  fix::SessionKind::RT,
                                            fix::SessionKind::DC,  fix::SessionKind::PT,
                                            fix::SessionKind::RFQ, fix::SessionKind::MD};
  AcceptorConfig c;
  c.kind = kKinds[(mode & 0x0f) % 6];
  c.product = (mode & 0x10) && fix::session_exists(fix::Product::Margin, c.kind)
                  ? fix::Product::Margin
                  : fix::Product::Prediction;
  c.max_message_size = 4096;
  c.max_messages_per_second = 200;
  if (mode & 0x40) c.max_clock_skew_ms = 0;  // reach past the SendingTime check as time moves
  AnySignature keys;
  Handler handler;
  AcceptorSession s(c, keys, handler);
  int64_t now = kT0;
  s.connected(now);
  if (mode & 0x20) {
    const std::string a = logon(c.kind, true, now);
    s.received(a.data(), a.size(), now);
  }
  while (left > 0 && s.state() != AcceptorState::Closed) {
    rng = rng * 1103515245u + 12345u;
    const size_t chunk = std::min<size_t>(left, 1 + ((rng >> 16) % 97));
    s.received(bytes, chunk, now);
    bytes += chunk;
    left -= chunk;
    rng = rng * 1103515245u + 12345u;
    now += static_cast<int64_t>((rng >> 16) % 8000);
    if (((rng >> 8) & 0x1f) == 0) {
      Fault f;
      f.kind = static_cast<FaultKind>(1 + (rng >> 24) % 10);
      f.n = static_cast<int64_t>((rng >> 4) % 8);
      f.text = "fuzz";
      s.inject(f, now);
    }
    s.tick(now);
    if (s.state() != AcceptorState::Closed && s.next_deadline_ms() <= now) abort();
    if (s.state() == AcceptorState::Active) {
      (void)s.send("8", "11=x\x01", now);
    }
  }
  // Output answers input (heartbeats, resends of at most 64 stored messages, gap fills, Rejects)
  // plus one report per chunk: bounded by the input, never runaway.
  if (handler.sent_bytes > 16384 + size * 4096) abort();
  return 0;
}
