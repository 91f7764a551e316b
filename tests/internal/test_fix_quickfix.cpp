// Interop: our FIX session layer (fix::Session, sans-I/O) over a real loopback TCP socket against
// QuickFIX, an independent engine (tests/qf/kalshi-qf-acceptor, ARCHITECTURE.md §6). QuickFIX
// validates every message we send against its FIXT.1.1 / FIX.5.0SP2 dictionaries and rules
// (sequence numbers, PossDup with OrigSendingTime, gap fills), and the acceptor checks our Logon
// signature with mbedTLS. The acceptor prints what it sees; the tests assert on those lines and on
// what our Session delivers.
//
// Skipped when the acceptor was not built (no libquickfix-dev). Every wait is bounded.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/key.h"
#include "crypto/sign.h"
#include "fix/codec/field_cursor.h"
#include "fix/codec/writer.h"
#include "fix/session/session.h"
#include "fix/session/store.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi;
using namespace kalshi::fix;

namespace {

constexpr const char *kKeyId = "0b0e1f1e-1111-4222-8333-944455556666";
constexpr const char *kSymbol = "HIGHNY-23DEC31";

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string source_dir() {
  const char *d = std::getenv("KALSHI_SOURCE_DIR");
  return d ? d : ".";
}

std::string acceptor_path() {
  const char *d = std::getenv("KALSHI_TEST_TOOLS");
  return std::string(d ? d : ".") + "/kalshi-qf-acceptor";
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Value of `tag` in a frame ("" when absent).
std::string field(std::string_view frame, uint32_t tag) {
  FieldCursor c(frame);
  Field f;
  while (c.next(&f))
    if (f.tag == tag) return std::string(f.value);
  return std::string();
}

// ---- the QuickFIX acceptor as a child process -------------------------------------------------

class Acceptor {
 public:
  ~Acceptor() { stop(); }

  // Starts it with our key id and the public key; false when it does not report a port in time.
  bool start(const std::string &pubkey) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) return false;
    const std::string exe = acceptor_path();
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      execl(exe.c_str(), exe.c_str(), "--key-id", kKeyId, "--public-key", pubkey.c_str(), "--port",
            "0", static_cast<char *>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    in_ = in[1];
    out_ = out[0];
    if (pid_ < 0) return false;
    const int64_t deadline = now_ms() + 10000;
    while (lines_.empty() && now_ms() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) > 0 && !read_available()) break;
    }
    if (lines_.empty()) return false;
    port_ = std::atoi(lines_[0].c_str());
    return port_ > 0;
  }

  int port() const { return port_; }
  int out_fd() const { return out_; }

  void cmd(const std::string &line) {
    std::fprintf(stderr, "qf< %s\n", line.c_str());
    const std::string l = line + "\n";
    assert_int_equal(write(in_, l.data(), l.size()), static_cast<ssize_t>(l.size()));
  }

  // Reads what is there without blocking; false at end of file.
  bool read_available() {
    char buf[8192];
    for (;;) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 0) <= 0) return true;
      ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) return false;
      partial_.append(buf, static_cast<size_t>(n));
      size_t nl;
      while ((nl = partial_.find('\n')) != std::string::npos) {
        lines_.push_back(partial_.substr(0, nl));
        std::fprintf(stderr, "qf> %s\n", lines_.back().c_str());
        partial_.erase(0, nl + 1);
      }
    }
  }

  size_t mark() const { return lines_.size(); }
  const std::vector<std::string> &lines() const { return lines_; }
  // The first line at or after `from` starting with prefix, or nullptr.
  const std::string *find(std::string_view prefix, size_t from = 0) const {
    for (size_t i = from; i < lines_.size(); ++i)
      if (starts_with(lines_[i], prefix)) return &lines_[i];
    return nullptr;
  }
  bool has(std::string_view prefix, size_t from = 0) const { return find(prefix, from); }
  size_t count(std::string_view prefix, size_t from = 0) const {
    size_t n = 0;
    for (size_t i = from; i < lines_.size(); ++i) n += starts_with(lines_[i], prefix);
    return n;
  }
  // MsgSeqNum of the last frame the acceptor sent (its "OUT <type> <seq>" lines), 0 if none.
  uint64_t last_out_seq() const {
    for (size_t i = lines_.size(); i-- > 0;) {
      if (!starts_with(lines_[i], "OUT ")) continue;
      size_t sp = lines_[i].find(' ', 4);
      return std::strtoull(lines_[i].c_str() + sp + 1, nullptr, 10);
    }
    return 0;
  }

  // Closing stdin ends it; it gets 5 s before SIGKILL.
  void stop() {
    if (in_ >= 0) close(in_);
    in_ = -1;
    if (pid_ > 0) {
      int status = 0;
      const int64_t deadline = now_ms() + 5000;
      while (waitpid(pid_, &status, WNOHANG) == 0) {
        if (now_ms() > deadline) {
          kill(pid_, SIGKILL);
          waitpid(pid_, &status, 0);
          break;
        }
        usleep(10000);
      }
      pid_ = -1;
    }
    if (out_ >= 0) close(out_);
    out_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int port_ = 0;
  std::string partial_;
  std::vector<std::string> lines_;
};

