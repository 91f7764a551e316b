// kalshi_fix_msg_*: typed reads of a received FIX message (api/fix/message_event.h).
#include <kalshi/fix.h>

#include <memory>
#include <string_view>
#include <tuple>

#include "api/fix/message_event.h"
#include "api/fix/session_driver.h"
#include "capi/enum_arg.h"
#include "capi/guard.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"

#include <string>

using kalshi::fix::DecodedField;
using kalshi::fix::FieldType;

namespace {

// The field with `tag` in m's scope, or nullptr.
const DecodedField *find(const kalshi_fix_msg_t *m, uint32_t tag) {
  if (m == nullptr || m->owner == nullptr) return nullptr;
  return m->scope.find(tag);
}

// Reads a field whose type is one of `accepted`; unknown tags (kept as text) are parsed by
// `fallback` when given.
template <typename Out, typename Fallback>
kalshi_err_t read(const kalshi_fix_msg_t *m, uint32_t tag, Out *out,
                  std::initializer_list<FieldType> accepted, Fallback fallback) {
  if (m == nullptr || out == nullptr) return KALSHI_ERR_INVALID_ARG;
  const DecodedField *f = find(m, tag);
  if (f == nullptr) return KALSHI_ERR_NOT_FOUND;
  for (FieldType t : accepted) {
    if (f->type == t && f->known()) {
      *out = static_cast<Out>(f->value);
      return KALSHI_OK;
    }
  }
  if (!f->known()) return fallback(f->text, out) ? KALSHI_OK : KALSHI_ERR_INVALID_ARG;
  return KALSHI_ERR_INVALID_ARG;
}

constexpr auto kNoFallback = [](std::string_view, auto *) { return false; };

void build_direct(const kalshi_fix_msg_t *m) {
  if (m->direct_built) return;
  m->direct_built = true;
  const auto &fields = m->scope.message()->fields();
  const uint32_t first = m->scope.first_index();
  for (size_t i = 0; i < m->scope.size(); ++i) {
    const uint32_t idx = first + static_cast<uint32_t>(i);
    if (fields[idx].depth == m->scope.depth()) m->direct.push_back(idx);
  }
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_fix_decode(const uint8_t *frame, size_t len,
                                          kalshi_product_t product, int use_dollars,
                                          kalshi_event_t **out, kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr || (frame == nullptr && len > 0)) {
    return kalshi::report(err, KALSHI_ERR_INVALID_ARG, "frame and out must not be NULL");
  }
  *out = nullptr;
  kalshi::fix::Product checked_product;
  if (!kalshi::capi::product_arg(product, &checked_product)) {
    return kalshi::report(err, KALSHI_ERR_INVALID_ARG, "unknown product");
  }
  return kalshi::capi::guarded(err, [&] {
    const std::string_view bytes(reinterpret_cast<const char *>(frame), len);
    const kalshi::fix::FrameScan scan =
        kalshi::fix::scan_frame(bytes.data(), bytes.size(), bytes.size() + 1);
    if (scan.status != kalshi::fix::FrameScan::Complete || scan.length != len) {
      return kalshi::report(err, KALSHI_ERR_PROTOCOL,
                            std::string("not exactly one FIX message: ") +
                                (scan.status == kalshi::fix::FrameScan::Malformed
                                     ? kalshi::fix::frame_error_name(scan.error)
                                     : (scan.status == kalshi::fix::FrameScan::NeedMore
                                            ? "truncated"
                                            : "bytes after the message")));
    }
    kalshi::fix::Context ctx;
    ctx.product = checked_product;
    ctx.use_dollars = use_dollars != 0;
    kalshi::fix::Inbound in;
    in.frame = bytes;
    kalshi::EventPtr ev = kalshi::fix::make_message_event(in, ctx, 0);
    if (ev->type != KALSHI_EVENT_FIX_MESSAGE) {
      return kalshi::report(
          err, ev->error ? ev->error->e : kalshi::Error::make(KALSHI_ERR_PROTOCOL, "undecodable"));
    }
    *out = ev.release();
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_fix_state_t kalshi_event_fix_state(const kalshi_event_t *ev) {
  if (ev == nullptr || ev->type != KALSHI_EVENT_FIX_STATE) return KALSHI_FIX_DISCONNECTED;
  return kalshi::fix::event_fix_state(*ev);
}

KALSHI_API const kalshi_fix_msg_t *kalshi_event_fix_msg(const kalshi_event_t *ev) {
  return ev == nullptr ? nullptr : kalshi::fix::event_fix_msg(*ev);
}

KALSHI_API const char *kalshi_fix_msg_type(const kalshi_fix_msg_t *m) {
  return m == nullptr || m->owner == nullptr ? "" : m->owner->msg_type.c_str();
}

KALSHI_API uint64_t kalshi_fix_msg_seq(const kalshi_fix_msg_t *m) {
  return m == nullptr || m->owner == nullptr ? 0 : m->owner->msg.seq();
}

KALSHI_API int kalshi_fix_msg_poss_dup(const kalshi_fix_msg_t *m) {
  return m != nullptr && m->owner != nullptr && m->owner->msg.poss_dup() ? 1 : 0;
}

KALSHI_API int64_t kalshi_fix_msg_sending_time_ms(const kalshi_fix_msg_t *m) {
  return m == nullptr || m->owner == nullptr ? 0 : m->owner->msg.sending_time_ms();
}

KALSHI_API const uint8_t *kalshi_fix_msg_raw(const kalshi_fix_msg_t *m, size_t *len) {
  if (m == nullptr || m->owner == nullptr) {
    if (len != nullptr) *len = 0;
    return reinterpret_cast<const uint8_t *>("");
  }
  if (len != nullptr) *len = m->owner->frame.size();
  return reinterpret_cast<const uint8_t *>(m->owner->frame.data());
}

KALSHI_API uint64_t kalshi_fix_msg_ref_user_tag(const kalshi_fix_msg_t *m) {
  return m == nullptr || m->owner == nullptr ? 0 : m->owner->ref_user_tag;
}

KALSHI_API int kalshi_fix_msg_has(const kalshi_fix_msg_t *m, uint32_t tag) {
  return find(m, tag) != nullptr ? 1 : 0;
}

KALSHI_API kalshi_err_t kalshi_fix_msg_str(const kalshi_fix_msg_t *m, uint32_t tag,
                                           const char **value, size_t *len) {
  if (m == nullptr || value == nullptr || len == nullptr) return KALSHI_ERR_INVALID_ARG;
  const DecodedField *f = find(m, tag);
  if (f == nullptr) return KALSHI_ERR_NOT_FOUND;
  *value = f->text.data();
  *len = f->text.size();
  return KALSHI_OK;
}

KALSHI_API kalshi_err_t kalshi_fix_msg_int(const kalshi_fix_msg_t *m, uint32_t tag,
                                           int64_t *value) {
  return read(m, tag, value,
              {FieldType::Int, FieldType::SeqNum, FieldType::Length, FieldType::NumInGroup,
               FieldType::LocalMktDate},
              [](std::string_view s, int64_t *out) { return kalshi::fix::parse_int(s, out); });
}

KALSHI_API kalshi_err_t kalshi_fix_msg_char(const kalshi_fix_msg_t *m, uint32_t tag, char *value) {
  return read(m, tag, value, {FieldType::Char}, [](std::string_view s, char *out) {
    if (s.size() != 1) return false;
    *out = s[0];
    return true;
  });
}

KALSHI_API kalshi_err_t kalshi_fix_msg_bool(const kalshi_fix_msg_t *m, uint32_t tag, int *value) {
  return read(m, tag, value, {FieldType::Bool}, [](std::string_view s, int *out) {
    if (s != "Y" && s != "N") return false;
    *out = s == "Y" ? 1 : 0;
    return true;
  });
}

KALSHI_API kalshi_err_t kalshi_fix_msg_price(const kalshi_fix_msg_t *m, uint32_t tag,
                                             kalshi_price_t *value) {
  return read(m, tag, value, {FieldType::Price, FieldType::PriceDollars, FieldType::PriceCents},
              kNoFallback);
}

KALSHI_API kalshi_err_t kalshi_fix_msg_count(const kalshi_fix_msg_t *m, uint32_t tag,
                                             kalshi_count_t *value) {
  return read(m, tag, value, {FieldType::Qty}, kNoFallback);
}

KALSHI_API kalshi_err_t kalshi_fix_msg_amount(const kalshi_fix_msg_t *m, uint32_t tag,
                                              int64_t *value) {
  return read(m, tag, value, {FieldType::Amount}, kNoFallback);
}

KALSHI_API kalshi_err_t kalshi_fix_msg_time_ms(const kalshi_fix_msg_t *m, uint32_t tag,
                                               int64_t *epoch_ms) {
  return read(m, tag, epoch_ms, {FieldType::UtcTimestamp}, kNoFallback);
}

KALSHI_API size_t kalshi_fix_msg_group_count(const kalshi_fix_msg_t *m, uint32_t counter_tag) {
  if (m == nullptr || m->owner == nullptr) return 0;
  return m->scope.count(counter_tag);
}

KALSHI_API const kalshi_fix_msg_t *kalshi_fix_msg_group_entry(const kalshi_fix_msg_t *m,
                                                              uint32_t counter_tag, size_t index) {
  if (m == nullptr || m->owner == nullptr) return nullptr;
  try {
    if (index >= m->scope.count(counter_tag)) return nullptr;
    auto key = std::make_tuple(m->scope.first_index(), counter_tag, index);
    auto &slot = m->owner->entries[key];
    if (!slot) {
      slot = std::make_unique<kalshi_fix_msg>();
      slot->owner = m->owner;
      slot->scope = m->scope.entry(counter_tag, index);
    }
    return slot.get();
  } catch (...) {
    return nullptr;
  }
}

KALSHI_API size_t kalshi_fix_msg_field_count(const kalshi_fix_msg_t *m) {
  if (m == nullptr || m->owner == nullptr) return 0;
  try {
    build_direct(m);
    return m->direct.size();
  } catch (...) {
    return 0;
  }
}

KALSHI_API kalshi_err_t kalshi_fix_msg_field_at(const kalshi_fix_msg_t *m, size_t index,
                                                uint32_t *tag, const char **value, size_t *len) {
  if (m == nullptr || m->owner == nullptr) return KALSHI_ERR_INVALID_ARG;
  return kalshi::capi::guarded(nullptr, [&] {
    build_direct(m);
    if (index >= m->direct.size()) return KALSHI_ERR_NOT_FOUND;
    const DecodedField &f = m->scope.message()->fields()[m->direct[index]];
    if (tag != nullptr) *tag = f.tag;
    if (value != nullptr) *value = f.text.data();
    if (len != nullptr) *len = f.text.size();
    return KALSHI_OK;
  });
}

}  // extern "C"
