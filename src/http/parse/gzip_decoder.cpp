#include "http/parse/gzip_decoder.h"

#include <zlib.h>

#include <climits>

namespace kalshi::http {

struct GzipDecoder::State {
  z_stream z{};
  bool initialised = false;
  ~State() {
    if (initialised) inflateEnd(&z);
  }
};

GzipDecoder::GzipDecoder() = default;
GzipDecoder::~GzipDecoder() = default;

void GzipDecoder::reset(uint64_t max_decoded_bytes) {
  max_decoded_ = max_decoded_bytes;
  decoded_total_ = 0;
  started_ = false;
  ended_ = false;
  failed_ = false;
  if (state_ != nullptr && state_->initialised && inflateReset(&state_->z) != Z_OK) {
    state_.reset();  // re-created on the next decode
  }
}

GzipDecoder::Step GzipDecoder::decode(std::string_view in) {
  Step step;
  if (failed_) {
    step.status = Status::Corrupt;
    return step;
  }
  if (ended_) {
    step.status = in.empty() ? Status::End : Status::TrailingData;
    return step;
  }
  // Empty input still runs inflate once started: output the window could not hold last time.
  if (in.empty() && !started_) return step;
  if (state_ == nullptr) {
    state_ = std::make_unique<State>();
    // 15 + 16: the largest window, and a gzip wrapper only (no zlib or raw deflate).
    if (inflateInit2(&state_->z, 15 + 16) != Z_OK) {
      state_.reset();
      failed_ = true;
      step.status = Status::NoMemory;
      return step;
    }
    state_->initialised = true;
  }
  if (out_ == nullptr) out_ = std::make_unique<char[]>(kOutputBytes);
  started_ = true;

  z_stream &z = state_->z;
  const size_t take = in.size() > UINT_MAX ? UINT_MAX : in.size();
  // zlib's API is not const-correct; inflate never writes through next_in.
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
  z.avail_in = static_cast<uInt>(take);
  // Room for one byte past the limit, so inflate stops at the same point of the stream however
  // the input is split, and overflow is seen without decoding further.
  const uint64_t room = max_decoded_ - decoded_total_;
  const size_t cap = room < kOutputBytes ? static_cast<size_t>(room) + 1 : kOutputBytes;
  z.next_out = reinterpret_cast<Bytef *>(out_.get());
  z.avail_out = static_cast<uInt>(cap);
  const int rc = inflate(&z, Z_NO_FLUSH);
  step.consumed = take - z.avail_in;
  const size_t produced = cap - z.avail_out;
  step.full = z.avail_out == 0;
  if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
    failed_ = true;
    step.status = rc == Z_MEM_ERROR ? Status::NoMemory : Status::Corrupt;
    return step;
  }
  if (produced > room) {
    failed_ = true;
    step.status = Status::TooLarge;
    return step;
  }
  decoded_total_ += produced;
  step.out = std::string_view(out_.get(), produced);
  if (rc == Z_STREAM_END) {
    ended_ = true;
    step.status = step.consumed < in.size() ? Status::TrailingData : Status::End;
    return step;
  }
  if (step.consumed == 0 && produced == 0 && !in.empty()) {
    // Z_BUF_ERROR with input and output room: inflate cannot move, which a valid stream never
    // does; refuse rather than loop.
    failed_ = true;
    step.status = Status::Corrupt;
  }
  return step;
}

}  // namespace kalshi::http
