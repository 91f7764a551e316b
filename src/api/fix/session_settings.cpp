#include "api/fix/session_settings.h"

#include <string>
#include <utility>

#include "net/connect_policy.h"

namespace kalshi::fix {

namespace {

// fix.logon.* tri-state flags: "unset" sends nothing.
struct LogonFlag {
  const char *property;
  uint32_t tag;
};
constexpr LogonFlag kLogonFlags[] = {
    {"fix.logon.cancel_on_disconnect", 8013}, {"fix.logon.listener", 20126},
    {"fix.logon.settlement_reports", 20127},  {"fix.logon.use_dollars", 21005},
    {"fix.logon.ioc_cancel_report", 21007},   {"fix.logon.preserve_order_qty", 21008},
    {"fix.logon.skip_pending", 21011},        {"fix.logon.expired_status", 21012},
    {"fix.logon.new_before_trade", 21026},    {"fix.logon.split_collateral", 21027},
};

std::string port_property(SessionKind k) {
  switch (k) {
    case SessionKind::NR:
      return "fix.port.nr";
    case SessionKind::RT:
      return "fix.port.rt";
    case SessionKind::DC:
      return "fix.port.dc";
    case SessionKind::PT:
      return "fix.port.pt";
    case SessionKind::RFQ:
      return "fix.port.rfq";
    case SessionKind::MD:
      return "fix.port.md";
  }
  return "fix.port.nr";
}

}  // namespace

Error settings_from_conf(const Conf &conf, SessionSettings *out) {
  SessionSettings s;
  SessionConfig &cfg = s.driver.session;
  cfg.product = conf.get("fix.product") == "margin" ? Product::Margin : Product::Prediction;
  if (!parse_session_kind(conf.get("fix.session"), &cfg.kind)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "fix.session: unknown session type");
  }
  const bool margin = cfg.product == Product::Margin;
  if (!session_exists(cfg.product, cfg.kind)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "fix.session: margin has no " +
                                                     std::string(target_comp_id(cfg.kind)) +
                                                     " session (only nr, rt, dc and md)");
  }
  cfg.sender_comp_id = conf.get("fix.sender_comp_id");
  if (cfg.sender_comp_id.empty()) {
    cfg.sender_comp_id = conf.get(margin ? "perps.auth.key_id" : "auth.key_id");
  }
  if (cfg.sender_comp_id.empty()) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       margin ? "no FIX key id: set fix.sender_comp_id or perps.auth.key_id"
                              : "no FIX key id: set fix.sender_comp_id or auth.key_id");
  }
  cfg.heartbeat_s = static_cast<int>(conf.get_int("fix.heartbeat_s"));
  cfg.reset_on_logon =
      conf.get_bool("fix.reset_on_logon") || !has_retransmission(cfg.product, cfg.kind);
  cfg.logon_timeout_ms = conf.get_int("fix.logon_timeout_ms");
  cfg.max_message_size = static_cast<size_t>(conf.get_int("fix.max_message_size"));
  cfg.sending_time_tolerance_ms = conf.get_int("fix.sending_time_tolerance_ms");
  for (const auto &f : kLogonFlags) {
    const std::string v = conf.get(f.property);
    if (v != "unset") cfg.logon_fields.emplace_back(f.tag, v);
  }
  if (const int64_t hours = conf.get_int("fix.logon.retention_hours"); hours > 0) {
    cfg.logon_fields.emplace_back(20200, std::to_string(hours));
  }
  if (Error e = validate_config(cfg); !e.ok()) return e;

  s.driver.context.product = cfg.product;
  s.driver.context.use_dollars = margin || conf.get("fix.logon.use_dollars") == "Y";

  const bool md = uses_market_data_host(cfg.kind);
  const char *host_prop =
      margin ? (md ? "perps.fix.md_host" : "perps.fix.host") : (md ? "fix.md_host" : "fix.host");
  const std::string host = conf.get(host_prop);
  const auto port = static_cast<uint16_t>(conf.get_int(port_property(cfg.kind)));
  const bool tls = conf.get_bool("fix.tls");
  if (!net::plausible_host(host)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, std::string(host_prop) + ": no usable host");
  }
  if (Error e = net::check_policy(conf, host, tls); !e.ok()) return e;
  if (Error e = net::build_connect_options(conf, host, port, tls, &s.driver.connect); !e.ok()) {
    return e;
  }
  s.driver.connect.close_timeout_ms = 2000;
  s.driver.reconnect = conf.get_bool("fix.reconnect");
  s.driver.maintenance_pause = conf.get_bool("fix.maintenance_pause");
  s.driver.resubscribe = conf.get_bool("fix.resubscribe");
  s.driver.backoff_base_ms = static_cast<uint64_t>(conf.get_int("net.backoff_base_ms"));
  s.driver.backoff_max_ms = static_cast<uint64_t>(conf.get_int("net.backoff_max_ms"));
  s.driver.stale_session_wait_ms = conf.get_int("fix.stale_session_wait_ms");
  s.driver.already_exists_retries =
      static_cast<uint32_t>(conf.get_int("fix.already_exists_retries"));

  if (conf.get("fix.store") == "file") {
    const std::string dir = conf.get("fix.store_dir");
    if (dir.empty()) {
      return Error::make(KALSHI_ERR_INVALID_VALUE, "fix.store=file needs fix.store_dir");
    }
    if (Error e = open_file_store(
            dir, cfg.sender_comp_id,
            cfg.target_comp_id.empty() ? target_comp_id(cfg.kind) : cfg.target_comp_id,
            &s.driver.store);
        !e.ok()) {
      return e;
    }
  } else {
    s.driver.store = make_memory_store();
  }
  *out = std::move(s);
  return Error{};
}

}  // namespace kalshi::fix
