#include "fix/codec/frame_reader.h"

#include <algorithm>
#include <cstring>

#include "fix/codec/checksum.h"

namespace kalshi::fix {

namespace {

constexpr size_t kBeginLen = kBeginString.size();  // "8=FIXT.1.1<SOH>"
constexpr size_t kTrailerLen = 7;                  // "10=NNN<SOH>"
// Bytes moved from a new read into a carried partial frame while its size is still unknown; any
// excess is handed back to the read, so this only bounds the copying.
constexpr size_t kHeaderProbe = 32;
constexpr size_t kMaxMessageLimit = size_t{1} << 30;

inline bool is_digit(char c) {
  return static_cast<unsigned char>(c - '0') <= 9;
}

// Where the next scan of a refused frame at data[0] should start: the next "8=FIXT.1.1<SOH>"
// after offset 0, or the tail that may still grow into one, or the end.
size_t resync_skip(const char *data, size_t len) {
  size_t i = 1;
  while (i < len) {
    const void *hit = std::memchr(data + i, '8', len - i);
    if (hit == nullptr) return len;
    const size_t pos = static_cast<size_t>(static_cast<const char *>(hit) - data);
    const size_t n = std::min(len - pos, kBeginLen);
    if (std::memcmp(data + pos, kBeginString.data(), n) == 0) return pos;
    i = pos + 1;
  }
  return len;
}

inline FrameScan need_more(size_t total) {
  return {FrameScan::NeedMore, total, FrameError::None};
}

}  // namespace

const char *frame_error_name(FrameError e) {
  switch (e) {
    case FrameError::None:
      return "none";
    case FrameError::BadBeginString:
      return "bad_begin_string";
    case FrameError::BadBodyLength:
      return "bad_body_length";
    case FrameError::TooLarge:
      return "too_large";
    case FrameError::BadMsgType:
      return "bad_msg_type";
    case FrameError::BadTrailer:
      return "bad_trailer";
    case FrameError::BadChecksum:
      return "bad_checksum";
  }
  return "unknown";
}

// Checks each header rule as soon as its bytes are present, so a bad stream is refused after a
// few bytes instead of after max_message_size of them. NeedMore carries the frame's total size in
// `length` once BodyLength is known (0 before), which lets the reader copy exactly what it needs.
FrameScan scan_frame(const char *d, size_t len, size_t max) {
  const auto bad = [d, len](FrameError e) {
    return FrameScan{FrameScan::Malformed, resync_skip(d, len), e};
  };
  if (len == 0) return need_more(0);
  if (len >= kBeginLen) {
    // Two overlapping 8-byte compares instead of a memcmp call.
    uint64_t a, b, want_a, want_b;
    std::memcpy(&a, d, 8);
    std::memcpy(&b, d + kBeginLen - 8, 8);
    std::memcpy(&want_a, kBeginString.data(), 8);
    std::memcpy(&want_b, kBeginString.data() + kBeginLen - 8, 8);
    if (a != want_a || b != want_b) return bad(FrameError::BadBeginString);
  } else if (std::memcmp(d, kBeginString.data(), len) != 0) {
    return bad(FrameError::BadBeginString);
  }
  // Far above any FIX message; keeps the digit arithmetic below from overflowing.
  if (max > kMaxMessageLimit) max = kMaxMessageLimit;
  size_t i = kBeginLen;
  // BodyLength(9), second: "9=" then digits without sign or leading zero, then SOH.
  for (const char c : {'9', '='}) {
    if (i >= len) return need_more(0);
    if (d[i] != c) return bad(FrameError::BadBodyLength);
    ++i;
  }
  const size_t digits_at = i;
  size_t body_len = 0;
  for (;; ++i) {
    if (i >= len) return need_more(0);
    const char c = d[i];
    if (c == kSoh) break;
    if (!is_digit(c) || (i == digits_at && c == '0')) return bad(FrameError::BadBodyLength);
    // Refuse on the digit that makes the declared size too big: never wait for such a body.
    body_len = body_len * 10 + static_cast<size_t>(c - '0');
    if (body_len > max) return bad(FrameError::TooLarge);
  }
  if (i == digits_at) return bad(FrameError::BadBodyLength);
  const size_t body_at = i + 1;
  const size_t body_end = body_at + body_len;
  const size_t total = body_end + kTrailerLen;
  if (total > max) return bad(FrameError::TooLarge);

  // MsgType(35), third, non-empty, inside the body.
  i = body_at;
  for (const char c : {'3', '5', '='}) {
    if (i >= body_end) return bad(FrameError::BadMsgType);
    if (i >= len) return need_more(total);
    if (d[i] != c) return bad(FrameError::BadMsgType);
    ++i;
  }
  const size_t type_at = i;
  for (;; ++i) {
    if (i >= body_end) return bad(FrameError::BadMsgType);
    if (i >= len) return need_more(total);
    if (d[i] == kSoh) break;
  }
  if (i == type_at) return bad(FrameError::BadMsgType);
  if (len < total) return need_more(total);

  // Trailer exactly at the end BodyLength declares, right after a field's SOH.
  const char *t = d + body_end;
  if (d[body_end - 1] != kSoh || t[0] != '1' || t[1] != '0' || t[2] != '=' || !is_digit(t[3]) ||
      !is_digit(t[4]) || !is_digit(t[5]) || t[6] != kSoh) {
    return bad(FrameError::BadTrailer);
  }
  const unsigned declared = static_cast<unsigned>(t[3] - '0') * 100 +
                            static_cast<unsigned>(t[4] - '0') * 10 +
                            static_cast<unsigned>(t[5] - '0');
  if (declared != checksum(d, body_end)) {
    // The framing itself was consistent, so the whole frame goes (its body may even quote a
    // begin string, e.g. in RawData).
    return {FrameScan::Malformed, total, FrameError::BadChecksum};
  }
  return {FrameScan::Complete, total, FrameError::None};
}

FrameReader::FrameReader(size_t max_message_size) : max_(max_message_size) {}

size_t FrameReader::buffered() const {
  return carry_.size() - pending_;
}

void FrameReader::reset() {
  carry_.clear();
  in_ = nullptr;
  in_len_ = in_pos_ = 0;
  pending_ = 0;
  from_input_ = 0;
  discarding_ = false;
}

void FrameReader::feed(const char *data, size_t len) {
  drop_pending();
  // Bytes of the previous read that were never consumed must outlive it: keep them.
  if (in_pos_ < in_len_) carry_.append(in_ + in_pos_, in_len_ - in_pos_);
  in_ = data;
  in_len_ = len;
  in_pos_ = 0;
  from_input_ = 0;  // whatever is carried now belongs to earlier reads
}

void FrameReader::drop_pending() {
  if (pending_ != 0) {
    drop_carry(pending_);
    pending_ = 0;
  }
}

// Drops n bytes from the front of the carry. If what remains was all copied from the current
// read, it is handed back to the read instead of being moved: later frames of the same read are
// then returned straight from the caller's bytes.
void FrameReader::drop_carry(size_t n) {
  const size_t rest = carry_.size() - n;
  if (rest <= from_input_) {
    in_pos_ -= rest;
    carry_.clear();
    from_input_ = 0;
  } else {
    carry_.consume(n);
  }
}

bool FrameReader::refuse(const FrameScan &r, FrameError *error) {
  // After a refusal the bytes up to the next begin string are the same bad frame: report it once.
  if (discarding_ && r.error == FrameError::BadBeginString) return false;
  discarding_ = true;
  if (error != nullptr) *error = r.error;
  return true;
}

FrameReader::Result FrameReader::next(std::string_view *frame, FrameError *error) {
  drop_pending();
  for (;;) {
    if (!carry_.empty()) {
      const FrameScan r = scan_frame(carry_.data(), carry_.size(), max_);
      if (r.status == FrameScan::NeedMore) {
        const size_t avail = in_len_ - in_pos_;
        if (avail == 0) {
          in_ = nullptr;
          in_len_ = in_pos_ = 0;
          return Result::NeedMore;
        }
        const size_t want = r.length > carry_.size() ? r.length - carry_.size() : kHeaderProbe;
        const size_t n = std::min(want, avail);
        carry_.append(in_ + in_pos_, n);
        in_pos_ += n;
        from_input_ += n;
        continue;
      }
      if (r.status == FrameScan::Complete) {
        discarding_ = false;
        *frame = std::string_view(carry_.data(), r.length);
        pending_ = r.length;  // dropped on the next call, so the view stays valid until then
        return Result::Frame;
      }
      drop_carry(r.length);
      if (refuse(r, error)) return Result::Error;
      continue;
    }

    const size_t avail = in_len_ - in_pos_;
    if (avail == 0) {
      in_ = nullptr;
      in_len_ = in_pos_ = 0;
      return Result::NeedMore;
    }
    const char *p = in_ + in_pos_;
    const FrameScan r = scan_frame(p, avail, max_);
    if (r.status == FrameScan::Complete) {
      discarding_ = false;
      in_pos_ += r.length;
      *frame = std::string_view(p, r.length);
      return Result::Frame;
    }
    if (r.status == FrameScan::NeedMore) {
      // A partial frame (bounded by max_ since its declared size was checked) outlives the read.
      carry_.append(p, avail);
      in_ = nullptr;
      in_len_ = in_pos_ = 0;
      from_input_ = 0;
      return Result::NeedMore;
    }
    in_pos_ += r.length;
    if (refuse(r, error)) return Result::Error;
  }
}

}  // namespace kalshi::fix
