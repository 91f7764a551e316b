// WebSocket through the binding against the in-process simulator: open, subscribe
// orderbook_delta for a market with a resting order, the reply's sid and the typed snapshot, an
// order placed through the simulator seen as a delta and as a new best in the local book, a book
// copy, list, unsubscribe and close; and the refusals known before any traffic.
using System;
using System.Collections.Generic;

namespace Kalshi.Tests
{
    public class WsTests
    {
        private static Func<Event, bool> OfType(string wsType) { return e => e.WsType == wsType; }

        private static void Level(BookLevel? got, string price, string size, string what)
        {
            Assert.True(got.HasValue, what + ": a level");
            Assert.Equal(Price.Parse(price), got.Value.Price, what + " price");
            Assert.Equal(Count.Parse(size), got.Value.Size, what + " size");
        }

        [Test]
        public void OrderbookDeltaMovesTheLocalBook()
        {
            using (var live = new SimLive())
            {
                EventQueue q;
                Client c = live.NewClient(true, out q);
                // A maker's YES bid at 0.40 x 10 before subscribing: it is in the snapshot.
                live.Sim.PlaceOrder(live.Maker, SimLive.TickerA, '1', Price.Parse("0.40"), Count.Parse("10"));

                const ulong wsTag = 7;
                using (Conf overrides = new Conf().Set("ws.top_events", "true").Set("ws.backoff_base_ms", "20"))
                using (WebSocket ws = WebSocket.Open(c, overrides, wsTag))
                {
                    Assert.True(ws.Client == c && ws.UserTag == wsTag, "the connection keeps its client and tag");
                    SimLive.Next(q, EventType.WsState, wsTag, e => e.WsState == WsState.Open).Dispose();
                    Assert.Equal(WsState.Open, ws.State, "state");

                    ws.Subscribe(new[] { "orderbook_delta" }, new[] { SimLive.TickerA }, 8);
                    ulong sid;
                    using (Event reply = SimLive.Next(q, EventType.WsReply, 8))
                    {
                        Assert.Equal(ErrorCode.Ok, reply.Err, "subscribe reply " + reply.Error);
                        sid = reply.WsSid;
                        Assert.True(sid != 0, "a sid");
                    }

                    ulong snapSeq;
                    using (Event snap = SimLive.Next(q, EventType.WsMessage, wsTag, OfType("orderbook_snapshot")))
                    {
                        Assert.Equal("orderbook_delta", snap.WsChannel, "channel");
                        Assert.Equal(sid, snap.WsSid, "snapshot sid");
                        Assert.Equal(SimLive.TickerA, snap.WsMarket, "snapshot market");
                        Assert.True(snap.Text.Contains(SimLive.TickerA), "raw JSON");
                        Assert.Equal(1, snap.ObjectCount, "one typed object");
                        KalshiObject o = snap.Object(0);
                        Assert.Equal(SimLive.TickerA, o.Str("market_ticker"), "market_ticker");
                        IReadOnlyList<BookLevel> yes = o.Levels("yes");
                        Assert.Equal(1, yes.Count, "one YES level");
                        Level(yes[0], "0.40", "10", "snapshot YES level");
                        snapSeq = snap.WsSeq;
                    }
                    Level(ws.Best(SimLive.TickerA, BookSide.Bid), "0.40", "10", "best bid after the snapshot");
                    Assert.True(ws.Best(SimLive.TickerA, BookSide.Ask) == null, "no ask");

                    // A better YES bid, 0.45 x 5: a delta, then a new top of book.
                    live.Sim.PlaceOrder(live.Maker, SimLive.TickerA, '1', Price.Parse("0.45"), Count.Parse("5"));
                    using (Event delta = SimLive.Next(q, EventType.WsMessage, wsTag, OfType("orderbook_delta")))
                    {
                        Assert.Equal(sid, delta.WsSid, "delta sid");
                        Assert.True(delta.WsSeq > snapSeq, "seq " + delta.WsSeq + " after the snapshot's " + snapSeq);
                        Assert.Equal(SimLive.TickerA, delta.WsMarket, "delta market");
                        KalshiObject d = delta.Object(0);
                        Assert.Equal("yes", d.Str("side"), "delta side");
                        Assert.Equal(Price.Parse("0.45"), d.Price("price"), "delta price");
                        Assert.Equal(Count.Parse("5"), d.Count("delta"), "delta size");
                    }
                    SimLive.Next(q, EventType.BookTop, wsTag, e => e.WsMarket == SimLive.TickerA).Dispose();
                    Level(ws.Best(SimLive.TickerA, BookSide.Bid), "0.45", "5", "best bid after the delta");

                    // Selling YES at 0.60 is a NO bid at 0.40: a YES ask at 0.60 in the local book.
                    live.Sim.PlaceOrder(live.Maker, SimLive.TickerA, '2', Price.Parse("0.60"), Count.Parse("3"));
                    SimLive.Next(q, EventType.WsMessage, wsTag, OfType("orderbook_delta")).Dispose();
                    Level(ws.Best(SimLive.TickerA, BookSide.Ask), "0.60", "3", "best ask");

                    using (var book = new Book())
                    {
                        ws.CopyBook(SimLive.TickerA, book);
                        IReadOnlyList<BookLevel> bids = book.Levels(SimLive.TickerA, BookSide.Bid);
                        Assert.Equal(2, bids.Count, "copied bids");
                        Level(bids[0], "0.45", "5", "copied best bid");
                        Level(bids[1], "0.40", "10", "copied second bid");
                        Assert.ThrowsKalshi(ErrorCode.NotFound, () => ws.CopyBook("NOSUCH-26NOV21-T1", book), "copy of an unknown market");
                    }
                    Assert.True(ws.Best("NOSUCH-26NOV21-T1", BookSide.Bid) == null, "best of an unknown market");

                    ws.ListSubscriptions(9);
                    using (Event list = SimLive.Next(q, EventType.WsReply, 9))
                    {
                        Assert.Equal(ErrorCode.Ok, list.Err, "list");
                        Assert.True(list.Text.Contains("orderbook_delta"), "list names the channel: " + list.Text);
                    }

                    ws.Unsubscribe(sid, 10);
                    using (Event r = SimLive.Next(q, EventType.WsReply, 10)) Assert.Equal(ErrorCode.Ok, r.Err, "unsubscribe " + r.Error);

                    ws.Close();
                    SimLive.Next(q, EventType.WsClosed, wsTag).Dispose();
                    Assert.Equal(WsState.Closed, ws.State, "state after close");
                    Assert.Equal("KALSHI_WS_CLOSED", WebSocket.StateName(WsState.Closed), "state name");
                    ws.Close(); // idempotent
                    Assert.Equal(0UL, ws.Dropped, "nothing dropped");
                    ws.Dispose();
                    Assert.Throws<ObjectDisposedException>(() => ws.Subscribe(new[] { "ticker" }), "subscribe after dispose");
                }
            }
        }

