// Measures the binding's REST paths against the in-process simulator: a public GetMarket and a
// signed GetBalance round trip (call -> RestResponse polled, one typed field read), and the cost of
// one typed-object read (KalshiObject.TryGetPrice). Prints medians and p99; asserts nothing.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Kalshi;

internal static class RestBench
{
    private const string KeyId = "5e1a7c00-0000-4000-8000-00000000e005";

    private static Event Response(EventQueue q)
    {
        for (;;)
        {
            Event e = q.Poll(5000);
            if (e == null) throw new TimeoutException("no REST response within 5 s");
            if (e.Type == EventType.RestResponse) return e;
            e.Dispose();
        }
    }

    private static void RoundTrips(string what, EventQueue q, Action call, Action<KalshiObject> read, int n, int warmup)
    {
        var us = new List<double>(n);
        for (int i = 0; i < n + warmup; i++)
        {
            var sw = Stopwatch.StartNew();
            call();
            using (Event e = Response(q))
            {
                if (e.Err != ErrorCode.Ok) throw new KalshiException(e.Err, e.Error != null ? e.Error.Message : what);
                read(e.Object(0));
            }
            if (i >= warmup) us.Add(sw.Elapsed.TotalMilliseconds * 1000);
        }
        us.Sort();
        Console.WriteLine("{0,-34} median {1,7:F1} us   p99 {2,7:F1} us   ({3} calls)", what, us[us.Count / 2], us[us.Count * 99 / 100], n);
    }

    public static int Main(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 1000;
        string src = Environment.GetEnvironmentVariable("KALSHI_SOURCE_DIR");
        using (Conf sc = new Conf().Set("sim.seed", "7").Set("sim.activity", "false").Set("sim.rest.read_per_s", "1000000"))
        using (var sim = new Simulator(sc))
        {
            sim.RegisterKey(Product.Prediction, KeyId, File.ReadAllText(Path.Combine(src, "tests/data/keys/rsa_pub.pem")));
            using (Conf conf = new Conf().Set("rest.rate_tier", "prime").Set("auth.key_id", KeyId)
                       .Set("auth.private_key_path", Path.Combine(src, "tests/data/keys/rsa_pkcs8.pem")))
            {
                sim.ClientConf(conf, false);
                using (var c = new Client(conf))
                using (EventQueue q = c.Queue())
                {
                    c.RestCall(RestApi.Prediction, "GetMarkets", new RestParams().Set("limit", 1000), null, 1);
                    string ticker;
                    using (Event e = Response(q))
                    {
                        ticker = e.Object(0).Str("ticker");
                        IReadOnlyList<KalshiObject> markets = e.Objects;
                        long sum = 0;
                        int reads = 0;
                        var sw = Stopwatch.StartNew();
                        while (reads < 100000)
                            foreach (KalshiObject m in markets)
                            {
                                Price p;
                                if (m.TryGetPrice("yes_bid_dollars", out p)) sum += p.Raw;
                                reads++;
                            }
                        Console.WriteLine("{0,-34} {1,7:F0} ns per read      ({2} reads over {3} markets)", "KalshiObject.TryGetPrice", sw.Elapsed.TotalMilliseconds * 1e6 / reads, reads, markets.Count);
                    }
                    RoundTrips("GetMarket (public) round trip", q, () => c.RestGetMarket(ticker, 2), o => o.Str("ticker"), n, 100);
                    RoundTrips("GetBalance (signed) round trip", q, () => c.RestGetBalance(3), o => o.Price("balance"), n, 100);
                }
            }
        }
        return 0;
    }
}
