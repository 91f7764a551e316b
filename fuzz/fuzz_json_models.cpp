// Every REST JSON decoder behind one selector byte: never crashes, hangs or reads outside the
// input (ASan), every decoded model's fields can be viewed as text, and the fast decimal parser
// agrees with parse_fixed on the raw bytes after byte 0. Byte 0 picks the decoder:
//   [0, K)      a flat model of ModelKind (byte 0) from the rest
//   [K, 2K)     a page of that kind under the key "items"
//   2K .. 2K+4  order book, margin order book, exchange schedule, margin balance, positions page
// where K = ModelKind::kCount; the byte is taken modulo 2K+5.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "json/decode.h"
#include "json/fast_decimal.h"

using namespace kalshi::json;

namespace {

// Storage big enough for any flat model, so the by-kind entry point can write into it.
union AnyModel {
#define KALSHI_JSON_UNION_MEMBER(Struct, LIST, snake) Struct snake;
  KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_UNION_MEMBER)
#undef KALSHI_JSON_UNION_MEMBER
  AnyModel() : exchange_status() {}
};

void view_all_fields(ModelKind kind, const void *model) {
  const ModelInfo &info = model_info(kind);
  char buf[32];
  for (size_t i = 0; i < info.field_count; ++i) {
    std::string_view text;
    if (field_text(kind, model, i, buf, &text) && text.size() > 0 && text.data() == nullptr)
      abort();
  }
}

template <class T>
void *append(void *vector, bool clear) {
  auto *v = static_cast<std::vector<T> *>(vector);
  if (clear) {
    v->clear();
    return nullptr;
  }
  return &v->emplace_back();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  // The decoders' fast decimal path must agree with core/decimal.h's parse_fixed on any text.
  const std::string_view raw(reinterpret_cast<const char *>(data + 1), size - 1);
  for (int scale : {0, 2, 4, 6}) {
    int64_t slow = 0, fast = 0;
    const kalshi_err_t a = kalshi::parse_fixed(raw, scale, &slow);
    if (a != parse_decimal_fast(raw, scale, &fast) || (a == KALSHI_OK && slow != fast)) abort();
  }
  static JsonDecoder decoder;
  const size_t k = static_cast<size_t>(ModelKind::kCount);
  const size_t selector = data[0] % (2 * k + 5);
  const std::string_view json =
      decoder.pad(std::string_view(reinterpret_cast<const char *>(data + 1), size - 1));
  if (selector < k) {
    const auto kind = static_cast<ModelKind>(selector);
    AnyModel model;
    if (decoder.decode(kind, json, &model).ok()) view_all_fields(kind, &model);
  } else if (selector < 2 * k) {
    // Pages through the erased entry point, with a byte vector per element so any kind fits.
    const auto kind = static_cast<ModelKind>(selector - k);
    std::vector<AnyModel> items;
    std::string_view cursor;
    if (decoder
            .decode_page_erased(json, "items", kind,
                                JsonDecoder::VectorSink{&items, &append<AnyModel>}, &cursor)
            .ok()) {
      for (const AnyModel &m : items) view_all_fields(kind, &m);
    }
  } else {
    switch (selector - 2 * k) {
      case 0: {
        OrderBook b;
        (void)decoder.decode_orderbook(json, &b);
        break;
      }
      case 1: {
        MarginOrderBook b;
        (void)decoder.decode_margin_orderbook(json, &b);
        break;
      }
      case 2: {
        ExchangeSchedule s;
        (void)decoder.decode_exchange_schedule(json, &s);
        break;
      }
      case 3: {
        MarginBalance b;
        if (decoder.decode_margin_balance(json, &b).ok()) {
          for (const auto &s : b.subaccount_balances)
            view_all_fields(ModelKind::MarginSubaccountBalance, &s);
        }
        break;
      }
      default: {
        std::vector<MarketPosition> mp;
        std::vector<EventPosition> ep;
        std::string_view cursor;
        (void)decoder.decode_positions_page(json, &mp, &ep, &cursor);
        break;
      }
    }
  }
  return 0;
}
