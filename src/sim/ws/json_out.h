// A small JSON writer for the simulator's WebSocket messages. Written by hand (rather than with a
// library) because the messages are flat and few: it appends to one reused std::string, escapes
// strings per RFC 8259 (quote, backslash, every control character as \u00XX, nothing else), and
// writes exact decimals as the spec's FixedPointDollars / FixedPointCount strings, never as
// binary floating point. Commas are placed by the writer, so callers only name fields.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kalshi::sim::wsfront {

class JsonOut {
 public:
  std::string &str() { return out_; }
  void clear() {
    out_.clear();
    first_ = true;
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // "name": then the value the next call writes.
  void key(std::string_view name);

  void string(std::string_view s);
  void integer(int64_t v);
  void boolean(bool b);
  // Dollars x 10^6 as a FixedPointDollars string with at least 4 places: "0.4500", "12.345678".
  void dollars(int64_t micros);
  // Contracts x 100 as a FixedPointCount string with exactly 2 places: "10.00", "-3.50".
  void count(int64_t centi);
  // Unix ms as RFC 3339 UTC with milliseconds: "2026-11-21T20:10:28.123Z".
  void rfc3339(int64_t ms);

  // Shorthands for "name": value.
  void field(std::string_view name, std::string_view v) {
    key(name);
    string(v);
  }
  void field_int(std::string_view name, int64_t v) {
    key(name);
    integer(v);
  }
  void field_bool(std::string_view name, bool v) {
    key(name);
    boolean(v);
  }
  void field_dollars(std::string_view name, int64_t v) {
    key(name);
    dollars(v);
  }
  void field_count(std::string_view name, int64_t v) {
    key(name);
    count(v);
  }

 private:
  void comma() {
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  void open(char c) {
    if (!after_key_) comma();
    after_key_ = false;
    out_.push_back(c);
    first_ = true;
  }
  void close(char c) {
    out_.push_back(c);
    first_ = false;
  }
  void raw_string(std::string_view s);
  void value_prefix() {
    if (!after_key_) comma();
    after_key_ = false;
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace kalshi::sim::wsfront
