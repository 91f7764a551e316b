// FIX field level (kalshi-fix.md §2.4): the field cursor and its errors, RawData by length, strict
// integers, UTCTimestamp / LocalMktDate both ways, and the writer's value formatting (exact
// fixed-point, no floating point).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <string_view>
#include <vector>

#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "test_fix_codec_vectors.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::fix;
using fix_vectors::wire;

namespace {

void assert_str_eq(std::string_view got, std::string_view want) {
  if (got != want) {
    print_error("got  %.*s\nwant %.*s\n", static_cast<int>(got.size()), got.data(),
                static_cast<int>(want.size()), want.data());
  }
  assert_true(got == want);
}

// Walks `text` ('|' = SOH); returns "tag=value;" per field and the final error.
std::string walk(const std::string &bytes, FieldError *err) {
  FieldCursor c(bytes);
  Field f;
  std::string out;
  while (c.next(&f)) out += std::to_string(f.tag) + "=" + std::string(f.value) + ";";
  *err = c.error();
  // Once stopped it stays stopped.
  assert_false(c.next(&f));
  return out;
}

void assert_walk(std::string_view text, std::string_view want, FieldError want_err) {
  FieldError err;
  assert_str_eq(walk(wire(text), &err), want);
  if (err != want_err)
    print_error("error %s, want %s\n", field_error_name(err), field_error_name(want_err));
  assert_int_equal(err, want_err);
}

void test_cursor_walks_fields_in_order(void **) {
  assert_walk("35=D|11=a=b|44=0.75|", "35=D;11=a=b;44=0.75;", FieldError::None);
  assert_walk("", "", FieldError::None);
  assert_walk("999999=x|", "999999=x;", FieldError::None);
  // Long values exercise the wide SOH search at every offset.
  for (size_t n = 1; n < 40; ++n) {
    const std::string v(n, 'v');
    assert_walk("58=" + v + "|1=" + v + "|", "58=" + v + ";1=" + v + ";", FieldError::None);
  }
  // Views point into the bytes, and offset_from tracks the position.
  const std::string bytes = wire("35=D|11=x|");
  FieldCursor c(bytes);
  Field f;
  assert_true(c.next(&f));
  assert_ptr_equal(f.value.data(), bytes.data() + 3);
  assert_int_equal(c.offset_from(bytes.data()), 5);
}

void test_cursor_errors(void **) {
  assert_walk("35=D|4a=x|", "35=D;", FieldError::BadTag);
  assert_walk("=x|", "", FieldError::BadTag);
  assert_walk("a=x|", "", FieldError::BadTag);
  assert_walk("049=x|", "", FieldError::BadTag);
  assert_walk("0=x|", "", FieldError::BadTag);
  assert_walk("1000000=x|", "", FieldError::BadTag);
  assert_walk("-1=x|", "", FieldError::BadTag);
  assert_walk("|35=D|", "", FieldError::BadTag);
  assert_walk("35=D|49|", "35=D;", FieldError::MissingEquals);
  assert_walk("35=D|49", "35=D;", FieldError::MissingEquals);
  assert_walk("35=D|49=|", "35=D;", FieldError::EmptyValue);
  assert_walk("35=D|49=abc", "35=D;", FieldError::Unterminated);
  assert_walk("35=D|49=", "35=D;", FieldError::Unterminated);
  assert_walk("35=D|49=abcdefghijklmnopqrstuvwxyz", "35=D;", FieldError::Unterminated);
  // The cursor stays at the bad field.
  const std::string bytes = wire("35=D|4a=x|");
  FieldCursor c(bytes);
  Field f;
  assert_true(c.next(&f));
  assert_false(c.next(&f));
  assert_int_equal(c.offset_from(bytes.data()), 5);
}

void test_raw_data_by_length(void **) {
  // 96 is exactly as long as 95 says, SOH and '=' included.
  assert_walk("95=5|96=a|b=c|10=000|",
              "95=5;96=a\x01"
              "b=c;10=000;",
              FieldError::None);
  assert_walk("95=1|96=||", "95=1;96=\x01;", FieldError::None);
  assert_walk("96=abc|", "", FieldError::BadDataLength);                      // no 95
  assert_walk("95=3|58=x|96=abc|", "95=3;58=x;", FieldError::BadDataLength);  // 95 not right before
  assert_walk("95=9|96=abc|", "95=9;", FieldError::BadDataLength);  // longer than the rest
  assert_walk("95=3|96=abc", "95=3;", FieldError::BadDataLength);   // no SOH after it
  assert_walk("95=2|96=abc|", "95=2;", FieldError::BadDataLength);  // no SOH where it ends
  assert_walk("95=x|96=abc|", "", FieldError::BadDataLength);       // 95 not a number
  assert_walk("95=0|96=|", "95=0;", FieldError::EmptyValue);
  // A second 96 needs its own 95.
  assert_walk("95=1|96=a|96=b|", "95=1;96=a;", FieldError::BadDataLength);
}

void test_parse_uint_int_strict(void **) {
  uint64_t u = 7;
  assert_true(parse_uint("0", &u) && u == 0);
  assert_true(parse_uint("0042", &u) && u == 42);
  assert_true(parse_uint("18446744073709551615", &u) && u == UINT64_MAX);
  u = 7;
  assert_false(parse_uint("18446744073709551616", &u));
  assert_false(parse_uint("99999999999999999999", &u));
  assert_false(parse_uint("000000000000000000001", &u));  // 21 chars
  assert_false(parse_uint("", &u));
  assert_false(parse_uint("+1", &u));
  assert_false(parse_uint("-1", &u));
  assert_false(parse_uint(" 1", &u));
  assert_false(parse_uint("1 ", &u));
  assert_false(parse_uint("1.0", &u));
  assert_false(parse_uint("1a", &u));
  assert_int_equal(u, 7);  // untouched on failure
  int64_t i = 7;
  assert_true(parse_int("-9223372036854775808", &i) && i == INT64_MIN);
  assert_true(parse_int("9223372036854775807", &i) && i == INT64_MAX);
  assert_true(parse_int("-5", &i) && i == -5);
  assert_true(parse_int("5", &i) && i == 5);
  i = 7;
  assert_false(parse_int("9223372036854775808", &i));
  assert_false(parse_int("-9223372036854775809", &i));
  assert_false(parse_int("-", &i));
  assert_false(parse_int("--5", &i));
  assert_false(parse_int("+5", &i));
  assert_false(parse_int("", &i));
  assert_int_equal(i, 7);
}

// ---- timestamps -----------------------------------------------------------------------------

std::string fmt(int64_t ms) {
  char out[kUtcTimestampLen];
  format_utc_timestamp(ms, out);
  return std::string(out, kUtcTimestampLen);
}

int64_t parse_ok(std::string_view s) {
  int64_t ms = -1;
  if (!parse_utc_timestamp(s, &ms))
    print_error("refused %.*s\n", static_cast<int>(s.size()), s.data());
  assert_true(parse_utc_timestamp(s, &ms));
  return ms;
}

void test_timestamp_known_values(void **) {
  assert_str_eq(fmt(0), "19700101-00:00:00.000");
  assert_str_eq(fmt(1691584128035), "20230809-12:28:48.035");
  assert_str_eq(fmt(951782400000), "20000229-00:00:00.000");   // leap day, year % 400 == 0
  assert_str_eq(fmt(1709251199999), "20240229-23:59:59.999");  // leap day, year % 4 == 0
  assert_str_eq(fmt(4107542400000), "21000301-00:00:00.000");  // 2100 is not a leap year
  assert_str_eq(fmt(253402300799999), "99991231-23:59:59.999");
  assert_str_eq(fmt(-1), "19700101-00:00:00.000");  // clamped to the range
  assert_int_equal(parse_ok("20230809-12:28:48.035"), 1691584128035);
  assert_int_equal(parse_ok("20230809-12:28:48"), 1691584128000);
  assert_int_equal(parse_ok("20230809-12:28:48.035999"), 1691584128035);     // micro: truncated
  assert_int_equal(parse_ok("20230809-12:28:48.035999999"), 1691584128035);  // nano: truncated
  assert_int_equal(parse_ok("19691231-23:59:59.000"), -1000);
  assert_int_equal(parse_ok("20161231-23:59:60.000"), 1483228800000);  // leap second accepted
}

void test_timestamp_invalid_rejected(void **) {
  const char *bad[] = {
      "20230229-00:00:00.000",  // 2023 is not a leap year
      "21000229-00:00:00.000",  // nor 2100
      "19000229-00:00:00.000",  // nor 1900
      "20230431-00:00:00.000", "20231301-00:00:00.000",
      "20230001-00:00:00.000", "20230100-00:00:00.000",
      "20230132-00:00:00.000", "20230809-24:00:00.000",
      "20230809-23:60:00.000", "20230809-23:59:61.000",
      "20230809 12:28:48.035", "20230809-12-28:48.035",
      "20230809-12:28-48.035", "20230809-12:28:48,035",
      "20230809-12:28:48.03",  "20230809-12:28:48.0350",
      "20230809-12:28:48.",    "2023089-12:28:48.035",
      "20230809-12:28:4x.035", "20230809-12:28:48.03x",
      "+0230809-12:28:48.035", "",
  };
  for (const char *s : bad) {
    int64_t ms = 7;
    if (parse_utc_timestamp(s, &ms)) print_error("accepted %s\n", s);
    assert_false(parse_utc_timestamp(s, &ms));
    assert_int_equal(ms, 7);
  }
}

void test_timestamp_round_trip_and_formatter_cache(void **) {
  TimestampFormatter cached;
  // Every day from 1970 to 2400 (all leap rules), at a time that moves through the day, and the
  // last millisecond of each day so the cached date must change on the next call.
  for (int64_t day = 0; day < 157000; ++day) {
    for (const int64_t ms_of_day : {(day * 7919) % 86400000, int64_t{86399999}}) {
      const int64_t t = day * 86400000 + ms_of_day;
      const std::string s = fmt(t);
      char out[kUtcTimestampLen];
      cached.format(t, out);
      assert_true(std::string_view(out, kUtcTimestampLen) == s);
      int64_t back = -1;
      assert_true(parse_utc_timestamp(s, &back));
      assert_int_equal(back, t);
    }
  }
  // Going back in time re-formats the date too.
  char out[kUtcTimestampLen];
  cached.format(0, out);
  assert_str_eq(std::string_view(out, kUtcTimestampLen), "19700101-00:00:00.000");
}

void test_local_mkt_date(void **) {
  int32_t d = 0;
  assert_true(parse_local_mkt_date("20231231", &d) && d == 20231231);
  assert_true(parse_local_mkt_date("20240229", &d) && d == 20240229);
  d = 7;
  assert_false(parse_local_mkt_date("20230229", &d));
  assert_false(parse_local_mkt_date("20231232", &d));
  assert_false(parse_local_mkt_date("2023123", &d));
  assert_false(parse_local_mkt_date("202312311", &d));
  assert_false(parse_local_mkt_date("2023-1231", &d));
  assert_int_equal(d, 7);
}

// ---- writer values --------------------------------------------------------------------------

std::string written(void (*fn)(FieldWriter &)) {
  Buffer b;
  FieldWriter w(b);
  fn(w);
  return std::string(b.view());
}

std::string fixed(int64_t v, int scale, int min_decimals) {
  Buffer b;
  FieldWriter w(b);
  w.add_fixed(44, v, scale, min_decimals);
  std::string s(b.view());
  assert_true(s.size() > 4 && s.substr(0, 3) == "44=" && s.back() == '\x01');
  return s.substr(3, s.size() - 4);
}

void test_add_fixed(void **) {
  assert_str_eq(fixed(750000, 6, 4), "0.7500");  // the header's examples
  assert_str_eq(fixed(1025, 2, 0), "10.25");
  assert_str_eq(fixed(750000, 6, 0), "0.75");
  assert_str_eq(fixed(750000, 6, 6), "0.750000");
  assert_str_eq(fixed(10000, 2, 2), "100.00");
  assert_str_eq(fixed(10000, 2, 0), "100");
  assert_str_eq(fixed(10050, 2, 0), "100.5");
  assert_str_eq(fixed(0, 4, 0), "0");
  assert_str_eq(fixed(0, 4, 2), "0.00");
  assert_str_eq(fixed(1, 6, 0), "0.000001");
  assert_str_eq(fixed(-1, 6, 2), "-0.000001");
  assert_str_eq(fixed(-123, 2, 2), "-1.23");
  assert_str_eq(fixed(-100, 2, 0), "-1");
  assert_str_eq(fixed(75, 0, 0), "75");
  assert_str_eq(fixed(75, 0, 4), "75");  // min_decimals above scale: clamped to scale
  assert_str_eq(fixed(INT64_MAX, 6, 0), "9223372036854.775807");
  assert_str_eq(fixed(INT64_MIN, 6, 0), "-9223372036854.775808");
  assert_str_eq(fixed(INT64_MIN, 0, 0), "-9223372036854775808");
  assert_str_eq(fixed(INT64_MAX, 18, 0), "9.223372036854775807");
  assert_str_eq(fixed(5, 18, 2), "0.000000000000000005");
}

void test_field_writer_values(void **) {
  assert_str_eq(written([](FieldWriter &w) {
                  w.add(11, "order-2");
                  w.add_uint(34, 0);
                  w.add_uint(34, UINT64_MAX);
                  w.add_int(1, -42);
                  w.add_int(1, INT64_MIN);
                  w.add_char(54, '1');
                  w.add_bool(43, true);
                  w.add_bool(43, false);
                  w.add_timestamp(60, 1758923656040);
                  w.add_uint(999999, 9);
                }),
                wire("11=order-2|34=0|34=18446744073709551615|1=-42|1=-9223372036854775808|54=1|"
                     "43=Y|43=N|60=20250926-21:54:16.040|999999=9|"));
}

void test_add_data_round_trips_through_cursor(void **) {
  const std::string data = std::string("sig\x01with=SOH\x01", 13);
  Buffer b;
  FieldWriter w(b);
  w.add_data(95, 96, data);
  w.add(141, "Y");
  FieldCursor c(b.view());
  Field f;
  assert_true(c.next(&f) && f.tag == 95 && f.value == "13");
  assert_true(c.next(&f) && f.tag == 96 && f.value == data);
  assert_true(c.next(&f) && f.tag == 141 && f.value == "Y");
  assert_false(c.next(&f));
  assert_int_equal(c.error(), FieldError::None);
}

void test_writer_reuses_its_buffer(void **) {
  // Steady state: the same Buffer re-encodes without growing.
  Buffer b;
  Buffer msg;
  Header h;
  h.msg_type = "D";
  h.sender_comp_id = "your-api-key";
  h.target_comp_id = "KalshiNR";
  h.sending_time = "20230809-12:34:56.789";
  size_t cap_body = 0, cap_msg = 0;
  for (int i = 0; i < 100; ++i) {
    b.clear();
    msg.clear();
    FieldWriter w(b);
    w.add(11, "550e8400-e29b-41d4-a716-446655440000");
    w.add_fixed(38, 1000, 2, 0);
    w.add_fixed(44, 750000, 6, 4);
    h.msg_seq_num = static_cast<uint64_t>(i + 1);
    encode_message(h, b.view(), msg);
    assert_int_equal(scan_frame(msg.data(), msg.size(), kDefaultMaxMessageSize).status,
                     FrameScan::Complete);
    if (i == 10) {
      cap_body = b.capacity();
      cap_msg = msg.capacity();
    }
  }
  assert_int_equal(b.capacity(), cap_body);
  assert_int_equal(msg.capacity(), cap_msg);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cursor_walks_fields_in_order),
      cmocka_unit_test(test_cursor_errors),
      cmocka_unit_test(test_raw_data_by_length),
      cmocka_unit_test(test_parse_uint_int_strict),
      cmocka_unit_test(test_timestamp_known_values),
      cmocka_unit_test(test_timestamp_invalid_rejected),
      cmocka_unit_test(test_timestamp_round_trip_and_formatter_cache),
      cmocka_unit_test(test_local_mkt_date),
      cmocka_unit_test(test_add_fixed),
      cmocka_unit_test(test_field_writer_values),
      cmocka_unit_test(test_add_data_round_trips_through_cursor),
      cmocka_unit_test(test_writer_reuses_its_buffer),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
