// libkalshi for .NET — the version this binding was written for, and the library's.
using System;
using Kalshi.Interop;

namespace Kalshi
{
    public static class Library
    {
        /// <summary>The C API version this binding declares (include/kalshi/version.h).</summary>
        public const int BindingMajor = 0;
        public const int BindingMinor = 1;
        public const int BindingPatch = 0;

        public static Version BindingVersion { get { return new Version(BindingMajor, BindingMinor, BindingPatch); } }

        /// <summary>Loads libkalshi from an exact path (default: the KALSHI_LIB environment
        /// variable) so that no library search path is needed. Mono binds P/Invokes when it
        /// compiles their first caller, so call this at start-up, from a method that makes no
        /// other Kalshi call. Returns false when there is no path. Linux and other ELF systems.</summary>
        public static bool Preload(string path = null)
        {
            if (path == null) path = Environment.GetEnvironmentVariable("KALSHI_LIB");
            if (string.IsNullOrEmpty(path)) return false;
            Kalshi.Interop.Preload.Load(path);
            return true;
        }

        /// <summary>kalshi_version(): (major &lt;&lt; 16) | (minor &lt;&lt; 8) | patch.</summary>
        public static uint VersionNumber { get { return Native.kalshi_version(); } }

        /// <summary>The version of the libkalshi actually loaded.</summary>
        public static Version Version
        {
            get
            {
                uint v = VersionNumber;
                return new Version((int)(v >> 16), (int)((v >> 8) & 0xff), (int)(v & 0xff));
            }
        }

        /// <summary>kalshi_version_str(): "MAJOR.MINOR.PATCH".</summary>
        public static string VersionString { get { return Utf8.Decode(Native.kalshi_version_str()); } }

        /// <summary>True when the loaded library can serve this binding: same major, and at least
        /// the minor the binding was written for (functions are only ever added).</summary>
        public static bool IsCompatible
        {
            get
            {
                Version v = Version;
                return v.Major == BindingMajor && v.Minor >= BindingMinor;
            }
        }
    }
}
