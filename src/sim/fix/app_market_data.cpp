// Market data on KalshiMD (kalshi-fix.md §6): MarketDataRequest (V) snapshots and subscriptions
// keyed by Symbol, W snapshots (empty for unknown tickers), X incrementals with level-replace
// semantics (the new absolute size; 279=0 for a level that appears, 1 for one that changes, 2
// when it is gone) and trades; SecurityStatusRequest (e) / SecurityStatus (f) on prediction.
#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

namespace {

// Per-session symbol limit (the docs publish none): a bound on what one client can make us hold.
constexpr size_t kMaxSymbolsPerSession = 2000;
constexpr size_t kSnapshotDepth = 1000;

bool md_peer(const FixPeer &p) {
  return p.kind() == fix::SessionKind::MD;
}

}  // namespace

void FixApp::Impl::md_reject(FixPeer &peer, char reason, std::string_view text) {
  Reply r = reply("Y", peer);
  if (reason != 0) r.chr(fix::tag::MDReqRejReason, reason);
  r.opt_str(fix::tag::Text, text).send(peer);
}

void FixApp::Impl::send_snapshot(FixPeer &peer, std::string_view symbol) {
  Reply r = reply("W", peer);
  r.str(fix::tag::Symbol, symbol);
  r.group(fix::tag::NoMDEntries);
  if (market_fits(peer, symbol)) {
    const BookSnapshot book = ex.book(symbol, kSnapshotDepth);
    for (const Level &l : book.bids) {
      r.entry().chr(fix::tag::MDEntryType, '0');
      r.price(fix::tag::MDEntryPx, l.price).qty(fix::tag::MDEntrySize, l.qty);
    }
    for (const Level &l : book.asks) {
      r.entry().chr(fix::tag::MDEntryType, '1');
      r.price(fix::tag::MDEntryPx, l.price).qty(fix::tag::MDEntrySize, l.qty);
    }
  }
  r.end_group().send(peer);
}

void FixApp::Impl::market_data_request(FixPeer &peer, const fix::Inbound &) {
  PeerState *st = find_peer(peer.id());
  if (st == nullptr) return;
  const fix::DecodedField *type = in.find(fix::tag::SubscriptionRequestType);
  const char t = type != nullptr && type->text.size() == 1 ? type->text[0] : '?';
  const size_t n = in.count(fix::tag::NoRelatedSym);
  if (t != '0' && t != '1' && t != '2') {
    return md_reject(peer, '4', "Unsupported SubscriptionRequestType");
  }
  if (t == '2') {
    if (n == 0) {
      st->md_symbols.clear();  // no 146: cancel every subscription of the session
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      if (auto s = in.entry(fix::tag::NoRelatedSym, i).text(fix::tag::Symbol)) {
        auto it = st->md_symbols.find(*s);
        if (it != st->md_symbols.end()) st->md_symbols.erase(it);
      }
    }
    return;
  }
  if (n == 0) return md_reject(peer, 0, "NoRelatedSym is required");
  if (t == '1' && st->md_symbols.size() + n > kMaxSymbolsPerSession) {
    return md_reject(peer, '2', "Too many symbols for this session");
  }
  for (size_t i = 0; i < n; ++i) {
    auto s = in.entry(fix::tag::NoRelatedSym, i).text(fix::tag::Symbol);
    if (!s) continue;
    // Subscribe before the snapshot so no change between the two can be missed.
    if (t == '1' && market_fits(peer, *s)) {
      st->md_symbols.emplace(*s);
      track_levels(*s);
    }
    send_snapshot(peer, *s);
  }
}

void FixApp::Impl::security_status_request(FixPeer &peer, const fix::Inbound &) {
  PeerState *st = find_peer(peer.id());
  if (st == nullptr) return;
  const std::string_view symbol = in.find(fix::tag::Symbol)->text;
  const std::string_view type = in.find(fix::tag::SubscriptionRequestType)->text;
  if (type == "1") {
    if (st->status_symbols.size() >= kMaxSymbolsPerSession) {
      return md_reject(peer, '2', "Too many symbols for this session");
    }
    st->status_symbols.emplace(symbol);  // changes only: no initial status (§6.5)
  } else if (type == "2") {
    auto it = st->status_symbols.find(symbol);
    if (it != st->status_symbols.end()) st->status_symbols.erase(it);
  } else {
    md_reject(peer, '4', "Unsupported SubscriptionRequestType");
  }
}