// ---- our client: Session + a socket + a poll loop ---------------------------------------------

class KeySigner : public LogonSigner {
 public:
  explicit KeySigner(const crypto::PrivateKey &key) : key_(key) {}
  Error sign(std::string_view sending_time, uint64_t seq, std::string_view sender,
             std::string_view target, std::string &signature_b64) override {
    return crypto::sign_fix_logon(key_, sending_time, seq, sender, target, signature_b64);
  }

 private:
  const crypto::PrivateKey &key_;
};

struct Received {
  std::string type;
  uint64_t seq;
  bool poss_dup;
  std::string frame;
};

class Client : public SessionHandler {
 public:
  Client(SessionConfig config, const crypto::PrivateKey &key)
      : store_(make_memory_store()),
        signer_(key),
        session_(std::move(config), *store_, signer_, *this) {}
  ~Client() override {
    if (fd_ >= 0) close(fd_);
  }

  Session &session() { return session_; }
  const std::vector<Received> &received() const { return received_; }
  const std::vector<SessionState> &states() const { return states_; }
  const Error &last_why() const { return last_why_; }
  size_t bad_frames() const { return bad_frames_; }
  bool connected() const { return fd_ >= 0; }

  void connect(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd_ >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(::connect(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    session_.connected(now_ms());
  }

  // One round of the loop: waits up to max_wait_ms for the socket, the acceptor's output or the
  // session's next timer, then feeds the session.
  void step(Acceptor &acc, int max_wait_ms) {
    pollfd fds[2] = {{acc.out_fd(), POLLIN, 0}, {fd_, POLLIN, 0}};
    const nfds_t n = fd_ >= 0 ? 2 : 1;
    int64_t wait = max_wait_ms;
    const int64_t deadline = session_.next_deadline_ms();
    if (deadline != INT64_MAX) wait = std::clamp<int64_t>(deadline - now_ms(), 0, max_wait_ms);
    poll(fds, n, static_cast<int>(wait));
    acc.read_available();
    if (n == 2 && fds[1].revents) {
      char buf[65536];
      ssize_t got = read(fd_, buf, sizeof buf);
      if (got > 0) {
        session_.received(buf, static_cast<size_t>(got), now_ms());
      } else {
        drop_transport(Error::make(KALSHI_ERR_DISCONNECTED, "peer closed the connection"));
      }
    }
    if (now_ms() >= session_.next_deadline_ms()) session_.tick(now_ms());
    if (close_requested_) {
      close_requested_ = false;
      drop_transport(Error());
    }
  }

  bool run_until(Acceptor &acc, const std::function<bool()> &done, int timeout_ms) {
    const int64_t deadline = now_ms() + timeout_ms;
    while (!done()) {
      if (now_ms() > deadline) return false;
      step(acc, 50);
    }
    return true;
  }
  // Keeps the loop going for ms (both sides' timers run).
  void run_for(Acceptor &acc, int ms) {
    run_until(
        acc, [] { return false; }, ms);
  }
  bool wait_line(Acceptor &acc, std::string_view prefix, size_t from, int timeout_ms) {
    return run_until(
        acc, [&] { return acc.has(prefix, from); }, timeout_ms);
  }
  bool wait_state(Acceptor &acc, SessionState s, int timeout_ms) {
    return run_until(
        acc, [&] { return session_.state() == s; }, timeout_ms);
  }

  // Application messages with ClOrdID clordid (of any type when type is empty).
  std::vector<const Received *> with_clordid(std::string_view clordid,
                                             std::string_view type = "8") const {
    std::vector<const Received *> out;
    for (const Received &r : received_)
      if ((type.empty() || r.type == type) && field(r.frame, 11) == clordid) out.push_back(&r);
    return out;
  }

  void send_app(std::string_view type, const Buffer &body) {
    Error e = session_.send(type, body.view(), now_ms());
    if (!e.ok())
      std::fprintf(stderr, "send %s: %s\n", std::string(type).c_str(), e.message.c_str());
    assert_true(e.ok());
  }

  // SessionHandler
  void send_bytes(std::string_view bytes) override {
    size_t off = 0;
    while (fd_ >= 0 && off < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
  }
  void on_state(SessionState state, const Error &why) override {
    std::fprintf(stderr, "client: state %s (%s)\n", session_state_name(state), why.message.c_str());
    states_.push_back(state);
    if (state == SessionState::Disconnected) last_why_ = why;
  }
  void on_message(const Inbound &m) override {
    std::fprintf(stderr, "client: message %s seq %llu%s\n", std::string(m.msg_type).c_str(),
                 static_cast<unsigned long long>(m.seq), m.poss_dup ? " possdup" : "");
    received_.push_back({std::string(m.msg_type), m.seq, m.poss_dup, std::string(m.frame)});
  }
  void on_bad_frame(std::string_view raw, const Error &why) override {
    std::fprintf(stderr, "client: bad frame (%s): %.*s\n", why.message.c_str(),
                 static_cast<int>(raw.size()), raw.data());
    ++bad_frames_;
  }
  void close_transport() override { close_requested_ = true; }

 private:
  void drop_transport(const Error &why) {
    if (fd_ < 0) return;
    close(fd_);
    fd_ = -1;
    session_.disconnected(now_ms(), why);
  }

  std::unique_ptr<Store> store_;
  KeySigner signer_;
  Session session_;
  int fd_ = -1;
  bool close_requested_ = false;
  std::vector<Received> received_;
  std::vector<SessionState> states_;
  Error last_why_;
  size_t bad_frames_ = 0;
};

// ---- fixtures ---------------------------------------------------------------------------------

struct Fixture {
  Acceptor acc;
  std::unique_ptr<crypto::PrivateKey> key;
};

std::string key_path(const char *name) {
  return source_dir() + "/tests/data/keys/" + name;
}

int setup(void **state) {
  struct stat st;
  if (stat(acceptor_path().c_str(), &st) != 0) {
    std::fprintf(stderr, "skipping: %s not built (libquickfix-dev missing?)\n",
                 acceptor_path().c_str());
    *state = nullptr;
    return 0;
  }
  auto f = std::make_unique<Fixture>();
  if (!crypto::load_private_key_file(key_path("rsa_pkcs8.pem"), "", &f->key).ok()) return -1;
  if (!f->acc.start(key_path("rsa_pub.pem"))) return -1;
  *state = f.release();
  return 0;
}

int teardown(void **state) {
  delete static_cast<Fixture *>(*state);
  return 0;
}

Fixture &fixture(void **state) {
  if (!*state) skip();
  return *static_cast<Fixture *>(*state);
}

SessionConfig config(SessionKind kind, int heartbeat_s = 30) {
  SessionConfig c;
  c.kind = kind;
  c.sender_comp_id = kKeyId;
  c.heartbeat_s = heartbeat_s;
  return c;
}

// Logs on and checks both sides agree it worked.
void logon(Fixture &f, Client &c, const char *session_name) {
  const size_t m = f.acc.mark();
  c.connect(f.acc.port());
  assert_true(c.wait_state(f.acc, SessionState::Active, 5000));
  // QuickFIX reports the logon just after sending its answer: wait for the line too.
  assert_true(c.wait_line(f.acc, std::string("LOGON ok ") + session_name, m, 2000));
}

// QuickFIX found nothing to reject or complain about in what we sent.
void assert_clean(const Acceptor &acc, size_t from = 0) {
  assert_false(acc.has("REJECT_SENT", from));
  assert_false(acc.has("EVENT invalid message", from));
  assert_false(acc.has("EVENT MsgSeqNum too low", from));
  assert_false(acc.has("LOGON rejected", from));
}

Buffer order_body(const char *clordid, int64_t qty_hundredths, int64_t price, int price_scale,
                  int price_min_decimals) {
  Buffer b;
  FieldWriter w(b);
  w.add(11, clordid);
  w.add_fixed(38, qty_hundredths, 2, 2);
  w.add_char(40, '2');
  w.add_fixed(44, price, price_scale, price_min_decimals);
  w.add_char(54, '1');
  w.add(55, kSymbol);
  w.add_char(59, '1');
  return b;
}

// ---- tests ------------------------------------------------------------------------------------

// Our signed Logon is accepted by QuickFIX with the mbedTLS signature check, and our Logout is
// answered and ends the session cleanly on both sides.
void test_logon_and_client_logout(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::NR), *f.key);
  logon(f, c, "KalshiNR");
  assert_true(f.acc.has("ADMIN A 108=30 141=Y"));  // NR must reset (kalshi-fix.md §1.2)

  const size_t m = f.acc.mark();
  c.session().logout("bye", now_ms());
  assert_true(c.wait_state(f.acc, SessionState::Disconnected, 5000));
  assert_true(c.wait_line(f.acc, "LOGOUT KalshiNR", m, 2000));
  assert_true(f.acc.has("ADMIN 5 58=bye", m));
  assert_true(c.last_why().ok());
  assert_false(c.connected());
  assert_clean(f.acc);
}

// Signed with another key: QuickFIX refuses the Logon with a Logout text and our session reports
// that text as the reason.
void test_logon_wrong_key_refused(void **state) {
  Fixture &f = fixture(state);
  std::unique_ptr<crypto::PrivateKey> other;
  assert_true(crypto::generate_private_key(crypto::KeyType::kRsa, 2048, &other).ok());
  Client c(config(SessionKind::NR), *other);
  c.connect(f.acc.port());
  assert_true(c.wait_state(f.acc, SessionState::Disconnected, 5000));
  assert_true(f.acc.has("LOGON rejected signature does not verify"));
  assert_false(f.acc.has("LOGON ok"));
  for (SessionState s : c.states()) assert_true(s != SessionState::Active);
  assert_false(c.last_why().ok());
  assert_non_null(std::strstr(c.last_why().message.c_str(), "signature does not verify"));
}

// HeartBtInt 4 s: both sides heartbeat, we answer QuickFIX's TestRequest, and when QuickFIX goes
// quiet we send a TestRequest of our own, which it answers; the session stays up throughout.
void test_heartbeat_and_test_request(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT, 4), *f.key);
  logon(f, c, "KalshiRT");
  assert_true(f.acc.has("ADMIN A 108=4"));
  size_t m = f.acc.mark();
  assert_true(c.wait_line(f.acc, "ADMIN 0 112=", m, 7000));  // our own Heartbeat
  assert_true(c.wait_line(f.acc, "OUT 0", m, 7000));         // QuickFIX's

  m = f.acc.mark();
  f.acc.cmd("testrequest TR-QF-1");
  assert_true(c.wait_line(f.acc, "ADMIN 0 112=TR-QF-1", m, 3000));

  // QuickFIX's timers stop: no Heartbeat from it, so after 4 s (+ grace) we must ask.
  m = f.acc.mark();
  f.acc.cmd("mute 8");
  assert_true(c.wait_line(f.acc, "ADMIN 1 112=", m, 8000));
  const std::string *tr = f.acc.find("ADMIN 1 112=", m);
  assert_true(tr->size() > std::strlen("ADMIN 1 112="));  // a non-empty TestReqID
  c.run_for(f.acc, 1500);
  assert_int_equal(c.session().state(), SessionState::Active);
  assert_false(f.acc.has("LOGOUT", m));
  assert_clean(f.acc);
}

