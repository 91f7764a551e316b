package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every typed send and the generic builder send, without a peer: sessions of each type point at a
 * closed loopback port, so a valid message is validated and encoded on this thread, queued (0 is
 * returned) and reported as FIX_SEND_FAILED with the send's tag; a message the session type does
 * not carry is refused synchronously with NOT_SUPPORTED. */
class FixSendTest {
    static final String SYM = "HIGHNY-23DEC31";

    interface Sender {
        long send(FixSession s, long tag);
    }

    static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Sends each message on a session of `type`: queued ones must come back as FIX_SEND_FAILED. */
    static void check(String type, List<Sender> accepted, List<Sender> refused) throws Exception {
        String port = Integer.toString(deadPort());
        try (Conf conf = LiveFixTest.clientConf(port).set("fix.port." + type, port).set("fix.session", type);
                Client c = new Client(conf); EventQueue q = c.queue(); FixSession s = c.openFixSession(1)) {
            assertNotEquals(FixState.ACTIVE, s.state());
            Set<Long> want = new HashSet<>();
            long tag = 1000;
            for (Sender x : accepted) {
                tag++;
                assertEquals(0L, x.send(s, tag), type + " #" + (tag - 1000) + ": queued, no MsgSeqNum");
                want.add(tag);
            }
            for (Sender x : refused) DecimalTest.fails(ErrorCode.NOT_SUPPORTED, () -> x.send(s, 1));
            Set<Long> got = new HashSet<>();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!got.containsAll(want) && System.nanoTime() < deadline) {
                try (Event e = ClientTest.pollFor(q, EventType.FIX_SEND_FAILED, 200, null)) {
                    if (e != null) got.add(e.userTag());
                }
            }
            assertEquals(want, got, type + ": FIX_SEND_FAILED for every queued send, with its tag");
        }
    }

    @Test
    void orderEntryOnKalshiNR() throws Exception {
        check("nr", List.of(
                (s, t) -> s.sendNewOrder("o-1", SYM, '1', Price.parse("0.75"), Count.parse("10"), '1', t),
                (s, t) -> s.sendNewOrder("o-2", SYM, '2', Price.parse("0.25"), Count.parse("1"), '\0', t),
                (s, t) -> s.sendCancel("o-3", "o-1", SYM, '1', t),
                (s, t) -> s.sendReplace("o-4", "o-1", SYM, '1', Price.parse("0.74"), Count.parse("12"), t),
                (s, t) -> s.sendMassCancel("o-5", t),
                (s, t) -> s.sendOrderGroup(1, null, 100, t),
                (s, t) -> {
                    try (FixBuilder b = new FixBuilder("D")) {
                        b.setStr(11, "o-6").setStr(55, SYM).setChar(54, '1').setChar(40, '2').setPrice(44, Price.parse("0.5"))
                                .setCount(38, Count.parse("3")).setChar(59, '3');
                        return s.send(b, null, t);
                    }
                }),
                List.of((s, t) -> s.sendQuoteRequest("r-1", SYM, Count.parse("1"), t),
                        (s, t) -> s.sendQuote("q-1", "r-1", SYM, Price.parse("0.4"), null, t),
                        (s, t) -> s.sendMdRequest('1', List.of(SYM), t)));
    }

    @Test
    void synchronousRefusals() throws Exception {
        String port = Integer.toString(deadPort());
        try (Conf conf = LiveFixTest.clientConf(port); Client c = new Client(conf); FixSession s = c.openFixSession(1)) {
            // Prediction without UseDollars is integer cents: 0.755 cannot be carried.
            DecimalTest.fails(ErrorCode.INEXACT, () -> s.sendNewOrder("o-1", SYM, '1', new Price(755000), new Count(100), '1', 0));
            KalshiException side = assertThrows(KalshiException.class,
                    () -> s.sendNewOrder("o-1", SYM, 'x', new Price(750000), new Count(100), '1', 0));
            assertTrue(side.code() == ErrorCode.INVALID_ARG || side.code() == ErrorCode.INVALID_VALUE, side.toString());
            try (FixBuilder b = new FixBuilder("D")) {
                b.setStr(11, "o-2");
                // fix.h documents INVALID_VALUE for a missing required field; the library answers
                // INVALID_ARG (reported): accept either, the message names the field.
                KalshiException missing = assertThrows(KalshiException.class, () -> s.send(b, null, 0));
                assertTrue(missing.code() == ErrorCode.INVALID_VALUE || missing.code() == ErrorCode.INVALID_ARG, missing.toString());
                assertTrue(missing.getMessage().contains("38"), missing.getMessage());
            }
            assertThrows(NullPointerException.class, () -> s.sendCancel(null, "o", SYM, '1', 0));
        }
    }

    @Test
    void rfqCreatorOnKalshiRT() throws Exception {
        check("rt", List.of(
                (s, t) -> s.sendQuoteRequest("r-1", SYM, Count.parse("5"), t),
                (s, t) -> s.sendAcceptQuote("q-1", "rfq-1", '2', Count.parse("5"), "o-1", t),
                (s, t) -> s.sendRfqCancel("r-1", t)),
                List.of((s, t) -> s.sendMassCancel("o-1", t), (s, t) -> s.sendQuoteConfirm("q-1", t)));
    }

    @Test
    void marketMakerOnKalshiRFQ() throws Exception {
        check("rfq", List.of(
                (s, t) -> s.sendQuote("q-1", "r-1", SYM, Price.parse("0.40"), Price.parse("0.55"), t),
                (s, t) -> s.sendQuote("q-2", "r-1", SYM, null, Price.parse("0.55"), t),
                (s, t) -> s.sendQuoteCancel("q-1", t),
                (s, t) -> s.sendQuoteConfirm("q-2", t)),
                List.of((s, t) -> s.sendNewOrder("o-1", SYM, '1', Price.parse("0.75"), Count.parse("1"), '1', t)));
    }

    @Test
    void marketDataOnKalshiMD() throws Exception {
        check("md", List.of(
                (s, t) -> s.sendMdRequest('1', List.of(SYM, "KXNBAGAME-26MAY25NYKCLE-NYK"), t),
                (s, t) -> s.sendMdRequest('2', List.of(), t),
                (s, t) -> s.sendSecurityStatusRequest('1', SYM, t)),
                List.of((s, t) -> s.sendNewOrder("o-1", SYM, '1', Price.parse("0.75"), Count.parse("1"), '1', t)));
    }

    @Test
    void dropCopyOnKalshiDC() throws Exception {
        check("dc", List.of(
                (s, t) -> s.sendEventResend("1", null, t),
                (s, t) -> s.sendEventResend("1", "9", t)),
                List.of((s, t) -> s.sendNewOrder("o-1", SYM, '1', Price.parse("0.75"), Count.parse("1"), '1', t)));
    }
}
