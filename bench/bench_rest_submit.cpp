// REST order entry, submit -> first request byte written, against the in-process simulator over
// loopback: the RestClient (api/rest/rest_client.h) creating an immediate-or-cancel V2 order,
// with the signature presigned (taken in the HTTP client's prepare hook) or signed inline there
// (RSA-2048 PSS). The time is the HTTP client's own Response timestamps (submit_ns to
// first_byte_written_ns, carried on the event), so queueing to the loop, the limiter check, the
// connection pick, signing and request writing are in it, and the exchange's answer is not.
// Each iteration waits for its response (and, presigned, for a fresh signature to be ready) so
// every sample is one order on an idle client, as an order path sees it.
//
//   build/bench/bench_rest_submit --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// Counters: median_us (median of the iteration samples), p99_us.
#include <benchmark/benchmark.h>
#include <kalshi/kalshi.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "api/rest/auth.h"
#include "api/rest/catalog.h"
#include "api/rest/request_builder.h"
#include "api/rest/rest_client.h"
#include "api/rest/rest_event.h"
#include "core/conf.h"
#include "crypto/key.h"
#include "http/write/request_writer.h"
#include "net/runtime.h"

namespace {

namespace rest = kalshi::api::rest;

constexpr const char *kKeyId = "11111111-2222-3333-4444-555555555555";
constexpr const char *kOrders = "/trade-api/v2/portfolio/events/orders";

// Collects the RestClient's events for the benchmark thread.
class Sink : public kalshi::EventSink {
 public:
  void emit(kalshi::EventPtr ev) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(std::move(ev));
    cv_.notify_one();
  }
  void log(kalshi_log_level_t, std::string) override {}
  kalshi::EventPtr wait(int timeout_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return !events_.empty(); })) {
      return nullptr;
    }
    kalshi::EventPtr ev = std::move(events_.front());
    events_.pop_front();
    return ev;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<kalshi::EventPtr> events_;
};

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

[[noreturn]] void die(const char *what) {
  std::fprintf(stderr, "bench_rest_submit: %s\n", what);
  std::abort();
}

struct Fixture {
  kalshi_sim_t *sim = nullptr;
  std::unique_ptr<kalshi::crypto::PrivateKey> key;
  uint16_t port = 0;

  Fixture() {
    kalshi_conf_t *c = kalshi_conf_new();
    if (c == nullptr) die("conf");
    kalshi_conf_set(c, "sim.rest.write_per_s", "1000000", nullptr, 0);
    kalshi_conf_set(c, "sim.rest.read_per_s", "1000000", nullptr, 0);
    kalshi_conf_set(c, "sim.tls", "false", nullptr, 0);
    if (kalshi_sim_start(c, &sim, nullptr) != KALSHI_OK) die("sim start");
    kalshi_conf_destroy(c);
    const std::string dir = std::string(KALSHI_SOURCE_DIR) + "/tests/data/keys/";
    const std::string pub = read_file(dir + "rsa_pub.pem");
    if (kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, kKeyId, pub.data(), pub.size(), 0,
                                nullptr, nullptr) != KALSHI_OK) {
      die("register key");
    }
    if (!kalshi::crypto::load_private_key_file(dir + "rsa_pkcs8.pem", "", &key).ok()) die("key");
    if (kalshi_sim_port(sim, "rest", &port) != KALSHI_OK) die("port");
  }
  ~Fixture() { kalshi_sim_destroy(sim); }
};

Fixture &fixture() {
  static Fixture f;
  return f;
}

