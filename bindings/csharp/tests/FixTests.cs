// FIX without a network: messages framed here and decoded by Fix.Decode (typed getters, groups,
// the ExecutionReport class, view lifetime), books and settlement reassembly fed with them, the
// builder's validation and session-open validation.
using System;
using System.Linq;
using System.Text;

namespace Kalshi.Tests
{
    public class FixTests
    {
        internal const string Sym = "KXNBAGAME-26MAY25NYKCLE-NYK";

        // Frames a body written with '|' for SOH: header 8/9/35/49/56/34/52, body, CheckSum.
        internal static byte[] Frame(string msgType, string body, ulong seq = 2)
        {
            string inner = "35=" + msgType + "|49=KalshiMD|56=key|34=" + seq + "|52=20260528-14:00:00.010|" + body;
            string head = "8=FIXT.1.1|9=" + Encoding.ASCII.GetByteCount(inner) + "|";
            byte[] b = Encoding.ASCII.GetBytes((head + inner).Replace('|', '\x01'));
            int sum = 0;
            foreach (byte x in b) sum += x;
            byte[] tail = Encoding.ASCII.GetBytes("10=" + (sum % 256).ToString("D3") + "\x01");
            return b.Concat(tail).ToArray();
        }

        internal static Event Decode(string msgType, string body, bool useDollars = false)
        {
            Event ev = Fix.Decode(Frame(msgType, body), Product.Prediction, useDollars);
            Assert.Equal(EventType.FixMessage, ev.Type, "decoded event type");
            return ev;
        }

        private const string FillDollars =
            "6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|44=0.7500|54=1|" +
            "55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|9999=custom|453=2|448=acct_1|452=24|448=op-7|452=12|";

        [Test]
        public void DecodedExecutionReportIsTyped()
        {
            ExecutionReport er;
            using (Event ev = Decode("8", FillDollars, true))
            {
                FixMessage m = ev.FixMessage;
                Assert.NotNull(m, "FIX message");
                Assert.True(m.IsExecutionReport, "35=8");
                er = m.ToExecutionReport();
            }
            // A copy: still readable after the event is gone.
            Assert.Equal('F', er.ExecType, "ExecType");
            Assert.Equal('2', er.OrdStatus, "OrdStatus");
            Assert.Equal("order-2", er.ClOrdId, "ClOrdID");
            Assert.True(er.OrigClOrdId == null, "no OrigClOrdID");
            Assert.Equal("ord-abc", er.OrderId, "OrderID");
            Assert.Equal("4;7", er.ExecId, "ExecID");
            Assert.Equal("HIGHNY-23DEC31", er.Symbol, "Symbol");
            Assert.Equal((char?)'1', er.Side, "Side");
            Assert.Equal((Price?)new Price(750000), er.Price, "Price");
            Assert.Equal((Price?)new Price(660000), er.AvgPx, "AvgPx 0.6600");
            Assert.Equal((Price?)new Price(700000), er.LastPx, "LastPx");
            Assert.Equal((Count?)new Count(6000), er.LastQty, "LastQty 60.00");
            Assert.Equal((Count?)new Count(10000), er.CumQty, "CumQty");
            Assert.Equal((Count?)new Count(0), er.LeavesQty, "LeavesQty");
            Assert.Equal((Count?)new Count(10000), er.OrderQty, "OrderQty");
            Assert.True(er.Text == null, "no Text");
            Assert.True(er.OrdRejReason == null, "no OrdRejReason");
            Assert.Equal((long?)1758923656158L, er.TransactTimeMs, "TransactTime");
            Assert.Equal(2UL, er.Seq, "MsgSeqNum");
            Assert.False(er.PossDup, "PossDup");
            Assert.Equal(0.66m, er.AvgPx.Value.ToDecimal(), "exact decimal");
        }

