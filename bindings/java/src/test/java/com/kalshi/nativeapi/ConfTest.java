package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConfTest {
    @Test
    void setGetRoundTrip() {
        try (Conf c = new Conf()) {
            assertEquals("thread", c.get("client.mode"), "default");
            c.set("client.mode", "caller");
            assertEquals("caller", c.get("client.mode"));
            c.set("client.close_timeout_ms", "1234");
            assertEquals("1234", c.get("client.close_timeout_ms"));
            c.set("client.mode", null);
            assertEquals("thread", c.get("client.mode"), "null resets to the default");
        }
    }

    @Test
    void unknownKeyAndInvalidValueAreDistinct() {
        try (Conf c = new Conf()) {
            KalshiException unknown = DecimalTest.fails(ErrorCode.UNKNOWN_KEY, () -> c.set("client.no_such_property", "1"));
            KalshiException invalid = DecimalTest.fails(ErrorCode.INVALID_VALUE, () -> c.set("client.mode", "sideways"));
            assertEquals("KALSHI_ERR_UNKNOWN_KEY", unknown.name());
            assertEquals("KALSHI_ERR_INVALID_VALUE", invalid.name());
            assertNotEquals(unknown.code(), invalid.code());
            assertTrue(unknown.getMessage().contains("client.no_such_property"), "errstr surfaced: " + unknown.getMessage());
            assertTrue(invalid.getMessage().contains("client.mode") || invalid.getMessage().contains("sideways"),
                    "errstr surfaced: " + invalid.getMessage());
            assertNotEquals(unknown.getMessage(), invalid.getMessage());
            DecimalTest.fails(ErrorCode.INVALID_VALUE, () -> c.set("rest.port", "70000"));
            DecimalTest.fails(ErrorCode.INVALID_VALUE, () -> c.set("rest.port", "12x"));
            DecimalTest.fails(ErrorCode.UNKNOWN_KEY, () -> c.get("client.no_such_property"));
            assertEquals("thread", c.get("client.mode"), "a failed set leaves the value");
        }
    }

    @Test
    void dupIsIndependent() {
        try (Conf a = new Conf().set("log.level", "debug")) {
            try (Conf b = a.dup()) {
                assertEquals("debug", b.get("log.level"));
                b.set("log.level", "error");
                assertEquals("debug", a.get("log.level"));
                assertEquals("error", b.get("log.level"));
            }
            assertEquals("debug", a.get("log.level"));
        }
    }

    @Test
    void dumpListsPropertiesAndRedactsSecrets() {
        try (Conf c = new Conf().set("client.mode", "caller").set("auth.private_key_passphrase", "hunter2-secret")) {
            String dump = c.dump();
            assertTrue(dump.contains("client.mode=caller\n"), dump);
            assertFalse(dump.contains("hunter2-secret"), "never prints a secret");
            assertEquals("[redacted]", c.get("auth.private_key_passphrase"));
            for (String line : dump.split("\n")) {
                int eq = line.indexOf('=');
                assertTrue(eq > 0, line);
                assertEquals(line.substring(eq + 1), c.get(line.substring(0, eq)), "dump agrees with get: " + line);
            }
        }
    }

    @Test
    void closedConfRefusesCalls() {
        Conf c = new Conf();
        c.close();
        c.close(); // idempotent
        DecimalTest.fails(ErrorCode.CLOSED, () -> c.get("client.mode"));
    }

    @Test
    void fromEnv() {
        String id = UUID.randomUUID().toString();
        try {
            TestSupport.setEnv("KALSHI_DEMO", "1");
            TestSupport.setEnv("KALSHI_KEY_ID", id);
            try (Conf c = new Conf()) {
                assertEquals("production", c.get("env"));
                c.fromEnv();
                assertEquals("demo", c.get("env"));
                assertEquals(id, c.get("auth.key_id"));
            }
            TestSupport.setEnv("KALSHI_DEMO", "perhaps");
            try (Conf c = new Conf()) {
                KalshiException e = DecimalTest.fails(ErrorCode.INVALID_VALUE, c::fromEnv);
                assertTrue(e.getMessage().contains("KALSHI_DEMO"), e.getMessage());
            }
        } finally {
            TestSupport.setEnv("KALSHI_DEMO", null);
            TestSupport.setEnv("KALSHI_KEY_ID", null);
        }
    }
}
