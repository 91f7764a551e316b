"""Independent verification of libkalshi's signatures.

libkalshi signs (through tests/tools/sign, which uses only the public C API); Python's
`cryptography` and the `openssl` CLI verify. Covers RSA-PSS (SHA-256, MGF1-SHA-256, salt exactly
32) for every RSA load form, Ed25519, the FIX logon golden vector of kalshi-fix.md §2.7, keys
libkalshi generates, and keys `cryptography` generates at test time.

Exit 77 (skip) only when python3-cryptography is missing.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
except ImportError:
    print("python3-cryptography is not installed; skipping")
    sys.exit(77)

TOOLS = os.environ.get("KALSHI_TEST_TOOLS", "")
SOURCE = os.environ.get("KALSHI_SOURCE_DIR", "")
SIGN = os.path.join(TOOLS, "sign")
KEYS = os.path.join(SOURCE, "tests", "data", "keys")
PASS = "kalshi-test-passphrase"
OPENSSL = shutil.which("openssl")

PSS32 = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)

# kalshi-fix.md §2.7 golden vector.
FIX_ARGS = ["20230809-05:28:18.035", "1", "your-fix-api-key-uuid", "KalshiNR"]
FIX_PREHASH_HEX = (
    "32303233303830392d30353a32383a31382e3033350141013101796f75722d6669782d6170692d6b65792d7575"
    "6964014b616c7368694e52")
FIX_PREHASH_SHA256 = "79676caaf065c173623e72256b47d3a4904e15c32a739010e17dfc35a0fe2101"

RSA_FORMS = [
    ("rsa_pkcs1.pem", None),
    ("rsa_pkcs8.pem", None),
    ("rsa_pkcs8.der", None),
    ("rsa_pkcs8_enc.pem", PASS),
    ("rsa_pkcs8_enc_des3.pem", PASS),
    ("rsa_pkcs8_enc_pkcs12.pem", PASS),
    ("rsa_pkcs1_enc_legacy.pem", PASS),
]


def run_sign(*args):
    out = subprocess.run([SIGN, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise AssertionError(f"sign {' '.join(args[:1])} failed ({out.returncode}): {out.stderr}")
    return out.stdout


def key_args(path, passphrase):
    return [path] + ([passphrase] if passphrase else [])


def sign_rest(path, passphrase, ts, method, target):
    b64 = run_sign("rest", *key_args(path, passphrase), str(ts), method, target).strip()
    return b64, base64.b64decode(b64, validate=True)


def load_pub(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return serialization.load_pem_public_key(f.read())


def openssl_verify_pss(pub_pem_path, sig, msg, saltlen=32):
    with tempfile.TemporaryDirectory() as d:
        sig_path, msg_path = os.path.join(d, "sig.bin"), os.path.join(d, "msg.bin")
        with open(sig_path, "wb") as f:
            f.write(sig)
        with open(msg_path, "wb") as f:
            f.write(msg)
        out = subprocess.run(
            [OPENSSL, "dgst", "-sha256", "-verify", pub_pem_path,
             "-sigopt", "rsa_padding_mode:pss", "-sigopt", f"rsa_pss_saltlen:{saltlen}",
             "-sigopt", "rsa_mgf1_md:sha256", "-signature", sig_path, msg_path],
            capture_output=True, text=True, check=False)
        return out.returncode == 0 and "Verified OK" in out.stdout


class RestSignatures(unittest.TestCase):
    TS = 1703123456789
    PATH = "/trade-api/v2/portfolio/orders?limit=5&status=resting"
    SIGNED = b"1703123456789GET/trade-api/v2/portfolio/orders"

    def test_rsa_every_load_form(self):
        pub = load_pub("rsa_pub.pem")
        for name, passphrase in RSA_FORMS:
            with self.subTest(key=name):
                b64, sig = sign_rest(os.path.join(KEYS, name), passphrase, self.TS, "GET",
                                     self.PATH)
                self.assertEqual(len(b64), 344)
                self.assertEqual(len(sig), 256)
                pub.verify(sig, self.SIGNED, PSS32, hashes.SHA256())
                # The verifier really checks: the un-cut path is a different message.
                with self.assertRaises(InvalidSignature):
                    pub.verify(sig, b"1703123456789GET" + self.PATH.encode(), PSS32,
                               hashes.SHA256())

    def test_rsa3072(self):
        path = os.path.join(KEYS, "rsa3072_pkcs8.pem")
        with open(path, "rb") as f:
            pub = serialization.load_pem_private_key(f.read(), None).public_key()
        _, sig = sign_rest(path, None, 42, "POST", "/trade-api/v2/portfolio/events/orders")
        self.assertEqual(len(sig), 384)
        pub.verify(sig, b"42POST/trade-api/v2/portfolio/events/orders", PSS32, hashes.SHA256())

    @unittest.skipUnless(OPENSSL, "openssl CLI not found")
    def test_rsa_openssl_cli(self):
        _, sig = sign_rest(os.path.join(KEYS, "rsa_pkcs1.pem"), None, self.TS, "GET", self.PATH)
        pub_path = os.path.join(KEYS, "rsa_pub.pem")
        self.assertTrue(openssl_verify_pss(pub_path, sig, self.SIGNED))
        # Salt length is exactly 32: openssl refuses the same signature when told 20.
        self.assertFalse(openssl_verify_pss(pub_path, sig, self.SIGNED, saltlen=20))
        self.assertFalse(openssl_verify_pss(pub_path, sig, self.SIGNED + b"x"))

    def test_ed25519(self):
        pub = load_pub("ed25519_pub.pem")
        for name, passphrase in [("ed25519.pem", None), ("ed25519_enc.pem", PASS)]:
            with self.subTest(key=name):
                b64, sig = sign_rest(os.path.join(KEYS, name), passphrase, self.TS, "GET",
                                     self.PATH)
                self.assertEqual(len(b64), 88)
                pub.verify(sig, self.SIGNED)
                with self.assertRaises(InvalidSignature):
                    pub.verify(sig, self.SIGNED + b"/")

    def test_websocket_upgrade(self):
        pub = load_pub("ed25519_pub.pem")
        _, sig = sign_rest(os.path.join(KEYS, "ed25519.pem"), None, self.TS, "GET",
                           "/trade-api/ws/v2")
        pub.verify(sig, b"1703123456789GET/trade-api/ws/v2")

    def test_raw_binary_message(self):
        msg = bytes(range(256)) * 3
        with tempfile.NamedTemporaryFile() as f:
            f.write(msg)
            f.flush()
            sig = bytes.fromhex(run_sign("raw", os.path.join(KEYS, "rsa_pkcs8.pem"), f.name))
            load_pub("rsa_pub.pem").verify(sig, msg, PSS32, hashes.SHA256())
            sig = bytes.fromhex(run_sign("raw", os.path.join(KEYS, "ed25519.pem"), f.name))
            load_pub("ed25519_pub.pem").verify(sig, msg)


class FixLogon(unittest.TestCase):
    def test_golden_prehash(self):
        prehash = bytes.fromhex(FIX_PREHASH_HEX)
        self.assertEqual(len(prehash), 56)
        self.assertEqual(hashlib.sha256(prehash).hexdigest(), FIX_PREHASH_SHA256)
        self.assertEqual(prehash, "\x01".join([FIX_ARGS[0], "A", *FIX_ARGS[1:]]).encode())
        pub = load_pub("rsa_pub.pem")
        for name, passphrase in RSA_FORMS[:4]:
            with self.subTest(key=name):
                b64 = run_sign("fix", *key_args(os.path.join(KEYS, name), passphrase),
                               *FIX_ARGS).strip()
                self.assertEqual(len(b64), 344)
                sig = base64.b64decode(b64, validate=True)
                pub.verify(sig, prehash, PSS32, hashes.SHA256())
                if OPENSSL:
                    self.assertTrue(
                        openssl_verify_pss(os.path.join(KEYS, "rsa_pub.pem"), sig, prehash))

    def test_ed25519_refused(self):
        out = subprocess.run([SIGN, "fix", os.path.join(KEYS, "ed25519.pem"), *FIX_ARGS],
                             capture_output=True, text=True, check=False)
        self.assertEqual(out.returncode, 16)  # KALSHI_ERR_KEY_UNSUPPORTED
        self.assertIn("KALSHI_ERR_KEY_UNSUPPORTED", out.stderr)


class KeyExchange(unittest.TestCase):
    """Keys crossing between libkalshi and cryptography in both directions."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_public_pem_matches(self):
        for priv, pub in [("rsa_pkcs1.pem", "rsa_pub.pem"), ("ed25519.pem", "ed25519_pub.pem")]:
            with open(os.path.join(KEYS, priv), "rb") as f:
                want = serialization.load_pem_private_key(f.read(), None).public_key().public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            self.assertEqual(run_sign("pubkey", os.path.join(KEYS, priv)).encode(), want)

    def test_generated_by_libkalshi(self):
        for kind, header in [("rsa", b"-----BEGIN RSA PRIVATE KEY-----\n"),
                             ("ed25519", b"-----BEGIN PRIVATE KEY-----\n")]:
            with self.subTest(kind=kind):
                pem = run_sign("generate", kind).encode()
                self.assertTrue(pem.startswith(header))
                key = serialization.load_pem_private_key(pem, None)
                path = self.write(kind + ".pem", pem)
                _, sig = sign_rest(path, None, 7, "GET", "/x?y")
                if kind == "rsa":
                    self.assertIsInstance(key, rsa.RSAPrivateKey)
                    self.assertEqual(key.key_size, 2048)
                    key.public_key().verify(sig, b"7GET/x", PSS32, hashes.SHA256())
                else:
                    self.assertIsInstance(key, ed25519.Ed25519PrivateKey)
                    key.public_key().verify(sig, b"7GET/x")

    def test_generated_by_cryptography(self):
        enc = serialization.BestAvailableEncryption(b"fresh-pass")
        none = serialization.NoEncryption()
        pkcs8 = serialization.PrivateFormat.PKCS8
        trad = serialization.PrivateFormat.TraditionalOpenSSL
        rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        ed_key = ed25519.Ed25519PrivateKey.generate()
        cases = [
            ("rsa-pkcs1", rsa_key, trad, none, None),
            ("rsa-pkcs8", rsa_key, pkcs8, none, None),
            ("rsa-pkcs8-enc", rsa_key, pkcs8, enc, "fresh-pass"),
            ("rsa-legacy-enc", rsa_key, trad, enc, "fresh-pass"),
            ("ed25519", ed_key, pkcs8, none, None),
            ("ed25519-enc", ed_key, pkcs8, enc, "fresh-pass"),
        ]
        for name, key, fmt, encryption, passphrase in cases:
            with self.subTest(key=name):
                pem = key.private_bytes(serialization.Encoding.PEM, fmt, encryption)
                path = self.write(name + ".pem", pem)
                _, sig = sign_rest(path, passphrase, 1, "PUT", "/a/b")
                if isinstance(key, rsa.RSAPrivateKey):
                    key.public_key().verify(sig, b"1PUT/a/b", PSS32, hashes.SHA256())
                else:
                    key.public_key().verify(sig, b"1PUT/a/b")
                if passphrase:
                    out = subprocess.run([SIGN, "info", path, "not-it"], capture_output=True,
                                         text=True, check=False)
                    self.assertEqual(out.returncode, 15)  # KALSHI_ERR_KEY_PASSPHRASE
                    self.assertNotIn("BEGIN", out.stderr)


if __name__ == "__main__":
    if not os.access(SIGN, os.X_OK) or not os.path.isdir(KEYS):
        print(f"missing helper {SIGN} or keys {KEYS}: set KALSHI_TEST_TOOLS and KALSHI_SOURCE_DIR")
        sys.exit(1)
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
