// api/rest/presigner: ready signatures for hot (method, path) pairs made on a worker thread with
// an injected clock: hits verify over timestamp+METHOD+path, every signature is handed out once,
// stale entries (either side of the clock) are never handed out, the worker refreshes entries past
// half the freshness window, misses fall back to inline signing, and stop() joins and empties.
// Every wait is bounded.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "api/rest/presigner.h"
#include "crypto/key.h"
#include "crypto/verify.h"

extern "C" {
#include <cmocka.h>
}

namespace rest = kalshi::api::rest;
namespace crypto = kalshi::crypto;

namespace {

constexpr const char *kPost = "POST";
constexpr const char *kOrders = "/trade-api/v2/portfolio/events/orders";
constexpr uint64_t kT0 = 1703123456789ULL;
constexpr uint32_t kWaitMs = 60000;  // generous: RSA in a debug build on a loaded machine

std::string key_path(const char *name) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/keys/" + name;
}

std::shared_ptr<const crypto::PrivateKey> load_key(const char *name) {
  std::unique_ptr<crypto::PrivateKey> key;
  if (!crypto::load_private_key_file(key_path(name), "", &key).ok()) std::abort();
  return key;
}

std::unique_ptr<crypto::RsaPublicKey> load_pub() {
  std::ifstream f(key_path("rsa_pub.pem"));
  std::stringstream ss;
  ss << f.rdbuf();
  std::unique_ptr<crypto::RsaPublicKey> pub;
  if (!crypto::RsaPublicKey::load(ss.str(), &pub).ok()) std::abort();
  return pub;
}

struct Fixture {
  std::atomic<uint64_t> clock{kT0};
  std::unique_ptr<rest::Presigner> p;

  explicit Fixture(uint64_t max_age_ms = 1000, uint32_t pool = 3,
                   const char *key = "rsa_pkcs8.pem") {
    rest::Presigner::Options o;
    o.max_age_ms = max_age_ms;
    o.pool_size = pool;
    o.clock = [this] { return clock.load(); };
    o.poll_ms = 20;
    if (!rest::Presigner::create(load_key(key), o, &p).ok()) std::abort();
  }
};

std::string message(uint64_t ts, const char *method, const char *path) {
  return std::to_string(ts) + method + path;
}

void test_hit_verifies(void **) {
  Fixture f;
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());  // idempotent
  assert_true(f.p->wait_ready(kPost, kOrders, 3, kWaitMs));
  auto s = f.p->take(kPost, kOrders, kT0 + 10);
  assert_true(s.has_value());
  assert_int_equal(s->timestamp_ms, kT0);
  assert_true(load_pub()->verify_pss_b64(message(kT0, kPost, kOrders), s->signature_b64).ok());
  rest::HeaderList h;
  assert_true(s->append_headers("key-id", &h).ok());
  assert_string_equal(h[1].second.c_str(), "1703123456789");
  const rest::Presigner::Stats st = f.p->stats();
  assert_int_equal(st.hits, 1);
  assert_int_equal(st.misses, 0);
  assert_int_equal(st.inline_signed, 0);
  assert_true(st.background_signed >= 3);
}

void test_each_signature_used_once(void **) {
  Fixture f(1000, 4);
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  std::set<std::string> seen;
  for (int i = 0; i < 12; ++i) {
    assert_true(f.p->wait_ready(kPost, kOrders, 1, kWaitMs));
    auto s = f.p->take(kPost, kOrders, kT0);
    assert_true(s.has_value());
    assert_true(seen.insert(s->signature_b64).second);
  }
  // Every signature the worker made is accounted for exactly once: handed out, dropped as stale
  // or still in the pool.
  assert_true(f.p->wait_ready(kPost, kOrders, 4, kWaitMs));
  const rest::Presigner::Stats st = f.p->stats();
  assert_int_equal(st.hits, 12);
  assert_int_equal(st.background_signed, st.hits + st.expired + f.p->ready(kPost, kOrders));
}

void test_stale_never_handed_out(void **) {
  Fixture f(1000, 2);
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  assert_true(f.p->wait_ready(kPost, kOrders, 2, kWaitMs));
  // The worker's clock stays at kT0, so every entry has timestamp kT0: too old for kT0 + 1001 and,
  // for a clock stepped back, too new for kT0 - 1001.
  assert_false(f.p->take(kPost, kOrders, kT0 + 1001).has_value());
  assert_true(f.p->wait_ready(kPost, kOrders, 2, kWaitMs));
  assert_false(f.p->take(kPost, kOrders, kT0 - 1001).has_value());
  rest::Presigner::Stats st = f.p->stats();
  assert_int_equal(st.misses, 2);
  assert_true(st.expired >= 4);
  // Exactly at the window's edge it is still fresh.
  assert_true(f.p->wait_ready(kPost, kOrders, 1, kWaitMs));
  assert_true(f.p->take(kPost, kOrders, kT0 + 1000).has_value());

  // Once the clock moves the worker signs with the new time.
  f.clock = kT0 + 5000;
  f.p->kick();
  assert_true(f.p->wait_ready(kPost, kOrders, 2, kWaitMs));
  auto s = f.p->take(kPost, kOrders, kT0 + 5000);
  assert_true(s.has_value());
  assert_int_equal(s->timestamp_ms, kT0 + 5000);
}

