// kalshi-qf-acceptor: an independent FIX peer for interop tests. The session layer is QuickFIX's
// (FIX::Session with our minimal FIXT.1.1 / FIX.5.0SP2 dictionaries, so QuickFIX validates every
// message our client sends); around it sits a small scriptable exchange:
//
//   kalshi-qf-acceptor --key-id ID --public-key PEM [--port N] [--dict-dir DIR]
//
// It listens on 127.0.0.1:N (0 = ephemeral) and prints the port as its first stdout line. It has
// one session per Kalshi session type (SenderCompID KalshiNR, KalshiRT, ... ; TargetCompID ID),
// checks the Logon RawData(96) RSA-PSS signature (kalshi-fix.md §2.7) with the public key and
// refuses the Logon with a Logout text when it does not verify. It answers NewOrderSingle with a
// New then a Trade ExecutionReport and OrderCancelRequest with a Canceled report.
//
// Events go to stdout, one line each (tests match on them): LOGON ok|rejected, IN/OUT <35> <34>,
// POSSDUP, APP, ADMIN, RESEND_RECEIVED, REJECT_SENT, LOGOUT, EVENT (QuickFIX's own log text) ...
// Commands come from stdin, one per line (see kUsage). It exits when stdin closes.
//
// Why not FIX::SocketAcceptor: QuickFIX 1.15 binds it to every interface and offers no way to
// learn an ephemeral port or to read stdin in the same loop. So this program owns a loopback
// listener and a poll() loop and hands each connection's bytes to FIX::Session exactly as
// SocketAcceptor's connections do (Parser framing, Session::next, a Responder for writes).
//
// Built as C++14: QuickFIX 1.15's headers use dynamic exception specifications, which C++17
// removed.
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <mbedtls/base64.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <quickfix/Application.h>
#include <quickfix/FileStore.h>
#include <quickfix/Log.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Parser.h>
#include <quickfix/Responder.h>
#include <quickfix/Session.h>
#include <quickfix/SessionFactory.h>
#include <quickfix/SessionSettings.h>

#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef KALSHI_QF_DICT_DIR
#define KALSHI_QF_DICT_DIR "."
#endif

namespace {

const char kUsage[] =
    "usage: kalshi-qf-acceptor --key-id ID --public-key PEM [--port N] [--dict-dir DIR]\n"
    "stdin commands (act on the session logged on last):\n"
    "  testrequest <id>      send TestRequest(112=id)\n"
    "  heartbeat             send a Heartbeat\n"
    "  resend <b> <e>        rewind the expected inbound seq to b and send ResendRequest(7=b "
    "16=e)\n"
    "  gap <n>               skip n outbound seq numbers (the next message shows a gap)\n"
    "  drop <n>              swallow the next n outbound frames after storing them\n"
    "  lose <n>              ignore the next n inbound frames (QuickFIX sees a gap)\n"
    "  seqreset <newseq>     SequenceReset-Reset(36=newseq) and continue from newseq\n"
    "  gapfill <n>           SequenceReset-GapFill over the next n seq numbers\n"
    "  er <clordid>          send an unsolicited ExecutionReport (New)\n"
    "  logout [text]         send Logout\n"
    "  mute <secs>           QuickFIX sends nothing for secs seconds or until a TestRequest comes\n"
    "  disconnect            close the TCP connection without Logout\n"
    "  quit                  exit\n";

const char *const kSessionNames[] = {"KalshiNR", "KalshiRT",  "KalshiDC",
                                     "KalshiPT", "KalshiRFQ", "KalshiMD"};

// Sessions with retransmission keep sequence numbers across logons (kalshi-fix.md §1.2).
bool has_retransmission(const std::string &name) {
  return name == "KalshiRT" || name == "KalshiPT";
}

void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::vprintf(fmt, ap);
  va_end(ap);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

// Value of `tag` in a raw frame ("" when absent). RawData(96) is base64 here, so a plain scan for
// SOH-separated fields is exact.
std::string raw_field(const std::string &raw, int tag) {
  const std::string key = std::to_string(tag) + "=";
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t end = raw.find('\x01', pos);
    if (end == std::string::npos) end = raw.size();
    if (raw.compare(pos, key.size(), key) == 0)
      return raw.substr(pos + key.size(), end - pos - key.size());
    pos = end + 1;
  }
  return std::string();
}