// QuickFIX asks us to resend from seq 2: we resend our orders with PossDupFlag=Y and
// OrigSendingTime and gap-fill the admin messages; QuickFIX (rewound to expect seq 2) accepts
// every retransmission, and the session carries on in sequence afterwards.
void test_resend_request_from_acceptor(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT), *f.key);
  logon(f, c, "KalshiRT");
  c.send_app("D", order_body("rr-1", 100, 40, 0, 0));
  c.send_app("D", order_body("rr-2", 200, 41, 0, 0));
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("rr-2").size() == 2; }, 5000));
  size_t m = f.acc.mark();
  f.acc.cmd("testrequest TR-RR");  // makes us send a Heartbeat (seq 4) to be gap-filled
  assert_true(c.wait_line(f.acc, "ADMIN 0 112=TR-RR", m, 3000));

  m = f.acc.mark();
  f.acc.cmd("resend 2 0");
  assert_true(c.run_until(
      f.acc, [&] { return f.acc.count("POSSDUP D", m) == 2; }, 5000));
  assert_true(c.wait_line(f.acc, "ADMIN 4 123=Y 36=5", m, 3000));
  for (size_t i = m; i < f.acc.lines().size(); ++i) {  // each with an OrigSendingTime
    const std::string &l = f.acc.lines()[i];
    if (starts_with(l, "POSSDUP D")) assert_true(l.size() > l.find("122=") + 4);
  }
  assert_true(f.acc.has("APP D 11=rr-1", m));  // retransmission processed, not executed twice
  assert_true(c.with_clordid("rr-1").size() == 2);

  c.send_app("D", order_body("rr-3", 100, 42, 0, 0));  // seq 5
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("rr-3").size() == 2; }, 5000));

  // A bounded range is resent exactly (EndSeqNo is inclusive); QuickFIX then expects 4 again, so
  // our next order (seq 6) makes it ask for 4..0 itself, which we gap-fill and resend.
  m = f.acc.mark();
  f.acc.cmd("resend 2 3");
  assert_true(c.run_until(
      f.acc, [&] { return f.acc.count("POSSDUP D", m) == 2; }, 5000));
  c.run_for(f.acc, 300);
  assert_int_equal(f.acc.count("POSSDUP", m), 2);
  c.send_app("D", order_body("rr-4", 100, 43, 0, 0));
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("rr-4").size() == 2; }, 5000));
  assert_true(f.acc.has("RESEND_SENT 7=4 16=0", m));
  assert_true(f.acc.has("POSSDUP D 5", m));
  assert_int_equal(c.with_clordid("rr-3").size(), 2);  // not executed again
  assert_int_equal(c.session().state(), SessionState::Active);
  assert_false(f.acc.has("LOGOUT", m));
  assert_clean(f.acc);
}

