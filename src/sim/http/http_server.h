// The simulator's HTTP/1.1 server side, sans-I/O: an HttpSession is fed the bytes a client sent
// and answers with the bytes to send back, one response per request, in request order (so a
// pipelining client is served correctly). A Router maps (method, path template) to handlers.
//
// Limits: the request parser's limits (head, header count, body) apply; a bad request gets 400,
// an oversized one 413, both with "Connection: close", after which the session ignores input.
// Nothing a client sends can make the session crash, hang or hold more than the limits allow.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/parse/request_parser.h"

namespace kalshi::sim {

struct HttpRequest {
  std::string method;
  std::string target;  // as sent: path and query
  std::string path;    // target cut at the first '?'
  std::string query;   // after the '?', undecoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::map<std::string, std::string, std::less<>> params;  // {name} captures of the route

  // First header of that name (case-insensitive); empty when absent.
  std::string_view header(std::string_view name) const;
  // Query parameter, percent-decoded ('+' as space); false when absent.
  bool query_param(std::string_view name, std::string *out) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;  // JSON
  std::vector<std::pair<std::string, std::string>> headers;
  // Faults: wait this long before sending; close without any response (connection reset).
  int64_t delay_ms = 0;
  bool reset = false;
  bool close = false;  // send "Connection: close" and close after this response
};

// Reason phrase for the status codes the simulator uses ("Unknown" otherwise).
const char *http_reason(int status);
// Serializes a response head and body (Content-Type application/json, Content-Length).
std::string serialize_response(const HttpResponse &r, bool keep_alive);

using HttpHandler = std::function<HttpResponse(HttpRequest &)>;

// Routes on method and a path template whose "{name}" segments capture one path segment each.
class Router {
 public:
  void add(std::string method, std::string path_template, HttpHandler handler);
  // The handler for the request (its params filled), or null. *path_known: some route has this
  // path with another method (405 rather than 404).
  const HttpHandler *match(HttpRequest &req, bool *path_known) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    HttpHandler handler;
  };
  std::vector<Route> routes_;
};

// One output step of a session: bytes to send after waiting delay_ms, then maybe close/reset.
struct HttpOutput {
  std::string bytes;
  int64_t delay_ms = 0;
  bool close = false;  // graceful close after the bytes
  bool reset = false;  // abort, nothing sent
};

class HttpSession {
 public:
  explicit HttpSession(HttpHandler handler, const http::Limits &limits = default_limits());
  // Feeds received bytes; appends what to send, in order. After an output with close or reset
  // the session is done and ignores further input.
  void feed(std::string_view in, std::vector<HttpOutput> *out);
  // The peer closed its side: a half-received request is dropped.
  bool done() const { return done_; }

  static http::Limits default_limits();

 private:
  void respond(HttpResponse r, bool keep_alive, std::vector<HttpOutput> *out);
  void fail(int status, std::string_view code, std::string_view message,
            std::vector<HttpOutput> *out);

  HttpHandler handler_;
  http::RequestParser parser_;
  HttpRequest req_;
  bool done_ = false;
};

// A Kalshi-style error body: {"code":...,"message":...,"details":...} (rest-notes §7).
std::string error_body(std::string_view code, std::string_view message,
                       std::string_view details = {});
// Appends s as a JSON string literal (quotes and escapes: ", \, controls as \u00XX).
void json_string(std::string *out, std::string_view s);

}  // namespace kalshi::sim
