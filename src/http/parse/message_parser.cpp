#include "http/parse/message_parser.h"

#include "http/parse/header_rules.h"

namespace kalshi::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_field_value_chars(std::string_view s) {
  for (const char c : s)
    if (!is_field_value_char(c)) return false;
  return true;
}

}  // namespace

MessageParser::MessageParser(Kind kind, const Limits &limits) : kind_(kind), limits_(limits) {
  next_message();
}

void MessageParser::next_message() {
  state_ = State::StatusLine;
  error_ = ParseError::None;
  error_offset_ = 0;
  offset_ = 0;
  body_start_ = 0;
  head_.clear();
  line_start_ = 0;
  section_bytes_ = 0;
  saw_cr_ = false;
  line_offset_ = 0;
  trailer_line_.clear();
  eof_ = false;
  gunzip_pending_ = false;
  fields_.clear();
  status_ = 0;
  version_minor_ = 1;
  reason_at_ = reason_len_ = 0;
  method_len_ = target_at_ = target_len_ = 0;
  head_request_ = false;
  gzip_ = false;
  conn_close_ = false;
  conn_keep_alive_ = false;
  has_content_length_ = false;
  has_transfer_encoding_ = false;
  chunked_ = false;
  body_kind_ = BodyKind::None;
  content_length_ = 0;
  remaining_ = 0;
  body_wire_ = 0;
  chunk_line_ = 0;
  chunk_digits_ = false;
}

std::string_view MessageParser::reason() const {
  return std::string_view(head_).substr(reason_at_, reason_len_);
}

std::string_view MessageParser::method() const {
  return std::string_view(head_).substr(0, method_len_);
}

std::string_view MessageParser::target() const {
  return std::string_view(head_).substr(target_at_, target_len_);
}

Header MessageParser::header_at(size_t i) const {
  if (i >= fields_.size()) return {};
  const FieldRef &f = fields_[i];
  const std::string_view h(head_);
  return {h.substr(f.name_at, f.name_len), h.substr(f.value_at, f.value_len)};
}

bool MessageParser::header(std::string_view name, std::string_view *value) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    const Header h = header_at(i);
    if (iequals(h.name, name)) {
      if (value != nullptr) *value = h.value;
      return true;
    }
  }
  if (value != nullptr) *value = {};
  return false;
}

bool MessageParser::keep_alive() const {
  if (state_ == State::Failed || body_kind_ == BodyKind::UntilClose || conn_close_) return false;
  return version_minor_ == 1 || conn_keep_alive_;
}

MessageParser::Step MessageParser::fail(ParseError e, size_t consumed_here) {
  error_ = e;
  // Where inflate notices a bad stream depends on how the input was split, so gzip errors
  // point at the start of the body: the same place for every split.
  const bool body_coding = e == ParseError::BadGzip || e == ParseError::DecodedBodyTooLarge ||
                           e == ParseError::OutOfMemory;
  error_offset_ = body_coding ? body_start_ : offset_;
  state_ = State::Failed;
  return {Event::Error, consumed_here, {}};
}

MessageParser::Step MessageParser::need_more(size_t used) {
  if (!eof_) return {Event::NeedMore, used, {}};
  if (state_ == State::StatusLine && offset_ == 0) return {Event::NeedMore, used, {}};
  return fail(ParseError::TruncatedMessage, used);
}

MessageParser::Step MessageParser::finish() {
  eof_ = true;
  return parse({});
}

size_t MessageParser::take_line(std::string_view in, std::string *to, bool *complete,
                                ParseError *err) {
  *complete = false;
  size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    if (++section_bytes_ > limits_.max_header_bytes) {
      *err = ParseError::HeadersTooLarge;
      return i;
    }
    ++i;
    if (saw_cr_) {
      if (c != '\n') {
        *err = ParseError::BadLineEnding;
        return i - 1;
      }
      saw_cr_ = false;
      *complete = true;
      return i;
    }
    if (c == '\r') {
      saw_cr_ = true;
    } else if (c == '\n') {
      *err = ParseError::BadLineEnding;
      return i - 1;
    } else {
      to->push_back(c);
    }
  }
  return i;
}

