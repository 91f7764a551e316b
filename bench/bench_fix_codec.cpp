// FIX codec costs against QuickFIX in the same binary: decoding the §15.2 er_fill_dollars
// ExecutionReport (frame scan, checksum, walk of every field) and encoding the §15.2 nos
// NewOrderSingle (body fields, header, BodyLength, CheckSum). Each case reports heap allocations
// per message (a counting global operator new).
//
// Instruction counts: with KALSHI_BENCH_CASE=<case> and KALSHI_BENCH_ITERS=<n> the binary runs n
// messages of one case without Google Benchmark and exits, for valgrind --tool=callgrind
// (scripts/bench-fix.sh runs two n and divides the difference, so start-up cancels out).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "alloc_counter.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/writer.h"

#if KALSHI_BENCH_QUICKFIX
#include "fix_quickfix_peer.h"
#endif

// The typed layer (src/api/fix) on top of the codec: the cost an application actually pays.
#if __has_include("api/fix/views.h") && __has_include("api/fix/new_order.h")
#define KALSHI_BENCH_TYPED 1
#include "api/fix/decoded_message.h"
#include "api/fix/new_order.h"
#include "api/fix/views.h"
#endif

namespace {

using namespace kalshi::fix;

std::string wire(std::string_view text) {
  std::string s(text);
  for (char &c : s) {
    if (c == '|') c = '\x01';
  }
  return s;
}

const std::string kExecReport = wire(
    "8=FIXT.1.1|9=229|35=8|49=KalshiRT|56=your-fix-api-key-uuid|34=4|52=20250926-21:54:16.159|"
    "6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|"
    "44=0.7500|54=1|55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|10=065|");

// ---- the cases: one message each ------------------------------------------------------------

// Receive path: the reader finds the frame in a read, checks it, and every field is visited.
struct OursDecode {
  FrameReader reader;
  uint64_t run() {
    reader.feed(kExecReport.data(), kExecReport.size());
    std::string_view frame;
    FrameError err;
    uint64_t sum = 0;
    while (reader.next(&frame, &err) == FrameReader::Result::Frame) {
      FieldCursor c(frame);
      Field f;
      while (c.next(&f)) sum += f.tag + f.value.size();
      if (c.error() != FieldError::None) std::abort();
    }
    return sum;
  }
};

// Send path: the NOS body through FieldWriter, then the header (with SendingTime stamped from
// epoch milliseconds) and trailer through encode_message. Buffers are reused.
struct OursEncode {
  Buffer body{256};
  Buffer out{512};
  TimestampFormatter clock;
  uint64_t seq = 0;
  int64_t now_ms = 1691584496789;  // 20230809-12:34:56.789
  uint64_t run() {
    body.clear();
    out.clear();
    FieldWriter w(body);
    w.add(11, "550e8400-e29b-41d4-a716-446655440000");
    w.add_fixed(38, 1000, 2, 0);  // count scale 2: "10"
    w.add_char(40, '2');
    w.add_char(54, '1');
    w.add(55, "HIGHNY-23DEC31");
    w.add_fixed(44, 75, 0, 0);  // cents
    w.add_char(59, '1');
    char sending_time[kUtcTimestampLen];
    clock.format(now_ms, sending_time);
    Header h;
    h.msg_type = "D";
    h.sender_comp_id = "your-api-key";
    h.target_comp_id = "KalshiNR";
    h.msg_seq_num = ++seq;
    h.sending_time = std::string_view(sending_time, kUtcTimestampLen);
    return encode_message(h, body.view(), out);
  }
};

#if KALSHI_BENCH_TYPED
// Full typed decode: frame, every field typed against the dictionary (decimals, timestamps,
// enums), then the fields an order manager reads through the ExecutionReport view.
struct TypedDecode {
  FrameReader reader;
  DecodedMessage msg;
  Context ctx{Product::Prediction, /*use_dollars=*/true};
  uint64_t run() {
    reader.feed(kExecReport.data(), kExecReport.size());
    std::string_view frame;
    FrameError err;
    uint64_t sum = 0;
    while (reader.next(&frame, &err) == FrameReader::Result::Frame) {
      if (!decode(frame, Direction::ServerToClient, ctx, msg, true).ok()) std::abort();
      const auto er = view_as<ExecutionReportView>(msg);
      if (!er) std::abort();
      sum += static_cast<uint64_t>(*er->avg_px() + *er->cum_qty() + *er->last_px() +
                                   *er->last_qty() + *er->leaves_qty() + *er->transact_time());
      sum += static_cast<uint64_t>(*er->ord_status() + *er->exec_type() + *er->side());
      sum += er->cl_ord_id()->size() + er->order_id()->size() + er->symbol()->size();
      sum += msg.seq();
    }
    return sum;
  }
};

// Typed encode: the NewOrderSingle struct validated and written by the order-entry hot path,
// then framed.
struct TypedEncode {
  Buffer body{256};
  Buffer out{512};
  TimestampFormatter clock;
  Context ctx{Product::Prediction, /*use_dollars=*/false};
  uint64_t seq = 0;
  int64_t now_ms = 1691584496789;
  uint64_t run() {
    body.clear();
    out.clear();
    FieldWriter w(body);
    NewOrderSingle o;
    o.cl_ord_id = "550e8400-e29b-41d4-a716-446655440000";
    o.order_qty = 1000;  // 10 contracts
    o.side = '1';
    o.symbol = "HIGHNY-23DEC31";
    o.price = 750000;  // $0.75 -> 44=75 in cents mode
    o.time_in_force = '1';
    if (!encode_new_order_single(o, ctx, w).ok()) std::abort();
    char sending_time[kUtcTimestampLen];
    clock.format(now_ms, sending_time);
    Header h;
    h.msg_type = "D";
    h.sender_comp_id = "your-api-key";
    h.target_comp_id = "KalshiNR";
    h.msg_seq_num = ++seq;
    h.sending_time = std::string_view(sending_time, kUtcTimestampLen);
    return encode_message(h, body.view(), out);
  }
};
#endif

#if KALSHI_BENCH_QUICKFIX
struct QuickfixDecode {
  uint64_t run() { return bench_qf::decode_and_walk(kExecReport); }
};
struct QuickfixEncode {
  std::string out;
  unsigned seq = 0;
  uint64_t run() { return bench_qf::encode_nos(++seq, out); }
};
#endif

template <class Case>
void bench_case(benchmark::State &state) {
  Case c;
  c.run();  // warm: buffers reach their steady size
  const uint64_t allocs_before = kalshi::bench::allocations();
  for (auto _ : state) benchmark::DoNotOptimize(c.run());
  state.counters["allocs_per_msg"] =
      benchmark::Counter(static_cast<double>(kalshi::bench::allocations() - allocs_before),
                         benchmark::Counter::kAvgIterations);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_TEMPLATE(bench_case, OursDecode)->Name("decode_er/ours");
BENCHMARK_TEMPLATE(bench_case, OursEncode)->Name("encode_nos/ours");
#if KALSHI_BENCH_TYPED
BENCHMARK_TEMPLATE(bench_case, TypedDecode)->Name("decode_er/typed");
BENCHMARK_TEMPLATE(bench_case, TypedEncode)->Name("encode_nos/typed");
#endif
#if KALSHI_BENCH_QUICKFIX
BENCHMARK_TEMPLATE(bench_case, QuickfixDecode)->Name("decode_er/quickfix");
BENCHMARK_TEMPLATE(bench_case, QuickfixEncode)->Name("encode_nos/quickfix");
#endif

// ---- callgrind mode -------------------------------------------------------------------------

template <class Case>
int run_plain(long iters) {
  Case c;
  uint64_t sink = 0;
  for (long i = 0; i < iters; ++i) sink += c.run();
  std::printf("%llu\n", static_cast<unsigned long long>(sink));
  return 0;
}

int run_named(const char *name, long iters) {
  const std::string_view n(name);
  if (n == "decode_er/ours") return run_plain<OursDecode>(iters);
  if (n == "encode_nos/ours") return run_plain<OursEncode>(iters);
#if KALSHI_BENCH_TYPED
  if (n == "decode_er/typed") return run_plain<TypedDecode>(iters);
  if (n == "encode_nos/typed") return run_plain<TypedEncode>(iters);
#endif
#if KALSHI_BENCH_QUICKFIX
  if (n == "decode_er/quickfix") return run_plain<QuickfixDecode>(iters);
  if (n == "encode_nos/quickfix") return run_plain<QuickfixEncode>(iters);
#endif
  std::fprintf(stderr, "unknown KALSHI_BENCH_CASE %s\n", name);
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  if (const char *name = std::getenv("KALSHI_BENCH_CASE")) {
    const char *iters = std::getenv("KALSHI_BENCH_ITERS");
    return run_named(name, iters != nullptr ? std::atol(iters) : 1000);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
