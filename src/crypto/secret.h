// A byte buffer for key material (decoded PEM bodies, decrypted PKCS#8, PEM output): its memory is
// wiped before release. It never grows after construction, so no reallocation can leave an
// unwiped copy behind in freed memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/secure_wipe.h"

namespace kalshi::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t n) : v_(n) {}
  SecretBytes(const uint8_t *p, size_t n) : v_(p, p + n) {}
  ~SecretBytes() { wipe(); }

  SecretBytes(const SecretBytes &) = delete;
  SecretBytes &operator=(const SecretBytes &) = delete;
  SecretBytes(SecretBytes &&o) noexcept : v_(std::move(o.v_)) {}
  SecretBytes &operator=(SecretBytes &&o) noexcept {
    if (this != &o) {
      wipe();
      v_ = std::move(o.v_);
    }
    return *this;
  }

  uint8_t *data() { return v_.data(); }
  const uint8_t *data() const { return v_.data(); }
  size_t size() const { return v_.size(); }
  bool empty() const { return v_.empty(); }
  std::span<const uint8_t> span() const { return {v_.data(), v_.size()}; }

  // Shrinking never reallocates; the dropped tail is wiped first.
  void shrink(size_t n) {
    if (n >= v_.size()) return;
    secure_wipe(v_.data() + n, v_.size() - n);
    v_.resize(n);
  }
  void wipe() {
    secure_wipe(v_.data(), v_.size());
    v_.clear();
  }

 private:
  std::vector<uint8_t> v_;
};

}  // namespace kalshi::crypto
