#include "crypto/pbes2.h"

#include <mbedtls/cipher.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>

#include "crypto/asn1_cursor.h"
#include "crypto/pkcs8.h"

namespace kalshi::crypto {

namespace {

constexpr std::string_view kPbes2 = "\x2a\x86\x48\x86\xf7\x0d\x01\x05\x0d";
constexpr std::string_view kPbkdf2 = "\x2a\x86\x48\x86\xf7\x0d\x01\x05\x0c";
constexpr std::string_view kScrypt = "\x2b\x06\x01\x04\x01\xda\x47\x04\x0b";
constexpr std::string_view kHmacPrefix = "\x2a\x86\x48\x86\xf7\x0d\x02";  // + 7..11
constexpr std::string_view kAesCbcPrefix = "\x60\x86\x48\x01\x65\x03\x04\x01";  // + 2/22/42
constexpr std::string_view kDesEde3Cbc = "\x2a\x86\x48\x86\xf7\x0d\x03\x07";

Error format(const char *what) {
  return Error::make(KALSHI_ERR_KEY_FORMAT, std::string("malformed encrypted PKCS#8: ") + what);
}

bool has_prefix_plus_one(std::span<const uint8_t> o, std::string_view prefix, uint8_t *last) {
  if (o.size() != prefix.size() + 1 || !oid_is(o.first(prefix.size()), prefix)) return false;
  *last = o.back();
  return true;
}

mbedtls_md_type_t prf_md(std::span<const uint8_t> o) {
  uint8_t last = 0;
  if (!has_prefix_plus_one(o, kHmacPrefix, &last)) return MBEDTLS_MD_NONE;
  switch (last) {
    case 7: return MBEDTLS_MD_SHA1;
    case 8: return MBEDTLS_MD_SHA224;
    case 9: return MBEDTLS_MD_SHA256;
    case 10: return MBEDTLS_MD_SHA384;
    case 11: return MBEDTLS_MD_SHA512;
    default: return MBEDTLS_MD_NONE;
  }
}

mbedtls_cipher_type_t cipher_type(std::span<const uint8_t> o) {
  uint8_t last = 0;
  if (oid_is(o, kDesEde3Cbc)) return MBEDTLS_CIPHER_DES_EDE3_CBC;
  if (!has_prefix_plus_one(o, kAesCbcPrefix, &last)) return MBEDTLS_CIPHER_NONE;
  switch (last) {
    case 2: return MBEDTLS_CIPHER_AES_128_CBC;
    case 22: return MBEDTLS_CIPHER_AES_192_CBC;
    case 42: return MBEDTLS_CIPHER_AES_256_CBC;
    default: return MBEDTLS_CIPHER_NONE;
  }
}

struct Params {
  std::span<const uint8_t> salt;
  int iterations = 0;
  int key_length = -1;  // absent
  mbedtls_md_type_t md = MBEDTLS_MD_SHA1;  // RFC 8018 default PRF
  mbedtls_cipher_type_t cipher = MBEDTLS_CIPHER_NONE;
  std::span<const uint8_t> iv;
};

// PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier,
//                             encryptionScheme AlgorithmIdentifier }
Error parse_params(Asn1Cursor pbes2, Params *p) {
  Asn1Cursor kdf(pbes2.p, 0), kdf_params(pbes2.p, 0), enc(pbes2.p, 0);
  std::span<const uint8_t> kdf_oid, enc_oid;
  if (!pbes2.enter(kAsn1Seq, &kdf) || !kdf.skip(MBEDTLS_ASN1_OID, &kdf_oid)) {
    return format("PBES2 key derivation");
  }
  if (oid_is(kdf_oid, kScrypt)) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                       "encrypted key uses scrypt; re-encrypt it with PBKDF2 "
                       "(openssl pkcs8 -topk8 -v2 aes-256-cbc)");
  }
  if (!oid_is(kdf_oid, kPbkdf2)) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "encrypted key uses an unknown key derivation");
  }
  // PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER,
  //                              keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT sha1 }
  if (!kdf.enter(kAsn1Seq, &kdf_params) || !kdf_params.skip(MBEDTLS_ASN1_OCTET_STRING, &p->salt) ||
      !kdf_params.get_int(&p->iterations)) {
    return format("PBKDF2 parameters");
  }
  if (kdf_params.peek() == MBEDTLS_ASN1_INTEGER && !kdf_params.get_int(&p->key_length)) {
    return format("PBKDF2 key length");
  }
  if (kdf_params.peek() == kAsn1Seq) {
    Asn1Cursor prf(kdf_params.p, 0);
    std::span<const uint8_t> prf_oid;
    if (!kdf_params.enter(kAsn1Seq, &prf) || !prf.skip(MBEDTLS_ASN1_OID, &prf_oid)) {
      return format("PBKDF2 PRF");
    }
    p->md = prf_md(prf_oid);
    if (p->md == MBEDTLS_MD_NONE) {
      return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "encrypted key uses an unknown PBKDF2 PRF");
    }
  }
  if (p->iterations < 1 || p->iterations > kMaxPbkdf2Iterations) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "encrypted key has an unreasonable PBKDF2 "
                                                   "iteration count");
  }
  if (!pbes2.enter(kAsn1Seq, &enc) || !enc.skip(MBEDTLS_ASN1_OID, &enc_oid) ||
      !enc.skip(MBEDTLS_ASN1_OCTET_STRING, &p->iv)) {
    return format("PBES2 encryption scheme");
  }
  p->cipher = cipher_type(enc_oid);
  if (p->cipher == MBEDTLS_CIPHER_NONE) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED,
                       "encrypted key uses a cipher other than AES-CBC or DES-EDE3-CBC");
  }
  return {};
}

