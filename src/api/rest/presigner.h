// Keeps RSA signing off the order path. Signing a REST request with an RSA-2048 key costs
// milliseconds with mbedTLS; a Presigner signs ahead, on its own worker thread, for the few
// (method, sign_path) pairs registered as hot (order create, batch create, perps order create:
// paths without ids), so the I/O thread only takes a ready (timestamp, signature) pair.
//
// Decisions (rest-notes.md §2 says a fresh timestamp is needed per request and does not document
// the accepted clock skew):
// - Every signature is handed out once and then forgotten: reusing a timestamp+signature pair
//   would make two requests indistinguishable to the server's replay/ordering checks.
// - max_age_ms (default 5000) bounds how old a handed-out timestamp may be: a conservative value,
//   far inside any skew window an exchange could use with NTP-synced clients. The worker
//   replaces entries older than max_age_ms / 2, so a take normally gets one younger than that.
// - A take returns the newest ready entry; entries past max_age_ms are dropped (stats.expired).
// - The worker signs with its own copy of the key (loaded from the key's PEM, which is wiped at
//   once): RSA keys serialise on a per-key mutex, and the inline fallback on the I/O thread must
//   never wait behind a background signature.
//
//   std::unique_ptr<Presigner> p;
//   Presigner::create(key, key_id, {}, &p);
//   p->add_hot_path("POST", "/trade-api/v2/portfolio/events/orders");
//   Presigner::Signed s;
//   p->sign("POST", "/trade-api/v2/portfolio/events/orders", wall_clock_ms(), &s);  // hit or
//   inline s.append_headers(key_id, &headers);
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "api/rest/auth.h"
#include "core/error.h"
#include "crypto/key.h"

namespace kalshi::api::rest {

class Presigner {
 public:
  struct Options {
    uint64_t max_age_ms = 5000;  // oldest timestamp ever handed out
    uint32_t pool_size = 4;      // ready signatures kept per hot pair (1..64)
    // Wall clock in Unix ms; empty = kalshi::wall_clock_ms. Tests inject one.
    std::function<uint64_t()> clock;
    // How often the idle worker looks at the clock again (real time); 0 = max_age_ms / 4.
    uint32_t poll_ms = 0;
  };

  struct Signed {
    uint64_t timestamp_ms = 0;
    std::string signature_b64;
    // KALSHI-ACCESS-KEY / -TIMESTAMP / -SIGNATURE for this signature.
    Error append_headers(std::string_view key_id, HeaderList *headers) const {
      return append_signature_headers(key_id, timestamp_ms, signature_b64, headers);
    }
  };

  struct Stats {
    uint64_t hits = 0;               // takes served from the pool
    uint64_t misses = 0;             // takes that found nothing usable
    uint64_t inline_signed = 0;      // sign() calls that had to sign on the caller's thread
    uint64_t background_signed = 0;  // signatures made by the worker
    uint64_t expired = 0;            // signatures dropped unused because they got old
    uint64_t errors = 0;             // background signing failures
  };

  // Copies the key for the worker and starts it. KALSHI_ERR_INVALID_ARG for a null key or out,
  // max_age_ms < 2 or pool_size outside 1..64; key errors from re-loading its PEM.
  static Error create(std::shared_ptr<const crypto::PrivateKey> key, Options options,
                      std::unique_ptr<Presigner> *out);
  ~Presigner();  // stop()
  Presigner(const Presigner &) = delete;
  Presigner &operator=(const Presigner &) = delete;

  // Registers a hot pair (idempotent). The path is what gets signed: base prefix, no query.
  // KALSHI_ERR_INVALID_ARG when crypto::build_rest_message refuses it or it holds a '?';
  // KALSHI_ERR_STATE after stop().
  Error add_hot_path(std::string_view method, std::string_view sign_path);

  // A ready signature for the pair whose timestamp is within max_age_ms of now_ms, removed from
  // the pool; nullopt for an unregistered pair or an empty/stale pool (counted as a miss). Holds
  // the lock only to pop. Wakes the worker only when the pool is down to half or less (a wake is
  // a syscall); otherwise the worker's next poll (poll_ms) refills it.
  std::optional<Signed> take(std::string_view method, std::string_view sign_path, uint64_t now_ms);

  // take(), or on a miss a fresh signature made here with timestamp now_ms (counted inline).
  Error sign(std::string_view method, std::string_view sign_path, uint64_t now_ms, Signed *out);

  // Makes the worker look at the pools now (after an injected clock moved).
  void kick();
  // Waits (bounded by timeout_ms of real time) until the pair's pool holds at least `count` fresh
  // entries. For tests and warm-up; false on timeout, unknown pair or after stop().
  bool wait_ready(std::string_view method, std::string_view sign_path, size_t count,
                  uint32_t timeout_ms);
  // Ready entries in the pair's pool (stale ones included until the worker drops them).
  size_t ready(std::string_view method, std::string_view sign_path) const;

  // Joins the worker and wipes pooled signatures; idempotent. take() then always misses.
  void stop();
  Stats stats() const;

 private:
  struct Pool {
    std::string method;
    std::string path;
    std::deque<Signed> entries;  // oldest at the front
  };

  Presigner(std::shared_ptr<const crypto::PrivateKey> key,
            std::unique_ptr<crypto::PrivateKey> worker_key, Options options);
  uint64_t now() const;
  Pool *find(std::string_view method, std::string_view path);
  const Pool *find(std::string_view method, std::string_view path) const;
  void drop_stale(Pool &p, uint64_t now_ms, uint64_t max_age);
  void run();

  const std::shared_ptr<const crypto::PrivateKey> key_;  // inline fallback (caller's key)
  std::unique_ptr<crypto::PrivateKey> worker_key_;       // the worker's own copy
  const Options options_;

  std::mutex stop_mu_;  // makes concurrent stop() calls join once
  mutable std::mutex mu_;
  std::condition_variable work_cv_;   // worker waits for kicks / stop
  std::condition_variable ready_cv_;  // wait_ready waits for refills
  std::vector<std::unique_ptr<Pool>> pools_;
  Stats stats_;
  bool stopping_ = false;
  bool kicked_ = false;
  std::thread worker_;
};

}  // namespace kalshi::api::rest
