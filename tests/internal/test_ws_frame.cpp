// RFC 6455 framing: the RFC's §5.7 examples through the message assembler at every split
// position, interleaved control frames, every refusal rule, limits, zero-copy delivery, and the
// writer (every frame type, masking, length encodings) round-tripping through the parser.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstring>
#include <string>
#include <vector>

#include "ws/frame/close_codes.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"
#include "ws_test_util.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::ws;
using ws_test::cat;
using ws_test::feed;
using ws_test::hex;
using ws_test::Seen;
using Kind = Message::Kind;

namespace {

Seen msg(Kind k, std::string payload) {
  return Seen{k, std::move(payload), 0, "", WsError::None};
}
Seen err(WsError e) {
  return Seen{Kind::Error, "", 0, "", e};
}

// Same result whether the stream arrives whole, in pieces of every size, or split in two at
// every position.
void expect_all_splits(Role role, const std::vector<uint8_t> &bytes,
                       const std::vector<Seen> &expected, const Limits &limits = {}) {
  for (size_t chunk = 1; chunk <= bytes.size() + 1; ++chunk) {
    const std::vector<Seen> got = feed(role, bytes, chunk, limits);
    if (got != expected) fail_msg("chunk size %zu differs", chunk);
  }
  MessageAssembler rx(role, limits);
  for (size_t cut = 0; cut <= bytes.size(); ++cut) {
    std::vector<uint8_t> copy = bytes;
    std::vector<Seen> got;
    MessageAssembler r(role, limits);
    size_t off = 0;
    for (size_t part = 0; part < 2; ++part) {
      const size_t end = part == 0 ? cut : copy.size();
      while (off < end || (part == 1 && off == end && got.empty() && expected.empty())) {
        size_t used = 0;
        const Message m = r.next(std::span<uint8_t>(copy.data() + off, end - off), &used);
        off += used;
        if (m.kind == Kind::None) break;
        got.push_back(Seen{m.kind, std::string(m.text()), m.close_code, std::string(m.close_reason),
                           m.error});
        if (m.kind == Kind::Error) break;
      }
      if (!got.empty() && got.back().kind == Kind::Error) break;
    }
    // Messages completed exactly at the cut are only seen on the next call; drain once more.
    for (;;) {
      if (!got.empty() && got.back().kind == Kind::Error) break;
      size_t used = 0;
      const Message m = r.next(std::span<uint8_t>(copy.data() + off, copy.size() - off), &used);
      off += used;
      if (m.kind == Kind::None) break;
      got.push_back(
          Seen{m.kind, std::string(m.text()), m.close_code, std::string(m.close_reason), m.error});
    }
    if (got != expected) fail_msg("split at %zu differs", cut);
  }
}

void test_rfc_single_unmasked_text(void **) {
  expect_all_splits(Role::Client, hex("81 05 48 65 6c 6c 6f"), {msg(Kind::Text, "Hello")});
}

void test_rfc_single_masked_text(void **) {
  expect_all_splits(Role::Server, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"),
                    {msg(Kind::Text, "Hello")});
}

void test_rfc_fragmented_text(void **) {
  expect_all_splits(Role::Client, hex("01 03 48 65 6c 80 02 6c 6f"), {msg(Kind::Text, "Hello")});
}

void test_rfc_ping_and_masked_pong(void **) {
  expect_all_splits(Role::Client, hex("89 05 48 65 6c 6c 6f"), {msg(Kind::Ping, "Hello")});
  expect_all_splits(Role::Server, hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"),
                    {msg(Kind::Pong, "Hello")});
}

void test_rfc_16_and_64_bit_lengths(void **) {
  std::vector<uint8_t> b256 = hex("82 7E 01 00");
  std::string p256(256, '\0');
  for (size_t i = 0; i < 256; ++i) p256[i] = static_cast<char>(i);
  b256.insert(b256.end(), p256.begin(), p256.end());
  expect_all_splits(Role::Client, b256, {msg(Kind::Binary, p256)});

  std::vector<uint8_t> b64k = hex("82 7F 00 00 00 00 00 01 00 00");
  std::string p64k(65536, 'x');
  b64k.insert(b64k.end(), p64k.begin(), p64k.end());
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{7}, size_t{4096}, b64k.size()}) {
    assert_true(feed(Role::Client, b64k, chunk) == std::vector<Seen>{msg(Kind::Binary, p64k)});
  }
  // A 16-bit length may encode a small value (minimal encoding is not required on receive).
  expect_all_splits(Role::Client, hex("81 7E 00 02 68 69"), {msg(Kind::Text, "hi")});
}

