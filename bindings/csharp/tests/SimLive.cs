// A simulator with three markets of one event, a trading member and a maker, for the REST and
// WebSocket tests; and bounded waits for events on a queue.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Kalshi.Tests
{
    internal sealed class SimLive : IDisposable
    {
        internal const string KeyId = "5e1a7c00-0000-4000-8000-00000000c003";
        internal const string MakerKeyId = "5e1a7c00-0000-4000-8000-00000000d004";
        internal const string TickerA = "BINDCS-26NOV21-T40";
        internal const string EventTicker = "BINDCS-26NOV21";
        internal const int WaitMs = 10000;

        private const string MarketsJson = @"{""markets"": [
 {""ticker"": ""BINDCS-26NOV21-T40"", ""event_ticker"": ""BINDCS-26NOV21"", ""series_ticker"": ""BINDCS"",
  ""title"": ""C# binding market 40"", ""kind"": ""binary"", ""status"": ""open"",
  ""price_ranges"": [{""start"": ""0.01"", ""end"": ""0.99"", ""step"": ""0.01""}],
  ""taker_fee_rate"": ""0.07"", ""maker_fee_rate"": ""0""},
 {""ticker"": ""BINDCS-26NOV21-T50"", ""event_ticker"": ""BINDCS-26NOV21"", ""series_ticker"": ""BINDCS"",
  ""title"": ""C# binding market 50"", ""kind"": ""binary"", ""status"": ""open"",
  ""price_ranges"": [{""start"": ""0.01"", ""end"": ""0.99"", ""step"": ""0.01""}],
  ""taker_fee_rate"": ""0.07"", ""maker_fee_rate"": ""0""},
 {""ticker"": ""BINDCS-26NOV21-T60"", ""event_ticker"": ""BINDCS-26NOV21"", ""series_ticker"": ""BINDCS"",
  ""title"": ""C# binding market 60"", ""kind"": ""binary"", ""status"": ""open"",
  ""price_ranges"": [{""start"": ""0.01"", ""end"": ""0.99"", ""step"": ""0.01""}],
  ""taker_fee_rate"": ""0.07"", ""maker_fee_rate"": ""0""}]}";

        private readonly string dir;
        internal readonly Simulator Sim;
        internal readonly uint Member;
        internal readonly uint Maker;
        private readonly List<IDisposable> owned = new List<IDisposable>();

        internal SimLive()
        {
            dir = Support.TempDir();
            string markets = Path.Combine(dir, "markets.json");
            File.WriteAllText(markets, MarketsJson);
            using (Conf conf = new Conf().Set("sim.seed", "7").Set("sim.activity", "false")
                       .Set("sim.rest.read_per_s", "1000").Set("sim.markets_file", markets))
                Sim = new Simulator(conf);
            string pem = File.ReadAllText(Source("tests/data/keys/rsa_pub.pem"));
            Member = Sim.RegisterKey(Product.Prediction, KeyId, pem);
            Maker = Sim.RegisterKey(Product.Prediction, MakerKeyId, pem);
        }

        internal static string Source(string rel)
        {
            string d = Environment.GetEnvironmentVariable("KALSHI_SOURCE_DIR");
            Assert.True(!string.IsNullOrEmpty(d), "KALSHI_SOURCE_DIR is set");
            return Path.Combine(d, rel);
        }

        // A client pointed at the simulator (rest.* and ws.*); signed adds the member's key. It
        // and its queue are disposed with this SimLive.
        internal Client NewClient(bool signed, out EventQueue queue)
        {
            using (Conf conf = new Conf().Set("rest.rate_tier", "prime").Set("net.backoff_base_ms", "20"))
            {
                if (signed)
                    conf.Set("auth.key_id", KeyId).Set("auth.private_key_path", Source("tests/data/keys/rsa_pkcs8.pem"));
                Sim.ClientConf(conf, false);
                var c = new Client(conf);
                queue = c.Queue();
                owned.Add(queue);
                owned.Add(c);
                return c;
            }
        }

        // The next event of a type with a tag for which match holds (others are disposed);
        // fails after WaitMs naming what it saw.
        internal static Event Next(EventQueue q, EventType type, ulong tag, Func<Event, bool> match = null)
        {
            var sw = Stopwatch.StartNew();
            var seen = new List<string>();
            while (sw.ElapsedMilliseconds < WaitMs)
            {
                Event e = q.Poll(100);
                if (e == null) continue;
                if (e.Type == type && e.UserTag == tag && (match == null || match(e))) return e;
                if (seen.Count < 20)
                {
                    string what = e.Type + "/" + e.UserTag;
                    if (e.Error != null) what += " (" + e.Error.Message + ")";
                    seen.Add(what);
                }
                e.Dispose();
            }
            throw new AssertionException("no matching " + type + " tag " + tag + " within " + WaitMs + " ms; saw " + string.Join(", ", seen));
        }

        public void Dispose()
        {
            for (int i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
            Sim.Dispose();
            Directory.Delete(dir, true);
        }
    }
}
