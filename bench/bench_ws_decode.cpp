// WebSocket decode costs (src/api/ws) against plain simdjson On-Demand on the same inputs in the
// same run: an orderbook_delta into typed form, an orderbook_snapshot with 100 levels a side,
// decode + local book apply, the same decoders with the fast book scanner off (the simdjson
// path alone), and a delta the fast book scanner declines (escaped ticker: the
// scan attempt plus the simdjson path). "plain" is the straightforward On-Demand way (find_field
// per member, then the same exact-decimal parse) — what a first implementation would write. Each
// case reports heap allocations per message (a counting global operator new).
//
// Instruction counts: with KALSHI_BENCH_CASE=<case> and KALSHI_BENCH_ITERS=<n> the binary runs n
// messages of one case without Google Benchmark and exits, for valgrind --tool=callgrind
// (scripts/bench-ws.sh runs two n and divides the difference, so start-up cancels out).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "alloc_counter.h"
#include "api/ws/books.h"
#include "api/ws/channels.h"
#include "api/ws/fast_books.h"
#include "core/decimal.h"

namespace {

using namespace kalshi::wsapi;
namespace od = simdjson::ondemand;

// The spec's orderbook_delta example (kalshi-ws.md / asyncapi.yaml).
constexpr std::string_view kDelta =
    R"({"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"FED-23DEC-T3.00",)"
    R"("market_id":"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1","price_dollars":"0.9600",)"
    R"("delta_fp":"-54.00","side":"yes","ts":"2022-11-22T20:44:01Z","ts_ms":1669149841000}})";

std::string padded(std::string_view s) {
  std::string out(s);
  out.append(Decoder::kPadding, '\0');
  return out;
}

std::string snapshot_json(int levels) {
  std::string s =
      R"({"type":"orderbook_snapshot","sid":2,"seq":2,"msg":{"market_ticker":"FED-23DEC-T3.00",)"
      R"("market_id":"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1","yes_dollars_fp":[)";
  char buf[64];
  for (int side = 0; side < 2; ++side) {
    if (side == 1) s += R"(],"no_dollars_fp":[)";
    for (int i = 0; i < levels; ++i) {
      std::snprintf(buf, sizeof buf, R"(%s["0.%04d","%d.00"])", i ? "," : "", 10 + i * 45,
                    100 + i * 7);
      s += buf;
    }
  }
  s += "]}}";
  return s;
}

// ---- ours -----------------------------------------------------------------------------------

struct OursDelta {
  std::string json = padded(kDelta);
  Decoder dec{Product::Prediction};
  Decoded d;
  uint64_t run() {
    const std::string_view in(json.data(), kDelta.size());
    if (!dec.decode(in, &d).ok()) std::abort();
    return static_cast<uint64_t>(d.delta.price + d.delta.delta + d.env.seq);
  }
};

struct OursSnapshot {
  std::string text = snapshot_json(100);
  std::string json = padded(text);
  Decoder dec{Product::Prediction};
  Decoded d;
  uint64_t run() {
    if (!dec.decode(std::string_view(json.data(), text.size()), &d).ok()) std::abort();
    return d.snapshot.yes.size() + d.snapshot.no.size() +
           static_cast<uint64_t>(d.snapshot.no[99].count);
  }
};

// Decode + apply: alternating +54 / -54 at one YES level keeps the book at a steady state.
struct OursDeltaApply {
  std::string plus = padded(std::string(kDelta).replace(kDelta.find("-54.00"), 6, "54.00"));
  std::string minus = padded(kDelta);
  Decoder dec{Product::Prediction};
  Decoded d;
  LocalBooks books{Product::Prediction};
  bool flip = false;
  OursDeltaApply() {
    std::string snap = padded(snapshot_json(100));
    if (!dec.decode(std::string_view(snap.data(), snap.size() - Decoder::kPadding), &d).ok())
      std::abort();
    ApplyResult r;
    if (!books.apply_snapshot(d.snapshot, &r).ok()) std::abort();
  }
  uint64_t run() {
    flip = !flip;
    const std::string &s = flip ? plus : minus;
    if (!dec.decode(std::string_view(s.data(), s.size() - Decoder::kPadding), &d).ok())
      std::abort();
    ApplyResult r;
    if (!books.apply_delta(d.delta, &r).ok()) std::abort();
    return r.top_changed ? 1 : 0;
  }
};

// The same decoders with the fast book scanner switched off: the simdjson path alone, i.e. the
// decoder before the scanner, measured in the same run.
template <class Case>
struct SimdjsonPath : Case {
  SimdjsonPath() { kalshi::wsapi::detail::set_fast_books_enabled(false); }
  ~SimdjsonPath() { kalshi::wsapi::detail::set_fast_books_enabled(true); }
  SimdjsonPath(const SimdjsonPath &) = delete;
  SimdjsonPath &operator=(const SimdjsonPath &) = delete;
};

