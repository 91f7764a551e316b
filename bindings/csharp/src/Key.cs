// libkalshi for .NET — private keys and Kalshi request signing (key.h).
using System;
using Kalshi.Interop;

namespace Kalshi
{
    public enum KeyType
    {
        Rsa = 1,
        Ed25519 = 2,
    }

    /// <summary>An RSA or Ed25519 private key. Key material lives in native memory only and is
    /// wiped when the key is disposed or collected.</summary>
    public sealed class Key : IDisposable
    {
        internal readonly KeyHandle Handle;

        private Key(KeyHandle h) { Handle = h; }

        private static Key Take(int rc, KeyHandle h, ErrorHandle err)
        {
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc, err);
            h.Track();
            return new Key(h);
        }

        /// <summary>PKCS#1, PKCS#8 or encrypted PKCS#8 PEM text.</summary>
        public static Key LoadPem(string pem, string passphrase = null)
        {
            if (pem == null) throw new ArgumentNullException("pem");
            byte[] b = Utf8.Encode(pem);
            KeyHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_key_load_pem(b, (UIntPtr)(ulong)(b.Length - 1), Utf8.Encode(passphrase), out h, out err);
            return Take(rc, h, err);
        }

        public static Key LoadFile(string path, string passphrase = null)
        {
            if (path == null) throw new ArgumentNullException("path");
            KeyHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_key_load_file(Utf8.Encode(path), Utf8.Encode(passphrase), out h, out err);
            return Take(rc, h, err);
        }

        /// <summary>From KALSHI_PRIVATE_KEY / _PATH / _PASSPHRASE (KALSHI_PERPS_* when perps).</summary>
        public static Key LoadEnv(bool perps = false)
        {
            KeyHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_key_load_env(perps ? 1 : 0, out h, out err);
            return Take(rc, h, err);
        }

        /// <summary>A fresh key: RSA with bits (2048..8192; 0 = 2048) or Ed25519.</summary>
        public static Key Generate(KeyType type, uint bits = 0)
        {
            KeyHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_key_generate((int)type, bits, out h, out err);
            return Take(rc, h, err);
        }

        public KeyType Type { get { return (KeyType)Native.kalshi_key_type(Handle); } }
        public int Bits { get { return (int)Native.kalshi_key_bits(Handle); } }
        public int SignatureSize { get { return (int)(ulong)Native.kalshi_key_signature_size(Handle); } }

        /// <summary>SubjectPublicKeyInfo PEM, the form Kalshi registers.</summary>
        public string PublicPem()
        {
            return Conf.SizedString(delegate (byte[] buf, ref UIntPtr len) { return Native.kalshi_key_public_pem(Handle, buf, ref len); });
        }

        /// <summary>Unencrypted PKCS#8 PEM. A secret: handle with care.</summary>
        public string PrivatePem()
        {
            return Conf.SizedString(delegate (byte[] buf, ref UIntPtr len) { return Native.kalshi_key_private_pem(Handle, buf, ref len); });
        }

        /// <summary>Raw signature (RSA-PSS SHA-256 salt 32, or Ed25519).</summary>
        public byte[] Sign(byte[] message)
        {
            if (message == null) throw new ArgumentNullException("message");
            byte[] sig = new byte[Math.Max(SignatureSize, 1)];
            UIntPtr len = (UIntPtr)(ulong)sig.Length;
            ErrorHandle err;
            int rc = Native.kalshi_key_sign(Handle, message, (UIntPtr)(ulong)message.Length, sig, ref len, out err);
            Errors.Check(rc, err);
            int n = (int)(ulong)len;
            if (n == sig.Length) return sig;
            byte[] r = new byte[n];
            Array.Copy(sig, r, n);
            return r;
        }

        /// <summary>KALSHI-ACCESS-SIGNATURE: base64 signature of timestamp + METHOD + path
        /// (path cut at '?').</summary>
        public string SignRest(long timestampMs, string method, string path)
        {
            if (method == null) throw new ArgumentNullException("method");
            if (path == null) throw new ArgumentNullException("path");
            byte[] m = Utf8.Encode(method), p = Utf8.Encode(path);
            return Base64Call(delegate (byte[] buf, ref UIntPtr len, out ErrorHandle err)
            {
                return Native.kalshi_sign_rest(Handle, timestampMs, m, p, buf, ref len, out err);
            });
        }

        /// <summary>RawData (96) of a FIX Logon: base64 RSA-PSS signature of
        /// SendingTime SOH "A" SOH MsgSeqNum SOH SenderCompID SOH TargetCompID.</summary>
        public string SignFixLogon(string sendingTime, ulong msgSeqNum, string senderCompId, string targetCompId)
        {
            if (sendingTime == null) throw new ArgumentNullException("sendingTime");
            if (senderCompId == null) throw new ArgumentNullException("senderCompId");
            if (targetCompId == null) throw new ArgumentNullException("targetCompId");
            byte[] st = Utf8.Encode(sendingTime), s = Utf8.Encode(senderCompId), t = Utf8.Encode(targetCompId);
            return Base64Call(delegate (byte[] buf, ref UIntPtr len, out ErrorHandle err)
            {
                return Native.kalshi_sign_fix_logon(Handle, st, msgSeqNum, s, t, buf, ref len, out err);
            });
        }

        private delegate int SignCall(byte[] buf, ref UIntPtr len, out ErrorHandle err);

        private string Base64Call(SignCall call)
        {
            int cap = (Math.Max(SignatureSize, 64) + 2) / 3 * 4 + 1;
            for (int attempt = 0; attempt < 4; attempt++)
            {
                byte[] buf = new byte[cap];
                UIntPtr len = (UIntPtr)(ulong)cap;
                ErrorHandle err;
                int rc = call(buf, ref len, out err);
                if (rc == (int)ErrorCode.BufferTooSmall)
                {
                    if (err != null) err.Dispose();
                    cap = Math.Max(cap * 2, (int)(ulong)len + 1);
                    continue;
                }
                Errors.Check(rc, err);
                return System.Text.Encoding.ASCII.GetString(buf, 0, (int)(ulong)len);
            }
            throw new KalshiException(ErrorCode.BufferTooSmall, null);
        }

        public void Dispose() { Handle.Dispose(); }
    }
}
