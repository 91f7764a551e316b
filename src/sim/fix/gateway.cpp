// FixGateway: one FixConnection per accepted stream, each an AcceptorSession presented to the
// application as a FixPeer, and the per-(product, session type, key) stores that outlive
// connections so retransmission clients recover after a reconnect.
//
// Choices where the spec is silent:
// - A second Logon for a (product, session type, key) that already has a live session is refused
//   with Logout "already exists" (§2.14), as the exchange does.
// - Stores keep the last kStoreMessages application messages per (product, type, key); older
//   seqs are gap-filled on a resend. A store exists only for keys that passed the signature check,
//   so their number is bounded by the key directory.
// - Connections may outlive the gateway (the transport layer frees them later); once the gateway
//   is gone they no longer call the sink.
#include "sim/fix/gateway.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace kalshi::sim {

namespace {

constexpr size_t kStoreMessages = 50000;

using StoreKey = std::tuple<fix::Product, fix::SessionKind, std::string>;

class Connection;

struct Armed {
  fix::Product product;
  fix::SessionKind kind;
  std::string key_id;  // empty: every key
  Fault fault;
};

// What connections share with the gateway; kept alive by both so either may go first.
struct Core {
  const KeyDirectory *keys;
  FixPeerSink *sink;
  std::function<int64_t()> exchange_now;
  bool gateway_alive = true;
  uint64_t next_id = 1;
  std::map<StoreKey, std::unique_ptr<fix::Store>> stores;
  std::vector<Armed> armed;
  std::set<Connection *> live;

  int64_t exchange_time() const { return exchange_now ? exchange_now() : 0; }
};

bool key_matches(std::string_view filter, std::string_view key) {
  return filter.empty() || filter == key;
}

class Connection final : public FixConnection, public AcceptorHandler, public FixPeer {
 public:
  Connection(std::shared_ptr<Core> core, fix::Product product, fix::SessionKind kind,
             FixTransport &transport, int64_t now_ms)
      : core_(std::move(core)),
        transport_(transport),
        id_(core_->next_id++),
        session_(make_config(product, kind), *core_->keys, *this),
        now_ms_(now_ms) {
    core_->live.insert(this);
    session_.connected(now_ms);
  }

  ~Connection() override {
    core_->live.erase(this);
    report_logout();
  }

  // FixConnection
  void received(const char *data, size_t len, int64_t now_ms) override {
    now_ms_ = now_ms;
    session_.received(data, len, now_ms);
  }
  void disconnected(int64_t now_ms) override {
    now_ms_ = now_ms;
    transport_gone_ = true;
    session_.disconnected(now_ms);
  }
  void tick(int64_t now_ms) override {
    now_ms_ = now_ms;
    session_.tick(now_ms);
  }
  int64_t next_deadline_ms() const override { return session_.next_deadline_ms(); }

  // AcceptorHandler
  void send_bytes(std::string_view bytes) override {
    if (!transport_gone_) transport_.write(bytes);
  }
  void close_transport() override {
    if (transport_gone_) return;
    transport_gone_ = true;
    transport_.close();
  }
  void abort_transport() override {
    if (transport_gone_) return;
    transport_gone_ = true;
    transport_.abort();
  }
  fix::Store *on_logon(std::string_view key_id, const LogonFlags &, std::string *refuse) override {
    for (const Armed &a : core_->armed) {
      if (!matches(a, key_id)) continue;
      if (a.fault.kind == FaultKind::RejectLogon) {
        *refuse = a.fault.text.empty() ? "logon rejected (simulated fault)" : a.fault.text;
        return nullptr;
      }
    }
    for (Connection *c : core_->live) {
      if (c != this && c->logged_on_ && !c->logout_reported_ && c->product() == product() &&
          c->kind() == kind() && c->key_id() == key_id) {
        *refuse = "already exists";
        return nullptr;
      }
    }
    for (const Armed &a : core_->armed) {
      if (matches(a, key_id) && a.fault.kind == FaultKind::DelayMs) {
        session_.inject(a.fault, now_ms_);
      }
    }
    member_ = core_->keys->member_of(product(), key_id);
    auto &slot = core_->stores[StoreKey{product(), kind(), std::string(key_id)}];
    if (!slot) slot = fix::make_memory_store(kStoreMessages);
    return slot.get();
  }
  void on_message(const fix::Inbound &m) override {
    if (core_->gateway_alive && logged_on_)
      core_->sink->on_message(*this, m, core_->exchange_time());
  }
  void on_state(AcceptorState s, const Error &) override {
    if (s == AcceptorState::Active && !logged_on_) {
      logged_on_ = true;
      if (core_->gateway_alive) core_->sink->on_logon(*this, core_->exchange_time());
    } else if (s == AcceptorState::Closed) {
      report_logout();
    }
  }

