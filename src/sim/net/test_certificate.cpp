// make_test_certificate: a throwaway CA and a server certificate for the simulator, generated at
// start-up so clients verify the simulator for real instead of switching verification off.
#include <mbedtls/asn1write.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include <array>
#include <ctime>
#include <string>

#include "core/secure_wipe.h"
#include "net/tls_config.h"
#include "sim/net/stream_server.h"

namespace kalshi::sim {

namespace {

using net::mbedtls_error_text;

constexpr time_t kDay = 24 * 60 * 60;
constexpr time_t kValidDays = 30;
constexpr size_t kPemCapacity = 4096;

// RAII over the mbedTLS contexts that every step needs.
struct Rng {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  Rng() {
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
  }
  ~Rng() {
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
  }
};

struct Key {
  mbedtls_pk_context pk;
  Key() { mbedtls_pk_init(&pk); }
  ~Key() { mbedtls_pk_free(&pk); }
};

struct CertWriter {
  mbedtls_x509write_cert crt;
  mbedtls_mpi serial;
  CertWriter() {
    mbedtls_x509write_crt_init(&crt);
    mbedtls_mpi_init(&serial);
  }
  ~CertWriter() {
    mbedtls_mpi_free(&serial);
    mbedtls_x509write_crt_free(&crt);
  }
};

Error tls_error(const char *what, int rc) {
  return Error::make(KALSHI_ERR_CRYPTO, std::string("test certificate: ") + what +
                                            " failed: " + mbedtls_error_text(rc));
}

Error generate_p256(Rng &rng, Key *key) {
  int rc = mbedtls_pk_setup(&key->pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
  if (rc != 0) return tls_error("key setup", rc);
  rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(key->pk),
                           mbedtls_ctr_drbg_random, &rng.drbg);
  if (rc != 0) return tls_error("P-256 key generation", rc);
  return {};
}

// "YYYYMMDDhhmmss" in UTC, the form mbedtls_x509write_crt_set_validity takes.
std::string x509_time(time_t t) {
  tm utc{};
  gmtime_r(&t, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &utc);
  return buf;
}

// subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1 (RFC 5280 §4.2.1.6). mbedTLS 2.28 has no
// writer for it, so the DER is built here; asn1write fills the buffer from its end backwards.
Error set_subject_alt_name(mbedtls_x509write_cert *crt) {
  static constexpr unsigned char kIpv4[] = {127, 0, 0, 1};
  static constexpr unsigned char kIpv6[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr char kDns[] = "localhost";
  std::array<unsigned char, 128> buf{};
  unsigned char *p = buf.data() + buf.size();
  unsigned char *const start = buf.data();
  size_t len = 0;
  auto general_name = [&](int tag, const unsigned char *data, size_t n) -> int {
    int rc = mbedtls_asn1_write_raw_buffer(&p, start, data, n);
    if (rc < 0) return rc;
    size_t here = static_cast<size_t>(rc);
    rc = mbedtls_asn1_write_len(&p, start, n);
    if (rc < 0) return rc;
    here += static_cast<size_t>(rc);
    rc = mbedtls_asn1_write_tag(&p, start, static_cast<unsigned char>(tag));
    if (rc < 0) return rc;
    len += here + static_cast<size_t>(rc);
    return 0;
  };
  int rc = general_name(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7, kIpv6, sizeof kIpv6);
  if (rc == 0) rc = general_name(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7, kIpv4, sizeof kIpv4);
  if (rc == 0) {
    rc = general_name(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2,
                      reinterpret_cast<const unsigned char *>(kDns), sizeof kDns - 1);
  }
  if (rc == 0) {
    rc = mbedtls_asn1_write_len(&p, start, len);
    if (rc >= 0) {
      len += static_cast<size_t>(rc);
      rc = mbedtls_asn1_write_tag(&p, start, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE);
    }
    if (rc >= 0) {
      len += static_cast<size_t>(rc);
      rc = 0;
    }
  }
  if (rc != 0) return tls_error("subjectAltName encoding", rc);
  rc = mbedtls_x509write_crt_set_extension(
      crt, MBEDTLS_OID_SUBJECT_ALT_NAME, MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME), 0, p, len);
  if (rc != 0) return tls_error("subjectAltName", rc);
  return {};
}

// A positive 128-bit serial: unique per run, as RFC 5280 asks of a CA.
Error set_random_serial(Rng &rng, CertWriter *w) {
  std::array<unsigned char, 16> bytes{};
  int rc = mbedtls_ctr_drbg_random(&rng.drbg, bytes.data(), bytes.size());
  if (rc != 0) return tls_error("serial generation", rc);
  bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7f) | 0x01);  // positive, never zero
  rc = mbedtls_mpi_read_binary(&w->serial, bytes.data(), bytes.size());
  if (rc == 0) rc = mbedtls_x509write_crt_set_serial(&w->crt, &w->serial);
  if (rc != 0) return tls_error("serial", rc);
  return {};
}

