package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Objects;

/**
 * One FIX session (kalshi_fix_session_t, fix.h): a logged-on connection of one type (KalshiNR,
 * RT, DC, PT, RFQ or MD) opened with {@link Client#openFixSession}. The library signs the Logon,
 * keeps the heartbeat, numbers and recovers messages and reconnects; what happens arrives on the
 * client's {@link EventQueue}, every event carrying the session's user tag (FIX_SEND_FAILED: the
 * send's):
 * <ul>
 *   <li>FIX_STATE: {@link Event#fixState()}; leaving ACTIVE carries the reason as
 *       {@link Event#error()};</li>
 *   <li>FIX_MESSAGE: {@link Event#fixMessage()};</li>
 *   <li>FIX_DECODE_ERROR: the bytes ({@link Event#data()}) and why ({@link Event#error()});</li>
 *   <li>FIX_SEND_FAILED: a send queued from another thread found the session not logged on;</li>
 *   <li>FIX_CLOSED: the last event of the session.</li>
 * </ul>
 *
 * <p>Sending: every send validates and encodes on the calling thread and throws at once
 * (INVALID_ARG, INVALID_VALUE, INEXACT for a price the wire format cannot carry, NOT_SUPPORTED for a
 * message type the session type does not allow). On the loop thread (client.mode=caller) the
 * message goes out before the call returns and its MsgSeqNum is returned (STATE when not logged
 * on); from another thread it is queued and 0 is returned. A refused message is never sent later.
 * Sides: '1' buy (YES / bid), '2' sell (NO / ask). TimeInForce: '0' day, '1' GTC, '3' IOC, '4' FOK,
 * '\0' to omit.
 *
 * <p>{@link #shutdown()} logs out gracefully (FIX_CLOSED follows); {@link #close()} releases the
 * handle (closing first if needed). The native session holds a reference on its client, so the
 * {@link Client} may be closed or collected in any order.
 */
public final class FixSession extends NativeHandle {
    private FixSession(Pointer p) {
        super(p, Util.LIB::kalshi_fix_session_destroy);
    }

