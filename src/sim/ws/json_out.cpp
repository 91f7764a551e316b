#include "sim/ws/json_out.h"

#include <cstdio>

#include "core/decimal.h"

namespace kalshi::sim::wsfront {

void JsonOut::key(std::string_view name) {
  comma();
  raw_string(name);
  out_.push_back(':');
  after_key_ = true;
}

void JsonOut::string(std::string_view s) {
  value_prefix();
  raw_string(s);
}

void JsonOut::raw_string(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out_.push_back('\\');
      out_.push_back(ch);
    } else if (c < 0x20) {
      out_ += "\\u00";
      out_.push_back(kHex[c >> 4]);
      out_.push_back(kHex[c & 15]);
    } else {
      out_.push_back(ch);
    }
  }
  out_.push_back('"');
}

void JsonOut::integer(int64_t v) {
  value_prefix();
  out_ += std::to_string(v);
}

void JsonOut::boolean(bool b) {
  value_prefix();
  out_ += b ? "true" : "false";
}

void JsonOut::dollars(int64_t micros) {
  char buf[32];
  const size_t n = format_fixed(micros, 6, 4, buf);
  string(std::string_view(buf, n));
}

void JsonOut::count(int64_t centi) {
  char buf[32];
  const size_t n = format_fixed(centi, 2, 2, buf);
  string(std::string_view(buf, n));
}

void JsonOut::rfc3339(int64_t ms) {
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), UTC.
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const int64_t millis = ms - secs * 1000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const int64_t sod = secs - days * 86400;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[48];
  const int n =
      std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                    static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                    static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                    static_cast<long long>(sod % 60), static_cast<long long>(millis));
  string(std::string_view(buf, n > 0 ? static_cast<size_t>(n) : 0));
}

}  // namespace kalshi::sim::wsfront
