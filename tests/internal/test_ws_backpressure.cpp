// Bounded queue policy (src/api/ws/backpressure.h): both policies, counters, bounded size, FIFO
// order across wrap-around, and move-only entries.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <memory>
#include <string>

#include "api/ws/backpressure.h"

extern "C" {
#include <cmocka.h>
}

using namespace kalshi::wsapi;

namespace {

void test_drop_oldest(void **) {
  BoundedQueue<int> q(3, OverflowPolicy::DropOldest);
  assert_int_equal(q.push(1, 10), PushResult::Queued);
  assert_int_equal(q.push(2, 10), PushResult::Queued);
  assert_int_equal(q.push(3, 10), PushResult::Queued);
  assert_int_equal(q.push(4, 10), PushResult::QueuedDroppedOldest);
  assert_int_equal(q.push(5, 10), PushResult::QueuedDroppedOldest);
  assert_int_equal(q.size(), 3);
  assert_int_equal(q.dropped(), 2);
  assert_int_equal(*q.pop(), 3);
  assert_int_equal(*q.pop(), 4);
  assert_int_equal(q.push(6, 10), PushResult::Queued);
  assert_int_equal(*q.pop(), 5);
  assert_int_equal(*q.pop(), 6);
  assert_false(q.pop().has_value());
}

void test_resync_policy(void **) {
  BoundedQueue<std::string> q(2, OverflowPolicy::Resync);
  int64_t sid = 0;
  assert_int_equal(q.push("a", 1, &sid), PushResult::Queued);
  assert_int_equal(q.push("b", 1, &sid), PushResult::Queued);
  assert_int_equal(q.push("c", 7, &sid), PushResult::Overflow);
  assert_int_equal(sid, 7);
  assert_int_equal(q.overflows(), 1);
  assert_int_equal(q.dropped(), 0);
  assert_int_equal(q.size(), 2);
  assert_string_equal(q.pop()->c_str(), "a");  // nothing already queued was lost
  assert_int_equal(q.push("d", 1, &sid), PushResult::Queued);
  assert_string_equal(q.pop()->c_str(), "b");
  assert_string_equal(q.pop()->c_str(), "d");
}

void test_bounded_under_flood(void **) {
  BoundedQueue<std::unique_ptr<int>> q(8, OverflowPolicy::DropOldest);
  for (int i = 0; i < 100000; ++i) q.push(std::make_unique<int>(i), 1);
  assert_int_equal(q.size(), 8);
  assert_int_equal(q.capacity(), 8);
  assert_int_equal(q.dropped(), 100000 - 8);
  assert_int_equal(**q.pop(), 100000 - 8);
  q.clear();
  assert_true(q.empty());
  BoundedQueue<int> zero(0, OverflowPolicy::Resync);  // capacity 0 is treated as 1
  assert_int_equal(zero.capacity(), 1);
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_drop_oldest),
      cmocka_unit_test(test_resync_policy),
      cmocka_unit_test(test_bounded_under_flood),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
