// A FIX session's settings from the configuration (fix.*, auth.*, tls.*, net.*): session type and
// product, key id, heartbeat, Logon flags (validated for the session type), host and port for the
// product and session type, TLS, reconnect policy and the sequence store.
#pragma once

#include "api/fix/session_driver.h"
#include "core/conf.h"
#include "core/error.h"

namespace kalshi::fix {

struct SessionSettings {
  DriverSettings driver;
};

// KALSHI_ERR_INVALID_VALUE names the property at fault; host policy and TLS errors as for streams;
// KALSHI_ERR_IO when the file store cannot be opened.
Error settings_from_conf(const Conf &conf, SessionSettings *out);

}  // namespace kalshi::fix
