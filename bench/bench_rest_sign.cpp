// REST signing on the order path: signing inline (kalshi_signature_headers: message build, RSA-PSS
// or Ed25519, base64, three headers) against taking a ready signature from the Presigner
// (api/rest/presigner.h) and building the same headers. Reports time per operation and, where the
// kernel allows perf_event_open for the own process, user-space instructions per operation
// ("instructions" counter; absent otherwise).
//
//   build/bench/bench_rest_sign --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "api/rest/auth.h"
#include "api/rest/presigner.h"
#include "crypto/key.h"

namespace {

namespace rest = kalshi::api::rest;
namespace crypto = kalshi::crypto;

constexpr const char *kKeyId = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";
constexpr const char *kPost = "POST";
constexpr const char *kOrders = "/trade-api/v2/portfolio/events/orders";

std::shared_ptr<const crypto::PrivateKey> load(const char *name) {
  std::unique_ptr<crypto::PrivateKey> key;
  const std::string path = std::string(KALSHI_SOURCE_DIR) + "/tests/data/keys/" + name;
  if (!crypto::load_private_key_file(path, "", &key).ok()) {
    std::fprintf(stderr, "cannot load %s\n", path.c_str());
    std::abort();
  }
  return key;
}

// User-space retired instructions of this thread; inactive when perf events are not permitted.
class InstructionCounter {
 public:
  InstructionCounter() {
    perf_event_attr attr;
    std::memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_HARDWARE;
    attr.size = sizeof attr;
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    fd_ = static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
  }
  ~InstructionCounter() {
    if (fd_ >= 0) close(fd_);
  }
  InstructionCounter(const InstructionCounter &) = delete;
  InstructionCounter &operator=(const InstructionCounter &) = delete;

  bool active() const { return fd_ >= 0; }
  uint64_t read_now() const {
    uint64_t v = 0;
    if (fd_ < 0 || ::read(fd_, &v, sizeof v) != static_cast<ssize_t>(sizeof v)) return 0;
    return v;
  }

 private:
  int fd_ = -1;
};

void report_instructions(benchmark::State &state, const InstructionCounter &c, uint64_t total) {
  if (c.active() && state.iterations() > 0)
    state.counters["instructions"] =
        static_cast<double>(total) / static_cast<double>(state.iterations());
}

void inline_sign(benchmark::State &state, const char *file) {
  const auto key = load(file);
  rest::HeaderList h;
  h.reserve(4);
  InstructionCounter ic;
  uint64_t ts = 1703123456789ULL;
  const uint64_t start = ic.read_now();
  for (auto _ : state) {
    h.clear();
    if (!rest::kalshi_signature_headers(*key, kKeyId, kPost, kOrders, ts++, &h).ok())
      state.SkipWithError("sign failed");
    benchmark::DoNotOptimize(h.data());
  }
  report_instructions(state, ic, ic.read_now() - start);
}

// Times only the take (and header building): the wait for the worker to refill is outside the
// measured interval (manual time), as it is off the order path in real use.
void presigned_take(benchmark::State &state, const char *file, bool with_headers) {
  std::unique_ptr<rest::Presigner> p;
  rest::Presigner::Options o;
  o.pool_size = 64;
  o.max_age_ms = 60000;
  if (!rest::Presigner::create(load(file), o, &p).ok() || !p->add_hot_path(kPost, kOrders).ok()) {
    state.SkipWithError("presigner");
    return;
  }
  rest::HeaderList h;
  h.reserve(4);
  InstructionCounter ic;
  uint64_t instructions = 0;
  uint64_t n = 0;
  for (auto _ : state) {
    // Refill to full every 32 takes (untimed), so the timed takes meet an idle worker, as an
    // order does in real use; 64 -> 32 entries never reaches the wake-up watermark.
    if (n++ % 32 == 0 && !p->wait_ready(kPost, kOrders, 64, 120000)) {
      state.SkipWithError("no signature ready");
      break;
    }
    const uint64_t now_ms =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
    const auto t0 = std::chrono::steady_clock::now();
    const uint64_t i0 = ic.read_now();
    std::optional<rest::Presigner::Signed> s = p->take(kPost, kOrders, now_ms);
    if (s && with_headers) {
      h.clear();
      (void)s->append_headers(kKeyId, &h);
    }
    const uint64_t i1 = ic.read_now();
    const auto t1 = std::chrono::steady_clock::now();
    if (!s) state.SkipWithError("miss");
    benchmark::DoNotOptimize(h.data());
    instructions += i1 - i0;
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
  }
  report_instructions(state, ic, instructions);
  const rest::Presigner::Stats st = p->stats();
  state.counters["misses"] = static_cast<double>(st.misses);
}

void BM_RestSign_Inline_Rsa2048(benchmark::State &s) {
  inline_sign(s, "rsa_pkcs8.pem");
}
void BM_RestSign_Inline_Ed25519(benchmark::State &s) {
  inline_sign(s, "ed25519.pem");
}
void BM_RestSign_PresignedTake_Rsa2048(benchmark::State &s) {
  presigned_take(s, "rsa_pkcs8.pem", false);
}
void BM_RestSign_PresignedTakeHeaders_Rsa2048(benchmark::State &s) {
  presigned_take(s, "rsa_pkcs8.pem", true);
}

BENCHMARK(BM_RestSign_Inline_Rsa2048)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_RestSign_Inline_Ed25519)->Unit(benchmark::kNanosecond);
// Every 32 iterations wait (untimed) for the worker to sign 32 more, so keep the count modest.
BENCHMARK(BM_RestSign_PresignedTake_Rsa2048)
    ->Unit(benchmark::kNanosecond)
    ->UseManualTime()
    ->Iterations(2000);
BENCHMARK(BM_RestSign_PresignedTakeHeaders_Rsa2048)
    ->Unit(benchmark::kNanosecond)
    ->UseManualTime()
    ->Iterations(2000);

}  // namespace

BENCHMARK_MAIN();
