// Cursor pagination (rest-notes.md §6; perps and Klear list operations work the same way): a
// small state machine the REST glue drives while walking a listing. It decides whether to fetch
// another page; it does no I/O and never looks at the pages' contents.
//
//   Paginator p;
//   p.start(max_pages);                          // first request: no cursor
//   for (;;) {
//     ... send the request (cursor = next.cursor after the first), read the response's "cursor" ...
//     Paginator::Next next = p.on_page(cursor_from_response);
//     if (next.kind != Paginator::Next::kFetch) break;   // kDone (maybe truncated) or kError
//   }
//
// Rules: an empty or absent cursor ends the listing. A cursor seen before in this listing means the
// server is looping: KALSHI_ERR_PROTOCOL naming the cursor. Reaching max_pages with a cursor still
// pending ends the listing with truncated = true (the caller may resume later from that cursor).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/error.h"

namespace kalshi::api::rest {

class Paginator {
 public:
  // Cursors remembered per listing for loop detection (64-bit hashes, so at most ~1 MiB). Past
  // this many pages new cursors are still checked against the remembered ones but not added, so
  // memory stays bounded; max_pages bounds the walk itself.
  static constexpr size_t kMaxRememberedCursors = 65536;
  // A cursor is an opaque token that goes back into a query string; anything longer is refused.
  static constexpr size_t kMaxCursorLength = 4096;

  struct Next {
    enum Kind { kDone, kFetch, kError };
    Kind kind = kDone;
    std::string cursor;      // kFetch: send it as ?cursor=; kDone+truncated: where it stopped
    bool truncated = false;  // kDone because max_pages was reached
    Error error;             // kError
  };

  // Begins a listing (forgets any previous one). max_pages = 0 means no page limit.
  void start(uint32_t max_pages);
  // Call once per page received, with the response's cursor (empty when absent).
  // KALSHI_ERR_STATE in Next::error when called before start() or after the listing ended.
  Next on_page(std::string_view cursor_from_response);

  uint32_t pages() const { return pages_; }
  bool active() const { return active_; }
  bool truncated() const { return truncated_; }

 private:
  static uint64_t hash(std::string_view s);
  Next fail(Error e);

  std::unordered_set<uint64_t> seen_;
  uint32_t max_pages_ = 0;
  uint32_t pages_ = 0;
  bool active_ = false;
  bool truncated_ = false;
};

}  // namespace kalshi::api::rest