  // FixPeer
  uint64_t id() const override { return id_; }
  fix::Product product() const override { return session_.config().product; }
  fix::SessionKind kind() const override { return session_.config().kind; }
  std::string_view key_id() const override { return session_.key_id(); }
  uint32_t member() const override { return member_; }
  const LogonFlags &flags() const override { return session_.flags(); }
  Error send(std::string_view msg_type, std::string_view body) override {
    return session_.send(msg_type, body, now_ms_);
  }

  // For the gateway
  bool live_session() const { return logged_on_ && !logout_reported_; }
  bool matches(const Armed &a, std::string_view key) const {
    return a.product == product() && a.kind == kind() && key_matches(a.key_id, key);
  }
  void inject(const Fault &f, int64_t now_ms) {
    now_ms_ = now_ms;
    session_.inject(f, now_ms);
  }

 private:
  static AcceptorConfig make_config(fix::Product product, fix::SessionKind kind) {
    AcceptorConfig c;
    c.product = product;
    c.kind = kind;
    return c;
  }
  void report_logout() {
    if (!logged_on_ || logout_reported_) return;
    logout_reported_ = true;
    if (core_->gateway_alive) core_->sink->on_logout(*this, core_->exchange_time());
  }

  std::shared_ptr<Core> core_;
  FixTransport &transport_;
  uint64_t id_;
  AcceptorSession session_;
  int64_t now_ms_;
  uint32_t member_ = 0;
  bool logged_on_ = false;
  bool logout_reported_ = false;
  bool transport_gone_ = false;
};

bool armed_kind(FaultKind k) {
  return k == FaultKind::RejectLogon || k == FaultKind::DelayMs;
}

}  // namespace

struct FixGateway::Impl {
  std::shared_ptr<Core> core;
};

FixGateway::FixGateway(const KeyDirectory &keys, FixPeerSink &sink,
                       std::function<int64_t()> exchange_now)
    : impl_(std::make_unique<Impl>()) {
  impl_->core = std::make_shared<Core>();
  impl_->core->keys = &keys;
  impl_->core->sink = &sink;
  impl_->core->exchange_now = std::move(exchange_now);
}

FixGateway::~FixGateway() {
  impl_->core->gateway_alive = false;
}

std::unique_ptr<FixConnection> FixGateway::accept(fix::Product product, fix::SessionKind kind,
                                                  FixTransport &transport, int64_t now_ms) {
  return std::make_unique<Connection>(impl_->core, product, kind, transport, now_ms);
}

Error FixGateway::inject(fix::Product product, fix::SessionKind kind, std::string_view key_id,
                         const Fault &fault, int64_t now_ms) {
  Core &core = *impl_->core;
  const auto same_target = [&](const Armed &a) {
    return a.product == product && a.kind == kind && a.key_id == key_id;
  };
  if (fault.kind == FaultKind::None) {
    std::erase_if(core.armed, [&](const Armed &a) {
      return a.product == product && a.kind == kind && key_matches(key_id, a.key_id);
    });
  } else if (armed_kind(fault.kind)) {
    std::erase_if(core.armed,
                  [&](const Armed &a) { return same_target(a) && a.fault.kind == fault.kind; });
    core.armed.push_back({product, kind, std::string(key_id), fault});
  }
  // Live sessions: one-shot faults act now; DelayMs and clearing also reach them.
  std::vector<Connection *> targets;
  for (Connection *c : core.live) {
    if (c->live_session() && c->product() == product && c->kind() == kind &&
        key_matches(key_id, c->key_id())) {
      targets.push_back(c);
    }
  }
  if (fault.kind == FaultKind::RejectLogon) return {};
  for (Connection *c : targets) c->inject(fault, now_ms);
  if (targets.empty() && !armed_kind(fault.kind) && fault.kind != FaultKind::None) {
    return Error::make(KALSHI_ERR_NOT_FOUND, "no live FIX session matches the fault");
  }
  return {};
}

size_t FixGateway::active_sessions() const {
  size_t n = 0;
  for (Connection *c : impl_->core->live) n += c->live_session() ? 1 : 0;
  return n;
}

}  // namespace kalshi::sim
