// The simulator's REST front end (issue #5, "Simulator front end"): Kalshi's prediction REST API
// (base path /trade-api/v2) served over the exchange core, sans-I/O. A connection hands each
// parsed request to RestApi::handle() and sends back what it answers (see sim/http/http_link.h).
//
// What it does for every request, in order:
//  1. faults armed through Simulator::fault("rest", key, ...) (delay, 503s, reset);
//  2. routing: a simulated operation, or one of the spec's other operations (501 with
//     {"code":"not_simulated"} — never invented data), or 404 / 405;
//  3. authentication on the spec's authenticated operations: KALSHI-ACCESS-KEY / -TIMESTAMP /
//     -SIGNATURE (rest-notes.md §2), RSA-PSS over timestamp + METHOD + path, the timestamp within
//     sim.rest.timestamp_window_ms of the wall clock; 401 with an ErrorResponse body otherwise;
//  4. rate limits: per-key token buckets for reads (GET) and writes, refilled continuously;
//     429 {"error":"too many requests"} with Retry-After (seconds) when empty;
//  5. the operation itself over the Exchange (loop thread only, like everything here).
//
// Numbers are exact: prices and money as FixedPointDollars strings, counts as _fp strings with
// two decimals, legacy integer cents where the spec keeps them (balance, portfolio_value).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sim/exchange/exchange.h"
#include "sim/http/http_server.h"
#include "sim/key_directory.h"

namespace kalshi::sim {

namespace rest {
struct OrderFields;
}

struct RestOptions {
  int64_t read_per_s = 100;   // GET requests per second per key (bucket size = one second's worth)
  int64_t write_per_s = 100;  // other methods
  int64_t timestamp_window_ms = 30000;  // |KALSHI-ACCESS-TIMESTAMP - now| allowed
};

// A fault for the next requests (of one key, or of any key when armed with an empty key):
// "delay_ms=N" (the next response waits N ms), "status_5xx=N" (the next N requests answer 503),
// "reset" (the next request gets no answer: the connection is closed at once).
struct RestFault {
  int64_t delay_ms = 0;
  int64_t status_5xx = 0;
  bool reset = false;
};
Error parse_rest_fault(std::string_view text, RestFault *out);

class RestApi final : public ExchangeObserver {
 public:
  // exchange_now: the exchange clock (commands); wall_now: the clock signatures are checked
  // against (clients sign with real time even when the exchange clock is manual).
  RestApi(Exchange &exchange, const SimKeyDirectory &keys, std::function<int64_t()> exchange_now,
          std::function<int64_t()> wall_now, RestOptions options);
  ~RestApi() override;
  RestApi(const RestApi &) = delete;
  RestApi &operator=(const RestApi &) = delete;

  // Answers one request (never throws for any input).
  HttpResponse handle(HttpRequest &req);
  // Arms a fault for key_id ("" = whichever key's request comes next, and unauthenticated ones).
  void arm_fault(std::string_view key_id, const RestFault &f);

  // ExchangeObserver: fills, orders, settlements and groups are remembered for the portfolio reads.
  void on_order_event(const OrderEvent &e) override;
  void on_order_group(const OrderGroup &g) override;
  void on_settlement(const Settlement &s) override;

  static constexpr std::string_view kBasePath = "/trade-api/v2";

