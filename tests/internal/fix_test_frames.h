// Test helper: turns a Kalshi docs example ('|' for SOH, placeholder or missing 9/10 and header
// fields) into a correctly framed message with the codec's encode_message.
#pragma once

#include <string>
#include <string_view>

#include "fix/codec/buffer.h"
#include "fix/codec/writer.h"

namespace fixtest {

// Header fields come from the example when present, else from sensible defaults; every other
// field is body, in the example's order.
inline std::string frame_example(std::string_view docs) {
  std::string s(docs);
  for (char &c : s) {
    if (c == '|') c = '\x01';
  }
  std::string msg_type, sender = "your-api-key", target = "KalshiNR",
                        sending = "20230809-12:34:56.789", sub_id, orig;
  uint64_t seq = 1;
  bool poss_dup = false;
  kalshi::fix::Buffer body;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find('\x01', pos);
    if (end == std::string::npos) end = s.size();
    const std::string field = s.substr(pos, end - pos);
    pos = end + 1;
    const size_t eq = field.find('=');
    if (eq == std::string::npos) continue;  // "..." in the docs
    const std::string tag = field.substr(0, eq), value = field.substr(eq + 1);
    if (tag == "8" || tag == "9" || tag == "10") continue;
    if (tag == "35") {
      msg_type = value;
    } else if (tag == "49") {
      sender = value;
    } else if (tag == "56") {
      target = value;
    } else if (tag == "34") {
      seq = std::stoull(value);
    } else if (tag == "52") {
      sending = value;
    } else if (tag == "50") {
      sub_id = value;
    } else if (tag == "43") {
      poss_dup = value == "Y";
    } else if (tag == "122") {
      orig = value;
    } else {
      body.append(field);
      body.push_back('\x01');
    }
  }
  kalshi::fix::Header h;
  h.msg_type = msg_type;
  h.sender_comp_id = sender;
  h.target_comp_id = target;
  h.msg_seq_num = seq;
  h.sending_time = sending;
  h.sender_sub_id = sub_id;
  h.poss_dup = poss_dup;
  h.orig_sending_time = orig;
  kalshi::fix::Buffer out;
  kalshi::fix::encode_message(h, body.view(), out);
  return std::string(out.view());
}

// '|' -> SOH for examples that are already correctly framed (§15.2).
inline std::string soh(std::string_view docs) {
  std::string s(docs);
  for (char &c : s) {
    if (c == '|') c = '\x01';
  }
  return s;
}

}  // namespace fixtest
