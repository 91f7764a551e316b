// Incremental, sans-I/O HTTP/1.1 message parser: responses for the REST client
// (ResponseParser) and requests for the simulator's HTTP front end (RequestParser). Both share
// the header, framing, limit and gzip rules below; they differ only in the first line and in
// how the body length is decided.
//
// Hand-written because Debian 12 ships no C library for llhttp (only `node-llhttp`, the
// TypeScript sources for Node.js), and the rules here are few and strict.
//
// Use: feed bytes as they arrive, in any split; each parse() call stops at the first event and
// says how many input bytes it consumed. The parser never reads past the end of the current
// response, so the bytes after it (a pipelined or next keep-alive response) are left for the
// caller to feed after next_message():
//
//   while (!in.empty()) {
//     const auto s = p.parse(in);
//     in.remove_prefix(s.consumed);
//     switch (s.event) { Head: status()/header(); Body: s.body; Complete: keep_alive(),
//                        then next_message(); Error: error(), error_offset(); NeedMore: read }
//   }
//   on EOF: p.finish()  (completes a read-until-close body, or reports TruncatedMessage)
//
// Rules (RFC 9112, strict where the RFC allows a choice, because a lenient client parser is a
// smuggling and desync risk on a keep-alive connection):
//  - status line "HTTP/1.0" or "HTTP/1.1", SP, three digits 100..599, optional SP reason;
//  - request line: a token method, SP, an origin-form target ("/" then visible ASCII) or "*",
//    SP, "HTTP/1.0" or "HTTP/1.1"; a request body is Content-Length or chunked, else empty
//    (requests are never read until close);
//  - every line ends in CRLF (bare LF or CR refused); obs-fold refused;
//  - header names are tokens, compared case-insensitively, no whitespace before the colon;
//    values must not hold controls other than HTAB; surrounding OWS is trimmed;
//  - at most Limits::max_header_count fields and Limits::max_header_bytes bytes of head;
//  - several Content-Length fields (or a list) must all agree; Content-Length together with
//    Transfer-Encoding is refused; Transfer-Encoding must be exactly "chunked" and HTTP/1.1;
//  - no body for 1xx, 204, 304 and responses to HEAD (expect_head_response);
//  - chunked: hex sizes with overflow checks, extensions skipped (bounded), trailers validated
//    like headers then discarded (bounded by max_header_bytes again);
//  - without Content-Length or chunked the body runs until the connection closes (finish());
//  - body bytes on the wire are capped by max_body_bytes;
//  - Content-Encoding gzip / x-gzip is decoded on the fly (decode_gzip), capped by
//    max_decoded_body_bytes; identity passes through; anything else is refused;
//  - keep_alive(): HTTP/1.1 unless "Connection: close", HTTP/1.0 only with
//    "Connection: keep-alive", never for a read-until-close body or after an error.
// Error offsets count from the first byte of the message: the start of an offending line, the
// offending byte in chunk framing, or the body start for gzip errors (where inflate notices a
// bad stream depends on the split).
// After an error the parser refuses all input (event Error, nothing consumed) until reset() or
// next_message(). 1xx responses complete with no body; the caller then parses the final one.
//
// Memory: the head is copied into one reusable buffer (capacity kept across messages), header
// views point into it and stay valid until next_message()/reset(). Body views point into the
// caller's input (identity) or the gzip decoder's window, valid until the next parse() call.
// In steady state nothing is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "http/parse/gzip_decoder.h"
#include "http/parse/parse_error.h"

namespace kalshi::http {

struct Limits {
  uint32_t max_header_count = 100;
  uint32_t max_header_bytes = 64 * 1024;  // status line + fields + CRLFs (and, anew, trailers)
  uint32_t max_chunk_line_bytes = 4096;   // size + extensions + CRLF
  uint64_t max_body_bytes = 64ull << 20;  // on the wire (compressed, without chunk framing)
  uint64_t max_decoded_body_bytes = 256ull << 20;  // after gzip
};

struct Header {
  std::string_view name;
  std::string_view value;
};

class MessageParser {
 public:
  enum class Event : uint8_t { NeedMore, Head, Body, Complete, Error };
  enum class BodyKind : uint8_t { None, Length, Chunked, UntilClose };

  struct Step {
    Event event = Event::NeedMore;
    size_t consumed = 0;
    std::string_view body;  // Event::Body only
  };

  enum class Kind : uint8_t { Response, Request };

  explicit MessageParser(Kind kind, const Limits &limits = {});

