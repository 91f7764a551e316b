// The simulator's listening side: TCP listeners on the loopback interface, optionally TLS 1.2
// (mbedTLS server), handing each accepted connection out as a ServerStream. The mirror of
// net::Connection for the exchange side; everything runs on the loop thread.
#pragma once

#include <uv.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "net/runtime.h"

namespace kalshi::sim {

// A throwaway CA and a server certificate signed by it for "localhost", 127.0.0.1 and ::1,
// generated at start-up (ECDSA P-256, valid from yesterday for 30 days) so clients can verify
// the simulator for real: they trust ca_pem (written to a file by the simulator).
struct TestCertificate {
  std::string ca_pem;
  std::string cert_pem;  // server certificate followed by the CA
  std::string key_pem;   // server private key (PKCS#8); wiped on destruction
  ~TestCertificate();
};
Error make_test_certificate(TestCertificate *out);

// Shared server-side TLS settings (certificate chain, key, RNG). One per simulator.
class TlsServerConfig;
Error make_tls_server_config(std::string_view cert_chain_pem, std::string_view key_pem,
                             std::shared_ptr<TlsServerConfig> *out);

// One accepted connection. Handlers run from libuv callbacks only (never inside write/close).
class ServerStream {
 public:
  struct Handlers {
    std::function<void(const uint8_t *data, size_t len)> on_data;  // plaintext
    std::function<void(const Error &err)> on_closed;               // exactly once
  };
  virtual ~ServerStream() = default;
  // Set once, from the on_accept callback, before returning to the loop.
  virtual void set_handlers(Handlers h) = 0;
  // Copies the bytes for sending (after the TLS handshake if one is still running).
  // KALSHI_ERR_CLOSED once closing.
  virtual Error write(const uint8_t *data, size_t len) = 0;
  // Graceful: flush, TLS close_notify, FIN. Idempotent.
  virtual void close() = 0;
  // At once, nothing flushed (the "drop" fault).
  virtual void abort() = 0;
  virtual std::string peer() const = 0;  // "127.0.0.1:53412"
  virtual bool tls() const = 0;
};

// Per-listener limits; the defaults suit the simulator.
struct ListenOptions {
  uint64_t handshake_timeout_ms = 10000;  // TLS handshake must finish within this
  uint64_t close_timeout_ms = 5000;       // bound on flushing, close_notify and FIN in close()
  // Output queued for a client that does not read: past this the stream closes with
  // KALSHI_ERR_NO_MEMORY (and write() returns it) instead of growing without limit.
  size_t max_queued_bytes = size_t{64} << 20;
};

class StreamServer : public net::Closable {
 public:
  using AcceptFn = std::function<void(std::shared_ptr<ServerStream>)>;
  // As listen() below, with explicit limits.
  static Error listen(uv_loop_t *loop, std::string_view host, uint16_t port,
                      std::shared_ptr<TlsServerConfig> tls, ListenOptions options,
                      AcceptFn on_accept, std::shared_ptr<StreamServer> *out);
  // Listens on host:port (port 0 = ephemeral; host must be a loopback address). tls null: plain.
  // KALSHI_ERR_INVALID_ARG for a non-loopback host, KALSHI_ERR_IO when bind/listen fails.
  // Host forms: an IPv4 or IPv6 loopback literal ("127.0.0.1", "::1", "[::1]") or "localhost"
  // (= 127.0.0.1); names are never resolved. The listener keeps itself alive until close() (or
  // the runtime's shutdown) has closed its handle, so dropping the pointer does not stop it.
  // The first listen() sets SIGPIPE to SIG_IGN if it is still at SIG_DFL (a client hanging up
  // while we write must not end the process); a handler the application installed is kept.
  static Error listen(uv_loop_t *loop, std::string_view host, uint16_t port,
                      std::shared_ptr<TlsServerConfig> tls, AcceptFn on_accept,
                      std::shared_ptr<StreamServer> *out);
  ~StreamServer() override = default;
  virtual uint16_t port() const = 0;
  // Stops listening and closes every open stream gracefully (Closable::begin_close too).
  virtual void close() = 0;
  // Open streams right now (a stream counts until its on_closed has run).
  virtual size_t connections() const = 0;
};

}  // namespace kalshi::sim
