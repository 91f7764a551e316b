// libkalshi for .NET — error codes, error details and the exception every failing call throws.
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>kalshi_err_t (error.h). Append-only: values never change.</summary>
    public enum ErrorCode
    {
        Ok = 0,
        InvalidArg = 1,
        UnknownKey = 2,
        InvalidValue = 3,
        NoMemory = 4,
        Closed = 5,
        WrongThread = 6,
        WrongMode = 7,
        Timeout = 8,
        BufferTooSmall = 9,
        Parse = 10,
        Range = 11,
        Inexact = 12,
        Io = 13,
        KeyFormat = 14,
        KeyPassphrase = 15,
        KeyUnsupported = 16,
        KeyPublic = 17,
        Crypto = 18,
        Dns = 19,
        Connect = 20,
        Disconnected = 21,
        Tls = 22,
        TlsUntrusted = 23,
        TlsHostname = 24,
        TlsPin = 25,
        HostNotAllowed = 26,
        State = 27,
        NotSupported = 28,
        Internal = 29,
        Protocol = 30,
        Rejected = 31,
        NotFound = 32,
        SequenceGap = 33,
        /// <summary>HTTP 400: the exchange refused the request's content.</summary>
        BadRequest = 34,
        /// <summary>HTTP 401/403: credentials or signature refused.</summary>
        Unauthorized = 35,
        /// <summary>HTTP 409: conflicts with the current state.</summary>
        Conflict = 36,
        /// <summary>HTTP 429, or the client-side limiter in fail-fast mode (rest.rate_limit_wait=false).</summary>
        RateLimited = 37,
        /// <summary>HTTP 5xx: the exchange failed.</summary>
        Server = 38,
        /// <summary>A bounded queue overflowed and data was dropped.</summary>
        Overflow = 39,
    }

    public static class Errors
    {
        /// <summary>"KALSHI_ERR_TIMEOUT" etc. (kalshi_err_name).</summary>
        public static string Name(ErrorCode code) { return Utf8.Decode(Native.kalshi_err_name((int)code)); }

        /// <summary>One-line English description (kalshi_err_str).</summary>
        public static string Describe(ErrorCode code) { return Utf8.Decode(Native.kalshi_err_str((int)code)); }

        /// <summary>Every code the loaded library knows (kalshi_err_codes).</summary>
        public static ErrorCode[] LibraryCodes()
        {
            int n = (int)(ulong)Native.kalshi_err_codes(null, UIntPtr.Zero);
            int[] raw = new int[n];
            int got = (int)(ulong)Native.kalshi_err_codes(raw, (UIntPtr)(ulong)n);
            var result = new ErrorCode[Math.Min(n, got)];
            for (int i = 0; i < result.Length; i++) result[i] = (ErrorCode)raw[i];
            return result;
        }

        // Throws for any code but Ok. detail may be null; it is consumed (destroyed) here.
        internal static void Check(int code, ErrorHandle detail)
        {
            if (code == 0)
            {
                if (detail != null) detail.Dispose();
                return;
            }
            throw KalshiException.From((ErrorCode)code, detail);
        }

        internal static void Check(int code)
        {
            if (code != 0) throw new KalshiException((ErrorCode)code, null);
        }

        internal static void Check(int code, byte[] errstr)
        {
            if (code != 0) throw new KalshiException((ErrorCode)code, Utf8.FromBuffer(errstr));
        }
    }

    /// <summary>A snapshot of a kalshi_error_t: code, message and REST/FIX detail.</summary>
    public sealed class KalshiError
    {
        public ErrorCode Code { get; private set; }
        public string Name { get { return Errors.Name(Code); } }
        public string Message { get; private set; }
        public int HttpStatus { get; private set; }
        public string ExchangeCode { get; private set; }
        public bool Retriable { get; private set; }
        public bool Fatal { get; private set; }

        internal static KalshiError FromOwned(ErrorHandle h)
        {
            if (h == null || h.IsInvalid) return null;
            h.Track();
            try
            {
                return new KalshiError
                {
                    Code = (ErrorCode)Native.kalshi_error_code(h),
                    Message = Utf8.Decode(Native.kalshi_error_message(h)) ?? "",
                    HttpStatus = Native.kalshi_error_http_status(h),
                    ExchangeCode = Utf8.Decode(Native.kalshi_error_exchange_code(h)) ?? "",
                    Retriable = Native.kalshi_error_retriable(h) != 0,
                    Fatal = Native.kalshi_error_fatal(h) != 0,
                };
            }
            finally
            {
                h.Dispose();
            }
        }

        // p is borrowed (owned by an event that the caller keeps alive during this call).
        internal static KalshiError FromBorrowed(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            return new KalshiError
            {
                Code = (ErrorCode)Native.kalshi_error_code_p(p),
                Message = Utf8.Decode(Native.kalshi_error_message_p(p)) ?? "",
                HttpStatus = Native.kalshi_error_http_status_p(p),
                ExchangeCode = Utf8.Decode(Native.kalshi_error_exchange_code_p(p)) ?? "",
                Retriable = Native.kalshi_error_retriable_p(p) != 0,
                Fatal = Native.kalshi_error_fatal_p(p) != 0,
            };
        }

        public override string ToString() { return Name + ": " + Message; }
    }

    /// <summary>Thrown by every binding call whose C function returned an error.</summary>
    public class KalshiException : Exception
    {
        public ErrorCode Code { get; private set; }
        /// <summary>The C name of the code, e.g. "KALSHI_ERR_UNKNOWN_KEY".</summary>
        public string Name { get; private set; }
        /// <summary>Full detail when the library supplied an error object, else null.</summary>
        public KalshiError Detail { get; private set; }

        public KalshiException(ErrorCode code, string message)
            : base(string.IsNullOrEmpty(message) ? Errors.Describe(code) : message)
        {
            Code = code;
            Name = Errors.Name(code);
        }

        private KalshiException(ErrorCode code, string message, KalshiError detail) : this(code, message)
        {
            Detail = detail;
        }

        internal static KalshiException From(ErrorCode code, ErrorHandle detail)
        {
            KalshiError d = KalshiError.FromOwned(detail);
            return new KalshiException(code, d != null ? d.Message : null, d);
        }

        public override string ToString() { return Name + ": " + Message; }
    }
}