void FixApp::Impl::track_levels(std::string_view ticker) {
  if (md_levels.find(ticker) != md_levels.end()) return;
  auto &levels = md_levels[std::string(ticker)];
  const BookSnapshot book = ex.book(ticker, kSnapshotDepth);
  for (const Level &l : book.bids) levels.emplace(static_cast<uint8_t>(Side::Buy), l.price);
  for (const Level &l : book.asks) levels.emplace(static_cast<uint8_t>(Side::Sell), l.price);
}

void FixApp::Impl::on_level_change(const LevelChange &c) {
  char action = '2';
  auto it = md_levels.find(c.ticker);
  if (it == md_levels.end()) it = md_levels.emplace(std::string(c.ticker), LevelSet{}).first;
  const std::pair<uint8_t, Price> key{static_cast<uint8_t>(c.side), c.price};
  if (c.qty > 0) {
    action = it->second.insert(key).second ? '0' : '1';
  } else {
    it->second.erase(key);
  }
  auto subscribed = [&](const PeerState &st) {
    return md_peer(*st.peer) && st.md_symbols.find(c.ticker) != st.md_symbols.end();
  };
  for_each_peer(subscribed, [&](PeerState &st) {
    Reply r = reply("X", *st.peer);
    r.group(fix::tag::NoMDEntries).entry();
    r.chr(fix::tag::MDUpdateAction, action).str(fix::tag::Symbol, c.ticker);
    r.chr(fix::tag::MDEntryType, c.side == Side::Buy ? '0' : '1');
    r.price(fix::tag::MDEntryPx, c.price).qty(fix::tag::MDEntrySize, c.qty);
    r.end_group().send(*st.peer);
  });
}

void FixApp::Impl::on_public_trade(const PublicTrade &t) {
  auto subscribed = [&](const PeerState &st) {
    return md_peer(*st.peer) && st.md_symbols.find(t.ticker) != st.md_symbols.end();
  };
  for_each_peer(subscribed, [&](PeerState &st) {
    Reply r = reply("X", *st.peer);
    r.group(fix::tag::NoMDEntries).entry();
    r.chr(fix::tag::MDUpdateAction, '0').str(fix::tag::Symbol, t.ticker);
    r.chr(fix::tag::MDEntryType, '2');
    r.price(fix::tag::MDEntryPx, t.price).qty(fix::tag::MDEntrySize, t.qty);
    r.chr(fix::tag::AggressorSide, side_code(t.taker_side));
    r.end_group().send(*st.peer);
  });
}

void FixApp::Impl::on_market_status(const Market &m) {
  // 3 Resume (open), 2 Trading halt (paused or closed), 101 settled (the subscription ends).
  int status = 0;
  switch (m.status) {
    case MarketStatus::Open:
      status = 3;
      break;
    case MarketStatus::Paused:
    case MarketStatus::Closed:
      status = 2;
      break;
    case MarketStatus::Settled:
      status = 101;
      break;
    case MarketStatus::Initialized:
      return;
  }
  auto subscribed = [&](const PeerState &st) {
    return md_peer(*st.peer) && st.status_symbols.find(m.ticker) != st.status_symbols.end();
  };
  for_each_peer(subscribed, [&](PeerState &st) {
    // The subscription ends with the settlement (§6.5); dropped before the send may end st.
    if (m.status == MarketStatus::Settled) {
      auto it = st.status_symbols.find(m.ticker);
      if (it != st.status_symbols.end()) st.status_symbols.erase(it);
    }
    Reply r = reply("f", *st.peer);
    r.str(fix::tag::Symbol, m.ticker).num(fix::tag::SecurityTradingStatus, status);
    r.send(*st.peer);
  });
}

}  // namespace kalshi::sim
