// HTTP/1.1 response parser: one table row per framing rule (accepted and refused, with the
// offset of the refusal), every split position of sample responses, pipelining, limits, and
// the sticky error state.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

#include "http/parse/parse_error.h"
#include "http_test_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace http_test;

namespace {

struct Case {
  const char *name;
  std::string input;
  ParseError error;
  uint64_t error_offset;
  std::vector<int> statuses = {};
  std::vector<std::string> bodies = {};
  std::vector<bool> keep_alive = {};
  bool head_request = false;
};

const std::vector<Case> &cases() {
  static const std::vector<Case> k = {
      {"content-length",
       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
       ParseError::None,
       0,
       {200},
       {"hello"},
       {true}},
      {"http/1.0 closes by default",
       "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
       ParseError::None,
       0,
       {200},
       {"ok"},
       {false}},
      {"http/1.0 keep-alive",
       "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n",
       ParseError::None,
       0,
       {200},
       {""},
       {true}},
      {"connection close",
       "HTTP/1.1 200 OK\r\nConnection: foo, close\r\nContent-Length: 0\r\n\r\n",
       ParseError::None,
       0,
       {200},
       {""},
       {false}},
      {"names are case-insensitive",
       "HTTP/1.1 200 OK\r\ncontent-LENGTH:2\r\n\r\nok",
       ParseError::None,
       0,
       {200},
       {"ok"},
       {true}},
      {"no reason phrase",
       "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
       ParseError::None,
       0,
       {200},
       {""},
       {true}},
      {"agreeing duplicate content-length",
       "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc",
       ParseError::None,
       0,
       {200},
       {"abc"},
       {true}},
      {"chunked with extensions and trailers",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n5;a=b\r\nhello\r\n6 ; x\r\n "
       "world\r\nA\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n",
       ParseError::None,
       0,
       {200},
       {"hello world0123456789"},
       {true}},
      {"read until close",
       "HTTP/1.1 200 OK\r\n\r\nuntil the end",
       ParseError::None,
       0,
       {200},
       {"until the end"},
       {false}},
      {"204 and 304 have no body, pipelined",
       "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\nHTTP/1.1 304 Not Modified\r\n"
       "Content-Length: 9\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
       ParseError::None,
       0,
       {204, 304, 200},
       {"", "", "ok"},
       {true, true, true}},
      {"100 continue, then the response",
       "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx",
       ParseError::None,
       0,
       {100, 201},
       {"", "x"},
       {true, true}},
      {"HEAD response has no body",
       "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n",
       ParseError::None,
       0,
       {200, 200},
       {"", ""},
       {true, true},
       true},
      {"clean close between messages",
       "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1",
       ParseError::None,
       0,
       {200},
       {"1"},
       {true}},
      // Refusals: rule and where (offset of the offending line or byte within the message).
      {"bare LF", "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", ParseError::BadLineEnding, 15},
      {"bare CR", "HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n", ParseError::BadLineEnding, 22},
      {"HTTP/2 version", "HTTP/2 200 OK\r\n\r\n", ParseError::BadVersion, 0},
      {"HTTP/1.2 version", "HTTP/1.2 200 OK\r\n\r\n", ParseError::BadVersion, 0},
      {"not HTTP", "ICY 200 OK\r\n\r\n", ParseError::BadStatusLine, 0},
      {"two-digit status", "HTTP/1.1 20 OK\r\n\r\n", ParseError::BadStatusCode, 0},
      {"status 600", "HTTP/1.1 600 OK\r\n\r\n", ParseError::BadStatusCode, 0},
      {"status glued to reason", "HTTP/1.1 200OK\r\n\r\n", ParseError::BadStatusCode, 0},
      {"folded header", "HTTP/1.1 200 OK\r\nX-A: 1\r\n  more\r\n\r\n", ParseError::FoldedHeader,
       25},
      {"space before colon", "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n",
       ParseError::BadHeaderName, 17},
      {"no colon", "HTTP/1.1 200 OK\r\nJunk\r\n\r\n", ParseError::BadHeaderName, 17},
      {"empty name", "HTTP/1.1 200 OK\r\n: x\r\n\r\n", ParseError::BadHeaderName, 17},
      {"control in value", std::string("HTTP/1.1 200 OK\r\nA: x\0y\r\n\r\n", 27),
       ParseError::BadHeaderValue, 17},
      {"disagreeing content-length",
       "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
       ParseError::ConflictingContentLength, 36},
      {"disagreeing content-length list", "HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\n",
       ParseError::ConflictingContentLength, 17},
      {"negative content-length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
       ParseError::BadContentLength, 17},
      {"empty content-length", "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
       ParseError::BadContentLength, 17},
      {"content-length overflow", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
       ParseError::BadContentLength, 17},
      {"content-length with transfer-encoding",
       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       ParseError::ContentLengthWithTransferEncoding, 64},
      {"gzip transfer-encoding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
       ParseError::UnsupportedTransferEncoding, 17},
      {"chunked twice",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       ParseError::UnsupportedTransferEncoding, 45},
      {"chunked in HTTP/1.0", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       ParseError::UnsupportedTransferEncoding, 45},
      {"chunk size not hex",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
       ParseError::BadChunkSize,
       47,
       {200}},
      {"chunk size missing",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n;x\r\n",
       ParseError::BadChunkSize,
       47,
       {200}},
      {"chunk size overflow",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n",
       ParseError::ChunkSizeOverflow,
       63,
       {200}},
      {"chunk over the body limit",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n",
       ParseError::BodyTooLarge,
       64,
       {200}},
      {"chunk data not followed by CRLF",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX",
       ParseError::BadChunkTerminator,
       55,
       {200}},
      {"chunk size with bare LF",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello",
       ParseError::BadLineEnding,
       48,
       {200}},
      {"folded trailer",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\n b\r\n\r\n",
       ParseError::FoldedHeader,
       56,
       {200}},
      {"brotli", "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 0\r\n\r\n",
       ParseError::UnsupportedContentEncoding, 17},
      {"truncated head", "HTTP/1.1 200 OK\r\nContent-Len", ParseError::TruncatedMessage, 28},
      {"truncated content-length body",
       "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
       ParseError::TruncatedMessage,
       42,
       {200}},
      {"truncated chunked body",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
       ParseError::TruncatedMessage,
       57,
       {200}},
      {"error in a pipelined second response",
       "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\nA\r\n\r\n",
       ParseError::BadHeaderName,
       17,
       {200},
       {"x"},
       {true}},
  };
  return k;
}

void check_case(const Case &c, const Transcript &t, size_t chunk) {
  if (!(t.error == c.error && t.error_offset == c.error_offset && t.statuses == c.statuses &&
        t.bodies == c.bodies && t.keep_alive == c.keep_alive)) {
    print_error("case '%s' (chunk %zu): error %s at %llu, %zu heads, %zu bodies\n", c.name, chunk,
                kalshi::http::parse_error_name(t.error),
                static_cast<unsigned long long>(t.error_offset), t.statuses.size(),
                t.bodies.size());
    fail();
  }
}

void test_rule_table(void **) {
  for (const Case &c : cases()) {
    Options o;
    o.head_request = c.head_request;
    for (const size_t chunk : {size_t{0}, size_t{1}, size_t{2}, size_t{7}})
      check_case(c, run(c.input, chunk, o), chunk);
  }
}

void test_every_split_matches_whole(void **) {
  for (const Case &c : cases()) {
    Options o;
    o.head_request = c.head_request;
    const Transcript whole = run(c.input, 0, o);
    for (size_t split = 0; split <= c.input.size(); ++split) {
      if (!(run_split(c.input, split, o) == whole)) {
        print_error("case '%s' differs when split at %zu\n", c.name, split);
        fail();
      }
    }
  }
}

void test_headers_and_reason_are_kept(void **) {
  ResponseParser p;
  const std::string in =
      "HTTP/1.1 429 Too Many Requests\r\nRetry-After:  7 \r\nX-Request-Id: abc\r\n"
      "Content-Length: 0\r\n\r\n";
  const ResponseParser::Step s = p.parse(in);
  assert_int_equal(s.event, ResponseParser::Event::Head);
  assert_int_equal(s.consumed, in.size());
  assert_int_equal(p.status(), 429);
  assert_true(p.reason() == "Too Many Requests");
  std::string_view v;
  assert_true(p.header("retry-after", &v));
  assert_true(v == "7");
  assert_true(p.header("X-REQUEST-ID", &v));
  assert_true(v == "abc");
  assert_false(p.header("missing", &v));
  assert_int_equal(p.header_count(), 3);
  assert_true(p.header_at(1).name == "X-Request-Id");
  assert_int_equal(p.body_kind(), ResponseParser::BodyKind::Length);
  assert_int_equal(p.parse({}).event, ResponseParser::Event::Complete);
  assert_true(p.complete());
}

void test_error_is_sticky_until_next_message(void **) {
  ResponseParser p;
  assert_int_equal(p.parse("HTTP/9.9 200 OK\r\n").event, ResponseParser::Event::Error);
  const ResponseParser::Step again = p.parse("HTTP/1.1 200 OK\r\n\r\n");
  assert_int_equal(again.event, ResponseParser::Event::Error);
  assert_int_equal(again.consumed, 0);
  assert_false(p.keep_alive());
  p.next_message();
  const std::string ok = "HTTP/1.1 204 No Content\r\n\r\n";
  assert_int_equal(p.parse(ok).event, ResponseParser::Event::Head);
  assert_int_equal(p.parse({}).event, ResponseParser::Event::Complete);
}

void test_header_limits(void **) {
  Options o;
  o.limits.max_header_count = 3;
  std::string three = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nContent-Length: 0\r\n\r\n";
  Transcript t = run(three, 1, o);
  assert_int_equal(t.error, ParseError::None);
  std::string four = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n";
  t = run(four, 1, o);
  assert_int_equal(t.error, ParseError::TooManyHeaders);
  assert_int_equal(t.error_offset, 35);

  o = {};
  o.limits.max_header_bytes = 64;
  const std::string fits = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";  // 38 bytes
  assert_int_equal(run(fits, 0, o).error, ParseError::None);
  const std::string big = "HTTP/1.1 200 OK\r\nX: " + std::string(100, 'a') + "\r\n\r\n";
  t = run(big, 0, o);
  assert_int_equal(t.error, ParseError::HeadersTooLarge);
  assert_int_equal(t.error_offset, 64);
  // A header section that never ends is refused at the limit, not buffered.
  Feeder f(o);
  assert_false(f.feed("HTTP/1.1 200 OK\r\n" + std::string(1000, 'x')));
  assert_int_equal(f.transcript().error, ParseError::HeadersTooLarge);

  // Trailers get the same budget, afresh.
  const std::string trailers =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + std::string(70, 'b') +
      "\r\n\r\n";
  o.limits.max_header_bytes = 128;
  assert_int_equal(run(trailers, 0, o).error, ParseError::None);
  o.limits.max_header_bytes = 60;
  assert_int_equal(run(trailers, 0, o).error, ParseError::HeadersTooLarge);
}

void test_chunk_line_limit(void **) {
  Options o;
  o.limits.max_chunk_line_bytes = 32;
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  assert_int_equal(run(head + "1;" + std::string(20, 'e') + "\r\nx\r\n0\r\n\r\n", 1, o).error,
                   ParseError::None);
  const Transcript t = run(head + "1;" + std::string(5000, 'e') + "\r\n", 1, o);
  assert_int_equal(t.error, ParseError::ChunkLineTooLong);
  assert_int_equal(t.error_offset, head.size() + 32);
}

void test_body_limits(void **) {
  Options o;
  o.limits.max_body_bytes = 10;
  assert_int_equal(run("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 0, o).error,
                   ParseError::None);
  assert_int_equal(run("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", 0, o).error,
                   ParseError::BodyTooLarge);
  const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  assert_int_equal(run(chunked + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", 1, o).error,
                   ParseError::None);
  assert_int_equal(run(chunked + "5\r\n01234\r\n6\r\n567890\r\n0\r\n\r\n", 1, o).error,
                   ParseError::BodyTooLarge);
  assert_int_equal(run("HTTP/1.1 200 OK\r\n\r\n0123456789", 3, o).error, ParseError::None);
  assert_int_equal(run("HTTP/1.1 200 OK\r\n\r\n0123456789A", 3, o).error, ParseError::BodyTooLarge);
}

void test_many_keep_alive_responses_reuse_buffers(void **) {
  std::string stream;
  for (int i = 0; i < 200; ++i)
    stream += "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-N: " + std::to_string(i) + "\r\n\r\nabc";
  const Transcript t = run(stream, 13);
  assert_int_equal(t.error, ParseError::None);
  assert_int_equal(t.statuses.size(), 200);
  assert_int_equal(t.bodies.size(), 200);
  for (const std::string &b : t.bodies) assert_true(b == "abc");
}

void test_finish_without_a_message_is_quiet(void **) {
  ResponseParser p;
  assert_int_equal(p.finish().event, ResponseParser::Event::NeedMore);
  assert_int_equal(p.error(), ParseError::None);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rule_table),
      cmocka_unit_test(test_every_split_matches_whole),
      cmocka_unit_test(test_headers_and_reason_are_kept),
      cmocka_unit_test(test_error_is_sticky_until_next_message),
      cmocka_unit_test(test_header_limits),
      cmocka_unit_test(test_chunk_line_limit),
      cmocka_unit_test(test_body_limits),
      cmocka_unit_test(test_many_keep_alive_responses_reuse_buffers),
      cmocka_unit_test(test_finish_without_a_message_is_quiet),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
