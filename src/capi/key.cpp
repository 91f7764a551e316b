// extern "C" key loading and signing: argument checks and translation over kalshi::crypto.
#include <kalshi/key.h>

#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "capi/guard.h"
#include "capi/key_handle.h"
#include "crypto/base64.h"
#include "crypto/key.h"
#include "crypto/sign.h"

using kalshi::Error;
using kalshi::report;
using kalshi::capi::guarded;
namespace crypto = kalshi::crypto;

namespace {

kalshi_err_t null_arg(kalshi_error_t **err, const char *what) {
  return report(err, KALSHI_ERR_INVALID_ARG, std::string(what) + " is NULL");
}

// Wraps a loaded key in a handle, or reports the load error.
kalshi_err_t hand_out(Error e, std::unique_ptr<crypto::PrivateKey> key, kalshi_key_t **out,
                      kalshi_error_t **err) {
  if (!e.ok()) return report(err, std::move(e));
  *out = new kalshi_key{std::move(key)};
  return report(err, Error{});
}

std::string_view pass_of(const char *passphrase) {
  return passphrase != nullptr ? std::string_view(passphrase) : std::string_view();
}

// The size protocol of kalshi_key_public_pem / _private_pem: *len is capacity in, needed size
// (with NUL) out.
kalshi_err_t copy_out(const uint8_t *text, size_t n, char *buf, size_t *len) {
  const size_t cap = *len;
  *len = n + 1;
  if (buf == nullptr || cap < n + 1) return KALSHI_ERR_BUFFER_TOO_SMALL;
  std::memcpy(buf, text, n);
  buf[n] = '\0';
  return KALSHI_OK;
}

// Shared by the two signing entries. Arguments are validated before the buffer size, so a bad
// method is reported even on a size probe; the size check still comes before any signing work.
template <typename SignFn>
kalshi_err_t sign_into(const kalshi_key_t *key, char *sig_b64, size_t *len, kalshi_error_t **err,
                       SignFn &&sign) {
  if (len == nullptr) return null_arg(err, "len");
  const size_t need = crypto::signature_b64_len(*key->impl) + 1;
  size_t n = 0;
  Error e = sign(sig_b64, sig_b64 != nullptr ? *len : 0, &n);
  if (e.code == KALSHI_ERR_BUFFER_TOO_SMALL) {
    *len = need;
    e.message = "signature buffer needs " + std::to_string(need) + " bytes";
  }
  if (!e.ok()) return report(err, std::move(e));
  *len = n;
  return report(err, Error{});
}

}  // namespace

