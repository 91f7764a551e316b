#include "sim/net/stream_server.h"

#include <netinet/in.h>

#include <csignal>
#include <mutex>
#include <unordered_set>

#include "net/dns.h"
#include "sim/net/accepted_stream.h"

namespace kalshi::sim {

namespace {

constexpr int kBacklog = 128;

uv_handle_t *as_handle(uv_tcp_t *t) {
  return reinterpret_cast<uv_handle_t *>(t);
}

// Only IP literals on the loopback interface (and "localhost" for 127.0.0.1): the simulator
// must never be reachable from another machine.
Error loopback_address(std::string_view host, uint16_t port, sockaddr_storage *out) {
  std::string text(host);
  if (text == "localhost") text = "127.0.0.1";
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  *out = {};
  auto *sin = reinterpret_cast<sockaddr_in *>(out);
  auto *sin6 = reinterpret_cast<sockaddr_in6 *>(out);
  if (uv_ip4_addr(text.c_str(), port, sin) != 0 && uv_ip6_addr(text.c_str(), port, sin6) != 0) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "listen host '" + std::string(host) + "' is not a loopback IP address");
  }
  if (!net::is_loopback_address(*out)) {
    return Error::make(KALSHI_ERR_INVALID_ARG, "listen host '" + std::string(host) +
                                                   "' is not loopback; the simulator listens "
                                                   "on 127.0.0.1 or ::1 only");
  }
  return {};
}

// libuv writes with write(2), which on Linux raises SIGPIPE when a client has gone away, and the
// default action ends the process: one client hanging up mid-write would kill the simulator.
// Linux has no per-socket opt-out, so a listener turns SIGPIPE off process-wide, but only while
// it is still at the default: an application's own handler or choice is left alone.
void ignore_sigpipe_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) != 0) return;
    if (current.sa_handler != SIG_DFL || (current.sa_flags & SA_SIGINFO) != 0) return;
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
  });
}

class Listener final : public StreamServer {
 public:
  Listener(uv_loop_t *loop, std::shared_ptr<TlsServerConfig> tls, ListenOptions options,
           AcceptFn on_accept)
      : loop_(loop), tls_(std::move(tls)), options_(options), on_accept_(std::move(on_accept)) {}

  Error start(std::shared_ptr<Listener> self, const sockaddr_storage &addr) {
    uv_tcp_init(loop_, &tcp_);
    tcp_.data = this;
    self_ = std::move(self);  // until the handle has closed
    const auto *sa = reinterpret_cast<const sockaddr *>(&addr);
    const unsigned flags = addr.ss_family == AF_INET6 ? UV_TCP_IPV6ONLY : 0;
    int rc = uv_tcp_bind(&tcp_, sa, flags);
    if (rc == 0) {
      rc = uv_listen(reinterpret_cast<uv_stream_t *>(&tcp_), kBacklog, &Listener::on_connection);
    }
    if (rc == 0) {
      sockaddr_storage bound{};
      int len = sizeof bound;
      rc = uv_tcp_getsockname(&tcp_, reinterpret_cast<sockaddr *>(&bound), &len);
      if (rc == 0) {
        port_ = bound.ss_family == AF_INET6
                    ? ntohs(reinterpret_cast<const sockaddr_in6 &>(bound).sin6_port)
                    : ntohs(reinterpret_cast<const sockaddr_in &>(bound).sin_port);
      }
    }
    if (rc != 0) {
      closed_ = true;
      uv_close(as_handle(&tcp_), &Listener::on_closed);
      return Error::make(KALSHI_ERR_IO,
                         "cannot listen on " + net::address_text(addr) + ": " + uv_strerror(rc));
    }
    return {};
  }

  uint16_t port() const override { return port_; }
  size_t connections() const override { return streams_.size(); }

  void close() override {
    if (!closed_) {
      closed_ = true;
      uv_close(as_handle(&tcp_), &Listener::on_closed);
    }
    // The set shrinks as streams finish, which happens in later callbacks, never in close().
    for (AcceptedStream *s : snapshot()) s->close();
  }
  void begin_close() override { close(); }
  void force_close() override {
    if (!closed_) {
      closed_ = true;
      uv_close(as_handle(&tcp_), &Listener::on_closed);
    }
    for (AcceptedStream *s : snapshot()) s->abort();
  }

 private:
  std::vector<AcceptedStream *> snapshot() const {
    return std::vector<AcceptedStream *>(streams_.begin(), streams_.end());
  }

  static void on_closed(uv_handle_t *h) {
    auto *l = static_cast<Listener *>(h->data);
    std::shared_ptr<Listener> keep = std::move(l->self_);
  }

  static void on_connection(uv_stream_t *server, int status) {
    auto *l = static_cast<Listener *>(server->data);
    if (status < 0 || l->closed_) return;  // e.g. EMFILE: the client is retried by the kernel
    l->accept_one(server);
  }

  void accept_one(uv_stream_t *server) {
    std::weak_ptr<Listener> weak = std::static_pointer_cast<Listener>(self_);
    auto stream = AcceptedStream::create(loop_, tls_, options_, [weak](AcceptedStream *s) {
      if (auto l = weak.lock()) l->streams_.erase(s);
    });
    if (!stream->accept_from(server).ok()) return;  // it closes itself
    streams_.insert(stream.get());
    if (!on_accept_) return stream->abort();
    on_accept_(stream);
  }

  uv_loop_t *loop_;
  std::shared_ptr<TlsServerConfig> tls_;
  ListenOptions options_;
  AcceptFn on_accept_;
  uv_tcp_t tcp_{};
  std::shared_ptr<Listener> self_;
  bool closed_ = false;
  uint16_t port_ = 0;
  std::unordered_set<AcceptedStream *> streams_;
};

}  // namespace

Error StreamServer::listen(uv_loop_t *loop, std::string_view host, uint16_t port,
                           std::shared_ptr<TlsServerConfig> tls, ListenOptions options,
                           AcceptFn on_accept, std::shared_ptr<StreamServer> *out) {
  if (loop == nullptr || out == nullptr) {
    return Error::make(KALSHI_ERR_INVALID_ARG, "listen: loop and out are required");
  }
  sockaddr_storage addr{};
  if (Error e = loopback_address(host, port, &addr); !e.ok()) return e;
  ignore_sigpipe_once();
  auto listener = std::make_shared<Listener>(loop, std::move(tls), options, std::move(on_accept));
  if (Error e = listener->start(listener, addr); !e.ok()) return e;
  *out = std::move(listener);
  return {};
}

Error StreamServer::listen(uv_loop_t *loop, std::string_view host, uint16_t port,
                           std::shared_ptr<TlsServerConfig> tls, AcceptFn on_accept,
                           std::shared_ptr<StreamServer> *out) {
  return listen(loop, host, port, std::move(tls), ListenOptions{}, std::move(on_accept), out);
}

}  // namespace kalshi::sim
