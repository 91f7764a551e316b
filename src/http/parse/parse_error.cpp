#include "http/parse/parse_error.h"

namespace kalshi::http {

const char *parse_error_name(ParseError e) {
  switch (e) {
    case ParseError::None:
      return "none";
    case ParseError::BadLineEnding:
      return "line not ended by CRLF";
    case ParseError::BadStatusLine:
      return "malformed status line";
    case ParseError::BadVersion:
      return "HTTP version not 1.0 or 1.1";
    case ParseError::BadStatusCode:
      return "status code not 100..599";
    case ParseError::BadRequestLine:
      return "malformed request line";
    case ParseError::BadMethod:
      return "method is not a token";
    case ParseError::BadTarget:
      return "malformed request target";
    case ParseError::BadHeaderName:
      return "malformed header name";
    case ParseError::BadHeaderValue:
      return "control character in header value";
    case ParseError::FoldedHeader:
      return "folded header line (obs-fold)";
    case ParseError::TooManyHeaders:
      return "too many header fields";
    case ParseError::HeadersTooLarge:
      return "header section too large";
    case ParseError::BadContentLength:
      return "malformed Content-Length";
    case ParseError::ConflictingContentLength:
      return "conflicting Content-Length values";
    case ParseError::ContentLengthWithTransferEncoding:
      return "Content-Length together with Transfer-Encoding";
    case ParseError::UnsupportedTransferEncoding:
      return "unsupported Transfer-Encoding";
    case ParseError::BadChunkSize:
      return "malformed chunk size";
    case ParseError::ChunkSizeOverflow:
      return "chunk size overflows";
    case ParseError::ChunkLineTooLong:
      return "chunk-size line too long";
    case ParseError::BadChunkTerminator:
      return "chunk data not followed by CRLF";
    case ParseError::BodyTooLarge:
      return "body too large";
    case ParseError::UnsupportedContentEncoding:
      return "unsupported Content-Encoding";
    case ParseError::BadGzip:
      return "corrupt gzip body";
    case ParseError::DecodedBodyTooLarge:
      return "decoded body too large";
    case ParseError::TruncatedMessage:
      return "connection closed inside a message";
    case ParseError::OutOfMemory:
      return "out of memory";
  }
  return "unknown";
}

}  // namespace kalshi::http
