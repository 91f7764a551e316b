// FIX framing and fields on hostile bytes. The input is one byte stream fed to a FrameReader in
// several chunkings; invariants:
//  - every chunking yields the same frames and the same refusals (splitting never changes
//    what is seen, and a bad frame is reported the same number of times);
//  - a frame is at most max_message_size bytes, starts with 8=FIXT.1.1<SOH>, rescans as exactly
//    itself, and re-encodes byte for byte from its MsgType and fields (exact 9 and 10);
//  - the field cursor stays inside the frame and reads 8, 9, 35 first;
//  - the reader never holds more than max_message_size bytes;
//  - a parsed SendingTime formats back to the same text.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/timestamp.h"
#include "fix/codec/writer.h"

using namespace kalshi::fix;

namespace {

constexpr size_t kMax = 512;  // small, so that TooLarge is easy to reach

void check(bool ok) {
  if (!ok) abort();
}

void check_frame(std::string_view f) {
  check(f.size() <= kMax);
  check(f.substr(0, kBeginString.size()) == kBeginString);
  const FrameScan again = scan_frame(f.data(), f.size(), kMax);
  check(again.status == FrameScan::Complete && again.length == f.size());

  FieldCursor c(f);
  Field field;
  uint32_t n = 0;
  std::string_view msg_type;
  const char *body = nullptr;  // the first byte after 35's SOH
  while (c.next(&field)) {
    check(field.value.data() >= f.data() &&
          field.value.data() + field.value.size() <= f.data() + f.size());
    check(field.tag >= 1 && field.tag <= 999999 && !field.value.empty());
    if (n == 0) check(field.tag == 8 && field.value == "FIXT.1.1");
    if (n == 1) check(field.tag == 9);
    if (n == 2) {
      check(field.tag == 35);
      msg_type = field.value;
      body = field.value.data() + field.value.size() + 1;
    }
    if (field.tag == 52 && field.value.size() == kUtcTimestampLen && field.value[15] != '6') {
      int64_t ms = 0;
      if (parse_utc_timestamp(field.value, &ms) && ms >= 0) {
        char out[kUtcTimestampLen];
        format_utc_timestamp(ms, out);
        check(std::string_view(out, kUtcTimestampLen) == field.value);
      }
    }
    ++n;
  }
  check(n >= 3);  // the frame checks guarantee 8, 9 and 35 are well formed
  check(c.offset_from(f.data()) <= f.size());
  if (c.error() == FieldError::None) check(c.offset_from(f.data()) == f.size());

  Buffer out;
  const char *trailer = f.data() + f.size() - 7;
  check(encode_raw(msg_type, std::string_view(body, static_cast<size_t>(trailer - body)), out) ==
        f.size());
  check(out.view() == f);
}

// Feeds the stream in chunks of the given size (0: all at once); returns a transcript.
std::string transcript(std::string_view in, size_t chunk) {
  FrameReader r(kMax);
  std::string t;
  if (chunk == 0) chunk = in.size() == 0 ? 1 : in.size();
  for (size_t at = 0; at < in.size() || at == 0; at += chunk) {
    // Each chunk is its own heap copy, freed after the reader is done with it, so a view that
    // outlived its read would be caught by ASan.
    const size_t n = in.size() - at < chunk ? in.size() - at : chunk;
    std::vector<char> piece(in.data() + at, in.data() + at + n);
    r.feed(piece.data(), piece.size());
    for (;;) {
      std::string_view f;
      FrameError e = FrameError::None;
      const FrameReader::Result res = r.next(&f, &e);
      if (res == FrameReader::Result::NeedMore) break;
      if (res == FrameReader::Result::Frame) {
        check_frame(f);
        t += "F";
        t.append(f);
      } else {
        check(e != FrameError::None);
        t += "E";
        t += frame_error_name(e);
      }
      t += '\n';
      check(r.buffered() <= kMax);
    }
    check(r.buffered() <= kMax);
    if (in.empty()) break;
  }
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view in(reinterpret_cast<const char *>(data), data == nullptr ? 0 : size);
  const std::string whole = transcript(in, 0);
  for (const size_t chunk : {size_t{1}, size_t{7}, size_t{64}})
    check(transcript(in, chunk) == whole);
  return 0;
}