ParseError MessageParser::on_status_line(std::string_view line) {
  constexpr std::string_view kPrefix = "HTTP/1.";
  if (line.substr(0, 5) != "HTTP/") return ParseError::BadStatusLine;
  if (line.size() < 9 || line.substr(0, kPrefix.size()) != kPrefix ||
      (line[7] != '0' && line[7] != '1') || line[8] != ' ') {
    return line.size() > 5 && line[5] >= '0' && line[5] <= '9' ? ParseError::BadVersion
                                                               : ParseError::BadStatusLine;
  }
  version_minor_ = line[7] - '0';
  if (line.size() < 12) return ParseError::BadStatusCode;
  int code = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (line[i] < '0' || line[i] > '9') return ParseError::BadStatusCode;
    code = code * 10 + (line[i] - '0');
  }
  if (code < 100 || code > 599) return ParseError::BadStatusCode;
  status_ = code;
  if (line.size() > 12) {
    if (line[12] != ' ') return ParseError::BadStatusCode;
    const std::string_view reason = line.substr(13);
    if (!all_field_value_chars(reason)) return ParseError::BadStatusLine;
    reason_at_ = static_cast<uint32_t>(line_start_ + 13);
    reason_len_ = static_cast<uint32_t>(reason.size());
  }
  return ParseError::None;
}

ParseError MessageParser::on_request_line(std::string_view line) {
  const size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return ParseError::BadRequestLine;
  const size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return ParseError::BadRequestLine;
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method)) return ParseError::BadMethod;
  // Origin-form or "*" only: the simulator is never a proxy, so absolute-form is refused.
  if (target.empty() || (target[0] != '/' && target != "*")) return ParseError::BadTarget;
  for (const char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return ParseError::BadTarget;
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return version.substr(0, 5) == "HTTP/" ? ParseError::BadVersion : ParseError::BadRequestLine;
  version_minor_ = version[7] - '0';
  method_len_ = static_cast<uint32_t>(method.size());
  target_at_ = static_cast<uint32_t>(line_start_ + sp1 + 1);
  target_len_ = static_cast<uint32_t>(target.size());
  return ParseError::None;
}

ParseError MessageParser::on_header_line(std::string_view line, bool trailer) {
  if (line.front() == ' ' || line.front() == '\t') return ParseError::FoldedHeader;
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
    return ParseError::BadHeaderName;
  const std::string_view name = line.substr(0, colon);
  const std::string_view raw = line.substr(colon + 1);
  if (!all_field_value_chars(raw)) return ParseError::BadHeaderValue;
  const std::string_view value = trim_ows(raw);
  if (trailer) return ParseError::None;  // validated, not kept: nothing Kalshi sends needs them

  if (fields_.size() >= limits_.max_header_count) return ParseError::TooManyHeaders;
  fields_.push_back({static_cast<uint32_t>(line_start_), static_cast<uint32_t>(name.size()),
                     static_cast<uint32_t>(line_start_ + (value.data() - line.data())),
                     static_cast<uint32_t>(value.size())});

  ParseError err = ParseError::None;
  if (iequals(name, "content-length")) {
    bool any = false;
    for_each_list_element(value, [&](std::string_view item) {
      any = true;
      uint64_t n = 0;
      if (!parse_decimal_u63(item, &n)) {
        err = ParseError::BadContentLength;
      } else if (has_content_length_ && n != content_length_) {
        if (err == ParseError::None) err = ParseError::ConflictingContentLength;
      } else {
        has_content_length_ = true;
        content_length_ = n;
      }
    });
    if (!any) err = ParseError::BadContentLength;
  } else if (iequals(name, "transfer-encoding")) {
    // Exactly one "chunked", in one field: any other coding (or chunked twice) is not framing
    // this client can trust.
    size_t items = 0;
    bool is_chunked = false;
    for_each_list_element(value, [&](std::string_view item) {
      ++items;
      is_chunked = iequals(item, "chunked");
    });
    if (has_transfer_encoding_ || items != 1 || !is_chunked)
      err = ParseError::UnsupportedTransferEncoding;
    has_transfer_encoding_ = true;
    chunked_ = err == ParseError::None;
  } else if (iequals(name, "connection")) {
    for_each_list_element(value, [&](std::string_view item) {
      if (iequals(item, "close")) conn_close_ = true;
      if (iequals(item, "keep-alive")) conn_keep_alive_ = true;
    });
  } else if (iequals(name, "content-encoding")) {
    for_each_list_element(value, [&](std::string_view item) {
      if (iequals(item, "identity")) return;
      if ((iequals(item, "gzip") || iequals(item, "x-gzip")) && !gzip_) {
        gzip_ = true;
        return;
      }
      err = ParseError::UnsupportedContentEncoding;
    });
  }
  return err;
}

