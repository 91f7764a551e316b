// Asynchronous HTTP/1.1 client for the REST layer, on a net::Runtime loop.
//
//   auto client = http::Client::create(runtime, opts);
//   http::Request r;
//   r.method = "GET"; r.target = "/trade-api/v2/markets?limit=5";
//   r.endpoint = {"api.elections.kalshi.com", 443, true};
//   r.idempotent = true;
//   client->submit(std::move(r), [](http::Response resp) { ... });   // runs on the loop
//
// Per endpoint (host, port, tls) it keeps a pool of at most max_connections_per_endpoint
// keep-alive connections, one request at a time on each (no pipelining: a slow response would
// hold up the ones behind it, and a failure would leave their fate unknown). A free connection
// is reused most-recently-idle first (LIFO: warm connections stay warm, the rest idle out);
// when all are busy and the pool is full, requests queue in order. Idle connections close after
// idle_timeout_ms; a server's "Connection: close" is honoured; a connection that died while idle
// is dropped when noticed. Requests are retried per RetryPolicy (retry_policy.h). The request
// timeout covers queueing, the limiter's wait, connecting and every attempt; when it fires on
// a connection with the response pending that connection is closed, never reused.
//
// Threads: submit(), close() and stats() are thread-safe; everything else (the done callback,
// prepare) runs on the loop thread. The client keeps itself alive while requests are pending.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "http/client/rate_limiter.h"
#include "http/client/retry_policy.h"
#include "http/parse/message_parser.h"
#include "net/connection.h"
#include "net/runtime.h"

namespace kalshi::http {

struct Endpoint {
  std::string host;
  uint16_t port = 0;
  bool tls = false;
};

// An owned header field (http::Header in message_parser.h is the parser's view type).
struct HeaderField {
  std::string name, value;
};

struct Request {
  std::string method;
  std::string target;  // origin-form: path and query
  Endpoint endpoint;
  std::vector<HeaderField> headers;
  std::string body;
  bool idempotent = false;  // may be retried after it may have reached the server
  uint64_t timeout_ms = 0;  // 0: the client's default; covers the whole life of the request
  std::shared_ptr<RateLimiter> limiter;  // may be null
  uint32_t cost = 1;                     // tokens taken from the limiter per attempt
  bool fail_fast_when_limited = false;   // KALSHI_ERR_RATE_LIMITED instead of waiting
  // Called on the loop right before an attempt's bytes are written, on a ready connection
  // (REST signing adds its timestamped headers here). A non-ok Error fails the request with it.
  std::function<Error(const Request &, uint32_t attempt, std::vector<HeaderField> *extra)> prepare;
};

struct Response {
  Error err;  // ok iff a complete response arrived, whatever its status
  int status = 0;
  std::vector<HeaderField> headers;
  std::string body;           // decoded (gunzipped)
  bool request_sent = false;  // a byte of the final attempt was handed to the connection
  uint32_t attempts = 0;
  uint64_t retry_after_ms = 0;  // the server's Retry-After; 0 if none
  uint64_t submit_ns = 0, first_byte_written_ns = 0, done_ns = 0;  // monotonic_ns()

  // The first field with this name (case-insensitive), or null.
  const std::string *header(std::string_view name) const;
};

struct ClientOptions {
  // tls config, timeouts, loopback_only; host, port, server_name and proxy are set per endpoint
  net::ConnectOptions connect_template;
  size_t max_connections_per_endpoint = 4;
  uint64_t idle_timeout_ms = 60000;
  uint64_t default_timeout_ms = 30000;
  Limits parse_limits;
  // An HTTP proxy reached with CONNECT (net::ConnectOptions::proxy_host) when set: every
  // connection, TLS or not, is tunnelled through it.
  std::string proxy_host;
  uint16_t proxy_port = 0;
  RetryPolicy retry;
};

struct Stats {
  uint64_t requests = 0;            // submitted
  uint64_t completed = 0;           // done callbacks run
  uint64_t connections_opened = 0;  // connections started
  uint64_t connections_reused = 0;  // attempts sent on a connection that served before
  uint64_t retries = 0;             // attempts after the first, by the retry policy
  uint64_t stale_resends = 0;       // resends after a pooled connection was found closed
  uint64_t timeouts = 0;            // requests failed by their timeout
  uint64_t open_connections = 0;    // now, all endpoints
  uint64_t idle_connections = 0;    // now, all endpoints
  uint64_t queued = 0;              // now: waiting for a connection
};

class ClientImpl;

class Client {
 public:
  static std::shared_ptr<Client> create(net::Runtime &rt, ClientOptions opts);
  // Closes the client (as close()).
  ~Client();
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

  // Any thread; never runs `done` inside the call. `done` runs exactly once, on the loop
  // thread; after close() it fails with KALSHI_ERR_CLOSED. Only when the runtime is already
  // closing (and will run nothing more) does `done` run at once on the calling thread, with
  // KALSHI_ERR_CLOSED.
  void submit(Request req, std::function<void(Response)> done);
  // Any thread, idempotent: fails waiting, queued and in-flight requests with KALSHI_ERR_CLOSED
  // and aborts every connection (a REST client closing has nothing left worth flushing). The
  // client also closes this way when its runtime closes.
  void close();
  Stats stats() const;

 private:
  explicit Client(std::shared_ptr<ClientImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<ClientImpl> impl_;
};

}  // namespace kalshi::http
