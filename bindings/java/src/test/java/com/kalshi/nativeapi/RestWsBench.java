package com.kalshi.nativeapi;

import java.util.Arrays;
import java.util.List;

/**
 * Round trips through the Java binding against the in-process simulator (not a test: run by hand,
 * see README "Measured"): REST GetMarket call to its REST_RESPONSE polled in Java; a simulator
 * order to the orderbook_delta WS_MESSAGE polled in Java; reading a GetMarkets page's typed
 * objects (every built-in market) into Java maps. Prints medians and p99 in microseconds.
 */
final class RestWsBench {
    private RestWsBench() {}

    static String stats(String what, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return String.format("%-38s n=%d median %.1f us p99 %.1f us", what, s.length, s[s.length / 2] / 1e3,
                s[(int) (s.length * 0.99)] / 1e3);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        try (SimExchange x = new SimExchange(true)) {
            Rest rest = x.client.rest();
            long[] rt = new long[n];
            for (int i = -50; i < n; i++) {
                long t0 = System.nanoTime();
                rest.getMarket(SimExchange.TICKER, 1000 + i);
                try (Event e = x.ok(1000 + i)) {
                    e.object(0).str("ticker");
                }
                if (i >= 0) rt[i] = System.nanoTime() - t0;
            }
            System.out.println(stats("REST GetMarket round trip", rt));

            try (RestParams p = new RestParams().set("limit", "1000")) {
                long[] read = new long[Math.max(10, n / 10)];
                for (int i = -5; i < read.length; i++) {
                    rest.call(RestApi.PREDICTION, "GetMarkets", p, null, 5000 + i);
                    try (Event e = x.ok(5000 + i)) {
                        long t0 = System.nanoTime();
                        int fields = 0;
                        for (Obj o : e.objects()) fields += o.toMap().size();
                        if (i >= 0) read[i] = System.nanoTime() - t0;
                        if (i == 0) System.out.println("page: " + e.objectCount() + " markets, " + fields + " fields");
                    }
                }
                System.out.println(stats("GetMarkets page objects -> Java maps", read));
            }

            try (WsConnection ws = x.client.openWs(7)) {
                ws.subscribe(List.of("orderbook_delta"), List.of(SimExchange.TICKER), 8);
                WsTest.waitFor(x.queue, EventType.WS_MESSAGE, 7, WsTest.wsType("orderbook_snapshot")).close();
                long[] d = new long[n];
                for (int i = -50; i < n; i++) {
                    Price px = Price.fromCents(1 + Math.floorMod(i, 39)); // YES bids 0.01..0.39: nothing crosses
                    long t0 = System.nanoTime();
                    x.sim.placeOrder(x.maker, SimExchange.TICKER, '1', px, Count.parse("1"));
                    WsTest.waitFor(x.queue, EventType.WS_MESSAGE, 7, WsTest.wsType("orderbook_delta")).close();
                    if (i >= 0) d[i] = System.nanoTime() - t0;
                }
                System.out.println(stats("sim order -> WS delta polled in Java", d));
                ws.shutdown();
            }
        }
    }
}
