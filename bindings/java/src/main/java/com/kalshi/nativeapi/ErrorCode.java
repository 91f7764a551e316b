package com.kalshi.nativeapi;

/** kalshi_err_t (error.h). Append-only: codes never change. */
public enum ErrorCode {
    OK(0),
    INVALID_ARG(1),
    UNKNOWN_KEY(2),
    INVALID_VALUE(3),
    NO_MEMORY(4),
    CLOSED(5),
    WRONG_THREAD(6),
    WRONG_MODE(7),
    TIMEOUT(8),
    BUFFER_TOO_SMALL(9),
    PARSE(10),
    RANGE(11),
    INEXACT(12),
    IO(13),
    KEY_FORMAT(14),
    KEY_PASSPHRASE(15),
    KEY_UNSUPPORTED(16),
    KEY_PUBLIC(17),
    CRYPTO(18),
    DNS(19),
    CONNECT(20),
    DISCONNECTED(21),
    TLS(22),
    TLS_UNTRUSTED(23),
    TLS_HOSTNAME(24),
    TLS_PIN(25),
    HOST_NOT_ALLOWED(26),
    STATE(27),
    NOT_SUPPORTED(28),
    INTERNAL(29),
    PROTOCOL(30),
    REJECTED(31),
    NOT_FOUND(32),
    SEQUENCE_GAP(33),
    /** HTTP 400: the exchange refused the request's content. */
    BAD_REQUEST(34),
    /** HTTP 401/403: credentials or signature refused. */
    UNAUTHORIZED(35),
    /** HTTP 409: conflicts with the current state. */
    CONFLICT(36),
    /** HTTP 429, or the client-side limiter in fail-fast mode. */
    RATE_LIMITED(37),
    /** HTTP 5xx: the exchange failed. */
    SERVER(38),
    /** A bounded queue overflowed and data was dropped. */
    OVERFLOW(39);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a C code, or null when this binding does not know it. */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) if (c.code == code) return c;
        return null;
    }

    /** "KALSHI_ERR_TIMEOUT" etc., from the library (kalshi_err_name). */
    public String cName() {
        return nameOf(code);
    }

    /** One-line English description from the library (kalshi_err_str). */
    public String describe() {
        return describe(code);
    }

    public static String nameOf(int code) {
        return Util.str(Util.LIB.kalshi_err_name(code));
    }

    public static String describe(int code) {
        return Util.str(Util.LIB.kalshi_err_str(code));
    }

    /** Every code the loaded library knows (kalshi_err_codes). */
    public static int[] libraryCodes() {
        int n = (int) Util.LIB.kalshi_err_codes(null, new KalshiNative.SizeT(0)).longValue();
        int[] out = new int[n];
        int got = (int) Util.LIB.kalshi_err_codes(out, new KalshiNative.SizeT(n)).longValue();
        return got < n ? java.util.Arrays.copyOf(out, got) : out;
    }
}
