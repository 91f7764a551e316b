// The order-entry hot path: NewOrderSingle (35=D) straight from a struct into a FieldWriter,
// without the generic builder's bookkeeping. The field order is the NewOrderSingle definition's
// member order in messages.def (walked at run time), so the table stays the single source.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "api/fix/context.h"
#include "core/error.h"
#include "fix/codec/writer.h"

namespace kalshi::fix {

struct NewOrderSingle {
  std::string_view cl_ord_id;                         // 11, required
  int64_t order_qty = 0;                              // 38, contracts x 100, required
  char side = '1';                                    // 54, '1' buy / '2' sell
  std::string_view symbol;                            // 55, required
  int64_t price = 0;                                  // 44, dollars x 1e6, required
  char ord_type = '2';                                // 40, always limit
  char time_in_force = 0;                             // 59, 0 = omitted
  std::optional<int64_t> expire_time_ms;              // 126, with time_in_force '6'
  std::string_view exec_inst;                         // 18, "" = omitted
  std::optional<int64_t> ex_destination;              // 100, prediction only
  std::string_view quote_id;                          // 117
  std::string_view rfq_id;                            // 21023
  std::optional<int64_t> alloc_account;               // 79
  std::string_view party_id;                          // 448 (one 453 entry with 452=party_role)
  int64_t party_role = 24;                            // 452
  std::string_view secondary_cl_ord_id;               // 526, order group ID
  std::optional<int64_t> self_trade_prevention_type;  // 2964
  std::optional<bool> cancel_order_on_pause;          // 21006
  std::optional<int64_t> max_execution_cost;          // 21009, dollars x 1e6, prediction only
  std::optional<int64_t> transact_time_ms;            // 60
};

// Validates (ClOrdID form, text without SOH, price exact in the session's unit, whole margin
// quantity, margin-only restrictions) and appends the body fields to w's buffer. Nothing is
// written on error.
Error encode_new_order_single(const NewOrderSingle &o, const Context &ctx, FieldWriter &w);

}  // namespace kalshi::fix
