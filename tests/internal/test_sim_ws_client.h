// Shared by the tests/internal/test_sim_ws*.cpp tests: an in-process Simulator on ephemeral plain
// ports with two registered members, and a minimal raw WebSocket client built from src/ws/handshake
// (request, 101 check) and src/ws/frame (masked frames out, MessageAssembler in) over a blocking
// loopback socket. Every read is bounded by poll() with a generous timeout; nothing asserts time.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/conf.h"
#include "crypto/key.h"
#include "crypto/sign.h"
#include "sim/simulator.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"
#include "ws/handshake/handshake.h"

extern "C" {
#include <cmocka.h>
}

namespace simws_test {

using namespace kalshi;
using namespace kalshi::sim;

inline constexpr const char *kKeyA = "aaaaaaaa-0000-4000-8000-000000000001";
inline constexpr const char *kKeyB = "bbbbbbbb-0000-4000-8000-000000000002";
inline constexpr const char *kTicker = "HIGHNY-26NOV21-T50";
inline constexpr int kWaitMs = 20000;  // generous: the machine is shared; never asserted

inline std::string key_path(const char *rel) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/keys/" + rel;
}

inline std::string slurp(const std::string &path) {
  std::string out;
  if (FILE *f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

inline const crypto::PrivateKey &test_key() {
  static std::unique_ptr<crypto::PrivateKey> key = [] {
    std::unique_ptr<crypto::PrivateKey> k;
    if (!crypto::load_private_key_file(key_path("rsa_pkcs8.pem"), "", &k).ok()) std::abort();
    return k;
  }();
  return *key;
}

struct SimFixture {
  std::unique_ptr<Simulator> sim;
  uint16_t port = 0;
  uint32_t member_a = 0, member_b = 0, member_c = 0;

  SimFixture() {
    Conf conf;
    assert_true(conf.set("sim.tls", "false").ok());
    assert_true(conf.set("sim.clock", "manual").ok());
    assert_true(Simulator::start(conf, &sim).ok());
    assert_true(sim->port("ws", &port).ok());
    const std::string pem = slurp(key_path("rsa_pub.pem"));
    assert_true(sim->register_key(fix::Product::Prediction, kKeyA, pem, 0, &member_a).ok());
    assert_true(sim->register_key(fix::Product::Prediction, kKeyB, pem, 0, &member_b).ok());
    assert_true(sim->register_key(fix::Product::Prediction, "cccccccc-0000-4000-8000-000000000003",
                                  pem, 0, &member_c)
                    .ok());
  }
  ~SimFixture() { sim->stop(); }
};

inline void fixed_random(void *, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(i * 7 + 1);
}
inline void mask_source(void *, uint8_t key[4]) {
  key[0] = 0x12;
  key[1] = 0x34;
  key[2] = 0x56;
  key[3] = 0x78;
}

class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd_ >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(::connect(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }

  void send_raw(std::string_view bytes) {
    size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;  // the server hung up; reads will show it
      off += static_cast<size_t>(n);
    }
  }

  // Reads more bytes into buf_; false on timeout or EOF.
  bool read_more() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, kWaitMs) <= 0) return false;
    char tmp[65536];
    const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buf_.insert(buf_.end(), tmp, tmp + n);
    return true;
  }

  // Sends the upgrade request (signed unless sign is false, with the given key and path) and
  // returns the HTTP status of the answer (0: none).
  int handshake(const char *key_id = kKeyA, std::string path = "/trade-api/ws/v2", bool sign = true,
                bool corrupt = false, int64_t ts = 0) {
    if (ts == 0) ts = wall_clock_ms();
    std::string sig;
    std::string sign_path = path.substr(0, path.find('?'));
    if (sign) assert_true(crypto::sign_rest(test_key(), ts, "GET", sign_path, sig).ok());
    if (corrupt) sig[5] = sig[5] == 'A' ? 'B' : 'A';
    const std::string ts_text = std::to_string(ts);
    std::vector<ws::HeaderField> extra;
    if (sign) {
      extra.push_back({"KALSHI-ACCESS-KEY", key_id});
      extra.push_back({"KALSHI-ACCESS-TIMESTAMP", ts_text});
      extra.push_back({"KALSHI-ACCESS-SIGNATURE", sig});
    }
    key_ = ws::make_client_key(fixed_random, nullptr);
    send_raw(ws::build_client_request("127.0.0.1", path, key_, extra));
    std::string head;
    for (;;) {
      const std::string_view have(reinterpret_cast<const char *>(buf_.data()), buf_.size());
      const size_t end = have.find("\r\n\r\n");
      if (end != std::string_view::npos) {
        head.assign(have.substr(0, end + 4));
        buf_.erase(buf_.begin(), buf_.begin() + static_cast<ptrdiff_t>(end + 4));
        break;
      }
      if (!read_more()) return 0;
    }
    if (head.size() < 12 || head.compare(0, 9, "HTTP/1.1 ") != 0) return 0;
    const int status = std::atoi(head.c_str() + 9);
    if (status == 101) {
      assert_true(head.find(ws::accept_value(key_)) != std::string::npos);
    }
    return status;
  }

  void send_text(std::string_view text) {
    ws::FrameWriter w(ws::Role::Client, mask_source, nullptr);
    std::vector<uint8_t> out(w.frame_size(text.size()));
    const size_t n = w.write_text(out, text);
    send_raw(std::string_view(reinterpret_cast<const char *>(out.data()), n));
  }
  void send_close(uint16_t code) {
    ws::FrameWriter w(ws::Role::Client, mask_source, nullptr);
    uint8_t out[64];
    const size_t n = w.write_close(out, code, "");
    send_raw(std::string_view(reinterpret_cast<const char *>(out), n));
  }

  // The next message (ping frames are answered and skipped). kind None: timeout or EOF.
  struct Got {
    ws::Message::Kind kind = ws::Message::Kind::None;
    std::string text;
    uint16_t close_code = 0;
  };
  Got next() {
    for (;;) {
      if (!buf_.empty()) {
        size_t used = 0;
        const ws::Message m = rx_.next(std::span<uint8_t>(buf_), &used);
        Got g;
        g.kind = m.kind;
        g.text.assign(m.text());
        g.close_code = m.close_code;
        buf_.erase(buf_.begin(), buf_.begin() + static_cast<ptrdiff_t>(used));
        if (m.kind == ws::Message::Kind::Ping) continue;
        if (m.kind != ws::Message::Kind::None) return g;
      }
      if (!read_more()) return {};
    }
  }
  // The next text message; fails the test on anything else.
  std::string next_text() {
    Got g = next();
    if (g.kind != ws::Message::Kind::Text) {
      fail_msg("expected a text message, got kind %d", static_cast<int>(g.kind));
    }
    return g.text;
  }
  // True once the server has closed the TCP connection (reads until EOF, bounded).
  bool closed_by_server() {
    while (!eof_) {
      buf_.clear();
      if (!read_more() && !eof_) return false;
    }
    return true;
  }

 private:
  int fd_ = -1;
  std::string key_;
  std::vector<uint8_t> buf_;
  ws::MessageAssembler rx_{ws::Role::Client};
  bool eof_ = false;
};

// JSON field access for assertions.
struct Json {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  explicit Json(const std::string &text) {
    if (parser.parse(text).get(doc) != simdjson::SUCCESS) fail_msg("not JSON: %s", text.c_str());
  }
  std::string str(const char *path) const {
    std::string_view v;
    if (doc.at_pointer(path).get_string().get(v) != simdjson::SUCCESS) return "<missing>";
    return std::string(v);
  }
  int64_t num(const char *path) const {
    int64_t v = -1;
    if (doc.at_pointer(path).get_int64().get(v) != simdjson::SUCCESS) return -999;
    return v;
  }
  bool has(const char *path) const {
    simdjson::dom::element e;
    return doc.at_pointer(path).get(e) == simdjson::SUCCESS;
  }
};

}  // namespace simws_test
