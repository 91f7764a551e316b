#include "sim/ws/ws_session.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "sim/ws/json_out.h"
#include "sim/ws/market_data.h"
#include "ws/frame/close_codes.h"
#include "ws/handshake/handshake.h"

namespace kalshi::sim::wsfront {

namespace dom = simdjson::dom;
using kalshi::ws::Message;
using kalshi::ws::Opcode;

namespace {

constexpr std::string_view kPath = "/trade-api/ws/v2";
constexpr std::string_view kMarginPath = "/trade-api/ws/v2/margin";

struct ChannelInfo {
  Channel channel;
  const char *name;
  bool sequenced;
  bool is_private;
  bool market_filtered;
};
constexpr ChannelInfo kChannels[] = {
    {Channel::OrderbookDelta, "orderbook_delta", true, false, true},
    {Channel::Ticker, "ticker", false, false, true},
    {Channel::Trade, "trade", true, false, true},
    {Channel::Fill, "fill", false, true, true},
    {Channel::MarketPositions, "market_positions", false, true, true},
    {Channel::MarketLifecycleV2, "market_lifecycle_v2", true, false, false},
    {Channel::MultivariateMarketLifecycle, "multivariate_market_lifecycle", true, false, false},
    {Channel::Communications, "communications", true, false, false},
    {Channel::OrderGroupUpdates, "order_group_updates", true, true, false},
    {Channel::UserOrders, "user_orders", false, true, true},
    {Channel::CfBenchmarksValue, "cfbenchmarks_value", true, false, false},
    {Channel::CfBenchmarksValue5hz, "cfbenchmarks_value_5hz", true, false, false},
    {Channel::PythValue, "pyth_value", true, false, false},
};
const ChannelInfo &info(Channel c) {
  return kChannels[static_cast<size_t>(c)];
}

// Reads an optional integer member; false when present but not an integer.
bool opt_int(const dom::element &obj, std::string_view name, int64_t *out, bool *present) {
  dom::element v;
  *present = obj[name].get(v) == simdjson::SUCCESS;
  if (!*present) return true;
  if (v.is_int64()) return v.get_int64().get(*out) == simdjson::SUCCESS;
  uint64_t u = 0;
  if (v.get_uint64().get(u) == simdjson::SUCCESS) return false;  // above int64
  return false;
}

bool opt_bool(const dom::element &obj, std::string_view name, bool *out) {
  dom::element v;
  if (obj[name].get(v) != simdjson::SUCCESS) return true;
  return v.get_bool().get(*out) == simdjson::SUCCESS;
}

// market_ticker / market_tickers (mutually exclusive). false: a bad type or both given.
bool read_tickers(const dom::element &params, std::vector<std::string> *out, bool *given) {
  dom::element one, many;
  const bool has_one = params["market_ticker"].get(one) == simdjson::SUCCESS;
  const bool has_many = params["market_tickers"].get(many) == simdjson::SUCCESS;
  *given = has_one || has_many;
  if (has_one && has_many) return false;
  if (has_one) {
    std::string_view t;
    if (one.get_string().get(t) != simdjson::SUCCESS) return false;
    out->emplace_back(t);
  }
  if (has_many) {
    dom::array arr;
    if (many.get_array().get(arr) != simdjson::SUCCESS) return false;
    for (dom::element e : arr) {
      std::string_view t;
      if (e.get_string().get(t) != simdjson::SUCCESS) return false;
      out->emplace_back(t);
    }
  }
  return true;
}

void begin_reply(JsonOut &j, std::string_view type, int64_t id) {
  j.begin_object();
  j.field("type", type);
  if (id != 0) j.field_int("id", id);
}

}  // namespace

const char *channel_name(Channel c) {
  return info(c).name;
}
bool parse_channel(std::string_view name, Channel *out) {
  for (const auto &c : kChannels) {
    if (name == c.name) {
      *out = c.channel;
      return true;
    }
  }
  return false;
}
bool channel_sequenced(Channel c) {
  return info(c).sequenced;
}
bool channel_private(Channel c) {
  return info(c).is_private;
}
bool channel_market_filtered(Channel c) {
  return info(c).market_filtered;
}
bool channel_on_margin(Channel c) {
  return c == Channel::OrderbookDelta || c == Channel::Ticker || c == Channel::Trade ||
         c == Channel::Fill || c == Channel::UserOrders || c == Channel::OrderGroupUpdates;
}

bool WsSession::Subscription::matches(std::string_view ticker) const {
  if (tickers.empty() || ticker.empty()) return true;
  return tickers.find(ticker) != tickers.end();
}

WsSession::WsSession(WsContext &ctx, WsSessionHost &host, int64_t now_ms)
    : ctx_(ctx),
      host_(host),
      rx_(kalshi::ws::Role::Server,
          kalshi::ws::Limits{ctx.max_message_bytes, ctx.max_message_bytes}),
      opened_ms_(now_ms) {
  http::Limits limits;
  limits.max_header_bytes = 16 * 1024;
  limits.max_header_count = 64;
  limits.max_body_bytes = 0;
  http_.set_limits(limits);
}

WsSession::~WsSession() = default;

void WsSession::received(const uint8_t *data, size_t len, int64_t now_ms) {
  if (len == 0 || state_ == State::Closed) return;
  if (state_ == State::Handshake) {
    on_handshake_bytes(data, len, now_ms);
  } else {
    on_frame_bytes(data, len, now_ms);
  }
}

void WsSession::on_handshake_bytes(const uint8_t *data, size_t len, int64_t now_ms) {
  std::string_view in(reinterpret_cast<const char *>(data), len);
  // Loops on empty input too: a request without a body completes on the call after its Head.
  while (state_ == State::Handshake) {
    const auto step = http_.parse(in);
    in.remove_prefix(step.consumed);
    switch (step.event) {
      case http::MessageParser::Event::NeedMore:
        return;
      case http::MessageParser::Event::Head:
        if (http_.body_kind() != http::MessageParser::BodyKind::None) {
          http_refuse(400, "Bad Request", "an upgrade request has no body");
          return;
        }
        break;
      case http::MessageParser::Event::Body:
        break;
      case http::MessageParser::Event::Complete:
        if (!on_upgrade_request(now_ms)) return;
        // Frames sent right behind the request (pipelined) belong to the WebSocket.
        if (!in.empty()) {
          on_frame_bytes(reinterpret_cast<const uint8_t *>(in.data()), in.size(), now_ms);
        }
        return;
      case http::MessageParser::Event::Error:
        http_refuse(400, "Bad Request", "malformed HTTP request");
        return;
    }
  }
}

bool WsSession::on_upgrade_request(int64_t now_ms) {
  if (http_.method() != "GET") {
    http_refuse(405, "Method Not Allowed", "the WebSocket upgrade is a GET");
    return false;
  }
  std::string_view target = http_.target();
  target = target.substr(0, target.find('?'));
  if (target == kPath) {
    product_ = fix::Product::Prediction;
  } else if (target == kMarginPath) {
    product_ = fix::Product::Margin;
  } else {
    http_refuse(404, "Not Found", "the WebSocket endpoint is /trade-api/ws/v2");
    return false;
  }
  std::vector<kalshi::ws::HeaderField> fields;
  fields.reserve(http_.header_count());
  for (size_t i = 0; i < http_.header_count(); ++i) {
    const auto h = http_.header_at(i);
    fields.push_back({h.name, h.value});
  }
  std::string_view key;
  const auto herr = kalshi::ws::check_client_request(http_.method(), fields, &key);
  if (herr != kalshi::ws::HandshakeError::None) {
    // RFC 6455 §4.2.2: a wrong version is answered with the one we speak.
    http_refuse(herr == kalshi::ws::HandshakeError::BadVersion ? 426 : 400, "Bad Request",
                kalshi::ws::handshake_error_name(herr));
    return false;
  }
  std::string_view access_key, timestamp, signature;
  if (!http_.header("KALSHI-ACCESS-KEY", &access_key) ||
      !http_.header("KALSHI-ACCESS-TIMESTAMP", &timestamp) ||
      !http_.header("KALSHI-ACCESS-SIGNATURE", &signature)) {
    http_refuse(401, "Unauthorized", "authentication required: KALSHI-ACCESS-* headers");
    return false;
  }
  int64_t ts = 0;
  bool digits = !timestamp.empty() && timestamp.size() <= 18;
  for (char c : timestamp) {
    if (c < '0' || c > '9') digits = false;
    if (digits) ts = ts * 10 + (c - '0');
  }
  if (!digits) {
    http_refuse(401, "Unauthorized", "KALSHI-ACCESS-TIMESTAMP must be Unix milliseconds");
    return false;
  }
  if (ctx_.max_clock_skew_ms > 0 &&
      (ts > now_ms + ctx_.max_clock_skew_ms || ts < now_ms - ctx_.max_clock_skew_ms)) {
    http_refuse(401, "Unauthorized", "KALSHI-ACCESS-TIMESTAMP too far from the server clock");
    return false;
  }
  std::string prehash;
  prehash.reserve(timestamp.size() + 3 + target.size());
  prehash.append(timestamp).append("GET").append(target);
  const uint32_t member = ctx_.keys == nullptr ? 0 : ctx_.keys->member_of(product_, access_key);
  if (member == 0 ||
      ctx_.keys->verify_logon(product_, access_key, prehash, signature).code != KALSHI_OK) {
    http_refuse(401, "Unauthorized", "invalid signature or unknown key");
    return false;
  }
  member_ = member;
  key_id_ = std::string(access_key);
  write_out(kalshi::ws::build_server_response(key));
  state_ = State::Open;
  last_ping_ms_ = now_ms;
  return true;
}

void WsSession::http_refuse(int status, std::string_view reason, std::string_view text) {
  std::string r = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  if (status == 426) r += "Sec-WebSocket-Version: 13\r\n";
  JsonOut j;
  j.begin_object();
  j.field("error", text);
  j.end_object();
  r += "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
       std::to_string(j.str().size()) + "\r\n\r\n" + j.str();
  write_out(r);
  finish(false);
}

void WsSession::on_frame_bytes(const uint8_t *data, size_t len, int64_t now_ms) {
  if (state_ != State::Open && state_ != State::Closing) return;
  in_.assign(data, data + len);
  std::span<uint8_t> buf(in_);
  size_t off = 0;
  while (state_ == State::Open || state_ == State::Closing) {
    size_t used = 0;
    const Message m = rx_.next(buf.subspan(off), &used);
    off += used;
    switch (m.kind) {
      case Message::Kind::None:
        return;
      case Message::Kind::Error:
        close_with(kalshi::ws::close_code_for(m.error), kalshi::ws::ws_error_name(m.error));
        finish(false);
        return;
      case Message::Kind::Text:
        if (state_ == State::Open) on_text(m.text(), now_ms);
        break;
      case Message::Kind::Binary:
        if (state_ == State::Open) {
          close_with(1003, "text frames only");
          finish(false);
          return;
        }
        break;
      case Message::Kind::Ping:
        send_frame(Opcode::Pong, m.text());
        break;
      case Message::Kind::Pong:
        break;
      case Message::Kind::Close:
        // Echo the close (RFC 6455 §5.5.1) unless ours already went, then hang up.
        if (state_ == State::Open) close_with(m.close_code == 1005 ? 1000 : m.close_code, "");
        finish(false);
        return;
    }
  }
}

void WsSession::on_text(std::string_view text, int64_t now_ms) {
  text_.assign(text);
  dom::element doc;
  if (ctx_.json == nullptr || ctx_.json->parse(text_).get(doc) != simdjson::SUCCESS ||
      !doc.is_object()) {
    send_error(0, 1, "Unable to process message");
    return;
  }
  int64_t id = 0;
  bool has_id = false;
  if (!opt_int(doc, "id", &id, &has_id) || id < 0) {
    send_error(0, 11, "Invalid parameter: id");
    return;
  }
  std::string_view cmd;
  if (doc["cmd"].get_string().get(cmd) != simdjson::SUCCESS) {
    send_error(id, 5, "Unknown command");
    return;
  }
  dom::element params;
  const bool has_params = doc["params"].get(params) == simdjson::SUCCESS && params.is_object();
  if (cmd == "list_subscriptions") {
    cmd_list(id);
    return;
  }
  if (cmd != "subscribe" && cmd != "unsubscribe" && cmd != "update_subscription") {
    send_error(id, 5, "Unknown command");
    return;
  }
  if (!has_params) {
    send_error(id, 2, "Params required");
    return;
  }
  if (cmd == "subscribe") {
    cmd_subscribe(id, params, now_ms);
  } else if (cmd == "unsubscribe") {
    cmd_unsubscribe(id, params);
  } else {
    cmd_update(id, params, now_ms);
  }
}

bool WsSession::market_visible(std::string_view ticker) const {
  const Market *m = ctx_.exchange == nullptr ? nullptr : ctx_.exchange->find_market(ticker);
  return m != nullptr && (m->kind == MarketKind::Perp) == perp();
}

void WsSession::cmd_subscribe(int64_t id, const dom::element &params, int64_t now_ms) {
  dom::array channels;
  if (params["channels"].get_array().get(channels) != simdjson::SUCCESS || channels.size() == 0) {
    send_error(id, 3, "Channels required");
    return;
  }
  std::vector<Channel> wanted;
  for (dom::element e : channels) {
    std::string_view name;
    Channel c{};
    if (e.get_string().get(name) != simdjson::SUCCESS || !parse_channel(name, &c) ||
        (perp() && !channel_on_margin(c))) {
      send_error(id, 8, "Unknown channel name");
      return;
    }
    wanted.push_back(c);
  }
  std::vector<std::string> tickers;
  bool tickers_given = false;
  if (!read_tickers(params, &tickers, &tickers_given)) {
    send_error(id, 11, "Invalid parameter: market_ticker / market_tickers");
    return;
  }
  Subscription proto;
  if (!opt_bool(params, "use_yes_price", &proto.use_yes_price) ||
      !opt_bool(params, "send_initial_snapshot", &proto.send_initial_snapshot) ||
      !opt_bool(params, "skip_ticker_ack", &proto.skip_ticker_ack)) {
    send_error(id, 11, "Invalid parameter: expected a boolean");
    return;
  }
  if (tickers.size() > ctx_.max_markets_per_subscription) {
    send_error(id, 26, "Subscription market limit exceeded");
    return;
  }
  if (dom::element uf; params["user_filter"].get(uf) == simdjson::SUCCESS) {
    std::string_view v;
    if (uf.get_string().get(v) != simdjson::SUCCESS || (!v.empty() && v != "self")) {
      send_error(id, 11, "Invalid parameter: user_filter");
      return;
    }
    proto.self_only = v == "self";
  }
  // communications fan-out sharding (kalshi-ws.md §5.1, codes 19-22). The simulator has one
  // shard, so valid values change nothing.
  int64_t shard_factor = 0, shard_key = 0;
  bool has_factor = false, has_key = false;
  if (!opt_int(params, "shard_factor", &shard_factor, &has_factor) ||
      !opt_int(params, "shard_key", &shard_key, &has_key)) {
    send_error(id, 11, "Invalid parameter: shard_factor / shard_key");
    return;
  }
  if (has_key && !has_factor) {
    send_error(id, 20, "shard_factor is required when shard_key is set");
    return;
  }
  if (has_factor && shard_factor <= 0) {
    send_error(id, 19, "shard_factor must be > 0");
    return;
  }
  if (has_factor && shard_factor > 100) {
    send_error(id, 22, "shard_factor must be <= 100");
    return;
  }
  if (has_key && (shard_key < 0 || shard_key >= shard_factor)) {
    send_error(id, 21, "shard_key must be >= 0 and < shard_factor");
    return;
  }
  for (const std::string &t : tickers) {
    if (!market_visible(t)) {
      JsonOut j;
      begin_reply(j, "error", id);
      j.key("msg");
      j.begin_object();
      j.field_int("code", 11);
      j.field("msg", "Invalid parameter: unknown market ticker");
      j.field("market_ticker", t);
      j.end_object();
      j.end_object();
      send_text(j.str());
      return;
    }
  }
  for (Channel c : wanted) {
    if (c == Channel::OrderbookDelta && tickers.empty()) {
      send_error(id, 14, "Market Ticker required");
      return;
    }
  }
  for (Channel c : wanted) {
    // One subscription per channel and connection: a second one for the same channel is refused
    // (the spec numbers no "already subscribed" code; 11 names the parameter that is wrong).
    const bool dup = std::any_of(subs_.begin(), subs_.end(),
                                 [c](const Subscription &s) { return s.channel == c; });
    if (dup) {
      send_error(id, 11,
                 std::string("Already subscribed to ") + channel_name(c) +
                     ": use update_subscription to add markets");
      continue;
    }
    if (subs_.size() >= ctx_.max_subscriptions) {
      send_error(id, 11, "Invalid parameter: too many subscriptions on this connection");
      continue;
    }
    Subscription s = proto;
    s.sid = next_sid_++;
    s.channel = c;
    if (channel_market_filtered(c)) s.tickers.insert(tickers.begin(), tickers.end());
    subs_.push_back(s);
    JsonOut j;
    begin_reply(j, "subscribed", id);
    j.key("msg");
    j.begin_object();
    j.field("channel", channel_name(c));
    j.field_int("sid", s.sid);
    j.end_object();
    j.end_object();
    send_text(j.str());
    Subscription &added = subs_.back();
    if (c == Channel::OrderbookDelta) {
      for (const std::string &t : tickers) send_snapshot(added, t, 0);
    } else if (c == Channel::Ticker && added.send_initial_snapshot) {
      for (const std::string &t : tickers) send_ticker(added, t, now_ms);
    }
  }
}

void WsSession::cmd_unsubscribe(int64_t id, const dom::element &params) {
  dom::array sids;
  if (params["sids"].get_array().get(sids) != simdjson::SUCCESS || sids.size() == 0) {
    send_error(id, 4, "Subscription IDs required");
    return;
  }
  for (dom::element e : sids) {
    int64_t sid = 0;
    if (!e.is_int64() || e.get_int64().get(sid) != simdjson::SUCCESS) {
      send_error(id, 11, "Invalid parameter: sids");
      continue;
    }
    auto it = std::find_if(subs_.begin(), subs_.end(),
                           [sid](const Subscription &s) { return s.sid == sid; });
    if (it == subs_.end()) {
      send_error(id, 7, "Unknown subscription ID");
      continue;
    }
    JsonOut j;
    begin_reply(j, "unsubscribed", id);
    j.field_int("sid", sid);
    j.field_int("seq", it->seq);
    j.end_object();
    subs_.erase(it);
    send_text(j.str());
  }
}

void WsSession::cmd_update(int64_t id, const dom::element &params, int64_t now_ms) {
  int64_t sid = 0;
  bool has_sid = false;
  if (!opt_int(params, "sid", &sid, &has_sid)) {
    send_error(id, 11, "Invalid parameter: sid");
    return;
  }
  dom::array sids;
  if (params["sids"].get_array().get(sids) == simdjson::SUCCESS) {
    if (has_sid || sids.size() != 1) {
      send_error(id, 12, "Exactly one subscription ID is required");
      return;
    }
    dom::element first = sids.at(0);
    if (!first.is_int64() || first.get_int64().get(sid) != simdjson::SUCCESS) {
      send_error(id, 11, "Invalid parameter: sids");
      return;
    }
    has_sid = true;
  }
  if (!has_sid) {
    send_error(id, 12, "Exactly one subscription ID is required");
    return;
  }
  std::string_view action;
  if (params["action"].get_string().get(action) != simdjson::SUCCESS) {
    send_error(id, 15, "Action required");
    return;
  }
  auto it = std::find_if(subs_.begin(), subs_.end(),
                         [sid](const Subscription &s) { return s.sid == sid; });
  if (it == subs_.end()) {
    send_error(id, 7, "Unknown subscription ID");
    return;
  }
  Subscription &s = *it;
  const bool market_action =
      action == "add_markets" || action == "delete_markets" || action == "get_snapshot";
  if (!market_action || !channel_market_filtered(s.channel) ||
      (action == "get_snapshot" && s.channel != Channel::OrderbookDelta)) {
    send_error(id, 13, "Unsupported action", &s);
    return;
  }
  std::vector<std::string> tickers;
  bool given = false;
  if (!read_tickers(params, &tickers, &given)) {
    send_error(id, 11, "Invalid parameter: market_ticker / market_tickers", &s);
    return;
  }
  if (tickers.empty()) {
    send_error(id, 14, "Market Ticker required", &s);
    return;
  }
  for (const std::string &t : tickers) {
    if (!market_visible(t)) {
      send_error(id, 11, "Invalid parameter: unknown market ticker " + t, &s);
      return;
    }
  }
  if (action == "get_snapshot") {
    for (const std::string &t : tickers) send_snapshot(s, t, id);
    return;
  }
  bool snapshot_flag = s.send_initial_snapshot;
  if (!opt_bool(params, "send_initial_snapshot", &snapshot_flag)) {
    send_error(id, 11, "Invalid parameter: send_initial_snapshot", &s);
    return;
  }
  std::vector<std::string> added;
  if (action == "add_markets") {
    if (s.tickers.size() + tickers.size() > ctx_.max_markets_per_subscription) {
      send_error(id, 26, "Subscription market limit exceeded", &s);
      return;
    }
    for (const std::string &t : tickers) {
      if (s.tickers.insert(t).second) added.push_back(t);
    }
  } else {
    for (const std::string &t : tickers) s.tickers.erase(t);
    if (s.tickers.empty() && s.channel == Channel::OrderbookDelta) {
      // An orderbook subscription needs a market; with none left it lists nothing.
    }
  }
  JsonOut j;
  begin_reply(j, "ok", id);
  j.field_int("sid", s.sid);
  if (channel_sequenced(s.channel)) j.field_int("seq", s.seq);
  if (!s.skip_ticker_ack) {
    j.key("msg");
    j.begin_object();
    j.key("market_tickers");
    j.begin_array();
    for (const std::string &t : s.tickers) j.string(t);
    j.end_array();
    j.end_object();
  }
  j.end_object();
  send_text(j.str());
  for (const std::string &t : added) {
    if (s.channel == Channel::OrderbookDelta) send_snapshot(s, t, 0);
    if (s.channel == Channel::Ticker && snapshot_flag) send_ticker(s, t, now_ms);
  }
}

void WsSession::cmd_list(int64_t id) {
  JsonOut j;
  begin_reply(j, "ok", id);
  j.key("msg");
  j.begin_array();
  for (const Subscription &s : subs_) {
    j.begin_object();
    j.field("channel", channel_name(s.channel));
    j.field_int("sid", s.sid);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  send_text(j.str());
}

void WsSession::send_error(int64_t id, int code, std::string_view text, const Subscription *sub) {
  JsonOut j;
  begin_reply(j, "error", id);
  if (sub != nullptr) {
    j.field_int("sid", sub->sid);
    if (channel_sequenced(sub->channel)) j.field_int("seq", sub->seq);
  }
  j.key("msg");
  j.begin_object();
  j.field_int("code", code);
  j.field("msg", text);
  j.end_object();
  j.end_object();
  send_text(j.str());
}

int64_t WsSession::next_seq(Subscription &s) {
  s.seq += 1 + s.skip;
  s.skip = 0;
  return s.seq;
}

void WsSession::send_snapshot(Subscription &s, std::string_view ticker, int64_t id) {
  const BookSnapshot book = ctx_.exchange->book(ticker, SIZE_MAX);
  const bool binary = !perp();
  JsonOut j;
  j.begin_object();
  j.field("type", "orderbook_snapshot");
  if (id != 0) j.field_int("id", id);
  j.field_int("sid", s.sid);
  j.field_int("seq", next_seq(s));
  j.key("msg");
  j.begin_object();
  j.field("market_ticker", ticker);
  if (!binary) {
    // perps_asyncapi.yaml marginOrderbookSnapshotPayload: bid / ask levels.
    for (int side = 0; side < 2; ++side) {
      const std::vector<Level> &levels = side == 0 ? book.bids : book.asks;
      if (levels.empty()) continue;
      j.key(side == 0 ? "bid" : "ask");
      j.begin_array();
      for (const Level &l : levels) {
        j.begin_array();
        j.dollars(l.price);
        j.count(l.qty);
        j.end_array();
      }
      j.end_array();
    }
    j.end_object();
    j.end_object();
    send_text(j.str());
    return;
  }
  j.field("market_id", market_id(ticker));
  if (!book.bids.empty()) {
    j.key("yes_dollars_fp");
    j.begin_array();
    for (const Level &l : book.bids) {
      j.begin_array();
      j.dollars(l.price);
      j.count(l.qty);
      j.end_array();
    }
    j.end_array();
  }
  if (!book.asks.empty()) {
    // Binary: offers to sell YES are bids for NO, priced in NO terms unless use_yes_price.
    j.key("no_dollars_fp");
    j.begin_array();
    for (const Level &l : book.asks) {
      j.begin_array();
      j.dollars(binary && !s.use_yes_price ? kDollar - l.price : l.price);
      j.count(l.qty);
      j.end_array();
    }
    j.end_array();
  }
  j.end_object();
  j.end_object();
  send_text(j.str());
}

void WsSession::send_ticker(const Subscription &s, std::string_view ticker, int64_t now_ms) {
  JsonOut j;
  j.begin_object();
  j.field("type", "ticker");
  j.field_int("sid", s.sid);
  j.key("msg");
  if (perp()) {
    write_margin_ticker_body(j, *ctx_.exchange, ticker, ctx_.stats, now_ms);
  } else {
    write_ticker_body(j, *ctx_.exchange, ticker, ctx_.stats, now_ms);
  }
  j.end_object();
  send_text(j.str());
}

void WsSession::publish(const Publication &p, int64_t now_ms) {
  (void)now_ms;
  if (state_ != State::Open || (!p.both_products && p.perp != perp())) return;
  if (p.member != 0 && p.member != member_ && p.also_member != member_) return;
  for (Subscription &s : subs_) {
    if (s.channel != p.channel || !s.matches(p.ticker)) continue;
    if (s.self_only && p.rfq_creator != member_) continue;
    if (s.channel == Channel::OrderbookDelta && s.tickers.empty()) continue;
    JsonOut j;
    j.begin_object();
    j.field("type", p.type);
    j.field_int("sid", s.sid);
    if (channel_sequenced(s.channel)) j.field_int("seq", next_seq(s));
    j.key("msg");
    // The body is already JSON: appended as it is.
    const std::string_view body = s.use_yes_price && !p.yes_body.empty() ? p.yes_body : p.body;
    j.str().append(body);
    j.str().push_back('}');
    send_text(j.str());
  }
}

void WsSession::tick(int64_t now_ms) {
  if (state_ == State::Handshake && now_ms - opened_ms_ >= ctx_.handshake_timeout_ms) {
    finish(true);
    return;
  }
  if (holding_ && now_ms >= hold_until_ms_) {
    holding_ = false;
    std::string out = std::move(held_);
    held_.clear();
    if (!out.empty()) host_.send(out);
  }
  if (state_ == State::Open && ctx_.ping_interval_ms > 0 &&
      now_ms - last_ping_ms_ >= ctx_.ping_interval_ms) {
    last_ping_ms_ = now_ms;
    send_frame(Opcode::Ping, "heartbeat");
  }
}

Error WsSession::inject(const Fault &f, int64_t now_ms) {
  switch (f.kind) {
    case FaultKind::Drop:
      finish(true);
      return Error{};
    case FaultKind::SkipSeq:
      for (Subscription &s : subs_) s.skip += f.n > 0 ? f.n : 1;
      return Error{};
    case FaultKind::DelayMs:
    case FaultKind::Mute:
      if (f.n <= 0) {
        hold_until_ms_ = now_ms;
        tick(now_ms);
      } else {
        holding_ = true;
        hold_until_ms_ = now_ms + f.n;
      }
      return Error{};
    case FaultKind::Garbage:
      send_text("this is not JSON {\"type\":");
      return Error{};
    case FaultKind::Logout:
      close_with(1001, f.text.empty() ? std::string_view("going away") : f.text);
      return Error{};
    case FaultKind::None:
      for (Subscription &s : subs_) s.skip = 0;
      hold_until_ms_ = now_ms;
      tick(now_ms);
      return Error{};
    default:
      return Error::make(KALSHI_ERR_NOT_SUPPORTED,
                         "WebSocket faults: drop, skip [n], delay ms, mute ms, garbage, logout, "
                         "clear");
  }
}

void WsSession::send_text(std::string_view text) {
  send_frame(Opcode::Text, text);
}

void WsSession::send_frame(Opcode op, std::string_view payload) {
  if (state_ == State::Closed) return;
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t *>(payload.data()), payload.size());
  frame_.resize(tx_.frame_size(payload.size()));
  const size_t n = tx_.write_frame(frame_, op, true, bytes);
  if (n == 0) return;
  write_out(std::string_view(reinterpret_cast<const char *>(frame_.data()), n));
}

void WsSession::write_out(std::string_view bytes) {
  if (state_ == State::Closed) return;
  if (holding_) {
    if (held_.size() + bytes.size() > ctx_.max_held_bytes) {
      finish(true);  // a held stream that outgrows its bound is cut, never grown
      return;
    }
    held_.append(bytes);
    return;
  }
  host_.send(bytes);
}

void WsSession::close_with(uint16_t code, std::string_view reason) {
  if (state_ != State::Open) return;
  frame_.resize(kalshi::ws::kMaxHeaderSize + kalshi::ws::kMaxControlPayload);
  size_t n = tx_.write_close(frame_, code, reason.substr(0, 120));
  if (n == 0) n = tx_.write_close(frame_, 1011, "");
  if (n != 0) write_out(std::string_view(reinterpret_cast<const char *>(frame_.data()), n));
  state_ = State::Closing;
}

void WsSession::finish(bool abort) {
  if (state_ == State::Closed) return;
  if (holding_ && !abort) {
    holding_ = false;
    if (!held_.empty()) host_.send(held_);
    held_.clear();
  }
  state_ = State::Closed;
  subs_.clear();
  host_.close_transport(abort);
}

}  // namespace kalshi::sim::wsfront
