package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REST through the C ABI against the in-process simulator: the generic call with typed objects,
 * pagination (pages then done), an order created, read back, crossed and cancelled, balance and
 * positions matching the exchange, synchronous validation naming the parameter, and the mapping of
 * HTTP errors (401 UNAUTHORIZED, 501 SERVER). */
class RestTest {
    @Test
    void genericGetMarketsIsTyped() throws Exception {
        try (SimExchange x = new SimExchange(true); RestParams p = new RestParams().set("limit", "3")) {
            x.client.rest().call(RestApi.PREDICTION, "GetMarkets", p, null, 11);
            Obj first;
            try (Event e = x.ok(11)) {
                assertEquals(EventType.REST_RESPONSE, e.type());
                assertEquals(200, e.restStatus());
                assertEquals("GetMarkets", e.restOperation());
                assertTrue(e.text().contains("\"markets\""), e.text());
                assertFalse(e.restCursor().isEmpty(), "more markets than the limit: a cursor");
                List<Obj> markets = e.objects();
                assertEquals(3, markets.size());
                assertEquals(3, e.objectCount());
                for (Obj m : markets) {
                    assertEquals("market", m.kind());
                    assertFalse(m.str("ticker").isEmpty());
                    assertEquals(FieldKind.STR, m.kindOf("status"));
                    assertTrue(m.fieldNames().contains("ticker"), m.fieldNames().toString());
                    assertEquals(m.fieldCount(), m.fieldNames().size());
                    assertEquals(FieldKind.NONE, m.kindOf("no_such_field"));
                    assertFalse(m.has("no_such_field"));
                    KalshiException nf = DecimalTest.fails(ErrorCode.NOT_FOUND, () -> m.str("no_such_field"));
                    assertTrue(nf.getMessage().contains("no_such_field"), nf.getMessage());
                    DecimalTest.fails(ErrorCode.INVALID_ARG, () -> m.price("ticker")); // a text field
                    Map<String, Object> copy = m.toMap();
                    assertEquals(m.str("ticker"), copy.get("ticker"));
                }
                DecimalTest.fails(ErrorCode.NOT_FOUND, () -> e.object(3));
                first = markets.get(0);
            }
            DecimalTest.fails(ErrorCode.CLOSED, first::kind); // borrowed from the closed event
        }
    }

