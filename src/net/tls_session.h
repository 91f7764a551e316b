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

class TlsSession : public TlsPipe {
 public:
  explicit TlsSession(std::shared_ptr<TlsClientConfig> cfg);
  ~TlsSession();
  TlsSession(const TlsSession &) = delete;
  TlsSession &operator=(const TlsSession &) = delete;

  // Sets the name to present (SNI) and to verify. An IP literal is verified against the
  // certificate's iPAddress names and is not sent as SNI (RFC 6066 forbids it).
  Error begin(const std::string &server_name);

  // Advances the handshake with what has been fed. *done becomes true once it has finished and
  // the peer passed verification and pinning. A failure is final; its code tells untrusted chain,
  // hostname mismatch, pin mismatch and other TLS failures apart.
  Error handshake(bool *done);

  // feed(), read(), write(), close_notify(), outbound() and unread() are the shared TlsPipe's.

 private:
  static int verify_cb(void *self, mbedtls_x509_crt *crt, int depth, uint32_t *flags);
  Error classify_handshake_failure(int rc) const;
  bool ip_matches(const mbedtls_x509_crt &crt) const;

  std::shared_ptr<TlsClientConfig> cfg_;
  std::string server_name_;
  // Set when the server name is an IP literal: its bytes (4 or 16) for the iPAddress SAN check.
  std::array<uint8_t, 16> ip_{};
  size_t ip_len_ = 0;
  bool pin_failed_ = false;
};

}  // namespace kalshi::net
