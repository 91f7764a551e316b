// A set of validated configuration properties (the C ABI's kalshi_conf_t).
#pragma once

#include <kalshi/conf.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/conf_table.h"
#include "core/environments.h"
#include "core/error.h"

namespace kalshi {

class Conf {
 public:
  Conf() = default;
  Conf(const Conf &other);
  Conf &operator=(const Conf &other) = delete;
  ~Conf();

  // Validates and stores; a null value restores the default. Errors: KALSHI_ERR_UNKNOWN_KEY or
  // KALSHI_ERR_INVALID_VALUE, with a message naming the property and what it accepts.
  Error set(std::string_view key, const char *value);

  // The effective value (explicit or default), unredacted: for the library's own use.
  std::string get(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  int64_t get_int(std::string_view key) const;
  bool is_set(std::string_view key) const { return values_.find(key) != values_.end(); }
  Environment environment() const;

  // What kalshi_conf_get shows: secrets that are set read back as "[redacted]".
  std::string display(std::string_view key) const;
  std::string dump() const;
  // Copies every property `other` sets explicitly over this one's (per-session overrides).
  void overlay(const Conf &other);

  kalshi_dispatch_cb dispatch_cb = nullptr;
  void *dispatch_opaque = nullptr;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Checks `value` against the property's domain; returns an empty string when valid, else why not.
std::string validate_property(const Property &p, std::string_view value);
bool parse_bool(std::string_view v, bool *out);

}  // namespace kalshi

struct kalshi_conf {
  kalshi::Conf conf;
};
