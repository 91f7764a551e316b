// Answering the exchange's ResendRequest from the store (standard FIX, kalshi-fix.md §2.10):
// application messages go out again under their original seq with PossDupFlag(43)=Y and
// OrigSendingTime(122); admin messages and seqs the store no longer holds are collapsed into
// SequenceReset-GapFill (123=Y, 36=next seq to come, 43=Y).
#include "fix/codec/writer.h"
#include "fix/session/inbound.h"
#include "fix/session/session.h"

namespace kalshi::fix {

void Session::send_gap_fill(uint64_t seq, uint64_t new_seq, int64_t now_ms) {
  body_.clear();
  FieldWriter w(body_);
  w.add_char(123, 'Y');
  w.add_uint(36, new_seq);
  const std::string_view now = stamp(now_ms);
  Header h;
  h.msg_type = "4";
  h.sender_comp_id = config_.sender_comp_id;
  h.target_comp_id = target_;
  h.msg_seq_num = seq;
  h.sending_time = now;
  h.poss_dup = true;
  h.orig_sending_time = now;  // 122 is required with 43=Y; a gap fill has no original
  out_.clear();
  encode_message(h, body_.view(), out_);
  handler_.send_bytes(out_.view());
}

void Session::answer_resend(uint64_t begin, uint64_t end, int64_t now_ms) {
  const uint64_t next = store_.next_sender_seq();
  if (begin == 0) begin = 1;
  uint64_t last = next - 1;
  if (end != 0 && end < last) last = end;
  if (begin > last) return;  // nothing we sent lies in that range
  uint64_t cursor = begin;
  // send_bytes must not call back into the session or the store while the store is walked.
  store_.for_range(
      begin, last,
      [&](uint64_t seq, std::string_view type, std::string_view body, std::string_view orig_time) {
        if (!alive() || is_admin_type(type) || seq < cursor) return;
        if (seq > cursor) send_gap_fill(cursor, seq, now_ms);
        // SenderSubID was stored as a leading 50= field (see send()); it goes back in the header.
        std::string_view sub_id;
        if (body.substr(0, 3) == "50=") {
          const size_t soh = body.find(kSoh);
          if (soh != std::string_view::npos) {
            sub_id = body.substr(3, soh - 3);
            body = body.substr(soh + 1);
          }
        }
        Header h;
        h.msg_type = type;
        h.sender_comp_id = config_.sender_comp_id;
        h.target_comp_id = target_;
        h.msg_seq_num = seq;
        h.sending_time = stamp(now_ms);
        h.sender_sub_id = sub_id;
        h.poss_dup = true;
        h.orig_sending_time = orig_time;
        out_.clear();
        encode_message(h, body, out_);
        handler_.send_bytes(out_.view());
        cursor = seq + 1;
      });
  if (alive() && cursor <= last) send_gap_fill(cursor, last + 1, now_ms);
  last_sent_ms_ = now_ms;
}

}  // namespace kalshi::fix
