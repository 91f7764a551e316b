/* libkalshi — kalshi-sim, a local Kalshi exchange inside the process.
 *
 * The same simulator as the `kalshi-sim` executable: markets from a seed file (a realistic
 * default set is built in), price-time matching with the spec's YES/NO single book, accounts,
 * order groups, RFQ, settlement, an optional market-activity generator, and Kalshi's FIX
 * interface for both products (every session type, plain TCP and TLS with a generated test
 * certificate). It listens on loopback only, on ephemeral ports unless told otherwise, and runs
 * on its own thread; every function here is thread-safe and returns once the simulator has done
 * what was asked.
 *
 * Configuration is a kalshi_conf_t with the `sim.*` properties (docs/CONFIGURATION.md), e.g.
 *   sim.seed, sim.markets_file, sim.tls, sim.clock (wall|manual), sim.activity, sim.balance,
 *   sim.host, sim.port.<endpoint>.
 *
 * Endpoints (kalshi_sim_port): "fix.nr", "fix.rt", "fix.dc", "fix.pt", "fix.rfq", "fix.md" for
 * prediction, "perps.fix.nr", "perps.fix.rt", "perps.fix.dc", "perps.fix.md" for margin; the TLS
 * listener of each is the same name with ".tls" appended ("fix.nr.tls"). "rest" and "rest.tls":
 * the REST API (HTTP/1.1, base path /trade-api/v2; faults through kalshi_sim_fault with session
 * "rest": "delay_ms=N", "status_5xx=N", "reset").
 *
 * Typical test set-up:
 *   kalshi_sim_start(NULL, &sim, &err);
 *   kalshi_sim_register_key(sim, KALSHI_PRODUCT_PREDICTION, key_id, pub_pem, len, 0, &err);
 *   kalshi_sim_client_conf(sim, client_conf, 1, &err);   // hosts, ports, CA file, fix.tls
 *   ... open a client and its FIX sessions against it ...
 *   kalshi_sim_destroy(sim);
 */
#ifndef KALSHI_SIM_H
#define KALSHI_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "decimal.h"
#include "error.h"
#include "export.h"
#include "fix.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_sim kalshi_sim_t;

/* Starts a simulator (conf may be NULL: defaults). The conf is copied. KALSHI_ERR_INVALID_VALUE
 * for a bad markets file (the message names the market and field), KALSHI_ERR_IO when a port
 * cannot be bound. */
KALSHI_API kalshi_err_t kalshi_sim_start(const kalshi_conf_t *conf, kalshi_sim_t **out,
                                         kalshi_error_t **err);
/* Closes every session (Logout), stops listening and ends the thread. Idempotent. */
KALSHI_API void kalshi_sim_stop(kalshi_sim_t *sim);
/* Stops if needed, deletes the CA file, frees. NULL is ignored. */
KALSHI_API void kalshi_sim_destroy(kalshi_sim_t *sim);

/* The port of an endpoint (names above). KALSHI_ERR_NOT_FOUND for an unknown or disabled
 * endpoint. */
KALSHI_API kalshi_err_t kalshi_sim_port(kalshi_sim_t *sim, const char *endpoint, uint16_t *port);
/* Path of a PEM file holding the simulator's CA certificate (for tls.ca_file), NUL-terminated
 * into buf. KALSHI_ERR_NOT_FOUND when TLS is off; KALSHI_ERR_BUFFER_TOO_SMALL. */
KALSHI_API kalshi_err_t kalshi_sim_ca_file(kalshi_sim_t *sim, char *buf, size_t cap);
/* Points a client conf at this simulator: fix.host, fix.md_host, perps.fix.host,
 * perps.fix.md_host = 127.0.0.1, fix.port.* (plain or TLS listeners), fix.tls, tls.ca_file, and
 * fix.stale_session_wait_ms = 200 (the simulator keeps no session after its connection closes). */
KALSHI_API kalshi_err_t kalshi_sim_client_conf(kalshi_sim_t *sim, kalshi_conf_t *client_conf,
                                               int tls, kalshi_error_t **err);
