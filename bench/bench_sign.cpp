// Signing costs: the raw RSA-2048 PSS and Ed25519 signatures, and the whole kalshi_sign_rest call
// (message build, sign, base64) that every authenticated REST request and WebSocket upgrade pays.
#include <benchmark/benchmark.h>
#include <kalshi/key.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "crypto/key.h"

namespace {

const char *const kMsg = "1703123456789GET/trade-api/v2/portfolio/balance";

std::unique_ptr<kalshi::crypto::PrivateKey> load_cpp(const char *name) {
  std::unique_ptr<kalshi::crypto::PrivateKey> key;
  const std::string path = std::string(KALSHI_SOURCE_DIR) + "/tests/data/keys/" + name;
  if (!kalshi::crypto::load_private_key_file(path, "", &key).ok()) {
    std::fprintf(stderr, "cannot load %s\n", path.c_str());
    std::abort();
  }
  return key;
}

kalshi_key_t *load_c(const char *name) {
  const std::string path = std::string(KALSHI_SOURCE_DIR) + "/tests/data/keys/" + name;
  kalshi_key_t *key = nullptr;
  if (kalshi_key_load_file(path.c_str(), nullptr, &key, nullptr) != KALSHI_OK) std::abort();
  return key;
}

void raw_sign(benchmark::State &state, const char *file) {
  const auto key = load_cpp(file);
  uint8_t sig[kalshi::crypto::kMaxSignatureSize];
  const std::string msg = kMsg;
  for (auto _ : state) {
    size_t n = 0;
    const auto *m = reinterpret_cast<const uint8_t *>(msg.data());
    if (!key->sign({m, msg.size()}, sig, &n).ok()) state.SkipWithError("sign failed");
    benchmark::DoNotOptimize(sig);
  }
}

void sign_rest(benchmark::State &state, const char *file) {
  // Shared by all benchmark threads, as a client's key is.
  static kalshi_key_t *keys[2] = {nullptr, nullptr};
  const int slot = file[0] == 'r' ? 0 : 1;
  if (state.thread_index() == 0 && keys[slot] == nullptr) keys[slot] = load_c(file);
  char out[1100];
  for (auto _ : state) {
    size_t len = sizeof out;
    if (kalshi_sign_rest(keys[slot], 1703123456789LL, "GET",
                         "/trade-api/v2/portfolio/orders?limit=5", out, &len,
                         nullptr) != KALSHI_OK) {
      state.SkipWithError("kalshi_sign_rest failed");
    }
    benchmark::DoNotOptimize(out);
  }
}

void BM_RsaPss2048Sign(benchmark::State &s) {
  raw_sign(s, "rsa_pkcs8.pem");
}
void BM_Ed25519Sign(benchmark::State &s) {
  raw_sign(s, "ed25519.pem");
}
void BM_SignRest_Rsa2048(benchmark::State &s) {
  sign_rest(s, "rsa_pkcs8.pem");
}
void BM_SignRest_Ed25519(benchmark::State &s) {
  sign_rest(s, "ed25519.pem");
}

BENCHMARK(BM_RsaPss2048Sign)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Ed25519Sign)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SignRest_Rsa2048)->Unit(benchmark::kMicrosecond);
// Several threads on one RSA key: the per-key mutex serialises them (throughput, not latency).
BENCHMARK(BM_SignRest_Rsa2048)->Unit(benchmark::kMicrosecond)->Threads(2)->UseRealTime();
BENCHMARK(BM_SignRest_Ed25519)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SignRest_Ed25519)->Unit(benchmark::kMicrosecond)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
