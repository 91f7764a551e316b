#include "core/environments.h"

#include <array>
#include <cctype>

namespace kalshi {

namespace {

constexpr EnvironmentHosts kProduction{
    "external-api.kalshi.com",
    "external-api-ws.kalshi.com",
    "external-api-margin-ws.kalshi.com",
    "api.klear.kalshi.com",
    "mm.fix.elections.kalshi.com",
    "marketdata.fix.elections.kalshi.com",
    "margin-mm.fix.elections.kalshi.com",
    "margin-marketdata.fix.elections.kalshi.com",
};

constexpr EnvironmentHosts kDemo{
    "external-api.demo.kalshi.co",
    "external-api-ws.demo.kalshi.co",
    "external-api-margin-ws.demo.kalshi.co",
    "demo-api.kalshi.co",
    "fix.demo.kalshi.co",
    "marketdata.fix.demo.kalshi.co",
    "margin-fix.demo.kalshi.co",
    "margin-marketdata.fix.demo.kalshi.co",
};

// Shared and legacy names that the specs say are still served (rest-notes.md §1, kalshi-fix.md
// §1.4). They are allowed as overrides without net.allow_unknown_host.
constexpr std::array<std::string_view, 4> kAlsoKnown{
    "api.elections.kalshi.com",
    "demo-api.kalshi.co",
    "fix.elections.kalshi.com",
    "margin-fix-api.fix.elections.kalshi.com",
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool in(const EnvironmentHosts &h, std::string_view host) {
  for (std::string_view k : {h.rest, h.ws, h.perps_ws, h.klear, h.fix, h.fix_md, h.perps_fix,
                             h.perps_fix_md}) {
    if (iequals(k, host)) return true;
  }
  return false;
}

}  // namespace

const EnvironmentHosts &hosts_for(Environment env) {
  return env == Environment::Demo ? kDemo : kProduction;
}

bool is_known_kalshi_host(std::string_view host) {
  if (in(kProduction, host) || in(kDemo, host)) return true;
  for (std::string_view k : kAlsoKnown) {
    if (iequals(k, host)) return true;
  }
  return false;
}

bool is_loopback_host(std::string_view host) {
  if (iequals(host, "localhost") || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8 as a dotted quad.
  if (host.substr(0, 4) != "127.") return false;
  int parts = 0, digits = 0, value = 0;
  for (char ch : host) {
    if (ch == '.') {
      if (digits == 0 || value > 255) return false;
      ++parts;
      digits = value = 0;
    } else if (ch >= '0' && ch <= '9') {
      value = value * 10 + (ch - '0');
      if (++digits > 3) return false;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0 && value <= 255;
}

}  // namespace kalshi
