#include "capi/client_impl.h"

#include <chrono>

#include "api/rest/rest_client.h"
#include "core/environments.h"
#include "core/secure_wipe.h"

namespace kalshi {

namespace {

int parse_log_level(const std::string &v) {
  if (v == "off") return -1;
  if (v == "error") return KALSHI_LOG_ERROR;
  if (v == "warn") return KALSHI_LOG_WARN;
  if (v == "info") return KALSHI_LOG_INFO;
  if (v == "debug") return KALSHI_LOG_DEBUG;
  return KALSHI_LOG_TRACE;
}

// Every configured host must be Kalshi's or loopback unless the user explicitly allowed others:
// a typo must never send credentials to a stranger.
Error check_hosts(const Conf &conf) {
  if (conf.get_bool("net.allow_unknown_host")) return Error{};
  size_t count = 0;
  const Property *props = property_table(&count);
  for (size_t i = 0; i < count; ++i) {
    if (props[i].type != PropType::Host) continue;
    const std::string host = conf.get(props[i].name);
    if (host.empty() || is_known_kalshi_host(host) || is_loopback_host(host)) continue;
    return Error::make(KALSHI_ERR_HOST_NOT_ALLOWED,
                       std::string(props[i].name) + "=\"" + host +
                           "\" is neither a Kalshi host nor loopback; set "
                           "net.allow_unknown_host=true to allow it");
  }
  return Error{};
}

Error check_exclusive(const Conf &conf, const char *a, const char *b) {
  if (conf.is_set(a) && conf.is_set(b) && !conf.get(a).empty() && !conf.get(b).empty()) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       std::string(a) + " and " + b + " are exclusive; set only one");
  }
  return Error{};
}

// Loads "<prefix>auth.private_key[_path]" so that a bad key fails kalshi_client_new, not the
// first order.
Error load_configured_key(const Conf &conf, const std::string &prefix,
                          std::unique_ptr<crypto::PrivateKey> *out) {
  const std::string pem = conf.get(prefix + "auth.private_key");
  const std::string path = conf.get(prefix + "auth.private_key_path");
  std::string passphrase = conf.get(prefix + "auth.private_key_passphrase");
  Error e;
  if (!pem.empty()) {
    e = crypto::load_private_key(std::string_view(pem), passphrase, out);
    if (!e.ok()) e.message = prefix + "auth.private_key: " + e.message;
  } else if (!path.empty()) {
    e = crypto::load_private_key_file(path, passphrase, out);
    if (!e.ok()) e.message = prefix + "auth.private_key_path: " + e.message;
  }
  secure_wipe(passphrase);
  return e;
}

}  // namespace

ClientImpl::ClientImpl(const Conf &conf)
    : conf_(conf),
      log_level_(parse_log_level(conf.get("log.level"))),
      runtime_(conf.get("client.mode") == "caller" ? net::Runtime::Mode::Caller
                                                   : net::Runtime::Mode::Thread) {}

ClientImpl::~ClientImpl() = default;

Error ClientImpl::create(const Conf &conf, std::shared_ptr<ClientImpl> *out) {
  if (Error e = check_hosts(conf); !e.ok()) return e;
  if (Error e = check_exclusive(conf, "auth.private_key", "auth.private_key_path"); !e.ok()) return e;
  if (Error e = check_exclusive(conf, "perps.auth.private_key", "perps.auth.private_key_path");
      !e.ok())
    return e;
  std::shared_ptr<ClientImpl> c(new ClientImpl(conf));
  if (Error e = load_configured_key(conf, "", &c->key_); !e.ok()) return e;
  if (Error e = load_configured_key(conf, "perps.", &c->perps_key_); !e.ok()) return e;
  if (c->queue_.wakeup_fd() < 0) {
    return Error::make(KALSHI_ERR_INTERNAL, "cannot create the queue's wake-up eventfd");
  }
  if (Error e = c->runtime_.start(); !e.ok()) return e;
  *out = std::move(c);
  return Error{};
}

void ClientImpl::deliver(EventPtr ev) {
  if (conf_.dispatch_cb != nullptr && conf_.dispatch_cb(ev.get(), conf_.dispatch_opaque) != 0) {
    return;  // consumed by the application; freed here
  }
  queue_.push(std::move(ev));
}

void ClientImpl::emit(EventPtr ev) {
  if (conf_.dispatch_cb == nullptr || runtime_.on_loop_thread()) {
    deliver(std::move(ev));
    return;
  }
  // std::function needs a copyable callable: carry the event as a shared_ptr.
  auto shared = std::make_shared<EventPtr>(std::move(ev));
  // `this` rather than shared_from_this(): posted work must never hold the last reference, or the
  // client could be destroyed on its own loop thread. The runtime is a member, so its posted work
  // cannot outlive the client.
  if (!runtime_.post([this, shared] { deliver(std::move(*shared)); })) {
    queue_.push(std::move(*shared));  // loop gone: the queue still gets it, nothing is lost
  }
}

void ClientImpl::log(kalshi_log_level_t level, std::string message) {
  if (!log_enabled(level)) return;
  auto ev = make_event(KALSHI_EVENT_LOG, 0);
  ev->level = level;
  ev->data = std::move(message);
  emit(std::move(ev));
}

kalshi_err_t ClientImpl::close(int timeout_ms) {
  const int grace = static_cast<int>(conf_.get_int("client.close_timeout_ms"));
  if (timeout_ms < 0) timeout_ms = grace;
  std::call_once(close_once_, [this, grace] {
    {  // c1: fail pending REST calls and stop the presigners before the loop closes.
      std::lock_guard<std::mutex> lock(rest_mu_);
      if (rest_) rest_->close();
    }
    // The loop thread emits the final event after every connection has gone.
    runtime_.begin_close(grace, [this] { deliver(make_event(KALSHI_EVENT_CLIENT_CLOSED, 0)); });
  });
  if (runtime_.on_loop_thread() && runtime_.mode() == net::Runtime::Mode::Thread) {
    return KALSHI_OK;  // cannot wait for ourselves; the close proceeds after this callback
  }
  if (runtime_.mode() == net::Runtime::Mode::Caller) {
    // Nobody else drives the loop in caller mode: drive it here until closed or the timeout.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!runtime_.closed() && timeout_ms != 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) break;
      runtime_.run(static_cast<int>(left));
    }
    return runtime_.closed() || timeout_ms == 0 ? KALSHI_OK : KALSHI_ERR_TIMEOUT;
  }
  return runtime_.wait_closed(timeout_ms) ? KALSHI_OK : KALSHI_ERR_TIMEOUT;
}

Error ClientImpl::rest(std::shared_ptr<api::rest::RestClient> *out) {
  std::lock_guard<std::mutex> lock(rest_mu_);
  if (runtime_.closing() || (rest_ && rest_->closed())) {
    return Error::make(KALSHI_ERR_CLOSED, "the client is closed");
  }
  if (!rest_) {
    api::rest::RestClient::Deps deps;
    deps.runtime = &runtime_;
    deps.sink = this;
    deps.conf = &conf_;
    deps.key = key_.get();
    deps.perps_key = perps_key_.get();
    if (Error e = api::rest::RestClient::create(deps, &rest_); !e.ok()) return e;
  }
  *out = rest_;
  return Error{};
}

}  // namespace kalshi
