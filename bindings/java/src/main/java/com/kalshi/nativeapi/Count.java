package com.kalshi.nativeapi;

import com.sun.jna.ptr.LongByReference;
import java.math.BigDecimal;

/** A number of contracts, stored exactly as contracts x 100 (kalshi_count_t). Immutable. */
public record Count(long raw) implements Comparable<Count> {
    public static final long SCALE = 100L;
    public static final int DECIMALS = 2;

    public static Count parse(String s) {
        byte[] b = Util.cstr(java.util.Objects.requireNonNull(s));
        LongByReference out = new LongByReference();
        KalshiException.check(Util.LIB.kalshi_count_parse(b, new KalshiNative.SizeT(b.length - 1), out));
        return new Count(out.getValue());
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(raw, DECIMALS);
    }

    public String format(int minDecimals) {
        return Decimals.format(raw, minDecimals, false);
    }

    @Override
    public String toString() {
        return format(0);
    }

    @Override
    public int compareTo(Count o) {
        return Long.compare(raw, o.raw);
    }
}
