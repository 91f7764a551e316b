/* kalshi-sim — a local Kalshi exchange (FIX, both products, plain and TLS) on loopback.
 * Uses the public C API only: everything here is kalshi_sim_* plus argument handling, a command
 * reader on stdin and clean shutdown on SIGINT/SIGTERM (a self-pipe wakes the poll loop). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kalshi/kalshi.h>

#include "sim_cli.h"

static int g_signal_pipe[2] = {-1, -1};

static void on_signal(int sig) {
  const int saved = errno;
  const unsigned char b = (unsigned char)sig;
  if (write(g_signal_pipe[1], &b, 1) < 0) { /* the pipe is full: a wake-up is pending anyway */
  }
  errno = saved;
}

static int install_signals(void) {
  if (pipe(g_signal_pipe) != 0) return -1;
  for (int i = 0; i < 2; ++i) {
    fcntl(g_signal_pipe[i], F_SETFD, FD_CLOEXEC);
    fcntl(g_signal_pipe[i], F_SETFL, O_NONBLOCK);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0) return -1;
  signal(SIGPIPE, SIG_IGN);
  return 0;
}

static void print_ports(kalshi_sim_t *sim, const char *ca_out) {
  size_t n = 0;
  const char *const *names = sim_cli_endpoints(&n);
  char name[64];
  for (size_t i = 0; i < n; ++i) {
    for (int tls = 0; tls < 2; ++tls) {
      snprintf(name, sizeof name, "%s%s", names[i], tls ? ".tls" : "");
      uint16_t port = 0;
      if (kalshi_sim_port(sim, name, &port) == KALSHI_OK) printf("%s %u\n", name, (unsigned)port);
    }
  }
  /* r5: the REST listeners. */
  for (int tls = 0; tls < 2; ++tls) {
    const char *rest = tls ? "rest.tls" : "rest";
    uint16_t port = 0;
    if (kalshi_sim_port(sim, rest, &port) == KALSHI_OK) printf("%s %u\n", rest, (unsigned)port);
  }
  char ca[4096];
  if (kalshi_sim_ca_file(sim, ca, sizeof ca) == KALSHI_OK) {
    printf("ca %s\n", ca_out != NULL ? ca_out : ca);
  }
  printf("ready\n");
  fflush(stdout);
}

int main(int argc, char **argv) {
  sim_cli_options opts;
  kalshi_conf_t *conf = kalshi_conf_new();
  if (conf == NULL) return 1;
  const int parsed = sim_cli_parse(argc, argv, conf, &opts);
  if (parsed != 0) {
    kalshi_conf_destroy(conf);
    sim_cli_options_free(&opts);
    return parsed < 0 ? 0 : 2; /* -1: --help was printed */
  }
  if (install_signals() != 0) {
    fprintf(stderr, "kalshi-sim: cannot install signal handlers\n");
    return 1;
  }
  kalshi_sim_t *sim = NULL;
  kalshi_error_t *err = NULL;
  kalshi_err_t rc = kalshi_sim_start(conf, &sim, &err);
  kalshi_conf_destroy(conf);
  if (rc != KALSHI_OK) {
    fprintf(stderr, "kalshi-sim: start: %s: %s\n", kalshi_err_name(rc),
            err != NULL ? kalshi_error_message(err) : kalshi_err_str(rc));
    kalshi_error_destroy(err);
    sim_cli_options_free(&opts);
    return 1;
  }
  int status = sim_cli_setup(sim, &opts);
  if (status == 0 && opts.ca_out != NULL) status = sim_cli_copy_ca(sim, opts.ca_out);
  if (status != 0) {
    kalshi_sim_destroy(sim);
    sim_cli_options_free(&opts);
    return status;
  }
  if (opts.print_ports) {
    print_ports(sim, opts.ca_out);
  } else {
    fprintf(stderr,
            "kalshi-sim: running (fix.nr etc. with --print-ports); commands on stdin, "
            "\"help\" lists them\n");
  }

  /* Commands on stdin until "quit" or a signal; at EOF of stdin the simulator keeps running
   * until a signal (so it works in the background with </dev/null). */
  sim_cli_reader reader;
  sim_cli_reader_init(&reader);
  int stdin_open = 1;
  int running = 1;
  size_t last_sessions = 0;
  while (running) {
    struct pollfd fds[2] = {{g_signal_pipe[0], POLLIN, 0}, {0, POLLIN, 0}};
    const int nfds = stdin_open ? 2 : 1;
    const int ready = poll(fds, (nfds_t)nfds, opts.verbose ? 1000 : -1);
    if (ready < 0 && errno != EINTR) break;
    if (fds[0].revents != 0) break; /* SIGINT / SIGTERM */
    if (stdin_open && fds[1].revents != 0) {
      const int r = sim_cli_reader_feed(&reader, 0, sim, &opts);
      if (r == SIM_CLI_QUIT) running = 0;
      if (r == SIM_CLI_EOF) stdin_open = 0;
    }
    if (opts.verbose) {
      const size_t sessions = kalshi_sim_fix_sessions(sim);
      if (sessions != last_sessions) {
        fprintf(stderr, "kalshi-sim: %zu FIX session(s) logged on\n", sessions);
        last_sessions = sessions;
      }
    }
  }
  if (opts.verbose) fprintf(stderr, "kalshi-sim: stopping\n");
  kalshi_sim_destroy(sim);
  if (opts.ca_out != NULL) unlink(opts.ca_out);
  sim_cli_options_free(&opts);
  return 0;
}
