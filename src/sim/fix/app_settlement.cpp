// Settlement reports (kalshi-fix.md §8): when a binary market settles, every member with a
// position gets its MarketSettlementReport pages (build_settlement_reports) as 35=UMS on each of
// its prediction KalshiPT sessions (unless 20127=N) and KalshiRT/KalshiNR sessions with 20127=Y.
#include <set>

#include "api/fix/dictionary.h"
#include "sim/exchange/settlement_report.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

namespace {

bool receives_settlements(const FixPeer &p) {
  if (p.product() != fix::Product::Prediction) return false;
  switch (p.kind()) {
    case fix::SessionKind::PT:
    case fix::SessionKind::RT:
    case fix::SessionKind::NR:
      // The acceptor parses 20127 with PT's default (Y) already applied.
      return p.flags().receive_settlement;
    default:
      return false;
  }
}

int32_t parse_date(const std::string &yyyymmdd) {
  int32_t v = 0;
  for (char c : yyyymmdd) {
    if (c < '0' || c > '9') return 19700101;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

void FixApp::Impl::on_settlement(const Settlement &s) {
  std::set<uint32_t> members;
  for (const SettlementEntry &e : s.entries) members.insert(e.account.member);
  for (uint32_t member : members) {
    const std::vector<SettlementReportPage> pages = build_settlement_reports(s, member);
    auto recipient = [&](const PeerState &st) {
      return st.peer->member() == member && receives_settlements(*st.peer);
    };
    for_each_peer(recipient, [&](PeerState &st) {
      FixPeer &p = *st.peer;
      for (const SettlementReportPage &page : pages) {
        Reply r = reply("UMS", p);
        r.str(fix::tag::MarketSettlementReportID, page.report_id);
        r.str(fix::tag::Symbol, page.ticker);
        r.date(fix::tag::ClearingBusinessDate, parse_date(page.clearing_business_date));
        r.num(fix::tag::TotNumMarketSettlementReports, page.total_pages);
        r.str(fix::tag::MarketResult, page.market_result);
        // 730 carries at most 2 decimals of a cent: truncate below that, as the page text does.
        r.price(fix::tag::SettlementPrice, page.settlement_value / 100 * 100);
        r.group(fix::tag::NoMarketSettlementPartyIDs);
        for (const SettlementReportEntry &e : page.entries) {
          r.entry().str(fix::tag::MarketSettlementPartyID, e.party_id);
          r.num(fix::tag::MarketSettlementPartyRole, kPartyRoleCustomerAccount);
          r.qty(fix::tag::LongQty, e.yes_contracts).qty(fix::tag::ShortQty, e.no_contracts);
          r.group(fix::tag::NoCollateralAmountChanges).entry();
          r.amount(fix::tag::CollateralAmountChange, e.payout);
          r.str(fix::tag::CollateralAmountType, kCollateralTypePayout).end_group();
          r.group(fix::tag::NoMiscFees).entry();
          r.amount(fix::tag::MiscFeeAmt, e.fee).str(fix::tag::MiscFeeCurr, kFeeCurrency);
          r.str(fix::tag::MiscFeeType, std::to_string(kFeeTypeExchange));
          r.num(fix::tag::MiscFeeBasis, kFeeBasisAbsolute).end_group();
        }
        r.end_group();
        r.flag(fix::tag::LastFragment, page.last_fragment);
        if (!r.send(p)) break;  // the session is gone or the page cannot be built
      }
    });
  }
}

}  // namespace kalshi::sim
