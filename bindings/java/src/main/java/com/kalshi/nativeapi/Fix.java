package com.kalshi.nativeapi;

import com.sun.jna.ptr.PointerByReference;
import java.util.Objects;

/** FIX helpers that need no session (fix.h). Sessions: {@link Client#openFixSession}. */
public final class Fix {
    private Fix() {}

    /**
     * Decodes one whole exchange-to-client message (8= .. 10=, e.g. from a log or a capture) into a
     * FIX_MESSAGE {@link Event} owned by the caller, exactly as a session would deliver it
     * (kalshi_fix_decode). useDollars is the session's UseDollars (prices are cents otherwise, on
     * prediction). Throws {@link ErrorCode#PROTOCOL} for bad framing or a value that does not
     * decode.
     */
    public static Event decode(byte[] frame, Product product, boolean useDollars) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(product, "product");
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        byte[] buf = frame.length == 0 ? new byte[1] : frame;
        int rc = Util.LIB.kalshi_fix_decode(buf, new KalshiNative.SizeT(frame.length), product.code(), useDollars ? 1 : 0, out, err);
        if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_event_destroy(out.getValue());
        KalshiException.check(rc, err);
        return new Event(out.getValue());
    }

    /** kalshi_fix_state_name: "KALSHI_FIX_ACTIVE" etc. */
    public static String stateName(FixState state) {
        return state.cName();
    }
}
