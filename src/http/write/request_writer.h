// HTTP/1.1 request writer for the REST client: builds one request's bytes into a buffer that is
// reused from request to request (its capacity is kept, so steady state does not allocate).
//
//   RequestWriter w;
//   w.begin("GET", "/trade-api/v2/markets?limit=100", "api.elections.kalshi.com");
//   w.header("KALSHI-ACCESS-KEY", key_id);        // any number of fields
//   w.finish(body);                               // body may be empty
//   write(w.bytes());
//
// Every input is validated, because a CR or LF smuggled through a path, host or header value
// would let a caller (or data a caller forwards) inject a second request:
//  - method: a token; target: origin-form ("/" then visible ASCII, no SP/CR/LF/controls/DEL);
//  - host: visible ASCII without "/", "@", SP or controls (a host, host:port or [v6]:port);
//  - header names: tokens; values: no CR, LF, NUL or other controls except HTAB;
//  - Host, Content-Length, Transfer-Encoding and Connection are written by the writer only
//    (a caller's copy is refused as ManagedHeader).
// finish() adds Content-Length when there is a body or the method is POST, PUT or PATCH (so an
// empty POST says 0), "Accept-Encoding: gzip" unless turned off, and "Connection: keep-alive"
// or "Connection: close". The first error sticks: later calls return it and bytes() is empty.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kalshi::http {

enum class WriteError : uint8_t {
  None,
  BadMethod,
  BadTarget,
  BadHost,
  BadHeaderName,
  BadHeaderValue,
  ManagedHeader,
  OutOfOrder,  // header() or finish() without begin(), or after finish()
};

const char *write_error_name(WriteError e);

class RequestWriter {
 public:
  void set_accept_gzip(bool on) { accept_gzip_ = on; }
  void set_keep_alive(bool on) { keep_alive_ = on; }

  WriteError begin(std::string_view method, std::string_view target, std::string_view host);
  WriteError header(std::string_view name, std::string_view value);
  WriteError finish(std::string_view body = {});

  // The complete request after a successful finish(), else empty.
  std::string_view bytes() const;
  WriteError error() const { return error_; }
  size_t capacity() const { return buf_.capacity(); }

 private:
  enum class Phase : uint8_t { Idle, Headers, Finished };
  WriteError fail(WriteError e);

  std::string buf_;
  Phase phase_ = Phase::Idle;
  WriteError error_ = WriteError::None;
  bool accept_gzip_ = true;
  bool keep_alive_ = true;
};

}  // namespace kalshi::http