struct CertSpec {
  const char *subject;
  const char *issuer;
  mbedtls_pk_context *subject_key;
  mbedtls_pk_context *issuer_key;
  bool is_ca;
};

Error write_certificate(Rng &rng, const CertSpec &spec, std::string *pem) {
  CertWriter w;
  mbedtls_x509write_cert *crt = &w.crt;
  mbedtls_x509write_crt_set_version(crt, MBEDTLS_X509_CRT_VERSION_3);
  mbedtls_x509write_crt_set_md_alg(crt, MBEDTLS_MD_SHA256);
  mbedtls_x509write_crt_set_subject_key(crt, spec.subject_key);
  mbedtls_x509write_crt_set_issuer_key(crt, spec.issuer_key);
  if (Error e = set_random_serial(rng, &w); !e.ok()) return e;
  const time_t now = std::time(nullptr);
  const std::string from = x509_time(now - kDay);
  const std::string to = x509_time(now + kValidDays * kDay);
  int rc = mbedtls_x509write_crt_set_validity(crt, from.c_str(), to.c_str());
  if (rc == 0) rc = mbedtls_x509write_crt_set_subject_name(crt, spec.subject);
  if (rc == 0) rc = mbedtls_x509write_crt_set_issuer_name(crt, spec.issuer);
  if (rc == 0) rc = mbedtls_x509write_crt_set_basic_constraints(crt, spec.is_ca ? 1 : 0, 0);
  if (rc == 0) rc = mbedtls_x509write_crt_set_subject_key_identifier(crt);
  if (rc == 0) rc = mbedtls_x509write_crt_set_authority_key_identifier(crt);
  if (rc == 0) {
    const unsigned int usage = spec.is_ca ? MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN
                                          : MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
    rc = mbedtls_x509write_crt_set_key_usage(crt, usage);
  }
  if (rc != 0) return tls_error("certificate fields", rc);
  if (!spec.is_ca) {
    if (Error e = set_subject_alt_name(crt); !e.ok()) return e;
  }
  std::array<unsigned char, kPemCapacity> buf{};
  rc = mbedtls_x509write_crt_pem(crt, buf.data(), buf.size(), mbedtls_ctr_drbg_random, &rng.drbg);
  if (rc != 0) return tls_error("certificate signing", rc);
  pem->assign(reinterpret_cast<const char *>(buf.data()));
  return {};
}

