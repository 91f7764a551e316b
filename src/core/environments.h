// Kalshi's environments and the hosts each one uses (../shared/spec: rest-notes.md §1,
// kalshi-fix.md §1.2-1.4, perps.md §1).
#pragma once

#include <string_view>

namespace kalshi {

enum class Environment { Production, Demo };

struct EnvironmentHosts {
  std::string_view rest;         // prediction + perps REST, path prefix /trade-api/v2
  std::string_view ws;           // prediction WebSocket, /trade-api/ws/v2
  std::string_view perps_ws;     // perps WebSocket, /trade-api/ws/v2/margin
  std::string_view klear;        // Klear REST, /klear-api/v1
  std::string_view fix;          // prediction FIX order entry, drop copy, post-trade, RFQ
  std::string_view fix_md;       // prediction FIX market data
  std::string_view perps_fix;    // margin FIX order entry, drop copy
  std::string_view perps_fix_md; // margin FIX market data
};

const EnvironmentHosts &hosts_for(Environment env);

// True for every host any Kalshi environment uses, current or still-supported legacy names
// (case-insensitive, no trailing dot).
bool is_known_kalshi_host(std::string_view host);

// True for "localhost", 127.0.0.0/8 and ::1 literals.
bool is_loopback_host(std::string_view host);

}  // namespace kalshi
