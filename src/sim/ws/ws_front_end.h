// The simulator's WebSocket front end (kalshi-ws.md, perps.md): listeners "ws" (plain) and
// "ws.tls" on the simulator's StreamServer, one WsSession per accepted stream, and an
// ExchangeObserver that turns exchange events into channel messages (orderbook_delta, ticker,
// trade, fill, market_positions, user_orders, order_group_updates, market_lifecycle_v2) built once
// and published to every session whose subscriptions match.
//
// Loop thread only, except port() which reads values fixed by listen(). The Simulator owns one,
// constructs it right after the exchange (so its book mirror sees every level from the start),
// calls listen() from setup_loop(), tick() from its clock, close()/force_close() when it stops
// and inject() for Simulator::fault("ws", key, fault).
#pragma once

#include <uv.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/exchange/exchange.h"
#include "sim/exchange/rfq.h"
#include "sim/fix/acceptor_session.h"
#include "sim/net/stream_server.h"
#include "sim/ws/market_data.h"
#include "sim/ws/ws_session.h"

namespace kalshi::sim::wsfront {

class WsFrontEnd final : public ExchangeObserver, public RfqObserver {
 public:
  // exchange_now: the exchange clock (Unix ms) for message timestamps; session_now: the wall
  // clock the handshake's KALSHI-ACCESS-TIMESTAMP is checked against.
  WsFrontEnd(Exchange &exchange, const KeyDirectory &keys, std::function<int64_t()> exchange_now,
             std::function<int64_t()> session_now);
  ~WsFrontEnd() override;
  WsFrontEnd(const WsFrontEnd &) = delete;
  WsFrontEnd &operator=(const WsFrontEnd &) = delete;

  WsContext &context() { return ctx_; }

  // Binds "ws" (when plain) and "ws.tls" (when tls is set) on host; port 0 = ephemeral.
  Error listen(uv_loop_t *loop, const std::string &host, bool plain, uint16_t plain_port,
               std::shared_ptr<TlsServerConfig> tls, uint16_t tls_port);
  // "ws" or "ws.tls". KALSHI_ERR_NOT_FOUND when that listener is off.
  Error port(std::string_view name, uint16_t *out) const;
  void close();        // stop listening, close every connection gracefully
  void force_close();  // abort every connection
  void tick();
  // Applies a fault to every open connection authenticated with key_id (empty: all).
  // KALSHI_ERR_NOT_FOUND when no connection matches.
  Error inject(std::string_view key_id, const Fault &f);
  size_t connections() const { return links_.size(); }
  // Feeds the communications channel from the RFQ desk (kept until destruction).
  void attach_rfq(RfqDesk *desk);
  // A connection without a socket (tests): the session writes to host, which must outlive this
  // front end; received()/tick() are the caller's to call. It gets publications like the rest.
  WsSession *attach(WsSessionHost &host);

  // ExchangeObserver.
  void on_order_event(const OrderEvent &e) override;
  void on_public_trade(const PublicTrade &t) override;
  void on_level_change(const LevelChange &c) override;
  void on_market_status(const Market &m) override;
  void on_order_group(const OrderGroup &g) override;
  void on_settlement(const Settlement &s) override;
  // RfqObserver: rfq_created / rfq_deleted for everyone, quote_* for the RFQ's creator and the
  // quote's maker.
  void on_rfq_event(const RfqEvent &e) override;

 private:
  struct Link;
  struct Top {
    Level bid, ask;
    bool operator==(const Top &o) const {
      return bid.price == o.bid.price && bid.qty == o.bid.qty && ask.price == o.ask.price &&
             ask.qty == o.ask.qty;
    }
  };
  struct OrderCosts {
    Money taker_cost = 0, maker_cost = 0, taker_fees = 0, maker_fees = 0;
  };

  void accept(std::shared_ptr<ServerStream> stream);
  void drop(Link *link);
  void publish(const Publication &p);
  void publish_ticker_if_moved(std::string_view ticker, bool force);
  bool is_perp(std::string_view ticker) const;
  static std::string comms_id(uint32_t member);
  bool no_sessions() const { return links_.empty() && detached_.empty(); }
  void publish_user_order(const OrderEvent &e);
  void publish_fill(const OrderEvent &e);
  void publish_position(const OrderEvent &e);
  void publish_lifecycle(std::string_view ticker, std::string_view event_type,
                         const std::function<void(JsonOut &)> &extra);

  Exchange &exchange_;
  std::function<int64_t()> exchange_now_;
  std::function<int64_t()> session_now_;
  simdjson::dom::parser json_;
  MarketStats stats_;
  WsContext ctx_;
  std::shared_ptr<StreamServer> plain_;
  std::shared_ptr<StreamServer> tls_;
  uint16_t plain_port_ = 0;
  uint16_t tls_port_ = 0;
  std::set<Link *> links_;
  std::vector<std::unique_ptr<WsSession>> detached_;
  RfqDesk *rfq_ = nullptr;
  // The exchange's books as last published: (ticker, side, price) -> qty, for deltas.
  std::map<std::string, std::map<std::pair<int, Price>, Qty>, std::less<>> books_;
  std::map<std::string, Top, std::less<>> tops_;
  std::map<std::string, OrderCosts, std::less<>> costs_;
  std::map<std::string, OrderGroup, std::less<>> groups_;
  JsonOut body_, yes_body_;
};

}  // namespace kalshi::sim::wsfront
