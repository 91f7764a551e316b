// HTTP/1.1 request parser for the simulator's REST front end; all rules and the usage are in
// message_parser.h (method(), target() and header() after the Head event; no body unless
// Content-Length or chunked; finish() inside a request is TruncatedMessage).
#pragma once

#include "http/parse/message_parser.h"

namespace kalshi::http {

class RequestParser : public MessageParser {
 public:
  explicit RequestParser(const Limits &limits = {}) : MessageParser(Kind::Request, limits) {}
};

}  // namespace kalshi::http