// QuickFIX's messages go missing (dropped on the wire, or seq numbers skipped): we see the gap,
// send a ResendRequest, and QuickFIX resends from its store (PossDup) or gap-fills. Each message
// reaches the application exactly once and in order.
void test_gap_from_acceptor_recovered(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT), *f.key);
  logon(f, c, "KalshiRT");

  size_t m = f.acc.mark();
  f.acc.cmd("drop 1");
  f.acc.cmd("er X1");  // stored by QuickFIX, never written
  f.acc.cmd("er X2");
  assert_true(c.run_until(
      f.acc, [&] { return !c.with_clordid("X1").empty() && !c.with_clordid("X2").empty(); }, 5000));
  assert_true(f.acc.has("DROPPED 8", m));
  assert_true(f.acc.has("RESEND_RECEIVED", m));
  c.run_for(f.acc, 300);  // let any duplicate retransmission arrive
  assert_int_equal(c.with_clordid("X1").size(), 1);
  assert_int_equal(c.with_clordid("X2").size(), 1);
  assert_true(c.with_clordid("X1")[0]->poss_dup);
  assert_true(c.with_clordid("X1")[0]->seq < c.with_clordid("X2")[0]->seq);
  const Received *x1 = c.with_clordid("X1")[0];
  const Received *x2 = c.with_clordid("X2")[0];
  assert_true(x1 < x2);  // delivered in sequence order

  m = f.acc.mark();
  f.acc.cmd("gap 3");  // three numbers QuickFIX never used: it can only gap-fill them
  f.acc.cmd("er X3");
  assert_true(c.run_until(
      f.acc, [&] { return !c.with_clordid("X3").empty(); }, 5000));
  assert_true(f.acc.has("RESEND_RECEIVED", m));
  assert_true(f.acc.has("SEQRESET_SENT 123=Y", m));
  f.acc.cmd("er X4");
  assert_true(c.run_until(
      f.acc, [&] { return !c.with_clordid("X4").empty(); }, 5000));
  c.run_for(f.acc, 300);
  assert_int_equal(c.with_clordid("X3").size(), 1);
  assert_int_equal(c.with_clordid("X4").size(), 1);
  assert_int_equal(c.session().state(), SessionState::Active);
  assert_int_equal(c.session().next_target_seq(), f.acc.last_out_seq() + 1);
  assert_clean(f.acc);
}

