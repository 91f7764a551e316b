package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientTest {
    static Event pollFor(EventQueue q, EventType type, long timeoutMs, List<Event> skipped) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Event e = q.poll(100);
            if (e == null) continue;
            if (e.type() == type) return e;
            if (skipped != null) skipped.add(e);
            else e.close();
        }
        return null;
    }

    @Test
    void echoThreadMode() {
        long tag = 0xF00DFACE12345678L; // the high bit is set: user_tag is a full uint64
        try (Client c = new Client(); EventQueue q = c.queue()) {
            c.echo(tag);
            try (Event e = pollFor(q, EventType.ECHO, 5000, null)) {
                assertNotNull(e, "an echo within 5 s");
                assertEquals(EventType.ECHO, e.type());
                assertEquals("KALSHI_EVENT_ECHO", e.type().cName());
                assertEquals(tag, e.userTag());
                assertEquals(ErrorCode.OK, e.err());
                assertNull(e.error());
                assertTrue(e.timestampNs() > 0);
            }
        }
    }

    @Test
    void echoCallerModeDrivenByRun() {
        try (Conf conf = new Conf().set("client.mode", "caller"); Client c = new Client(conf); EventQueue q = c.queue()) {
            c.echo(7);
            c.echo(8);
            c.echo(9);
            assertNull(q.poll(50), "nothing happens before kalshi_client_run");
            assertEquals(0, q.length());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (q.length() < 3 && System.nanoTime() < deadline) assertTrue(c.run(10));
            assertEquals(3, q.length());
            List<Long> tags = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (Event e = q.poll(0)) {
                    assertEquals(EventType.ECHO, e.type());
                    tags.add(e.userTag());
                }
            }
            assertEquals(List.of(7L, 8L, 9L), tags, "submission order");

            c.shutdown(0);
            deadline = System.nanoTime() + 5_000_000_000L;
            while (c.run(10) && System.nanoTime() < deadline) {
                // drive the close
            }
            assertFalse(c.run(0), "run reports closed");
            assertTrue(c.isClosed());
            try (Event e = pollFor(q, EventType.CLIENT_CLOSED, 1000, null)) {
                assertNotNull(e, "CLIENT_CLOSED");
            }
        }
    }

    @Test
    void runRefusedInThreadMode() {
        try (Client c = new Client()) {
            DecimalTest.fails(ErrorCode.WRONG_MODE, () -> c.run(0));
        }
    }

    @Test
    void pollBatchAndLength() throws InterruptedException {
        try (Client c = new Client(); EventQueue q = c.queue()) {
            Set<Long> want = new HashSet<>();
            for (long t = 100; t < 110; t++) {
                c.echo(t);
                want.add(t);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (q.length() < 10 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(10, q.length());
            List<Event> first = q.pollBatch(4, 0);
            assertEquals(4, first.size(), "limited by max");
            assertEquals(6, q.length());
            List<Event> rest = q.pollBatch(64, 1000);
            assertEquals(6, rest.size());
            Set<Long> got = new HashSet<>();
            for (Event e : first) got.add(e.userTag());
            for (Event e : rest) got.add(e.userTag());
            assertEquals(want, got);
            first.forEach(e -> assertEquals(EventType.ECHO, e.type()));
            first.forEach(Event::close);
            rest.forEach(Event::close);
            assertTrue(q.pollBatch(8, 20).isEmpty(), "empty after the timeout");
        }
    }

    @Test
    void logEventsAreTypedAndFiltered() {
        try (Conf conf = new Conf().set("log.level", "info"); Client c = new Client(conf); EventQueue q = c.queue()) {
            c.log(LogLevel.DEBUG, "below the level");
            c.log(LogLevel.INFO, "hello \u00fcnicode");
            c.echo(1);
            List<Event> skipped = new ArrayList<>();
            try (Event echo = pollFor(q, EventType.ECHO, 5000, skipped)) {
                assertNotNull(echo);
            }
            List<Event> logs = skipped.stream().filter(e -> e.type() == EventType.LOG).toList();
            assertEquals(1, logs.size(), "exactly one log passes log.level=info");
            assertEquals(LogLevel.INFO, logs.get(0).logLevel());
            assertTrue(logs.get(0).text().contains("hello \u00fcnicode"), logs.get(0).text());
            skipped.forEach(Event::close);
        }
    }

    @Test
    void closedClientRefusesRequests() {
        try (Client c = new Client(); EventQueue q = c.queue()) {
            assertFalse(c.isClosed());
            c.shutdown(-1);
            assertTrue(c.isClosed());
            c.shutdown(-1); // idempotent
            DecimalTest.fails(ErrorCode.CLOSED, () -> c.echo(1));
            try (Event e = pollFor(q, EventType.CLIENT_CLOSED, 2000, null)) {
                assertNotNull(e);
            }
        }
        Client c = new Client();
        c.close();
        DecimalTest.fails(ErrorCode.CLOSED, () -> c.echo(1));
    }

    @Test
    void queueOutlivesClient() {
        Client c = new Client();
        try (EventQueue q = c.queue()) {
            c.echo(42);
            try (Event e = pollFor(q, EventType.ECHO, 5000, null)) {
                assertEquals(42L, e.userTag());
            }
            c.close();
            try (Event e = pollFor(q, EventType.CLIENT_CLOSED, 2000, null)) {
                assertNotNull(e, "CLIENT_CLOSED through a queue that outlived its client");
            }
        }
    }

    @Test
    void closeWaitsForAPollInFlight() throws Exception {
        // A close racing a blocked poll on another thread defers the native destroy until the
        // poll returns: the poll completes normally.
        try (Client c = new Client()) {
            EventQueue q = c.queue();
            java.util.concurrent.CompletableFuture<Event> got = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    got.complete(q.poll(5000));
                } catch (Throwable e) {
                    got.completeExceptionally(e);
                }
            });
            t.start();
            started.await();
            Thread.sleep(100);
            long live = NativeHandle.liveCount();
            q.close();
            assertEquals(live, NativeHandle.liveCount(), "queue not destroyed while polled");
            c.echo(99);
            Event e = got.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(e, "the blocked poll received the echo");
            assertEquals(99L, e.userTag());
            e.close();
            t.join();
            assertEquals(live - 1, NativeHandle.liveCount(), "queue destroyed once the poll returned (event closed too)");
            DecimalTest.fails(ErrorCode.CLOSED, () -> q.poll(0));
        }
    }

    @Test
    void clientNewReportsConfErrors() {
        try (Key k = Key.generate(KeyType.ED25519); Conf conf = new Conf()) {
            conf.set("auth.private_key", k.privatePem());
            conf.set("auth.private_key_path", "/etc/hostname");
            KalshiException e = DecimalTest.fails(ErrorCode.INVALID_VALUE, () -> new Client(conf).close());
            assertNotNull(e.detail(), "error object");
            assertFalse(e.getMessage().isEmpty());
            conf.set("auth.private_key_path", null);
            try (Client c = new Client(conf)) {
                assertFalse(c.isClosed());
            }
        }
    }

    @Test
    void thousandClientsUnderGcPressureDoNotLeak() throws Exception {
        try (Conf conf = new Conf().set("client.close_timeout_ms", "1000")) {
            for (int i = 0; i < 20; i++) {
                try (Client c = new Client(conf)) {
                    c.shutdown(-1);
                }
            }
            System.gc();
            long handles0 = NativeHandle.liveCount();
            int fds0 = TestSupport.openFds();
            int threads0 = TestSupport.threads();
            long rss0 = TestSupport.rssBytes();

            for (int i = 0; i < 1000; i++) {
                Client c = new Client(conf);
                if (i % 3 == 0) c.echo(i);
                if (i % 10 == 0) {
                    c.queue(); // left for the Cleaner, with the client itself
                    continue;
                }
                if (i % 2 == 0) c.shutdown(-1);
                c.close();
                if (i % 100 == 99) System.gc();
            }

            long deadline = System.nanoTime() + 30_000_000_000L;
            while (NativeHandle.liveCount() > handles0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(handles0, NativeHandle.liveCount(), "every native handle destroyed (100 by the Cleaner)");
            int fds = TestSupport.openFds();
            int threads = TestSupport.threads();
            long rss = TestSupport.rssBytes();
            System.out.printf("leak check: fds %d->%d threads %d->%d rss %d->%d KiB%n", fds0, fds, threads0, threads, rss0 / 1024, rss / 1024);
            assertTrue(fds <= fds0 + 2, "file descriptors back to baseline: " + fds0 + " -> " + fds);
            // The JVM may start a few threads of its own (JIT, GC); a leaked loop thread per client would be 100.
            assertTrue(threads <= threads0 + 8, "threads back to baseline: " + threads0 + " -> " + threads);
            assertTrue(rss - rss0 < (128L << 20), "RSS growth under 128 MiB: " + rss0 / 1024 + " -> " + rss / 1024 + " KiB");
        }
    }
}
