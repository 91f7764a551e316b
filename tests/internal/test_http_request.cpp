// HTTP/1.1 request parser (the simulator's future REST front end): the request line rules, body
// framing for requests (Content-Length, chunked, else none), pipelined keep-alive requests in
// every split, and a round trip through RequestWriter.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

#include "http/parse/request_parser.h"
#include "http/write/request_writer.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::http;

namespace {

struct Seen {
  std::vector<std::string> lines;  // "METHOD target" per request
  std::vector<std::string> bodies;
  std::vector<bool> keep_alive;
  ParseError error = ParseError::None;
  uint64_t error_offset = 0;
  bool operator==(const Seen &o) const {
    return lines == o.lines && bodies == o.bodies && keep_alive == o.keep_alive &&
           error == o.error && error_offset == o.error_offset;
  }
};

// Feeds `in` split at `split` (npos: byte by byte), then closes the connection.
Seen run(const std::string &in, size_t split) {
  RequestParser p;
  Seen seen;
  std::string body;
  std::vector<std::string> pieces;
  if (split == std::string::npos) {
    for (const char c : in) pieces.emplace_back(1, c);
  } else {
    pieces = {in.substr(0, split), in.substr(split)};
  }
  pieces.emplace_back();  // the close
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::string_view piece = pieces[i];
    const bool last = i + 1 == pieces.size();
    for (int guard = 0; guard < 100000; ++guard) {
      const MessageParser::Step s = last ? p.finish() : p.parse(piece);
      piece.remove_prefix(s.consumed);
      if (s.event == MessageParser::Event::NeedMore) break;
      if (s.event == MessageParser::Event::Error) {
        seen.error = p.error();
        seen.error_offset = p.error_offset();
        return seen;
      }
      if (s.event == MessageParser::Event::Head)
        seen.lines.push_back(std::string(p.method()) + " " + std::string(p.target()));
      if (s.event == MessageParser::Event::Body) body.append(s.body);
      if (s.event == MessageParser::Event::Complete) {
        seen.bodies.push_back(body);
        seen.keep_alive.push_back(p.keep_alive());
        body.clear();
        p.next_message();
      }
    }
  }
  return seen;
}

void test_pipelined_requests_every_split(void **) {
  const std::string in =
      "GET /trade-api/v2/markets?limit=2 HTTP/1.1\r\nHost: h\r\n\r\n"
      "POST /trade-api/v2/portfolio/orders HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n"
      "{\"count\":1}"
      "DELETE /trade-api/v2/portfolio/orders/abc HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "2\r\n{}\r\n0\r\n\r\n"
      "OPTIONS * HTTP/1.0\r\n\r\n";
  const Seen whole = run(in, in.size());
  assert_int_equal(whole.error, ParseError::None);
  const std::vector<std::string> lines = {"GET /trade-api/v2/markets?limit=2",
                                          "POST /trade-api/v2/portfolio/orders",
                                          "DELETE /trade-api/v2/portfolio/orders/abc", "OPTIONS *"};
  assert_true(whole.lines == lines);
  const std::vector<std::string> bodies = {"", "{\"count\":1}", "{}", ""};
  assert_true(whole.bodies == bodies);
  const std::vector<bool> keep = {true, true, true, false};
  assert_true(whole.keep_alive == keep);
  for (size_t split = 0; split <= in.size(); ++split) assert_true(run(in, split) == whole);
  assert_true(run(in, std::string::npos) == whole);
}

void test_request_line_rules(void **) {
  const struct {
    const char *in;
    ParseError error;
    uint64_t offset;
  } table[] = {
      {"GET / HTTP/1.1\r\n\r\n", ParseError::None, 0},
      {"GET /\r\n\r\n", ParseError::BadRequestLine, 0},
      {"GET  / HTTP/1.1\r\n\r\n", ParseError::BadRequestLine, 0},
      {"GET / HTTP/1.1 x\r\n\r\n", ParseError::BadRequestLine, 0},
      {"G(T / HTTP/1.1\r\n\r\n", ParseError::BadMethod, 0},
      {"GET http://h/ HTTP/1.1\r\n\r\n", ParseError::BadTarget, 0},
      {"GET /\x01 HTTP/1.1\r\n\r\n", ParseError::BadTarget, 0},
      {"GET / HTTP/2.0\r\n\r\n", ParseError::BadVersion, 0},
      {"GET / FTP/1.1\r\n\r\n", ParseError::BadRequestLine, 0},
      {"GET / HTTP/1.1\nHost: h\r\n\r\n", ParseError::BadLineEnding, 14},
      {"GET / HTTP/1.1\r\nHost: h\r\n x\r\n\r\n", ParseError::FoldedHeader, 25},
      {"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
       ParseError::ContentLengthWithTransferEncoding, 64},
      {"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
       ParseError::ConflictingContentLength, 36},
      {"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", ParseError::TruncatedMessage, 40},
      {"GET / HTTP/1.1\r\nHo", ParseError::TruncatedMessage, 18},
  };
  for (const auto &row : table) {
    const Seen s = run(row.in, std::string::npos);
    if (s.error != row.error || s.error_offset != row.offset) {
      print_error("%s: got %s at %llu\n", row.in, parse_error_name(s.error),
                  static_cast<unsigned long long>(s.error_offset));
      fail();
    }
  }
}

void test_writer_output_parses_back(void **) {
  RequestWriter w;
  assert_int_equal(w.begin("POST", "/trade-api/v2/portfolio/orders?x=1", "127.0.0.1:9"),
                   WriteError::None);
  assert_int_equal(w.header("KALSHI-ACCESS-SIGNATURE", "c2ln"), WriteError::None);
  assert_int_equal(w.finish("{\"side\":\"yes\"}"), WriteError::None);
  RequestParser p;
  const std::string bytes(w.bytes());
  MessageParser::Step s = p.parse(bytes);
  assert_int_equal(s.event, MessageParser::Event::Head);
  assert_true(p.method() == "POST");
  assert_true(p.target() == "/trade-api/v2/portfolio/orders?x=1");
  std::string_view v;
  assert_true(p.header("host", &v) && v == "127.0.0.1:9");
  assert_true(p.header("kalshi-access-signature", &v) && v == "c2ln");
  assert_true(p.header("accept-encoding", &v) && v == "gzip");
  s = p.parse(std::string_view(bytes).substr(s.consumed));
  assert_int_equal(s.event, MessageParser::Event::Body);
  assert_true(s.body == "{\"side\":\"yes\"}");
  assert_int_equal(p.parse({}).event, MessageParser::Event::Complete);
  assert_true(p.keep_alive());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pipelined_requests_every_split),
      cmocka_unit_test(test_request_line_rules),
      cmocka_unit_test(test_writer_output_parses_back),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
