// The simulator's listeners end to end over loopback: our own client (net::Connection, with TLS
// verification on against the run-time test CA) talking to a StreamServer, plain and TLS.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "test_sim_net_harness.h"

using namespace simnet_test;

namespace {

void close_all(TestLoop &loop, Server &server, std::vector<std::unique_ptr<Client>> &clients) {
  for (auto &c : clients) c->conn->close();
  server.listener->close();
  assert_true(loop.run_until([&] {
    for (auto &c : clients) {
      if (!c->closed) return false;
    }
    return server.all_closed() && server.listener->connections() == 0;
  }));
}

// One client sends, the server echoes, the client closes; both ends see a clean close.
void echo_roundtrip(std::shared_ptr<kalshi::sim::TlsServerConfig> server_tls,
                    std::shared_ptr<kalshi::net::TlsClientConfig> client_tls,
                    const std::string &name) {
  TestLoop loop;
  Server server;
  server.listen(loop.get(), server_tls);
  auto client = connect_client(loop.get(), server.listener->port(), client_tls, name);
  write_text(*client->conn, "8=FIXT.1.1|35=A|");
  assert_true(loop.run_until([&] { return client->received == "8=FIXT.1.1|35=A|"; }));
  assert_true(client->connected);
  assert_int_equal(server.peers.size(), 1);
  assert_int_equal(server.listener->connections(), 1);
  assert_int_equal(server.peers[0]->stream->tls() ? 1 : 0, server_tls ? 1 : 0);
  assert_true(server.peers[0]->stream->peer().rfind("127.0.0.1:", 0) == 0);

  client->conn->close();
  assert_true(loop.run_until([&] { return client->closed && server.all_closed(); }));
  assert_true(client->error.ok());
  assert_true(server.peers[0]->error.ok());
  assert_int_equal(server.peers[0]->closed_calls, 1);
  assert_int_equal(server.listener->connections(), 0);
  server.listener->close();
  loop.finish();
}

void test_plain_echo(void **) {
  echo_roundtrip(nullptr, nullptr, "127.0.0.1");
}

void test_tls_echo_verified_by_ip(void **) {
  TlsPair tls;
  echo_roundtrip(tls.server, tls.client, "127.0.0.1");
}

void test_tls_echo_verified_by_localhost(void **) {
  TlsPair tls;
  echo_roundtrip(tls.server, tls.client, "localhost");
}

void test_tls_wrong_name_is_refused_by_client(void **) {
  TlsPair tls;
  TestLoop loop;
  Server server;
  server.listen(loop.get(), tls.server);
  auto client = connect_client(loop.get(), server.listener->port(), tls.client, "example.com");
  assert_true(loop.run_until([&] { return client->closed && server.all_closed(); }));
  assert_int_equal(client->error.code, KALSHI_ERR_TLS_HOSTNAME);
  assert_false(server.peers.empty());
  assert_false(server.peers[0]->error.ok());  // the client's alert, or its hang-up
  server.listener->close();
  loop.finish();
}

void large_both_ways(std::shared_ptr<kalshi::sim::TlsServerConfig> server_tls,
                     std::shared_ptr<kalshi::net::TlsClientConfig> client_tls) {
  const std::string up = pattern(5u << 20, 1);    // client -> server, echoed back
  const std::string down = pattern(3u << 20, 2);  // server -> client in one write
  TestLoop loop;
  Server server;
  server.on_accept = [&](ServerStream &s) { write_text(s, down); };
  server.listen(loop.get(), server_tls);
  auto client = connect_client(loop.get(), server.listener->port(), client_tls);
  // In pieces, as an application would, so records and reads split at many places.
  for (size_t off = 0; off < up.size(); off += 100000)
    write_text(*client->conn, up.substr(off, 100000));
  assert_true(loop.run_until([&] { return client->received.size() >= down.size() + up.size(); }));
  assert_int_equal(client->received.size(), down.size() + up.size());
  assert_true(client->received.compare(0, down.size(), down) == 0);
  assert_true(client->received.compare(down.size(), up.size(), up) == 0);
  assert_true(server.peers[0]->received == up);
  std::vector<std::unique_ptr<Client>> clients;
  clients.push_back(std::move(client));
  close_all(loop, server, clients);
  assert_true(clients[0]->error.ok());
  loop.finish();
}

void test_plain_large_transfer(void **) {
  large_both_ways(nullptr, nullptr);
}

void test_tls_large_transfer(void **) {
  TlsPair tls;
  large_both_ways(tls.server, tls.client);
}

// The server says goodbye and closes: the client gets everything, then a clean end.
void server_graceful_close(std::shared_ptr<kalshi::sim::TlsServerConfig> server_tls,
                           std::shared_ptr<kalshi::net::TlsClientConfig> client_tls) {
  TestLoop loop;
  Server server;
  server.echo = false;
  server.listen(loop.get(), server_tls);
  auto client = connect_client(loop.get(), server.listener->port(), client_tls);
  write_text(*client->conn, "hello");
  assert_true(loop.run_until(
      [&] { return !server.peers.empty() && server.peers[0]->received == "hello"; }));
  ServerStream &s = *server.peers[0]->stream;
  const std::string bye = pattern(200000, 3);
  write_text(s, bye);
  s.close();
  s.close();  // idempotent
  assert_int_equal(s.write(reinterpret_cast<const uint8_t *>("x"), 1).code, KALSHI_ERR_CLOSED);
  assert_true(loop.run_until([&] { return client->closed && server.all_closed(); }));
  assert_true(client->received == bye);
  assert_true(client->error.ok());
  assert_true(server.peers[0]->error.ok());
  assert_int_equal(server.peers[0]->closed_calls, 1);
  server.listener->close();
  loop.finish();
}

void test_plain_server_close(void **) {
  server_graceful_close(nullptr, nullptr);
}

void test_tls_server_close(void **) {
  TlsPair tls;
  server_graceful_close(tls.server, tls.client);
}

void test_tls_write_during_handshake_is_delivered(void **) {
  TlsPair tls;
  TestLoop loop;
  Server server;
  server.on_accept = [](ServerStream &s) { write_text(s, "welcome;"); };
  server.listen(loop.get(), tls.server);
  auto client = connect_client(loop.get(), server.listener->port(), tls.client);
  assert_true(loop.run_until([&] { return client->received == "welcome;"; }));
  std::vector<std::unique_ptr<Client>> clients;
  clients.push_back(std::move(client));
  close_all(loop, server, clients);
  loop.finish();
}

void abort_is_seen(std::shared_ptr<kalshi::sim::TlsServerConfig> server_tls,
                   std::shared_ptr<kalshi::net::TlsClientConfig> client_tls) {
  TestLoop loop;
  Server server;
  server.listen(loop.get(), server_tls);
  auto client = connect_client(loop.get(), server.listener->port(), client_tls);
  write_text(*client->conn, "ping");
  assert_true(loop.run_until([&] { return client->received == "ping"; }));
  server.peers[0]->stream->abort();
  server.peers[0]->stream->abort();
  assert_true(loop.run_until([&] { return client->closed && server.all_closed(); }));
  assert_int_equal(server.peers[0]->closed_calls, 1);
  if (client_tls) assert_int_equal(client->error.code, KALSHI_ERR_DISCONNECTED);  // no close_notify
  server.listener->close();
  loop.finish();
}

void test_plain_abort(void **) {
  abort_is_seen(nullptr, nullptr);
}

void test_tls_abort(void **) {
  TlsPair tls;
  abort_is_seen(tls.server, tls.client);
}

void test_many_concurrent_connections(void **) {
  constexpr size_t kClients = 40;
  TlsPair tls;
  TestLoop loop;
  Server server;
  server.listen(loop.get(), tls.server);
  std::vector<std::unique_ptr<Client>> clients;
  for (size_t i = 0; i < kClients; ++i) {
    clients.push_back(connect_client(loop.get(), server.listener->port(), tls.client,
                                     i % 2 ? "localhost" : "127.0.0.1"));
    write_text(*clients.back()->conn, "client " + std::to_string(i));
  }
  assert_true(loop.run_until([&] {
    for (size_t i = 0; i < kClients; ++i) {
      if (clients[i]->received != "client " + std::to_string(i)) return false;
    }
    return true;
  }));
  assert_int_equal(server.listener->connections(), kClients);
  // Closing the listener closes every stream gracefully.
  server.listener->close();
  assert_true(loop.run_until([&] {
    for (auto &c : clients) {
      if (!c->closed) return false;
    }
    return server.all_closed();
  }));
  for (auto &c : clients) assert_true(c->error.ok());
  assert_int_equal(server.listener->connections(), 0);
  loop.finish();
}

// A raw socket, for clients that misbehave in ways net::Connection never would.
int raw_connect(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // The kernel completes the connection from the backlog; the loop accepts it later.
  assert_int_equal(connect(fd, reinterpret_cast<sockaddr *>(&sin), sizeof sin), 0);
  return fd;
}

// True once the server has ended the connection (EOF or reset); drains whatever it sent.
bool raw_closed(int fd) {
  char buf[4096];
  for (;;) {
    const ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

void test_garbage_instead_of_client_hello(void **) {
  TlsPair tls;
  TestLoop loop;
  Server server;
  server.listen(loop.get(), tls.server);
  const int fd = raw_connect(server.listener->port());
  const char garbage[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  assert_int_equal(send(fd, garbage, sizeof garbage - 1, 0),
                   static_cast<ssize_t>(sizeof garbage - 1));
  assert_true(loop.run_until(
      [&] { return server.all_closed() && !server.peers.empty() && raw_closed(fd); }));
  assert_int_equal(server.peers[0]->error.code, KALSHI_ERR_TLS);
  ::close(fd);
  // The listener is unharmed: a real client still gets through.
  auto client = connect_client(loop.get(), server.listener->port(), tls.client);
  write_text(*client->conn, "still here");
  assert_true(loop.run_until([&] { return client->received == "still here"; }));
  std::vector<std::unique_ptr<Client>> clients;
  clients.push_back(std::move(client));
  close_all(loop, server, clients);
  loop.finish();
}

void test_handshake_timeout(void **) {
  TlsPair tls;
  TestLoop loop;
  Server server;
  kalshi::sim::ListenOptions options;
  options.handshake_timeout_ms = 50;
  server.listen(loop.get(), tls.server, options);
  const int fd = raw_connect(server.listener->port());  // connects, never says hello
  assert_true(loop.run_until([&] { return server.all_closed() && !server.peers.empty(); }));
  assert_int_equal(server.peers[0]->error.code, KALSHI_ERR_TIMEOUT);
  assert_true(loop.run_until([&] { return raw_closed(fd); }));
  ::close(fd);
  server.listener->close();
  loop.finish();
}

// A client that never reads cannot make the server buffer without limit.
void test_output_bound_for_a_client_that_never_reads(void **) {
  TestLoop loop;
  Server server;
  server.echo = false;
  kalshi::sim::ListenOptions options;
  options.max_queued_bytes = 256 * 1024;
  server.listen(loop.get(), nullptr, options);
  const int fd = raw_connect(server.listener->port());
  assert_true(loop.run_until([&] { return !server.peers.empty(); }));
  ServerStream &s = *server.peers[0]->stream;
  const std::string chunk = pattern(64 * 1024, 4);
  kalshi::Error last;
  size_t writes = 0;
  // The first write goes to the kernel; while it is in flight the rest queue up to the bound.
  while (last.ok() && writes < 1000) {
    last = s.write(reinterpret_cast<const uint8_t *>(chunk.data()), chunk.size());
    ++writes;
  }
  assert_int_equal(last.code, KALSHI_ERR_NO_MEMORY);
  assert_true(loop.run_until([&] { return server.all_closed(); }));
  assert_int_equal(server.peers[0]->error.code, KALSHI_ERR_NO_MEMORY);
  ::close(fd);
  server.listener->close();
  loop.finish();
}

void test_force_close_aborts_streams(void **) {
  TlsPair tls;
  TestLoop loop;
  Server server;
  server.listen(loop.get(), tls.server);
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(connect_client(loop.get(), server.listener->port(), tls.client));
    write_text(*clients.back()->conn, "x");
  }
  assert_true(loop.run_until([&] {
    for (auto &c : clients) {
      if (c->received != "x") return false;
    }
    return true;
  }));
  kalshi::net::Closable &closable = *server.listener;  // as the runtime's shutdown sees it
  closable.force_close();
  assert_true(loop.run_until([&] {
    for (auto &c : clients) {
      if (!c->closed) return false;
    }
    return server.all_closed();
  }));
  for (auto &c : clients) assert_int_equal(c->error.code, KALSHI_ERR_DISCONNECTED);
  loop.finish();
}

// Shutting the runtime down closes the listener and its streams through net::Closable.
void test_runtime_shutdown_closes_listener(void **) {
  TlsPair tls;
  kalshi::net::Runtime rt(kalshi::net::Runtime::Mode::Caller);
  assert_true(rt.start().ok());
  auto run_until = [&rt](const std::function<bool()> &pred) {
    // Each run() blocks at most 50 ms: the whole wait is bounded by the iteration count.
    for (int i = 0; i < 400 && !pred(); ++i) rt.run(50);
    return pred();
  };
  Server server;
  assert_int_equal(rt.run(0), KALSHI_OK);  // makes this thread the loop thread
  server.listen(rt.loop(), tls.server);
  rt.add_closable(server.listener.get());
  auto client = connect_client(rt.loop(), server.listener->port(), tls.client, "localhost");
  write_text(*client->conn, "up");
  assert_true(run_until([&] { return client->received == "up"; }));
  bool runtime_closed = false;
  rt.begin_close(5000, [&runtime_closed] { runtime_closed = true; });
  assert_true(run_until([&] { return rt.closed(); }));
  assert_true(runtime_closed);
  assert_true(client->closed);
  assert_true(client->error.ok());  // close_notify and FIN from the server, then our own
  assert_true(server.all_closed());
  assert_true(server.peers[0]->error.ok());
  assert_int_equal(server.listener->connections(), 0);
}

// The client goes away in the middle of a large download: the server's stream ends with an
// error, once, and the listener carries on.
void test_client_vanishes_mid_transfer(void **) {
  TlsPair tls;
  TestLoop loop;
  Server server;
  const std::string big = pattern(32u << 20, 5);
  server.on_accept = [&](ServerStream &s) { write_text(s, big); };
  server.listen(loop.get(), tls.server);
  auto client = connect_client(loop.get(), server.listener->port(), tls.client);
  assert_true(loop.run_until([&] { return client->received.size() > 100000; }));
  client->conn->force_close();  // unread data in its socket: the kernel answers with a reset
  assert_true(loop.run_until([&] { return client->closed && server.all_closed(); }));
  assert_int_equal(server.peers[0]->error.code, KALSHI_ERR_DISCONNECTED);
  assert_int_equal(server.peers[0]->closed_calls, 1);
  assert_int_equal(server.listener->connections(), 0);
  auto again = connect_client(loop.get(), server.listener->port(), tls.client);
  assert_true(loop.run_until([&] { return again->received.size() == big.size(); }));
  assert_true(again->received == big);
  std::vector<std::unique_ptr<Client>> clients;
  clients.push_back(std::move(again));
  close_all(loop, server, clients);
  loop.finish();
}

// A client that hangs up while the server writes must not take the process down with SIGPIPE.
void test_listener_survives_sigpipe(void **) {
  TestLoop loop;
  std::shared_ptr<StreamServer> l;
  auto accept = [](std::shared_ptr<ServerStream>) {};
  assert_true(StreamServer::listen(loop.get(), "127.0.0.1", 0, nullptr, accept, &l).ok());
  int sv[2];
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  ::close(sv[1]);
  // Would end this test binary at the default disposition.
  assert_int_equal(::write(sv[0], "x", 1), -1);
  assert_int_equal(errno, EPIPE);
  ::close(sv[0]);
  l->close();
  loop.finish();
}

void test_listen_refuses_non_loopback(void **) {
  TestLoop loop;
  std::shared_ptr<StreamServer> l;
  auto accept = [](std::shared_ptr<ServerStream>) {};
  for (const char *host : {"0.0.0.0", "10.0.0.1", "::", "192.168.1.10", "example.com", "",
                           "::ffff:10.0.0.1", "127.0.0.1.evil"}) {
    assert_int_equal(StreamServer::listen(loop.get(), host, 0, nullptr, accept, &l).code,
                     KALSHI_ERR_INVALID_ARG);
    assert_null(l.get());
  }
  loop.finish();
}

void test_port_zero_gives_a_real_port(void **) {
  TestLoop loop;
  std::shared_ptr<StreamServer> a;
  auto accept = [](std::shared_ptr<ServerStream>) {};
  assert_true(StreamServer::listen(loop.get(), "127.0.0.1", 0, nullptr, accept, &a).ok());
  assert_true(a->port() != 0);
  assert_int_equal(a->connections(), 0);
  // The port really is taken: a second listener on it fails with an I/O error.
  std::shared_ptr<StreamServer> b;
  assert_int_equal(
      StreamServer::listen(loop.get(), "127.0.0.1", a->port(), nullptr, accept, &b).code,
      KALSHI_ERR_IO);
  assert_null(b.get());
  // "localhost" is accepted and means 127.0.0.1.
  std::shared_ptr<StreamServer> c;
  assert_true(StreamServer::listen(loop.get(), "localhost", 0, nullptr, accept, &c).ok());
  assert_true(c->port() != 0 && c->port() != a->port());
  a->close();
  a->close();
  c->close();
  a.reset();
  c.reset();
  loop.finish();
}

void test_ipv6_loopback(void **) {
  TestLoop loop;
  Server server;
  const Error e =
      StreamServer::listen(loop.get(), "::1", 0, nullptr, {}, server.accept_fn(), &server.listener);
  if (e.code == KALSHI_ERR_IO) {
    loop.finish();
    skip();  // no IPv6 on this machine
  }
  assert_true(e.ok());
  auto client = std::make_unique<Client>();
  Client *raw = client.get();
  kalshi::net::ConnectOptions opts;
  opts.host = "::1";
  opts.port = server.listener->port();
  kalshi::net::Connection::Handlers h;
  h.on_data = [raw](const uint8_t *d, size_t n) {
    raw->received.append(reinterpret_cast<const char *>(d), n);
  };
  h.on_closed = [raw](const Error &err) {
    raw->closed = true;
    raw->error = err;
  };
  client->conn = kalshi::net::Connection::create(loop.get(), opts, std::move(h));
  client->conn->start();
  write_text(*client->conn, "v6");
  assert_true(loop.run_until([&] { return client->received == "v6"; }));
  assert_true(server.peers[0]->stream->peer().rfind("[::1]:", 0) == 0);
  std::vector<std::unique_ptr<Client>> clients;
  clients.push_back(std::move(client));
  close_all(loop, server, clients);
  loop.finish();
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_echo),
      cmocka_unit_test(test_tls_echo_verified_by_ip),
      cmocka_unit_test(test_tls_echo_verified_by_localhost),
      cmocka_unit_test(test_tls_wrong_name_is_refused_by_client),
      cmocka_unit_test(test_plain_large_transfer),
      cmocka_unit_test(test_tls_large_transfer),
      cmocka_unit_test(test_plain_server_close),
      cmocka_unit_test(test_tls_server_close),
      cmocka_unit_test(test_tls_write_during_handshake_is_delivered),
      cmocka_unit_test(test_plain_abort),
      cmocka_unit_test(test_tls_abort),
      cmocka_unit_test(test_many_concurrent_connections),
      cmocka_unit_test(test_garbage_instead_of_client_hello),
      cmocka_unit_test(test_handshake_timeout),
      cmocka_unit_test(test_output_bound_for_a_client_that_never_reads),
      cmocka_unit_test(test_force_close_aborts_streams),
      cmocka_unit_test(test_runtime_shutdown_closes_listener),
      cmocka_unit_test(test_client_vanishes_mid_transfer),
      cmocka_unit_test(test_listener_survives_sigpipe),
      cmocka_unit_test(test_listen_refuses_non_loopback),
      cmocka_unit_test(test_port_zero_gives_a_real_port),
      cmocka_unit_test(test_ipv6_loopback),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
