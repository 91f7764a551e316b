package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** An RSA or Ed25519 private key. The key material stays in native memory and is wiped when
 * the key is closed (or cleaned). */
public final class Key extends NativeHandle {
    private Key(Pointer p) {
        super(p, Util.LIB::kalshi_key_destroy);
    }

    private interface Loader {
        int load(PointerByReference out, PointerByReference err);
    }

    private static Key load(Loader l) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        int rc = l.load(out, err);
        if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_key_destroy(out.getValue());
        KalshiException.check(rc, err);
        return new Key(out.getValue());
    }

    /** PKCS#1, PKCS#8 or encrypted PKCS#8 PEM text; passphrase may be null. */
    public static Key loadPem(String pem, String passphrase) {
        byte[] b = Util.cstr(Objects.requireNonNull(pem, "pem"));
        byte[] pw = Util.cstr(passphrase);
        try {
            return load((out, err) -> Util.LIB.kalshi_key_load_pem(b, new KalshiNative.SizeT(b.length - 1), pw, out, err));
        } finally {
            Arrays.fill(b, (byte) 0);
            if (pw != null) Arrays.fill(pw, (byte) 0);
        }
    }

    public static Key loadPem(String pem) {
        return loadPem(pem, null);
    }

    public static Key loadFile(String path, String passphrase) {
        byte[] p = Util.cstr(Objects.requireNonNull(path, "path"));
        byte[] pw = Util.cstr(passphrase);
        try {
            return load((out, err) -> Util.LIB.kalshi_key_load_file(p, pw, out, err));
        } finally {
            if (pw != null) Arrays.fill(pw, (byte) 0);
        }
    }

    public static Key loadFile(String path) {
        return loadFile(path, null);
    }

    /** From KALSHI_PRIVATE_KEY / _PATH / _PASSPHRASE (KALSHI_PERPS_* when perps). */
    public static Key loadEnv(boolean perps) {
        return load((out, err) -> Util.LIB.kalshi_key_load_env(perps ? 1 : 0, out, err));
    }

    /** A fresh key: RSA with bits (2048..8192; 0 = 2048) or Ed25519 (bits ignored). */
    public static Key generate(KeyType type, int bits) {
        return load((out, err) -> Util.LIB.kalshi_key_generate(type.code(), bits, out, err));
    }

    public static Key generate(KeyType type) {
        return generate(type, 0);
    }

    public KeyType type() {
        Pointer k = acquire();
        try {
            return KeyType.of(Util.LIB.kalshi_key_type(k));
        } finally {
            release();
        }
    }

    public int bits() {
        Pointer k = acquire();
        try {
            return Util.LIB.kalshi_key_bits(k);
        } finally {
            release();
        }
    }

    public int signatureSize() {
        Pointer k = acquire();
        try {
            return (int) Util.LIB.kalshi_key_signature_size(k).longValue();
        } finally {
            release();
        }
    }

    /** SubjectPublicKeyInfo PEM, the form Kalshi registers. */
    public String publicPem() {
        Pointer k = acquire();
        try {
            return Util.sized((buf, len) -> Util.LIB.kalshi_key_public_pem(k, buf, len));
        } finally {
            release();
        }
    }

    /** Unencrypted PKCS#8 PEM. A secret. */
    public String privatePem() {
        Pointer k = acquire();
        try {
            return Util.sized((buf, len) -> Util.LIB.kalshi_key_private_pem(k, buf, len));
        } finally {
            release();
        }
    }

    /** Raw signature of msg: RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) or Ed25519. */
    public byte[] sign(byte[] msg) {
        Objects.requireNonNull(msg, "msg");
        int cap = Math.max(signatureSize(), 1);
        byte[] sig = new byte[cap];
        KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference(cap);
        PointerByReference err = new PointerByReference();
        Pointer k = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_key_sign(k, msg, new KalshiNative.SizeT(msg.length), sig, len, err), err);
        } finally {
            release();
        }
        return Arrays.copyOf(sig, (int) len.getValue());
    }

    private interface SignCall {
        int call(Pointer key, byte[] buf, KalshiNative.SizeTByReference len, PointerByReference err);
    }

    private String base64Call(SignCall call) {
        int cap = (Math.max(signatureSize(), 64) + 2) / 3 * 4 + 1;
        for (int attempt = 0; attempt < 4; attempt++) {
            byte[] buf = new byte[cap];
            KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference(cap);
            PointerByReference err = new PointerByReference();
            int rc;
            Pointer k = acquire();
            try {
                rc = call.call(k, buf, len, err);
            } finally {
                release();
            }
            if (rc == ErrorCode.BUFFER_TOO_SMALL.code()) {
                KalshiError.owned(err);
                cap = (int) Math.max(cap * 2L, len.getValue() + 1);
                continue;
            }
            KalshiException.check(rc, err);
            return new String(buf, 0, (int) len.getValue(), StandardCharsets.US_ASCII);
        }
        throw new KalshiException(ErrorCode.BUFFER_TOO_SMALL, null);
    }

    /** KALSHI-ACCESS-SIGNATURE: base64 signature of timestamp + METHOD + path (cut at '?'). */
    public String signRest(long timestampMs, String method, String path) {
        byte[] m = Util.cstr(Objects.requireNonNull(method, "method"));
        byte[] p = Util.cstr(Objects.requireNonNull(path, "path"));
        return base64Call((k, buf, len, err) -> Util.LIB.kalshi_sign_rest(k, timestampMs, m, p, buf, len, err));
    }

    /** RawData (96) of a FIX Logon: base64 RSA-PSS signature of
     * SendingTime SOH "A" SOH MsgSeqNum SOH SenderCompID SOH TargetCompID. RSA keys only. */
    public String signFixLogon(String sendingTime, long msgSeqNum, String senderCompId, String targetCompId) {
        byte[] st = Util.cstr(Objects.requireNonNull(sendingTime, "sendingTime"));
        byte[] s = Util.cstr(Objects.requireNonNull(senderCompId, "senderCompId"));
        byte[] t = Util.cstr(Objects.requireNonNull(targetCompId, "targetCompId"));
        return base64Call((k, buf, len, err) -> Util.LIB.kalshi_sign_fix_logon(k, st, msgSeqNum, s, t, buf, len, err));
    }
}
