// The field tables behind the generic decoder, generated from the X-macro lists in models.h, and
// the field-to-text view used by generic glue.
#include <cstddef>
#include <cstring>

#include "core/decimal.h"
#include "json/decode.h"

namespace kalshi::json {
namespace {

constexpr bool Req = true;
constexpr bool Opt = false;

template <size_t N>
constexpr bool names_fit_padding(const FieldInfo (&fields)[N]) {
  for (const FieldInfo &f : fields) {
    if (f.name.size() >= kJsonPadding) return false;
  }
  return true;
}

#define KALSHI_JSON_FIELD(name, kind, req) \
  FieldInfo{#name, FieldKind::kind, req, static_cast<uint32_t>(offsetof(Row, name))},
#define KALSHI_JSON_TABLE(Struct, LIST, snake)                       \
  struct snake##_table {                                             \
    using Row = Struct;                                              \
    static constexpr FieldInfo fields[] = {LIST(KALSHI_JSON_FIELD)}; \
  };                                                                 \
  static_assert(names_fit_padding(snake##_table::fields),            \
                "decode_object's fast key path reads name-length bytes past a key");
KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_TABLE)
#undef KALSHI_JSON_TABLE
#undef KALSHI_JSON_FIELD

// The REST envelope key each model may arrive in (GetMarket -> {"market": {...}}).
constexpr std::string_view wrapper_of(ModelKind kind) {
  switch (kind) {
    case ModelKind::Market:
    case ModelKind::MarginMarket:
      return "market";
    case ModelKind::Order:
    case ModelKind::MarginOrder:
      return "order";
    case ModelKind::Event:
      return "event";
    case ModelKind::Series:
      return "series";
    case ModelKind::Fill:
      return "fill";
    default:
      return {};
  }
}

#define KALSHI_JSON_INFO(Struct, LIST, snake)                  \
  ModelInfo{#snake,                                            \
            wrapper_of(ModelKind::Struct),                     \
            snake##_table::fields,                             \
            sizeof(snake##_table::fields) / sizeof(FieldInfo), \
            static_cast<uint32_t>(offsetof(Struct, present)),  \
            [](void *p) { *static_cast<Struct *>(p) = Struct{}; }},
const ModelInfo kModels[] = {KALSHI_JSON_FLAT_MODELS(KALSHI_JSON_INFO)};
#undef KALSHI_JSON_INFO
static_assert(sizeof(kModels) / sizeof(kModels[0]) == static_cast<size_t>(ModelKind::kCount));

}  // namespace

const ModelInfo &model_info(ModelKind kind) {
  return kModels[static_cast<size_t>(kind)];
}

bool model_kind_from_name(std::string_view name, ModelKind *out) {
  for (size_t i = 0; i < static_cast<size_t>(ModelKind::kCount); ++i) {
    if (kModels[i].name == name) {
      *out = static_cast<ModelKind>(i);
      return true;
    }
  }
  return false;
}

bool field_text(ModelKind kind, const void *model, size_t index, char (&buf)[32],
                std::string_view *out) {
  const ModelInfo &m = model_info(kind);
  if (index >= m.field_count) return false;
  const FieldInfo &f = m.fields[index];
  const auto *base = static_cast<const unsigned char *>(model);
  uint64_t present = 0;
  std::memcpy(&present, base + m.present_offset, sizeof present);
  if (((present >> index) & 1u) == 0) return false;
  const unsigned char *p = base + f.offset;
  int64_t v = 0;
  switch (f.kind) {
    case FieldKind::String:
    case FieldKind::Number:
      std::memcpy(static_cast<void *>(out), p, sizeof(std::string_view));
      return true;
    case FieldKind::Bool: {
      bool b = false;
      std::memcpy(&b, p, sizeof b);
      *out = b ? "true" : "false";
      return true;
    }
    case FieldKind::Price:
    case FieldKind::Cents:
    case FieldKind::Centi:
      std::memcpy(&v, p, sizeof v);
      *out = std::string_view(buf, format_fixed(v, 6, 2, buf));
      return true;
    case FieldKind::Count:
      std::memcpy(&v, p, sizeof v);
      *out = std::string_view(buf, format_fixed(v, 2, 2, buf));
      return true;
    case FieldKind::Int:
      std::memcpy(&v, p, sizeof v);
      *out = std::string_view(buf, format_fixed(v, 0, 0, buf));
      return true;
  }
  return false;
}

}  // namespace kalshi::json
