// The text form of injected FIX faults (the simulator's control API and CLI use it).
#include <charconv>
#include <string>

#include "sim/fix/acceptor_session.h"

namespace kalshi::sim {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits off the first word; *rest gets what follows, trimmed.
std::string_view first_word(std::string_view s, std::string_view *rest) {
  const size_t sp = s.find_first_of(" \t");
  if (sp == std::string_view::npos) {
    *rest = {};
    return s;
  }
  *rest = trim(s.substr(sp));
  return s.substr(0, sp);
}

bool lower_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

// A whole non-negative decimal number no larger than `max`.
bool parse_count(std::string_view s, int64_t max, int64_t *out) {
  if (s.empty()) return false;
  int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0 || v > max) return false;
  *out = v;
  return true;
}

Error invalid(std::string msg) {
  return Error::make(KALSHI_ERR_INVALID_VALUE, std::move(msg));
}

// Upper bounds keep a typo from asking for something absurd (a day of mute, megabytes of junk).
constexpr int64_t kMaxSkip = 1000000;
constexpr int64_t kMaxDup = 10000;
constexpr int64_t kMaxDelayMs = 600000;
constexpr int64_t kMaxGarbage = 1 << 20;
constexpr int64_t kMaxSeq = INT64_MAX;

struct Spec {
  const char *word;
  FaultKind kind;
  enum Arg : uint8_t { None, Number, OptNumber, Text } arg;
  int64_t def;  // value of n when an optional number is omitted
  int64_t max;
  bool positive;  // n must be at least 1
};

constexpr Spec kSpecs[] = {
    {"drop", FaultKind::Drop, Spec::None, 0, 0, false},
    {"skip", FaultKind::SkipSeq, Spec::OptNumber, 1, kMaxSkip, true},
    {"dup", FaultKind::DuplicatePossDup, Spec::OptNumber, 1, kMaxDup, true},
    {"delay", FaultKind::DelayMs, Spec::Number, 0, kMaxDelayMs, false},
    {"garbage", FaultKind::Garbage, Spec::OptNumber, 64, kMaxGarbage, true},
    {"reject_logon", FaultKind::RejectLogon, Spec::Text, 0, 0, false},
    {"resend_request", FaultKind::ResendRequest, Spec::OptNumber, 1, kMaxSeq, true},
    {"test_request", FaultKind::TestRequest, Spec::None, 0, 0, false},
    {"logout", FaultKind::Logout, Spec::Text, 0, 0, false},
    {"mute", FaultKind::Mute, Spec::OptNumber, 0, kMaxDelayMs, false},
    {"clear", FaultKind::None, Spec::None, 0, 0, false},
};

}  // namespace

Error parse_fault(std::string_view text, Fault *out) {
  *out = Fault{};
  std::string_view rest;
  const std::string_view word = first_word(trim(text), &rest);
  for (const Spec &s : kSpecs) {
    if (!lower_equal(word, s.word)) continue;
    Fault f;
    f.kind = s.kind;
    const std::string name(s.word);
    switch (s.arg) {
      case Spec::None:
        if (!rest.empty()) return invalid("fault '" + name + "' takes no argument");
        break;
      case Spec::Text:
        f.text = std::string(rest);
        break;
      case Spec::OptNumber:
      case Spec::Number:
        if (rest.empty()) {
          if (s.arg == Spec::Number) return invalid("fault '" + name + "' needs a number");
          f.n = s.def;
          break;
        }
        if (!parse_count(rest, s.max, &f.n) || (s.positive && f.n == 0)) {
          return invalid("fault '" + name + "': '" + std::string(rest) + "' is not a number in " +
                         (s.positive ? "1.." : "0..") + std::to_string(s.max));
        }
        break;
    }
    *out = std::move(f);
    return {};
  }
  return invalid("unknown fault '" + std::string(word) +
                 "' (drop, skip, dup, delay, garbage, reject_logon, resend_request, test_request, "
                 "logout, mute, clear)");
}

}  // namespace kalshi::sim
