// Builds FIX messages: the body is written field by field into a reusable Buffer, then
// encode_message() frames it with the standard header, an exact BodyLength and the CheckSum.
// Keeping the body apart lets the session store it and resend it later under a new header
// (PossDupFlag, OrigSendingTime) without re-encoding the application fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fix/codec/buffer.h"
#include "fix/codec/checksum.h"
#include "fix/codec/timestamp.h"

namespace kalshi::fix {

// Appends tag=value<SOH> fields. The caller guarantees values contain no SOH (builders validate
// user text before it gets here); RawData is the exception and goes through add_data.
class FieldWriter {
 public:
  explicit FieldWriter(Buffer &out) : out_(out) {}

  void add(uint32_t tag, std::string_view value);
  void add_uint(uint32_t tag, uint64_t value);
  void add_int(uint32_t tag, int64_t value);
  void add_char(uint32_t tag, char value);
  void add_bool(uint32_t tag, bool value);  // Y / N
  // value / 10^scale printed with at least min_decimals and at most `scale` decimal places,
  // trailing zeros beyond min_decimals trimmed: add_fixed(44, 750000, 6, 4) writes "44=0.7500",
  // add_fixed(38, 1025, 2, 0) writes "38=10.25". Never uses floating point.
  void add_fixed(uint32_t tag, int64_t value, int scale, int min_decimals);
  void add_timestamp(uint32_t tag, int64_t epoch_ms);
  // 95=<len> then 96=<bytes> (the bytes may hold SOH).
  void add_data(uint32_t length_tag, uint32_t data_tag, std::string_view bytes);

  Buffer &buffer() { return out_; }

 private:
  Buffer &out_;
  TimestampFormatter ts_;
};

// The standard header of one outgoing message (kalshi-fix.md §2.2), in Kalshi's field order:
// 8, 9, 35, 49, 56, 34, [50], 52, [43, 97, 122].
struct Header {
  std::string_view msg_type;
  std::string_view sender_comp_id;
  std::string_view target_comp_id;
  uint64_t msg_seq_num = 0;
  std::string_view sending_time;   // exactly as signed for Logon; 21 chars
  std::string_view sender_sub_id;  // empty: omitted (never on Logon)
  bool poss_dup = false;
  bool poss_resend = false;
  std::string_view orig_sending_time;  // with poss_dup
};

// Appends one complete message (header, body fields, CheckSum) to out and returns its length.
// `body` is a run of fields from FieldWriter.
size_t encode_message(const Header &h, std::string_view body, Buffer &out);

// Appends 8, 9, 35=msg_type, `fields` verbatim, then 10: for messages whose header fields are not
// in the order encode_message writes (the docs' own examples put 34 and 52 before 49 and 56),
// and for tests. Returns the message length.
size_t encode_raw(std::string_view msg_type, std::string_view fields, Buffer &out);

}  // namespace kalshi::fix
