// What the C API and the executable ask of a running simulator: keys, accounts, orders, market
// lifecycle, the clock and faults. Each runs on the loop through Impl::command/call.
#include <string>
#include <utility>

#include "core/clock.h"
#include "sim/simulator.h"
#include "sim/simulator_impl.h"

namespace kalshi::sim {

namespace {

constexpr uint32_t kMaxSubaccount = 63;

Error rejected(const Outcome &o) {
  std::string msg = o.text;
  if (!o.detail.empty()) msg += msg.empty() ? o.detail : ": " + o.detail;
  if (msg.empty()) msg = "rejected by the exchange (reject code " + std::to_string(o.code) + ")";
  Error e = Error::make(KALSHI_ERR_REJECTED, msg);
  e.exchange_code = o.text;
  return e;
}

Error check_account(const Exchange &ex, uint32_t member, uint32_t subaccount) {
  if (subaccount > kMaxSubaccount) {
    return Error::make(KALSHI_ERR_INVALID_ARG, "subaccount must be 0..63");
  }
  if (!ex.member_exists(member)) {
    return Error::make(KALSHI_ERR_NOT_FOUND, "no member " + std::to_string(member));
  }
  return Error{};
}

AccountKey account(uint32_t member, uint32_t subaccount) {
  return AccountKey{member, static_cast<uint8_t>(subaccount)};
}

const SimEndpoint *find_endpoint(std::string_view name) {
  size_t n = 0;
  const SimEndpoint *eps = sim_endpoints(&n);
  for (size_t i = 0; i < n; ++i) {
    if (name == eps[i].name) return &eps[i];
  }
  return nullptr;
}

}  // namespace

Error Simulator::register_key(fix::Product product, std::string_view key_id, std::string_view pem,
                              uint32_t member, uint32_t *member_out) {
  Impl *impl = impl_.get();
  return impl->command([impl, product, id = std::string(key_id), pem = std::string(pem), member,
                        member_out]() -> Error {
    uint32_t m = member;
    if (m != 0 && !impl->exchange->member_exists(m)) {
      return Error::make(KALSHI_ERR_NOT_FOUND, "no member " + std::to_string(m));
    }
    // Check the key before creating a member for it, so a bad key leaves nothing behind.
    const uint32_t previous = impl->keys.member_of(product, id);
    if (Error e = impl->keys.add(product, id, pem, previous); !e.ok()) return e;
    if (m == 0) m = previous != 0 ? previous : impl->exchange->add_member(id, impl->opts.balance);
    if (Error e = impl->keys.add(product, id, pem, m); !e.ok()) return e;
    if (member_out != nullptr) *member_out = m;
    return Error{};
  });
}

Error Simulator::set_balance(uint32_t member, uint32_t subaccount, Money balance) {
  Impl *impl = impl_.get();
  return impl->command([=]() -> Error {
    if (Error e = check_account(*impl->exchange, member, subaccount); !e.ok()) return e;
    return impl->exchange->set_balance(account(member, subaccount), balance);
  });
}

Error Simulator::balance(uint32_t member, uint32_t subaccount, Money *out) {
  Impl *impl = impl_.get();
  return impl->command([=]() -> Error {
    if (Error e = check_account(*impl->exchange, member, subaccount); !e.ok()) return e;
    *out = impl->exchange->balance(account(member, subaccount));
    return Error{};
  });
}

Error Simulator::position(uint32_t member, uint32_t subaccount, std::string_view ticker, Qty *out) {
  Impl *impl = impl_.get();
  return impl->command([=, t = std::string(ticker)]() -> Error {
    if (Error e = check_account(*impl->exchange, member, subaccount); !e.ok()) return e;
    if (impl->exchange->find_market(t) == nullptr) {
      return Error::make(KALSHI_ERR_NOT_FOUND, "no market " + t);
    }
    *out = 0;
    for (const Position &p : impl->exchange->positions(account(member, subaccount))) {
      if (p.ticker == t) *out = p.contracts;
    }
    return Error{};
  });
}

Error Simulator::place_order(uint32_t member, std::string_view ticker, Side side, Price price,
                             Qty qty) {
  Impl *impl = impl_.get();
  return impl->command([=, t = std::string(ticker)]() -> Error {
    if (Error e = check_account(*impl->exchange, member, 0); !e.ok()) return e;
    OrderRequest r;
    r.account = account(member, 0);
    r.client_order_id = "sim-" + std::to_string(++impl->next_order_number);
    r.ticker = t;
    r.side = side;
    r.price = price;
    r.qty = qty;
    r.tif = TimeInForce::Gtc;
    const Outcome o = impl->exchange->submit(r, impl->exchange_now);
    return o.ok ? Error{} : rejected(o);
  });
}

Error Simulator::market_status(std::string_view ticker, std::string_view status) {
  MarketStatus s;
  if (status == "open") {
    s = MarketStatus::Open;
  } else if (status == "paused") {
    s = MarketStatus::Paused;
  } else if (status == "closed") {
    s = MarketStatus::Closed;
  } else {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "status must be open, paused or closed (settle with kalshi_sim_settle)");
  }
  Impl *impl = impl_.get();
  return impl->command([=, t = std::string(ticker)]() -> Error {
    if (impl->exchange->find_market(t) == nullptr) {
      return Error::make(KALSHI_ERR_NOT_FOUND, "no market " + t);
    }
    const Outcome o = impl->exchange->set_market_status(t, s, impl->exchange_now);
    return o.ok ? Error{} : rejected(o);
  });
}

