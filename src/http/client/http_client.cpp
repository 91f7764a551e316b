// The pool, the request life cycle and the retries of http_client.h. Loop thread only, except
// Client::submit/close/stats (which post to the loop or read the stats under a lock).
//
// A request (Call) moves Waiting (limiter or retry backoff) -> Queued (in its pool, waiting for
// a free connection) -> Active (bound to a connection, bytes written, response being parsed) ->
// done, or back to Waiting for a retry. A pooled connection (Conn) is connecting, idle or busy
// with exactly one Call. Handlers of net::Connection hold weak references only, so a dropped
// Conn or a closed client ignores late callbacks.
//
// A proxy (ClientOptions::proxy_host) is net::Connection's CONNECT tunnel, for every endpoint.
#include "http/client/http_client.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <random>
#include <unordered_map>

#include "core/clock.h"
#include "http/client/loop_timer.h"
#include "http/parse/parse_error.h"
#include "http/parse/response_parser.h"
#include "http/parse/retry_after.h"
#include "http/write/request_writer.h"

namespace kalshi::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

uint64_t now_ms() {
  return monotonic_ns() / 1000000;
}

// The Host field: the port only when it is not the scheme's default; IPv6 literals bracketed.
std::string host_field(const Endpoint &ep) {
  std::string h = ep.host.find(':') != std::string::npos ? "[" + ep.host + "]" : ep.host;
  const uint16_t default_port = ep.tls ? 443 : 80;
  if (ep.port != default_port) h += ":" + std::to_string(ep.port);
  return h;
}

}  // namespace

const std::string *Response::header(std::string_view name) const {
  for (const auto &h : headers) {
    if (iequals(h.name, name)) return &h.value;
  }
  return nullptr;
}

struct Pool;
struct Conn;

struct Call {
  enum class State { New, Waiting, Queued, Active, Done };
  Request req;
  std::function<void(Response)> done;
  Response resp;
  State state = State::New;
  uint32_t attempts = 0;
  uint64_t deadline_ms = 0;
  std::unique_ptr<LoopTimer> deadline_timer;
  std::unique_ptr<LoopTimer> wait_timer;
  Pool *pool = nullptr;
  Conn *conn = nullptr;
};

struct Conn {
  std::shared_ptr<net::Connection> net;
  ResponseParser parser;
  Pool *pool = nullptr;
  std::shared_ptr<Call> call;
  bool connected = false;
  bool served = false;  // completed a response before (the next use is a reuse)
  std::unique_ptr<LoopTimer> idle_timer;
  explicit Conn(const Limits &limits) : parser(limits) {}
};

struct Pool {
  Endpoint endpoint;
  std::vector<std::shared_ptr<Conn>> conns;  // every live connection
  std::vector<Conn *> idle;                  // free ones, most recently idle last
  std::deque<std::shared_ptr<Call>> queue;   // waiting for a free connection
  size_t connecting = 0;
};

class ClientImpl final : public net::Closable, public std::enable_shared_from_this<ClientImpl> {
 public:
  ClientImpl(net::Runtime &rt, ClientOptions opts) : rt_(rt), opts_(std::move(opts)) {
    if (opts_.max_connections_per_endpoint == 0) opts_.max_connections_per_endpoint = 1;
    rng_.seed(std::random_device{}());
  }

  void enqueue(const std::shared_ptr<Call> &call);
  void close_client();
  net::Runtime &runtime() { return rt_; }
  Stats stats() const {
    std::lock_guard<std::mutex> lock(stats_mu_);
    return stats_;
  }
  // The runtime is closing: everything ends at once (close_client aborts every connection).
  void begin_close() override { close_client(); }
  void force_close() override {}
  // Loop thread. While registered, the client holds itself so the runtime never sees a dangling
  // Closable; close_client() lets go.
  void register_closable() {
    if (closed_) return;
    keep_self_ = shared_from_this();
    registered_ = true;
    rt_.add_closable(this);
  }

