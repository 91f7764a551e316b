// Checking aid for the fast book scanner (fast_books.h): decodes one message with the fast path
// on and off, and names the first field where the two answers differ. Used by
// tests/internal/test_ws_fast_scan.cpp and fuzz/fuzz_ws_fast_scan.cpp; header-only, not part of
// any hot path.
#pragma once

#include <span>
#include <string_view>

#include "api/ws/channels.h"
#include "api/ws/fast_books.h"
#include "core/error.h"

namespace kalshi::wsapi::detail {

// Content equality (the views of the two answers may point into different storage).
inline bool same_levels(std::span<const PriceLevel> a, std::span<const PriceLevel> b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].price != b[i].price || a[i].count != b[i].count) return false;
  return true;
}

// nullptr when both answers agree: same error code and message, or both OK with the same
// envelope, reply, and (for the two book kinds) the same delta / snapshot, field by field.
inline const char *first_difference(const Error &ea, const Decoded &a, const Error &eb,
                                    const Decoded &b) {
  if (ea.code != eb.code) return "error code";
  if (ea.message != eb.message) return "error message";
  if (!ea.ok()) return nullptr;
  if (a.env.kind != b.env.kind) return "env.kind";
  if (a.env.type != b.env.type) return "env.type";
  if (a.env.id != b.env.id) return "env.id";
  if (a.env.sid != b.env.sid) return "env.sid";
  if (a.env.seq != b.env.seq) return "env.seq";
  if (a.env.json != b.env.json) return "env.json";
  if (a.env.msg_json != b.env.msg_json) return "env.msg_json";
  const ReplyPayload &ra = a.reply;
  const ReplyPayload &rb = b.reply;
  if (ra.subscribed.channel != rb.subscribed.channel || ra.subscribed.sid != rb.subscribed.sid ||
      ra.strings.size() != rb.strings.size() || ra.market_ids.size() != rb.market_ids.size() ||
      ra.subscriptions.size() != rb.subscriptions.size() || ra.error_code != rb.error_code ||
      ra.error_msg != rb.error_msg || ra.error_market_ticker != rb.error_market_ticker)
    return "reply";
  if (a.env.kind == MessageKind::OrderbookDelta) {
    const BookDelta &x = a.delta;
    const BookDelta &y = b.delta;
    if (x.market_ticker != y.market_ticker) return "delta.market_ticker";
    if (x.market_id != y.market_id) return "delta.market_id";
    if (x.side != y.side) return "delta.side";
    if (x.price != y.price) return "delta.price";
    if (x.delta != y.delta) return "delta.delta";
    if (x.client_order_id != y.client_order_id) return "delta.client_order_id";
    if (x.last_update_reason != y.last_update_reason) return "delta.last_update_reason";
    if (x.subaccount != y.subaccount) return "delta.subaccount";
    if (x.ts_ms != y.ts_ms) return "delta.ts_ms";
  } else if (a.env.kind == MessageKind::OrderbookSnapshot) {
    const BookSnapshot &x = a.snapshot;
    const BookSnapshot &y = b.snapshot;
    if (x.market_ticker != y.market_ticker) return "snapshot.market_ticker";
    if (x.market_id != y.market_id) return "snapshot.market_id";
    if (!same_levels(x.yes, y.yes)) return "snapshot.yes";
    if (!same_levels(x.no, y.no)) return "snapshot.no";
    if (!same_levels(x.bid, y.bid)) return "snapshot.bid";
    if (!same_levels(x.ask, y.ask)) return "snapshot.ask";
  }
  return nullptr;
}

// Both answers for `json` (copied into padded buffers by decode_copy): `with_fast` decodes with
// the scanner enabled, `simdjson_only` with it disabled (the process-wide switch is restored).
struct BothWays {
  Error fast_err, slow_err;
  Decoded fast, slow;
  const char *difference = nullptr;

  void run(Decoder &with_fast, Decoder &simdjson_only, std::string_view json) {
    const bool was = fast_books_enabled();
    set_fast_books_enabled(false);
    slow_err = simdjson_only.decode_copy(json, &slow);
    set_fast_books_enabled(true);
    fast_err = with_fast.decode_copy(json, &fast);
    set_fast_books_enabled(was);
    difference = first_difference(fast_err, fast, slow_err, slow);
  }
};

}  // namespace kalshi::wsapi::detail
