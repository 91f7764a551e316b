package com.kalshi.nativeapi;

import com.sun.jna.ptr.LongByReference;
import java.math.BigDecimal;

/** A price in dollars, stored exactly as dollars x 1,000,000 (kalshi_price_t). Immutable. */
public record Price(long raw) implements Comparable<Price> {
    public static final long SCALE = 1_000_000L;
    public static final int DECIMALS = 6;

    /** Exact parse: "0.5600" is 560000. Throws PARSE, INEXACT or RANGE. */
    public static Price parse(String s) {
        byte[] b = Util.cstr(java.util.Objects.requireNonNull(s));
        LongByReference out = new LongByReference();
        KalshiException.check(Util.LIB.kalshi_price_parse(b, new KalshiNative.SizeT(b.length - 1), out));
        return new Price(out.getValue());
    }

    public static Price fromCents(long cents) {
        LongByReference out = new LongByReference();
        KalshiException.check(Util.LIB.kalshi_price_from_cents(cents, out));
        return new Price(out.getValue());
    }

    public static Price fromCenticents(long centicents) {
        LongByReference out = new LongByReference();
        KalshiException.check(Util.LIB.kalshi_price_from_centicents(centicents, out));
        return new Price(out.getValue());
    }

    public long toCents() {
        LongByReference out = new LongByReference();
        KalshiException.check(Util.LIB.kalshi_price_to_cents(raw, out));
        return out.getValue();
    }

    public long toCenticents() {
        LongByReference out = new LongByReference();
        KalshiException.check(Util.LIB.kalshi_price_to_centicents(raw, out));
        return out.getValue();
    }

    /** Exact. */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(raw, DECIMALS);
    }

    /** At least minDecimals places (0..6), further trailing zeros trimmed. */
    public String format(int minDecimals) {
        return Decimals.format(raw, minDecimals, true);
    }

    @Override
    public String toString() {
        return format(0);
    }

    @Override
    public int compareTo(Price o) {
        return Long.compare(raw, o.raw);
    }
}