 private:
  void attempt(const std::shared_ptr<Call> &call);
  void dispatch(const std::shared_ptr<Call> &call, bool front);
  void pump(Pool *pool);
  void open_connection(Pool *pool);
  void make_idle(Conn *conn);
  void send(Conn *conn, const std::shared_ptr<Call> &call);
  void on_connected(Conn *conn);
  void on_data(Conn *conn, const uint8_t *data, size_t len);
  void on_closed(Conn *conn, const Error &err);
  void response_complete(Conn *conn, bool leftover);
  // Removes the connection from its pool and closes it (abort: at once, nothing flushed).
  void drop(Conn *conn, bool abort);
  void attempt_failed(const std::shared_ptr<Call> &call, Error err);
  void attempt_done(const std::shared_ptr<Call> &call);
  void on_deadline(const std::shared_ptr<Call> &call);
  void complete(const std::shared_ptr<Call> &call);
  Pool *pool_for(const Endpoint &ep);
  void refresh_gauges();
  template <typename F>
  void count(F f) {
    std::lock_guard<std::mutex> lock(stats_mu_);
    f(stats_);
  }

  net::Runtime &rt_;
  ClientOptions opts_;
  bool closed_ = false;
  bool registered_ = false;
  std::shared_ptr<ClientImpl> keep_self_;
  std::mt19937_64 rng_;
  RequestWriter writer_;
  std::unordered_map<std::string, std::unique_ptr<Pool>> pools_;
  // Calls not in a pool's queue and not on a connection (limiter or retry wait), so close()
  // can find them.
  std::vector<std::shared_ptr<Call>> waiting_;
  mutable std::mutex stats_mu_;
  Stats stats_;
};

Pool *ClientImpl::pool_for(const Endpoint &ep) {
  std::string key = (ep.tls ? "https://" : "http://") + ep.host + ":" + std::to_string(ep.port);
  auto &slot = pools_[key];
  if (!slot) {
    slot = std::make_unique<Pool>();
    slot->endpoint = ep;
  }
  return slot.get();
}

void ClientImpl::refresh_gauges() {
  Stats s{};
  for (auto &[key, pool] : pools_) {
    s.open_connections += pool->conns.size();
    s.idle_connections += pool->idle.size();
    s.queued += pool->queue.size();
  }
  count([&](Stats &st) {
    st.open_connections = s.open_connections;
    st.idle_connections = s.idle_connections;
    st.queued = s.queued;
  });
}

void ClientImpl::enqueue(const std::shared_ptr<Call> &call) {
  count([](Stats &s) { ++s.requests; });
  if (closed_) {
    call->resp.err = Error::make(KALSHI_ERR_CLOSED, "the HTTP client is closed");
    return complete(call);
  }
  if (call->req.endpoint.tls && !opts_.connect_template.tls) {
    call->resp.err =
        Error::make(KALSHI_ERR_INVALID_ARG, "TLS endpoint " + call->req.endpoint.host +
                                                " but the HTTP client has no TLS configuration");
    return complete(call);
  }
  const uint64_t timeout =
      call->req.timeout_ms != 0 ? call->req.timeout_ms : opts_.default_timeout_ms;
  call->deadline_ms = now_ms() + timeout;
  call->deadline_timer = std::make_unique<LoopTimer>(rt_.loop());
  call->wait_timer = std::make_unique<LoopTimer>(rt_.loop());
  std::weak_ptr<ClientImpl> weak = weak_from_this();
  call->deadline_timer->start(timeout, [weak, call] {
    if (auto self = weak.lock()) self->on_deadline(call);
  });
  attempt(call);
}

