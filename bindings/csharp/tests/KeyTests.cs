// Keys and signing. Every signature is verified by the openssl CLI, independently of the library.
using System;
using System.IO;
using System.Text;

namespace Kalshi.Tests
{
    public class KeyTests
    {
        private const long Ts = 1703123456789;

        // One RSA key for the tests that do not care about generation (2048-bit keygen is slow).
        private static Key rsa;
        private static Key Rsa { get { return rsa ?? (rsa = Key.Generate(KeyType.Rsa)); } }

        [Test]
        public void GenerateRsa()
        {
            Assert.Equal(KeyType.Rsa, Rsa.Type, "type");
            Assert.Equal(2048, Rsa.Bits, "default bits");
            Assert.Equal(256, Rsa.SignatureSize, "signature size");
            string pem = Rsa.PublicPem();
            Assert.True(pem.StartsWith("-----BEGIN PUBLIC KEY-----"), "SPKI PEM: " + pem);
            Assert.True(pem.TrimEnd().EndsWith("-----END PUBLIC KEY-----"), "SPKI PEM end");
        }

        [Test]
        public void RestSignatureVerifiesWithOpenssl()
        {
            string path = "/trade-api/v2/portfolio/balance";
            string sig = Rsa.SignRest(Ts, "GET", path);
            byte[] raw = Convert.FromBase64String(sig);
            Assert.Equal(256, raw.Length, "signature bytes");
            string pub = Rsa.PublicPem();
            Assert.True(Support.OpensslVerify(pub, Encoding.ASCII.GetBytes("1703123456789GET" + path), raw, KeyType.Rsa), "openssl verifies the REST signature");
            // The verifier can say no: a different method, timestamp or key must fail.
            Assert.False(Support.OpensslVerify(pub, Encoding.ASCII.GetBytes("1703123456789POST" + path), raw, KeyType.Rsa), "openssl rejects a different message");
            Assert.False(Support.OpensslVerify(pub, Encoding.ASCII.GetBytes("1703123456780GET" + path), raw, KeyType.Rsa), "openssl rejects a different timestamp");
            using (Key other = Key.Generate(KeyType.Rsa))
                Assert.False(Support.OpensslVerify(other.PublicPem(), Encoding.ASCII.GetBytes("1703123456789GET" + path), raw, KeyType.Rsa), "openssl rejects another key");
        }

        [Test]
        public void RestSignatureIgnoresQuery()
        {
            string sig = Rsa.SignRest(Ts, "GET", "/trade-api/v2/portfolio/orders?limit=5&status=resting");
            Assert.True(Support.OpensslVerify(Rsa.PublicPem(), Encoding.ASCII.GetBytes("1703123456789GET/trade-api/v2/portfolio/orders"), Convert.FromBase64String(sig), KeyType.Rsa),
                "signature covers the path without the query");
        }

