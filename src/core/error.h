// Error values inside the library, and the C ABI's kalshi_error_t.
#pragma once

#include <kalshi/error.h>

#include <cstdint>
#include <string>

namespace kalshi {

struct Error {
  kalshi_err_t code = KALSHI_OK;
  std::string message;
  int32_t http_status = 0;
  std::string exchange_code;
  bool retriable = false;
  bool fatal = false;

  bool ok() const { return code == KALSHI_OK; }
  static Error make(kalshi_err_t c, std::string msg) {
    Error e;
    e.code = c;
    e.message = std::move(msg);
    return e;
  }
};

// Hands `e` to an optional C out-parameter. Returns e.code so callers can write
// `return report(err, Error::make(...))`.
kalshi_err_t report(kalshi_error_t **out, Error e);
kalshi_err_t report(kalshi_error_t **out, kalshi_err_t code, std::string msg);

// Writes a NUL-terminated, truncated message to an errstr buffer (may be NULL / size 0).
void write_errstr(char *errstr, size_t size, const std::string &msg);

}  // namespace kalshi

// The C ABI object is the C++ value itself.
struct kalshi_error {
  kalshi::Error e;
};
