// The WebSocket glue's receive path (src/api/ws/ws_session.h: on_text): decode, sequence and book
// apply, then the C ABI event (JSON copy + typed kalshi_obj) through the delivery window, per
// message. The bare decoder runs in the same program as the baseline, so the difference is what
// the glue and the event cost. No socket: the session is never started; a sink destroys each
// event at once (an application that keeps up).
//
//   build-c2/bench/bench_ws_session --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "api/ws/channels.h"
#include "api/ws/ws_session.h"
#include "net/runtime.h"

namespace {

using kalshi::EventPtr;
using kalshi::wsapi::Decoded;
using kalshi::wsapi::Decoder;
using kalshi::wsapi::Product;
using kalshi::wsapi::WsSession;
using kalshi::wsapi::WsSessionOptions;

class DropSink : public kalshi::EventSink {
 public:
  void emit(EventPtr ev) override {
    ++events;
    benchmark::DoNotOptimize(ev.get());
  }
  void log(kalshi_log_level_t, std::string) override {}
  uint64_t events = 0;
};

const std::string kSnapshot =
    R"({"type":"orderbook_snapshot","msg":{"market_ticker":"FED-23DEC-T3.00",)"
    R"("yes_dollars_fp":[["0.0800","300.00"],["0.2200","333.00"]],)"
    R"("no_dollars_fp":[["0.5400","20.00"],["0.5600","146.00"]]}})";
const std::string kDeltaUp =
    R"({"type":"orderbook_delta","msg":{"market_ticker":"FED-23DEC-T3.00",)"
    R"("price_dollars":"0.2200","delta_fp":"10.00","side":"yes","ts_ms":1700000000000}})";
const std::string kDeltaDown =
    R"({"type":"orderbook_delta","msg":{"market_ticker":"FED-23DEC-T3.00",)"
    R"("price_dollars":"0.2200","delta_fp":"-10.00","side":"yes","ts_ms":1700000000000}})";
const std::string kTicker =
    R"({"type":"ticker","msg":{"market_ticker":"FED-23DEC-T3.00","market_id":"9b0f6b43",)"
    R"("price_dollars":"0.480","yes_bid_dollars":"0.450","yes_ask_dollars":"0.530",)"
    R"("volume_fp":"33896.00","open_interest_fp":"20422.00","dollar_volume":16948,)"
    R"("dollar_open_interest":10211,"ts":1669149841,"ts_ms":1669149841000}})";

struct Fixture {
  kalshi::net::Runtime rt{kalshi::net::Runtime::Mode::Caller};
  std::shared_ptr<DropSink> sink = std::make_shared<DropSink>();
  std::shared_ptr<WsSession> session;
  explicit Fixture(bool top_events) {
    (void)rt.start();  // caller mode: a loop for wake-ups, no thread
    WsSessionOptions o;
    o.top_events = top_events;
    session = WsSession::create(&rt, sink, std::move(o));
    session->on_text(kSnapshot);
  }
};

void BM_DecodeOnly_Delta(benchmark::State &state) {
  Decoder dec(Product::Prediction);
  Decoded d;
  std::string padded = kDeltaUp + std::string(Decoder::kPadding, '\0');
  for (auto _ : state) {
    benchmark::DoNotOptimize(dec.decode(std::string_view(padded.data(), kDeltaUp.size()), &d));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeOnly_Delta);

void BM_Session_Delta(benchmark::State &state) {
  Fixture f(state.range(0) != 0);
  bool up = true;
  for (auto _ : state) {
    f.session->on_text(up ? kDeltaUp : kDeltaDown);
    up = !up;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["events_per_msg"] =
      static_cast<double>(f.sink->events) / static_cast<double>(state.iterations() + 1);
}
BENCHMARK(BM_Session_Delta)->Arg(0)->Arg(1)->ArgName("top_events");

void BM_Session_Snapshot(benchmark::State &state) {
  Fixture f(false);
  for (auto _ : state) f.session->on_text(kSnapshot);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Session_Snapshot);

void BM_DecodeOnly_Ticker(benchmark::State &state) {
  Decoder dec(Product::Prediction);
  Decoded d;
  std::string padded = kTicker + std::string(Decoder::kPadding, '\0');
  for (auto _ : state) {
    benchmark::DoNotOptimize(dec.decode(std::string_view(padded.data(), kTicker.size()), &d));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeOnly_Ticker);

void BM_Session_Ticker(benchmark::State &state) {
  Fixture f(false);
  for (auto _ : state) f.session->on_text(kTicker);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Session_Ticker);

}  // namespace

BENCHMARK_MAIN();
