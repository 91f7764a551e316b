/* libkalshi — symbol export macro. Pure C99. */
#ifndef KALSHI_EXPORT_H
#define KALSHI_EXPORT_H

#if defined(_WIN32)
#define KALSHI_API __declspec(dllimport)
#elif defined(__GNUC__)
#define KALSHI_API __attribute__((visibility("default")))
#else
#define KALSHI_API
#endif

#endif
