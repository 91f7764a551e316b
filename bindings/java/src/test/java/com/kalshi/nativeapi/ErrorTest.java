package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorTest {
    @Test
    void enumMatchesLibraryTable() {
        int[] lib = ErrorCode.libraryCodes();
        assertTrue(lib.length >= 30, "at least the 30 codes of error.h: " + lib.length);
        assertEquals(lib.length, Arrays.stream(lib).distinct().count(), "unique");
        for (int c : lib) assertNotNull(ErrorCode.of(c), "binding knows library code " + c + " " + ErrorCode.nameOf(c));
        Set<Integer> libSet = new HashSet<>();
        for (int c : lib) libSet.add(c);
        for (ErrorCode c : ErrorCode.values()) assertTrue(libSet.contains(c.code()), "library knows " + c);
    }

    @Test
    void namesFollowTheEnumAndStringsAreDistinct() {
        Set<String> descs = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            String expected = c == ErrorCode.OK ? "KALSHI_OK" : "KALSHI_ERR_" + c.name();
            assertEquals(expected, c.cName());
            assertFalse(c.describe().isEmpty(), "description of " + c);
            assertTrue(descs.add(c.describe()), "distinct description of " + c);
        }
        assertEquals("KALSHI_ERR_UNKNOWN_CODE", ErrorCode.nameOf(99999));
        assertNull(ErrorCode.of(99999));
    }

    @Test
    void exceptionCarriesCodeNameMessage() {
        KalshiException e = new KalshiException(ErrorCode.TIMEOUT, "took too long");
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertEquals(8, e.rawCode());
        assertEquals("KALSHI_ERR_TIMEOUT", e.name());
        assertEquals("took too long", e.getMessage());
        assertEquals(ErrorCode.RANGE.describe(), new KalshiException(ErrorCode.RANGE, null).getMessage());
    }
}
