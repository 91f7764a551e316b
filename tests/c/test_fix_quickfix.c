/* kalshi_fix_* through the public C API against an independent engine: the QuickFIX acceptor
 * (tests/qf, kalshi-qf-acceptor) checks our Logon signature, validates our messages against its
 * dictionary and answers orders with ExecutionReports. Skipped when the acceptor was not built. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_util.h"

#define KEY_ID "11111111-2222-3333-4444-555555555555"

typedef struct acceptor {
  pid_t pid;
  FILE *in;  /* its stdin: commands */
  FILE *out; /* its stdout: events */
  char port[16];
} acceptor;

static char *tool_path(void) {
  const char *dir = getenv("KALSHI_TEST_TOOLS");
  if (dir == NULL) return NULL;
  size_t n = strlen(dir) + 32;
  char *p = malloc(n);
  snprintf(p, n, "%s/kalshi-qf-acceptor", dir);
  if (access(p, X_OK) != 0) {
    free(p);
    return NULL;
  }
  return p;
}

/* Starts the acceptor with the public half of `pub_rel`; 0 when it is not built. */
static int acceptor_start(acceptor *a, const char *pub_rel) {
  char *exe = tool_path();
  if (exe == NULL) return 0;
  char *pub = test_source_path(pub_rel);
  int to_child[2], from_child[2];
  assert_int_equal(pipe(to_child), 0);
  assert_int_equal(pipe(from_child), 0);
  a->pid = fork();
  assert_true(a->pid >= 0);
  if (a->pid == 0) {
    dup2(to_child[0], 0);
    dup2(from_child[1], 1);
    close(to_child[1]);
    close(from_child[0]);
    execl(exe, exe, "--key-id", KEY_ID, "--public-key", pub, "--port", "0", (char *)NULL);
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  a->in = fdopen(to_child[1], "w");
  a->out = fdopen(from_child[0], "r");
  char line[256];
  assert_non_null(fgets(line, sizeof line, a->out));
  line[strcspn(line, "\r\n")] = 0;
  assert_true(strlen(line) > 0 && strlen(line) < sizeof a->port);
  memcpy(a->port, line, strlen(line) + 1);
  free(exe);
  free(pub);
  return 1;
}

static void acceptor_stop(acceptor *a) {
  fclose(a->in); /* it exits when stdin closes */
  int status = 0;
  waitpid(a->pid, &status, 0);
  fclose(a->out);
}

/* Reads the acceptor's event lines until one contains `needle`; fails at EOF. */
static void acceptor_expect(acceptor *a, const char *needle) {
  char line[1024];
  while (fgets(line, sizeof line, a->out) != NULL) {
    if (strstr(line, needle) != NULL) return;
  }
  fail_msg("acceptor never printed '%s'", needle);
}

static kalshi_client_t *client_for(const acceptor *a, const char *key_rel, const char *session) {
  char *key = test_source_path(key_rel);
  kalshi_conf_t *conf =
      test_conf("auth.key_id", KEY_ID, "auth.private_key_path", key, "fix.host", "127.0.0.1",
                "fix.tls", "false", "fix.port.nr", a->port, "fix.port.rt", a->port, "fix.session",
                session, "fix.heartbeat_s", "5", "net.backoff_base_ms", "50", NULL);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  free(key);
  return c;
}

/* Waits for FIX_STATE events until `want`; returns the last state event (caller destroys). */
static kalshi_event_t *wait_state(kalshi_queue_t *q, kalshi_fix_state_t want) {
  for (;;) {
    kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_FIX_STATE, 15000);
    assert_non_null(ev);
    if (kalshi_event_fix_state(ev) == want) return ev;
    kalshi_event_destroy(ev);
  }
}

static kalshi_event_t *wait_message(kalshi_queue_t *q, const char *msg_type) {
  for (;;) {
    kalshi_event_t *ev = test_wait_event(q, KALSHI_EVENT_FIX_MESSAGE, 15000);
    assert_non_null(ev);
    if (strcmp(kalshi_fix_msg_type(kalshi_event_fix_msg(ev)), msg_type) == 0) return ev;
    kalshi_event_destroy(ev);
  }
}

