// Building one outgoing application message with MessageBuilder without checking every setter:
// the first error is kept, later calls do nothing, and send() refuses to send a message that
// failed to build (counted, never sent half-built). Also the small value helpers every reply
// needs: prices rounded to what the session can express, ExecIDs, Eastern business dates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api/fix/builder.h"
#include "api/fix/context.h"
#include "fix/codec/buffer.h"
#include "sim/exchange/exchange.h"
#include "sim/fix/peer.h"

namespace kalshi::sim {

class Reply {
 public:
  Reply(fix::MessageBuilder &b, fix::Buffer &body, std::string_view msg_type,
        const fix::Context &ctx, uint64_t *failures);

  Reply &str(uint32_t tag, std::string_view v);
  // Empty strings are skipped: optional text fields.
  Reply &opt_str(uint32_t tag, std::string_view v);
  Reply &chr(uint32_t tag, char v);
  Reply &num(uint32_t tag, int64_t v);
  Reply &flag(uint32_t tag, bool v);
  // Rounded to the nearest value the session's unit for `tag` can carry (whole cents on cents
  // sessions, 4 decimals in dollars), so an exact sub-penny price never makes a report unsendable.
  Reply &price(uint32_t tag, Price v);
  Reply &qty(uint32_t tag, Qty v);
  Reply &amount(uint32_t tag, Money v);
  Reply &time(uint32_t tag, int64_t epoch_ms);
  Reply &date(uint32_t tag, int32_t yyyymmdd);
  Reply &group(uint32_t counter_tag);
  Reply &entry();
  Reply &end_group();

  bool ok() const { return err_.ok(); }
  const Error &error() const { return err_; }
  // finish() and peer.send(); false (and counted) when building failed or the peer is gone.
  bool send(FixPeer &peer);

 private:
  void note(Error e);
  fix::MessageBuilder &b_;
  fix::Buffer &body_;
  std::string type_;
  uint64_t *failures_;
  Error err_;
};

// The price rounded (half away from zero) to `unit` (dollars x 1e6).
Price round_to_unit(Price p, Price unit);
// ExecID for an exchange event sequence number (kalshi-fix.md §3.5: "clock;event").
std::string exec_id(uint64_t exec_seq);
// Parses "clock;event[;index]" into the clock component; false when malformed.
bool parse_exec_id(std::string_view s, uint64_t *clock);
// YYYYMMDD of the US Eastern calendar date at `epoch_ms` (DST rules since 2007).
int32_t eastern_date(int64_t epoch_ms);
// FIX codes.
char side_code(Side s);
char tif_code(TimeInForce t);

}  // namespace kalshi::sim
