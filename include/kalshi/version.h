/* libkalshi — library version.
 *
 * The SONAME carries KALSHI_VERSION_MAJOR. Within one major version signatures never change and
 * public structs never appear; functions are only added. */
#ifndef KALSHI_VERSION_H
#define KALSHI_VERSION_H

#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KALSHI_VERSION_MAJOR 0
#define KALSHI_VERSION_MINOR 1
#define KALSHI_VERSION_PATCH 0
/* (major << 16) | (minor << 8) | patch, comparable with kalshi_version(). */
#define KALSHI_VERSION_NUM \
  ((KALSHI_VERSION_MAJOR << 16) | (KALSHI_VERSION_MINOR << 8) | KALSHI_VERSION_PATCH)

/* The version of the library actually loaded, encoded like KALSHI_VERSION_NUM. A binding compares
 * it with the version it was written for. */
KALSHI_API uint32_t kalshi_version(void);
/* "MAJOR.MINOR.PATCH"; static storage. */
KALSHI_API const char *kalshi_version_str(void);

#ifdef __cplusplus
}
#endif
#endif
