// Interop with an independent peer (ARCHITECTURE.md §6): a Python `websockets` server on
// loopback, spoken to over a plain socket with our handshake helpers and frame codec. Covers the
// handshake and accept check, a text echo, a client-fragmented message with a ping in between
// (answered by the peer's pong), a server-fragmented reply, and the close handshake. Skipped when
// /usr/bin/python3 has no websockets package. Every wait is bounded by poll() timeouts.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "http/parse/response_parser.h"
#include "ws/frame/close_codes.h"
#include "ws/frame/frame_writer.h"
#include "ws/frame/message_assembler.h"
#include "ws/handshake/handshake.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::ws;

namespace {

constexpr const char *kServer = R"PY(
import asyncio, sys
try:
    import websockets
except ImportError:
    print("skip", flush=True)
    sys.exit(0)
async def handler(ws, path=None):
    async for msg in ws:
        if msg == "frag":
            await ws.send(["fr", "ag", "ment"])
        else:
            await ws.send(msg)
async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, ping_interval=None) as srv:
        print(srv.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(60)
asyncio.run(main())
)PY";

constexpr int kWaitMs = 10000;

struct Peer {
  pid_t pid = -1;
  int out = -1;
  ~Peer() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    if (out >= 0) close(out);
  }
};

bool read_some(int fd, std::vector<uint8_t> *buf) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, kWaitMs) <= 0) return false;
  uint8_t tmp[4096];
  const ssize_t n = read(fd, tmp, sizeof tmp);
  if (n <= 0) return false;
  buf->insert(buf->end(), tmp, tmp + n);
  return true;
}

bool send_all(int fd, const uint8_t *p, size_t n) {
  while (n > 0) {
    const ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

void nonce(void *, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(i * 7 + 1);
}

void mask_key(void *ctx, uint8_t key[4]) {
  uint32_t &n = *static_cast<uint32_t *>(ctx);
  ++n;
  std::memcpy(key, &n, 4);
}

struct Got {
  Message::Kind kind;
  std::string payload;
  uint16_t code;
};

// Reads until the assembler yields a message (bounded by poll timeouts).
bool receive(int fd, MessageAssembler &rx, std::vector<uint8_t> &buf, size_t &off, Got *got) {
  for (int reads = 0; reads < 64; ++reads) {
    size_t used = 0;
    const Message m = rx.next(std::span<uint8_t>(buf.data() + off, buf.size() - off), &used);
    off += used;
    if (m.kind != Message::Kind::None) {
      *got = Got{m.kind, std::string(m.text()), m.close_code};
      return true;
    }
    buf.erase(buf.begin(), buf.begin() + static_cast<ptrdiff_t>(off));
    off = 0;
    if (!read_some(fd, &buf)) return false;
  }
  return false;
}

void test_python_websockets_peer(void **) {
  Peer peer;
  int pipefd[2];
  assert_int_equal(pipe(pipefd), 0);
  peer.pid = fork();
  assert_true(peer.pid >= 0);
  if (peer.pid == 0) {
    dup2(pipefd[1], 1);
    close(pipefd[0]);
    close(pipefd[1]);
    execl("/usr/bin/python3", "python3", "-c", kServer, static_cast<char *>(nullptr));
    _exit(127);
  }
  close(pipefd[1]);
  peer.out = pipefd[0];
  std::vector<uint8_t> line;
  while (std::find(line.begin(), line.end(), '\n') == line.end()) {
    if (!read_some(peer.out, &line)) {
      peer.~Peer();  // cmocka's skip() longjmps past destructors
      peer.pid = -1;
      peer.out = -1;
      skip();  // no python3, or it died before listening
    }
  }
  const std::string first(line.begin(), line.end());
  if (first.rfind("skip", 0) == 0) {
    peer.~Peer();
    peer.pid = -1;
    peer.out = -1;
    skip();
  }
  const int port = std::atoi(first.c_str());
  assert_true(port > 0 && port < 65536);

  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);

  const std::string key = make_client_key(nonce, nullptr);
  const std::string req = build_client_request("127.0.0.1:" + std::to_string(port), "/", key, {});
  assert_false(req.empty());
  assert_true(send_all(fd, reinterpret_cast<const uint8_t *>(req.data()), req.size()));

  kalshi::http::ResponseParser http;
  std::vector<uint8_t> buf;
  size_t off = 0;
  // The parser reports one event per call: read more only when it can make no progress.
  for (int i = 0; i < 64 && !http.complete(); ++i) {
    const std::string_view in(reinterpret_cast<const char *>(buf.data()) + off, buf.size() - off);
    const size_t used = http.parse(in).consumed;
    off += used;
    if (used == 0 && !http.complete() && !read_some(fd, &buf)) break;
  }
  assert_true(http.complete());
  std::vector<HeaderField> fields;
  for (size_t i = 0; i < http.header_count(); ++i) {
    const auto h = http.header_at(i);
    fields.push_back({h.name, h.value});
  }
  assert_int_equal(static_cast<int>(check_server_response(http.status(), fields, key)),
                   static_cast<int>(HandshakeError::None));
  fields.clear();  // views into the parser

  uint32_t keys = 0;
  FrameWriter tx(Role::Client, mask_key, &keys);
  MessageAssembler rx(Role::Client);
  std::vector<uint8_t> out(256);
  Got got{};

  size_t n = tx.write_small_text(out, "hello \xe2\x82\xac");
  assert_true(send_all(fd, out.data(), n));
  assert_true(receive(fd, rx, buf, off, &got));
  assert_int_equal(static_cast<int>(got.kind), static_cast<int>(Message::Kind::Text));
  assert_string_equal(got.payload.c_str(), "hello \xe2\x82\xac");

  // "frag" sent as "fr" + ping + "ag": the peer answers the ping at once, then replies to
  // "frag" with a message it fragments itself.
  const uint8_t fr[] = {'f', 'r'};
  const uint8_t ag[] = {'a', 'g'};
  const uint8_t p[] = {'p', '1'};
  n = tx.write_frame(out, Opcode::Text, false, fr);
  n += tx.write_ping(std::span<uint8_t>(out).subspan(n), p);
  n += tx.write_frame(std::span<uint8_t>(out).subspan(n), Opcode::Continuation, true, ag);
  assert_true(send_all(fd, out.data(), n));
  assert_true(receive(fd, rx, buf, off, &got));
  assert_int_equal(static_cast<int>(got.kind), static_cast<int>(Message::Kind::Pong));
  assert_string_equal(got.payload.c_str(), "p1");
  assert_true(receive(fd, rx, buf, off, &got));
  assert_int_equal(static_cast<int>(got.kind), static_cast<int>(Message::Kind::Text));
  assert_string_equal(got.payload.c_str(), "fragment");

  n = tx.write_close(out, close_code::kNormal, "bye");
  assert_true(send_all(fd, out.data(), n));
  assert_true(receive(fd, rx, buf, off, &got));
  assert_int_equal(static_cast<int>(got.kind), static_cast<int>(Message::Kind::Close));
  assert_int_equal(got.code, close_code::kNormal);
  close(fd);
}

}  // namespace

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_python_websockets_peer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
