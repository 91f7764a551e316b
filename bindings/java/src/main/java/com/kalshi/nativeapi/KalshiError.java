package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** A snapshot of a kalshi_error_t: code, message and REST/FIX detail. */
public final class KalshiError {
    private final int code;
    private final String message;
    private final int httpStatus;
    private final String exchangeCode;
    private final boolean retriable;
    private final boolean fatal;

    private KalshiError(Pointer e) {
        KalshiNative n = Util.LIB;
        code = n.kalshi_error_code(e);
        String m = Util.str(n.kalshi_error_message(e));
        message = m == null ? "" : m;
        httpStatus = n.kalshi_error_http_status(e);
        String x = Util.str(n.kalshi_error_exchange_code(e));
        exchangeCode = x == null ? "" : x;
        retriable = n.kalshi_error_retriable(e) != 0;
        fatal = n.kalshi_error_fatal(e) != 0;
    }

    /** Copies a borrowed error object (owned by an event); null for NULL. */
    static KalshiError borrowed(Pointer e) {
        return e == null ? null : new KalshiError(e);
    }

    /** Copies and destroys an error object returned through a kalshi_error_t ** out-parameter. */
    static KalshiError owned(PointerByReference ref) {
        Pointer e = ref == null ? null : ref.getValue();
        if (e == null) return null;
        try {
            return new KalshiError(e);
        } finally {
            Util.LIB.kalshi_error_destroy(e);
        }
    }

    public int rawCode() {
        return code;
    }

    /** The code, or null if this binding does not know it (see {@link #rawCode()}). */
    public ErrorCode code() {
        return ErrorCode.of(code);
    }

    public String name() {
        return ErrorCode.nameOf(code);
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String exchangeCode() {
        return exchangeCode;
    }

    public boolean retriable() {
        return retriable;
    }

    public boolean fatal() {
        return fatal;
    }

    @Override
    public String toString() {
        return name() + ": " + message;
    }
}
