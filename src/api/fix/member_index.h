// Internal: O(1) tag -> top-level member index of a message, for the decoder's hot loop and the
// views (a linear scan over ExecutionReport's ~40 members per field would dominate decoding).
#pragma once

#include <cstdint>

#include "api/fix/dictionary.h"

namespace kalshi::fix {

// Index of `tag` in def.members, or -1.
int member_index(const MessageDef &def, uint32_t tag);

}  // namespace kalshi::fix
