package com.kalshi.nativeapi;

import com.sun.jna.ptr.PointerByReference;

/** Thrown by every binding call whose C function returned an error. */
public class KalshiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int rawCode;
    private final String name;
    private final transient KalshiError detail;

    public KalshiException(ErrorCode code, String message) {
        this(code.code(), message, null);
    }

    KalshiException(int code, String message, KalshiError detail) {
        super(message == null || message.isEmpty() ? ErrorCode.describe(code) : message);
        this.rawCode = code;
        this.name = ErrorCode.nameOf(code);
        this.detail = detail;
    }

    /** The code, or null if this binding does not know it (see {@link #rawCode()}). */
    public ErrorCode code() {
        return ErrorCode.of(rawCode);
    }

    public int rawCode() {
        return rawCode;
    }

    /** The C name of the code, e.g. "KALSHI_ERR_UNKNOWN_KEY". */
    public String name() {
        return name;
    }

    /** The library's error object, when it supplied one. */
    public KalshiError detail() {
        return detail;
    }

    @Override
    public String toString() {
        return name + ": " + getMessage();
    }

    static void check(int rc) {
        if (rc != 0) throw new KalshiException(rc, null, null);
    }

    /** Consumes (destroys) the error object in err whether or not rc is an error. */
    static void check(int rc, PointerByReference err) {
        KalshiError d = KalshiError.owned(err);
        if (rc != 0) throw new KalshiException(rc, d == null ? null : d.message(), d);
    }

    static void check(int rc, byte[] errstr) {
        if (rc != 0) throw new KalshiException(rc, Util.fromBuffer(errstr), null);
    }
}
