// FIX against an independent engine: the QuickFIX acceptor (tests/qf, kalshi-qf-acceptor, named
// by KALSHI_QF_ACCEPTOR) checks the Logon signature, validates our messages against its
// dictionary and answers orders with ExecutionReports. The C reference: tests/c/test_fix_quickfix.c.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;

namespace Kalshi.Tests
{
    public class FixLiveTests
    {
        internal const string KeyId = "11111111-2222-3333-4444-555555555555";
        private const int WaitMs = 15000;

        // The acceptor process: its first stdout line is the port; later lines are events the
        // tests match on. Stdout is drained asynchronously so it never blocks; closing its stdin
        // makes it exit.
        private sealed class Acceptor : IDisposable
        {
            private readonly Process proc;
            private readonly BlockingCollection<string> lines = new BlockingCollection<string>();
            public readonly string Port;

            public Acceptor(string exe, string publicKey)
            {
                var psi = new ProcessStartInfo(exe, string.Format("--key-id {0} --public-key \"{1}\" --port 0", KeyId, publicKey))
                {
                    UseShellExecute = false,
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                proc = new Process { StartInfo = psi };
                proc.OutputDataReceived += (s, e) => Push(e.Data);
                proc.ErrorDataReceived += (s, e) => { if (e.Data != null) Console.WriteLine("    acceptor stderr: " + e.Data); };
                proc.Start();
                proc.BeginOutputReadLine();
                proc.BeginErrorReadLine();
                string port;
                if (!lines.TryTake(out port, 10000) || string.IsNullOrEmpty(port))
                {
                    Dispose();
                    throw new AssertionException("the acceptor printed no port");
                }
                Port = port.Trim();
            }

            private void Push(string line)
            {
                try
                {
                    if (line == null) lines.CompleteAdding(); else lines.Add(line);
                }
                catch (InvalidOperationException)
                {
                    // output after CompleteAdding: nothing waits for it any more
                }
            }

            // Reads event lines until one contains needle.
            public void Expect(string needle)
            {
                var sw = Stopwatch.StartNew();
                while (sw.ElapsedMilliseconds < WaitMs)
                {
                    string line;
                    int left = (int)Math.Max(1, WaitMs - sw.ElapsedMilliseconds);
                    try
                    {
                        if (!lines.TryTake(out line, left)) break;
                    }
                    catch (InvalidOperationException)
                    {
                        break; // completed: the acceptor exited
                    }
                    if (line.Contains(needle)) return;
                }
                throw new AssertionException("the acceptor never printed '" + needle + "'");
            }

            public void Dispose()
            {
                try
                {
                    proc.StandardInput.Close(); // it exits when stdin closes
                }
                catch (Exception)
                {
                }
                if (!proc.WaitForExit(10000)) proc.Kill();
                proc.WaitForExit();
                proc.Dispose();
            }
        }

        private static string AcceptorPath()
        {
            string exe = Environment.GetEnvironmentVariable("KALSHI_QF_ACCEPTOR");
            if (string.IsNullOrEmpty(exe))
            {
                Console.WriteLine("    skipped: KALSHI_QF_ACCEPTOR is not set (path to kalshi-qf-acceptor)");
                return null;
            }
            Assert.True(File.Exists(exe), "KALSHI_QF_ACCEPTOR names an existing file: " + exe);
            return exe;
        }

        private static string Source(string rel)
        {
            string dir = Environment.GetEnvironmentVariable("KALSHI_SOURCE_DIR");
            Assert.True(!string.IsNullOrEmpty(dir), "KALSHI_SOURCE_DIR is set");
            return Path.Combine(dir, rel);
        }

        private static Conf ClientConf(Acceptor a, string keyRel)
        {
            return new Conf()
                .Set("auth.key_id", KeyId)
                .Set("auth.private_key_path", Source(keyRel))
                .Set("fix.host", "127.0.0.1")
                .Set("fix.tls", "false")
                .Set("fix.port.nr", a.Port)
                .Set("fix.session", "nr")
                .Set("fix.heartbeat_s", "5")
                .Set("net.backoff_base_ms", "50");
        }

        // The next event of a type; others are disposed. Fails after the timeout.
        private static Event Next(EventQueue q, EventType type, Func<Event, bool> match = null)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < WaitMs)
            {
                Event e = q.Poll(100);
                if (e == null) continue;
                // match sees every event (so callers can note earlier ones), type filters the result
                bool hit = match == null ? e.Type == type : match(e) && e.Type == type;
                if (hit) return e;
                e.Dispose();
            }
            throw new AssertionException("no " + type + " event within " + WaitMs + " ms");
        }