std::string get(const FIX::FieldMap &m, int tag) {
  return m.isSetField(tag) ? m.getField(tag) : std::string();
}

// ---- Logon signature (kalshi-fix.md §2.7) ------------------------------------------------------

mbedtls_pk_context g_pubkey;

// Empty when the Logon's RawData is a valid RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) signature
// over SendingTime SOH A SOH MsgSeqNum SOH SenderCompID SOH TargetCompID; else why not.
std::string check_signature(const FIX::Message &logon) {
  const FIX::Header &h = logon.getHeader();
  std::string sig_b64 = get(logon, 96);
  if (sig_b64.empty()) return "RawData(96) missing";
  if (get(logon, 95) != std::to_string(sig_b64.size())) return "RawDataLength(95) wrong";
  std::string pre =
      get(h, 52) + '\x01' + "A" + '\x01' + get(h, 34) + '\x01' + get(h, 49) + '\x01' + get(h, 56);
  unsigned char sig[1024];
  size_t sig_len = 0;
  if (mbedtls_base64_decode(sig, sizeof sig, &sig_len,
                            reinterpret_cast<const unsigned char *>(sig_b64.data()),
                            sig_b64.size()) != 0)
    return "RawData(96) is not base64";
  unsigned char hash[32];
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char *>(pre.data()), pre.size(), hash, 0);
  mbedtls_pk_rsassa_pss_options pss;
  pss.mgf1_hash_id = MBEDTLS_MD_SHA256;
  pss.expected_salt_len = 32;
  int rc = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &pss, &g_pubkey, MBEDTLS_MD_SHA256, hash,
                                 sizeof hash, sig, sig_len);
  if (rc != 0) return "signature does not verify";
  return std::string();
}

// Kalshi's other Logon rules (§2.6): empty when fine.
std::string check_logon(const FIX::Message &logon, const FIX::SessionID &sid) {
  if (logon.getHeader().isSetField(50)) return "SenderSubID(50) not allowed on Logon";
  if (get(logon, 98) != "0") return "EncryptMethod(98) must be 0";
  if (get(logon, 1137) != "9") return "DefaultApplVerID(1137) must be 9";
  if (std::atoi(get(logon, 108).c_str()) <= 3) return "HeartBtInt(108) must be > 3";
  if (!has_retransmission(sid.getSenderCompID().getValue()) && get(logon, 141) != "Y")
    return "ResetSeqNumFlag(141)=Y required";
  return check_signature(logon);
}

bool g_listening = false;  // the port line is out

// ---- QuickFIX log: every frame in and out, before QuickFIX decides anything ---------------------

class EventLog : public FIX::Log {
 public:
  void clear() override {}
  void backup() override {}
  void onIncoming(const std::string &raw) override {
    say("IN %s %s", raw_field(raw, 35).c_str(), raw_field(raw, 34).c_str());
    if (raw_field(raw, 43) == "Y")
      say("POSSDUP %s %s 122=%s", raw_field(raw, 35).c_str(), raw_field(raw, 34).c_str(),
          raw_field(raw, 122).c_str());
  }
  void onOutgoing(const std::string &raw) override {
    std::string type = raw_field(raw, 35);
    say("OUT %s %s%s", type.c_str(), raw_field(raw, 34).c_str(),
        raw_field(raw, 43) == "Y" ? " POSSDUP" : "");
    if (type == "3")
      say("REJECT_SENT 45=%s 371=%s 373=%s 58=%s", raw_field(raw, 45).c_str(),
          raw_field(raw, 371).c_str(), raw_field(raw, 373).c_str(), raw_field(raw, 58).c_str());
    if (type == "2")
      say("RESEND_SENT 7=%s 16=%s", raw_field(raw, 7).c_str(), raw_field(raw, 16).c_str());
    if (type == "4")
      say("SEQRESET_SENT 123=%s 36=%s", raw_field(raw, 123).c_str(), raw_field(raw, 36).c_str());
  }
  // Events before the port line ("Created session") would break the first-line contract.
  void onEvent(const std::string &text) override {
    if (g_listening) say("EVENT %s", text.c_str());
  }
};

