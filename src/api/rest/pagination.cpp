#include "api/rest/pagination.h"

#include "api/rest/errors.h"

namespace kalshi::api::rest {

void Paginator::start(uint32_t max_pages) {
  seen_.clear();
  max_pages_ = max_pages;
  pages_ = 0;
  active_ = true;
  truncated_ = false;
}

// FNV-1a 64: the set only has to tell a server's cursors apart, not resist an adversary (a hostile
// server can loop with fresh cursors anyway; max_pages is the bound for that).
uint64_t Paginator::hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

Paginator::Next Paginator::fail(Error e) {
  active_ = false;
  Next n;
  n.kind = Next::kError;
  n.error = std::move(e);
  return n;
}

Paginator::Next Paginator::on_page(std::string_view cursor) {
  if (!active_) return fail(Error::make(KALSHI_ERR_STATE, "pagination: no listing in progress"));
  ++pages_;
  Next n;
  if (cursor.empty()) {
    active_ = false;
    return n;  // kDone: the last page
  }
  if (cursor.size() > kMaxCursorLength)
    return fail(Error::make(KALSHI_ERR_PROTOCOL,
                            "pagination: cursor of " + std::to_string(cursor.size()) +
                                " bytes on page " + std::to_string(pages_) + " is too long"));
  const uint64_t h = hash(cursor);
  if (seen_.count(h) != 0)
    return fail(Error::make(KALSHI_ERR_PROTOCOL, "pagination: the server returned cursor \"" +
                                                     printable_excerpt(cursor, 128) +
                                                     "\" again on page " + std::to_string(pages_) +
                                                     " (a loop)"));
  if (seen_.size() < kMaxRememberedCursors) seen_.insert(h);
  if (max_pages_ != 0 && pages_ >= max_pages_) {
    active_ = false;
    truncated_ = true;
    n.truncated = true;
    n.cursor.assign(cursor);
    return n;  // kDone, truncated
  }
  n.kind = Next::kFetch;
  n.cursor.assign(cursor);
  return n;
}

}  // namespace kalshi::api::rest