void BM_CreateOrderSubmitToFirstByte(benchmark::State &state) {
  const bool presign = state.range(0) != 0;
  Fixture &f = fixture();
  kalshi::Conf conf;
  conf.set("rest.host", "127.0.0.1");
  conf.set("rest.port", std::to_string(f.port).c_str());
  conf.set("rest.tls", "false");
  conf.set("rest.rate_tier", "off");
  conf.set("rest.presign", presign ? "true" : "false");
  conf.set("auth.key_id", kKeyId);
  kalshi::net::Runtime rt(kalshi::net::Runtime::Mode::Thread);
  if (!rt.start().ok()) die("runtime");
  Sink sink;
  rest::RestClient::Deps deps;
  deps.runtime = &rt;
  deps.sink = &sink;
  deps.conf = &conf;
  deps.key = f.key.get();
  std::shared_ptr<rest::RestClient> client;
  if (!rest::RestClient::create(deps, &client).ok()) die("rest client");

  const std::string body =
      "{\"ticker\":\"HIGHNY-26NOV21-T50\",\"side\":\"bid\",\"count\":\"1\",\"price\":\"0.01\","
      "\"time_in_force\":\"immediate_or_cancel\",\"self_trade_prevention_type\":\"taker_at_"
      "cross\"}";
  std::vector<double> samples;
  uint64_t tag = 0;
  // One warm-up order opens the keep-alive connection.
  auto one = [&](bool record) {
    if (presign &&
        !client->presigner(kalshi::rest::Api::Prediction)->wait_ready("POST", kOrders, 1, 5000)) {
      die("no presigned signature");
    }
    if (!client->call(kalshi::rest::Api::Prediction, "CreateOrderV2", {}, body, ++tag).ok()) {
      die("call");
    }
    kalshi::EventPtr ev = sink.wait(10000);
    if (!ev || ev->error) die(ev && ev->error ? ev->error->e.message.c_str() : "no response");
    const rest::RestEventBody *b = rest::rest_body(ev.get());
    const double us = static_cast<double>(b->first_byte_written_ns - b->submit_ns) / 1000.0;
    if (record) samples.push_back(us);
    return us;
  };
  one(false);
  for (auto _ : state) {
    state.SetIterationTime(one(true) / 1e6);
  }
  std::sort(samples.begin(), samples.end());
  if (!samples.empty()) {
    state.counters["median_us"] = samples[samples.size() / 2];
    state.counters["p99_us"] = samples[samples.size() * 99 / 100];
  }
  if (rest::Presigner *p = client->presigner(kalshi::rest::Api::Prediction); p != nullptr) {
    const auto st = p->stats();
    state.counters["presign_hits"] = static_cast<double>(st.hits);
    state.counters["inline_signed"] = static_cast<double>(st.inline_signed);
  }
  client->close();
  rt.begin_close(1000, [] {});
  rt.wait_closed(5000);
}

// Request build overhead alone (no I/O, no signing): the V2 order body validated against the
// catalog, the target built, a presigned signature's three headers added, and the request head
// and body written. This is what the order path adds on top of the signature and the socket.
void BM_BuildCreateOrderRequest(benchmark::State &state) {
  const kalshi::rest::OperationDef *op =
      kalshi::rest::find_operation(kalshi::rest::Api::Prediction, "CreateOrderV2");
  if (op == nullptr) {
    state.SkipWithError("CreateOrderV2 not in the catalog");
    return;
  }
  const std::string body =
      "{\"ticker\":\"HIGHNY-26NOV21-T50\",\"client_order_id\":"
      "\"550e8400-e29b-41d4-a716-446655440000\",\"side\":\"bid\",\"count\":\"10.00\","
      "\"price\":\"0.5600\",\"time_in_force\":\"immediate_or_cancel\","
      "\"self_trade_prevention_type\":\"taker_at_cross\"}";
  // A base64 RSA-2048 signature is 344 characters; its content does not matter here.
  const std::string signature(344, 'A');
  kalshi::rest::BuiltRequest built;
  rest::HeaderList headers;
  kalshi::http::RequestWriter writer;
  size_t bytes = 0;
  for (auto _ : state) {
    headers.clear();
    if (!kalshi::rest::build_request(*op, {}, body, &built).ok() ||
        !rest::append_signature_headers(kKeyId, 1763700000000, signature, &headers).ok()) {
      state.SkipWithError("build failed");
      return;
    }
    writer.begin(built.method, built.target, "api.elections.kalshi.com");
    for (const auto &[name, value] : headers) writer.header(name, value);
    writer.header("Content-Type", "application/json");
    writer.finish(built.body);
    bytes = writer.bytes().size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["request_bytes"] = static_cast<double>(bytes);
}

}  // namespace

BENCHMARK(BM_BuildCreateOrderRequest);

BENCHMARK(BM_CreateOrderSubmitToFirstByte)
    ->ArgName("presign")
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(200);

BENCHMARK_MAIN();
