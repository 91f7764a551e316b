#include "core/conf_table.h"

namespace kalshi {

namespace {

using H = EnvironmentHosts;
constexpr int64_t kMaxMs = 3'600'000;

// clang-format off
constexpr Property kProps[] = {
  {"env", PropType::Enum, "production", nullptr, 0, 0, "production|demo",
   "Kalshi environment. Selects the default of every host property (../shared/spec: rest-notes.md "
   "§1, kalshi-fix.md §1, perps.md §1). Demo and production are separate worlds with separate keys."},
  {"client.mode", PropType::Enum, "thread", nullptr, 0, 0, "thread|caller",
   "`thread`: the library runs the I/O loop on its own thread. `caller`: no library thread; the "
   "application drives the loop with kalshi_client_run (lowest latency, no cross-thread wake-up)."},
  {"client.close_timeout_ms", PropType::Int, "5000", nullptr, 0, kMaxMs, "",
   "How long kalshi_client_close/destroy wait for a graceful shutdown before closing every "
   "connection forcibly."},
  {"log.level", PropType::Enum, "warn", nullptr, 0, 0, "off|error|warn|info|debug|trace",
   "Lowest level delivered as KALSHI_EVENT_LOG events. Secrets are never logged at any level."},

  {"auth.key_id", PropType::KeyId, "", nullptr, 0, 0, "",
   "Prediction API key id (KALSHI-ACCESS-KEY; FIX SenderCompID)."},
  {"auth.private_key", PropType::Pem, "", nullptr, 0, 0, "",
   "Prediction private key as PEM text (RSA PKCS#1/PKCS#8/encrypted PKCS#8, or Ed25519 PKCS#8). "
   "Exclusive with auth.private_key_path."},
  {"auth.private_key_path", PropType::Path, "", nullptr, 0, 0, "",
   "File holding the prediction private key PEM."},
  {"auth.private_key_passphrase", PropType::Secret, "", nullptr, 0, 0, "",
   "Passphrase of an encrypted PKCS#8 prediction key."},
  {"perps.auth.key_id", PropType::KeyId, "", nullptr, 0, 0, "",
   "Perps (margin) API key id. Kalshi asks for separate keys per product."},
  {"perps.auth.private_key", PropType::Pem, "", nullptr, 0, 0, "",
   "Perps private key as PEM text. Exclusive with perps.auth.private_key_path."},
  {"perps.auth.private_key_path", PropType::Path, "", nullptr, 0, 0, "",
   "File holding the perps private key PEM."},
  {"perps.auth.private_key_passphrase", PropType::Secret, "", nullptr, 0, 0, "",
   "Passphrase of an encrypted PKCS#8 perps key."},
  {"klear.auth.token", PropType::Secret, "", nullptr, 0, 0, "",
   "Klear (clearing member API) bearer token."},

  {"rest.host", PropType::Host, "", &H::rest, 0, 0, "",
   "Prediction and perps REST host (paths under /trade-api/v2)."},
  {"rest.port", PropType::Int, "443", nullptr, 1, 65535, "", "REST port."},
  {"rest.tls", PropType::Bool, "true", nullptr, 0, 0, "",
   "Use TLS for REST. Plain HTTP is for a local kalshi-sim only."},
  {"ws.host", PropType::Host, "", &H::ws, 0, 0, "", "Prediction WebSocket host (/trade-api/ws/v2)."},
  {"ws.port", PropType::Int, "443", nullptr, 1, 65535, "", "Prediction WebSocket port."},
  {"ws.tls", PropType::Bool, "true", nullptr, 0, 0, "", "Use TLS (wss) for WebSockets."},
  {"perps.ws.host", PropType::Host, "", &H::perps_ws, 0, 0, "",
   "Perps WebSocket host (/trade-api/ws/v2/margin)."},
  {"perps.ws.port", PropType::Int, "443", nullptr, 1, 65535, "", "Perps WebSocket port."},
  // c2: the WebSocket connection (src/api/ws/ws_session.h, include/kalshi/ws.h).
  {"ws.product", PropType::Enum, "prediction", nullptr, 0, 0, "prediction|perps",
   "Which WebSocket kalshi_ws_open connects to: prediction (ws.host:ws.port, /trade-api/ws/v2, signed with auth.*) or perps (perps.ws.host:perps.ws.port, /trade-api/ws/v2/margin, signed with perps.auth.*)."},
  {"ws.ping_interval_ms", PropType::Int, "10000", nullptr, 100, kMaxMs, "",
   "Idle time after which the client sends a WebSocket ping (the exchange pings every 10 s too)."},
  {"ws.dead_after_ms", PropType::Int, "30000", nullptr, 100, kMaxMs, "",
   "A connection that receives nothing (no message, ping or pong) for this long is dead: it is dropped and reconnected."},
  {"ws.reconnect", PropType::Bool, "true", nullptr, 0, 0, "",
   "Reconnect after a lost connection (full-jitter backoff) and resubscribe everything that was subscribed."},
  {"ws.backoff_base_ms", PropType::Int, "500", nullptr, 1, kMaxMs, "",
   "First reconnect delay bound; doubles per failed attempt up to ws.backoff_max_ms (full jitter)."},
  {"ws.backoff_max_ms", PropType::Int, "30000", nullptr, 1, kMaxMs, "",
   "Largest reconnect delay bound."},
  {"ws.max_message_size", PropType::Int, "16777216", nullptr, 1024, 1073741824, "",
   "Largest received WebSocket message (and frame) in bytes; a larger one closes the connection with 1009 and reconnects."},
  {"ws.queue_limit", PropType::Int, "10000", nullptr, 1, 10000000, "",
   "Channel messages (WS_MESSAGE, BOOK_TOP) of one connection the application may hold unconsumed (queued or not yet destroyed) plus as many waiting behind them; beyond that ws.overflow applies."},
  {"ws.overflow", PropType::Enum, "drop_oldest", nullptr, 0, 0, "drop_oldest|resync",
   "When ws.queue_limit is reached: drop_oldest discards the oldest waiting message (counted by kalshi_ws_dropped; local books stay exact, they are updated before queueing), resync refuses the new message and resynchronises its subscription (WS_RESYNC, fresh snapshot)."},
  {"ws.top_events", PropType::Bool, "false", nullptr, 0, 0, "",
   "Emit KALSHI_EVENT_BOOK_TOP when a local book's best bid or ask (price or size) changes."},
  {"ws.books", PropType::Bool, "true", nullptr, 0, 0, "",
   "Keep local order books for markets subscribed to orderbook_delta (kalshi_ws_book_best / kalshi_ws_book_copy)."},
  {"klear.host", PropType::Host, "", &H::klear, 0, 0, "", "Klear REST host (/klear-api/v1)."},
  {"klear.port", PropType::Int, "443", nullptr, 1, 65535, "", "Klear REST port."},
  {"fix.host", PropType::Host, "", &H::fix, 0, 0, "",
   "Prediction FIX host for KalshiNR, KalshiRT, KalshiDC, KalshiPT and KalshiRFQ."},
  {"fix.md_host", PropType::Host, "", &H::fix_md, 0, 0, "", "Prediction FIX market-data host (KalshiMD)."},
  {"perps.fix.host", PropType::Host, "", &H::perps_fix, 0, 0, "",
   "Margin FIX host for KalshiNR, KalshiRT and KalshiDC."},
  {"perps.fix.md_host", PropType::Host, "", &H::perps_fix_md, 0, 0, "",
   "Margin FIX market-data host (KalshiMD)."},
  {"fix.tls", PropType::Bool, "true", nullptr, 0, 0, "",
   "Use TLS for FIX (Kalshi's gateways accept only TLS). Plain TCP is for a local kalshi-sim only."},
  {"fix.port.nr", PropType::Int, "8228", nullptr, 1, 65535, "", "KalshiNR port."},
  {"fix.port.dc", PropType::Int, "8229", nullptr, 1, 65535, "", "KalshiDC port."},
  {"fix.port.rt", PropType::Int, "8230", nullptr, 1, 65535, "", "KalshiRT port."},
  {"fix.port.pt", PropType::Int, "8231", nullptr, 1, 65535, "", "KalshiPT port."},
  {"fix.port.rfq", PropType::Int, "8232", nullptr, 1, 65535, "", "KalshiRFQ port."},
  {"fix.port.md", PropType::Int, "8233", nullptr, 1, 65535, "", "KalshiMD port."},
  {"fix.session", PropType::Enum, "nr", nullptr, 0, 0, "nr|rt|dc|pt|rfq|md",
   "Session type a FIX session opens: KalshiNR, KalshiRT, KalshiDC, KalshiPT, KalshiRFQ or KalshiMD "
   "(margin has nr, rt, dc and md only)."},
  {"fix.product", PropType::Enum, "prediction", nullptr, 0, 0, "prediction|margin",
   "Which exchange a FIX session connects to: prediction (event contracts) or margin (perps). "
   "Margin uses perps.fix.* hosts and perps.auth.* keys."},
  {"fix.sender_comp_id", PropType::KeyId, "", nullptr, 0, 0, "",
   "SenderCompID (the FIX API key id). Empty: auth.key_id, or perps.auth.key_id for margin."},
  {"fix.heartbeat_s", PropType::Int, "30", nullptr, 3, 300, "",
   "HeartBtInt(108) in seconds. Prediction requires more than 3."},
  {"fix.reset_on_logon", PropType::Bool, "false", nullptr, 0, 0, "",
   "Send ResetSeqNumFlag(141)=Y on KalshiRT/KalshiPT logons (giving up recovery of missed "
   "messages). Always sent on the other session types, which require it."},
  {"fix.store", PropType::Enum, "memory", nullptr, 0, 0, "memory|file",
   "Where a session keeps sequence numbers and sent messages. `file` (with fix.store_dir) lets a "
   "restarted KalshiRT process keep its sequence numbers and answer resends."},
  {"fix.store_dir", PropType::Path, "", nullptr, 0, 0, "", "Directory of the file store."},
  {"fix.reconnect", PropType::Bool, "true", nullptr, 0, 0, "",
   "Reconnect after a lost connection, with net.backoff_* full-jitter backoff. A refused logon "
   "is not retried, except Logout \"already exists\" (see fix.already_exists_retries)."},
  {"fix.maintenance_pause", PropType::Bool, "true", nullptr, 0, 0, "",
   "Inside Kalshi's Thursday 03:00-05:00 ET maintenance window, wait for its end before "
   "reconnecting."},
  {"fix.logon_timeout_ms", PropType::Int, "10000", nullptr, 100, kMaxMs, "",
   "How long to wait for the exchange's Logon answer."},
  {"fix.max_message_size", PropType::Int, "65536", nullptr, 256, 16777216, "",
   "Largest FIX message accepted from the exchange, in bytes; a larger one is a protocol error."},
  {"fix.resubscribe", PropType::Bool, "true", nullptr, 0, 0, "",
   "KalshiMD: after a reconnect, repeat the market-data and security-status subscriptions."},
  {"fix.sending_time_tolerance_ms", PropType::Int, "30000", nullptr, 0, kMaxMs, "",
   "Warn (log at WARN, counted) when the exchange's SendingTime(52) is further than this from "
   "our clock; never a disconnect, the exchange's clock is authoritative. 0 turns it off. The "
   "exchange rejects our messages beyond 30 s (kalshi-fix.md §2.12 reason 10)."},
  {"fix.stale_session_wait_ms", PropType::Int, "0", nullptr, 0, kMaxMs, "",
   "After a connection died without a Logout exchange, wait this long before logging on again: "
   "the exchange keeps the old session until its heartbeat timeout and refuses a new Logon with "
   "\"already exists\". 0: 2 x fix.heartbeat_s + 2 s, at most 60 s."},
  {"fix.already_exists_retries", PropType::Int, "3", nullptr, 0, 100, "",
   "How many Logout \"already exists\" answers in a row are retried (each after the "
   "fix.stale_session_wait_ms wait) before the session gives up."},
  {"fix.conditional_checks", PropType::Bool, "true", nullptr, 0, 0, "",
   "Check the spec's conditional-field rules (ExpireTime with GTD, reduce-only with IOC, "
   "PartyRole with PartyID, order-group action fields, ...) before a message is sent; a "
   "violation is KALSHI_ERR_INVALID_ARG naming the tags and nothing is sent."},
  {"fix.logon.cancel_on_disconnect", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "CancelOrdersOnDisconnect(8013) on Logon (NR, RT)."},
  {"fix.logon.listener", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "ListenerSession(20126) on Logon (NR, RT; needs fix.logon.skip_pending=Y)."},
  {"fix.logon.settlement_reports", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "ReceiveSettlementReports(20127) on Logon (prediction NR, RT, PT)."},
  {"fix.logon.retention_hours", PropType::Int, "0", nullptr, 0, 72, "",
   "MessageRetentionPeriod(20200) on Logon (RT, prediction PT); 0 omits it."},
  {"fix.logon.use_dollars", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "UseDollars(21005): prices in dollars to 4 places instead of integer cents (prediction)."},
  {"fix.logon.ioc_cancel_report", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "EnableIocCancelReport(21007) on Logon (NR, RT)."},
  {"fix.logon.preserve_order_qty", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "PreserveOriginalOrderQty(21008) on Logon (NR, RT)."},
  {"fix.logon.skip_pending", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "SkipPendingExecReports(21011) on Logon (NR, RT)."},
  {"fix.logon.expired_status", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "UseExpiredOrdStatus(21012) on Logon (NR, RT)."},
  {"fix.logon.new_before_trade", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "AlwaysEmitNewBeforeTrade(21026) on Logon (prediction NR, RT)."},
  {"fix.logon.split_collateral", PropType::Enum, "unset", nullptr, 0, 0, "unset|Y|N",
   "SplitCollateralReturn(21027) on Logon (prediction NR, RT)."},

  {"tls.verify", PropType::Bool, "true", nullptr, 0, 0, "",
   "Verify the server certificate chain and host name. Can be turned off only for loopback peers."},
  {"tls.ca_file", PropType::Path, "/etc/ssl/certs/ca-certificates.crt", nullptr, 0, 0, "",
   "PEM bundle of trusted certificate authorities."},
  {"tls.pin_sha256", PropType::PinList, "", nullptr, 0, 0, "",
   "Comma-separated base64 SHA-256 hashes of the server's SubjectPublicKeyInfo; when set, the "
   "certificate must also match one of them (Kalshi offers certificate pinning for FIX)."},
  {"tls.server_name", PropType::Host, "", nullptr, 0, 0, "",
   "Name sent in SNI and checked against the certificate; empty means the host connected to."},
  {"net.connect_timeout_ms", PropType::Int, "10000", nullptr, 1, kMaxMs, "",
   "Deadline for DNS resolution, TCP connect and the TLS handshake together."},
  {"net.allow_unknown_host", PropType::Bool, "false", nullptr, 0, 0, "",
   "Allow hosts that are neither Kalshi's nor loopback (proxies, private links). Off so that a typo "
   "cannot send credentials to a stranger."},
  {"net.backoff_base_ms", PropType::Int, "100", nullptr, 1, kMaxMs, "",
   "Reconnect backoff: first ceiling of the full-jitter exponential backoff."},
  {"net.backoff_max_ms", PropType::Int, "30000", nullptr, 1, kMaxMs, "",
   "Reconnect backoff: largest ceiling."},
  {"sim.seed", PropType::Int, "1", nullptr, 0, 9007199254740991, "",
   "kalshi-sim: seed of the exchange's identifiers and of the market-activity generator; the same seed and the same commands give the same run."},
  {"sim.markets_file", PropType::Path, "", nullptr, 0, 0, "",
   "kalshi-sim: JSON file of markets (format in docs/SIMULATOR.md); empty means the built-in default set."},
  {"sim.tls", PropType::Bool, "true", nullptr, 0, 0, "",
   "kalshi-sim: open a TLS listener per FIX endpoint (a test CA and certificate are generated at start; kalshi_sim_ca_file)."},
  {"sim.plain", PropType::Bool, "true", nullptr, 0, 0, "",
   "kalshi-sim: open a plain TCP listener per FIX endpoint."},
  {"sim.host", PropType::Host, "127.0.0.1", nullptr, 0, 0, "",
   "kalshi-sim: address to listen on; must be loopback (127.0.0.0/8, ::1 or localhost)."},
  {"sim.clock", PropType::Enum, "wall", nullptr, 0, 0, "wall|manual",
   "kalshi-sim: exchange clock. wall follows real time; manual starts at sim.start_ms and moves only through kalshi_sim_advance_ms."},
  {"sim.start_ms", PropType::Int, "0", nullptr, 0, 9007199254740991, "",
   "kalshi-sim: exchange clock at start with sim.clock=manual (Unix ms); 0 means the wall clock at start."},
  {"sim.tick_ms", PropType::Int, "50", nullptr, 1, 60000, "",
   "kalshi-sim: how often the exchange clock is advanced (expiries, RFQ timeouts, market activity)."},
  {"sim.activity", PropType::Bool, "false", nullptr, 0, 0, "",
   "kalshi-sim: run the market-activity generator (other participants quoting and trading)."},
  {"sim.activity_rate", PropType::Int, "5", nullptr, 1, 10000, "",
   "kalshi-sim: market-activity generator commands (orders, cancels) per second over all markets."},
  {"sim.balance", PropType::String, "1000.00", nullptr, 0, 0, "",
   "kalshi-sim: opening cash balance in dollars (exact decimal, up to 6 places) of members created by kalshi_sim_register_key."},
  {"sim.confirm_window_ms", PropType::Int, "30000", nullptr, 1, kMaxMs, "",
   "kalshi-sim: how long an RFQ maker has to confirm an accepted quote before it is voided."},
  {"sim.port.fix.nr", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiNR plain listener; 0 = ephemeral."},
  {"sim.port.fix.nr.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiNR TLS listener; 0 = ephemeral."},
  {"sim.port.fix.dc", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiDC plain listener; 0 = ephemeral."},
  {"sim.port.fix.dc.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiDC TLS listener; 0 = ephemeral."},
  {"sim.port.fix.rt", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiRT plain listener; 0 = ephemeral."},
  {"sim.port.fix.rt.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiRT TLS listener; 0 = ephemeral."},
  {"sim.port.fix.pt", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiPT plain listener; 0 = ephemeral."},
  {"sim.port.fix.pt.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiPT TLS listener; 0 = ephemeral."},
  {"sim.port.fix.rfq", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiRFQ plain listener; 0 = ephemeral."},
  {"sim.port.fix.rfq.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiRFQ TLS listener; 0 = ephemeral."},
  {"sim.port.fix.md", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiMD plain listener; 0 = ephemeral."},
  {"sim.port.fix.md.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the KalshiMD TLS listener; 0 = ephemeral."},
  {"sim.port.perps.fix.nr", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiNR plain listener; 0 = ephemeral."},
  {"sim.port.perps.fix.nr.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiNR TLS listener; 0 = ephemeral."},
  {"sim.port.perps.fix.dc", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiDC plain listener; 0 = ephemeral."},
  {"sim.port.perps.fix.dc.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiDC TLS listener; 0 = ephemeral."},
  {"sim.port.perps.fix.rt", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiRT plain listener; 0 = ephemeral."},
  {"sim.port.perps.fix.rt.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiRT TLS listener; 0 = ephemeral."},
  {"sim.port.perps.fix.md", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiMD plain listener; 0 = ephemeral."},
  {"sim.port.perps.fix.md.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the margin KalshiMD TLS listener; 0 = ephemeral."},
  // w3: the simulator's WebSocket listeners (both products; the path picks one).
  {"sim.port.ws", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the WebSocket plain listener (/trade-api/ws/v2 and /trade-api/ws/v2/margin); 0 = ephemeral."},
  {"sim.port.ws.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the WebSocket TLS listener; 0 = ephemeral."},
  // r5: the simulator's REST listeners and its emulated limits.
  {"sim.port.rest", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the REST (HTTP/1.1) plain listener, base path /trade-api/v2; 0 = ephemeral."},
  {"sim.port.rest.tls", PropType::Int, "0", nullptr, 0, 65535, "",
   "kalshi-sim: port of the REST (HTTPS) TLS listener; 0 = ephemeral."},
  {"sim.rest.read_per_s", PropType::Int, "100", nullptr, 1, 1000000, "",
   "kalshi-sim: REST read (GET) requests per second per API key before 429 with Retry-After; the bucket holds one second's worth (Kalshi's legacy Basic tier was 20)."},
  {"sim.rest.write_per_s", PropType::Int, "100", nullptr, 1, 1000000, "",
   "kalshi-sim: REST write requests per second per API key before 429 with Retry-After (Kalshi's legacy Basic tier was 10)."},
  {"sim.rest.timestamp_window_ms", PropType::Int, "30000", nullptr, 0, kMaxMs, "",
   "kalshi-sim: largest difference between KALSHI-ACCESS-TIMESTAMP and the simulator's clock before a REST request is refused with 401 (Kalshi does not document its window)."},
  // c1: the REST client (src/api/rest/rest_client.h, include/kalshi/rest.h).
  {"klear.tls", PropType::Bool, "true", nullptr, 0, 0, "",
   "Use TLS for Klear REST. Plain HTTP is for a local simulator only."},
  {"rest.rate_tier", PropType::Enum, "basic", nullptr, 0, 0,
   "basic|advanced|premier|paragon|prime|custom|off",
   "Client-side REST rate limit: the account's tier (rest-notes.md section 5; Read and Write token buckets, 10 tokens per request unless the notes say otherwise). `custom` takes rest.rate_read_per_s/rest.rate_write_per_s (from GET /account/limits; also for perps, whose tiers are unpublished); `off` sends without limiting."},
  {"rest.rate_read_per_s", PropType::Int, "0", nullptr, 0, 1000000, "",
   "Read bucket refill in tokens per second when rest.rate_tier=custom."},
  {"rest.rate_write_per_s", PropType::Int, "0", nullptr, 0, 1000000, "",
   "Write bucket refill in tokens per second when rest.rate_tier=custom."},
  {"rest.rate_limit_wait", PropType::Bool, "true", nullptr, 0, 0, "",
   "true: a request over the client-side limit waits for tokens (in arrival order). false: the call fails at once with KALSHI_ERR_RATE_LIMITED."},
  {"rest.max_pages", PropType::Int, "1000", nullptr, 0, 1000000, "",
   "Default page limit of kalshi_rest_paginate (the DONE event says truncated when it cut a listing); 0 = no limit."},
  {"rest.timeout_ms", PropType::Int, "10000", nullptr, 1, kMaxMs, "",
   "Whole life of one REST call: limiter wait, queueing, connecting and every attempt."},
  {"rest.pool_size", PropType::Int, "4", nullptr, 1, 64, "",
   "Keep-alive connections per REST host (one request at a time on each)."},
  {"rest.retry_max_attempts", PropType::Int, "3", nullptr, 1, 10, "",
   "Attempts per REST call, the first included. Only idempotent requests (GET) are retried after they may have reached the server (429, 5xx, connection loss); POST/DELETE only when no byte was sent."},
  {"rest.presign", PropType::Bool, "true", nullptr, 0, 0, "",
   "Sign order-create requests ahead on a worker thread, so RSA signing is off the order path (each signature used once; inline signing when none is ready)."},
  {"rest.presign_window_ms", PropType::Int, "5000", nullptr, 2, 60000, "",
   "Oldest presigned timestamp ever sent; the worker refreshes signatures older than half of it."},
  {"net.https_proxy", PropType::String, "", nullptr, 0, 0, "",
   "HTTP proxy for REST as host:port (CONNECT tunnel, TLS to the exchange through it); empty = direct."},
};
// clang-format on

}  // namespace

const Property *property_table(size_t *count) {
  *count = sizeof(kProps) / sizeof(kProps[0]);
  return kProps;
}

const Property *find_property(std::string_view name) {
  for (const auto &p : kProps) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string_view prop_type_name(PropType t) {
  switch (t) {
    case PropType::String: return "string";
    case PropType::Bool: return "bool";
    case PropType::Int: return "integer";
    case PropType::Enum: return "enum";
    case PropType::Host: return "host";
    case PropType::Path: return "path";
    case PropType::Secret: return "secret";
    case PropType::PinList: return "pin list";
    case PropType::Pem: return "PEM (secret)";
    case PropType::KeyId: return "key id";
  }
  return "?";
}

bool is_secret(PropType t) { return t == PropType::Secret || t == PropType::Pem; }

}  // namespace kalshi
