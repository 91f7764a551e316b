// The library's random source for signing: one CTR-DRBG (AES-256) seeded from the OS entropy
// source, shared by every key and thread behind a mutex (each call holds it for microseconds).
// A process that forks gets a reseed in the child on its next use, so parent and child never
// produce the same PSS salts.
#pragma once

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <mutex>

#include "core/error.h"

namespace kalshi::crypto {

class Drbg {
 public:
  // The process-wide instance; created on first use and never destroyed, so threads still
  // signing while static destructors run cannot touch a dead object.
  static Drbg &instance();

  Error fill(uint8_t *out, size_t n);

  // An mbedTLS f_rng callback; p_rng must be a Drbg*.
  static int mbedtls_rng(void *p_rng, unsigned char *out, size_t n);

  Drbg(const Drbg &) = delete;
  Drbg &operator=(const Drbg &) = delete;

 private:
  Drbg();
  ~Drbg();
  int fill_locked(unsigned char *out, size_t n);

  std::mutex mu_;
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context ctr_;
  bool seeded_ = false;
  pid_t pid_ = 0;
};

}  // namespace kalshi::crypto