// PKCS#8 PrivateKeyInfo (RFC 5208) around the SEC1 ECPrivateKey that mbedTLS writes, so every
// TLS stack (OpenSSL, Python, Go) reads the key as "-----BEGIN PRIVATE KEY-----".
Error write_pkcs8_pem(Key &key, std::string *pem) {
  std::array<unsigned char, 512> der{};
  int rc = mbedtls_pk_write_key_der(&key.pk, der.data(), der.size());
  if (rc < 0) return tls_error("key encoding", rc);
  size_t len = static_cast<size_t>(rc);
  unsigned char *p = der.data() + der.size() - len;  // the SEC1 DER sits at the buffer's end
  unsigned char *const start = der.data();
  size_t total = len;
  auto add = [&](int r) {
    if (r < 0) return false;
    total += static_cast<size_t>(r);
    return true;
  };
  bool ok = add(mbedtls_asn1_write_len(&p, start, len)) &&
            add(mbedtls_asn1_write_tag(&p, start, MBEDTLS_ASN1_OCTET_STRING));
  // AlgorithmIdentifier { id-ecPublicKey, namedCurve prime256v1 }
  size_t alg_len = 0;
  if (ok) {
    const size_t before = total;
    ok = add(mbedtls_asn1_write_oid(&p, start, MBEDTLS_OID_EC_GRP_SECP256R1,
                                    MBEDTLS_OID_SIZE(MBEDTLS_OID_EC_GRP_SECP256R1))) &&
         add(mbedtls_asn1_write_oid(&p, start, MBEDTLS_OID_EC_ALG_UNRESTRICTED,
                                    MBEDTLS_OID_SIZE(MBEDTLS_OID_EC_ALG_UNRESTRICTED)));
    alg_len = total - before;
  }
  ok = ok && add(mbedtls_asn1_write_len(&p, start, alg_len)) &&
       add(mbedtls_asn1_write_tag(&p, start, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) &&
       add(mbedtls_asn1_write_int(&p, start, 0));
  const size_t body = total;
  ok = ok && add(mbedtls_asn1_write_len(&p, start, body)) &&
       add(mbedtls_asn1_write_tag(&p, start, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
  if (!ok) {
    secure_wipe(der.data(), der.size());
    return tls_error("PKCS#8 encoding", MBEDTLS_ERR_ASN1_BUF_TOO_SMALL);
  }
  std::array<unsigned char, 1024> out{};
  size_t olen = 0;
  rc = mbedtls_pem_write_buffer("-----BEGIN PRIVATE KEY-----\n", "-----END PRIVATE KEY-----\n", p,
                                total, out.data(), out.size(), &olen);
  secure_wipe(der.data(), der.size());
  if (rc != 0) {
    secure_wipe(out.data(), out.size());
    return tls_error("key PEM encoding", rc);
  }
  pem->assign(reinterpret_cast<const char *>(out.data()));
  secure_wipe(out.data(), out.size());
  return {};
}

}  // namespace

TestCertificate::~TestCertificate() {
  secure_wipe(key_pem);
}

Error make_test_certificate(TestCertificate *out) {
  Rng rng;
  static constexpr unsigned char kPersonalization[] = "libkalshi-sim-cert";
  int rc = mbedtls_ctr_drbg_seed(&rng.drbg, mbedtls_entropy_func, &rng.entropy, kPersonalization,
                                 sizeof kPersonalization - 1);
  if (rc != 0) return tls_error("RNG seeding", rc);
  Key ca_key;
  Key server_key;
  if (Error e = generate_p256(rng, &ca_key); !e.ok()) return e;
  if (Error e = generate_p256(rng, &server_key); !e.ok()) return e;
  static constexpr char kCaName[] = "CN=kalshi-sim test CA,O=libkalshi";
  static constexpr char kServerName[] = "CN=localhost,O=libkalshi";
  std::string ca_pem;
  std::string server_pem;
  if (Error e = write_certificate(rng, {kCaName, kCaName, &ca_key.pk, &ca_key.pk, true}, &ca_pem);
      !e.ok()) {
    return e;
  }
  if (Error e = write_certificate(rng, {kServerName, kCaName, &server_key.pk, &ca_key.pk, false},
                                  &server_pem);
      !e.ok()) {
    return e;
  }
  std::string key_pem;
  if (Error e = write_pkcs8_pem(server_key, &key_pem); !e.ok()) return e;
  out->ca_pem = ca_pem;
  out->cert_pem = server_pem + ca_pem;
  secure_wipe(out->key_pem);
  out->key_pem = std::move(key_pem);
  return {};
}

}  // namespace kalshi::sim
