/* libkalshi — the native Kalshi client. Include this one header.
 *
 * Pure C99. Every object is an opaque handle; every fallible call returns kalshi_err_t. */
#ifndef KALSHI_H
#define KALSHI_H

#include "export.h"
#include "version.h"
#include "error.h"
#include "decimal.h"
#include "conf.h"
#include "queue.h"
#include "client.h"
#include "key.h"
#include "stream.h"
#include "fix.h"
#include "book.h"
#include "obj.h"
#include "rest.h" /* c1 */
#include "sim.h"
#include "ws.h" /* c2 */

#endif
