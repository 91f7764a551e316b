// MarketSettlementReport pagination (kalshi-fix.md §8.3) and the body values (§8.1, §8.2): page
// counts at the edges (0, 1, page size, page size + 1 entries), LastFragment, unique report ids,
// per-member filtering and the cents text of SettlementPrice.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <set>
#include <string>

#include "sim/exchange/exchange.h"
#include "sim/exchange/settlement_report.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::sim;

namespace {

constexpr uint32_t kMember = 7;
constexpr int64_t kSettleMs = 1703980800000;  // 2023-12-31T00:00:00Z

// `count` entries for kMember (subaccounts 0..count-1, wrapping at 64 is fine for the test: the
// builder does not merge), interleaved with one entry of another member.
Settlement make_settlement(size_t count, Price value = kDollar) {
  Settlement s;
  s.ticker = "HIGHNY-23DEC31";
  s.settlement_id = "settle-123";
  s.value = value;
  s.time_ms = kSettleMs;
  for (size_t i = 0; i < count; ++i) {
    SettlementEntry e;
    e.account = {kMember, static_cast<uint8_t>(i % 64)};
    e.yes_contracts = static_cast<Qty>(i + 1) * kContract;
    e.payout = static_cast<Money>(i + 1) * kDollar;
    e.fees = static_cast<Money>(i);
    s.entries.push_back(e);
    s.entries.push_back(SettlementEntry{{kMember + 1, 0}, kContract, 0, kDollar, 0});
  }
  return s;
}

// Every page is well formed, entries come back in order, and the totals add up.
void check_pages(const std::vector<SettlementReportPage> &pages, size_t entries, size_t page_size) {
  const size_t expected_pages = (entries + page_size - 1) / page_size;
  assert_int_equal(pages.size(), expected_pages);
  std::set<std::string> ids;
  size_t seen = 0;
  Money payout = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    const SettlementReportPage &p = pages[i];
    assert_int_equal(p.page_number, i + 1);
    assert_int_equal(p.total_pages, expected_pages);
    assert_true(p.last_fragment == (i + 1 == pages.size()));
    assert_true(ids.insert(p.report_id).second);
    assert_string_equal(p.ticker.c_str(), "HIGHNY-23DEC31");
    assert_string_equal(p.settlement_id.c_str(), "settle-123");
    assert_true(!p.entries.empty());
    assert_true(p.entries.size() <= page_size);
    for (const SettlementReportEntry &e : p.entries) {
      assert_int_equal(e.account.member, kMember);
      assert_int_equal(e.yes_contracts, static_cast<Qty>(seen + 1) * kContract);
      assert_int_equal(e.fee, static_cast<Money>(seen));
      payout += e.payout;
      ++seen;
    }
  }
  assert_int_equal(seen, entries);
  assert_int_equal(payout, static_cast<Money>(entries * (entries + 1) / 2) * kDollar);
}

void test_no_entries_no_report(void **) {
  assert_true(build_settlement_reports(make_settlement(0), kMember).empty());
  // Entries of other members only: still nothing for kMember.
  Settlement s = make_settlement(0);
  s.entries.push_back(SettlementEntry{{kMember + 1, 0}, kContract, 0, kDollar, 0});
  assert_true(build_settlement_reports(s, kMember).empty());
}

void test_no_entries_empty_page_when_asked(void **) {
  SettlementReportOptions o;
  o.report_when_empty = true;
  const auto pages = build_settlement_reports(make_settlement(0), kMember, o);
  assert_int_equal(pages.size(), 1);
  assert_int_equal(pages[0].total_pages, 1);
  assert_true(pages[0].last_fragment);
  assert_true(pages[0].entries.empty());
}

void test_one_entry(void **) {
  const auto pages = build_settlement_reports(make_settlement(1), kMember);
  check_pages(pages, 1, 100);
  const SettlementReportPage &p = pages[0];
  assert_string_equal(p.report_id.c_str(), "settle-123-7-1");
  assert_string_equal(p.clearing_business_date.c_str(), "20231231");
  assert_string_equal(p.market_result.c_str(), "yes");
  assert_string_equal(p.settlement_price_text.c_str(), "100.00");
  assert_string_equal(p.entries[0].party_id.c_str(), "7");
}

void test_exactly_page_size(void **) {
  SettlementReportOptions o;
  o.page_size = 5;
  check_pages(build_settlement_reports(make_settlement(5), kMember, o), 5, 5);
}

void test_page_size_plus_one(void **) {
  SettlementReportOptions o;
  o.page_size = 5;
  const auto pages = build_settlement_reports(make_settlement(6), kMember, o);
  check_pages(pages, 6, 5);
  assert_int_equal(pages[0].entries.size(), 5);
  assert_int_equal(pages[1].entries.size(), 1);
  assert_false(pages[0].last_fragment);
  assert_true(pages[1].last_fragment);
}

void test_default_page_size_is_100(void **) {
  check_pages(build_settlement_reports(make_settlement(100), kMember), 100, 100);
  check_pages(build_settlement_reports(make_settlement(201), kMember), 201, 100);
}

