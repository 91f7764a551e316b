// libkalshi for .NET — exact prices and counts (decimal.h). Scaled 64-bit integers; conversions
// to System.Decimal are exact; nothing here ever touches binary floating point.
using System;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>A price in dollars, stored as dollars x 1,000,000 (kalshi_price_t).</summary>
    public struct Price : IEquatable<Price>, IComparable<Price>
    {
        public const long Scale = 1000000;
        public const int Decimals = 6;
        public readonly long Raw;

        public Price(long raw) { Raw = raw; }

        /// <summary>Exact parse: "0.5600" -> 560000. KalshiException Parse / Inexact / Range.</summary>
        public static Price Parse(string s)
        {
            if (s == null) throw new ArgumentNullException("s");
            byte[] b = Utf8.Encode(s);
            long v;
            Errors.Check(Native.kalshi_price_parse(b, (UIntPtr)(ulong)(b.Length - 1), out v));
            return new Price(v);
        }

        public static bool TryParse(string s, out Price p)
        {
            p = default(Price);
            if (s == null) return false;
            byte[] b = Utf8.Encode(s);
            long v;
            if (Native.kalshi_price_parse(b, (UIntPtr)(ulong)(b.Length - 1), out v) != 0) return false;
            p = new Price(v);
            return true;
        }

        public static Price FromCents(long cents)
        {
            long v;
            Errors.Check(Native.kalshi_price_from_cents(cents, out v));
            return new Price(v);
        }

        public static Price FromCenticents(long centicents)
        {
            long v;
            Errors.Check(Native.kalshi_price_from_centicents(centicents, out v));
            return new Price(v);
        }

        public long ToCents()
        {
            long c;
            Errors.Check(Native.kalshi_price_to_cents(Raw, out c));
            return c;
        }

        public long ToCenticents()
        {
            long c;
            Errors.Check(Native.kalshi_price_to_centicents(Raw, out c));
            return c;
        }

        /// <summary>Exact: System.Decimal holds 28 digits.</summary>
        public decimal ToDecimal() { return Raw / (decimal)Scale; }

        /// <summary>At least minDecimals places (0..6), further trailing zeros trimmed.</summary>
        public string ToString(int minDecimals) { return DecimalFormat.Format(Raw, minDecimals, true); }

        public override string ToString() { return ToString(0); }
        public bool Equals(Price o) { return Raw == o.Raw; }
        public override bool Equals(object o) { return o is Price && ((Price)o).Raw == Raw; }
        public override int GetHashCode() { return Raw.GetHashCode(); }
        public int CompareTo(Price o) { return Raw.CompareTo(o.Raw); }
        public static bool operator ==(Price a, Price b) { return a.Raw == b.Raw; }
        public static bool operator !=(Price a, Price b) { return a.Raw != b.Raw; }
    }

    /// <summary>A number of contracts, stored as contracts x 100 (kalshi_count_t).</summary>
    public struct Count : IEquatable<Count>, IComparable<Count>
    {
        public const long Scale = 100;
        public const int Decimals = 2;
        public readonly long Raw;

        public Count(long raw) { Raw = raw; }

        public static Count Parse(string s)
        {
            if (s == null) throw new ArgumentNullException("s");
            byte[] b = Utf8.Encode(s);
            long v;
            Errors.Check(Native.kalshi_count_parse(b, (UIntPtr)(ulong)(b.Length - 1), out v));
            return new Count(v);
        }

        public static bool TryParse(string s, out Count c)
        {
            c = default(Count);
            if (s == null) return false;
            byte[] b = Utf8.Encode(s);
            long v;
            if (Native.kalshi_count_parse(b, (UIntPtr)(ulong)(b.Length - 1), out v) != 0) return false;
            c = new Count(v);
            return true;
        }

        public decimal ToDecimal() { return Raw / (decimal)Scale; }
        public string ToString(int minDecimals) { return DecimalFormat.Format(Raw, minDecimals, false); }
        public override string ToString() { return ToString(0); }
        public bool Equals(Count o) { return Raw == o.Raw; }
        public override bool Equals(object o) { return o is Count && ((Count)o).Raw == Raw; }
        public override int GetHashCode() { return Raw.GetHashCode(); }
        public int CompareTo(Count o) { return Raw.CompareTo(o.Raw); }
        public static bool operator ==(Count a, Count b) { return a.Raw == b.Raw; }
        public static bool operator !=(Count a, Count b) { return a.Raw != b.Raw; }
    }

    internal static class DecimalFormat
    {
        private const int StrLen = 32; // KALSHI_DECIMAL_STRLEN

        internal static string Format(long raw, int minDecimals, bool price)
        {
            byte[] buf = new byte[StrLen];
            UIntPtr written;
            int rc = price
                ? Native.kalshi_price_format(raw, minDecimals, buf, (UIntPtr)(ulong)buf.Length, out written)
                : Native.kalshi_count_format(raw, minDecimals, buf, (UIntPtr)(ulong)buf.Length, out written);
            Errors.Check(rc);
            return System.Text.Encoding.ASCII.GetString(buf, 0, (int)(ulong)written);
        }
    }
}
