#include "api/rest/presigner.h"

#include <chrono>
#include <limits>
#include <utility>

#include "core/clock.h"
#include "core/secure_wipe.h"
#include "crypto/secret.h"
#include "crypto/sign.h"

namespace kalshi::api::rest {

namespace {

constexpr uint32_t kMaxPoolSize = 64;

// Distance between a timestamp and now either way: a clock stepped back makes entries look like
// they come from the future, which the exchange would not accept either.
uint64_t age(uint64_t ts, uint64_t now_ms) {
  return now_ms >= ts ? now_ms - ts : ts - now_ms;
}

bool fits_int64(uint64_t v) {
  return v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
}

void wipe(Presigner::Signed &s) {
  secure_wipe(s.signature_b64);
  s.timestamp_ms = 0;
}

}  // namespace

Error Presigner::create(std::shared_ptr<const crypto::PrivateKey> key, Options options,
                        std::unique_ptr<Presigner> *out) {
  if (out == nullptr || key == nullptr)
    return Error::make(KALSHI_ERR_INVALID_ARG, "presigner: key and out are required");
  if (options.max_age_ms < 2)
    return Error::make(KALSHI_ERR_INVALID_ARG, "presigner: max_age_ms must be at least 2");
  if (options.pool_size == 0 || options.pool_size > kMaxPoolSize)
    return Error::make(KALSHI_ERR_INVALID_ARG, "presigner: pool_size must be 1..64");
  if (options.poll_ms == 0) {
    const uint64_t quarter = options.max_age_ms / 4;
    options.poll_ms = static_cast<uint32_t>(quarter == 0 ? 1 : (quarter > 60000 ? 60000 : quarter));
  }
  // The worker's own key: re-load it from its PEM. The PEM buffer is a SecretBytes, wiped when it
  // goes out of scope here.
  std::unique_ptr<crypto::PrivateKey> copy;
  {
    crypto::SecretBytes pem;
    if (Error e = key->private_pem(&pem); !e.ok()) return e;
    if (Error e = crypto::load_private_key(pem.span(), "", &copy); !e.ok()) return e;
  }
  std::unique_ptr<Presigner> p(new Presigner(std::move(key), std::move(copy), std::move(options)));
  p->worker_ = std::thread([raw = p.get()] { raw->run(); });
  *out = std::move(p);
  return {};
}

Presigner::Presigner(std::shared_ptr<const crypto::PrivateKey> key,
                     std::unique_ptr<crypto::PrivateKey> worker_key, Options options)
    : key_(std::move(key)), worker_key_(std::move(worker_key)), options_(std::move(options)) {}

Presigner::~Presigner() {
  stop();
}

uint64_t Presigner::now() const {
  if (options_.clock) return options_.clock();
  const int64_t t = wall_clock_ms();
  return t < 0 ? 0 : static_cast<uint64_t>(t);
}

Presigner::Pool *Presigner::find(std::string_view method, std::string_view path) {
  for (auto &p : pools_)
    if (p->method == method && p->path == path) return p.get();
  return nullptr;
}

const Presigner::Pool *Presigner::find(std::string_view method, std::string_view path) const {
  for (const auto &p : pools_)
    if (p->method == method && p->path == path) return p.get();
  return nullptr;
}

void Presigner::drop_stale(Pool &p, uint64_t now_ms, uint64_t max_age) {
  for (auto it = p.entries.begin(); it != p.entries.end();) {
    if (age(it->timestamp_ms, now_ms) > max_age) {
      wipe(*it);
      it = p.entries.erase(it);
      ++stats_.expired;
    } else {
      ++it;
    }
  }
}

Error Presigner::add_hot_path(std::string_view method, std::string_view sign_path) {
  std::string probe;
  if (Error e = crypto::build_rest_message(0, method, sign_path, &probe); !e.ok()) return e;
  if (sign_path.find('?') != std::string_view::npos)
    return Error::make(KALSHI_ERR_INVALID_ARG, "presigner: a hot path has no query string");
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (stopping_) return Error::make(KALSHI_ERR_STATE, "presigner: stopped");
    if (find(method, sign_path) != nullptr) return {};
    auto pool = std::make_unique<Pool>();
    pool->method.assign(method);
    pool->path.assign(sign_path);
    pools_.push_back(std::move(pool));
    kicked_ = true;
  }
  work_cv_.notify_one();
  return {};
}

