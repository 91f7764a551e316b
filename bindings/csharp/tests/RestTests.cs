// REST through the binding against the in-process simulator: a generic GetMarkets read through
// typed objects, pagination (pages then done), an order created, read back typed, cancelled and
// filled, balance and positions agreeing with the simulator's accounts, and the error mapping.
using System;
using System.Collections.Generic;
using System.Linq;

namespace Kalshi.Tests
{
    public class RestTests
    {
        private static bool IsRest(Event e)
        {
            return e.Type == EventType.RestResponse || e.Type == EventType.RestPage || e.Type == EventType.RestDone;
        }

        // The next REST event with tag, whatever its type.
        private static Event NextRest(EventQueue q, ulong tag)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < SimLive.WaitMs)
            {
                Event e = q.Poll(100);
                if (e == null) continue;
                if (IsRest(e) && e.UserTag == tag) return e;
                e.Dispose();
            }
            throw new AssertionException("no REST event with tag " + tag + " within " + SimLive.WaitMs + " ms");
        }

        // A RestResponse that must have succeeded.
        private static Event NextOk(EventQueue q, ulong tag)
        {
            Event e = NextRest(q, tag);
            Assert.Equal(EventType.RestResponse, e.Type, "event type for tag " + tag);
            if (e.Err != ErrorCode.Ok)
                throw new AssertionException(e.RestOperation + " failed: " + e.Err + " " + e.Error + " " + e.Text);
            return e;
        }

        [Test]
        public void GenericGetMarketsTyped()
        {
            using (var live = new SimLive())
            {
                EventQueue q;
                Client c = live.NewClient(true, out q);
                c.RestCall(RestApi.Prediction, "GetMarkets", new RestParams().Set("limit", 2).Set("event_ticker", SimLive.EventTicker), null, 11);
                using (Event e = NextOk(q, 11))
                {
                    Assert.Equal(200, e.RestStatus, "status");
                    Assert.Equal("GetMarkets", e.RestOperation, "operation");
                    Assert.True(e.Text.Contains("\"markets\""), "raw body: " + e.Text);
                    Assert.True(e.RestCursor.Length > 0, "a cursor: 2 of 3 markets");
                    IReadOnlyList<KalshiObject> markets = e.Objects;
                    Assert.Equal(2, markets.Count, "objects");
                    Assert.Equal(2, e.ObjectCount, "ObjectCount");
                    foreach (KalshiObject m in markets)
                    {
                        Assert.Equal("market", m.Kind, "kind");
                        Assert.True(m.Str("ticker").StartsWith(SimLive.EventTicker + "-T"), "ticker " + m.Str("ticker"));
                        Assert.Equal(SimLive.EventTicker, m.Str("event_ticker"), "event_ticker");
                        Assert.Equal(FieldKind.Str, m.KindOf("status"), "status kind");
                        Assert.Equal(FieldKind.None, m.KindOf("no_such_field"), "unknown field kind");
                        Assert.True(m.FieldNames.Contains("ticker"), "field names carry ticker");
                        Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => m.Price("status"), "a string read as a price");
                        Assert.ThrowsKalshi(ErrorCode.NotFound, () => m.Str("no_such_field"), "an absent field");
                        string s;
                        Assert.False(m.TryGetStr("no_such_field", out s), "TryGetStr on an absent field");
                        Assert.Throws<ArgumentException>(() => m.Str("ticker\0x"), "a NUL in a field name");
                    }
                    Assert.True(e.Object(2) == null && e.Object(-1) == null, "Object out of range is null");
                    KalshiObject first = markets[0];
                    e.Dispose();
                    Assert.Throws<ObjectDisposedException>(() => { var k = first.Kind; }, "a view after its event is disposed");
                }
            }
        }

        [Test]
        public void PaginatePagesThenDone()
        {
            using (var live = new SimLive())
            {
                EventQueue q;
                Client c = live.NewClient(true, out q);
                var p = new RestParams().Set("limit", 1).Set("event_ticker", SimLive.EventTicker);
                c.RestPaginate(RestApi.Prediction, "GetMarkets", p, 0, 21);
                var tickers = new HashSet<string>();
                for (int i = 0; i < 3; i++)
                {
                    using (Event e = NextRest(q, 21))
                    {
                        Assert.Equal(EventType.RestPage, e.Type, "page " + i);
                        Assert.Equal(ErrorCode.Ok, e.Err, "page " + i + " err");
                        Assert.Equal(i, e.RestPageIndex, "page index");
                        Assert.Equal(1, e.ObjectCount, "one market per page");
                        tickers.Add(e.Object(0).Str("ticker"));
                    }
                }
                Assert.Equal(3, tickers.Count, "three distinct markets");
                Event done = NextRest(q, 21);
                if (done.Type == EventType.RestPage)
                {
                    // The exchange may hand out a last cursor that leads to an empty page.
                    Assert.Equal(0, done.ObjectCount, "a fourth page is empty");
                    done.Dispose();
                    done = NextRest(q, 21);
                }
                using (done)
                {
                    Assert.Equal(EventType.RestDone, done.Type, "done");
                    Assert.Equal(ErrorCode.Ok, done.Err, "done err");
                    Assert.False(done.RestTruncated, "not truncated");
                }

                // max_pages 2 cuts the walk: two pages, then a truncated done with the cursor.
                c.RestPaginate(RestApi.Prediction, "GetMarkets", p, 2, 22);
                for (int i = 0; i < 2; i++)
                    using (Event e = NextRest(q, 22)) Assert.Equal(EventType.RestPage, e.Type, "truncated walk page " + i);
                using (Event d = NextRest(q, 22))
                {
                    Assert.Equal(EventType.RestDone, d.Type, "truncated done");
                    Assert.True(d.RestTruncated, "truncated");
                    Assert.Equal(2, d.RestPageIndex, "pages delivered");
                    Assert.True(d.RestCursor.Length > 0, "the cursor to resume from");
                }

                // A listing that does not paginate is refused before any I/O.
                Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => c.RestPaginate(RestApi.Prediction, "GetBalance", null, 0, 23), "GetBalance does not paginate");
            }
        }

        [Test]
        public void OrderCreateReadCancelFill()
        {
            using (var live = new SimLive())
            {
                EventQueue q;
                Client c = live.NewClient(true, out q);
                // A YES bid at 0.10 x 2 rests on the empty book.
                c.RestCreateOrder(new RestOrder { Ticker = SimLive.TickerA, Side = OrderSide.Yes, Action = OrderAction.Buy, Count = Count.Parse("2"), Price = Price.Parse("0.10") }, 41);
                string orderId;
                using (Event e = NextOk(q, 41))
                {
                    Assert.Equal(201, e.RestStatus, "created");
                    Assert.Equal(1, e.ObjectCount, "one object");
                    KalshiObject o = e.Object(0);
                    Assert.Equal("order", o.Kind, "kind");
                    orderId = o.Str("order_id");
                    Assert.Equal(36, o.Str("client_order_id").Length, "a generated UUID client_order_id");
                }

                c.RestCall(RestApi.Prediction, "GetOrder", new RestParams().Set("order_id", orderId), null, 42);
                using (Event e = NextOk(q, 42))
                {
                    KalshiObject o = e.Object(0);
                    Assert.Equal(orderId, o.Str("order_id"), "order_id");
                    Assert.Equal(SimLive.TickerA, o.Str("ticker"), "ticker");
                    Assert.Equal("yes", o.Str("side"), "side");
                    Assert.Equal("buy", o.Str("action"), "action");
                    Assert.Equal("resting", o.Str("status"), "status");
                    Assert.Equal(new Price(100000), o.Price("yes_price_dollars"), "yes price exactly 0.10");
                    Assert.Equal(new Count(200), o.Count("remaining_count_fp"), "remaining 2.00");
                    Assert.Equal(new Count(0), o.Count("fill_count_fp"), "nothing filled");
                }

                // The book shows it as a YES bid, typed and through a Book.
                c.RestGetOrderbook(SimLive.TickerA, 0, 43);
                using (Event e = NextOk(q, 43))
                using (var book = new Book())
                {
                    KalshiObject ob = e.Object(0);
                    Assert.Equal("orderbook", ob.Kind, "kind");
                    IReadOnlyList<BookLevel> yes = ob.Levels("yes");
                    Assert.Equal(1, yes.Count, "one YES level");
                    Assert.Equal(new Price(100000), yes[0].Price, "level price");
                    Assert.Equal(new Count(200), yes[0].Size, "level size");
                    Assert.Equal(0, ob.Levels("no").Count, "no NO levels");
                    book.ApplyEvent(e);
                    BookLevel? best = book.Best(SimLive.TickerA, BookSide.Bid);
                    Assert.True(best.HasValue && best.Value.Price == new Price(100000), "the REST book feeds a Book");
                }

                c.RestCancelOrder(orderId, 44);
                using (Event e = NextOk(q, 44)) Assert.Equal(orderId, e.Object(0).Str("order_id"), "cancelled order");
                // Cancelling again: the exchange refuses, mapped with the HTTP status.
                c.RestCancelOrder(orderId, 45);
                using (Event e = NextRest(q, 45))
                {
                    Assert.NotEqual(ErrorCode.Ok, e.Err, "second cancel refused");
                    Assert.NotNull(e.Error, "error detail");
                    Assert.True(e.Error.HttpStatus >= 400, "HTTP status " + e.Error.HttpStatus);
                    Assert.Equal(e.Error.HttpStatus, e.RestStatus, "status on the event");
                }

                // A maker's YES ask at 0.55 x 2 crossed by an IOC buy: filled; balance and
                // position agree with the simulator's accounts to the micro-dollar.
                live.Sim.PlaceOrder(live.Maker, SimLive.TickerA, '2', Price.Parse("0.55"), Count.Parse("2"));
                c.RestCreateOrder(new RestOrder
                {
                    Ticker = SimLive.TickerA, Side = OrderSide.Yes, Action = OrderAction.Buy, Count = Count.Parse("2"),
                    Price = Price.Parse("0.55"), ClientOrderId = "cs-fill-1", TimeInForce = RestTimeInForce.ImmediateOrCancel,
                }, 46);
                using (Event e = NextOk(q, 46))
                {
                    Assert.Equal("cs-fill-1", e.Object(0).Str("client_order_id"), "client order id echoed");
                    Assert.Equal(new Count(200), e.Object(0).Count("fill_count"), "filled 2");
                }
                c.RestGetBalance(47);
                using (Event e = NextOk(q, 47))
                {
                    Assert.Equal("balance", e.Object(0).Kind, "kind");
                    Assert.Equal(live.Sim.Balance(live.Member), e.Object(0).Price("balance"), "REST balance = simulator balance");
                }
                c.RestGetPositions(48);
                using (Event e = NextOk(q, 48))
                {
                    KalshiObject pos = e.Objects.FirstOrDefault(o => o.Kind == "market_position" && o.Str("ticker") == SimLive.TickerA);
                    Assert.NotNull(pos, "a position in " + SimLive.TickerA + " among " + e.ObjectCount + " objects");
                    Assert.Equal(new Count(200), pos.Count("position_fp"), "long 2");
                    Assert.Equal(live.Sim.Position(live.Member, 0, SimLive.TickerA), pos.Count("position_fp"), "= simulator position");
                }
            }
        }

        [Test]
        public void ErrorsMapped()
        {
            using (var live = new SimLive())
            {
                EventQueue q;
                Client c = live.NewClient(true, out q);
                // Validation before any I/O names the parameter.
                KalshiException x = Assert.ThrowsKalshi(ErrorCode.InvalidArg,
                    () => c.RestCall(RestApi.Prediction, "GetMarkets", new RestParams().Set("limit", "lots"), null, 51), "limit=lots");
                Assert.True(x.Message.Contains("limit"), "names the parameter: " + x.Message);
                x = Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => c.RestCall(RestApi.Prediction, "GetMarket", null, null, 52), "no ticker");
                Assert.True(x.Message.Contains("ticker"), "names the path parameter: " + x.Message);
                x = Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => c.RestCall(RestApi.Prediction, "NoSuchOperation", null, null, 53), "unknown op");
                Assert.True(x.Message.Contains("NoSuchOperation"), "names the operation: " + x.Message);
                Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => c.RestCall(RestApi.Prediction, "CreateOrderV2", null, "{\"ticker\":", 54), "truncated JSON body");
                Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => c.RestCall((RestApi)77, "GetMarkets", null, null, 55), "unknown api");
                Assert.Throws<ArgumentNullException>(() => c.RestCall(RestApi.Prediction, null), "null operation");
                using (Event e = q.Poll(100))
                    Assert.True(e == null || !IsRest(e), "no REST event after synchronous refusals");

                // A client without the key: the simulator answers 401, mapped to Unauthorized.
                EventQueue aq;
                Client anon = live.NewClient(false, out aq);
                anon.RestGetBalance(61);
                using (Event e = NextRest(aq, 61))
                {
                    Assert.Equal(EventType.RestResponse, e.Type, "type");
                    Assert.Equal(ErrorCode.Unauthorized, e.Err, "err");
                    Assert.Equal(401, e.RestStatus, "status");
                    Assert.Equal(ErrorCode.Unauthorized, e.Error.Code, "error code");
                    Assert.Equal(401, e.Error.HttpStatus, "error HTTP status");
                    Assert.Equal(0, e.ObjectCount, "no typed view of an error");
                }
                // A public operation needs no key; an unknown market is NotFound (404).
                anon.RestGetMarket(SimLive.TickerA, 62);
                using (Event e = NextOk(aq, 62)) Assert.Equal(SimLive.TickerA, e.Object(0).Str("ticker"), "public market read");
                anon.RestGetMarket("NOSUCH-26NOV21-T1", 63);
                using (Event e = NextRest(aq, 63))
                {
                    Assert.Equal(ErrorCode.NotFound, e.Err, "unknown market");
                    Assert.Equal(404, e.RestStatus, "status");
                }

                // A perps operation goes to /trade-api/v2/margin; the simulator does not simulate
                // this one (risk parameters): 501, Server, with the exchange's code and no typed
                // objects.
                c.RestCall(RestApi.Perps, "GetMarginRiskParameters", new RestParams(), null, 65);
                using (Event e = NextRest(q, 65))
                {
                    Assert.Equal("GetMarginRiskParameters", e.RestOperation, "operation");
                    Assert.Equal(ErrorCode.Server, e.Err, "not simulated");
                    Assert.Equal(501, e.RestStatus, "status");
                    Assert.Equal("not_simulated", e.Error.ExchangeCode, "exchange code");
                    Assert.Equal(0, e.ObjectCount, "no typed objects");
                }

                // After Dispose every call is Closed or ObjectDisposed, never a crash.
                anon.Dispose();
                Assert.Throws<ObjectDisposedException>(() => anon.RestGetBalance(64), "call on a disposed client");
            }
        }

        [Test]
        public void ParamsBuilder()
        {
            var p = new RestParams().Set("limit", "5").Set("status", "open").Set("limit", 7);
            Assert.Equal("7", p.Get("limit"), "replaced");
            Assert.Equal(2, p.Count, "count");
            Assert.True(p.Get("cursor") == null, "unset is null");
            Assert.Equal("0.45", new RestParams().Set("price", Price.Parse("0.45")).Get("price"), "exact price text");
            p.Clear();
            Assert.Equal(0, p.Count, "cleared");
            Assert.Throws<ArgumentNullException>(() => p.Set(null, "x"), "null name");
            Assert.Throws<ArgumentNullException>(() => p.Set("x", (string)null), "null value");
            Assert.Throws<ArgumentException>(() => p.Set("li\0mit", "1"), "a NUL in a name");
            Assert.Throws<ArgumentException>(() => p.Set("limit", "1\0 0"), "a NUL in a value");
        }
    }
}
