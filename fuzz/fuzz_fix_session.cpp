// The FIX session fed hostile exchange bytes: a KalshiRT (retransmission) session is logged on
// with a scripted Logon answer, has a few application messages in its store, then receives the
// input in chunks with the clock moving between them. It must never crash, hang or grow without
// bound, and must never hand the application a seq twice or out of order.
//
// Input: byte 0 seeds the chunk sizes and clock steps; the rest are the exchange's bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "fix/codec/buffer.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "fix/session/session.h"
#include "fix/session/store.h"

namespace {

using namespace kalshi::fix;

constexpr const char *kKey = "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44";
constexpr int64_t kT0 = 1767225600000;  // 2026-01-01 UTC

struct Signer : LogonSigner {
  kalshi::Error sign(std::string_view, uint64_t, std::string_view, std::string_view,
                     std::string &sig) override {
    sig = "c2lnbmF0dXJl";
    return {};
  }
};

struct Handler : SessionHandler {
  size_t sent_bytes = 0;
  uint64_t last_seq = 0;  // per connection
  bool closed = false;
  void send_bytes(std::string_view b) override { sent_bytes += b.size(); }
  void on_state(SessionState s, const kalshi::Error &) override {
    if (s == SessionState::Disconnected) closed = true;
  }
  void on_message(const Inbound &m) override {
    if (m.seq <= last_seq) abort();  // delivered twice or out of order
    last_seq = m.seq;
  }
  void on_bad_frame(std::string_view, const kalshi::Error &) override {}
  void close_transport() override { closed = true; }
};

std::string logon_answer(int64_t now) {
  char when[kUtcTimestampLen];
  format_utc_timestamp(now, when);
  Header h;
  h.msg_type = "A";
  h.sender_comp_id = "KalshiRT";
  h.target_comp_id = kKey;
  h.msg_seq_num = 1;
  h.sending_time = std::string_view(when, kUtcTimestampLen);
  Buffer out;
  const std::string_view body =
      "98=0\x01"
      "108=30\x01";
  encode_message(h, body, out);
  return std::string(out.view());
}

void log_on(Session &s, Store &store, Handler &h, int64_t now) {
  // The exchange numbers from 1 each time (it "reset"); so does our side.
  (void)store.reset();
  h.closed = false;
  h.last_seq = 0;
  s.connected(now);
  const std::string a = logon_answer(now);
  s.received(a.data(), a.size(), now);
  for (int i = 0; i < 3 && s.state() == SessionState::Active; ++i) {
    (void)s.send("D",
                 "11=x\x01"
                 "38=1\x01",
                 now);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  uint32_t rng = data[0] * 2654435761u + 1;
  const char *bytes = reinterpret_cast<const char *>(data + 1);
  size_t left = size - 1;

  SessionConfig c;
  c.product = Product::Prediction;
  c.kind = SessionKind::RT;
  c.sender_comp_id = kKey;
  c.heartbeat_s = 30;
  auto store = make_memory_store(64);
  Signer signer;
  Handler handler;
  Session s(c, *store, signer, handler);
  int64_t now = kT0;
  log_on(s, *store, handler, now);
  int reconnects = 0;

  while (left > 0) {
    rng = rng * 1103515245u + 12345u;
    const size_t chunk = std::min<size_t>(left, 1 + ((rng >> 16) % 97));
    s.received(bytes, chunk, now);
    bytes += chunk;
    left -= chunk;
    rng = rng * 1103515245u + 12345u;
    now += static_cast<int64_t>((rng >> 16) % 8000);
    s.tick(now);
    // A driver sleeps until next_deadline_ms(): after a tick it must lie in the future, or the
    // driver would spin.
    if (s.state() != SessionState::Disconnected && s.next_deadline_ms() <= now) abort();
    if (s.state() == SessionState::Disconnected) {
      if (++reconnects > 16) break;
      s.disconnected(now, kalshi::Error{});
      log_on(s, *store, handler, now);
    }
  }
  // Output is answers to input (heartbeats, resends of at most 64 stored messages, gap fills):
  // bounded by the input, never runaway.
  if (handler.sent_bytes > 4096 + size * 2048) abort();
  return 0;
}
