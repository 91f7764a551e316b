#include "crypto/sign.h"

#include <array>
#include <charconv>

#include "crypto/base64.h"

namespace kalshi::crypto {

namespace {

constexpr char kSoh = '\x01';
constexpr size_t kMaxMethod = 16;

Error invalid(std::string msg) { return Error::make(KALSHI_ERR_INVALID_ARG, std::move(msg)); }

template <typename Int>
void append_decimal(std::string *out, Int v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

Error check_fix_field(std::string_view v, const char *name) {
  if (v.empty() || v.find(kSoh) != std::string_view::npos) {
    return invalid(std::string(name) + " must be non-empty and hold no SOH");
  }
  return {};
}

// Signs msg and writes base64 + NUL into out; the size check comes first so a caller probing for
// the size pays nothing.
Error sign_b64(const PrivateKey &key, std::string_view msg, char *out, size_t cap,
               size_t *out_len) {
  if (out == nullptr || cap < signature_b64_len(key) + 1) {
    return Error::make(KALSHI_ERR_BUFFER_TOO_SMALL, "signature buffer too small");
  }
  std::array<uint8_t, kMaxSignatureSize> sig;
  size_t sig_len = 0;
  const std::span<const uint8_t> m(reinterpret_cast<const uint8_t *>(msg.data()), msg.size());
  if (Error e = key.sign(m, sig.data(), &sig_len); !e.ok()) return e;
  if (!base64_encode({sig.data(), sig_len}, out, cap, out_len)) {
    return Error::make(KALSHI_ERR_INTERNAL, "base64 encoding failed");
  }
  return {};
}

Error sign_b64(const PrivateKey &key, std::string_view msg, std::string &out) {
  out.resize(signature_b64_len(key) + 1);
  size_t n = 0;
  Error e = sign_b64(key, msg, out.data(), out.size(), &n);
  out.resize(e.ok() ? n : 0);
  return e;
}

}  // namespace

Error build_rest_message(int64_t ts_ms, std::string_view method, std::string_view path,
                         std::string *out) {
  out->clear();
  if (ts_ms < 0) return invalid("timestamp must not be negative");
  if (method.empty() || method.size() > kMaxMethod) {
    return invalid("HTTP method must be 1..16 upper-case letters");
  }
  for (char c : method) {
    if (c < 'A' || c > 'Z') return invalid("HTTP method must be upper-case letters (e.g. GET)");
  }
  if (path.empty() || path[0] != '/') return invalid("path must start with '/'");
  path = path.substr(0, path.find('?'));
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return invalid("path holds a space or control character");
  }
  out->reserve(20 + method.size() + path.size());
  append_decimal(out, ts_ms);
  out->append(method).append(path);
  return {};
}

Error build_fix_logon_message(std::string_view sending_time, uint64_t msg_seq_num,
                              std::string_view sender, std::string_view target,
                              std::string *out) {
  out->clear();
  if (Error e = check_fix_field(sending_time, "SendingTime"); !e.ok()) return e;
  if (Error e = check_fix_field(sender, "SenderCompID"); !e.ok()) return e;
  if (Error e = check_fix_field(target, "TargetCompID"); !e.ok()) return e;
  out->reserve(sending_time.size() + sender.size() + target.size() + 28);
  out->append(sending_time).push_back(kSoh);
  out->push_back('A');
  out->push_back(kSoh);
  append_decimal(out, msg_seq_num);
  out->push_back(kSoh);
  out->append(sender).push_back(kSoh);
  out->append(target);
  return {};
}

size_t signature_b64_len(const PrivateKey &key) {
  return base64_encoded_len(key.signature_size());
}

Error sign_rest(const PrivateKey &key, int64_t ts_ms, std::string_view method,
                std::string_view path, char *out, size_t cap, size_t *out_len) {
  std::string msg;
  if (Error e = build_rest_message(ts_ms, method, path, &msg); !e.ok()) return e;
  return sign_b64(key, msg, out, cap, out_len);
}

Error sign_rest(const PrivateKey &key, int64_t ts_ms, std::string_view method,
                std::string_view path, std::string &out_b64) {
  std::string msg;
  if (Error e = build_rest_message(ts_ms, method, path, &msg); !e.ok()) return e;
  return sign_b64(key, msg, out_b64);
}

namespace {
Error fix_key_check(const PrivateKey &key) {
  if (key.type() != KeyType::kRsa) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                       "FIX logon needs an RSA key; Kalshi's FIX gateway does not accept Ed25519");
  }
  return {};
}
}  // namespace

Error sign_fix_logon(const PrivateKey &key, std::string_view sending_time, uint64_t seq,
                     std::string_view sender, std::string_view target, char *out, size_t cap,
                     size_t *out_len) {
  if (Error e = fix_key_check(key); !e.ok()) return e;
  std::string msg;
  if (Error e = build_fix_logon_message(sending_time, seq, sender, target, &msg); !e.ok()) {
    return e;
  }
  return sign_b64(key, msg, out, cap, out_len);
}

Error sign_fix_logon(const PrivateKey &key, std::string_view sending_time, uint64_t seq,
                     std::string_view sender, std::string_view target, std::string &out_b64) {
  if (Error e = fix_key_check(key); !e.ok()) return e;
  std::string msg;
  if (Error e = build_fix_logon_message(sending_time, seq, sender, target, &msg); !e.ok()) {
    return e;
  }
  return sign_b64(key, msg, out_b64);
}

}  // namespace kalshi::crypto
