#include "fix/session/inbound.h"

namespace kalshi::fix {

namespace {

// Standard header tags that may come after MsgType (FIXT.1.1); the first other tag starts the body.
bool is_header_tag(uint32_t tag) {
  switch (tag) {
    case 8:
    case 9:
    case 35:
    case 34:
    case 43:
    case 49:
    case 50:
    case 52:
    case 56:
    case 57:
    case 97:
    case 115:
    case 116:
    case 122:
    case 128:
    case 129:
    case 142:
    case 143:
    case 144:
    case 145:
    case 212:
    case 213:
    case 347:
    case 369:
    case 627:
    case 628:
    case 629:
    case 630:
    case 1128:
    case 1129:
    case 1156:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool is_admin_type(std::string_view t) {
  if (t.size() != 1) return false;
  switch (t[0]) {
    case '0':
    case '1':
    case '2':
    case '4':
    case '5':
    case 'A':
      return true;
    default:
      return false;
  }
}

void parse_inbound(std::string_view frame, InboundFields *out) {
  *out = InboundFields{};
  FieldCursor cur(frame);
  Field f;
  bool admin = true;  // until 35 is seen
  const auto seq_field = [out](std::string_view v, uint64_t *dst, bool *has, const char *why) {
    if (parse_uint(v, dst)) {
      *has = true;
    } else if (out->problem.empty()) {
      out->problem = why;
    }
  };
  while (cur.next(&f)) {
    switch (f.tag) {
      case 35:
        out->msg_type = f.value;
        admin = is_admin_type(f.value);
        continue;
      case 49:
        out->sender_comp_id = f.value;
        continue;
      case 56:
        out->target_comp_id = f.value;
        continue;
      case 52:
        out->sending_time = f.value;
        continue;
      case 122:
        out->orig_sending_time = f.value;
        continue;
      case 43:
        out->poss_dup = f.value == "Y";
        continue;
      case 34:
        seq_field(f.value, &out->seq, &out->has_seq, "MsgSeqNum(34) is not a number");
        continue;
      default:
        break;
    }
    if (!admin) {
      // The body of an application message is the application's to read. Header fields placed
      // after a body field would be a peer bug; keep walking only if one we need is missing.
      if (!is_header_tag(f.tag) && out->has_seq && !out->sender_comp_id.empty() &&
          !out->target_comp_id.empty() && !out->sending_time.empty()) {
        return;
      }
      continue;
    }
    switch (f.tag) {
      case 58:
        out->text = f.value;
        break;
      case 112:
        out->test_req_id = f.value;
        break;
      case 123:
        out->gap_fill = f.value == "Y";
        break;
      case 141:
        out->reset_seq = f.value == "Y";
        break;
      case 7:
        seq_field(f.value, &out->begin_seq, &out->has_begin, "BeginSeqNo(7) is not a number");
        break;
      case 16:
        seq_field(f.value, &out->end_seq, &out->has_end, "EndSeqNo(16) is not a number");
        break;
      case 36:
        seq_field(f.value, &out->new_seq, &out->has_new, "NewSeqNo(36) is not a number");
        break;
      default:
        break;
    }
  }
  if (cur.error() != FieldError::None && out->problem.empty()) {
    out->problem = field_error_name(cur.error());
  }
}

}  // namespace kalshi::fix
