#include "fix_quickfix_peer.h"

#include <quickfix/FieldTypes.h>
#include <quickfix/Message.h>
#include <quickfix/fix50sp2/NewOrderSingle.h>

namespace bench_qf {

namespace {

size_t walk(const FIX::FieldMap &map) {
  size_t n = 0;
  for (FIX::FieldMap::const_iterator it = map.begin(); it != map.end(); ++it) {
    n += it->getString().size();
  }
  return n;
}

}  // namespace

size_t decode_and_walk(const std::string &frame) {
  const FIX::Message msg(frame, false);
  return walk(msg.getHeader()) + walk(msg) + walk(msg.getTrailer());
}

size_t encode_nos(unsigned seq, std::string &out) {
  // The same timestamp every time, formatted by QuickFIX as a session would.
  static const FIX::UtcTimeStamp kSendingTime(12, 34, 56, 789, 9, 8, 2023);
  FIX50SP2::NewOrderSingle nos;
  FIX::Header &h = nos.getHeader();
  h.setField(FIX::SenderCompID("your-api-key"));
  h.setField(FIX::TargetCompID("KalshiNR"));
  h.setField(FIX::MsgSeqNum(static_cast<int>(seq)));
  h.setField(FIX::SendingTime(kSendingTime, 3));  // milliseconds
  nos.setField(FIX::ClOrdID("550e8400-e29b-41d4-a716-446655440000"));
  nos.setField(FIX::OrderQty(10));
  nos.setField(FIX::OrdType(FIX::OrdType_LIMIT));
  nos.setField(FIX::Side(FIX::Side_BUY));
  nos.setField(FIX::Symbol("HIGHNY-23DEC31"));
  nos.setField(FIX::Price(75));
  nos.setField(FIX::TimeInForce(FIX::TimeInForce_GOOD_TILL_CANCEL));
  nos.toString(out);
  return out.size();
}

}  // namespace bench_qf
