// Kalshi's REST rate limits (rest-notes.md §5, perps.md §3): two token buckets per account, Read
// and Write, refilled at a per-tier rate; each request costs tokens (default 10, some endpoints
// less, batches per item). This holds the published presets and the Read/Write split; the client
// side limiter uses them, and GET /account/limits (or /account/limits/perps) gives the exact
// numbers at run time, which a custom tier then carries.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/error.h"

namespace kalshi::api::rest {

// Which bucket a request is charged to. The catalog carries one per operation; rate_class_for()
// derives it from method + path for anything else.
enum class RateClass : uint8_t { kRead, kWrite };

inline constexpr uint32_t kDefaultRequestCost = 10;

struct RateTier {
  std::string_view name;  // as the notes spell it: "Basic", "Advanced", ...; "custom" otherwise
  bool published = true;  // false: Kalshi names the tier but publishes no numbers (all zero)
  // Tokens per second and bucket sizes in tokens.
  uint32_t read_refill_per_s = 0;
  uint32_t write_refill_per_s = 0;
  uint32_t read_capacity = 0;
  uint32_t write_capacity = 0;

  uint32_t refill_per_s(RateClass c) const {
    return c == RateClass::kWrite ? write_refill_per_s : read_refill_per_s;
  }
  uint32_t capacity(RateClass c) const {
    return c == RateClass::kWrite ? write_capacity : read_capacity;
  }
};

// The predictions-lane tiers, lowest first: Basic 200/100, Advanced 300/300, Expert (unpublished),
// Premier 1000/1000, Paragon 2000/2000, Prime 4000/4000, Prestige (unpublished). Capacities: Read
// = 1 s of refill; Write = 2 s above Basic, and 1 s at Basic (the notes give the 2 s burst only
// "at tiers above Basic"). Perps tiers are not published (perps.md §3): use a custom tier.
std::span<const RateTier> rate_tiers();

// Case-insensitive lookup by name; nullptr when unknown. An unpublished tier is returned with
// published = false: the caller must take its numbers from GET /account/limits.
const RateTier *find_rate_tier(std::string_view name);

// A tier with explicit numbers (from GET /account/limits). A zero capacity means one second of
// refill. KALSHI_ERR_INVALID_ARG when a refill rate is 0 or a capacity is smaller than the cost of
// one default request (it could never admit one).
Error custom_rate_tier(uint32_t read_refill_per_s, uint32_t write_refill_per_s,
                       uint32_t read_capacity, uint32_t write_capacity, RateTier *out);

// The Write bucket takes order placement, amend, decrease, cancel (single, batch, all), order-group
// operations and the RFQ quote flow (create/accept/confirm/delete quote), for predictions (V2
// /portfolio/events/orders and legacy /portfolio/orders) and perps (/margin/orders,
// /margin/order_groups). Everything else, and every GET, is Read. path is relative to the base
// (/portfolio/...) or carries the /trade-api/v2 prefix; a query string is ignored.
RateClass rate_class_for(std::string_view method, std::string_view path);

// Tokens one request costs where the notes state a non-default cost (GetOrder 2, CancelOrderV2 2,
// CancelAllOrders 2, BatchCreateOrdersV2 10 per order, BatchCancelOrdersV2 2 per order, quote
// create/get/delete 2, UpgradeAccountApiUsageLevel 30, perps cancel-all 10, GET /margin/balance 5);
// kDefaultRequestCost otherwise. batch_items counts the orders of a batch call (0 is taken as 1).
// GET /account/endpoint_costs gives the live table; this is the fallback when it was not fetched.
uint32_t request_cost(std::string_view method, std::string_view path, uint32_t batch_items);

}  // namespace kalshi::api::rest
