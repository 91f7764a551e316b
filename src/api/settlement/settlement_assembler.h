// Joins the pages of a MarketSettlementReport (35=UMS, kalshi-fix.md §8.3) into one report.
// Pages of one market share Symbol(55); every page has its own MarketSettlementReportID(20105);
// LastFragment(893)=N on all pages but the last; a standalone report may omit 893.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kalshi::settlement {

struct Party {
  std::string id;         // 20109
  int64_t long_qty = 0;   // 704, count x 100
  int64_t short_qty = 0;  // 705
  int64_t payout = 0;     // PAYOUT 1704 entries, dollars x 10^6, after the fee
  int64_t fee = 0;        // 137 entries, dollars x 10^6
};

struct Report {
  std::string symbol;
  std::string result;         // 20107
  int32_t business_date = 0;  // 715 as yyyymmdd
  int64_t price = 0;          // 730 as a price (dollars x 10^6)
  size_t declared_pages = 0;  // 20106, 0 when absent
  std::vector<std::string> page_ids;
  std::vector<Party> parties;
};

// One decoded page.
struct Page {
  std::string report_id;
  std::string symbol;
  std::string result;
  int32_t business_date = 0;
  int64_t price = 0;
  size_t declared_pages = 0;
  int last_fragment = -1;  // -1 absent, 0 N, 1 Y
  std::vector<Party> parties;
};

class Assembler {
 public:
  // Returns the finished report when this page completes one, else null. A page whose
  // report_id was already seen for the symbol (a PossDup resend) is ignored.
  std::unique_ptr<Report> add(Page page);
  size_t pending() const { return pending_.size(); }

 private:
  std::map<std::string, Report> pending_;  // by symbol
};

}  // namespace kalshi::settlement
