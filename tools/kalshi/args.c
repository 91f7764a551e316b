#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const cli_opt_spec cli_target_opts[] = {{"--kalshi", 0}, {"--connect", 1}, {"--ws-port", 1},
                                        {"--ca", 1},     {"--json", 0},    {NULL, 0}};

static const cli_opt_spec *find_spec(const cli_opt_spec *specs, const char *name) {
  for (const cli_opt_spec *s = specs; s != NULL && s->name != NULL; ++s) {
    if (strcmp(s->name, name) == 0) return s;
  }
  for (const cli_opt_spec *s = cli_target_opts; s->name != NULL; ++s) {
    if (strcmp(s->name, name) == 0) return s;
  }
  return NULL;
}

int cli_usage_error(const cli_args *a, const char *why) {
  fprintf(stderr, "kalshi: %s: %s (kalshi --help)\n", a->cmd, why);
  return 2;
}

int cli_parse(int argc, char **argv, const cli_opt_spec *specs, cli_args *out) {
  memset(out, 0, sizeof *out);
  out->cmd = argv[0];
  char why[160];
  for (int i = 1; i < argc; ++i) {
    const char *w = argv[i];
    if (strncmp(w, "--", 2) != 0 || w[2] == '\0') {
      if (out->npos == CLI_MAX_POS) return cli_usage_error(out, "too many arguments");
      out->pos[out->npos++] = w;
      continue;
    }
    const cli_opt_spec *s = find_spec(specs, w);
    if (s == NULL) {
      snprintf(why, sizeof why, "unknown option %.100s", w);
      return cli_usage_error(out, why);
    }
    if (out->nopts == CLI_MAX_OPTS) return cli_usage_error(out, "too many options");
    const char *value = "";
    if (s->takes_value) {
      if (i + 1 >= argc) {
        snprintf(why, sizeof why, "%s needs a value", s->name);
        return cli_usage_error(out, why);
      }
      value = argv[++i];
    }
    out->names[out->nopts] = s->name;
    out->values[out->nopts++] = value;
  }
  return 0;
}

const char *cli_get(const cli_args *a, const char *name) {
  const char *found = NULL;
  for (int i = 0; i < a->nopts; ++i) {
    if (strcmp(a->names[i], name) == 0) found = a->values[i]; /* the last one wins */
  }
  return found;
}

int cli_get_u32(const cli_args *a, const char *name, uint32_t min, uint32_t max, uint32_t dflt,
                uint32_t *out) {
  const char *v = cli_get(a, name);
  *out = dflt;
  if (v == NULL) return 0;
  char why[160];
  char *end = NULL;
  errno = 0;
  const unsigned long long n = strtoull(v, &end, 10);
  if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno != 0 || n < min || n > max) {
    snprintf(why, sizeof why, "%s wants a whole number from %u to %u, not \"%.40s\"", name,
             (unsigned)min, (unsigned)max, v);
    return cli_usage_error(a, why);
  }
  *out = (uint32_t)n;
  return 0;
}
