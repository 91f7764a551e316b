// The simulator's run-time TLS identity: make_test_certificate's CA and server certificate as
// mbedTLS reads them back, the server config's checks on what it is given, and an independent
// peer (the openssl CLI) verifying a StreamServer's handshake against the CA.
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <sys/stat.h>

#include <fcntl.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>

#include "test_sim_net_harness.h"

using namespace simnet_test;
using kalshi::sim::TestCertificate;

namespace {

struct Crt {
  mbedtls_x509_crt c;
  Crt() { mbedtls_x509_crt_init(&c); }
  ~Crt() { mbedtls_x509_crt_free(&c); }
  void parse(const std::string &pem) {
    assert_int_equal(mbedtls_x509_crt_parse(
                         &c, reinterpret_cast<const unsigned char *>(pem.c_str()), pem.size() + 1),
                     0);
  }
};

size_t chain_length(const mbedtls_x509_crt &c) {
  size_t n = 0;
  for (const mbedtls_x509_crt *p = &c; p != nullptr && p->version != 0; p = p->next) ++n;
  return n;
}

void test_certificate_shape(void **) {
  TestCertificate cert;
  assert_true(kalshi::sim::make_test_certificate(&cert).ok());
  assert_true(cert.key_pem.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);  // PKCS#8

  Crt ca;
  ca.parse(cert.ca_pem);
  assert_int_equal(chain_length(ca.c), 1);
  assert_int_equal(ca.c.ca_istrue, 1);
  assert_true((ca.c.key_usage & MBEDTLS_X509_KU_KEY_CERT_SIGN) != 0);

  Crt chain;
  chain.parse(cert.cert_pem);
  assert_int_equal(chain_length(chain.c), 2);  // server certificate, then the CA
  const mbedtls_x509_crt &leaf = chain.c;
  assert_int_equal(leaf.ca_istrue, 0);
  assert_int_equal(mbedtls_pk_get_type(&leaf.pk), MBEDTLS_PK_ECKEY);
  assert_int_equal(mbedtls_pk_ec(leaf.pk)->grp.id, MBEDTLS_ECP_DP_SECP256R1);
  assert_int_equal(mbedtls_x509_time_is_past(&leaf.valid_from), 1);
  assert_int_equal(mbedtls_x509_time_is_future(&leaf.valid_to), 1);

  // subjectAltName: DNS:localhost, IP:127.0.0.1, IP:::1, in that order.
  const mbedtls_x509_sequence *san = &leaf.subject_alt_names;
  assert_int_equal(san->buf.tag, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2);
  assert_int_equal(san->buf.len, 9);
  assert_memory_equal(san->buf.p, "localhost", 9);
  san = san->next;
  assert_non_null(san);
  assert_int_equal(san->buf.tag, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7);
  const unsigned char v4[] = {127, 0, 0, 1};
  assert_int_equal(san->buf.len, 4);
  assert_memory_equal(san->buf.p, v4, 4);
  san = san->next;
  assert_non_null(san);
  assert_int_equal(san->buf.len, 16);
  assert_int_equal(san->buf.p[15], 1);
  assert_null(san->next);

  // The chain verifies against the CA for the name "localhost", and not for another name.
  uint32_t flags = 0;
  assert_int_equal(
      mbedtls_x509_crt_verify(&chain.c, &ca.c, nullptr, "localhost", &flags, nullptr, nullptr), 0);
  assert_int_equal(flags, 0);
  assert_true(mbedtls_x509_crt_verify(&chain.c, &ca.c, nullptr, "example.com", &flags, nullptr,
                                      nullptr) != 0);
  assert_true((flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) != 0);

  // The key belongs to the server certificate.
  mbedtls_pk_context key;
  mbedtls_pk_init(&key);
  assert_int_equal(
      mbedtls_pk_parse_key(&key, reinterpret_cast<const unsigned char *>(cert.key_pem.c_str()),
                           cert.key_pem.size() + 1, nullptr, 0),
      0);
  assert_int_equal(mbedtls_pk_check_pair(&leaf.pk, &key), 0);
  mbedtls_pk_free(&key);
}

void test_certificates_are_fresh_each_time(void **) {
  TestCertificate a;
  TestCertificate b;
  assert_true(kalshi::sim::make_test_certificate(&a).ok());
  assert_true(kalshi::sim::make_test_certificate(&b).ok());
  assert_true(a.ca_pem != b.ca_pem);
  assert_true(a.key_pem != b.key_pem);
  Crt ca_a;
  ca_a.parse(a.ca_pem);
  Crt ca_b;
  ca_b.parse(b.ca_pem);
  assert_true(ca_a.c.serial.len != ca_b.c.serial.len ||
              std::memcmp(ca_a.c.serial.p, ca_b.c.serial.p, ca_a.c.serial.len) != 0);
  // One CA does not vouch for the other's server.
  Crt chain_b;
  chain_b.parse(b.cert_pem);
  uint32_t flags = 0;
  assert_true(mbedtls_x509_crt_verify(&chain_b.c, &ca_a.c, nullptr, "localhost", &flags, nullptr,
                                      nullptr) != 0);
}

void test_server_config_rejects_bad_input(void **) {
  TestCertificate a;
  TestCertificate b;
  assert_true(kalshi::sim::make_test_certificate(&a).ok());
  assert_true(kalshi::sim::make_test_certificate(&b).ok());
  std::shared_ptr<kalshi::sim::TlsServerConfig> cfg;
  assert_int_equal(kalshi::sim::make_tls_server_config("junk", a.key_pem, &cfg).code,
                   KALSHI_ERR_KEY_FORMAT);
  assert_int_equal(kalshi::sim::make_tls_server_config(a.cert_pem, "junk", &cfg).code,
                   KALSHI_ERR_KEY_FORMAT);
  // A key that is not the certificate's.
  assert_int_equal(kalshi::sim::make_tls_server_config(a.cert_pem, b.key_pem, &cfg).code,
                   KALSHI_ERR_KEY_FORMAT);
  assert_null(cfg.get());
  assert_true(kalshi::sim::make_tls_server_config(a.cert_pem, a.key_pem, &cfg).ok());
  assert_non_null(cfg.get());
}

bool executable(const char *path) {
  return access(path, X_OK) == 0;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct OpensslRun {
  bool exited = false;
  int64_t status = -1;
  std::string output;
};

// Runs `openssl s_client` against the listener with stdin at EOF (so it closes after the
// handshake), while the loop keeps serving; the output goes to a temporary file.
OpensslRun run_s_client(TestLoop &loop, uint16_t port, const std::string &ca_file,
                        const std::vector<std::string> &extra) {
  TempFile out_file("");
  const int out_fd = open(out_file.path().c_str(), O_WRONLY | O_TRUNC);
  const int in_fd = open("/dev/null", O_RDONLY);
  assert_true(out_fd >= 0 && in_fd >= 0);
  std::vector<std::string> args = {"openssl",
                                   "s_client",
                                   "-connect",
                                   "127.0.0.1:" + std::to_string(port),
                                   "-CAfile",
                                   ca_file,
                                   "-verify_return_error"};
  args.insert(args.end(), extra.begin(), extra.end());
  // TLS 1.2 unless the caller picked another version.
  if (std::find(extra.begin(), extra.end(), "-tls1_3") == extra.end()) args.push_back("-tls1_2");
  std::vector<char *> argv;
  for (std::string &a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  OpensslRun run;
  uv_process_t proc{};
  proc.data = &run;
  uv_stdio_container_t stdio[3];
  stdio[0].flags = UV_INHERIT_FD;
  stdio[0].data.fd = in_fd;
  stdio[1].flags = UV_INHERIT_FD;
  stdio[1].data.fd = out_fd;
  stdio[2].flags = UV_INHERIT_FD;
  stdio[2].data.fd = out_fd;
  uv_process_options_t opts{};
  opts.file = "/usr/bin/openssl";
  opts.args = argv.data();
  opts.stdio = stdio;
  opts.stdio_count = 3;
  opts.exit_cb = [](uv_process_t *p, int64_t status, int) {
    auto *r = static_cast<OpensslRun *>(p->data);
    r->exited = true;
    r->status = status;
    uv_close(reinterpret_cast<uv_handle_t *>(p), nullptr);
  };
  assert_int_equal(uv_spawn(loop.get(), &proc, &opts), 0);
  ::close(in_fd);
  ::close(out_fd);
  if (!loop.run_until([&] { return run.exited; })) {
    uv_process_kill(&proc, SIGKILL);
    assert_true(loop.run_until([&] { return run.exited; }));
    fail_msg("openssl s_client did not finish");
  }
  run.output = read_file(out_file.path());
  return run;
}

void test_openssl_verifies_the_listener(void **) {
  if (!executable("/usr/bin/openssl")) skip();
  TlsPair tls;
  TestLoop loop;
  Server server;
  server.listen(loop.get(), tls.server);
  const uint16_t port = server.listener->port();

  OpensslRun by_name = run_s_client(loop, port, tls.ca_file->path(),
                                    {"-servername", "localhost", "-verify_hostname", "localhost"});
  if (by_name.status != 0) print_message("%s\n", by_name.output.c_str());
  assert_int_equal(by_name.status, 0);
  assert_non_null(std::strstr(by_name.output.c_str(), "Verify return code: 0 (ok)"));
  assert_non_null(std::strstr(by_name.output.c_str(), "TLSv1.2"));

  OpensslRun by_ip = run_s_client(loop, port, tls.ca_file->path(), {"-verify_ip", "127.0.0.1"});
  assert_int_equal(by_ip.status, 0);
  assert_non_null(std::strstr(by_ip.output.c_str(), "Verify return code: 0 (ok)"));

  // The certificate names nothing else: an independent verifier refuses another host name.
  OpensslRun wrong =
      run_s_client(loop, port, tls.ca_file->path(), {"-verify_hostname", "kalshi.com"});
  assert_true(wrong.status != 0);

  // The listener speaks TLS 1.2 only.
  OpensslRun tls13 = run_s_client(loop, port, tls.ca_file->path(), {"-tls1_3"});
  assert_true(tls13.status != 0);

  assert_true(loop.run_until([&] { return server.all_closed(); }));
  assert_int_equal(server.peers.size(), 4);
  assert_true(server.peers[0]->error.ok());  // s_client ended with close_notify
  assert_int_equal(server.peers[3]->error.code, KALSHI_ERR_TLS);  // no common protocol version
  server.listener->close();
  loop.finish();
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_certificate_shape),
      cmocka_unit_test(test_certificates_are_fresh_each_time),
      cmocka_unit_test(test_server_config_rejects_bad_input),
      cmocka_unit_test(test_openssl_verifies_the_listener),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
