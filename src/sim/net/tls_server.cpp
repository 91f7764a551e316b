#include "sim/net/tls_server.h"

#include <string>

#include "core/secure_wipe.h"
#include "net/tls_config.h"
#include "sim/net/stream_server.h"

namespace kalshi::sim {

using net::mbedtls_error_text;

TlsServerConfig::TlsServerConfig() {
  mbedtls_entropy_init(&entropy_);
  mbedtls_ctr_drbg_init(&drbg_);
  mbedtls_x509_crt_init(&chain_);
  mbedtls_pk_init(&key_);
  mbedtls_ssl_config_init(&conf_);
}

TlsServerConfig::~TlsServerConfig() {
  mbedtls_ssl_config_free(&conf_);
  mbedtls_pk_free(&key_);
  mbedtls_x509_crt_free(&chain_);
  mbedtls_ctr_drbg_free(&drbg_);
  mbedtls_entropy_free(&entropy_);
}

Error TlsServerConfig::create(std::string_view cert_chain_pem, std::string_view key_pem,
                              std::shared_ptr<TlsServerConfig> *out) {
  std::shared_ptr<TlsServerConfig> cfg(new TlsServerConfig());
  static constexpr unsigned char kPersonalization[] = "libkalshi-sim-tls";
  int rc = mbedtls_ctr_drbg_seed(&cfg->drbg_, mbedtls_entropy_func, &cfg->entropy_,
                                 kPersonalization, sizeof kPersonalization - 1);
  if (rc != 0) {
    return Error::make(KALSHI_ERR_TLS, "TLS RNG seeding failed: " + mbedtls_error_text(rc));
  }
  // mbedTLS wants PEM input NUL-terminated, with the NUL counted in the length.
  const std::string chain(cert_chain_pem);
  rc = mbedtls_x509_crt_parse(&cfg->chain_, reinterpret_cast<const unsigned char *>(chain.c_str()),
                              chain.size() + 1);
  if (rc != 0) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "cannot parse the server certificate chain: " + mbedtls_error_text(rc));
  }
  std::string key(key_pem);
  rc = mbedtls_pk_parse_key(&cfg->key_, reinterpret_cast<const unsigned char *>(key.c_str()),
                            key.size() + 1, nullptr, 0);
  secure_wipe(key);
  if (rc != 0) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "cannot parse the server private key: " + mbedtls_error_text(rc));
  }
  rc = mbedtls_pk_check_pair(&cfg->chain_.pk, &cfg->key_);
  if (rc != 0) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "the server key does not match the first certificate of the chain");
  }
  rc = mbedtls_ssl_config_defaults(&cfg->conf_, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                   MBEDTLS_SSL_PRESET_DEFAULT);
  if (rc != 0) return Error::make(KALSHI_ERR_TLS, "TLS setup failed: " + mbedtls_error_text(rc));
  // TLS 1.2 exactly, as Kalshi's endpoints speak it.
  mbedtls_ssl_conf_min_version(&cfg->conf_, MBEDTLS_SSL_MAJOR_VERSION_3,
                               MBEDTLS_SSL_MINOR_VERSION_3);
  mbedtls_ssl_conf_max_version(&cfg->conf_, MBEDTLS_SSL_MAJOR_VERSION_3,
                               MBEDTLS_SSL_MINOR_VERSION_3);
  mbedtls_ssl_conf_rng(&cfg->conf_, mbedtls_ctr_drbg_random, &cfg->drbg_);
  mbedtls_ssl_conf_renegotiation(&cfg->conf_, MBEDTLS_SSL_RENEGOTIATION_DISABLED);
  mbedtls_ssl_conf_authmode(&cfg->conf_, MBEDTLS_SSL_VERIFY_NONE);  // no client certificates
  rc = mbedtls_ssl_conf_own_cert(&cfg->conf_, &cfg->chain_, &cfg->key_);
  if (rc != 0) return Error::make(KALSHI_ERR_TLS, "TLS setup failed: " + mbedtls_error_text(rc));
  *out = std::move(cfg);
  return {};
}

Error make_tls_server_config(std::string_view cert_chain_pem, std::string_view key_pem,
                             std::shared_ptr<TlsServerConfig> *out) {
  return TlsServerConfig::create(cert_chain_pem, key_pem, out);
}

TlsServerSession::TlsServerSession(std::shared_ptr<TlsServerConfig> cfg) : cfg_(std::move(cfg)) {}

TlsServerSession::~TlsServerSession() = default;

Error TlsServerSession::begin() {
  return setup(cfg_->ssl_config());
}

Error TlsServerSession::handshake(bool *done) {
  *done = established();
  if (*done) return {};
  const int rc = handshake_step();
  if (rc == MBEDTLS_ERR_SSL_WANT_READ) return {};
  if (rc != 0)
    return Error::make(KALSHI_ERR_TLS, "TLS handshake failed: " + mbedtls_error_text(rc));
  mark_established();
  *done = true;
  return {};
}

}  // namespace kalshi::sim
