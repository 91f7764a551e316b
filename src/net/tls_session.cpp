#include "net/tls_session.h"

#include <arpa/inet.h>
#include <mbedtls/asn1.h>

#include <algorithm>
#include <cstring>

namespace kalshi::net {

namespace {

// Chain problems, as opposed to the name and pin checks layered on top of a good chain.
constexpr uint32_t kNameOrPinFlags = MBEDTLS_X509_BADCERT_CN_MISMATCH | MBEDTLS_X509_BADCERT_OTHER;

// GeneralName ::= [7] iPAddress OCTET STRING (RFC 5280 §4.2.1.6).
constexpr int kSanIpAddressTag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7;

std::string verify_text(uint32_t flags) {
  char buf[512];
  const int n = mbedtls_x509_crt_verify_info(buf, sizeof buf, "", flags);
  std::string s(buf, n > 0 ? static_cast<size_t>(n) : 0);
  // mbedTLS ends every reason with a newline; make it one line.
  std::replace(s.begin(), s.end(), '\n', ';');
  while (!s.empty() && s.back() == ';') s.pop_back();
  return s;
}

}  // namespace

TlsSession::TlsSession(std::shared_ptr<TlsClientConfig> cfg) : cfg_(std::move(cfg)) {}

TlsSession::~TlsSession() = default;

Error TlsSession::begin(const std::string &server_name) {
  server_name_ = server_name;
  if (Error e = setup(cfg_->ssl_config()); !e.ok()) return e;

  // mbedTLS 2.x matches the name against dNSName and CN only, so IP literals are checked here
  // against iPAddress names instead, and not announced through SNI.
  std::string bare = server_name;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  if (inet_pton(AF_INET, bare.c_str(), ip_.data()) == 1) {
    ip_len_ = 4;
  } else if (inet_pton(AF_INET6, bare.c_str(), ip_.data()) == 1) {
    ip_len_ = 16;
  } else {
    const int rc = mbedtls_ssl_set_hostname(ssl(), server_name.c_str());
    if (rc != 0) {
      return Error::make(KALSHI_ERR_TLS, "invalid TLS server name '" + server_name +
                                             "': " + mbedtls_error_text(rc));
    }
  }
  mbedtls_ssl_set_verify(ssl(), &TlsSession::verify_cb, this);
  return {};
}

bool TlsSession::ip_matches(const mbedtls_x509_crt &crt) const {
  for (const mbedtls_x509_sequence *san = &crt.subject_alt_names; san != nullptr; san = san->next) {
    if (san->buf.tag == kSanIpAddressTag && san->buf.len == ip_len_ &&
        std::memcmp(san->buf.p, ip_.data(), ip_len_) == 0) {
      return true;
    }
  }
  return false;
}

int TlsSession::verify_cb(void *self, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
  auto *s = static_cast<TlsSession *>(self);
  if (depth != 0) return 0;  // names and pins concern the server's own certificate
  if (s->ip_len_ != 0 && !s->ip_matches(*crt)) *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
  if (!s->cfg_->pin_matches(*crt)) {
    s->pin_failed_ = true;
    *flags |= MBEDTLS_X509_BADCERT_OTHER;
  }
  return 0;
}

Error TlsSession::classify_handshake_failure(int rc) const {
  if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
    const uint32_t flags = mbedtls_ssl_get_verify_result(ssl());
    if ((flags & ~kNameOrPinFlags) != 0) {
      return Error::make(KALSHI_ERR_TLS_UNTRUSTED, "server certificate not trusted: " +
                                                       verify_text(flags & ~kNameOrPinFlags));
    }
    if ((flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) != 0) {
      return Error::make(KALSHI_ERR_TLS_HOSTNAME,
                         "server certificate does not match the name '" + server_name_ + "'");
    }
    if (pin_failed_) {
      return Error::make(KALSHI_ERR_TLS_PIN,
                         "server public key matches none of the configured tls.pin_sha256 pins");
    }
    return Error::make(KALSHI_ERR_TLS_UNTRUSTED,
                       "server certificate verification failed: " + verify_text(flags));
  }
  if (rc == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
    return Error::make(KALSHI_ERR_TLS, "TLS handshake failed: the server sent a fatal alert");
  }
  return Error::make(KALSHI_ERR_TLS, "TLS handshake failed: " + mbedtls_error_text(rc));
}

Error TlsSession::handshake(bool *done) {
  *done = established();
  if (*done) return {};
  const int rc = handshake_step();
  if (rc == MBEDTLS_ERR_SSL_WANT_READ) return {};
  if (rc != 0) return classify_handshake_failure(rc);
  // With verification off the verify callback never runs; pins still apply (as in curl).
  if (!cfg_->verify() && !cfg_->pins().empty()) {
    const mbedtls_x509_crt *peer = mbedtls_ssl_get_peer_cert(ssl());
    if (peer == nullptr || !cfg_->pin_matches(*peer)) {
      mbedtls_ssl_send_alert_message(ssl(), MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                     MBEDTLS_SSL_ALERT_MSG_BAD_CERT);
      return Error::make(KALSHI_ERR_TLS_PIN,
                         "server public key matches none of the configured tls.pin_sha256 pins");
    }
  }
  mark_established();
  *done = true;
  return {};
}

}  // namespace kalshi::net
