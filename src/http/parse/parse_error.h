// Why an HTTP message was refused. Each value names one rule; the parser also reports the byte
// offset (from the start of the message) where the rule was broken.
#pragma once

#include <cstdint>

namespace kalshi::http {

enum class ParseError : uint8_t {
  None,
  BadLineEnding,             // a line not ended by CRLF (bare CR or bare LF)
  BadStatusLine,             // not "HTTP/x.y SP 3DIGIT [SP reason]"
  BadVersion,                // a version other than HTTP/1.0 or HTTP/1.1
  BadStatusCode,             // not three digits in 100..599
  BadRequestLine,            // not "method SP target SP HTTP/x.y"
  BadMethod,                 // a method that is not a token
  BadTarget,                 // an empty target or one with control characters or spaces
  BadHeaderName,             // empty, a non-token character, or whitespace before the colon
  BadHeaderValue,            // a control character other than HTAB in a value
  FoldedHeader,              // obs-fold (a line starting with SP or HTAB) is refused
  TooManyHeaders,            // more header fields than Limits::max_header_count
  HeadersTooLarge,           // the head (or the trailers) longer than Limits::max_header_bytes
  BadContentLength,          // not a decimal number, or larger than 2^63-1
  ConflictingContentLength,  // two Content-Length values that disagree
  ContentLengthWithTransferEncoding,  // both present: a request-smuggling vector
  UnsupportedTransferEncoding,        // anything but exactly "chunked" (or TE in HTTP/1.0)
  BadChunkSize,                       // a chunk-size line without hex digits or with junk
  ChunkSizeOverflow,                  // a chunk size that does not fit in 64 bits
  ChunkLineTooLong,    // a chunk-size line (with extensions) over Limits::max_chunk_line_bytes
  BadChunkTerminator,  // chunk data not followed by CRLF
  BodyTooLarge,        // body bytes on the wire over Limits::max_body_bytes
  UnsupportedContentEncoding,  // a Content-Encoding other than gzip, x-gzip or identity
  BadGzip,                     // a corrupt, truncated or trailing-garbage gzip body
  DecodedBodyTooLarge,         // decoded body over Limits::max_decoded_body_bytes
  TruncatedMessage,            // the connection ended inside a message
  OutOfMemory,                 // zlib could not allocate its state
};

const char *parse_error_name(ParseError e);

}  // namespace kalshi::http