/* An acceptor, a thread-mode client logged on to it and the client's queue. */
typedef struct live {
  acceptor a;
  kalshi_client_t *c;
  kalshi_queue_t *q;
  kalshi_fix_session_t *s;
} live;

/* Starts the acceptor, opens `session` with the key at key_rel and, when `logged_on`, waits for
 * ACTIVE. 0 when the acceptor is not built (the caller skips). */
static int live_start(live *l, const char *key_rel, const char *session, uint64_t tag,
                      int logged_on) {
  if (!acceptor_start(&l->a, "tests/data/keys/rsa_pub.pem")) return 0;
  l->c = client_for(&l->a, key_rel, session);
  l->q = kalshi_client_queue(l->c);
  l->s = NULL;
  assert_int_equal(kalshi_fix_session_open(l->c, NULL, tag, &l->s, NULL), KALSHI_OK);
  if (logged_on) kalshi_event_destroy(wait_state(l->q, KALSHI_FIX_ACTIVE));
  return 1;
}

/* Destroys the session (waiting for its FIX_CLOSED unless `closed` says it came already), the
 * client and the acceptor. */
static void live_stop(live *l, int closed) {
  kalshi_fix_session_destroy(l->s);
  if (!closed) kalshi_event_destroy(test_wait_event(l->q, KALSHI_EVENT_FIX_CLOSED, 15000));
  kalshi_queue_destroy(l->q);
  kalshi_client_destroy(l->c);
  acceptor_stop(&l->a);
}

static void assert_str_field(const kalshi_fix_msg_t *m, uint32_t tag, const char *want) {
  const char *v = NULL;
  size_t n = 0;
  assert_int_equal(kalshi_fix_msg_str(m, tag, &v, &n), KALSHI_OK);
  assert_int_equal(n, strlen(want));
  assert_memory_equal(v, want, n);
}

