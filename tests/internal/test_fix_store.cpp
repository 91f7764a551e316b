// FIX session stores: the memory store's contract and bound, the file store's persistence across
// "restarts", torn and corrupt tails, reset, locking and unusable directories.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fix/session/store.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using kalshi::fix::make_memory_store;
using kalshi::fix::open_file_store;
using kalshi::fix::Store;

namespace {

constexpr const char *kKey = "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44";

// "seq:type:body:time" per stored message.
std::vector<std::string> dump(const Store &s, uint64_t begin = 1, uint64_t end = 0) {
  std::vector<std::string> out;
  s.for_range(
      begin, end,
      [&](uint64_t seq, std::string_view type, std::string_view body, std::string_view time) {
        out.push_back(std::to_string(seq) + ":" + std::string(type) + ":" + std::string(body) +
                      ":" + std::string(time));
      });
  return out;
}

std::string temp_dir() {
  char tmpl[] = "/tmp/kalshi-fix-store-XXXXXX";
  assert_non_null(mkdtemp(tmpl));
  return tmpl;
}

std::string store_file(const std::string &dir) {
  return dir + "/" + kKey + "-KalshiRT.fixstore";
}

void test_memory_store_contract(void **) {
  auto s = make_memory_store();
  assert_int_equal(s->next_sender_seq(), 1);
  assert_int_equal(s->next_target_seq(), 1);
  assert_true(s->save(1, "D", "11=a\x01", "t1").ok());
  assert_int_equal(s->next_sender_seq(), 2);    // save moves the sender seq
  assert_true(s->set_next_sender_seq(3).ok());  // an admin message took 2
  assert_true(s->save(3, "F", "11=b\x01", "t3").ok());
  assert_true(s->set_next_target_seq(9).ok());
  assert_int_equal(s->next_target_seq(), 9);
  std::vector<std::string> all = dump(*s);
  assert_int_equal(all.size(), 2);
  assert_string_equal(all[0].c_str(), "1:D:11=a\x01:t1");
  assert_string_equal(all[1].c_str(), "3:F:11=b\x01:t3");
  assert_int_equal(dump(*s, 2, 0).size(), 1);
  assert_int_equal(dump(*s, 1, 2).size(), 1);
  assert_int_equal(dump(*s, 4, 0).size(), 0);
  assert_int_equal(s->set_next_target_seq(0).code, KALSHI_ERR_INVALID_ARG);
  assert_true(s->reset().ok());
  assert_int_equal(s->next_sender_seq(), 1);
  assert_int_equal(s->next_target_seq(), 1);
  assert_int_equal(dump(*s).size(), 0);
}

void test_memory_store_bounded(void **) {
  auto s = make_memory_store(3);
  for (uint64_t i = 1; i <= 1000; ++i) {
    assert_true(s->save(i, "D", std::string(100, 'x'), "t").ok());
  }
  std::vector<std::string> all = dump(*s);
  assert_int_equal(all.size(), 3);
  assert_int_equal(all[0].rfind("998:", 0), 0);
  assert_int_equal(s->next_sender_seq(), 1001);
  // Enough entries to grow the index and wrap it around several times.
  auto big = make_memory_store(100);
  for (uint64_t i = 1; i <= 1000; ++i) {
    assert_true(big->save(i, "D", std::to_string(i), "t").ok());
  }
  all = dump(*big);
  assert_int_equal(all.size(), 100);
  assert_string_equal(all.front().c_str(), "901:D:901:t");
  assert_string_equal(all.back().c_str(), "1000:D:1000:t");
  all = dump(*big, 950, 952);
  assert_int_equal(all.size(), 3);
  assert_string_equal(all[0].c_str(), "950:D:950:t");
  assert_int_equal(dump(*big, 1, 900).size(), 0);
}

void test_memory_store_sender_moved_back(void **) {
  auto s = make_memory_store();
  for (uint64_t i = 1; i <= 5; ++i) assert_true(s->save(i, "D", "b", "t").ok());
  // Numbers from 3 on will be reused: what was stored under them must not be resent.
  assert_true(s->set_next_sender_seq(3).ok());
  assert_int_equal(dump(*s).size(), 2);
  assert_true(s->save(3, "F", "c", "t").ok());
  assert_string_equal(dump(*s, 3, 3)[0].c_str(), "3:F:c:t");
}

void test_file_store_survives_restart(void **) {
  const std::string dir = temp_dir() + "/nested/store";  // created on open
  {
    std::unique_ptr<Store> s;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
    assert_int_equal(s->next_sender_seq(), 1);
    assert_true(s->save(1, "D", "11=a\x01", "20260101-00:00:00.000").ok());
    assert_true(s->set_next_sender_seq(3).ok());
    assert_true(s->save(3, "D",
                        std::string("11=b\x01"
                                    "96=") +
                            '\0' + "\x01",
                        "t3")
                    .ok());
    assert_true(s->set_next_target_seq(42).ok());
  }
  std::unique_ptr<Store> s;
  assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
  assert_int_equal(s->next_sender_seq(), 4);
  assert_int_equal(s->next_target_seq(), 42);
  std::vector<std::string> all = dump(*s);
  assert_int_equal(all.size(), 2);
  assert_string_equal(all[0].c_str(), "1:D:11=a\x01:20260101-00:00:00.000");
  assert_true(all[1] == std::string("3:D:11=b\x01"
                                    "96=") +
                            '\0' + "\x01:t3");
  // A different session in the same directory has its own state.
  std::unique_ptr<Store> other;
  assert_true(open_file_store(dir, kKey, "KalshiPT", &other).ok());
  assert_int_equal(other->next_sender_seq(), 1);
  std::filesystem::remove_all(dir);
}

void test_file_store_torn_record(void **) {
  const std::string dir = temp_dir();
  {
    std::unique_ptr<Store> s;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
    assert_true(s->save(1, "D", "a", "t").ok());
    assert_true(s->save(2, "D", "b", "t").ok());
    assert_true(s->set_next_target_seq(7).ok());
    assert_true(s->save(3, "D", std::string(200, 'c'), "t").ok());
  }
  // A crash in the middle of the last append: part of its record reached the file.
  const std::string path = store_file(dir);
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 50);
  {
    std::unique_ptr<Store> s;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
    assert_int_equal(s->next_sender_seq(), 3);
    assert_int_equal(s->next_target_seq(), 7);
    assert_int_equal(dump(*s).size(), 2);
    // Appending after the repaired tail works and survives the next restart.
    assert_true(s->save(3, "F", "again", "t").ok());
  }
  {
    std::unique_ptr<Store> s;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
    assert_int_equal(s->next_sender_seq(), 4);
    std::vector<std::string> all = dump(*s);
    assert_int_equal(all.size(), 3);
    assert_string_equal(all[2].c_str(), "3:F:again:t");
  }
  std::filesystem::remove_all(dir);
}

