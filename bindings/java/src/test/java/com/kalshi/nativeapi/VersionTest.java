package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void bindingVersionEqualsLibraryVersion() {
        assertEquals(Kalshi.bindingVersion(), Kalshi.versionString(), "kalshi_version_str()");
        assertEquals((Kalshi.BINDING_MAJOR << 16) | (Kalshi.BINDING_MINOR << 8) | Kalshi.BINDING_PATCH,
                Kalshi.versionNumber(), "kalshi_version()");
        assertEquals(Kalshi.BINDING_MAJOR, Kalshi.major());
        assertEquals(Kalshi.BINDING_MINOR, Kalshi.minor());
        assertEquals(Kalshi.BINDING_PATCH, Kalshi.patch());
        assertTrue(Kalshi.isCompatible());
    }

    @Test
    void artifactVersionEqualsBindingVersion() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Kalshi.class.getResourceAsStream("binding.properties")) {
            assertNotNull(in, "binding.properties is packaged");
            p.load(in);
        }
        assertEquals(Kalshi.bindingVersion(), p.getProperty("version"), "pom version");
    }

    @Test
    void pkgConfigDescribesTheSameLibrary() throws Exception {
        TestSupport.Result r = TestSupport.run(List.of("pkg-config", "--modversion", "kalshi"));
        assertEquals(0, r.exit(), "pkg-config --modversion kalshi: " + r.output());
        assertEquals(Kalshi.versionString(), r.output());
    }
}
