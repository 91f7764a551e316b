// Hand-written command JSON (see commands.h for why) and the reply view.
#include "api/ws/commands.h"

#include <charconv>

#include "ws/frame/utf8.h"

namespace kalshi::wsapi {

bool append_json_string(std::string *out, std::string_view s) {
  if (!ws::is_valid_utf8(s)) return false;
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          out->append(esc, sizeof esc);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
  return true;
}

namespace {

void append_int(std::string *out, int64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(res.ptr - buf));
}

// Builds the params object member by member; the first failure (bad UTF-8) sticks.
class ParamsWriter {
 public:
  explicit ParamsWriter(std::string *out) : out_(out) {}
  bool ok() const { return ok_; }

  void key(std::string_view k) {
    out_->push_back(first_ ? '{' : ',');
    first_ = false;
    ok_ = append_json_string(out_, k) && ok_;
    out_->push_back(':');
  }
  void string(std::string_view k, std::string_view v) {
    if (v.empty()) return;
    key(k);
    ok_ = append_json_string(out_, v) && ok_;
  }
  void strings(std::string_view k, std::span<const std::string_view> v) {
    if (v.empty()) return;
    key(k);
    out_->push_back('[');
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_->push_back(',');
      ok_ = append_json_string(out_, v[i]) && ok_;
    }
    out_->push_back(']');
  }
  void integer(std::string_view k, int64_t v) {
    if (v == kAbsent) return;
    key(k);
    append_int(out_, v);
  }
  void integers(std::string_view k, std::span<const int64_t> v) {
    if (v.empty()) return;
    key(k);
    out_->push_back('[');
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out_->push_back(',');
      append_int(out_, v[i]);
    }
    out_->push_back(']');
  }
  void boolean(std::string_view k, int8_t v) {
    if (v < 0) return;
    key(k);
    out_->append(v ? "true" : "false");
  }
  void close() { out_->append(first_ ? "{}" : "}"); }

 private:
  std::string *out_;
  bool first_ = true;
  bool ok_ = true;
};

void begin(std::string *json, uint64_t id, std::string_view cmd) {
  json->clear();
  json->append("{\"id\":");
  append_int(json, static_cast<int64_t>(id));
  json->append(",\"cmd\":\"");
  json->append(cmd);
  json->push_back('"');
}

Error invalid(const char *what) {
  return Error::make(KALSHI_ERR_INVALID_ARG, what);
}

}  // namespace

Error CommandWriter::subscribe(const SubscribeParams &p, std::string *json, uint64_t *id) {
  if (p.channels.empty()) return invalid("subscribe: at least one channel is required");
  if (p.shard_key != kAbsent && p.shard_factor == kAbsent)
    return invalid("subscribe: shard_key requires shard_factor");
  begin(json, next_id_, "subscribe");
  json->append(",\"params\":");
  ParamsWriter w(json);
  w.strings("channels", p.channels);
  w.string("market_ticker", p.market_ticker);
  w.strings("market_tickers", p.market_tickers);
  w.string("market_id", p.market_id);
  w.strings("market_ids", p.market_ids);
  w.boolean("send_initial_snapshot", p.send_initial_snapshot);
  w.boolean("skip_ticker_ack", p.skip_ticker_ack);
  w.boolean("use_yes_price", p.use_yes_price);
  w.string("user_filter", p.user_filter);
  w.integer("shard_factor", p.shard_factor);
  w.integer("shard_key", p.shard_key);
  w.strings("index_ids", p.index_ids);
  w.strings("underlying_tickers", p.underlying_tickers);
  w.close();
  json->push_back('}');
  if (!w.ok()) return invalid("subscribe: a parameter is not valid UTF-8");
  *id = next_id_++;
  return Error{};
}

Error CommandWriter::unsubscribe(std::span<const int64_t> sids, std::string *json, uint64_t *id) {
  if (sids.empty()) return invalid("unsubscribe: at least one sid is required");
  begin(json, next_id_, "unsubscribe");
  json->append(",\"params\":");
  ParamsWriter w(json);
  w.integers("sids", sids);
  w.close();
  json->push_back('}');
  *id = next_id_++;
  return Error{};
}

Error CommandWriter::update_subscription(const UpdateParams &p, std::string *json, uint64_t *id) {
  const bool one_sid = p.sids.empty() ? p.sid != kAbsent : (p.sid == kAbsent && p.sids.size() == 1);
  if (!one_sid) return invalid("update_subscription: exactly one subscription id is required");
  if (p.action.empty()) return invalid("update_subscription: action is required");
  begin(json, next_id_, "update_subscription");
  json->append(",\"params\":");
  ParamsWriter w(json);
  w.integer("sid", p.sid);
  w.integers("sids", p.sids);
  w.string("market_ticker", p.market_ticker);
  w.strings("market_tickers", p.market_tickers);
  w.string("market_id", p.market_id);
  w.strings("market_ids", p.market_ids);
  w.boolean("send_initial_snapshot", p.send_initial_snapshot);
  w.strings("index_ids", p.index_ids);
  w.strings("underlying_tickers", p.underlying_tickers);
  w.string("action", p.action);
  w.close();
  json->push_back('}');
  if (!w.ok()) return invalid("update_subscription: a parameter is not valid UTF-8");
  *id = next_id_++;
  return Error{};
}

Error CommandWriter::list_subscriptions(std::string *json, uint64_t *id) {
  begin(json, next_id_, "list_subscriptions");
  json->push_back('}');
  *id = next_id_++;
  return Error{};
}

ReplyInfo reply_of(const Decoded &d) {
  ReplyInfo r;
  r.kind = d.env.kind;
  r.command_id = d.env.id;
  r.sid = d.env.sid;
  switch (d.env.kind) {
    case MessageKind::Subscribed:
      r.is_reply = true;
      if (d.reply.subscribed.sid != kAbsent) r.sid = d.reply.subscribed.sid;
      break;
    case MessageKind::Unsubscribed:
    case MessageKind::Ok:
    case MessageKind::ListSubscriptions:
      r.is_reply = true;
      break;
    case MessageKind::Error:
      r.is_reply = true;
      r.error_code = d.reply.error_code;
      r.error_msg = d.reply.error_msg;
      break;
    default:
      r.is_reply = d.env.id != kAbsent && d.env.id != 0;
      break;
  }
  return r;
}

}  // namespace kalshi::wsapi
