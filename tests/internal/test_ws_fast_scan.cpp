// The fast orderbook_delta / orderbook_snapshot scanner (src/api/ws/fast_books.h) against the
// simdjson path it shortcuts: every tests/data/ws sample and generated variants (field orders,
// whitespace, escapes, missing and duplicate fields, odd numbers and decimals, truncations and
// byte mutations) decode to the same Decoded, field by field, or the same error, with the fast
// path on and off. The scanner must also actually answer for the common shapes, else the
// equivalence would hold trivially.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "api/ws/channels.h"
#include "api/ws/fast_books.h"
#include "api/ws/fast_books_compare.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;
using kalshi::wsapi::detail::BothWays;
using kalshi::wsapi::detail::FastBooks;

namespace {

std::string data_dir() {
  const char *src = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(src ? src : ".") + "/tests/data/ws";
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sample(const char *name) {
  std::string s = read_file(data_dir() + "/" + name);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  if (s.empty()) fail_msg("missing sample %s", name);
  return s;
}

// Both products, both ways; fails the test with the message and the first differing field.
void check_same(const std::string &json) {
  for (const Product product : {Product::Prediction, Product::Perps}) {
    Decoder with_fast(product);
    Decoder simdjson_only(product);
    BothWays both;
    both.run(with_fast, simdjson_only, json);
    if (both.difference != nullptr)
      fail_msg("fast and simdjson paths differ in %s (product %d) for: %s [fast: %s / slow: %s]",
               both.difference, static_cast<int>(product), json.c_str(),
               both.fast_err.message.c_str(), both.slow_err.message.c_str());
  }
}

// True when the scanner itself answers (rather than declining to the simdjson path).
bool fast_answers(const std::string &json, Product product) {
  std::string padded = json;
  padded.append(Decoder::kPadding, '\0');
  FastBooks fast;
  Decoded d;
  return fast.decode(std::string_view(padded.data(), json.size()), product, &d);
}

// A message built from member lists so tests can reorder, drop and respace members.
using Members = std::vector<std::pair<std::string, std::string>>;  // key (raw), value (raw JSON)

std::string object(const Members &m, const std::string &sep = "") {
  std::string s = "{" + sep;
  for (size_t i = 0; i < m.size(); ++i) {
    if (i) s += "," + sep;
    s += "\"" + m[i].first + "\"" + sep + ":" + sep + m[i].second + sep;
  }
  return s + "}";
}

Members delta_members() {
  return {{"market_ticker", R"("FED-23DEC-T3.00")"},
          {"market_id", R"("9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1")"},
          {"price_dollars", R"("0.9600")"},
          {"delta_fp", R"("-54.00")"},
          {"side", R"("yes")"},
          {"ts", R"("2022-11-22T20:44:01Z")"},
          {"ts_ms", "1669149841000"}};
}

Members perps_delta_members() {
  return {{"market_ticker", R"("KXBTCPERP")"},
          {"price", R"("97001.00")"},
          {"delta", R"("-0.50")"},
          {"side", R"("ask")"},
          {"last_update_reason", R"("Trade")"},
          {"client_order_id", R"("c-1")"},
          {"subaccount", "3"},
          {"ts_ms", "1767225600123"}};
}

Members snapshot_members() {
  return {{"market_ticker", R"("FED-23DEC-T3.00")"},
          {"market_id", R"("9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1")"},
          {"yes_dollars_fp", R"([["0.0800","300.00"],["0.2200","333.00"]])"},
          {"no_dollars_fp", R"([["0.5400","20.00"],["0.5600","146.00"]])"}};
}

Members envelope(const std::string &type, const Members &msg) {
  return {{"type", "\"" + type + "\""}, {"sid", "2"}, {"seq", "3"}, {"msg", object(msg)}};
}

// Every sample message, both products: same answers; the book samples are the scanner's.
void test_every_sample_same_both_ways(void **) {
  size_t files = 0;
  for (const auto &entry : std::filesystem::directory_iterator(data_dir())) {
    const std::string json = read_file(entry.path().string());
    check_same(json);
    ++files;
  }
  assert_true(files > 40);
  const char *books[] = {"prediction__orderbookDelta__priceLevelUpdate.json",
                         "prediction__orderbookSnapshot__orderbookWithBothSides.json",
                         "perps__orderbookDelta__fromSchema.json",
                         "perps__orderbookSnapshot__fromSchema.json"};
  for (const char *name : books) {
    const std::string json = sample(name);
    const Product product =
        std::string_view(name).rfind("perps", 0) == 0 ? Product::Perps : Product::Prediction;
    if (!fast_answers(json, product)) fail_msg("the scanner declined %s", name);
  }
  // Other types are declined at once.
  assert_false(fast_answers(sample("prediction__ticker__tickerUpdate.json"), Product::Prediction));
  assert_false(
      fast_answers(sample("prediction__trade__tradeNotification.json"), Product::Prediction));
}

// Exact values through the fast path (not only agreement with the slow path).
void test_fast_values_exact(void **) {
  Decoder dec(Product::Perps);
  Decoded d;
  const std::string delta = object(envelope("orderbook_delta", perps_delta_members()));
  assert_true(fast_answers(delta, Product::Perps));
  assert_true(dec.decode_copy(delta, &d).ok());
  assert_int_equal(static_cast<int>(d.env.kind), static_cast<int>(MessageKind::OrderbookDelta));
  assert_true(d.env.sid == 2 && d.env.seq == 3 && d.env.id == kAbsent);
  assert_true(d.delta.market_ticker == "KXBTCPERP");
  assert_true(d.delta.price == 97'001'000'000);
  assert_true(d.delta.delta == -50);
  assert_true(d.delta.side == BookSide::Ask);
  assert_true(d.delta.last_update_reason == "Trade" && d.delta.client_order_id == "c-1");
  assert_true(d.delta.subaccount == 3 && d.delta.ts_ms == 1767225600123);

  const std::string snap = object(envelope("orderbook_snapshot", snapshot_members()));
  Decoder pred(Product::Prediction);
  assert_true(fast_answers(snap, Product::Prediction));
  assert_true(pred.decode_copy(snap, &d).ok());
  assert_int_equal(d.snapshot.yes.size(), 2);
  assert_int_equal(d.snapshot.no.size(), 2);
  assert_true(d.snapshot.yes[1].price == 220'000 && d.snapshot.yes[1].count == 33'300);
  assert_true(d.snapshot.no[0].price == 540'000 && d.snapshot.no[0].count == 2'000);
  assert_true(d.snapshot.bid.empty() && d.snapshot.ask.empty());
}

// Rotations and reversal of the members of msg and of the envelope; every member dropped in
// turn; JSON whitespace around every token.
void test_orders_whitespace_missing(void **) {
  size_t answered = 0;
  for (const Members &body : {delta_members(), perps_delta_members(), snapshot_members()}) {
    const std::string type = body.size() == 4 ? "orderbook_snapshot" : "orderbook_delta";
    for (size_t r = 0; r < body.size(); ++r) {
      Members m = body;
      std::rotate(m.begin(), m.begin() + static_cast<long>(r), m.end());
      Members env = envelope(type, m);
      check_same(object(env));
      answered += fast_answers(object(env), Product::Perps) ? 1 : 0;
      std::reverse(env.begin(), env.end());  // msg before type: the simdjson path's second pass
      check_same(object(env));
      std::reverse(m.begin(), m.end());
      check_same(object(envelope(type, m)));
    }
    for (size_t drop = 0; drop < body.size(); ++drop) {
      Members m = body;
      m.erase(m.begin() + static_cast<long>(drop));
      check_same(object(envelope(type, m)));
    }
    Members env = envelope(type, body);
    for (size_t drop = 0; drop < env.size(); ++drop) {
      Members e = env;
      e.erase(e.begin() + static_cast<long>(drop));
      check_same(object(e));
    }
    for (const char *sep : {" ", "\n", "\r\n\t ", "  \t"}) {
      Members e = envelope(type, body);
      e[3].second = object(body, sep);
      const std::string json = object(e, sep);
      check_same(json);
      check_same(std::string(sep) + json + sep);
      answered += fast_answers(json, Product::Perps) ? 1 : 0;
    }
  }
  assert_true(answered >= 20);  // the scanner handles reorderings and whitespace itself
}

// Values the scanner must decline or mirror exactly: escapes in keys and values, odd numbers,
// decimals out of the fast range, nested and literal values, duplicates, a third side, legacy
// levels, non-ASCII bytes, trailing bytes.
void test_edge_values(void **) {
  const std::vector<std::pair<std::string, std::string>> replace = {
      {"\"FED-23DEC-T3.00\"", R"("F\u0045D-23DEC")"},
      {"\"FED-23DEC-T3.00\"", R"("FED\"x")"},
      {"\"FED-23DEC-T3.00\"",
       "\"F\xc3\xa9"
       "D\""},
      {"\"FED-23DEC-T3.00\"",
       "\"F\xff"
       "D\""},
      {"\"FED-23DEC-T3.00\"",
       "\"F\x7f"
       "D\""},
      {"\"FED-23DEC-T3.00\"",
       "\"F\x01"
       "D\""},
      {"\"FED-23DEC-T3.00\"", "\"\""},
      {"\"FED-23DEC-T3.00\"", "null"},
      {"\"FED-23DEC-T3.00\"", "17"},
      {"\"market_ticker\"", R"("market\u005fticker")"},
      {"\"type\"", R"("t\u0079pe")"},
      {"\"orderbook_delta\"", R"("orderbook\u005fdelta")"},
      {"\"orderbook_delta\"", R"("ticker")"},
      {"\"orderbook_delta\"", R"("")"},
      {"\"sid\":2", "\"sid\":02"},
      {"\"sid\":2", "\"sid\":-0"},
      {"\"sid\":2", "\"sid\":0"},
      {"\"sid\":2", "\"sid\":-7"},
      {"\"sid\":2", "\"sid\":2.0"},
      {"\"sid\":2", "\"sid\":2e1"},
      {"\"sid\":2", "\"sid\":\"2\""},
      {"\"sid\":2", "\"sid\":null"},
      {"\"sid\":2", "\"sid\":999999999999999999"},
      {"\"sid\":2", "\"sid\":9223372036854775807"},
      {"\"sid\":2", "\"sid\":9223372036854775808"},
      {"\"sid\":2", "\"sid\":-9223372036854775808"},
      {"\"sid\":2", "\"sid\":2,\"id\":5"},
      {"\"sid\":2", "\"sid\":2,\"sid\":4"},
      {"\"sid\":2", "\"sid\":2,\"type\":\"ticker\""},
      {"\"sid\":2", "\"sid\":2,\"type\":\"orderbook_delta\""},
      {"\"sid\":2", "\"sid\":2,\"extra\":[1]"},
      {"\"sid\":2", "\"sid\":2,\"extra\":{}"},
      {"\"sid\":2", "\"sid\":2,\"extra\":true,\"x\":false,\"y\":null,\"z\":-1.5e-3"},
      {"\"sid\":2", "\"sid\":2,\"extra\":tru"},
      {"\"sid\":2", "\"sid\":2,\"extra\":1."},
      {"\"sid\":2", "\"sid\":2,\"extra\":01"},
      {"\"0.9600\"", "\"0.96\""},
      {"\"0.9600\"", "\"0.96000001\""},
      {"\"0.9600\"", "\"0.9600000\""},
      {"\"0.9600\"", "\"1e2\""},
      {"\"0.9600\"", "\"\""},
      {"\"0.9600\"", "\" 0.96\""},
      {"\"0.9600\"", "\"00.96\""},
      {"\"0.9600\"", "\"-0.00\""},
      {"\"0.9600\"", "\"+0.96\""},
      {"\"0.9600\"", "\".96\""},
      {"\"0.9600\"", "\"96.\""},
      {"\"0.9600\"", "\"123456789012.123456\""},
      {"\"0.9600\"", "\"12345678901234567890\""},
      {"\"0.9600\"", "96"},
      {"\"0.9600\"", "0.96"},
      {"\"-54.00\"", "\"-54.001\""},
      {"\"-54.00\"", "\"99999999999999999.99\""},
      {"\"-54.00\"", "-54"},
      {"\"yes\"", "\"YES\""},
      {"\"yes\"", "\"bid\""},
      {"\"yes\"", "\"no\""},
      {"\"ts_ms\":1669149841000", "\"ts_ms\":null"},
      {"\"ts_ms\":1669149841000", "\"ts_ms\":1669149841000,\"subaccount\":0"},
      {"\"ts_ms\":1669149841000", "\"ts_ms\":1669149841000,\"side\":\"no\""},
      {"\"ts_ms\":1669149841000", "\"ts_ms\":1669149841000,\"delta\":\"1.00\""},
      {"\"ts_ms\":1669149841000", "\"ts_ms\":1669149841000,\"ts\":{\"a\":1}"},
      {"\"ts_ms\":1669149841000", "\"ts_ms\":1669149841000,\"market_ticker\":\"B\""},
      {"\"ts\":\"2022-11-22T20:44:01Z\"", "\"ts\":1669149841"},
      {"\"ts\":\"2022-11-22T20:44:01Z\"", "\"ts\":[1,2]"},
  };
  const std::string delta = object(envelope("orderbook_delta", delta_members()));
  for (const auto &[from, to] : replace) {
    std::string json = delta;
    const size_t at = json.find(from);
    if (at == std::string::npos) fail_msg("no '%s' in the delta", from.c_str());
    json.replace(at, from.size(), to);
    check_same(json);
  }
  const std::string snapshot = object(envelope("orderbook_snapshot", snapshot_members()));
  const std::vector<std::pair<std::string, std::string>> snapshot_replace = {
      {"yes_dollars_fp", "bid"},
      {"no_dollars_fp", "ask"},
      {"no_dollars_fp", "yes_dollars_fp"},
      {"no_dollars_fp", "yes"},
      {"yes_dollars_fp", "no"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", "[]"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", "[ ]"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", "[[]]"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", R"([["0.5400"]])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", R"([["0.5400","20.00","1"]])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", R"([["0.5400","20.00"],])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", R"([[54,20]])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", R"([["0.54",20]])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", R"({"a":1})"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])", "null"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])",
       R"([["0.5400","20.00"]],"bid":[["0.1","1"]],"ask":[])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])",
       R"([["0.5400","20.00"]],"yes_dollars_fp":[["0.1","1"]])"},
      {R"([["0.5400","20.00"],["0.5600","146.00"]])",
       R"([["0.5400","20.00"]],"no_dollars_fp":[["0.3","2"]])"},
      {R"("market_ticker")", R"("market_ticker":"A","market_ticker")"},
      {R"("market_ticker":"FED-23DEC-T3.00",)", ""},
  };
  for (const auto &[from, to] : snapshot_replace) {
    std::string json = snapshot;
    const size_t at = json.find(from);
    if (at == std::string::npos) fail_msg("no '%s' in the snapshot", from.c_str());
    json.replace(at, from.size(), to);
    check_same(json);
  }
  for (const std::string &base : {delta, snapshot}) {
    for (const char *tail : {" ", "\n", "}", " x", "{}", ",", "\"", "[", "\x80"})
      check_same(base + tail);
    check_same("[" + base + "]");
    check_same(base.substr(0, base.size() - 1));
  }
  check_same("");
  check_same("{}");
  check_same("   ");
  check_same("{\"type\":\"orderbook_delta\"}");
  check_same("{\"type\":\"orderbook_delta\",\"msg\":{}}");
  check_same("{\"type\":\"orderbook_snapshot\",\"msg\":{}}");
  check_same("{\"type\":\"orderbook_snapshot\",\"msg\":[]}");
  check_same("{\"type\":\"orderbook_delta\",\"msg\":null}");
}

// Every prefix of both samples, and every byte replaced by a set of troublemakers.
void test_truncations_and_mutations(void **) {
  const std::string inputs[] = {
      sample("prediction__orderbookDelta__priceLevelUpdate.json"),
      sample("perps__orderbookDelta__fromSchema.json"),
      sample("prediction__orderbookSnapshot__orderbookWithBothSides.json"),
      sample("perps__orderbookSnapshot__fromSchema.json"),
  };
  const char swaps[] = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', '.', 'x', '\x80'};
  for (const std::string &json : inputs) {
    for (size_t n = 0; n < json.size(); ++n) check_same(json.substr(0, n));
    for (size_t i = 0; i < json.size(); ++i) {
      for (const char c : swaps) {
        if (json[i] == c) continue;
        std::string m = json;
        m[i] = c;
        check_same(m);
      }
    }
  }
}

// Decimals of every shape the SWAR reader splits on: 1 to 20 integer digits, no fraction or 1 to
// 12 fraction digits (zeros and non-zeros beyond the scale), signs; as delta price and count,
// and as snapshot levels. Both paths agree, and the fast path answers the short ones.
void test_decimal_shapes(void **) {
  const char digits[] = "31415926535897932384626433832795";
  size_t answered = 0;
  for (int int_digits = 1; int_digits <= 20; ++int_digits) {
    for (int frac_digits = 0; frac_digits <= 12; ++frac_digits) {
      for (const char *sign : {"", "-"}) {
        for (const bool zero_tail : {false, true}) {
          std::string text =
              sign + std::string(digits + frac_digits, static_cast<size_t>(int_digits));
          if (frac_digits > 0) {
            text += ".";
            for (int i = 0; i < frac_digits; ++i)
              text += (zero_tail && i >= 2) ? '0' : digits[(i * 7 + int_digits) % 30];
          }
          Members delta = delta_members();
          delta[2].second = "\"" + text + "\"";
          delta[3].second = "\"" + text + "\"";
          const std::string json = object(envelope("orderbook_delta", delta));
          check_same(json);
          answered += fast_answers(json, Product::Prediction) ? 1 : 0;
          Members snap = snapshot_members();
          snap[2].second = "[[\"" + text + "\",\"" + text + "\"],[\"0.5\",\"1\"]]";
          check_same(object(envelope("orderbook_snapshot", snap)));
        }
      }
    }
  }
  assert_true(answered >= 40);
}

// Snapshots of 0 to 100 levels a side, big then small then declined on one Decoder: the level
// storage grows, trims and keeps agreeing with the simdjson path.
void test_snapshot_sizes(void **) {
  Decoder dec(Product::Prediction);
  Decoder ref(Product::Prediction);
  for (const int levels : {100, 0, 1, 15, 16, 17, 33, 64, 65, 3, 100}) {
    for (const bool declined : {false, true}) {
      std::string side;
      for (int i = 0; i < levels; ++i) {
        if (i) side += ",";
        side += "[\"0." + std::to_string(1000 + i * 7) + "\",\"" + std::to_string(i + 1) + ".00\"]";
      }
      Members m = snapshot_members();
      m[2].second = "[" + side + "]";
      m[3].second = "[" + side + (declined && levels ? ",[1,2]" : "") + "]";
      const std::string json = object(envelope("orderbook_snapshot", m));
      BothWays both;
      both.run(dec, ref, json);
      if (both.difference != nullptr)
        fail_msg("differ in %s for %d levels (declined %d)", both.difference, levels, declined);
      if (!declined) {
        assert_true(both.fast_err.ok());
        assert_int_equal(both.fast.snapshot.yes.size(), levels);
        assert_int_equal(both.fast.snapshot.no.size(), levels);
      }
    }
  }
}

// One Decoder alternating fast and declined messages keeps giving the simdjson path's answers
// (the scanner leaves *out untouched when it declines).
void test_alternating_on_one_decoder(void **) {
  Decoder dec(Product::Prediction);
  Decoder ref(Product::Prediction);
  const std::string msgs[] = {
      sample("prediction__orderbookSnapshot__orderbookWithBothSides.json"),
      sample("prediction__ticker__tickerUpdate.json"),
      sample("prediction__orderbookDelta__priceLevelUpdate.json"),
      R"({"type":"orderbook_delta","sid":2,"seq":4,"msg":{"market_ticker":"F\u0045D","price_dollars":"0.5","delta_fp":"1.00","side":"no"}})",
      R"({"type":"orderbook_delta","sid":2,"seq":5,"msg":{"market_ticker":"FED","price_dollars":"0.5","delta_fp":"1.001","side":"no"}})",
      sample("prediction__orderbookDelta__priceLevelUpdate.json"),
  };
  Decoded d;
  for (const std::string &m : msgs) {
    BothWays both;
    both.run(dec, ref, m);
    if (both.difference != nullptr) fail_msg("differ in %s for %s", both.difference, m.c_str());
    assert_true(dec.decode_copy(m, &d).code == both.slow_err.code);
  }
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_sample_same_both_ways),
      cmocka_unit_test(test_fast_values_exact),
      cmocka_unit_test(test_orders_whitespace_missing),
      cmocka_unit_test(test_edge_values),
      cmocka_unit_test(test_decimal_shapes),
      cmocka_unit_test(test_snapshot_sizes),
      cmocka_unit_test(test_truncations_and_mutations),
      cmocka_unit_test(test_alternating_on_one_decoder),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
