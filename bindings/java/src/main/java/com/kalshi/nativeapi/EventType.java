package com.kalshi.nativeapi;

/** kalshi_event_type_t (queue.h). Append-only. */
public enum EventType {
    NONE(0), LOG(1), ERROR(2), ECHO(3), STREAM_CONNECTED(4), STREAM_DATA(5), STREAM_CLOSED(6), CLIENT_CLOSED(7),
    /** fix.h: a session's state changed ({@link Event#fixState()}). */
    FIX_STATE(8),
    /** fix.h: a decoded message from the exchange ({@link Event#fixMessage()}). */
    FIX_MESSAGE(9),
    /** fix.h: undecodable bytes ({@link Event#data()}) and why ({@link Event#error()}). */
    FIX_DECODE_ERROR(10),
    /** fix.h: a send queued from another thread could not be sent (carries the send's user tag). */
    FIX_SEND_FAILED(11),
    /** fix.h: the last event of a session. */
    FIX_CLOSED(12),
    /** rest.h: a call completed ({@link Event#restStatus()}, {@link Event#data()}, {@link Event#objects()}). */
    REST_RESPONSE(13),
    /** rest.h: one page of a paginated listing ({@link Event#restPageIndex()}). */
    REST_PAGE(14),
    /** rest.h: a paginated listing ended (error if it failed; {@link Event#restTruncated()}). */
    REST_DONE(15),
    /** ws.h: a WebSocket connection's state changed ({@link Event#wsState()}). */
    WS_STATE(16),
    /** ws.h: a channel message ({@link Event#wsChannel()}, {@link Event#objects()}). */
    WS_MESSAGE(17),
    /** ws.h: a command's reply or error, carrying the command's user tag. */
    WS_REPLY(18),
    /** ws.h: a subscription lost messages; its books were cleared and it is resubscribing. */
    WS_RESYNC(19),
    /** ws.h: the last event of a WebSocket connection. */
    WS_CLOSED(20),
    /** ws.h: a local book's best bid or ask changed ({@link Event#wsMarket()}). */
    BOOK_TOP(21);

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a C value, or null for a type this binding does not know yet. */
    public static EventType of(int code) {
        for (EventType t : values()) if (t.code == code) return t;
        return null;
    }

    /** "KALSHI_EVENT_ECHO" etc., from the library. */
    public String cName() {
        return Util.str(Util.LIB.kalshi_event_type_name(code));
    }
}
