// The client behind kalshi_client_t: configuration, the loop, the event queue and the logger.
// Shared by every handle that belongs to the client (queues, streams...), so any destroy order is
// safe: the last handle to go frees it.
#pragma once

#include <kalshi/client.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "core/conf.h"
#include "core/event.h"
#include "core/event_queue.h"
#include "crypto/key.h"
#include "net/runtime.h"

namespace kalshi {

namespace api::rest {
class RestClient;  // c1: src/api/rest/rest_client.h
}

class ClientImpl : public EventSink, public std::enable_shared_from_this<ClientImpl> {
 public:
  static Error create(const Conf &conf, std::shared_ptr<ClientImpl> *out);
  ~ClientImpl() override;

  net::Runtime &runtime() { return runtime_; }
  const Conf &conf() const { return conf_; }
  EventQueue &queue() { return queue_; }
  // The signing keys from auth.* and perps.auth.*, loaded at creation; null when not configured.
  const crypto::PrivateKey *key() const { return key_.get(); }
  const crypto::PrivateKey *perps_key() const { return perps_key_.get(); }

  // Any thread. Dispatch callbacks run only on the loop thread, so an event emitted elsewhere
  // while one is installed is handed to the loop first.
  void emit(EventPtr ev) override;
  void log(kalshi_log_level_t level, std::string message) override;
  bool log_enabled(kalshi_log_level_t level) const { return static_cast<int>(level) <= log_level_; }

  // Starts the graceful close; waits as kalshi_client_close documents.
  kalshi_err_t close(int timeout_ms);

  // c1: the REST client, created on first use (so clients without REST start no presigner
  // thread) and closed with the client. KALSHI_ERR_CLOSED once the client is closing.
  Error rest(std::shared_ptr<api::rest::RestClient> *out);

 private:
  explicit ClientImpl(const Conf &conf);
  void deliver(EventPtr ev);

  Conf conf_;
  std::unique_ptr<crypto::PrivateKey> key_;
  std::unique_ptr<crypto::PrivateKey> perps_key_;
  int log_level_;
  // Declared before runtime_ so it is destroyed after it: the loop thread, joined in ~Runtime, may
  // still deliver events until then.
  EventQueue queue_;
  net::Runtime runtime_;
  std::once_flag close_once_;
  // c1: declared last, so it goes first (its presigner threads stop before the keys go).
  std::mutex rest_mu_;
  std::shared_ptr<api::rest::RestClient> rest_;
};

}  // namespace kalshi

struct kalshi_client {
  std::shared_ptr<kalshi::ClientImpl> impl;
  std::atomic<bool> destroyed{false};
};

struct kalshi_queue {
  std::shared_ptr<kalshi::ClientImpl> impl;
};
