package com.kalshi.nativeapi;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every signature made through the binding is verified by the JDK's own java.security
 * implementation, which shares nothing with the library's mbedTLS / libsodium. */
class KeyTest {
    private static final long TS = 1703123456789L;
    private static Key rsa;

    @BeforeAll
    static void generate() {
        rsa = Key.generate(KeyType.RSA);
    }

    @AfterAll
    static void destroy() {
        rsa.close();
    }

    static PublicKey jdkPublicKey(String pem, String alg) throws Exception {
        String b64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static boolean jdkVerifyPss(String publicPem, byte[] msg, byte[] sig) throws Exception {
        Signature v = Signature.getInstance("RSASSA-PSS");
        v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        v.initVerify(jdkPublicKey(publicPem, "RSA"));
        v.update(msg);
        return v.verify(sig);
    }

    static boolean jdkVerifyEd25519(String publicPem, byte[] msg, byte[] sig) throws Exception {
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(jdkPublicKey(publicPem, "Ed25519"));
        v.update(msg);
        return v.verify(sig);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void generateRsa() {
        assertEquals(KeyType.RSA, rsa.type());
        assertEquals(2048, rsa.bits());
        assertEquals(256, rsa.signatureSize());
        assertTrue(rsa.publicPem().startsWith("-----BEGIN PUBLIC KEY-----"), rsa.publicPem());
    }

    @Test
    void restSignatureVerifiesWithJdkPss() throws Exception {
        String path = "/trade-api/v2/portfolio/balance";
        byte[] sig = Base64.getDecoder().decode(rsa.signRest(TS, "GET", path));
        assertEquals(256, sig.length);
        String pub = rsa.publicPem();
        assertTrue(jdkVerifyPss(pub, ascii("1703123456789GET" + path), sig), "JDK RSASSA-PSS verifies");
        assertFalse(jdkVerifyPss(pub, ascii("1703123456789POST" + path), sig), "other method fails");
        assertFalse(jdkVerifyPss(pub, ascii("1703123456780GET" + path), sig), "other timestamp fails");
        try (Key other = Key.generate(KeyType.RSA)) {
            assertFalse(jdkVerifyPss(other.publicPem(), ascii("1703123456789GET" + path), sig), "other key fails");
        }
    }

    @Test
    void restSignatureIgnoresQuery() throws Exception {
        byte[] sig = Base64.getDecoder().decode(rsa.signRest(TS, "GET", "/trade-api/v2/portfolio/orders?limit=5&status=resting"));
        assertTrue(jdkVerifyPss(rsa.publicPem(), ascii("1703123456789GET/trade-api/v2/portfolio/orders"), sig));
    }

    @Test
    void restSignatureRejectsBadInput() {
        DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rsa.signRest(TS, "get", "/trade-api/v2/x"));
        DecimalTest.fails(ErrorCode.INVALID_ARG, () -> rsa.signRest(TS, "GET", "trade-api/v2/x"));
    }

    @Test
    void fixLogonSignatureVerifiesWithJdk() throws Exception {
        byte[] sig = Base64.getDecoder().decode(rsa.signFixLogon("20240101-12:34:56.789", 1, "MY-SENDER", "KalshiNR"));
        String msg = "20240101-12:34:56.789\u0001A\u00011\u0001MY-SENDER\u0001KalshiNR";
        assertTrue(jdkVerifyPss(rsa.publicPem(), ascii(msg), sig));
        assertFalse(jdkVerifyPss(rsa.publicPem(), ascii(msg.replace("\u00011\u0001", "\u00012\u0001")), sig));
    }

    @Test
    void rawSignVerifiesWithJdk() throws Exception {
        byte[] msg = "bytes \u00e9\u0000 with a NUL".getBytes(StandardCharsets.UTF_8);
        byte[] sig = rsa.sign(msg);
        assertEquals(rsa.signatureSize(), sig.length);
        assertTrue(jdkVerifyPss(rsa.publicPem(), msg, sig));
    }

    @Test
    void ed25519SignsRestButNotFix() throws Exception {
        try (Key k = Key.generate(KeyType.ED25519)) {
            assertEquals(KeyType.ED25519, k.type());
            assertEquals(256, k.bits());
            assertEquals(64, k.signatureSize());
            String path = "/trade-api/v2/portfolio/balance";
            byte[] sig = Base64.getDecoder().decode(k.signRest(TS, "GET", path));
            assertTrue(jdkVerifyEd25519(k.publicPem(), ascii("1703123456789GET" + path), sig), "JDK Ed25519 verifies");
            assertFalse(jdkVerifyEd25519(k.publicPem(), ascii("1703123456789PUT" + path), sig));
            DecimalTest.fails(ErrorCode.KEY_UNSUPPORTED, () -> k.signFixLogon("20240101-12:34:56.789", 1, "S", "T"));
        }
    }

    @Test
    void jdkGeneratedKeysLoadAndSign() throws Exception {
        // Keys from an independent generator: the JDK's PKCS#8 encoding.
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072);
        KeyPair kp = g.generateKeyPair();
        try (Key k = Key.loadPem(pem("PRIVATE KEY", kp.getPrivate().getEncoded()))) {
            assertEquals(3072, k.bits());
            assertEquals(384, k.signatureSize());
            assertEquals(jdkPublicKey(pem("PUBLIC KEY", kp.getPublic().getEncoded()), "RSA"), jdkPublicKey(k.publicPem(), "RSA"),
                    "same public key as the JDK's");
            byte[] sig = Base64.getDecoder().decode(k.signRest(TS, "DELETE", "/trade-api/v2/portfolio/orders/abc"));
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            v.initVerify(kp.getPublic());
            v.update(ascii("1703123456789DELETE/trade-api/v2/portfolio/orders/abc"));
            assertTrue(v.verify(sig));
        }
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (Key k = Key.loadPem(pem("PRIVATE KEY", ed.getPrivate().getEncoded()))) {
            assertEquals(KeyType.ED25519, k.type());
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(ed.getPublic());
            v.update(ascii("1703123456789GET/trade-api/v2/markets"));
            assertTrue(v.verify(Base64.getDecoder().decode(k.signRest(TS, "GET", "/trade-api/v2/markets"))));
        }
        KeyPairGenerator ecg = KeyPairGenerator.getInstance("EC");
        ecg.initialize(256);
        KeyPair ec = ecg.generateKeyPair();
        DecimalTest.fails(ErrorCode.KEY_UNSUPPORTED, () -> Key.loadPem(pem("PRIVATE KEY", ec.getPrivate().getEncoded())));
        DecimalTest.fails(ErrorCode.KEY_PUBLIC, () -> Key.loadPem(pem("PUBLIC KEY", kp.getPublic().getEncoded())));
    }