        [Test]
        public void RestSignatureRejectsBadInput()
        {
            Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => Rsa.SignRest(Ts, "get", "/trade-api/v2/x"), "lower-case method");
            Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => Rsa.SignRest(Ts, "GET", "trade-api/v2/x"), "relative path");
        }

        [Test]
        public void FixLogonSignatureVerifiesWithOpenssl()
        {
            string sig = Rsa.SignFixLogon("20240101-12:34:56.789", 1, "MY-SENDER", "KalshiNR");
            string msg = "20240101-12:34:56.789\u0001A\u00011\u0001MY-SENDER\u0001KalshiNR";
            Assert.True(Support.OpensslVerify(Rsa.PublicPem(), Encoding.ASCII.GetBytes(msg), Convert.FromBase64String(sig), KeyType.Rsa), "openssl verifies the FIX logon signature");
            Assert.False(Support.OpensslVerify(Rsa.PublicPem(), Encoding.ASCII.GetBytes(msg.Replace("\u00011\u0001", "\u00012\u0001")), Convert.FromBase64String(sig), KeyType.Rsa), "other MsgSeqNum fails");
        }

        [Test]
        public void RawSignVerifiesWithOpenssl()
        {
            byte[] msg = Encoding.UTF8.GetBytes("arbitrary bytes \u00e9\u0000 with a NUL inside");
            byte[] sig = Rsa.Sign(msg);
            Assert.Equal(Rsa.SignatureSize, sig.Length, "length");
            Assert.True(Support.OpensslVerify(Rsa.PublicPem(), msg, sig, KeyType.Rsa), "openssl verifies");
        }

        [Test]
        public void Ed25519SignsRestButNotFix()
        {
            using (Key k = Key.Generate(KeyType.Ed25519))
            {
                Assert.Equal(KeyType.Ed25519, k.Type, "type");
                Assert.Equal(256, k.Bits, "bits");
                Assert.Equal(64, k.SignatureSize, "signature size");
                string path = "/trade-api/v2/portfolio/balance";
                byte[] sig = Convert.FromBase64String(k.SignRest(Ts, "GET", path));
                Assert.Equal(64, sig.Length, "signature bytes");
                Assert.True(Support.OpensslVerify(k.PublicPem(), Encoding.ASCII.GetBytes("1703123456789GET" + path), sig, KeyType.Ed25519), "openssl verifies Ed25519");
                Assert.False(Support.OpensslVerify(k.PublicPem(), Encoding.ASCII.GetBytes("1703123456789PUT" + path), sig, KeyType.Ed25519), "openssl rejects Ed25519 over another message");
                Assert.ThrowsKalshi(ErrorCode.KeyUnsupported, () => k.SignFixLogon("20240101-12:34:56.789", 1, "S", "T"), "FIX logon needs RSA");
            }
        }

        [Test]
        public void PrivatePemRoundTripThroughPemAndFile()
        {
            string priv = Rsa.PrivatePem();
            Assert.True(priv.StartsWith("-----BEGIN RSA PRIVATE KEY-----"), "RSA as PKCS#1 PEM, as Kalshi issues it");
            using (Key k = Key.LoadPem(priv))
                Assert.Equal(Rsa.PublicPem(), k.PublicPem(), "same public key from PEM text");
            string dir = Support.TempDir();
            try
            {
                string file = Path.Combine(dir, "key.pem");
                File.WriteAllText(file, priv);
                using (Key k = Key.LoadFile(file))
                    Assert.Equal(Rsa.PublicPem(), k.PublicPem(), "same public key from file");
                try
                {
                    Support.SetEnv("KALSHI_PRIVATE_KEY", null);
                    Support.SetEnv("KALSHI_PRIVATE_KEY_PATH", file);
                    using (Key k = Key.LoadEnv())
                        Assert.Equal(Rsa.PublicPem(), k.PublicPem(), "same public key from KALSHI_PRIVATE_KEY_PATH");
                }
                finally
                {
                    Support.SetEnv("KALSHI_PRIVATE_KEY_PATH", null);
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void EncryptedAndForeignKeysFromOpenssl()
        {
            string dir = Support.TempDir();
            try
            {
                string enc = Path.Combine(dir, "enc.pem"), ec = Path.Combine(dir, "ec.pem"), pub = Path.Combine(dir, "pub.pem");
                string output;
                Assert.Equal(0, Support.Run("openssl", "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes-256-cbc -pass pass:open-sesame -out " + enc, out output), "openssl genpkey: " + output);
                Assert.Equal(0, Support.Run("openssl", "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + ec, out output), "openssl genpkey EC: " + output);
                Assert.Equal(0, Support.Run("openssl", "pkey -in " + enc + " -passin pass:open-sesame -pubout -out " + pub, out output), "openssl pkey -pubout: " + output);

                using (Key k = Key.LoadFile(enc, "open-sesame"))
                {
                    Assert.Equal(KeyType.Rsa, k.Type, "encrypted PKCS#8 loads");
                    Assert.Equal(File.ReadAllText(pub).Trim(), k.PublicPem().Trim(), "public key matches openssl's");
                }
                var wrong = Assert.ThrowsKalshi(ErrorCode.KeyPassphrase, () => Key.LoadFile(enc, "wrong"), "wrong passphrase");
                Assert.True(wrong.Message.Length > 0, "message");
                Assert.ThrowsKalshi(ErrorCode.KeyPassphrase, () => Key.LoadPem(File.ReadAllText(enc)), "missing passphrase");
                Assert.ThrowsKalshi(ErrorCode.KeyUnsupported, () => Key.LoadFile(ec), "EC key");
                Assert.ThrowsKalshi(ErrorCode.KeyPublic, () => Key.LoadFile(pub), "public key");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void LoadErrorsCarryDetail()
        {
            var e = Assert.ThrowsKalshi(ErrorCode.KeyFormat, () => Key.LoadPem("this is not a key"), "garbage");
            Assert.Equal("KALSHI_ERR_KEY_FORMAT", e.Name, "Name");
            Assert.NotNull(e.Detail, "error object detail");
            Assert.Equal(ErrorCode.KeyFormat, e.Detail.Code, "detail code");
            Assert.True(e.Message.Length > 0, "message");
            var io = Assert.ThrowsKalshi(ErrorCode.Io, () => Key.LoadFile("/nonexistent/kalshi/key.pem"), "missing file");
            Assert.True(io.Message.Length > 0, "io message");
            Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => Key.Generate((KeyType)77), "unknown key type");
            Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => Key.Generate(KeyType.Rsa, 1024), "1024-bit RSA");
            Support.SetEnv("KALSHI_PRIVATE_KEY", null);
            Support.SetEnv("KALSHI_PRIVATE_KEY_PATH", null);
            Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => Key.LoadEnv(), "no KALSHI_PRIVATE_KEY[_PATH]");
        }
    }
}
