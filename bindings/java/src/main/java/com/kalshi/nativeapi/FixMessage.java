package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded FIX message (kalshi_fix_msg_t), or one entry of a repeating group, borrowed from the
 * {@link Event} it came with ({@link Event#fixMessage()}). The native message lives exactly as long
 * as its event: every accessor holds a reference on the event while it runs, copies the value out
 * (strings are (pointer, length) views in C and become Java strings here), and throws
 * {@link ErrorCode#CLOSED} once the event is closed. Values obtained earlier, and
 * {@link ExecutionReport}s built from the message, stay valid after that.
 *
 * <p>Getters throw {@link KalshiException} with {@link ErrorCode#NOT_FOUND} when the field is
 * absent (test with {@link #has(int)}) and {@link ErrorCode#INVALID_ARG} when the tag's type does
 * not fit the getter (e.g. {@link #price(int)} of a text field). Prices are {@link Price} and
 * quantities {@link Count} whatever the wire format (cents, or dollars with UseDollars). Tags and
 * types: docs/FIX_MESSAGES.md.
 */
public final class FixMessage {
    private final Event event;
    private final Pointer msg;
    private final boolean entry;

    FixMessage(Event event, Pointer msg, boolean entry) {
        this.event = event;
        this.msg = msg;
        this.entry = entry;
    }

    /** The native scope; use only while holding a reference on {@link #event()}. */
    Pointer pointer() {
        return msg;
    }

    /** The event this message belongs to. */
    public Event event() {
        return event;
    }

    /** True for a repeating-group entry (no header: {@link #type()} etc. describe the message). */
    public boolean isGroupEntry() {
        return entry;
    }

    private interface Read<T> {
        T read(Pointer m);
    }

    private <T> T with(Read<T> r) {
        event.acquire();
        try {
            return r.read(msg);
        } finally {
            event.release();
        }
    }

    /** MsgType: "8", "W", "UMS" ... */
    public String type() {
        return with(m -> Util.str(Util.LIB.kalshi_fix_msg_type(m)));
    }

    /** MsgSeqNum. */
    public long seq() {
        return with(Util.LIB::kalshi_fix_msg_seq);
    }

    /** True for a retransmission (PossDupFlag=Y). */
    public boolean possDup() {
        return with(m -> Util.LIB.kalshi_fix_msg_poss_dup(m) != 0);
    }

    /** SendingTime(52) in milliseconds since the Unix epoch. */
    public long sendingTimeMs() {
        return with(Util.LIB::kalshi_fix_msg_sending_time_ms);
    }

    /** A copy of the whole message as received, 8= .. 10=. */
    public byte[] raw() {
        return with(m -> {
            KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference();
            Pointer p = Util.LIB.kalshi_fix_msg_raw(m, len);
            int n = (int) len.getValue();
            return p == null || n == 0 ? new byte[0] : p.getByteArray(0, n);
        });
    }

    /** For a session Reject (35=3) or BusinessMessageReject (35=j): the user tag of the send it
     * refuses (matched by RefSeqNum against the session's recent sends), else 0. All 64 bits. */
    public long refUserTag() {
        return with(Util.LIB::kalshi_fix_msg_ref_user_tag);
    }

    /** True when this scope has the field. */
    public boolean has(int tag) {
        return with(m -> Util.LIB.kalshi_fix_msg_has(m, tag) != 0);
    }

    /** A field as text (any field, including tags the library does not know). */
    public String str(int tag) {
        return with(m -> {
            PointerByReference v = new PointerByReference();
            KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_str(m, tag, v, len));
            return Util.view(v.getValue(), len.getValue());
        });
    }

    /** An integer field (Int, SeqNum, NumInGroup, ...). */
    public long integer(int tag) {
        return with(m -> {
            LongByReference v = new LongByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_int(m, tag, v));
            return v.getValue();
        });
    }

    /** A one-character field (Side, ExecType, OrdStatus ...). */
    public char character(int tag) {
        return with(m -> {
            ByteByReference v = new ByteByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_char(m, tag, v));
            return (char) (v.getValue() & 0xff);
        });
    }

    /** A Boolean (Y/N) field. */
    public boolean bool(int tag) {
        return with(m -> {
            IntByReference v = new IntByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_bool(m, tag, v));
            return v.getValue() != 0;
        });
    }

    /** A price field, exactly (dollars x 10^6). */
    public Price price(int tag) {
        return with(m -> {
            LongByReference v = new LongByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_price(m, tag, v));
            return new Price(v.getValue());
        });
    }

    /** A quantity field, exactly (contracts x 10^2). */
    public Count count(int tag) {
        return with(m -> {
            LongByReference v = new LongByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_count(m, tag, v));
            return new Count(v.getValue());
        });
    }

    /** A dollar amount (fees, payouts) at the price scale (dollars x 10^6), as a {@link Price}. */
    public Price amount(int tag) {
        return with(m -> {
            LongByReference v = new LongByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_amount(m, tag, v));
            return new Price(v.getValue());
        });
    }

    /** A UTCTimestamp field in milliseconds since the Unix epoch. */
    public long timeMs(int tag) {
        return with(m -> {
            LongByReference v = new LongByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_time_ms(m, tag, v));
            return v.getValue();
        });
    }

    /** Number of entries of the repeating group counted by counterTag (0 when absent). */
    public int groupCount(int counterTag) {
        return with(m -> (int) Util.LIB.kalshi_fix_msg_group_count(m, counterTag).longValue());
    }

    /** One group entry: a scope whose getters read that entry's fields (and its nested groups).
     * Throws NOT_FOUND when index is out of range. Valid while the event is. */
    public FixMessage groupEntry(int counterTag, int index) {
        if (index < 0) throw new KalshiException(ErrorCode.NOT_FOUND, "group " + counterTag + " entry " + index);
        Pointer p = with(m -> Util.LIB.kalshi_fix_msg_group_entry(m, counterTag, new KalshiNative.SizeT(index)));
        if (p == null) throw new KalshiException(ErrorCode.NOT_FOUND, "group " + counterTag + " entry " + index);
        return new FixMessage(event, p, true);
    }

    /** Every entry of a repeating group, in order (empty when absent). */
    public List<FixMessage> group(int counterTag) {
        int n = groupCount(counterTag);
        List<FixMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(groupEntry(counterTag, i));
        return out;
    }

    /** One field of a scope as text: tag and value. */
    public record Field(int tag, String value) {
        @Override
        public String toString() {
            return Integer.toUnsignedString(tag) + "=" + value;
        }
    }

    /** Number of fields of this scope (group counters included, their entries not). */
    public int fieldCount() {
        return with(m -> (int) Util.LIB.kalshi_fix_msg_field_count(m).longValue());
    }

    /** The index-th field of this scope in wire order; NOT_FOUND past the end. */
    public Field fieldAt(int index) {
        if (index < 0) throw new KalshiException(ErrorCode.NOT_FOUND, "field " + index);
        return with(m -> {
            IntByReference tag = new IntByReference();
            PointerByReference v = new PointerByReference();
            KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference();
            KalshiException.check(Util.LIB.kalshi_fix_msg_field_at(m, new KalshiNative.SizeT(index), tag, v, len));
            return new Field(tag.getValue(), Util.view(v.getValue(), len.getValue()));
        });
    }

    /** Every field of this scope in wire order (for logging and for tags the library does not
     * know). */
    public List<Field> fields() {
        int n = fieldCount();
        List<Field> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(fieldAt(i));
        return out;
    }

    /** The typed ExecutionReport of a message whose type is "8" (copied: it outlives the event).
     * Throws INVALID_ARG for another message type or a group entry. */
    public ExecutionReport executionReport() {
        return ExecutionReport.from(this);
    }

    // Optional lookups for typed views: null when the field is absent.
    interface Getter<T> {
        T get(int tag);
    }

    <T> T opt(int tag, Getter<T> g) {
        return has(tag) ? g.get(tag) : null;
    }

    /** "FixMessage[8 11=order-1 ...]" (the scope's fields), or "FixMessage[closed]" once the event
     * is closed. */
    @Override
    public String toString() {
        try {
            StringBuilder b = new StringBuilder(entry ? "FixMessage[entry" : "FixMessage[" + type());
            for (Field f : fields()) b.append(' ').append(f);
            return b.append(']').toString();
        } catch (KalshiException e) {
            return "FixMessage[closed]";
        }
    }
}
