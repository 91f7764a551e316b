// api/rest/rest_client against the in-process simulator over loopback: an order create signed
// with a presigned signature (taken in the prepare hook, accepted by the exchange, counted as a
// hit), the same with presigning off (inline), and the client-side limiter in wait mode (requests
// over the bucket complete instead of failing).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <kalshi/kalshi.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

#include "api/rest/rest_client.h"
#include "api/rest/rest_event.h"
#include "core/conf.h"
#include "crypto/key.h"
#include "net/runtime.h"

extern "C" {
#include <cmocka.h>
}

namespace {

namespace rest = kalshi::api::rest;
using kalshi::rest::Api;

constexpr const char *kKeyId = "11111111-2222-3333-4444-555555555555";
constexpr const char *kOrders = "/trade-api/v2/portfolio/events/orders";
constexpr const char *kOrderBody =
    R"({"ticker":"HIGHNY-26NOV21-T50","side":"bid","count":"1","price":"0.01",)"
    R"("time_in_force":"immediate_or_cancel","self_trade_prevention_type":"taker_at_cross"})";

class Sink : public kalshi::EventSink {
 public:
  void emit(kalshi::EventPtr ev) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(std::move(ev));
    cv_.notify_one();
  }
  void log(kalshi_log_level_t, std::string) override {}
  kalshi::EventPtr wait() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::seconds(10), [this] { return !events_.empty(); })) {
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

std::string source_file(const char *rel) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  assert_non_null(root);
  std::ifstream in(std::string(root) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A simulator with the test key, a loop, a sink and a RestClient configured by `props`.
struct Rig {
  kalshi_sim_t *sim = nullptr;
  std::unique_ptr<kalshi::crypto::PrivateKey> key;
  kalshi::net::Runtime rt{kalshi::net::Runtime::Mode::Thread};
  Sink sink;
  kalshi::Conf conf;
  std::shared_ptr<rest::RestClient> client;

  explicit Rig(std::initializer_list<std::pair<const char *, const char *>> props) {
    assert_int_equal(kalshi_sim_start(nullptr, &sim, nullptr), KALSHI_OK);
    const std::string pub = source_file("tests/data/keys/rsa_pub.pem");
    assert_int_equal(kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, kKeyId, pub.data(),
                                             pub.size(), 0, nullptr, nullptr),
                     KALSHI_OK);
    const std::string pem = source_file("tests/data/keys/rsa_pkcs8.pem");
    assert_true(kalshi::crypto::load_private_key(std::string_view(pem), "", &key).ok());
    uint16_t port = 0;
    assert_int_equal(kalshi_sim_port(sim, "rest", &port), KALSHI_OK);
    assert_true(conf.set("rest.host", "127.0.0.1").ok());
    assert_true(conf.set("rest.port", std::to_string(port).c_str()).ok());
    assert_true(conf.set("rest.tls", "false").ok());
    assert_true(conf.set("auth.key_id", kKeyId).ok());
    for (const auto &[k, v] : props) assert_true(conf.set(k, v).ok());
    assert_true(rt.start().ok());
    rest::RestClient::Deps deps;
    deps.runtime = &rt;
    deps.sink = &sink;
    deps.conf = &conf;
    deps.key = key.get();
    assert_true(rest::RestClient::create(deps, &client).ok());
  }
  ~Rig() {
    client->close();
    client.reset();
    rt.begin_close(1000, [] {});
    rt.wait_closed(5000);
    kalshi_sim_destroy(sim);
  }

  // Submits a V2 order and returns its (successful) response event.
  kalshi::EventPtr order(uint64_t tag) {
    assert_true(client->call(Api::Prediction, "CreateOrderV2", {}, kOrderBody, tag).ok());
    kalshi::EventPtr ev = sink.wait();
    assert_non_null(ev.get());
    assert_int_equal(ev->user_tag, tag);
    if (ev->error) fail_msg("order: %s", ev->error->e.message.c_str());
    assert_int_equal(rest::rest_body(ev.get())->status, 201);
    return ev;
  }
};

void test_presigned_order_is_accepted(void **) {
  Rig rig({{"rest.presign", "true"}, {"rest.rate_tier", "off"}});
  rest::Presigner *p = rig.client->presigner(Api::Prediction);
  assert_non_null(p);
  assert_true(p->wait_ready("POST", kOrders, 2, 5000));
  rig.order(1);
  rig.order(2);
  const rest::Presigner::Stats st = p->stats();
  assert_int_equal(st.hits, 2);
  assert_int_equal(st.inline_signed, 0);
}

void test_inline_signing_when_presign_off(void **) {
  Rig rig({{"rest.presign", "false"}, {"rest.rate_tier", "off"}});
  assert_null(rig.client->presigner(Api::Prediction));
  rig.order(1);
}

void test_limiter_waits_in_order(void **) {
  // 20 read tokens a second (one second of burst), 10 per request: the third request waits.
  Rig rig({{"rest.rate_tier", "custom"},
           {"rest.rate_read_per_s", "20"},
           {"rest.rate_write_per_s", "20"},
           {"rest.presign", "false"}});
  const kalshi::rest::Param p[] = {{"ticker", "HIGHNY-26NOV21-T50"}};
  for (uint64_t tag = 1; tag <= 3; ++tag) {
    assert_true(rig.client->call(Api::Prediction, "GetMarket", p, {}, tag).ok());
  }
  uint64_t seen = 0;  // bit per tag: each completes once (pooled connections may reorder)
  for (int i = 0; i < 3; ++i) {
    kalshi::EventPtr ev = rig.sink.wait();
    assert_non_null(ev.get());
    assert_null(ev->error.get());
    assert_true(ev->user_tag >= 1 && ev->user_tag <= 3);
    seen |= uint64_t{1} << ev->user_tag;
  }
  assert_int_equal(seen, 0xE);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_presigned_order_is_accepted),
      cmocka_unit_test(test_inline_signing_when_presign_off),
      cmocka_unit_test(test_limiter_waits_in_order),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
