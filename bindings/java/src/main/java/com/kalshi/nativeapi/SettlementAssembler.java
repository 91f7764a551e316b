package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins the pages of a MarketSettlementReport (35=UMS; pages share Symbol, the last has
 * LastFragment=Y) into one {@link Settlement} (kalshi_settlement_assembler_t, book.h). A page seen
 * twice (a PossDup resend) is ignored. Not thread-safe: use it from one thread at a time.
 */
public final class SettlementAssembler extends NativeHandle {
    public SettlementAssembler() {
        super(create(), Util.LIB::kalshi_settlement_assembler_destroy);
    }

    private static Pointer create() {
        PointerByReference out = new PointerByReference();
        KalshiException.check(Util.LIB.kalshi_settlement_assembler_new(out));
        return out.getValue();
    }

    /** Adds one UMS page; returns the report it completes (LastFragment=Y, or a standalone report),
     * else null. Throws INVALID_ARG when the message is not a UMS. */
    public Settlement add(FixMessage page) {
        Objects.requireNonNull(page, "page");
        Event event = page.event();
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Pointer a = acquire();
        try {
            event.acquire();
            try {
                int rc = Util.LIB.kalshi_settlement_assembler_add(a, page.pointer(), out, err);
                if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_settlement_destroy(out.getValue());
                KalshiException.check(rc, err);
            } finally {
                event.release();
            }
        } finally {
            release();
        }
        Pointer r = out.getValue();
        if (r == null) return null;
        try {
            return copy(r);
        } finally {
            Util.LIB.kalshi_settlement_destroy(r);
        }
    }

    /** Reports still waiting for their last page. */
    public int pending() {
        Pointer a = acquire();
        try {
            return (int) Util.LIB.kalshi_settlement_assembler_pending(a).longValue();
        } finally {
            release();
        }
    }

    private static Settlement copy(Pointer r) {
        KalshiNative n = Util.LIB;
        int parties = (int) n.kalshi_settlement_party_count(r).longValue();
        List<Settlement.Party> list = new ArrayList<>(parties);
        for (int i = 0; i < parties; i++) {
            PointerByReference id = new PointerByReference();
            LongByReference lq = new LongByReference(), sq = new LongByReference(), payout = new LongByReference(), fee = new LongByReference();
            KalshiException.check(n.kalshi_settlement_party(r, new KalshiNative.SizeT(i), id, lq, sq, payout, fee));
            list.add(new Settlement.Party(Util.str(id.getValue()), new Count(lq.getValue()), new Count(sq.getValue()),
                    new Price(payout.getValue()), new Price(fee.getValue())));
        }
        return new Settlement(Util.str(n.kalshi_settlement_symbol(r)), Util.str(n.kalshi_settlement_result(r)),
                n.kalshi_settlement_business_date(r), new Price(n.kalshi_settlement_price(r)),
                (int) n.kalshi_settlement_page_count(r).longValue(), (int) n.kalshi_settlement_declared_pages(r).longValue(),
                List.copyOf(list));
    }
}
