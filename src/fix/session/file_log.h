// The file store's on-disk format: an 8-byte magic, then records
//   u32 payload length (LE) | u8 kind | payload | u32 CRC-32 of kind+payload (LE)
// kinds: 'S' next sender seq (u64), 'T' next target seq (u64),
//        'M' message: u64 seq | u8 type len | type | u8 time len | time | body.
// A record is only believed when complete and its CRC matches, so a crash in the middle of an
// append leaves a torn tail that replay stops at (and the next compaction removes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fix/codec/buffer.h"

namespace kalshi::fix {

inline constexpr std::string_view kFileStoreMagic = "KFIXST01";

enum class LogKind : char { Sender = 'S', Target = 'T', Message = 'M' };

void append_seq_record(Buffer &out, LogKind kind, uint64_t seq);
void append_message_record(Buffer &out, uint64_t seq, std::string_view msg_type,
                           std::string_view body, std::string_view sending_time);

// Receives the records replay finds, in file order.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void on_seq(LogKind kind, uint64_t seq) = 0;
  virtual void on_message(uint64_t seq, std::string_view msg_type, std::string_view body,
                          std::string_view sending_time) = 0;
};

struct ReplayResult {
  bool bad_magic = false;  // the file is not a store (nothing replayed)
  size_t good_bytes = 0;   // length of the valid prefix; anything after it is torn or corrupt
};

// Replays `bytes` (a whole file) into sink, stopping at the first invalid record.
ReplayResult replay_log(std::string_view bytes, LogSink &sink);

}  // namespace kalshi::fix
