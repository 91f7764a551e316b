package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process simulator (kalshi-sim): a FIX NR session logs on to it, an order is
 * acknowledged, another member crosses it, the accounts move exactly, and a dropped connection is
 * recovered by the client's reconnect. */
class SimulatorTest {
    static final String KEY_ID = "5e1a7c00-0000-4000-8000-00000000a001";
    static final String OTHER_KEY_ID = "5e1a7c00-0000-4000-8000-00000000b002";
    static final long WAIT_MS = 20_000;

    /** The one market of the test's markets file: a binary market on a cent grid, 7% taker fee,
     * no maker fee, so the accounts after a cross are known to the micro-dollar. */
    static final String TICKER = "BINDTEST-26NOV21-T50";
    static final String MARKETS_JSON = """
            {"markets": [{
              "ticker": "BINDTEST-26NOV21-T50", "event_ticker": "BINDTEST-26NOV21", "series_ticker": "BINDTEST",
              "title": "Bindings test market", "kind": "binary", "status": "open",
              "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
              "taker_fee_rate": "0.07", "maker_fee_rate": "0"}]}
            """;

    @TempDir
    Path dir;

    /** A fixed seed, no background trading and a markets file holding json. Skips the test when
     * the library predates kalshi_sim_start. */
    Simulator start(String json, String... kv) throws Exception {
        assumeSimulator();
        Path markets = Files.writeString(dir.resolve("markets-" + System.nanoTime() + ".json"), json);
        try (Conf conf = new Conf().set("sim.seed", "7").set("sim.activity", "false").set("sim.markets_file", markets.toString())) {
            for (int i = 0; i + 1 < kv.length; i += 2) conf.set(kv[i], kv[i + 1]);
            return new Simulator(conf);
        }
    }

    /** Aborts (skips) the test when the library under test has no kalshi_sim_* functions. JNA
     * binds a function at its first call; a NULL simulator is answered without touching anything. */
    static void assumeSimulator() {
        try {
            Util.LIB.kalshi_sim_fix_sessions(null);
        } catch (UnsatisfiedLinkError e) {
            Assumptions.abort("this libkalshi has no kalshi_sim_* functions: " + e.getMessage());
        }
    }

    static String publicKey() throws Exception {
        return Files.readString(LiveFixTest.source("tests/data/keys/rsa_pub.pem"));
    }

