// Kalshi's weekly maintenance window, Thursday 03:00-05:00 America/New_York (kalshi-fix.md §1.8).
// The driver treats a disconnect inside the window as expected and waits for its end before
// reconnecting. US Eastern time is computed by hand (EST UTC-5, EDT UTC-4 from the second Sunday
// of March 02:00 local to the first Sunday of November 02:00 local, the rule in force since 2007),
// so no time zone database is needed at run time.
#pragma once

#include <cstdint>

namespace kalshi::fix {

// True when epoch_ms (UTC) falls in [Thursday 03:00, Thursday 05:00) US Eastern time.
bool in_maintenance_window(int64_t epoch_ms);

// The end (Thursday 05:00 ET, as epoch ms) of the window that contains epoch_ms; epoch_ms itself
// when it is outside a window, so `maintenance_window_end_ms(now) - now` is the delay to wait.
int64_t maintenance_window_end_ms(int64_t epoch_ms);

// US Eastern offset from UTC at epoch_ms, in milliseconds (-5 h or -4 h).
int64_t us_eastern_offset_ms(int64_t epoch_ms);

}  // namespace kalshi::fix
