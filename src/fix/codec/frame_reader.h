// FIXT.1.1 framing (kalshi-fix.md §2.1): finds complete messages in a byte stream and checks
// BeginString, BodyLength, MsgType position and CheckSum before anything looks inside.
//
// The reader copies nothing it does not have to: when a read holds whole messages they are
// returned as views into the caller's bytes; only a message split across reads is carried over in
// the reader's own (reused) buffer. A malformed frame is reported once with a reason and skipped:
// the reader resynchronises on the next "8=FIXT.1.1\x01" and stays usable.
#pragma once

#include <kalshi/error.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fix/codec/buffer.h"

namespace kalshi::fix {

inline constexpr char kSoh = '\x01';
inline constexpr std::string_view kBeginString = "8=FIXT.1.1\x01";
inline constexpr size_t kDefaultMaxMessageSize = 64 * 1024;

// Why a frame was refused. Stable names for logs and tests (frame_error_name).
enum class FrameError : uint8_t {
  None = 0,
  BadBeginString,  // does not start with 8=FIXT.1.1<SOH>
  BadBodyLength,   // 9= missing, not second, not digits, or leading garbage
  TooLarge,        // declared size above the configured maximum
  BadMsgType,      // 35= missing or not the third field, or empty
  BadTrailer,      // no 10=NNN<SOH> exactly where BodyLength says the body ends
  BadChecksum,     // the sum does not match
};
const char *frame_error_name(FrameError e);

// Result of scanning the front of a byte range for one frame.
struct FrameScan {
  enum Status : uint8_t { Complete, NeedMore, Malformed } status;
  // Complete: bytes of the frame (8= .. 10=NNN<SOH>); Malformed: bytes to skip (to the next
  // candidate begin string, or the whole frame for BadChecksum); NeedMore: the frame's total size
  // once BodyLength has been read, else 0.
  size_t length;
  FrameError error;  // Malformed only
};

// Pure: inspects data[0..len) and never reads past it.
FrameScan scan_frame(const char *data, size_t len, size_t max_message_size);

// Stream front end over scan_frame.
class FrameReader {
 public:
  explicit FrameReader(size_t max_message_size = kDefaultMaxMessageSize);

  // Hands the reader the next received bytes. They must stay valid until next() returns
  // NeedMore (the reader returns views into them).
  void feed(const char *data, size_t len);

  enum class Result : uint8_t { Frame, NeedMore, Error };
  // Frame: *frame views one whole message (valid until the next feed()/next() call).
  // Error: *error says why; the bad bytes are already skipped, call next() again.
  // NeedMore: everything fed so far is consumed or carried over.
  Result next(std::string_view *frame, FrameError *error);

  size_t buffered() const;  // bytes carried over between reads
  void reset();             // drops carried-over and pending bytes (after a disconnect)
  size_t max_message_size() const { return max_; }

 private:
  void drop_pending();
  void drop_carry(size_t n);
  bool refuse(const FrameScan &r, FrameError *error);

  size_t max_;
  Buffer carry_;  // an incomplete frame carried across feeds
  const char *in_ = nullptr;
  size_t in_len_ = 0;
  size_t in_pos_ = 0;
  size_t pending_ = 0;       // length of the frame last returned from carry_, dropped on next()
  size_t from_input_ = 0;    // trailing bytes of carry_ copied from the current read
  bool discarding_ = false;  // after a refusal: skipping to the next begin string, silently
};

}  // namespace kalshi::fix