    /** FIX_STATE events until want; other events closed. */
    static void waitState(EventQueue q, FixState want) {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        List<FixState> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try (Event e = ClientTest.pollFor(q, EventType.FIX_STATE, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), null)) {
                if (e == null) break;
                seen.add(e.fixState());
                if (e.fixState() == want) return;
            }
        }
        fail("no FIX_STATE " + want + " within " + WAIT_MS + " ms; saw " + seen);
    }

    /** The next ExecutionReport (a copy); other messages skipped. */
    static ExecutionReport nextExecutionReport(EventQueue q) {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try (Event e = ClientTest.pollFor(q, EventType.FIX_MESSAGE, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), null)) {
                if (e == null) break;
                FixMessage m = e.fixMessage();
                if (m.type().equals(ExecutionReport.MSG_TYPE)) return m.executionReport();
            }
        }
        fail("no ExecutionReport within " + WAIT_MS + " ms");
        return null;
    }

    @Test
    void badMarketsFileIsRefused() throws Exception {
        assumeSimulator();
        // A zero tick step: the message names the market.
        KalshiException e = assertThrows(KalshiException.class, () -> start(MARKETS_JSON.replace("\"step\": \"0.01\"", "\"step\": \"0.0\"")));
        assertEquals(ErrorCode.INVALID_VALUE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(TICKER), "the message names the market: " + e.getMessage());
        e = assertThrows(KalshiException.class, () -> start(MARKETS_JSON.substring(0, MARKETS_JSON.length() / 2)));
        assertEquals(ErrorCode.INVALID_VALUE, e.code(), e.getMessage());
    }

    @Test
    void endpointsAndAccounts() throws Exception {
        Simulator sim = start(MARKETS_JSON);
        try {
            int nr = sim.port("fix.nr");
            assertTrue(nr > 0, "fix.nr port " + nr);
            assertNotEquals(nr, sim.port("fix.nr.tls"), "plain and TLS listeners");
            DecimalTest.fails(ErrorCode.NOT_FOUND, () -> sim.port("no.such.endpoint"));
            assertTrue(Files.readString(Path.of(sim.caFile())).contains("BEGIN CERTIFICATE"), sim.caFile());
            assertEquals(0, sim.fixSessions());

            int member = sim.registerKey(Product.PREDICTION, KEY_ID, publicKey());
            assertTrue(member > 0, "member " + member);
            assertEquals(Price.parse("1000.00"), sim.balance(member, 0), "opening balance (sim.balance)");
            sim.setBalance(member, 0, new Price(123_456_789));
            assertEquals(new Price(123_456_789), sim.balance(member, 0));
            assertEquals(new Count(0), sim.position(member, 0, TICKER));
            assertThrows(KalshiException.class, () -> sim.registerKey(Product.PREDICTION, KEY_ID, "not a key"));
            sim.stop();
            sim.stop(); // idempotent
            sim.close();
            DecimalTest.fails(ErrorCode.CLOSED, () -> sim.balance(member, 0));
        } finally {
            sim.close(); // idempotent
        }
    }

    @Test
    void fixOrderCrossAndReconnect() throws Exception {
        try (Simulator sim = start(MARKETS_JSON)) {
            String pem = publicKey();
            int me = sim.registerKey(Product.PREDICTION, KEY_ID, pem);
            int other = sim.registerKey(Product.PREDICTION, OTHER_KEY_ID, pem);
            assertNotEquals(me, other);
            Price opening = Price.parse("500.00");
            sim.setBalance(me, 0, opening);
            sim.setBalance(other, 0, opening);

            try (Conf conf = new Conf().set("auth.key_id", KEY_ID)
                    .set("auth.private_key_path", LiveFixTest.source("tests/data/keys/rsa_pkcs8.pem").toString())
                    .set("fix.session", "nr").set("net.backoff_base_ms", "50")) {
                sim.clientConf(conf, false);
                assertEquals(Integer.toString(sim.port("fix.nr")), conf.get("fix.port.nr"));
                try (Client c = new Client(conf); EventQueue q = c.queue(); FixSession s = c.openFixSession(1)) {
                    waitState(q, FixState.ACTIVE);
                    assertEquals(1, sim.fixSessions());

                    // Buy 10 YES at 0.40: rests on the empty book.
                    s.sendNewOrder("sim-1", TICKER, '1', new Price(400_000), new Count(1000), '1', 0);
                    ExecutionReport ack = nextExecutionReport(q);
                    assertEquals('0', ack.execType(), "New: " + ack);
                    assertEquals("sim-1", ack.clOrdId());
                    assertEquals(TICKER, ack.symbol());
                    assertEquals(new Price(400_000), ack.price());

                    // Another member sells 10 YES at 0.40 (buys NO at 0.60): a full fill.
                    sim.placeOrder(other, TICKER, '2', new Price(400_000), new Count(1000));
                    ExecutionReport fill = nextExecutionReport(q);
                    assertEquals('F', fill.execType(), "Trade: " + fill);
                    assertEquals("sim-1", fill.clOrdId());
                    assertEquals(new Price(400_000), fill.lastPx());
                    assertEquals(new Count(1000), fill.lastQty());

                    assertEquals(new Count(1000), sim.position(me, 0, TICKER), "buyer long 10");
                    assertEquals(new Count(-1000), sim.position(other, 0, TICKER), "seller short 10");
                    // Maker paid 10 x 0.40; taker 10 x 0.60 and the fee
                    // ceil_to_cent(0.07 x 10 x 0.40 x 0.60) = 0.17.
                    assertEquals(Price.parse("496.00"), sim.balance(me, 0), "buyer balance");
                    assertEquals(Price.parse("493.83"), sim.balance(other, 0), "seller balance");
                    DecimalTest.fails(ErrorCode.REJECTED, () -> sim.placeOrder(other, TICKER, '1', new Price(1_500_000), new Count(100)));

                    // The simulator drops the connection; the client reconnects and logs on again.
                    sim.fault("fix.nr", KEY_ID, "drop");
                    waitState(q, FixState.DISCONNECTED);
                    waitState(q, FixState.ACTIVE);
                    assertEquals(FixState.ACTIVE, s.state());
                    DecimalTest.fails(ErrorCode.NOT_FOUND, () -> sim.fault("fix.nr", "nobody", "drop"));

                    // Closed, the market refuses orders; settled YES, each of the buyer's 10
                    // contracts pays 1.00.
                    sim.setMarketStatus(TICKER, "closed");
                    DecimalTest.fails(ErrorCode.REJECTED, () -> sim.placeOrder(other, TICKER, '1', new Price(300_000), new Count(100)));
                    sim.settle(TICKER, new Price(1_000_000));
                    assertEquals(Price.parse("506.00"), sim.balance(me, 0), "buyer balance after settlement");
                    assertEquals(Price.parse("493.83"), sim.balance(other, 0), "seller balance after settlement");

                    s.shutdown();
                    try (Event closed = ClientTest.pollFor(q, EventType.FIX_CLOSED, WAIT_MS, null)) {
                        assertNotNull(closed, "FIX_CLOSED");
                    }
                }
            }
        }
    }

    /** A FIX logon over TLS, trusting only the simulator's generated CA ({@code tls.ca_file}). */
    @Test
    void fixLogonOverTls() throws Exception {
        try (Simulator sim = start(MARKETS_JSON)) {
            sim.registerKey(Product.PREDICTION, KEY_ID, publicKey());
            try (Conf conf = new Conf().set("auth.key_id", KEY_ID)
                    .set("auth.private_key_path", LiveFixTest.source("tests/data/keys/rsa_pkcs8.pem").toString())
                    .set("fix.session", "nr")) {
                sim.clientConf(conf, true);
                assertEquals(Integer.toString(sim.port("fix.nr.tls")), conf.get("fix.port.nr"));
                assertEquals("true", conf.get("fix.tls"));
                try (Client c = new Client(conf); EventQueue q = c.queue(); FixSession s = c.openFixSession(1)) {
                    waitState(q, FixState.ACTIVE);
                    assertEquals(1, sim.fixSessions());
                    s.shutdown();
                    try (Event closed = ClientTest.pollFor(q, EventType.FIX_CLOSED, WAIT_MS, null)) {
                        assertNotNull(closed, "FIX_CLOSED");
                    }
                }
            }
        }
    }

    /** A margin (perps) key logs on through the perps.fix.nr listener. */
    @Test
    void marginFixLogon() throws Exception {
        try (Simulator sim = start(MARKETS_JSON)) {
            sim.registerKey(Product.MARGIN, KEY_ID, publicKey());
            // Perps keys are their own properties.
            try (Conf conf = new Conf().set("perps.auth.key_id", KEY_ID)
                    .set("perps.auth.private_key_path", LiveFixTest.source("tests/data/keys/rsa_pkcs8.pem").toString())
                    .set("fix.session", "nr")) {
                sim.clientConf(conf, Product.MARGIN, false);
                assertEquals(Integer.toString(sim.port("perps.fix.nr")), conf.get("fix.port.nr"));
                assertEquals("margin", conf.get("fix.product"));
                try (Client c = new Client(conf); EventQueue q = c.queue(); FixSession s = c.openFixSession(1)) {
                    waitState(q, FixState.ACTIVE);
                    assertEquals(1, sim.fixSessions());
                    s.shutdown();
                    try (Event closed = ClientTest.pollFor(q, EventType.FIX_CLOSED, WAIT_MS, null)) {
                        assertNotNull(closed, "FIX_CLOSED");
                    }
                }
            }
        }
    }

    @Test
    void manualClockMovesOnlyWhenAdvanced() throws Exception {
        try (Simulator sim = start(MARKETS_JSON, "sim.clock", "manual", "sim.start_ms", "1700000000000")) {
            assertEquals(1_700_000_000_000L, sim.nowMs());
            sim.advanceMs(1500);
            sim.setActivity(false);
            assertEquals(1_700_000_001_500L, sim.nowMs());
        }
    }
}
