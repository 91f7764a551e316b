package com.kalshi.nativeapi;

/** kalshi_fix_state_t (fix.h): the state of a {@link FixSession}. Append-only. */
public enum FixState {
    /** No connection (waiting to reconnect, or finished). */
    DISCONNECTED(0),
    /** DNS, TCP, TLS. */
    CONNECTING(1),
    /** Logon sent, waiting for the exchange's. */
    LOGGING_ON(2),
    /** Logged on: messages can be sent. */
    ACTIVE(3),
    /** Logout sent, waiting for the answer. */
    LOGGING_OUT(4);

    private final int code;

    FixState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a C value, or null for a state this binding does not know yet. */
    public static FixState of(int code) {
        for (FixState s : values()) if (s.code == code) return s;
        return null;
    }

    /** "KALSHI_FIX_ACTIVE" etc., from the library (kalshi_fix_state_name). */
    public String cName() {
        return nameOf(code);
    }

    /** kalshi_fix_state_name for any value, including ones this binding does not know. */
    public static String nameOf(int code) {
        return Util.str(Util.LIB.kalshi_fix_state_name(code));
    }
}
