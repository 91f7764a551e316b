// Fuzz target for the fast orderbook_delta / orderbook_snapshot scanner (src/api/ws/fast_books.h):
// on any input it must give exactly the simdjson path's answer — the same error code and message,
// or the same envelope and book payload field by field — or decline. Input: the first byte picks
// the product, the rest is one message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/ws/channels.h"
#include "api/ws/fast_books_compare.h"

using namespace kalshi::wsapi;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const Product product = (data[0] & 1) ? Product::Perps : Product::Prediction;
  const std::string_view json(reinterpret_cast<const char *>(data) + 1, size - 1);
  static Decoder *with_fast[2] = {new Decoder(Product::Prediction), new Decoder(Product::Perps)};
  static Decoder *simdjson_only[2] = {new Decoder(Product::Prediction),
                                      new Decoder(Product::Perps)};
  const int i = product == Product::Perps ? 1 : 0;
  detail::BothWays both;
  both.run(*with_fast[i], *simdjson_only[i], json);
  if (both.difference != nullptr) std::abort();
  return 0;
}
