// The market-activity generator; see activity.h.
#include "sim/exchange/activity.h"

#include <algorithm>
#include <map>
#include <string>

namespace kalshi::sim {

namespace {

// splitmix64: small and reproducible from one 64-bit seed.
uint64_t next_random(uint64_t &state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

bool on_grid(const TickRange &r, Price p) {
  return r.step > 0 && p >= r.start && p <= r.end && (p - r.start) % r.step == 0;
}

// The last valid price of a range.
Price range_top(const TickRange &r) {
  return r.start + (r.end - r.start) / r.step * r.step;
}

}  // namespace

Price tick_above(const Market &m, Price p) {
  Price best = 0;
  for (const TickRange &r : m.ticks) {
    if (r.step <= 0 || r.end < r.start) continue;
    Price candidate = 0;
    if (p < r.start) {
      candidate = r.start;
    } else {
      candidate = r.start + ((p - r.start) / r.step + 1) * r.step;
      if (candidate > r.end) continue;
    }
    if (best == 0 || candidate < best) best = candidate;
  }
  return best;
}

Price tick_below(const Market &m, Price p) {
  Price best = 0;
  for (const TickRange &r : m.ticks) {
    if (r.step <= 0 || r.end < r.start || p <= r.start) continue;
    const Price candidate =
        p > r.end ? range_top(r) : r.start + (p - r.start - 1) / r.step * r.step;
    if (candidate > best) best = candidate;
  }
  return best;
}

Price nearest_tick(const Market &m, Price p) {
  for (const TickRange &r : m.ticks) {
    if (on_grid(r, p)) return p;
  }
  const Price below = tick_below(m, p);
  const Price above = tick_above(m, p);
  if (below == 0) return above;
  if (above == 0) return below;
  return p - below <= above - p ? below : above;
}

struct ActivityGenerator::Impl {
  Exchange &exchange;
  ActivitySettings settings;
  uint64_t rng;
  std::vector<AccountKey> bots;
  std::map<std::string, Price, std::less<>> fair;
  bool started = false;
  int64_t last_ms = 0;
  int64_t carry = 0;  // commands x ms owed below one command
  uint64_t next_id = 1;

  Impl(Exchange &e, uint64_t seed, ActivitySettings s) : exchange(e), settings(s), rng(seed) {
    if (settings.bots == 0) settings.bots = 1;
    if (settings.min_qty < kContract) settings.min_qty = kContract;
    if (settings.max_qty < settings.min_qty) settings.max_qty = settings.min_qty;
    if (settings.max_resting_per_bot_market == 0) settings.max_resting_per_bot_market = 1;
    for (uint32_t i = 0; i < settings.bots; ++i) {
      const std::string name = "activity-bot-" + std::to_string(i + 1);
      bots.push_back({exchange.add_member(name, settings.bot_balance), 0});
    }
  }

  uint64_t uniform(uint64_t n) { return n == 0 ? 0 : next_random(rng) % n; }

  // Whole contracts between min_qty and max_qty.
  Qty random_qty() {
    const Qty lo = settings.min_qty / kContract;
    const Qty hi = settings.max_qty / kContract;
    return (lo + static_cast<Qty>(uniform(static_cast<uint64_t>(hi - lo + 1)))) * kContract;
  }

  std::string next_client_id(AccountKey bot) {
    return "bot" + std::to_string(bot.member) + "-" + std::to_string(next_id++);
  }

  // Open markets in ticker order, so the choice among them does not depend on storage order.
  std::vector<const Market *> open_markets() const {
    std::vector<const Market *> out;
    for (const Market *m : exchange.markets()) {
      if (m->status != MarketStatus::Open || m->ticks.empty()) continue;
      if (m->kind == MarketKind::Perp && m->reference_price <= 0) continue;
      out.push_back(m);
    }
    std::sort(out.begin(), out.end(),
              [](const Market *a, const Market *b) { return a->ticker < b->ticker; });
    return out;
  }