static void test_order_round_trip(void **state) {
  (void)state;
  live l;
  if (!live_start(&l, "tests/data/keys/rsa_pkcs8.pem", "nr", 7, 1)) skip();
  acceptor *a = &l.a;
  kalshi_queue_t *q = l.q;
  kalshi_fix_session_t *s = l.s;
  acceptor_expect(a, "LOGON ok");
  assert_int_equal(kalshi_fix_session_state(s), KALSHI_FIX_ACTIVE);

  /* 0.75 dollars goes out as 75 cents (prediction without UseDollars), 10 contracts. */
  assert_int_equal(kalshi_fix_send_new_order(s, "order-1", "HIGHNY-23DEC31", '1', 750000, 1000, '1',
                                             99, NULL, NULL),
                   KALSHI_OK);
  acceptor_expect(a, "APP D 11=order-1");
  kalshi_event_t *ack = wait_message(q, "8");
  const kalshi_fix_msg_t *m = kalshi_event_fix_msg(ack);
  char ch = 0;
  assert_int_equal(kalshi_fix_msg_char(m, 150, &ch), KALSHI_OK);
  assert_int_equal(ch, '0');
  assert_str_field(m, 11, "order-1");
  kalshi_price_t px = 0;
  assert_int_equal(kalshi_fix_msg_price(m, 44, &px), KALSHI_OK);
  assert_int_equal(px, 750000);
  assert_int_equal(kalshi_event_user_tag(ack), 7);
  kalshi_event_destroy(ack);

  kalshi_event_t *fill = wait_message(q, "8");
  m = kalshi_event_fix_msg(fill);
  assert_int_equal(kalshi_fix_msg_char(m, 150, &ch), KALSHI_OK);
  assert_int_equal(ch, 'F');
  kalshi_count_t qty = 0;
  assert_int_equal(kalshi_fix_msg_count(m, 32, &qty), KALSHI_OK);
  assert_int_equal(qty, 1000);
  assert_int_equal(kalshi_fix_msg_price(m, 31, &px), KALSHI_OK);
  assert_int_equal(px, 750000);
  kalshi_event_destroy(fill);

  /* A price the cents wire format cannot carry is refused before anything is sent. */
  kalshi_error_t *err = NULL;
  assert_int_equal(kalshi_fix_send_new_order(s, "order-2", "HIGHNY-23DEC31", '1', 755000, 100, '1',
                                             0, NULL, &err),
                   KALSHI_ERR_INEXACT);
  kalshi_error_destroy(err);
  /* The spec's conditional rules are checked before sending (fix.conditional_checks defaults to
   * on): TimeInForce GTD (59=6) needs ExpireTime(126), and the error names both tags. */
  kalshi_fix_builder_t *b = NULL;
  assert_int_equal(kalshi_fix_builder_new("D", &b, NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_str(b, 11, "order-3", 7, NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_str(b, 55, "HIGHNY-23DEC31", 14, NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_char(b, 54, '1', NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_char(b, 40, '2', NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_price(b, 44, 500000, NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_count(b, 38, 100, NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_builder_set_char(b, 59, '6', NULL), KALSHI_OK);
  assert_int_equal(kalshi_fix_send(s, b, NULL, 0, NULL, &err), KALSHI_ERR_INVALID_ARG);
  assert_non_null(strstr(kalshi_error_message(err), "126"));
  assert_non_null(strstr(kalshi_error_message(err), "59"));
  kalshi_error_destroy(err);
  kalshi_fix_builder_destroy(b);
  /* An order-group delete (20131=2) needs the group id. */
  err = NULL;
  assert_int_equal(kalshi_fix_send_order_group(s, 2, NULL, 0, 0, NULL, &err),
                   KALSHI_ERR_INVALID_ARG);
  assert_non_null(strstr(kalshi_error_message(err), "group_id"));
  kalshi_error_destroy(err);
  /* Not carried on KalshiNR: RFQ creation. */
  assert_int_equal(kalshi_fix_send_quote_request(s, "rfq-1", "HIGHNY-23DEC31", 100, 0, NULL, NULL),
                   KALSHI_ERR_NOT_SUPPORTED);

  /* The acceptor does not support order groups: its reject names our send by RefSeqNum, and the
   * library ties it back to the send's user_tag. */
  uint64_t seq = 0;
  assert_int_equal(kalshi_fix_send_order_group(s, 1, NULL, 5000, 77, &seq, NULL), KALSHI_OK);
  kalshi_event_t *rej = NULL;
  for (;;) {
    rej = test_wait_event(q, KALSHI_EVENT_FIX_MESSAGE, 15000);
    assert_non_null(rej);
    const char *t = kalshi_fix_msg_type(kalshi_event_fix_msg(rej));
    if (strcmp(t, "3") == 0 || strcmp(t, "j") == 0) break;
    kalshi_event_destroy(rej);
  }
  assert_int_equal(kalshi_fix_msg_ref_user_tag(kalshi_event_fix_msg(rej)), 77);
  kalshi_event_destroy(rej);

  assert_int_equal(kalshi_fix_session_close(s), KALSHI_OK);
  kalshi_event_destroy(test_wait_event(q, KALSHI_EVENT_FIX_CLOSED, 15000));
  acceptor_expect(a, "LOGOUT");
  live_stop(&l, 1);
}

static void acceptor_cmd(acceptor *a, const char *cmd) {
  fprintf(a->in, "%s\n", cmd);
  fflush(a->in);
}

/* Waits for a FIX_STATE event with `want`, returning its error code (the reason on leaving
 * ACTIVE). */
static kalshi_err_t wait_state_err(kalshi_queue_t *q, kalshi_fix_state_t want) {
  kalshi_event_t *ev = wait_state(q, want);
  kalshi_err_t e = kalshi_event_err(ev);
  kalshi_event_destroy(ev);
  return e;
}

static void test_reconnects_after_drop(void **state) {
  (void)state;
  live l;
  if (!live_start(&l, "tests/data/keys/rsa_pkcs8.pem", "nr", 3, 1)) skip();
  acceptor *a = &l.a;
  kalshi_queue_t *q = l.q;
  kalshi_fix_session_t *s = l.s;
  acceptor_expect(a, "LOGON ok");

  /* The exchange drops the connection: the session says why, reconnects and logs on again
   * (KalshiNR: with ResetSeqNumFlag=Y, so sequence numbers start over). */
  acceptor_cmd(a, "disconnect");
  assert_int_not_equal(wait_state_err(q, KALSHI_FIX_DISCONNECTED), KALSHI_OK);
  kalshi_event_destroy(wait_state(q, KALSHI_FIX_ACTIVE));
  acceptor_expect(a, "LOGON ok");
  assert_int_equal(kalshi_fix_session_next_sender_seq(s), 2);

  /* A gap on a session without retransmission cannot be repaired: the session ends the
   * connection with SEQUENCE_GAP and starts a fresh one. */
  acceptor_cmd(a, "gap 2");
  acceptor_cmd(a, "er after-gap");
  assert_int_equal(wait_state_err(q, KALSHI_FIX_DISCONNECTED), KALSHI_ERR_SEQUENCE_GAP);
  kalshi_event_destroy(wait_state(q, KALSHI_FIX_ACTIVE));

  assert_int_equal(kalshi_fix_send_new_order(s, "order-9", "HIGHNY-23DEC31", '2', 400000, 100, '3',
                                             0, NULL, NULL),
                   KALSHI_OK);
  kalshi_event_t *ack = wait_message(q, "8");
  assert_str_field(kalshi_event_fix_msg(ack), 11, "order-9");
  kalshi_event_destroy(ack);
  live_stop(&l, 0);
}

static void test_rt_gap_is_recovered(void **state) {
  (void)state;
  live l;
  if (!live_start(&l, "tests/data/keys/rsa_pkcs8.pem", "rt", 4, 1)) skip();
  acceptor *a = &l.a;
  kalshi_queue_t *q = l.q;
  /* Two ExecutionReports the exchange "sent" but we never got, then one we do get: KalshiRT
   * asks for the missing ones and delivers all three, in order, without disconnecting. */
  acceptor_cmd(a, "drop 2");
  acceptor_cmd(a, "er lost-1");
  acceptor_cmd(a, "er lost-2");
  acceptor_cmd(a, "er seen-3");
  const char *want[] = {"lost-1", "lost-2", "seen-3"};
  for (int i = 0; i < 3; ++i) {
    kalshi_event_t *ev = NULL;
    for (;;) {
      ev = kalshi_queue_poll(q, 15000);
      assert_non_null(ev);
      assert_int_not_equal(kalshi_event_type(ev), KALSHI_EVENT_FIX_STATE);
      if (kalshi_event_type(ev) == KALSHI_EVENT_FIX_MESSAGE) break;
      kalshi_event_destroy(ev);
    }
    const kalshi_fix_msg_t *m = kalshi_event_fix_msg(ev);
    assert_string_equal(kalshi_fix_msg_type(m), "8");
    assert_str_field(m, 11, want[i]);
    assert_int_equal(kalshi_fix_msg_poss_dup(m), i < 2);
    kalshi_event_destroy(ev);
  }
  acceptor_expect(a, "RESEND_RECEIVED");
  live_stop(&l, 0);
}

/* Caller mode: the application's thread runs the loop, and a send made on it goes out before
 * the call returns, with its sequence number. */
static void test_caller_mode_sends_inline(void **state) {
  (void)state;
  acceptor a;
  if (!acceptor_start(&a, "tests/data/keys/rsa_pub.pem")) skip();
  char *key = test_source_path("tests/data/keys/rsa_pkcs8.pem");
  kalshi_conf_t *conf =
      test_conf("client.mode", "caller", "auth.key_id", KEY_ID, "auth.private_key_path", key,
                "fix.host", "127.0.0.1", "fix.tls", "false", "fix.port.nr", a.port, NULL);
  free(key);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  kalshi_queue_t *q = kalshi_client_queue(c);
  kalshi_fix_session_t *s = NULL;
  assert_int_equal(kalshi_fix_session_open(c, NULL, 5, &s, NULL), KALSHI_OK);
  int active = 0;
  for (int i = 0; i < 1500 && !active; ++i) {
    kalshi_client_run(c, 10);
    kalshi_event_t *ev;
    while ((ev = kalshi_queue_poll(q, 0)) != NULL) {
      if (kalshi_event_type(ev) == KALSHI_EVENT_FIX_STATE &&
          kalshi_event_fix_state(ev) == KALSHI_FIX_ACTIVE) {
        active = 1;
      }
      kalshi_event_destroy(ev);
    }
  }
  assert_true(active);
  uint64_t seq = 0;
  assert_int_equal(kalshi_fix_send_new_order(s, "inline-1", "HIGHNY-23DEC31", '1', 10000, 100, '1',
                                             0, &seq, NULL),
                   KALSHI_OK);
  assert_int_equal(seq, 2);
  assert_int_equal(kalshi_fix_session_next_sender_seq(s), 3);
  int fills = 0;
  for (int i = 0; i < 1500 && fills < 2; ++i) {
    kalshi_client_run(c, 10);
    kalshi_event_t *ev;
    while ((ev = kalshi_queue_poll(q, 0)) != NULL) {
      if (kalshi_event_type(ev) == KALSHI_EVENT_FIX_MESSAGE) ++fills;
      kalshi_event_destroy(ev);
    }
  }
  assert_int_equal(fills, 2);
  kalshi_fix_session_close(s);
  kalshi_fix_session_destroy(s);
  kalshi_queue_destroy(q);
  kalshi_client_close(c, 5000);
  kalshi_client_destroy(c);
  acceptor_stop(&a);
}

static void test_wrong_key_is_refused(void **state) {
  (void)state;
  live l;
  if (!live_start(&l, "tests/data/keys/rsa3072_pkcs8.pem", "nr", 1, 0)) skip();
  kalshi_queue_t *q = l.q;
  /* Refused logons are not retried: the session ends with the exchange's reason. */
  kalshi_event_t *closed = NULL;
  int saw_rejected = 0;
  while ((closed = kalshi_queue_poll(q, 15000)) != NULL) {
    if (kalshi_event_type(closed) == KALSHI_EVENT_FIX_STATE &&
        kalshi_event_err(closed) == KALSHI_ERR_REJECTED) {
      saw_rejected = 1;
    }
    if (kalshi_event_type(closed) == KALSHI_EVENT_FIX_CLOSED) break;
    kalshi_event_destroy(closed);
  }
  assert_non_null(closed);
  kalshi_event_destroy(closed);
  assert_true(saw_rejected);
  acceptor_expect(&l.a, "LOGON rejected");
  live_stop(&l, 1);
}

static void test_open_validates_settings(void **state) {
  (void)state;
  kalshi_conf_t *conf = test_conf("auth.key_id", KEY_ID, NULL);
  kalshi_client_t *c = NULL;
  assert_int_equal(kalshi_client_new(conf, &c, NULL), KALSHI_OK);
  kalshi_conf_destroy(conf);
  kalshi_fix_session_t *s = NULL;
  kalshi_error_t *err = NULL;
  /* No key configured. */
  assert_int_equal(kalshi_fix_session_open(c, NULL, 0, &s, &err), KALSHI_ERR_KEY_UNSUPPORTED);
  assert_null(s);
  kalshi_error_destroy(err);
  /* Margin has no KalshiRFQ. */
  kalshi_conf_t *o = test_conf("fix.product", "margin", "fix.session", "rfq", NULL);
  assert_int_equal(kalshi_fix_session_open(c, o, 0, &s, &err), KALSHI_ERR_INVALID_VALUE);
  assert_non_null(strstr(kalshi_error_message(err), "margin"));
  kalshi_error_destroy(err);
  kalshi_conf_destroy(o);
  /* A Logon flag the session type does not allow (listener on KalshiMD). */
  o = test_conf("fix.session", "md", "fix.logon.listener", "Y", NULL);
  assert_int_equal(kalshi_fix_session_open(c, o, 0, &s, &err), KALSHI_ERR_INVALID_VALUE);
  kalshi_error_destroy(err);
  kalshi_conf_destroy(o);
  kalshi_client_destroy(c);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_open_validates_settings),
      cmocka_unit_test(test_order_round_trip),
      cmocka_unit_test(test_wrong_key_is_refused),
      cmocka_unit_test(test_reconnects_after_drop),
      cmocka_unit_test(test_rt_gap_is_recovered),
      cmocka_unit_test(test_caller_mode_sends_inline),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
