// The REST front end inside the Simulator over a real loopback socket: the "rest" listener
// answers, Simulator::fault("rest", ...) reaches it (503s, delay, reset), an unknown fault is
// refused, and a malformed request closes only its own connection. Every read has a timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "core/conf.h"
#include "sim/simulator.h"

// clang-format off
extern "C" {
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
}
// clang-format on

namespace {

using namespace kalshi;
using namespace kalshi::sim;

int connect_to(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  timeval tv{10, 0};  // a bound on every read
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
  return fd;
}

// Sends the request and reads one response (head + Content-Length body); "" when the server
// closed without answering.
std::string exchange_once(int fd, const std::string &req) {
  assert_int_equal(::send(fd, req.data(), req.size(), MSG_NOSIGNAL),
                   static_cast<ssize_t>(req.size()));
  std::string in;
  char buf[4096];
  for (;;) {
    const size_t head_end = in.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const size_t cl = in.find("Content-Length: ");
      const size_t len = cl == std::string::npos ? 0 : std::stoul(in.substr(cl + 16));
      if (in.size() >= head_end + 4 + len) return in.substr(0, head_end + 4 + len);
    }
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return in;
    in.append(buf, static_cast<size_t>(n));
  }
}

const std::string kStatus = "GET /trade-api/v2/exchange/status HTTP/1.1\r\nHost: sim\r\n\r\n";

bool starts_with(const std::string &s, const char *prefix) {
  return s.rfind(prefix, 0) == 0;
}

void test_rest_listener_and_faults(void **) {
  Conf conf;
  assert_true(conf.set("sim.tls", "false").ok());
  std::unique_ptr<Simulator> sim;
  assert_true(Simulator::start(conf, &sim).ok());
  uint16_t port = 0;
  assert_true(sim->port("rest", &port).ok());
  assert_true(port != 0);
  uint16_t none = 0;
  assert_int_equal(sim->port("rest.tls", &none).code, KALSHI_ERR_NOT_FOUND);

  int fd = connect_to(port);
  std::string r = exchange_once(fd, kStatus);
  assert_true(starts_with(r, "HTTP/1.1 200 OK\r\n"));
  assert_true(r.find("\"trading_active\":true") != std::string::npos);

  assert_false(sim->fault("rest", "", "explode").ok());
  assert_true(sim->fault("rest", "", "status_5xx=1").ok());
  assert_true(starts_with(exchange_once(fd, kStatus), "HTTP/1.1 503 "));
  assert_true(starts_with(exchange_once(fd, kStatus), "HTTP/1.1 200 "));
  assert_true(sim->fault("rest", "", "delay_ms=50").ok());
  assert_true(starts_with(exchange_once(fd, kStatus), "HTTP/1.1 200 "));
  assert_true(sim->fault("rest", "", "reset").ok());
  assert_string_equal(exchange_once(fd, kStatus).c_str(), "");
  ::close(fd);

  // A malformed request: 400 and close for that connection; the next one is served.
  fd = connect_to(port);
  assert_true(starts_with(exchange_once(fd, "BROKEN\r\n\r\n"), "HTTP/1.1 400 "));
  char b;
  assert_true(::recv(fd, &b, 1, 0) <= 0);
  ::close(fd);
  fd = connect_to(port);
  assert_true(starts_with(exchange_once(fd, kStatus), "HTTP/1.1 200 "));
  ::close(fd);
  sim->stop();
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rest_listener_and_faults),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
