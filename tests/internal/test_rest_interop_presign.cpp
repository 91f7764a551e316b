// api/rest/rest_client's presigned order creates against an independent verifier: the Python
// peer tests/interop/rest_peer.py checks every KALSHI-ACCESS-SIGNATURE with the `cryptography`
// package (RSA-PSS, SHA-256, salt 32), plain and through stunnel4 (TLS). The public C API cannot
// tell a presigned signature from an inline one; here the presigner's own counters prove the
// orders the peer verified were signed ahead (hits), not inline. Skipped without
// python3-cryptography or stunnel4; the peer is killed at the end and ends itself after 120 s.
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

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

std::string source_path(const char *rel) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  assert_non_null(root);
  return std::string(root) + "/" + rel;
}

std::string read_text(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Peer {
  FILE *proc = nullptr;
  long pid = 0;
  int plain_port = 0;
  int tls_port = 0;
  std::string ca, log, skip;
};

Peer g_peer;

int peer_start(void **) {
  const std::string cmd = "/usr/bin/python3 " + source_path("tests/interop/rest_peer.py");
  g_peer.proc = popen(cmd.c_str(), "r");
  if (g_peer.proc == nullptr) {
    g_peer.skip = "cannot run /usr/bin/python3";
    return 0;
  }
  char line[4096] = {0};
  if (fgets(line, sizeof line, g_peer.proc) == nullptr) return -1;
  if (std::strncmp(line, "skip", 4) == 0) {
    g_peer.skip = line;
    return 0;
  }
  std::istringstream in(line);
  if (!(in >> g_peer.pid >> g_peer.plain_port >> g_peer.tls_port >> g_peer.ca >> g_peer.log)) {
    fprintf(stderr, "rest_peer.py: %s", line);
    return -1;
  }
  return 0;
}

int peer_stop(void **) {
  if (g_peer.pid > 0) kill(static_cast<pid_t>(g_peer.pid), SIGTERM);
  if (g_peer.proc != nullptr) pclose(g_peer.proc);
  return 0;
}

// The peer's request log, one vector of tab-separated fields per request (rest_peer.py's format:
// via conn method target sig accept_encoding served status body_hex content_type).
std::vector<std::vector<std::string>> read_log() {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(read_text(g_peer.log));
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream f(line);
    for (std::string field; std::getline(f, field, '\t');) fields.push_back(field);
    assert_int_equal(fields.size(), 10);
    out.push_back(std::move(fields));
  }
  return out;
}

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

// A loop, a sink and a RestClient on the peer (plain, or TLS through stunnel with the peer's CA).
struct Rig {
  std::unique_ptr<kalshi::crypto::PrivateKey> key;
  kalshi::net::Runtime rt{kalshi::net::Runtime::Mode::Thread};
  Sink sink;
  kalshi::Conf conf;
  std::shared_ptr<rest::RestClient> client;

  Rig(bool tls, const char *presign) {
    const std::string pem = read_text(source_path("tests/data/keys/rsa_pkcs8.pem"));
    assert_true(kalshi::crypto::load_private_key(std::string_view(pem), "", &key).ok());
    const int port = tls ? g_peer.tls_port : g_peer.plain_port;
    assert_true(conf.set("rest.host", "127.0.0.1").ok());
    assert_true(conf.set("rest.port", std::to_string(port).c_str()).ok());
    assert_true(conf.set("rest.tls", tls ? "true" : "false").ok());
    if (tls) assert_true(conf.set("tls.ca_file", g_peer.ca.c_str()).ok());
    assert_true(conf.set("auth.key_id", kKeyId).ok());
    assert_true(conf.set("rest.rate_tier", "off").ok());
    assert_true(conf.set("rest.presign", presign).ok());
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
  }

  void order(const std::string &ticker, uint64_t tag) {
    const std::string body = R"({"ticker":")" + ticker +
                             R"(","side":"bid","count":"1.00","price":"0.01",)"
                             R"("time_in_force":"immediate_or_cancel",)"
                             R"("self_trade_prevention_type":"taker_at_cross"})";
    assert_true(client->call(Api::Prediction, "CreateOrderV2", {}, body, tag).ok());
    kalshi::EventPtr ev = sink.wait();
    assert_non_null(ev.get());
    assert_int_equal(ev->user_tag, tag);
    if (ev->error) fail_msg("order: %s", ev->error->e.message.c_str());
    assert_int_equal(rest::rest_body(ev.get())->status, 201);
  }
};

void presigned_orders_verify(bool tls) {
  if (!g_peer.skip.empty()) {
    print_message("skipped: %s\n", g_peer.skip.c_str());
    skip();
  }
  const size_t mark = read_log().size();
  Rig rig(tls, "true");
  rest::Presigner *p = rig.client->presigner(Api::Prediction);
  assert_non_null(p);
  assert_true(p->wait_ready("POST", kOrders, 2, 5000));
  rig.order("KXPRESIGN-A", 1);
  rig.order("KXPRESIGN-B", 2);
  const rest::Presigner::Stats st = p->stats();
  assert_int_equal(st.hits, 2);
  assert_int_equal(st.inline_signed, 0);
  const auto log = read_log();
  assert_int_equal(log.size() - mark, 2);
  for (size_t i = mark; i < log.size(); ++i) {
    assert_string_equal(log[i][0].c_str(), tls ? "tls" : "plain");
    assert_string_equal(log[i][2].c_str(), "POST");
    assert_string_equal(log[i][3].c_str(), kOrders);
    assert_string_equal(log[i][4].c_str(), "ok");  // verified by cryptography
  }
}

void test_presigned_orders_plain(void **) {
  presigned_orders_verify(false);
}
void test_presigned_orders_tls(void **) {
  presigned_orders_verify(true);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_presigned_orders_plain),
      cmocka_unit_test(test_presigned_orders_tls),
  };
  return cmocka_run_group_tests(tests, peer_start, peer_stop);
}