// A delta the fast scanner declines (an escaped ticker): the cost of the attempt plus the
// simdjson path, i.e. what any message outside the scanner's subset pays.
struct OursDeltaDeclined {
  std::string text = std::string(kDelta).replace(kDelta.find("FED-23DEC"), 3, R"(F\u0045D)");
  std::string json = padded(text);
  Decoder dec{Product::Prediction};
  Decoded d;
  uint64_t run() {
    if (!dec.decode(std::string_view(json.data(), text.size()), &d).ok()) std::abort();
    return static_cast<uint64_t>(d.delta.price + d.delta.delta + d.env.seq);
  }
};

// ---- plain simdjson On-Demand ---------------------------------------------------------------

int64_t plain_fixed(od::value v, int decimals) {
  std::string_view s = v.get_string();
  int64_t out = 0;
  if (kalshi::parse_fixed(s, decimals, &out) != KALSHI_OK) std::abort();
  return out;
}

struct PlainDelta {
  std::string json = padded(kDelta);
  od::parser parser;
  uint64_t run() {
    od::document doc = parser.iterate(json.data(), kDelta.size(), json.size());
    std::string_view type = doc["type"];
    int64_t sid = doc["sid"];
    int64_t seq = doc["seq"];
    od::object msg = doc["msg"];
    std::string_view ticker = msg["market_ticker"];
    std::string_view id = msg["market_id"];
    const int64_t price = plain_fixed(msg["price_dollars"], 6);
    const int64_t delta = plain_fixed(msg["delta_fp"], 2);
    std::string_view side = msg["side"];
    int64_t ts_ms = msg["ts_ms"];
    return static_cast<uint64_t>(price + delta + seq + sid + ts_ms) + type.size() + ticker.size() +
           id.size() + side.size();
  }
};

struct PlainSnapshot {
  std::string text = snapshot_json(100);
  std::string json = padded(text);
  od::parser parser;
  std::vector<PriceLevel> yes, no;
  uint64_t run() {
    od::document doc = parser.iterate(json.data(), text.size(), json.size());
    std::string_view type = doc["type"];
    int64_t sid = doc["sid"];
    int64_t seq = doc["seq"];
    od::object msg = doc["msg"];
    std::string_view ticker = msg["market_ticker"];
    for (int side = 0; side < 2; ++side) {
      std::vector<PriceLevel> &dst = side ? no : yes;
      dst.clear();
      for (auto level : msg[side ? "no_dollars_fp" : "yes_dollars_fp"].get_array()) {
        od::array pair = level.get_array();
        auto it = pair.begin();
        const int64_t price = plain_fixed(*it, 6);
        ++it;
        const int64_t count = plain_fixed(*it, 2);
        dst.push_back({price, count});
      }
    }
    return yes.size() + no.size() + static_cast<uint64_t>(sid + seq) + type.size() + ticker.size();
  }
};

template <class Case>
void bench_case(benchmark::State &state) {
  Case c;
  c.run();  // warm: buffers reach their steady size
  c.run();
  const uint64_t allocs_before = kalshi::bench::allocations();
  for (auto _ : state) benchmark::DoNotOptimize(c.run());
  state.counters["allocs_per_msg"] =
      benchmark::Counter(static_cast<double>(kalshi::bench::allocations() - allocs_before),
                         benchmark::Counter::kAvgIterations);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_TEMPLATE(bench_case, OursDelta)->Name("delta/ours");
BENCHMARK_TEMPLATE(bench_case, PlainDelta)->Name("delta/simdjson_plain");
BENCHMARK_TEMPLATE(bench_case, SimdjsonPath<OursDelta>)->Name("delta/ours_simdjson_path");
BENCHMARK_TEMPLATE(bench_case, OursDeltaDeclined)->Name("delta_declined/ours");
BENCHMARK_TEMPLATE(bench_case, OursSnapshot)->Name("snapshot100/ours");
BENCHMARK_TEMPLATE(bench_case, PlainSnapshot)->Name("snapshot100/simdjson_plain");
BENCHMARK_TEMPLATE(bench_case, SimdjsonPath<OursSnapshot>)->Name("snapshot100/ours_simdjson_path");
BENCHMARK_TEMPLATE(bench_case, OursDeltaApply)->Name("delta_apply/ours");

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
  if (n == "delta/ours") return run_plain<OursDelta>(iters);
  if (n == "delta/simdjson_plain") return run_plain<PlainDelta>(iters);
  if (n == "delta_declined/ours") return run_plain<OursDeltaDeclined>(iters);
  if (n == "delta/ours_simdjson_path") return run_plain<SimdjsonPath<OursDelta>>(iters);
  if (n == "snapshot100/ours_simdjson_path") return run_plain<SimdjsonPath<OursSnapshot>>(iters);
  if (n == "snapshot100/ours") return run_plain<OursSnapshot>(iters);
  if (n == "snapshot100/simdjson_plain") return run_plain<PlainSnapshot>(iters);
  if (n == "delta_apply/ours") return run_plain<OursDeltaApply>(iters);
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