// QuickFIX itself misses one of our messages (lost on the wire): it detects the gap, sends its
// own ResendRequest, and we retransmit; both orders execute exactly once.
void test_acceptor_detects_our_gap(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT), *f.key);
  logon(f, c, "KalshiRT");
  const size_t m = f.acc.mark();
  f.acc.cmd("lose 1");
  assert_true(c.wait_line(f.acc, "CMD lose 1", m, 2000));
  c.send_app("D", order_body("lo-1", 100, 30, 0, 0));
  assert_true(c.wait_line(f.acc, "LOST D", m, 2000));
  c.send_app("D", order_body("lo-2", 100, 31, 0, 0));
  assert_true(c.run_until(
      f.acc,
      [&] { return c.with_clordid("lo-1").size() == 2 && c.with_clordid("lo-2").size() == 2; },
      5000));
  assert_true(f.acc.has("OUT 2", m));  // QuickFIX's ResendRequest
  assert_true(f.acc.has("POSSDUP D", m));
  c.run_for(f.acc, 300);
  assert_int_equal(c.with_clordid("lo-1").size(), 2);
  assert_int_equal(c.with_clordid("lo-2").size(), 2);
  assert_int_equal(c.session().state(), SessionState::Active);
  assert_false(f.acc.has("LOGOUT", m));
  assert_clean(f.acc);
}

