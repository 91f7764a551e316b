#include <kalshi/client.h>

#include <new>

#include "capi/client_impl.h"
#include "capi/guard.h"

using kalshi::ClientImpl;
using kalshi::report;
using kalshi::capi::guarded;

namespace {

// A usable client: not NULL and not destroyed.
ClientImpl *live(kalshi_client_t *c) {
  return c != nullptr && !c->destroyed.load() ? c->impl.get() : nullptr;
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_client_new(const kalshi_conf_t *conf, kalshi_client_t **out,
                                          kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "out must not be NULL");
  *out = nullptr;
  return guarded(err, [&] {
    static const kalshi::Conf kDefaults;
    std::shared_ptr<ClientImpl> impl;
    if (kalshi::Error e = ClientImpl::create(conf != nullptr ? conf->conf : kDefaults, &impl);
        !e.ok())
      return report(err, std::move(e));
    auto *c = new kalshi_client;
    c->impl = std::move(impl);
    *out = c;
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_client_run(kalshi_client_t *c, int timeout_ms) {
  ClientImpl *impl = live(c);
  if (impl == nullptr) return c == nullptr ? KALSHI_ERR_INVALID_ARG : KALSHI_ERR_CLOSED;
  return guarded(nullptr, [&] { return impl->runtime().run(timeout_ms); });
}

KALSHI_API kalshi_queue_t *kalshi_client_queue(kalshi_client_t *c) {
  ClientImpl *impl = live(c);
  if (impl == nullptr) return nullptr;
  try {
    return new kalshi_queue{c->impl};
  } catch (...) {
    return nullptr;
  }
}

KALSHI_API kalshi_err_t kalshi_client_echo(kalshi_client_t *c, uint64_t user_tag) {
  ClientImpl *impl = live(c);
  if (impl == nullptr) return c == nullptr ? KALSHI_ERR_INVALID_ARG : KALSHI_ERR_CLOSED;
  return guarded(nullptr, [&] {
    const bool posted = impl->runtime().post(
        [impl, user_tag] { impl->emit(kalshi::make_event(KALSHI_EVENT_ECHO, user_tag)); });
    return posted && !impl->runtime().closing() ? KALSHI_OK : KALSHI_ERR_CLOSED;
  });
}

KALSHI_API kalshi_err_t kalshi_client_log(kalshi_client_t *c, int level, const char *message) {
  ClientImpl *impl = live(c);
  if (impl == nullptr) return c == nullptr ? KALSHI_ERR_INVALID_ARG : KALSHI_ERR_CLOSED;
  if (message == nullptr || level < KALSHI_LOG_ERROR || level > KALSHI_LOG_TRACE) {
    return KALSHI_ERR_INVALID_ARG;
  }
  return guarded(nullptr, [&] {
    impl->log(static_cast<kalshi_log_level_t>(level), message);
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_client_close(kalshi_client_t *c, int timeout_ms) {
  if (c == nullptr) return KALSHI_ERR_INVALID_ARG;
  if (c->destroyed.load()) return KALSHI_ERR_CLOSED;
  return guarded(nullptr, [&] { return c->impl->close(timeout_ms); });
}

KALSHI_API int kalshi_client_closed(const kalshi_client_t *c) {
  if (c == nullptr || c->destroyed.load()) return 1;
  return c->impl->runtime().closing() ? 1 : 0;
}

KALSHI_API kalshi_err_t kalshi_client_destroy(kalshi_client_t *c) {
  if (c == nullptr) return KALSHI_OK;
  if (c->impl->runtime().on_loop_thread() &&
      c->impl->runtime().mode() == kalshi::net::Runtime::Mode::Thread) {
    return KALSHI_ERR_WRONG_THREAD;
  }
  if (c->destroyed.exchange(true)) return KALSHI_ERR_CLOSED;
  return guarded(nullptr, [&] {
    c->impl->close(-1);
    delete c;
    return KALSHI_OK;
  });
}

}  // extern "C"
