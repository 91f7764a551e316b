// Typed read access to decoded messages, generated from messages.def: one view class per message
// with one accessor per member (ExecutionReportView::avg_px() -> std::optional<int64_t>), and a
// nested entry class per group (ExecutionReportView::no_party_ids() -> a range of
// no_party_ids_entry with party_id(), party_role()).
//
// Value types follow the member's FieldType: std::string_view for String/MultiChar/Data, char
// for Char, bool for Bool, int64_t for everything numeric (scales in value.h). std::nullopt when
// the field is absent. Views are two pointers wide and borrow the DecodedMessage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "api/fix/decoded_message.h"
#include "api/fix/dictionary.h"

namespace kalshi::fix {

template <FieldType T>
using value_t =
    std::conditional_t<T == FieldType::String || T == FieldType::MultiChar || T == FieldType::Data,
                       std::string_view,
                       std::conditional_t<T == FieldType::Char, char,
                                          std::conditional_t<T == FieldType::Bool, bool, int64_t>>>;

class ScopeView {
 public:
  ScopeView() = default;
  explicit ScopeView(FieldScope s) : s_(s) {}
  const FieldScope &scope() const { return s_; }

  template <uint32_t Tag, FieldType T>
  std::optional<value_t<T>> get() const {
    const DecodedField *f = s_.find_inline(Tag);
    if (f == nullptr) return std::nullopt;
    if constexpr (std::is_same_v<value_t<T>, std::string_view>) {
      return f->text;
    } else if constexpr (std::is_same_v<value_t<T>, char>) {
      return static_cast<char>(f->value);
    } else if constexpr (std::is_same_v<value_t<T>, bool>) {
      return f->value != 0;
    } else {
      return f->value;
    }
  }

 private:
  FieldScope s_;
};

// The entries of one group in a scope.
template <class Entry>
class GroupView {
 public:
  GroupView(const FieldScope &parent, uint32_t counter) : parent_(parent), counter_(counter) {}
  size_t size() const { return parent_.count(counter_); }
  bool empty() const { return size() == 0; }
  Entry operator[](size_t i) const { return Entry(parent_.entry(counter_, i)); }

  class iterator {
   public:
    iterator(const GroupView *g, size_t i) : g_(g), i_(i) {}
    Entry operator*() const { return (*g_)[i_]; }
    iterator &operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const iterator &o) const { return i_ != o.i_; }

   private:
    const GroupView *g_;
    size_t i_;
  };
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, size()); }

 private:
  FieldScope parent_;
  uint32_t counter_;
};

#define KFIX_MSG(Name, msg_type_str, dir, pred, margin, doc) \
  class Name##View : public ScopeView {                      \
   public:                                                   \
    using ScopeView::ScopeView;                              \
    static constexpr std::string_view kName = #Name;         \
    static constexpr std::string_view kMsgType = msg_type_str;
#define KFIX_M(snake, presence, note)                        \
  std::optional<value_t<field::snake::type>> snake() const { \
    return get<field::snake::tag, field::snake::type>();     \
  }
#define KFIX_MT(snake, presence, Type, note)              \
  std::optional<value_t<FieldType::Type>> snake() const { \
    return get<field::snake::tag, FieldType::Type>();     \
  }
#define KFIX_G(snake, presence, span, note) \
  class snake##_entry : public ScopeView {  \
   public:                                  \
    using ScopeView::ScopeView;
#define KFIX_END_G(snake)                                        \
  }                                                              \
  ;                                                              \
  GroupView<snake##_entry> snake() const {                       \
    return GroupView<snake##_entry>(scope(), field::snake::tag); \
  }
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

// The view of `m` as message V (e.g. view_as<ExecutionReportView>(m)), or std::nullopt when m
// was decoded as another message.
template <class V>
std::optional<V> view_as(const DecodedMessage &m) {
  if (m.def() == nullptr || m.def()->name != V::kName) return std::nullopt;
  return V(m.root());
}

}  // namespace kalshi::fix
