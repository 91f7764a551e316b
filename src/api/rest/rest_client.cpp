#include "api/rest/rest_client.h"

#include <algorithm>
#include <utility>

#include "api/rest/auth.h"
#include "api/rest/errors.h"
#include "api/rest/pagination.h"
#include "api/rest/request_builder.h"
#include "api/rest/rest_event.h"
#include "core/clock.h"
#include "net/connect_policy.h"

namespace kalshi::api::rest {

namespace {

using kalshi::rest::Api;
using kalshi::rest::Auth;
using kalshi::rest::BuiltRequest;
using kalshi::rest::OperationDef;
using kalshi::rest::Param;

uint64_t monotonic_ms() {
  return monotonic_ns() / 1000000;
}

// The order-entry pairs worth presigning: creates are the latency-critical writes and have no
// id in their path, so a signature can be made before the order exists.
constexpr std::string_view kPredictionHotPaths[] = {
    "/trade-api/v2/portfolio/events/orders", "/trade-api/v2/portfolio/events/orders/batched"};
constexpr std::string_view kPerpsHotPath = "/trade-api/v2/margin/orders";

bool is_hot(Api api, std::string_view method, std::string_view sign_path) {
  if (method != "POST") return false;
  if (api == Api::Perps) return sign_path == kPerpsHotPath;
  if (api != Api::Prediction) return false;
  return std::find(std::begin(kPredictionHotPaths), std::end(kPredictionHotPaths), sign_path) !=
         std::end(kPredictionHotPaths);
}

Error invalid(const std::string &prop, const std::string &why) {
  return Error::make(KALSHI_ERR_INVALID_VALUE, prop + ": " + why);
}

Error parse_proxy(const std::string &text, std::string *host, uint16_t *port) {
  if (text.empty()) return Error{};
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return invalid("net.https_proxy", "expected host:port, got \"" + text + "\"");
  }
  int64_t p = 0;
  if (!kalshi::rest::parse_integer_text(std::string_view(text).substr(colon + 1), &p) || p < 1 ||
      p > 65535) {
    return invalid("net.https_proxy", "the port must be 1..65535");
  }
  *host = text.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);  // [::1]:3128
  }
  *port = static_cast<uint16_t>(p);
  return Error{};
}

bool is_2xx(int status) {
  return status >= 200 && status < 300;
}

// The {ticker} path parameter (order books do not repeat it in their body).
std::string path_ticker(std::span<const Param> params) {
  for (const Param &p : params) {
    if (p.name == "ticker") return std::string(p.value);
  }
  return {};
}

}  // namespace

// One request, ready for submit: the built request plus what the completion needs.
struct RestClient::Prepared {
  const OperationDef *op = nullptr;
  http::Request req;
  std::string ticker;
};

// A pagination in progress: the caller's parameters (owned), the paginator and the page count.
struct RestClient::Walk {
  Api api = Api::Prediction;
  std::string operation;
  std::vector<std::pair<std::string, std::string>> params;  // the caller's, "cursor" removed
  uint64_t tag = 0;
  Paginator paginator;
  uint32_t pages = 0;
};

