package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Stream events through the queue: data from a loopback peer, and an error object on failure. */
class RawStreamTest {
    @Test
    void loopbackEchoDeliversTypedEvents() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) out.write(buf, 0, n); // echo until EOF
                } catch (Exception ignored) {
                    // the test fails on its own assertions
                }
            });
            peer.setDaemon(true);
            peer.start();
            try (Client c = new Client(); EventQueue q = c.queue(); RawStream s = c.openStream("127.0.0.1", server.getLocalPort(), false, 77)) {
                s.write("ping over libkalshi".getBytes(StandardCharsets.US_ASCII));
                boolean connected = false;
                boolean closed = false;
                StringBuilder got = new StringBuilder();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!closed && System.nanoTime() < deadline) {
                    try (Event e = q.poll(100)) {
                        if (e == null || e.type() == EventType.LOG) continue;
                        assertEquals(77L, e.userTag(), "user_tag of " + e.type());
                        switch (e.type()) {
                            case STREAM_CONNECTED -> connected = true;
                            case STREAM_DATA -> {
                                assertTrue(connected, "data after connected");
                                got.append(new String(e.data(), StandardCharsets.US_ASCII));
                                if (got.toString().equals("ping over libkalshi")) s.shutdown();
                            }
                            case STREAM_CLOSED -> {
                                closed = true;
                                assertEquals(ErrorCode.OK, e.err(), "clean close: " + e.error());
                                assertNull(e.error());
                            }
                            default -> fail("unexpected " + e);
                        }
                    }
                }
                assertTrue(connected, "STREAM_CONNECTED");
                assertEquals("ping over libkalshi", got.toString());
                assertTrue(closed, "STREAM_CLOSED");
            }
        }
    }

    @Test
    void refusedConnectionCarriesAnErrorObject() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // nothing listens there now
        try (Client c = new Client(); EventQueue q = c.queue(); RawStream s = c.openStream("127.0.0.1", port, false, 5)) {
            assertFalse(s.isReleased());
            try (Event closed = ClientTest.pollFor(q, EventType.STREAM_CLOSED, 10000, null)) {
                assertNotNull(closed, "STREAM_CLOSED");
                assertEquals(5L, closed.userTag());
                assertEquals(ErrorCode.CONNECT, closed.err());
                KalshiError err = closed.error();
                assertNotNull(err, "error object");
                assertEquals(ErrorCode.CONNECT, err.code());
                assertEquals("KALSHI_ERR_CONNECT", err.name());
                assertFalse(err.message().isEmpty());
            }
        }
    }

    @Test
    void unknownHostIsRefusedSynchronously() {
        try (Client c = new Client()) {
            DecimalTest.fails(ErrorCode.HOST_NOT_ALLOWED, () -> c.openStream("example.com", 443, true, 1));
        }
    }
}
