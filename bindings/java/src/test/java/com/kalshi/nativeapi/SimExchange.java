package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;


/** The in-process simulator with its built-in markets, a member trading through a signed client
 * (REST and WebSocket pointed at the simulator) and a second member (the maker) trading directly.
 * Closing it closes the queue, the client and the simulator, in that order. */
final class SimExchange implements AutoCloseable {
    static final String KEY_ID = "5e1a7c00-0000-4000-8000-00000000c001";
    static final String MAKER_KEY_ID = "5e1a7c00-0000-4000-8000-00000000c002";
    /** A built-in binary market of the simulator (cent grid). */
    static final String TICKER = "HIGHNY-26NOV21-T50";
    static final long WAIT_MS = 10_000;

    final Simulator sim;
    final int member;
    final int maker;
    final Client client;
    final EventQueue queue;

    /** signed: the client carries the member's key (auth.*); false leaves it anonymous. */
    SimExchange(boolean signed) throws Exception {
        SimulatorTest.assumeSimulator();
        try (Conf sc = new Conf().set("sim.seed", "7").set("sim.activity", "false").set("sim.rest.read_per_s", "1000")) {
            sim = new Simulator(sc);
        }
        try {
            String pub = SimulatorTest.publicKey();
            member = sim.registerKey(Product.PREDICTION, KEY_ID, pub);
            maker = sim.registerKey(Product.PREDICTION, MAKER_KEY_ID, pub);
            client = newClient(signed);
        } catch (Exception | Error e) {
            sim.close();
            throw e;
        }
        queue = client.queue();
    }

    /** Another client on the same simulator (closed by the caller). */
    Client newClient(boolean signed) throws Exception {
        try (Conf conf = new Conf().set("rest.rate_tier", "prime").set("net.backoff_base_ms", "20")) {
            if (signed) {
                conf.set("auth.key_id", KEY_ID);
                conf.set("auth.private_key_path", LiveFixTest.source("tests/data/keys/rsa_pkcs8.pem").toString());
            }
            sim.clientConf(conf, false);
            return new Client(conf);
        }
    }

    /** The next event of one of the types carrying tag (others are closed); fails after WAIT_MS. */
    static Event next(EventQueue q, long tag, EventType... types) {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Event e = q.poll(100);
            if (e == null) continue;
            for (EventType t : types) {
                if (e.type() == t && e.userTag() == tag) return e;
            }
            e.close();
        }
        fail("no " + Arrays.toString(types) + " event with tag " + tag + " within " + WAIT_MS + " ms");
        return null;
    }

    /** The REST_RESPONSE for tag, which must have succeeded. */
    Event ok(long tag) {
        Event e = next(queue, tag, EventType.REST_RESPONSE);
        if (e.err() != ErrorCode.OK) {
            String why = e.restOperation() + " failed: " + e.error() + " " + e.text();
            e.close();
            fail(why);
        }
        return e;
    }

    @Override
    public void close() {
        queue.close();
        client.close();
        sim.close();
    }
}
