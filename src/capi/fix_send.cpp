// kalshi_fix_send_*: typed shortcuts for the common client messages, on the same encoder as the
// generic builder (kalshi-fix.md §4-§9).
#include <kalshi/fix.h>

#include <string>
#include <vector>

#include "capi/fix_session.h"

using kalshi::Error;
using kalshi::capi::fix_send;
using kalshi::fix::MessageBuilder;
namespace tag = kalshi::fix::tag;

namespace {

// Sets a text field when the caller gave one.
Error opt_text(MessageBuilder &b, uint32_t t, const char *v) {
  return v == nullptr ? Error{} : b.set_string(t, v);
}

Error need(const char *v, const char *what) {
  return v != nullptr
             ? Error{}
             : Error::make(KALSHI_ERR_INVALID_ARG, std::string(what) + " must not be NULL");
}

// A text field the caller must give: NULL is refused with the parameter's name.
Error required(MessageBuilder &b, uint32_t t, const char *v, const char *what) {
  Error e = need(v, what);
  return e.ok() ? b.set_string(t, v) : e;
}

// Runs setters in order, stopping at the first error.
template <typename... Fns>
Error all(Fns &&...fns) {
  Error e;
  ((e.ok() ? (e = fns(), 0) : 0), ...);
  return e;
}

// Messages whose only field is one identifier (QuoteCancel, QuoteConfirm, RFQCancel).
kalshi_err_t send_one_id(kalshi_fix_session_t *s, const char *msg_type, uint32_t t, const char *id,
                         const char *what, uint64_t user_tag, uint64_t *seq_out,
                         kalshi_error_t **err) {
  return fix_send(
      s, msg_type, [&](MessageBuilder &b) { return required(b, t, id, what); }, nullptr, user_tag,
      seq_out, err);
}

}  // namespace

