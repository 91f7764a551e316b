// UTF-8 validation for text messages and close reasons: Autobahn-style valid and invalid
// sequences (overlongs, surrogates, out of range, stray and truncated sequences), each checked
// whole and split at every position, plus the close-code table.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string_view>

#include "ws/frame/close_codes.h"
#include "ws/frame/utf8.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::ws;

namespace {

struct Case {
  std::string_view bytes;
  bool valid;
};

const Case kCases[] = {
    {"", true},
    {"Hello-\xc2\xb5@\xc3\x9f\xc3\xb6\xc3\xa4\xc3\xbc\xc3\xa0\xc3\xa1-UTF-8!!", true},
    {"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5", true},  // κόσμε
    {"\x7f", true},
    {"\xc2\x80", true},
    {"\xdf\xbf", true},
    {"\xe0\xa0\x80", true},
    {"\xed\x9f\xbf", true},  // U+D7FF, just below the surrogates
    {"\xee\x80\x80", true},  // U+E000, just above
    {"\xef\xbf\xbf", true},
    {"\xf0\x90\x80\x80", true},
    {"\xf4\x8f\xbf\xbf", true},  // U+10FFFF
    {"0123456789abcdef0123456789abcdef\xe2\x82\xac", true},
    // invalid
    {"\x80", false},
    {"\xbf", false},
    {"\xc0\x80", false},                  // overlong NUL
    {"\xc1\xbf", false},                  // overlong
    {"\xe0\x80\xaf", false},              // overlong '/'
    {"\xe0\x9f\xbf", false},              // overlong
    {"\xf0\x80\x80\xaf", false},          // overlong
    {"\xf0\x8f\xbf\xbf", false},          // overlong
    {"\xed\xa0\x80", false},              // U+D800
    {"\xed\xbf\xbf", false},              // U+DFFF
    {"\xed\xa0\x80\xed\xb0\x80", false},  // surrogate pair
    {"\xf4\x90\x80\x80", false},          // U+110000
    {"\xf5\x80\x80\x80", false},
    {"\xf8\x88\x80\x80\x80", false},
    {"\xfe", false},
    {"\xff", false},
    {"\xc2", false},          // truncated
    {"\xe2\x82", false},      // truncated
    {"\xf0\x9f\x98", false},  // truncated
    {"\xc2\x41", false},      // continuation missing
    {"\xe2\x28\xa1", false},
    {"abcdefghijklmnop\xc0", false},  // after the ASCII fast path
    {"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80"
     "edited",
     false},
};

std::span<const uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t *>(s.data()), s.size()};
}

void test_whole(void **) {
  for (const Case &c : kCases) {
    if (is_valid_utf8(c.bytes) != c.valid) fail_msg("case of %zu bytes", c.bytes.size());
  }
}

void test_every_split(void **) {
  for (const Case &c : kCases) {
    for (size_t cut = 0; cut <= c.bytes.size(); ++cut) {
      for (size_t cut2 = cut; cut2 <= c.bytes.size(); ++cut2) {
        Utf8Validator v;
        v.feed(bytes(c.bytes.substr(0, cut)));
        v.feed(bytes(c.bytes.substr(cut, cut2 - cut)));
        v.feed(bytes(c.bytes.substr(cut2)));
        if (v.finish() != c.valid)
          fail_msg("split %zu/%zu of %zu bytes", cut, cut2, c.bytes.size());
      }
    }
  }
}

void test_fails_fast_and_stays_failed(void **) {
  Utf8Validator v;
  assert_false(v.feed(bytes("ab\xc0")));
  assert_true(v.failed());
  assert_false(v.feed(bytes("abc")));
  assert_false(v.finish());
  v.reset();
  assert_true(v.feed(bytes("\xe2\x82")));  // open, not failed
  assert_false(v.finish());
  assert_true(v.feed(bytes("\xac")));
  assert_true(v.finish());
}

void test_close_codes(void **) {
  for (uint32_t c = 0; c <= 0xFFFF; ++c) {
    const bool expected =
        (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
    if (is_valid_wire_close_code(static_cast<uint16_t>(c)) != expected) fail_msg("code %u", c);
  }
  assert_string_equal(close_code_name(1000), "normal");
  assert_string_equal(close_code_name(1006), "abnormal");
  assert_string_equal(close_code_name(4001), "application");
  assert_string_equal(close_code_name(2000), "invalid");
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_whole),
      cmocka_unit_test(test_every_split),
      cmocka_unit_test(test_fails_fast_and_stays_failed),
      cmocka_unit_test(test_close_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
