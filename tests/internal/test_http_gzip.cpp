// Content-Encoding: gzip through the response parser: bodies compressed here with zlib's
// deflate, in Content-Length, chunked and read-until-close framing, in every split; output
// larger than the decoder's window; the decoded-size limit against a zip bomb; corrupt,
// truncated and trailing-garbage bodies; and decoding turned off.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include <initializer_list>
#include <string>

#include "http/parse/gzip_decoder.h"
#include "http_test_harness.h"

extern "C" {
#include <cmocka.h>
}

using namespace http_test;
using kalshi::http::GzipDecoder;

namespace {

std::string gzip(const std::string &plain) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
  std::string out(deflateBound(&z, static_cast<uLong>(plain.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) abort();
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string with_length(const std::string &body, const char *extra = "") {
  return "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n" + std::string(extra) +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string chunked(const std::string &body, size_t piece) {
  std::string out =
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n";
  char size[32];
  for (size_t at = 0; at < body.size(); at += piece) {
    const std::string part = body.substr(at, piece);
    snprintf(size, sizeof size, "%zx\r\n", part.size());
    out += size + part + "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string pseudo_text(size_t n) {
  std::string s;
  uint32_t x = 12345;
  while (s.size() < n) {
    x = x * 1103515245u + 12345u;
    s += "{\"ticker\":\"KX-" + std::to_string(x % 1000) + "\",\"yes_bid\":\"0." +
         std::to_string(x % 97) + "\"},";
  }
  s.resize(n);
  return s;
}

void test_content_length_gzip_every_split(void **) {
  const std::string plain = "{\"balance\":\"1234.5600\"}";
  const std::string in = with_length(gzip(plain)) + with_length(gzip("second"));
  for (size_t split = 0; split <= in.size(); ++split) {
    const Transcript t = run_split(in, split);
    assert_int_equal(t.error, ParseError::None);
    assert_int_equal(t.bodies.size(), 2);
    assert_true(t.bodies[0] == plain);
    assert_true(t.bodies[1] == "second");
  }
  assert_true(run(in, 1).bodies[0] == plain);
}

void test_chunked_gzip(void **) {
  const std::string plain = pseudo_text(5000);
  const std::string in = chunked(gzip(plain), 97);
  for (const size_t chunk : {size_t{0}, size_t{1}, size_t{5}, size_t{333}}) {
    const Transcript t = run(in, chunk);
    assert_int_equal(t.error, ParseError::None);
    assert_int_equal(t.bodies.size(), 1);
    assert_true(t.bodies[0] == plain);
    assert_true(t.keep_alive[0]);
  }
}

void test_gzip_until_close(void **) {
  const std::string plain = pseudo_text(3000);
  const std::string in = "HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\n\r\n" + gzip(plain);
  const Transcript t = run(in, 64);
  assert_int_equal(t.error, ParseError::None);
  assert_true(t.bodies[0] == plain);
  assert_false(t.keep_alive[0]);
}

void test_output_larger_than_window(void **) {
  // Highly compressible: one small input step inflates to many windows, which must all come out.
  const std::string plain(GzipDecoder::kOutputBytes * 20 + 17, 'a');
  const std::string in = with_length(gzip(plain)) + with_length(gzip("next"));
  for (const size_t chunk : {size_t{0}, size_t{3}}) {
    const Transcript t = run(in, chunk);
    assert_int_equal(t.error, ParseError::None);
    assert_int_equal(t.bodies.size(), 2);
    assert_true(t.bodies[0] == plain);
    assert_true(t.bodies[1] == "next");
    assert_true(t.body_events >= 21);
  }
}

void test_zip_bomb_is_capped(void **) {
  const std::string bomb = gzip(std::string(8u << 20, '\0'));  // 8 MiB of zeros, ~8 KiB wire
  Options o;
  o.limits.max_decoded_body_bytes = 1u << 20;
  const Transcript t = run(with_length(bomb), 0, o);
  assert_int_equal(t.error, ParseError::DecodedBodyTooLarge);
  assert_int_equal(t.bodies.size(), 0);
  o.limits.max_decoded_body_bytes = 8u << 20;  // exactly enough
  const Transcript ok = run(with_length(bomb), 0, o);
  assert_int_equal(ok.error, ParseError::None);
  assert_int_equal(ok.bodies[0].size(), 8u << 20);
}

void test_bad_gzip_bodies(void **) {
  const std::string good = gzip(pseudo_text(2000));
  std::string corrupt = good;
  corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x55);
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 6] = static_cast<char>(bad_crc[bad_crc.size() - 6] ^ 1);
  const std::string truncated = good.substr(0, good.size() - 10);
  const std::string trailing = good + "junk";
  const std::string not_gzip = "plain text, not gzip";
  for (const std::string *body : std::initializer_list<const std::string *>{
           &corrupt, &bad_crc, &truncated, &trailing, &not_gzip}) {
    for (const size_t chunk : {size_t{0}, size_t{1}}) {
      const Transcript t = run(with_length(*body), chunk);
      assert_int_equal(t.error, ParseError::BadGzip);
      assert_int_equal(t.bodies.size(), 0);
    }
  }
  // Truncated inside chunked framing, and at the close of a read-until-close body.
  assert_int_equal(run(chunked(truncated, 50), 0).error, ParseError::BadGzip);
  assert_int_equal(run("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + truncated, 0).error,
                   ParseError::BadGzip);
}

void test_no_body_responses_skip_decoding(void **) {
  // A HEAD response and a 204 announce gzip but carry nothing; an empty body is not a stream.
  const std::string in = with_length(gzip("x")) +
                         "HTTP/1.1 204 No Content\r\nContent-Encoding: gzip\r\n\r\n" +
                         with_length("") + with_length(gzip("y"));
  const Transcript t = run(in, 1);
  assert_int_equal(t.error, ParseError::None);
  assert_int_equal(t.bodies.size(), 4);
  assert_true(t.bodies[0] == "x");
  assert_true(t.bodies[1].empty() && t.bodies[2].empty());
  assert_true(t.bodies[3] == "y");
  Options head;
  head.head_request = true;
  const std::string head_only =
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 50\r\n\r\n";
  const Transcript h = run(head_only + head_only, 1, head);
  assert_int_equal(h.error, ParseError::None);
  assert_int_equal(h.bodies.size(), 2);
}

void test_decoding_off_passes_bytes_through(void **) {
  const std::string body = gzip("raw");
  Options o;
  o.decode_gzip = false;
  const Transcript t = run(with_length(body), 1, o);
  assert_int_equal(t.error, ParseError::None);
  assert_true(t.bodies[0] == body);
}

void test_double_gzip_is_refused(void **) {
  const Transcript t = run(with_length(gzip("x"), "Content-Encoding: gzip\r\n"), 0);
  assert_int_equal(t.error, ParseError::UnsupportedContentEncoding);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_content_length_gzip_every_split),
      cmocka_unit_test(test_chunked_gzip),
      cmocka_unit_test(test_gzip_until_close),
      cmocka_unit_test(test_output_larger_than_window),
      cmocka_unit_test(test_zip_bomb_is_capped),
      cmocka_unit_test(test_bad_gzip_bodies),
      cmocka_unit_test(test_no_body_responses_skip_decoding),
      cmocka_unit_test(test_decoding_off_passes_bytes_through),
      cmocka_unit_test(test_double_gzip_is_refused),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