class EventLogFactory : public FIX::LogFactory {
 public:
  FIX::Log *create() override { return new EventLog; }
  FIX::Log *create(const FIX::SessionID &) override { return new EventLog; }
  void destroy(FIX::Log *log) override { delete log; }
};

// ---- the exchange side ------------------------------------------------------------------------

FIX::Session *g_current = nullptr;  // the session logged on last: where commands go

class Exchange : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID &) override {}
  void onLogon(const FIX::SessionID &sid) override {
    g_current = FIX::Session::lookupSession(sid);
    say("LOGON ok %s", sid.getSenderCompID().getValue().c_str());
  }
  void onLogout(const FIX::SessionID &sid) override {
    say("LOGOUT %s", sid.getSenderCompID().getValue().c_str());
  }
  void toAdmin(FIX::Message &, const FIX::SessionID &) override {}
  void toApp(FIX::Message &, const FIX::SessionID &) throw(FIX::DoNotSend) override {}

  void fromAdmin(const FIX::Message &m,
                 const FIX::SessionID &sid) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                  FIX::IncorrectTagValue,
                                                  FIX::RejectLogon) override {
    std::string type = get(m.getHeader(), 35);
    if (type == "A") {
      std::string why = check_logon(m, sid);
      if (!why.empty()) {
        say("LOGON rejected %s", why.c_str());
        throw FIX::RejectLogon(why);
      }
      say("ADMIN A 108=%s 141=%s 21005=%s", get(m, 108).c_str(), get(m, 141).c_str(),
          get(m, 21005).c_str());
    } else if (type == "2") {
      say("RESEND_RECEIVED 7=%s 16=%s", get(m, 7).c_str(), get(m, 16).c_str());
    } else if (type == "4") {
      say("ADMIN 4 123=%s 36=%s", get(m, 123).c_str(), get(m, 36).c_str());
    } else if (type == "3") {
      say("ADMIN 3 45=%s 373=%s 58=%s", get(m, 45).c_str(), get(m, 373).c_str(),
          get(m, 58).c_str());
    } else if (type == "5") {
      say("ADMIN 5 58=%s", get(m, 58).c_str());
    } else {
      say("ADMIN %s 112=%s", type.c_str(), get(m, 112).c_str());
    }
  }

  void fromApp(const FIX::Message &m,
               const FIX::SessionID &sid) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                FIX::IncorrectTagValue,
                                                FIX::UnsupportedMessageType) override {
    std::string type = get(m.getHeader(), 35);
    bool dup = get(m.getHeader(), 43) == "Y";
    const std::string sub = get(m.getHeader(), 50);
    say("APP %s 11=%s 41=%s 38=%s 44=%s 54=%s 55=%s%s%s", type.c_str(), get(m, 11).c_str(),
        get(m, 41).c_str(), get(m, 38).c_str(), get(m, 44).c_str(), get(m, 54).c_str(),
        get(m, 55).c_str(), sub.empty() ? "" : (" 50=" + sub).c_str(), dup ? " POSSDUP" : "");
    // A retransmitted order the exchange already has is not executed twice (ClOrdID is the
    // idempotency key, kalshi-fix.md §3.5).
    if (!seen_.insert(get(m, 11)).second) return;
    if (type == "D") {
      new_order(m, sid);
    } else if (type == "F") {
      FIX::Message er = report(m, "4", "4", get(m, 41));
      er.setField(41, get(m, 41));
      er.setField(14, "0");
      er.setField(151, "0");
      er.setField(38, "0");
      FIX::Session::sendToTarget(er, sid);
    } else {
      throw FIX::UnsupportedMessageType();
    }
  }

  // An ExecutionReport skeleton for order `m` (kalshi-fix.md §4.5.1).
  FIX::Message report(const FIX::Message &m, const char *exec_type, const char *ord_status,
                      const std::string &order_key) {
    FIX::Message er;
    er.getHeader().setField(35, "8");
    er.setField(11, get(m, 11));
    er.setField(17, std::to_string(++exec_id_) + ";1");
    er.setField(37, "ord-" + order_key);
    er.setField(39, ord_status);
    er.setField(54, get(m, 54));
    er.setField(55, get(m, 55));
    er.setField(150, exec_type);
    er.setField(6, "0");
    return er;
  }

  // New (150=0) then a full fill (150=F) at the order's own price; prices are echoed as sent,
  // so a cents order gets cents and a UseDollars order dollars.
  void new_order(const FIX::Message &m, const FIX::SessionID &sid) {
    const std::string qty = get(m, 38), px = get(m, 44), id = get(m, 11);
    FIX::Message ack = report(m, "0", "0", id);
    ack.setField(38, qty);
    ack.setField(44, px);
    ack.setField(14, "0");
    ack.setField(151, qty);
    FIX::Session::sendToTarget(ack, sid);
    FIX::Message fill = report(m, "F", "2", id);
    fill.setField(38, qty);
    fill.setField(44, px);
    fill.setField(31, px);
    fill.setField(32, qty);
    fill.setField(14, qty);
    fill.setField(6, px);
    fill.setField(151, "0");
    FIX::Session::sendToTarget(fill, sid);
  }

  void unsolicited(const std::string &clordid) {
    if (!g_current) return;
    FIX::Message m;
    m.setField(11, clordid);
    m.setField(54, "1");
    m.setField(55, "UNSOLICITED-1");
    FIX::Message er = report(m, "0", "0", clordid);
    er.setField(38, "1.00");
    er.setField(14, "0");
    er.setField(151, "1.00");
    g_current->send(er);
  }

 private:
  std::set<std::string> seen_;
  unsigned long exec_id_ = 0;
};

