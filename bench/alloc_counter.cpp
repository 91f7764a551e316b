// The counting operator new behind bench/alloc_counter.h.
#include "alloc_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<uint64_t> g_allocs{0};

// Out of line so that GCC, which inlines our operator delete into sized-delete call sites, does
// not pair its free() with the builtin operator new and warn (-Wmismatched-new-delete).
[[gnu::noinline]] void release(void *p) noexcept {
  std::free(p);
}

}  // namespace

namespace kalshi::bench {

uint64_t allocations() {
  return g_allocs.load(std::memory_order_relaxed);
}

}  // namespace kalshi::bench

void *operator new(size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void *p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void *operator new[](size_t n) {
  return operator new(n);
}
void *operator new(size_t n, const std::nothrow_t &) noexcept {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void *operator new[](size_t n, const std::nothrow_t &t) noexcept {
  return operator new(n, t);
}
void operator delete(void *p) noexcept {
  release(p);
}
void operator delete[](void *p) noexcept {
  release(p);
}
void operator delete(void *p, size_t) noexcept {
  release(p);
}
void operator delete[](void *p, size_t) noexcept {
  release(p);
}
