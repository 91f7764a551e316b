// Shared helpers for the WebSocket codec tests: hex literals and feeding a MessageAssembler a
// byte stream in pieces of a given size, recording what comes out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ws/frame/message_assembler.h"

namespace ws_test {

inline std::vector<uint8_t> hex(std::string_view s) {
  std::vector<uint8_t> out;
  int hi = -1;
  for (char c : s) {
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    } else {
      continue;
    }
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<uint8_t>(hi * 16 + v));
      hi = -1;
    }
  }
  return out;
}

inline std::vector<uint8_t> cat(std::vector<uint8_t> a, const std::vector<uint8_t> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct Seen {
  kalshi::ws::Message::Kind kind;
  std::string payload;
  uint16_t code;
  std::string reason;
  kalshi::ws::WsError error;
  bool operator==(const Seen &) const = default;
};

// Feeds bytes (a copy, since the parser unmasks in place) in pieces of at most chunk bytes; the
// whole stream stays in one buffer so returned views remain valid while recorded. Stops at the
// first error.
inline std::vector<Seen> feed(kalshi::ws::Role role, std::vector<uint8_t> bytes, size_t chunk,
                              const kalshi::ws::Limits &limits = {}) {
  using kalshi::ws::Message;
  kalshi::ws::MessageAssembler rx(role, limits);
  std::vector<Seen> out;
  size_t off = 0;
  size_t guard = 0;
  while (off <= bytes.size() && guard++ < bytes.size() * 4 + 16) {
    const size_t end = std::min(bytes.size(), off + chunk);
    std::span<uint8_t> piece(bytes.data() + off, end - off);
    size_t used = 0;
    const Message m = rx.next(piece, &used);
    off += used;
    if (m.kind == Message::Kind::None) {
      if (end == bytes.size()) break;
      continue;
    }
    out.push_back(
        Seen{m.kind, std::string(m.text()), m.close_code, std::string(m.close_reason), m.error});
    if (m.kind == Message::Kind::Error) break;
  }
  return out;
}

}  // namespace ws_test
