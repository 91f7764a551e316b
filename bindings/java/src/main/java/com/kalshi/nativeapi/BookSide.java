package com.kalshi.nativeapi;

/** kalshi_book_side_t (book.h). */
public enum BookSide {
    /** MDEntryType 0. */
    BID(0),
    /** MDEntryType 1 (offer). */
    ASK(1);

    private final int code;

    BookSide(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BookSide of(int code) {
        for (BookSide s : values()) if (s.code == code) return s;
        return null;
    }
}
