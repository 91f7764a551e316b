package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed object (kalshi_obj_t, obj.h): one decoded core model of a REST response or a WebSocket
 * message — a market, an order, a balance, an order book, an orderbook_delta ... — read by field
 * name as the spec spells it. Borrowed from the {@link Event} it came with
 * ({@link Event#objects()}): like {@link FixMessage}, every accessor holds a reference on the
 * event while it runs and copies the value out, and throws {@link ErrorCode#CLOSED} once the event
 * is closed; values read earlier stay valid.
 *
 * <p>Prices are {@link Price} (dollars x 10^6) and counts {@link Count} (contracts x 100) whatever
 * the JSON carried (dollar strings, cents, centi-cents). Getters throw {@link KalshiException} with
 * {@link ErrorCode#NOT_FOUND} when the model has no such field or the message did not carry it
 * (test with {@link #has}), and {@link ErrorCode#INVALID_ARG} for a field of another kind
 * ({@link #kindOf} tells it). The raw JSON is always {@link Event#data()}.
 */
public final class Obj {
    private final Event event;
    private final Pointer obj;

    Obj(Event event, Pointer obj) {
        this.event = event;
        this.obj = obj;
    }

    /** The event this object belongs to. */
    public Event event() {
        return event;
    }

    private interface Read<T> {
        T read(Pointer o);
    }

    private <T> T with(Read<T> r) {
        event.acquire();
        try {
            return r.read(obj);
        } finally {
            event.release();
        }
    }

    private static byte[] name(String field) {
        return Util.cstrWhole(Objects.requireNonNull(field, "field"), "field name");
    }

    /** Throws for an error code, naming the field (f is NUL-terminated). */
    private static void check(int rc, byte[] f) {
        if (rc != 0) throw new KalshiException(rc, "field \"" + Util.fromBuffer(f) + "\": " + ErrorCode.describe(rc), null);
    }

    /** "market", "order", "orderbook", "balance", "orderbook_delta", ... */
    public String kind() {
        return with(o -> Util.str(Util.LIB.kalshi_obj_kind(o)));
    }

    /** Number of fields the object carries. */
    public int fieldCount() {
        return with(o -> (int) Util.LIB.kalshi_obj_field_count(o).longValue());
    }

    /** The names of the fields the object carries, in the library's stable order. */
    public List<String> fieldNames() {
        return with(o -> {
            int n = (int) Util.LIB.kalshi_obj_field_count(o).longValue();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(Util.str(Util.LIB.kalshi_obj_field_name(o, new KalshiNative.SizeT(i))));
            return out;
        });
    }

    /** The kind of a field, {@link FieldKind#NONE} when the object does not carry it (null for a
     * kind this binding does not know). */
    public FieldKind kindOf(String field) {
        byte[] f = name(field);
        return with(o -> FieldKind.of(Util.LIB.kalshi_obj_kind_of(o, f)));
    }

    /** True when the object carries the field. */
    public boolean has(String field) {
        return kindOf(field) != FieldKind.NONE;
    }

    /** A text field. */
    public String str(String field) {
        byte[] f = name(field);
        return with(o -> {
            PointerByReference v = new PointerByReference();
            KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference();
            check(Util.LIB.kalshi_obj_str(o, f, v, len), f);
            return Util.view(v.getValue(), len.getValue());
        });
    }

    /** An integer field. */
    public long integer(String field) {
        byte[] f = name(field);
        return with(o -> {
            LongByReference v = new LongByReference();
            check(Util.LIB.kalshi_obj_int(o, f, v), f);
            return v.getValue();
        });
    }

    /** A boolean field. */
    public boolean bool(String field) {
        byte[] f = name(field);
        return with(o -> {
            IntByReference v = new IntByReference();
            check(Util.LIB.kalshi_obj_bool(o, f, v), f);
            return v.getValue() != 0;
        });
    }

    /** A price field, exactly (dollars x 10^6). */
    public Price price(String field) {
        byte[] f = name(field);
        return with(o -> {
            LongByReference v = new LongByReference();
            check(Util.LIB.kalshi_obj_price(o, f, v), f);
            return new Price(v.getValue());
        });
    }

    /** A count field, exactly (contracts x 100). */
    public Count count(String field) {
        byte[] f = name(field);
        return with(o -> {
            LongByReference v = new LongByReference();
            check(Util.LIB.kalshi_obj_count(o, f, v), f);
            return new Count(v.getValue());
        });
    }

    /** Number of order-book levels on a side: "yes"/"no" (prediction) or "bid"/"ask" (perps); 0
     * for an object without levels. */
    public int levelCount(String side) {
        byte[] s = Util.cstrWhole(Objects.requireNonNull(side, "side"), "side");
        return with(o -> (int) Util.LIB.kalshi_obj_level_count(o, s).longValue());
    }

    /** One level of a side, best first as the exchange sent them; NOT_FOUND past the end. */
    public Book.Level level(String side, int index) {
        byte[] s = Util.cstrWhole(Objects.requireNonNull(side, "side"), "side");
        if (index < 0) throw new KalshiException(ErrorCode.NOT_FOUND, side + " level " + index);
        return with(o -> {
            LongByReference px = new LongByReference(), sz = new LongByReference();
            KalshiException.check(Util.LIB.kalshi_obj_level(o, s, new KalshiNative.SizeT(index), px, sz));
            return new Book.Level(new Price(px.getValue()), new Count(sz.getValue()));
        });
    }

    /** Every level of a side, best first as the exchange sent them. */
    public List<Book.Level> levels(String side) {
        byte[] s = Util.cstrWhole(Objects.requireNonNull(side, "side"), "side");
        return with(o -> {
            int n = (int) Util.LIB.kalshi_obj_level_count(o, s).longValue();
            List<Book.Level> out = new ArrayList<>(n);
            LongByReference px = new LongByReference(), sz = new LongByReference();
            for (int i = 0; i < n; i++) {
                KalshiException.check(Util.LIB.kalshi_obj_level(o, s, new KalshiNative.SizeT(i), px, sz));
                out.add(new Book.Level(new Price(px.getValue()), new Count(sz.getValue())));
            }
            return out;
        });
    }

    /** A copy of every field as a Java value (String, Long, Boolean, {@link Price}, {@link Count}),
     * by name in the library's order: it outlives the event. */
    public Map<String, Object> toMap() {
        return with(o -> {
            int n = (int) Util.LIB.kalshi_obj_field_count(o).longValue();
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = Util.str(Util.LIB.kalshi_obj_field_name(o, new KalshiNative.SizeT(i)));
                byte[] f = Util.cstr(name);
                out.put(name, value(o, f, FieldKind.of(Util.LIB.kalshi_obj_kind_of(o, f))));
            }
            return out;
        });
    }

    private static Object value(Pointer o, byte[] f, FieldKind k) {
        if (k == null) return null;
        switch (k) {
            case STR: {
                PointerByReference v = new PointerByReference();
                KalshiNative.SizeTByReference len = new KalshiNative.SizeTByReference();
                check(Util.LIB.kalshi_obj_str(o, f, v, len), f);
                return Util.view(v.getValue(), len.getValue());
            }
            case INT: {
                LongByReference v = new LongByReference();
                check(Util.LIB.kalshi_obj_int(o, f, v), f);
                return v.getValue();
            }
            case BOOL: {
                IntByReference v = new IntByReference();
                check(Util.LIB.kalshi_obj_bool(o, f, v), f);
                return v.getValue() != 0;
            }
            case PRICE: {
                LongByReference v = new LongByReference();
                check(Util.LIB.kalshi_obj_price(o, f, v), f);
                return new Price(v.getValue());
            }
            case COUNT: {
                LongByReference v = new LongByReference();
                check(Util.LIB.kalshi_obj_count(o, f, v), f);
                return new Count(v.getValue());
            }
            default:
                return null;
        }
    }

    /** "Obj[market ticker=... ]", or "Obj[closed]" once the event is closed. */
    @Override
    public String toString() {
        try {
            StringBuilder b = new StringBuilder("Obj[").append(kind());
            for (Map.Entry<String, Object> e : toMap().entrySet()) b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            return b.append(']').toString();
        } catch (KalshiException e) {
            return "Obj[closed]";
        }
    }
}
