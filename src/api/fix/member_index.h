// Internal: O(1) tag -> field slot -> top-level member index of a message, inline for the
// decoder's per-field loop and the typed views (a linear scan over ExecutionReport's ~40 members
// per field would dominate decoding, and even an out-of-line probe costs a call per field).
//
// Two tables:
// - field slot: the index of a tag in fields.def (which lists tags in increasing order), a
//   compile-time array for tags below kDenseTags and a binary search over the few custom tags
//   above (1703.., 20105..); kFieldCount for a tag the dictionary does not know. With a constant
//   tag (the views) the probe folds away at compile time.
// - member row: per message, per field slot, one byte: 0 not a top-level member, k + 1 member k,
//   kHeaderSlot a standard header/trailer field. One probe classifies a field for the decoder.
//   An extra row (header_row()) serves messages the dictionary does not know.
#pragma once

#include <cstddef>
#include <cstdint>

#include "api/fix/dictionary.h"

namespace kalshi::fix {

namespace slots {

inline constexpr uint32_t kFieldTags[] = {
#define KFIX_FIELD(num, Name, snake, Type, enums, doc) num,
#include "api/fix/fields.def"
#undef KFIX_FIELD
};
inline constexpr size_t kFieldCount = sizeof kFieldTags / sizeof kFieldTags[0];
inline constexpr uint32_t kDenseTags = 1200;
// The slot of every tag the dictionary does not know: one past the last field, so member rows
// have a column for it (always 0) and the decoder needs no branch for it.
inline constexpr uint16_t kUnknown = static_cast<uint16_t>(kFieldCount);
static_assert(kFieldCount < UINT16_MAX, "field slots must fit in 16 bits");

struct Dense {
  uint16_t slot[kDenseTags];  // tag -> index in fields.def, or kUnknown
  uint16_t sparse_begin;      // index of the first tag >= kDenseTags
};

constexpr Dense make_dense() {
  Dense d{};
  for (uint16_t &s : d.slot) s = kUnknown;
  d.sparse_begin = kUnknown;
  for (size_t i = 0; i < kFieldCount; ++i) {
    if (kFieldTags[i] < kDenseTags) {
      d.slot[kFieldTags[i]] = static_cast<uint16_t>(i);
    } else if (d.sparse_begin == kUnknown) {
      d.sparse_begin = static_cast<uint16_t>(i);
    }
  }
  return d;
}
inline constexpr Dense kDense = make_dense();

constexpr uint16_t sparse_slot(uint32_t tag) {
  size_t lo = kDense.sparse_begin;
  size_t hi = kFieldCount;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (kFieldTags[mid] < tag) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < kFieldCount && kFieldTags[lo] == tag ? static_cast<uint16_t>(lo) : kUnknown;
}

// Member row values.
inline constexpr uint8_t kNotMember = 0;
inline constexpr uint8_t kHeaderSlot = UINT8_MAX;
inline constexpr size_t kRowSize = kFieldCount + 1;  // + the kUnknown column

// Rows per MessageDef::id, filled once with the message tables (dictionary.cpp); only read
// after, since a MessageDef can only be had from the built tables.
extern uint8_t g_member_rows[][kRowSize];

// Standard header and trailer tags (fields.def marks them; FieldDef::header).
constexpr bool is_header_tag(uint32_t t) {
  return t == 8 || t == 9 || t == 10 || t == 34 || t == 35 || t == 43 || t == 49 || t == 50 ||
         t == 52 || t == 56 || t == 97 || t == 122 || t == 1128;
}

struct Row {
  uint8_t slot[kRowSize];
};
constexpr Row make_header_row() {
  Row r{};
  for (size_t i = 0; i < kFieldCount; ++i) {
    r.slot[i] = is_header_tag(kFieldTags[i]) ? kHeaderSlot : kNotMember;
  }
  return r;
}
// The row for a message the dictionary does not know: header fields only. Message rows start
// as copies of it.
inline constexpr Row kHeaderRow = make_header_row();

}  // namespace slots

// Index of `tag` in fields.def, or slots::kUnknown.
constexpr uint16_t field_slot(uint32_t tag) {
  return tag < slots::kDenseTags ? slots::kDense.slot[tag] : slots::sparse_slot(tag);
}

inline const uint8_t *member_row(const MessageDef &def) {
  return slots::g_member_rows[def.id];
}

// Index of `tag` in def.members, or -1.
inline int member_index(const MessageDef &def, uint32_t tag) {
  const uint8_t s = member_row(def)[field_slot(tag)];
  return s == slots::kHeaderSlot ? -1 : static_cast<int>(s) - 1;
}

}  // namespace kalshi::fix
