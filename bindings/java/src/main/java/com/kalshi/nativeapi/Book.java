package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Local order books (kalshi_book_t, book.h): aggregated price levels per symbol. Feed it the events
 * of a KalshiMD session with {@link #applyEvent}: snapshots (35=W) replace a symbol's book,
 * incremental refreshes (35=X) set or delete levels (a level's size is replaced, not added; trades
 * do not change the book), and a FIX_STATE event leaving ACTIVE clears every book (the session
 * resubscribes and gets fresh snapshots). Other feeds use {@link #setLevel} and {@link #clear}.
 * Not thread-safe: use a book from one thread at a time.
 */
public final class Book extends NativeHandle {
    /** One aggregated price level. */
    public record Level(Price price, Count size) {}

    public Book() {
        super(create(), Util.LIB::kalshi_book_destroy);
    }

    private static Pointer create() {
        PointerByReference out = new PointerByReference();
        KalshiException.check(Util.LIB.kalshi_book_new(out));
        return out.getValue();
    }

    /** Applies a FIX_MESSAGE (W or X; other message types are ignored) or FIX_STATE event; other
     * events change nothing. Throws PROTOCOL for a W/X entry that makes no sense (unknown entry
     * type, negative size); that symbol's book is then cleared. */
    public void applyEvent(Event event) {
        Objects.requireNonNull(event, "event");
        Pointer b = acquire();
        try {
            Pointer e = event.acquire();
            try {
                KalshiException.check(Util.LIB.kalshi_book_apply_event(b, e));
            } finally {
                event.release();
            }
        } finally {
            release();
        }
    }

    /** Applies a W or X message (as {@link #applyEvent}, without the state handling). */
    public void applyFix(FixMessage message) {
        Objects.requireNonNull(message, "message");
        Event event = message.event();
        Pointer b = acquire();
        try {
            event.acquire();
            try {
                KalshiException.check(Util.LIB.kalshi_book_apply_fix(b, message.pointer()));
            } finally {
                event.release();
            }
        } finally {
            release();
        }
    }

    /** Sets a level's size (zero removes it). */
    public void setLevel(String symbol, BookSide side, Price price, Count size) {
        byte[] sym = Util.cstr(Objects.requireNonNull(symbol, "symbol"));
        int sd = Objects.requireNonNull(side, "side").code();
        long px = Objects.requireNonNull(price, "price").raw(), sz = Objects.requireNonNull(size, "size").raw();
        Pointer b = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_book_set_level(b, sym, sd, px, sz));
        } finally {
            release();
        }
    }

    /** Clears one symbol's book, or every book when symbol is null. */
    public void clear(String symbol) {
        byte[] sym = Util.cstr(symbol);
        Pointer b = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_book_clear(b, sym));
        } finally {
            release();
        }
    }

    /** The best level of a side, null when that side is empty or the symbol unknown. */
    public Level best(String symbol, BookSide side) {
        byte[] sym = Util.cstr(Objects.requireNonNull(symbol, "symbol"));
        int sd = Objects.requireNonNull(side, "side").code();
        LongByReference px = new LongByReference(), sz = new LongByReference();
        Pointer b = acquire();
        try {
            int rc = Util.LIB.kalshi_book_best(b, sym, sd, px, sz);
            if (rc == ErrorCode.NOT_FOUND.code()) return null;
            KalshiException.check(rc);
            return new Level(new Price(px.getValue()), new Count(sz.getValue()));
        } finally {
            release();
        }
    }

    /** Number of levels on a side (0 for an unknown symbol). */
    public int depth(String symbol, BookSide side) {
        byte[] sym = Util.cstr(Objects.requireNonNull(symbol, "symbol"));
        int sd = Objects.requireNonNull(side, "side").code();
        Pointer b = acquire();
        try {
            return (int) Util.LIB.kalshi_book_depth(b, sym, sd).longValue();
        } finally {
            release();
        }
    }

    /** Level index from the best (0 = best), null past the end. */
    public Level level(String symbol, BookSide side, int index) {
        byte[] sym = Util.cstr(Objects.requireNonNull(symbol, "symbol"));
        int sd = Objects.requireNonNull(side, "side").code();
        if (index < 0) return null;
        LongByReference px = new LongByReference(), sz = new LongByReference();
        Pointer b = acquire();
        try {
            int rc = Util.LIB.kalshi_book_level(b, sym, sd, new KalshiNative.SizeT(index), px, sz);
            if (rc == ErrorCode.NOT_FOUND.code()) return null;
            KalshiException.check(rc);
            return new Level(new Price(px.getValue()), new Count(sz.getValue()));
        } finally {
            release();
        }
    }

    /** Every level of a side, best first. */
    public List<Level> levels(String symbol, BookSide side) {
        List<Level> out = new ArrayList<>();
        for (int i = 0;; i++) {
            Level l = level(symbol, side, i);
            if (l == null) return out;
            out.add(l);
        }
    }

    /** The symbols with a book (possibly empty after a snapshot with no levels), sorted. */
    public List<String> symbols() {
        Pointer b = acquire();
        try {
            int n = (int) Util.LIB.kalshi_book_symbol_count(b).longValue();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(Util.str(Util.LIB.kalshi_book_symbol_at(b, new KalshiNative.SizeT(i))));
            return out;
        } finally {
            release();
        }
    }
}
