#include "api/rest/rate_tiers.h"

#include <array>

namespace kalshi::api::rest {

namespace {

constexpr RateTier tier(std::string_view name, uint32_t read, uint32_t write, uint32_t burst_s) {
  return RateTier{name, true, read, write, read, write * burst_s};
}
constexpr RateTier unpublished(std::string_view name) {
  return RateTier{name, false, 0, 0, 0, 0};
}

constexpr std::array<RateTier, 7> kTiers = {
    tier("Basic", 200, 100, 1),     tier("Advanced", 300, 300, 2),  unpublished("Expert"),
    tier("Premier", 1000, 1000, 2), tier("Paragon", 2000, 2000, 2), tier("Prime", 4000, 4000, 2),
    unpublished("Prestige"),
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Path relative to the base, without query string or trailing '/'.
std::string_view normalise(std::string_view path) {
  if (const size_t q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  constexpr std::string_view kPrefix = "/trade-api/v2";
  if (path.substr(0, kPrefix.size()) == kPrefix) path.remove_prefix(kPrefix.size());
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// s is p itself or p followed by "/...".
bool under(std::string_view s, std::string_view p) {
  return starts_with(s, p) && (s.size() == p.size() || s[p.size()] == '/');
}

size_t segments(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += c == '/';
  return n;
}

}  // namespace

std::span<const RateTier> rate_tiers() {
  return kTiers;
}

const RateTier *find_rate_tier(std::string_view name) {
  for (const RateTier &t : kTiers)
    if (iequals(t.name, name)) return &t;
  return nullptr;
}

Error custom_rate_tier(uint32_t read_refill_per_s, uint32_t write_refill_per_s,
                       uint32_t read_capacity, uint32_t write_capacity, RateTier *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "out is null");
  if (read_refill_per_s == 0 || write_refill_per_s == 0)
    return Error::make(KALSHI_ERR_INVALID_ARG, "rate tier: refill rates must be positive");
  if (read_capacity == 0) read_capacity = read_refill_per_s;
  if (write_capacity == 0) write_capacity = write_refill_per_s;
  if (read_capacity < kDefaultRequestCost || write_capacity < kDefaultRequestCost)
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "rate tier: a bucket smaller than one request's cost (10) admits nothing");
  *out = RateTier{"custom",           true,          read_refill_per_s,
                  write_refill_per_s, read_capacity, write_capacity};
  return {};
}

RateClass rate_class_for(std::string_view method, std::string_view raw_path) {
  if (iequals(method, "GET") || iequals(method, "HEAD")) return RateClass::kRead;
  const std::string_view path = normalise(raw_path);
  // Order writes: V2 event orders, legacy V1 orders, perps orders.
  if (under(path, "/portfolio/events/orders") || under(path, "/portfolio/orders") ||
      under(path, "/margin/orders"))
    return RateClass::kWrite;
  // Order groups (create, delete, reset, trigger, limit).
  if (under(path, "/portfolio/order_groups") || under(path, "/margin/order_groups"))
    return RateClass::kWrite;
  // The RFQ quote flow: /communications/quotes[/{id}[/accept|/confirm]] and
  // /communications/rfqs/{rfq_id}/quotes/... . Creating or deleting an RFQ itself is Read.
  if (under(path, "/communications/quotes")) return RateClass::kWrite;
  if (starts_with(path, "/communications/rfqs/") && segments(path) >= 5 &&
      path.find("/quotes") != std::string_view::npos)
    return RateClass::kWrite;
  return RateClass::kRead;
}

uint32_t request_cost(std::string_view method, std::string_view raw_path, uint32_t batch_items) {
  const std::string_view path = normalise(raw_path);
  const uint32_t items = batch_items == 0 ? 1 : batch_items;
  const bool get = iequals(method, "GET");
  const bool del = iequals(method, "DELETE");
  const bool post = iequals(method, "POST");

  if (path == "/portfolio/events/orders/batched") {
    if (post) return 10 * items;
    if (del) return 2 * items;
  }
  if (path == "/portfolio/events/orders" && del) return 2;  // CancelAllOrders, per request
  // CancelOrderV2: DELETE /portfolio/events/orders/{id}.
  if (del && starts_with(path, "/portfolio/events/orders/") && segments(path) == 4) return 2;
  // GetOrder: GET /portfolio/orders/{id} (not queue_positions).
  if (get && starts_with(path, "/portfolio/orders/") && segments(path) == 3 &&
      path != "/portfolio/orders/queue_positions")
    return 2;
  // CreateQuote, GetQuote, DeleteQuote and the RFQ-scoped quote get/delete.
  if (path == "/communications/quotes" && post) return 2;
  if ((get || del) && starts_with(path, "/communications/quotes/") && segments(path) == 3) return 2;
  if ((get || del) && starts_with(path, "/communications/rfqs/") && segments(path) == 5 &&
      path.find("/quotes/") != std::string_view::npos)
    return 2;
  if (post && path == "/account/api_usage_level/upgrade") return 30;
  if (path == "/margin/orders" && del) return 10;
  // GET /margin/balance: 5, or 50 with compute_available_balance=true (query, seen in raw_path).
  if (get && path == "/margin/balance")
    return raw_path.find("compute_available_balance=true") != std::string_view::npos ? 50 : 5;
  return kDefaultRequestCost;
}

}  // namespace kalshi::api::rest
