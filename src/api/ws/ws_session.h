// One Kalshi WebSocket connection with its subscriptions and local books: the glue behind
// kalshi_ws_t (include/kalshi/ws.h). It composes, and does not re-implement:
//   ws::WsClient        handshake (auth headers signed afresh per connect), pings, dead peer,
//                       close, reconnect with backoff;
//   wsapi::Decoder      envelope + typed channel decoders;
//   wsapi::CommandWriter command JSON with ids (replies are tied back to the caller's user_tag);
//   wsapi::SequenceTracker per-sid gaps; wsapi::LocalBooks books; Staging (ws.queue_limit).
//
// Rules (docs/WEBSOCKET.md):
//  - each channel of a subscribe is its own subscribe command, so every reply names exactly one
//    subscription and an error names the channel that failed (WS_REPLY carries its user_tag);
//  - a gap, a duplicate, a book inconsistency or error 10/25 on a sid: its books are cleared,
//    WS_RESYNC is emitted, the sid is unsubscribed and the channel subscribed again (fresh
//    snapshot); messages of the abandoned sid are ignored;
//  - after a reconnect everything subscribed is subscribed again; events keep naming each
//    subscription by the sid its first reply gave (the key), whatever the exchange numbers it now;
//  - commands issued while the connection is not open wait for it.
//
// Threads: everything runs on the client's loop; the public methods may be called from any thread
// (they post to the loop unless already on it). Books, state and the drop counter are readable
// from any thread.
#pragma once

#include <kalshi/ws.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/ws/backpressure.h"
#include "api/ws/books.h"
#include "api/ws/channels.h"
#include "api/ws/commands.h"
#include "api/ws/sequence.h"
#include "api/ws/ws_session_parts.h"
#include "core/event.h"
#include "net/runtime.h"
#include "ws/conn/ws_client.h"

namespace kalshi::wsapi {

struct WsSessionOptions {
  Product product = Product::Prediction;
  ws::WsClientOptions client;  // connect, path, auth_headers, pings, reconnect, limits
  size_t queue_limit = 10000;
  OverflowPolicy overflow = OverflowPolicy::DropOldest;
  bool top_events = false;
  bool books = true;
  uint64_t user_tag = 0;  // the connection's events
};

class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  static std::shared_ptr<WsSession> create(net::Runtime *rt, std::weak_ptr<EventSink> sink,
                                           WsSessionOptions opts);
  ~WsSession();
  WsSession(const WsSession &) = delete;
  WsSession &operator=(const WsSession &) = delete;

  // Any thread. Errors only for a closed session; command failures come back as WS_REPLY.
  Error start();
  Error subscribe(std::vector<std::string> channels, std::vector<std::string> tickers,
                  uint64_t user_tag);
  Error unsubscribe(uint64_t sid, uint64_t user_tag);
  Error update_subscription(uint64_t sid, std::string action, std::vector<std::string> tickers,
                            uint64_t user_tag);
  Error list_subscriptions(uint64_t user_tag);
  void close();

  kalshi_ws_state_t state() const { return state_.load(); }
  uint64_t dropped() const { return dropped_.load(); }
  // Any thread, consistent with one another: a copy of one market's book (levels best first),
  // false when no book is kept for it; its best bid/ask.
  bool copy_book(std::string_view market, std::vector<book::Level> *bids,
                 std::vector<book::Level> *asks) const;
  bool top(std::string_view market, TopOfBook *out) const;
  Product product() const { return opts_.product; }

  // Loop thread: a text message as the connection received it (tests feed it directly).
  void on_text(std::string_view text);

 private:
  enum class CmdKind : uint8_t { Subscribe, Unsubscribe, Update, List };
  struct Cmd {
    CmdKind kind = CmdKind::Subscribe;
    uint64_t user_tag = 0;
    bool internal = false;  // resync/reconnect housekeeping: no WS_REPLY
    uint64_t key = 0;       // Unsubscribe/Update: the subscription's key
    uint64_t sub_id = 0;    // Update: the entry to change on `ok`
    std::string action;
    std::vector<std::string> tickers;
  };

  WsSession(net::Runtime *rt, std::weak_ptr<EventSink> sink, WsSessionOptions opts);
  Error run(std::function<void(WsSession &)> fn);  // on the loop, now or posted

  void on_state(const ws::WsClient::StateChange &sc);
  void on_closed(const Error &err);
  void on_open();
  void on_lost();

  void do_subscribe(const std::vector<std::string> &channels,
                    const std::vector<std::string> &tickers, uint64_t user_tag);
  void do_unsubscribe(uint64_t sid, uint64_t user_tag);
  void do_update(uint64_t sid, const std::string &action, const std::vector<std::string> &tickers,
                 uint64_t user_tag);
  void do_list(uint64_t user_tag);
  void send_subscribe(SubscriptionTable::Sub *s);
  void send_unsubscribe(int64_t sid, Cmd cmd);
  bool send(const std::string &json, uint64_t id, Cmd cmd);

  bool handle_reply(const Decoded &d);
  void handle_data(const Decoded &d);
  void resync(SubscriptionTable::Sub *s, Error why);
  void clear_books(const SubscriptionTable::Sub &s);

  void emit(EventPtr ev);
  void emit_counted(EventPtr ev, int64_t sid);
  void pump();
  void emit_reply(uint64_t user_tag, std::string_view type, uint64_t sid, std::string_view json,
                  Error e);
  void set_state(kalshi_ws_state_t s, Error why);

  net::Runtime *rt_;
  std::weak_ptr<EventSink> sink_;
  WsSessionOptions opts_;
  std::shared_ptr<ws::WsClient> client_;
  std::shared_ptr<WsSession> self_;  // alive from start() until the connection is closed

  // Loop thread only.
  Decoder decoder_;
  Decoded decoded_;
  std::string rx_;  // padded copy of the message being decoded
  CommandWriter writer_;
  std::string cmd_json_;
  SequenceTracker seq_;
  SubscriptionTable subs_;
  std::map<uint64_t, Cmd> inflight_;  // command id -> what it was
  std::vector<uint64_t> held_lists_;  // list_subscriptions waiting for the connection
  bool open_ = false;
  bool closed_ = false;
  int depth_ = 0;  // > 0 while processing: re-entrant calls (dispatch callbacks) are posted
  struct Busy {
    explicit Busy(WsSession *s) : s_(s) { ++s_->depth_; }
    ~Busy() { --s_->depth_; }
    Busy(const Busy &) = delete;
    Busy &operator=(const Busy &) = delete;
    WsSession *s_;
  };
  std::shared_ptr<DeliveryGate> gate_;
  Staging staging_;

  // Any thread. book_mu_ spans whole updates (a snapshot, a clear) so copies never see half of
  // one; LocalBooks' own lock guards each single call.
  mutable std::mutex book_mu_;
  LocalBooks books_;
  std::atomic<kalshi_ws_state_t> state_{KALSHI_WS_CONNECTING};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<bool> close_requested_{false};
};

}  // namespace kalshi::wsapi
