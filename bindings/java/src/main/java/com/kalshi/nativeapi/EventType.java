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
    FIX_CLOSED(12);

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
