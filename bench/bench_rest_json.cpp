// REST JSON decoding costs: our typed decoder (src/json) against plain simdjson On-Demand with
// naive field extraction, in the same run, on the same bytes:
//   page_1000   a GetMarkets page of 1,000 markets (realistic fields, ~600 bytes each)
//   orderbook   a GetMarketOrderbook orderbook_fp with 100 levels a side
// The naive peer iterates the same objects, copies strings into std::string members and parses
// decimals with core/decimal.h's parse_fixed from get_string() (so both sides are exact; the
// difference is the table-driven key lookup, views instead of copies, and no allocation).
// Each case reports heap allocations per decode (a counting global operator new).
//
// Instruction counts: with KALSHI_BENCH_CASE=<case> and KALSHI_BENCH_ITERS=<n> the binary runs n
// decodes of one case without Google Benchmark and exits, for valgrind --tool=callgrind
// (scripts/bench-rest-json.sh runs two n and divides the difference, so set-up cancels out).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "alloc_counter.h"
#include "core/decimal.h"
#include "json/decode.h"

namespace {

namespace od = simdjson::ondemand;
using namespace kalshi::json;

// ---- inputs ---------------------------------------------------------------------------------

std::string padded(std::string s) {
  s.reserve(s.size() + kJsonPadding);
  return s;
}

const std::string &page_json() {
  static const std::string page = [] {
    std::string s = R"({"markets":[)";
    char item[2048];
    for (int i = 0; i < 1000; ++i) {
      std::snprintf(
          item, sizeof item,
          R"(%s{"ticker":"KXHIGHNY-26NOV21-B%d.5","event_ticker":"KXHIGHNY-26NOV21","market_type":"binary",)"
          R"("title":"Will the high temp in NYC be %d-%d on Nov 21, 2026?","yes_sub_title":"%d to %d",)"
          R"("no_sub_title":"%d to %d","created_time":"2026-11-19T15:00:00Z","updated_time":"2026-11-21T12:00:00Z",)"
          R"("open_time":"2026-11-20T15:00:00Z","close_time":"2026-11-22T04:59:00Z",)"
          R"("latest_expiration_time":"2026-11-29T15:00:00Z","settlement_timer_seconds":1800,"status":"active",)"
          R"("yes_bid_dollars":"0.%04d","yes_bid_size_fp":"%d.00","yes_ask_dollars":"0.%04d","yes_ask_size_fp":"300.50",)"
          R"("no_bid_dollars":"0.4200","no_ask_dollars":"0.4400","last_price_dollars":"0.5700","volume_fp":"98765.00",)"
          R"("volume_24h_fp":"4321.00","result":"","can_close_early":true,"open_interest_fp":"15000.00",)"
          R"("notional_value_dollars":"1.0000","previous_yes_bid_dollars":"0.5500","previous_yes_ask_dollars":"0.5900",)"
          R"("previous_price_dollars":"0.5650","settlement_bounds_type":"inclusive","expiration_value":"",)"
          R"("strike_type":"between","floor_strike":%d,"cap_strike":%d,"rules_primary":"If the highest temperature is between %d and %d, Yes.",)"
          R"("rules_secondary":"","price_level_structure":"linear_cent","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0100"}],"is_provisional":false})",
          i == 0 ? "" : ",", i, i, i + 1, i, i + 1, i, i + 1, (i * 7) % 10000, i,
          (i * 7 + 100) % 10000, i, i + 1, i, i + 1);
      s += item;
    }
    s += R"(],"cursor":"CgwI8JmN0AYQsOTBrQI"})";
    return padded(s);
  }();
  return page;
}

const std::string &book_json() {
  static const std::string book = [] {
    std::string s = R"({"orderbook_fp":{"yes_dollars":[)";
    char lv[64];
    for (int i = 1; i <= 100; ++i) {
      std::snprintf(lv, sizeof lv, R"(%s["0.%04d","%d.00"])", i == 1 ? "" : ",", i * 99 % 10000,
                    i * 13);
      s += lv;
    }
    s += R"(],"no_dollars":[)";
    for (int i = 1; i <= 100; ++i) {
      std::snprintf(lv, sizeof lv, R"(%s["0.%04d","%d.50"])", i == 1 ? "" : ",", i * 97 % 10000,
                    i * 7);
      s += lv;
    }
    s += "]}}";
    return padded(s);
  }();
  return book;
}

std::string_view view(const std::string &s) {
  return std::string_view(s.data(), s.size());
}

// ---- ours -----------------------------------------------------------------------------------

struct OursPage {
  JsonDecoder decoder;
  std::vector<Market> markets;
  std::string_view cursor;
  bool run() {
    return decoder.decode_page(view(page_json()), "markets", &markets, &cursor).ok() &&
           markets.size() == 1000;
  }
};

struct OursBook {
  JsonDecoder decoder;
  OrderBook book;
  bool run() {
    return decoder.decode_orderbook(view(book_json()), &book).ok() && book.yes.size() == 100;
  }
};

// ---- naive simdjson On-Demand ---------------------------------------------------------------

struct NaiveMarket {
  std::string ticker, event_ticker, market_type, title, status, open_time, close_time, result;
  int64_t yes_bid = 0, yes_ask = 0, no_bid = 0, no_ask = 0, last_price = 0;
  int64_t yes_bid_size = 0, yes_ask_size = 0, volume = 0, open_interest = 0;
  bool can_close_early = false;
};

bool naive_decimal(od::value v, int scale, int64_t *out) {
  std::string_view s;
  if (v.get_string().get(s)) return false;
  return kalshi::parse_fixed(s, scale, out) == KALSHI_OK;
}

bool naive_string(od::value v, std::string *out) {
  std::string_view s;
  if (v.get_string().get(s)) return false;
  out->assign(s);
  return true;
}

struct NaivePage {
  od::parser parser;
  std::vector<NaiveMarket> markets;
  std::string cursor;
  bool run() {
    markets.clear();
    const std::string &j = page_json();
    od::document doc;
    if (parser.iterate(j.data(), j.size(), j.capacity()).get(doc)) return false;
    od::object root;
    if (doc.get_object().get(root)) return false;
    for (auto f : root) {
      std::string_view key;
      if (f.unescaped_key().get(key)) return false;
      if (key == "cursor") {
        if (!naive_string(f.value(), &cursor)) return false;
      } else if (key == "markets") {
        od::array arr;
        if (f.value().get_array().get(arr)) return false;
        for (auto el : arr) {
          od::object o;
          if (el.get_object().get(o)) return false;
          NaiveMarket &m = markets.emplace_back();
          bool ok = true;
          for (auto mf : o) {
            std::string_view k;
            if (mf.unescaped_key().get(k)) return false;
            od::value v = mf.value();
            if (k == "ticker")
              ok = naive_string(v, &m.ticker);
            else if (k == "event_ticker")
              ok = naive_string(v, &m.event_ticker);
            else if (k == "market_type")
              ok = naive_string(v, &m.market_type);
            else if (k == "title")
              ok = naive_string(v, &m.title);
            else if (k == "status")
              ok = naive_string(v, &m.status);
            else if (k == "open_time")
              ok = naive_string(v, &m.open_time);
            else if (k == "close_time")
              ok = naive_string(v, &m.close_time);
            else if (k == "result")
              ok = naive_string(v, &m.result);
            else if (k == "yes_bid_dollars")
              ok = naive_decimal(v, 6, &m.yes_bid);
            else if (k == "yes_ask_dollars")
              ok = naive_decimal(v, 6, &m.yes_ask);
            else if (k == "no_bid_dollars")
              ok = naive_decimal(v, 6, &m.no_bid);
            else if (k == "no_ask_dollars")
              ok = naive_decimal(v, 6, &m.no_ask);
            else if (k == "last_price_dollars")
              ok = naive_decimal(v, 6, &m.last_price);
            else if (k == "yes_bid_size_fp")
              ok = naive_decimal(v, 2, &m.yes_bid_size);
            else if (k == "yes_ask_size_fp")
              ok = naive_decimal(v, 2, &m.yes_ask_size);
            else if (k == "volume_fp")
              ok = naive_decimal(v, 2, &m.volume);
            else if (k == "open_interest_fp")
              ok = naive_decimal(v, 2, &m.open_interest);
            else if (k == "can_close_early")
              ok = !v.get_bool().get(m.can_close_early);
            if (!ok) return false;
          }
        }
      }
    }
    return markets.size() == 1000;
  }
};

struct NaiveBook {
  od::parser parser;
  std::vector<BookLevel> yes, no;
  bool run() {
    yes.clear();
    no.clear();
    const std::string &j = book_json();
    od::document doc;
    if (parser.iterate(j.data(), j.size(), j.capacity()).get(doc)) return false;
    od::object book;
    if (doc["orderbook_fp"].get_object().get(book)) return false;
    for (auto f : book) {
      std::string_view key;
      if (f.unescaped_key().get(key)) return false;
      std::vector<BookLevel> *side = key == "yes_dollars"  ? &yes
                                     : key == "no_dollars" ? &no
                                                           : nullptr;
      if (side == nullptr) continue;
      od::array arr;
      if (f.value().get_array().get(arr)) return false;
      for (auto lv : arr) {
        od::array pair;
        if (lv.get_array().get(pair)) return false;
        BookLevel level;
        int n = 0;
        for (auto part : pair) {
          od::value v;
          if (part.get(v)) return false;
          if (!naive_decimal(v, n == 0 ? 6 : 2, n == 0 ? &level.price : &level.count)) return false;
          ++n;
        }
        side->push_back(level);
      }
    }
    return yes.size() == 100;
  }
};

template <class Case>
void bench_case(benchmark::State &state) {
  Case c;
  if (!c.run()) {
    state.SkipWithError("decode failed");
    return;
  }
  const uint64_t before = kalshi::bench::allocations();
  for (auto _ : state) {
    bool ok = c.run();
    benchmark::DoNotOptimize(ok);
  }
  state.counters["allocs_per_decode"] =
      benchmark::Counter(static_cast<double>(kalshi::bench::allocations() - before) /
                         static_cast<double>(state.iterations()));
}

BENCHMARK_TEMPLATE(bench_case, OursPage)->Name("page_1000/ours");
BENCHMARK_TEMPLATE(bench_case, NaivePage)->Name("page_1000/naive");
BENCHMARK_TEMPLATE(bench_case, OursBook)->Name("orderbook/ours");
BENCHMARK_TEMPLATE(bench_case, NaiveBook)->Name("orderbook/naive");

template <class Case>
int run_n(long n) {
  Case c;
  for (long i = 0; i < n; ++i) {
    if (!c.run()) return 1;
  }
  return 0;
}

int run_named(std::string_view name, long n) {
  if (name == "page_1000/ours") return run_n<OursPage>(n);
  if (name == "page_1000/naive") return run_n<NaivePage>(n);
  if (name == "orderbook/ours") return run_n<OursBook>(n);
  if (name == "orderbook/naive") return run_n<NaiveBook>(n);
  std::fprintf(stderr, "unknown KALSHI_BENCH_CASE %.*s\n", static_cast<int>(name.size()),
               name.data());
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  if (const char *name = std::getenv("KALSHI_BENCH_CASE")) {
    const char *iters = std::getenv("KALSHI_BENCH_ITERS");
    return run_named(name, iters != nullptr ? std::atol(iters) : 100);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
