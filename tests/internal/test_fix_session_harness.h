// Shared by the test_fix_session*.cpp tests: a fake signer and handler, an "exchange" that
// encodes its side's messages with the codec, and helpers to read what the session sent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fix/codec/buffer.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "fix/session/session.h"
#include "fix/session/store.h"

namespace fixtest {

using namespace kalshi::fix;
using kalshi::Error;

inline constexpr const char *kKey = "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44";
inline constexpr int64_t kT0 = 1767225600000;  // 2026-01-01 00:00:00 UTC

// Records the pre-hash the session asked to sign and returns a fixed "signature".
struct FakeSigner : LogonSigner {
  std::vector<std::string> prehashes;
  std::string signature = "c2lnbmF0dXJlPT0=";
  Error fail;
  Error sign(std::string_view sending_time, uint64_t msg_seq_num, std::string_view sender,
             std::string_view target, std::string &signature_b64) override {
    if (!fail.ok()) return fail;
    std::string pre(sending_time);
    pre += '\x01';
    pre += 'A';
    pre += '\x01';
    pre += std::to_string(msg_seq_num);
    pre += '\x01';
    pre += sender;
    pre += '\x01';
    pre += target;
    prehashes.push_back(pre);
    signature_b64 = signature;
    return {};
  }
};

struct Received {
  std::string type;
  uint64_t seq;
  bool poss_dup;
  std::string frame;
};

struct FakeHandler : SessionHandler {
  std::vector<std::string> sent;
  std::vector<std::pair<SessionState, Error>> states;
  std::vector<Received> messages;
  std::vector<std::pair<std::string, Error>> bad_frames;
  int closes = 0;
  void send_bytes(std::string_view b) override { sent.emplace_back(b); }
  void on_state(SessionState s, const Error &why) override { states.emplace_back(s, why); }
  void on_message(const Inbound &m) override {
    messages.push_back({std::string(m.msg_type), m.seq, m.poss_dup, std::string(m.frame)});
  }
  void on_bad_frame(std::string_view raw, const Error &why) override {
    bad_frames.emplace_back(std::string(raw), why);
  }
  void close_transport() override { ++closes; }
  std::vector<int64_t> skews;
  void on_clock_skew(int64_t skew_ms, std::string_view) override { skews.push_back(skew_ms); }
  const Error &last_error() const { return states.back().second; }
};

// Fields of one frame in wire order.
inline std::vector<std::pair<uint32_t, std::string>> fields(std::string_view frame) {
  std::vector<std::pair<uint32_t, std::string>> out;
  FieldCursor c(frame);
  Field f;
  while (c.next(&f)) out.emplace_back(f.tag, std::string(f.value));
  return out;
}

// Value of the first `tag` in frame; "<none>" when absent.
inline std::string get(std::string_view frame, uint32_t tag) {
  for (auto &f : fields(frame)) {
    if (f.first == tag) return f.second;
  }
  return "<none>";
}
inline bool has(std::string_view frame, uint32_t tag) {
  return get(frame, tag) != "<none>";
}
inline std::string type_of(std::string_view frame) {
  return get(frame, 35);
}

inline std::string ts(int64_t ms) {
  char b[kUtcTimestampLen];
  format_utc_timestamp(ms, b);
  return std::string(b, kUtcTimestampLen);
}

// The exchange's side: numbers its messages and encodes them with the codec.
struct Exchange {
  std::string sender = "KalshiRT";
  std::string target = kKey;
  uint64_t next_seq = 1;

  struct Opt {
    uint64_t seq = 0;  // 0: next_seq (and advance it)
    bool poss_dup = false;
    int64_t orig_ms = 0;
  };
  std::string msg(std::string_view type, std::string_view body, int64_t now, Opt o) {
    uint64_t seq = o.seq;
    if (seq == 0) seq = next_seq++;
    const std::string when = ts(now);
    const std::string orig = ts(o.orig_ms ? o.orig_ms : now - 1000);
    Header h;
    h.msg_type = type;
    h.sender_comp_id = sender;
    h.target_comp_id = target;
    h.msg_seq_num = seq;
    h.sending_time = when;
    h.poss_dup = o.poss_dup;
    if (o.poss_dup) h.orig_sending_time = orig;
    Buffer out;
    encode_message(h, body, out);
    return std::string(out.view());
  }
  std::string msg(std::string_view type, std::string_view body, int64_t now) {
    return msg(type, body, now, Opt{});
  }
};

// Body text from "tag=value|tag=value|" with | for SOH.
inline std::string body(std::string s) {
  for (char &c : s) {
    if (c == '|') c = '\x01';
  }
  return s;
}

inline void feed(Session &s, const std::string &bytes, int64_t now, bool byte_by_byte = false) {
  if (!byte_by_byte) {
    s.received(bytes.data(), bytes.size(), now);
    return;
  }
  // One byte per call, each from its own buffer, so a view kept past its read would be caught.
  for (char c : bytes) {
    std::string one(1, c);
    s.received(one.data(), 1, now);
  }
}

inline SessionConfig config(SessionKind k, Product p = Product::Prediction) {
  SessionConfig c;
  c.product = p;
  c.kind = k;
  c.sender_comp_id = kKey;
  return c;
}

// A session with everything it needs, logged on by default.
struct Rig {
  FakeSigner signer;
  FakeHandler handler;
  std::unique_ptr<Store> owned;
  Store *store;
  Exchange ex;
  Session session;
  int64_t now = kT0;

  explicit Rig(SessionConfig c, Store *external = nullptr)
      : owned(external ? nullptr : make_memory_store()),
        store(external ? external : owned.get()),
        session(std::move(c), *store, signer, handler) {
    ex.sender = std::string(target_comp_id(session.config().kind));
  }
  void connect() { session.connected(now); }
  // Connects and answers the Logon with the exchange's Logon.
  void logon(bool byte_by_byte = false) {
    connect();
    const std::string b =
        logon_sends_reset_flag() ? body("98=0|108=30|141=Y|") : body("98=0|108=30|");
    feed(session, ex.msg("A", b, now), now, byte_by_byte);
  }
  bool logon_sends_reset_flag() const {
    return !handler.sent.empty() && has(handler.sent.front(), 141);
  }
  void in(const std::string &bytes, bool byte_by_byte = false) {
    feed(session, bytes, now, byte_by_byte);
  }
  void advance(int64_t ms) {
    now += ms;
    session.tick(now);
  }
  std::string last_sent() const { return handler.sent.empty() ? "" : handler.sent.back(); }
  size_t sent_count() const { return handler.sent.size(); }
};

}  // namespace fixtest
