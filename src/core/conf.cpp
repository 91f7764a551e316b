#include "core/conf.h"

#include <cctype>
#include <charconv>

#include "core/secure_wipe.h"

namespace kalshi {

namespace {

constexpr std::string_view kRedacted = "[redacted]";

std::string lower(std::string_view v) {
  std::string s(v);
  for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool printable(std::string_view v, bool allow_space) {
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) return false;
    if (!allow_space && c == ' ') return false;
  }
  return true;
}

bool valid_host(std::string_view v) {
  if (v.empty() || v.size() > 253) return false;
  // IPv6 literal, with or without brackets.
  if (v.find(':') != std::string_view::npos) {
    for (char c : v) {
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.' || c == '[' ||
            c == ']'))
        return false;
    }
    return true;
  }
  size_t label = 0;
  for (char c : v) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      if (++label > 63) return false;
    } else {
      return false;
    }
  }
  return v.front() != '-' && v.back() != '-';
}

bool valid_base64_sha256(std::string_view v) {
  // 32 bytes -> 44 base64 characters ending in one '='.
  if (v.size() != 44 || v[43] != '=') return false;
  for (size_t i = 0; i < 43; ++i) {
    const char c = v[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) return false;
  }
  return true;
}

std::string_view trim(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return v;
}

}  // namespace

bool parse_bool(std::string_view v, bool *out) {
  const std::string s = lower(v);
  if (s == "true" || s == "1" || s == "yes" || s == "on") {
    *out = true;
    return true;
  }
  if (s == "false" || s == "0" || s == "no" || s == "off") {
    *out = false;
    return true;
  }
  return false;
}

std::string validate_property(const Property &p, std::string_view value) {
  switch (p.type) {
    case PropType::Bool: {
      bool b = false;
      return parse_bool(value, &b) ? "" : "expected true or false";
    }
    case PropType::Int: {
      int64_t n = 0;
      const auto *end = value.data() + value.size();
      auto [ptr, ec] = std::from_chars(value.data(), end, n);
      if (value.empty() || ec != std::errc() || ptr != end) return "expected a decimal integer";
      if (n < p.min || n > p.max) {
        return "expected an integer from " + std::to_string(p.min) + " to " + std::to_string(p.max);
      }
      return "";
    }
    case PropType::Enum: {
      std::string_view rest = p.choices;
      while (!rest.empty()) {
        const size_t bar = rest.find('|');
        if (rest.substr(0, bar) == value) return "";
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      std::string msg = "expected one of: ";
      for (char c : p.choices) msg += c == '|' ? std::string(", ") : std::string(1, c);
      return msg;
    }
    case PropType::Host:
      if (value.empty() && p.env_host == nullptr) return "";  // empty = "use the default"
      return valid_host(value) ? "" : "expected a DNS host name or an IP address";
    case PropType::Path:
      return printable(value, true) ? "" : "expected a file path without control characters";
    case PropType::String:
    case PropType::Secret:
      return printable(value, true) ? "" : "expected text without control characters";
    case PropType::KeyId:
      if (value.size() > 128) return "expected a key id of at most 128 characters";
      return printable(value, false) ? "" : "expected a key id without spaces or control characters";
    case PropType::Pem:
      if (value.empty()) return "";
      return value.find("-----BEGIN ") != std::string_view::npos
                 ? ""
                 : "expected PEM text (-----BEGIN ...); use the _path property for a file";
    case PropType::PinList: {
      std::string_view rest = value;
      while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string_view pin = trim(rest.substr(0, comma));
        if (pin.substr(0, 8) == "sha256//") pin.remove_prefix(8);
        if (!valid_base64_sha256(pin)) {
          return "expected comma-separated base64 SHA-256 hashes (44 characters each)";
        }
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      return "";
    }
  }
  return "unsupported property type";
}

Conf::Conf(const Conf &other)
    : dispatch_cb(other.dispatch_cb), dispatch_opaque(other.dispatch_opaque), values_(other.values_) {}

void Conf::overlay(const Conf &other) {
  for (const auto &[key, value] : other.values_) values_[key] = value;
}

Conf::~Conf() {
  for (auto &[key, value] : values_) {
    const Property *p = find_property(key);
    if (p != nullptr && is_secret(p->type)) secure_wipe(value);
  }
}

Error Conf::set(std::string_view key, const char *value) {
  const Property *p = find_property(key);
  if (p == nullptr) {
    return Error::make(KALSHI_ERR_UNKNOWN_KEY,
                       "unknown configuration property \"" + std::string(key) + "\"");
  }
  auto it = values_.find(key);
  if (value == nullptr) {
    if (it != values_.end()) {
      if (is_secret(p->type)) secure_wipe(it->second);
      values_.erase(it);
    }
    return Error{};
  }
  const std::string_view v(value);
  std::string why = validate_property(*p, v);
  if (!why.empty()) {
    // Never echo a secret back in an error message.
    const std::string shown = is_secret(p->type) ? std::string(kRedacted) : "\"" + std::string(v) + "\"";
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "invalid value " + shown + " for \"" + std::string(key) + "\": " + why);
  }
  if (it != values_.end()) {
    if (is_secret(p->type)) secure_wipe(it->second);
    it->second.assign(v);
  } else {
    values_.emplace(std::string(key), std::string(v));
  }
  return Error{};
}

std::string Conf::get(std::string_view key) const {
  auto it = values_.find(key);
  if (it != values_.end()) return it->second;
  const Property *p = find_property(key);
  if (p == nullptr) return "";
  if (p->env_host != nullptr) return std::string(hosts_for(environment()).*(p->env_host));
  return std::string(p->default_value);
}

bool Conf::get_bool(std::string_view key) const {
  bool b = false;
  parse_bool(get(key), &b);
  return b;
}

int64_t Conf::get_int(std::string_view key) const {
  const std::string v = get(key);
  int64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

Environment Conf::environment() const {
  auto it = values_.find(std::string_view("env"));
  return it != values_.end() && it->second == "demo" ? Environment::Demo : Environment::Production;
}

std::string Conf::display(std::string_view key) const {
  const Property *p = find_property(key);
  if (p != nullptr && is_secret(p->type) && is_set(key)) return std::string(kRedacted);
  return get(key);
}

std::string Conf::dump() const {
  size_t count = 0;
  const Property *props = property_table(&count);
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out.append(props[i].name);
    out.push_back('=');
    out.append(display(props[i].name));
    out.push_back('\n');
  }
  return out;
}

}  // namespace kalshi
