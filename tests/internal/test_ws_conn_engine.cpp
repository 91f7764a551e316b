// The sans-I/O WebSocket client engine, driven byte by byte with an injected clock: the opening
// handshake (ok, wrong accept, non-101), pings answered between fragments, our keepalive pings
// and dead-peer detection, the close handshake both ways and its timeout, refusals (bad close
// code, oversize, bad UTF-8) answered with the right close code, and masking of every frame.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "ws/conn/ws_engine.h"
#include "ws/frame/close_codes.h"
#include "ws/frame/frame_parser.h"
#include "ws/frame/frame_writer.h"
#include "ws/handshake/handshake.h"
#include "ws_test_util.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::ws;

namespace {

struct Ev {
  WsEvent::Kind kind;
  std::string data;
  uint16_t code;
  std::string reason;
  bool clean;
  kalshi_err_t err;
  int32_t http_status;
};

struct Harness {
  std::vector<Ev> events;
  WsEngine engine;
  FrameWriter server{Role::Server, nullptr, nullptr};
  uint8_t counter = 0;

  explicit Harness(const EngineOptions &opts = {})
      : engine(
            opts, [this](const WsEvent &ev) { record(ev); },
            [this](uint8_t *out, size_t n) {
              for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(0x40 + counter++);
            }) {}

  void record(const WsEvent &ev) {
    events.push_back(Ev{ev.kind, std::string(ev.data), ev.close_code, std::string(ev.reason),
                        ev.clean, ev.error.code, ev.error.http_status});
  }

  std::vector<uint8_t> take_output() {
    const auto out = engine.output();
    std::vector<uint8_t> v(out.begin(), out.end());
    engine.clear_output();
    return v;
  }

  // Feeds bytes one at a time (a copy: the engine unmasks in place).
  void feed(const std::vector<uint8_t> &bytes, uint64_t now) {
    for (uint8_t b : bytes) {
      uint8_t one = b;
      engine.on_bytes(std::span<uint8_t>(&one, 1), now);
    }
  }
  void feed(const std::string &s, uint64_t now) {
    feed(std::vector<uint8_t>(s.begin(), s.end()), now);
  }

  std::string key_from_request() {
    const auto req = take_output();
    const std::string text(req.begin(), req.end());
    const std::string marker = "Sec-WebSocket-Key: ";
    const size_t at = text.find(marker);
    assert_true(at != std::string::npos);
    return text.substr(at + marker.size(), kKeySize);
  }

  // Starts and completes the handshake at time now.
  void open(uint64_t now = 0) {
    assert_true(engine.start({"example.test", "/ws", {{"X-Auth", "a1"}}}, now).ok());
    const std::string key = key_from_request();
    feed(build_server_response(key), now);
    assert_int_equal(events.size(), 1);
    assert_int_equal(static_cast<int>(events[0].kind), static_cast<int>(WsEvent::Kind::Open));
    events.clear();
  }

