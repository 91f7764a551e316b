#include "net/tls_config.h"

#include <mbedtls/base64.h>
#include <mbedtls/error.h>
#include <mbedtls/sha256.h>

#include <algorithm>
#include <cstdio>

namespace kalshi::net {

namespace {

constexpr std::string_view kPinPrefix = "sha256//";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Error parse_one_pin(std::string_view item, Sha256 *out) {
  if (item.substr(0, kPinPrefix.size()) == kPinPrefix) item.remove_prefix(kPinPrefix.size());
  // A SHA-256 digest is 32 bytes: exactly 44 base64 characters with one '=' of padding.
  if (item.size() != 44) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "SPKI pin must be 44 base64 characters (SHA-256), got " +
                           std::to_string(item.size()));
  }
  std::array<unsigned char, 48> buf{};
  size_t n = 0;
  const int rc = mbedtls_base64_decode(buf.data(), buf.size(), &n,
                                       reinterpret_cast<const unsigned char *>(item.data()),
                                       item.size());
  if (rc != 0 || n != out->size()) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "SPKI pin is not base64 of a SHA-256 digest");
  }
  std::copy(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n), out->begin());
  return {};
}

}  // namespace

std::string mbedtls_error_text(int ret) {
  char text[160];
  mbedtls_strerror(ret, text, sizeof text);
  char code[24];
  std::snprintf(code, sizeof code, " (-0x%04x)", static_cast<unsigned>(-ret));
  return std::string(text) + code;
}

Error parse_spki_pins(std::string_view text, std::vector<Sha256> *out) {
  out->clear();
  while (!text.empty()) {
    const size_t end = text.find_first_of(",;");
    const std::string_view item = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (item.empty()) continue;
    Sha256 pin{};
    if (Error e = parse_one_pin(item, &pin); !e.ok()) return e;
    out->push_back(pin);
  }
  return {};
}

Sha256 spki_sha256(const mbedtls_x509_crt &crt) {
  // pk_raw is the certificate's own DER encoding of the SubjectPublicKeyInfo, byte for byte what
  // `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256` hashes.
  Sha256 digest{};
  mbedtls_sha256_ret(crt.pk_raw.p, crt.pk_raw.len, digest.data(), 0);
  return digest;
}

TlsClientConfig::TlsClientConfig() {
  mbedtls_entropy_init(&entropy_);
  mbedtls_ctr_drbg_init(&drbg_);
  mbedtls_x509_crt_init(&ca_);
  mbedtls_ssl_config_init(&conf_);
}

TlsClientConfig::~TlsClientConfig() {
  mbedtls_ssl_config_free(&conf_);
  mbedtls_x509_crt_free(&ca_);
  mbedtls_ctr_drbg_free(&drbg_);
  mbedtls_entropy_free(&entropy_);
}

bool TlsClientConfig::pin_matches(const mbedtls_x509_crt &crt) const {
  if (pins_.empty()) return true;
  const Sha256 got = spki_sha256(crt);
  for (const Sha256 &pin : pins_) {
    if (pin == got) return true;
  }
  return false;
}

Error TlsClientConfig::create(const TlsSettings &settings, std::shared_ptr<TlsClientConfig> *out) {
  std::shared_ptr<TlsClientConfig> cfg(new TlsClientConfig());
  cfg->verify_ = settings.verify;
  cfg->pins_ = settings.pins;

  static constexpr unsigned char kPersonalization[] = "libkalshi-tls";
  int rc = mbedtls_ctr_drbg_seed(&cfg->drbg_, mbedtls_entropy_func, &cfg->entropy_,
                                 kPersonalization, sizeof kPersonalization - 1);
  if (rc != 0) {
    return Error::make(KALSHI_ERR_TLS, "TLS RNG seeding failed: " + mbedtls_error_text(rc));
  }

  if (settings.verify) {
    // A positive return counts certificates mbedTLS could not parse; system bundles carry a few
    // such entries. Only a bundle with nothing usable is an error.
    rc = mbedtls_x509_crt_parse_file(&cfg->ca_, settings.ca_file.c_str());
    if (rc < 0 || cfg->ca_.version == 0) {
      return Error::make(KALSHI_ERR_IO, "cannot load CA certificates from '" + settings.ca_file +
                                            "'" + (rc < 0 ? ": " + mbedtls_error_text(rc) : ""));
    }
  }

  rc = mbedtls_ssl_config_defaults(&cfg->conf_, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                   MBEDTLS_SSL_PRESET_DEFAULT);
  if (rc != 0) return Error::make(KALSHI_ERR_TLS, "TLS setup failed: " + mbedtls_error_text(rc));
  mbedtls_ssl_conf_min_version(&cfg->conf_, MBEDTLS_SSL_MAJOR_VERSION_3,
                               MBEDTLS_SSL_MINOR_VERSION_3);  // TLS 1.2
  mbedtls_ssl_conf_rng(&cfg->conf_, mbedtls_ctr_drbg_random, &cfg->drbg_);
  mbedtls_ssl_conf_renegotiation(&cfg->conf_, MBEDTLS_SSL_RENEGOTIATION_DISABLED);
  if (settings.verify) {
    mbedtls_ssl_conf_authmode(&cfg->conf_, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&cfg->conf_, &cfg->ca_, nullptr);
  } else {
    mbedtls_ssl_conf_authmode(&cfg->conf_, MBEDTLS_SSL_VERIFY_NONE);
  }
  *out = std::move(cfg);
  return {};
}

}  // namespace kalshi::net
