package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A FIX session against the independent QuickFIX acceptor (tests/qf, KALSHI_QF_ACCEPTOR): Logon
 * signature, an order answered by New and Trade ExecutionReports, a synchronous INEXACT refusal,
 * Logout. The Java twin of tests/c/test_fix_quickfix.c. */
class LiveFixTest {
    static final String KEY_ID = "11111111-2222-3333-4444-555555555555";
    static final long SESSION_TAG = 7;

    static Path source(String rel) {
        String dir = System.getenv("KALSHI_SOURCE_DIR");
        assertNotNull(dir, "KALSHI_SOURCE_DIR is set");
        Path p = Path.of(dir, rel);
        assertTrue(Files.exists(p), p + " exists");
        return p;
    }

    /** The acceptor process: port from its first stdout line, the rest drained into lines. */
    static final class Acceptor implements AutoCloseable {
        final Process process;
        final String port;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread drain;

        Acceptor(String exe) throws IOException {
            Path stderr = Path.of("target", "qf-acceptor.stderr.log");
            process = new ProcessBuilder(exe, "--key-id", KEY_ID, "--public-key", source("tests/data/keys/rsa_pub.pem").toString(),
                    "--port", "0").redirectError(stderr.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null) {
                process.destroyForcibly();
                fail("acceptor printed no port; see " + stderr.toAbsolutePath());
            }
            port = first.trim();
            assertTrue(port.matches("\\d+"), "port line: " + port);
            drain = new Thread(() -> {
                try {
                    for (String l; (l = out.readLine()) != null;) lines.add(l);
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "qf-acceptor-stdout");
            drain.setDaemon(true);
            drain.start();
        }

        /** Waits for an event line of the acceptor containing needle. */
        void expect(String needle, long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String l = lines.poll(100, TimeUnit.MILLISECONDS);
                if (l == null) continue;
                if (l.contains(needle)) return;
                seen.add(l);
            }
            fail("acceptor never printed '" + needle + "'; it printed " + seen);
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close(); // it exits when stdin closes
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("acceptor did not exit after stdin closed");
                }
                drain.join(5000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static Conf clientConf(String port) {
        return new Conf().set("auth.key_id", KEY_ID)
                .set("auth.private_key_path", source("tests/data/keys/rsa_pkcs8.pem").toString())
                .set("fix.host", "127.0.0.1").set("fix.tls", "false").set("fix.port.nr", port).set("fix.session", "nr")
                .set("fix.heartbeat_s", "5").set("net.backoff_base_ms", "50");
    }

    /** FIX_STATE events until want (other events closed); fails after 15 s. */
    static void waitState(EventQueue q, FixState want) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<FixState> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try (Event e = ClientTest.pollFor(q, EventType.FIX_STATE, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), null)) {
                if (e == null) break;
                assertEquals(SESSION_TAG, e.userTag(), "session user tag");
                seen.add(e.fixState());
                if (e.fixState() == want) return;
            }
        }
        fail("no FIX_STATE " + want + " within 15 s; saw " + seen);
    }