    static FixSession open(Pointer client, Conf overrides, long userTag) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Pointer o = overrides == null ? null : overrides.acquireForClient();
        try {
            int rc = Util.LIB.kalshi_fix_session_open(client, o, userTag, out, err);
            if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_fix_session_destroy(out.getValue());
            KalshiException.check(rc, err);
            return new FixSession(out.getValue());
        } finally {
            if (overrides != null) overrides.releaseForClient();
        }
    }

    /** Graceful: Logout, wait for the answer (bounded), close; FIX_CLOSED follows. Idempotent. The
     * handle stays valid until {@link #close()}. */
    public void shutdown() {
        Pointer s = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_fix_session_close(s));
        } finally {
            release();
        }
    }

    /** The last state reported (null for a value this binding does not know). */
    public FixState state() {
        Pointer s = acquire();
        try {
            return FixState.of(Util.LIB.kalshi_fix_session_state(s));
        } finally {
            release();
        }
    }

    /** The MsgSeqNum the next outgoing message gets (as of the last loop iteration). */
    public long nextSenderSeq() {
        Pointer s = acquire();
        try {
            return Util.LIB.kalshi_fix_session_next_sender_seq(s);
        } finally {
            release();
        }
    }

    /** The next MsgSeqNum expected from the exchange (as of the last loop iteration). */
    public long nextTargetSeq() {
        Pointer s = acquire();
        try {
            return Util.LIB.kalshi_fix_session_next_target_seq(s);
        } finally {
            release();
        }
    }

    private interface Send {
        int send(Pointer s, LongByReference seq, PointerByReference err);
    }

    private long send(Send c) {
        LongByReference seq = new LongByReference();
        PointerByReference err = new PointerByReference();
        Pointer s = acquire();
        try {
            KalshiException.check(c.send(s, seq, err), err);
            return seq.getValue();
        } finally {
            release();
        }
    }

    private static byte[] req(String v, String name) {
        return Util.cstr(Objects.requireNonNull(v, name));
    }

    private static long raw(Price p, String name) {
        return Objects.requireNonNull(p, name).raw();
    }

    private static long raw(Count c, String name) {
        return Objects.requireNonNull(c, name).raw();
    }

    /**
     * Sends a message built field by field (kalshi_fix_send); the builder stays usable.
     * INVALID_VALUE names a missing required field.
     *
     * @param senderSubId SenderSubID(50) for FCM operators, or null
     * @return the MsgSeqNum on the loop thread, else 0
     */
    public long send(FixBuilder builder, String senderSubId, long userTag) {
        Objects.requireNonNull(builder, "builder");
        byte[] sub = Util.cstr(senderSubId);
        Pointer b = builder.acquireForSend();
        try {
            return send((s, seq, err) -> Util.LIB.kalshi_fix_send(s, b, sub, userTag, seq, err));
        } finally {
            builder.releaseForSend();
        }
    }

    /** NewOrderSingle (D), limit order. tif '\0' omits TimeInForce. */
    public long sendNewOrder(String clOrdId, String symbol, char side, Price price, Count qty, char tif, long userTag) {
        byte[] id = req(clOrdId, "clOrdId"), sym = req(symbol, "symbol");
        byte sd = Util.cchar(side), tf = Util.cchar(tif);
        long px = raw(price, "price"), q = raw(qty, "qty");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_new_order(s, id, sym, sd, px, q, tf, userTag, seq, err));
    }

    /** OrderCancelRequest (F). */
    public long sendCancel(String clOrdId, String origClOrdId, String symbol, char side, long userTag) {
        byte[] id = req(clOrdId, "clOrdId"), orig = req(origClOrdId, "origClOrdId"), sym = req(symbol, "symbol");
        byte sd = Util.cchar(side);
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_cancel(s, id, orig, sym, sd, userTag, seq, err));
    }

    /** OrderCancelReplaceRequest (G): new total quantity and price; the order keeps its expiry. */
    public long sendReplace(String clOrdId, String origClOrdId, String symbol, char side, Price price, Count qty, long userTag) {
        byte[] id = req(clOrdId, "clOrdId"), orig = req(origClOrdId, "origClOrdId"), sym = req(symbol, "symbol");
        byte sd = Util.cchar(side);
        long px = raw(price, "price"), q = raw(qty, "qty");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_replace(s, id, orig, sym, sd, px, q, userTag, seq, err));
    }

    /** OrderMassCancelRequest (q), KalshiNR only: cancels the session's open orders. */
    public long sendMassCancel(String clOrdId, long userTag) {
        byte[] id = req(clOrdId, "clOrdId");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_mass_cancel(s, id, userTag, seq, err));
    }

    /**
     * Order group request (UOG).
     *
     * @param action         1 create (groupId null), 2 reset, 3 delete, 4 trigger, 5 update
     * @param groupId        the group, null for create
     * @param contractsLimit sent for create and update, else ignored
     */
    public long sendOrderGroup(int action, String groupId, long contractsLimit, long userTag) {
        byte[] g = Util.cstr(groupId);
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_order_group(s, action, g, contractsLimit, userTag, seq, err));
    }

    /** MarketDataRequest (V), KalshiMD. requestType '0' snapshot, '1' subscribe, '2' unsubscribe
     * (an empty list: all). Subscriptions are repeated after a reconnect (fix.resubscribe). */
    public long sendMdRequest(char requestType, List<String> symbols, long userTag) {
        Objects.requireNonNull(symbols, "symbols");
        byte rt = Util.cchar(requestType);
        String[] a = symbols.toArray(new String[0]);
        for (String x : a) Objects.requireNonNull(x, "symbol");
        StringArray arr = a.length == 0 ? null : new StringArray(a, "UTF-8");
        KalshiNative.SizeT n = new KalshiNative.SizeT(a.length);
        try {
            return send((s, seq, err) -> Util.LIB.kalshi_fix_send_md_request(s, rt, arr, n, userTag, seq, err));
        } finally {
            if (arr != null) arr.close();
        }
    }

    /** SecurityStatusRequest (e), KalshiMD (prediction): '1' subscribe, '2' unsubscribe. */
    public long sendSecurityStatusRequest(char requestType, String symbol, long userTag) {
        byte rt = Util.cchar(requestType);
        byte[] sym = req(symbol, "symbol");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_security_status_request(s, rt, sym, userTag, seq, err));
    }

    /** KalshiDC: replays ExecutionReports by ExecID range; endExecId null = up to the latest. */
    public long sendEventResend(String beginExecId, String endExecId, long userTag) {
        byte[] b = req(beginExecId, "beginExecId"), e = Util.cstr(endExecId);
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_event_resend(s, b, e, userTag, seq, err));
    }

    /** QuoteRequest (R), KalshiRT, RFQ creator: an RFQ for qty contracts of one market. */
    public long sendQuoteRequest(String quoteReqId, String symbol, Count qty, long userTag) {
        byte[] id = req(quoteReqId, "quoteReqId"), sym = req(symbol, "symbol");
        long q = raw(qty, "qty");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_quote_request(s, id, sym, q, userTag, seq, err));
    }

    /** Quote (S), KalshiRFQ, market maker: bid = YES price, offer = NO price; null (or 0) = that
     * side not quoted. */
    public long sendQuote(String quoteId, String quoteReqId, String symbol, Price bidPx, Price offerPx, long userTag) {
        byte[] q = req(quoteId, "quoteId"), r = req(quoteReqId, "quoteReqId"), sym = req(symbol, "symbol");
        long bid = bidPx == null ? 0 : bidPx.raw(), offer = offerPx == null ? 0 : offerPx.raw();
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_quote(s, q, r, sym, bid, offer, userTag, seq, err));
    }

    /** Accepts a quote, KalshiRT, RFQ creator: side '1' takes the NO quote, '2' the YES quote. */
    public long sendAcceptQuote(String quoteId, String rfqId, char side, Count qty, String clOrdId, long userTag) {
        byte[] q = req(quoteId, "quoteId"), r = req(rfqId, "rfqId"), id = req(clOrdId, "clOrdId");
        byte sd = Util.cchar(side);
        long n = raw(qty, "qty");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_accept_quote(s, q, r, sd, n, id, userTag, seq, err));
    }

    /** QuoteCancel (Z), KalshiRFQ. */
    public long sendQuoteCancel(String quoteId, long userTag) {
        byte[] q = req(quoteId, "quoteId");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_quote_cancel(s, q, userTag, seq, err));
    }

    /** Confirms an accepted quote (within 30 s of acceptance), KalshiRFQ. */
    public long sendQuoteConfirm(String quoteId, long userTag) {
        byte[] q = req(quoteId, "quoteId");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_quote_confirm(s, q, userTag, seq, err));
    }

    /** Cancels an RFQ by the client's QuoteReqID, KalshiRT. */
    public long sendRfqCancel(String quoteReqId, long userTag) {
        byte[] q = req(quoteReqId, "quoteReqId");
        return send((s, seq, err) -> Util.LIB.kalshi_fix_send_rfq_cancel(s, q, userTag, seq, err));
    }
}
