// kalshi_settlement_*: MarketSettlementReport pages (35=UMS) joined by
// api/settlement/settlement_assembler.h.
#include <kalshi/book.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "api/settlement/settlement_assembler.h"
#include "capi/guard.h"
#include "core/error.h"

using kalshi::report;
using kalshi::capi::guarded;
namespace st = kalshi::settlement;

struct kalshi_settlement_assembler {
  st::Assembler assembler;
};

struct kalshi_settlement {
  st::Report report;
};

namespace {

// UMS tags (kalshi-fix.md §8).
constexpr uint32_t kSymbol = 55;
constexpr uint32_t kClearingBusinessDate = 715;
constexpr uint32_t kSettlementPrice = 730;
constexpr uint32_t kLastFragment = 893;
constexpr uint32_t kReportId = 20105;
constexpr uint32_t kTotReports = 20106;
constexpr uint32_t kMarketResult = 20107;
constexpr uint32_t kNoParties = 20108;
constexpr uint32_t kPartyId = 20109;
constexpr uint32_t kLongQty = 704;
constexpr uint32_t kShortQty = 705;
constexpr uint32_t kNoCollateral = 1703;
constexpr uint32_t kCollateralChange = 1704;
constexpr uint32_t kCollateralType = 1705;
constexpr uint32_t kNoMiscFees = 136;
constexpr uint32_t kMiscFeeAmt = 137;

std::string text(const kalshi_fix_msg_t *m, uint32_t tag) {
  const char *v = nullptr;
  size_t n = 0;
  if (kalshi_fix_msg_str(m, tag, &v, &n) != KALSHI_OK) return {};
  return std::string(v, n);
}

// Reads one party entry. Payout is the sum of PAYOUT collateral changes ("2" in older pages);
// BALANCE changes are not part of a settlement payout.
kalshi::Error read_party(const kalshi_fix_msg_t *e, st::Party *p) {
  p->id = text(e, kPartyId);
  kalshi_fix_msg_count(e, kLongQty, &p->long_qty);
  kalshi_fix_msg_count(e, kShortQty, &p->short_qty);
  const size_t nc = kalshi_fix_msg_group_count(e, kNoCollateral);
  for (size_t i = 0; i < nc; ++i) {
    const kalshi_fix_msg_t *c = kalshi_fix_msg_group_entry(e, kNoCollateral, i);
    const std::string type = text(c, kCollateralType);
    int64_t amount = 0;
    if (kalshi_fix_msg_amount(c, kCollateralChange, &amount) != KALSHI_OK) {
      return kalshi::Error::make(KALSHI_ERR_PROTOCOL, "UMS: CollateralAmountChange(1704) missing");
    }
    if (type == "PAYOUT" || type == "2") p->payout += amount;
  }
  const size_t nf = kalshi_fix_msg_group_count(e, kNoMiscFees);
  for (size_t i = 0; i < nf; ++i) {
    int64_t fee = 0;
    if (kalshi_fix_msg_amount(kalshi_fix_msg_group_entry(e, kNoMiscFees, i), kMiscFeeAmt, &fee) ==
        KALSHI_OK) {
      p->fee += fee;
    }
  }
  return kalshi::Error{};
}

kalshi::Error read_page(const kalshi_fix_msg_t *m, st::Page *page) {
  page->report_id = text(m, kReportId);
  page->symbol = text(m, kSymbol);
  page->result = text(m, kMarketResult);
  if (page->symbol.empty()) {
    return kalshi::Error::make(KALSHI_ERR_PROTOCOL, "UMS without Symbol(55)");
  }
  int64_t v = 0;
  if (kalshi_fix_msg_int(m, kClearingBusinessDate, &v) == KALSHI_OK) {
    page->business_date = static_cast<int32_t>(v);
  }
  kalshi_fix_msg_price(m, kSettlementPrice, &page->price);
  if (kalshi_fix_msg_int(m, kTotReports, &v) == KALSHI_OK && v > 0) {
    page->declared_pages = static_cast<size_t>(v);
  }
  int last = 0;
  page->last_fragment = kalshi_fix_msg_bool(m, kLastFragment, &last) == KALSHI_OK ? last : -1;
  const size_t n = kalshi_fix_msg_group_count(m, kNoParties);
  for (size_t i = 0; i < n; ++i) {
    st::Party p;
    if (kalshi::Error e = read_party(kalshi_fix_msg_group_entry(m, kNoParties, i), &p); !e.ok()) {
      return e;
    }
    page->parties.push_back(std::move(p));
  }
  return kalshi::Error{};
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_settlement_assembler_new(kalshi_settlement_assembler_t **out) {
  if (out == nullptr) return KALSHI_ERR_INVALID_ARG;
  *out = nullptr;
  return guarded(nullptr, [&] {
    *out = new kalshi_settlement_assembler();
    return KALSHI_OK;
  });
}

KALSHI_API void kalshi_settlement_assembler_destroy(kalshi_settlement_assembler_t *a) {
  delete a;
}

KALSHI_API kalshi_err_t kalshi_settlement_assembler_add(kalshi_settlement_assembler_t *a,
                                                        const kalshi_fix_msg_t *m,
                                                        kalshi_settlement_t **out,
                                                        kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out != nullptr) *out = nullptr;
  if (a == nullptr || m == nullptr || out == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "assembler, message and out must not be NULL");
  }
  return guarded(err, [&] {
    if (std::string_view(kalshi_fix_msg_type(m)) != "UMS") {
      return report(err, KALSHI_ERR_INVALID_ARG, "not a MarketSettlementReport (35=UMS)");
    }
    st::Page page;
    if (kalshi::Error e = read_page(m, &page); !e.ok()) return report(err, std::move(e));
    if (auto done = a->assembler.add(std::move(page))) {
      *out = new kalshi_settlement{std::move(*done)};
    }
    return KALSHI_OK;
  });
}

