package com.kalshi.nativeapi;

/** kalshi_event_type_t (queue.h). Append-only. */
public enum EventType {
    NONE(0), LOG(1), ERROR(2), ECHO(3), STREAM_CONNECTED(4), STREAM_DATA(5), STREAM_CLOSED(6), CLIENT_CLOSED(7);

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
