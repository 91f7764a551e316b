#include "crypto/drbg.h"

#include <unistd.h>

namespace kalshi::crypto {

namespace {
constexpr unsigned char kPersonalization[] = "libkalshi signing drbg";
}

Drbg &Drbg::instance() {
  static Drbg *const d = new Drbg();
  return *d;
}

Drbg::Drbg() {
  mbedtls_entropy_init(&entropy_);
  mbedtls_ctr_drbg_init(&ctr_);
  seeded_ = mbedtls_ctr_drbg_seed(&ctr_, mbedtls_entropy_func, &entropy_, kPersonalization,
                                  sizeof kPersonalization - 1) == 0;
  pid_ = getpid();
}

Drbg::~Drbg() {
  mbedtls_ctr_drbg_free(&ctr_);
  mbedtls_entropy_free(&entropy_);
}

int Drbg::fill_locked(unsigned char *out, size_t n) {
  if (!seeded_) {
    seeded_ = mbedtls_ctr_drbg_seed(&ctr_, mbedtls_entropy_func, &entropy_, kPersonalization,
                                    sizeof kPersonalization - 1) == 0;
    if (!seeded_) return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
    pid_ = getpid();
  }
  if (const pid_t now = getpid(); now != pid_) {
    // A forked child shares the parent's DRBG state; fresh entropy makes its stream diverge.
    const int rc = mbedtls_ctr_drbg_reseed(&ctr_, nullptr, 0);
    if (rc != 0) return rc;
    pid_ = now;
  }
  // mbedtls_ctr_drbg_random caps each request, so large fills go in chunks.
  while (n > 0) {
    const size_t chunk = n < MBEDTLS_CTR_DRBG_MAX_REQUEST ? n : MBEDTLS_CTR_DRBG_MAX_REQUEST;
    const int rc = mbedtls_ctr_drbg_random(&ctr_, out, chunk);
    if (rc != 0) return rc;
    out += chunk;
    n -= chunk;
  }
  return 0;
}

Error Drbg::fill(uint8_t *out, size_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fill_locked(out, n) != 0) {
    return Error::make(KALSHI_ERR_CRYPTO, "random number generator failed (entropy source)");
  }
  return {};
}

int Drbg::mbedtls_rng(void *p_rng, unsigned char *out, size_t n) {
  auto *self = static_cast<Drbg *>(p_rng);
  std::lock_guard<std::mutex> lock(self->mu_);
  return self->fill_locked(out, n);
}

}  // namespace kalshi::crypto
