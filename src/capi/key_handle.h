// The C ABI's kalshi_key_t is a shared handle on an immutable C++ PrivateKey, so a client given a
// key can keep its own reference after the application destroys the handle.
#pragma once

#include <kalshi/key.h>

#include <memory>

#include "crypto/key.h"

struct kalshi_key {
  std::shared_ptr<const kalshi::crypto::PrivateKey> impl;
};

namespace kalshi::capi {

// The key behind a handle, or null for a NULL handle.
inline std::shared_ptr<const crypto::PrivateKey> key_of(const kalshi_key_t *k) {
  return k != nullptr ? k->impl : nullptr;
}

}  // namespace kalshi::capi