        [Test]
        public void RefusalsBeforeTraffic()
        {
            using (var live = new SimLive())
            {
                EventQueue aq;
                Client anon = live.NewClient(false, out aq);
                KalshiException x = Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => WebSocket.Open(anon, null, 1), "open without a key");
                Assert.True(x.Message.Contains("auth.key_id"), "names the missing setting: " + x.Message);

                EventQueue q;
                Client c = live.NewClient(true, out q);
                using (WebSocket ws = WebSocket.Open(c, null, 2))
                {
                    Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => ws.Subscribe(new string[0]), "no channels");
                    Assert.Throws<ArgumentNullException>(() => ws.Subscribe(null), "null channels");
                    Assert.Throws<ArgumentNullException>(() => ws.Subscribe(new[] { "ticker", null }), "a null channel");
                    Assert.Throws<ArgumentException>(() => ws.Subscribe(new[] { "ticker" }, new[] { "A\0B" }), "a NUL in a ticker");
                    Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => ws.Update(1, "rename_markets", new[] { SimLive.TickerA }), "unknown action");
                    ws.Close();
                    SimLive.Next(q, EventType.WsClosed, 2).Dispose();
                }
                Assert.Throws<ArgumentNullException>(() => WebSocket.Open(null), "null client");
            }
        }

        // Destroy order never matters: a client disposed under its open WebSocket leaves the
        // WebSocket usable (calls fail with Closed), and connections, clients and events left to
        // the finalizer release every native handle.
        [Test]
        public void DisposeOrderAndFinalizers()
        {
            using (var live = new SimLive())
            {
                Support.Collect();
                long handles0 = Interop.KalshiHandle.LiveCount;
                EventQueue q;
                Client c = live.NewClient(true, out q);
                WebSocket ws = WebSocket.Open(c, null, 3);
                SimLive.Next(q, EventType.WsState, 3, e => e.WsState == WsState.Open).Dispose();
                c.Dispose();
                Assert.ThrowsKalshi(ErrorCode.Closed, () => ws.Subscribe(new[] { "ticker" }), "subscribe on a closed client");
                Assert.True(ws.Best(SimLive.TickerA, BookSide.Bid) == null, "no book");
                ws.Dispose();

                Abandon(live);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                do Support.Collect(); while (Interop.KalshiHandle.LiveCount > handles0 + 1 && sw.ElapsedMilliseconds < 5000);
                // Only the queue of NewClient is left (disposed with live); everything else is gone.
                Assert.Equal(handles0 + 1, Interop.KalshiHandle.LiveCount, "live native handles back to baseline");
            }
        }

        // Clients, connections and events dropped without Dispose.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void Abandon(SimLive live)
        {
            for (int i = 0; i < 5; i++)
            {
                using (Conf conf = new Conf().Set("auth.key_id", SimLive.KeyId)
                           .Set("auth.private_key_path", SimLive.Source("tests/data/keys/rsa_pkcs8.pem")))
                {
                    live.Sim.ClientConf(conf, false);
                    var c = new Client(conf);
                    EventQueue q = c.Queue();
                    WebSocket ws = WebSocket.Open(c, null, 4);
                    Event e = q.Poll(1000); // the first state event, never disposed
                    Assert.NotNull(e, "an event from the connection");
                    if (i % 2 == 0) ws.Subscribe(new[] { "ticker" }, null, 5);
                }
            }
        }
    }
}
