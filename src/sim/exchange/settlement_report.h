// MarketSettlementReport pages (kalshi-fix.md §8) for one member, built from one Settlement.
//
// Protocol-neutral: this turns a settled market into the pages a member receives; the FIX
// application encodes each page as one 35=UMS message (REST/WS may reuse the same pages). Field
// map for the encoder, per page:
//   20105 MarketSettlementReportID  page.report_id (unique per page:
//   "<settlement_id>-<member>-<n>") 55    Symbol                    page.ticker 715
//   ClearingBusinessDate      page.clearing_business_date ("YYYYMMDD", UTC date of settlement)
//   20106 TotNumMarketSettlementReports  page.total_pages
//   20107 MarketResult              page.market_result ("yes" / "no" / "scalar")
//   893   LastFragment              page.last_fragment (Y on the last page)
//   730   SettlementPrice           page.settlement_price_text (YES price in cents, 2 decimals)
//   20108 NoMarketSettlementPartyIDs  page.entries.size(), then per entry:
//     20109 MarketSettlementPartyID   entry.party_id
//     20110 MarketSettlementPartyRole kPartyRoleCustomerAccount (24)
//     704 LongQty / 705 ShortQty      entry.yes_contracts / entry.no_contracts (contracts x 100)
//     1703=1, 1704 CollateralAmountChange  entry.payout (dollars x 10^6, fee already deducted)
//             1705 CollateralAmountType    kCollateralTypePayout ("PAYOUT")
//     136=1,  137 MiscFeeAmt entry.fee (dollars x 10^6), 138 kFeeCurrency, 139 kFeeTypeExchange,
//             891 kFeeBasisAbsolute
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/exchange/exchange.h"

namespace kalshi::sim {

inline constexpr int kPartyRoleCustomerAccount = 24;
inline constexpr const char *kCollateralTypePayout = "PAYOUT";
inline constexpr const char *kFeeCurrency = "USD";
inline constexpr int kFeeTypeExchange = 4;
inline constexpr int kFeeBasisAbsolute = 0;

struct SettlementReportEntry {
  AccountKey account;
  std::string party_id;   // 20109
  Qty yes_contracts = 0;  // 704
  Qty no_contracts = 0;   // 705
  Money payout = 0;       // 1704: after the settlement fee
  Money fee = 0;          // 137
};

struct SettlementReportPage {
  std::string report_id;
  std::string settlement_id;
  std::string ticker;
  std::string clearing_business_date;
  std::string market_result;
  Price settlement_value = 0;         // the exact YES value (dollars x 10^6)
  std::string settlement_price_text;  // 730, e.g. "100.00", "30.60"
  uint32_t page_number = 1;           // 1-based
  uint32_t total_pages = 1;
  bool last_fragment = true;
  std::vector<SettlementReportEntry> entries;
};

struct SettlementReportOptions {
  // Party entries per page. The spec states no size; 100 keeps a page far below any sane
  // message-size limit. 0 is treated as 1.
  size_t page_size = 100;
  // A member with no entry in the settlement gets no report unless this is set; then it gets one
  // page with zero party entries.
  bool report_when_empty = false;
  // 20109 text for an account; default: the member number, "_<subaccount>" appended when not 0.
  std::function<std::string(AccountKey)> party_id;
};

// The pages for `member` (every subaccount of it), in the settlement's entry order.
std::vector<SettlementReportPage> build_settlement_reports(
    const Settlement &settlement, uint32_t member, const SettlementReportOptions &options = {});

// "yes" for kDollar, "no" for 0, else "scalar".
const char *settlement_market_result(Price yes_value);
// The YES value in cents with exactly 2 decimals, truncated toward zero below 1/100 cent:
// 1000000 -> "100.00", 306000 -> "30.60", 123456 -> "12.34".
std::string settlement_price_cents_text(Price yes_value);
// Unix ms -> "YYYYMMDD" (UTC).
std::string clearing_business_date(int64_t time_ms);
std::string default_settlement_party_id(AccountKey account);

}  // namespace kalshi::sim
