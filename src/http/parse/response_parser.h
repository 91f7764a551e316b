// The REST client's HTTP/1.1 response parser; all rules and the usage are in message_parser.h.
#pragma once

#include "http/parse/message_parser.h"

namespace kalshi::http {

class ResponseParser : public MessageParser {
 public:
  explicit ResponseParser(const Limits &limits = {}) : MessageParser(Kind::Response, limits) {}
};

}  // namespace kalshi::http
