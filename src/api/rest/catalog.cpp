#include "api/rest/catalog.h"

#include <algorithm>
#include <cstddef>

namespace kalshi::rest {

namespace {

#include "api/rest/catalog_data.inc"

constexpr size_t kApiCount = sizeof(kOperationsPerApi) / sizeof(kOperationsPerApi[0]);
static_assert(kApiCount == 3, "one count per Api value");

std::string_view id_of(uint16_t index) {
  return kOperations[index].id;
}

}  // namespace

std::span<const OperationDef> operations() {
  return {kOperations, std::size(kOperations)};
}

std::span<const OperationDef> operations(Api api) {
  const auto which = static_cast<size_t>(api);
  if (which >= kApiCount) return {};
  size_t begin = 0;
  for (size_t i = 0; i < which; ++i) begin += kOperationsPerApi[i];
  return operations().subspan(begin, kOperationsPerApi[which]);
}

const OperationDef *find_operation(Api api, std::string_view operation_id) {
  // kOperationIndex is sorted by (api, operationId): narrow to the api, then binary search.
  const uint16_t *first = std::begin(kOperationIndex);
  const uint16_t *last = std::end(kOperationIndex);
  auto api_less = [](uint16_t index, Api a) { return kOperations[index].api < a; };
  auto api_greater = [](Api a, uint16_t index) { return a < kOperations[index].api; };
  first = std::lower_bound(first, last, api, api_less);
  last = std::upper_bound(first, last, api, api_greater);
  auto id_less = [](uint16_t index, std::string_view id) { return id_of(index) < id; };
  const uint16_t *hit = std::lower_bound(first, last, operation_id, id_less);
  if (hit == last || id_of(*hit) != operation_id) return nullptr;
  return &kOperations[*hit];
}

const char *api_name(Api api) {
  switch (api) {
    case Api::Prediction:
      return "prediction";
    case Api::Perps:
      return "perps";
    case Api::Klear:
      return "klear";
  }
  return "unknown";
}

bool parse_api(std::string_view text, Api *out) {
  for (Api a : {Api::Prediction, Api::Perps, Api::Klear}) {
    if (text == api_name(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

const char *auth_name(Auth auth) {
  switch (auth) {
    case Auth::None:
      return "none";
    case Auth::KalshiSignature:
      return "signature";
    case Auth::Bearer:
      return "bearer";
  }
  return "unknown";
}

const char *rate_class_name(RateClass rate) {
  return rate == RateClass::Write ? "write" : "read";
}

const char *param_type_name(ParamType type) {
  switch (type) {
    case ParamType::String:
      return "string";
    case ParamType::Integer:
      return "integer";
    case ParamType::Number:
      return "number";
    case ParamType::Boolean:
      return "boolean";
    case ParamType::StringArray:
      return "string array";
    case ParamType::IntegerArray:
      return "integer array";
    case ParamType::Array:
      return "array";
    case ParamType::Object:
      return "object";
  }
  return "unknown";
}

}  // namespace kalshi::rest