void test_page_size_zero_means_one(void **) {
  SettlementReportOptions o;
  o.page_size = 0;
  check_pages(build_settlement_reports(make_settlement(3), kMember, o), 3, 1);
}

void test_party_ids(void **) {
  assert_string_equal(default_settlement_party_id({12, 0}).c_str(), "12");
  assert_string_equal(default_settlement_party_id({12, 3}).c_str(), "12_3");
  SettlementReportOptions o;
  o.party_id = [](AccountKey a) { return "user-" + std::to_string(a.member); };
  const auto pages = build_settlement_reports(make_settlement(1), kMember, o);
  assert_string_equal(pages[0].entries[0].party_id.c_str(), "user-7");
}

void test_results_and_price_text(void **) {
  assert_string_equal(settlement_market_result(kDollar), "yes");
  assert_string_equal(settlement_market_result(0), "no");
  assert_string_equal(settlement_market_result(306000), "scalar");
  assert_string_equal(settlement_price_cents_text(kDollar).c_str(), "100.00");
  assert_string_equal(settlement_price_cents_text(0).c_str(), "0.00");
  assert_string_equal(settlement_price_cents_text(306000).c_str(), "30.60");
  assert_string_equal(settlement_price_cents_text(123456).c_str(), "12.34");
  assert_string_equal(settlement_price_cents_text(100).c_str(), "0.01");
  assert_string_equal(settlement_price_cents_text(99).c_str(), "0.00");
  const auto pages = build_settlement_reports(make_settlement(1, 0), kMember);
  assert_string_equal(pages[0].market_result.c_str(), "no");
  assert_string_equal(pages[0].settlement_price_text.c_str(), "0.00");
}

void test_business_dates(void **) {
  assert_string_equal(clearing_business_date(0).c_str(), "19700101");
  assert_string_equal(clearing_business_date(kSettleMs - 1).c_str(), "20231230");
  assert_string_equal(clearing_business_date(951782400000).c_str(), "20000229");
}

// The exchange's own Settlement, end to end: a traded market settles YES and each member's report
// carries its side and payout.
void test_from_exchange_settlement(void **) {
  Exchange ex(3);
  assert_true(ex.load_markets(R"({"markets": [{"ticker": "SET-1", "event_ticker": "SET",
      "series_ticker": "SETS", "title": "t", "kind": "binary", "status": "open",
      "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
      "taker_fee_rate": "0", "maker_fee_rate": "0"}]})")
                  .ok());
  const uint32_t yes_holder = ex.add_member("yes", 100 * kDollar);
  const uint32_t no_holder = ex.add_member("no", 100 * kDollar);
  const uint32_t bystander = ex.add_member("none", 100 * kDollar);
  assert_true(ex.execute_block_trade("SET-1", {yes_holder, 0}, {no_holder, 0}, 30 * kDollar / 100,
                                     10 * kContract, 0, 0, kSettleMs)
                  .ok);
  struct Catch : ExchangeObserver {
    Settlement last;
    int count = 0;
    void on_settlement(const Settlement &s) override {
      last = s;
      ++count;
    }
  } seen;
  ex.add_observer(&seen);
  assert_true(ex.settle("SET-1", kDollar, kSettleMs + 1000).ok);
  assert_int_equal(seen.count, 1);

  const auto yes_pages = build_settlement_reports(seen.last, yes_holder);
  assert_int_equal(yes_pages.size(), 1);
  assert_string_equal(yes_pages[0].ticker.c_str(), "SET-1");
  assert_string_equal(yes_pages[0].market_result.c_str(), "yes");
  assert_int_equal(yes_pages[0].entries.size(), 1);
  assert_int_equal(yes_pages[0].entries[0].yes_contracts, 10 * kContract);
  assert_int_equal(yes_pages[0].entries[0].no_contracts, 0);
  assert_int_equal(yes_pages[0].entries[0].payout, 10 * kDollar);

  const auto no_pages = build_settlement_reports(seen.last, no_holder);
  assert_int_equal(no_pages.size(), 1);
  assert_int_equal(no_pages[0].entries[0].no_contracts, 10 * kContract);
  assert_int_equal(no_pages[0].entries[0].payout, 0);
  assert_string_not_equal(no_pages[0].report_id.c_str(), yes_pages[0].report_id.c_str());

  assert_true(build_settlement_reports(seen.last, bystander).empty());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_entries_no_report),
      cmocka_unit_test(test_no_entries_empty_page_when_asked),
      cmocka_unit_test(test_one_entry),
      cmocka_unit_test(test_exactly_page_size),
      cmocka_unit_test(test_page_size_plus_one),
      cmocka_unit_test(test_default_page_size_is_100),
      cmocka_unit_test(test_page_size_zero_means_one),
      cmocka_unit_test(test_party_ids),
      cmocka_unit_test(test_results_and_price_text),
      cmocka_unit_test(test_business_dates),
      cmocka_unit_test(test_from_exchange_settlement),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
