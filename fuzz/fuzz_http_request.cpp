// HTTP/1.1 request parser (the simulator's front end) on hostile bytes. The first input byte
// picks the options (gzip decoding, small limits); the rest is one connection's byte stream
// from a client, fed in several chunkings. Invariants:
//  - every chunking yields the same heads, completed bodies, keep-alive decisions and the same
//  error at
//    the same offset (splitting never changes what is seen);
//  - NeedMore means every byte was consumed, and a step never consumes more than it was given;
//  - each decoded body stays within max_decoded_body_bytes, each head within the header limits;
//  - a finished stream ends in a bounded number of steps.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/parse/request_parser.h"

using namespace kalshi::http;

namespace {

void check(bool ok) {
  if (!ok) abort();
}

struct Setup {
  Limits limits;
  bool gzip = true;
};

class Run {
 public:
  explicit Run(const Setup &s) : s_(s), p_(s.limits) { start(); }

  bool feed(std::string_view in) {
    for (int guard = 0; guard < 10000000; ++guard) {
      const MessageParser::Step st = p_.parse(in);
      check(st.consumed <= in.size());
      in.remove_prefix(st.consumed);
      if (!on(st)) return false;
      if (st.event == MessageParser::Event::NeedMore) {
        check(in.empty());
        return true;
      }
    }
    abort();
  }

  void finish() {
    MessageParser::Step st = p_.finish();
    for (int guard = 0; guard < 10000000; ++guard) {
      if (!on(st) || st.event == MessageParser::Event::NeedMore) return;
      st = p_.parse({});
    }
    abort();
  }

  const std::string &transcript() const { return t_; }

 private:
  void start() {
    p_.next_message();
    p_.set_decode_gzip(s_.gzip);
    body_ = 0;
    pending_.clear();
  }

  bool on(const MessageParser::Step &st) {
    switch (st.event) {
      case MessageParser::Event::NeedMore:
        return true;
      case MessageParser::Event::Head: {
        check(p_.header_count() <= s_.limits.max_header_count);
        check(!p_.method().empty() && !p_.target().empty());
        t_ += "H";
        t_.append(p_.method()).append(" ").append(p_.target()).append("\n");
        size_t bytes = 0;
        for (size_t i = 0; i < p_.header_count(); ++i) {
          const Header h = p_.header_at(i);
          check(!h.name.empty());
          bytes += h.name.size() + h.value.size();
          t_.append(h.name).append(":").append(h.value).append("\n");
        }
        check(bytes <= s_.limits.max_header_bytes);
        return true;
      }
      case MessageParser::Event::Body:
        check(!st.body.empty());
        body_ += st.body.size();
        check(body_ <= s_.limits.max_decoded_body_bytes);
        if (!s_.gzip) check(body_ <= s_.limits.max_body_bytes);
        // Only a completed message's body is compared: how much of a bad gzip stream decodes
        // before inflate notices depends on the split, and a caller drops it anyway.
        pending_.append(st.body);
        return true;
      case MessageParser::Event::Complete:
        t_ += pending_;
        t_ += p_.keep_alive() ? "C+\n" : "C-\n";
        start();
        return true;
      case MessageParser::Event::Error:
        check(p_.error() != ParseError::None);
        check(!p_.keep_alive());
        t_ += "E" + std::to_string(static_cast<int>(p_.error())) + "@" +
              std::to_string(p_.error_offset());
        check(p_.parse("x").consumed == 0);  // refuses further input
        return false;
    }
    return false;
  }

  Setup s_;
  RequestParser p_;
  std::string t_;
  uint64_t body_ = 0;
  std::string pending_;
};

std::string transcript(const Setup &s, std::string_view in, size_t chunk) {
  Run r(s);
  if (chunk == 0) chunk = in.empty() ? 1 : in.size();
  bool alive = true;
  for (size_t at = 0; alive && at < in.size(); at += chunk) {
    // Each piece is its own heap copy, so a view kept past its step would be caught by ASan.
    const std::vector<char> piece(
        in.begin() + static_cast<std::ptrdiff_t>(at),
        in.begin() +
            static_cast<std::ptrdiff_t>(at + (in.size() - at < chunk ? in.size() - at : chunk)));
    alive = r.feed(std::string_view(piece.data(), piece.size()));
  }
  if (alive) r.finish();
  return r.transcript();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (data == nullptr || size == 0) return 0;
  const uint8_t flags = data[0];
  Setup s;
  s.gzip = (flags & 2) == 0;
  if ((flags & 4) != 0) {
    s.limits.max_header_count = 4;
    s.limits.max_header_bytes = 128;
    s.limits.max_chunk_line_bytes = 16;
    s.limits.max_body_bytes = 256;
    s.limits.max_decoded_body_bytes = 1024;
  } else {
    s.limits.max_decoded_body_bytes = 1 << 20;  // keeps each run fast
  }
  const std::string_view in(reinterpret_cast<const char *>(data + 1), size - 1);
  const std::string whole = transcript(s, in, 0);
  for (const size_t chunk : {size_t{1}, size_t{7}, size_t{64}})
    check(transcript(s, in, chunk) == whole);
  return 0;
}
