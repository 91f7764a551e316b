#include "crypto/verify.h"

#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>

#include <string>
#include <vector>

#include "crypto/base64.h"
#include "crypto/secret.h"

namespace kalshi::crypto {

namespace {

// Largest RSA key accepted (as for private keys); bounds the decoded signature as well.
constexpr size_t kMaxModulusBytes = 8192 / 8;

Error auth(const char *msg) {
  return Error::make(KALSHI_ERR_CRYPTO, msg);
}

}  // namespace

struct RsaPublicKey::Impl {
  Impl() { mbedtls_pk_init(&pk); }
  ~Impl() { mbedtls_pk_free(&pk); }
  Impl(const Impl &) = delete;
  Impl &operator=(const Impl &) = delete;
  // mbedTLS takes a non-const context even to verify; verification does not change it.
  mutable mbedtls_pk_context pk;
};

RsaPublicKey::RsaPublicKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RsaPublicKey::~RsaPublicKey() = default;

Error RsaPublicKey::load(std::string_view pem_or_der, std::unique_ptr<RsaPublicKey> *out) {
  out->reset();
  auto impl = std::make_unique<Impl>();
  // mbedTLS recognises PEM only when the length counts a terminating NUL.
  std::vector<unsigned char> buf(pem_or_der.begin(), pem_or_der.end());
  const bool pem = pem_or_der.find("-----BEGIN") != std::string_view::npos;
  if (pem) buf.push_back('\0');
  if (buf.empty() || mbedtls_pk_parse_public_key(&impl->pk, buf.data(), buf.size()) != 0) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "not an RSA public key (expected PEM PUBLIC KEY or RSA PUBLIC KEY, or DER)");
  }
  if (mbedtls_pk_get_type(&impl->pk) != MBEDTLS_PK_RSA) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "public key is not RSA");
  }
  if (mbedtls_pk_get_len(&impl->pk) > kMaxModulusBytes) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "RSA public key larger than 8192 bits");
  }
  out->reset(new RsaPublicKey(std::move(impl)));
  return {};
}

uint32_t RsaPublicKey::bits() const {
  return static_cast<uint32_t>(mbedtls_pk_get_bitlen(&impl_->pk));
}

Error RsaPublicKey::verify_pss(std::string_view msg, std::span<const uint8_t> signature) const {
  if (signature.size() != mbedtls_pk_get_len(&impl_->pk)) {
    return auth("signature length does not match the key size");
  }
  unsigned char hash[32];
  if (mbedtls_sha256_ret(reinterpret_cast<const unsigned char *>(msg.data()), msg.size(), hash,
                         0) != 0) {
    return Error::make(KALSHI_ERR_INTERNAL, "SHA-256 failed");
  }
  mbedtls_pk_rsassa_pss_options pss;
  pss.mgf1_hash_id = MBEDTLS_MD_SHA256;
  pss.expected_salt_len = static_cast<int>(kPssSaltLen);
  const int rc = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &pss, &impl_->pk, MBEDTLS_MD_SHA256,
                                       hash, sizeof hash, signature.data(), signature.size());
  if (rc != 0) return auth("RSA-PSS signature does not verify");
  return {};
}

Error RsaPublicKey::verify_pss_b64(std::string_view msg, std::string_view signature_b64) const {
  // Base64 of the largest signature we could check; anything longer cannot verify.
  if (signature_b64.empty() || signature_b64.size() > base64_encoded_len(kMaxModulusBytes)) {
    return auth("signature is empty or too long");
  }
  SecretBytes sig;
  if (!base64_decode(signature_b64, sig)) return auth("signature is not valid base64");
  return verify_pss(msg, sig.span());
}

}  // namespace kalshi::crypto
