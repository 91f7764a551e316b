// The key loader on untrusted bytes: PEM framing, the DER classifier, the hand-written PKCS#8 and
// PBES2 parsers, and mbedTLS's RSA parser behind them. Each input is tried without a passphrase
// and with the test keys' passphrase, so encrypted seeds reach the code after decryption. A key
// that loads must also sign and export, with the sizes it claims.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>

#include "crypto/key.h"
#include "crypto/secret.h"

namespace {

void exercise(const kalshi::crypto::PrivateKey &key) {
  uint8_t sig[kalshi::crypto::kMaxSignatureSize];
  size_t n = 0;
  const uint8_t msg[] = "0GET/";
  if (key.signature_size() > sizeof sig) std::abort();
  if (!key.sign({msg, sizeof msg - 1}, sig, &n).ok() || n != key.signature_size()) std::abort();
  std::string pub;
  if (!key.public_pem(&pub).ok() || pub.empty()) std::abort();
  kalshi::crypto::SecretBytes priv;
  if (!key.private_pem(&priv).ok() || priv.empty()) std::abort();
  // What we export must load back as the same public key.
  std::unique_ptr<kalshi::crypto::PrivateKey> again;
  std::string pub2;
  if (!kalshi::crypto::load_private_key(priv.span(), "", &again).ok() ||
      !again->public_pem(&pub2).ok() || pub2 != pub) {
    std::abort();
  }
}

void try_load(std::span<const uint8_t> in, const char *passphrase) {
  std::unique_ptr<kalshi::crypto::PrivateKey> key;
  const kalshi::Error e = kalshi::crypto::load_private_key(in, passphrase, &key);
  if (e.ok() != (key != nullptr)) std::abort();
  if (!e.ok() && e.message.empty()) std::abort();
  if (key) exercise(*key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  try_load(in, "");
  try_load(in, "kalshi-test-passphrase");
  return 0;
}