extern "C" {

KALSHI_API kalshi_err_t kalshi_fix_send_new_order(kalshi_fix_session_t *s, const char *cl_ord_id,
                                                  const char *symbol, char side,
                                                  kalshi_price_t price, kalshi_count_t qty,
                                                  char tif, uint64_t user_tag, uint64_t *seq_out,
                                                  kalshi_error_t **err) {
  return fix_send(
      s, "D",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::ClOrdID, cl_ord_id, "cl_ord_id"); },
                   [&] { return b.set_qty(tag::OrderQty, qty); },
                   [&] { return b.set_char(tag::OrdType, '2'); },
                   [&] { return b.set_price(tag::Price, price); },
                   [&] { return b.set_char(tag::Side, side); },
                   [&] { return required(b, tag::Symbol, symbol, "symbol"); },
                   [&] { return tif == 0 ? Error{} : b.set_char(tag::TimeInForce, tif); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_cancel(kalshi_fix_session_t *s, const char *cl_ord_id,
                                               const char *orig_cl_ord_id, const char *symbol,
                                               char side, uint64_t user_tag, uint64_t *seq_out,
                                               kalshi_error_t **err) {
  return fix_send(
      s, "F",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::ClOrdID, cl_ord_id, "cl_ord_id"); },
                   [&] { return required(b, tag::OrigClOrdID, orig_cl_ord_id, "orig_cl_ord_id"); },
                   [&] { return b.set_char(tag::Side, side); },
                   [&] { return required(b, tag::Symbol, symbol, "symbol"); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_replace(kalshi_fix_session_t *s, const char *cl_ord_id,
                                                const char *orig_cl_ord_id, const char *symbol,
                                                char side, kalshi_price_t price, kalshi_count_t qty,
                                                uint64_t user_tag, uint64_t *seq_out,
                                                kalshi_error_t **err) {
  return fix_send(
      s, "G",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::ClOrdID, cl_ord_id, "cl_ord_id"); },
                   [&] { return required(b, tag::OrigClOrdID, orig_cl_ord_id, "orig_cl_ord_id"); },
                   [&] { return b.set_qty(tag::OrderQty, qty); },
                   [&] { return b.set_char(tag::OrdType, '2'); },
                   [&] { return b.set_price(tag::Price, price); },
                   [&] { return b.set_char(tag::Side, side); },
                   [&] { return required(b, tag::Symbol, symbol, "symbol"); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_mass_cancel(kalshi_fix_session_t *s, const char *cl_ord_id,
                                                    uint64_t user_tag, uint64_t *seq_out,
                                                    kalshi_error_t **err) {
  return fix_send(
      s, "q",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::ClOrdID, cl_ord_id, "cl_ord_id"); },
                   [&] { return b.set_char(tag::MassCancelRequestType, '6'); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_order_group(kalshi_fix_session_t *s, int action,
                                                    const char *group_id, int64_t contracts_limit,
                                                    uint64_t user_tag, uint64_t *seq_out,
                                                    kalshi_error_t **err) {
  return fix_send(
      s, "UOG",
      [&](MessageBuilder &b) {
        const bool create = action == 1;
        const bool limit = action == 1 || action == 5;
        if (create && group_id != nullptr) {
          return Error::make(KALSHI_ERR_INVALID_ARG, "a created group gets its id from Kalshi");
        }
        if (!create && group_id == nullptr) {
          return Error::make(KALSHI_ERR_INVALID_ARG, "group_id is required except on create");
        }
        return all([&] { return b.set_int(tag::OrderGroupAction, action); },
                   [&] { return opt_text(b, tag::OrderGroupID, group_id); },
                   [&] {
                     return limit ? b.set_int(tag::OrderGroupContractsLimit, contracts_limit)
                                  : Error{};
                   });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_md_request(kalshi_fix_session_t *s, char request_type,
                                                   const char *const *symbols, size_t n,
                                                   uint64_t user_tag, uint64_t *seq_out,
                                                   kalshi_error_t **err) {
  std::vector<std::string> list;
  for (size_t i = 0; symbols != nullptr && i < n; ++i) {
    if (symbols[i] != nullptr) list.emplace_back(symbols[i]);
  }
  return fix_send(
      s, "V",
      [&](MessageBuilder &b) -> Error {
        if (list.size() != n || (n == 0 && request_type != '2')) {
          return Error::make(KALSHI_ERR_INVALID_ARG, "symbols are required (n > 0, none NULL)");
        }
        if (Error e = b.set_char(tag::SubscriptionRequestType, request_type); !e.ok()) return e;
        if (list.empty()) return Error{};
        if (Error e = b.begin_group(tag::NoRelatedSym); !e.ok()) return e;
        for (const auto &sym : list) {
          if (Error e = b.next_entry(); !e.ok()) return e;
          if (Error e = b.set_string(tag::Symbol, sym); !e.ok()) return e;
        }
        return b.end_group();
      },
      nullptr, user_tag, seq_out, err,
      [request_type, list](kalshi::fix::SessionDriver &d) { d.track_md(request_type, list); });
}

KALSHI_API kalshi_err_t kalshi_fix_send_security_status_request(
    kalshi_fix_session_t *s, char request_type, const char *symbol, uint64_t user_tag,
    uint64_t *seq_out, kalshi_error_t **err) {
  std::string sym = symbol != nullptr ? symbol : "";
  return fix_send(
      s, "e",
      [&](MessageBuilder &b) {
        return all([&] { return b.set_char(tag::SubscriptionRequestType, request_type); },
                   [&] { return b.set_string(tag::Symbol, sym); });
      },
      nullptr, user_tag, seq_out, err,
      [request_type, sym](kalshi::fix::SessionDriver &d) {
        d.track_security_status(request_type, sym);
      });
}

KALSHI_API kalshi_err_t kalshi_fix_send_event_resend(kalshi_fix_session_t *s,
                                                     const char *begin_exec_id,
                                                     const char *end_exec_id, uint64_t user_tag,
                                                     uint64_t *seq_out, kalshi_error_t **err) {
  return fix_send(
      s, "U1",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::BeginExecID, begin_exec_id, "begin_exec_id"); },
                   [&] { return opt_text(b, tag::EndExecID, end_exec_id); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_quote_request(kalshi_fix_session_t *s,
                                                      const char *quote_req_id, const char *symbol,
                                                      kalshi_count_t qty, uint64_t user_tag,
                                                      uint64_t *seq_out, kalshi_error_t **err) {
  return fix_send(
      s, "R",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::QuoteReqID, quote_req_id, "quote_req_id"); },
                   [&] { return b.begin_group(tag::NoRelatedSym); }, [&] { return b.next_entry(); },
                   [&] { return required(b, tag::Symbol, symbol, "symbol"); },
                   [&] { return b.set_qty(tag::OrderQty, qty); }, [&] { return b.end_group(); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_quote(kalshi_fix_session_t *s, const char *quote_id,
                                              const char *quote_req_id, const char *symbol,
                                              kalshi_price_t bid_px, kalshi_price_t offer_px,
                                              uint64_t user_tag, uint64_t *seq_out,
                                              kalshi_error_t **err) {
  return fix_send(
      s, "S",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::QuoteID, quote_id, "quote_id"); },
                   [&] { return required(b, tag::QuoteReqID, quote_req_id, "quote_req_id"); },
                   [&] { return required(b, tag::Symbol, symbol, "symbol"); },
                   [&] { return b.set_price(tag::BidPx, bid_px); },
                   [&] { return b.set_price(tag::OfferPx, offer_px); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_accept_quote(kalshi_fix_session_t *s, const char *quote_id,
                                                     const char *rfq_id, char side,
                                                     kalshi_count_t qty, const char *cl_ord_id,
                                                     uint64_t user_tag, uint64_t *seq_out,
                                                     kalshi_error_t **err) {
  return fix_send(
      s, "UA",
      [&](MessageBuilder &b) {
        return all([&] { return required(b, tag::QuoteID, quote_id, "quote_id"); },
                   [&] { return opt_text(b, tag::RfqId, rfq_id); },
                   [&] { return b.set_char(tag::Side, side); },
                   [&] { return qty > 0 ? b.set_qty(tag::OrderQty, qty) : Error{}; },
                   [&] { return opt_text(b, tag::ClOrdID, cl_ord_id); });
      },
      nullptr, user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_quote_cancel(kalshi_fix_session_t *s, const char *quote_id,
                                                     uint64_t user_tag, uint64_t *seq_out,
                                                     kalshi_error_t **err) {
  return send_one_id(s, "Z", tag::QuoteID, quote_id, "quote_id", user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_quote_confirm(kalshi_fix_session_t *s, const char *quote_id,
                                                      uint64_t user_tag, uint64_t *seq_out,
                                                      kalshi_error_t **err) {
  return send_one_id(s, "U7", tag::QuoteID, quote_id, "quote_id", user_tag, seq_out, err);
}

KALSHI_API kalshi_err_t kalshi_fix_send_rfq_cancel(kalshi_fix_session_t *s,
                                                   const char *quote_req_id, uint64_t user_tag,
                                                   uint64_t *seq_out, kalshi_error_t **err) {
  return send_one_id(s, "UE", tag::QuoteReqID, quote_req_id, "quote_req_id", user_tag, seq_out,
                     err);
}

}  // extern "C"