KALSHI_API size_t kalshi_settlement_assembler_pending(const kalshi_settlement_assembler_t *a) {
  return a == nullptr ? 0 : a->assembler.pending();
}

KALSHI_API void kalshi_settlement_destroy(kalshi_settlement_t *r) {
  delete r;
}

KALSHI_API const char *kalshi_settlement_symbol(const kalshi_settlement_t *r) {
  return r == nullptr ? "" : r->report.symbol.c_str();
}
KALSHI_API const char *kalshi_settlement_result(const kalshi_settlement_t *r) {
  return r == nullptr ? "" : r->report.result.c_str();
}
KALSHI_API int32_t kalshi_settlement_business_date(const kalshi_settlement_t *r) {
  return r == nullptr ? 0 : r->report.business_date;
}
KALSHI_API kalshi_price_t kalshi_settlement_price(const kalshi_settlement_t *r) {
  return r == nullptr ? 0 : r->report.price;
}
KALSHI_API size_t kalshi_settlement_page_count(const kalshi_settlement_t *r) {
  return r == nullptr ? 0 : r->report.page_ids.size();
}
KALSHI_API size_t kalshi_settlement_declared_pages(const kalshi_settlement_t *r) {
  return r == nullptr ? 0 : r->report.declared_pages;
}
KALSHI_API size_t kalshi_settlement_party_count(const kalshi_settlement_t *r) {
  return r == nullptr ? 0 : r->report.parties.size();
}

KALSHI_API kalshi_err_t kalshi_settlement_party(const kalshi_settlement_t *r, size_t index,
                                                const char **party_id, kalshi_count_t *long_qty,
                                                kalshi_count_t *short_qty, int64_t *payout,
                                                int64_t *fee) {
  if (r == nullptr) return KALSHI_ERR_INVALID_ARG;
  if (index >= r->report.parties.size()) return KALSHI_ERR_NOT_FOUND;
  const st::Party &p = r->report.parties[index];
  if (party_id != nullptr) *party_id = p.id.c_str();
  if (long_qty != nullptr) *long_qty = p.long_qty;
  if (short_qty != nullptr) *short_qty = p.short_qty;
  if (payout != nullptr) *payout = p.payout;
  if (fee != nullptr) *fee = p.fee;
  return KALSHI_OK;
}

}  // extern "C"
