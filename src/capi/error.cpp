#include <kalshi/error.h>

#include "core/error.h"
#include "core/error_codes.h"

using kalshi::find_error_code;

extern "C" {

KALSHI_API const char *kalshi_err_name(kalshi_err_t code) {
  const auto *row = find_error_code(code);
  return row != nullptr ? row->name : "KALSHI_ERR_UNKNOWN_CODE";
}

KALSHI_API const char *kalshi_err_str(kalshi_err_t code) {
  const auto *row = find_error_code(code);
  return row != nullptr ? row->description : "unknown error code";
}

KALSHI_API size_t kalshi_err_codes(kalshi_err_t *out, size_t cap) {
  size_t count = 0;
  const auto *rows = kalshi::error_code_table(&count);
  if (out != nullptr) {
    for (size_t i = 0; i < count && i < cap; ++i) out[i] = rows[i].code;
  }
  return count;
}

KALSHI_API kalshi_err_t kalshi_error_code(const kalshi_error_t *e) {
  return e != nullptr ? e->e.code : KALSHI_ERR_INVALID_ARG;
}

KALSHI_API const char *kalshi_error_message(const kalshi_error_t *e) {
  return e != nullptr ? e->e.message.c_str() : "";
}

KALSHI_API int32_t kalshi_error_http_status(const kalshi_error_t *e) {
  return e != nullptr ? e->e.http_status : 0;
}

KALSHI_API const char *kalshi_error_exchange_code(const kalshi_error_t *e) {
  return e != nullptr ? e->e.exchange_code.c_str() : "";
}

KALSHI_API int kalshi_error_retriable(const kalshi_error_t *e) {
  return e != nullptr && e->e.retriable ? 1 : 0;
}

KALSHI_API int kalshi_error_fatal(const kalshi_error_t *e) {
  return e != nullptr && e->e.fatal ? 1 : 0;
}

KALSHI_API void kalshi_error_destroy(kalshi_error_t *e) { delete e; }

}  // extern "C"