        [Test]
        public void OrderRoundTripAgainstQuickFix()
        {
            string exe = AcceptorPath();
            if (exe == null) return;
            using (var a = new Acceptor(exe, Source("tests/data/keys/rsa_pub.pem")))
            using (Conf conf = ClientConf(a, "tests/data/keys/rsa_pkcs8.pem"))
            using (var c = new Client(conf))
            using (EventQueue q = c.Queue())
            using (FixSession s = FixSession.Open(c, null, 7))
            {
                Assert.Equal(7UL, s.UserTag, "session tag");
                using (Event active = Next(q, EventType.FixState, e => e.Type == EventType.FixState && e.FixState == FixState.Active))
                {
                    Assert.Equal(7UL, active.UserTag, "state event tag");
                    Assert.True(active.Error == null, "no error on reaching ACTIVE");
                }
                a.Expect("LOGON ok");
                Assert.Equal(FixState.Active, s.State, "session state");
                Assert.True(s.NextSenderSeq >= 2, "Logon took seq 1: next " + s.NextSenderSeq);

                // 0.75 dollars goes out as 75 cents (prediction without UseDollars), 10 contracts.
                // From this (non-loop) thread the order is queued: no sequence number yet.
                ulong seq = s.SendNewOrder("order-1", "HIGHNY-23DEC31", '1', new Price(750000), new Count(1000), '1', 99);
                Assert.Equal(0UL, seq, "queued from another thread");
                a.Expect("APP D 11=order-1");

                Func<Event, bool> isEr = e => e.Type == EventType.FixMessage && e.FixMessage.MsgType == "8";
                using (Event ack = Next(q, EventType.FixMessage, isEr))
                {
                    Assert.Equal(7UL, ack.UserTag, "message tag");
                    ExecutionReport er = ack.FixMessage.ToExecutionReport();
                    Assert.Equal('0', er.ExecType, "150=0 New");
                    Assert.Equal("order-1", er.ClOrdId, "ClOrdID");
                    Assert.Equal((Price?)new Price(750000), er.Price, "Price");
                }
                using (Event fill = Next(q, EventType.FixMessage, isEr))
                {
                    ExecutionReport er = fill.FixMessage.ToExecutionReport();
                    Assert.Equal('F', er.ExecType, "150=F Trade");
                    Assert.Equal((Price?)new Price(750000), er.LastPx, "LastPx");
                    Assert.Equal((Count?)new Count(1000), er.LastQty, "LastQty");
                }

                // The counters are as of the last loop iteration: the Logon's by now.
                Assert.True(s.NextTargetSeq >= 2, "the acceptor's Logon was seq 1: next " + s.NextTargetSeq);

                // A price the cents wire format cannot carry is refused before anything is sent.
                var inexact = Assert.ThrowsKalshi(ErrorCode.Inexact,
                    () => s.SendNewOrder("order-2", "HIGHNY-23DEC31", '1', new Price(755000), new Count(100), '1'), "0.755 in cents");
                Assert.Equal("KALSHI_ERR_INEXACT", inexact.Name, "name");
                // Not carried on KalshiNR: RFQ creation.
                Assert.ThrowsKalshi(ErrorCode.NotSupported, () => s.SendQuoteRequest("rfq-1", "HIGHNY-23DEC31", new Count(100)), "QuoteRequest on NR");

                s.Close();
                using (Event closed = Next(q, EventType.FixClosed))
                    Assert.Equal(7UL, closed.UserTag, "closed tag");
                a.Expect("LOGOUT");
                s.Close(); // idempotent
            }
        }

        [Test]
        public void WrongKeyIsRefused()
        {
            string exe = AcceptorPath();
            if (exe == null) return;
            using (var a = new Acceptor(exe, Source("tests/data/keys/rsa_pub.pem")))
            using (Conf conf = ClientConf(a, "tests/data/keys/rsa3072_pkcs8.pem"))
            using (var c = new Client(conf))
            using (EventQueue q = c.Queue())
            using (FixSession.Open(c, null, 1))
            {
                // Refused logons are not retried: the session ends with the exchange's reason.
                bool rejected = false;
                using (Next(q, EventType.FixClosed, e =>
                {
                    if (e.Type == EventType.FixState && e.Err == ErrorCode.Rejected) rejected = true;
                    return e.Type == EventType.FixClosed;
                }))
                {
                }
                Assert.True(rejected, "a FixState event carried KALSHI_ERR_REJECTED");
                a.Expect("LOGON rejected");
            }
        }
    }
}
