// Turns PEM/DER bytes into a PrivateKey. The DER structure, not the PEM label, decides what a
// block is, so mislabelled files still get the right (and distinct) error.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "crypto/asn1_cursor.h"
#include "crypto/ed25519_key.h"
#include "crypto/key.h"
#include "crypto/pbes2.h"
#include "crypto/pem.h"
#include "crypto/pkcs8.h"
#include "crypto/rsa_key.h"

namespace kalshi::crypto {

namespace {

// A key file is a few KB; anything far larger is not one, and is not worth reading into memory.
constexpr size_t kMaxKeyFile = 1 << 20;

Error unsupported(std::string_view what) {
  return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                     std::string(what) + " keys are not supported; Kalshi accepts RSA or Ed25519");
}

Error public_only(const char *msg) { return Error::make(KALSHI_ERR_KEY_PUBLIC, msg); }

Error load_pkcs8(std::span<const uint8_t> der, std::unique_ptr<PrivateKey> *out) {
  Pkcs8View v;
  if (Error e = parse_pkcs8(der, &v); !e.ok()) return e;
  if (oid_is(v.alg_oid, oid::kRsa)) return RsaKey::from_der(der, out);
  if (oid_is(v.alg_oid, oid::kEd25519)) {
    // RFC 8410: no parameters; privateKey holds CurvePrivateKey ::= OCTET STRING (32 bytes).
    Asn1Cursor c(v.private_key);
    std::span<const uint8_t> seed;
    if (v.has_params || !c.skip(MBEDTLS_ASN1_OCTET_STRING, &seed) || !c.at_end()) {
      return Error::make(KALSHI_ERR_KEY_FORMAT, "malformed Ed25519 PKCS#8 key");
    }
    return Ed25519Key::from_seed(seed, v.public_key, out);
  }
  return unsupported(algorithm_name(v.alg_oid));
}

Error load_encrypted(std::span<const uint8_t> der, std::string_view passphrase,
                     std::unique_ptr<PrivateKey> *out) {
  if (passphrase.empty()) {
    return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "the key is encrypted; a passphrase is needed");
  }
  SecretBytes plain;
  Error err;
  switch (pbes2_decrypt(der, passphrase, &plain, &err)) {
    case Pbes2Result::kDecrypted:
      if (classify_der(plain.span()) != DerKind::kPkcs8) {
        return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "wrong passphrase for the encrypted key");
      }
      return load_pkcs8(plain.span(), out);
    case Pbes2Result::kOtherScheme:
      return RsaKey::from_encrypted_der(der, passphrase, out);
    case Pbes2Result::kFailed:
      break;
  }
  return err;
}

Error load_der(std::span<const uint8_t> der, std::string_view passphrase,
               std::unique_ptr<PrivateKey> *out) {
  switch (classify_der(der)) {
    case DerKind::kPkcs8:
      return load_pkcs8(der, out);
    case DerKind::kEncryptedPkcs8:
      return load_encrypted(der, passphrase, out);
    case DerKind::kPkcs1Rsa:
      return RsaKey::from_der(der, out);
    case DerKind::kPkcs1RsaPublic:
    case DerKind::kSpki:
      return public_only("this is a public key; a private key is needed");
    case DerKind::kCertificate:
      return public_only(
          "this is a certificate, which holds only a public key; a private key is needed");
    case DerKind::kSec1Ec:
      return unsupported("EC (ECDSA)");
    case DerKind::kDsa:
      return unsupported("DSA");
    case DerKind::kUnknown:
      break;
  }
  return Error::make(KALSHI_ERR_KEY_FORMAT, "not a private key (unrecognised DER structure)");
}

Error load_pem_block(const PemBlock &b, std::string_view passphrase,
                     std::unique_ptr<PrivateKey> *out) {
  if (b.label == "OPENSSH PRIVATE KEY") {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                       "OpenSSH-format keys are not supported; convert with "
                       "`ssh-keygen -p -m PKCS8 -f <file>`");
  }
  if (b.legacy_encrypted) {
    if (b.label == "RSA PRIVATE KEY") return RsaKey::from_legacy_pem(b.text, passphrase, out);
    if (b.label == "EC PRIVATE KEY") return unsupported("EC (ECDSA)");
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                       "legacy-encrypted \"" + b.label + "\" blocks are not supported");
  }
  return load_der(b.der.span(), passphrase, out);
}

}  // namespace

