package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;
import java.util.Objects;

/**
 * Path and query parameters of one REST call (kalshi_rest_params_t, rest.h), by their spec names;
 * an array parameter takes a comma-separated list. A call copies them, so one RestParams can be
 * changed and reused for the next call. Validation against the operation happens at the call
 * ({@link Rest#call}), which names the offending parameter. Not thread-safe: fill it from one
 * thread at a time.
 */
public final class RestParams extends NativeHandle {
    public RestParams() {
        super(create(), Util.LIB::kalshi_rest_params_destroy);
    }

    private static Pointer create() {
        PointerByReference out = new PointerByReference();
        KalshiException.check(Util.LIB.kalshi_rest_params_new(out));
        return out.getValue();
    }

    /** Parameters from a map (iteration order), e.g. {@code RestParams.of(Map.of("limit", "3"))}. */
    public static RestParams of(Map<String, String> params) {
        RestParams p = new RestParams();
        try {
            for (Map.Entry<String, String> e : params.entrySet()) p.set(e.getKey(), e.getValue());
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Sets (or replaces) a parameter. INVALID_ARG for a NUL character in the name or value. */
    public RestParams set(String name, String value) {
        byte[] n = Util.cstrWhole(Objects.requireNonNull(name, "name"), "parameter name");
        byte[] v = Util.cstrWhole(Objects.requireNonNull(value, "value"), "parameter " + name);
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_rest_params_set(p, n, v));
        } finally {
            release();
        }
        return this;
    }

    /** Removes every parameter. */
    public RestParams clear() {
        Pointer p = acquire();
        try {
            Util.LIB.kalshi_rest_params_clear(p);
        } finally {
            release();
        }
        return this;
    }

    Pointer acquireForCall() {
        return acquire();
    }

    void releaseForCall() {
        release();
    }
}