    @Test
    void paginateDeliversPagesThenDone() throws Exception {
        try (SimExchange x = new SimExchange(true); RestParams p = new RestParams().set("limit", "2")) {
            x.client.rest().paginate(RestApi.PREDICTION, "GetMarkets", p, 2, 21);
            for (int i = 0; i < 2; i++) {
                try (Event e = SimExchange.next(x.queue, 21, EventType.REST_PAGE, EventType.REST_DONE)) {
                    assertEquals(EventType.REST_PAGE, e.type());
                    assertEquals(ErrorCode.OK, e.err());
                    assertEquals(i, e.restPageIndex());
                    assertEquals(2, e.objectCount());
                    assertEquals("market", e.object(0).kind());
                }
            }
            try (Event done = SimExchange.next(x.queue, 21, EventType.REST_PAGE, EventType.REST_DONE)) {
                assertEquals(EventType.REST_DONE, done.type());
                assertEquals(ErrorCode.OK, done.err());
                assertTrue(done.restTruncated(), "max_pages cut it");
                assertEquals(2, done.restPageIndex());
                assertFalse(done.restCursor().isEmpty());
            }

            // The whole listing in one page: not truncated.
            p.set("limit", "1000");
            x.client.rest().paginate(RestApi.PREDICTION, "GetMarkets", p, 0, 22);
            try (Event e = SimExchange.next(x.queue, 22, EventType.REST_PAGE, EventType.REST_DONE)) {
                assertEquals(EventType.REST_PAGE, e.type());
                assertTrue(e.objectCount() > 2, "all markets: " + e.objectCount());
            }
            try (Event done = SimExchange.next(x.queue, 22, EventType.REST_PAGE, EventType.REST_DONE)) {
                assertEquals(EventType.REST_DONE, done.type());
                assertEquals(ErrorCode.OK, done.err());
                assertFalse(done.restTruncated());
            }
            // Not a paginated operation: refused at once.
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> x.client.rest().paginate(RestApi.PREDICTION, "GetBalance", null, 0, 23));
        }
    }

    @Test
    void orderCreatedReadBackCancelledAndFilled() throws Exception {
        try (SimExchange x = new SimExchange(true)) {
            Rest rest = x.client.rest();
            // A resting buy of 1 YES at 0.10 with a generated client_order_id.
            rest.createOrder(SimExchange.TICKER, "yes", "buy", Count.parse("1"), Price.parse("0.10"), null, null, 41);
            String orderId;
            try (Event e = x.ok(41)) {
                assertEquals(201, e.restStatus());
                Obj o = e.object(0);
                assertEquals("order", o.kind());
                assertEquals(36, o.str("client_order_id").length(), "a UUID: " + o.str("client_order_id"));
                assertEquals(Count.parse("1"), o.count("remaining_count"));
                orderId = o.str("order_id");
            }

            // Read back by the generic call, typed.
            try (RestParams p = new RestParams().set("order_id", orderId)) {
                rest.call(RestApi.PREDICTION, "GetOrder", p, null, 42);
            }
            try (Event e = x.ok(42)) {
                Obj o = e.object(0);
                assertEquals("order", o.kind(), o.toString());
                assertEquals(orderId, o.str("order_id"));
                assertEquals(SimExchange.TICKER, o.str("ticker"));
                assertEquals("resting", o.str("status"));
                assertEquals(Price.parse("0.10"), o.price("yes_price_dollars"));
                assertEquals(Count.parse("1"), o.count("remaining_count_fp"));
            }

            rest.cancelOrder(orderId, 43);
            try (Event e = x.ok(43)) {
                assertEquals(orderId, e.object(0).str("order_id"));
            }

            // The maker's YES ask at 0.55 for 2; an IOC buy of 2 YES at 0.55 fills.
            x.sim.placeOrder(x.maker, SimExchange.TICKER, '2', Price.parse("0.55"), Count.parse("2"));
            rest.createOrder(SimExchange.TICKER, "yes", "buy", Count.parse("2"), Price.parse("0.55"), "java-fill-1",
                    "immediate_or_cancel", 44);
            try (Event e = x.ok(44)) {
                Obj o = e.object(0);
                assertEquals("java-fill-1", o.str("client_order_id"));
                assertEquals(Count.parse("2"), o.count("fill_count"));
            }

            rest.getBalance(45);
            try (Event e = x.ok(45)) {
                Obj b = e.object(0);
                assertEquals("balance", b.kind());
                assertEquals(x.sim.balance(x.member, 0), b.price("balance"), "the exchange's balance, exactly");
            }

            rest.getPositions(46);
            try (Event e = x.ok(46)) {
                boolean found = false;
                for (Obj p : e.objects()) {
                    if (!p.kind().equals("market_position") || !p.str("ticker").equals(SimExchange.TICKER)) continue;
                    assertEquals(Count.parse("2"), p.count("position_fp"));
                    found = true;
                }
                assertTrue(found, "a market_position for " + SimExchange.TICKER + ": " + e.text());
            }
            assertEquals(Count.parse("2"), x.sim.position(x.member, 0, SimExchange.TICKER));
        }
    }

    @Test
    void orderbookHasLevelsAndFeedsABook() throws Exception {
        try (SimExchange x = new SimExchange(true); Book book = new Book()) {
            x.client.rest().getMarket(SimExchange.TICKER, 31);
            try (Event e = x.ok(31)) {
                assertEquals(SimExchange.TICKER, e.object(0).str("ticker"));
            }
            // A YES bid at 0.40 for 10 and a YES ask at 0.60 for 7 (a NO bid at 0.40).
            x.sim.placeOrder(x.maker, SimExchange.TICKER, '1', Price.parse("0.40"), Count.parse("10"));
            x.sim.placeOrder(x.maker, SimExchange.TICKER, '2', Price.parse("0.60"), Count.parse("7"));
            x.client.rest().getOrderbook(SimExchange.TICKER, 0, 32);
            try (Event e = x.ok(32)) {
                Obj b = e.object(0);
                assertEquals("orderbook", b.kind());
                assertTrue(b.levels("yes").contains(new Book.Level(Price.parse("0.40"), Count.parse("10"))), b.levels("yes").toString());
                assertTrue(b.levels("no").contains(new Book.Level(Price.parse("0.40"), Count.parse("7"))), b.levels("no").toString());
                assertEquals(b.levelCount("yes"), b.levels("yes").size());
                DecimalTest.fails(ErrorCode.NOT_FOUND, () -> b.level("yes", b.levelCount("yes")));
                book.applyEvent(e);
            }
            assertEquals(new Book.Level(Price.parse("0.40"), Count.parse("10")), book.best(SimExchange.TICKER, BookSide.BID));
            assertEquals(new Book.Level(Price.parse("0.60"), Count.parse("7")), book.best(SimExchange.TICKER, BookSide.ASK));
        }
    }

    @Test
    void validationNamesTheParameterBeforeAnyTraffic() throws Exception {
        RestParams p = new RestParams().set("limit", "lots");
        try (SimExchange x = new SimExchange(true)) {
            Rest rest = x.client.rest();
            KalshiException e = DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rest.call(RestApi.PREDICTION, "GetMarkets", p, null, 51));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
            assertNotNull(e.detail());
            e = DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rest.call(RestApi.PREDICTION, "GetMarket", 52));
            assertTrue(e.getMessage().contains("ticker"), e.getMessage());
            e = DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rest.call(RestApi.PREDICTION, "NoSuchOperation", 53));
            assertTrue(e.getMessage().contains("NoSuchOperation"), e.getMessage());
            String noSide = "{\"ticker\":\"X\",\"count\":\"1\",\"price\":\"0.5\",\"time_in_force\":\"fill_or_kill\","
                    + "\"self_trade_prevention_type\":\"maker\"}";
            e = DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rest.call(RestApi.PREDICTION, "CreateOrderV2", null, noSide, 54));
            assertTrue(e.getMessage().contains("side"), e.getMessage());
            DecimalTest.fails(ErrorCode.INVALID_ARG,
                    () -> rest.createOrder(SimExchange.TICKER, "maybe", "buy", Count.parse("1"), Price.parse("0.5"), null, null, 55));
            DecimalTest.fails(ErrorCode.INVALID_ARG,
                    () -> rest.createOrder(SimExchange.TICKER, "yes", "buy", Count.parse("1"), Price.parse("1.00"), null, null, 56));
            assertThrows(NullPointerException.class, () -> rest.getMarket(null, 57));
            // C would see "HIGHNY" and call for the wrong market: refused in Java.
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rest.getMarket("HIGHNY\0-26NOV21-T50", 58));
            DecimalTest.fails(ErrorCode.INVALID_ARG, () -> p.set("limit", "1\0"));
            assertNull(x.queue.poll(100), "nothing was sent");
        } finally {
            p.close();
        }
        DecimalTest.fails(ErrorCode.CLOSED, () -> p.set("limit", "1"));
    }

    @Test
    void httpErrorsAreMapped() throws Exception {
        try (SimExchange x = new SimExchange(true); Client anon = x.newClient(false); EventQueue aq = anon.queue()) {
            anon.rest().getBalance(61);
            try (Event e = SimExchange.next(aq, 61, EventType.REST_RESPONSE)) {
                assertEquals(ErrorCode.UNAUTHORIZED, e.err());
                assertEquals(401, e.restStatus());
                KalshiError err = e.error();
                assertEquals(ErrorCode.UNAUTHORIZED, err.code());
                assertEquals("KALSHI_ERR_UNAUTHORIZED", err.name());
                assertEquals(401, err.httpStatus());
            }
            x.client.rest().call(RestApi.PREDICTION, "GetUserDataTimestamp", 62);
            try (Event e = SimExchange.next(x.queue, 62, EventType.REST_RESPONSE)) {
                assertEquals(ErrorCode.SERVER, e.err());
                assertEquals(501, e.restStatus());
                assertEquals("not_simulated", e.error().exchangeCode());
                assertEquals(0, e.objectCount());
            }
        }
    }

    @Test
    void closedClientRefusesCalls() throws Exception {
        try (SimExchange x = new SimExchange(true)) {
            Rest rest = x.client.rest();
            x.client.close();
            DecimalTest.fails(ErrorCode.CLOSED, () -> rest.getBalance(71));
        }
    }

    /** Calls from several threads share one client; every call gets exactly one response with its
     * own tag. */
    @Test
    void callsFromSeveralThreads() throws Exception {
        try (SimExchange x = new SimExchange(true)) {
            final int threads = 4, calls = 10;
            List<Thread> ts = new java.util.ArrayList<>();
            java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < threads; t++) {
                final int base = 1000 * (t + 1);
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < calls; i++) {
                            if (i % 2 == 0) x.client.rest().getBalance(base + i);
                            else x.client.rest().getMarket(SimExchange.TICKER, base + i);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) th.join(SimExchange.WAIT_MS);
            assertTrue(errors.isEmpty(), errors.toString());
            java.util.Set<Long> seen = new java.util.HashSet<>();
            long deadline = System.nanoTime() + SimExchange.WAIT_MS * 1_000_000L;
            while (seen.size() < threads * calls && System.nanoTime() < deadline) {
                try (Event e = x.queue.poll(100)) {
                    if (e == null || e.type() != EventType.REST_RESPONSE) continue;
                    assertEquals(ErrorCode.OK, e.err(), String.valueOf(e.error()));
                    long tag = e.userTag();
                    assertTrue(seen.add(tag), "one response per call: " + tag);
                    assertEquals(tag % 2 == 0 ? "balance" : "market", e.object(0).kind());
                }
            }
            assertEquals(threads * calls, seen.size());
        }
    }
}
