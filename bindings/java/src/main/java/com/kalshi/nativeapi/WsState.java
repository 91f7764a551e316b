package com.kalshi.nativeapi;

/** kalshi_ws_state_t (ws.h): the state of a {@link WsConnection}. Append-only. */
public enum WsState {
    /** DNS, TCP, TLS, the signed upgrade. */
    CONNECTING(0),
    /** Upgraded: commands can be sent. */
    OPEN(1),
    /** Lost; waiting out the backoff before connecting again (subscriptions are kept). */
    RECONNECTING(2),
    /** Close frame sent, waiting for the peer's. */
    CLOSING(3),
    /** Finished; WS_CLOSED follows. */
    CLOSED(4);

    private final int code;

    WsState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a C value, or null for a state this binding does not know yet. */
    public static WsState of(int code) {
        for (WsState s : values()) if (s.code == code) return s;
        return null;
    }

    /** "KALSHI_WS_OPEN" etc., from the library (kalshi_ws_state_name). */
    public String cName() {
        return nameOf(code);
    }

    /** kalshi_ws_state_name for any value, including ones this binding does not know. */
    public static String nameOf(int code) {
        return Util.str(Util.LIB.kalshi_ws_state_name(code));
    }
}
