#include "crypto/pem.h"

#include "crypto/base64.h"

namespace kalshi::crypto {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr size_t kMaxLabel = 64;

bool label_ok(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabel) return false;
  for (char c : label) {
    if (c < 0x20 || c > 0x7e || c == '-') return false;
  }
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Appends pem framing around base64 of der to any byte sink with push_back semantics.
template <typename Put>
void encode_into(std::string_view label, std::span<const uint8_t> der, Put put) {
  auto put_sv = [&](std::string_view s) {
    for (char c : s) put(c);
  };
  put_sv(kBegin);
  put_sv(label);
  put_sv(kDashes);
  put('\n');
  // 48 input bytes make one 64-character line.
  char line[64 + 1];
  for (size_t off = 0; off < der.size(); off += 48) {
    const size_t n = der.size() - off < 48 ? der.size() - off : 48;
    size_t len = 0;
    base64_encode(der.subspan(off, n), line, sizeof line, &len);
    put_sv(std::string_view(line, len));
    put('\n');
  }
  secure_wipe(line, sizeof line);
  put_sv(kEnd);
  put_sv(label);
  put_sv(kDashes);
  put('\n');
}

size_t encoded_size(std::string_view label, size_t der_len) {
  const size_t lines = (der_len + 47) / 48;
  return kBegin.size() + kEnd.size() + 2 * (label.size() + kDashes.size() + 1) +
         base64_encoded_len(der_len) + lines;
}

}  // namespace

Error pem_next(std::string_view in, size_t *pos, PemBlock *out, bool *found) {
  *found = false;
  const size_t begin = in.find(kBegin, *pos);
  if (begin == std::string_view::npos) {
    *pos = in.size();
    return {};
  }
  const size_t label_at = begin + kBegin.size();
  const size_t label_end = in.find(kDashes, label_at);
  if (label_end == std::string_view::npos || !label_ok(in.substr(label_at, label_end - label_at))) {
    return Error::make(KALSHI_ERR_KEY_FORMAT, "malformed PEM BEGIN line");
  }
  const std::string_view label = in.substr(label_at, label_end - label_at);
  const size_t body_at = label_end + kDashes.size();

  std::string end_line;
  end_line.append(kEnd).append(label).append(kDashes);
  const size_t end_at = in.find(end_line, body_at);
  if (end_at == std::string_view::npos) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "PEM block \"" + std::string(label) + "\" has no matching END line");
  }

  out->label.assign(label);
  out->text = in.substr(begin, end_at + end_line.size() - begin);
  out->legacy_encrypted = false;
  out->der.wipe();

  // RFC 1421 headers ("Name: value" lines) may precede the base64; only Proc-Type matters.
  std::string_view body = in.substr(body_at, end_at - body_at);
  while (!body.empty()) {
    size_t i = 0;
    while (i < body.size() && is_space(body[i])) ++i;
    body.remove_prefix(i);
    const size_t eol = body.find('\n');
    const std::string_view line = body.substr(0, eol);
    if (line.find(':') == std::string_view::npos) break;
    if (line.starts_with("Proc-Type:") && line.find("ENCRYPTED") != std::string_view::npos) {
      out->legacy_encrypted = true;
    }
    body.remove_prefix(eol == std::string_view::npos ? body.size() : eol + 1);
  }
  *pos = end_at + end_line.size();
  *found = true;
  if (out->legacy_encrypted) return {};  // mbedTLS decrypts these from the PEM text itself

  // mbedTLS's decoder accepts only "\n"/"\r\n" breaks; squeeze out any whitespace first.
  SecretBytes squeezed(body.size());
  size_t n = 0;
  for (char c : body) {
    if (!is_space(c)) squeezed.data()[n++] = static_cast<uint8_t>(c);
  }
  const std::string_view b64(reinterpret_cast<const char *>(squeezed.data()), n);
  if (n == 0 || !base64_decode(b64, out->der)) {
    return Error::make(KALSHI_ERR_KEY_FORMAT,
                       "PEM block \"" + std::string(label) + "\" is not valid base64");
  }
  return {};
}

std::string pem_encode(std::string_view label, std::span<const uint8_t> der) {
  std::string s;
  s.reserve(encoded_size(label, der.size()));
  encode_into(label, der, [&](char c) { s.push_back(c); });
  return s;
}

SecretBytes pem_encode_secret(std::string_view label, std::span<const uint8_t> der) {
  SecretBytes s(encoded_size(label, der.size()));
  size_t n = 0;
  encode_into(label, der, [&](char c) {
    if (n < s.size()) s.data()[n++] = static_cast<uint8_t>(c);
  });
  s.shrink(n);
  return s;
}

}  // namespace kalshi::crypto