Error read_rest_settings(const Conf &conf, RestSettings *out) {
  RestSettings s;
  s.trade.host = conf.get("rest.host");
  s.trade.port = static_cast<uint16_t>(conf.get_int("rest.port"));
  s.trade.tls = conf.get_bool("rest.tls");
  s.klear.host = conf.get("klear.host");
  s.klear.port = static_cast<uint16_t>(conf.get_int("klear.port"));
  s.klear.tls = conf.get_bool("klear.tls");
  s.key_id = conf.get("auth.key_id");
  s.perps_key_id = conf.get("perps.auth.key_id");
  s.klear_token = conf.get("klear.auth.token");
  const std::string tier = conf.get("rest.rate_tier");
  const auto read_custom = static_cast<uint32_t>(conf.get_int("rest.rate_read_per_s"));
  const auto write_custom = static_cast<uint32_t>(conf.get_int("rest.rate_write_per_s"));
  if (tier == "off") {
    s.limiter = false;
  } else if (tier == "custom") {
    if (Error e = custom_rate_tier(read_custom, write_custom, 0, 0, &s.tier); !e.ok()) {
      return invalid("rest.rate_tier=custom",
                     "rest.rate_read_per_s and rest.rate_write_per_s: " + e.message);
    }
  } else {
    const RateTier *t = find_rate_tier(tier);
    if (t == nullptr) return invalid("rest.rate_tier", "unknown tier \"" + tier + "\"");
    if (!t->published) {
      return invalid("rest.rate_tier",
                     "Kalshi publishes no numbers for " + tier +
                         ": use custom with the numbers from GET /account/limits");
    }
    s.tier = *t;
  }
  s.wait_when_limited = conf.get_bool("rest.rate_limit_wait");
  s.max_pages = static_cast<uint32_t>(conf.get_int("rest.max_pages"));
  s.timeout_ms = static_cast<uint64_t>(conf.get_int("rest.timeout_ms"));
  s.pool_size = static_cast<uint32_t>(conf.get_int("rest.pool_size"));
  s.retry_max_attempts = static_cast<uint32_t>(conf.get_int("rest.retry_max_attempts"));
  s.presign = conf.get_bool("rest.presign");
  s.presign_window_ms = static_cast<uint64_t>(conf.get_int("rest.presign_window_ms"));
  if (Error e = parse_proxy(conf.get("net.https_proxy"), &s.proxy_host, &s.proxy_port); !e.ok()) {
    return e;
  }
  *out = std::move(s);
  return Error{};
}

RestClient::RestClient(const Deps &deps, RestSettings settings)
    : deps_(deps), settings_(std::move(settings)) {}

RestClient::~RestClient() {
  close();
}

Error RestClient::create(const Deps &deps, std::shared_ptr<RestClient> *out) {
  if (deps.runtime == nullptr || deps.sink == nullptr || deps.conf == nullptr || out == nullptr) {
    return Error::make(KALSHI_ERR_INVALID_ARG, "RestClient::create: missing dependency");
  }
  const Conf &conf = *deps.conf;
  RestSettings settings;
  if (Error e = read_rest_settings(conf, &settings); !e.ok()) return e;

  http::ClientOptions opts;
  // One TLS configuration serves every endpoint that uses TLS (trust and pins are global).
  const bool any_tls = settings.trade.tls || settings.klear.tls;
  if (Error e = net::build_connect_options(conf, settings.trade.host, settings.trade.port, any_tls,
                                           &opts.connect_template);
      !e.ok()) {
    return e;
  }
  opts.max_connections_per_endpoint = settings.pool_size;
  opts.default_timeout_ms = settings.timeout_ms;
  opts.proxy_host = settings.proxy_host;
  opts.proxy_port = settings.proxy_port;
  opts.retry.max_attempts = settings.retry_max_attempts;
  opts.retry.base_ms = static_cast<uint64_t>(conf.get_int("net.backoff_base_ms"));
  opts.retry.max_ms =
      std::min<uint64_t>(static_cast<uint64_t>(conf.get_int("net.backoff_max_ms")), 5000);

  std::shared_ptr<RestClient> c(new RestClient(deps, std::move(settings)));
  const RestSettings &s = c->settings_;
  if (s.limiter) {
    const uint64_t now = monotonic_ms();
    c->read_bucket_ = std::make_shared<http::RateLimiter>(s.tier.read_refill_per_s,
                                                          s.tier.capacity(RateClass::kRead), now);
    c->write_bucket_ = std::make_shared<http::RateLimiter>(s.tier.write_refill_per_s,
                                                           s.tier.capacity(RateClass::kWrite), now);
  }
  if (s.presign) {
    Presigner::Options po;
    po.max_age_ms = s.presign_window_ms;
    // The keys belong to the ClientImpl, which outlives this client: a non-owning handle.
    auto make = [&](const crypto::PrivateKey *key, std::shared_ptr<Presigner> *slot,
                    bool perps) -> Error {
      if (key == nullptr) return Error{};
      std::shared_ptr<const crypto::PrivateKey> handle(key, [](const crypto::PrivateKey *) {});
      std::unique_ptr<Presigner> p;
      if (Error e = Presigner::create(handle, po, &p); !e.ok()) return e;
      if (perps) {
        if (Error e = p->add_hot_path("POST", kPerpsHotPath); !e.ok()) return e;
      } else {
        for (std::string_view path : kPredictionHotPaths) {
          if (Error e = p->add_hot_path("POST", path); !e.ok()) return e;
        }
      }
      *slot = std::move(p);
      return Error{};
    };
    if (!s.key_id.empty()) {
      if (Error e = make(deps.key, &c->presigner_, false); !e.ok()) return e;
    }
    if (!s.perps_key_id.empty()) {
      if (Error e = make(deps.perps_key, &c->perps_presigner_, true); !e.ok()) return e;
    }
  }
  c->http_ = http::Client::create(*deps.runtime, std::move(opts));
  *out = std::move(c);
  return Error{};
}

