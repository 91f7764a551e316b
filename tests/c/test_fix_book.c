/* Order books, settlement reassembly and decoded-message accessors through the public C API,
 * fed with messages decoded by kalshi_fix_decode (the spec's examples, framed here). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_util.h"

/* Frames a body written with '|' for SOH: header 8/9/35/49/56/34/52, body, CheckSum. */
static size_t frame(const char *msg_type, const char *body, char *out, size_t cap) {
  char inner[4096];
  int n = snprintf(inner, sizeof inner, "35=%s|49=KalshiMD|56=key|34=2|52=20260528-14:00:00.010|%s",
                   msg_type, body);
  assert_true(n > 0 && (size_t)n < sizeof inner);
  int m = snprintf(out, cap, "8=FIXT.1.1|9=%d|%s", n, inner);
  assert_true(m > 0 && (size_t)m + 8 < cap);
  for (int i = 0; i < m; ++i) {
    if (out[i] == '|') out[i] = '\x01';
  }
  unsigned sum = 0;
  for (int i = 0; i < m; ++i) sum += (unsigned char)out[i];
  m += snprintf(out + m, cap - (size_t)m, "10=%03u\x01", sum % 256);
  return (size_t)m;
}

static kalshi_event_t *decode(const char *msg_type, const char *body, int use_dollars) {
  char buf[4096];
  size_t len = frame(msg_type, body, buf, sizeof buf);
  kalshi_event_t *ev = NULL;
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_fix_decode((const uint8_t *)buf, len, KALSHI_PRODUCT_PREDICTION,
                                      use_dollars, &ev, &err);
  if (rc != KALSHI_OK) fail_msg("decode %s: %s", msg_type, kalshi_error_message(err));
  assert_int_equal(kalshi_event_type(ev), KALSHI_EVENT_FIX_MESSAGE);
  return ev;
}

static void expect_level(kalshi_book_t *b, const char *sym, kalshi_book_side_t side, size_t i,
                         kalshi_price_t px, kalshi_count_t size) {
  kalshi_price_t p = 0;
  kalshi_count_t s = 0;
  assert_int_equal(kalshi_book_level(b, sym, side, i, &p, &s), KALSHI_OK);
  assert_int_equal(p, px);
  assert_int_equal(s, size);
}

#define SYM "KXNBAGAME-26MAY25NYKCLE-NYK"

static void test_book_snapshot_and_incremental(void **state) {
  (void)state;
  kalshi_book_t *b = NULL;
  assert_int_equal(kalshi_book_new(&b), KALSHI_OK);
  kalshi_event_t *w = decode(
      "W",
      "55=" SYM
      "|268=3|269=0|270=0.3500|271=10.00|269=0|270=0.3400|271=7.00|269=1|270=0.6500|271=5.00|",
      0);
  assert_int_equal(kalshi_book_apply_event(b, w), KALSHI_OK);
  kalshi_event_destroy(w);
  assert_int_equal(kalshi_book_depth(b, SYM, KALSHI_BOOK_BID), 2);
  expect_level(b, SYM, KALSHI_BOOK_BID, 0, 350000, 1000);
  expect_level(b, SYM, KALSHI_BOOK_BID, 1, 340000, 700);
  expect_level(b, SYM, KALSHI_BOOK_ASK, 0, 650000, 500);

  /* Change replaces the size, New inserts in price order, Delete removes, a trade changes
   * nothing. */
  kalshi_event_t *x = decode("X",
                             "268=4|279=1|55=" SYM
                             "|269=0|270=0.3500|271=15.00|"
                             "279=0|55=" SYM
                             "|269=0|270=0.3450|271=2.00|"
                             "279=2|55=" SYM
                             "|269=1|270=0.6500|271=0|"
                             "279=0|55=" SYM "|269=2|270=0.6500|271=3.00|2446=1|",
                             0);
  assert_int_equal(kalshi_book_apply_event(b, x), KALSHI_OK);
  kalshi_event_destroy(x);
  assert_int_equal(kalshi_book_depth(b, SYM, KALSHI_BOOK_BID), 3);
  expect_level(b, SYM, KALSHI_BOOK_BID, 0, 350000, 1500);
  expect_level(b, SYM, KALSHI_BOOK_BID, 1, 345000, 200);
  expect_level(b, SYM, KALSHI_BOOK_BID, 2, 340000, 700);
  assert_int_equal(kalshi_book_best(b, SYM, KALSHI_BOOK_ASK, NULL, NULL), KALSHI_ERR_NOT_FOUND);
  assert_int_equal(kalshi_book_symbol_count(b), 1);
  assert_string_equal(kalshi_book_symbol_at(b, 0), SYM);

  /* A new snapshot replaces the whole book; an empty one leaves a known, empty book. */
  w = decode("W", "55=" SYM "|268=0|", 0);
  assert_int_equal(kalshi_book_apply_event(b, w), KALSHI_OK);
  kalshi_event_destroy(w);
  assert_int_equal(kalshi_book_depth(b, SYM, KALSHI_BOOK_BID), 0);
  assert_int_equal(kalshi_book_symbol_count(b), 1);

  assert_int_equal(kalshi_book_set_level(b, "BTC-PERP", KALSHI_BOOK_ASK, 19510000, 500), KALSHI_OK);
  expect_level(b, "BTC-PERP", KALSHI_BOOK_ASK, 0, 19510000, 500);
  assert_int_equal(kalshi_book_set_level(b, "BTC-PERP", KALSHI_BOOK_ASK, 1, -1),
                   KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_book_clear(b, NULL), KALSHI_OK);
  assert_int_equal(kalshi_book_symbol_count(b), 0);
  kalshi_book_destroy(b);
}

