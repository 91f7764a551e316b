// Client lifecycle and event delivery, in thread mode and caller mode.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Kalshi.Tests
{
    public class ClientTests
    {
        private static Event PollFor(EventQueue q, EventType type, int timeoutMs, List<Event> skipped = null)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                Event e = q.Poll(100);
                if (e == null) continue;
                if (e.Type == type) return e;
                if (skipped != null) skipped.Add(e); else e.Dispose();
            }
            return null;
        }

        [Test]
        public void EchoThreadMode()
        {
            const ulong tag = 0xF00DFACE12345678UL; // high bit set: user_tag is a full uint64
            using (var c = new Client())
            using (EventQueue q = c.Queue())
            {
                c.Echo(tag);
                using (Event e = PollFor(q, EventType.Echo, 5000))
                {
                    Assert.NotNull(e, "an echo event within 5 s");
                    Assert.Equal(EventType.Echo, e.Type, "type");
                    Assert.Equal("KALSHI_EVENT_ECHO", e.Name, "type name");
                    Assert.Equal(tag, e.UserTag, "user_tag");
                    Assert.Equal(ErrorCode.Ok, e.Err, "err");
                    Assert.True(e.Error == null, "no error object");
                    Assert.True(e.TimestampNs > 0, "timestamp");
                }
            }
        }

        [Test]
        public void EchoCallerModeDrivenByRun()
        {
            using (var conf = new Conf().Set("client.mode", "caller"))
            using (var c = new Client(conf))
            using (EventQueue q = c.Queue())
            {
                c.Echo(7);
                c.Echo(8);
                c.Echo(9);
                // No library thread: nothing happens until the application runs the loop.
                Assert.True(q.Poll(50) == null, "no event before kalshi_client_run");
                Assert.Equal(0, q.Length, "queue empty before run");
                var sw = Stopwatch.StartNew();
                while (q.Length < 3 && sw.ElapsedMilliseconds < 5000) Assert.True(c.Run(10), "run while open");
                Assert.Equal(3, q.Length, "three echoes queued after run");
                var tags = new List<ulong>();
                for (int i = 0; i < 3; i++)
                    using (Event e = q.Poll(0))
                    {
                        Assert.Equal(EventType.Echo, e.Type, "type");
                        tags.Add(e.UserTag);
                    }
                Assert.Equal("7,8,9", string.Join(",", tags), "tags in submission order");

                c.Close(0);
                sw.Restart();
                while (c.Run(10) && sw.ElapsedMilliseconds < 5000) { }
                Assert.False(c.Run(0), "run reports closed");
                Assert.True(c.IsClosed, "closed");
                using (Event e = PollFor(q, EventType.ClientClosed, 1000))
                    Assert.NotNull(e, "CLIENT_CLOSED event");
            }
        }

        [Test]
        public void RunRefusedInThreadMode()
        {
            using (var c = new Client())
                Assert.ThrowsKalshi(ErrorCode.WrongMode, () => c.Run(0), "kalshi_client_run in thread mode");
        }

        [Test]
        public void PollBatchAndLength()
        {
            using (var c = new Client())
            using (EventQueue q = c.Queue())
            {
                var want = new HashSet<ulong>();
                for (ulong t = 100; t < 110; t++)
                {
                    c.Echo(t);
                    want.Add(t);
                }
                var sw = Stopwatch.StartNew();
                while (q.Length < 10 && sw.ElapsedMilliseconds < 5000) System.Threading.Thread.Sleep(5);
                Assert.Equal(10, q.Length, "length");
                List<Event> first = q.PollBatch(4, 0);
                Assert.Equal(4, first.Count, "batch limited by max");
                Assert.Equal(6, q.Length, "length after a batch");
                List<Event> rest = q.PollBatch(64, 1000);
                Assert.Equal(6, rest.Count, "the rest");
                var got = new HashSet<ulong>(first.Concat(rest).Select(e => e.UserTag));
                Assert.True(want.SetEquals(got), "all tags: " + string.Join(",", got));
                Assert.True(first.Concat(rest).All(e => e.Type == EventType.Echo), "all echoes");
                foreach (Event e in first.Concat(rest)) e.Dispose();
                Assert.Equal(0, q.PollBatch(8, 20).Count, "empty after the timeout");
            }
        }

        [Test]
        public void LogEventsAreTypedAndFiltered()
        {
            using (var conf = new Conf().Set("log.level", "info"))
            using (var c = new Client(conf))
            using (EventQueue q = c.Queue())
            {
                c.Log(LogLevel.Debug, "below the level");
                c.Log(LogLevel.Info, "hello \u00fcnicode");
                c.Echo(1);
                var skipped = new List<Event>();
                using (Event echo = PollFor(q, EventType.Echo, 5000, skipped))
                    Assert.NotNull(echo, "echo");
                var logs = skipped.Where(e => e.Type == EventType.Log).ToList();
                Assert.Equal(1, logs.Count, "exactly one log passes log.level=info: " + string.Join(" | ", logs.Select(e => e.Text)));
                Assert.Equal(LogLevel.Info, logs[0].LogLevel, "level");
                Assert.True(logs[0].Text.Contains("hello \u00fcnicode"), "UTF-8 text: " + logs[0].Text);
                foreach (Event e in skipped) e.Dispose();
            }
        }

        [Test]
        public void ClosedClientRefusesRequests()
        {
            using (var c = new Client())
            using (EventQueue q = c.Queue())
            {
                Assert.False(c.IsClosed, "open");
                c.Close();
                Assert.True(c.IsClosed, "closed");
                c.Close(); // idempotent
                Assert.ThrowsKalshi(ErrorCode.Closed, () => c.Echo(1), "echo after close");
                using (Event e = PollFor(q, EventType.ClientClosed, 2000))
                    Assert.NotNull(e, "CLIENT_CLOSED");
            }
        }

        [Test]
        public void QueueOutlivesClient()
        {
            // Child objects keep the client's memory alive: any destroy order is safe.
            var c = new Client();
            EventQueue q = c.Queue();
            c.Echo(42);
            using (Event e = PollFor(q, EventType.Echo, 5000))
                Assert.Equal(42UL, e.UserTag, "echo");
            c.Dispose();
            // destroy closed the client; the queue, still referenced, receives the last event.
            using (Event e = PollFor(q, EventType.ClientClosed, 2000))
                Assert.NotNull(e, "CLIENT_CLOSED through a queue that outlived its client");
            q.Dispose();
            Assert.Throws<ObjectDisposedException>(() => c.Echo(1), "disposed handle");
        }

        [Test]
        public void DisposeWaitsForAPollInFlight()
        {
            // A Dispose racing a blocked poll on another thread defers the native destroy until the
            // poll returns (SafeHandle reference counting): the poll completes normally.
            using (var c = new Client())
            {
                EventQueue q = c.Queue();
                Event got = null;
                Exception failure = null;
                var started = new System.Threading.ManualResetEvent(false);
                var t = new System.Threading.Thread(() =>
                {
                    try
                    {
                        started.Set();
                        got = q.Poll(5000);
                    }
                    catch (Exception e)
                    {
                        failure = e;
                    }
                });
                t.Start();
                started.WaitOne();
                System.Threading.Thread.Sleep(100);
                long live = Interop.KalshiHandle.LiveCount;
                q.Dispose();
                Assert.Equal(live, Interop.KalshiHandle.LiveCount, "queue not destroyed while polled");
                c.Echo(99);
                Assert.True(t.Join(10000), "poll returned");
                Assert.True(failure == null, "poll did not fail: " + failure);
                Assert.NotNull(got, "the blocked poll received the echo");
                Assert.Equal(99UL, got.UserTag, "tag");
                got.Dispose();
                Assert.Equal(live - 1, Interop.KalshiHandle.LiveCount, "queue destroyed once the poll returned (event disposed too)");
                Assert.Throws<ObjectDisposedException>(() => q.Poll(0), "poll after dispose");
            }
        }

        [Test]
        public void ClientNewReportsConfErrors()
        {
            using (Key k = Key.Generate(KeyType.Ed25519))
            using (var conf = new Conf())
            {
                conf.Set("auth.private_key", k.PrivatePem());
                conf.Set("auth.private_key_path", "/etc/hostname");
                var e = Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => new Client(conf), "both private_key and private_key_path");
                Assert.NotNull(e.Detail, "error object");
                Assert.True(e.Message.Length > 0, "message");
                conf.Set("auth.private_key_path", null);
                using (var c = new Client(conf)) Assert.False(c.IsClosed, "a client with one key");
            }
        }

        [Test]
        public void ThousandClientsUnderGcPressureDoNotLeak()
        {
            using (var conf = new Conf().Set("client.close_timeout_ms", "1000"))
            {
                // Warm up so that lazily created runtime state is not counted as a leak.
                for (int i = 0; i < 20; i++) using (var c = new Client(conf)) c.Close();
                Support.Collect();
                long handles0 = Interop.KalshiHandle.LiveCount;
                int fds0 = Support.OpenFds(), threads0 = Support.Threads();
                long rss0 = Support.RssBytes();

                for (int i = 0; i < 1000; i++)
                {
                    var c = new Client(conf);
                    if (i % 3 == 0) c.Echo((ulong)i);
                    if (i % 10 == 0)
                    {
                        c.Queue(); // left for the finalizer, with the client itself
                        continue;
                    }
                    if (i % 2 == 0) c.Close();
                    c.Dispose();
                    if (i % 100 == 99) { GC.Collect(); GC.WaitForPendingFinalizers(); }
                }

                var sw = Stopwatch.StartNew();
                do Support.Collect(); while (Interop.KalshiHandle.LiveCount > handles0 && sw.ElapsedMilliseconds < 30000);
                Assert.Equal(handles0, Interop.KalshiHandle.LiveCount, "live native handles back to baseline");
                int fds = Support.OpenFds(), threads = Support.Threads();
                long rss = Support.RssBytes();
                Console.WriteLine("    fds {0}->{1} threads {2}->{3} rss {4}->{5} KiB", fds0, fds, threads0, threads, rss0 / 1024, rss / 1024);
                Assert.True(fds <= fds0 + 2, string.Format("file descriptors back to baseline: {0} -> {1}", fds0, fds));
                Assert.True(threads <= threads0 + 2, string.Format("threads back to baseline: {0} -> {1}", threads0, threads));
                Assert.True(rss - rss0 < 64L << 20, string.Format("RSS growth under 64 MiB: {0} -> {1} KiB", rss0 / 1024, rss / 1024));
            }
        }
    }
}
