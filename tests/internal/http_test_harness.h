// Shared by the HTTP parser tests: feeds a byte stream to a ResponseParser in a given split and
// records what it saw, so that every split can be compared with the whole.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/parse/response_parser.h"

namespace http_test {

using kalshi::http::Limits;
using kalshi::http::ParseError;
using kalshi::http::ResponseParser;

struct Transcript {
  std::vector<int> statuses;        // one per Head
  std::vector<std::string> bodies;  // one per Complete
  std::vector<bool> keep_alive;     // one per Complete
  ParseError error = ParseError::None;
  uint64_t error_offset = 0;
  size_t body_events = 0;

  bool operator==(const Transcript &o) const {
    return statuses == o.statuses && bodies == o.bodies && keep_alive == o.keep_alive &&
           error == o.error && error_offset == o.error_offset;
  }
};

struct Options {
  Limits limits{};
  bool head_request = false;
  bool eof = true;  // the connection closes after the input
  bool decode_gzip = true;
};

class Feeder {
 public:
  explicit Feeder(const Options &o) : o_(o), p_(o.limits) { start(); }

  // Returns false once the parser reported an error.
  bool feed(std::string_view piece) {
    if (t_.error != ParseError::None) return false;
    for (;;) {
      const ResponseParser::Step s = p_.parse(piece);
      if (s.consumed > piece.size()) abort();
      piece.remove_prefix(s.consumed);
      if (!on(s)) return false;
      if (s.event == ResponseParser::Event::NeedMore) {
        if (!piece.empty()) abort();  // NeedMore means every byte was taken
        return true;
      }
    }
  }

  void finish() {
    if (t_.error != ParseError::None) return;
    ResponseParser::Step s = p_.finish();
    for (int guard = 0; guard < 1000000; ++guard) {
      if (!on(s) || s.event == ResponseParser::Event::NeedMore) return;
      s = p_.parse({});
    }
    abort();  // a bounded number of steps always ends a finished stream
  }

  Transcript &transcript() { return t_; }
  ResponseParser &parser() { return p_; }

 private:
  void start() {
    p_.next_message();
    p_.expect_head_response(o_.head_request);
    p_.set_decode_gzip(o_.decode_gzip);
  }
  bool on(const ResponseParser::Step &s) {
    switch (s.event) {
      case ResponseParser::Event::NeedMore:
        return true;
      case ResponseParser::Event::Head:
        t_.statuses.push_back(p_.status());
        return true;
      case ResponseParser::Event::Body:
        ++t_.body_events;
        body_.append(s.body);
        return true;
      case ResponseParser::Event::Complete:
        t_.bodies.push_back(body_);
        t_.keep_alive.push_back(p_.keep_alive());
        body_.clear();
        start();
        return true;
      case ResponseParser::Event::Error:
        t_.error = p_.error();
        t_.error_offset = p_.error_offset();
        return false;
    }
    return false;
  }

  Options o_;
  ResponseParser p_;
  Transcript t_;
  std::string body_;
};

// Feeds `in` in pieces of `chunk` bytes (0: all at once), each piece its own heap copy so that a
// view kept past its parse() call would be caught by ASan.
inline Transcript run(std::string_view in, size_t chunk, const Options &o = {}) {
  Feeder f(o);
  if (chunk == 0) chunk = in.empty() ? 1 : in.size();
  for (size_t at = 0; at < in.size(); at += chunk) {
    const std::string piece(in.substr(at, chunk));
    if (!f.feed(piece)) break;
  }
  if (o.eof) f.finish();
  return f.transcript();
}

// Feeds `in` split once at `split`.
inline Transcript run_split(std::string_view in, size_t split, const Options &o = {}) {
  Feeder f(o);
  const std::string a(in.substr(0, split)), b(in.substr(split));
  if (f.feed(a)) f.feed(b);
  if (o.eof) f.finish();
  return f.transcript();
}

}  // namespace http_test
