/* The kalshi CLI's option parser: positional words and --name [value] options, checked against
 * the options a command accepts. */
#ifndef KALSHI_CLI_ARGS_H
#define KALSHI_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>

#define CLI_MAX_POS 8
#define CLI_MAX_OPTS 16

typedef struct cli_opt_spec {
  const char *name; /* "--depth" */
  int takes_value;
} cli_opt_spec;

typedef struct cli_args {
  const char *cmd;
  const char *pos[CLI_MAX_POS];
  int npos;
  const char *names[CLI_MAX_OPTS];
  const char *values[CLI_MAX_OPTS]; /* "" for flags */
  int nopts;
} cli_args;

/* The options every exchange command accepts (target selection and --json). */
extern const cli_opt_spec cli_target_opts[];

/* Parses argv[1..] (argv[0] is the command) against `specs` and cli_target_opts. Returns 0, or
 * prints why on stderr and returns 2 (unknown option, missing value, too many words). */
int cli_parse(int argc, char **argv, const cli_opt_spec *specs, cli_args *out);
/* The value of an option ("" for a present flag), NULL when absent. */
const char *cli_get(const cli_args *a, const char *name);
/* Prints "kalshi: CMD: <why>" and returns 2 (bad usage). */
int cli_usage_error(const cli_args *a, const char *why);
/* A whole decimal number in [min, max] from an option; absent: *out = dflt. 0 or 2 (printed). */
int cli_get_u32(const cli_args *a, const char *name, uint32_t min, uint32_t max, uint32_t dflt,
                uint32_t *out);

#endif