Presigner *RestClient::presigner(Api api) const {
  if (api == Api::Prediction) return presigner_.get();
  if (api == Api::Perps) return perps_presigner_.get();
  return nullptr;
}

void RestClient::close() {
  if (closed_.exchange(true)) return;
  if (http_) http_->close();
  if (presigner_) presigner_->stop();
  if (perps_presigner_) perps_presigner_->stop();
}

Error RestClient::prepare(Api api, std::string_view operation_id, std::span<const Param> params,
                          std::string_view body, bool charge_now, Prepared *out) {
  if (closed_.load()) return Error::make(KALSHI_ERR_CLOSED, "the REST client is closed");
  BuiltRequest built;
  if (Error e = kalshi::rest::build_request(api, operation_id, params, body, &built); !e.ok()) {
    if (e.code == KALSHI_ERR_NOT_FOUND) e.code = KALSHI_ERR_INVALID_ARG;  // an unknown operation
    return e;
  }
  const OperationDef *op = built.op;
  http::Request &req = out->req;
  req.endpoint = api == Api::Klear ? settings_.klear : settings_.trade;
  if (req.endpoint.host.empty()) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       std::string(api == Api::Klear ? "klear.host" : "rest.host") + " is empty");
  }
  req.method = built.method;
  req.target = built.target;
  req.body = std::move(built.body);
  req.idempotent = built.idempotent;
  req.timeout_ms = settings_.timeout_ms;
  req.headers.push_back({"Accept", "application/json"});
  if (!req.body.empty()) req.headers.push_back({"Content-Type", "application/json"});

  if (op->auth == Auth::Bearer && !settings_.klear_token.empty()) {
    std::pair<std::string, std::string> h;
    if (Error e = bearer_header(settings_.klear_token, &h); !e.ok()) {
      e.message = "klear.auth.token: " + e.message;
      return e;
    }
    req.headers.push_back({std::move(h.first), std::move(h.second)});
  } else if (op->auth == Auth::KalshiSignature) {
    // No key configured: the request goes unsigned and the exchange answers 401, which is the
    // error the application needs to see (a public deployment may still allow it one day).
    const bool perps = api == Api::Perps;
    const crypto::PrivateKey *key = perps ? deps_.perps_key : deps_.key;
    const std::string &key_id = perps ? settings_.perps_key_id : settings_.key_id;
    if (key != nullptr && !key_id.empty()) {
      Presigner *pre = is_hot(api, built.method, built.sign_path) ? presigner(api) : nullptr;
      // The presigner (shared) is captured so a late attempt never sees it destroyed.
      std::shared_ptr<Presigner> pre_owner =
          pre == nullptr ? nullptr : (perps ? perps_presigner_ : presigner_);
      req.prepare = [key, key_id, pre_owner, method = built.method, path = built.sign_path](
                        const http::Request &, uint32_t,
                        std::vector<http::HeaderField> *extra) -> Error {
        HeaderList h;
        const auto now = static_cast<uint64_t>(wall_clock_ms());
        Error e;
        if (pre_owner) {
          Presigner::Signed sig;
          e = pre_owner->sign(method, path, now, &sig);
          if (e.ok()) e = sig.append_headers(key_id, &h);
        } else {
          e = kalshi_signature_headers(*key, key_id, method, path, now, &h);
        }
        if (!e.ok()) return e;
        for (auto &[name, value] : h) extra->push_back({std::move(name), std::move(value)});
        return Error{};
      };
    }
  }

  if (settings_.limiter) {
    const bool write = op->rate_class == kalshi::rest::RateClass::Write;
    const std::shared_ptr<http::RateLimiter> &bucket = write ? write_bucket_ : read_bucket_;
    const uint32_t cost = request_cost(built.method, built.sign_path, 0);
    if (settings_.wait_when_limited || !charge_now) {
      req.limiter = bucket;
      req.cost = cost;
      req.fail_fast_when_limited = false;
    } else if (const uint64_t wait = bucket->acquire(cost, monotonic_ms()); wait != 0) {
      Error e = Error::make(KALSHI_ERR_RATE_LIMITED,
                            std::string(op->id) + ": client-side " + (write ? "write" : "read") +
                                " rate limit (rest.rate_tier); tokens in " + std::to_string(wait) +
                                " ms");
      e.retriable = true;
      return e;
    }
  }
  out->op = op;
  out->ticker = path_ticker(params);
  return Error{};
}