// KalshiRT keeps sequence numbers across connections: after a drop without Logout we log on
// again without ResetSeqNumFlag, QuickFIX's Logon shows the report we missed while it was being
// lost, and our ResendRequest brings it back.
void test_rt_reconnect_recovers_missed(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT), *f.key);
  logon(f, c, "KalshiRT");
  c.send_app("D", order_body("rc-1", 100, 50, 0, 0));
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("rc-1").size() == 2; }, 5000));
  const uint64_t our_next = c.session().next_sender_seq();

  size_t m = f.acc.mark();
  f.acc.cmd("drop 1");
  f.acc.cmd("er R1");
  assert_true(c.wait_line(f.acc, "DROPPED 8", m, 2000));
  f.acc.cmd("disconnect");
  assert_true(c.wait_state(f.acc, SessionState::Disconnected, 3000));
  assert_true(c.wait_line(f.acc, "DISCONNECTED", m, 2000));

  m = f.acc.mark();
  logon(f, c, "KalshiRT");
  assert_true(f.acc.has("IN A " + std::to_string(our_next), m));  // no reset: seq carried on
  assert_true(f.acc.has("ADMIN A 108=30 141= ", m));
  assert_true(c.run_until(
      f.acc, [&] { return !c.with_clordid("R1").empty(); }, 5000));
  assert_true(f.acc.has("RESEND_RECEIVED", m));
  c.run_for(f.acc, 300);
  assert_int_equal(c.with_clordid("R1").size(), 1);
  assert_true(c.with_clordid("R1")[0]->poss_dup);
  assert_int_equal(c.with_clordid("rc-1").size(), 2);  // nothing delivered twice
  assert_int_equal(c.session().next_target_seq(), f.acc.last_out_seq() + 1);
  assert_clean(f.acc);
}

