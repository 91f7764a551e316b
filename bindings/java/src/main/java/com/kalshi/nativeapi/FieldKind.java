package com.kalshi.nativeapi;

/** kalshi_field_kind_t (obj.h): the type of a typed object's field. Append-only. */
public enum FieldKind {
    /** No such field. */
    NONE(0),
    /** Text: {@link Obj#str}. */
    STR(1),
    /** A 64-bit integer: {@link Obj#integer}. */
    INT(2),
    /** {@link Obj#bool}. */
    BOOL(3),
    /** Dollars x 10^6: {@link Obj#price}. */
    PRICE(4),
    /** Contracts x 100: {@link Obj#count}. */
    COUNT(5);

    private final int code;

    FieldKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a C value, or null for a kind this binding does not know yet. */
    public static FieldKind of(int code) {
        for (FieldKind k : values()) if (k.code == code) return k;
        return null;
    }
}