        [Test]
        public void MessageGettersGroupsAndFields()
        {
            using (Event ev = Decode("8", FillDollars, true))
            {
                FixMessage m = ev.FixMessage;
                Assert.Equal("8", m.MsgType, "MsgType");
                Assert.Equal(2UL, m.Seq, "Seq");
                Assert.False(m.PossDup, "PossDup");
                Assert.Equal(new DateTimeOffset(2026, 5, 28, 14, 0, 0, 10, TimeSpan.Zero).ToUnixTimeMilliseconds(), m.SendingTimeMs, "SendingTime");
                Assert.Equal(660000L, m.GetPrice(6).Raw, "price");
                Assert.Equal(10000L, m.GetCount(38).Raw, "count");
                Assert.Equal('F', m.GetChar(150), "char");
                Assert.Equal(1758923656158L, m.GetTimeMs(60), "time");
                Assert.Equal("custom", m.GetString(9999), "unknown tag as text");
                Assert.Equal("order-2", m.GetString(11), "string");
                // Wrong getter for the type, absent tag.
                Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => m.GetPrice(55), "price of a text field");
                Assert.ThrowsKalshi(ErrorCode.NotFound, () => m.GetPrice(132), "absent field");
                Price px;
                Assert.False(m.TryGetPrice(132, out px), "TryGet of an absent field");
                Assert.False(m.Has(103), "no 103");
                Assert.True(m.Has(150), "has 150");
                Assert.Throws<ArgumentOutOfRangeException>(() => m.Has(0), "tag 0");

                // Groups: entries are message scopes.
                Assert.Equal(2, m.GroupCount(453), "group count");
                FixMessage p = m.GroupEntry(453, 1);
                Assert.NotNull(p, "entry 1");
                Assert.Equal(12L, p.GetInt(452), "PartyRole of entry 1");
                Assert.Equal("op-7", p.GetString(448), "PartyID of entry 1");
                Assert.True(m.GroupEntry(453, 2) == null, "entry 2 out of range");
                Assert.Equal("acct_1,op-7", string.Join(",", m.Group(453).Select(e => e.GetString(448))), "all entries");
                Assert.Equal(0, m.GroupCount(146), "absent group");

                // Wire-order iteration of the top level: counters listed, entries not.
                var tags = m.Fields.Select(f => f.Tag).ToList();
                Assert.True(tags.Contains(453), "counter listed");
                Assert.False(tags.Contains(448), "entry fields not listed");
                Assert.Equal("custom", m.Fields.First(f => f.Tag == 9999).Value, "field value");
                Assert.True(m.ToString().Contains("150=F"), "ToString: " + m);

                byte[] raw = m.Raw;
                Assert.Equal("8=FIXT.1.1\x01", Encoding.ASCII.GetString(raw, 0, 11), "raw starts at 8=");
                Assert.Equal(Frame("8", FillDollars).Length, raw.Length, "raw is the whole frame");
            }
        }

        [Test]
        public void CentsModeConvertsExactly()
        {
            using (Event ev = Decode("8", "11=a|14=0|31=75|32=10|39=0|44=75|150=0|151=10|", false))
            {
                ExecutionReport er = ev.FixMessage.ToExecutionReport();
                Assert.Equal((Price?)new Price(750000), er.Price, "75 cents");
                Assert.Equal((Count?)new Count(1000), er.LastQty, "10 contracts");
            }
        }

        [Test]
        public void MessageViewDiesWithItsEvent()
        {
            Event ev = Decode("8", FillDollars, true);
            FixMessage m = ev.FixMessage;
            FixMessage entry = m.GroupEntry(453, 0);
            long live = Interop.KalshiHandle.LiveCount;
            ev.Dispose();
            Assert.Equal(live - 1, Interop.KalshiHandle.LiveCount, "event destroyed");
            Assert.Throws<ObjectDisposedException>(() => { var t = m.MsgType; }, "message after dispose");
            Assert.Throws<ObjectDisposedException>(() => m.GetString(11), "getter after dispose");
            Assert.Throws<ObjectDisposedException>(() => entry.GetString(448), "group entry after dispose");
            Assert.Throws<ObjectDisposedException>(() => m.ToExecutionReport(), "typed view after dispose");
        }

        [Test]
        public void NonMessageEventsHaveNoFixMessage()
        {
            using (Event ev = Decode("0", ""))
            {
                Assert.Equal("0", ev.FixMessage.MsgType, "Heartbeat");
                Assert.Throws<InvalidOperationException>(() => ev.FixMessage.ToExecutionReport(), "not an ER");
            }
            // A decoded Reject was refused by no send of any session.
            using (Event rej = Decode("3", "45=5|373=1|58=bad tag|"))
            {
                Assert.Equal("3", rej.FixMessage.MsgType, "Reject");
                Assert.Equal(0UL, rej.FixMessage.RefUserTag, "no send to refer to");
            }
            using (var c = new Client())
            using (EventQueue q = c.Queue())
            {
                c.Echo(3);
                using (Event e = q.Poll(5000))
                {
                    Assert.Equal(EventType.Echo, e.Type, "echo");
                    Assert.True(e.FixMessage == null, "an echo has no FIX message");
                }
            }
        }

