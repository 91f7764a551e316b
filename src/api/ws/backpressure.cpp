// BoundedQueue is a header-only template (backpressure.h); this unit instantiates it once for a
// plain type so the header is compiled (and warned about) with the library even before any user.
#include "api/ws/backpressure.h"

namespace kalshi::wsapi {

template class BoundedQueue<int64_t>;

}  // namespace kalshi::wsapi