void RestClient::submit(Prepared p, std::function<void(http::Response)> done) {
  http_->submit(std::move(p.req), std::move(done));
}

namespace {

// The event for one response: status, operation, timings, raw body; the mapped error or the
// typed objects.
EventPtr response_event(kalshi_event_type_t type, uint64_t tag, const OperationDef &op,
                        std::string_view ticker, http::Response &resp, EventSink &sink) {
  auto ev = make_event(type, tag);
  auto body = std::make_unique<RestEventBody>();
  body->status = resp.status;
  body->operation = op.id;
  body->attempts = resp.attempts;
  body->submit_ns = resp.submit_ns;
  body->first_byte_written_ns = resp.first_byte_written_ns;
  body->done_ns = resp.done_ns;
  Error err;
  if (!resp.err.ok()) {
    err = std::move(resp.err);
    if (err.http_status == 0) err.http_status = resp.status;
  } else if (!is_2xx(resp.status)) {
    err = map_response_error(resp.status, resp.body, resp.retry_after_ms);
  } else if (!resp.body.empty()) {
    Error d = decode_response(op, resp.body, ticker, &body->objs, &body->cursor);
    if (!d.ok()) {
      // The call itself succeeded: the raw body is delivered, only the typed view is missing.
      sink.log(KALSHI_LOG_WARN, std::string(op.id) + ": typed view unavailable: " + d.message);
    }
  }
  if (!err.ok()) ev->error = std::make_unique<kalshi_error>(kalshi_error{std::move(err)});
  ev->data = std::move(resp.body);
  ev->body = std::move(body);
  return ev;
}

}  // namespace

Error RestClient::call(Api api, std::string_view operation_id, std::span<const Param> params,
                       std::string_view body, uint64_t user_tag) {
  Prepared p;
  if (Error e = prepare(api, operation_id, params, body, true, &p); !e.ok()) return e;
  const OperationDef *op = p.op;
  std::string ticker = p.ticker;
  auto self = shared_from_this();
  submit(std::move(p), [self, op, ticker = std::move(ticker), user_tag](http::Response resp) {
    self->deps_.sink->emit(
        response_event(KALSHI_EVENT_REST_RESPONSE, user_tag, *op, ticker, resp, *self->deps_.sink));
  });
  return Error{};
}

