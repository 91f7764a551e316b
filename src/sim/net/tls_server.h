// The server side of TLS 1.2 for the simulator's listeners: the shared configuration (certificate
// chain, key, RNG) and one sans-I/O session per accepted connection. Like net::TlsSession it sits
// on the shared net::TlsPipe: ciphertext in through feed(), ciphertext out through outbound(),
// plaintext through read()/write(); no socket, no clock.
//
// mbedTLS is built without MBEDTLS_THREADING_C, so a config (its RNG) belongs to one loop thread.
#pragma once

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "net/tls_pipe.h"

namespace kalshi::sim {

class TlsServerConfig {
 public:
  // KALSHI_ERR_KEY_FORMAT when the chain or key cannot be parsed or do not belong together,
  // KALSHI_ERR_TLS when mbedTLS cannot be set up.
  static Error create(std::string_view cert_chain_pem, std::string_view key_pem,
                      std::shared_ptr<TlsServerConfig> *out);
  ~TlsServerConfig();
  TlsServerConfig(const TlsServerConfig &) = delete;
  TlsServerConfig &operator=(const TlsServerConfig &) = delete;

  const mbedtls_ssl_config *ssl_config() const { return &conf_; }

 private:
  TlsServerConfig();

  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
  mbedtls_x509_crt chain_;
  mbedtls_pk_context key_;
  mbedtls_ssl_config conf_;
};

class TlsServerSession : public net::TlsPipe {
 public:
  explicit TlsServerSession(std::shared_ptr<TlsServerConfig> cfg);
  ~TlsServerSession();
  TlsServerSession(const TlsServerSession &) = delete;
  TlsServerSession &operator=(const TlsServerSession &) = delete;

  Error begin();
  // Advances the handshake; *done once it has finished. A failure is final (KALSHI_ERR_TLS).
  Error handshake(bool *done);
  // The rest (feed, read, write, close_notify, outbound, unread) is the shared net::TlsPipe.

 private:
  std::shared_ptr<TlsServerConfig> cfg_;
};

}  // namespace kalshi::sim