// ---- connections ------------------------------------------------------------------------------

int g_drop_out = 0;  // outbound frames still to swallow (command `drop`)
int g_lose_in = 0;   // inbound frames still to ignore (command `lose`)
// Command `mute`: until then QuickFIX sends nothing. Its timers do not run and inbound frames wait
// in held_ (QuickFIX also heartbeats right after processing one), so the client sees a silent peer
// and must send a TestRequest; that TestRequest ends the silence at once, so it is answered in
// time whatever the client's grace period.
bool g_muted = false;
std::chrono::steady_clock::time_point g_mute_until;

class Conn : public FIX::Responder {
 public:
  explicit Conn(int fd) : fd_(fd) {}
  ~Conn() override { ::close(fd_); }

  bool send(const std::string &bytes) override {
    if (g_drop_out > 0) {
      --g_drop_out;
      say("DROPPED %s %s", raw_field(bytes, 35).c_str(), raw_field(bytes, 34).c_str());
      return true;
    }
    size_t off = 0;
    while (off < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        closing_ = true;
        return false;
      }
      off += static_cast<size_t>(n);
    }
    return true;
  }
  // Called by QuickFIX from inside Session::next; the loop closes the socket afterwards.
  void disconnect() override { closing_ = true; }

  int fd() const { return fd_; }
  bool closing() const { return closing_; }
  void set_closing() { closing_ = true; }
  FIX::Parser &parser() { return parser_; }
  FIX::Session *session = nullptr;
  std::vector<std::string> held;  // frames received while muted

 private:
  int fd_;
  bool closing_ = false;
  FIX::Parser parser_;
};

std::vector<std::unique_ptr<Conn>> g_conns;

Conn *conn_of(const FIX::Session *s) {
  for (auto &c : g_conns)
    if (c->session == s && !c->closing()) return c.get();
  return nullptr;
}

void deliver(Conn &c, const std::string &msg);
void unmute();