    @Test
    void privatePemRoundTripThroughPemFileAndEnv(@TempDir Path dir) throws Exception {
        String priv = rsa.privatePem();
        assertTrue(priv.startsWith("-----BEGIN RSA PRIVATE KEY-----"), "RSA as PKCS#1, as Kalshi issues it");
        try (Key k = Key.loadPem(priv)) {
            assertEquals(rsa.publicPem(), k.publicPem());
        }
        Path file = dir.resolve("key.pem");
        Files.writeString(file, priv);
        try (Key k = Key.loadFile(file.toString())) {
            assertEquals(rsa.publicPem(), k.publicPem());
        }
        try {
            TestSupport.setEnv("KALSHI_PRIVATE_KEY", null);
            TestSupport.setEnv("KALSHI_PRIVATE_KEY_PATH", file.toString());
            try (Key k = Key.loadEnv(false)) {
                assertEquals(rsa.publicPem(), k.publicPem());
            }
        } finally {
            TestSupport.setEnv("KALSHI_PRIVATE_KEY_PATH", null);
        }
    }

    @Test
    void encryptedPkcs8FromOpenssl(@TempDir Path dir) throws Exception {
        Path enc = dir.resolve("enc.pem");
        TestSupport.Result r = TestSupport.run(List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-aes-256-cbc", "-pass", "pass:open-sesame", "-out", enc.toString()));
        assertEquals(0, r.exit(), r.output());
        try (Key k = Key.loadFile(enc.toString(), "open-sesame")) {
            assertEquals(KeyType.RSA, k.type());
        }
        KalshiException wrong = DecimalTest.fails(ErrorCode.KEY_PASSPHRASE, () -> Key.loadFile(enc.toString(), "wrong"));
        assertFalse(wrong.getMessage().isEmpty());
        DecimalTest.fails(ErrorCode.KEY_PASSPHRASE, () -> Key.loadPem(Files.readString(enc)));
    }

    @Test
    void loadErrorsCarryDetail() {
        KalshiException e = DecimalTest.fails(ErrorCode.KEY_FORMAT, () -> Key.loadPem("this is not a key"));
        assertEquals("KALSHI_ERR_KEY_FORMAT", e.name());
        assertNotNull(e.detail(), "error object");
        assertEquals(ErrorCode.KEY_FORMAT, e.detail().code());
        assertFalse(e.getMessage().isEmpty());
        DecimalTest.fails(ErrorCode.IO, () -> Key.loadFile("/nonexistent/kalshi/key.pem"));
        DecimalTest.fails(ErrorCode.INVALID_ARG, () -> Key.generate(KeyType.RSA, 1024));
        TestSupport.setEnv("KALSHI_PRIVATE_KEY", null);
        TestSupport.setEnv("KALSHI_PRIVATE_KEY_PATH", null);
        DecimalTest.fails(ErrorCode.INVALID_ARG, () -> Key.loadEnv(false));
    }

    @Test
    void closedKeyRefusesCalls() {
        Key k = Key.generate(KeyType.ED25519);
        k.close();
        DecimalTest.fails(ErrorCode.CLOSED, () -> k.signRest(TS, "GET", "/trade-api/v2/x"));
    }
}
