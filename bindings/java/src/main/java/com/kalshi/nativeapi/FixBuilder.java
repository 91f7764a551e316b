package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Instant;
import java.util.Objects;

/**
 * A client-to-server FIX message of any type, field by field (kalshi_fix_builder_t), sent with
 * {@link FixSession#send}. Fields are written in the message's defined order whatever the order of
 * the set calls. Setters return this for chaining and throw {@link KalshiException} for a tag the
 * message does not have at this level or a value of the wrong form (INVALID_ARG / INVALID_VALUE);
 * {@link FixSession#send} names a missing required field. Repeating groups: {@link #groupBegin(int)} with the counter tag, then
 * {@link #entryNext()} before each entry's fields, then {@link #groupEnd()} (nested groups alike).
 *
 * <pre>{@code
 * try (FixBuilder b = new FixBuilder("D")) {
 *     b.setStr(11, "order-7").setStr(55, "HIGHNY-23DEC31").setChar(54, '1').setChar(40, '2')
 *      .setPrice(44, Price.parse("0.75")).setCount(38, Count.parse("10")).setChar(59, '1');
 *     long seq = session.send(b, null, 7);
 * }
 * }</pre>
 *
 * Not thread-safe: use a builder from one thread at a time.
 */
public final class FixBuilder extends NativeHandle {
    /** A builder for MsgType msgType ("D", "F", "G", "UOG", ...). Throws INVALID_ARG for a type
     * the library cannot send. */
    public FixBuilder(String msgType) {
        super(create(msgType), Util.LIB::kalshi_fix_builder_destroy);
    }

    private static Pointer create(String msgType) {
        byte[] t = Util.cstr(Objects.requireNonNull(msgType, "msgType"));
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        int rc = Util.LIB.kalshi_fix_builder_new(t, out, err);
        if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_fix_builder_destroy(out.getValue());
        KalshiException.check(rc, err);
        return out.getValue();
    }

    private interface Call {
        int call(Pointer b, PointerByReference err);
    }

    private FixBuilder call(Call c) {
        PointerByReference err = new PointerByReference();
        Pointer b = acquire();
        try {
            KalshiException.check(c.call(b, err), err);
        } finally {
            release();
        }
        return this;
    }

    /** Starts over with another (or the same) MsgType, keeping the memory. */
    public FixBuilder reset(String msgType) {
        byte[] t = Util.cstr(Objects.requireNonNull(msgType, "msgType"));
        return call((b, err) -> Util.LIB.kalshi_fix_builder_reset(b, t, err));
    }

    /** A String field (UTF-8; SOH is refused). */
    public FixBuilder setStr(int tag, String value) {
        byte[] v = Util.cstr(Objects.requireNonNull(value, "value"));
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_str(b, tag, v, new KalshiNative.SizeT(v.length - 1), err));
    }

    public FixBuilder setInt(int tag, long value) {
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_int(b, tag, value, err));
    }

    /** A one-character field (ASCII). */
    public FixBuilder setChar(int tag, char value) {
        byte v = Util.cchar(value);
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_char(b, tag, v, err));
    }

    /** A Boolean field (Y/N). */
    public FixBuilder setBool(int tag, boolean value) {
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_bool(b, tag, value ? 1 : 0, err));
    }

    /** A price, converted exactly to the session's wire format when sent (INEXACT if it cannot be
     * carried). */
    public FixBuilder setPrice(int tag, Price value) {
        long v = Objects.requireNonNull(value, "value").raw();
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_price(b, tag, v, err));
    }

    /** A quantity in contracts. */
    public FixBuilder setCount(int tag, Count value) {
        long v = Objects.requireNonNull(value, "value").raw();
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_count(b, tag, v, err));
    }

    /** A dollar amount (fees, MaxExecutionCost, CashOrderQty) at the price scale (x 10^6). */
    public FixBuilder setAmount(int tag, Price value) {
        long v = Objects.requireNonNull(value, "value").raw();
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_amount(b, tag, v, err));
    }

    /** A UTCTimestamp from milliseconds since the Unix epoch. */
    public FixBuilder setTimeMs(int tag, long epochMs) {
        return call((b, err) -> Util.LIB.kalshi_fix_builder_set_time_ms(b, tag, epochMs, err));
    }

    /** A UTCTimestamp (millisecond precision). */
    public FixBuilder setTime(int tag, Instant value) {
        return setTimeMs(tag, Objects.requireNonNull(value, "value").toEpochMilli());
    }

    /** Begins the repeating group counted by counterTag (453, 146, ...). */
    public FixBuilder groupBegin(int counterTag) {
        return call((b, err) -> Util.LIB.kalshi_fix_builder_group_begin(b, counterTag, err));
    }

    /** Starts the next entry of the innermost open group; its fields follow. */
    public FixBuilder entryNext() {
        return call(Util.LIB::kalshi_fix_builder_entry_next);
    }

    /** Closes the innermost open group. */
    public FixBuilder groupEnd() {
        return call(Util.LIB::kalshi_fix_builder_group_end);
    }

    Pointer acquireForSend() {
        return acquire();
    }

    void releaseForSend() {
        release();
    }
}
