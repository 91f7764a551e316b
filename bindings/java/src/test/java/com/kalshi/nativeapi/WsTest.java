package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The WebSocket C ABI against the in-process simulator: open, subscribe orderbook_delta, the
 * reply's sid and the typed snapshot, an order placed through the simulator seen as a typed delta,
 * a top-of-book event and a new best in the local book, book copy, list, unsubscribe, close; a
 * sequence gap resynchronises; refusals before any traffic. */
class WsTest {
    static final String TICKER = SimExchange.TICKER;

    /** Skips the test when the library under test has no kalshi_ws_* functions. */
    static void assumeWs() {
        try {
            Util.LIB.kalshi_ws_state_name(0);
        } catch (UnsatisfiedLinkError e) {
            Assumptions.abort("this libkalshi has no kalshi_ws_* functions: " + e.getMessage());
        }
    }

    static Book.Level bl(String price, String size) {
        return new Book.Level(Price.parse(price), Count.parse(size));
    }

    /** The next event of type with tag that match accepts (others closed); fails after WAIT_MS
     * naming what it saw. */
    static Event waitFor(EventQueue q, EventType type, long tag, Predicate<Event> match) {
        long deadline = System.nanoTime() + SimExchange.WAIT_MS * 1_000_000L;
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Event e = q.poll(100);
            if (e == null) continue;
            if (e.type() == type && e.userTag() == tag && (match == null || match.test(e))) return e;
            if (seen.size() < 20) seen.add(e.type() + "/" + e.wsType() + " " + e.text());
            e.close();
        }
        fail("no " + type + " for tag " + tag + " within " + SimExchange.WAIT_MS + " ms; saw " + seen);
        return null;
    }

    static Predicate<Event> wsType(String t) {
        return e -> e.wsType().equals(t);
    }

    @Test
    void orderbookDeltaMovesTheLocalBook() throws Exception {
        assumeWs();
        try (SimExchange x = new SimExchange(true);
                Conf overrides = new Conf().set("ws.top_events", "true").set("ws.backoff_base_ms", "20");
                Book copy = new Book()) {
            // A maker's YES bid at 0.40 x 10 before subscribing: it is in the snapshot.
            x.sim.placeOrder(x.maker, TICKER, '1', Price.parse("0.40"), Count.parse("10"));
            final long wsTag = 7;
            WsConnection ws = x.client.openWs(overrides, wsTag);
            try {
                try (Event e = waitFor(x.queue, EventType.WS_STATE, wsTag, ev -> ev.wsState() == WsState.OPEN)) {
                    assertEquals(ErrorCode.OK, e.err());
                }
                assertEquals(WsState.OPEN, ws.state());

                ws.subscribe(List.of("orderbook_delta"), List.of(TICKER), 8);
                long sid;
                try (Event r = waitFor(x.queue, EventType.WS_REPLY, 8, null)) {
                    assertEquals(ErrorCode.OK, r.err(), String.valueOf(r.error()));
                    sid = r.wsSid();
                    assertNotEquals(0, sid);
                }

                long snapSeq;
                try (Event s = waitFor(x.queue, EventType.WS_MESSAGE, wsTag, wsType("orderbook_snapshot"))) {
                    assertEquals("orderbook_delta", s.wsChannel());
                    assertEquals(sid, s.wsSid());
                    assertEquals(TICKER, s.wsMarket());
                    assertTrue(s.text().contains(TICKER), s.text());
                    snapSeq = s.wsSeq();
                    assertEquals(1, s.objectCount());
                    Obj o = s.object(0);
                    assertEquals(TICKER, o.str("market_ticker"));
                    assertEquals(List.of(bl("0.40", "10")), o.levels("yes"));
                }
                assertEquals(bl("0.40", "10"), ws.bookBest(TICKER, BookSide.BID));
                assertNull(ws.bookBest(TICKER, BookSide.ASK), "no asks yet");

                // A better YES bid, 0.45 x 5: a typed delta, then a new top of book.
                x.sim.placeOrder(x.maker, TICKER, '1', Price.parse("0.45"), Count.parse("5"));
                try (Event d = waitFor(x.queue, EventType.WS_MESSAGE, wsTag, wsType("orderbook_delta"))) {
                    assertEquals(sid, d.wsSid());
                    assertTrue(d.wsSeq() > snapSeq, "seq " + d.wsSeq() + " after " + snapSeq);
                    assertEquals(TICKER, d.wsMarket());
                    Obj o = d.object(0);
                    assertEquals("yes", o.str("side"));
                    assertEquals(Price.parse("0.45"), o.price("price"));
                    assertEquals(Count.parse("5"), o.count("delta"));
                }
                try (Event t = waitFor(x.queue, EventType.BOOK_TOP, wsTag, ev -> ev.wsMarket().equals(TICKER))) {
                    assertEquals(EventType.BOOK_TOP, t.type());
                }
                assertEquals(bl("0.45", "5"), ws.bookBest(TICKER, BookSide.BID));

                // Selling YES at 0.60 is a NO bid at 0.40: a YES ask at 0.60 in the local book.
                x.sim.placeOrder(x.maker, TICKER, '2', Price.parse("0.60"), Count.parse("3"));
                waitFor(x.queue, EventType.WS_MESSAGE, wsTag, wsType("orderbook_delta")).close();
                assertEquals(bl("0.60", "3"), ws.bookBest(TICKER, BookSide.ASK));

                ws.bookCopy(TICKER, copy);
                assertEquals(List.of(bl("0.45", "5"), bl("0.40", "10")), copy.levels(TICKER, BookSide.BID));
                DecimalTest.fails(ErrorCode.NOT_FOUND, () -> ws.bookCopy("NOSUCH-26NOV21-T1", copy));
                assertNull(ws.bookBest("NOSUCH-26NOV21-T1", BookSide.BID));

                ws.listSubscriptions(9);
                try (Event l = waitFor(x.queue, EventType.WS_REPLY, 9, null)) {
                    assertEquals(ErrorCode.OK, l.err());
                    assertTrue(l.text().contains("orderbook_delta"), l.text());
                }

                ws.unsubscribe(sid, 10);
                try (Event u = waitFor(x.queue, EventType.WS_REPLY, 10, null)) {
                    assertEquals(ErrorCode.OK, u.err(), String.valueOf(u.error()));
                }
                assertEquals(0, ws.dropped());

                ws.shutdown();
                waitFor(x.queue, EventType.WS_CLOSED, wsTag, null).close();
                assertEquals(WsState.CLOSED, ws.state());
                ws.shutdown(); // idempotent
            } finally {
                ws.close();
            }
            ws.close(); // idempotent
            DecimalTest.fails(ErrorCode.CLOSED, () -> ws.subscribe(List.of("ticker"), null, 11));
        }
    }

    @Test
    void gapResyncsAndDropReconnects() throws Exception {
        assumeWs();
        try (SimExchange x = new SimExchange(true);
                Conf fast = new Conf().set("ws.backoff_base_ms", "20").set("ws.backoff_max_ms", "100");
                WsConnection ws = x.client.openWs(fast, 70)) {
            ws.subscribe(List.of("orderbook_delta"), List.of(TICKER), 71);
            long sid;
            try (Event r = waitFor(x.queue, EventType.WS_REPLY, 71, null)) {
                sid = r.wsSid();
            }
            waitFor(x.queue, EventType.WS_MESSAGE, 70, wsType("orderbook_snapshot")).close();

            // The simulator skips a sequence number: the library clears the book, resubscribes.
            x.sim.fault("ws", SimExchange.KEY_ID, "skip 1");
            x.sim.placeOrder(x.maker, TICKER, '1', Price.parse("0.30"), Count.parse("4"));
            try (Event r = waitFor(x.queue, EventType.WS_RESYNC, 70, null)) {
                assertEquals(sid, r.wsSid());
                assertNotEquals(ErrorCode.OK, r.err());
                assertNotNull(r.error());
            }
            try (Event s = waitFor(x.queue, EventType.WS_MESSAGE, 70, wsType("orderbook_snapshot"))) {
                assertEquals(List.of(bl("0.30", "4")), s.object(0).levels("yes"), "the order the gap hid");
            }
            assertEquals(bl("0.30", "4"), ws.bookBest(TICKER, BookSide.BID));

            // A dropped connection: RECONNECTING with the reason, OPEN again, resubscribed by the
            // library (a fresh snapshot, the same book).
            x.sim.fault("ws", SimExchange.KEY_ID, "drop");
            try (Event lost = waitFor(x.queue, EventType.WS_STATE, 70, e -> e.wsState() != WsState.OPEN)) {
                assertEquals(WsState.RECONNECTING, lost.wsState());
                assertNotEquals(ErrorCode.OK, lost.err());
            }
            waitFor(x.queue, EventType.WS_STATE, 70, e -> e.wsState() == WsState.OPEN).close();
            try (Event s = waitFor(x.queue, EventType.WS_MESSAGE, 70, wsType("orderbook_snapshot"))) {
                assertEquals(sid, s.wsSid(), "the sid still names the subscription");
            }
            assertEquals(bl("0.30", "4"), ws.bookBest(TICKER, BookSide.BID));
            ws.shutdown();
            waitFor(x.queue, EventType.WS_CLOSED, 70, null).close();
        }
    }

    @Test
    void refusalsBeforeAnyTraffic() throws Exception {
        assumeWs();
        try (SimExchange x = new SimExchange(true); WsConnection ws = x.client.openWs(2)) {
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ws.subscribe(List.of(), null, 3));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ws.subscribe(List.of("orderbook_delta"), List.of(""), 4));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ws.subscribe(List.of("ticker\0"), null, 5));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ws.unsubscribe(0, 6));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ws.updateSubscription(1, "rename_markets", List.of(TICKER), 7));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> ws.updateSubscription(1, WsConnection.ADD_MARKETS, null, 8));
            assertThrows(NullPointerException.class, () -> ws.bookCopy(TICKER, null));
            ws.shutdown();
            waitFor(x.queue, EventType.WS_CLOSED, 2, null).close();

            // A client without a key cannot sign the upgrade.
            try (Client anon = x.newClient(false)) {
                KalshiException e = DecimalTest.fails(ErrorCode.INVALID_ARG, () -> anon.openWs(1).close());
                assertTrue(e.getMessage().contains("auth.key_id"), e.getMessage());
            }
            x.client.close();
            DecimalTest.fails(ErrorCode.CLOSED, () -> x.client.openWs(9));
        }
        for (WsState s : WsState.values()) assertEquals("KALSHI_WS_" + s.name(), s.cName());
    }

    /** Connections, parameters and events left unclosed are destroyed by the Cleaner; each such
     * connection still ends with its WS_CLOSED. */
    @Test
    void unclosedHandlesAreCleaned() throws Exception {
        assumeWs();
        try (SimExchange x = new SimExchange(true)) {
            System.gc();
            long base = NativeHandle.liveCount();
            for (int i = 0; i < 10; i++) {
                x.client.openWs(100 + i); // dropped
                new RestParams().set("limit", "1"); // dropped
            }
            x.client.rest().getBalance(99);
            x.ok(99); // dropped unclosed, with its typed object
            assertTrue(NativeHandle.liveCount() >= base + 21, "live " + NativeHandle.liveCount() + " base " + base);
            long deadline = System.nanoTime() + SimExchange.WAIT_MS * 1_000_000L;
            while (NativeHandle.liveCount() > base && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            // Handles of earlier tests may be cleaned meanwhile too: at most the baseline remains.
            assertTrue(NativeHandle.liveCount() <= base, "live " + NativeHandle.liveCount() + " base " + base);
            java.util.Set<Long> closed = new java.util.HashSet<>();
            while (closed.size() < 10 && System.nanoTime() < deadline + SimExchange.WAIT_MS * 1_000_000L) {
                try (Event e = x.queue.poll(100)) {
                    if (e != null && e.type() == EventType.WS_CLOSED) closed.add(e.userTag());
                }
            }
            assertEquals(10, closed.size(), "a WS_CLOSED for every dropped connection: " + closed);
        }
    }

    /** update_subscription adds a market to a subscription (its snapshot follows, same sid) and
     * removes it again. */
    @Test
    void updateSubscriptionAddsAndRemovesMarkets() throws Exception {
        assumeWs();
        final String other = "HIGHNY-26NOV21-T55";
        try (SimExchange x = new SimExchange(true); WsConnection ws = x.client.openWs(80)) {
            ws.subscribe(List.of("orderbook_delta"), List.of(TICKER), 81);
            long sid;
            try (Event r = waitFor(x.queue, EventType.WS_REPLY, 81, null)) {
                assertEquals(ErrorCode.OK, r.err(), String.valueOf(r.error()));
                sid = r.wsSid();
            }
            waitFor(x.queue, EventType.WS_MESSAGE, 80, wsType("orderbook_snapshot")).close();
            x.sim.placeOrder(x.maker, other, '1', Price.parse("0.20"), Count.parse("2"));

            ws.updateSubscription(sid, WsConnection.ADD_MARKETS, List.of(other), 82);
            try (Event r = waitFor(x.queue, EventType.WS_REPLY, 82, null)) {
                assertEquals(ErrorCode.OK, r.err(), String.valueOf(r.error()));
            }
            try (Event s = waitFor(x.queue, EventType.WS_MESSAGE, 80, e -> e.wsType().equals("orderbook_snapshot") && e.wsMarket().equals(other))) {
                assertEquals(sid, s.wsSid());
                assertEquals(List.of(bl("0.20", "2")), s.object(0).levels("yes"));
            }
            assertEquals(bl("0.20", "2"), ws.bookBest(other, BookSide.BID));

            ws.updateSubscription(sid, WsConnection.DELETE_MARKETS, List.of(other), 83);
            try (Event r = waitFor(x.queue, EventType.WS_REPLY, 83, null)) {
                assertEquals(ErrorCode.OK, r.err(), String.valueOf(r.error()));
            }
            ws.shutdown();
            waitFor(x.queue, EventType.WS_CLOSED, 80, null).close();
        }
    }
}