Error RestClient::paginate(Api api, std::string_view operation_id, std::span<const Param> params,
                           uint32_t max_pages, uint64_t user_tag) {
  const OperationDef *op = kalshi::rest::find_operation(api, operation_id);
  if (op != nullptr && !op->paginated) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       std::string(op->id) + " is not a paginated operation (no cursor)");
  }
  Prepared p;
  if (Error e = prepare(api, operation_id, params, {}, true, &p); !e.ok()) return e;
  auto walk = std::make_shared<Walk>();
  walk->api = api;
  walk->operation = p.op->id;
  walk->tag = user_tag;
  for (const Param &q : params) {
    if (q.name != "cursor") walk->params.emplace_back(q.name, q.value);
  }
  walk->paginator.start(max_pages != 0 ? max_pages : settings_.max_pages);
  auto self = shared_from_this();
  const OperationDef *pop = p.op;
  submit(std::move(p),
         [self, walk, pop](http::Response resp) { self->on_page(walk, pop, std::move(resp)); });
  return Error{};
}

void RestClient::next_page(const std::shared_ptr<Walk> &walk, std::string cursor) {
  std::vector<Param> params;
  params.reserve(walk->params.size() + 1);
  for (const auto &[name, value] : walk->params) params.push_back({name, value});
  params.push_back({"cursor", cursor});
  Prepared p;
  // Later pages always wait for the limiter (a listing is one logical request).
  if (Error e = prepare(walk->api, walk->operation, params, {}, false, &p); !e.ok()) {
    return finish_walk(walk, std::move(e), 0, {});
  }
  auto self = shared_from_this();
  const OperationDef *op = p.op;
  submit(std::move(p),
         [self, walk, op](http::Response resp) { self->on_page(walk, op, std::move(resp)); });
}

void RestClient::on_page(const std::shared_ptr<Walk> &walk, const OperationDef *op,
                         http::Response resp) {
  if (!resp.err.ok() || !is_2xx(resp.status)) {
    EventPtr failed = response_event(KALSHI_EVENT_REST_DONE, walk->tag, *op, {}, resp, *deps_.sink);
    auto *b = static_cast<RestEventBody *>(failed->body.get());
    b->page_index = walk->pages;
    deps_.sink->emit(std::move(failed));
    return;
  }
  EventPtr page = response_event(KALSHI_EVENT_REST_PAGE, walk->tag, *op, {}, resp, *deps_.sink);
  auto *body = static_cast<RestEventBody *>(page->body.get());
  body->page_index = walk->pages++;
  const std::string cursor = body->cursor;
  deps_.sink->emit(std::move(page));
  Paginator::Next next = walk->paginator.on_page(cursor);
  switch (next.kind) {
    case Paginator::Next::kFetch:
      return next_page(walk, std::move(next.cursor));
    case Paginator::Next::kError:
      return finish_walk(walk, std::move(next.error), 0, {});
    case Paginator::Next::kDone: {
      auto ev = make_event(KALSHI_EVENT_REST_DONE, walk->tag);
      auto b = std::make_unique<RestEventBody>();
      b->operation = walk->operation;
      b->page_index = walk->pages;
      b->truncated = next.truncated;
      b->cursor = std::move(next.cursor);
      ev->body = std::move(b);
      deps_.sink->emit(std::move(ev));
      return;
    }
  }
}

void RestClient::finish_walk(const std::shared_ptr<Walk> &walk, Error err, int32_t status,
                             std::string body) {
  auto ev = make_error_event(KALSHI_EVENT_REST_DONE, walk->tag, std::move(err));
  auto b = std::make_unique<RestEventBody>();
  b->operation = walk->operation;
  b->page_index = walk->pages;
  b->status = status;
  ev->data = std::move(body);
  ev->body = std::move(b);
  deps_.sink->emit(std::move(ev));
}

}  // namespace kalshi::api::rest
