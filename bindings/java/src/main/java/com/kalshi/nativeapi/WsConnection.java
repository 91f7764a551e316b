package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Objects;

/**
 * One WebSocket connection (kalshi_ws_t, ws.h) opened with {@link Client#openWs}: the prediction or
 * perps stream (ws.product) on the client's loop. The library signs the upgrade on every connect,
 * keeps pings, reconnects with backoff and resubscribes; each subscription's sequence numbers are
 * checked, and a gap clears its books, emits WS_RESYNC and resubscribes for a fresh snapshot.
 * Events arrive on the client's {@link EventQueue} with the connection's user tag (WS_REPLY: the
 * command's):
 * <ul>
 *   <li>WS_STATE: {@link Event#wsState()}; leaving OPEN carries the reason as {@link Event#error()};</li>
 *   <li>WS_MESSAGE: {@link Event#wsChannel()}, {@link Event#wsType()}, {@link Event#wsSid()},
 *       {@link Event#wsSeq()}, {@link Event#wsMarket()}, the JSON ({@link Event#data()}) and the
 *       typed object ({@link Event#objects()}; orderbook_snapshot carries book levels);</li>
 *   <li>WS_REPLY: a command's answer: OK or the exchange's error; {@link Event#wsSid()} for a
 *       subscribe, the JSON of list_subscriptions in {@link Event#data()};</li>
 *   <li>WS_RESYNC: a subscription lost messages ({@link Event#wsSid()}, the reason as the error);</li>
 *   <li>BOOK_TOP (ws.top_events=true): a local book's best bid or ask changed ({@link Event#wsMarket()});</li>
 *   <li>WS_CLOSED: the last event of the connection.</li>
 * </ul>
 *
 * <p>Local books are kept for markets subscribed to orderbook_delta and can be read from any
 * thread ({@link #bookBest}, {@link #bookCopy}); for prediction markets YES bids are bids and NO
 * bids are asks at 1 - price. Commands validate on the calling thread and throw at once. Thread-safe.
 * {@link #shutdown()} closes gracefully (WS_CLOSED follows); {@link #close()} releases the handle
 * (closing first if needed). The native connection holds a reference on its client, so the
 * {@link Client} may be closed or collected in any order.
 */
public final class WsConnection extends NativeHandle {
    /** update_subscription actions. */
    public static final String ADD_MARKETS = "add_markets";
    public static final String DELETE_MARKETS = "delete_markets";

    private WsConnection(Pointer p) {
        super(p, Util.LIB::kalshi_ws_destroy);
    }

