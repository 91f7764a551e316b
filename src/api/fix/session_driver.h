// Runs one sans-I/O fix::Session over a real connection on the client's loop: connect (TCP or
// TLS), feed received bytes and the time, keep a timer at the session's next deadline, reconnect
// with full-jitter backoff (waiting out Kalshi's Thursday maintenance window and, after an
// unclean drop, the exchange's stale session: decide_reconnect() below), and turn what the
// session reports into kalshi events. Loop thread only, except where noted.
#pragma once

#include <kalshi/fix.h>
#include <uv.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api/fix/context.h"
#include "core/event.h"
#include "crypto/key.h"
#include "fix/session/session.h"
#include "net/backoff.h"
#include "net/connection.h"
#include "net/runtime.h"

namespace kalshi::fix {

struct DriverSettings {
  SessionConfig session;
  Context context;
  net::ConnectOptions connect;  // host, port, TLS, deadlines
  bool reconnect = true;
  bool maintenance_pause = true;
  bool resubscribe = true;
  uint64_t backoff_base_ms = 100;
  uint64_t backoff_max_ms = 30000;
  // After an unclean drop the exchange keeps the old session until its heartbeat timeout (§2.8)
  // and refuses a new Logon with Logout "already exists" (§2.14). 0: derived from HeartBtInt
  // (stale_session_wait_ms()).
  int64_t stale_session_wait_ms = 0;
  // Logout "already exists" answers in a row retried (after the wait) before giving up.
  uint32_t already_exists_retries = 3;
  std::unique_ptr<Store> store;
};

// ---- Reconnect policy (pure, so it is unit-tested without sockets) -----------------------------
//
// Kalshi allows one live session per key and TargetCompID. When a connection dies without a
// Logout exchange, the exchange holds the session until its heartbeat timeout, up to ~60 s
// depending on HeartBtInt, and a new Logon meanwhile is refused "already exists". So:
// - the first reconnect after such a drop waits the stale-session time instead of the short
//   backoff (reconnecting sooner would only be refused);
// - a Logout "already exists" answer to our Logon is retried after the same wait, at most
//   already_exists_retries times in a row (another live connection using the key would be
//   refused forever: then the session gives up with the refusal);
// - any other refused Logon (bad key, signature, flags) gives up at once: it would be refused
//   again;
// - a session that ended through a Logout (either side) reconnects with the usual backoff.

// The wait before logging on again after an unclean drop: `configured_ms` when > 0, else the
// time the exchange takes to notice a silent peer, 2 x HeartBtInt + 2 s, capped at 60 s.
int64_t stale_session_wait_ms(int heartbeat_s, int64_t configured_ms);

// The refusal is Kalshi's Logout "already exists" (a refused Logon whose text says so).
bool is_already_exists(const Error &why);

struct ReconnectInput {
  Error why;                             // why the connection ended (ok: our own clean Logout)
  bool reconnect_enabled = true;         // fix.reconnect
  bool logon_sent = false;               // this connection carried our Logon
  bool ended_with_logout = false;        // Session::ended_with_logout()
  uint32_t already_exists_in_a_row = 0;  // including this one when it is such a refusal
  uint32_t already_exists_retries = 3;
  int64_t stale_wait_ms = 60000;  // stale_session_wait_ms()
};
struct ReconnectDecision {
  bool give_up = false;      // stop and report `why` (FIX_CLOSED follows)
  int64_t min_delay_ms = 0;  // wait at least this long (the backoff may be longer)
};
ReconnectDecision decide_reconnect(const ReconnectInput &in);

// Turns a delivered message into the event the application gets (decoding lives above).
using MessageEventFactory =
    std::function<EventPtr(const Inbound &m, const Context &ctx, uint64_t user_tag)>;

// The state carried by a KALSHI_EVENT_FIX_STATE event.
kalshi_fix_state_t event_fix_state(const kalshi_event &ev);

class SessionDriver final : public net::Closable,
                            public SessionHandler,
                            public LogonSigner,
                            public std::enable_shared_from_this<SessionDriver> {
 public:
  static std::shared_ptr<SessionDriver> create(net::Runtime &rt, std::weak_ptr<EventSink> sink,
                                               const crypto::PrivateKey *key,
                                               DriverSettings settings, uint64_t user_tag,
                                               MessageEventFactory factory);
  ~SessionDriver() override;

  void start();
  // Graceful: Logout (bounded by the session's logout timeout), then close; FIX_CLOSED follows.
  void close();
  // Sends an application message now. KALSHI_ERR_STATE when not logged on.
  Error send(std::string_view msg_type, std::string_view body, std::string_view sender_sub_id,
             uint64_t user_tag, uint64_t *seq_out);
  // The user_tag of the send that got MsgSeqNum `seq` (recent sends only), or 0.
  uint64_t user_tag_of(uint64_t seq) const;
  // KalshiMD subscriptions to repeat after a reconnect. request_type '1' adds, '2' removes (an
  // empty list removes all). Bodies for the repeat are made by `resubscribe_body`.
  void track_md(char request_type, const std::vector<std::string> &symbols);
  void track_security_status(char request_type, const std::string &symbol);
  using BodyMaker = std::function<Error(char kind, const std::vector<std::string> &symbols,
                                        std::string *msg_type, std::string *body)>;
  void set_resubscribe_body_maker(BodyMaker m) { body_maker_ = std::move(m); }

  // Any thread.
  kalshi_fix_state_t state() const { return state_.load(); }
  uint64_t next_sender_seq() const { return next_sender_.load(); }
  uint64_t next_target_seq() const { return next_target_.load(); }
  const Context &context() const { return settings_.context; }
  const SessionConfig &session_config() const { return settings_.session; }

  // net::Closable
  void begin_close() override { close(); }
  void force_close() override;

  // SessionHandler
  void send_bytes(std::string_view bytes) override;
  void on_state(SessionState state, const Error &why) override;
  void on_message(const Inbound &m) override;
  void on_bad_frame(std::string_view raw, const Error &why) override;
  void close_transport() override;
  // Logged as a warning (the first, then every 1000th), never a disconnect.
  void on_clock_skew(int64_t skew_ms, std::string_view frame) override;

  // LogonSigner
  Error sign(std::string_view sending_time, uint64_t msg_seq_num, std::string_view sender_comp_id,
             std::string_view target_comp_id, std::string &signature_b64) override;

 private:
  SessionDriver(net::Runtime &rt, std::weak_ptr<EventSink> sink, const crypto::PrivateKey *key,
                DriverSettings settings, uint64_t user_tag, MessageEventFactory factory);

  static void on_timer(uv_timer_t *t);
  static void on_timer_closed(uv_handle_t *h);
  void connect();
  void on_connected();
  void on_data(const uint8_t *data, size_t len);
  void on_conn_closed(const Error &err);
  void schedule_reconnect(const Error &why);
  void arm_session_timer();
  void set_state(kalshi_fix_state_t s, const Error &why);
  void resubscribe();
  void finish(const Error &why);
  void sync_seqs();
  void emit(EventPtr ev);

  net::Runtime &rt_;
  std::weak_ptr<EventSink> sink_;
  const crypto::PrivateKey *key_;
  DriverSettings settings_;
  uint64_t user_tag_;
  MessageEventFactory factory_;
  BodyMaker body_maker_;
  std::unique_ptr<Session> session_;
  std::shared_ptr<net::Connection> conn_;
  net::Backoff backoff_;
  uv_timer_t timer_{};
  bool timer_open_ = false;
  bool waiting_reconnect_ = false;
  bool closing_ = false;
  bool finished_ = false;
  bool was_active_ = false;  // this connection reached Active
  bool logon_sent_ = false;  // this connection carried our Logon
  uint32_t already_exists_in_a_row_ = 0;
  uint64_t skew_logged_ = 0;             // clock-skew warnings logged (rate limit)
  Error last_error_;                     // why the last connection ended
  Error final_error_;                    // why the session gave up (FIX_CLOSED follows)
  std::shared_ptr<SessionDriver> self_;  // held from start() until the timer handle is closed
  std::atomic<kalshi_fix_state_t> state_{KALSHI_FIX_DISCONNECTED};
  std::atomic<uint64_t> next_sender_{1};
  std::atomic<uint64_t> next_target_{1};
  // user_tag by MsgSeqNum for the most recent sends, so a Reject or BusinessMessageReject can be
  // tied to the request it refuses (RefSeqNum 45).
  static constexpr size_t kTagRing = 4096;
  std::vector<std::pair<uint64_t, uint64_t>> sent_tags_ =
      std::vector<std::pair<uint64_t, uint64_t>>(kTagRing);
  std::set<std::string> md_symbols_;
  std::set<std::string> status_symbols_;
};

}  // namespace kalshi::fix
