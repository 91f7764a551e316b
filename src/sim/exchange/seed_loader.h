// The markets seed file (docs/SIMULATOR.md, "Markets file"): JSON parsed with simdjson into
// validated Market values. All or nothing: the first bad field fails the whole file.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "sim/exchange/exchange.h"

namespace kalshi::sim {

// KALSHI_ERR_PARSE for malformed JSON; KALSHI_ERR_INVALID_VALUE naming the market and field
// for anything else (missing, wrong type, off-grid, duplicate ticker within the file).
Error parse_markets_json(std::string_view json, std::vector<Market> *out);

}  // namespace kalshi::sim