extern "C" {

kalshi_err_t kalshi_key_load_pem(const char *pem, size_t len, const char *passphrase,
                                 kalshi_key_t **out, kalshi_error_t **err) {
  return guarded(err, [&] {
    if (out != nullptr) *out = nullptr;
    if (pem == nullptr) return null_arg(err, "pem");
    if (out == nullptr) return null_arg(err, "out");
    std::unique_ptr<crypto::PrivateKey> key;
    Error e = crypto::load_private_key(std::string_view(pem, len), pass_of(passphrase), &key);
    return hand_out(std::move(e), std::move(key), out, err);
  });
}

kalshi_err_t kalshi_key_load_file(const char *path, const char *passphrase, kalshi_key_t **out,
                                  kalshi_error_t **err) {
  return guarded(err, [&] {
    if (out != nullptr) *out = nullptr;
    if (path == nullptr) return null_arg(err, "path");
    if (out == nullptr) return null_arg(err, "out");
    std::unique_ptr<crypto::PrivateKey> key;
    Error e = crypto::load_private_key_file(path, pass_of(passphrase), &key);
    return hand_out(std::move(e), std::move(key), out, err);
  });
}

kalshi_err_t kalshi_key_load_env(int perps, kalshi_key_t **out, kalshi_error_t **err) {
  return guarded(err, [&] {
    if (out == nullptr) return null_arg(err, "out");
    *out = nullptr;
    std::unique_ptr<crypto::PrivateKey> key;
    Error e = crypto::load_private_key_env(perps != 0, &key);
    return hand_out(std::move(e), std::move(key), out, err);
  });
}

kalshi_err_t kalshi_key_generate(kalshi_key_type_t type, uint32_t bits, kalshi_key_t **out,
                                 kalshi_error_t **err) {
  // A C caller may pass any int; loading it as the C++ enum would be undefined (UBSan flags it),
  // so copy its bytes before anything touches it as an enum.
  std::underlying_type_t<kalshi_key_type_t> raw = 0;
  static_assert(sizeof raw == sizeof type);
  std::memcpy(&raw, &type, sizeof raw);
  return guarded(err, [&] {
    if (out == nullptr) return null_arg(err, "out");
    *out = nullptr;
    if (raw != KALSHI_KEY_RSA && raw != KALSHI_KEY_ED25519) {
      return report(err, KALSHI_ERR_INVALID_ARG, "unknown key type");
    }
    std::unique_ptr<crypto::PrivateKey> key;
    Error e = crypto::generate_private_key(static_cast<crypto::KeyType>(raw), bits, &key);
    return hand_out(std::move(e), std::move(key), out, err);
  });
}

kalshi_key_type_t kalshi_key_type(const kalshi_key_t *key) {
  if (key == nullptr) return static_cast<kalshi_key_type_t>(0);
  return static_cast<kalshi_key_type_t>(key->impl->type());
}

uint32_t kalshi_key_bits(const kalshi_key_t *key) {
  return key != nullptr ? key->impl->bits() : 0;
}

size_t kalshi_key_signature_size(const kalshi_key_t *key) {
  return key != nullptr ? key->impl->signature_size() : 0;
}

kalshi_err_t kalshi_key_public_pem(const kalshi_key_t *key, char *buf, size_t *len) {
  return guarded(nullptr, [&] {
    if (key == nullptr || len == nullptr) return KALSHI_ERR_INVALID_ARG;
    std::string pem;
    if (Error e = key->impl->public_pem(&pem); !e.ok()) return e.code;
    return copy_out(reinterpret_cast<const uint8_t *>(pem.data()), pem.size(), buf, len);
  });
}

kalshi_err_t kalshi_key_private_pem(const kalshi_key_t *key, char *buf, size_t *len) {
  return guarded(nullptr, [&] {
    if (key == nullptr || len == nullptr) return KALSHI_ERR_INVALID_ARG;
    crypto::SecretBytes pem;
    if (Error e = key->impl->private_pem(&pem); !e.ok()) return e.code;
    return copy_out(pem.data(), pem.size(), buf, len);
  });
}

kalshi_err_t kalshi_key_sign(const kalshi_key_t *key, const uint8_t *msg, size_t len,
                             uint8_t *sig, size_t *sig_len, kalshi_error_t **err) {
  return guarded(err, [&] {
    if (key == nullptr) return null_arg(err, "key");
    if (sig_len == nullptr) return null_arg(err, "sig_len");
    if (msg == nullptr && len != 0) return null_arg(err, "msg");
    const size_t need = key->impl->signature_size();
    if (sig == nullptr || *sig_len < need) {
      *sig_len = need;
      return report(err, KALSHI_ERR_BUFFER_TOO_SMALL,
                    "signature buffer needs " + std::to_string(need) + " bytes");
    }
    size_t n = 0;
    Error e = key->impl->sign({msg, len}, sig, &n);
    if (!e.ok()) return report(err, std::move(e));
    *sig_len = n;
    return report(err, Error{});
  });
}

kalshi_err_t kalshi_sign_rest(const kalshi_key_t *key, int64_t timestamp_ms, const char *method,
                              const char *path, char *sig_b64, size_t *len,
                              kalshi_error_t **err) {
  return guarded(err, [&] {
    if (key == nullptr) return null_arg(err, "key");
    if (method == nullptr) return null_arg(err, "method");
    if (path == nullptr) return null_arg(err, "path");
    return sign_into(key, sig_b64, len, err, [&](char *out, size_t cap, size_t *n) {
      return crypto::sign_rest(*key->impl, timestamp_ms, method, path, out, cap, n);
    });
  });
}

kalshi_err_t kalshi_sign_fix_logon(const kalshi_key_t *key, const char *sending_time,
                                   uint64_t msg_seq_num, const char *sender_comp_id,
                                   const char *target_comp_id, char *sig_b64, size_t *len,
                                   kalshi_error_t **err) {
  return guarded(err, [&] {
    if (key == nullptr) return null_arg(err, "key");
    if (sending_time == nullptr) return null_arg(err, "sending_time");
    if (sender_comp_id == nullptr) return null_arg(err, "sender_comp_id");
    if (target_comp_id == nullptr) return null_arg(err, "target_comp_id");
    if (key->impl->type() != crypto::KeyType::kRsa) {
      return report(err, KALSHI_ERR_KEY_UNSUPPORTED,
                    "FIX logon needs an RSA key; Kalshi's FIX gateway does not accept Ed25519");
    }
    return sign_into(key, sig_b64, len, err, [&](char *out, size_t cap, size_t *n) {
      return crypto::sign_fix_logon(*key->impl, sending_time, msg_seq_num, sender_comp_id,
                                    target_comp_id, out, cap, n);
    });
  });
}

void kalshi_key_destroy(kalshi_key_t *key) {
  // The key's own destructor wipes its material once the last reference goes.
  delete key;
}

}  // extern "C"
