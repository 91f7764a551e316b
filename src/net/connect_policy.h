// Where the library may connect and with what TLS settings, from the configuration. Every
// protocol (raw streams, FIX, HTTP, WebSocket) goes through these, so the host policy is one rule.
#pragma once

#include <cstdint>
#include <string>

#include "core/conf.h"
#include "core/error.h"
#include "net/connection.h"

namespace kalshi::net {

// Host names as they may reach getaddrinfo and SNI: no spaces, controls or oversize input.
bool plausible_host(const std::string &host);

// KALSHI_ERR_HOST_NOT_ALLOWED for a host that is neither Kalshi's nor loopback (unless
// net.allow_unknown_host), or tls.verify=false towards a host that is not loopback.
Error check_policy(const Conf &conf, const std::string &host, bool tls);

// Connect options (deadline, TLS trust, pins, SNI) for host:port.
Error build_connect_options(const Conf &conf, const std::string &host, uint16_t port, bool tls,
                            ConnectOptions *opts);

}  // namespace kalshi::net
