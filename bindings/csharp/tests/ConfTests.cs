// Configuration: round trips, the two kinds of set errors, dup, dump, from_env.
using System;

namespace Kalshi.Tests
{
    public class ConfTests
    {
        [Test]
        public void SetGetRoundTrip()
        {
            using (var c = new Conf())
            {
                Assert.Equal("thread", c.Get("client.mode"), "default client.mode");
                c.Set("client.mode", "caller");
                Assert.Equal("caller", c.Get("client.mode"), "client.mode after set");
                c["client.close_timeout_ms"] = "1234";
                Assert.Equal("1234", c["client.close_timeout_ms"], "indexer");
                c.Set("client.mode", null);
                Assert.Equal("thread", c.Get("client.mode"), "reset to default by null");
            }
        }

        [Test]
        public void UnknownKeyAndInvalidValueAreDistinct()
        {
            using (var c = new Conf())
            {
                var unknown = Assert.ThrowsKalshi(ErrorCode.UnknownKey, () => c.Set("client.no_such_property", "1"), "unknown key");
                var invalid = Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => c.Set("client.mode", "sideways"), "invalid value");
                Assert.Equal("KALSHI_ERR_UNKNOWN_KEY", unknown.Name, "unknown.Name");
                Assert.Equal("KALSHI_ERR_INVALID_VALUE", invalid.Name, "invalid.Name");
                Assert.NotEqual(unknown.Code, invalid.Code, "codes");
                // The errstr message is surfaced, and it is the library's, not the generic text.
                Assert.True(unknown.Message.Contains("client.no_such_property"), "unknown message names the key: " + unknown.Message);
                Assert.True(invalid.Message.Contains("client.mode") || invalid.Message.Contains("sideways"),
                    "invalid message names the key or value: " + invalid.Message);
                Assert.NotEqual(unknown.Message, invalid.Message, "messages");
                Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => c.Set("rest.port", "70000"), "port out of range");
                Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => c.Set("rest.port", "12x"), "port not a number");
                Assert.ThrowsKalshi(ErrorCode.UnknownKey, () => c.Get("client.no_such_property"), "get unknown key");
                Assert.Equal("thread", c.Get("client.mode"), "failed set leaves the value");
            }
        }

        [Test]
        public void DupIsIndependent()
        {
            using (var a = new Conf())
            {
                a.Set("log.level", "debug");
                using (var b = a.Dup())
                {
                    Assert.Equal("debug", b.Get("log.level"), "copied value");
                    b.Set("log.level", "error");
                    Assert.Equal("debug", a.Get("log.level"), "original untouched");
                    Assert.Equal("error", b.Get("log.level"), "copy changed");
                }
                Assert.Equal("debug", a.Get("log.level"), "original survives the copy's destroy");
            }
        }

        [Test]
        public void DumpListsPropertiesAndRedactsSecrets()
        {
            using (var c = new Conf())
            {
                c.Set("client.mode", "caller").Set("auth.private_key_passphrase", "hunter2-secret");
                string dump = c.Dump();
                Assert.True(dump.Contains("client.mode=caller\n"), "dump has client.mode=caller");
                Assert.True(dump.Contains("log.level=" + c.Get("log.level") + "\n"), "dump has log.level");
                Assert.False(dump.Contains("hunter2-secret"), "dump never prints a secret");
                Assert.Equal("[redacted]", c.Get("auth.private_key_passphrase"), "secret reads back redacted");
                foreach (string line in dump.TrimEnd('\n').Split('\n'))
                {
                    int eq = line.IndexOf('=');
                    Assert.True(eq > 0, "key=value line: " + line);
                    string key = line.Substring(0, eq);
                    Assert.Equal(line.Substring(eq + 1), c.Get(key), "dump agrees with get for " + key);
                }
            }
        }

        [Test]
        public void FromEnv()
        {
            string id = Guid.NewGuid().ToString();
            try
            {
                Support.SetEnv("KALSHI_DEMO", "1");
                Support.SetEnv("KALSHI_KEY_ID", id);
                using (var c = new Conf())
                {
                    Assert.Equal("production", c.Get("env"), "default env");
                    c.FromEnv();
                    Assert.Equal("demo", c.Get("env"), "KALSHI_DEMO=1 selects demo");
                    Assert.Equal(id, c.Get("auth.key_id"), "KALSHI_KEY_ID");
                }
                Support.SetEnv("KALSHI_DEMO", "perhaps");
                using (var c = new Conf())
                {
                    var e = Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => c.FromEnv(), "KALSHI_DEMO=perhaps");
                    Assert.True(e.Message.Contains("KALSHI_DEMO"), "message names the variable: " + e.Message);
                }
            }
            finally
            {
                Support.SetEnv("KALSHI_DEMO", null);
                Support.SetEnv("KALSHI_KEY_ID", null);
            }
        }
    }
}
