// The record layer both TLS engines share: an mbedTLS context over a memory BIO. Ciphertext from
// the network goes in through feed(), ciphertext to send collects in outbound(), plaintext goes
// through read()/write(). No socket and no clock, so nothing here can block a loop. The client
// (net::TlsSession) and the simulator's server (sim::TlsServerSession) add only their own
// configuration and handshake rules on top.
#pragma once

#include <mbedtls/ssl.h>

#include <cstdint>
#include <vector>

#include "core/error.h"

namespace kalshi::net {

class TlsPipe {
 public:
  TlsPipe(const TlsPipe &) = delete;
  TlsPipe &operator=(const TlsPipe &) = delete;

  // Ciphertext received from the peer.
  void feed(const uint8_t *data, size_t len);

  // True once the owner's handshake, with its own checks, has finished.
  bool established() const { return established_; }

  // Decrypts into buf. *n = 0 means nothing more until more is fed; *peer_closed is set when the
  // peer sent close_notify (or ended the record stream). Only after the handshake.
  Error read(uint8_t *buf, size_t cap, size_t *n, bool *peer_closed);

  // Encrypts all of data into outbound(). Only after the handshake.
  Error write(const uint8_t *data, size_t len);

  // Queues a close_notify alert into outbound(); nothing before the handshake has finished.
  void close_notify();

  // Ciphertext waiting to be sent. The caller sends and clears it (capacity is kept, so the
  // steady state does not allocate).
  std::vector<uint8_t> &outbound() { return out_; }
  const std::vector<uint8_t> &outbound() const { return out_; }

  // Ciphertext fed but not yet consumed by mbedTLS.
  size_t unread() const { return in_.size() - in_pos_; }

 protected:
  // Only as the base of a TLS engine, which brings the configuration and the handshake rules.
  TlsPipe();
  ~TlsPipe();

  // Binds the context to conf (which must outlive this pipe) and to the memory BIO.
  Error setup(const mbedtls_ssl_config *conf);
  mbedtls_ssl_context *ssl() { return &ssl_; }
  const mbedtls_ssl_context *ssl() const { return &ssl_; }

  // One step of the handshake: 0 once mbedTLS has finished it, MBEDTLS_ERR_SSL_WANT_READ while it
  // waits for more input, else the mbedTLS failure. The owner calls mark_established() once its
  // own checks on the finished handshake have passed.
  int handshake_step();
  void mark_established() { established_ = true; }

 private:
  static int bio_send(void *self, const unsigned char *buf, size_t len);
  static int bio_recv(void *self, unsigned char *buf, size_t len);

  mbedtls_ssl_context ssl_;
  std::vector<uint8_t> in_;
  size_t in_pos_ = 0;
  std::vector<uint8_t> out_;
  bool established_ = false;
};

}  // namespace kalshi::net