// SequenceReset in reset mode moves our expected seq to NewSeqNo; a GapFill skips ahead.
void test_sequence_reset(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT), *f.key);
  logon(f, c, "KalshiRT");
  f.acc.cmd("seqreset 50");
  f.acc.cmd("er S1");
  assert_true(c.run_until(
      f.acc, [&] { return !c.with_clordid("S1").empty(); }, 5000));
  assert_int_equal(c.with_clordid("S1")[0]->seq, 50);
  assert_int_equal(c.session().next_target_seq(), 51);

  f.acc.cmd("gapfill 5");  // seq 51 says: next is 57
  f.acc.cmd("er S2");
  assert_true(c.run_until(
      f.acc, [&] { return !c.with_clordid("S2").empty(); }, 5000));
  assert_int_equal(c.with_clordid("S2")[0]->seq, 57);
  assert_int_equal(c.session().next_target_seq(), 58);
  assert_int_equal(c.session().state(), SessionState::Active);
  assert_false(f.acc.has("LOGOUT"));
  assert_clean(f.acc);
}

// QuickFIX logs us out: we answer with a Logout, close, and report its text.
void test_logout_from_acceptor(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::NR), *f.key);
  logon(f, c, "KalshiNR");
  const size_t m = f.acc.mark();
  f.acc.cmd("logout end of day");
  assert_true(c.wait_state(f.acc, SessionState::Disconnected, 5000));
  assert_true(c.wait_line(f.acc, "LOGOUT KalshiNR", m, 3000));
  assert_true(f.acc.has("ADMIN 5", m));  // our answer reached QuickFIX before we closed
  assert_false(c.connected());
  assert_non_null(std::strstr(c.last_why().message.c_str(), "end of day"));
  assert_clean(f.acc);
}

// NewOrderSingle in dollars (UseDollars=Y) validated by QuickFIX's dictionary, answered by a New
// and a Trade report echoing the price; then a cancel. And one order in cents on KalshiRT.
void test_order_round_trip(void **state) {
  Fixture &f = fixture(state);
  SessionConfig cfg = config(SessionKind::NR);
  cfg.logon_fields.push_back({21005, "Y"});
  Client c(std::move(cfg), *f.key);
  logon(f, c, "KalshiNR");
  assert_true(f.acc.has("ADMIN A 108=30 141=Y 21005=Y"));

  c.send_app("D", order_body("ord-1", 1000, 750000, 6, 4));  // 10.00 @ $0.7500
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("ord-1").size() == 2; }, 5000));
  assert_true(f.acc.has("APP D 11=ord-1 41= 38=10.00 44=0.7500 54=1 55=HIGHNY-23DEC31"));
  const std::string &ack = c.with_clordid("ord-1")[0]->frame;
  const std::string &fill = c.with_clordid("ord-1")[1]->frame;
  assert_string_equal(field(ack, 150).c_str(), "0");
  assert_string_equal(field(ack, 39).c_str(), "0");
  assert_string_equal(field(ack, 151).c_str(), "10.00");
  assert_string_equal(field(fill, 150).c_str(), "F");
  assert_string_equal(field(fill, 39).c_str(), "2");
  assert_string_equal(field(fill, 31).c_str(), "0.7500");
  assert_string_equal(field(fill, 32).c_str(), "10.00");
  assert_string_equal(field(fill, 55).c_str(), kSymbol);

  Buffer cancel;
  FieldWriter w(cancel);
  w.add(11, "cxl-1");
  w.add(41, "ord-1");
  w.add_char(54, '1');
  w.add(55, kSymbol);
  c.send_app("F", cancel);
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("cxl-1").size() == 1; }, 5000));
  const std::string &cxl = c.with_clordid("cxl-1")[0]->frame;
  assert_string_equal(field(cxl, 150).c_str(), "4");
  assert_string_equal(field(cxl, 41).c_str(), "ord-1");
  assert_true(f.acc.has("APP F 11=cxl-1 41=ord-1"));
  assert_clean(f.acc);
}

void test_order_cents_rt(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::RT), *f.key);
  logon(f, c, "KalshiRT");
  c.send_app("D", order_body("ord-c", 500, 75, 0, 0));  // 5.00 @ 75 cents
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("ord-c").size() == 2; }, 5000));
  assert_true(f.acc.has("APP D 11=ord-c 41= 38=5.00 44=75 54=1"));
  assert_string_equal(field(c.with_clordid("ord-c")[1]->frame, 31).c_str(), "75");

  // FCM operator id in the header (kalshi-fix.md §3.6): QuickFIX checks it is a header field.
  Buffer sub = order_body("ord-s", 100, 76, 0, 0);
  assert_true(c.session().send("D", sub.view(), now_ms(), "op-7").ok());
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("ord-s").size() == 2; }, 5000));
  assert_true(f.acc.has("APP D 11=ord-s 41= 38=1.00 44=76 54=1 55=HIGHNY-23DEC31 50=op-7"));
  assert_clean(f.acc);
}

