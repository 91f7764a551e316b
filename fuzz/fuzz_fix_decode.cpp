// FIX message decoding: the first byte picks the message definition (every entry of the
// dictionary, so every typed decoder is reached) and the price mode; the rest is a body that is
// framed with the right MsgType and decoded. Invariants: decode never crashes; a decoded message
// answers every generic and group query within its fields; missing_required() is consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/fix/decoded_message.h"
#include "api/fix/dictionary.h"
#include "fix/codec/buffer.h"
#include "fix/codec/writer.h"

using namespace kalshi::fix;

namespace {

void walk(const FieldScope &s, const DecodedMessage &m, int depth) {
  if (depth > 4) abort();
  for (const DecodedField &f : s) {
    if (f.depth < s.depth()) abort();
    if (f.depth != s.depth()) continue;
    if (s.find(f.tag) == nullptr) abort();
    if (f.flags & DecodedField::kCounter) {
      const size_t n = s.count(f.tag);
      if (n != m.group_at(f.group).count) abort();
      for (size_t i = 0; i < n; ++i) {
        const FieldScope e = s.entry(f.tag, i);
        if (e.size() == 0) abort();
        if ((e.begin()->flags & DecodedField::kEntryStart) == 0) abort();
        walk(e, m, depth + 1);
      }
      if (s.entry(f.tag, n).size() != 0) abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  size_t count = 0;
  const MessageDef *defs = message_table(&count);
  const MessageDef &def = defs[(data[0] & 0x3f) % count];
  Context ctx;
  ctx.product = (data[0] & 0x40) ? Product::Margin : Product::Prediction;
  ctx.use_dollars = (data[0] & 0x80) != 0;
  const Direction sender = def.direction == Direction::ServerToClient ? Direction::ServerToClient
                                                                      : Direction::ClientToServer;
  Header h;
  h.msg_type = def.msg_type;
  h.sender_comp_id = "S";
  h.target_comp_id = "T";
  h.msg_seq_num = 1;
  h.sending_time = "20260101-00:00:00.000";
  static Buffer frame;
  frame.clear();
  encode_message(h, std::string_view(reinterpret_cast<const char *>(data + 1), size - 1), frame);
  static DecodedMessage m;  // reused, as in production
  if (!decode(frame.view(), sender, ctx, m).ok()) return 0;
  if (m.def() != &def && m.def() != nullptr) {
    // Only a Both-direction duplicate could differ; the dictionary has none.
    abort();
  }
  walk(m.root(), m, 0);
  uint32_t tags[64];
  const size_t missing = m.missing_required(tags, 64);
  if (missing != m.missing_required().size()) abort();
  return 0;
}
