package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

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

    @Override
    public String toString() {
        return "Event[" + type() + " tag=" + Long.toUnsignedString(userTag()) + "]";
    }
}