  // Starts the next response on the same connection; keeps buffers and limits.
  void next_message();
  // Starts over (a new connection).
  void reset() { next_message(); }
  // Responses: set before the response to a HEAD request (no body whatever the headers say).
  void expect_head_response(bool head) { head_request_ = head; }
  // Default on; off to pass a gzip body through undecoded.
  void set_decode_gzip(bool on) { decode_gzip_ = on; }
  void set_limits(const Limits &limits) { limits_ = limits; }

  Step parse(std::string_view in);
  // The connection ended: Complete for a read-until-close body (or before any byte of the
  // next message, NeedMore), else Error TruncatedMessage.
  Step finish();

  // Valid after Head. status() for responses; method() and target() for requests.
  int status() const { return status_; }
  std::string_view method() const;
  std::string_view target() const;
  int version_minor() const { return version_minor_; }
  std::string_view reason() const;
  size_t header_count() const { return fields_.size(); }
  Header header_at(size_t i) const;
  // The first field with this name (case-insensitive), or an empty view and false.
  bool header(std::string_view name, std::string_view *value) const;
  BodyKind body_kind() const { return body_kind_; }
  uint64_t content_length() const { return content_length_; }
  bool gzip() const { return gzip_; }
  bool keep_alive() const;

  ParseError error() const { return error_; }
  uint64_t error_offset() const { return error_offset_; }
  bool complete() const { return state_ == State::Done; }
  // Bytes of this message consumed so far.
  uint64_t offset() const { return offset_; }

 private:
  enum class State : uint8_t {
    StatusLine,
    HeaderLines,
    Body,
    ChunkSize,
    ChunkExt,
    ChunkSizeLf,
    ChunkData,
    ChunkDataCr,
    ChunkDataLf,
    Trailers,
    Done,
    Failed
  };
  struct FieldRef {
    uint32_t name_at, name_len, value_at, value_len;
  };

  Step fail(ParseError e, size_t consumed_here);
  // Takes one line (without CRLF) from head_ scanning; returns None or an error.
  ParseError on_status_line(std::string_view line);
  ParseError on_request_line(std::string_view line);
  ParseError on_header_line(std::string_view line, bool trailer);
  ParseError on_head_end();
  // Appends one CRLF-ended line (without the CRLF) to `*to`; returns the bytes used and sets
  // *complete at the LF. Counts section_bytes_ against max_header_bytes.
  size_t take_line(std::string_view in, std::string *to, bool *complete, ParseError *err);
  // Hands wire body bytes to the caller (or the gzip decoder); sets *out and returns consumed.
  size_t deliver(std::string_view wire, std::string_view *out, ParseError *err);
  bool end_body(ParseError *err);
  Step need_more(size_t used);

  Kind kind_;
  Limits limits_;
  State state_ = State::StatusLine;
  ParseError error_ = ParseError::None;
  uint64_t error_offset_ = 0;
  uint64_t offset_ = 0;
  uint64_t body_start_ = 0;  // message offset of the first body byte (gzip errors)

  std::string head_;            // the head bytes (lines without CRLF, NUL-free)
  size_t line_start_ = 0;       // where the line being accumulated starts in head_
  uint32_t section_bytes_ = 0;  // head or trailer bytes so far, with CRLFs
  bool saw_cr_ = false;
  uint64_t line_offset_ = 0;  // message offset where the current line starts
  std::string trailer_line_;  // one trailer line at a time (trailers are not kept)
  bool eof_ = false;
  bool gunzip_pending_ = false;  // the decoder's window was full: more output may be waiting
  std::vector<FieldRef> fields_;

  int status_ = 0;
  int version_minor_ = 1;
  uint32_t reason_at_ = 0, reason_len_ = 0;
  uint32_t method_len_ = 0, target_at_ = 0, target_len_ = 0;
  bool head_request_ = false;
  bool decode_gzip_ = true;
  bool gzip_ = false;
  bool conn_close_ = false;
  bool conn_keep_alive_ = false;
  bool has_content_length_ = false;
  bool has_transfer_encoding_ = false;
  bool chunked_ = false;
  BodyKind body_kind_ = BodyKind::None;
  uint64_t content_length_ = 0;
  uint64_t remaining_ = 0;   // of Content-Length or of the current chunk
  uint64_t body_wire_ = 0;   // body bytes seen on the wire
  uint32_t chunk_line_ = 0;  // bytes of the current chunk-size line
  bool chunk_digits_ = false;
  GzipDecoder gunzip_;
};

}  // namespace kalshi::http