// What QuickFIX refuses comes back to the application: a session Reject (35=3) for a value its
// dictionary does not allow, a BusinessMessageReject (35=j) for a message it does not handle;
// the session stays up and in sequence.
void test_rejects_delivered(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::NR), *f.key);
  logon(f, c, "KalshiNR");
  Buffer bad;
  FieldWriter w(bad);
  w.add(11, "bad-1");
  w.add(38, "1");
  w.add_char(40, '7');  // Kalshi has Limit (2) only
  w.add(44, "50");
  w.add_char(54, '1');
  w.add(55, kSymbol);
  uint64_t bad_seq = 0;
  assert_true(c.session().send("D", bad.view(), now_ms(), {}, &bad_seq).ok());
  auto of_type = [&](const char *t) {
    std::vector<const Received *> out;
    for (const Received &r : c.received())
      if (r.type == t) out.push_back(&r);
    return out;
  };
  assert_true(c.run_until(
      f.acc, [&] { return !of_type("3").empty(); }, 5000));
  const std::string &rej = of_type("3")[0]->frame;
  assert_string_equal(field(rej, 45).c_str(), std::to_string(bad_seq).c_str());
  assert_string_equal(field(rej, 371).c_str(), "40");
  assert_string_equal(field(rej, 373).c_str(), "5");

  Buffer mc;
  FieldWriter wm(mc);
  wm.add(11, "mc-1");
  wm.add_char(530, '6');
  assert_true(c.session().send("q", mc.view(), now_ms()).ok());
  assert_true(c.run_until(
      f.acc, [&] { return !of_type("j").empty(); }, 5000));
  assert_string_equal(field(of_type("j")[0]->frame, 372).c_str(), "q");

  c.send_app("D", order_body("good-1", 100, 50, 0, 0));
  assert_true(c.run_until(
      f.acc, [&] { return c.with_clordid("good-1").size() == 2; }, 5000));
  assert_int_equal(c.session().state(), SessionState::Active);
  assert_int_equal(c.bad_frames(), 0);
}

// KalshiNR has no retransmission (kalshi-fix.md §2.9): a gap from the exchange ends the session
// with SEQUENCE_GAP, and no ResendRequest is sent.
void test_nr_gap_ends_session(void **state) {
  Fixture &f = fixture(state);
  Client c(config(SessionKind::NR), *f.key);
  logon(f, c, "KalshiNR");
  const size_t m = f.acc.mark();
  f.acc.cmd("drop 1");
  f.acc.cmd("er N1");
  f.acc.cmd("er N2");
  assert_true(c.wait_state(f.acc, SessionState::Disconnected, 5000));
  assert_int_equal(c.last_why().code, KALSHI_ERR_SEQUENCE_GAP);
  assert_true(c.with_clordid("N2").empty());
  c.run_for(f.acc, 300);
  assert_false(f.acc.has("RESEND_RECEIVED", m));
  assert_true(f.acc.has("DISCONNECTED", m));
}

}  // namespace

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_logon_and_client_logout, setup, teardown),
      cmocka_unit_test_setup_teardown(test_logon_wrong_key_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_logout_from_acceptor, setup, teardown),
      cmocka_unit_test_setup_teardown(test_order_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_order_cents_rt, setup, teardown),
      cmocka_unit_test_setup_teardown(test_rejects_delivered, setup, teardown),
      cmocka_unit_test_setup_teardown(test_nr_gap_ends_session, setup, teardown),
      cmocka_unit_test_setup_teardown(test_resend_request_from_acceptor, setup, teardown),
      cmocka_unit_test_setup_teardown(test_gap_from_acceptor_recovered, setup, teardown),
      cmocka_unit_test_setup_teardown(test_acceptor_detects_our_gap, setup, teardown),
      cmocka_unit_test_setup_teardown(test_rt_reconnect_recovers_missed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sequence_reset, setup, teardown),
      cmocka_unit_test_setup_teardown(test_heartbeat_and_test_request, setup, teardown),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
