// Shared by the test_sim_acceptor*.cpp tests: our own client fix::Session (signing with the real
// test key) talking to an AcceptorSession through an in-memory pipe with an injected clock.
#pragma once

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/key.h"
#include "crypto/sign.h"
#include "crypto/verify.h"
#include "fix/codec/buffer.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "fix/session/session.h"
#include "fix/session/store.h"
#include "sim/fix/acceptor_session.h"

namespace simtest {

using namespace kalshi;
using namespace kalshi::fix;
using namespace kalshi::sim;

inline constexpr const char *kKey = "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44";
inline constexpr const char *kOtherKey = "11111111-2222-3333-4444-555555555555";
inline constexpr int64_t kT0 = 1767225600000;  // 2026-01-01 00:00:00 UTC
inline constexpr uint32_t kMember = 42;

inline std::string data_path(const char *rel) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/keys/" + rel;
}

inline std::string read_file(const std::string &path) {
  std::string out;
  if (FILE *f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

// The test key (tests/data/keys/rsa_pkcs8.pem), loaded once.
inline const crypto::PrivateKey &test_private_key() {
  static std::unique_ptr<crypto::PrivateKey> key = [] {
    std::unique_ptr<crypto::PrivateKey> k;
    if (!crypto::load_private_key_file(data_path("rsa_pkcs8.pem"), "", &k).ok()) std::abort();
    return k;
  }();
  return *key;
}

// kKey is registered for both products with the public half of the test key.
struct TestKeys : KeyDirectory {
  std::unique_ptr<crypto::RsaPublicKey> pub;
  TestKeys() {
    if (!crypto::RsaPublicKey::load(read_file(data_path("rsa_pub.pem")), &pub).ok()) std::abort();
  }
  Error verify_logon(Product, std::string_view key_id, std::string_view prehash,
                     std::string_view sig) const override {
    if (key_id != kKey) return Error::make(KALSHI_ERR_NOT_FOUND, "no such key");
    return pub->verify_pss_b64(prehash, sig);
  }
  uint32_t member_of(Product, std::string_view key_id) const override {
    return key_id == kKey ? kMember : 0;
  }
};

// Signs with a real key (the test key unless another is given).
struct RealSigner : LogonSigner {
  const crypto::PrivateKey *key = &test_private_key();
  Error sign(std::string_view sending_time, uint64_t seq, std::string_view sender,
             std::string_view target, std::string &sig) override {
    return crypto::sign_fix_logon(*key, sending_time, seq, sender, target, sig);
  }
};

struct Got {
  std::string type;
  uint64_t seq;
  bool poss_dup;
  std::string frame;
};

struct ClientSide : SessionHandler {
  std::string outbox;
  std::vector<std::string> sent;  // every frame the client wrote
  std::vector<std::pair<SessionState, Error>> states;
  std::vector<Got> messages;
  std::vector<Error> bad_frames;
  bool closed = false;
  void send_bytes(std::string_view b) override {
    outbox.append(b);
    sent.emplace_back(b);
  }
  void on_state(SessionState s, const Error &why) override { states.emplace_back(s, why); }
  void on_message(const Inbound &m) override {
    messages.push_back({std::string(m.msg_type), m.seq, m.poss_dup, std::string(m.frame)});
  }
  void on_bad_frame(std::string_view, const Error &why) override { bad_frames.push_back(why); }
  void close_transport() override { closed = true; }
  const Error &last_error() const { return states.back().second; }
};

struct ServerSide : AcceptorHandler {
  std::string outbox;
  std::vector<std::string> sent;  // every chunk the acceptor wrote
  std::vector<std::pair<AcceptorState, Error>> states;
  std::vector<Got> messages;
  std::unique_ptr<Store> store = make_memory_store();
  std::string logon_key;
  LogonFlags logon_flags;
  int logons = 0;
  bool closed = false;
  bool aborted = false;
  std::string refuse;  // non-empty: on_logon refuses with it
  void send_bytes(std::string_view b) override {
    outbox.append(b);
    sent.emplace_back(b);
  }
  void close_transport() override { closed = true; }
  void abort_transport() override {
    aborted = closed = true;
    outbox.clear();  // nothing written after an abort reaches the client
  }
  Store *on_logon(std::string_view key_id, const LogonFlags &flags, std::string *why) override {
    ++logons;
    logon_key = std::string(key_id);
    logon_flags = flags;
    if (!refuse.empty()) {
      *why = refuse;
      return nullptr;
    }
    return store.get();
  }
  void on_message(const Inbound &m) override {
    messages.push_back({std::string(m.msg_type), m.seq, m.poss_dup, std::string(m.frame)});
  }
  void on_state(AcceptorState s, const Error &why) override { states.emplace_back(s, why); }
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
inline std::string get(std::string_view frame, uint32_t tag) {
  for (auto &f : fields(frame)) {
    if (f.first == tag) return f.second;
  }
  return "<none>";
}
inline bool contains(const std::string &hay, const char *needle) {
  return hay.find(needle) != std::string::npos;
}
// Body text from "tag=value|..." with | for SOH.
inline std::string body(std::string s) {
  for (char &c : s) {
    if (c == '|') c = '\x01';
  }
  return s;
}

inline SessionConfig client_config(SessionKind k, Product p = Product::Prediction) {
  SessionConfig c;
  c.product = p;
  c.kind = k;
  c.sender_comp_id = kKey;
  return c;
}
inline AcceptorConfig acceptor_config(SessionKind k, Product p = Product::Prediction) {
  AcceptorConfig c;
  c.product = p;
  c.kind = k;
  return c;
}

// A client Session and an AcceptorSession joined by a pipe. Bytes move only in pump(), so
// neither side is ever called back from inside the other.
struct Pipe {
  TestKeys keys;
  RealSigner signer;
  ClientSide client_side;
  ServerSide server_side;
  std::unique_ptr<Store> client_store = make_memory_store();
  Session client;
  AcceptorSession acceptor;
  int64_t now = kT0;
  bool cut_to_server = false;  // bytes from the client are lost
  bool cut_to_client = false;  // bytes from the acceptor are lost
  bool client_told = false;
  bool server_told = false;

  Pipe(SessionConfig cc, AcceptorConfig ac)
      : client(std::move(cc), *client_store, signer, client_side),
        acceptor(ac, keys, server_side) {}
  explicit Pipe(SessionKind k, Product p = Product::Prediction)
      : Pipe(client_config(k, p), acceptor_config(k, p)) {}

  void connect() {
    acceptor.connected(now);
    client.connected(now);
    pump();
  }
  // Moves bytes both ways until quiet; then tells each side when the other closed.
  void pump() {
    for (int i = 0; i < 10000; ++i) {
      bool any = false;
      if (!client_side.outbox.empty()) {
        std::string b = std::move(client_side.outbox);
        client_side.outbox.clear();
        if (!cut_to_server) acceptor.received(b.data(), b.size(), now);
        any = true;
      }
      if (!server_side.outbox.empty()) {
        std::string b = std::move(server_side.outbox);
        server_side.outbox.clear();
        if (!cut_to_client) client.received(b.data(), b.size(), now);
        any = true;
      }
      if (!any) break;
    }
    if (server_side.closed && !client_told) {
      client_told = true;
      client.disconnected(now, Error{});
    }
    if (client_side.closed && !server_told) {
      server_told = true;
      acceptor.disconnected(now);
    }
  }
  // Runs both sides' timers up to `until`, pumping after each.
  void run_until(int64_t until) {
    for (int i = 0; i < 100000; ++i) {
      const int64_t d = std::min({client.next_deadline_ms(), acceptor.next_deadline_ms(), until});
      if (d > now) now = d;
      client.tick(now);
      acceptor.tick(now);
      pump();
      if (now >= until) return;
    }
  }
  void advance(int64_t ms) { run_until(now + ms); }
  // The acceptor's bytes as frames (a chunk may be several messages).
  std::vector<std::string> server_frames() const {
    std::vector<std::string> out;
    for (const std::string &chunk : server_side.sent) {
      size_t pos = 0;
      while (pos < chunk.size()) {
        const size_t start = chunk.find("8=FIXT.1.1\x01", pos);
        if (start == std::string::npos) break;
        const size_t end = chunk.find(
            "\x01"
            "10=",
            start);
        if (end == std::string::npos) break;
        out.push_back(chunk.substr(start, end + 8 - start));
        pos = end + 8;
      }
    }
    return out;
  }
  std::string last_server_frame(std::string_view type) const {
    const auto frames = server_frames();
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
      if (get(*it, 35) == type) return *it;
    }
    return {};
  }
  bool logged_on() const {
    return client.state() == SessionState::Active && acceptor.state() == AcceptorState::Active;
  }
  // A raw client message with the right CompIDs, straight into the acceptor.
  void raw_to_acceptor(std::string_view type, uint64_t seq, std::string_view body_fields,
                       bool poss_dup = false) {
    char when[kUtcTimestampLen];
    format_utc_timestamp(now, when);
    Header h;
    h.msg_type = type;
    h.sender_comp_id = kKey;
    h.target_comp_id = target_comp_id(acceptor.config().kind);
    h.msg_seq_num = seq;
    h.sending_time = std::string_view(when, kUtcTimestampLen);
    h.poss_dup = poss_dup;
    if (poss_dup) h.orig_sending_time = h.sending_time;
    Buffer out;
    encode_message(h, body_fields, out);
    acceptor.received(out.data(), out.size(), now);
  }
};

}  // namespace simtest
