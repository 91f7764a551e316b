// WebSocket frames on hostile bytes. The first input byte picks the role and small limits; the
// rest is one byte stream fed to a MessageAssembler in several chunkings. Invariants:
//  - every chunking yields the same messages and the same refusal (splitting never changes what
//    is seen);
//  - a data message is at most max_message_size bytes, a control payload at most 125;
//  - text messages and close reasons are valid UTF-8, close codes are wire-valid or 1005;
//  - after a refusal the assembler keeps refusing without consuming input;
//  - the writer re-encodes every received message so that it parses back to the same message.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ws/frame/close_codes.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"
#include "ws/frame/utf8.h"

using namespace kalshi::ws;

namespace {

void check(bool ok) {
  if (!ok) abort();
}

struct Seen {
  Message::Kind kind;
  std::string payload;
  uint16_t code;
  WsError error;
  bool operator==(const Seen &) const = default;
};

std::vector<Seen> run(Role role, const Limits &lim, const uint8_t *data, size_t size,
                      size_t chunk) {
  std::vector<uint8_t> buf(data, data + size);
  MessageAssembler rx(role, lim);
  std::vector<Seen> out;
  size_t off = 0;
  for (size_t guard = 0; guard < size * 4 + 16; ++guard) {
    const size_t end = std::min(size, off + chunk);
    size_t used = 0;
    const Message m = rx.next(std::span<uint8_t>(buf.data() + off, end - off), &used);
    check(used <= end - off);
    off += used;
    if (m.kind == Message::Kind::None) {
      check(off == end);
      if (end == size) break;
      continue;
    }
    if (m.kind == Message::Kind::Error) {
      check(m.error != WsError::None);
      size_t again = 1;
      check(rx.next(std::span<uint8_t>(buf.data() + off, size - off), &again).kind ==
            Message::Kind::Error);
      check(again == 0);
      out.push_back({m.kind, {}, 0, m.error});
      break;
    }
    const bool control = m.kind == Message::Kind::Ping || m.kind == Message::Kind::Pong ||
                         m.kind == Message::Kind::Close;
    check(control ? m.payload.size() <= kMaxControlPayload
                  : m.payload.size() <= lim.max_message_size);
    if (m.kind == Message::Kind::Text) check(is_valid_utf8(m.payload));
    if (m.kind == Message::Kind::Close) {
      check(m.close_code == close_code::kNoStatus || is_valid_wire_close_code(m.close_code));
      check(is_valid_utf8(m.close_reason));
    }
    out.push_back({m.kind, std::string(m.text()), m.close_code, WsError::None});
  }
  return out;
}

void key_source(void *, uint8_t key[4]) {
  std::memcpy(key, "\x12\x34\x56\x78", 4);
}

// Writes what was received from the opposite role and parses it back.
void round_trip(Role role, const std::vector<Seen> &seen) {
  FrameWriter w(role == Role::Server ? Role::Client : Role::Server, key_source, nullptr);
  std::vector<uint8_t> wire;
  std::vector<Seen> expected;
  for (const Seen &s : seen) {
    if (s.kind == Message::Kind::Error) break;
    std::vector<uint8_t> frame(s.payload.size() + kMaxHeaderSize);
    const std::span<const uint8_t> p(reinterpret_cast<const uint8_t *>(s.payload.data()),
                                     s.payload.size());
    size_t n = 0;
    switch (s.kind) {
      case Message::Kind::Text:
        n = w.write_text(frame, s.payload);
        break;
      case Message::Kind::Binary:
        n = w.write_binary(frame, p);
        break;
      case Message::Kind::Ping:
        n = w.write_ping(frame, p);
        break;
      case Message::Kind::Pong:
        n = w.write_pong(frame, p);
        break;
      case Message::Kind::Close:
        n = w.write_frame(frame, Opcode::Close, true, p);
        break;
      default:
        break;
    }
    check(n == w.frame_size(s.payload.size()));
    wire.insert(wire.end(), frame.begin(), frame.begin() + static_cast<ptrdiff_t>(n));
    expected.push_back(s);
  }
  Limits big;
  check(run(role, big, wire.data(), wire.size(), wire.size() + 1) == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const Role role = (data[0] & 1) ? Role::Server : Role::Client;
  Limits lim;
  lim.max_frame_size = (data[0] & 2) ? 64 : 4096;
  lim.max_message_size = (data[0] & 4) ? 100 : 8192;
  ++data;
  --size;
  const std::vector<Seen> whole = run(role, lim, data, size, size + 1);
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}}) {
    check(run(role, lim, data, size, chunk) == whole);
  }
  round_trip(role, whole);
  return 0;
}
