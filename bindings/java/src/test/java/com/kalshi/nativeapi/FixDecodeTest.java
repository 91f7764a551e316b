package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline FIX: messages framed here, decoded by kalshi_fix_decode, read through the typed getters,
 * an ExecutionReport, books and settlement reassembly (the same bodies as tests/c/test_fix_book.c). */
class FixDecodeTest {
    static final String SYM = "KXNBAGAME-26MAY25NYKCLE-NYK";

    /** "8=FIXT.1.1|9=N|35=..|49=..|56=..|34=..|52=..|body10=sum|" with SOH for '|'. */
    static byte[] frame(String msgType, String body) {
        String inner = "35=" + msgType + "|49=KalshiNR|56=key|34=2|52=20260528-14:00:00.010|" + body;
        String head = "8=FIXT.1.1|9=" + inner.getBytes(StandardCharsets.UTF_8).length + "|" + inner;
        byte[] b = head.replace('|', '\u0001').getBytes(StandardCharsets.UTF_8);
        int sum = 0;
        for (byte x : b) sum += x & 0xff;
        String trailer = String.format("10=%03d\u0001", sum % 256);
        byte[] t = trailer.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[b.length + t.length];
        System.arraycopy(b, 0, out, 0, b.length);
        System.arraycopy(t, 0, out, b.length, t.length);
        return out;
    }

    static Event decode(String msgType, String body, boolean useDollars) {
        Event e = Fix.decode(frame(msgType, body), Product.PREDICTION, useDollars);
        assertEquals(EventType.FIX_MESSAGE, e.type());
        return e;
    }

    static final String FILL = "6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|"
            + "38=100.0000|39=2|44=0.7500|54=1|55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|"
            + "9999=custom|453=2|448=acct_1|452=24|448=op-7|452=12|";

    @Test
    void executionReportInDollarMode() {
        ExecutionReport er;
        try (Event ev = decode("8", FILL, true)) {
            FixMessage m = ev.fixMessage();
            assertNotNull(m);
            assertEquals("8", m.type());
            assertEquals(2, m.seq());
            assertFalse(m.possDup());
            assertEquals(1779976800010L, m.sendingTimeMs()); // 2026-05-28T14:00:00.010Z
            er = m.executionReport();
        }
        assertEquals('F', er.execType());
        assertTrue(er.isTrade());
        assertEquals('2', er.ordStatus());
        assertEquals("order-2", er.clOrdId());
        assertNull(er.origClOrdId());
        assertEquals("ord-abc", er.orderId());
        assertEquals("4;7", er.execId());
        assertEquals("HIGHNY-23DEC31", er.symbol());
        assertEquals('1', er.side());
        assertEquals(new Price(750000), er.price());
        assertEquals(new Price(660000), er.avgPx(), "6=0.6600");
        assertEquals(new Price(700000), er.lastPx());
        assertEquals(new Count(6000), er.lastQty(), "32=60.00");
        assertEquals(new Count(10000), er.cumQty());
        assertEquals(new Count(0), er.leavesQty());
        assertEquals(new Count(10000), er.orderQty());
        assertNull(er.text());
        assertNull(er.ordRejReason());
        assertEquals(1758923656158L, er.transactTimeMs());
    }

    @Test
    void centsModeConvertsExactly() {
        try (Event ev = decode("8", "6=66|11=a|14=1|17=x|31=70|32=1|37=o|38=2|39=1|44=75|54=2|55=S|150=F|151=1|", false)) {
            ExecutionReport er = ev.fixMessage().executionReport();
            assertEquals(new Price(660000), er.avgPx());
            assertEquals(new Price(750000), er.price());
            assertEquals(new Count(100), er.lastQty());
            assertEquals('2', er.side());
        }
    }

