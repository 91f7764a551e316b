#include "sim/http/http_server.h"

#include <cstdio>

namespace kalshi::sim {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t end = path.find('/', i);
    const size_t stop = end == std::string_view::npos ? path.size() : end;
    parts.push_back(path.substr(i, stop - i));
    i = stop;
  }
  return parts;
}

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto &h : headers) {
    if (iequals(h.first, name)) return h.second;
  }
  return {};
}

bool HttpRequest::query_param(std::string_view name, std::string *out) const {
  std::string_view q = query;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (percent_decode(key) != name) continue;
    *out = eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1));
    return true;
  }
  return false;
}

const char *http_reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

std::string serialize_response(const HttpResponse &r, bool keep_alive) {
  std::string out;
  out.reserve(160 + r.body.size());
  char line[64];
  std::snprintf(line, sizeof line, "HTTP/1.1 %d ", r.status);
  out += line;
  out += http_reason(r.status);
  out += "\r\n";
  const bool no_body = r.status == 204 || r.status == 304 || r.status < 200;
  if (!no_body) {
    out += "Content-Type: application/json\r\n";
    std::snprintf(line, sizeof line, "Content-Length: %zu\r\n", r.body.size());
    out += line;
  }
  for (const auto &h : r.headers) {
    out += h.first;
    out += ": ";
    out += h.second;
    out += "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  if (!no_body) out += r.body;
  return out;
}

void json_string(std::string *out, std::string_view s) {
  out->push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

std::string error_body(std::string_view code, std::string_view message, std::string_view details) {
  std::string out = "{\"code\":";
  json_string(&out, code);
  out += ",\"message\":";
  json_string(&out, message);
  if (!details.empty()) {
    out += ",\"details\":";
    json_string(&out, details);
  }
  out += "}";
  return out;
}

void Router::add(std::string method, std::string path_template, HttpHandler handler) {
  Route r;
  r.method = std::move(method);
  for (std::string_view s : split_path(path_template)) r.segments.emplace_back(s);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

const HttpHandler *Router::match(HttpRequest &req, bool *path_known) const {
  *path_known = false;
  const std::vector<std::string_view> parts = split_path(req.path);
  // Literal segments win over captures: two passes, exact routes first.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Route &r : routes_) {
      if (r.segments.size() != parts.size()) continue;
      bool ok = true;
      bool has_capture = false;
      std::map<std::string, std::string, std::less<>> params;
      for (size_t i = 0; i < parts.size() && ok; ++i) {
        const std::string &seg = r.segments[i];
        if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
          has_capture = true;
          params[seg.substr(1, seg.size() - 2)] = percent_decode(parts[i]);
        } else {
          ok = seg == parts[i];
        }
      }
      if (!ok || has_capture != (pass == 1)) continue;
      if (r.method != req.method) {
        *path_known = true;
        continue;
      }
      req.params = std::move(params);
      return &r.handler;
    }
  }
  return nullptr;
}

http::Limits HttpSession::default_limits() {
  http::Limits l;
  l.max_header_count = 64;
  l.max_header_bytes = 16 * 1024;
  l.max_body_bytes = 1 << 20;  // the largest batch (20 orders) is far below this
  l.max_decoded_body_bytes = 1 << 20;
  return l;
}

HttpSession::HttpSession(HttpHandler handler, const http::Limits &limits)
    : handler_(std::move(handler)), parser_(limits) {}

void HttpSession::respond(HttpResponse r, bool keep_alive, std::vector<HttpOutput> *out) {
  HttpOutput o;
  o.delay_ms = r.delay_ms;
  if (r.reset) {
    o.reset = true;
    done_ = true;
    out->push_back(std::move(o));
    return;
  }
  const bool keep = keep_alive && !r.close;
  o.bytes = serialize_response(r, keep);
  o.close = !keep;
  if (!keep) done_ = true;
  out->push_back(std::move(o));
}

void HttpSession::fail(int status, std::string_view code, std::string_view message,
                       std::vector<HttpOutput> *out) {
  HttpResponse r;
  r.status = status;
  r.body = error_body(code, message);
  r.close = true;
  respond(std::move(r), false, out);
}

void HttpSession::feed(std::string_view in, std::vector<HttpOutput> *out) {
  // Parse until the parser needs more: a message can complete with no input left (the head
  // ended exactly at the end of this read and there is no body).
  while (!done_) {
    const auto step = parser_.parse(in);
    in.remove_prefix(step.consumed);
    switch (step.event) {
      case http::MessageParser::Event::NeedMore:
        return;
      case http::MessageParser::Event::Head: {
        req_ = HttpRequest{};
        req_.method = std::string(parser_.method());
        req_.target = std::string(parser_.target());
        const size_t q = req_.target.find('?');
        req_.path = req_.target.substr(0, q);
        if (q != std::string::npos) req_.query = req_.target.substr(q + 1);
        for (size_t i = 0; i < parser_.header_count(); ++i) {
          const http::Header h = parser_.header_at(i);
          req_.headers.emplace_back(std::string(h.name), std::string(h.value));
        }
        break;
      }
      case http::MessageParser::Event::Body:
        req_.body.append(step.body);
        break;
      case http::MessageParser::Event::Complete: {
        const bool keep_alive = parser_.keep_alive();
        HttpResponse r;
        try {
          r = handler_(req_);
        } catch (const std::exception &) {
          r = HttpResponse{};
          r.status = 500;
          r.body = error_body("internal_error", "the simulator failed to handle the request");
        }
        respond(std::move(r), keep_alive, out);
        parser_.next_message();
        req_ = HttpRequest{};
        break;
      }
      case http::MessageParser::Event::Error: {
        const http::ParseError e = parser_.error();
        const bool too_large =
            e == http::ParseError::BodyTooLarge || e == http::ParseError::DecodedBodyTooLarge ||
            e == http::ParseError::HeadersTooLarge || e == http::ParseError::TooManyHeaders;
        if (too_large) {
          fail(413, "request_too_large", http::parse_error_name(e), out);
        } else {
          fail(400, "bad_request", http::parse_error_name(e), out);
        }
        return;
      }
    }
  }
}

}  // namespace kalshi::sim
