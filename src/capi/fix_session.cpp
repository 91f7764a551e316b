// kalshi_fix_session_*: FIX sessions (api/fix/session_driver.h) behind the C ABI.
#include "capi/fix_session.h"

#include <string>
#include <utility>

#include "api/fix/message_event.h"
#include "api/fix/session_settings.h"
#include "capi/guard.h"
#include "crypto/key.h"

using kalshi::ClientImpl;
using kalshi::Error;
using kalshi::report;
using kalshi::capi::guarded;
namespace fix = kalshi::fix;

namespace kalshi::capi {

Error check_allowed(const kalshi_fix_session_t *s, const fix::MessageDef *def) {
  const bool margin = s->ctx.product == fix::Product::Margin;
  const uint8_t mask = margin ? def->margin_sessions : def->prediction_sessions;
  if ((mask & fix::session_bit(s->kind)) == 0) {
    return Error::make(KALSHI_ERR_NOT_SUPPORTED,
                       std::string(def->name) + " (35=" + std::string(def->msg_type) +
                           ") is not carried on " + (margin ? "margin " : "") +
                           std::string(fix::target_comp_id(s->kind)));
  }
  return Error{};
}

namespace {

// Session-level messages belong to the session layer alone.
bool is_admin(std::string_view t) {
  return t == "A" || t == "0" || t == "1" || t == "2" || t == "4" || t == "5";
}

kalshi_err_t dispatch(kalshi_fix_session_t *s, std::string_view msg_type, std::string_view body,
                      std::string_view sub_id, uint64_t user_tag, uint64_t *seq_out,
                      kalshi_error_t **err, const AfterSend &after) {
  net::Runtime &rt = s->impl->runtime();
  if (rt.on_loop_thread()) {
    // The low-latency path: caller mode or a dispatch callback. Sent before returning.
    Error e = s->driver->send(msg_type, body, sub_id, user_tag, seq_out);
    if (!e.ok()) return report(err, std::move(e));
    if (after) after(*s->driver);
    return KALSHI_OK;
  }
  auto driver = s->driver;
  auto sink = std::weak_ptr<EventSink>(s->impl);
  auto job = [driver, sink, type = std::string(msg_type), bytes = std::string(body),
              sub = std::string(sub_id), user_tag, after] {
    Error e = driver->send(type, bytes, sub, user_tag, nullptr);
    if (e.ok()) {
      if (after) after(*driver);
      return;
    }
    if (auto k = sink.lock()) {
      k->emit(make_error_event(KALSHI_EVENT_FIX_SEND_FAILED, user_tag, std::move(e)));
    }
  };
  if (!rt.post(std::move(job))) return report(err, KALSHI_ERR_CLOSED, "the client is closed");
  return KALSHI_OK;
}

}  // namespace

kalshi_err_t fix_send(kalshi_fix_session_t *s, std::string_view msg_type,
                      const std::function<Error(fix::MessageBuilder &)> &fill,
                      const char *sender_sub_id, uint64_t user_tag, uint64_t *seq_out,
                      kalshi_error_t **err, AfterSend after) {
  if (err != nullptr) *err = nullptr;
  if (seq_out != nullptr) *seq_out = 0;
  if (s == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "session must not be NULL");
  return guarded(err, [&] {
    if (s->close_requested.load()) return report(err, KALSHI_ERR_CLOSED, "the session is closed");
    const fix::MessageDef *def = fix::find_message(msg_type, fix::Direction::ClientToServer);
    if (def == nullptr || is_admin(msg_type)) {
      return report(
          err, KALSHI_ERR_INVALID_ARG,
          "35=" + std::string(msg_type) + " is not an application message a client sends");
    }
    if (Error e = check_allowed(s, def); !e.ok()) return report(err, std::move(e));
    std::lock_guard<std::mutex> lock(s->build_mu);
    if (Error e = s->builder.start(def, s->ctx); !e.ok()) return report(err, std::move(e));
    if (Error e = fill(s->builder); !e.ok()) return report(err, std::move(e));
    s->body.clear();
    if (Error e = s->builder.finish(s->body); !e.ok()) return report(err, std::move(e));
    std::string_view sub =
        sender_sub_id != nullptr ? std::string_view(sender_sub_id) : s->builder.sender_sub_id();
    return dispatch(s, msg_type, s->body.view(), sub, user_tag, seq_out, err, after);
  });
}

}  // namespace kalshi::capi

