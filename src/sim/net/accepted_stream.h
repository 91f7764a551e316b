// One accepted connection of a StreamServer: TCP, optionally with the server side of TLS 1.2.
// The mirror of net::Connection for the exchange side: reads, runs the handshake, hands
// plaintext to on_data, queues writes until the handshake is done, closes gracefully within a
// bound, and keeps itself alive until on_closed has returned. Loop thread only. The established
// stream is the net::ByteStream it shares with net::Connection; this class adds accepting, the
// handshake deadline and the bound on queued output.
#pragma once

#include <uv.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/byte_stream.h"
#include "sim/net/stream_server.h"
#include "sim/net/tls_server.h"

namespace kalshi::sim {

class AcceptedStream final : public ServerStream, private net::ByteStream {
 public:
  enum class State { Idle, Handshaking, Open, Closing, Closed };
  // Runs once when the stream has closed completely, just before on_closed: the server's hook
  // to forget the stream.
  using DoneFn = std::function<void(AcceptedStream *)>;

  static std::shared_ptr<AcceptedStream> create(uv_loop_t *loop,
                                                std::shared_ptr<TlsServerConfig> tls,
                                                const ListenOptions &options, DoneFn on_done);
  ~AcceptedStream() override;
  AcceptedStream(const AcceptedStream &) = delete;
  AcceptedStream &operator=(const AcceptedStream &) = delete;

  // Takes the pending connection off the listening handle and starts reading (and the handshake
  // deadline). On failure the stream closes itself quietly.
  Error accept_from(uv_stream_t *listener);

  void set_handlers(Handlers h) override;
  Error write(const uint8_t *data, size_t len) override;
  void close() override;
  void abort() override;
  std::string peer() const override { return peer_; }
  bool tls() const override { return tls_cfg_ != nullptr; }

  State state() const;

 private:
  AcceptedStream(uv_loop_t *loop, std::shared_ptr<TlsServerConfig> tls,
                 const ListenOptions &options, DoneFn on_done);

  // net::ByteStream: what the server side adds to the shared established stream.
  std::string remote() const override { return peer_; }
  std::string who() const override { return "client " + peer_; }
  std::string failing_link(bool) const override { return "connection from " + peer_; }
  Error advance_handshake(bool *done) override { return tls_->handshake(done); }
  void on_deadline() override;
  void release_hooks() override;

  std::shared_ptr<TlsServerConfig> tls_cfg_;
  ListenOptions options_;
  DoneFn on_done_;
  std::weak_ptr<AcceptedStream> weak_self_;
  std::string peer_ = "?";
  std::unique_ptr<TlsServerSession> tls_;
};

}  // namespace kalshi::sim
