// Shared by the simulator REST tests: an exchange with the default markets, a member with the
// test key registered, a RestApi on injected clocks, and a client that sends raw HTTP through an
// HttpSession and parses the answers with the library's response parser.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "crypto/key.h"
#include "crypto/sign.h"
#include "http/parse/response_parser.h"
#include "sim/exchange/exchange.h"
#include "sim/http/http_server.h"
#include "sim/key_directory.h"
#include "sim/rest/rest_api.h"

// cmocka last: its fail() macro clashes with member functions named fail.
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
extern "C" {
#include <cmocka.h>
}
// clang-format on

namespace resttest {

using namespace kalshi;
using namespace kalshi::sim;

inline constexpr const char *kKey = "0b5e8a52-1c7e-4f0e-9a53-1f6f3f1e2d44";
inline constexpr int64_t kWall = 1789000000000;  // the clock signatures are checked against

inline std::string data_path(const char *rel) {
  const char *root = std::getenv("KALSHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/keys/" + rel;
}

inline std::string read_file(const std::string &path) {
  std::string out;
  if (FILE *f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

inline const crypto::PrivateKey &test_key() {
  static std::unique_ptr<crypto::PrivateKey> key = [] {
    std::unique_ptr<crypto::PrivateKey> k;
    if (!crypto::load_private_key_file(data_path("rsa_pkcs8.pem"), "", &k).ok()) std::abort();
    return k;
  }();
  return *key;
}

struct Reply {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;
  bool reset = false;
  int64_t delay_ms = 0;
  std::string header(std::string_view name) const {
    for (const auto &h : headers) {
      if (h.first.size() == name.size() &&
          std::equal(h.first.begin(), h.first.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        return h.second;
      }
    }
    return {};
  }
};

// Parses every response in `bytes`; fails the test on anything malformed.
inline std::vector<Reply> parse_replies(std::string_view bytes) {
  std::vector<Reply> out;
  http::ResponseParser p;
  Reply cur;
  for (;;) {
    const auto s = p.parse(bytes);
    bytes.remove_prefix(s.consumed);
    switch (s.event) {
      case http::MessageParser::Event::Head:
        cur = Reply{};
        cur.status = p.status();
        for (size_t i = 0; i < p.header_count(); ++i) {
          cur.headers.emplace_back(std::string(p.header_at(i).name),
                                   std::string(p.header_at(i).value));
        }
        break;
      case http::MessageParser::Event::Body:
        cur.body.append(s.body);
        break;
      case http::MessageParser::Event::Complete:
        cur.close = !p.keep_alive();
        out.push_back(cur);
        p.next_message();
        break;
      case http::MessageParser::Event::Error:
        assert_string_equal(http::parse_error_name(p.error()), "a well-formed response");
        return out;
      case http::MessageParser::Event::NeedMore:
        if (!bytes.empty() || p.offset() != 0) {
          assert_string_equal("truncated", "a complete response");
        }
        return out;
    }
  }
  return out;
}

struct Fixture {
  Exchange ex{7};
  SimKeyDirectory keys;
  uint32_t member = 0;
  uint32_t other = 0;
  int64_t now = kWall;  // exchange clock
  int64_t wall = kWall;
  std::unique_ptr<RestApi> api;
  std::unique_ptr<HttpSession> session;

  explicit Fixture(RestOptions opts = {}) {
    assert_true(ex.load_markets(Exchange::default_markets_json()).ok());
    member = ex.add_member("rest", 1000 * kDollar);
    other = ex.add_member("other", 1000 * kDollar);
    assert_true(
        keys.add(fix::Product::Prediction, kKey, read_file(data_path("rsa_pub.pem")), member).ok());
    api = std::make_unique<RestApi>(
        ex, keys, [this] { return now; }, [this] { return wall; }, opts);
    new_connection();
  }
  void new_connection() {
    session = std::make_unique<HttpSession>([this](HttpRequest &r) { return api->handle(r); });
  }

  // Raw bytes in, every reply out (faults: a reset output gives a Reply with reset set).
  std::vector<Reply> raw(std::string_view bytes) {
    std::vector<HttpOutput> outs;
    session->feed(bytes, &outs);
    std::vector<Reply> replies;
    for (const HttpOutput &o : outs) {
      if (o.reset) {
        Reply r;
        r.reset = true;
        replies.push_back(r);
        continue;
      }
      std::vector<Reply> one = parse_replies(o.bytes);
      assert_int_equal(one.size(), 1);
      one[0].delay_ms = o.delay_ms;
      one[0].close = o.close;
      replies.push_back(one[0]);
    }
    return replies;
  }

  // Builds a request; signed with the test key at `ts` unless sign is false.
  static std::string request(std::string_view method, std::string_view target,
                             std::string_view body = {}, bool sign = true, int64_t ts = kWall,
                             std::string_view key = kKey) {
    std::string r = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: sim\r\n";
    if (sign) {
      const std::string path(target.substr(0, target.find('?')));
      std::string sig;
      if (!crypto::sign_rest(test_key(), ts, method, path, sig).ok()) std::abort();
      r += "KALSHI-ACCESS-KEY: " + std::string(key) + "\r\n";
      r += "KALSHI-ACCESS-TIMESTAMP: " + std::to_string(ts) + "\r\n";
      r += "KALSHI-ACCESS-SIGNATURE: " + sig + "\r\n";
    }
    if (!body.empty() || method == "POST" || method == "PUT") {
      r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n";
    }
    r += "\r\n";
    r += body;
    return r;
  }

  Reply call(std::string_view method, std::string_view target, std::string_view body = {},
             bool sign = true) {
    std::vector<Reply> r = raw(request(method, target, body, sign));
    assert_int_equal(r.size(), 1);
    return r[0];
  }
};

inline bool contains(const std::string &hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

// The value of the first "name":"value" string field in a JSON text (tests only).
inline std::string json_field(const std::string &json, std::string_view name, size_t from = 0) {
  const std::string key = "\"" + std::string(name) + "\":\"";
  const size_t at = json.find(key, from);
  if (at == std::string::npos) return {};
  const size_t start = at + key.size();
  return json.substr(start, json.find('"', start) - start);
}

inline size_t count_of(const std::string &hay, std::string_view needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace resttest