static void test_book_rejects_nonsense_entry(void **state) {
  (void)state;
  kalshi_book_t *b = NULL;
  assert_int_equal(kalshi_book_new(&b), KALSHI_OK);
  assert_int_equal(kalshi_book_set_level(b, SYM, KALSHI_BOOK_BID, 300000, 100), KALSHI_OK);
  /* MDEntryType 7 is not a book side: the symbol's book can no longer be trusted. */
  kalshi_event_t *x = decode("X", "268=1|279=1|55=" SYM "|269=7|270=0.3000|271=1.00|", 0);
  assert_int_equal(kalshi_book_apply_event(b, x), KALSHI_ERR_PROTOCOL);
  kalshi_event_destroy(x);
  assert_int_equal(kalshi_book_depth(b, SYM, KALSHI_BOOK_BID), 0);
  kalshi_book_destroy(b);
}

static const char *kPage1 =
    "20105=settle-1|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|"
    "20108=1|20109=user-1|20110=24|704=100.01|705=0|1703=1|1704=30.6030|1705=PAYOUT|"
    "136=1|137=0.00006|138=USD|139=4|891=0|893=N|";
static const char *kPage2 =
    "20105=settle-2|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|"
    "20108=1|20109=user-2|20110=24|704=0|705=5|1703=1|1704=0.00|1705=PAYOUT|"
    "136=1|137=0.00|138=USD|139=4|891=0|893=Y|";

static void test_settlement_pages_join(void **state) {
  (void)state;
  kalshi_settlement_assembler_t *a = NULL;
  assert_int_equal(kalshi_settlement_assembler_new(&a), KALSHI_OK);
  kalshi_settlement_t *r = NULL;
  kalshi_event_t *p1 = decode("UMS", kPage1, 0);
  assert_int_equal(kalshi_settlement_assembler_add(a, kalshi_event_fix_msg(p1), &r, NULL),
                   KALSHI_OK);
  assert_null(r);
  assert_int_equal(kalshi_settlement_assembler_pending(a), 1);
  /* The same page again (a PossDup resend) is ignored. */
  assert_int_equal(kalshi_settlement_assembler_add(a, kalshi_event_fix_msg(p1), &r, NULL),
                   KALSHI_OK);
  assert_null(r);
  kalshi_event_destroy(p1);
  kalshi_event_t *p2 = decode("UMS", kPage2, 0);
  assert_int_equal(kalshi_settlement_assembler_add(a, kalshi_event_fix_msg(p2), &r, NULL),
                   KALSHI_OK);
  kalshi_event_destroy(p2);
  assert_non_null(r);
  assert_int_equal(kalshi_settlement_assembler_pending(a), 0);
  assert_string_equal(kalshi_settlement_symbol(r), "HIGHNY-23DEC31");
  assert_string_equal(kalshi_settlement_result(r), "scalar");
  assert_int_equal(kalshi_settlement_business_date(r), 20231231);
  assert_int_equal(kalshi_settlement_price(r), 306000);
  assert_int_equal(kalshi_settlement_page_count(r), 2);
  assert_int_equal(kalshi_settlement_declared_pages(r), 2);
  assert_int_equal(kalshi_settlement_party_count(r), 2);
  const char *id = NULL;
  kalshi_count_t lq = 0, sq = 0;
  int64_t payout = 0, fee = 0;
  assert_int_equal(kalshi_settlement_party(r, 0, &id, &lq, &sq, &payout, &fee), KALSHI_OK);
  assert_string_equal(id, "user-1");
  assert_int_equal(lq, 10001);
  assert_int_equal(payout, 30603000);
  assert_int_equal(fee, 60);
  assert_int_equal(kalshi_settlement_party(r, 1, &id, &lq, &sq, NULL, NULL), KALSHI_OK);
  assert_string_equal(id, "user-2");
  assert_int_equal(sq, 500);
  assert_int_equal(kalshi_settlement_party(r, 2, NULL, NULL, NULL, NULL, NULL),
                   KALSHI_ERR_NOT_FOUND);
  kalshi_settlement_destroy(r);

  /* Not a settlement report. */
  kalshi_event_t *w = decode("W", "55=X|268=0|", 0);
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_settlement_assembler_add(a, kalshi_event_fix_msg(w), &r, &err),
                   KALSHI_ERR_INVALID_ARG);
  kalshi_error_destroy(err);
  kalshi_event_destroy(w);
  kalshi_settlement_assembler_destroy(a);
}

