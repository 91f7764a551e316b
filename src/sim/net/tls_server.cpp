#include "sim/net/tls_server.h"

#include <algorithm>
#include <cstring>
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

TlsServerSession::TlsServerSession(std::shared_ptr<TlsServerConfig> cfg) : cfg_(std::move(cfg)) {
  mbedtls_ssl_init(&ssl_);
}

TlsServerSession::~TlsServerSession() {
  mbedtls_ssl_free(&ssl_);
}

Error TlsServerSession::begin() {
  const int rc = mbedtls_ssl_setup(&ssl_, cfg_->ssl_config());
  if (rc != 0) return Error::make(KALSHI_ERR_TLS, "TLS setup failed: " + mbedtls_error_text(rc));
  mbedtls_ssl_set_bio(&ssl_, this, &TlsServerSession::bio_send, &TlsServerSession::bio_recv,
                      nullptr);
  return {};
}

void TlsServerSession::feed(const uint8_t *data, size_t len) {
  if (in_pos_ == in_.size()) {
    in_.clear();
    in_pos_ = 0;
  } else if (in_pos_ > 0) {
    in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(in_pos_));
    in_pos_ = 0;
  }
  in_.insert(in_.end(), data, data + len);
}

int TlsServerSession::bio_send(void *self, const unsigned char *buf, size_t len) {
  auto *s = static_cast<TlsServerSession *>(self);
  s->out_.insert(s->out_.end(), buf, buf + len);
  return static_cast<int>(len);
}

int TlsServerSession::bio_recv(void *self, unsigned char *buf, size_t len) {
  auto *s = static_cast<TlsServerSession *>(self);
  const size_t avail = s->in_.size() - s->in_pos_;
  if (avail == 0) return MBEDTLS_ERR_SSL_WANT_READ;
  const size_t n = std::min(avail, len);
  std::memcpy(buf, s->in_.data() + s->in_pos_, n);
  s->in_pos_ += n;
  return static_cast<int>(n);
}

Error TlsServerSession::handshake(bool *done) {
  *done = done_;
  if (done_) return {};
  const int rc = mbedtls_ssl_handshake(&ssl_);
  if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) return {};
  if (rc != 0)
    return Error::make(KALSHI_ERR_TLS, "TLS handshake failed: " + mbedtls_error_text(rc));
  done_ = true;
  *done = true;
  return {};
}

Error TlsServerSession::read(uint8_t *buf, size_t cap, size_t *n, bool *peer_closed) {
  *n = 0;
  *peer_closed = false;
  const int rc = mbedtls_ssl_read(&ssl_, buf, cap);
  if (rc > 0) {
    *n = static_cast<size_t>(rc);
    return {};
  }
  if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) return {};
  if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || rc == 0) {
    *peer_closed = true;
    return {};
  }
  return Error::make(KALSHI_ERR_TLS, "TLS record error: " + mbedtls_error_text(rc));
}

Error TlsServerSession::write(const uint8_t *data, size_t len) {
  // The memory BIO takes everything, so mbedtls_ssl_write only splits into records.
  while (len > 0) {
    const int rc = mbedtls_ssl_write(&ssl_, data, len);
    if (rc <= 0) return Error::make(KALSHI_ERR_TLS, "TLS write failed: " + mbedtls_error_text(rc));
    data += rc;
    len -= static_cast<size_t>(rc);
  }
  return {};
}

void TlsServerSession::close_notify() {
  if (done_) mbedtls_ssl_close_notify(&ssl_);
}

}  // namespace kalshi::sim
