#include "sim/fix/app_reply.h"

#include <charconv>

#include "api/fix/dictionary.h"

namespace kalshi::sim {

Reply::Reply(fix::MessageBuilder &b, fix::Buffer &body, std::string_view msg_type,
             const fix::Context &ctx, uint64_t *failures)
    : b_(b), body_(body), type_(msg_type), failures_(failures) {
  note(b_.start(msg_type, fix::Direction::ServerToClient, ctx));
}

void Reply::note(Error e) {
  if (err_.ok() && !e.ok()) err_ = std::move(e);
}

Reply &Reply::str(uint32_t tag, std::string_view v) {
  if (ok()) note(b_.set_string(tag, v));
  return *this;
}
Reply &Reply::opt_str(uint32_t tag, std::string_view v) {
  if (!v.empty()) str(tag, v);
  return *this;
}
Reply &Reply::chr(uint32_t tag, char v) {
  if (ok()) note(b_.set_char(tag, v));
  return *this;
}
Reply &Reply::num(uint32_t tag, int64_t v) {
  if (ok()) note(b_.set_int(tag, v));
  return *this;
}
Reply &Reply::flag(uint32_t tag, bool v) {
  if (ok()) note(b_.set_bool(tag, v));
  return *this;
}
Reply &Reply::price(uint32_t tag, Price v) {
  if (!ok()) return *this;
  fix::FieldType type = fix::FieldType::Price;
  const fix::MemberDef *member = b_.def() != nullptr ? b_.def()->member(tag) : nullptr;
  if (member != nullptr) {
    type = member->type;
  } else if (const fix::FieldDef *def = fix::field_def(tag)) {
    type = def->type;
  }
  // Dollars carry at most 4 decimals; cents sessions whole cents (kalshi-fix.md §3.2).
  Price unit = 100;
  if (type == fix::FieldType::Price && b_.context().modal_prices_in_cents()) unit = 10000;
  note(b_.set_price(tag, round_to_unit(v, unit)));
  return *this;
}
Reply &Reply::qty(uint32_t tag, Qty v) {
  if (ok()) note(b_.set_qty(tag, v));
  return *this;
}
Reply &Reply::amount(uint32_t tag, Money v) {
  if (ok()) note(b_.set_amount(tag, v));
  return *this;
}
Reply &Reply::time(uint32_t tag, int64_t epoch_ms) {
  if (ok()) note(b_.set_timestamp(tag, epoch_ms));
  return *this;
}
Reply &Reply::date(uint32_t tag, int32_t yyyymmdd) {
  if (ok()) note(b_.set_date(tag, yyyymmdd));
  return *this;
}
Reply &Reply::group(uint32_t counter_tag) {
  if (ok()) note(b_.begin_group(counter_tag));
  return *this;
}
Reply &Reply::entry() {
  if (ok()) note(b_.next_entry());
  return *this;
}
Reply &Reply::end_group() {
  if (ok()) note(b_.end_group());
  return *this;
}

bool Reply::send(FixPeer &peer) {
  if (ok()) {
    body_.clear();
    note(b_.finish(body_));
  }
  if (!ok()) {
    if (failures_ != nullptr) ++*failures_;
    return false;
  }
  return peer.send(type_, body_.view()).ok();
}

Price round_to_unit(Price p, Price unit) {
  if (unit <= 1) return p;
  const Price half = unit / 2;
  if (p >= 0) return (p + half) / unit * unit;
  return -((-p + half) / unit * unit);
}

std::string exec_id(uint64_t exec_seq) {
  return std::to_string(exec_seq) + ";1";
}

bool parse_exec_id(std::string_view s, uint64_t *clock) {
  const size_t semi = s.find(';');
  if (semi == std::string_view::npos || semi == 0) return false;
  uint64_t c = 0;
  const char *b = s.data();
  auto r = std::from_chars(b, b + semi, c);
  if (r.ec != std::errc() || r.ptr != b + semi) return false;
  // The event (and an optional exchange index) must be integers too.
  std::string_view rest = s.substr(semi + 1);
  for (char ch : rest) {
    if ((ch < '0' || ch > '9') && ch != ';' && ch != '-') return false;
  }
  if (rest.empty()) return false;
  *clock = c;
  return true;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

// Day (since epoch) of the n-th Sunday of a month.
int64_t nth_sunday(int64_t y, unsigned m, int n) {
  const int64_t first = days_from_civil(y, m, 1);
  // 1970-01-01 was a Thursday: weekday 0 = Sunday.
  const int64_t weekday = ((first % 7) + 7 + 4) % 7;
  return first + (7 - weekday) % 7 + 7 * (n - 1);
}

}  // namespace

int32_t eastern_date(int64_t epoch_ms) {
  constexpr int64_t kHourMs = 3600 * 1000;
  constexpr int64_t kDayMs = 24 * kHourMs;
  int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(epoch_ms >= 0 ? epoch_ms / kDayMs : (epoch_ms - kDayMs + 1) / kDayMs, &y, &m, &d);
  // EDT from 2:00 EST on the second Sunday of March (07:00 UTC) to 2:00 EDT on the first Sunday
  // of November (06:00 UTC).
  const int64_t dst_start = nth_sunday(y, 3, 2) * kDayMs + 7 * kHourMs;
  const int64_t dst_end = nth_sunday(y, 11, 1) * kDayMs + 6 * kHourMs;
  const int64_t offset = epoch_ms >= dst_start && epoch_ms < dst_end ? 4 : 5;
  const int64_t local = epoch_ms - offset * kHourMs;
  civil_from_days(local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs, &y, &m, &d);
  return static_cast<int32_t>(y * 10000 + m * 100 + d);
}

char side_code(Side s) {
  return s == Side::Sell ? '2' : '1';
}

char tif_code(TimeInForce t) {
  switch (t) {
    case TimeInForce::Day:
      return '0';
    case TimeInForce::Gtc:
      return '1';
    case TimeInForce::Ioc:
      return '3';
    case TimeInForce::Fok:
      return '4';
    case TimeInForce::Gtd:
      return '6';
  }
  return '1';
}

}  // namespace kalshi::sim