  // Public for the route table in rest_api.cpp; each answers one operation.
  struct Call {
    HttpRequest &req;
    uint32_t member = 0;  // authenticated member (0 on public routes)
    int64_t now_ms = 0;   // exchange clock
  };
  HttpResponse exchange_status(Call &c);
  HttpResponse exchange_schedule(Call &c);
  HttpResponse list_series(Call &c);
  HttpResponse get_series(Call &c);
  HttpResponse list_events(Call &c);
  HttpResponse get_event(Call &c);
  HttpResponse list_markets(Call &c);
  HttpResponse get_market(Call &c);
  HttpResponse get_orderbook(Call &c);
  HttpResponse list_trades(Call &c);
  HttpResponse get_balance(Call &c);
  HttpResponse list_positions(Call &c);
  HttpResponse list_fills(Call &c);
  HttpResponse list_settlements(Call &c);
  HttpResponse list_orders(Call &c);
  HttpResponse get_order(Call &c);
  HttpResponse create_order(Call &c);
  HttpResponse batch_create_orders(Call &c);
  HttpResponse cancel_order(Call &c);
  HttpResponse batch_cancel_orders(Call &c);
  HttpResponse cancel_all_orders(Call &c);
  HttpResponse amend_order(Call &c);
  HttpResponse decrease_order(Call &c);
  HttpResponse list_order_groups(Call &c);
  HttpResponse create_order_group(Call &c);
  HttpResponse get_order_group(Call &c);
  HttpResponse delete_order_group(Call &c);
  HttpResponse reset_order_group(Call &c);
  HttpResponse trigger_order_group(Call &c);
  HttpResponse update_order_group_limit(Call &c);
  // Perps (perps_openapi.yaml, paths under /margin): rest_margin_routes.cpp (market data and
  // portfolio reads) and rest_margin_orders.cpp (order entry, order groups).
  HttpResponse margin_exchange_status(Call &c);
  HttpResponse margin_list_markets(Call &c);
  HttpResponse margin_get_market(Call &c);
  HttpResponse margin_get_orderbook(Call &c);
  HttpResponse margin_list_trades(Call &c);
  HttpResponse margin_get_balance(Call &c);
  HttpResponse margin_list_positions(Call &c);
  HttpResponse margin_list_fills(Call &c);
  HttpResponse margin_list_orders(Call &c);
  HttpResponse margin_get_order(Call &c);
  HttpResponse margin_create_order(Call &c);
  HttpResponse margin_cancel_all_orders(Call &c);
  HttpResponse margin_cancel_order(Call &c);
  HttpResponse margin_amend_order(Call &c);
  HttpResponse margin_decrease_order(Call &c);
  HttpResponse margin_create_order_group(Call &c);

  // What the observer keeps per member (bounded: the oldest entries go first).
  struct FillRecord {
    std::string order_id;
    std::string client_order_id;
    std::string ticker;
    Side side = Side::Buy;
    Fill fill;
    uint8_t subaccount = 0;
    int64_t time_ms = 0;
  };
  struct SettlementRecord {
    std::string ticker;
    Price value = 0;
    SettlementEntry entry;
    int64_t time_ms = 0;
  };

 private:
  struct Bucket {
    int64_t tokens_micro = 0;  // tokens x 10^6, so refill is exact at any rate
    int64_t last_ms = 0;
    bool primed = false;
  };
  bool take_token(Bucket &b, int64_t per_s, int64_t now_ms, int64_t *retry_after_s);
  HttpResponse authenticate(const HttpRequest &req, fix::Product product, uint32_t *member,
                            std::string *key);
  // The perps order's last_update_reason (MarginOrder.last_update_reason) from its last event.
  std::string_view margin_reason(std::string_view order_id) const;
  void note_margin_event(const OrderEvent &e);
  // One order create (single and batch): 201 with the V2 create body, or an error response.
  HttpResponse create_one(Call &c, const rest::OrderFields &f);
  Money fees_of(uint32_t member, std::string_view order_id) const;
  void remember_order(const Order &o);

  Exchange &exchange_;
  const SimKeyDirectory &keys_;
  std::function<int64_t()> exchange_now_;
  std::function<int64_t()> wall_now_;
  RestOptions options_;
  Router router_;
  std::map<std::string, Bucket, std::less<>> read_buckets_, write_buckets_;
  std::map<std::string, RestFault, std::less<>> faults_;
  std::map<uint32_t, std::deque<FillRecord>> fills_;
  std::map<uint32_t, std::deque<SettlementRecord>> settlements_;
  std::map<std::string, Order, std::less<>> orders_;  // every order seen, by order_id (bounded)
  std::deque<std::string> order_ids_;                 // insertion order, for the bound
  // Perps orders only: LastUpdateReason per order_id (bounded with orders_).
  std::map<std::string, std::string, std::less<>> margin_reasons_;
  std::map<std::string, OrderGroup, std::less<>> groups_;
  uint64_t next_client_id_ = 0;
  uint32_t current_member_ = 0;  // of the request being handled
};

}  // namespace kalshi::sim
