#include <kalshi/conf.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "capi/guard.h"
#include "core/conf.h"

using kalshi::Conf;
using kalshi::Error;

namespace {

kalshi_err_t copy_out(const std::string &value, char *dest, size_t *dest_size) {
  if (dest_size == nullptr) return KALSHI_ERR_INVALID_ARG;
  const size_t cap = *dest_size;
  *dest_size = value.size() + 1;
  if (dest == nullptr || cap < value.size() + 1) return KALSHI_ERR_BUFFER_TOO_SMALL;
  std::memcpy(dest, value.c_str(), value.size() + 1);
  return KALSHI_OK;
}

struct EnvMapping {
  const char *variable;
  const char *property;
};

constexpr EnvMapping kEnvMappings[] = {
    {"KALSHI_KEY_ID", "auth.key_id"},
    {"KALSHI_PRIVATE_KEY", "auth.private_key"},
    {"KALSHI_PRIVATE_KEY_PATH", "auth.private_key_path"},
    {"KALSHI_PRIVATE_KEY_PASSPHRASE", "auth.private_key_passphrase"},
    {"KALSHI_PERPS_KEY_ID", "perps.auth.key_id"},
    {"KALSHI_PERPS_PRIVATE_KEY", "perps.auth.private_key"},
    {"KALSHI_PERPS_PRIVATE_KEY_PATH", "perps.auth.private_key_path"},
    {"KALSHI_PERPS_PRIVATE_KEY_PASSPHRASE", "perps.auth.private_key_passphrase"},
    {"KALSHI_KLEAR_TOKEN", "klear.auth.token"},
};

// HTTPS_PROXY (or https_proxy) as "host:port" for net.https_proxy: the conventional
// "http://host:port[/]" or bare "host:port". A TLS connection to the proxy itself ("https://")
// and credentials in the URL are not supported and refused, never silently dropped.
Error proxy_from_env(std::string_view v, std::string *out) {
  constexpr std::string_view kHttp = "http://";
  if (v.substr(0, kHttp.size()) == kHttp) v.remove_prefix(kHttp.size());
  if (v.find("://") != std::string_view::npos) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "only an http:// proxy (CONNECT tunnel) is supported");
  }
  if (!v.empty() && v.back() == '/') v.remove_suffix(1);
  if (v.find('@') != std::string_view::npos) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "proxy credentials are not supported");
  }
  *out = std::string(v);
  return Error{};
}

// Applies the environment to a scratch copy first so that a bad variable leaves conf unchanged.
Error apply_env(Conf &conf) {
  Conf scratch(conf);
  for (const auto &m : kEnvMappings) {
    const char *v = std::getenv(m.variable);
    if (v == nullptr) continue;
    Error e = scratch.set(m.property, v);
    if (!e.ok()) {
      e.message = std::string(m.variable) + ": " + e.message;
      return e;
    }
  }
  for (const char *var : {"HTTPS_PROXY", "https_proxy"}) {
    const char *v = std::getenv(var);
    if (v == nullptr || *v == '\0') continue;
    std::string host_port;
    Error e = proxy_from_env(v, &host_port);
    if (e.ok()) e = scratch.set("net.https_proxy", host_port.c_str());
    if (!e.ok()) {
      e.message = std::string(var) + ": " + e.message;
      return e;
    }
    break;  // HTTPS_PROXY wins over https_proxy
  }
  if (const char *demo = std::getenv("KALSHI_DEMO"); demo != nullptr) {
    bool on = false;
    if (!kalshi::parse_bool(demo, &on)) {
      return Error::make(KALSHI_ERR_INVALID_VALUE, "KALSHI_DEMO: expected true or false");
    }
    scratch.set("env", on ? "demo" : "production");
  }
  // Commit: copy the validated values across.
  size_t count = 0;
  const kalshi::Property *props = kalshi::property_table(&count);
  for (size_t i = 0; i < count; ++i) {
    if (scratch.is_set(props[i].name)) conf.set(props[i].name, scratch.get(props[i].name).c_str());
  }
  return Error{};
}

}  // namespace

extern "C" {

KALSHI_API kalshi_conf_t *kalshi_conf_new(void) {
  return new (std::nothrow) kalshi_conf;
}

KALSHI_API kalshi_conf_t *kalshi_conf_dup(const kalshi_conf_t *conf) {
  if (conf == nullptr) return nullptr;
  try {
    return new kalshi_conf{Conf(conf->conf)};
  } catch (...) {
    return nullptr;
  }
}

KALSHI_API void kalshi_conf_destroy(kalshi_conf_t *conf) {
  delete conf;
}

KALSHI_API kalshi_err_t kalshi_conf_set(kalshi_conf_t *conf, const char *key, const char *value,
                                        char *errstr, size_t errstr_size) {
  kalshi::write_errstr(errstr, errstr_size, "");
  if (conf == nullptr || key == nullptr) {
    kalshi::write_errstr(errstr, errstr_size, "conf and key must not be NULL");
    return KALSHI_ERR_INVALID_ARG;
  }
  kalshi_error_t *err = nullptr;
  const kalshi_err_t rc =
      kalshi::capi::guarded(&err, [&] { return kalshi::report(&err, conf->conf.set(key, value)); });
  if (err != nullptr) {
    kalshi::write_errstr(errstr, errstr_size, err->e.message);
    delete err;
  }
  return rc;
}

KALSHI_API kalshi_err_t kalshi_conf_get(const kalshi_conf_t *conf, const char *key, char *dest,
                                        size_t *dest_size) {
  if (conf == nullptr || key == nullptr || dest_size == nullptr) return KALSHI_ERR_INVALID_ARG;
  return kalshi::capi::guarded(nullptr, [&] {
    if (kalshi::find_property(key) == nullptr) return KALSHI_ERR_UNKNOWN_KEY;
    return copy_out(conf->conf.display(key), dest, dest_size);
  });
}

KALSHI_API kalshi_err_t kalshi_conf_dump(const kalshi_conf_t *conf, char *dest, size_t *dest_size) {
  if (conf == nullptr || dest_size == nullptr) return KALSHI_ERR_INVALID_ARG;
  return kalshi::capi::guarded(nullptr,
                               [&] { return copy_out(conf->conf.dump(), dest, dest_size); });
}

KALSHI_API kalshi_err_t kalshi_conf_from_env(kalshi_conf_t *conf, char *errstr,
                                             size_t errstr_size) {
  kalshi::write_errstr(errstr, errstr_size, "");
  if (conf == nullptr) return KALSHI_ERR_INVALID_ARG;
  kalshi_error_t *err = nullptr;
  const kalshi_err_t rc =
      kalshi::capi::guarded(&err, [&] { return kalshi::report(&err, apply_env(conf->conf)); });
  if (err != nullptr) {
    kalshi::write_errstr(errstr, errstr_size, err->e.message);
    delete err;
  }
  return rc;
}

KALSHI_API kalshi_err_t kalshi_conf_set_dispatch_cb(kalshi_conf_t *conf, kalshi_dispatch_cb cb,
                                                    void *opaque) {
  if (conf == nullptr) return KALSHI_ERR_INVALID_ARG;
  conf->conf.dispatch_cb = cb;
  conf->conf.dispatch_opaque = opaque;
  return KALSHI_OK;
}

}  // extern "C"
