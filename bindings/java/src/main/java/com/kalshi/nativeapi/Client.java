package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Objects;

/**
 * A client: one event loop, on the library's own I/O thread ({@code client.mode=thread}, the
 * default) or driven by the application through {@link #run(int)} ({@code client.mode=caller}).
 * {@link #close()} destroys it (closing first if needed).
 */
public final class Client extends NativeHandle {
    /** A client with all defaults. */
    public Client() {
        this(null);
    }

    /** A client configured from a copy of conf (null = defaults). */
    public Client(Conf conf) {
        super(create(conf), Client::destroy);
    }

    private static Pointer create(Conf conf) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Pointer c = conf == null ? null : conf.acquireForClient();
        try {
            int rc = Util.LIB.kalshi_client_new(c, out, err);
            if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_client_destroy(out.getValue());
            KalshiException.check(rc, err);
            return out.getValue();
        } finally {
            if (conf != null) conf.releaseForClient();
        }
    }

    private static void destroy(Pointer p) {
        Util.LIB.kalshi_client_destroy(p);
    }

    /** A new reference to the client's event queue; close it when done. */
    public EventQueue queue() {
        Pointer p = acquire();
        try {
            Pointer q = Util.LIB.kalshi_client_queue(p);
            if (q == null) throw new KalshiException(ErrorCode.CLOSED, "no queue");
            return new EventQueue(q);
        } finally {
            release();
        }
    }

    /** Caller mode: runs the loop for at most timeoutMs (0 = one pass, -1 = until closed).
     * Returns false once the client has closed. Throws WRONG_MODE in thread mode. */
    public boolean run(int timeoutMs) {
        Pointer p = acquire();
        try {
            int rc = Util.LIB.kalshi_client_run(p, timeoutMs);
            if (rc == ErrorCode.CLOSED.code()) return false;
            KalshiException.check(rc);
            return true;
        } finally {
            release();
        }
    }

    /** Posts a request whose completion is an ECHO event carrying userTag (any 64 bits). */
    public void echo(long userTag) {
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_client_echo(p, userTag));
        } finally {
            release();
        }
    }

    /** Posts a LOG event through the client's logger (filtered by log.level). */
    public void log(LogLevel level, String message) {
        byte[] m = Util.cstr(Objects.requireNonNull(message, "message"));
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_client_log(p, level.code(), m));
        } finally {
            release();
        }
    }

    /** Graceful close, waiting up to timeoutMs (-1 = client.close_timeout_ms). The handle stays
     * valid until {@link #close()}. Idempotent. */
    public void shutdown(int timeoutMs) {
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_client_close(p, timeoutMs));
        } finally {
            release();
        }
    }

    /** Opens a TCP (or TLS) stream on this client's loop; see {@link RawStream}. */
    public RawStream openStream(String host, int port, boolean tls, long userTag) {
        Pointer p = acquire();
        try {
            return RawStream.open(p, host, port, tls, userTag);
        } finally {
            release();
        }
    }

    /** Opens a FIX session with the client's settings; see {@link #openFixSession(Conf, long)}. */
    public FixSession openFixSession(long userTag) {
        return openFixSession(null, userTag);
    }

    /**
     * Opens a FIX session (kalshi_fix_session_open): validates the settings (the client's
     * configuration overlaid with overrides, e.g. fix.session, fix.product, fix.heartbeat_s,
     * fix.logon.*; null for none) and starts connecting. Its events arrive on this client's queue
     * with userTag. Errors known before any traffic are thrown here: INVALID_VALUE,
     * KEY_UNSUPPORTED (no RSA key), HOST_NOT_ALLOWED, IO, CLOSED.
     */
    public FixSession openFixSession(Conf overrides, long userTag) {
        Pointer p = acquire();
        try {
            return FixSession.open(p, overrides, userTag);
        } finally {
            release();
        }
    }

    /** REST calls through this client; see {@link Rest}. */
    public Rest rest() {
        return new Rest(this);
    }

    /** Opens a WebSocket connection with the client's settings; see {@link #openWs(Conf, long)}. */
    public WsConnection openWs(long userTag) {
        return openWs(null, userTag);
    }

    /**
     * Opens a WebSocket connection (kalshi_ws_open): the client's configuration overlaid with
     * overrides (ws.* properties, e.g. ws.product, ws.queue_limit, ws.top_events; null for none),
     * then connects. Its events arrive on this client's queue with userTag; see
     * {@link WsConnection}. Errors known before any traffic are thrown here.
     */
    public WsConnection openWs(Conf overrides, long userTag) {
        Pointer p = acquire();
        try {
            return WsConnection.open(p, overrides, userTag);
        } finally {
            release();
        }
    }

    public boolean isClosed() {
        Pointer p = acquire();
        try {
            return Util.LIB.kalshi_client_closed(p) != 0;
        } finally {
            release();
        }
    }
}
