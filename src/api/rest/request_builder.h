// Turns (operation, parameters, JSON body) into the method, request target, signed path and body
// of one REST request, after checking everything against the catalog. Pure: no I/O, no clock,
// no credentials. Signing, headers, rate limiting and sending belong to the layers above.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "api/rest/catalog.h"
#include "api/rest/params.h"
#include "core/error.h"

namespace kalshi::rest {

// Bodies larger than this are refused before parsing (the biggest legitimate body, a batch of
// orders, is a few tens of kilobytes).
inline constexpr size_t kMaxRequestBodyBytes = 4u << 20;

struct BuiltRequest {
  std::string method;  // "GET", "POST", ...
  // base_path + expanded path + ("?" + query when any), every path parameter and query key and
  // value percent-encoded (RFC 3986 unreserved bytes kept). Query parameters come in spec order,
  // whatever order the caller gave them in.
  std::string target;
  // base_path + expanded path, no query: exactly the path bytes of `target` the KALSHI-ACCESS
  // signature covers (rest-notes.md section 2).
  std::string sign_path;
  std::string body;  // the caller's JSON, verbatim; empty when none was given
  bool idempotent = false;
  Auth auth = Auth::None;
  RateClass rate_class = RateClass::Read;
  const OperationDef *op = nullptr;
};

// Validates and builds. On failure returns KALSHI_ERR_INVALID_ARG with a message naming the
// operation and the parameter or body field, and leaves *out in an unspecified (but valid) state.
// Rules:
//   - every Param names a declared path or query parameter; a non-array one appears once;
//   - required parameters are present; path parameters are non-empty;
//   - integer: -?(0|[1-9][0-9]*) in int64 and within the spec's minimum/maximum;
//     number: an exact decimal -?d+(.d+)?; boolean: true or false; enum: one of the values;
//   - arrays: elements come comma-separated and/or from repeated Params, each checked as above,
//     and go out per the spec's style (form + explode: the key repeats);
//   - body: required ones present; given only where the spec declares a body; at most
//     kMaxRequestBodyBytes; valid JSON (simdjson); an object; required top-level fields present
//     (null only where nullable); top-level types, string enums and integer bounds as declared.
//     Unknown body fields are allowed: the exchange adds optional fields in newer versions
//     (rest-notes.md section 13) and rejects what it does not accept itself.
// *out keeps its string capacity across calls, so reusing one BuiltRequest avoids reallocation.
Error build_request(const OperationDef &op, std::span<const Param> params,
                    std::string_view body_json, BuiltRequest *out);

// The same, by operationId (the generic call of the C ABI): KALSHI_ERR_NOT_FOUND naming the api
// and the id when the catalog has no such operation.
Error build_request(Api api, std::string_view operation_id, std::span<const Param> params,
                    std::string_view body_json, BuiltRequest *out);

}  // namespace kalshi::rest
