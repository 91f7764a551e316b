/* kalshi-sim: command-line options. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_cli.h"

static const char *const kEndpoints[] = {
    "fix.nr", "fix.dc",       "fix.rt",       "fix.pt",       "fix.rfq",
    "fix.md", "perps.fix.nr", "perps.fix.dc", "perps.fix.rt", "perps.fix.md",
    "ws" /* w3: WebSocket, both products (the path picks one) */};
/* --base-port offsets: Kalshi's own port order (NR 8228, DC 8229, RT 8230, PT 8231, RFQ 8232,
 * MD 8233) for prediction, the same +10 for margin, and +20 for the TLS listeners; WebSocket
 * +8 (w3). */
static const int kBaseOffsets[] = {0, 1, 2, 3, 4, 5, 10, 11, 12, 15, 8 /* w3: ws */};
#define N_ENDPOINTS (sizeof kEndpoints / sizeof kEndpoints[0])
#define TLS_OFFSET 20

const char *const *sim_cli_endpoints(size_t *n) {
  *n = N_ENDPOINTS;
  return kEndpoints;
}

static void usage(FILE *out) {
  fputs(
      "usage: kalshi-sim [options]\n"
      "  --port ENDPOINT=N      listener port (fix.nr, fix.rt, fix.dc, fix.pt, fix.rfq, fix.md,\n"
      "                         perps.fix.nr|rt|dc|md; append .tls for the TLS listener); 0 = any\n"
      "  --base-port N          N+0..5 prediction NR DC RT PT RFQ MD, N+10,11,12,15 margin NR DC\n"
      "                         RT MD, TLS listeners the same +20\n"
      "  --host ADDR            loopback address to listen on (default 127.0.0.1)\n"
      "  --tls / --no-tls       TLS listeners with a generated test CA (default on)\n"
      "  --no-plain             no plain TCP listeners\n"
      "  --seed N               exchange and activity seed (default 1)\n"
      "  --markets FILE         markets file (JSON; default: the built-in set)\n"
      "  --key KEY_ID=PUB.pem[:prediction|margin]\n"
      "                         lets KEY_ID log on (both products unless one is named)\n"
      "  --balance DOLLARS      opening balance of each key's member (default 1000.00)\n"
      "  --activity             other participants trading (market-activity generator)\n"
      "  --clock wall|manual    exchange clock (manual: moves with the advance command)\n"
      "  --fault SESSION[:KEY]=FAULT   armed at start, e.g. fix.nr=\"reject_logon go away\"\n"
      "  --print-ports          print \"ENDPOINT PORT\" lines, \"ca FILE\" and \"ready\"\n"
      "  --ca-out FILE          copy the CA certificate to FILE (removed at exit)\n"
      "  -v, --verbose          report sessions logging on and off\n"
      "Commands on stdin: help, status, fault SESSION[:KEY] FAULT, settle TICKER yes|no|PRICE,\n"
      "market TICKER open|paused|closed, advance MS, activity on|off, balance MEMBER,\n"
      "position MEMBER TICKER, order MEMBER TICKER buy|sell PRICE QTY, quit.\n"
      "SIGINT or SIGTERM stops the simulator cleanly (exit 0).\n",
      out);
}

static int set(kalshi_conf_t *conf, const char *key, const char *value) {
  char errstr[256];
  if (kalshi_conf_set(conf, key, value, errstr, sizeof errstr) != KALSHI_OK) {
    fprintf(stderr, "kalshi-sim: %s\n", errstr);
    return 1;
  }
  return 0;
}

