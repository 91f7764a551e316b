// One pass over a received frame that picks out the standard header and the few body fields the
// session layer acts on, as views into the frame (no copies, no allocation).
#pragma once

#include <cstdint>
#include <string_view>

#include "fix/codec/field_cursor.h"

namespace kalshi::fix {

struct InboundFields {
  std::string_view msg_type;
  std::string_view sender_comp_id;     // 49
  std::string_view target_comp_id;     // 56
  std::string_view sending_time;       // 52
  std::string_view orig_sending_time;  // 122
  std::string_view text;               // 58
  std::string_view test_req_id;        // 112
  uint64_t seq = 0;                    // 34
  uint64_t begin_seq = 0;              // 7
  uint64_t end_seq = 0;                // 16
  uint64_t new_seq = 0;                // 36
  bool has_seq = false;
  bool has_begin = false;
  bool has_end = false;
  bool has_new = false;
  bool poss_dup = false;   // 43=Y
  bool gap_fill = false;   // 123=Y
  bool reset_seq = false;  // 141=Y
  // Why the message cannot be trusted in full: a malformed field (the walk stopped there) or a
  // session field whose value does not parse. Empty when fine.
  std::string_view problem;
};

// The session-level MsgTypes the session acts on itself (A 0 1 2 4 5); Reject (3) goes up.
bool is_admin_type(std::string_view msg_type);

// Fills *out from a whole frame (FrameReader output, so 8/9/35/10 are known to be well placed).
// For application messages the walk stops after the header, so the body is read only once, by the
// application.
void parse_inbound(std::string_view frame, InboundFields *out);

}  // namespace kalshi::fix
