// Every extern "C" entry runs its body through guarded(): no C++ exception ever crosses the ABI.
#pragma once

#include <kalshi/error.h>

#include <exception>
#include <new>

#include "core/error.h"

namespace kalshi::capi {

template <typename Fn>
kalshi_err_t guarded(kalshi_error_t **err, Fn &&fn) noexcept {
  try {
    return fn();
  } catch (const std::bad_alloc &) {
    return report(err, KALSHI_ERR_NO_MEMORY, "out of memory");
  } catch (const std::exception &ex) {
    return report(err, KALSHI_ERR_INTERNAL, ex.what());
  } catch (...) {
    return report(err, KALSHI_ERR_INTERNAL, "unknown internal failure");
  }
}

}  // namespace kalshi::capi