        [Test]
        public void DecodeRefusesBadBytes()
        {
            byte[] f = Frame("8", "11=a|150=0|");
            f[f.Length - 2] = (byte)(f[f.Length - 2] == '0' ? '1' : '0'); // a checksum digit
            var e = Assert.ThrowsKalshi(ErrorCode.Protocol, () => Fix.Decode(f), "bad checksum");
            Assert.Equal("KALSHI_ERR_PROTOCOL", e.Name, "name");
            Assert.NotNull(e.Detail, "error object");
            e = Assert.ThrowsKalshi(ErrorCode.Protocol, () => Fix.Decode(Frame("8", "11=a|44=7x5|150=0|")), "bad price");
            Assert.True(e.Message.Contains("44"), "names the tag: " + e.Message);
            byte[] trailing = Frame("0", "").Concat(new byte[] { (byte)'x' }).ToArray();
            Assert.ThrowsKalshi(ErrorCode.Protocol, () => Fix.Decode(trailing), "trailing bytes");
            Assert.Throws<ArgumentNullException>(() => Fix.Decode(null), "null frame");
        }

        [Test]
        public void BookFromSnapshotAndIncremental()
        {
            using (var book = new Book())
            {
                using (Event w = Decode("W", "55=" + Sym + "|268=2|269=0|270=0.3500|271=10.00|269=1|270=0.6500|271=5.00|"))
                    book.ApplyEvent(w);
                Assert.Equal(new BookLevel(new Price(350000), new Count(1000)), book.Best(Sym, BookSide.Bid).Value, "best bid");
                Assert.Equal(new BookLevel(new Price(650000), new Count(500)), book.Best(Sym, BookSide.Ask).Value, "best ask");
                Assert.Equal(1, book.Depth(Sym, BookSide.Bid), "bid depth");

                using (Event x = Decode("X", "268=1|279=1|55=" + Sym + "|269=0|270=0.3500|271=15.00|"))
                    book.ApplyEvent(x);
                BookLevel best;
                Assert.True(book.TryGetBest(Sym, BookSide.Bid, out best), "bid");
                Assert.Equal(350000L, best.Price.Raw, "bid price");
                Assert.Equal(1500L, best.Size.Raw, "size replaced, not added");
                Assert.Equal(1, book.Depth(Sym, BookSide.Bid), "bid depth");
                Assert.Equal(1, book.Depth(Sym, BookSide.Ask), "ask depth");

                // A new level through Apply(FixMessage), then direct levels.
                using (Event x = Decode("X", "268=1|279=0|55=" + Sym + "|269=0|270=0.3450|271=2.00|"))
                    book.Apply(x.FixMessage);
                Assert.Equal("350000x1500,345000x200", string.Join(",", book.Levels(Sym, BookSide.Bid).Select(l => l.Price.Raw + "x" + l.Size.Raw)), "levels in price order");
                Assert.Equal(new Price(345000), book.Level(Sym, BookSide.Bid, 1).Price, "level 1");
                Assert.ThrowsKalshi(ErrorCode.NotFound, () => book.Level(Sym, BookSide.Bid, 2), "past the end");

                book.SetLevel("BTC-PERP", BookSide.Ask, Price.Parse("19.51"), Count.Parse("5"));
                Assert.Equal("BTC-PERP," + Sym, string.Join(",", book.Symbols), "symbols sorted");
                Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => book.SetLevel("BTC-PERP", BookSide.Ask, new Price(1), new Count(-1)), "negative size");
                book.Clear(Sym);
                Assert.True(book.Best(Sym, BookSide.Bid) == null, "cleared symbol");
                Assert.Equal(0, book.Depth("UNKNOWN", BookSide.Bid), "unknown symbol");
                book.Clear();
                Assert.Equal(0, book.Symbols.Count, "all cleared");
            }
        }

        [Test]
        public void BookRejectsNonsenseEntry()
        {
            using (var book = new Book())
            {
                book.SetLevel(Sym, BookSide.Bid, new Price(300000), new Count(100));
                using (Event x = Decode("X", "268=1|279=1|55=" + Sym + "|269=7|270=0.3000|271=1.00|"))
                    Assert.ThrowsKalshi(ErrorCode.Protocol, () => book.ApplyEvent(x), "MDEntryType 7");
                Assert.Equal(0, book.Depth(Sym, BookSide.Bid), "symbol's book cleared");
            }
        }

        private const string Page1 =
            "20105=settle-1|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|" +
            "20108=1|20109=user-1|20110=24|704=100.01|705=0|1703=1|1704=30.6030|1705=PAYOUT|" +
            "136=1|137=0.00006|138=USD|139=4|891=0|893=N|";
        private const string Page2 =
            "20105=settle-2|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|" +
            "20108=1|20109=user-2|20110=24|704=0|705=5|1703=1|1704=0.00|1705=PAYOUT|" +
            "136=1|137=0.00|138=USD|139=4|891=0|893=Y|";

        [Test]
        public void SettlementPagesJoin()
        {
            using (var a = new SettlementAssembler())
            {
                using (Event p1 = Decode("UMS", Page1))
                {
                    Assert.True(a.Add(p1) == null, "first page completes nothing");
                    Assert.Equal(1, a.Pending, "pending");
                    Assert.True(a.Add(p1.FixMessage) == null, "a repeated page is ignored");
                }
                Settlement r;
                using (Event p2 = Decode("UMS", Page2))
                    r = a.Add(p2);
                Assert.NotNull(r, "report complete");
                Assert.Equal(0, a.Pending, "nothing pending");
                Assert.Equal("HIGHNY-23DEC31", r.Symbol, "symbol");
                Assert.Equal("scalar", r.Result, "result");
                Assert.Equal(20231231, r.BusinessDate, "date");
                Assert.Equal(new Price(306000), r.Price, "30.60 cents");
                Assert.Equal(2, r.PageCount, "pages");
                Assert.Equal(2, r.DeclaredPages, "declared pages");
                Assert.Equal(2, r.Parties.Count, "parties");
                Assert.Equal("user-1", r.Parties[0].PartyId, "party 0");
                Assert.Equal(new Count(10001), r.Parties[0].LongQty, "long qty");
                Assert.Equal(30603000L, r.Parties[0].Payout, "payout");
                Assert.Equal(60L, r.Parties[0].Fee, "fee");
                Assert.Equal("user-2", r.Parties[1].PartyId, "party 1");
                Assert.Equal(new Count(500), r.Parties[1].ShortQty, "short qty");

                using (Event w = Decode("W", "55=X|268=0|"))
                    Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => a.Add(w), "not a settlement report");
            }
        }

        [Test]
        public void BuilderValidatesFieldsAndGroups()
        {
            using (var b = new FixBuilder("D"))
            {
                b.SetString(11, "order-9").SetString(55, "HIGHNY-23DEC31").SetChar(54, '1')
                 .SetPrice(44, Price.Parse("0.75")).SetCount(38, Count.Parse("10")).SetChar(59, '1');
                b.GroupBegin(453).EntryNext().SetString(448, "acct_1").SetInt(452, 24).GroupEnd();
                Assert.ThrowsKalshi(ErrorCode.InvalidArg, () => b.SetString(9999, "x"), "a tag D does not have");
                // fix.h documents InvalidArg for a value of the wrong form; the library answers
                // InvalidValue for SOH in a string (reported), so either is accepted here.
                var soh = Assert.Throws<KalshiException>(() => b.SetString(11, "bad\x01id"), "SOH in a value");
                Assert.True(soh.Code == ErrorCode.InvalidArg || soh.Code == ErrorCode.InvalidValue, "SOH refused: " + soh.Code);
                Assert.Throws<ArgumentOutOfRangeException>(() => b.SetChar(54, '\u00e9'), "non-ASCII char");
                b.Reset("F");
            }
            Assert.Throws<KalshiException>(() => new FixBuilder("NOPE"), "unknown MsgType");
        }

        [Test]
        public void NamesOfStatesAndEvents()
        {
            Assert.Equal("KALSHI_FIX_ACTIVE", Fix.StateName(FixState.Active), "state name");
            Assert.Equal("KALSHI_FIX_LOGGING_OUT", Fix.StateName(FixState.LoggingOut), "state name");
            Assert.Equal("KALSHI_EVENT_FIX_MESSAGE", Event.TypeName(EventType.FixMessage), "event name");
            Assert.Equal("KALSHI_EVENT_FIX_CLOSED", Event.TypeName(EventType.FixClosed), "event name");
            Assert.Equal("KALSHI_ERR_SEQUENCE_GAP", Errors.Name(ErrorCode.SequenceGap), "error name");
            Assert.True(Errors.LibraryCodes().Contains(ErrorCode.NotFound), "library knows NOT_FOUND");
        }

        [Test]
        public void SessionOpenValidatesSettings()
        {
            using (var conf = new Conf().Set("auth.key_id", FixLiveTests.KeyId))
            using (var c = new Client(conf))
            {
                Assert.ThrowsKalshi(ErrorCode.KeyUnsupported, () => FixSession.Open(c), "no key configured");
                using (var o = new Conf().Set("fix.product", "margin").Set("fix.session", "rfq"))
                {
                    var e = Assert.ThrowsKalshi(ErrorCode.InvalidValue, () => FixSession.Open(c, o), "margin has no RFQ");
                    Assert.True(e.Message.Contains("margin"), "message: " + e.Message);
                }
                Assert.Throws<ArgumentNullException>(() => FixSession.Open(null), "null client");
            }
        }

        private static Conf UnreachableSessionConf()
        {
            var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            l.Start();
            int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
            l.Stop(); // nothing listens there: the session keeps reconnecting
            string src = Environment.GetEnvironmentVariable("KALSHI_SOURCE_DIR");
            return new Conf().Set("auth.key_id", FixLiveTests.KeyId)
                .Set("auth.private_key_path", System.IO.Path.Combine(src, "tests/data/keys/rsa_pkcs8.pem"))
                .Set("fix.host", "127.0.0.1").Set("fix.tls", "false").Set("fix.port.nr", port.ToString())
                .Set("fix.session", "nr").Set("net.backoff_base_ms", "50").Set("client.close_timeout_ms", "1000");
        }

        [Test]
        public void SessionSurvivesAnyDisposeOrder()
        {
            using (Conf conf = UnreachableSessionConf())
            {
                // The client first: the session (its native reference) stays safe to use.
                var c = new Client(conf);
                FixSession s = FixSession.Open(c, null, 5);
                Assert.True(s.Client == c, "session keeps its client");
                c.Dispose();
                FixState st = s.State; // no crash
                Assert.True(st != FixState.Active, "not logged on: " + st);
                try { s.SendNewOrder("o-1", "SYM", '1', new Price(500000), new Count(100)); }
                catch (KalshiException) { } // refused or queued-and-failed: either way no crash
                s.Close();
                s.Dispose();
                Assert.Throws<ObjectDisposedException>(() => { var x = s.State; }, "state after dispose");

                // Both left to the finalizer.
                Support.Collect();
                long handles0 = Interop.KalshiHandle.LiveCount;
                Abandon(conf, 20);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                do Support.Collect(); while (Interop.KalshiHandle.LiveCount > handles0 && sw.ElapsedMilliseconds < 20000);
                Assert.Equal(handles0, Interop.KalshiHandle.LiveCount, "clients, queues and sessions finalized");
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void Abandon(Conf conf, int n)
        {
            for (int i = 0; i < n; i++)
            {
                var c = new Client(conf);
                FixSession.Open(c, null, (ulong)i);
                if (i % 2 == 0) c.Queue();
            }
        }

        // In its own frame, so that Mono's conservative stack scan cannot keep the last objects alive.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void DecodeMany(int n)
        {
            byte[] frame = Frame("8", FillDollars);
            for (int i = 0; i < n; i++)
            {
                Event ev = Fix.Decode(frame, Product.Prediction, true);
                FixMessage m = ev.FixMessage;
                Assert.Equal('F', m.GetChar(150), "ExecType");
                if (i % 2 == 0) ev.Dispose(); // the rest are left for the finalizer
                if (i % 500 == 0) new Book().SetLevel(Sym, BookSide.Bid, new Price(1), new Count(1)); // finalized
            }
        }

        [Test]
        public void DecodedEventsUnderGcPressureDoNotLeak()
        {
            Support.Collect();
            long handles0 = Interop.KalshiHandle.LiveCount;
            DecodeMany(2000);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            do Support.Collect(); while (Interop.KalshiHandle.LiveCount > handles0 && sw.ElapsedMilliseconds < 10000);
            Assert.Equal(handles0, Interop.KalshiHandle.LiveCount, "live native handles back to baseline");
        }
    }
}
