// One TLS 1.2 client session as a sans-I/O engine: ciphertext from the network goes in through
// feed(), ciphertext to send comes out of outbound(), plaintext goes through read()/write(). It
// never touches a socket or a clock, so the same code runs over libuv, a test pipe or a fuzzer,
// and nothing in it can block the loop. The record layer is the shared TlsPipe; this class adds
// the client's part: SNI, certificate verification by name or IP, and public-key pinning.
#pragma once

#include <mbedtls/ssl.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "net/tls_config.h"
#include "net/tls_pipe.h"

namespace kalshi::net {

class TlsSession {
 public:
  explicit TlsSession(std::shared_ptr<TlsClientConfig> cfg);
  ~TlsSession();
  TlsSession(const TlsSession &) = delete;
  TlsSession &operator=(const TlsSession &) = delete;

  // Sets the name to present (SNI) and to verify. An IP literal is verified against the
  // certificate's iPAddress names and is not sent as SNI (RFC 6066 forbids it).
  Error begin(const std::string &server_name);

  // Ciphertext received from the peer.
  void feed(const uint8_t *data, size_t len) { pipe_.feed(data, len); }

  // Advances the handshake with what has been fed. *done becomes true once it has finished and
  // the peer passed verification and pinning. A failure is final; its code tells untrusted chain,
  // hostname mismatch, pin mismatch and other TLS failures apart.
  Error handshake(bool *done);

  // Decrypts into buf. *n = 0 means nothing more until more is fed; *peer_closed is set when the
  // peer sent close_notify. Only after the handshake.
  Error read(uint8_t *buf, size_t cap, size_t *n, bool *peer_closed) {
    return pipe_.read(buf, cap, n, peer_closed);
  }

  // Encrypts all of data into outbound(). Only after the handshake.
  Error write(const uint8_t *data, size_t len) { return pipe_.write(data, len); }

  // Queues a close_notify alert into outbound().
  void close_notify() { pipe_.close_notify(); }

  // Ciphertext waiting to be sent. The caller sends and clears it (capacity is kept, so the
  // steady state does not allocate).
  std::vector<uint8_t> &outbound() { return pipe_.outbound(); }

  // Ciphertext fed but not yet consumed by mbedTLS.
  size_t unread() const { return pipe_.unread(); }

  // The record layer underneath, for a stream that moves its bytes (net::ByteStream).
  TlsPipe &pipe() { return pipe_; }

 private:
  static int verify_cb(void *self, mbedtls_x509_crt *crt, int depth, uint32_t *flags);
  Error classify_handshake_failure(int rc) const;
  bool ip_matches(const mbedtls_x509_crt &crt) const;

  std::shared_ptr<TlsClientConfig> cfg_;
  TlsPipe pipe_;
  std::string server_name_;
  // Set when the server name is an IP literal: its bytes (4 or 16) for the iPAddress SAN check.
  std::array<uint8_t, 16> ip_{};
  size_t ip_len_ = 0;
  bool pin_failed_ = false;
};

}  // namespace kalshi::net
