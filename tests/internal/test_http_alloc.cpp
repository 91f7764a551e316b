// Steady state of the HTTP codec allocates nothing: once a parser and a writer have seen one
// message of each shape, parsing further keep-alive responses (identity, chunked, gzip) and
// building further requests never calls operator new. Counted with a replaced global new;
// zlib allocates with malloc, which this does not see, but its state is allocated once and kept
// across inflateReset (see gzip_decoder.h).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include <cstdlib>
#include <new>
#include <string>

#include "http/parse/response_parser.h"
#include "http/write/request_writer.h"

extern "C" {
#include <cmocka.h>
}

namespace {
bool g_counting = false;
size_t g_allocations = 0;
}  // namespace

void *operator new(size_t n) {
  if (g_counting) ++g_allocations;
  void *p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void operator delete(void *p) noexcept {
  std::free(p);
}
void operator delete(void *p, size_t) noexcept {
  std::free(p);
}
void *operator new[](size_t n) {
  return operator new(n);
}
void operator delete[](void *p) noexcept {
  std::free(p);
}
void operator delete[](void *p, size_t) noexcept {
  std::free(p);
}

using namespace kalshi::http;

namespace {

std::string gzip(const std::string &plain) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
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

// Parses every response in `stream`; returns the decoded body bytes.
size_t parse_all(ResponseParser &p, std::string_view stream) {
  size_t body = 0;
  for (;;) {
    const ResponseParser::Step s = p.parse(stream);
    stream.remove_prefix(s.consumed);
    if (s.event == ResponseParser::Event::Error) return SIZE_MAX;
    if (s.event == ResponseParser::Event::Body) body += s.body.size();
    if (s.event == ResponseParser::Event::Complete) p.next_message();
    if (s.event == ResponseParser::Event::NeedMore) return body;
  }
}

void test_parser_steady_state(void **) {
  const std::string plain(40000, 'k');
  const std::string z = gzip(plain);
  char size[32];
  snprintf(size, sizeof size, "%zx", z.size());
  const std::string stream =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhello"
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x\r\nabc\r\n0\r\nT: 1\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " +
      std::to_string(z.size()) + "\r\n\r\n" + z +
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + size +
      "\r\n" + z + "\r\n0\r\n\r\n";
  ResponseParser p;
  const size_t want = 5 + 3 + 2 * plain.size();
  assert_int_equal(parse_all(p, stream), want);  // warm-up: buffers and zlib state
  g_allocations = 0;
  g_counting = true;
  size_t total = 0;
  for (int i = 0; i < 50; ++i) total += parse_all(p, stream);
  g_counting = false;
  assert_int_equal(total, 50 * want);
  assert_int_equal(g_allocations, 0);
}

void test_writer_steady_state(void **) {
  RequestWriter w;
  const std::string body(200, 'b');
  auto build = [&] {
    return w.begin("POST", "/trade-api/v2/portfolio/orders", "127.0.0.1:8443") ==
               WriteError::None &&
           w.header("KALSHI-ACCESS-KEY", "key") == WriteError::None &&
           w.finish(body) == WriteError::None;
  };
  assert_true(build());
  g_allocations = 0;
  g_counting = true;
  bool ok = true;
  for (int i = 0; i < 50; ++i) ok = ok && build();
  g_counting = false;
  assert_true(ok);
  assert_int_equal(g_allocations, 0);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parser_steady_state),
      cmocka_unit_test(test_writer_steady_state),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