void test_file_store_corrupt_tail(void **) {
  const std::string dir = temp_dir();
  {
    std::unique_ptr<Store> s;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
    assert_true(s->save(1, "D", "a", "t").ok());
    assert_true(s->save(2, "D", "bbbbbbbbbbbbbbbbbbbbb", "t").ok());
  }
  // Flip a byte inside the last record's body: its CRC no longer matches.
  const std::string path = store_file(dir);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-10, std::ios::end);
    f.put('X');
  }
  std::unique_ptr<Store> s;
  assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
  assert_int_equal(dump(*s).size(), 1);
  assert_int_equal(s->next_sender_seq(), 2);
  std::filesystem::remove_all(dir);
}

void test_file_store_reset(void **) {
  const std::string dir = temp_dir();
  {
    std::unique_ptr<Store> s;
    assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
    assert_true(s->save(1, "D", "a", "t").ok());
    assert_true(s->set_next_target_seq(5).ok());
    assert_true(s->reset().ok());
    assert_int_equal(s->next_sender_seq(), 1);
    assert_int_equal(dump(*s).size(), 0);
  }
  std::unique_ptr<Store> s;
  assert_true(open_file_store(dir, kKey, "KalshiRT", &s).ok());
  assert_int_equal(s->next_sender_seq(), 1);
  assert_int_equal(s->next_target_seq(), 1);
  assert_int_equal(dump(*s).size(), 0);
  std::filesystem::remove_all(dir);
}

void test_file_store_errors(void **) {
  const std::string dir = temp_dir();
  std::unique_ptr<Store> a;
  assert_true(open_file_store(dir, kKey, "KalshiRT", &a).ok());
  std::unique_ptr<Store> b;
  // One writer per store: a second open of the same session is refused.
  assert_int_equal(open_file_store(dir, kKey, "KalshiRT", &b).code, KALSHI_ERR_IO);
  assert_null(b.get());
  a.reset();
  assert_true(open_file_store(dir, kKey, "KalshiRT", &b).ok());
  b.reset();
  // A file where the directory should be.
  const std::string file = dir + "/plain";
  std::ofstream(file) << "x";
  assert_int_equal(open_file_store(file, kKey, "KalshiRT", &b).code, KALSHI_ERR_IO);
  // Not a store at all.
  std::filesystem::create_directories(dir + "/other");
  std::ofstream(store_file(dir + "/other")) << "definitely not a store";
  assert_int_equal(open_file_store(dir + "/other", kKey, "KalshiRT", &b).code, KALSHI_ERR_IO);
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_memory_store_contract),
      cmocka_unit_test(test_memory_store_bounded),
      cmocka_unit_test(test_memory_store_sender_moved_back),
      cmocka_unit_test(test_file_store_survives_restart),
      cmocka_unit_test(test_file_store_torn_record),
      cmocka_unit_test(test_file_store_corrupt_tail),
      cmocka_unit_test(test_file_store_reset),
      cmocka_unit_test(test_file_store_errors),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