    /** The next FIX_MESSAGE of msgType, as an ExecutionReport copy; fails after 15 s. */
    static ExecutionReport waitExecutionReport(EventQueue q) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Event e = ClientTest.pollFor(q, EventType.FIX_MESSAGE, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), null)) {
                if (e == null) break;
                FixMessage m = e.fixMessage();
                if (!m.type().equals(ExecutionReport.MSG_TYPE)) continue;
                assertEquals(SESSION_TAG, e.userTag(), "session user tag on messages");
                assertTrue(m.seq() > 1, "MsgSeqNum after the Logon");
                assertTrue(m.sendingTimeMs() > 0);
                return m.executionReport();
            }
        }
        fail("no ExecutionReport within 15 s");
        return null;
    }

    @Test
    void orderRoundTripAgainstQuickFix() throws Exception {
        String exe = System.getenv("KALSHI_QF_ACCEPTOR");
        Assumptions.assumeTrue(exe != null && !exe.isEmpty(),
                "KALSHI_QF_ACCEPTOR is not set (scripts/test.sh sets it to build/tests/tools/kalshi-qf-acceptor)");
        assertTrue(Files.isExecutable(Path.of(exe)), "KALSHI_QF_ACCEPTOR is executable: " + exe);

        try (Acceptor a = new Acceptor(exe); Conf conf = clientConf(a.port); Client c = new Client(conf); EventQueue q = c.queue();
                FixSession s = c.openFixSession(SESSION_TAG)) {
            waitState(q, FixState.ACTIVE);
            a.expect("LOGON ok", 15000);
            assertEquals(FixState.ACTIVE, s.state());
            long sender = s.nextSenderSeq();
            assertTrue(sender >= 2, "Logon used a sequence number: " + sender);

            // 0.75 dollars goes out as 75 cents (prediction without UseDollars), 10 contracts.
            assertEquals(0L, s.sendNewOrder("order-1", "HIGHNY-23DEC31", '1', new Price(750000), new Count(1000), '1', 99),
                    "queued from a foreign thread: no MsgSeqNum yet");
            a.expect("APP D 11=order-1", 15000);

            ExecutionReport ack = waitExecutionReport(q);
            assertEquals('0', ack.execType(), "New: " + ack);
            assertEquals("order-1", ack.clOrdId());
            assertEquals(new Price(750000), ack.price());
            assertEquals("HIGHNY-23DEC31", ack.symbol());

            ExecutionReport fill = waitExecutionReport(q);
            assertEquals('F', fill.execType(), "Trade: " + fill);
            assertTrue(fill.isTrade());
            assertEquals(new Price(750000), fill.lastPx());
            assertEquals(new Count(1000), fill.lastQty());
            assertEquals("order-1", fill.clOrdId());

            // A price the cents wire format cannot carry is refused before anything is sent.
            KalshiException inexact = DecimalTest.fails(ErrorCode.INEXACT,
                    () -> s.sendNewOrder("order-2", "HIGHNY-23DEC31", '1', new Price(755000), new Count(100), '1', 0));
            assertNotNull(inexact.detail());
            // Not carried on KalshiNR: RFQ creation.
            DecimalTest.fails(ErrorCode.NOT_SUPPORTED, () -> s.sendQuoteRequest("rfq-1", "HIGHNY-23DEC31", new Count(100), 0));

            // The generic builder: the acceptor validates it against its own dictionary.
            try (FixBuilder b = new FixBuilder("D")) {
                b.setStr(11, "order-3").setStr(55, "HIGHNY-23DEC31").setChar(54, '2').setChar(40, '2')
                        .setPrice(44, Price.parse("0.40")).setCount(38, Count.parse("2")).setChar(59, '1');
                assertEquals(0L, s.send(b, null, 100));
            }
            a.expect("APP D 11=order-3", 15000);
            ExecutionReport ack3 = waitExecutionReport(q);
            assertEquals("order-3", ack3.clOrdId());
            assertEquals(new Price(400000), ack3.price());
            assertEquals('2', ack3.side());
            assertTrue(s.nextSenderSeq() > sender, "the orders used sequence numbers");
            assertTrue(s.nextTargetSeq() > 1);

            s.shutdown();
            try (Event closed = ClientTest.pollFor(q, EventType.FIX_CLOSED, 15000, null)) {
                assertNotNull(closed, "FIX_CLOSED within 15 s");
                assertEquals(SESSION_TAG, closed.userTag());
            }
            a.expect("LOGOUT", 15000);
            s.shutdown(); // idempotent
        }
    }

    @Test
    void sessionOutlivesItsClient() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        } // nothing listens there: the session keeps reconnecting
        long live = NativeHandle.liveCount();
        Client c;
        FixSession s;
        try (Conf conf = clientConf(Integer.toString(port))) {
            c = new Client(conf);
            s = c.openFixSession(SESSION_TAG);
        }
        assertNotEquals(FixState.ACTIVE, s.state());
        c.close(); // the native session still holds the client
        FixState st = s.state();
        assertNotEquals(FixState.ACTIVE, st);
        try {
            s.shutdown();
        } catch (KalshiException e) {
            assertEquals(ErrorCode.CLOSED, e.code(), e.toString());
        }
        s.close();
        s.close(); // idempotent
        DecimalTest.fails(ErrorCode.CLOSED, s::state);
        assertTrue(NativeHandle.liveCount() <= live, "client and session destroyed");

        // Dropped without close: the Cleaner releases session and client, in whatever order.
        try (Conf conf = clientConf(Integer.toString(port))) {
            for (int i = 0; i < 5; i++) new Client(conf).openFixSession(i);
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (NativeHandle.liveCount() > live && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(NativeHandle.liveCount() <= live, "sessions and clients destroyed by the Cleaner");
    }
}