  std::vector<uint8_t> frame(Opcode op, bool fin, std::string_view payload) {
    std::vector<uint8_t> out(server.frame_size(payload.size()));
    const size_t n =
        server.write_frame(out, op, fin,
                           std::span<const uint8_t>(
                               reinterpret_cast<const uint8_t *>(payload.data()), payload.size()));
    out.resize(n);
    return out;
  }
  std::vector<uint8_t> raw_close(uint16_t code, std::string_view reason) {
    std::vector<uint8_t> out = {0x88, static_cast<uint8_t>(2 + reason.size()),
                                static_cast<uint8_t>(code >> 8), static_cast<uint8_t>(code)};
    out.insert(out.end(), reason.begin(), reason.end());
    return out;
  }
};

// What the server sees of the engine's output; a server assembler refuses unmasked frames.
std::vector<ws_test::Seen> server_sees(const std::vector<uint8_t> &bytes) {
  return ws_test::feed(Role::Server, bytes, bytes.size() + 1);
}

void expect_close_sent(Harness &h, uint16_t code) {
  const auto seen = server_sees(h.take_output());
  assert_true(!seen.empty());
  assert_int_equal(static_cast<int>(seen.back().kind), static_cast<int>(Message::Kind::Close));
  assert_int_equal(seen.back().code, code);
}

void test_handshake_ok_byte_by_byte(void **) {
  Harness h;
  assert_true(
      h.engine.start({"example.test:8443", "/trade-api/ws/v2", {{"X-Auth", "sig"}}}, 5).ok());
  const auto req = h.take_output();
  const std::string text(req.begin(), req.end());
  assert_true(text.rfind("GET /trade-api/ws/v2 HTTP/1.1\r\n", 0) == 0);
  assert_true(text.find("Host: example.test:8443\r\n") != std::string::npos);
  assert_true(text.find("X-Auth: sig\r\n") != std::string::npos);
  const std::string marker = "Sec-WebSocket-Key: ";
  const std::string key = text.substr(text.find(marker) + marker.size(), kKeySize);
  // The 101 and the first frame arrive together, one byte per read.
  const std::string s101 = build_server_response(key);
  const auto bytes = ws_test::cat(std::vector<uint8_t>(s101.begin(), s101.end()),
                                  h.frame(Opcode::Text, true, "hello"));
  h.feed(bytes, 6);
  assert_int_equal(h.events.size(), 2);
  assert_int_equal(static_cast<int>(h.events[0].kind), static_cast<int>(WsEvent::Kind::Open));
  assert_int_equal(static_cast<int>(h.events[1].kind), static_cast<int>(WsEvent::Kind::Text));
  assert_string_equal(h.events[1].data.c_str(), "hello");
  assert_int_equal(static_cast<int>(h.engine.state()), static_cast<int>(WsEngine::State::Open));
  // A second start is refused.
  assert_int_equal(h.engine.start({"x", "/", {}}, 7).code, KALSHI_ERR_STATE);
}

void test_handshake_wrong_accept(void **) {
  Harness h;
  assert_true(h.engine.start({"example.test", "/", {}}, 0).ok());
  (void)h.take_output();
  h.feed(build_server_response("dGhlIHNhbXBsZSBub25jZQ=="), 1);
  assert_int_equal(h.events.size(), 1);
  assert_int_equal(static_cast<int>(h.events[0].kind), static_cast<int>(WsEvent::Kind::Closed));
  assert_int_equal(h.events[0].err, KALSHI_ERR_PROTOCOL);
  assert_false(h.events[0].clean);
  assert_true(h.engine.closed());
  assert_true(h.engine.output().empty());  // nothing is sent on a connection never opened
}

void test_handshake_non_101(void **) {
  Harness h;
  assert_true(h.engine.start({"example.test", "/", {}}, 0).ok());
  (void)h.take_output();
  h.feed(std::string("HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nnope!"), 1);
  assert_int_equal(h.events.size(), 1);
  assert_int_equal(h.events[0].err, KALSHI_ERR_UNAUTHORIZED);
  assert_int_equal(h.events[0].http_status, 401);

  Harness h2;
  assert_true(h2.engine.start({"example.test", "/", {}}, 0).ok());
  (void)h2.take_output();
  h2.feed(std::string("HTTP/1.1 503 Busy\r\n\r\n"), 1);
  assert_int_equal(h2.events.size(), 1);
  assert_int_equal(h2.events[0].err, KALSHI_ERR_SERVER);

  Harness h3;
  assert_true(h3.engine.start({"example.test", "/", {}}, 0).ok());
  (void)h3.take_output();
  h3.feed(std::string("garbage\r\n\r\n"), 1);
  assert_int_equal(h3.events.size(), 1);
  assert_int_equal(h3.events[0].err, KALSHI_ERR_PROTOCOL);
}

void test_handshake_timeout_and_bad_header(void **) {
  EngineOptions o;
  o.handshake_timeout_ms = 100;
  Harness h(o);
  assert_true(h.engine.start({"example.test", "/", {}}, 1000).ok());
  assert_int_equal(h.engine.next_deadline(), 1100);
  h.engine.on_timer(1099);
  assert_true(h.events.empty());
  h.engine.on_timer(1100);
  assert_int_equal(h.events.size(), 1);
  assert_int_equal(h.events[0].err, KALSHI_ERR_TIMEOUT);

  Harness h2;
  assert_int_equal(h2.engine.start({"example.test", "/", {{"X-Bad", "a\r\nInjected: 1"}}}, 0).code,
                   KALSHI_ERR_INVALID_ARG);
}

void test_ping_answered_between_fragments(void **) {
  Harness h;
  h.open();
  h.feed(h.frame(Opcode::Text, false, "ab"), 1);
  h.feed(h.frame(Opcode::Ping, true, "p1"), 2);
  // The pong is out before the message completes.
  auto seen = server_sees(h.take_output());
  assert_int_equal(seen.size(), 1);
  assert_int_equal(static_cast<int>(seen[0].kind), static_cast<int>(Message::Kind::Pong));
  assert_string_equal(seen[0].payload.c_str(), "p1");
  assert_true(h.events.empty());
  h.feed(h.frame(Opcode::Continuation, true, "cd"), 3);
  assert_int_equal(h.events.size(), 1);
  assert_string_equal(h.events[0].data.c_str(), "abcd");
  // A pong from the peer is taken quietly.
  h.feed(h.frame(Opcode::Pong, true, "x"), 4);
  assert_int_equal(h.events.size(), 1);
  assert_true(h.engine.output().empty());
}

void test_keepalive_and_dead_peer(void **) {
  EngineOptions o;
  o.ping_interval_ms = 1000;
  o.dead_after_ms = 3000;
  Harness h(o);
  h.open(0);
  assert_int_equal(h.engine.next_deadline(), 1000);
  h.engine.on_timer(999);
  assert_true(h.engine.output().empty());
  h.engine.on_timer(1000);
  auto seen = server_sees(h.take_output());
  assert_int_equal(seen.size(), 1);
  assert_int_equal(static_cast<int>(seen[0].kind), static_cast<int>(Message::Kind::Ping));
  h.feed(h.frame(Opcode::Pong, true, seen[0].payload), 1500);  // alive until 4500
  h.engine.on_timer(2000);
  h.engine.on_timer(3000);
  h.engine.on_timer(4000);
  seen = server_sees(h.take_output());
  assert_int_equal(seen.size(), 3);
  for (const auto &s : seen)
    assert_int_equal(static_cast<int>(s.kind), static_cast<int>(Message::Kind::Ping));
  assert_int_equal(h.engine.next_deadline(), 4500);
  h.engine.on_timer(4499);
  assert_true(h.events.empty());
  h.engine.on_timer(4500);
  assert_int_equal(h.events.size(), 1);
  assert_int_equal(static_cast<int>(h.events[0].kind), static_cast<int>(WsEvent::Kind::Closed));
  assert_int_equal(h.events[0].err, KALSHI_ERR_TIMEOUT);
  assert_int_equal(h.events[0].code, close_code::kAbnormal);
  assert_false(h.events[0].clean);
  assert_int_equal(h.engine.next_deadline(), kNoDeadline);
}

void test_close_initiated_by_us(void **) {
  Harness h;
  h.open();
  h.engine.close(close_code::kNormal, "bye", 10);
  auto seen = server_sees(h.take_output());
  assert_int_equal(seen.size(), 1);
  assert_int_equal(seen[0].code, close_code::kNormal);
  assert_string_equal(seen[0].reason.c_str(), "bye");
  assert_int_equal(static_cast<int>(h.engine.state()), static_cast<int>(WsEngine::State::Closing));
  assert_int_equal(h.engine.send_text("late", 11).code, KALSHI_ERR_CLOSED);
  h.engine.close(close_code::kNormal, "again", 12);  // idempotent
  assert_true(h.engine.output().empty());
  // Data still in flight is dropped; the answering Close ends the handshake cleanly.
  h.feed(h.frame(Opcode::Text, true, "in flight"), 13);
  h.feed(h.raw_close(close_code::kNormal, "ok"), 14);
  assert_int_equal(h.events.size(), 1);
  assert_int_equal(static_cast<int>(h.events[0].kind), static_cast<int>(WsEvent::Kind::Closed));
  assert_true(h.events[0].clean);
  assert_int_equal(h.events[0].err, KALSHI_OK);
  assert_string_equal(h.events[0].reason.c_str(), "ok");
  assert_true(h.engine.output().empty());

  // No answer: the close timeout ends it.
  EngineOptions o;
  o.close_timeout_ms = 50;
  Harness h2(o);
  h2.open();
  h2.engine.close(4000, "custom", 100);
  expect_close_sent(h2, 4000);
  assert_int_equal(h2.engine.next_deadline(), 150);
  h2.engine.on_timer(150);
  assert_int_equal(h2.events.size(), 1);
  assert_false(h2.events[0].clean);
  assert_int_equal(h2.events[0].err, KALSHI_ERR_TIMEOUT);

  // An unusable code is replaced by 1000.
  Harness h3;
  h3.open();
  h3.engine.close(1005, "x", 1);
  expect_close_sent(h3, close_code::kNormal);
}

void test_close_initiated_by_peer(void **) {
  Harness h;
  h.open();
  h.feed(h.raw_close(4001, "go away"), 1);
  expect_close_sent(h, 4001);  // echoed
  assert_int_equal(h.events.size(), 1);
  assert_true(h.events[0].clean);
  assert_int_equal(h.events[0].code, 4001);
  assert_string_equal(h.events[0].reason.c_str(), "go away");
  assert_int_equal(h.events[0].err, KALSHI_ERR_DISCONNECTED);
  assert_true(h.engine.closed());

  // A Close without a code is answered by one without a code.
  Harness h2;
  h2.open();
  h2.feed(std::vector<uint8_t>{0x88, 0x00}, 1);
  const auto seen = server_sees(h2.take_output());
  assert_int_equal(seen.size(), 1);
  assert_int_equal(seen[0].code, close_code::kNoStatus);
  assert_int_equal(h2.events[0].code, close_code::kNoStatus);
}

void test_refusals_close_with_the_right_code(void **) {
  {
    Harness h;  // 1005 may not go on the wire
    h.open();
    h.feed(h.raw_close(1005, ""), 1);
    expect_close_sent(h, close_code::kProtocolError);
    assert_int_equal(h.events[0].err, KALSHI_ERR_PROTOCOL);
    assert_false(h.events[0].clean);
  }
  {
    EngineOptions o;
    o.limits.max_message_size = 16;
    Harness h(o);
    h.open();
    h.feed(h.frame(Opcode::Text, false, "0123456789"), 1);
    h.feed(h.frame(Opcode::Continuation, true, "0123456"), 1);
    expect_close_sent(h, close_code::kMessageTooBig);
  }
  {
    EngineOptions o;
    o.limits.max_frame_size = 8;
    Harness h(o);
    h.open();
    h.feed(h.frame(Opcode::Binary, true, "0123456789"), 1);
    expect_close_sent(h, close_code::kMessageTooBig);
  }
  {
    Harness h;
    h.open();
    h.feed(h.frame(Opcode::Text, true, "\xc3\x28"), 1);
    expect_close_sent(h, close_code::kInvalidPayload);
    assert_true(h.events.size() == 1 && h.events[0].kind == WsEvent::Kind::Closed);
  }
  {
    Harness h;  // a masked frame from the server
    h.open();
    h.feed(std::vector<uint8_t>{0x81, 0x81, 1, 2, 3, 4, 'a' ^ 1}, 1);
    expect_close_sent(h, close_code::kProtocolError);
  }
  {
    Harness h;  // the transport drops
    h.open();
    h.engine.on_transport_closed({});
    assert_int_equal(h.events.size(), 1);
    assert_int_equal(h.events[0].code, close_code::kAbnormal);
    assert_int_equal(h.events[0].err, KALSHI_ERR_DISCONNECTED);
    h.feed(h.frame(Opcode::Text, true, "after"), 2);  // ignored
    assert_int_equal(h.events.size(), 1);
  }
}

void test_every_client_frame_is_masked(void **) {
  EngineOptions o;
  o.ping_interval_ms = 10;
  Harness h(o);
  h.open();
  const std::string big(70000, 'x');
  assert_true(h.engine.send_text("", 1).ok());
  assert_true(h.engine.send_text("small", 1).ok());
  assert_true(h.engine.send_text(std::string(200, 'm'), 1).ok());
  assert_true(h.engine.send_text(big, 1).ok());
  const uint8_t bin[] = {0, 1, 2};
  assert_true(h.engine.send_binary(bin, 1).ok());
  h.feed(h.frame(Opcode::Ping, true, "pp"), 2);  // our pong
  h.engine.on_timer(20);                         // our ping
  h.engine.close(close_code::kNormal, "end", 30);
  auto out = h.take_output();

  // Every frame header carries the mask bit, with a key that changes from frame to frame.
  std::vector<uint8_t> copy = out;
  FrameParser p(Role::Server);
  size_t off = 0;
  int frames = 0;
  uint32_t last_key = 0;
  while (off < copy.size()) {
    size_t used = 0;
    const auto ev = p.next(std::span<uint8_t>(copy).subspan(off), &used);
    off += used;
    assert_true(ev != FrameParser::Event::Error);
    if (ev == FrameParser::Event::Header) {
      assert_true(p.header().masked);
      uint32_t key;
      std::memcpy(&key, p.header().mask, 4);
      assert_true(frames == 0 || key != last_key);
      last_key = key;
      ++frames;
    }
    if (ev == FrameParser::Event::NeedMore) break;
  }
  assert_int_equal(frames, 8);

  const auto seen = server_sees(out);
  assert_int_equal(seen.size(), 8);
  assert_string_equal(seen[0].payload.c_str(), "");
  assert_string_equal(seen[1].payload.c_str(), "small");
  assert_int_equal(seen[2].payload.size(), 200);
  assert_true(seen[3].payload == big);
  assert_int_equal(static_cast<int>(seen[4].kind), static_cast<int>(Message::Kind::Binary));
  assert_int_equal(static_cast<int>(seen[5].kind), static_cast<int>(Message::Kind::Pong));
  assert_int_equal(static_cast<int>(seen[6].kind), static_cast<int>(Message::Kind::Ping));
  assert_int_equal(static_cast<int>(seen[7].kind), static_cast<int>(Message::Kind::Close));
}

void test_fragmented_send(void **) {
  EngineOptions o;
  o.send_fragment_size = 4;
  Harness h(o);
  h.open();
  assert_true(h.engine.send_text("fragmented!", 1).ok());
  auto out = h.take_output();
  // 11 bytes in frames of 4: three frames, masked, reassembled by the server.
  FrameParser p(Role::Server);
  std::vector<uint8_t> copy = out;
  size_t off = 0;
  int frames = 0;
  while (off < copy.size()) {
    size_t used = 0;
    const auto ev = p.next(std::span<uint8_t>(copy).subspan(off), &used);
    off += used;
    if (ev == FrameParser::Event::Header) {
      assert_true(p.header().masked);
      assert_int_equal(static_cast<int>(p.header().opcode),
                       static_cast<int>(frames == 0 ? Opcode::Text : Opcode::Continuation));
      assert_int_equal(p.header().fin, frames == 2);
      ++frames;
    }
    if (ev == FrameParser::Event::NeedMore || ev == FrameParser::Event::Error) break;
  }
  assert_int_equal(frames, 3);
  const auto seen = server_sees(out);
  assert_int_equal(seen.size(), 1);
  assert_string_equal(seen[0].payload.c_str(), "fragmented!");
}

void test_send_before_open_refused(void **) {
  Harness h;
  assert_int_equal(h.engine.send_text("x", 0).code, KALSHI_ERR_STATE);
  assert_true(h.engine.start({"example.test", "/", {}}, 0).ok());
  assert_int_equal(h.engine.send_text("x", 0).code, KALSHI_ERR_STATE);
  h.engine.close(close_code::kNormal, {}, 1);  // before open: ends at once
  assert_true(h.engine.closed());
  assert_int_equal(h.events.size(), 1);
}

void test_handshake_and_frames_in_one_read(void **) {
  Harness h;
  assert_true(h.engine.start({"example.test", "/", {}}, 0).ok());
  const std::string key = h.key_from_request();
  const std::string s101 = build_server_response(key);
  auto bytes = ws_test::cat(std::vector<uint8_t>(s101.begin(), s101.end()),
                            h.frame(Opcode::Text, true, "one"));
  bytes = ws_test::cat(bytes, h.frame(Opcode::Ping, true, "p"));
  bytes = ws_test::cat(bytes, h.frame(Opcode::Text, true, "two"));
  h.engine.on_bytes(bytes, 1);
  assert_int_equal(h.events.size(), 3);
  assert_string_equal(h.events[1].data.c_str(), "one");
  assert_string_equal(h.events[2].data.c_str(), "two");
  const auto seen = server_sees(h.take_output());
  assert_int_equal(seen.size(), 1);
  assert_int_equal(static_cast<int>(seen[0].kind), static_cast<int>(Message::Kind::Pong));
}

// Random server input (valid frames, truncated frames and noise, in random splits, with the clock
// moving) never crashes the engine, never yields an event after Closed, and everything the engine
// writes is a well-formed masked frame.
void test_random_input_is_survived(void **) {
  uint64_t rng = 0x9E3779B97F4A7C15ull;
  auto next = [&rng](uint64_t bound) {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (rng >> 33) % bound;
  };
  for (int round = 0; round < 300; ++round) {
    EngineOptions o;
    o.limits.max_message_size = 256;
    o.limits.max_frame_size = 128;
    o.ping_interval_ms = 50;
    o.dead_after_ms = 400;
    Harness h(o);
    h.open(0);
    std::vector<uint8_t> stream;
    const int pieces = 1 + static_cast<int>(next(12));
    for (int i = 0; i < pieces; ++i) {
      const uint64_t what = next(8);
      std::string payload(next(300), 'a');
      for (char &ch : payload) ch = static_cast<char>(next(what == 0 ? 256 : 128));
      if (what < 5) {
        static const Opcode ops[] = {Opcode::Text, Opcode::Binary, Opcode::Continuation,
                                     Opcode::Ping, Opcode::Pong};
        const Opcode op = ops[next(5)];
        if (is_control(op)) payload.resize(std::min<size_t>(payload.size(), 125));
        stream = ws_test::cat(stream, h.frame(op, next(4) != 0, payload));
      } else if (what == 5) {
        stream = ws_test::cat(stream, h.raw_close(static_cast<uint16_t>(next(5000)), "r"));
      } else {
        stream.insert(stream.end(), payload.begin(),
                      payload.begin() + static_cast<ptrdiff_t>(payload.size() / 4));
      }
    }
    uint64_t now = 0;
    size_t off = 0;
    size_t closed_at = SIZE_MAX;
    while (off < stream.size()) {
      const size_t n = std::min(stream.size() - off, 1 + static_cast<size_t>(next(64)));
      std::vector<uint8_t> piece(stream.begin() + static_cast<ptrdiff_t>(off),
                                 stream.begin() + static_cast<ptrdiff_t>(off + n));
      now += next(40);
      h.engine.on_bytes(piece, now);
      h.engine.on_timer(now);
      off += n;
      if (h.engine.closed() && closed_at == SIZE_MAX) closed_at = h.events.size();
    }
    h.engine.on_timer(now + 1000);  // the dead-peer rule ends whatever is still open
    assert_true(h.engine.closed());
    if (closed_at != SIZE_MAX) assert_int_equal(h.events.size(), closed_at);
    assert_int_equal(static_cast<int>(h.events.back().kind),
                     static_cast<int>(WsEvent::Kind::Closed));
    const auto seen = server_sees(h.take_output());
    for (const auto &x : seen)
      assert_int_not_equal(static_cast<int>(x.kind), static_cast<int>(Message::Kind::Error));
  }
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_handshake_ok_byte_by_byte),
      cmocka_unit_test(test_handshake_wrong_accept),
      cmocka_unit_test(test_handshake_non_101),
      cmocka_unit_test(test_handshake_timeout_and_bad_header),
      cmocka_unit_test(test_ping_answered_between_fragments),
      cmocka_unit_test(test_keepalive_and_dead_peer),
      cmocka_unit_test(test_close_initiated_by_us),
      cmocka_unit_test(test_close_initiated_by_peer),
      cmocka_unit_test(test_refusals_close_with_the_right_code),
      cmocka_unit_test(test_every_client_frame_is_masked),
      cmocka_unit_test(test_fragmented_send),
      cmocka_unit_test(test_send_before_open_refused),
      cmocka_unit_test(test_handshake_and_frames_in_one_read),
      cmocka_unit_test(test_random_input_is_survived),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
