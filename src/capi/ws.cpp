// kalshi_ws_*: WebSocket connections (api/ws/ws_session.h) behind the C ABI.
#include <kalshi/book.h>
#include <kalshi/ws.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/rest/auth.h"
#include "api/ws/ws_event.h"
#include "api/ws/ws_session.h"
#include "capi/client_impl.h"
#include "capi/guard.h"
#include "core/clock.h"
#include "net/connect_policy.h"

using kalshi::Error;
using kalshi::report;
using kalshi::capi::guarded;
namespace wsapi = kalshi::wsapi;

struct kalshi_ws {
  std::shared_ptr<kalshi::ClientImpl> impl;  // keeps the client (and its loop) alive
  std::shared_ptr<wsapi::WsSession> session;
};

namespace {

constexpr const char *kPredictionPath = "/trade-api/ws/v2";
constexpr const char *kPerpsPath = "/trade-api/ws/v2/margin";

Error options_from_conf(const kalshi::Conf &conf, kalshi::ClientImpl &impl, uint64_t user_tag,
                        wsapi::WsSessionOptions *o) {
  const bool perps = conf.get("ws.product") == "perps";
  o->product = perps ? wsapi::Product::Perps : wsapi::Product::Prediction;
  const std::string host = conf.get(perps ? "perps.ws.host" : "ws.host");
  const int64_t port = conf.get_int(perps ? "perps.ws.port" : "ws.port");
  const bool tls = conf.get_bool("ws.tls");
  // Policy first: a refused host causes no DNS query and no socket.
  if (Error e = kalshi::net::check_policy(conf, host, tls); !e.ok()) return e;
  if (Error e = kalshi::net::build_connect_options(conf, host, static_cast<uint16_t>(port), tls,
                                                   &o->client.connect);
      !e.ok()) {
    return e;
  }
  const kalshi::crypto::PrivateKey *key = perps ? impl.perps_key() : impl.key();
  const std::string key_id = conf.get(perps ? "perps.auth.key_id" : "auth.key_id");
  if (key == nullptr || key_id.empty()) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       perps ? "the perps WebSocket needs perps.auth.key_id and a private key"
                             : "the WebSocket needs auth.key_id and a private key");
  }
  const std::string path = perps ? kPerpsPath : kPredictionPath;
  o->client.path = path;
  // Kalshi signs timestamp + "GET" + path; a fresh signature for every (re)connect.
  o->client.auth_headers = [key, key_id, path](kalshi::api::rest::HeaderList *h) {
    return kalshi::api::rest::kalshi_signature_headers(
        *key, key_id, "GET", path, static_cast<uint64_t>(kalshi::wall_clock_ms()), h);
  };
  o->client.ping_interval_ms = static_cast<uint64_t>(conf.get_int("ws.ping_interval_ms"));
  o->client.dead_after_ms = static_cast<uint64_t>(conf.get_int("ws.dead_after_ms"));
  o->client.reconnect = conf.get_bool("ws.reconnect");
  o->client.backoff_base_ms = static_cast<uint64_t>(conf.get_int("ws.backoff_base_ms"));
  o->client.backoff_max_ms = static_cast<uint64_t>(conf.get_int("ws.backoff_max_ms"));
  const auto max_msg = static_cast<uint64_t>(conf.get_int("ws.max_message_size"));
  o->client.limits.max_message_size = max_msg;
  o->client.limits.max_frame_size = max_msg;
  o->queue_limit = static_cast<size_t>(conf.get_int("ws.queue_limit"));
  o->overflow = conf.get("ws.overflow") == "resync" ? wsapi::OverflowPolicy::Resync
                                                    : wsapi::OverflowPolicy::DropOldest;
  o->top_events = conf.get_bool("ws.top_events");
  o->books = conf.get_bool("ws.books");
  o->user_tag = user_tag;
  return Error{};
}

Error copy_strings(const char *const *in, size_t n, const char *what,
                   std::vector<std::string> *out) {
  if (n > 0 && in == nullptr) {
    return Error::make(KALSHI_ERR_INVALID_ARG, std::string(what) + " must not be NULL");
  }
  if (n > 10000) return Error::make(KALSHI_ERR_INVALID_ARG, std::string("too many ") + what);
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (in[i] == nullptr || in[i][0] == '\0') {
      return Error::make(KALSHI_ERR_INVALID_ARG,
                         std::string(what) + "[" + std::to_string(i) + "] is NULL or empty");
    }
    out->emplace_back(in[i]);
  }
  return Error{};
}

kalshi_err_t check_open(kalshi_ws_t *w, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (w == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "ws must not be NULL");
  return KALSHI_OK;
}

