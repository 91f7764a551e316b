// The binding's declarations against the C headers of the source tree (KALSHI_SOURCE_DIR): the
// declared version and every enum value. Catches a header change the binding has not followed.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace Kalshi.Tests
{
    public class HeaderSyncTests
    {
        private static string Header(string name)
        {
            string dir = Environment.GetEnvironmentVariable("KALSHI_SOURCE_DIR");
            Assert.True(!string.IsNullOrEmpty(dir), "KALSHI_SOURCE_DIR is set");
            string path = Path.Combine(Path.Combine(Path.Combine(dir, "include"), "kalshi"), name);
            Assert.True(File.Exists(path), path + " exists");
            return File.ReadAllText(path);
        }

        private static Dictionary<string, long> Constants(string text, string prefix)
        {
            var d = new Dictionary<string, long>();
            foreach (Match m in Regex.Matches(text, @"\b(" + prefix + @"[A-Z0-9_]*)\s*=\s*(\d+)"))
                d[m.Groups[1].Value] = long.Parse(m.Groups[2].Value);
            return d;
        }

        private static string Pascal(string snake)
        {
            var sb = new System.Text.StringBuilder();
            foreach (string part in snake.Split('_'))
                if (part.Length > 0) sb.Append(part.Substring(0, 1)).Append(part.Substring(1).ToLowerInvariant());
            return sb.ToString();
        }

        private static void Compare<E>(string header, string prefix, int minimum) where E : struct
        {
            Dictionary<string, long> c = Constants(Header(header), prefix);
            Assert.True(c.Count >= minimum, prefix + "* constants found in " + header + ": " + c.Count);
            foreach (var kv in c)
            {
                E value;
                string name = Pascal(kv.Key.Substring(prefix.Length));
                Assert.True(Enum.TryParse(name, out value), typeof(E).Name + "." + name + " for " + kv.Key);
                Assert.Equal(kv.Value, Convert.ToInt64(value), kv.Key);
            }
            Assert.Equal(c.Count, Enum.GetValues(typeof(E)).Length - (typeof(E) == typeof(ErrorCode) ? 1 : 0), typeof(E).Name + " has no extra members");
        }

        [Test]
        public void DeclaredVersionMatchesVersionH()
        {
            string v = Header("version.h");
            Func<string, int> num = part => int.Parse(Regex.Match(v, @"#define KALSHI_VERSION_" + part + @"\s+(\d+)").Groups[1].Value);
            Assert.Equal(num("MAJOR"), Library.BindingMajor, "major");
            Assert.Equal(num("MINOR"), Library.BindingMinor, "minor");
            Assert.Equal(num("PATCH"), Library.BindingPatch, "patch");
        }

        [Test]
        public void EnumsMatchHeaders()
        {
            Compare<ErrorCode>("error.h", "KALSHI_ERR_", 39);
            Assert.True(Regex.IsMatch(Header("error.h"), @"KALSHI_OK\s*=\s*0"), "KALSHI_OK = 0");
            Compare<EventType>("queue.h", "KALSHI_EVENT_", 22);
            Compare<LogLevel>("queue.h", "KALSHI_LOG_", 5);
            Compare<KeyType>("key.h", "KALSHI_KEY_", 2);
            Compare<FixState>("fix.h", "KALSHI_FIX_", 5);
            Compare<Product>("fix.h", "KALSHI_PRODUCT_", 2);
            Compare<BookSide>("book.h", "KALSHI_BOOK_", 2);
            Compare<FieldKind>("obj.h", "KALSHI_FIELD_", 6);
            Compare<RestApi>("rest.h", "KALSHI_REST_", 3);
            Compare<WsState>("ws.h", "KALSHI_WS_", 5);
        }
    }
}
