// libkalshi for .NET — configuration (conf.h): string properties validated when set.
using System;
using Kalshi.Interop;

namespace Kalshi
{
    public sealed class Conf : IDisposable
    {
        private const int ErrStrSize = 512;
        internal readonly ConfHandle Handle;

        public Conf()
        {
            Handle = Native.kalshi_conf_new();
            if (Handle.IsInvalid) throw new KalshiException(ErrorCode.NoMemory, null);
            Handle.Track();
        }

        private Conf(ConfHandle h)
        {
            if (h.IsInvalid) throw new KalshiException(ErrorCode.NoMemory, null);
            h.Track();
            Handle = h;
        }

        /// <summary>An independent copy (kalshi_conf_dup).</summary>
        public Conf Dup() { return new Conf(Native.kalshi_conf_dup(Handle)); }

        /// <summary>Sets a property; null resets it to its default. Throws KalshiException with
        /// ErrorCode.UnknownKey or ErrorCode.InvalidValue and the library's message.</summary>
        public Conf Set(string key, string value)
        {
            if (key == null) throw new ArgumentNullException("key");
            byte[] err = new byte[ErrStrSize];
            int rc = Native.kalshi_conf_set(Handle, Utf8.Encode(key), Utf8.Encode(value), err, (UIntPtr)(ulong)err.Length);
            Errors.Check(rc, err);
            return this;
        }

        /// <summary>The effective value (explicit, else default). Secrets read back "[redacted]".</summary>
        public string Get(string key)
        {
            if (key == null) throw new ArgumentNullException("key");
            byte[] k = Utf8.Encode(key);
            return SizedString(delegate (byte[] dest, ref UIntPtr size) { return Native.kalshi_conf_get(Handle, k, dest, ref size); });
        }

        public string this[string key]
        {
            get { return Get(key); }
            set { Set(key, value); }
        }

        /// <summary>Every property as "key=value\n" lines, secrets redacted.</summary>
        public string Dump()
        {
            return SizedString(delegate (byte[] dest, ref UIntPtr size) { return Native.kalshi_conf_dump(Handle, dest, ref size); });
        }

        /// <summary>Applies KALSHI_* environment variables (kalshi_conf_from_env).</summary>
        public Conf FromEnv()
        {
            byte[] err = new byte[ErrStrSize];
            Errors.Check(Native.kalshi_conf_from_env(Handle, err, (UIntPtr)(ulong)err.Length), err);
            return this;
        }

        public void Dispose() { Handle.Dispose(); }

        internal delegate int SizedCall(byte[] dest, ref UIntPtr size);

        // The size protocol of kalshi_conf_get / _dump / kalshi_key_*_pem: ask, allocate, fill;
        // retry if the value grew in between.
        internal static string SizedString(SizedCall call)
        {
            UIntPtr size = UIntPtr.Zero;
            int rc = call(null, ref size);
            for (int attempt = 0; attempt < 8; attempt++)
            {
                if (rc != 0 && rc != (int)ErrorCode.BufferTooSmall) Errors.Check(rc);
                int n = (int)(ulong)size;
                if (n <= 0) n = 1;
                byte[] buf = new byte[n];
                size = (UIntPtr)(ulong)n;
                rc = call(buf, ref size);
                if (rc == 0) return Utf8.FromBuffer(buf);
            }
            Errors.Check(rc);
            return null;
        }
    }
}