namespace {

// Re-sends the market-data subscriptions after a reconnect (loop thread).
fix::SessionDriver::BodyMaker resubscribe_maker(fix::Context ctx) {
  auto builder = std::make_shared<fix::MessageBuilder>();
  auto buf = std::make_shared<fix::Buffer>();
  return [ctx, builder, buf](char kind, const std::vector<std::string> &symbols,
                             std::string *msg_type, std::string *body) -> Error {
    *msg_type = kind == 'V' ? "V" : "e";
    if (Error e = builder->start(*msg_type, fix::Direction::ClientToServer, ctx); !e.ok()) return e;
    if (Error e = builder->set_char(263, '1'); !e.ok()) return e;
    if (kind == 'V') {
      if (Error e = builder->begin_group(146); !e.ok()) return e;
      for (const auto &sym : symbols) {
        if (Error e = builder->next_entry(); !e.ok()) return e;
        if (Error e = builder->set_string(55, sym); !e.ok()) return e;
      }
      if (Error e = builder->end_group(); !e.ok()) return e;
    } else if (Error e = builder->set_string(55, symbols.at(0)); !e.ok()) {
      return e;
    }
    buf->clear();
    if (Error e = builder->finish(*buf); !e.ok()) return e;
    body->assign(buf->data(), buf->size());
    return Error{};
  };
}

}  // namespace

extern "C" {

KALSHI_API const char *kalshi_fix_state_name(kalshi_fix_state_t state) {
  switch (state) {
    case KALSHI_FIX_DISCONNECTED:
      return "KALSHI_FIX_DISCONNECTED";
    case KALSHI_FIX_CONNECTING:
      return "KALSHI_FIX_CONNECTING";
    case KALSHI_FIX_LOGGING_ON:
      return "KALSHI_FIX_LOGGING_ON";
    case KALSHI_FIX_ACTIVE:
      return "KALSHI_FIX_ACTIVE";
    case KALSHI_FIX_LOGGING_OUT:
      return "KALSHI_FIX_LOGGING_OUT";
  }
  return "KALSHI_FIX_UNKNOWN_STATE";
}

KALSHI_API kalshi_err_t kalshi_fix_session_open(kalshi_client_t *c, const kalshi_conf_t *overrides,
                                                uint64_t user_tag, kalshi_fix_session_t **out,
                                                kalshi_error_t **err) {
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
    fix::SessionSettings settings;
    if (Error e = fix::settings_from_conf(conf, &settings); !e.ok()) {
      return report(err, std::move(e));
    }
    const bool margin = settings.driver.session.product == fix::Product::Margin;
    const kalshi::crypto::PrivateKey *key = margin ? c->impl->perps_key() : c->impl->key();
    if (key == nullptr || key->type() != kalshi::crypto::KeyType::kRsa) {
      return report(err, KALSHI_ERR_KEY_UNSUPPORTED,
                    margin ? "FIX needs an RSA key in perps.auth.private_key*"
                           : "FIX needs an RSA key in auth.private_key*");
    }
    auto s = std::make_unique<kalshi_fix_session>();
    s->impl = c->impl;
    s->ctx = settings.driver.context;
    s->kind = settings.driver.session.kind;
    s->builder.set_conditional_checks(conf.get_bool("fix.conditional_checks"));
    s->driver =
        fix::SessionDriver::create(c->impl->runtime(), c->impl, key, std::move(settings.driver),
                                   user_tag, fix::make_message_event);
    s->driver->set_resubscribe_body_maker(resubscribe_maker(s->ctx));
    auto driver = s->driver;
    if (!c->impl->runtime().post([driver] { driver->start(); })) {
      return report(err, KALSHI_ERR_CLOSED, "the client is closed");
    }
    *out = s.release();
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_fix_session_close(kalshi_fix_session_t *s) {
  if (s == nullptr) return KALSHI_ERR_INVALID_ARG;
  return guarded(nullptr, [&] {
    if (s->close_requested.exchange(true)) return KALSHI_OK;
    auto driver = s->driver;
    // When the loop no longer accepts work, the client's close has already ended the session.
    s->impl->runtime().post([driver] { driver->close(); });
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_fix_session_destroy(kalshi_fix_session_t *s) {
  if (s == nullptr) return;
  kalshi_fix_session_close(s);
  delete s;
}

KALSHI_API kalshi_fix_state_t kalshi_fix_session_state(const kalshi_fix_session_t *s) {
  return s == nullptr ? KALSHI_FIX_DISCONNECTED : s->driver->state();
}

KALSHI_API uint64_t kalshi_fix_session_next_sender_seq(const kalshi_fix_session_t *s) {
  return s == nullptr ? 0 : s->driver->next_sender_seq();
}

KALSHI_API uint64_t kalshi_fix_session_next_target_seq(const kalshi_fix_session_t *s) {
  return s == nullptr ? 0 : s->driver->next_target_seq();
}

}  // extern "C"