// One framed message from a connection: bind the connection to its session on the first
// (Logon) message, then let QuickFIX process it.
void on_frame(Conn &c, const std::string &msg) {
  if (g_lose_in > 0) {
    --g_lose_in;
    say("LOST %s %s", raw_field(msg, 35).c_str(), raw_field(msg, 34).c_str());
    return;
  }
  if (!c.session) {
    FIX::SessionID sid(raw_field(msg, 8), raw_field(msg, 56), raw_field(msg, 49));
    FIX::Session *s = FIX::Session::lookupSession(sid);
    if (!s || raw_field(msg, 35) != "A") {
      say("REFUSED no session %s/%s for %s", raw_field(msg, 49).c_str(), raw_field(msg, 56).c_str(),
          raw_field(msg, 35).c_str());
      c.set_closing();
      return;
    }
    if (conn_of(s)) {
      say("REFUSED %s already connected", raw_field(msg, 56).c_str());
      c.set_closing();
      return;
    }
    c.session = s;
    s->setResponder(&c);
  }
  if (g_muted) {
    c.held.push_back(msg);
    if (raw_field(msg, 35) == "1") unmute();
    return;
  }
  deliver(c, msg);
}

void deliver(Conn &c, const std::string &msg) {
  try {
    c.session->next(msg, FIX::UtcTimeStamp());
  } catch (std::exception &e) {
    say("EVENT invalid message: %s", e.what());
  }
}

// Feeds the frames held while muted to QuickFIX, in order.
void unmute() {
  g_muted = false;
  say("UNMUTED");
  for (auto &c : g_conns) {
    std::vector<std::string> frames;
    frames.swap(c->held);
    for (const std::string &f : frames)
      if (!c->closing()) deliver(*c, f);
  }
}

void close_conn(Conn &c) {
  if (c.session) {
    // Tells the responder (already closing), forgets it, and runs onLogout if logged on.
    c.session->disconnect();
    if (g_current == c.session) g_current = nullptr;
  }
  say("DISCONNECTED");
}

// ---- commands ---------------------------------------------------------------------------------

FIX::Message admin(const char *type) {
  FIX::Message m;
  m.getHeader().setField(35, type);
  return m;
}

bool command(const std::string &line, Exchange &ex) {
  std::istringstream in(line);
  std::string cmd;
  in >> cmd;
  if (cmd.empty()) return true;
  // An acknowledgement, so a test can wait until a setting such as `lose` is in force.
  say("CMD %s", line.c_str());
  if (cmd == "quit") return false;
  if (cmd == "lose") {
    in >> g_lose_in;
    return true;
  }
  if (cmd == "drop") {
    in >> g_drop_out;
    return true;
  }
  if (cmd == "mute") {
    int secs = 0;
    in >> secs;
    g_mute_until = std::chrono::steady_clock::now() + std::chrono::seconds(secs);
    g_muted = true;
    return true;
  }
  FIX::Session *s = g_current;
  if (!s) {
    say("ERROR no session logged on for: %s", line.c_str());
    return true;
  }
  if (cmd == "testrequest") {
    std::string id;
    in >> id;
    FIX::Message m = admin("1");
    m.setField(112, id);
    s->send(m);
  } else if (cmd == "heartbeat") {
    FIX::Message m = admin("0");
    s->send(m);
  } else if (cmd == "resend") {
    int b = 0, e = 0;
    in >> b >> e;
    // Rewinding makes QuickFIX process the retransmission as it would after a real gap: each
    // message must carry PossDup/OrigSendingTime, gap fills must move the sequence forward.
    if (b >= 1 && b < s->getExpectedTargetNum()) s->setNextTargetMsgSeqNum(b);
    FIX::Message m = admin("2");
    m.setField(7, std::to_string(b));
    m.setField(16, std::to_string(e));
    s->send(m);
  } else if (cmd == "gap") {
    int n = 0;
    in >> n;
    s->setNextSenderMsgSeqNum(s->getExpectedSenderNum() + n);
  } else if (cmd == "seqreset") {
    int to = 0;
    in >> to;
    FIX::Message m = admin("4");
    m.setField(123, "N");
    m.setField(36, std::to_string(to));
    s->send(m);
    s->setNextSenderMsgSeqNum(to);
  } else if (cmd == "gapfill") {
    int n = 0;
    in >> n;
    int to = s->getExpectedSenderNum() + 1 + n;
    FIX::Message m = admin("4");
    m.setField(123, "Y");
    m.setField(36, std::to_string(to));
    s->send(m);
    s->setNextSenderMsgSeqNum(to);
  } else if (cmd == "er") {
    std::string id;
    in >> id;
    ex.unsolicited(id);
  } else if (cmd == "logout") {
    std::string text;
    std::getline(in >> std::ws, text);
    s->logout(text);
    s->next(FIX::UtcTimeStamp());  // QuickFIX sends the Logout from its timer step
  } else if (cmd == "disconnect") {
    if (Conn *c = conn_of(s)) c->set_closing();
  } else {
    say("ERROR unknown command: %s", line.c_str());
  }
  return true;
}

