// Arbitrary bytes as the 2xx body of a REST operation, through the decoding the C ABI uses for
// REST events (api/rest/rest_event.h decode_response: json models -> typed objects + cursor).
// Byte 0 picks the operation (modulo the catalog's size), byte 1 how long the {ticker} path
// parameter is (taken from the next bytes), the rest is the body. Never crashes, hangs or reads
// outside the input (ASan), and the output stays bounded by the input: no more objects than the
// body has bytes, no more fields per object than a model has (plus the path ticker), no more book
// levels than bytes, a cursor no longer than the body, and every field findable by its name.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/catalog.h"
#include "api/rest/rest_event.h"

namespace {
constexpr size_t kMaxFieldsPerObject = 64 + 1;  // a model's 64-bit presence mask + the ticker
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const auto ops = kalshi::rest::operations();
  if (ops.empty()) return 0;
  const kalshi::rest::OperationDef &op = ops[data[0] % ops.size()];
  size_t ticker_len = data[1] % 16;
  if (ticker_len > size - 2) ticker_len = size - 2;
  const std::string_view ticker(reinterpret_cast<const char *>(data + 2), ticker_len);
  // A copy, so reads past the body's end are caught (the decoder pads its own copy).
  const std::string body(reinterpret_cast<const char *>(data + 2 + ticker_len),
                         size - 2 - ticker_len);

  std::vector<kalshi_obj> objs;
  std::string cursor;
  const kalshi::Error e = kalshi::api::rest::decode_response(op, body, ticker, &objs, &cursor);
  if (!e.ok() && e.code == KALSHI_OK) abort();
  if (objs.size() > body.size() + 1 || cursor.size() > body.size()) abort();
  size_t levels = 0;
  for (const kalshi_obj &o : objs) {
    if (o.kind.empty() || o.fields.size() > kMaxFieldsPerObject) abort();
    for (const kalshi_obj::Field &f : o.fields) {
      if (o.find(f.name) == nullptr) abort();
      if (f.kind == KALSHI_FIELD_STR && f.text.size() > body.size() + ticker.size()) abort();
    }
    for (const kalshi_obj::Side &s : o.sides) levels += s.levels.size();
  }
  if (levels > body.size()) abort();
  return 0;
}
