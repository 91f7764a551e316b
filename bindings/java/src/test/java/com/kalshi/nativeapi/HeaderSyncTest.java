package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The binding's declarations against the C headers of the source tree (KALSHI_SOURCE_DIR): the
 * declared version and every enum value. Catches a header change the binding has not followed. */
class HeaderSyncTest {
    static String header(String name) throws Exception {
        String dir = System.getenv("KALSHI_SOURCE_DIR");
        assertNotNull(dir, "KALSHI_SOURCE_DIR is set");
        Path p = Path.of(dir, "include", "kalshi", name);
        assertTrue(Files.exists(p), p + " exists");
        return Files.readString(p);
    }

    static Map<String, Integer> constants(String text, String prefix) {
        Map<String, Integer> m = new LinkedHashMap<>();
        Matcher x = Pattern.compile("\\b(" + prefix + "[A-Z0-9_]*)\\s*=\\s*(\\d+)").matcher(text);
        while (x.find()) m.put(x.group(1).substring(prefix.length()), Integer.parseInt(x.group(2)));
        return m;
    }

    static <E extends Enum<E>> void compare(String header, String prefix, Class<E> type, ToIntFunction<E> code, int extra)
            throws Exception {
        Map<String, Integer> c = constants(header(header), prefix);
        assertFalse(c.isEmpty(), prefix + " constants in " + header);
        for (Map.Entry<String, Integer> e : c.entrySet()) {
            E v = assertDoesNotThrow(() -> Enum.valueOf(type, e.getKey()), type.getSimpleName() + "." + e.getKey());
            assertEquals(e.getValue(), code.applyAsInt(v), prefix + e.getKey());
        }
        assertEquals(c.size() + extra, type.getEnumConstants().length, type.getSimpleName() + " has no extra constants");
    }

    @Test
    void declaredVersionMatchesVersionH() throws Exception {
        String v = header("version.h");
        for (String[] part : new String[][] {{"MAJOR", "" + Kalshi.BINDING_MAJOR}, {"MINOR", "" + Kalshi.BINDING_MINOR},
                {"PATCH", "" + Kalshi.BINDING_PATCH}}) {
            Matcher m = Pattern.compile("#define KALSHI_VERSION_" + part[0] + "\\s+(\\d+)").matcher(v);
            assertTrue(m.find(), part[0]);
            assertEquals(m.group(1), part[1], part[0]);
        }
    }

    @Test
    void namesComeFromTheLibrary() {
        for (EventType t : EventType.values()) assertEquals("KALSHI_EVENT_" + t.name(), t.cName());
        for (FixState s : FixState.values()) assertEquals("KALSHI_FIX_" + s.name(), s.cName());
        assertEquals("KALSHI_FIX_ACTIVE", Fix.stateName(FixState.ACTIVE));
    }

    @Test
    void enumsMatchHeaders() throws Exception {
        compare("error.h", "KALSHI_ERR_", ErrorCode.class, ErrorCode::code, 1); // + OK
        assertTrue(Pattern.compile("KALSHI_OK\\s*=\\s*0").matcher(header("error.h")).find());
        compare("queue.h", "KALSHI_EVENT_", EventType.class, EventType::code, 0);
        compare("queue.h", "KALSHI_LOG_", LogLevel.class, LogLevel::code, 0);
        compare("key.h", "KALSHI_KEY_", KeyType.class, KeyType::code, 0);
        compare("fix.h", "KALSHI_FIX_", FixState.class, FixState::code, 0);
        compare("fix.h", "KALSHI_PRODUCT_", Product.class, Product::code, 0);
        compare("book.h", "KALSHI_BOOK_", BookSide.class, BookSide::code, 0);
        compare("obj.h", "KALSHI_FIELD_", FieldKind.class, FieldKind::code, 0);
        compare("rest.h", "KALSHI_REST_", RestApi.class, RestApi::code, 0);
        compare("ws.h", "KALSHI_WS_", WsState.class, WsState::code, 0);
    }
}