const wsapi::WsEventBody *body_of(const kalshi_event_t *ev) {
  return wsapi::ws_body(ev);
}

}  // namespace

extern "C" {

KALSHI_API const char *kalshi_ws_state_name(kalshi_ws_state_t state) {
  switch (state) {
    case KALSHI_WS_CONNECTING:
      return "KALSHI_WS_CONNECTING";
    case KALSHI_WS_OPEN:
      return "KALSHI_WS_OPEN";
    case KALSHI_WS_RECONNECTING:
      return "KALSHI_WS_RECONNECTING";
    case KALSHI_WS_CLOSING:
      return "KALSHI_WS_CLOSING";
    case KALSHI_WS_CLOSED:
      return "KALSHI_WS_CLOSED";
  }
  return "KALSHI_WS_UNKNOWN_STATE";
}

KALSHI_API kalshi_err_t kalshi_ws_open(kalshi_client_t *c, const kalshi_conf_t *overrides,
                                       uint64_t user_tag, kalshi_ws_t **out, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "out must not be NULL");
  *out = nullptr;
  if (c == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "client must not be NULL");
  return guarded(err, [&] {
    if (c->destroyed.load() || c->impl->runtime().closing()) {
      return report(err, KALSHI_ERR_CLOSED, "the client is closed");
    }
    kalshi::Conf conf(c->impl->conf());
    if (overrides != nullptr) conf.overlay(overrides->conf);
    wsapi::WsSessionOptions opts;
    if (Error e = options_from_conf(conf, *c->impl, user_tag, &opts); !e.ok()) {
      return report(err, std::move(e));
    }
    auto w = std::make_unique<kalshi_ws>();
    w->impl = c->impl;
    w->session = wsapi::WsSession::create(
        &c->impl->runtime(), std::weak_ptr<kalshi::EventSink>(c->impl), std::move(opts));
    if (Error e = w->session->start(); !e.ok()) return report(err, std::move(e));
    *out = w.release();
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_ws_subscribe(kalshi_ws_t *w, const char *const *channels,
                                            size_t n_channels, const char *const *market_tickers,
                                            size_t n_tickers, uint64_t user_tag,
                                            kalshi_error_t **err) {
  if (kalshi_err_t rc = check_open(w, err); rc != KALSHI_OK) return rc;
  return guarded(err, [&] {
    if (n_channels == 0) return report(err, KALSHI_ERR_INVALID_ARG, "no channel to subscribe to");
    std::vector<std::string> ch, tickers;
    if (Error e = copy_strings(channels, n_channels, "channels", &ch); !e.ok()) {
      return report(err, std::move(e));
    }
    if (Error e = copy_strings(market_tickers, n_tickers, "market_tickers", &tickers); !e.ok()) {
      return report(err, std::move(e));
    }
    return report(err, w->session->subscribe(std::move(ch), std::move(tickers), user_tag));
  });
}

KALSHI_API kalshi_err_t kalshi_ws_unsubscribe(kalshi_ws_t *w, uint64_t sid, uint64_t user_tag,
                                              kalshi_error_t **err) {
  if (kalshi_err_t rc = check_open(w, err); rc != KALSHI_OK) return rc;
  return guarded(err, [&] {
    if (sid == 0) return report(err, KALSHI_ERR_INVALID_ARG, "sid must not be 0");
    return report(err, w->session->unsubscribe(sid, user_tag));
  });
}

KALSHI_API kalshi_err_t kalshi_ws_update_subscription(kalshi_ws_t *w, uint64_t sid,
                                                      const char *action,
                                                      const char *const *market_tickers,
                                                      size_t n_tickers, uint64_t user_tag,
                                                      kalshi_error_t **err) {
  if (kalshi_err_t rc = check_open(w, err); rc != KALSHI_OK) return rc;
  return guarded(err, [&] {
    if (sid == 0) return report(err, KALSHI_ERR_INVALID_ARG, "sid must not be 0");
    if (action == nullptr || (std::string_view(action) != "add_markets" &&
                              std::string_view(action) != "delete_markets")) {
      return report(err, KALSHI_ERR_INVALID_ARG, "action must be add_markets or delete_markets");
    }
    std::vector<std::string> tickers;
    if (Error e = copy_strings(market_tickers, n_tickers, "market_tickers", &tickers); !e.ok()) {
      return report(err, std::move(e));
    }
    if (tickers.empty()) return report(err, KALSHI_ERR_INVALID_ARG, "no market_tickers");
    return report(err, w->session->update_subscription(sid, action, std::move(tickers), user_tag));
  });
}

KALSHI_API kalshi_err_t kalshi_ws_list_subscriptions(kalshi_ws_t *w, uint64_t user_tag,
                                                     kalshi_error_t **err) {
  if (kalshi_err_t rc = check_open(w, err); rc != KALSHI_OK) return rc;
  return guarded(err, [&] { return report(err, w->session->list_subscriptions(user_tag)); });
}

KALSHI_API kalshi_ws_state_t kalshi_ws_state(const kalshi_ws_t *w) {
  return w == nullptr ? KALSHI_WS_CLOSED : w->session->state();
}

KALSHI_API uint64_t kalshi_ws_dropped(const kalshi_ws_t *w) {
  return w == nullptr ? 0 : w->session->dropped();
}

KALSHI_API kalshi_err_t kalshi_ws_book_best(kalshi_ws_t *w, const char *market_ticker, int side,
                                            kalshi_price_t *price, kalshi_count_t *size) {
  if (w == nullptr || market_ticker == nullptr || (price == nullptr && size == nullptr)) {
    return KALSHI_ERR_INVALID_ARG;
  }
  if (side != KALSHI_BOOK_BID && side != KALSHI_BOOK_ASK) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    wsapi::TopOfBook t;
    if (!w->session->top(market_ticker, &t)) return KALSHI_ERR_NOT_FOUND;
    const bool bid = side == KALSHI_BOOK_BID;
    if (bid ? !t.has_bid : !t.has_ask) return KALSHI_ERR_NOT_FOUND;
    if (price != nullptr) *price = bid ? t.bid_price : t.ask_price;
    if (size != nullptr) *size = bid ? t.bid_size : t.ask_size;
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_ws_book_copy(kalshi_ws_t *w, const char *market_ticker,
                                            kalshi_book_t *into, kalshi_error_t **err) {
  if (kalshi_err_t rc = check_open(w, err); rc != KALSHI_OK) return rc;
  if (market_ticker == nullptr || into == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "market_ticker and into must not be NULL");
  }
  return guarded(err, [&] {
    std::vector<kalshi::book::Level> bids, asks;
    if (!w->session->copy_book(market_ticker, &bids, &asks)) {
      return report(err, KALSHI_ERR_NOT_FOUND, std::string("no local book for ") + market_ticker);
    }
    if (kalshi_err_t rc = kalshi_book_clear(into, market_ticker); rc != KALSHI_OK) {
      return report(err, rc, "kalshi_book_clear failed");
    }
    for (const auto &l : bids) {
      if (kalshi_err_t rc =
              kalshi_book_set_level(into, market_ticker, KALSHI_BOOK_BID, l.price, l.size);
          rc != KALSHI_OK) {
        return report(err, rc, "kalshi_book_set_level failed");
      }
    }
    for (const auto &l : asks) {
      if (kalshi_err_t rc =
              kalshi_book_set_level(into, market_ticker, KALSHI_BOOK_ASK, l.price, l.size);
          rc != KALSHI_OK) {
        return report(err, rc, "kalshi_book_set_level failed");
      }
    }
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_ws_close(kalshi_ws_t *w) {
  if (w == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    w->session->close();
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_ws_destroy(kalshi_ws_t *w) {
  if (w == nullptr) return;
  (void)guarded(nullptr, [&] {
    w->session->close();
    delete w;
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_ws_state_t kalshi_event_ws_state(const kalshi_event_t *ev) {
  const wsapi::WsEventBody *b = body_of(ev);
  return b == nullptr ? KALSHI_WS_CLOSED : b->state;
}

KALSHI_API const char *kalshi_event_ws_channel(const kalshi_event_t *ev) {
  const wsapi::WsEventBody *b = body_of(ev);
  return b == nullptr ? "" : b->channel.c_str();
}

KALSHI_API const char *kalshi_event_ws_type(const kalshi_event_t *ev) {
  const wsapi::WsEventBody *b = body_of(ev);
  return b == nullptr ? "" : b->type.c_str();
}

KALSHI_API uint64_t kalshi_event_ws_sid(const kalshi_event_t *ev) {
  const wsapi::WsEventBody *b = body_of(ev);
  return b == nullptr ? 0 : b->sid;
}

KALSHI_API uint64_t kalshi_event_ws_seq(const kalshi_event_t *ev) {
  const wsapi::WsEventBody *b = body_of(ev);
  return b == nullptr ? 0 : b->seq;
}

KALSHI_API const char *kalshi_event_ws_market(const kalshi_event_t *ev) {
  const wsapi::WsEventBody *b = body_of(ev);
  return b == nullptr ? "" : b->market.c_str();
}

}  // extern "C"
