package com.kalshi.nativeapi;

/** kalshi_product_t (fix.h): which Kalshi gateway a FIX message belongs to. */
public enum Product {
    /** Event contracts. */
    PREDICTION(0),
    /** Perps. */
    MARGIN(1);

    private final int code;

    Product(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Product of(int code) {
        for (Product p : values()) if (p.code == code) return p;
        return null;
    }
}