ParseError MessageParser::on_head_end() {
  if (has_content_length_ && has_transfer_encoding_)
    return ParseError::ContentLengthWithTransferEncoding;
  if (has_transfer_encoding_ && version_minor_ == 0) return ParseError::UnsupportedTransferEncoding;
  const bool no_body =
      kind_ == Kind::Request
          ? !chunked_ && !has_content_length_
          : head_request_ || (status_ >= 100 && status_ < 200) || status_ == 204 || status_ == 304;
  if (no_body) {
    body_kind_ = BodyKind::None;
  } else if (chunked_) {
    body_kind_ = BodyKind::Chunked;
  } else if (has_content_length_) {
    if (content_length_ > limits_.max_body_bytes) return ParseError::BodyTooLarge;
    body_kind_ = BodyKind::Length;
    remaining_ = content_length_;
  } else {
    body_kind_ = BodyKind::UntilClose;
  }
  if (gzip_ && decode_gzip_ && body_kind_ != BodyKind::None)
    gunzip_.reset(limits_.max_decoded_body_bytes);
  switch (body_kind_) {
    case BodyKind::Chunked:
      state_ = State::ChunkSize;
      break;
    case BodyKind::None:
      state_ = State::Body;
      remaining_ = 0;
      break;
    default:
      state_ = State::Body;
      break;
  }
  return ParseError::None;
}

size_t MessageParser::deliver(std::string_view wire, std::string_view *out, ParseError *err) {
  body_wire_ += wire.size();  // callers checked the limit before
  if (!(gzip_ && decode_gzip_)) {
    *out = wire;
    return wire.size();
  }
  const GzipDecoder::Step s = gunzip_.decode(wire);
  body_wire_ -= wire.size() - s.consumed;
  *out = s.out;
  gunzip_pending_ = s.full;
  switch (s.status) {
    case GzipDecoder::Status::Ok:
    case GzipDecoder::Status::End:
      break;
    case GzipDecoder::Status::Corrupt:
    case GzipDecoder::Status::TrailingData:
      *err = ParseError::BadGzip;
      break;
    case GzipDecoder::Status::TooLarge:
      *err = ParseError::DecodedBodyTooLarge;
      break;
    case GzipDecoder::Status::NoMemory:
      *err = ParseError::OutOfMemory;
      break;
  }
  return s.consumed;
}

bool MessageParser::end_body(ParseError *err) {
  // A gzip body must end with its member: a short one is a truncated or forged response.
  if (gzip_ && decode_gzip_ && body_kind_ != BodyKind::None && gunzip_.started() &&
      !gunzip_.ended()) {
    *err = ParseError::BadGzip;
    return false;
  }
  state_ = State::Done;
  return true;
}