void ClientImpl::attempt(const std::shared_ptr<Call> &call) {
  std::erase(waiting_, call);
  if (closed_) {
    call->resp.err = Error::make(KALSHI_ERR_CLOSED, "the HTTP client is closed");
    return complete(call);
  }
  if (call->req.limiter) {
    const uint64_t now = now_ms();
    if (call->req.fail_fast_when_limited) {
      const uint64_t wait = call->req.limiter->acquire(call->req.cost, now);
      if (wait != 0) {
        call->resp.err =
            Error::make(KALSHI_ERR_RATE_LIMITED, "client-side rate limit: tokens available in " +
                                                     std::to_string(wait) + " ms");
        call->resp.err.retriable = true;
        call->resp.request_sent = false;
        return complete(call);
      }
    } else if (const uint64_t wait = call->req.limiter->reserve(call->req.cost, now); wait != 0) {
      call->state = Call::State::Waiting;
      waiting_.push_back(call);
      std::weak_ptr<ClientImpl> weak = weak_from_this();
      call->wait_timer->start(wait, [weak, call] {
        if (auto self = weak.lock()) self->dispatch(call, false);
      });
      return;
    }
  }
  dispatch(call, false);
}

void ClientImpl::dispatch(const std::shared_ptr<Call> &call, bool front) {
  std::erase(waiting_, call);
  if (call->state == Call::State::Done) return;
  if (closed_) {
    call->resp.err = Error::make(KALSHI_ERR_CLOSED, "the HTTP client is closed");
    return complete(call);
  }
  Pool *pool = pool_for(call->req.endpoint);
  call->pool = pool;
  call->state = Call::State::Queued;
  if (front) {
    pool->queue.push_front(call);
  } else {
    pool->queue.push_back(call);
  }
  pump(pool);
}

void ClientImpl::pump(Pool *pool) {
  while (!pool->queue.empty() && !pool->idle.empty()) {
    Conn *conn = pool->idle.back();  // LIFO: the warmest connection
    pool->idle.pop_back();
    conn->idle_timer->stop();
    std::shared_ptr<Call> call = pool->queue.front();
    pool->queue.pop_front();
    send(conn, call);
  }
  while (pool->queue.size() > pool->connecting &&
         pool->conns.size() < opts_.max_connections_per_endpoint && !closed_) {
    open_connection(pool);
  }
  refresh_gauges();
}

void ClientImpl::open_connection(Pool *pool) {
  net::ConnectOptions o = opts_.connect_template;
  o.host = pool->endpoint.host;
  o.port = pool->endpoint.port;
  o.server_name.clear();  // the endpoint's host is the name its certificate must carry
  if (!opts_.proxy_host.empty()) {
    o.proxy_host = opts_.proxy_host;
    o.proxy_port = opts_.proxy_port;
  }
  if (!pool->endpoint.tls) o.tls = nullptr;
  auto conn = std::make_shared<Conn>(opts_.parse_limits);
  conn->pool = pool;
  conn->idle_timer = std::make_unique<LoopTimer>(rt_.loop());
  std::weak_ptr<ClientImpl> wself = weak_from_this();
  std::weak_ptr<Conn> wconn = conn;
  net::Connection::Handlers h;
  h.on_connected = [wself, wconn] {
    auto self = wself.lock();
    auto c = wconn.lock();
    if (self && c) self->on_connected(c.get());
  };
  h.on_data = [wself, wconn](const uint8_t *data, size_t len) {
    auto self = wself.lock();
    auto c = wconn.lock();
    if (self && c) self->on_data(c.get(), data, len);
  };
  h.on_closed = [wself, wconn](const Error &err) {
    auto self = wself.lock();
    auto c = wconn.lock();
    if (self && c) self->on_closed(c.get(), err);
  };
  conn->net = net::Connection::create(rt_.loop(), std::move(o), std::move(h));
  pool->conns.push_back(conn);
  ++pool->connecting;
  count([](Stats &s) { ++s.connections_opened; });
  conn->net->start();
}

void ClientImpl::on_connected(Conn *conn) {
  conn->connected = true;
  --conn->pool->connecting;
  make_idle(conn);
  pump(conn->pool);
}

void ClientImpl::make_idle(Conn *conn) {
  conn->pool->idle.push_back(conn);
  std::weak_ptr<ClientImpl> wself = weak_from_this();
  conn->idle_timer->start(opts_.idle_timeout_ms, [wself, conn] {
    if (auto self = wself.lock()) self->drop(conn, false);
  });
}