// Derives the key and decrypts; KALSHI_ERR_KEY_PASSPHRASE when the CBC padding is wrong, which is
// how a wrong passphrase shows (with probability ~255/256; the caller checks the rest).
Error decrypt(const Params &p, std::string_view pass, std::span<const uint8_t> data,
              SecretBytes *plain) {
  const mbedtls_cipher_info_t *info = mbedtls_cipher_info_from_type(p.cipher);
  const mbedtls_md_info_t *md = mbedtls_md_info_from_type(p.md);
  if (info == nullptr || md == nullptr) {
    return Error::make(KALSHI_ERR_KEY_UNSUPPORTED, "cipher or hash not built into mbedTLS");
  }
  const size_t key_len = info->key_bitlen / 8;
  if ((p.key_length >= 0 && static_cast<size_t>(p.key_length) != key_len) ||
      p.iv.size() != info->iv_size) {
    return format("key or IV length does not match the cipher");
  }
  SecretBytes key(key_len);
  mbedtls_md_context_t md_ctx;
  mbedtls_md_init(&md_ctx);
  int rc = mbedtls_md_setup(&md_ctx, md, 1);
  if (rc == 0) {
    rc = mbedtls_pkcs5_pbkdf2_hmac(&md_ctx, reinterpret_cast<const unsigned char *>(pass.data()),
                                   pass.size(), p.salt.data(), p.salt.size(),
                                   static_cast<unsigned int>(p.iterations),
                                   static_cast<uint32_t>(key_len), key.data());
  }
  mbedtls_md_free(&md_ctx);
  if (rc != 0) return Error::make(KALSHI_ERR_CRYPTO, "PBKDF2 failed");

  SecretBytes out(data.size() + info->block_size);
  size_t olen = 0;
  mbedtls_cipher_context_t cc;
  mbedtls_cipher_init(&cc);
  rc = mbedtls_cipher_setup(&cc, info);
  if (rc == 0) {
    rc = mbedtls_cipher_setkey(&cc, key.data(), static_cast<int>(info->key_bitlen),
                               MBEDTLS_DECRYPT);
  }
  if (rc == 0) rc = mbedtls_cipher_set_padding_mode(&cc, MBEDTLS_PADDING_PKCS7);
  if (rc == 0) {
    rc = mbedtls_cipher_crypt(&cc, p.iv.data(), p.iv.size(), data.data(), data.size(),
                              out.data(), &olen);
  }
  mbedtls_cipher_free(&cc);  // zeroizes the key schedule
  if (rc == MBEDTLS_ERR_CIPHER_INVALID_PADDING) {
    return Error::make(KALSHI_ERR_KEY_PASSPHRASE, "wrong passphrase for the encrypted key");
  }
  if (rc != 0) return format("ciphertext is not a whole number of blocks");
  out.shrink(olen);
  *plain = std::move(out);
  return {};
}

}  // namespace

Pbes2Result pbes2_decrypt(std::span<const uint8_t> der, std::string_view passphrase,
                          SecretBytes *plain, Error *err) {
  // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier,
  //                                        encryptedData OCTET STRING }
  Asn1Cursor top(der), epki(der), alg(der), params(der);
  std::span<const uint8_t> alg_oid, data;
  if (!top.enter(kAsn1Seq, &epki) || !epki.enter(kAsn1Seq, &alg) ||
      !alg.skip(MBEDTLS_ASN1_OID, &alg_oid)) {
    *err = format("EncryptedPrivateKeyInfo");
    return Pbes2Result::kFailed;
  }
  if (!oid_is(alg_oid, kPbes2)) return Pbes2Result::kOtherScheme;
  if (!alg.enter(kAsn1Seq, &params) || !epki.skip(MBEDTLS_ASN1_OCTET_STRING, &data)) {
    *err = format("PBES2 parameters");
    return Pbes2Result::kFailed;
  }
  Params p;
  if (Error e = parse_params(params, &p); !e.ok()) {
    *err = std::move(e);
    return Pbes2Result::kFailed;
  }
  if (Error e = decrypt(p, passphrase, data, plain); !e.ok()) {
    *err = std::move(e);
    return Pbes2Result::kFailed;
  }
  return Pbes2Result::kDecrypted;
}

}  // namespace kalshi::crypto