static void test_message_accessors(void **state) {
  (void)state;
  /* A dollar-mode fill (kalshi-fix.md §15.2 er_fill_dollars) plus an unknown tag. */
  kalshi_event_t *ev = decode("8",
                              "6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|"
                              "38=100.0000|39=2|44=0.7500|54=1|55=HIGHNY-23DEC31|"
                              "60=20250926-21:54:16.158|150=F|151=0.00|9999=custom|453=2|"
                              "448=acct_1|452=24|448=op-7|452=12|",
                              1);
  const kalshi_fix_msg_t *m = kalshi_event_fix_msg(ev);
  assert_string_equal(kalshi_fix_msg_type(m), "8");
  assert_int_equal(kalshi_fix_msg_seq(m), 2);
  kalshi_price_t px = 0;
  assert_int_equal(kalshi_fix_msg_price(m, 6, &px), KALSHI_OK);
  assert_int_equal(px, 660000);
  kalshi_count_t q = 0;
  assert_int_equal(kalshi_fix_msg_count(m, 38, &q), KALSHI_OK);
  assert_int_equal(q, 10000);
  int64_t t = 0;
  assert_int_equal(kalshi_fix_msg_time_ms(m, 60, &t), KALSHI_OK);
  assert_int_equal(t, INT64_C(1758923656158));
  /* Wrong getter for the type, absent tag. */
  assert_int_equal(kalshi_fix_msg_price(m, 55, &px), KALSHI_ERR_INVALID_ARG);
  assert_int_equal(kalshi_fix_msg_price(m, 132, &px), KALSHI_ERR_NOT_FOUND);
  assert_false(kalshi_fix_msg_has(m, 103));
  /* Groups. */
  assert_int_equal(kalshi_fix_msg_group_count(m, 453), 2);
  const kalshi_fix_msg_t *p = kalshi_fix_msg_group_entry(m, 453, 1);
  assert_non_null(p);
  int64_t role = 0;
  assert_int_equal(kalshi_fix_msg_int(p, 452, &role), KALSHI_OK);
  assert_int_equal(role, 12);
  assert_ptr_equal(kalshi_fix_msg_group_entry(m, 453, 1), p);
  assert_null(kalshi_fix_msg_group_entry(m, 453, 2));
  /* Unknown tags are kept and readable as text. */
  const char *v = NULL;
  size_t n = 0;
  assert_int_equal(kalshi_fix_msg_str(m, 9999, &v, &n), KALSHI_OK);
  assert_int_equal(n, 6);
  assert_memory_equal(v, "custom", 6);
  /* Wire-order iteration of the top level: counters listed, entries not. */
  size_t count = kalshi_fix_msg_field_count(m);
  int saw_counter = 0, saw_entry_field = 0;
  for (size_t i = 0; i < count; ++i) {
    uint32_t tag = 0;
    assert_int_equal(kalshi_fix_msg_field_at(m, i, &tag, &v, &n), KALSHI_OK);
    if (tag == 453) saw_counter = 1;
    if (tag == 448) saw_entry_field = 1;
  }
  assert_true(saw_counter);
  assert_false(saw_entry_field);
  assert_int_equal(kalshi_fix_msg_field_at(m, count, NULL, NULL, NULL), KALSHI_ERR_NOT_FOUND);
  size_t raw_len = 0;
  const uint8_t *raw = kalshi_fix_msg_raw(m, &raw_len);
  assert_memory_equal(raw, "8=FIXT.1.1\x01", 11);
  kalshi_event_destroy(ev);
}

static void test_decode_refuses_bad_bytes(void **state) {
  (void)state;
  char buf[512];
  size_t len = frame("8", "11=a|150=0|", buf, sizeof buf);
  buf[len - 2] = buf[len - 2] == '0' ? '1' : '0'; /* checksum digit */
  kalshi_event_t *ev = NULL;
  kalshi_error_t *err = NULL;
  assert_int_equal(
      kalshi_fix_decode((const uint8_t *)buf, len, KALSHI_PRODUCT_PREDICTION, 0, &ev, &err),
      KALSHI_ERR_PROTOCOL);
  assert_null(ev);
  kalshi_error_destroy(err);
  /* A price that does not parse. */
  len = frame("8", "11=a|44=7x5|150=0|", buf, sizeof buf);
  assert_int_equal(
      kalshi_fix_decode((const uint8_t *)buf, len, KALSHI_PRODUCT_PREDICTION, 0, &ev, &err),
      KALSHI_ERR_PROTOCOL);
  assert_non_null(strstr(kalshi_error_message(err), "44"));
  kalshi_error_destroy(err);
  /* Trailing bytes after the message. */
  len = frame("0", "", buf, sizeof buf);
  buf[len++] = 'x';
  assert_int_equal(
      kalshi_fix_decode((const uint8_t *)buf, len, KALSHI_PRODUCT_PREDICTION, 0, &ev, NULL),
      KALSHI_ERR_PROTOCOL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_book_snapshot_and_incremental),
      cmocka_unit_test(test_book_rejects_nonsense_entry),
      cmocka_unit_test(test_settlement_pages_join),
      cmocka_unit_test(test_message_accessors),
      cmocka_unit_test(test_decode_refuses_bad_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
