// The simulator's REST front end on hostile bytes, sans socket. The input is one connection's
// byte stream from a client, fed to an HttpSession over a RestApi (fresh exchange with the default
// markets) in two chunks split at a point the first byte picks. Invariants:
//  - every output is exactly one well-formed HTTP/1.1 response (or a reset), with a
//    Content-Length body that parses completely;
//  - after an output that closes, nothing more comes out;
//  - the same bytes as a JSON body, handed straight to the order and group operations of an
//    authenticated member, give a well-formed answer (a status from the spec's set, a body).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/parse/response_parser.h"
#include "sim/exchange/exchange.h"
#include "sim/http/http_server.h"
#include "sim/key_directory.h"
#include "sim/rest/rest_api.h"

using namespace kalshi;
using namespace kalshi::sim;

namespace {

void check(bool ok) {
  if (!ok) abort();
}

void check_response(std::string_view bytes) {
  http::ResponseParser p;
  bool complete = false;
  for (int guard = 0; guard < 1000 && !complete; ++guard) {
    const auto s = p.parse(bytes);
    bytes.remove_prefix(s.consumed);
    check(s.event != http::MessageParser::Event::Error);
    if (s.event == http::MessageParser::Event::Complete) complete = true;
    if (s.event == http::MessageParser::Event::NeedMore) break;
  }
  check(complete);
  check(bytes.empty());
  check(p.status() >= 200 && p.status() <= 599);
}

void check_status(const HttpResponse &r) {
  check(r.status == 200 || r.status == 201 || r.status == 204 || r.status == 400 ||
        r.status == 404 || r.status == 409);
  if (r.status != 204) check(!r.body.empty() && r.body.front() == '{' && r.body.back() == '}');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Exchange ex(1);
  check(ex.load_markets(Exchange::default_markets_json()).ok());
  const uint32_t member = ex.add_member("fuzz", 1000 * kDollar);
  SimKeyDirectory keys;
  int64_t now = 1789000000000;
  RestApi api(
      ex, keys, [&now] { return now; }, [&now] { return now; }, RestOptions{});
  HttpSession session([&api](HttpRequest &r) { return api.handle(r); });

  const std::string_view in(reinterpret_cast<const char *>(data), size);
  const size_t split = size == 0 ? 0 : static_cast<size_t>(data[0]) % (size + 1);
  std::vector<HttpOutput> outs;
  session.feed(in.substr(0, split), &outs);
  session.feed(in.substr(split), &outs);
  for (size_t i = 0; i < outs.size(); ++i) {
    const HttpOutput &o = outs[i];
    if (o.close || o.reset) check(i + 1 == outs.size());
    if (!o.reset) check_response(o.bytes);
  }

  // The body handlers directly, as the authenticated member.
  HttpRequest req;
  req.body = std::string(in);
  req.params["order_id"] = "no-such-order";
  req.params["order_group_id"] = "no-such-group";
  RestApi::Call c{req, member, now};
  check_status(api.create_order(c));
  check_status(api.batch_create_orders(c));
  check_status(api.batch_cancel_orders(c));
  check_status(api.amend_order(c));
  check_status(api.decrease_order(c));
  check_status(api.create_order_group(c));
  return 0;
}
