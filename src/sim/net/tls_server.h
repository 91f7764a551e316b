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

class TlsServerSession {
 public:
  explicit TlsServerSession(std::shared_ptr<TlsServerConfig> cfg);
  ~TlsServerSession();
  TlsServerSession(const TlsServerSession &) = delete;
  TlsServerSession &operator=(const TlsServerSession &) = delete;

  Error begin();
  // Ciphertext received from the client.
  void feed(const uint8_t *data, size_t len) { pipe_.feed(data, len); }
  // Advances the handshake; *done once it has finished. A failure is final (KALSHI_ERR_TLS).
  Error handshake(bool *done);
  // Decrypts into buf; *n = 0: nothing until more is fed; *peer_closed on close_notify.
  Error read(uint8_t *buf, size_t cap, size_t *n, bool *peer_closed) {
    return pipe_.read(buf, cap, n, peer_closed);
  }
  // Encrypts all of data into outbound(). Only after the handshake.
  Error write(const uint8_t *data, size_t len) { return pipe_.write(data, len); }
  void close_notify() { pipe_.close_notify(); }
  std::vector<uint8_t> &outbound() { return pipe_.outbound(); }
  // Ciphertext fed but not yet consumed by mbedTLS.
  size_t unread() const { return pipe_.unread(); }
  // The record layer underneath, for the stream that moves its bytes (net::ByteStream).
  net::TlsPipe &pipe() { return pipe_; }

 private:
  std::shared_ptr<TlsServerConfig> cfg_;
  net::TlsPipe pipe_;
};

}  // namespace kalshi::sim
