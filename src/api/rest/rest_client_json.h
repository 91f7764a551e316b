// Small text helpers of the REST client's typed calls: JSON string escaping for request bodies
// built from caller text, and RFC 4122 version-4 UUIDs for generated client_order_ids.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace kalshi::api::rest {

// Appends `text` as a JSON string literal (quotes, backslash and control bytes escaped), so caller
// text can never change the structure of the body it goes into.
void append_json_string(std::string_view text, std::string *out);

// A random version-4 UUID ("xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx") from the library's DRBG.
Error new_uuid_v4(std::string *out);

}  // namespace kalshi::api::rest
