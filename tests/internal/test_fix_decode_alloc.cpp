// The FIX hot paths allocate nothing in steady state (issue 3, "Performance"): once a reader, a
// DecodedMessage and the send buffers have seen one message of each shape, receiving further
// ExecutionReports (framing, typed decode, every typed view accessor an order manager reads,
// group entries included) and encoding further NewOrderSingles never call operator new.
// Counted with a replaced global operator new, switched on only around the steady-state loops.
// The decoder's inline fast paths (decimals, millisecond timestamps) are also checked against
// the general parsers on generated text: same value or same error for every input.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "api/fix/decoded_message.h"
#include "api/fix/new_order.h"
#include "api/fix/value.h"
#include "api/fix/views.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"
#include "fix_test_frames.h"

extern "C" {
#include <cmocka.h>
}

namespace {
bool g_counting = false;
size_t g_allocations = 0;
// Out of line so that GCC does not pair an inlined free() with the builtin operator new and
// warn (-Wmismatched-new-delete).
[[gnu::noinline]] void release(void *p) noexcept {
  std::free(p);
}
}  // namespace

void *operator new(size_t n) {
  if (g_counting) ++g_allocations;
  void *p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void operator delete(void *p) noexcept {
  release(p);
}
void operator delete(void *p, size_t) noexcept {
  release(p);
}
void *operator new[](size_t n) {
  return operator new(n);
}
void operator delete[](void *p) noexcept {
  release(p);
}
void operator delete[](void *p, size_t) noexcept {
  release(p);
}

using namespace kalshi::fix;
using fixtest::frame_example;

namespace {

constexpr int kRounds = 200;
const Context kDollars{Product::Prediction, true};

// The §15.2 er_fill_dollars report (the benchmark's message).
const std::string kFill = frame_example(
    "35=8|49=KalshiRT|56=your-fix-api-key-uuid|34=4|52=20250926-21:54:16.159|6=0.6600|11=order-2|"
    "14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|44=0.7500|54=1|"
    "55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|");
// A trade report with repeating groups and a tag the dictionary does not know.
const std::string kTrade = frame_example(
    "35=8|49=KalshiRT|56=your-fix-api-key-uuid|34=5|52=20250926-21:54:17.001|6=0.5000|"
    "11=order-3|14=10.00|17=9;1|31=0.5000|32=10.00|37=ord-def|38=10.00|39=2|44=0.5000|54=2|"
    "55=HIGHNY-23DEC31|60=20250926-21:54:17.000|136=1|137=0.0700|150=F|151=0.00|453=2|"
    "448=acct-1|452=24|448=op-7|452=12|9999=later|");

// What an order manager reads from a report; asserts the values and returns a checksum of them.
int64_t read_report(const DecodedMessage &m) {
  const auto er = view_as<ExecutionReportView>(m);
  assert_true(er.has_value());
  int64_t sum = *er->avg_px() + *er->cum_qty() + *er->last_px() + *er->last_qty() +
                *er->leaves_qty() + *er->order_qty() + *er->price() + *er->transact_time();
  sum += *er->ord_status() + *er->exec_type() + *er->side();
  sum += static_cast<int64_t>(er->cl_ord_id()->size() + er->order_id()->size() +
                              er->exec_id()->size() + er->symbol()->size());
  for (const auto fee : er->no_misc_fees()) sum += *fee.misc_fee_amt();
  for (const auto party : er->no_party_ids()) {
    sum += static_cast<int64_t>(party.party_id()->size()) + *party.party_role();
  }
  sum += static_cast<int64_t>(m.seq() + m.unknown_count()) + m.sending_time_ms();
  assert_false(er->text().has_value());  // absent members are nullopt
  return sum;
}

void test_execution_report_decode(void **) {
  FrameReader reader;
  DecodedMessage msg;
  const std::string stream = kFill + kTrade;  // two reports in one read
  int64_t expected = 0;
  // Warm-up: the reader, the field storage and the group tables reach their steady size.
  for (int round = 0; round < 2; ++round) {
    reader.feed(stream.data(), stream.size());
    std::string_view frame;
    FrameError ferr;
    int64_t sum = 0;
    while (reader.next(&frame, &ferr) == FrameReader::Result::Frame) {
      assert_true(decode(frame, Direction::ServerToClient, kDollars, msg, true).ok());
      sum += read_report(msg);
    }
    expected = sum;
  }
  const auto trade = view_as<ExecutionReportView>(msg);
  assert_int_equal(trade->no_party_ids().size(), 2);
  assert_int_equal(*trade->no_misc_fees()[0].misc_fee_amt(), 70000);  // $0.07
  assert_int_equal(msg.unknown_count(), 1);

  g_allocations = 0;
  g_counting = true;
  int64_t total = 0;
  size_t frames = 0;
  for (int round = 0; round < kRounds; ++round) {
    reader.feed(stream.data(), stream.size());
    std::string_view frame;
    FrameError ferr;
    int64_t sum = 0;
    while (reader.next(&frame, &ferr) == FrameReader::Result::Frame) {
      // Framing checked again inside decode() as well: both paths count.
      if (!decode(frame, Direction::ServerToClient, kDollars, msg, round % 2 == 0).ok()) break;
      sum += read_report(msg);
      ++frames;
    }
    total += sum == expected ? 1 : 0;
  }
  g_counting = false;
  assert_int_equal(frames, 2 * kRounds);
  assert_int_equal(total, kRounds);
  assert_int_equal(g_allocations, 0);
}

// A frame split across reads is carried in the reader's reused buffer: still no allocation.
void test_split_reads(void **) {
  FrameReader reader;
  DecodedMessage msg;
  const auto feed_split = [&](size_t cut) {
    size_t got = 0;
    std::string_view frame;
    FrameError ferr;
    reader.feed(kTrade.data(), cut);
    while (reader.next(&frame, &ferr) == FrameReader::Result::Frame) ++got;
    reader.feed(kTrade.data() + cut, kTrade.size() - cut);
    while (reader.next(&frame, &ferr) == FrameReader::Result::Frame) {
      if (decode(frame, Direction::ServerToClient, kDollars, msg, true).ok()) ++got;
    }
    return got;
  };
  for (size_t cut = 1; cut < kTrade.size(); ++cut) assert_int_equal(feed_split(cut), 1);
  g_allocations = 0;
  g_counting = true;
  size_t decoded = 0;
  for (size_t cut = 1; cut < kTrade.size(); ++cut) decoded += feed_split(cut);
  g_counting = false;
  assert_int_equal(decoded, kTrade.size() - 1);
  assert_int_equal(g_allocations, 0);
}

void test_new_order_single_encode(void **) {
  Buffer body(256);
  Buffer out(512);
  TimestampFormatter clock;
  const Context cents{Product::Prediction, false};
  const auto encode = [&](uint64_t seq) {
    body.clear();
    out.clear();
    FieldWriter w(body);
    NewOrderSingle o;
    o.cl_ord_id = "550e8400-e29b-41d4-a716-446655440000";
    o.order_qty = 1000;  // 10 contracts
    o.side = '1';
    o.symbol = "HIGHNY-23DEC31";
    o.price = 750000;  // $0.75
    o.time_in_force = '1';
    o.party_id = "acct-1";
    if (!encode_new_order_single(o, cents, w).ok()) return size_t{0};
    char sending_time[kUtcTimestampLen];
    clock.format(1691584496789 + static_cast<int64_t>(seq), sending_time);
    Header h;
    h.msg_type = "D";
    h.sender_comp_id = "your-api-key";
    h.target_comp_id = "KalshiNR";
    h.msg_seq_num = seq;
    h.sending_time = std::string_view(sending_time, kUtcTimestampLen);
    return encode_message(h, body.view(), out);
  };
  assert_true(encode(1) > 0);
  const std::string first(out.view());
  // The bytes are a valid NewOrderSingle.
  DecodedMessage msg;
  assert_true(decode(first, Direction::ClientToServer, cents, msg).ok());
  assert_string_equal(std::string(msg.msg_type()).c_str(), "D");
  assert_int_equal(*msg.root().value(tag::Price), 750000);

  g_allocations = 0;
  g_counting = true;
  size_t same = 0;
  for (int i = 0; i < kRounds; ++i) {
    const size_t n = encode(1);  // the same sequence number: the same bytes
    same += n == first.size() && std::memcmp(out.data(), first.data(), n) == 0 ? 1 : 0;
    encode(static_cast<uint64_t>(i) + 2);  // growing sequence numbers
  }
  g_counting = false;
  assert_int_equal(same, kRounds);
  assert_int_equal(g_allocations, 0);
}

// Deterministic text from a small alphabet that reaches every branch of the parsers.
struct Gen {
  uint64_t state = 0x9E3779B97F4A7C15ULL;
  uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  }
  std::string text(std::string_view alphabet, size_t max_len) {
    std::string s(next() % (max_len + 1), '0');
    for (char &c : s) c = alphabet[next() % alphabet.size()];
    return s;
  }
};

void test_fast_decimals_agree(void **) {
  Gen g;
  const std::string_view alphabet = "0123456789000..-+x";
  size_t ok = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string s = g.text(alphabet, 22);
    for (int decimals : {0, 2, 4, 6}) {
      int64_t fast = -7, slow = -7;
      const kalshi_err_t a = detail::parse_decimal(s, decimals, &fast);
      const kalshi_err_t b = kalshi::parse_fixed(s, decimals, &slow);
      assert_int_equal(a, b);
      if (a == KALSHI_OK) {
        assert_int_equal(fast, slow);
        ++ok;
      }
    }
  }
  for (const char *s : {"0.6600", "100.0000", "60.00", "0", "999999999999.999999"}) {
    int64_t fast = 0, slow = 0;
    assert_int_equal(detail::parse_decimal(s, 6, &fast), kalshi::parse_fixed(s, 6, &slow));
    assert_int_equal(fast, slow);
  }
  assert_true(ok > 1000);  // the generator reaches the success path often
}

void test_fast_timestamps_agree(void **) {
  Gen g;
  // Mostly well formed (so the date and time checks are reached), with bytes flipped.
  const std::string base = "20240229-23:59:60.999";
  size_t ok = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string s = base;
    for (int k = static_cast<int>(g.next() % 4); k > 0; --k) {
      s[g.next() % s.size()] = "0123456789-:.x"[g.next() % 14];
    }
    int64_t fast = -7, slow = -7;
    const bool a = detail::parse_timestamp_ms(s.data(), &fast);
    const bool b = parse_utc_timestamp(s, &slow);
    assert_int_equal(a, b);
    if (a) {
      assert_int_equal(fast, slow);
      ++ok;
    }
  }
  int64_t ms = 0;
  assert_true(detail::parse_timestamp_ms("19700101-00:00:00.000", &ms));
  assert_int_equal(ms, 0);
  assert_false(detail::parse_timestamp_ms("20230229-00:00:00.000", &ms));  // not a leap year
  assert_true(ok > 1000);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_execution_report_decode), cmocka_unit_test(test_split_reads),
      cmocka_unit_test(test_new_order_single_encode), cmocka_unit_test(test_fast_decimals_agree),
      cmocka_unit_test(test_fast_timestamps_agree),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
