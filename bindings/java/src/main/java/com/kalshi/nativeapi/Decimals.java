package com.kalshi.nativeapi;

import java.nio.charset.StandardCharsets;

final class Decimals {
    private Decimals() {}

    private static final int STRLEN = 32; // KALSHI_DECIMAL_STRLEN

    static String format(long raw, int minDecimals, boolean price) {
        byte[] buf = new byte[STRLEN];
        KalshiNative.SizeTByReference written = new KalshiNative.SizeTByReference();
        KalshiNative.SizeT cap = new KalshiNative.SizeT(buf.length);
        int rc = price
                ? Util.LIB.kalshi_price_format(raw, minDecimals, buf, cap, written)
                : Util.LIB.kalshi_count_format(raw, minDecimals, buf, cap, written);
        KalshiException.check(rc);
        return new String(buf, 0, (int) written.getValue(), StandardCharsets.US_ASCII);
    }
}