void test_control_frames_between_fragments(void **) {
  const auto bytes =
      hex("01 03 48 65 6c"  // "Hel", not FIN
          "89 02 70 31"     // ping "p1"
          "00 01 6c"        // continuation "l"
          "8a 00"           // empty pong
          "80 01 6f"        // final "o"
          "82 00"           // empty binary message
          "88 02 03 e8");   // close 1000
  Seen close{Kind::Close, "\x03\xe8", 1000, "", WsError::None};
  expect_all_splits(Role::Client, bytes,
                    {msg(Kind::Ping, "p1"), msg(Kind::Pong, ""), msg(Kind::Text, "Hello"),
                     msg(Kind::Binary, ""), close});
}

void test_close_frames(void **) {
  expect_all_splits(Role::Client, hex("88 00"), {Seen{Kind::Close, "", 1005, "", WsError::None}});
  expect_all_splits(Role::Client, hex("88 04 0f a0 6f 6b"),
                    {Seen{Kind::Close, "\x0f\xa0ok", 4000, "ok", WsError::None}});
  expect_all_splits(Role::Client, hex("88 01 03"), {err(WsError::BadClosePayload)});
  expect_all_splits(Role::Client, hex("88 04 03 e8 c0 af"), {err(WsError::InvalidUtf8)});
  const uint16_t bad[] = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535};
  for (uint16_t code : bad) {
    std::vector<uint8_t> f = {0x88, 0x02, static_cast<uint8_t>(code >> 8),
                              static_cast<uint8_t>(code)};
    assert_true(feed(Role::Client, f, 64) == std::vector<Seen>{err(WsError::BadCloseCode)});
  }
  const uint16_t good[] = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010,
                           1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999};
  for (uint16_t code : good) {
    std::vector<uint8_t> f = {0x88, 0x02, static_cast<uint8_t>(code >> 8),
                              static_cast<uint8_t>(code)};
    const auto got = feed(Role::Client, f, 64);
    assert_int_equal(got.size(), 1);
    assert_int_equal(static_cast<int>(got[0].kind), static_cast<int>(Kind::Close));
    assert_int_equal(got[0].code, code);
  }
}

struct BadCase {
  const char *name;
  Role role;
  const char *bytes;
  WsError error;
};