int listen_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(fd, 8) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The store directory holds only QuickFIX's files, no subdirectories.
void remove_dir(const std::string &dir) {
  if (DIR *d = ::opendir(dir.c_str())) {
    while (dirent *e = ::readdir(d))
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
        ::unlink((dir + "/" + e->d_name).c_str());
    ::closedir(d);
  }
  ::rmdir(dir.c_str());
}

FIX::SessionSettings settings(const std::string &key_id, const std::string &dict_dir) {
  FIX::SessionSettings s;
  FIX::Dictionary d;
  d.setString("ConnectionType", "acceptor");
  d.setString("BeginString", "FIXT.1.1");
  d.setString("DefaultApplVerID", "FIX.5.0SP2");
  d.setString("StartTime", "00:00:00");
  d.setString("EndTime", "00:00:00");
  d.setString("UseDataDictionary", "Y");
  d.setString("TransportDataDictionary", dict_dir + "/FIXT11-kalshi.xml");
  d.setString("AppDataDictionary", dict_dir + "/FIX50SP2-kalshi.xml");
  d.setString("ValidateUserDefinedFields", "Y");
  d.setString("AllowUnknownMsgFields", "N");
  d.setString("CheckLatency", "Y");
  d.setString("MaxLatency", "30");  // Kalshi's SendingTime tolerance (kalshi-fix.md §2.2)
  d.setString("TimestampPrecision", "3");
  d.setString("PersistMessages", "Y");
  s.set(d);
  for (const char *name : kSessionNames) {
    FIX::Dictionary sd;
    sd.setString("SenderCompID", name);
    sd.setString("TargetCompID", key_id);
    sd.setString("ResetOnLogon", has_retransmission(name) ? "N" : "Y");
    s.set(FIX::SessionID("FIXT.1.1", name, key_id), sd);
  }
  return s;
}

}  // namespace

