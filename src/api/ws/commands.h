// Kalshi WebSocket commands (client -> server) and their replies (kalshi::wsapi).
//
// CommandWriter builds the JSON text of subscribe / unsubscribe / update_subscription /
// list_subscriptions with a monotonically increasing command id (1, 2, 3, ...; 0 means "no id"
// to the server, so it is never used). The glue keeps id -> user_tag and ties every reply to it:
// `subscribed` (one per channel), `unsubscribed` (one per sid), `ok`, `list_subscriptions` (an
// `ok` whose msg is an array), `error`, and the data messages that answer a command
// (orderbook_snapshot after get_snapshot, *_indexlist, pyth_value_underlying_list) all carry the
// command id in Envelope::id — see reply_of().
//
// The JSON is written by hand rather than with a DOM library: the shapes are fixed and small, the
// writer appends into a reused std::string (no allocation once it has grown), and escaping is
// done per RFC 8259 §7 (quote, backslash and control characters; UTF-8 is checked, not rewritten).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "api/ws/channels.h"
#include "core/error.h"

namespace kalshi::wsapi {

// Optional booleans: -1 = omit, 0 = false, 1 = true.
struct SubscribeParams {
  std::span<const std::string_view> channels;  // required, one sid per channel
  std::string_view market_ticker;
  std::span<const std::string_view> market_tickers;
  std::string_view market_id;
  std::span<const std::string_view> market_ids;
  int8_t send_initial_snapshot = -1;
  int8_t skip_ticker_ack = -1;
  int8_t use_yes_price = -1;
  std::string_view user_filter;  // communications: "self"
  int64_t shard_factor = kAbsent;
  int64_t shard_key = kAbsent;
  std::span<const std::string_view> index_ids;
  std::span<const std::string_view> underlying_tickers;
};

struct UpdateParams {
  int64_t sid = kAbsent;  // exactly one of sid / sids (with one element) — spec error 12
  std::span<const int64_t> sids;
  std::string_view action;  // add_markets, delete_markets, get_snapshot, subscribe_indices, ...
  std::string_view market_ticker;
  std::span<const std::string_view> market_tickers;
  std::string_view market_id;
  std::span<const std::string_view> market_ids;
  int8_t send_initial_snapshot = -1;
  std::span<const std::string_view> index_ids;
  std::span<const std::string_view> underlying_tickers;
};

class CommandWriter {
 public:
  // Each call replaces *json with the command text and sets *id to the id it carries. A refused
  // command (KALSHI_ERR_INVALID_ARG: missing channels/sids/action, more than one sid for
  // update_subscription, a string that is not UTF-8) consumes no id.
  Error subscribe(const SubscribeParams &p, std::string *json, uint64_t *id);
  Error unsubscribe(std::span<const int64_t> sids, std::string *json, uint64_t *id);
  Error update_subscription(const UpdateParams &p, std::string *json, uint64_t *id);
  Error list_subscriptions(std::string *json, uint64_t *id);

  uint64_t next_id() const { return next_id_; }
  // A reconnect starts a new id space only if the caller wants it; ids stay unique otherwise.
  void reset(uint64_t next = 1) { next_id_ = next == 0 ? 1 : next; }

 private:
  uint64_t next_id_ = 1;
};

// Appends `s` as a JSON string literal (with quotes). Returns false (appending nothing) when
// `s` is not valid UTF-8.
bool append_json_string(std::string *out, std::string_view s);

// The reply view of a decoded message: which command it answers and how.
struct ReplyInfo {
  bool is_reply = false;  // kind is Subscribed/Unsubscribed/Ok/ListSubscriptions/Error, or a
                          // data message carrying a command id
  int64_t command_id = kAbsent;
  MessageKind kind = MessageKind::Raw;
  int64_t sid = kAbsent;  // msg.sid for subscribed, envelope sid otherwise
  int64_t error_code = 0;
  std::string_view error_msg;
};
ReplyInfo reply_of(const Decoded &d);

}  // namespace kalshi::wsapi
