// One WebSocket connection of the simulator's front end, sans-I/O: fed the bytes the client sent
// and the time, it answers through WsSessionHost (bytes to write, close). It runs the HTTP upgrade
// (http::RequestParser + ws::check_client_request), checks Kalshi's KALSHI-ACCESS-* signature over
// timestamp + "GET" + path (kalshi-ws.md §2; a bad one gets 401 and no upgrade), then reads
// masked client frames (ws::MessageAssembler, server role), answers pings, runs the close
// handshake, and executes the JSON commands of kalshi-ws.md §5 (subscribe, unsubscribe,
// update_subscription, list_subscriptions) with the spec's replies and error codes (§8).
//
// Channel data is pushed in by WsFrontEnd through publish(): the front end builds each message's
// `msg` body once and every session wraps it with its own sid and per-sid seq.
//
// Paths: "/trade-api/ws/v2" serves prediction (binary) markets, "/trade-api/ws/v2/margin" perps;
// the signature covers the path the client asked for, and the key must be registered for that
// product. Faults (Simulator::fault with endpoint "ws"): see inject().
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fix/session/session_kind.h"
#include "http/parse/request_parser.h"
#include "sim/exchange/exchange.h"
#include "sim/fix/acceptor_session.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"

namespace kalshi::sim::wsfront {

enum class Channel : uint8_t {
  OrderbookDelta,
  Ticker,
  Trade,
  Fill,
  MarketPositions,
  MarketLifecycleV2,
  MultivariateMarketLifecycle,
  Communications,
  OrderGroupUpdates,
  UserOrders,
  CfBenchmarksValue,
  CfBenchmarksValue5hz,
  PythValue,
};
const char *channel_name(Channel c);
bool parse_channel(std::string_view name, Channel *out);
// kalshi-ws.md §7: the channels whose data messages carry a per-sid seq.
bool channel_sequenced(Channel c);
// Channels with the user's own data (need a member; the connection is always authenticated).
bool channel_private(Channel c);
// Channels that take market_ticker(s) filters.
bool channel_market_filtered(Channel c);
// The channels of perps_asyncapi.yaml (the margin endpoint refuses others with error 8).
bool channel_on_margin(Channel c);

// What a session needs from its surroundings.
class WsSessionHost {
 public:
  virtual ~WsSessionHost() = default;
  virtual void send(std::string_view bytes) = 0;
  // Graceful close (flush, FIN) or abort (at once).
  virtual void close_transport(bool abort) = 0;
};

class MarketStats;

// Shared by every session of a front end (loop thread only).
struct WsContext {
  const MarketStats *stats = nullptr;
  const KeyDirectory *keys = nullptr;
  const Exchange *exchange = nullptr;
  simdjson::dom::parser *json = nullptr;
  // KALSHI-ACCESS-TIMESTAMP further than this from the session clock: 401. 0 disables.
  int64_t max_clock_skew_ms = 30000;
  int64_t ping_interval_ms = 10000;            // kalshi-ws.md §3
  int64_t handshake_timeout_ms = 10000;        // no complete upgrade within this: close
  size_t max_message_bytes = 64 * 1024;        // a client command larger than this: close 1009
  size_t max_subscriptions = 256;              // per connection (error 11 beyond)
  size_t max_markets_per_subscription = 1000;  // error 26 beyond
  size_t max_held_bytes = size_t{16} << 20;    // output held by a delay/mute fault
};

// One message for subscribers, built once by the front end.
struct Publication {
  Channel channel = Channel::Trade;
  std::string_view ticker;     // the market it concerns (market filters); empty: none
  uint32_t member = 0;         // private channels: the owner; 0: public
  uint32_t also_member = 0;    // a second member who may see it (quotes: RFQ creator and maker)
  uint32_t rfq_creator = 0;    // communications: whose RFQ it is (user_filter "self")
  bool perp = false;           // which product's connections see it
  bool both_products = false;  // every connection (order groups span products)
  std::string_view type;       // "orderbook_delta", "trade"...
  std::string_view body;       // the JSON value of "msg"
  std::string_view yes_body;   // orderbook channel: the body for use_yes_price subscriptions
};

class WsSession {
 public:
  enum class State : uint8_t { Handshake, Open, Closing, Closed };