std::optional<Presigner::Signed> Presigner::take(std::string_view method,
                                                 std::string_view sign_path, uint64_t now_ms) {
  std::optional<Signed> got;
  bool wake = false;
  {
    std::lock_guard<std::mutex> lk(mu_);
    Pool *p = stopping_ ? nullptr : find(method, sign_path);
    if (p != nullptr) {
      // Newest first; whatever is too old for now_ms is dropped on the way.
      while (!p->entries.empty()) {
        Signed s = std::move(p->entries.back());
        p->entries.pop_back();
        if (age(s.timestamp_ms, now_ms) <= options_.max_age_ms) {
          got = std::move(s);
          break;
        }
        wipe(s);
        ++stats_.expired;
      }
    }
    if (got) {
      ++stats_.hits;
    } else {
      ++stats_.misses;
    }
    if (p != nullptr) {
      kicked_ = true;
      // Waking the worker is a futex syscall (microseconds on a VM) on the order path: only do it
      // when the pool runs low; otherwise the worker's next poll refills it.
      wake = p->entries.size() <= options_.pool_size / 2;
    }
  }
  if (wake) work_cv_.notify_one();
  return got;
}

Error Presigner::sign(std::string_view method, std::string_view sign_path, uint64_t now_ms,
                      Signed *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "presigner: out is null");
  if (std::optional<Signed> s = take(method, sign_path, now_ms)) {
    *out = std::move(*s);
    return {};
  }
  if (!fits_int64(now_ms)) return Error::make(KALSHI_ERR_INVALID_ARG, "timestamp out of range");
  Signed s;
  s.timestamp_ms = now_ms;
  if (Error e = crypto::sign_rest(*key_, static_cast<int64_t>(now_ms), method, sign_path,
                                  s.signature_b64);
      !e.ok())
    return e;
  {
    std::lock_guard<std::mutex> lk(mu_);
    ++stats_.inline_signed;
  }
  *out = std::move(s);
  return {};
}

void Presigner::kick() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    kicked_ = true;
  }
  work_cv_.notify_one();
}

size_t Presigner::ready(std::string_view method, std::string_view sign_path) const {
  std::lock_guard<std::mutex> lk(mu_);
  const Pool *p = find(method, sign_path);
  return p == nullptr ? 0 : p->entries.size();
}

bool Presigner::wait_ready(std::string_view method, std::string_view sign_path, size_t count,
                           uint32_t timeout_ms) {
  std::unique_lock<std::mutex> lk(mu_);
  const Pool *p = find(method, sign_path);
  if (p == nullptr || stopping_) return false;
  const auto enough = [&] {
    if (stopping_) return true;
    const uint64_t t = now();
    size_t fresh = 0;
    for (const Signed &s : p->entries) fresh += age(s.timestamp_ms, t) <= options_.max_age_ms;
    return fresh >= count;
  };
  kicked_ = true;
  work_cv_.notify_one();
  return ready_cv_.wait_for(lk, std::chrono::milliseconds(timeout_ms), enough) && !stopping_;
}

void Presigner::run() {
  const uint64_t refresh_age = options_.max_age_ms / 2;
  const auto poll = std::chrono::milliseconds(options_.poll_ms);
  std::unique_lock<std::mutex> lk(mu_);
  while (!stopping_) {
    const uint64_t t = now();
    Pool *job = nullptr;
    for (auto &p : pools_) {
      drop_stale(*p, t, refresh_age);
      if (job == nullptr && p->entries.size() < options_.pool_size) job = p.get();
    }
    if (job == nullptr) {
      ready_cv_.notify_all();
      work_cv_.wait_for(lk, poll, [this] { return stopping_ || kicked_; });
      kicked_ = false;
      continue;
    }
    // Pools are never removed, so job stays valid; its strings are copied so that signing runs
    // without the lock.
    const std::string method = job->method;
    const std::string path = job->path;
    lk.unlock();
    Signed s;
    s.timestamp_ms = now();
    Error e = fits_int64(s.timestamp_ms)
                  ? crypto::sign_rest(*worker_key_, static_cast<int64_t>(s.timestamp_ms), method,
                                      path, s.signature_b64)
                  : Error::make(KALSHI_ERR_INVALID_ARG, "timestamp out of range");
    lk.lock();
    if (!e.ok()) {
      // Do not spin on a persistent failure; try again after a poll interval.
      ++stats_.errors;
      work_cv_.wait_for(lk, poll, [this] { return stopping_; });
      continue;
    }
    ++stats_.background_signed;
    job->entries.push_back(std::move(s));
    ready_cv_.notify_all();
  }
}

void Presigner::stop() {
  std::lock_guard<std::mutex> stop_lk(stop_mu_);
  {
    std::lock_guard<std::mutex> lk(mu_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  ready_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  std::lock_guard<std::mutex> lk(mu_);
  for (auto &p : pools_) {
    for (Signed &s : p->entries) wipe(s);
    p->entries.clear();
  }
  // The copy's destructor frees its mbedTLS context, which zeroises the key.
  worker_key_.reset();
}

Presigner::Stats Presigner::stats() const {
  std::lock_guard<std::mutex> lk(mu_);
  return stats_;
}

}  // namespace kalshi::api::rest
