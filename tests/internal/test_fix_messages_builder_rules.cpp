// MessageBuilder's conditional (C) rules of client -> server messages (kalshi-fix.md §4.1, §4.2,
// §5.1, §6.1, §7.1, §7.8): each violation is KALSHI_ERR_INVALID_ARG naming the tags, nothing is
// written, and server -> client messages are not checked.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>

#include "api/fix/builder.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::fix;
using kalshi::Error;

namespace {

const Context kCents{Product::Prediction, false};
const Context kMargin{Product::Margin, false};
constexpr int64_t kFuture = 1893456000000;  // 2030-01-01

// A valid limit order to start from.
void new_order(MessageBuilder &b, const Context &ctx = kCents) {
  b.set_conditional_checks(true);
  assert_true(b.start("D", Direction::ClientToServer, ctx).ok());
  assert_true(b.set_string(11, "o-1").ok());
  assert_true(b.set_string(55, "HIGHNY-23DEC31").ok());
  assert_true(b.set_char(54, '1').ok());
  assert_true(b.set_qty(38, 100).ok());
  assert_true(b.set_char(40, '2').ok());
  assert_true(b.set_price(44, 500000).ok());
}

// finish() on a fresh buffer; on failure checks the message names every tag in `tags`.
Error finish(MessageBuilder &b, std::initializer_list<const char *> tags = {}) {
  Buffer body;
  Error e = b.finish(body);
  if (!e.ok()) {
    assert_int_equal(e.code, KALSHI_ERR_INVALID_ARG);
    assert_int_equal(body.size(), 0);
    for (const char *t : tags) {
      if (e.message.find(t) == std::string::npos) {
        print_error("'%s' does not name %s\n", e.message.c_str(), t);
        fail();
      }
    }
  }
  return e;
}

void test_valid_order_passes(void **) {
  MessageBuilder b;
  new_order(b);
  assert_true(finish(b).ok());
}

void test_expire_time_iff_gtd_on_new_order(void **) {
  MessageBuilder b;
  new_order(b);
  assert_true(b.set_char(59, '6').ok());
  assert_false(finish(b, {"126", "59"}).ok());
  assert_true(b.set_timestamp(126, kFuture).ok());
  assert_true(finish(b).ok());
  assert_true(b.set_char(59, '1').ok());
  assert_false(finish(b, {"126", "59"}).ok());
  new_order(b);
  assert_true(b.set_timestamp(126, kFuture).ok());  // 126 alone
  assert_false(finish(b, {"126"}).ok());
}

void test_replace_time_in_force(void **) {
  MessageBuilder b;
  b.set_conditional_checks(true);
  assert_true(b.start("G", Direction::ClientToServer, kCents).ok());
  assert_true(b.set_string(11, "o-2").ok());
  assert_true(b.set_string(41, "o-1").ok());
  assert_true(b.set_string(55, "HIGHNY-23DEC31").ok());
  assert_true(b.set_char(54, '1').ok());
  assert_true(b.set_qty(38, 100).ok());
  assert_true(b.set_char(40, '2').ok());
  assert_true(b.set_price(44, 500000).ok());
  Error e = finish(b);
  if (!e.ok()) print_error("%s\n", e.message.c_str());
  assert_true(e.ok());
  assert_true(b.set_char(59, '3').ok());  // IOC: not on a replace
  assert_false(finish(b, {"59"}).ok());
  assert_true(b.set_char(59, '0').ok());
  assert_true(finish(b).ok());
  assert_true(b.set_timestamp(126, kFuture).ok());
  assert_false(finish(b, {"126", "59"}).ok());
  assert_true(b.set_char(59, '6').ok());
  assert_true(finish(b).ok());
}

void test_reduce_only_needs_ioc(void **) {
  MessageBuilder b;
  new_order(b);
  assert_true(b.set_string(18, "E").ok());
  assert_false(finish(b, {"18", "59"}).ok());
  assert_true(b.set_char(59, '4').ok());  // FOK: margin only
  assert_false(finish(b, {"18", "59"}).ok());
  assert_true(b.set_char(59, '3').ok());
  assert_true(finish(b).ok());
  assert_true(b.set_string(18, "6 E").ok());
  assert_true(finish(b).ok());
  assert_true(b.set_string(117, "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44").ok());
  assert_false(finish(b, {"18", "117"}).ok());
}

void test_reduce_only_fok_on_margin(void **) {
  MessageBuilder b;
  new_order(b, kMargin);
  assert_true(b.set_text(18, "E").ok());
  assert_true(b.set_char(59, '4').ok());
  Error e = finish(b);
  if (!e.ok()) print_error("%s\n", e.message.c_str());
  assert_true(e.ok());
  assert_true(b.set_char(59, '1').ok());
  assert_false(finish(b, {"18", "59"}).ok());
}

void test_party_role_required_with_party_id(void **) {
  MessageBuilder b;
  new_order(b);
  assert_true(b.begin_group(453).ok());
  assert_true(b.next_entry().ok());
  assert_true(b.set_string(448, "550e8400-e29b-41d4-a716-446655440000_customer1").ok());
  assert_true(b.end_group().ok());
  assert_false(finish(b, {"452", "448"}).ok());
  new_order(b);
  assert_true(b.begin_group(453).ok());
  assert_true(b.next_entry().ok());
  assert_true(b.set_string(448, "550e8400-e29b-41d4-a716-446655440000_customer1").ok());
  assert_true(b.set_int(452, 24).ok());
  assert_true(b.end_group().ok());
  assert_true(finish(b).ok());
}

void order_group(MessageBuilder &b, int64_t action) {
  b.set_conditional_checks(true);
  assert_true(b.start("UOG", Direction::ClientToServer, kCents).ok());
  assert_true(b.set_int(20131, action).ok());
}

void test_order_group_rules(void **) {
  MessageBuilder b;
  order_group(b, 1);
  assert_false(finish(b, {"20132", "20131"}).ok());
  assert_true(b.set_int(20132, 100).ok());
  Error e = finish(b);
  if (!e.ok()) print_error("%s\n", e.message.c_str());
  assert_true(e.ok());
  assert_true(b.set_string(20130, "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44").ok());
  assert_false(finish(b, {"20130", "20131"}).ok());  // no id on Create
  for (int64_t a = 2; a <= 4; ++a) {
    order_group(b, a);
    assert_false(finish(b, {"20130"}).ok());
    assert_true(b.set_string(20130, "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44").ok());
    assert_true(finish(b).ok());
  }
  order_group(b, 5);
  assert_true(b.set_string(20130, "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44").ok());
  assert_false(finish(b, {"20132"}).ok());
  assert_true(b.set_int(20132, 5).ok());
  assert_true(finish(b).ok());
}

void test_market_data_request_needs_symbols(void **) {
  MessageBuilder b;
  b.set_conditional_checks(true);
  for (char type : {'0', '1'}) {
    assert_true(b.start("V", Direction::ClientToServer, kCents).ok());
    assert_true(b.set_char(263, type).ok());
    assert_false(finish(b, {"146", "263"}).ok());
    assert_true(b.begin_group(146).ok());
    assert_true(b.next_entry().ok());
    assert_true(b.set_string(55, "HIGHNY-23DEC31").ok());
    assert_true(b.end_group().ok());
    Error e = finish(b);
    if (!e.ok()) print_error("%s\n", e.message.c_str());
    assert_true(e.ok());
  }
  // Unsubscribe from everything: 146 omitted.
  assert_true(b.start("V", Direction::ClientToServer, kCents).ok());
  assert_true(b.set_char(263, '2').ok());
  assert_true(finish(b).ok());
}

void test_quote_request_needs_size(void **) {
  MessageBuilder b;
  b.set_conditional_checks(true);
  assert_true(b.start("R", Direction::ClientToServer, kCents).ok());
  assert_true(b.set_string(131, "rfq-1").ok());
  assert_true(b.begin_group(146).ok());
  assert_true(b.next_entry().ok());
  assert_true(b.set_string(55, "HIGHNY-23DEC31").ok());
  assert_true(b.end_group().ok());
  assert_false(finish(b, {"38", "152"}).ok());
  assert_true(b.start("R", Direction::ClientToServer, kCents).ok());
  assert_true(b.set_string(131, "rfq-1").ok());
  assert_true(b.begin_group(146).ok());
  assert_true(b.next_entry().ok());
  assert_true(b.set_string(55, "HIGHNY-23DEC31").ok());
  assert_true(b.set_qty(38, 500).ok());
  assert_true(b.end_group().ok());
  Error e = finish(b);
  if (!e.ok()) print_error("%s\n", e.message.c_str());
  assert_true(e.ok());
}

void test_off_by_default_and_server_messages_unchecked(void **) {
  MessageBuilder b;
  assert_false(b.conditional_checks());
  assert_true(b.start("D", Direction::ClientToServer, kCents).ok());
  assert_true(b.set_string(11, "o-1").ok());
  assert_true(b.set_string(55, "HIGHNY-23DEC31").ok());
  assert_true(b.set_char(54, '1').ok());
  assert_true(b.set_qty(38, 100).ok());
  assert_true(b.set_char(40, '2').ok());
  assert_true(b.set_price(44, 500000).ok());
  assert_true(b.set_timestamp(126, kFuture).ok());  // 126 without 59=6
  Buffer body;
  assert_true(b.finish(body).ok());
  assert_int_equal(b.check_conditional().code, KALSHI_ERR_INVALID_ARG);  // the step on its own
  // An ExecutionReport may carry 126 with 59=1: the exchange's message, not checked.
  b.set_conditional_checks(true);
  assert_true(b.start("8", Direction::ServerToClient, kCents).ok());
  assert_true(b.set_char(59, '1').ok());
  assert_true(b.set_timestamp(126, kFuture).ok());
  assert_true(b.check_conditional().ok());
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_order_passes),
      cmocka_unit_test(test_expire_time_iff_gtd_on_new_order),
      cmocka_unit_test(test_replace_time_in_force),
      cmocka_unit_test(test_reduce_only_needs_ioc),
      cmocka_unit_test(test_reduce_only_fok_on_margin),
      cmocka_unit_test(test_party_role_required_with_party_id),
      cmocka_unit_test(test_order_group_rules),
      cmocka_unit_test(test_market_data_request_needs_symbols),
      cmocka_unit_test(test_quote_request_needs_size),
      cmocka_unit_test(test_off_by_default_and_server_messages_unchecked),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
