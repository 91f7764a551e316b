package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalTest {
    static KalshiException fails(ErrorCode code, org.junit.jupiter.api.function.Executable ex) {
        KalshiException e = assertThrows(KalshiException.class, ex);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void priceParseExact() {
        assertEquals(560000L, Price.parse("0.5600").raw());
        assertEquals(100L, Price.parse("0.0001").raw());
        assertEquals(1L, Price.parse("0.000001").raw());
        assertEquals(-1500000L, Price.parse("-1.5").raw());
        assertEquals(100000L, Price.parse("0.1000000000").raw(), "trailing zeros beyond the scale");
        assertEquals(Long.MAX_VALUE, Price.parse("9223372036854.775807").raw());
        assertEquals(42_000_000L, Price.parse("42").raw());
    }

    @Test
    void priceParseRejects() {
        for (String s : new String[] {"", "+1", " 1", "1 ", "1e3", "1.", ".5", "abc", "1.2.3", "--1"})
            fails(ErrorCode.PARSE, () -> Price.parse(s));
        fails(ErrorCode.INEXACT, () -> Price.parse("0.0000001"));
        fails(ErrorCode.INEXACT, () -> Price.parse("0.00000010"));
        fails(ErrorCode.RANGE, () -> Price.parse("9223372036854.775808"));
        fails(ErrorCode.RANGE, () -> Price.parse("99999999999999999999"));
    }

    @Test
    void priceFormat() {
        assertEquals("0.56", new Price(560000).format(2));
        assertEquals("0.5600", new Price(560000).format(4));
        assertEquals("0.56", new Price(560000).toString());
        assertEquals("-0.000001", new Price(-1).format(2));
        assertEquals("0", new Price(0).format(0));
        assertEquals("9223372036854.775807", new Price(Long.MAX_VALUE).toString());
        assertEquals("-9223372036854.775808", new Price(Long.MIN_VALUE).toString());
    }

    @Test
    void priceRoundTripAgainstBigDecimal() {
        // An independent oracle: java.math.BigDecimal.
        Random rng = new Random(12345);
        for (int i = 0; i < 2000; i++) {
            long raw = rng.nextLong() >> rng.nextInt(60);
            Price p = new Price(raw);
            String six = p.format(6);
            assertEquals(BigDecimal.valueOf(raw, 6).toPlainString(), six, "format " + raw);
            assertEquals(raw, Price.parse(six).raw(), "round trip " + six);
            assertEquals(raw, Price.parse(p.toString()).raw(), "round trip trimmed " + p);
            assertEquals(0, BigDecimal.valueOf(raw, 6).compareTo(new BigDecimal(p.toString())), "trimmed value " + p);
            assertEquals(BigDecimal.valueOf(raw, 6), p.toBigDecimal());
        }
    }

    @Test
    void centsAndCenticents() {
        assertEquals(560000L, Price.fromCents(56).raw());
        assertEquals(560100L, Price.fromCenticents(5601).raw());
        assertEquals(56L, new Price(560000).toCents());
        assertEquals(5601L, new Price(560100).toCenticents());
        fails(ErrorCode.INEXACT, () -> new Price(560100).toCents());
        fails(ErrorCode.INEXACT, () -> new Price(1).toCenticents());
        fails(ErrorCode.RANGE, () -> Price.fromCents(Long.MAX_VALUE / 100));
    }

    @Test
    void counts() {
        assertEquals(1050L, Count.parse("10.5").raw());
        assertEquals(1L, Count.parse("0.01").raw());
        assertEquals(-200L, Count.parse("-2").raw());
        fails(ErrorCode.INEXACT, () -> Count.parse("0.001"));
        fails(ErrorCode.PARSE, () -> Count.parse("1e2"));
        fails(ErrorCode.RANGE, () -> Count.parse("92233720368547758.08"));
        assertEquals(Long.MAX_VALUE, Count.parse("92233720368547758.07").raw());
        assertEquals("10.5", new Count(1050).toString());
        assertEquals("10.50", new Count(1050).format(2));
        assertEquals(new BigDecimal("10.50"), new Count(1050).toBigDecimal());
    }
}