    static WsConnection open(Pointer client, Conf overrides, long userTag) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Pointer o = overrides == null ? null : overrides.acquireForClient();
        try {
            int rc = Util.LIB.kalshi_ws_open(client, o, userTag, out, err);
            if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_ws_destroy(out.getValue());
            KalshiException.check(rc, err);
            if (out.getValue() == null) throw new KalshiException(ErrorCode.INTERNAL, "kalshi_ws_open returned no connection");
            return new WsConnection(out.getValue());
        } finally {
            if (overrides != null) overrides.releaseForClient();
        }
    }

    private interface Command {
        int call(Pointer w, PointerByReference err);
    }

    private void command(Command c) {
        PointerByReference err = new PointerByReference();
        Pointer w = acquire();
        try {
            KalshiException.check(c.call(w, err), err);
        } finally {
            release();
        }
    }

    /** A C string array for a list (null for an empty or null list); close it after the call. */
    private static StringArray strings(List<String> list, String what) {
        if (list == null || list.isEmpty()) return null;
        String[] a = list.toArray(new String[0]);
        for (String x : a) Util.cstrWhole(Objects.requireNonNull(x, what), what); // no NUL inside
        return new StringArray(a, "UTF-8");
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }

    /**
     * Subscribes to channels by their spec names ("orderbook_delta", "ticker", "trade", "fill",
     * ...) for marketTickers (null or empty for channels that take none). The reply, with the new
     * sid, is a WS_REPLY event carrying userTag.
     */
    public void subscribe(List<String> channels, List<String> marketTickers, long userTag) {
        Objects.requireNonNull(channels, "channels");
        StringArray ch = strings(channels, "channel"), tk = strings(marketTickers, "market ticker");
        KalshiNative.SizeT nc = new KalshiNative.SizeT(size(channels)), nt = new KalshiNative.SizeT(size(marketTickers));
        try {
            command((w, err) -> Util.LIB.kalshi_ws_subscribe(w, ch, nc, tk, nt, userTag, err));
        } finally {
            if (ch != null) ch.close();
            if (tk != null) tk.close();
        }
    }

    /** Ends a subscription (sid as a WS_REPLY or WS_MESSAGE gave it; it survives reconnects). */
    public void unsubscribe(long sid, long userTag) {
        command((w, err) -> Util.LIB.kalshi_ws_unsubscribe(w, sid, userTag, err));
    }

    /** Adds markets to, or removes them from, a subscription: action {@link #ADD_MARKETS} or
     * {@link #DELETE_MARKETS}. */
    public void updateSubscription(long sid, String action, List<String> marketTickers, long userTag) {
        byte[] a = Util.cstrWhole(Objects.requireNonNull(action, "action"), "action");
        StringArray tk = strings(marketTickers, "market ticker");
        KalshiNative.SizeT nt = new KalshiNative.SizeT(size(marketTickers));
        try {
            command((w, err) -> Util.LIB.kalshi_ws_update_subscription(w, sid, a, tk, nt, userTag, err));
        } finally {
            if (tk != null) tk.close();
        }
    }

    /** Asks the exchange for the connection's subscriptions: the JSON arrives as a WS_REPLY's
     * {@link Event#data()}. */
    public void listSubscriptions(long userTag) {
        command((w, err) -> Util.LIB.kalshi_ws_list_subscriptions(w, userTag, err));
    }

    /** The last state reported (null for a value this binding does not know). */
    public WsState state() {
        Pointer w = acquire();
        try {
            return WsState.of(Util.LIB.kalshi_ws_state(w));
        } finally {
            release();
        }
    }

    /** Messages dropped by the drop_oldest overflow policy (ws.overflow) so far; unsigned. */
    public long dropped() {
        Pointer w = acquire();
        try {
            return Util.LIB.kalshi_ws_dropped(w);
        } finally {
            release();
        }
    }

    /** The best level of a local book's side, null for an unknown market or an empty side. */
    public Book.Level bookBest(String marketTicker, BookSide side) {
        byte[] t = Util.cstrWhole(Objects.requireNonNull(marketTicker, "marketTicker"), "marketTicker");
        int sd = Objects.requireNonNull(side, "side").code();
        LongByReference px = new LongByReference(), sz = new LongByReference();
        Pointer w = acquire();
        try {
            int rc = Util.LIB.kalshi_ws_book_best(w, t, sd, px, sz);
            if (rc == ErrorCode.NOT_FOUND.code()) return null;
            KalshiException.check(rc);
            return new Book.Level(new Price(px.getValue()), new Count(sz.getValue()));
        } finally {
            release();
        }
    }

    /** Copies one market's local book into a {@link Book} (replacing that symbol there); a
     * consistent snapshot. NOT_FOUND for a market without a book. */
    public void bookCopy(String marketTicker, Book into) {
        byte[] t = Util.cstrWhole(Objects.requireNonNull(marketTicker, "marketTicker"), "marketTicker");
        Objects.requireNonNull(into, "into");
        PointerByReference err = new PointerByReference();
        Pointer w = acquire();
        try {
            Pointer b = into.acquire();
            try {
                KalshiException.check(Util.LIB.kalshi_ws_book_copy(w, t, b, err), err);
            } finally {
                into.release();
            }
        } finally {
            release();
        }
    }

    /** Graceful close (a close frame; subscriptions are not unsubscribed); WS_CLOSED follows.
     * Idempotent. The handle stays valid until {@link #close()}. */
    public void shutdown() {
        Pointer w = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_ws_close(w));
        } finally {
            release();
        }
    }
}
