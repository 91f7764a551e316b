// The one table of error codes: names and descriptions for kalshi_err_name/_str and bindings.
#pragma once

#include <kalshi/error.h>

#include <cstddef>

namespace kalshi {

struct ErrorCodeInfo {
  kalshi_err_t code;
  const char *name;
  const char *description;
};

// All codes, in ascending order of value.
const ErrorCodeInfo *error_code_table(size_t *count);
const ErrorCodeInfo *find_error_code(kalshi_err_t code);

}  // namespace kalshi