void test_refusals(void **) {
  const BadCase cases[] = {
      {"rsv1", Role::Client, "c1 00", WsError::ReservedBits},
      {"rsv2", Role::Client, "a1 00", WsError::ReservedBits},
      {"rsv3", Role::Client, "91 00", WsError::ReservedBits},
      {"opcode 3", Role::Client, "83 00", WsError::ReservedOpcode},
      {"opcode 7", Role::Client, "87 00", WsError::ReservedOpcode},
      {"opcode B", Role::Client, "8b 00", WsError::ReservedOpcode},
      {"opcode F", Role::Client, "8f 00", WsError::ReservedOpcode},
      {"fragmented ping", Role::Client, "09 00", WsError::FragmentedControl},
      {"fragmented close", Role::Client, "08 00", WsError::FragmentedControl},
      {"ping 126", Role::Client, "89 7e 00 7e", WsError::ControlTooLong},
      {"close 127", Role::Client, "88 7f 00 00 00 00 00 00 00 7e", WsError::ControlTooLong},
      {"64-bit msb", Role::Client, "82 7f 80 00 00 00 00 00 00 01", WsError::BadLength},
      {"server gets unmasked", Role::Server, "81 00", WsError::MaskRequired},
      {"client gets masked", Role::Client, "81 80 00 00 00 00", WsError::MaskForbidden},
      {"lone continuation", Role::Client, "80 01 61", WsError::UnexpectedContinuation},
      {"text inside fragmented", Role::Client, "01 01 61 81 01 62", WsError::ExpectedContinuation},
      {"binary inside fragmented", Role::Client, "02 01 61 02 01 62",
       WsError::ExpectedContinuation},
      {"bad utf8 text", Role::Client, "81 02 c0 af", WsError::InvalidUtf8},
      {"surrogate", Role::Client, "81 03 ed a0 80", WsError::InvalidUtf8},
      {"truncated utf8 at end", Role::Client, "81 02 e2 82", WsError::InvalidUtf8},
      {"truncated across fragments", Role::Client, "01 01 e2 80 01 82", WsError::InvalidUtf8},
      {"bad utf8 in first fragment", Role::Client, "01 01 ff", WsError::InvalidUtf8},
  };
  for (const BadCase &c : cases) {
    const auto got = feed(c.role, hex(c.bytes), 1);
    if (got != std::vector<Seen>{err(c.error)}) fail_msg("case %s", c.name);
    expect_all_splits(c.role, hex(c.bytes), {err(c.error)});
  }
}

void test_utf8_split_across_fragments_is_accepted(void **) {
  // "€" (e2 82 ac) split over three fragments, with a ping in the middle.
  expect_all_splits(Role::Client, hex("01 01 e2 00 01 82 89 00 80 01 ac"),
                    {msg(Kind::Ping, ""), msg(Kind::Text, "\xe2\x82\xac")});
  // Binary messages are not UTF-8 checked.
  expect_all_splits(Role::Client, hex("82 02 c0 af"), {msg(Kind::Binary, "\xc0\xaf")});
}

void test_limits(void **) {
  Limits lim;
  lim.max_frame_size = 4;
  lim.max_message_size = 6;
  expect_all_splits(Role::Client, hex("81 04 61 62 63 64"), {msg(Kind::Text, "abcd")}, lim);
  expect_all_splits(Role::Client, hex("81 05 61 62 63 64 65"), {err(WsError::FrameTooLarge)}, lim);
  // A huge declared length is refused from the header alone, before any payload.
  expect_all_splits(Role::Client, hex("82 7f 00 00 00 01 00 00 00 00"),
                    {err(WsError::FrameTooLarge)});
  expect_all_splits(Role::Client, hex("01 03 61 62 63 00 04 64 65 66 67 80 00"),
                    {err(WsError::MessageTooLarge)}, lim);
  expect_all_splits(Role::Client, hex("01 03 61 62 63 80 03 64 65 66"), {msg(Kind::Text, "abcdef")},
                    lim);
  // Control frames do not count towards the message.
  expect_all_splits(Role::Client, hex("01 03 61 62 63 89 04 70 70 70 70 80 03 64 65 66"),
                    {msg(Kind::Ping, "pppp"), msg(Kind::Text, "abcdef")}, lim);
}

void test_error_is_sticky_and_reset_recovers(void **) {
  MessageAssembler rx(Role::Client);
  auto bad = hex("83 00 81 01 61");
  size_t used = 0;
  Message m = rx.next(bad, &used);
  assert_int_equal(static_cast<int>(m.kind), static_cast<int>(Kind::Error));
  assert_int_equal(close_code_for(m.error), close_code::kProtocolError);
  auto good = hex("81 01 61");
  m = rx.next(good, &used);
  assert_int_equal(static_cast<int>(m.kind), static_cast<int>(Kind::Error));
  assert_int_equal(used, 0);
  rx.reset();
  m = rx.next(good, &used);
  assert_int_equal(static_cast<int>(m.kind), static_cast<int>(Kind::Text));
  assert_int_equal(close_code_for(WsError::InvalidUtf8), close_code::kInvalidPayload);
  assert_int_equal(close_code_for(WsError::MessageTooLarge), close_code::kMessageTooBig);
}

