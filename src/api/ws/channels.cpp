// Envelope decoding and dispatch to the per-family payload decoders.
#include "api/ws/channels.h"

#include <cstring>
#include <string>
#include <utility>

#include "api/ws/decode_util.h"
#include "api/ws/fast_books.h"

namespace kalshi::wsapi {

namespace od = simdjson::ondemand;

struct Decoder::Impl {
  od::parser parser;
  detail::Reader reader;
  detail::FastBooks fast_books;  // orderbook_delta / orderbook_snapshot without simdjson
  std::string copy;              // decode_copy's padded buffer
};

namespace {

struct TypeEntry {
  std::string_view name;
  MessageKind kind;
};

// Linear scan: ~30 short names, compared by length first, cheaper than hashing for this size.
constexpr TypeEntry kTypes[] = {
    {"orderbook_delta", MessageKind::OrderbookDelta},
    {"orderbook_snapshot", MessageKind::OrderbookSnapshot},
    {"ticker", MessageKind::Ticker},
    {"trade", MessageKind::Trade},
    {"fill", MessageKind::Fill},
    {"user_order", MessageKind::UserOrder},
    {"market_position", MessageKind::MarketPosition},
    {"order_group_updates", MessageKind::OrderGroupUpdate},
    {"subscribed", MessageKind::Subscribed},
    {"unsubscribed", MessageKind::Unsubscribed},
    {"ok", MessageKind::Ok},
    {"error", MessageKind::Error},
    {"market_lifecycle_v2", MessageKind::MarketLifecycle},
    {"event_lifecycle", MessageKind::EventLifecycle},
    {"event_fee_update", MessageKind::EventFeeUpdate},
    {"multivariate_market_lifecycle", MessageKind::MultivariateLifecycle},
    {"rfq_created", MessageKind::RfqCreated},
    {"rfq_deleted", MessageKind::RfqDeleted},
    {"quote_created", MessageKind::QuoteCreated},
    {"quote_accepted", MessageKind::QuoteAccepted},
    {"quote_executed", MessageKind::QuoteExecuted},
    {"cfbenchmarks_value", MessageKind::CfbValue},
    {"cfbenchmarks_value_5hz", MessageKind::CfbValue5hz},
    {"cfbenchmarks_value_indexlist", MessageKind::CfbIndexList},
    {"cfbenchmarks_value_5hz_indexlist", MessageKind::CfbIndexList},
    {"pyth_value", MessageKind::PythValue},
    {"pyth_value_underlying_list", MessageKind::PythUnderlyingList},
};

MessageKind classify(std::string_view type) {
  for (const TypeEntry &e : kTypes)
    if (e.name.size() == type.size() && e.name == type) return e.kind;
  return MessageKind::Raw;
}

bool is_reply(MessageKind k) {
  return k == MessageKind::Subscribed || k == MessageKind::Unsubscribed || k == MessageKind::Ok ||
         k == MessageKind::Error;
}

bool decode_payload(detail::Reader &r, od::value msg, Decoded *out) {
  MessageKind kind = out->env.kind;
  if (is_reply(kind)) {
    // `ok` replying to list_subscriptions carries an array.
    if (kind == MessageKind::Ok) {
      od::json_type t;
      if (msg.type().get(t) == simdjson::SUCCESS && t == od::json_type::array)
        out->env.kind = MessageKind::ListSubscriptions;
    }
    return detail::decode_reply(r, out->env.kind, msg, &out->reply);
  }
  od::object obj;
  if (msg.get_object().get(obj) != simdjson::SUCCESS) return r.fail("msg");
  switch (kind) {
    case MessageKind::OrderbookSnapshot:
      out->snapshot = {};
      return detail::decode_snapshot(r, obj, &out->snapshot);
    case MessageKind::OrderbookDelta:
      out->delta = {};
      return detail::decode_delta(r, obj, &out->delta);
    case MessageKind::Ticker:
      out->ticker = {};
      return detail::decode_ticker(r, obj, &out->ticker);
    case MessageKind::Trade:
      out->trade = {};
      return detail::decode_trade(r, obj, &out->trade);
    case MessageKind::Fill:
      out->fill = {};
      return detail::decode_fill(r, obj, &out->fill);
    case MessageKind::MarketPosition:
      out->position = {};
      return detail::decode_position(r, obj, &out->position);
    case MessageKind::UserOrder:
      out->order = {};
      return detail::decode_user_order(r, obj, &out->order);
    case MessageKind::OrderGroupUpdate:
      out->order_group = {};
      return detail::decode_order_group(r, obj, &out->order_group);
    case MessageKind::MarketLifecycle:
    case MessageKind::MultivariateLifecycle:
      out->lifecycle = {};
      return detail::decode_market_lifecycle(r, obj, &out->lifecycle);
    case MessageKind::EventLifecycle:
      out->event_lifecycle = {};
      return detail::decode_event_lifecycle(r, obj, &out->event_lifecycle);
    case MessageKind::EventFeeUpdate:
      out->fee_update = {};
      return detail::decode_fee_update(r, obj, &out->fee_update);
    case MessageKind::RfqCreated:
    case MessageKind::RfqDeleted:
    case MessageKind::QuoteCreated:
    case MessageKind::QuoteAccepted:
    case MessageKind::QuoteExecuted:
      out->comm = {};
      return detail::decode_communication(r, obj, &out->comm);
    case MessageKind::CfbValue:
    case MessageKind::CfbValue5hz:
    case MessageKind::PythValue:
      out->index = {};
      return detail::decode_index_value(r, obj, &out->index);
    case MessageKind::CfbIndexList:
    case MessageKind::PythUnderlyingList:
      out->list = {};
      return detail::decode_name_list(r, obj, &out->list);
    default:
      return true;
  }
}

Error make_error(const detail::Reader &r, std::string_view type) {
  std::string m = "ws message";
  if (!type.empty()) {
    m += " '";
    m.append(type.data(), type.size());
    m += "'";
  }
  m += ": bad or missing field '";
  m += r.bad_field ? r.bad_field : "?";
  m += "'";
  return Error::make(r.code == KALSHI_OK ? KALSHI_ERR_PARSE : r.code, std::move(m));
}

}  // namespace

const char *kind_name(MessageKind kind) {
  if (kind == MessageKind::Raw) return "raw";
  if (kind == MessageKind::ListSubscriptions) return "list_subscriptions";
  for (const TypeEntry &e : kTypes)
    if (e.kind == kind) return e.name.data();  // the table's literals are NUL-terminated
  return "raw";
}

Decoder::Decoder(Product product) : product_(product), impl_(std::make_unique<Impl>()) {
  impl_->reader.product = product;
}
Decoder::~Decoder() = default;

Error Decoder::decode_copy(std::string_view json, Decoded *out) {
  impl_->copy.assign(json.data(), json.size());
  impl_->copy.append(kPadding, '\0');
  return decode(std::string_view(impl_->copy.data(), json.size()), out);
}

Error Decoder::decode(std::string_view padded_json, Decoded *out) {
  // The two hot book messages first: the scanner answers only when its result is exactly this
  // function's, and declines everything else (other types, escapes, odd shapes, errors).
  if (impl_->fast_books.decode(padded_json, product_, out)) return Error{};
  detail::Reader &r = impl_->reader;
  r.bad_field = nullptr;
  r.code = KALSHI_OK;
  Envelope &env = out->env;
  env = Envelope{};
  env.json = padded_json;

  od::document doc;
  if (impl_->parser.iterate(padded_json.data(), padded_json.size(), padded_json.size() + kPadding)
          .get(doc) != simdjson::SUCCESS)
    return Error::make(KALSHI_ERR_PARSE, "ws message: not JSON");
  od::object top;
  if (doc.get_object().get(top) != simdjson::SUCCESS)
    return Error::make(KALSHI_ERR_PARSE, "ws message: not a JSON object");

  out->reply = ReplyPayload{};
  bool have_type = false;
  bool have_msg = false;
  bool msg_pending = false;  // `msg` came before `type`: decode it in a second pass
  for (auto field_result : top) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) != simdjson::SUCCESS || !detail::key_of(field, &key))
      return Error::make(KALSHI_ERR_PARSE, "ws message: malformed JSON object");
    od::value v = field.value();
    if (key == "type") {
      if (!r.str(v, &env.type, "type")) return make_error(r, {});
      env.kind = classify(env.type);
      have_type = true;
    } else if (key == "sid") {
      if (!r.i64(v, &env.sid, "sid")) return make_error(r, env.type);
    } else if (key == "seq") {
      if (!r.i64(v, &env.seq, "seq")) return make_error(r, env.type);
    } else if (key == "id") {
      if (!r.i64(v, &env.id, "id")) return make_error(r, env.type);
    } else if (key == "msg") {
      have_msg = true;
      if (!have_type) {
        msg_pending = true;
        if (!r.raw(v, &env.msg_json, "msg")) return make_error(r, env.type);
      } else if (env.kind == MessageKind::Raw) {
        if (!r.raw(v, &env.msg_json, "msg")) return make_error(r, env.type);
      } else if (!decode_payload(r, v, out)) {
        return make_error(r, env.type);
      }
    }
  }
  if (!have_type) return Error::make(KALSHI_ERR_PARSE, "ws message: no 'type'");
  if (!have_msg && env.kind != MessageKind::Raw && !is_reply(env.kind))
    return Error::make(KALSHI_ERR_PARSE, "ws message '" + std::string(env.type) + "': no 'msg'");
  if (msg_pending && env.kind != MessageKind::Raw) {
    doc.rewind();
    od::value msg;
    if (doc.find_field_unordered("msg").get(msg) != simdjson::SUCCESS ||
        !decode_payload(r, msg, out))
      return make_error(r, env.type);
  }
  return Error{};
}

}  // namespace kalshi::wsapi
