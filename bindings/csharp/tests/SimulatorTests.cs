// The in-process simulator (kalshi-sim): a FIX NR session logs on to it, an order is
// acknowledged, another member crosses it, the accounts move exactly, and a dropped connection is
// recovered by the client's reconnect.
using System;
using System.Diagnostics;
using System.IO;

namespace Kalshi.Tests
{
    public class SimulatorTests
    {
        private const string KeyId = "5e1a7c00-0000-4000-8000-00000000a001";
        private const string OtherKeyId = "5e1a7c00-0000-4000-8000-00000000b002";
        private const int WaitMs = 20000;

        // The one market of the test's markets file: a binary market on a cent grid, 7% taker
        // fee, no maker fee, so the accounts after a cross are known to the micro-dollar.
        private const string Ticker = "BINDTEST-26NOV21-T50";
        private const string MarketsJson = @"{""markets"": [{
  ""ticker"": ""BINDTEST-26NOV21-T50"", ""event_ticker"": ""BINDTEST-26NOV21"", ""series_ticker"": ""BINDTEST"",
  ""title"": ""Bindings test market"", ""kind"": ""binary"", ""status"": ""open"",
  ""price_ranges"": [{""start"": ""0.01"", ""end"": ""0.99"", ""step"": ""0.01""}],
  ""taker_fee_rate"": ""0.07"", ""maker_fee_rate"": ""0""}]}";

        private static string Source(string rel)
        {
            string dir = Environment.GetEnvironmentVariable("KALSHI_SOURCE_DIR");
            Assert.True(!string.IsNullOrEmpty(dir), "KALSHI_SOURCE_DIR is set");
            return Path.Combine(dir, rel);
        }

        // Starts a simulator with a fixed seed, no background trading and a markets file holding
        // json; null (with the reason printed) when the library predates kalshi_sim_start.
        private static Simulator Start(string dir, string json, params string[] kv)
        {
            string markets = Path.Combine(dir, "markets.json");
            File.WriteAllText(markets, json);
            using (Conf conf = new Conf().Set("sim.seed", "7").Set("sim.activity", "false").Set("sim.markets_file", markets))
            {
                for (int i = 0; i + 1 < kv.Length; i += 2) conf.Set(kv[i], kv[i + 1]);
                try
                {
                    return new Simulator(conf);
                }
                catch (EntryPointNotFoundException)
                {
                    Console.WriteLine("    skipped: this libkalshi has no kalshi_sim_start");
                    return null;
                }
            }
        }

        private static bool IsState(Event e, FixState s) { return e.Type == EventType.FixState && e.FixState == s; }

        // The next event of a type for which match holds; others are disposed.
        private static Event Next(EventQueue q, EventType type, Func<Event, bool> match = null)
        {
            var sw = Stopwatch.StartNew();
            var seen = new System.Collections.Generic.List<string>();
            while (sw.ElapsedMilliseconds < WaitMs)
            {
                Event e = q.Poll(100);
                if (e == null) continue;
                if (e.Type == type && (match == null || match(e))) return e;
                string what = e.Type.ToString();
                if (e.Type == EventType.FixState) what += " " + e.FixState;
                if (e.Error != null) what += " (" + e.Error.Message + ")";
                seen.Add(what);
                e.Dispose();
            }
            throw new AssertionException("no matching " + type + " event within " + WaitMs + " ms; saw " + string.Join(", ", seen));
        }

        private static ExecutionReport NextEr(EventQueue q)
        {
            using (Event e = Next(q, EventType.FixMessage, x => x.FixMessage.MsgType == "8"))
                return e.FixMessage.ToExecutionReport();
        }

        [Test]
        public void BadMarketsFileIsRefused()
        {
            string dir = Support.TempDir();
            try
            {
                // A zero tick step: the message names the market.
                KalshiException e = null;
                try
                {
                    using (Simulator sim = Start(dir, MarketsJson.Replace(@"""step"": ""0.01""", @"""step"": ""0.0""")))
                    {
                        if (sim == null) return;
                    }
                }
                catch (KalshiException x)
                {
                    e = x;
                }
                Assert.True(e != null, "a zero tick step was accepted");
                Assert.Equal(ErrorCode.InvalidValue, e.Code, "code");
                Assert.True(e.Message.Contains(Ticker), "the message names the market: " + e.Message);
                Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => Start(dir, MarketsJson.Substring(0, MarketsJson.Length / 2)), "truncated JSON");
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void EndpointsAndAccounts()
        {
            string dir = Support.TempDir();
            try
            {
                using (Simulator sim = Start(dir, MarketsJson))
                {
                    if (sim == null) return;
                    int nr = sim.Port("fix.nr");
                    Assert.True(nr > 0, "fix.nr port " + nr);
                    Assert.NotEqual(nr, sim.Port("fix.nr.tls"), "plain and TLS listeners");
                    Assert.ThrowsKalshi(ErrorCode.NotFound, () => sim.Port("no.such.endpoint"), "unknown endpoint");
                    Assert.True(File.ReadAllText(sim.CaFile).Contains("BEGIN CERTIFICATE"), "CA file " + sim.CaFile);
                    Assert.Equal(0, sim.FixSessions, "sessions before any logon");

                    uint member = sim.RegisterKey(Product.Prediction, KeyId, File.ReadAllText(Source("tests/data/keys/rsa_pub.pem")));
                    Assert.True(member > 0, "member number");
                    Assert.Equal(Price.Parse("1000.00"), sim.Balance(member), "opening balance (sim.balance)");
                    sim.SetBalance(member, 0, new Price(123456789));
                    Assert.Equal(new Price(123456789), sim.Balance(member), "balance set exactly");
                    Assert.Equal(new Count(0), sim.Position(member, 0, Ticker), "no position");
                    Assert.Throws<KalshiException>(() => sim.RegisterKey(Product.Prediction, KeyId, "not a key"), "malformed key");
                    sim.Stop();
                    sim.Stop(); // idempotent
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void FixOrderCrossAndReconnect()
        {
            string dir = Support.TempDir();
            try
            {
                using (Simulator sim = Start(dir, MarketsJson))
                {
                    if (sim == null) return;
                    string pem = File.ReadAllText(Source("tests/data/keys/rsa_pub.pem"));
                    uint me = sim.RegisterKey(Product.Prediction, KeyId, pem);
                    uint other = sim.RegisterKey(Product.Prediction, OtherKeyId, pem);
                    Assert.NotEqual(me, other, "two members");
                    Price opening = Price.Parse("500.00");
                    sim.SetBalance(me, 0, opening);
                    sim.SetBalance(other, 0, opening);

                    using (Conf conf = new Conf()
                               .Set("auth.key_id", KeyId)
                               .Set("auth.private_key_path", Source("tests/data/keys/rsa_pkcs8.pem"))
                               .Set("fix.session", "nr")
                               .Set("net.backoff_base_ms", "50"))
                    {
                        sim.ClientConf(conf, false);
                        Assert.Equal(sim.Port("fix.nr").ToString(), conf.Get("fix.port.nr"), "fix.port.nr");
                        using (var c = new Client(conf))
                        using (EventQueue q = c.Queue())
                        using (FixSession s = FixSession.Open(c, null, 1))
                        {
                            Next(q, EventType.FixState, e => IsState(e, FixState.Active)).Dispose();
                            Assert.Equal(1, sim.FixSessions, "the simulator counts the session");

                            // Buy 10 YES at 0.40: rests on the empty book.
                            s.SendNewOrder("sim-1", Ticker, '1', new Price(400000), new Count(1000), '1');
                            ExecutionReport ack = NextEr(q);
                            Assert.Equal('0', ack.ExecType, "150=0 New");
                            Assert.Equal("sim-1", ack.ClOrdId, "ClOrdID");
                            Assert.Equal((Price?)new Price(400000), ack.Price, "Price");

                            // Another member sells 10 YES at 0.40 (buys NO at 0.60): a full fill.
                            sim.PlaceOrder(other, Ticker, '2', new Price(400000), new Count(1000));
                            ExecutionReport fill = NextEr(q);
                            Assert.Equal('F', fill.ExecType, "150=F Trade");
                            Assert.Equal("sim-1", fill.ClOrdId, "ClOrdID");
                            Assert.Equal((Price?)new Price(400000), fill.LastPx, "LastPx");
                            Assert.Equal((Count?)new Count(1000), fill.LastQty, "LastQty");

                            Assert.Equal(new Count(1000), sim.Position(me, 0, Ticker), "buyer long 10");
                            Assert.Equal(new Count(-1000), sim.Position(other, 0, Ticker), "seller short 10");
                            // Maker paid 10 x 0.40; taker 10 x 0.60 and the fee
                            // ceil_to_cent(0.07 x 10 x 0.40 x 0.60) = 0.17.
                            Assert.Equal(Price.Parse("496.00"), sim.Balance(me), "buyer balance");
                            Assert.Equal(Price.Parse("493.83"), sim.Balance(other), "seller balance");
                            Assert.ThrowsKalshi(ErrorCode.Rejected, () => sim.PlaceOrder(other, Ticker, '1', new Price(1500000), new Count(100)), "price above 1.00");

                            // The simulator drops the connection; the client reconnects and logs on.
                            sim.Fault("fix.nr", KeyId, "drop");
                            Next(q, EventType.FixState, e => IsState(e, FixState.Disconnected)).Dispose();
                            Next(q, EventType.FixState, e => IsState(e, FixState.Active)).Dispose();
                            Assert.Equal(FixState.Active, s.State, "state after reconnect");
                            Assert.ThrowsKalshi(ErrorCode.NotFound, () => sim.Fault("fix.nr", "nobody", "drop"), "no such session");

                            // Closed, the market refuses orders; settled YES, each of the buyer's 10
                            // contracts pays 1.00.
                            sim.SetMarketStatus(Ticker, "closed");
                            Assert.ThrowsKalshi(ErrorCode.Rejected, () => sim.PlaceOrder(other, Ticker, '1', new Price(300000), new Count(100)), "closed market");
                            sim.Settle(Ticker, new Price(1000000));
                            Assert.Equal(Price.Parse("506.00"), sim.Balance(me), "buyer balance after settlement");
                            Assert.Equal(Price.Parse("493.83"), sim.Balance(other), "seller balance after settlement");

                            s.Close();
                            Next(q, EventType.FixClosed).Dispose();
                        }
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
        // A FIX logon over TLS, trusting only the simulator's generated CA (tls.ca_file).
        [Test]
        public void FixLogonOverTls()
        {
            string dir = Support.TempDir();
            try
            {
                using (Simulator sim = Start(dir, MarketsJson))
                {
                    if (sim == null) return;
                    sim.RegisterKey(Product.Prediction, KeyId, File.ReadAllText(Source("tests/data/keys/rsa_pub.pem")));
                    using (Conf conf = new Conf()
                               .Set("auth.key_id", KeyId)
                               .Set("auth.private_key_path", Source("tests/data/keys/rsa_pkcs8.pem"))
                               .Set("fix.session", "nr"))
                    {
                        sim.ClientConf(conf, true);
                        Assert.Equal(sim.Port("fix.nr.tls").ToString(), conf.Get("fix.port.nr"), "fix.port.nr is the TLS listener");
                        Assert.Equal("true", conf.Get("fix.tls"), "fix.tls");
                        using (var c = new Client(conf))
                        using (EventQueue q = c.Queue())
                        using (FixSession s = FixSession.Open(c, null, 1))
                        {
                            Next(q, EventType.FixState, e => IsState(e, FixState.Active)).Dispose();
                            Assert.Equal(1, sim.FixSessions, "the simulator counts the session");
                            s.Close();
                            Next(q, EventType.FixClosed).Dispose();
                        }
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        // A margin (perps) key logs on through the perps.fix.nr listener.
        [Test]
        public void MarginFixLogon()
        {
            string dir = Support.TempDir();
            try
            {
                using (Simulator sim = Start(dir, MarketsJson))
                {
                    if (sim == null) return;
                    sim.RegisterKey(Product.Margin, KeyId, File.ReadAllText(Source("tests/data/keys/rsa_pub.pem")));
                    // Perps keys are their own properties.
                    using (Conf conf = new Conf()
                               .Set("perps.auth.key_id", KeyId)
                               .Set("perps.auth.private_key_path", Source("tests/data/keys/rsa_pkcs8.pem"))
                               .Set("fix.session", "nr"))
                    {
                        sim.ClientConf(conf, false, Product.Margin);
                        Assert.Equal(sim.Port("perps.fix.nr").ToString(), conf.Get("fix.port.nr"), "fix.port.nr is perps.fix.nr");
                        Assert.Equal("margin", conf.Get("fix.product"), "fix.product");
                        using (var c = new Client(conf))
                        using (EventQueue q = c.Queue())
                        using (FixSession s = FixSession.Open(c, null, 1))
                        {
                            Next(q, EventType.FixState, e => IsState(e, FixState.Active)).Dispose();
                            Assert.Equal(1, sim.FixSessions, "the simulator counts the session");
                            s.Close();
                            Next(q, EventType.FixClosed).Dispose();
                        }
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void ManualClockMovesOnlyWhenAdvanced()
        {
            string dir = Support.TempDir();
            try
            {
                using (Simulator sim = Start(dir, MarketsJson, "sim.clock", "manual", "sim.start_ms", "1700000000000"))
                {
                    if (sim == null) return;
                    Assert.Equal(1700000000000L, sim.NowMs, "start_ms");
                    sim.AdvanceMs(1500);
                    sim.SetActivity(false);
                    Assert.Equal(1700000001500L, sim.NowMs, "after advancing 1500 ms");
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
