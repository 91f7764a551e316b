// Local books from WebSocket snapshots and deltas (src/api/ws/books.h): the spec example built
// into a YES-leg bid/ask book (both NO pricings), perps books, top-of-book flags, clearing on
// resync, inconsistencies, and reads from another thread while the book is written.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "api/ws/books.h"
#include "api/ws/channels.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;
using kalshi::book::Level;
using kalshi::book::Side;

namespace {

std::string sample(const char *name) {
  const char *src = std::getenv("KALSHI_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : ".") + "/tests/data/ws/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void decode(Decoder &dec, const std::string &json, Decoded *d) {
  kalshi::Error e = dec.decode_copy(json, d);
  if (!e.ok()) fail_msg("%s", e.message.c_str());
}

void test_prediction_spec_example(void **) {
  Decoder dec(Product::Prediction);
  Decoded d;
  LocalBooks books(Product::Prediction);
  ApplyResult r;
  decode(dec, sample("prediction__orderbookSnapshot__orderbookWithBothSides.json"), &d);
  assert_true(books.apply_snapshot(d.snapshot, &r).ok());
  assert_true(r.top_changed);
  assert_false(r.crossed);
  TopOfBook t;
  assert_true(books.top("FED-23DEC-T3.00", &t));
  // YES bids 0.08 x300, 0.22 x333 -> best bid 0.22; NO bids 0.54 x20, 0.56 x146 -> YES asks
  // at 0.46 and 0.44 -> best ask 0.44 x146.
  assert_int_equal(t.bid_price, 220000);
  assert_int_equal(t.bid_size, 33300);
  assert_int_equal(t.ask_price, 440000);
  assert_int_equal(t.ask_size, 14600);
  assert_int_equal(books.depth("FED-23DEC-T3.00", Side::Ask), 2);
  Level l;
  assert_true(books.level("FED-23DEC-T3.00", Side::Ask, 1, &l));
  assert_int_equal(l.price, 460000);
  assert_int_equal(l.size, 2000);

  // The example delta (-54 at YES 0.96) hits a level that does not exist: inconsistent.
  decode(dec, sample("prediction__orderbookDelta__priceLevelUpdate.json"), &d);
  kalshi::Error e = books.apply_delta(d.delta, &r);
  assert_int_equal(e.code, KALSHI_ERR_SEQUENCE_GAP);
  assert_false(books.has_market("FED-23DEC-T3.00"));  // cleared, waiting for a new snapshot
}

BookDelta delta(const char *market, BookSide side, int64_t price, int64_t d) {
  BookDelta x;
  x.market_ticker = market;
  x.side = side;
  x.price = price;
  x.delta = d;
  return x;
}

void test_deltas_and_top_flags(void **) {
  LocalBooks books(Product::Prediction);
  ApplyResult r;
  const PriceLevel yes[] = {{400000, 1000}, {300000, 500}};
  const PriceLevel no[] = {{500000, 700}};  // YES ask 0.50
  BookSnapshot s;
  s.market_ticker = "M";
  s.yes = yes;
  s.no = no;
  assert_true(books.apply_snapshot(s, &r).ok());
  // Below the top: no BOOK_TOP.
  assert_true(books.apply_delta(delta("M", BookSide::Yes, 300000, 200), &r).ok());
  assert_false(r.top_changed);
  // Size change at the best bid: top changed.
  assert_true(books.apply_delta(delta("M", BookSide::Yes, 400000, -400), &r).ok());
  assert_true(r.top_changed);
  TopOfBook t;
  books.top("M", &t);
  assert_int_equal(t.bid_size, 600);
  // Removing the best bid moves the top down.
  assert_true(books.apply_delta(delta("M", BookSide::Yes, 400000, -600), &r).ok());
  assert_true(r.top_changed);
  books.top("M", &t);
  assert_int_equal(t.bid_price, 300000);
  assert_int_equal(t.bid_size, 700);
  // A NO bid at 0.55 is a YES ask at 0.45: new best ask.
  assert_true(books.apply_delta(delta("M", BookSide::No, 550000, 100), &r).ok());
  assert_true(r.top_changed);
  books.top("M", &t);
  assert_int_equal(t.ask_price, 450000);
  // A YES bid at 0.45 locks the book: crossed flag asks for a resync.
  assert_true(books.apply_delta(delta("M", BookSide::Yes, 450000, 100), &r).ok());
  assert_true(r.crossed);
  // Perps sides are refused on a prediction book; prices outside (0, 1) too.
  assert_int_equal(books.apply_delta(delta("M", BookSide::Bid, 450000, 1), &r).code,
                   KALSHI_ERR_PARSE);
  assert_int_equal(books.apply_delta(delta("M", BookSide::Yes, 1000000, 1), &r).code,
                   KALSHI_ERR_PARSE);
  // Deltas before any snapshot are a gap.
  assert_int_equal(books.apply_delta(delta("OTHER", BookSide::Yes, 1, 1), &r).code,
                   KALSHI_ERR_SEQUENCE_GAP);
}

void test_use_yes_price_and_duplicates(void **) {
  LocalBooks books(Product::Prediction, /*use_yes_price=*/true);
  ApplyResult r;
  const PriceLevel no[] = {{600000, 100}, {600000, 50}};  // repeated price adds up
  BookSnapshot s;
  s.market_ticker = "M";
  s.no = no;
  assert_true(books.apply_snapshot(s, &r).ok());
  TopOfBook t;
  books.top("M", &t);
  assert_false(t.has_bid);
  assert_int_equal(t.ask_price, 600000);  // already a YES price
  assert_int_equal(t.ask_size, 150);
  // A snapshot replaces the book; an empty snapshot leaves a known, empty book.
  BookSnapshot empty;
  empty.market_ticker = "M";
  assert_true(books.apply_snapshot(empty, &r).ok());
  assert_true(r.top_changed);
  assert_true(books.has_market("M"));
  assert_true(books.top("M", &t));
  assert_false(t.has_bid || t.has_ask);
  // Negative sizes in a snapshot are refused and clear the market.
  const PriceLevel bad[] = {{100000, -1}};
  BookSnapshot b;
  b.market_ticker = "M";
  b.yes = bad;
  assert_int_equal(books.apply_snapshot(b, &r).code, KALSHI_ERR_PARSE);
  assert_false(books.has_market("M"));
}

void test_perps_and_clear(void **) {
  Decoder dec(Product::Perps);
  Decoded d;
  LocalBooks books(Product::Perps);
  ApplyResult r;
  decode(dec, sample("perps__orderbookSnapshot__fromSchema.json"), &d);
  assert_true(books.apply_snapshot(d.snapshot, &r).ok());
  TopOfBook t;
  books.top("KXBTCPERP", &t);
  assert_int_equal(t.bid_price, 97000500000);
  assert_int_equal(t.ask_price, 97001000000);
  assert_int_equal(t.ask_size, 50);
  decode(dec, sample("perps__orderbookDelta__fromSchema.json"), &d);  // removes the best ask
  assert_true(books.apply_delta(d.delta, &r).ok());
  assert_true(r.top_changed);
  books.top("KXBTCPERP", &t);
  assert_int_equal(t.ask_price, 97002250000);
  // YES/NO sides do not belong to a perps book.
  assert_int_equal(books.apply_delta(delta("KXBTCPERP", BookSide::Yes, 1, 1), &r).code,
                   KALSHI_ERR_PARSE);
  books.clear("KXBTCPERP");
  assert_false(books.has_market("KXBTCPERP"));
  books.clear_all();
  assert_false(books.top("KXBTCPERP", &t));
}

void test_reads_from_another_thread(void **) {
  LocalBooks books(Product::Perps);
  ApplyResult r;
  const PriceLevel bid[] = {{100, 100}};
  const PriceLevel ask[] = {{200, 100}};
  BookSnapshot s;
  s.market_ticker = "P";
  s.bid = bid;
  s.ask = ask;
  assert_true(books.apply_snapshot(s, &r).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> inconsistent{0};
  std::thread reader([&] {
    TopOfBook t;
    while (!stop.load()) {
      // The writer keeps bid size == ask size; a torn read would see them differ.
      if (books.top("P", &t) && t.has_bid && t.has_ask && t.bid_size != t.ask_size) ++inconsistent;
    }
  });
  for (int i = 0; i < 20000; ++i) {
    // One snapshot moves both sides together (a single critical section).
    const PriceLevel b2[] = {{100, 100 + i}};
    const PriceLevel a2[] = {{200, 100 + i}};
    s.bid = b2;
    s.ask = a2;
    assert_true(books.apply_snapshot(s, &r).ok());
  }
  stop = true;
  reader.join();
  assert_int_equal(inconsistent.load(), 0);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prediction_spec_example),
      cmocka_unit_test(test_deltas_and_top_flags),
      cmocka_unit_test(test_use_yes_price_and_duplicates),
      cmocka_unit_test(test_perps_and_clear),
      cmocka_unit_test(test_reads_from_another_thread),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