void test_refresh_past_half_window(void **) {
  Fixture f(1000, 2);
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  assert_true(f.p->wait_ready(kPost, kOrders, 2, kWaitMs));
  const uint64_t expired_before = f.p->stats().expired;
  // 600 ms old is still acceptable (< 1000) but past the 500 ms refresh age: the worker replaces
  // both entries on its own.
  f.clock = kT0 + 600;
  f.p->kick();
  bool refreshed = false;
  for (int i = 0; i < 3000 && !refreshed; ++i) {  // bounded: at most ~60 s
    refreshed = f.p->stats().expired >= expired_before + 2 && f.p->ready(kPost, kOrders) == 2;
    if (!refreshed) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  assert_true(refreshed);
  auto s = f.p->take(kPost, kOrders, kT0 + 600);
  assert_true(s.has_value());
  assert_int_equal(s->timestamp_ms, kT0 + 600);
}

void test_miss_signs_inline(void **) {
  Fixture f;
  const auto pub = load_pub();
  rest::Presigner::Signed s;
  // Not registered: a miss, then signed here with the caller's time.
  assert_true(f.p->sign("GET", "/trade-api/v2/portfolio/balance", kT0 + 7, &s).ok());
  assert_int_equal(s.timestamp_ms, kT0 + 7);
  assert_true(pub->verify_pss_b64(message(kT0 + 7, "GET", "/trade-api/v2/portfolio/balance"),
                                  s.signature_b64)
                  .ok());
  rest::Presigner::Stats st = f.p->stats();
  assert_int_equal(st.misses, 1);
  assert_int_equal(st.inline_signed, 1);
  assert_int_equal(st.hits, 0);
  // Registered and ready: sign() is a hit and signs nothing inline.
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  assert_true(f.p->wait_ready(kPost, kOrders, 1, kWaitMs));
  assert_true(f.p->sign(kPost, kOrders, kT0, &s).ok());
  assert_true(pub->verify_pss_b64(message(kT0, kPost, kOrders), s.signature_b64).ok());
  st = f.p->stats();
  assert_int_equal(st.hits, 1);
  assert_int_equal(st.inline_signed, 1);
  assert_int_equal(f.p->sign("get", "/x", kT0, &s).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(f.p->sign(kPost, kOrders, kT0, nullptr).code, KALSHI_ERR_INVALID_ARG);
}

void test_stop_joins_and_empties(void **) {
  Fixture f;
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  assert_true(f.p->add_hot_path("POST", "/trade-api/v2/margin/orders").ok());
  assert_true(f.p->wait_ready(kPost, kOrders, 3, kWaitMs));
  f.p->stop();
  f.p->stop();  // idempotent
  assert_int_equal(f.p->ready(kPost, kOrders), 0);
  assert_false(f.p->take(kPost, kOrders, kT0).has_value());
  assert_false(f.p->wait_ready(kPost, kOrders, 1, 10));
  assert_int_equal(
      f.p->add_hot_path("DELETE", "/trade-api/v2/portfolio/events/orders/batched").code,
      KALSHI_ERR_STATE);
  // Inline signing with the caller's key still works after stop.
  rest::Presigner::Signed s;
  assert_true(f.p->sign(kPost, kOrders, kT0, &s).ok());
  // Destroying a running presigner (no explicit stop) joins too.
  Fixture g;
  assert_true(g.p->add_hot_path(kPost, kOrders).ok());
  g.p.reset();
}

void test_ed25519_and_bad_arguments(void **) {
  Fixture f(1000, 2, "ed25519.pem");
  assert_true(f.p->add_hot_path(kPost, kOrders).ok());
  assert_true(f.p->wait_ready(kPost, kOrders, 2, kWaitMs));
  auto s = f.p->take(kPost, kOrders, kT0);
  assert_true(s.has_value());
  assert_int_equal(s->signature_b64.size(), 88);
  assert_false(f.p->take("DELETE", kOrders, kT0).has_value());  // unregistered pair
  assert_int_equal(f.p->add_hot_path(kPost, "/trade-api/v2/x?y=1").code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(f.p->add_hot_path("post", kOrders).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(f.p->add_hot_path(kPost, "no-slash").code, KALSHI_ERR_INVALID_ARG);
  assert_false(f.p->wait_ready("GET", "/nope", 1, 10));

  std::unique_ptr<rest::Presigner> p;
  rest::Presigner::Options o;
  assert_int_equal(rest::Presigner::create(nullptr, o, &p).code, KALSHI_ERR_INVALID_ARG);
  assert_int_equal(rest::Presigner::create(load_key("rsa_pkcs8.pem"), o, nullptr).code,
                   KALSHI_ERR_INVALID_ARG);
  o.pool_size = 0;
  assert_int_equal(rest::Presigner::create(load_key("rsa_pkcs8.pem"), o, &p).code,
                   KALSHI_ERR_INVALID_ARG);
  o.pool_size = 65;
  assert_int_equal(rest::Presigner::create(load_key("rsa_pkcs8.pem"), o, &p).code,
                   KALSHI_ERR_INVALID_ARG);
  o.pool_size = 1;
  o.max_age_ms = 1;
  assert_int_equal(rest::Presigner::create(load_key("rsa_pkcs8.pem"), o, &p).code,
                   KALSHI_ERR_INVALID_ARG);
  assert_null(p.get());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hit_verifies),
      cmocka_unit_test(test_each_signature_used_once),
      cmocka_unit_test(test_stale_never_handed_out),
      cmocka_unit_test(test_refresh_past_half_window),
      cmocka_unit_test(test_miss_signs_inline),
      cmocka_unit_test(test_stop_joins_and_empties),
      cmocka_unit_test(test_ed25519_and_bad_arguments),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
