#include "net/dns.h"

#include <netinet/in.h>

#include <cstring>

namespace kalshi::net {

Error DnsQuery::start(uv_loop_t *loop, const std::string &host, uint16_t port, Callback cb,
                      DnsQuery **out) {
  auto *q = new DnsQuery();
  q->host_ = host;
  // "[::1]" is how IPv6 literals are written next to a port; getaddrinfo wants the bare form.
  if (q->host_.size() > 2 && q->host_.front() == '[' && q->host_.back() == ']') {
    q->host_ = q->host_.substr(1, q->host_.size() - 2);
  }
  q->cb_ = std::move(cb);
  q->req_.data = q;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = AI_NUMERICSERV;
  const std::string service = std::to_string(port);
  const int rc = uv_getaddrinfo(loop, &q->req_, &DnsQuery::on_resolved, q->host_.c_str(),
                                service.c_str(), &hints);
  if (rc != 0) {
    delete q;
    return Error::make(KALSHI_ERR_DNS,
                       "cannot resolve '" + host + "': " + std::string(uv_strerror(rc)));
  }
  *out = q;
  return {};
}

void DnsQuery::cancel() {
  cb_ = nullptr;
  // Succeeds only while the request still waits for a pool thread; otherwise on_resolved runs
  // later and just frees the query.
  uv_cancel(reinterpret_cast<uv_req_t *>(&req_));
}

void DnsQuery::on_resolved(uv_getaddrinfo_t *req, int status, addrinfo *res) {
  auto *q = static_cast<DnsQuery *>(req->data);
  Callback cb = std::move(q->cb_);
  Error err;
  std::vector<sockaddr_storage> addrs;
  if (status != 0) {
    err = Error::make(KALSHI_ERR_DNS,
                      "cannot resolve '" + q->host_ + "': " + std::string(uv_strerror(status)));
  } else {
    for (const addrinfo *ai = res; ai != nullptr; ai = ai->ai_next) {
      if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
      sockaddr_storage ss{};
      std::memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
      addrs.push_back(ss);
    }
    if (addrs.empty()) err = Error::make(KALSHI_ERR_DNS, "'" + q->host_ + "' has no IP address");
  }
  uv_freeaddrinfo(res);
  delete q;
  if (cb) cb(std::move(err), std::move(addrs));
}

bool is_loopback_address(const sockaddr_storage &addr) {
  if (addr.ss_family == AF_INET) {
    const auto &sin = reinterpret_cast<const sockaddr_in &>(addr);
    return (ntohl(sin.sin_addr.s_addr) >> 24) == 127;
  }
  if (addr.ss_family == AF_INET6) {
    const auto &sin6 = reinterpret_cast<const sockaddr_in6 &>(addr);
    if (IN6_IS_ADDR_LOOPBACK(&sin6.sin6_addr)) return true;
    return IN6_IS_ADDR_V4MAPPED(&sin6.sin6_addr) && sin6.sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

std::string address_text(const sockaddr_storage &addr) {
  char ip[64] = "?";
  uint16_t port = 0;
  if (addr.ss_family == AF_INET) {
    const auto &sin = reinterpret_cast<const sockaddr_in &>(addr);
    uv_ip4_name(&sin, ip, sizeof ip);
    port = ntohs(sin.sin_port);
    return std::string(ip) + ":" + std::to_string(port);
  }
  const auto &sin6 = reinterpret_cast<const sockaddr_in6 &>(addr);
  uv_ip6_name(&sin6, ip, sizeof ip);
  port = ntohs(sin6.sin6_port);
  return "[" + std::string(ip) + "]:" + std::to_string(port);
}

}  // namespace kalshi::net
