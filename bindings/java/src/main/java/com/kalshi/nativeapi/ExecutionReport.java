package com.kalshi.nativeapi;

/**
 * An ExecutionReport (35=8) copied out of a {@link FixMessage}: it stays valid after the event is
 * closed. Fields the exchange did not send are null. Prices are exact {@link Price}s and quantities
 * exact {@link Count}s whatever the wire format. Other fields of the report (PartyIDs, fees, Kalshi
 * tags) remain available on the {@link FixMessage} itself.
 *
 * @param execType       ExecType(150): '0' New, '4' Canceled, '5' Replaced, '8' Rejected, 'F' Trade ...
 * @param ordStatus      OrdStatus(39): '0' New, '1' PartiallyFilled, '2' Filled, '4' Canceled ...
 * @param clOrdId        ClOrdID(11)
 * @param origClOrdId    OrigClOrdID(41)
 * @param orderId        OrderID(37)
 * @param execId         ExecID(17)
 * @param symbol         Symbol(55)
 * @param side           Side(54): '1' buy, '2' sell
 * @param price          Price(44)
 * @param avgPx          AvgPx(6)
 * @param lastPx         LastPx(31), on trades
 * @param lastQty        LastQty(32), on trades
 * @param cumQty         CumQty(14)
 * @param leavesQty      LeavesQty(151)
 * @param orderQty       OrderQty(38)
 * @param text           Text(58)
 * @param ordRejReason   OrdRejReason(103), on rejects
 * @param transactTimeMs TransactTime(60), milliseconds since the Unix epoch
 */
public record ExecutionReport(
        Character execType,
        Character ordStatus,
        String clOrdId,
        String origClOrdId,
        String orderId,
        String execId,
        String symbol,
        Character side,
        Price price,
        Price avgPx,
        Price lastPx,
        Count lastQty,
        Count cumQty,
        Count leavesQty,
        Count orderQty,
        String text,
        Long ordRejReason,
        Long transactTimeMs) {

    /** MsgType of an ExecutionReport. */
    public static final String MSG_TYPE = "8";

    /** Reads the report's fields from m, which must be a whole message of type "8". */
    public static ExecutionReport from(FixMessage m) {
        if (m.isGroupEntry() || !MSG_TYPE.equals(m.type()))
            throw new KalshiException(ErrorCode.INVALID_ARG, "not an ExecutionReport (35=" + (m.isGroupEntry() ? "group entry" : m.type()) + ")");
        return new ExecutionReport(
                m.opt(150, m::character),
                m.opt(39, m::character),
                m.opt(11, m::str),
                m.opt(41, m::str),
                m.opt(37, m::str),
                m.opt(17, m::str),
                m.opt(55, m::str),
                m.opt(54, m::character),
                m.opt(44, m::price),
                m.opt(6, m::price),
                m.opt(31, m::price),
                m.opt(32, m::count),
                m.opt(14, m::count),
                m.opt(151, m::count),
                m.opt(38, m::count),
                m.opt(58, m::str),
                m.opt(103, m::integer),
                m.opt(60, m::timeMs));
    }

    /** ExecType 'F': a fill. */
    public boolean isTrade() {
        return execType != null && execType == 'F';
    }
}