/* The same for one product: for KALSHI_PRODUCT_MARGIN the fix.port.nr/rt/dc/md properties get
 * the perps.fix.* listeners (the client has one fix.port.<session> per session type for both
 * products) and fix.product is set to "margin"; for prediction it equals kalshi_sim_client_conf
 * plus fix.product=prediction. (Added in 0.1.) */
KALSHI_API kalshi_err_t kalshi_sim_client_conf_product(kalshi_sim_t *sim,
                                                       kalshi_conf_t *client_conf,
                                                       kalshi_product_t product, int tls,
                                                       kalshi_error_t **err);

/* Lets key_id log on for `product` with the RSA public key in PEM (SubjectPublicKeyInfo or
 * PKCS#1). The key trades for member `member` (0: a new member named after the key with the
 * sim.balance opening balance); *member_out (optional) gets the member number. Registering the
 * same key id again replaces its public key. */
KALSHI_API kalshi_err_t kalshi_sim_register_key(kalshi_sim_t *sim, kalshi_product_t product,
                                                const char *key_id, const char *public_key_pem,
                                                size_t pem_len, uint32_t member,
                                                uint32_t *member_out, kalshi_error_t **err);

/* Accounts of a member (subaccount 0 = primary): cash balance and the signed position in a
 * market (+ YES/long, - NO/short). */
KALSHI_API kalshi_err_t kalshi_sim_set_balance(kalshi_sim_t *sim, uint32_t member,
                                               uint32_t subaccount, kalshi_price_t balance);
KALSHI_API kalshi_err_t kalshi_sim_balance(kalshi_sim_t *sim, uint32_t member,
                                           uint32_t subaccount, kalshi_price_t *balance);
KALSHI_API kalshi_err_t kalshi_sim_position(kalshi_sim_t *sim, uint32_t member,
                                            uint32_t subaccount, const char *ticker,
                                            kalshi_count_t *contracts);

/* Places a resting or crossing limit order for a member as "another participant" (no session):
 * side 1 = buy YES / long, 2 = sell YES (buy NO) / short. KALSHI_ERR_REJECTED with the Kalshi
 * reason text in err when the exchange refuses it. */
KALSHI_API kalshi_err_t kalshi_sim_place_order(kalshi_sim_t *sim, uint32_t member,
                                               const char *ticker, int side, kalshi_price_t price,
                                               kalshi_count_t qty, kalshi_error_t **err);

/* Market lifecycle: status "open", "paused", "closed"; settle with the YES value per contract
 * (0 or 1,000,000 for a binary market). */
KALSHI_API kalshi_err_t kalshi_sim_market_status(kalshi_sim_t *sim, const char *ticker,
                                                 const char *status, kalshi_error_t **err);
KALSHI_API kalshi_err_t kalshi_sim_settle(kalshi_sim_t *sim, const char *ticker,
                                          kalshi_price_t yes_value, kalshi_error_t **err);

/* The exchange clock (Unix ms): with sim.clock=manual it moves only through these calls;
 * advancing runs expiries, order-group windows and RFQ timeouts. */
KALSHI_API int64_t kalshi_sim_now_ms(kalshi_sim_t *sim);
KALSHI_API kalshi_err_t kalshi_sim_advance_ms(kalshi_sim_t *sim, int64_t ms);

/* Turns the market-activity generator (other participants trading) on or off. */
KALSHI_API kalshi_err_t kalshi_sim_activity(kalshi_sim_t *sim, int enabled);

/* Faults on FIX sessions. session: an endpoint name without ".tls" ("fix.rt", "perps.fix.nr");
 * key_id NULL or "" = every key. fault: "drop", "skip N", "dup N", "delay MS", "garbage",
 * "reject_logon [text]", "resend_request [from]", "test_request", "logout [text]",
 * "mute [ms]", "clear". Armed faults (reject_logon, delay) wait for the next Logon; the others
 * act on live sessions now (KALSHI_ERR_NOT_FOUND when none matched). */
KALSHI_API kalshi_err_t kalshi_sim_fault(kalshi_sim_t *sim, const char *session,
                                         const char *key_id, const char *fault,
                                         kalshi_error_t **err);

/* Logged-on FIX sessions right now. */
KALSHI_API size_t kalshi_sim_fix_sessions(kalshi_sim_t *sim);

#ifdef __cplusplus
}
#endif
#endif
