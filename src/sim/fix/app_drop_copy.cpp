// Drop copy (kalshi-fix.md §9): EventResendRequest (U1) replays the member's ExecutionReports of
// an ExecID range from the journal (last 3 hours, bounded), then EventResendComplete (U2); a
// range outside what is kept gets EventResendReject (U3).
#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

void FixApp::Impl::event_resend(FixPeer &peer, const fix::Inbound &m) {
  // Age out what is past the lookback window first, so "too small" means what it says.
  while (!journal.empty() && journal.front().time_ms < now_ms - kJournalLookbackMs) {
    journal_dropped_upto = journal.front().exec_seq;
    journal.pop_front();
  }
  auto reject = [&](int reason, std::string_view text) {
    Reply r = reply("U3", peer);
    r.num(fix::tag::RefSeqNum, static_cast<int64_t>(m.seq));
    r.num(fix::tag::EventResendRejectReason, reason);
    r.opt_str(fix::tag::Text, text).send(peer);
  };
  const uint64_t latest = next_exec_seq - 1;
  uint64_t begin = 0;
  uint64_t end = latest;
  const fix::DecodedField *b = in.find(fix::tag::BeginExecID);
  if (b == nullptr || !parse_exec_id(b->text, &begin)) {
    return business_reject(peer, m, 0, "BeginExecID is not an ExecID", fix::tag::BeginExecID);
  }
  if (const fix::DecodedField *e = in.find(fix::tag::EndExecID)) {
    if (!parse_exec_id(e->text, &end)) {
      return business_reject(peer, m, 0, "EndExecID is not an ExecID", fix::tag::EndExecID);
    }
  }
  if (begin <= journal_dropped_upto) return reject(3, "BeginExecID is outside the lookback");
  if (end > latest) return reject(4, "EndExecID is after the latest ExecID");
  int64_t count = 0;
  for (const ErRecord &rec : journal) {
    if (rec.exec_seq < begin) continue;
    if (rec.exec_seq > end) break;
    if (rec.member != peer.member() || !wants(peer, rec)) continue;
    send_er(peer, rec);
    ++count;
  }
  Reply r = reply("U2", peer);
  r.num(fix::tag::RefSeqNum, static_cast<int64_t>(m.seq));
  r.num(fix::tag::ResendEventCount, count).send(peer);
}

}  // namespace kalshi::sim