Error load_private_key(std::span<const uint8_t> in, std::string_view passphrase,
                       std::unique_ptr<PrivateKey> *out) {
  out->reset();
  if (in.empty()) return Error::make(KALSHI_ERR_KEY_FORMAT, "empty key");
  // DER opens with a SEQUENCE tag, 0x30, which is also ASCII '0': only a recognised structure
  // counts as DER, anything else is read as (possibly preambled) PEM text.
  if (in[0] == (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) &&
      classify_der(in) != DerKind::kUnknown) {
    return load_der(in, passphrase, out);
  }
  const std::string_view text(reinterpret_cast<const char *>(in.data()), in.size());
  // Files may bundle a certificate or EC parameters with the key: skip blocks that cannot be the
  // key and report the first of them only if no private key follows.
  Error first_skipped;
  size_t pos = 0;
  for (;;) {
    PemBlock block;
    bool found = false;
    if (Error e = pem_next(text, &pos, &block, &found); !e.ok()) return e;
    if (!found) break;
    if (block.label == "EC PARAMETERS") {
      if (first_skipped.ok()) first_skipped = unsupported("EC (ECDSA)");
      continue;
    }
    Error e = load_pem_block(block, passphrase, out);
    if (e.code != KALSHI_ERR_KEY_PUBLIC) return e;
    if (first_skipped.ok()) first_skipped = std::move(e);
  }
  if (!first_skipped.ok()) return first_skipped;
  return Error::make(KALSHI_ERR_KEY_FORMAT,
                     "not a PEM private key (no \"-----BEGIN ... PRIVATE KEY-----\" block)");
}

Error load_private_key(std::string_view pem, std::string_view passphrase,
                       std::unique_ptr<PrivateKey> *out) {
  return load_private_key(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t *>(pem.data()), pem.size()),
      passphrase, out);
}

Error load_private_key_file(const std::string &path, std::string_view passphrase,
                            std::unique_ptr<PrivateKey> *out) {
  out->reset();
  auto io_error = [&](const char *what, int errnum) {
    return Error::make(KALSHI_ERR_IO, std::string("cannot ") + what + " key file \"" + path +
                                          "\": " + std::strerror(errnum));
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return io_error("stat", e);
  }
  if (!S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) > kMaxKeyFile) {
    ::close(fd);
    return Error::make(KALSHI_ERR_IO, "key file \"" + path +
                                          "\" is not a regular file of at most 1 MiB");
  }
  SecretBytes buf(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < buf.size()) {
    const ssize_t n = ::read(fd, buf.data() + got, buf.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      return io_error("read", e);
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  buf.shrink(got);
  return load_private_key(buf.span(), passphrase, out);
}

Error load_private_key_env(bool perps, std::unique_ptr<PrivateKey> *out) {
  out->reset();
  const std::string prefix = perps ? "KALSHI_PERPS_" : "KALSHI_";
  const std::string pem_var = prefix + "PRIVATE_KEY";
  const std::string path_var = prefix + "PRIVATE_KEY_PATH";
  const char *pass = std::getenv((prefix + "PRIVATE_KEY_PASSPHRASE").c_str());
  const std::string_view passphrase = pass != nullptr ? pass : "";

  if (const char *pem = std::getenv(pem_var.c_str()); pem != nullptr && *pem != '\0') {
    const std::string_view text(pem);
    if (text.find('\n') != std::string_view::npos || text.find("\\n") == std::string_view::npos) {
      return load_private_key(text, passphrase, out);
    }
    // .env files and CI secrets often carry PEM on one line with literal "\n" escapes.
    SecretBytes fixed(text.size());
    size_t n = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
        fixed.data()[n++] = '\n';
        ++i;
      } else {
        fixed.data()[n++] = static_cast<uint8_t>(text[i]);
      }
    }
    fixed.shrink(n);
    return load_private_key(fixed.span(), passphrase, out);
  }
  if (const char *path = std::getenv(path_var.c_str()); path != nullptr && *path != '\0') {
    return load_private_key_file(path, passphrase, out);
  }
  return Error::make(KALSHI_ERR_INVALID_ARG,
                     "neither " + pem_var + " nor " + path_var + " is set");
}

Error generate_private_key(KeyType type, uint32_t bits, std::unique_ptr<PrivateKey> *out) {
  out->reset();
  switch (type) {
    case KeyType::kRsa:
      return RsaKey::generate(bits, out);
    case KeyType::kEd25519:
      return Ed25519Key::generate(out);
  }
  return Error::make(KALSHI_ERR_INVALID_ARG, "unknown key type");
}

}  // namespace kalshi::crypto