    @Test
    void typedGettersGroupsFieldsAndRaw() {
        try (Event ev = decode("8", FILL, true)) {
            FixMessage m = ev.fixMessage();
            assertFalse(m.isGroupEntry());
            assertEquals("order-2", m.str(11));
            assertEquals("custom", m.str(9999), "unknown tags are kept as text");
            assertEquals('F', m.character(150));
            assertEquals(new Price(660000), m.price(6));
            assertEquals(new Count(10000), m.count(38));
            assertEquals(1758923656158L, m.timeMs(60));
            assertTrue(m.has(11));
            assertFalse(m.has(103));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> m.price(55));
            DecimalTest.fails(ErrorCode.NOT_FOUND, () -> m.price(132));
            DecimalTest.fails(ErrorCode.NOT_FOUND, () -> m.str(58));

            assertEquals(2, m.groupCount(453));
            assertEquals(0, m.groupCount(146));
            FixMessage p = m.groupEntry(453, 1);
            assertTrue(p.isGroupEntry());
            assertEquals("op-7", p.str(448));
            assertEquals(12, p.integer(452));
            DecimalTest.fails(ErrorCode.NOT_FOUND, () -> m.groupEntry(453, 2));
            List<FixMessage> parties = m.group(453);
            assertEquals(List.of("acct_1", "op-7"), parties.stream().map(x -> x.str(448)).toList());

            List<FixMessage.Field> fields = m.fields();
            assertEquals(m.fieldCount(), fields.size());
            assertTrue(fields.contains(new FixMessage.Field(453, "2")), "group counter listed");
            assertTrue(fields.stream().noneMatch(f -> f.tag() == 448), "entries not listed");
            assertTrue(fields.contains(new FixMessage.Field(9999, "custom")));
            int i11 = fields.indexOf(new FixMessage.Field(11, "order-2"));
            int i55 = fields.indexOf(new FixMessage.Field(55, "HIGHNY-23DEC31"));
            assertTrue(i11 >= 0 && i55 > i11, "wire order");
            DecimalTest.fails(ErrorCode.NOT_FOUND, () -> m.fieldAt(fields.size()));

            byte[] raw = m.raw();
            assertArrayEquals(frame("8", FILL), raw);
        }
    }

    @Test
    void messageIsOnlyValidWhileItsEventIs() {
        Event ev = decode("8", FILL, true);
        FixMessage m = ev.fixMessage();
        FixMessage p = m.groupEntry(453, 0);
        ExecutionReport er = m.executionReport();
        assertTrue(m.toString().startsWith("FixMessage[8 "), m.toString());
        ev.close();
        assertEquals("FixMessage[closed]", m.toString());
        DecimalTest.fails(ErrorCode.CLOSED, () -> m.str(11));
        DecimalTest.fails(ErrorCode.CLOSED, () -> p.str(448));
        DecimalTest.fails(ErrorCode.CLOSED, ev::fixMessage);
        assertEquals("order-2", er.clOrdId(), "the copy outlives the event");
    }

    @Test
    void stringsAreViewsNotNulTerminated() {
        // Adjacent fields: a getter that read up to a NUL would run into the next field.
        try (Event ev = decode("8", "11=ab|17=\u00e9x|37=o|39=0|54=1|55=S|150=0|", true)) {
            FixMessage m = ev.fixMessage();
            assertEquals("ab", m.str(11));
            assertEquals("\u00e9x", m.str(17), "UTF-8");
            assertEquals("S", m.executionReport().symbol());
        }
    }

    @Test
    void decodedRejectHasNoSendToRefer() {
        // Outside a session there is no send for RefSeqNum to match: ref user tag 0.
        try (Event ev = decode("3", "45=5|372=D|373=1|58=bad tag|", false)) {
            FixMessage m = ev.fixMessage();
            assertEquals("3", m.type());
            assertEquals(5, m.integer(45));
            assertEquals("bad tag", m.str(58));
            assertEquals(0L, m.refUserTag());
        }
    }

    @Test
    void executionReportOnlyFromType8() {
        try (Event ev = decode("W", "55=X|268=0|", false)) {
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ev.fixMessage().executionReport());
        }
    }

    @Test
    void badChecksumIsAProtocolError() {
        byte[] f = frame("8", "11=a|150=0|");
        f[f.length - 2] = (byte) (f[f.length - 2] == '0' ? '1' : '0');
        KalshiException e = DecimalTest.fails(ErrorCode.PROTOCOL, () -> Fix.decode(f, Product.PREDICTION, false));
        assertNotNull(e.detail(), "error object");
        assertEquals("KALSHI_ERR_PROTOCOL", e.name());
        KalshiException bad = DecimalTest.fails(ErrorCode.PROTOCOL, () -> Fix.decode(frame("8", "11=a|44=7x5|150=0|"), Product.PREDICTION, false));
        assertTrue(bad.getMessage().contains("44"), bad.getMessage());
        DecimalTest.fails(ErrorCode.PROTOCOL, () -> Fix.decode(new byte[0], Product.PREDICTION, false));
    }

    @Test
    void nonFixEventsHaveNoMessage() {
        try (Client c = new Client(); EventQueue q = c.queue()) {
            c.echo(3);
            try (Event e = ClientTest.pollFor(q, EventType.ECHO, 5000, null)) {
                assertNotNull(e);
                assertNull(e.fixMessage());
            }
        }
    }

    @Test
    void bookSnapshotAndIncremental() {
        try (Book b = new Book()) {
            try (Event w = decode("W", "55=" + SYM + "|268=2|269=0|270=0.3500|271=10.00|269=1|270=0.6500|271=5.00|", true)) {
                b.applyEvent(w);
            }
            assertEquals(new Book.Level(new Price(350000), new Count(1000)), b.best(SYM, BookSide.BID));
            assertEquals(new Book.Level(new Price(650000), new Count(500)), b.best(SYM, BookSide.ASK));
            assertEquals(1, b.depth(SYM, BookSide.BID));
            assertEquals(1, b.depth(SYM, BookSide.ASK));

            try (Event x = decode("X", "268=1|279=1|55=" + SYM + "|269=0|270=0.3500|271=15.00|", true)) {
                b.applyFix(x.fixMessage());
            }
            assertEquals(new Book.Level(new Price(350000), new Count(1500)), b.best(SYM, BookSide.BID), "size replaced");
            assertEquals(1, b.depth(SYM, BookSide.BID));
            assertEquals(new Price(650000), b.best(SYM, BookSide.ASK).price());
            assertEquals(List.of(SYM), b.symbols());

            b.setLevel(SYM, BookSide.BID, new Price(340000), new Count(700));
            assertEquals(List.of(new Book.Level(new Price(350000), new Count(1500)), new Book.Level(new Price(340000), new Count(700))),
                    b.levels(SYM, BookSide.BID));
            assertNull(b.level(SYM, BookSide.BID, 2));
            assertNull(b.best("OTHER", BookSide.BID));
            assertEquals(0, b.depth("OTHER", BookSide.ASK));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> b.setLevel(SYM, BookSide.ASK, new Price(1), new Count(-1)));

            // A nonsense entry type: PROTOCOL, and that book is cleared.
            try (Event x = decode("X", "268=1|279=1|55=" + SYM + "|269=7|270=0.3000|271=1.00|", true)) {
                DecimalTest.fails(ErrorCode.PROTOCOL, () -> b.applyEvent(x));
            }
            assertEquals(0, b.depth(SYM, BookSide.BID));

            b.setLevel("BTC-PERP", BookSide.ASK, new Price(19510000), new Count(500));
            b.clear("BTC-PERP");
            assertEquals(0, b.depth("BTC-PERP", BookSide.ASK));
            b.clear(null);
            assertEquals(List.of(), b.symbols());
        }
        Book closed = new Book();
        closed.close();
        DecimalTest.fails(ErrorCode.CLOSED, () -> closed.depth(SYM, BookSide.BID));
    }

    static final String PAGE1 = "20105=settle-1|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|"
            + "20108=1|20109=user-1|20110=24|704=100.01|705=0|1703=1|1704=30.6030|1705=PAYOUT|"
            + "136=1|137=0.00006|138=USD|139=4|891=0|893=N|";
    static final String PAGE2 = "20105=settle-2|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|"
            + "20108=1|20109=user-2|20110=24|704=0|705=5|1703=1|1704=0.00|1705=PAYOUT|"
            + "136=1|137=0.00|138=USD|139=4|891=0|893=Y|";

    @Test
    void settlementPagesJoin() {
        try (SettlementAssembler a = new SettlementAssembler()) {
            try (Event p1 = decode("UMS", PAGE1, false)) {
                assertFalse(p1.fixMessage().bool(893), "LastFragment=N");
                assertNull(a.add(p1.fixMessage()));
                assertEquals(1, a.pending());
                assertNull(a.add(p1.fixMessage()), "a repeated page is ignored");
            }
            Settlement r;
            try (Event p2 = decode("UMS", PAGE2, false)) {
                r = a.add(p2.fixMessage());
            }
            assertNotNull(r);
            assertEquals(0, a.pending());
            assertEquals("HIGHNY-23DEC31", r.symbol());
            assertEquals("scalar", r.result());
            assertEquals(20231231, r.businessDate());
            assertEquals(new Price(306000), r.price());
            assertEquals(2, r.pageCount());
            assertEquals(2, r.declaredPages());
            assertEquals(2, r.parties().size());
            Settlement.Party u1 = r.parties().get(0);
            assertEquals("user-1", u1.partyId());
            assertEquals(new Count(10001), u1.longQty());
            assertEquals(new Price(30603000), u1.payout());
            assertEquals(new Price(60), u1.fee());
            Settlement.Party u2 = r.parties().get(1);
            assertEquals("user-2", u2.partyId());
            assertEquals(new Count(500), u2.shortQty());

            try (Event w = decode("W", "55=X|268=0|", false)) {
                KalshiException e = DecimalTest.fails(ErrorCode.INVALID_ARG, () -> a.add(w.fixMessage()));
                assertFalse(e.getMessage().isEmpty());
            }
        }
    }

    @Test
    void builderValidatesAtSetTime() {
        try (FixBuilder b = new FixBuilder("D")) {
            b.setStr(11, "order-7").setStr(55, "HIGHNY-23DEC31").setChar(54, '1').setChar(40, '2')
                    .setPrice(44, Price.parse("0.75")).setCount(38, Count.parse("10")).setChar(59, '1');
            // fix.h documents INVALID_ARG for a value of the wrong form; the library answers SOH with
            // INVALID_VALUE (reported): accept either, the point is the refusal at set time.
            KalshiException soh = assertThrows(KalshiException.class, () -> b.setStr(11, "bad\u0001id"));
            assertTrue(soh.code() == ErrorCode.INVALID_ARG || soh.code() == ErrorCode.INVALID_VALUE, soh.toString());
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> b.setInt(99999, 1));
            assertThrows(IllegalArgumentException.class, () -> b.setChar(54, '\u00e9'));
            b.reset("UOG");
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> b.setStr(55, "HIGHNY-23DEC31"));
            b.reset("D").groupBegin(453).entryNext().setStr(448, "op-7").setInt(452, 12).groupEnd();
        }
        DecimalTest.fails(ErrorCode.INVALID_ARG, () -> new FixBuilder("NOPE").close());
        FixBuilder closed = new FixBuilder("D");
        closed.close();
        DecimalTest.fails(ErrorCode.CLOSED, () -> closed.setInt(38, 1));
    }

    @Test
    void sessionOpenValidatesSettings() {
        try (Conf conf = new Conf().set("auth.key_id", LiveFixTest.KEY_ID); Client c = new Client(conf)) {
            KalshiException e = DecimalTest.fails(ErrorCode.KEY_UNSUPPORTED, () -> c.openFixSession(7).close());
            assertNotNull(e.detail());
            try (Conf o = new Conf().set("fix.product", "margin").set("fix.session", "rfq")) {
                KalshiException m = DecimalTest.fails(ErrorCode.INVALID_VALUE, () -> c.openFixSession(o, 0).close());
                assertTrue(m.getMessage().contains("margin"), m.getMessage());
            }
        }
    }
}
