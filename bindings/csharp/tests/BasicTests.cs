// Version, error table and exact decimals.
using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Kalshi.Tests
{
    public class VersionTests
    {
        [Test]
        public void BindingVersionEqualsLibraryVersion()
        {
            Assert.Equal(Library.BindingVersion, Library.Version, "kalshi_version()");
            Assert.Equal(Library.BindingVersion.ToString(), Library.VersionString, "kalshi_version_str()");
            Assert.Equal((uint)((Library.BindingMajor << 16) | (Library.BindingMinor << 8) | Library.BindingPatch), Library.VersionNumber, "encoded");
            Assert.True(Library.IsCompatible, "IsCompatible");
        }

        [Test]
        public void BindingVersionEqualsPkgConfigVersion()
        {
            // The installed kalshi.pc describes the same library (PKG_CONFIG_PATH from test.sh).
            string output;
            int rc = Support.Run("pkg-config", "--modversion kalshi", out output);
            Assert.Equal(0, rc, "pkg-config --modversion kalshi (" + output + ")");
            Assert.Equal(Library.BindingVersion.ToString(), output, "kalshi.pc Version");
        }
    }

    public class ErrorTests
    {
        private static string Snake(string camel)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < camel.Length; i++)
            {
                if (i > 0 && char.IsUpper(camel[i])) sb.Append('_');
                sb.Append(char.ToUpperInvariant(camel[i]));
            }
            return sb.ToString();
        }

        [Test]
        public void EnumMatchesLibraryTable()
        {
            ErrorCode[] lib = Errors.LibraryCodes();
            ErrorCode[] mine = (ErrorCode[])Enum.GetValues(typeof(ErrorCode));
            Assert.True(lib.Length >= 30, "library knows at least the 30 codes of error.h, got " + lib.Length);
            foreach (ErrorCode c in lib)
                Assert.True(Enum.IsDefined(typeof(ErrorCode), c), "binding defines library code " + (int)c + " " + Errors.Name(c));
            foreach (ErrorCode c in mine)
                Assert.True(lib.Contains(c), "library knows binding code " + c);
            Assert.Equal(lib.Length, lib.Distinct().Count(), "codes are unique");
        }

        [Test]
        public void NamesAndStrings()
        {
            foreach (ErrorCode c in Errors.LibraryCodes())
            {
                string expected = c == ErrorCode.Ok ? "KALSHI_OK" : "KALSHI_ERR_" + Snake(c.ToString());
                Assert.Equal(expected, Errors.Name(c), "name of " + (int)c);
                Assert.True(!string.IsNullOrEmpty(Errors.Describe(c)), "description of " + c);
            }
            Assert.Equal("KALSHI_ERR_UNKNOWN_CODE", Errors.Name((ErrorCode)99999), "unknown code");
            Assert.True(!string.IsNullOrEmpty(Errors.Describe((ErrorCode)99999)), "unknown code description");
            var descs = Errors.LibraryCodes().Select(Errors.Describe).ToArray();
            Assert.Equal(descs.Length, descs.Distinct().Count(), "descriptions are distinct");
        }

        [Test]
        public void ExceptionCarriesCodeNameMessage()
        {
            var e = new KalshiException(ErrorCode.Timeout, "took too long");
            Assert.Equal(ErrorCode.Timeout, e.Code, "Code");
            Assert.Equal("KALSHI_ERR_TIMEOUT", e.Name, "Name");
            Assert.Equal("took too long", e.Message, "Message");
            var d = new KalshiException(ErrorCode.Range, null);
            Assert.Equal(Errors.Describe(ErrorCode.Range), d.Message, "default message");
        }
    }

    public class DecimalTests
    {
        [Test]
        public void PriceParseExact()
        {
            Assert.Equal(560000L, Price.Parse("0.5600").Raw, "0.5600");
            Assert.Equal(100L, Price.Parse("0.0001").Raw, "0.0001");
            Assert.Equal(1L, Price.Parse("0.000001").Raw, "0.000001");
            Assert.Equal(-1500000L, Price.Parse("-1.5").Raw, "-1.5");
            Assert.Equal(100000L, Price.Parse("0.1000000000").Raw, "trailing zeros beyond the scale");
            Assert.Equal(long.MaxValue, Price.Parse("9223372036854.775807").Raw, "int64 max");
            Assert.Equal(42000000L, Price.Parse("42").Raw, "integer");
        }

        [Test]
        public void PriceParseRejects()
        {
            foreach (string s in new[] { "", "+1", " 1", "1 ", "1e3", "1.", ".5", "abc", "1.2.3", "--1" })
                Assert.ThrowsKalshi(ErrorCode.Parse, () => Price.Parse(s), "parse \"" + s + "\"");
            Assert.ThrowsKalshi(ErrorCode.Inexact, () => Price.Parse("0.0000001"), "7th decimal");
            Assert.ThrowsKalshi(ErrorCode.Inexact, () => Price.Parse("0.00000010"), "7th decimal, trailing zero");
            Assert.ThrowsKalshi(ErrorCode.Range, () => Price.Parse("9223372036854.775808"), "int64 max + 1");
            Assert.ThrowsKalshi(ErrorCode.Range, () => Price.Parse("99999999999999999999"), "huge");
            Price p;
            Assert.False(Price.TryParse("1.", out p), "TryParse 1.");
            Assert.True(Price.TryParse("0.25", out p) && p.Raw == 250000, "TryParse 0.25");
        }

        [Test]
        public void PriceFormat()
        {
            Assert.Equal("0.56", new Price(560000).ToString(2), "min 2");
            Assert.Equal("0.5600", new Price(560000).ToString(4), "min 4");
            Assert.Equal("0.56", new Price(560000).ToString(0), "min 0");
            Assert.Equal("-0.000001", new Price(-1).ToString(2), "-1 raw");
            Assert.Equal("0", new Price(0).ToString(0), "zero");
            Assert.Equal("9223372036854.775807", new Price(long.MaxValue).ToString(), "max");
            Assert.Equal("-9223372036854.775808", new Price(long.MinValue).ToString(), "min");
        }

        [Test]
        public void PriceRoundTripAgainstSystemDecimal()
        {
            // An independent oracle: System.Decimal arithmetic and formatting.
            var rng = new Random(12345);
            var buf = new byte[8];
            for (int i = 0; i < 2000; i++)
            {
                rng.NextBytes(buf);
                long raw = BitConverter.ToInt64(buf, 0) >> rng.Next(0, 60);
                var p = new Price(raw);
                string six = p.ToString(6);
                Assert.Equal((raw / 1000000m).ToString("0.000000", CultureInfo.InvariantCulture), six, "format " + raw);
                Assert.Equal(raw, Price.Parse(six).Raw, "round trip " + six);
                Assert.Equal(raw, Price.Parse(p.ToString()).Raw, "round trip trimmed " + p);
                Assert.Equal(raw / 1000000m, p.ToDecimal(), "ToDecimal " + raw);
            }
        }

        [Test]
        public void CentsAndCenticents()
        {
            Assert.Equal(560000L, Price.FromCents(56).Raw, "56 cents");
            Assert.Equal(560100L, Price.FromCenticents(5601).Raw, "5601 centicents");
            Assert.Equal(56L, new Price(560000).ToCents(), "to cents");
            Assert.Equal(5601L, new Price(560100).ToCenticents(), "to centicents");
            Assert.ThrowsKalshi(ErrorCode.Inexact, () => new Price(560100).ToCents(), "0.5601 in cents");
            Assert.ThrowsKalshi(ErrorCode.Inexact, () => new Price(1).ToCenticents(), "0.000001 in centicents");
            Assert.ThrowsKalshi(ErrorCode.Range, () => Price.FromCents(long.MaxValue / 100), "overflow");
        }

        [Test]
        public void Counts()
        {
            Assert.Equal(1050L, Count.Parse("10.5").Raw, "10.5");
            Assert.Equal(1L, Count.Parse("0.01").Raw, "0.01");
            Assert.Equal(-200L, Count.Parse("-2").Raw, "-2");
            Assert.ThrowsKalshi(ErrorCode.Inexact, () => Count.Parse("0.001"), "3rd decimal");
            Assert.ThrowsKalshi(ErrorCode.Parse, () => Count.Parse("1e2"), "exponent");
            Assert.ThrowsKalshi(ErrorCode.Range, () => Count.Parse("92233720368547758.08"), "int64 max + 1");
            Assert.Equal("10.5", new Count(1050).ToString(), "format");
            Assert.Equal("10.50", new Count(1050).ToString(2), "format min 2");
            Assert.Equal(10.5m, new Count(1050).ToDecimal(), "ToDecimal");
            Assert.Equal(long.MaxValue, Count.Parse("92233720368547758.07").Raw, "int64 max");
        }
    }
}