MessageParser::Step MessageParser::parse(std::string_view in) {
  size_t used = 0;
  ParseError err = ParseError::None;
  for (;;) {
    // Output zlib could not fit in its window last time comes out before anything else.
    if (gunzip_pending_ && state_ != State::Failed) {
      const GzipDecoder::Step s = gunzip_.decode({});
      gunzip_pending_ = s.full;
      if (s.status != GzipDecoder::Status::Ok && s.status != GzipDecoder::Status::End) {
        return fail(s.status == GzipDecoder::Status::TooLarge ? ParseError::DecodedBodyTooLarge
                                                              : ParseError::BadGzip,
                    used);
      }
      if (!s.out.empty()) return {Event::Body, used, s.out};
    }
    const std::string_view rest = in.substr(used);
    switch (state_) {
      case State::Failed:
        return {Event::Error, used, {}};
      case State::Done:
        return {Event::Complete, used, {}};

      case State::StatusLine:
      case State::HeaderLines: {
        if (rest.empty()) return need_more(used);
        bool complete = false;
        const size_t n = take_line(rest, &head_, &complete, &err);
        used += n;
        offset_ += n;
        if (err != ParseError::None) return fail(err, used);
        if (!complete) return need_more(used);
        const std::string_view line = std::string_view(head_).substr(line_start_);
        const uint64_t line_end_offset = offset_;
        offset_ = line_offset_;  // errors in a line point at its start
        if (state_ == State::StatusLine) {
          err = kind_ == Kind::Request ? on_request_line(line) : on_status_line(line);
          state_ = State::HeaderLines;
        } else if (line.empty()) {
          err = on_head_end();
          if (err == ParseError::None) {
            offset_ = line_end_offset;
            line_offset_ = offset_;
            body_start_ = offset_;
            section_bytes_ = 0;
            return {Event::Head, used, {}};
          }
        } else {
          err = on_header_line(line, false);
        }
        if (err != ParseError::None) return fail(err, used);
        offset_ = line_end_offset;
        line_offset_ = offset_;
        line_start_ = head_.size();
        break;
      }

      case State::Body: {
        if (body_kind_ == BodyKind::UntilClose) {
          if (rest.empty()) {
            if (!eof_) return need_more(used);
            if (!end_body(&err)) return fail(err, used);
            return {Event::Complete, used, {}};
          }
          // Refused at the first byte past the limit, so the error is the same for every split.
          if (body_wire_ == limits_.max_body_bytes) return fail(ParseError::BodyTooLarge, used);
        } else if (remaining_ == 0) {
          if (!end_body(&err)) return fail(err, used);
          return {Event::Complete, used, {}};
        } else if (rest.empty()) {
          return need_more(used);
        }
        const uint64_t allowed =
            body_kind_ == BodyKind::UntilClose ? limits_.max_body_bytes - body_wire_ : remaining_;
        const std::string_view wire =
            rest.size() < allowed ? rest : rest.substr(0, static_cast<size_t>(allowed));
        std::string_view out;
        const size_t n = deliver(wire, &out, &err);
        used += n;
        offset_ += n;
        if (body_kind_ != BodyKind::UntilClose) remaining_ -= n;
        if (err != ParseError::None) return fail(err, used);
        if (!out.empty()) return {Event::Body, used, out};
        break;
      }

      case State::ChunkSize:
      case State::ChunkExt:
      case State::ChunkSizeLf:
      case State::ChunkDataCr:
      case State::ChunkDataLf: {
        if (rest.empty()) return need_more(used);
        const char c = rest[0];
        if (state_ == State::ChunkSize || state_ == State::ChunkExt ||
            state_ == State::ChunkSizeLf) {
          if (++chunk_line_ > limits_.max_chunk_line_bytes)
            return fail(ParseError::ChunkLineTooLong, used);
        }
        switch (state_) {
          case State::ChunkSize: {
            const int d = hex_value(c);
            if (d >= 0) {
              if (remaining_ > (UINT64_MAX >> 4)) return fail(ParseError::ChunkSizeOverflow, used);
              remaining_ = remaining_ * 16 + static_cast<uint64_t>(d);
              chunk_digits_ = true;
            } else if (!chunk_digits_) {
              return fail(ParseError::BadChunkSize, used);
            } else if (c == ';' || c == ' ' || c == '\t') {
              state_ = State::ChunkExt;
            } else if (c == '\r') {
              state_ = State::ChunkSizeLf;
            } else {
              return fail(c == '\n' ? ParseError::BadLineEnding : ParseError::BadChunkSize, used);
            }
            break;
          }
          case State::ChunkExt:
            // Extensions carry nothing this client uses; they are skipped, but must be text.
            if (c == '\r') {
              state_ = State::ChunkSizeLf;
            } else if (c == '\n') {
              return fail(ParseError::BadLineEnding, used);
            } else if (!is_field_value_char(c)) {
              return fail(ParseError::BadChunkSize, used);
            }
            break;
          case State::ChunkSizeLf:
            if (c != '\n') return fail(ParseError::BadLineEnding, used);
            if (remaining_ == 0) {
              state_ = State::Trailers;
              section_bytes_ = 0;
              trailer_line_.clear();
            } else {
              if (remaining_ > limits_.max_body_bytes - body_wire_)
                return fail(ParseError::BodyTooLarge, used);
              state_ = State::ChunkData;
            }
            break;
          case State::ChunkDataCr:
            if (c != '\r') return fail(ParseError::BadChunkTerminator, used);
            state_ = State::ChunkDataLf;
            break;
          case State::ChunkDataLf:
            if (c != '\n') return fail(ParseError::BadChunkTerminator, used);
            state_ = State::ChunkSize;
            chunk_line_ = 0;
            chunk_digits_ = false;
            remaining_ = 0;
            break;
          default:
            break;
        }
        ++used;
        ++offset_;
        if (state_ == State::Trailers || state_ == State::ChunkSize) line_offset_ = offset_;
        break;
      }

      case State::ChunkData: {
        if (rest.empty()) return need_more(used);
        const std::string_view wire =
            rest.size() < remaining_ ? rest : rest.substr(0, static_cast<size_t>(remaining_));
        std::string_view out;
        const size_t n = deliver(wire, &out, &err);
        used += n;
        offset_ += n;
        remaining_ -= n;
        if (err != ParseError::None) return fail(err, used);
        if (remaining_ == 0) state_ = State::ChunkDataCr;
        if (!out.empty()) return {Event::Body, used, out};
        break;
      }

      case State::Trailers: {
        if (rest.empty()) return need_more(used);
        bool complete = false;
        const size_t n = take_line(rest, &trailer_line_, &complete, &err);
        used += n;
        offset_ += n;
        if (err != ParseError::None) return fail(err, used);
        if (!complete) return need_more(used);
        const uint64_t line_end_offset = offset_;
        offset_ = line_offset_;
        if (trailer_line_.empty()) {
          if (!end_body(&err)) return fail(err, used);
          offset_ = line_end_offset;
          return {Event::Complete, used, {}};
        }
        err = on_header_line(trailer_line_, true);
        if (err != ParseError::None) return fail(err, used);
        trailer_line_.clear();
        offset_ = line_end_offset;
        line_offset_ = offset_;
        break;
      }
    }
  }
}

}  // namespace kalshi::http
