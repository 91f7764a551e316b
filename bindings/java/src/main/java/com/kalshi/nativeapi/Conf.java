package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import java.util.Objects;

/** Configuration (conf.h): string properties, validated when set. */
public final class Conf extends NativeHandle {
    private static final int ERRSTR = 512;

    public Conf() {
        this(created(Util.LIB.kalshi_conf_new()));
    }

    private Conf(Pointer p) {
        super(p, Util.LIB::kalshi_conf_destroy);
    }

    private static Pointer created(Pointer p) {
        if (p == null) throw new KalshiException(ErrorCode.NO_MEMORY, null);
        return p;
    }

    /** An independent copy (kalshi_conf_dup). */
    public Conf dup() {
        Pointer p = acquire();
        try {
            return new Conf(created(Util.LIB.kalshi_conf_dup(p)));
        } finally {
            release();
        }
    }

    /** Sets a property; null resets it to its default. Throws UNKNOWN_KEY or INVALID_VALUE with
     * the library's message. */
    public Conf set(String key, String value) {
        byte[] k = Util.cstr(Objects.requireNonNull(key, "key"));
        byte[] err = new byte[ERRSTR];
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_conf_set(p, k, Util.cstr(value), err, new KalshiNative.SizeT(err.length)), err);
        } finally {
            release();
        }
        return this;
    }

    /** The effective value (explicit, else default). Secrets read back "[redacted]". */
    public String get(String key) {
        byte[] k = Util.cstr(Objects.requireNonNull(key, "key"));
        Pointer p = acquire();
        try {
            return Util.sized((dest, size) -> Util.LIB.kalshi_conf_get(p, k, dest, size));
        } finally {
            release();
        }
    }

    /** Every property as "key=value\n" lines, secrets redacted. */
    public String dump() {
        Pointer p = acquire();
        try {
            return Util.sized((dest, size) -> Util.LIB.kalshi_conf_dump(p, dest, size));
        } finally {
            release();
        }
    }

    /** Applies the KALSHI_* environment variables (kalshi_conf_from_env). */
    public Conf fromEnv() {
        byte[] err = new byte[ERRSTR];
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_conf_from_env(p, err, new KalshiNative.SizeT(err.length)), err);
        } finally {
            release();
        }
        return this;
    }

    Pointer acquireForClient() {
        return acquire();
    }

    void releaseForClient() {
        release();
    }
}