static char *dup_range(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (p == NULL) abort();
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static int add_key(sim_cli_options *o, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (eq == NULL || eq == arg || eq[1] == '\0') {
    fprintf(stderr, "kalshi-sim: --key wants KEY_ID=PUBLIC_KEY.pem[:product]\n");
    return 1;
  }
  sim_cli_key k = {dup_range(arg, (size_t)(eq - arg)), NULL, 1, 1};
  const char *path = eq + 1;
  const char *colon = strrchr(path, ':');
  size_t path_len = strlen(path);
  if (colon != NULL && (strcmp(colon, ":prediction") == 0 || strcmp(colon, ":margin") == 0)) {
    k.prediction = strcmp(colon, ":prediction") == 0;
    k.margin = !k.prediction;
    path_len = (size_t)(colon - path);
  }
  k.path = dup_range(path, path_len);
  sim_cli_key *grown = realloc(o->keys, (o->n_keys + 1) * sizeof *grown);
  if (grown == NULL) abort();
  o->keys = grown;
  o->keys[o->n_keys++] = k;
  return 0;
}

static int add_fault(sim_cli_options *o, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (eq == NULL || eq == arg || eq[1] == '\0') {
    fprintf(stderr, "kalshi-sim: --fault wants SESSION[:KEY]=FAULT\n");
    return 1;
  }
  sim_cli_fault f = {NULL, NULL, dup_range(eq + 1, strlen(eq + 1))};
  const char *colon = memchr(arg, ':', (size_t)(eq - arg));
  if (colon != NULL) {
    f.session = dup_range(arg, (size_t)(colon - arg));
    f.key_id = dup_range(colon + 1, (size_t)(eq - colon - 1));
  } else {
    f.session = dup_range(arg, (size_t)(eq - arg));
  }
  sim_cli_fault *grown = realloc(o->faults, (o->n_faults + 1) * sizeof *grown);
  if (grown == NULL) abort();
  o->faults = grown;
  o->faults[o->n_faults++] = f;
  return 0;
}

static int set_base_port(kalshi_conf_t *conf, const char *arg) {
  char *end = NULL;
  const long base = strtol(arg, &end, 10);
  if (end == arg || *end != '\0' || base < 1 || base + TLS_OFFSET + 15 > 65535) {
    fprintf(stderr, "kalshi-sim: --base-port wants 1..65500\n");
    return 1;
  }
  char key[64], value[16];
  for (size_t i = 0; i < N_ENDPOINTS; ++i) {
    for (int tls = 0; tls < 2; ++tls) {
      snprintf(key, sizeof key, "sim.port.%s%s", kEndpoints[i], tls ? ".tls" : "");
      snprintf(value, sizeof value, "%ld", base + kBaseOffsets[i] + (tls ? TLS_OFFSET : 0));
      if (set(conf, key, value) != 0) return 1;
    }
  }
  return 0;
}

static int set_port(kalshi_conf_t *conf, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (eq == NULL || eq == arg) {
    fprintf(stderr, "kalshi-sim: --port wants ENDPOINT=N\n");
    return 1;
  }
  char key[96];
  if ((size_t)(eq - arg) > 64) {
    fprintf(stderr, "kalshi-sim: unknown endpoint in --port %s\n", arg);
    return 1;
  }
  snprintf(key, sizeof key, "sim.port.%.*s", (int)(eq - arg), arg);
  return set(conf, key, eq + 1);
}

int sim_cli_parse(int argc, char **argv, kalshi_conf_t *conf, sim_cli_options *o) {
  memset(o, 0, sizeof *o);
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    int rc = 0;
    int takes_value = 1;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return -1;
    } else if (strcmp(a, "--tls") == 0) {
      rc = set(conf, "sim.tls", "true"), takes_value = 0;
    } else if (strcmp(a, "--no-tls") == 0) {
      rc = set(conf, "sim.tls", "false"), takes_value = 0;
    } else if (strcmp(a, "--no-plain") == 0) {
      rc = set(conf, "sim.plain", "false"), takes_value = 0;
    } else if (strcmp(a, "--activity") == 0) {
      rc = set(conf, "sim.activity", "true"), takes_value = 0;
    } else if (strcmp(a, "--print-ports") == 0) {
      o->print_ports = 1, takes_value = 0;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      o->verbose = 1, takes_value = 0;
    } else if (v == NULL) {
      fprintf(stderr, "kalshi-sim: unknown option or missing value: %s\n", a);
      usage(stderr);
      return 1;
    } else if (strcmp(a, "--port") == 0) {
      rc = set_port(conf, v);
    } else if (strcmp(a, "--base-port") == 0) {
      rc = set_base_port(conf, v);
    } else if (strcmp(a, "--host") == 0) {
      rc = set(conf, "sim.host", v);
    } else if (strcmp(a, "--seed") == 0) {
      rc = set(conf, "sim.seed", v);
    } else if (strcmp(a, "--markets") == 0) {
      rc = set(conf, "sim.markets_file", v);
    } else if (strcmp(a, "--balance") == 0) {
      rc = set(conf, "sim.balance", v);
    } else if (strcmp(a, "--clock") == 0) {
      rc = set(conf, "sim.clock", v);
    } else if (strcmp(a, "--key") == 0) {
      rc = add_key(o, v);
    } else if (strcmp(a, "--fault") == 0) {
      rc = add_fault(o, v);
    } else if (strcmp(a, "--ca-out") == 0) {
      o->ca_out = v;
    } else {
      fprintf(stderr, "kalshi-sim: unknown option %s\n", a);
      usage(stderr);
      return 1;
    }
    if (rc != 0) return 1;
    if (takes_value) ++i;
  }
  return 0;
}

