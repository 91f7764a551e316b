#include <kalshi/version.h>

#define KALSHI_STR2(x) #x
#define KALSHI_STR(x) KALSHI_STR2(x)

extern "C" {

KALSHI_API uint32_t kalshi_version(void) { return KALSHI_VERSION_NUM; }

KALSHI_API const char *kalshi_version_str(void) {
  return KALSHI_STR(KALSHI_VERSION_MAJOR) "." KALSHI_STR(KALSHI_VERSION_MINOR) "." KALSHI_STR(
      KALSHI_VERSION_PATCH);
}

}  // extern "C"
