"""Independent verification of the REST signing layer (src/api/rest/auth.h, presigner.h).

The KALSHI-ACCESS-KEY / -TIMESTAMP / -SIGNATURE headers come from the helper modes of the
internal_test_rest_auth binary (kalshi_signature_headers directly, and the Presigner's background
signatures); Python's `cryptography` (and the `openssl` CLI when present) verify them over
timestamp + METHOD + path-without-query, rest-notes.md §2: RSA-PSS SHA-256, MGF1-SHA-256, salt 32;
Ed25519.

Exit 77 (skip) only when python3-cryptography is missing.
"""
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
except ImportError:
    print("python3-cryptography is not installed; skipping")
    sys.exit(77)

BUILD = os.environ.get("KALSHI_BUILD_DIR", "")
SOURCE = os.environ.get("KALSHI_SOURCE_DIR", "")
HELPER = os.environ.get("KALSHI_REST_AUTH_HELPER") or os.path.join(
    BUILD, "tests", "internal_test_rest_auth")
KEYS = os.path.join(SOURCE, "tests", "data", "keys")
OPENSSL = shutil.which("openssl")
KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c"
PSS32 = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
B64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def run(*args):
    out = subprocess.run([HELPER, *args], capture_output=True, text=True, check=False,
                         timeout=240)
    if out.returncode != 0:
        raise AssertionError(f"{HELPER} {args[0]} failed ({out.returncode}): {out.stderr}")
    return out.stdout


def parse_header_sets(text):
    sets = []
    for block in text.strip().split("\n\n"):
        headers = []
        for line in block.splitlines():
            name, _, value = line.partition(": ")
            headers.append((name, value))
        sets.append(headers)
    return sets


def headers(key, ts, method, path):
    return parse_header_sets(run("--print-headers", os.path.join(KEYS, key), KEY_ID, str(ts),
                                 method, path))[0]


def load_pub(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return serialization.load_pem_public_key(f.read())


def pub_of_private(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return serialization.load_pem_private_key(f.read(), None).public_key()


class RestSignatureHeaders(unittest.TestCase):
    TS = 1703123456789
    TARGET = "/trade-api/v2/portfolio/orders?limit=5&status=resting"
    SIGNED = b"1703123456789GET/trade-api/v2/portfolio/orders"

    def check_shape(self, h, ts, sig_len):
        self.assertEqual([n for n, _ in h],
                         ["KALSHI-ACCESS-KEY", "KALSHI-ACCESS-TIMESTAMP", "KALSHI-ACCESS-SIGNATURE"])
        self.assertEqual(h[0][1], KEY_ID)
        self.assertEqual(h[1][1], str(ts))
        self.assertRegex(h[2][1], B64)
        self.assertEqual(len(h[2][1]) % 4, 0)
        sig = base64.b64decode(h[2][1], validate=True)
        self.assertEqual(len(sig), sig_len)
        return sig

    def test_rsa_forms(self):
        pub = load_pub("rsa_pub.pem")
        for name in ["rsa_pkcs1.pem", "rsa_pkcs8.pem", "rsa_pkcs8.der"]:
            with self.subTest(key=name):
                sig = self.check_shape(headers(name, self.TS, "GET", self.TARGET), self.TS, 256)
                pub.verify(sig, self.SIGNED, PSS32, hashes.SHA256())
                with self.assertRaises(InvalidSignature):
                    pub.verify(sig, b"1703123456789GET" + self.TARGET.encode(), PSS32,
                               hashes.SHA256())

    def test_rsa3072_perps_order(self):
        path = "/trade-api/v2/margin/orders"
        sig = self.check_shape(headers("rsa3072_pkcs8.pem", 42, "POST", path), 42, 384)
        pub_of_private("rsa3072_pkcs8.pem").verify(sig, b"42POST" + path.encode(), PSS32,
                                                   hashes.SHA256())

    def test_ed25519(self):
        h = headers("ed25519.pem", self.TS, "DELETE",
                    "/trade-api/v2/portfolio/events/orders/abc-123?market_ticker=X")
        sig = self.check_shape(h, self.TS, 64)
        load_pub("ed25519_pub.pem").verify(
            sig, b"1703123456789DELETE/trade-api/v2/portfolio/events/orders/abc-123")

    @unittest.skipUnless(OPENSSL, "openssl CLI not found")
    def test_openssl_cli(self):
        sig = self.check_shape(headers("rsa_pkcs1.pem", self.TS, "GET", self.TARGET), self.TS, 256)
        with tempfile.TemporaryDirectory() as d:
            sig_path, msg_path = os.path.join(d, "sig.bin"), os.path.join(d, "msg.bin")
            with open(sig_path, "wb") as f:
                f.write(sig)
            with open(msg_path, "wb") as f:
                f.write(self.SIGNED)
            out = subprocess.run(
                [OPENSSL, "dgst", "-sha256", "-verify", os.path.join(KEYS, "rsa_pub.pem"),
                 "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                 "-sigopt", "rsa_mgf1_md:sha256", "-signature", sig_path, msg_path],
                capture_output=True, text=True, check=False)
            self.assertIn("Verified OK", out.stdout)

    def test_presigned(self):
        path = "/trade-api/v2/portfolio/events/orders"
        before = int(time.time() * 1000)
        sets = parse_header_sets(run("--print-presigned", os.path.join(KEYS, "rsa_pkcs8.pem"),
                                     KEY_ID, "POST", path, "3"))
        after = int(time.time() * 1000)
        self.assertEqual(len(sets), 3)
        pub = load_pub("rsa_pub.pem")
        seen = set()
        for h in sets:
            ts = int(h[1][1])
            # Signed ahead, but never older than the 5 s freshness window when handed out.
            self.assertGreaterEqual(ts, before - 5000)
            self.assertLessEqual(ts, after)
            sig = self.check_shape(h, ts, 256)
            pub.verify(sig, f"{ts}POST{path}".encode(), PSS32, hashes.SHA256())
            seen.add(h[2][1])
        self.assertEqual(len(seen), 3)  # each signature handed out once


if __name__ == "__main__":
    if not os.path.exists(HELPER):
        print(f"{HELPER} not built")
        sys.exit(1)
    unittest.main()
