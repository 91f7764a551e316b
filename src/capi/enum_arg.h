// Enum arguments from C may hold any int (C does not restrict an enum object to its
// enumerators), while reading a C++ enum-typed value outside its enumerators is undefined. So a
// public enum argument is validated through its underlying integer, copied out as bytes.
#pragma once

#include <cstring>
#include <type_traits>

#include <kalshi/fix.h>

#include "fix/session/session_kind.h"

namespace kalshi::capi {

template <typename E>
std::underlying_type_t<E> enum_arg(const E &e) {
  std::underlying_type_t<E> v;
  std::memcpy(&v, &e, sizeof v);
  return v;
}

// false for anything but KALSHI_PRODUCT_PREDICTION / KALSHI_PRODUCT_MARGIN.
inline bool product_arg(const kalshi_product_t &p, fix::Product *out) {
  switch (enum_arg(p)) {
    case KALSHI_PRODUCT_PREDICTION:
      *out = fix::Product::Prediction;
      return true;
    case KALSHI_PRODUCT_MARGIN:
      *out = fix::Product::Margin;
      return true;
    default:
      return false;
  }
}

}  // namespace kalshi::capi
