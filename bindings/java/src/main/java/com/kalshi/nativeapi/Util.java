package com.kalshi.nativeapi;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Library loading and string conversion. */
final class Util {
    private Util() {}

    /** The loaded library: the file named by KALSHI_LIB (or -Dkalshi.lib), else "kalshi" searched
     * on jna.library.path and the system path. */
    static final KalshiNative LIB = load();

    private static KalshiNative load() {
        String path = System.getProperty("kalshi.lib");
        if (path == null || path.isEmpty()) path = System.getenv("KALSHI_LIB");
        String name = (path == null || path.isEmpty()) ? "kalshi" : path;
        return Native.load(name, KalshiNative.class, Map.of());
    }

    /** NUL-terminated UTF-8, null for null. */
    static byte[] cstr(String s) {
        if (s == null) return null;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    /** {@link #cstr} for text the C side must see whole (names, parameters, tickers): a NUL
     * inside would silently cut it short there, so it is refused with INVALID_ARG. */
    static byte[] cstrWhole(String s, String what) {
        if (s != null && s.indexOf('\0') >= 0) throw new KalshiException(ErrorCode.INVALID_ARG, what + " contains a NUL character");
        return cstr(s);
    }

    static String str(Pointer p) {
        return p == null ? null : p.getString(0, "UTF-8");
    }

    /** Text before the first NUL of a buffer the library filled. */
    static String fromBuffer(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    interface SizedCall {
        int call(byte[] dest, KalshiNative.SizeTByReference size);
    }

    /** The size protocol of conf_get / conf_dump / key_*_pem: ask, allocate, fill. */
    static String sized(SizedCall call) {
        KalshiNative.SizeTByReference size = new KalshiNative.SizeTByReference(0);
        int rc = call.call(null, size);
        for (int attempt = 0; attempt < 8; attempt++) {
            if (rc != 0 && rc != ErrorCode.BUFFER_TOO_SMALL.code()) KalshiException.check(rc);
            int n = (int) Math.max(1, size.getValue());
            byte[] buf = new byte[n];
            size.setValue(n);
            rc = call.call(buf, size);
            if (rc == 0) return fromBuffer(buf);
        }
        KalshiException.check(rc);
        return null;
    }

    /** A C char argument (FIX Side, TimeInForce...): ASCII only; '\0' means "omit" where the C
     * API says so. */
    static byte cchar(char c) {
        if (c > 0x7f) throw new IllegalArgumentException("not an ASCII character: U+" + Integer.toHexString(c));
        return (byte) c;
    }

    /** Copies a (pointer, length) view (not NUL-terminated) into a Java string. */
    static String view(Pointer p, long len) {
        if (p == null || len <= 0) return "";
        if (len > Integer.MAX_VALUE) throw new KalshiException(ErrorCode.RANGE, "string of " + len + " bytes");
        return new String(p.getByteArray(0, (int) len), StandardCharsets.UTF_8);
    }
}