  WsSession(WsContext &ctx, WsSessionHost &host, int64_t now_ms);
  ~WsSession();
  WsSession(const WsSession &) = delete;
  WsSession &operator=(const WsSession &) = delete;

  void received(const uint8_t *data, size_t len, int64_t now_ms);
  // Timers: pings, the handshake deadline, releasing output held by a fault.
  void tick(int64_t now_ms);
  void publish(const Publication &p, int64_t now_ms);

  // Faults (parse_fault words): drop = abort the TCP connection; skip n = the next sequenced
  // message of every subscription skips n seq numbers (default 1); delay n / mute n = hold all
  // output for n ms (the client sees a stalled stream; 0 releases); garbage = a text frame that
  // is not JSON; logout = a Close frame 1001. Others: KALSHI_ERR_NOT_SUPPORTED.
  Error inject(const Fault &f, int64_t now_ms);

  State state() const { return state_; }
  bool authenticated() const { return state_ != State::Handshake && member_ != 0; }
  uint32_t member() const { return member_; }
  const std::string &key_id() const { return key_id_; }
  bool perp() const { return product_ == fix::Product::Margin; }
  size_t subscriptions() const { return subs_.size(); }

 private:
  struct Subscription {
    int64_t sid = 0;
    Channel channel = Channel::Trade;
    std::set<std::string, std::less<>> tickers;  // empty: every market
    bool use_yes_price = false;
    bool send_initial_snapshot = false;
    bool skip_ticker_ack = false;
    bool self_only = false;  // communications user_filter "self"
    int64_t seq = 0;         // last seq sent
    int64_t skip = 0;        // fault: numbers the next sequenced message skips
    bool matches(std::string_view ticker) const;
  };

  void on_handshake_bytes(const uint8_t *data, size_t len, int64_t now_ms);
  // On a complete upgrade request: validates, authenticates, answers 101 or an error status.
  bool on_upgrade_request(int64_t now_ms);
  void http_refuse(int status, std::string_view reason, std::string_view text);
  void on_frame_bytes(const uint8_t *data, size_t len, int64_t now_ms);
  void on_text(std::string_view text, int64_t now_ms);

  void cmd_subscribe(int64_t id, const simdjson::dom::element &params, int64_t now_ms);
  void cmd_unsubscribe(int64_t id, const simdjson::dom::element &params);
  void cmd_update(int64_t id, const simdjson::dom::element &params, int64_t now_ms);
  void cmd_list(int64_t id);

  void send_error(int64_t id, int code, std::string_view text, const Subscription *sub = nullptr);
  void send_snapshot(Subscription &s, std::string_view ticker, int64_t id);
  void send_ticker(const Subscription &s, std::string_view ticker, int64_t now_ms);
  bool market_visible(std::string_view ticker) const;
  int64_t next_seq(Subscription &s);

  void send_text(std::string_view text);
  void send_frame(kalshi::ws::Opcode op, std::string_view payload);
  void write_out(std::string_view bytes);
  void close_with(uint16_t code, std::string_view reason);
  void finish(bool abort);

  WsContext &ctx_;
  WsSessionHost &host_;
  State state_ = State::Handshake;
  http::RequestParser http_;
  kalshi::ws::MessageAssembler rx_;
  kalshi::ws::FrameWriter tx_{kalshi::ws::Role::Server, nullptr, nullptr};
  std::vector<uint8_t> in_;     // received bytes being assembled
  std::vector<uint8_t> frame_;  // outgoing frame scratch
  std::string text_;            // a copy of the text message being handled

  fix::Product product_ = fix::Product::Prediction;
  std::string key_id_;
  uint32_t member_ = 0;
  int64_t opened_ms_ = 0;
  int64_t last_ping_ms_ = 0;
  std::vector<Subscription> subs_;
  int64_t next_sid_ = 1;

  int64_t hold_until_ms_ = 0;  // fault: output held until then
  bool holding_ = false;
  std::string held_;
};

}  // namespace kalshi::sim::wsfront