void test_single_frame_is_delivered_in_place(void **) {
  MessageAssembler rx(Role::Server);
  auto bytes = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
  size_t used = 0;
  const Message m = rx.next(bytes, &used);
  assert_int_equal(used, bytes.size());
  assert_true(m.text() == "Hello");
  assert_ptr_equal(m.payload.data(), bytes.data() + 6);  // unmasked where it lay
  assert_int_equal(rx.buffer_capacity(), 0);
}

void test_reassembly_buffer_is_reused(void **) {
  MessageAssembler rx(Role::Client);
  size_t cap = 0;
  for (int round = 0; round < 50; ++round) {
    auto bytes = hex("01 03 61 62 63 00 03 64 65 66 80 02 67 68");
    size_t used = 0;
    const Message m = rx.next(bytes, &used);
    assert_true(m.text() == "abcdefgh");
    if (round == 1) cap = rx.buffer_capacity();
    if (round > 1) assert_int_equal(rx.buffer_capacity(), cap);
  }
}

void fixed_key(void *, uint8_t key[4]) {
  const uint8_t k[4] = {0x37, 0xfa, 0x21, 0x3d};
  std::memcpy(key, k, 4);
}

void counting_key(void *ctx, uint8_t key[4]) {
  uint32_t &n = *static_cast<uint32_t *>(ctx);
  ++n;
  for (int i = 0; i < 4; ++i) key[i] = static_cast<uint8_t>(n * 31 + static_cast<uint32_t>(i));
}

std::vector<uint8_t> out_of(const std::vector<uint8_t> &buf, size_t n) {
  return std::vector<uint8_t>(buf.begin(), buf.begin() + static_cast<ptrdiff_t>(n));
}

