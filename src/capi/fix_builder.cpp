// kalshi_fix_builder_* and kalshi_fix_send: any client-to-server message, field by field.
//
// The C builder is not tied to a session, but a price's wire form (cents or dollars) is, so it
// records the calls and replays them into the session's encoder at send time. Each call is also
// applied at once to a probe encoder, so a bad tag or value fails where the caller made it.
#include <kalshi/fix.h>

#include <string>
#include <utility>
#include <vector>

#include "api/fix/builder.h"
#include "capi/fix_session.h"
#include "capi/guard.h"

using kalshi::Error;
using kalshi::report;
using kalshi::capi::guarded;
namespace fix = kalshi::fix;

namespace {

struct Op {
  enum class Kind : uint8_t { Str, Int, Char, Bool, Price, Count, Amount, Time, Begin, Entry, End };
  Kind kind;
  uint32_t tag;
  int64_t num;
  std::string text;
};

Error apply(const Op &op, fix::MessageBuilder &b) {
  switch (op.kind) {
    case Op::Kind::Str:
      return b.set_text(op.tag, op.text);
    case Op::Kind::Int:
      return b.set_int(op.tag, op.num);
    case Op::Kind::Char:
      return b.set_char(op.tag, static_cast<char>(op.num));
    case Op::Kind::Bool:
      return b.set_bool(op.tag, op.num != 0);
    case Op::Kind::Price:
      return b.set_price(op.tag, op.num);
    case Op::Kind::Count:
      return b.set_qty(op.tag, op.num);
    case Op::Kind::Amount:
      return b.set_amount(op.tag, op.num);
    case Op::Kind::Time:
      return b.set_timestamp(op.tag, op.num);
    case Op::Kind::Begin:
      return b.begin_group(op.tag);
    case Op::Kind::Entry:
      return b.next_entry();
    case Op::Kind::End:
      return b.end_group();
  }
  return Error::make(KALSHI_ERR_INTERNAL, "unknown builder operation");
}

// The probe checks form with sub-penny dollar prices (the most permissive wire form); the
// session's own form is checked again when the message is sent.
const fix::Context kProbeContext{fix::Product::Prediction, true};

}  // namespace

struct kalshi_fix_builder {
  std::string msg_type;
  fix::MessageBuilder probe;
  std::vector<Op> ops;

  kalshi_err_t record(Op op, kalshi_error_t **err) {
    if (Error e = apply(op, probe); !e.ok()) return report(err, std::move(e));
    ops.push_back(std::move(op));
    return KALSHI_OK;
  }
};

namespace {

Error start(kalshi_fix_builder *b, const char *msg_type) {
  const fix::MessageDef *def = fix::find_message(msg_type, fix::Direction::ClientToServer);
  if (def == nullptr) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       std::string("35=") + msg_type + " is not a message a client sends");
  }
  b->msg_type = msg_type;
  b->ops.clear();
  return b->probe.start(def, kProbeContext);
}

template <typename Fn>
kalshi_err_t with_builder(kalshi_fix_builder_t *b, kalshi_error_t **err, Fn &&fn) {
  if (err != nullptr) *err = nullptr;
  if (b == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "builder must not be NULL");
  return guarded(err, [&] { return fn(); });
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_fix_builder_new(const char *msg_type, kalshi_fix_builder_t **out,
                                               kalshi_error_t **err) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr || msg_type == nullptr) {
    return report(err, KALSHI_ERR_INVALID_ARG, "msg_type and out must not be NULL");
  }
  *out = nullptr;
  return guarded(err, [&] {
    auto b = std::make_unique<kalshi_fix_builder>();
    if (Error e = start(b.get(), msg_type); !e.ok()) return report(err, std::move(e));
    *out = b.release();
    return KALSHI_OK;
  });
}

KALSHI_API kalshi_err_t kalshi_fix_builder_reset(kalshi_fix_builder_t *b, const char *msg_type,
                                                 kalshi_error_t **err) {
  return with_builder(b, err, [&] {
    if (msg_type == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "msg_type is NULL");
    Error e = start(b, msg_type);
    return e.ok() ? KALSHI_OK : report(err, std::move(e));
  });
}

KALSHI_API void kalshi_fix_builder_destroy(kalshi_fix_builder_t *b) {
  delete b;
}

KALSHI_API kalshi_err_t kalshi_fix_builder_set_str(kalshi_fix_builder_t *b, uint32_t tag,
                                                   const char *value, size_t len,
                                                   kalshi_error_t **err) {
  return with_builder(b, err, [&] {
    if (value == nullptr) return report(err, KALSHI_ERR_INVALID_ARG, "value is NULL");
    return b->record(Op{Op::Kind::Str, tag, 0, std::string(value, len)}, err);
  });
}

#define KALSHI_FIX_SETTER(fn, kind, type)                                              \
  KALSHI_API kalshi_err_t fn(kalshi_fix_builder_t *b, uint32_t tag, type value,        \
                             kalshi_error_t **err) {                                   \
    return with_builder(b, err, [&] {                                                  \
      return b->record(Op{Op::Kind::kind, tag, static_cast<int64_t>(value), {}}, err); \
    });                                                                                \
  }
KALSHI_FIX_SETTER(kalshi_fix_builder_set_int, Int, int64_t)
KALSHI_FIX_SETTER(kalshi_fix_builder_set_char, Char, char)
KALSHI_FIX_SETTER(kalshi_fix_builder_set_bool, Bool, int)
KALSHI_FIX_SETTER(kalshi_fix_builder_set_price, Price, kalshi_price_t)
KALSHI_FIX_SETTER(kalshi_fix_builder_set_count, Count, kalshi_count_t)
KALSHI_FIX_SETTER(kalshi_fix_builder_set_amount, Amount, int64_t)
KALSHI_FIX_SETTER(kalshi_fix_builder_set_time_ms, Time, int64_t)
#undef KALSHI_FIX_SETTER

KALSHI_API kalshi_err_t kalshi_fix_builder_group_begin(kalshi_fix_builder_t *b,
                                                       uint32_t counter_tag, kalshi_error_t **err) {
  return with_builder(b, err, [&] {
    return b->record(Op{Op::Kind::Begin, counter_tag, 0, {}}, err);
  });
}

KALSHI_API kalshi_err_t kalshi_fix_builder_entry_next(kalshi_fix_builder_t *b,
                                                      kalshi_error_t **err) {
  return with_builder(b, err, [&] { return b->record(Op{Op::Kind::Entry, 0, 0, {}}, err); });
}

KALSHI_API kalshi_err_t kalshi_fix_builder_group_end(kalshi_fix_builder_t *b,
                                                     kalshi_error_t **err) {
  return with_builder(b, err, [&] { return b->record(Op{Op::Kind::End, 0, 0, {}}, err); });
}

KALSHI_API kalshi_err_t kalshi_fix_send(kalshi_fix_session_t *s, const kalshi_fix_builder_t *b,
                                        const char *sender_sub_id, uint64_t user_tag,
                                        uint64_t *seq_out, kalshi_error_t **err) {
  if (b == nullptr) {
    if (err != nullptr) *err = nullptr;
    return report(err, KALSHI_ERR_INVALID_ARG, "builder must not be NULL");
  }
  return kalshi::capi::fix_send(
      s, b->msg_type,
      [b](fix::MessageBuilder &mb) {
        for (const Op &op : b->ops) {
          if (Error e = apply(op, mb); !e.ok()) return e;
        }
        return Error{};
      },
      sender_sub_id, user_tag, seq_out, err);
}

}  // extern "C"
