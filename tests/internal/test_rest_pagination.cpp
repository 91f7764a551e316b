// api/rest/pagination: the cursor rules of rest-notes.md §6: empty cursor ends, a repeated cursor
// is a loop (KALSHI_ERR_PROTOCOL naming it), max_pages truncates with a flag, state errors, and
// a long walk stays correct past the remembered-cursor bound.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "api/rest/pagination.h"

extern "C" {
#include <cmocka.h>
}

using kalshi::api::rest::Paginator;
using Next = Paginator::Next;

namespace {

void test_single_page(void **) {
  Paginator p;
  p.start(0);
  assert_true(p.active());
  const Next n = p.on_page("");
  assert_int_equal(n.kind, Next::kDone);
  assert_false(n.truncated);
  assert_true(n.cursor.empty());
  assert_int_equal(p.pages(), 1);
  assert_false(p.active());
  assert_false(p.truncated());
}

void test_walks_until_empty_cursor(void **) {
  Paginator p;
  p.start(0);
  Next n = p.on_page("c1");
  assert_int_equal(n.kind, Next::kFetch);
  assert_string_equal(n.cursor.c_str(), "c1");
  n = p.on_page("c2");
  assert_int_equal(n.kind, Next::kFetch);
  assert_string_equal(n.cursor.c_str(), "c2");
  n = p.on_page("");
  assert_int_equal(n.kind, Next::kDone);
  assert_false(n.truncated);
  assert_int_equal(p.pages(), 3);
}

void test_loop_is_a_protocol_error(void **) {
  Paginator p;
  p.start(0);
  assert_int_equal(p.on_page("AAA").kind, Next::kFetch);
  assert_int_equal(p.on_page("BBB").kind, Next::kFetch);
  const Next n = p.on_page("AAA");
  assert_int_equal(n.kind, Next::kError);
  assert_int_equal(n.error.code, KALSHI_ERR_PROTOCOL);
  assert_true(n.error.message.find("\"AAA\"") != std::string::npos);
  assert_true(n.error.message.find("page 3") != std::string::npos);
  assert_false(p.active());
  // The same cursor twice in a row (a server that never advances) too.
  p.start(0);
  assert_int_equal(p.on_page("X").kind, Next::kFetch);
  assert_int_equal(p.on_page("X").kind, Next::kError);
}

void test_max_pages_truncates(void **) {
  Paginator p;
  p.start(2);
  assert_int_equal(p.on_page("c1").kind, Next::kFetch);
  const Next n = p.on_page("c2");
  assert_int_equal(n.kind, Next::kDone);
  assert_true(n.truncated);
  assert_string_equal(n.cursor.c_str(), "c2");  // where a later listing could resume
  assert_true(p.truncated());
  assert_int_equal(p.pages(), 2);
  // Reaching max_pages on the real last page is not truncation.
  p.start(2);
  assert_int_equal(p.on_page("c1").kind, Next::kFetch);
  const Next last = p.on_page("");
  assert_int_equal(last.kind, Next::kDone);
  assert_false(last.truncated);
  assert_false(p.truncated());
  // max_pages 1: the first page only.
  p.start(1);
  const Next one = p.on_page("more");
  assert_int_equal(one.kind, Next::kDone);
  assert_true(one.truncated);
}

void test_state_and_limits(void **) {
  Paginator p;
  Next n = p.on_page("c");
  assert_int_equal(n.kind, Next::kError);
  assert_int_equal(n.error.code, KALSHI_ERR_STATE);
  p.start(0);
  assert_int_equal(p.on_page("").kind, Next::kDone);
  n = p.on_page("c");  // after the listing ended
  assert_int_equal(n.error.code, KALSHI_ERR_STATE);
  // start() forgets the previous listing's cursors.
  p.start(0);
  assert_int_equal(p.on_page("c").kind, Next::kFetch);
  p.start(0);
  assert_int_equal(p.on_page("c").kind, Next::kFetch);
  // A cursor too long to send back is refused; the message stays short and printable.
  p.start(0);
  n = p.on_page(std::string(Paginator::kMaxCursorLength + 1, 'z'));
  assert_int_equal(n.error.code, KALSHI_ERR_PROTOCOL);
  assert_true(n.error.message.size() < 200);
  p.start(0);
  assert_int_equal(p.on_page(std::string(Paginator::kMaxCursorLength, 'z')).kind, Next::kFetch);
  // A loop on a binary cursor is named printably.
  p.start(0);
  const std::string bin("\x01\x02", 2);
  assert_int_equal(p.on_page(bin).kind, Next::kFetch);
  n = p.on_page(bin);
  assert_int_equal(n.error.code, KALSHI_ERR_PROTOCOL);
  assert_true(n.error.message.find("\\x01\\x02") != std::string::npos);
}

void test_long_walk_past_memory_bound(void **) {
  Paginator p;
  p.start(0);
  const size_t n = Paginator::kMaxRememberedCursors + 10;
  for (size_t i = 0; i < n; ++i)
    assert_int_equal(p.on_page("cursor-" + std::to_string(i)).kind, Next::kFetch);
  // An early cursor (remembered) coming back is still caught.
  const Next again = p.on_page("cursor-7");
  assert_int_equal(again.kind, Next::kError);
  assert_int_equal(again.error.code, KALSHI_ERR_PROTOCOL);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_single_page),
      cmocka_unit_test(test_walks_until_empty_cursor),
      cmocka_unit_test(test_loop_is_a_protocol_error),
      cmocka_unit_test(test_max_pages_truncates),
      cmocka_unit_test(test_state_and_limits),
      cmocka_unit_test(test_long_walk_past_memory_bound),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
