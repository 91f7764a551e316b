// The shared, read-only side of TLS client connections: CA chain, RNG, mbedTLS configuration,
// SPKI pins. Loading the CA bundle costs milliseconds, so one TlsClientConfig is built per set of
// settings and shared by the connections that use it.
//
// mbedTLS is built without MBEDTLS_THREADING_C, so the RNG inside is not thread-safe: a config
// may be created on any thread, but from then on it belongs to one loop thread.
#pragma once

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kalshi::net {

using Sha256 = std::array<uint8_t, 32>;

struct TlsSettings {
  // Off only for loopback peers; the caller (and Connection) enforce that.
  bool verify = true;
  std::string ca_file = "/etc/ssl/certs/ca-certificates.crt";
  // SHA-256 of the DER SubjectPublicKeyInfo of the server's certificate; any one must match.
  std::vector<Sha256> pins;
};

// Parses curl-style pins: base64 SHA-256 digests, each optionally prefixed with "sha256//",
// separated by ',' or ';', whitespace ignored. Empty text gives no pins. KALSHI_ERR_INVALID_VALUE
// for anything else.
Error parse_spki_pins(std::string_view text, std::vector<Sha256> *out);

// SHA-256 over the certificate's DER SubjectPublicKeyInfo, as the pins are computed.
Sha256 spki_sha256(const mbedtls_x509_crt &crt);

class TlsClientConfig {
 public:
  // KALSHI_ERR_IO when the CA file cannot be read or holds no usable certificate, KALSHI_ERR_TLS
  // when mbedTLS cannot be set up.
  static Error create(const TlsSettings &settings, std::shared_ptr<TlsClientConfig> *out);

  ~TlsClientConfig();
  TlsClientConfig(const TlsClientConfig &) = delete;
  TlsClientConfig &operator=(const TlsClientConfig &) = delete;

  const mbedtls_ssl_config *ssl_config() const { return &conf_; }
  bool verify() const { return verify_; }
  const std::vector<Sha256> &pins() const { return pins_; }
  bool pin_matches(const mbedtls_x509_crt &crt) const;

 private:
  TlsClientConfig();

  bool verify_ = true;
  std::vector<Sha256> pins_;
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
  mbedtls_x509_crt ca_;
  mbedtls_ssl_config conf_;
};

// "mbedTLS error text (-0x7780)" for log and error messages.
std::string mbedtls_error_text(int ret);

}  // namespace kalshi::net
