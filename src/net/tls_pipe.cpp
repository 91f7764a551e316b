#include "net/tls_pipe.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "net/tls_config.h"

namespace kalshi::net {

TlsPipe::TlsPipe() {
  mbedtls_ssl_init(&ssl_);
}

TlsPipe::~TlsPipe() {
  mbedtls_ssl_free(&ssl_);
}

Error TlsPipe::setup(const mbedtls_ssl_config *conf) {
  const int rc = mbedtls_ssl_setup(&ssl_, conf);
  if (rc != 0) return Error::make(KALSHI_ERR_TLS, "TLS setup failed: " + mbedtls_error_text(rc));
  mbedtls_ssl_set_bio(&ssl_, this, &TlsPipe::bio_send, &TlsPipe::bio_recv, nullptr);
  return {};
}

void TlsPipe::feed(const uint8_t *data, size_t len) {
  // Drop what mbedTLS has consumed before appending, so the buffer holds only unread input.
  if (in_pos_ == in_.size()) {
    in_.clear();
    in_pos_ = 0;
  } else if (in_pos_ > 0) {
    in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(in_pos_));
    in_pos_ = 0;
  }
  in_.insert(in_.end(), data, data + len);
}

int TlsPipe::bio_send(void *self, const unsigned char *buf, size_t len) {
  auto *p = static_cast<TlsPipe *>(self);
  p->out_.insert(p->out_.end(), buf, buf + len);
  return static_cast<int>(len);
}

int TlsPipe::bio_recv(void *self, unsigned char *buf, size_t len) {
  auto *p = static_cast<TlsPipe *>(self);
  const size_t avail = p->in_.size() - p->in_pos_;
  if (avail == 0) return MBEDTLS_ERR_SSL_WANT_READ;
  const size_t n = std::min(avail, len);
  std::memcpy(buf, p->in_.data() + p->in_pos_, n);
  p->in_pos_ += n;
  return static_cast<int>(n);
}

int TlsPipe::handshake_step() {
  const int rc = mbedtls_ssl_handshake(&ssl_);
  // The memory BIO never refuses output, but treat a write stall as "wait" all the same.
  if (rc == MBEDTLS_ERR_SSL_WANT_WRITE) return MBEDTLS_ERR_SSL_WANT_READ;
  return rc;
}

Error TlsPipe::read(uint8_t *buf, size_t cap, size_t *n, bool *peer_closed) {
  *n = 0;
  *peer_closed = false;
  const int rc = mbedtls_ssl_read(&ssl_, buf, cap);
  if (rc > 0) {
    *n = static_cast<size_t>(rc);
    return {};
  }
  if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) return {};
  if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || rc == 0) {
    *peer_closed = true;
    return {};
  }
  return Error::make(KALSHI_ERR_TLS, "TLS record error: " + mbedtls_error_text(rc));
}

Error TlsPipe::write(const uint8_t *data, size_t len) {
  // The memory BIO accepts everything, so mbedtls_ssl_write only ever splits into records.
  while (len > 0) {
    const int rc = mbedtls_ssl_write(&ssl_, data, len);
    if (rc <= 0) return Error::make(KALSHI_ERR_TLS, "TLS write failed: " + mbedtls_error_text(rc));
    data += rc;
    len -= static_cast<size_t>(rc);
  }
  return {};
}

void TlsPipe::close_notify() {
  if (established_) mbedtls_ssl_close_notify(&ssl_);
}

}  // namespace kalshi::net
