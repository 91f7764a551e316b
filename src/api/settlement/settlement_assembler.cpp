#include "api/settlement/settlement_assembler.h"

#include <algorithm>
#include <utility>

namespace kalshi::settlement {

std::unique_ptr<Report> Assembler::add(Page page) {
  auto it = pending_.find(page.symbol);
  if (it == pending_.end()) {
    Report fresh;
    fresh.symbol = page.symbol;
    it = pending_.emplace(page.symbol, std::move(fresh)).first;
  }
  Report &r = it->second;
  const bool seen =
      std::find(r.page_ids.begin(), r.page_ids.end(), page.report_id) != r.page_ids.end();
  if (seen) return nullptr;
  // The market-level fields are the same on every page; the latest page wins if they differ.
  r.result = std::move(page.result);
  r.business_date = page.business_date;
  r.price = page.price;
  if (page.declared_pages != 0) r.declared_pages = page.declared_pages;
  r.page_ids.push_back(std::move(page.report_id));
  for (auto &p : page.parties) r.parties.push_back(std::move(p));
  if (page.last_fragment == 0) return nullptr;
  // Without LastFragment a page is a standalone report, unless TotNumMarketSettlementReports
  // says more pages are due.
  if (page.last_fragment < 0 && r.declared_pages > r.page_ids.size()) return nullptr;
  auto done = std::make_unique<Report>(std::move(r));
  pending_.erase(it);
  return done;
}

}  // namespace kalshi::settlement