void sim_cli_options_free(sim_cli_options *o) {
  for (size_t i = 0; i < o->n_keys; ++i) {
    free(o->keys[i].key_id);
    free(o->keys[i].path);
  }
  for (size_t i = 0; i < o->n_faults; ++i) {
    free(o->faults[i].session);
    free(o->faults[i].key_id);
    free(o->faults[i].fault);
  }
  free(o->keys);
  free(o->faults);
  memset(o, 0, sizeof *o);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  char *buf = malloc(65536);
  if (buf == NULL) abort();
  *len = fread(buf, 1, 65535, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

static int register_key(kalshi_sim_t *sim, const sim_cli_key *k, kalshi_product_t product,
                        const char *pem, size_t len, uint32_t member, uint32_t *member_out) {
  kalshi_error_t *err = NULL;
  const kalshi_err_t rc =
      kalshi_sim_register_key(sim, product, k->key_id, pem, len, member, member_out, &err);
  if (rc != KALSHI_OK) {
    fprintf(stderr, "kalshi-sim: --key %s: %s: %s\n", k->key_id, kalshi_err_name(rc),
            err != NULL ? kalshi_error_message(err) : kalshi_err_str(rc));
    kalshi_error_destroy(err);
    return 1;
  }
  return 0;
}

int sim_cli_setup(kalshi_sim_t *sim, const sim_cli_options *o) {
  for (size_t i = 0; i < o->n_keys; ++i) {
    const sim_cli_key *k = &o->keys[i];
    size_t len = 0;
    char *pem = read_file(k->path, &len);
    if (pem == NULL) {
      fprintf(stderr, "kalshi-sim: --key %s: cannot read %s\n", k->key_id, k->path);
      return 1;
    }
    uint32_t member = 0;
    int rc = 0;
    /* One member per key id, trading both products when both are named. */
    if (k->prediction) rc = register_key(sim, k, KALSHI_PRODUCT_PREDICTION, pem, len, 0, &member);
    if (rc == 0 && k->margin) {
      rc = register_key(sim, k, KALSHI_PRODUCT_MARGIN, pem, len, member, &member);
    }
    free(pem);
    if (rc != 0) return 1;
    if (o->print_ports) printf("member %s %u\n", k->key_id, (unsigned)member);
  }
  for (size_t i = 0; i < o->n_faults; ++i) {
    const sim_cli_fault *f = &o->faults[i];
    kalshi_error_t *err = NULL;
    const kalshi_err_t rc = kalshi_sim_fault(sim, f->session, f->key_id, f->fault, &err);
    if (rc != KALSHI_OK) {
      fprintf(stderr, "kalshi-sim: --fault %s=%s: %s: %s\n", f->session, f->fault,
              kalshi_err_name(rc), err != NULL ? kalshi_error_message(err) : kalshi_err_str(rc));
      kalshi_error_destroy(err);
      return 1;
    }
  }
  return 0;
}

int sim_cli_copy_ca(kalshi_sim_t *sim, const char *path) {
  char ca[4096];
  if (kalshi_sim_ca_file(sim, ca, sizeof ca) != KALSHI_OK) {
    fprintf(stderr, "kalshi-sim: --ca-out needs TLS (it is off)\n");
    return 1;
  }
  size_t len = 0;
  char *pem = read_file(ca, &len);
  FILE *out = pem != NULL ? fopen(path, "wb") : NULL;
  const int ok = out != NULL && fwrite(pem, 1, len, out) == len;
  if (out != NULL && fclose(out) != 0) {
    free(pem);
    fprintf(stderr, "kalshi-sim: cannot write %s\n", path);
    return 1;
  }
  free(pem);
  if (!ok) {
    fprintf(stderr, "kalshi-sim: cannot write %s\n", path);
    return 1;
  }
  return 0;
}
