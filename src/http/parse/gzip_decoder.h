// Streaming gzip decoder for HTTP bodies (Content-Encoding: gzip), over zlib's inflate.
//
// Why streaming with a fixed output window: the body arrives in arbitrary pieces and may expand
// a thousandfold (a "zip bomb"), so the decoder never holds more than kOutputBytes of decoded
// data and counts every decoded byte against a limit the caller sets per message. zlib's state
// (about 44 KiB: inflate state and 32 KiB window) is allocated once, on first use, and reused
// through inflateReset for every later message, so steady-state decoding does not allocate.
//
// Only a single gzip member is accepted; bytes after its end are refused (Kalshi and common
// servers never concatenate members, and accepting trailing garbage would hide framing bugs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace kalshi::http {

class GzipDecoder {
 public:
  static constexpr size_t kOutputBytes = 16 * 1024;

  enum class Status : uint8_t {
    Ok,            // `out` holds decoded bytes (maybe none); call again with the unconsumed rest
    End,           // the gzip member ended (`out` may still hold its last bytes)
    Corrupt,       // not gzip, a bad header, a bad deflate stream, a CRC/length mismatch
    TrailingData,  // bytes after the end of the member
    TooLarge,      // decoded size would pass the limit
    NoMemory,      // zlib could not allocate its state
  };

  struct Step {
    Status status = Status::Ok;
    size_t consumed = 0;   // input bytes taken by this call
    std::string_view out;  // decoded bytes, valid until the next call or reset
    bool full = false;     // the output window filled: zlib may hold more, call again
  };

  GzipDecoder();
  ~GzipDecoder();
  GzipDecoder(const GzipDecoder &) = delete;
  GzipDecoder &operator=(const GzipDecoder &) = delete;

  // Starts a new member; decoded output is capped at `max_decoded_bytes` in total.
  void reset(uint64_t max_decoded_bytes);

  // Decodes from `in`. With input, an Ok step either consumes some or yields output. When a step
  // is `full`, call again, with empty input if need be, to get the output zlib still holds.
  Step decode(std::string_view in);

  bool started() const { return started_; }
  bool ended() const { return ended_; }
  uint64_t decoded_total() const { return decoded_total_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::unique_ptr<char[]> out_;
  uint64_t max_decoded_ = 0;
  uint64_t decoded_total_ = 0;
  bool started_ = false;  // any input seen for this member
  bool ended_ = false;
  bool failed_ = false;
};

}  // namespace kalshi::http