Error Simulator::settle(std::string_view ticker, Price yes_value) {
  Impl *impl = impl_.get();
  return impl->command([=, t = std::string(ticker)]() -> Error {
    if (impl->exchange->find_market(t) == nullptr) {
      return Error::make(KALSHI_ERR_NOT_FOUND, "no market " + t);
    }
    const Outcome o = impl->exchange->settle(t, yes_value, impl->exchange_now);
    return o.ok ? Error{} : rejected(o);
  });
}

int64_t Simulator::now_ms() {
  Impl *impl = impl_.get();
  int64_t now = 0;
  if (!impl->call<int64_t>([impl] { return impl->exchange_now; }, &now)) {
    now = impl->exchange_now_mirror.load();
  }
  return now;
}

Error Simulator::advance_ms(int64_t ms) {
  if (ms < 0) return Error::make(KALSHI_ERR_INVALID_ARG, "the clock only moves forward");
  Impl *impl = impl_.get();
  return impl->command([=]() -> Error {
    if (ms > INT64_MAX - impl->exchange_now) {
      return Error::make(KALSHI_ERR_RANGE, "the clock would overflow");
    }
    impl->set_exchange_time(impl->exchange_now + ms);
    return Error{};
  });
}

Error Simulator::set_activity(bool enabled) {
  Impl *impl = impl_.get();
  return impl->command([=]() -> Error {
    impl->enable_activity(enabled);
    return Error{};
  });
}

Error Simulator::fault(std::string_view session, std::string_view key_id, std::string_view text) {
  if (session == "rest") {  // r5: REST requests (faults in sim/rest/rest_api.h)
    RestFault probe;
    if (Error e = parse_rest_fault(text, &probe); !e.ok()) return e;
    Impl *impl = impl_.get();
    return impl->command([impl, key = std::string(key_id), t = std::string(text)]() -> Error {
      return impl->rest_front->inject(key, t);
    });
  }
  if (session == "ws") {  // w3: WebSocket connections (faults in sim/ws/ws_session.h)
    Fault f;
    if (Error e = parse_fault(text, &f); !e.ok()) return e;
    Impl *impl = impl_.get();
    return impl->command([impl, key = std::string(key_id), f]() -> Error {
      return impl->ws_front->inject(key, f);
    });
  }
  const SimEndpoint *ep = find_endpoint(session);
  if (ep == nullptr) {
    return Error::make(KALSHI_ERR_NOT_FOUND,
                       "no FIX session \"" + std::string(session) + "\" (fix.nr ... perps.fix.md)");
  }
  Fault f;
  if (Error e = parse_fault(text, &f); !e.ok()) return e;
  Impl *impl = impl_.get();
  return impl->command([impl, ep, key = std::string(key_id), f]() -> Error {
    return impl->gateway->inject(ep->product, ep->kind, key, f, session_now_ms());
  });
}

size_t Simulator::fix_sessions() {
  Impl *impl = impl_.get();
  size_t n = 0;
  if (!impl->call<size_t>([impl] { return impl->gateway->active_sessions(); }, &n)) return 0;
  return n;
}

}  // namespace kalshi::sim
