// Per-sid sequence tracking (src/api/ws/sequence.h): baseline, in order, gap, duplicate,
// terminal errors, snapshot rebase, control replies, unsequenced channels, bounded sid table.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "api/ws/sequence.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;

namespace {

Envelope env(MessageKind kind, int64_t sid, int64_t seq) {
  Envelope e;
  e.kind = kind;
  e.sid = sid;
  e.seq = seq;
  return e;
}

void test_in_order_and_independent_sids(void **) {
  SequenceTracker t;
  assert_int_equal(t.on_message(env(MessageKind::OrderbookSnapshot, 1, 1)).action,
                   SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 1, 2)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::Trade, 2, 40)).action,
                   SeqAction::Deliver);  // baseline
  assert_int_equal(t.on_message(env(MessageKind::Trade, 2, 41)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 1, 3)).action, SeqAction::Deliver);
  assert_int_equal(t.last_seq(1), 3);
  assert_int_equal(t.last_seq(2), 41);
  assert_int_equal(t.last_seq(3), kAbsent);
}

void test_gap(void **) {
  SequenceTracker t;
  t.on_message(env(MessageKind::OrderbookSnapshot, 5, 1));
  SeqVerdict v = t.on_message(env(MessageKind::OrderbookDelta, 5, 3));
  assert_int_equal(v.action, SeqAction::Resync);
  assert_int_equal(v.sid, 5);
  assert_int_equal(v.expected, 2);
  assert_int_equal(v.got, 3);
  assert_false(v.duplicate);
  assert_true(t.needs_resync(5));
  // Still out of sync until rebased: the "right" next number does not heal it.
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 5, 4)).action, SeqAction::Resync);
  // get_snapshot's answer rebases.
  assert_int_equal(t.on_message(env(MessageKind::OrderbookSnapshot, 5, 10)).action,
                   SeqAction::Deliver);
  assert_false(t.needs_resync(5));
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 5, 11)).action,
                   SeqAction::Deliver);
}

void test_duplicate(void **) {
  SequenceTracker t;
  t.on_message(env(MessageKind::RfqCreated, 9, 1));
  t.on_message(env(MessageKind::RfqDeleted, 9, 2));
  SeqVerdict v = t.on_message(env(MessageKind::QuoteCreated, 9, 2));
  assert_int_equal(v.action, SeqAction::Resync);
  assert_true(v.duplicate);
  assert_int_equal(v.expected, 3);
  assert_int_equal(v.got, 2);
  t.reset(9);  // resubscribed: next message sets a new baseline
  assert_int_equal(t.on_message(env(MessageKind::RfqCreated, 9, 1)).action, SeqAction::Deliver);
}

void test_terminal_errors(void **) {
  SequenceTracker t;
  t.on_message(env(MessageKind::OrderbookSnapshot, 3, 1));
  Envelope e = env(MessageKind::Error, 3, kAbsent);
  assert_int_equal(t.on_message(e, 7).action, SeqAction::Deliver);  // not terminal
  assert_int_equal(t.on_message(e, 25).action, SeqAction::Resync);
  assert_true(t.needs_resync(3));
  assert_int_equal(t.on_message(e, 10).action, SeqAction::Resync);
  assert_true(error_requires_resubscribe(10));
  assert_true(error_requires_resubscribe(25));
  assert_false(error_requires_resubscribe(11));
  // An error without a sid concerns a command, not a subscription.
  assert_int_equal(t.on_message(env(MessageKind::Error, kAbsent, kAbsent), 25).action,
                   SeqAction::Deliver);
  // on_decoded reads the code from the decoded error.
  Decoded d;
  d.env = env(MessageKind::Error, 4, kAbsent);
  d.reply.error_code = 25;
  assert_int_equal(t.on_decoded(d).action, SeqAction::Resync);
}

void test_control_replies_and_unsequenced(void **) {
  SequenceTracker t;
  t.on_message(env(MessageKind::OrderbookSnapshot, 1, 1));
  // ok / unsubscribed carry a seq that is informational only.
  assert_int_equal(t.on_message(env(MessageKind::Ok, 1, 2)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 1, 2)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::Ok, 1, 9)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 1, 3)).action, SeqAction::Deliver);
  // Unsequenced channels pass through whatever they carry.
  assert_int_equal(t.on_message(env(MessageKind::Ticker, 2, kAbsent)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::Fill, 2, kAbsent)).action, SeqAction::Deliver);
  assert_int_equal(t.on_message(env(MessageKind::UserOrder, 2, kAbsent)).action,
                   SeqAction::Deliver);
  assert_int_equal(t.size(), 1);
  // A sequenced message without seq cannot be checked.
  assert_int_equal(t.on_message(env(MessageKind::OrderbookDelta, 1, kAbsent)).action,
                   SeqAction::Resync);
}

void test_bounded(void **) {
  SequenceTracker t;
  for (int64_t sid = 0; sid < static_cast<int64_t>(SequenceTracker::kMaxSids); ++sid)
    assert_int_equal(t.on_message(env(MessageKind::Trade, sid, 1)).action, SeqAction::Deliver);
  assert_int_equal(t.size(), SequenceTracker::kMaxSids);
  assert_int_equal(t.on_message(env(MessageKind::Trade, 1'000'000, 1)).action, SeqAction::Resync);
  assert_int_equal(t.size(), SequenceTracker::kMaxSids);
  t.reset_all();
  assert_int_equal(t.size(), 0);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_in_order_and_independent_sids),
      cmocka_unit_test(test_gap),
      cmocka_unit_test(test_duplicate),
      cmocka_unit_test(test_terminal_errors),
      cmocka_unit_test(test_control_replies_and_unsequenced),
      cmocka_unit_test(test_bounded),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