  // Keeps a fair value where there is a valid tick on both sides, and inside a perp's band.
  Price settle_fair(const Market &m, Price p) {
    if (m.kind == MarketKind::Perp && m.price_band > 0) {
      p = std::clamp(p, m.reference_price - m.price_band / 2, m.reference_price + m.price_band / 2);
    }
    p = nearest_tick(m, p);
    if (tick_above(m, p) == 0) p = tick_below(m, p);
    if (tick_below(m, p) == 0) p = tick_above(m, p);
    return p;
  }

  Price fair_of(const Market &m) {
    auto it = fair.find(m.ticker);
    if (it != fair.end()) return it->second;
    Price start = m.kind == MarketKind::Perp ? m.reference_price : kDollar / 2;
    const BookSnapshot book = exchange.book(m.ticker, 1);
    const std::vector<PublicTrade> last = exchange.trades(m.ticker, 1);
    if (!book.bids.empty() && !book.asks.empty()) {
      start = (book.bids[0].price + book.asks[0].price) / 2;
    } else if (!last.empty()) {
      start = last.back().price;
    }
    const Price p = settle_fair(m, start);
    fair.emplace(m.ticker, p);
    return p;
  }

  void drift(const Market &m) {
    Price &f = fair[m.ticker];
    const Price moved = uniform(2) == 0 ? tick_below(m, f) : tick_above(m, f);
    if (moved != 0) f = settle_fair(m, moved);
  }

  // `ticks` grid steps away from the fair value, below for a bid and above for an ask; 0 when the
  // grid ends first.
  static Price away_from(const Market &m, Price from, Side side, uint32_t ticks) {
    Price p = from;
    for (uint32_t i = 0; i < ticks && p != 0; ++i) {
      p = side == Side::Buy ? tick_below(m, p) : tick_above(m, p);
    }
    return p;
  }

  bool submit(const Market &m, AccountKey bot, Side side, Price price, Qty qty, TimeInForce tif,
              bool post_only, int64_t now_ms) {
    OrderRequest r;
    r.account = bot;
    r.client_order_id = next_client_id(bot);
    r.ticker = m.ticker;
    r.side = side;
    r.price = price;
    r.qty = qty;
    r.tif = tif;
    r.post_only = post_only;
    return exchange.submit(r, now_ms).ok;
  }

  // The bot's resting orders in the market, oldest first.
  std::vector<const Order *> resting(const Market &m, AccountKey bot) const {
    std::vector<const Order *> out;
    for (const Order *o : exchange.open_orders(bot.member)) {
      if (o->ticker == m.ticker && o->account == bot && o->status == OrderStatus::Resting) {
        out.push_back(o);
      }
    }
    std::sort(out.begin(), out.end(),
              [](const Order *a, const Order *b) { return a->seq < b->seq; });
    return out;
  }

  void cancel_order(const Order &o, AccountKey bot, int64_t now_ms) {
    CancelRequest c;
    c.account = bot;
    c.client_order_id = next_client_id(bot);
    c.order_id = o.order_id;
    c.ticker = o.ticker;
    exchange.cancel(c, now_ms);
  }

  void place_passive(const Market &m, AccountKey bot, int64_t now_ms) {
    const std::vector<const Order *> mine = resting(m, bot);
    if (mine.size() >= settings.max_resting_per_bot_market) {
      cancel_order(*mine.front(), bot, now_ms);
      return;
    }
    const Side side = uniform(2) == 0 ? Side::Buy : Side::Sell;
    const uint32_t distance = 1 + static_cast<uint32_t>(uniform(settings.levels + 2));
    const Price price = away_from(m, fair_of(m), side, distance);
    const Qty qty = random_qty();
    if (price != 0) submit(m, bot, side, price, qty, TimeInForce::Gtc, true, now_ms);
  }

  void cancel_random(const Market &m, AccountKey bot, int64_t now_ms) {
    const std::vector<const Order *> mine = resting(m, bot);
    if (mine.empty()) return place_passive(m, bot, now_ms);
    cancel_order(*mine[uniform(mine.size())], bot, now_ms);
  }

