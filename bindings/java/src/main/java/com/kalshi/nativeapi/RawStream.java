package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Objects;

/**
 * A raw TCP or TLS byte stream (kalshi_stream_t) on a client's loop (stream.h). Its results arrive on the client's queue
 * as STREAM_CONNECTED, STREAM_DATA and exactly one STREAM_CLOSED event, all with the user tag given
 * to {@link Client#openStream}. {@link #shutdown()} closes gracefully; {@link #close()} destroys.
 */
public final class RawStream extends NativeHandle {
    private RawStream(Pointer p) {
        super(p, Util.LIB::kalshi_stream_destroy);
    }

    static RawStream open(Pointer client, String host, int port, boolean tls, long userTag) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
        byte[] h = Util.cstr(Objects.requireNonNull(host, "host"));
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        int rc = Util.LIB.kalshi_stream_open(client, h, (short) port, tls ? 1 : 0, userTag, out, err);
        if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_stream_destroy(out.getValue());
        KalshiException.check(rc, err);
        return new RawStream(out.getValue());
    }

    /** Copies the bytes and queues them for sending. */
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        Pointer s = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_stream_write(s, data, new KalshiNative.SizeT(data.length)));
        } finally {
            release();
        }
    }

    /** Graceful close (TLS close_notify, then FIN); STREAM_CLOSED follows. Idempotent. */
    public void shutdown() {
        Pointer s = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_stream_close(s));
        } finally {
            release();
        }
    }
}