void test_writer_matches_rfc_examples(void **) {
  std::vector<uint8_t> buf(64);
  FrameWriter client(Role::Client, fixed_key, nullptr);
  FrameWriter server(Role::Server, nullptr, nullptr);
  assert_true(out_of(buf, client.write_text(buf, "Hello")) ==
              hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
  assert_true(out_of(buf, client.write_small_text(buf, "Hello")) ==
              hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
  assert_true(out_of(buf, server.write_text(buf, "Hello")) == hex("81 05 48 65 6c 6c 6f"));
  assert_true(out_of(buf, server.write_small_text(buf, "Hello")) == hex("81 05 48 65 6c 6c 6f"));
  const std::string_view hello = "Hello";
  const std::span<const uint8_t> hb(reinterpret_cast<const uint8_t *>(hello.data()), 5);
  assert_true(out_of(buf, server.write_ping(buf, hb)) == hex("89 05 48 65 6c 6c 6f"));
  assert_true(out_of(buf, client.write_pong(buf, hb)) == hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
  assert_true(out_of(buf, server.write_frame(buf, Opcode::Text, false, hb.first(3))) ==
              hex("01 03 48 65 6c"));
  assert_true(out_of(buf, server.write_frame(buf, Opcode::Continuation, true, hb.subspan(3))) ==
              hex("80 02 6c 6f"));
  assert_true(out_of(buf, server.write_close(buf, 1000, "")) == hex("88 02 03 e8"));
  assert_true(out_of(buf, server.write_close_empty(buf)) == hex("88 00"));
}

void test_writer_refusals(void **) {
  std::vector<uint8_t> buf(300);
  FrameWriter w(Role::Server, nullptr, nullptr);
  const std::vector<uint8_t> big(126, 'x');
  assert_int_equal(w.write_ping(buf, big), 0);
  assert_int_equal(w.write_frame(buf, Opcode::Ping, false, {}), 0);
  assert_int_equal(w.write_small_text(buf, std::string(126, 'x')), 0);
  for (uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 2999, 5000}) {
    assert_int_equal(w.write_close(buf, code, "x"), 0);
  }
  assert_int_equal(w.write_close(buf, 1000, std::string(124, 'x')), 0);
  assert_int_equal(w.write_close(buf, 1000, std::string(123, 'x')), 127);
  assert_int_equal(w.write_close(buf, 1000, "\xc0\xaf"), 0);
  std::vector<uint8_t> small(6);
  assert_int_equal(w.write_text(small, "Hello"), 0);
  assert_int_equal(w.write_small_text(small, "Hello"), 0);
  assert_int_equal(w.write_text(std::span<uint8_t>(buf.data(), 7), "Hello"), 7);
}

void test_writer_round_trips_every_type_and_length(void **) {
  uint32_t n = 0;
  FrameWriter client(Role::Client, counting_key, &n);
  const size_t lengths[] = {0, 1, 125, 126, 127, 65535, 65536, 70000};
  for (size_t len : lengths) {
    std::string payload(len, '\0');
    for (size_t i = 0; i < len; ++i) payload[i] = static_cast<char>('a' + i % 26);
    const std::span<const uint8_t> pb(reinterpret_cast<const uint8_t *>(payload.data()), len);
    std::vector<uint8_t> wire(client.frame_size(len) * 4 + 64);
    size_t off = client.write_text(wire, payload);
    assert_int_equal(off, frame_header_size(len, true) + len);
    off += client.write_binary(std::span<uint8_t>(wire).subspan(off), pb);
    std::vector<Seen> expected = {msg(Kind::Text, payload), msg(Kind::Binary, payload)};
    if (len <= 125) {
      off += client.write_ping(std::span<uint8_t>(wire).subspan(off), pb);
      off += client.write_pong(std::span<uint8_t>(wire).subspan(off), pb);
      expected.push_back(msg(Kind::Ping, payload));
      expected.push_back(msg(Kind::Pong, payload));
    }
    off += client.write_close(std::span<uint8_t>(wire).subspan(off), 1001, "bye");
    expected.push_back(Seen{Kind::Close,
                            "\x03\xe9"
                            "bye",
                            1001, "bye", WsError::None});
    wire.resize(off);
    for (size_t chunk : {size_t{1}, size_t{5}, size_t{127}, wire.size()}) {
      const auto got = feed(Role::Server, wire, chunk);
      if (got != expected)
        fail_msg("len %zu chunk %zu: %zu messages, first kind %d error %s", len, chunk, got.size(),
                 got.empty() ? -1 : static_cast<int>(got[0].kind),
                 got.empty() ? "" : ws_error_name(got.back().error));
    }
  }
  assert_true(n > 0);  // a fresh key per frame
}

void test_writer_header_for_streamed_payload(void **) {
  FrameWriter client(Role::Client, fixed_key, nullptr);
  std::vector<uint8_t> wire(14);
  uint8_t key[4];
  const size_t h = client.write_header(wire, Opcode::Binary, true, 300, key);
  assert_int_equal(h, 8);
  wire.resize(h);
  std::vector<uint8_t> body(300, 7);
  apply_mask(body, key, 0);
  wire.insert(wire.end(), body.begin(), body.end());
  const auto got = feed(Role::Server, wire, 9);
  assert_int_equal(got.size(), 1);
  assert_true(got[0].payload == std::string(300, '\x07'));
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rfc_single_unmasked_text),
      cmocka_unit_test(test_rfc_single_masked_text),
      cmocka_unit_test(test_rfc_fragmented_text),
      cmocka_unit_test(test_rfc_ping_and_masked_pong),
      cmocka_unit_test(test_rfc_16_and_64_bit_lengths),
      cmocka_unit_test(test_control_frames_between_fragments),
      cmocka_unit_test(test_close_frames),
      cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_utf8_split_across_fragments_is_accepted),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_error_is_sticky_and_reset_recovers),
      cmocka_unit_test(test_single_frame_is_delivered_in_place),
      cmocka_unit_test(test_reassembly_buffer_is_reused),
      cmocka_unit_test(test_writer_matches_rfc_examples),
      cmocka_unit_test(test_writer_refusals),
      cmocka_unit_test(test_writer_round_trips_every_type_and_length),
      cmocka_unit_test(test_writer_header_for_streamed_payload),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
