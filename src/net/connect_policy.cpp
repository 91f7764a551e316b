#include "net/connect_policy.h"

#include "core/environments.h"
#include "net/tls_config.h"

namespace kalshi::net {

bool plausible_host(const std::string &host) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char ch : host) {
    if (ch <= 0x20 || ch == 0x7f) return false;
  }
  return true;
}

Error check_policy(const Conf &conf, const std::string &host, bool tls) {
  const bool loopback = is_loopback_host(host);
  const bool known = is_known_kalshi_host(host);
  if (!loopback && !known && !conf.get_bool("net.allow_unknown_host")) {
    return Error::make(KALSHI_ERR_HOST_NOT_ALLOWED,
                       "host '" + host +
                           "' is neither a Kalshi host nor loopback; set "
                           "net.allow_unknown_host=true to allow it");
  }
  if (tls && !conf.get_bool("tls.verify") && !loopback) {
    return Error::make(KALSHI_ERR_HOST_NOT_ALLOWED,
                       "tls.verify=false is allowed only for loopback hosts (127.0.0.0/8, ::1, "
                       "localhost), not for '" +
                           host + "'");
  }
  return Error{};
}

Error build_connect_options(const Conf &conf, const std::string &host, uint16_t port, bool tls,
                            ConnectOptions *opts) {
  opts->host = host;
  opts->port = port;
  opts->connect_timeout_ms = static_cast<uint64_t>(conf.get_int("net.connect_timeout_ms"));
  if (!tls) return Error{};
  TlsSettings settings;
  settings.verify = conf.get_bool("tls.verify");
  settings.ca_file = conf.get("tls.ca_file");
  if (Error e = parse_spki_pins(conf.get("tls.pin_sha256"), &settings.pins); !e.ok()) {
    e.message = "tls.pin_sha256: " + e.message;
    return e;
  }
  // Defence in depth: with verification off, the name must also resolve to this machine.
  opts->loopback_only = !settings.verify;
  opts->server_name = conf.get("tls.server_name");
  return TlsClientConfig::create(settings, &opts->tls);
}

}  // namespace kalshi::net
