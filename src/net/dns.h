// Asynchronous name resolution: getaddrinfo on libuv's thread pool, so a slow resolver never
// blocks the loop.
#pragma once

#include <sys/socket.h>
#include <uv.h>

#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace kalshi::net {

class DnsQuery {
 public:
  // Addresses in resolver order (the order RFC 6724 prefers), or KALSHI_ERR_DNS.
  using Callback = std::function<void(Error, std::vector<sockaddr_storage>)>;

  // Starts resolving host for a TCP connection to port. On success *out is the query and cb will
  // run once on the loop thread, unless cancel() is called first. The query frees itself.
  static Error start(uv_loop_t *loop, const std::string &host, uint16_t port, Callback cb,
                     DnsQuery **out);

  // The callback will not run. The query may linger in the thread pool until getaddrinfo
  // returns, but it owns nothing of the caller's, so the caller may go away at once. The pointer
  // must not be used afterwards.
  void cancel();

 private:
  DnsQuery() = default;
  static void on_resolved(uv_getaddrinfo_t *req, int status, addrinfo *res);

  uv_getaddrinfo_t req_{};
  std::string host_;
  Callback cb_;
};

// 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8.
bool is_loopback_address(const sockaddr_storage &addr);

// "127.0.0.1:443" / "[::1]:443" for messages.
std::string address_text(const sockaddr_storage &addr);

}  // namespace kalshi::net
