/* kalshi-sim: command-line options and the stdin command reader (public C API only). */
#ifndef KALSHI_SIM_CLI_H
#define KALSHI_SIM_CLI_H

#include <stddef.h>

#include <kalshi/kalshi.h>

typedef struct sim_cli_key {
  char *key_id;
  char *path;
  int prediction;
  int margin;
} sim_cli_key;

typedef struct sim_cli_fault {
  char *session;
  char *key_id; /* NULL: every key */
  char *fault;
} sim_cli_fault;

typedef struct sim_cli_options {
  int print_ports;
  int verbose;
  const char *ca_out;
  sim_cli_key *keys;
  size_t n_keys;
  sim_cli_fault *faults;
  size_t n_faults;
} sim_cli_options;

/* The endpoint names, prediction first. */
const char *const *sim_cli_endpoints(size_t *n);

/* Parses argv into conf (sim.* properties) and opts. 0 ok, -1 after --help, 1 on an error
 * (already printed). opts must be freed in every case. */
int sim_cli_parse(int argc, char **argv, kalshi_conf_t *conf, sim_cli_options *opts);
void sim_cli_options_free(sim_cli_options *opts);
/* Registers the --key keys and arms the --fault faults. 0 ok, else an exit status. */
int sim_cli_setup(kalshi_sim_t *sim, const sim_cli_options *opts);
/* Copies the simulator's CA certificate to path (--ca-out). 0 ok, else an exit status. */
int sim_cli_copy_ca(kalshi_sim_t *sim, const char *path);

/* Line-buffered reader of commands. */
enum { SIM_CLI_MORE = 0, SIM_CLI_QUIT = 1, SIM_CLI_EOF = 2 };
typedef struct sim_cli_reader {
  char buf[4096];
  size_t len;
  int overlong; /* discarding the rest of a line longer than buf */
} sim_cli_reader;
void sim_cli_reader_init(sim_cli_reader *r);
/* Reads what fd has and runs each complete line. */
int sim_cli_reader_feed(sim_cli_reader *r, int fd, kalshi_sim_t *sim, const sim_cli_options *opts);
/* Runs one command line; SIM_CLI_QUIT for "quit". Answers on stdout ("ok ..." / "error ..."). */
int sim_cli_command(kalshi_sim_t *sim, char *line, const sim_cli_options *opts);

#endif
