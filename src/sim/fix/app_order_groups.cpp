// Order groups (kalshi-fix.md §5): OrderGroupRequest (UOG) -> Exchange::order_group, answered by
// OrderGroupResponse (UOH); business errors and bad requests by BusinessMessageReject (35=j).
#include <string>

#include "api/fix/dictionary.h"
#include "sim/fix/app_impl.h"

namespace kalshi::sim {

void FixApp::Impl::order_group(FixPeer &peer, const fix::Inbound &m) {
  const int64_t action = in.find(fix::tag::OrderGroupAction)->value;
  const fix::DecodedField *id_field = in.find(fix::tag::OrderGroupID);
  const fix::DecodedField *limit_field = in.find(fix::tag::OrderGroupContractsLimit);
  const fix::DecodedField *sub_field = in.find(fix::tag::AllocAccount);
  if (action < 1 || action > 5) {
    return business_reject(peer, m, 0, "Unknown OrderGroupAction", fix::tag::OrderGroupAction);
  }
  const auto act = static_cast<OrderGroupAction>(action);
  const bool create = act == OrderGroupAction::Create;
  const bool needs_limit = create || act == OrderGroupAction::Update;
  if (create && id_field != nullptr) {
    return business_reject(peer, m, 0, "OrderGroupID must not be sent on Create",
                           fix::tag::OrderGroupID);
  }
  if (!create && id_field == nullptr) {
    return business_reject(peer, m, 5, "OrderGroupID is required", fix::tag::OrderGroupID);
  }
  if (needs_limit && limit_field == nullptr) {
    return business_reject(peer, m, 5, "OrderGroupContractsLimit is required",
                           fix::tag::OrderGroupContractsLimit);
  }
  int64_t limit = 0;
  if (needs_limit) {
    limit = limit_field->value;
    if (limit < 1 || limit > 1000000) {
      return business_reject(peer, m, 0, "OrderGroupContractsLimit must be 1-1,000,000",
                             fix::tag::OrderGroupContractsLimit);
    }
  }
  AccountKey account{peer.member(), 0};
  if (sub_field != nullptr) {
    if (sub_field->value < 0 || sub_field->value > 63) {
      return business_reject(peer, m, 0, "ORDER_GROUP_NOT_FOUND", fix::tag::AllocAccount);
    }
    account.subaccount = static_cast<uint8_t>(sub_field->value);
  }
  std::string id = id_field != nullptr ? std::string(id_field->text) : std::string();
  const Outcome out = ex.order_group(act, account, &id, limit, now_ms);
  if (!out.ok) {
    const int reason = out.text == "ORDER_GROUP_NOT_FOUND" ? 1 : 0;
    return business_reject(peer, m, reason, out.text.empty() ? "INTERNAL_ERROR" : out.text, 0, id);
  }
  Reply r = reply("UOH", peer);
  r.str(fix::tag::OrderGroupID, id.empty() ? std::string_view("NONE") : std::string_view(id));
  if (needs_limit) r.num(fix::tag::OrderGroupContractsLimit, limit);
  if (peer.product() == fix::Product::Prediction) r.num(fix::tag::AllocAccount, account.subaccount);
  r.send(peer);
}

}  // namespace kalshi::sim
