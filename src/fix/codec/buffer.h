// A growable byte buffer that keeps its capacity: the codec's output and the frame reader's input
// reuse one each, so steady-state encoding and decoding allocate nothing.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

namespace kalshi::fix {

class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t capacity) { reserve(capacity); }
  ~Buffer() { std::free(data_); }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  Buffer(Buffer &&o) noexcept : data_(o.data_), size_(o.size_), cap_(o.cap_) {
    o.data_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  Buffer &operator=(Buffer &&o) noexcept {
    if (this != &o) {
      std::free(data_);
      data_ = o.data_;
      size_ = o.size_;
      cap_ = o.cap_;
      o.data_ = nullptr;
      o.size_ = o.cap_ = 0;
    }
    return *this;
  }

  char *data() { return data_; }
  const char *data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return cap_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data_, size_}; }
  void clear() { size_ = 0; }

  void reserve(size_t n) {
    if (n <= cap_) return;
    size_t cap = cap_ ? cap_ : 256;
    while (cap < n) cap *= 2;
    void *p = std::realloc(data_, cap);
    if (!p) throw std::bad_alloc();
    data_ = static_cast<char *>(p);
    cap_ = cap;
  }
  // Makes room for n more bytes and returns where they go; size() grows by n.
  char *extend(size_t n) {
    reserve(size_ + n);
    char *p = data_ + size_;
    size_ += n;
    return p;
  }
  void append(const void *p, size_t n) {
    if (n) std::memcpy(extend(n), p, n);
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  void push_back(char c) { *extend(1) = c; }
  // Shrinks to n bytes (n <= size()).
  void truncate(size_t n) { size_ = n < size_ ? n : size_; }
  // Drops the first n bytes, moving the rest to the front.
  void consume(size_t n) {
    if (n >= size_) {
      size_ = 0;
      return;
    }
    std::memmove(data_, data_ + n, size_ - n);
    size_ -= n;
  }

 private:
  char *data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
};

}  // namespace kalshi::fix
