// The simulator's TLS server engine on untrusted client bytes: anything a client sends before
// and after a ClientHello, in chunks of varying size so records split everywhere. The engine must
// fail cleanly or wait for more, never crash, and never answer with unbounded output.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "sim/net/stream_server.h"
#include "sim/net/tls_server.h"

namespace {

// Generating a key pair per input would swamp the fuzzer: one identity for the whole run.
std::shared_ptr<kalshi::sim::TlsServerConfig> server_config() {
  static const std::shared_ptr<kalshi::sim::TlsServerConfig> cfg = [] {
    kalshi::sim::TestCertificate cert;
    std::shared_ptr<kalshi::sim::TlsServerConfig> c;
    if (!kalshi::sim::make_test_certificate(&cert).ok() ||
        !kalshi::sim::make_tls_server_config(cert.cert_pem, cert.key_pem, &c).ok()) {
      std::abort();
    }
    return c;
  }();
  return cfg;
}

// A server flight (hello, certificate chain, key exchange) is a few kilobytes; anything near this
// would mean the engine echoes or amplifies what it is fed.
constexpr size_t kMaxOutboundPerStep = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kalshi::sim::TlsServerSession s(server_config());
  if (!s.begin().ok()) std::abort();
  // The first byte picks the chunk size, so one seed explores many record splits.
  const size_t chunk = size > 0 ? static_cast<size_t>(data[0] % 64) + 1 : 1;
  size_t off = size > 0 ? 1 : 0;
  bool done = false;
  uint8_t plain[4096];
  while (off < size) {
    const size_t n = size - off < chunk ? size - off : chunk;
    s.feed(data + off, n);
    off += n;
    if (!done) {
      const kalshi::Error e = s.handshake(&done);
      if (!e.ok()) {
        if (e.code != KALSHI_ERR_TLS || e.message.empty()) std::abort();
        return 0;
      }
    }
    if (done) {
      for (;;) {
        size_t got = 0;
        bool closed = false;
        if (!s.read(plain, sizeof plain, &got, &closed).ok() || closed) return 0;
        if (got == 0) break;
        if (got > sizeof plain) std::abort();
      }
    }
    if (s.outbound().size() > kMaxOutboundPerStep) std::abort();
    s.outbound().clear();
  }
  return 0;
}
