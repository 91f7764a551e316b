// MarketSettlementReport pages; see settlement_report.h for the field map.
#include "sim/exchange/settlement_report.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace kalshi::sim {

const char *settlement_market_result(Price yes_value) {
  if (yes_value == kDollar) return "yes";
  if (yes_value == 0) return "no";
  return "scalar";
}

std::string settlement_price_cents_text(Price yes_value) {
  // dollars x 10^6 -> cents x 100 (1 unit = $0.0001); finer digits are not representable in 730.
  const int64_t hundredths_of_cent = yes_value / 100;
  const bool negative = hundredths_of_cent < 0;
  const int64_t magnitude = negative ? -hundredths_of_cent : hundredths_of_cent;
  char text[32];
  std::snprintf(text, sizeof text, "%s%lld.%02lld", negative ? "-" : "",
                static_cast<long long>(magnitude / 100), static_cast<long long>(magnitude % 100));
  return text;
}

std::string clearing_business_date(int64_t time_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(time_ms)));
  const year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::string default_settlement_party_id(AccountKey account) {
  std::string id = std::to_string(account.member);
  if (account.subaccount != 0) id += "_" + std::to_string(account.subaccount);
  return id;
}

std::vector<SettlementReportPage> build_settlement_reports(const Settlement &settlement,
                                                           uint32_t member,
                                                           const SettlementReportOptions &options) {
  std::vector<SettlementReportEntry> entries;
  for (const SettlementEntry &e : settlement.entries) {
    if (e.account.member != member) continue;
    SettlementReportEntry out;
    out.account = e.account;
    out.party_id =
        options.party_id ? options.party_id(e.account) : default_settlement_party_id(e.account);
    out.yes_contracts = e.yes_contracts;
    out.no_contracts = e.no_contracts;
    out.payout = e.payout;
    out.fee = e.fees;
    entries.push_back(std::move(out));
  }
  if (entries.empty() && !options.report_when_empty) return {};

  const size_t page_size = std::max<size_t>(options.page_size, 1);
  const size_t total = entries.empty() ? 1 : (entries.size() + page_size - 1) / page_size;
  std::vector<SettlementReportPage> pages(total);
  for (size_t i = 0; i < total; ++i) {
    SettlementReportPage &page = pages[i];
    page.page_number = static_cast<uint32_t>(i + 1);
    page.total_pages = static_cast<uint32_t>(total);
    page.last_fragment = i + 1 == total;
    page.report_id = settlement.settlement_id + "-" + std::to_string(member) + "-" +
                     std::to_string(page.page_number);
    page.settlement_id = settlement.settlement_id;
    page.ticker = settlement.ticker;
    page.clearing_business_date = clearing_business_date(settlement.time_ms);
    page.market_result = settlement_market_result(settlement.value);
    page.settlement_value = settlement.value;
    page.settlement_price_text = settlement_price_cents_text(settlement.value);
    const size_t begin = i * page_size;
    const size_t end = std::min(entries.size(), begin + page_size);
    for (size_t k = begin; k < end; ++k) page.entries.push_back(std::move(entries[k]));
  }
  return pages;
}

}  // namespace kalshi::sim