  // Takes the best opposite level with an IOC: a trade print, against whoever rests there.
  void cross(const Market &m, AccountKey bot, int64_t now_ms) {
    const Side side = uniform(2) == 0 ? Side::Buy : Side::Sell;
    const Qty qty = random_qty();
    const BookSnapshot book = exchange.book(m.ticker, 1);
    const std::vector<Level> &opposite = side == Side::Buy ? book.asks : book.bids;
    if (opposite.empty()) return place_passive(m, bot, now_ms);
    submit(m, bot, side, opposite[0].price, qty, TimeInForce::Ioc, false, now_ms);
    // The market moved toward the taker.
    fair[m.ticker] = settle_fair(m, opposite[0].price);
  }

  void act(const Market &m, AccountKey bot, int64_t now_ms) {
    fair_of(m);
    if (uniform(1000) < settings.drift_per_mille) drift(m);
    const uint64_t kind = uniform(1000);
    if (kind < settings.cross_per_mille) {
      cross(m, bot, now_ms);
    } else if (kind < uint64_t{settings.cross_per_mille} + settings.cancel_per_mille) {
      cancel_random(m, bot, now_ms);
    } else {
      place_passive(m, bot, now_ms);
    }
  }
};

ActivityGenerator::ActivityGenerator(Exchange &exchange, uint64_t seed, ActivitySettings settings)
    : impl_(std::make_unique<Impl>(exchange, seed, settings)) {}

ActivityGenerator::~ActivityGenerator() = default;

size_t ActivityGenerator::seed_books(int64_t now_ms) {
  Impl &d = *impl_;
  size_t placed = 0;
  for (const Market *m : d.open_markets()) {
    const Price f = d.fair_of(*m);
    for (uint32_t level = 1; level <= d.settings.levels; ++level) {
      const AccountKey bot = d.bots[level % d.bots.size()];
      for (const Side side : {Side::Buy, Side::Sell}) {
        const Price p = Impl::away_from(*m, f, side, level);
        if (p == 0) continue;
        placed += d.submit(*m, bot, side, p, d.random_qty(), TimeInForce::Gtc, true, now_ms);
      }
    }
  }
  return placed;
}

size_t ActivityGenerator::step(int64_t now_ms) {
  Impl &d = *impl_;
  if (!d.started) {
    d.started = true;
    d.last_ms = now_ms;
    return 0;
  }
  if (now_ms <= d.last_ms) return 0;
  // Also capped so that elapsed x rate cannot overflow whatever the settings say.
  const int64_t elapsed = std::min<int64_t>(
      {now_ms - d.last_ms, std::max<int64_t>(d.settings.max_catch_up_ms, 0), 1000000000LL});
  d.last_ms = now_ms;
  const int64_t owed = elapsed * d.settings.orders_per_second + d.carry;
  int64_t due = owed / 1000;
  d.carry = owed % 1000;
  if (due > d.settings.max_commands_per_step) {
    due = d.settings.max_commands_per_step;
    d.carry = 0;
  }
  // Tickers, not pointers: the commands below must not leave a stale Market behind.
  std::vector<std::string> tickers;
  for (const Market *m : d.open_markets()) tickers.push_back(m->ticker);
  if (tickers.empty()) return 0;
  for (int64_t i = 0; i < due; ++i) {
    const std::string &ticker = tickers[d.uniform(tickers.size())];
    const AccountKey bot = d.bots[d.uniform(d.bots.size())];
    const Market *m = d.exchange.find_market(ticker);
    if (m != nullptr && m->status == MarketStatus::Open) d.act(*m, bot, now_ms);
  }
  return static_cast<size_t>(due);
}

const std::vector<AccountKey> &ActivityGenerator::bots() const {
  return impl_->bots;
}

Price ActivityGenerator::fair_value(std::string_view ticker) const {
  auto it = impl_->fair.find(ticker);
  return it == impl_->fair.end() ? 0 : it->second;
}

}  // namespace kalshi::sim
