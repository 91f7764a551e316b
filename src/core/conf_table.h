// The one table of configuration properties. kalshi_conf_set validates against it and
// docs/CONFIGURATION.md is generated from it (tools/gen_conf_doc.cpp), so they cannot disagree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/environments.h"

namespace kalshi {

enum class PropType {
  String,    // any printable text without control characters
  Bool,      // true/false, 1/0, yes/no, on/off (case-insensitive)
  Int,       // decimal integer within [min, max]
  Enum,      // one of `choices` ("a|b|c")
  Host,      // DNS name or IP literal
  Path,      // file system path (existence is checked when used, not when set)
  Secret,    // sensitive text: wiped on overwrite/destroy, never dumped
  PinList,   // comma-separated base64 SHA-256 SPKI hashes
  Pem,       // sensitive PEM text
  KeyId,     // API key id: printable ASCII without spaces
};

struct Property {
  std::string_view name;
  PropType type;
  std::string_view default_value;  // used when env_host is null
  // For host properties the default follows `env`: the member of EnvironmentHosts to use.
  std::string_view EnvironmentHosts::*env_host;
  int64_t min;
  int64_t max;
  std::string_view choices;
  std::string_view doc;
};

const Property *property_table(size_t *count);
const Property *find_property(std::string_view name);
std::string_view prop_type_name(PropType t);
bool is_secret(PropType t);

}  // namespace kalshi
