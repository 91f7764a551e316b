// Typed builders generated from messages.def: NewOrderSingleBuilder, ExecutionReportBuilder ...
// one per message and direction, each a MessageBuilder with one setter per member
// (b.cl_ord_id("x"), b.price(750000), b.begin_no_party_ids()) that forwards to the generic typed
// setter for the member's FieldType. Group members are set after begin_<group>() and
// next_entry(), exactly as with the generic API.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "api/fix/builder.h"
#include "api/fix/dictionary.h"

namespace kalshi::fix {

template <FieldType T>
using param_t =
    std::conditional_t<T == FieldType::String || T == FieldType::MultiChar || T == FieldType::Data,
                       std::string_view,
                       std::conditional_t<T == FieldType::Char, char,
                                          std::conditional_t<T == FieldType::Bool, bool, int64_t>>>;

class TypedBuilderBase : public MessageBuilder {
 protected:
  template <FieldType T>
  Error set_as(uint32_t tag, param_t<T> v) {
    if constexpr (T == FieldType::String || T == FieldType::MultiChar) {
      return set_string(tag, v);
    } else if constexpr (T == FieldType::Data) {
      return set_data(tag, v);
    } else if constexpr (T == FieldType::Char) {
      return set_char(tag, v);
    } else if constexpr (T == FieldType::Bool) {
      return set_bool(tag, v);
    } else if constexpr (T == FieldType::Qty) {
      return set_qty(tag, v);
    } else if constexpr (T == FieldType::Amount) {
      return set_amount(tag, v);
    } else if constexpr (T == FieldType::Price || T == FieldType::PriceDollars ||
                         T == FieldType::PriceCents) {
      return set_price(tag, v);
    } else if constexpr (T == FieldType::UtcTimestamp) {
      return set_timestamp(tag, v);
    } else if constexpr (T == FieldType::LocalMktDate) {
      return set_date(tag, static_cast<int32_t>(v));
    } else {
      return set_int(tag, v);
    }
  }
};

#define KFIX_MSG(Name, msg_type_str, dir, pred, margin, doc)          \
  class Name##Builder : public TypedBuilderBase {                     \
   public:                                                            \
    static constexpr std::string_view kName = #Name;                  \
    Error start(const Context &ctx) {                                 \
      return MessageBuilder::start(find_message_by_name(kName), ctx); \
    }
#define KFIX_M(snake, presence, note)                        \
  Error snake(param_t<field::snake::type> v) {               \
    return set_as<field::snake::type>(field::snake::tag, v); \
  }
#define KFIX_MT(snake, presence, Type, note)              \
  Error snake(param_t<FieldType::Type> v) {               \
    return set_as<FieldType::Type>(field::snake::tag, v); \
  }
#define KFIX_G(snake, presence, span, note) \
  Error begin_##snake() {                   \
    return begin_group(field::snake::tag);  \
  }
#define KFIX_END_G(snake)
#define KFIX_END_MSG(Name) \
  }                        \
  ;
#include "api/fix/messages.def"
#undef KFIX_MSG
#undef KFIX_M
#undef KFIX_MT
#undef KFIX_G
#undef KFIX_END_G
#undef KFIX_END_MSG

}  // namespace kalshi::fix
