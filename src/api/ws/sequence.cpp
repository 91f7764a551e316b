#include "api/ws/sequence.h"

namespace kalshi::wsapi {

bool error_requires_resubscribe(int64_t code) {
  return code == 10 || code == 25;
}

bool is_sequenced_data(MessageKind kind) {
  switch (kind) {
    case MessageKind::OrderbookSnapshot:
    case MessageKind::OrderbookDelta:
    case MessageKind::Trade:
    case MessageKind::OrderGroupUpdate:
    case MessageKind::MarketLifecycle:
    case MessageKind::EventLifecycle:
    case MessageKind::EventFeeUpdate:
    case MessageKind::MultivariateLifecycle:
    case MessageKind::RfqCreated:
    case MessageKind::RfqDeleted:
    case MessageKind::QuoteCreated:
    case MessageKind::QuoteAccepted:
    case MessageKind::QuoteExecuted:
    case MessageKind::CfbValue:
    case MessageKind::CfbValue5hz:
    case MessageKind::CfbIndexList:
    case MessageKind::PythValue:
    case MessageKind::PythUnderlyingList:
      return true;
    default:
      return false;
  }
}

SequenceTracker::Entry *SequenceTracker::find(int64_t sid) {
  for (Entry &e : sids_)
    if (e.sid == sid) return &e;
  return nullptr;
}
const SequenceTracker::Entry *SequenceTracker::find(int64_t sid) const {
  for (const Entry &e : sids_)
    if (e.sid == sid) return &e;
  return nullptr;
}
SequenceTracker::Entry *SequenceTracker::find_or_add(int64_t sid) {
  if (Entry *e = find(sid)) return e;
  if (sids_.size() >= kMaxSids) return nullptr;
  sids_.push_back(Entry{sid, kAbsent, false});
  return &sids_.back();
}

void SequenceTracker::reset(int64_t sid) {
  for (size_t i = 0; i < sids_.size(); ++i) {
    if (sids_[i].sid == sid) {
      sids_[i] = sids_.back();
      sids_.pop_back();
      return;
    }
  }
}

int64_t SequenceTracker::last_seq(int64_t sid) const {
  const Entry *e = find(sid);
  return e ? e->last : kAbsent;
}

bool SequenceTracker::needs_resync(int64_t sid) const {
  const Entry *e = find(sid);
  return e && e->resync;
}

SeqVerdict SequenceTracker::on_decoded(const Decoded &d) {
  return on_message(d.env, d.env.kind == MessageKind::Error ? d.reply.error_code : 0);
}

SeqVerdict SequenceTracker::on_message(const Envelope &env, int64_t error_code) {
  SeqVerdict v;
  v.sid = env.sid;
  v.got = env.seq;
  if (env.kind == MessageKind::Error) {
    if (env.sid != kAbsent && error_requires_resubscribe(error_code)) {
      if (Entry *e = find_or_add(env.sid)) e->resync = true;
      v.action = SeqAction::Resync;
    }
    return v;
  }
  if (!is_sequenced_data(env.kind) || env.sid == kAbsent) return v;
  Entry *e = find_or_add(env.sid);
  if (e == nullptr) {
    // Too many sids: refuse to track more and say so rather than deliver unchecked data.
    v.action = SeqAction::Resync;
    return v;
  }
  if (env.seq == kAbsent) {
    // A sequenced channel without seq cannot be checked: treat as a gap.
    e->resync = true;
    v.action = SeqAction::Resync;
    v.expected = e->last == kAbsent ? kAbsent : e->last + 1;
    return v;
  }
  // A snapshot rebases the sid (first message, or the answer to get_snapshot after a gap).
  if (env.kind == MessageKind::OrderbookSnapshot && (e->last == kAbsent || e->resync)) {
    e->last = env.seq;
    e->resync = false;
    return v;
  }
  if (e->last == kAbsent) {
    e->last = env.seq;
    return v;
  }
  v.expected = e->last + 1;
  if (e->resync) {
    v.action = SeqAction::Resync;
    return v;
  }
  if (env.seq == v.expected) {
    e->last = env.seq;
    return v;
  }
  v.action = SeqAction::Resync;
  v.duplicate = env.seq <= e->last;
  e->resync = true;
  return v;
}

}  // namespace kalshi::wsapi
