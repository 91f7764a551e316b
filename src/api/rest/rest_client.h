// The REST client behind include/kalshi/rest.h: composes the operation catalog and request
// builder (validation before any I/O), the signers (inline, or presigned for hot order paths,
// taken in the HTTP client's prepare hook right before the bytes are written), the rate tiers
// with a client-side token bucket per Read/Write class, the pooled HTTP client (retries only
// when idempotent or provably unsent), error mapping and pagination, and turns every completion
// into exactly one event (REST_RESPONSE, or REST_PAGE... then REST_DONE) on the client's sink.
//
// Threads: call() and paginate() from any thread; completions run on the loop thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/catalog.h"
#include "api/rest/params.h"
#include "api/rest/presigner.h"
#include "api/rest/rate_tiers.h"
#include "core/conf.h"
#include "core/error.h"
#include "core/event.h"
#include "crypto/key.h"
#include "http/client/http_client.h"
#include "net/runtime.h"

namespace kalshi::api::rest {

// The rest.* (and related) properties, read once when the REST client is created.
struct RestSettings {
  http::Endpoint trade;  // rest.host/port/tls: prediction and perps (/trade-api/v2)
  http::Endpoint klear;  // klear.host/port/tls (/klear-api/v1)
  std::string key_id, perps_key_id, klear_token;
  bool limiter = true;  // rest.rate_tier != off
  RateTier tier;        // the tier's numbers (custom: rest.rate_read_per_s/rest.rate_write_per_s)
  bool wait_when_limited = true;  // rest.rate_limit_wait
  uint32_t max_pages = 1000;      // rest.max_pages (0: no limit)
  uint64_t timeout_ms = 10000;
  uint32_t pool_size = 4;
  uint32_t retry_max_attempts = 3;
  bool presign = true;
  uint64_t presign_window_ms = 5000;
  std::string proxy_host;  // net.https_proxy "host:port"
  uint16_t proxy_port = 0;
};

// KALSHI_ERR_INVALID_VALUE naming the property for an unusable combination (an unpublished tier
// without custom numbers, a malformed proxy).
Error read_rest_settings(const Conf &conf, RestSettings *out);

class RestClient : public std::enable_shared_from_this<RestClient> {
 public:
  struct Deps {
    net::Runtime *runtime = nullptr;
    EventSink *sink = nullptr;
    const Conf *conf = nullptr;
    const crypto::PrivateKey *key = nullptr;        // auth.* (null: unsigned)
    const crypto::PrivateKey *perps_key = nullptr;  // perps.auth.*
  };

  // The keys must outlive the client and its loop (ClientImpl owns them).
  static Error create(const Deps &deps, std::shared_ptr<RestClient> *out);
  ~RestClient();
  RestClient(const RestClient &) = delete;
  RestClient &operator=(const RestClient &) = delete;

  // Validates, charges the limiter (fail-fast mode: KALSHI_ERR_RATE_LIMITED here) and submits.
  // Exactly one KALSHI_EVENT_REST_RESPONSE follows an ok return; none follows an error.
  Error call(kalshi::rest::Api api, std::string_view operation_id,
             std::span<const kalshi::rest::Param> params, std::string_view body, uint64_t user_tag);
  // A cursor walk of a paginated operation: REST_PAGE per page, then REST_DONE. max_pages 0:
  // rest.max_pages. KALSHI_ERR_INVALID_ARG for an operation that is not paginated.
  Error paginate(kalshi::rest::Api api, std::string_view operation_id,
                 std::span<const kalshi::rest::Param> params, uint32_t max_pages,
                 uint64_t user_tag);

  // Fails pending requests with KALSHI_ERR_CLOSED and stops the presigners; idempotent. Calls
  // after it fail with KALSHI_ERR_CLOSED.
  void close();
  bool closed() const { return closed_.load(); }

  http::Stats http_stats() const { return http_->stats(); }
  // Null when presigning is off or the api has no key.
  Presigner *presigner(kalshi::rest::Api api) const;
  const RestSettings &settings() const { return settings_; }

 private:
  struct Walk;
  struct Prepared;

  RestClient(const Deps &deps, RestSettings settings);
  Error prepare(kalshi::rest::Api api, std::string_view operation_id,
                std::span<const kalshi::rest::Param> params, std::string_view body, bool charge_now,
                Prepared *out);
  void submit(Prepared p, std::function<void(http::Response)> done);
  void next_page(const std::shared_ptr<Walk> &walk, std::string cursor);
  void on_page(const std::shared_ptr<Walk> &walk, const kalshi::rest::OperationDef *op,
               http::Response resp);
  void finish_walk(const std::shared_ptr<Walk> &walk, Error err, int32_t status, std::string body);

  Deps deps_;
  const RestSettings settings_;
  std::shared_ptr<http::Client> http_;
  std::shared_ptr<http::RateLimiter> read_bucket_, write_bucket_;
  std::shared_ptr<Presigner> presigner_, perps_presigner_;
  std::atomic<bool> closed_{false};
};

}  // namespace kalshi::api::rest