int main(int argc, char **argv) {
  std::string key_id, pubkey_path, dict_dir = KALSHI_QF_DICT_DIR;
  int port = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 < argc && a == "--key-id") {
      key_id = argv[++i];
    } else if (i + 1 < argc && a == "--public-key") {
      pubkey_path = argv[++i];
    } else if (i + 1 < argc && a == "--port") {
      port = std::atoi(argv[++i]);
    } else if (i + 1 < argc && a == "--dict-dir") {
      dict_dir = argv[++i];
    } else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (key_id.empty() || pubkey_path.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  mbedtls_pk_init(&g_pubkey);
  if (mbedtls_pk_parse_public_keyfile(&g_pubkey, pubkey_path.c_str()) != 0 ||
      !mbedtls_pk_can_do(&g_pubkey, MBEDTLS_PK_RSA)) {
    std::fprintf(stderr, "kalshi-qf-acceptor: %s is not an RSA public key\n", pubkey_path.c_str());
    return 2;
  }

  int lfd = listen_loopback(port);
  if (lfd < 0) {
    std::fprintf(stderr, "kalshi-qf-acceptor: cannot listen on 127.0.0.1:%d: %s\n", port,
                 std::strerror(errno));
    return 2;
  }

  Exchange exchange;
  // A file store, not QuickFIX's MemoryStore: MemoryStore::get(begin, end) returns nothing when
  // `begin` itself was never stored (after `gap`), and QuickFIX then gap-fills over messages it
  // does have. A fresh directory per run, removed at exit.
  char store_dir[] = "/tmp/kalshi-qf-XXXXXX";
  if (!::mkdtemp(store_dir)) {
    std::fprintf(stderr, "kalshi-qf-acceptor: mkdtemp: %s\n", std::strerror(errno));
    return 2;
  }
  FIX::FileStoreFactory stores{std::string(store_dir)};
  EventLogFactory logs;
  std::vector<FIX::Session *> sessions;
  std::unique_ptr<FIX::SessionFactory> factory;
  try {
    FIX::SessionSettings conf = settings(key_id, dict_dir);
    factory.reset(new FIX::SessionFactory(exchange, stores, &logs));
    for (const FIX::SessionID &sid : conf.getSessions())
      sessions.push_back(factory->create(sid, conf.get(sid)));
  } catch (std::exception &e) {
    std::fprintf(stderr, "kalshi-qf-acceptor: QuickFIX configuration: %s\n", e.what());
    remove_dir(store_dir);
    return 2;
  }

  sockaddr_in bound{};
  socklen_t bound_len = sizeof bound;
  ::getsockname(lfd, reinterpret_cast<sockaddr *>(&bound), &bound_len);
  say("%d", ntohs(bound.sin_port));
  g_listening = true;

  std::string pending;  // stdin bytes not yet ending in a newline
  bool running = true;
  while (running) {
    std::vector<pollfd> fds;
    fds.push_back({0, POLLIN, 0});
    fds.push_back({lfd, POLLIN, 0});
    for (auto &c : g_conns) fds.push_back({c->fd(), POLLIN, 0});
    // 50 ms keeps QuickFIX's one-second timers (heartbeat, TestRequest, logout) punctual.
    if (::poll(fds.data(), fds.size(), 50) < 0 && errno != EINTR) break;

    if (fds[0].revents) {
      char buf[4096];
      ssize_t n = ::read(0, buf, sizeof buf);
      if (n <= 0) break;  // stdin closed: the test is gone, so are we
      pending.append(buf, static_cast<size_t>(n));
      size_t nl;
      while (running && (nl = pending.find('\n')) != std::string::npos) {
        std::string line = pending.substr(0, nl);
        pending.erase(0, nl + 1);
        running = command(line, exchange);
      }
    }
    if (fds[1].revents & POLLIN) {
      int cfd = ::accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
      if (cfd >= 0) {
        int one = 1;
        ::setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        g_conns.emplace_back(new Conn(cfd));
        say("CONNECTED");
      }
    }
    for (size_t i = 2; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      Conn *c = nullptr;
      for (auto &p : g_conns)
        if (p->fd() == fds[i].fd) c = p.get();
      if (!c || c->closing()) continue;
      char buf[65536];
      ssize_t n = ::read(c->fd(), buf, sizeof buf);
      if (n <= 0) {
        c->set_closing();
        continue;
      }
      c->parser().addToStream(buf, static_cast<size_t>(n));
      try {
        std::string msg;
        while (!c->closing() && c->parser().readFixMessage(msg)) on_frame(*c, msg);
      } catch (std::exception &e) {
        say("EVENT unparsable stream: %s", e.what());
        c->set_closing();
      }
    }
    if (g_muted && std::chrono::steady_clock::now() >= g_mute_until) unmute();
    if (!g_muted)
      for (auto &c : g_conns)
        if (c->session && !c->closing()) c->session->next(FIX::UtcTimeStamp());
    for (size_t i = 0; i < g_conns.size();) {
      if (g_conns[i]->closing()) {
        close_conn(*g_conns[i]);
        g_conns.erase(g_conns.begin() + static_cast<long>(i));
      } else {
        ++i;
      }
    }
  }
  for (auto &c : g_conns) close_conn(*c);
  g_conns.clear();
  for (FIX::Session *s : sessions) factory->destroy(s);
  remove_dir(store_dir);
  ::close(lfd);
  mbedtls_pk_free(&g_pubkey);
  return 0;
}
