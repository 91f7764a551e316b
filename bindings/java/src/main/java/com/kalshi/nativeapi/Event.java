package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One event; the caller's until {@link #close()}. Accessors copy data out. */
public final class Event extends NativeHandle {
    Event(Pointer e) {
        super(e, Util.LIB::kalshi_event_destroy);
    }

    public int rawType() {
        Pointer e = acquire();
        try {
            return Util.LIB.kalshi_event_type(e);
        } finally {
            release();
        }
    }

    /** The type, or null for a type this binding does not know (see {@link #rawType()}). */
    public EventType type() {
        return EventType.of(rawType());
    }

    /** The request's user_tag: all 64 bits (use Long.toUnsignedString to print). */
    public long userTag() {
        Pointer e = acquire();
        try {
            return Util.LIB.kalshi_event_user_tag(e);
        } finally {
            release();
        }
    }

    /** The event's error code, OK when it carries none. */
    public ErrorCode err() {
        Pointer e = acquire();
        try {
            return ErrorCode.of(Util.LIB.kalshi_event_err(e));
        } finally {
            release();
        }
    }

    /** A copy of the event's error object, null when it carries none. */
    public KalshiError error() {
        Pointer e = acquire();
        try {
            return KalshiError.borrowed(Util.LIB.kalshi_event_error(e));
        } finally {
            release();
        }
    }

    /** A copy of the payload. */
    public byte[] data() {
        Pointer e = acquire();
        try {
            KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference();
            Pointer d = Util.LIB.kalshi_event_data(e, len);
            int n = (int) len.getValue();
            return d == null || n == 0 ? new byte[0] : d.getByteArray(0, n);
        } finally {
            release();
        }
    }

    /** The payload as UTF-8 text (log messages). */
    public String text() {
        return new String(data(), StandardCharsets.UTF_8);
    }

    public LogLevel logLevel() {
        Pointer e = acquire();
        try {
            return LogLevel.of(Util.LIB.kalshi_event_log_level(e));
        } finally {
            release();
        }
    }

    public long timestampNs() {
        Pointer e = acquire();
        try {
            return Util.LIB.kalshi_event_timestamp_ns(e);
        } finally {
            release();
        }
    }

    /** FIX_STATE events: the session's new state (null for a value this binding does not know).
     * Leaving ACTIVE carries the reason as {@link #error()}. */
    public FixState fixState() {
        Pointer e = acquire();
        try {
            return FixState.of(Util.LIB.kalshi_event_fix_state(e));
        } finally {
            release();
        }
    }

    /** FIX_MESSAGE events: the decoded message, valid while this event is open; null for other
     * event types. */
    public FixMessage fixMessage() {
        Pointer e = acquire();
        try {
            Pointer m = Util.LIB.kalshi_event_fix_msg(e);
            return m == null ? null : new FixMessage(this, m, false);
        } finally {
            release();
        }
    }

    private interface Read<T> {
        T read(Pointer e);
    }

    private <T> T with(Read<T> r) {
        Pointer e = acquire();
        try {
            return r.read(e);
        } finally {
            release();
        }
    }

    /** Number of typed objects the event carries: REST responses and pages (one per list item, or
     * one), WebSocket messages (one); 0 for other events. */
    public int objectCount() {
        return with(e -> (int) Util.LIB.kalshi_event_obj_count(e).longValue());
    }

    /** The index-th typed object, valid while this event is open; NOT_FOUND past the end. */
    public Obj object(int index) {
        if (index < 0) throw new KalshiException(ErrorCode.NOT_FOUND, "object " + index);
        Pointer o = with(e -> Util.LIB.kalshi_event_obj(e, new KalshiNative.SizeT(index)));
        if (o == null) throw new KalshiException(ErrorCode.NOT_FOUND, "object " + index);
        return new Obj(this, o);
    }

    /** Every typed object, in order (empty for events without any); valid while this event is
     * open. */
    public List<Obj> objects() {
        return with(e -> {
            int n = (int) Util.LIB.kalshi_event_obj_count(e).longValue();
            List<Obj> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(new Obj(this, Util.LIB.kalshi_event_obj(e, new KalshiNative.SizeT(i))));
            return out;
        });
    }

    /** REST events: the HTTP status (0 when no response arrived, e.g. a connection failure). */
    public int restStatus() {
        return with(Util.LIB::kalshi_event_rest_status);
    }

    /** REST events: the operationId ("" for other events). */
    public String restOperation() {
        return with(e -> nonNull(Util.LIB.kalshi_event_rest_operation(e)));
    }

    /** REST_PAGE: the page's index from 0; REST_DONE: the number of pages delivered. */
    public long restPageIndex() {
        return with(e -> Integer.toUnsignedLong(Util.LIB.kalshi_event_rest_page_index(e)));
    }

    /** REST_DONE: true when max_pages cut the listing short (the cursor says where it stopped). */
    public boolean restTruncated() {
        return with(e -> Util.LIB.kalshi_event_rest_truncated(e) != 0);
    }

    /** REST events: the response's "cursor" ("" when none: the last page). */
    public String restCursor() {
        return with(e -> nonNull(Util.LIB.kalshi_event_rest_cursor(e)));
    }

    /** WS_STATE events: the connection's new state (null for a value this binding does not know).
     * Leaving OPEN carries the reason as {@link #error()}. */
    public WsState wsState() {
        return with(e -> WsState.of(Util.LIB.kalshi_event_ws_state(e)));
    }

    /** WS_MESSAGE: the channel as the spec names it ("orderbook_delta", "ticker", ...; "raw" for
     * anything unknown); "" for other events. */
    public String wsChannel() {
        return with(e -> nonNull(Util.LIB.kalshi_event_ws_channel(e)));
    }

    /** WS_MESSAGE: the message type ("orderbook_snapshot", "orderbook_delta", ...). */
    public String wsType() {
        return with(e -> nonNull(Util.LIB.kalshi_event_ws_type(e)));
    }

    /** WS_MESSAGE, WS_REPLY (subscribe), WS_RESYNC: the subscription id (all 64 bits). */
    public long wsSid() {
        return with(Util.LIB::kalshi_event_ws_sid);
    }

    /** WS_MESSAGE: the subscription's sequence number (0 for channels without one). */
    public long wsSeq() {
        return with(Util.LIB::kalshi_event_ws_seq);
    }

    /** WS_MESSAGE and BOOK_TOP: the market ticker ("" when none). */
    public String wsMarket() {
        return with(e -> nonNull(Util.LIB.kalshi_event_ws_market(e)));
    }

    private static String nonNull(Pointer p) {
        String s = Util.str(p);
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "Event[" + type() + " tag=" + Long.toUnsignedString(userTag()) + "]";
    }
}