void ClientImpl::send(Conn *conn, const std::shared_ptr<Call> &call) {
  Pool *pool = conn->pool;
  conn->call = call;
  call->conn = conn;
  call->state = Call::State::Active;
  ++call->attempts;
  Response &r = call->resp;
  r.err = {};
  r.status = 0;
  r.headers.clear();
  r.body.clear();
  r.request_sent = false;
  r.retry_after_ms = 0;
  if (conn->served) count([](Stats &s) { ++s.connections_reused; });

  std::vector<HeaderField> extra;
  if (call->req.prepare) {
    if (Error e = call->req.prepare(call->req, call->attempts, &extra); !e.ok()) {
      conn->call = nullptr;
      call->conn = nullptr;
      make_idle(conn);
      r.err = std::move(e);
      complete(call);
      return pump(pool);
    }
  }
  writer_.begin(call->req.method, call->req.target, host_field(pool->endpoint));
  for (const auto &h : call->req.headers) writer_.header(h.name, h.value);
  for (const auto &h : extra) writer_.header(h.name, h.value);
  writer_.finish(call->req.body);
  if (writer_.error() != WriteError::None) {
    conn->call = nullptr;
    call->conn = nullptr;
    make_idle(conn);
    r.err = Error::make(KALSHI_ERR_INVALID_ARG, std::string("cannot write the HTTP request: ") +
                                                    write_error_name(writer_.error()));
    complete(call);
    return pump(pool);
  }
  conn->parser.reset();
  conn->parser.expect_head_response(call->req.method == "HEAD");
  const std::string_view bytes = writer_.bytes();
  Error e = conn->net->write(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  if (!e.ok()) {
    // The pooled connection died while idle and we had not noticed yet: nothing of this request
    // left the machine, so it goes again on another connection whatever its method, and this
    // does not count as an attempt.
    conn->call = nullptr;
    call->conn = nullptr;
    --call->attempts;
    count([](Stats &s) { ++s.stale_resends; });
    drop(conn, true);
    return dispatch(call, true);
  }
  r.request_sent = true;
  r.first_byte_written_ns = monotonic_ns();
}

void ClientImpl::on_data(Conn *conn, const uint8_t *data, size_t len) {
  if (!conn->call) {
    // Bytes nobody asked for: the connection is out of step; never reuse it.
    return drop(conn, true);
  }
  std::string_view in(reinterpret_cast<const char *>(data), len);
  Response &r = conn->call->resp;
  // Until the parser needs more: the last event (Complete) may come from an empty remainder.
  for (;;) {
    const auto step = conn->parser.parse(in);
    in.remove_prefix(step.consumed);
    switch (step.event) {
      case MessageParser::Event::NeedMore:
        return;
      case MessageParser::Event::Head: {
        r.status = conn->parser.status();
        r.headers.clear();
        for (size_t i = 0; i < conn->parser.header_count(); ++i) {
          const Header h = conn->parser.header_at(i);
          r.headers.push_back({std::string(h.name), std::string(h.value)});
        }
        std::string_view ra;
        int64_t secs = 0;
        if (conn->parser.header("Retry-After", &ra) &&
            parse_retry_after(ra, wall_clock_ms() / 1000, &secs) && secs > 0) {
          r.retry_after_ms = static_cast<uint64_t>(secs) > UINT64_MAX / 1000
                                 ? UINT64_MAX
                                 : static_cast<uint64_t>(secs) * 1000;
        }
        break;
      }
      case MessageParser::Event::Body:
        r.body.append(step.body);
        break;
      case MessageParser::Event::Complete:
        if (r.status >= 100 && r.status < 200) {
          // An interim response (100 Continue, 103 Early Hints): the final one follows.
          conn->parser.next_message();
          r.headers.clear();
          r.status = 0;
          break;
        }
        return response_complete(conn, !in.empty());
      case MessageParser::Event::Error: {
        std::shared_ptr<Call> call = conn->call;
        conn->call = nullptr;
        call->conn = nullptr;
        drop(conn, true);
        attempt_failed(
            call, Error::make(KALSHI_ERR_PROTOCOL, std::string("malformed HTTP response from ") +
                                                       call->req.endpoint.host + ": " +
                                                       parse_error_name(conn->parser.error())));
        return;
      }
    }
  }
}

void ClientImpl::response_complete(Conn *conn, bool leftover) {
  std::shared_ptr<Call> call = conn->call;
  conn->call = nullptr;
  call->conn = nullptr;
  conn->served = true;
  Pool *pool = conn->pool;
  // Bytes after the response were never asked for (no pipelining): the stream is out of step.
  if (conn->parser.keep_alive() && !leftover && !closed_) {
    make_idle(conn);
  } else {
    drop(conn, false);
  }
  attempt_done(call);
  pump(pool);
}

void ClientImpl::on_closed(Conn *conn, const Error &err) {
  std::shared_ptr<Conn> keep;  // drop() releases the pool's reference
  for (auto &c : conn->pool->conns) {
    if (c.get() == conn) keep = c;
  }
  if (!keep) return;
  Pool *pool = conn->pool;
  std::shared_ptr<Call> call = conn->call;
  const bool was_connected = conn->connected;
  conn->call = nullptr;
  drop(conn, true);
  if (call) {
    call->conn = nullptr;
    if (err.ok()) {
      // A response read until the connection closed ends here.
      const auto step = conn->parser.finish();
      if (step.event == MessageParser::Event::Complete && call->resp.status >= 200) {
        attempt_done(call);
        return pump(pool);
      }
    }
    Error e = err.ok() ? Error::make(KALSHI_ERR_DISCONNECTED,
                                     call->req.endpoint.host +
                                         " closed the connection before the response was complete")
                       : err;
    attempt_failed(call, std::move(e));
  } else if (!was_connected && !pool->queue.empty()) {
    // A connection opened for the queue could not be made: the oldest waiter takes the failure
    // (as its attempt), so a dead endpoint fails requests instead of holding them forever.
    std::shared_ptr<Call> first = pool->queue.front();
    pool->queue.pop_front();
    ++first->attempts;
    first->resp.request_sent = false;
    first->resp.status = 0;
    attempt_failed(
        first, err.ok() ? Error::make(KALSHI_ERR_CONNECT, "connection to " + pool->endpoint.host +
                                                              " closed while opening")
                        : err);
  }
  pump(pool);
}

void ClientImpl::drop(Conn *conn, bool abort) {
  Pool *pool = conn->pool;
  auto it = std::find_if(pool->conns.begin(), pool->conns.end(),
                         [conn](const std::shared_ptr<Conn> &c) { return c.get() == conn; });
  if (it == pool->conns.end()) return;
  std::shared_ptr<Conn> keep = *it;
  pool->conns.erase(it);
  std::erase(pool->idle, conn);
  if (!conn->connected) --pool->connecting;
  conn->connected = true;  // counted out of `connecting` once only
  conn->idle_timer.reset();
  if (abort) {
    conn->net->force_close();
  } else {
    conn->net->close();
  }
  refresh_gauges();
}

void ClientImpl::attempt_failed(const std::shared_ptr<Call> &call, Error err) {
  call->resp.err = std::move(err);
  attempt_done(call);
}

void ClientImpl::attempt_done(const std::shared_ptr<Call> &call) {
  if (call->state == Call::State::Done) return;
  const uint64_t now = now_ms();
  if (!closed_) {
    const auto delay =
        retry_delay(opts_.retry, call->req.idempotent, call->resp, call->attempts, rng_());
    if (delay && now + *delay < call->deadline_ms) {
      count([](Stats &s) { ++s.retries; });
      call->state = Call::State::Waiting;
      waiting_.push_back(call);
      std::weak_ptr<ClientImpl> weak = weak_from_this();
      call->wait_timer->start(*delay, [weak, call] {
        if (auto self = weak.lock()) self->attempt(call);
      });
      return;
    }
  }
  complete(call);
}

void ClientImpl::on_deadline(const std::shared_ptr<Call> &call) {
  if (call->state == Call::State::Done) return;
  count([](Stats &s) { ++s.timeouts; });
  const uint64_t timeout =
      call->req.timeout_ms != 0 ? call->req.timeout_ms : opts_.default_timeout_ms;
  if (call->conn != nullptr) {
    // The response may still arrive: the connection can never be trusted again.
    Conn *conn = call->conn;
    conn->call = nullptr;
    call->conn = nullptr;
    drop(conn, true);
  }
  call->resp.err =
      Error::make(KALSHI_ERR_TIMEOUT, call->req.method + " " + call->req.target +
                                          " timed out after " + std::to_string(timeout) + " ms");
  call->resp.err.retriable = true;
  complete(call);
}

void ClientImpl::complete(const std::shared_ptr<Call> &call) {
  if (call->state == Call::State::Done) return;
  if (call->state == Call::State::Queued && call->pool != nullptr) {
    std::erase(call->pool->queue, call);
  }
  std::erase(waiting_, call);
  call->state = Call::State::Done;
  call->deadline_timer.reset();
  call->wait_timer.reset();
  call->resp.attempts = call->attempts;
  call->resp.done_ns = monotonic_ns();
  count([](Stats &s) { ++s.completed; });
  refresh_gauges();
  auto done = std::move(call->done);
  call->done = nullptr;
  if (done) done(std::move(call->resp));
}

void ClientImpl::close_client() {
  if (closed_) return;
  // Released when this function returns (it may hold the last reference).
  std::shared_ptr<ClientImpl> hold = std::move(keep_self_);
  closed_ = true;
  if (registered_) {
    rt_.remove_closable(this);
    registered_ = false;
  }
  // In-flight requests fail too: their connections are aborted so the loop can end at once.
  std::vector<std::shared_ptr<Call>> failing = waiting_;
  std::vector<Conn *> to_drop;
  for (auto &[key, pool] : pools_) {
    failing.insert(failing.end(), pool->queue.begin(), pool->queue.end());
    pool->queue.clear();
    for (auto &c : pool->conns) {
      to_drop.push_back(c.get());
      if (c->call) {
        failing.push_back(c->call);
        c->call->conn = nullptr;
        c->call = nullptr;
      }
    }
  }
  for (Conn *c : to_drop) drop(c, true);
  for (auto &call : failing) {
    call->resp.err = Error::make(KALSHI_ERR_CLOSED, "the HTTP client was closed");
    complete(call);
  }
}

// --- Client

std::shared_ptr<Client> Client::create(net::Runtime &rt, ClientOptions opts) {
  auto impl = std::make_shared<ClientImpl>(rt, std::move(opts));
  rt.post([impl] { impl->register_closable(); });
  return std::shared_ptr<Client>(new Client(impl));
}

Client::~Client() {
  close();
}

void Client::submit(Request req, std::function<void(Response)> done) {
  auto call = std::make_shared<Call>();
  call->req = std::move(req);
  call->done = std::move(done);
  call->resp.submit_ns = monotonic_ns();
  std::shared_ptr<ClientImpl> impl = impl_;
  if (!impl->runtime().post([impl, call] { impl->enqueue(call); })) {
    // The runtime is closing and will run nothing more: the only place left to report is here.
    Response r = std::move(call->resp);
    r.err = Error::make(KALSHI_ERR_CLOSED, "the runtime is closing");
    r.done_ns = monotonic_ns();
    if (call->done) call->done(std::move(r));
  }
}

void Client::close() {
  std::shared_ptr<ClientImpl> impl = impl_;
  impl->runtime().post([impl] { impl->close_client(); });
}

Stats Client::stats() const {
  return impl_->stats();
}

}  // namespace kalshi::http
