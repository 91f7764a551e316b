#include "core/error.h"

#include <cstring>
#include <new>

namespace kalshi {

kalshi_err_t report(kalshi_error_t **out, Error e) {
  const kalshi_err_t code = e.code;
  if (out != nullptr) {
    *out = nullptr;
    if (code != KALSHI_OK) {
      // Out of memory while reporting still returns the code; only the detail is lost.
      *out = new (std::nothrow) kalshi_error{std::move(e)};
    }
  }
  return code;
}

kalshi_err_t report(kalshi_error_t **out, kalshi_err_t code, std::string msg) {
  return report(out, Error::make(code, std::move(msg)));
}

void write_errstr(char *errstr, size_t size, const std::string &msg) {
  if (errstr == nullptr || size == 0) return;
  const size_t n = msg.size() < size - 1 ? msg.size() : size - 1;
  std::memcpy(errstr, msg.data(), n);
  errstr[n] = '\0';
}

}  // namespace kalshi
