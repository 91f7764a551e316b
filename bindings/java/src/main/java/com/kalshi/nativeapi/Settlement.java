package com.kalshi.nativeapi;

import java.util.List;

/**
 * A complete market settlement report joined by a {@link SettlementAssembler} (a copy of
 * kalshi_settlement_t; immutable).
 *
 * @param symbol        Symbol(55)
 * @param result        "yes", "no" or "scalar"
 * @param businessDate  ClearingBusinessDate as yyyymmdd
 * @param price         SettlementPrice (cents on the wire) as a price: 30.60 cents is 0.306
 * @param pageCount     pages joined
 * @param declaredPages TotNumMarketSettlementReports when the exchange sent it, else 0
 * @param parties       one entry per party, in order
 */
public record Settlement(String symbol, String result, int businessDate, Price price, int pageCount, int declaredPages,
        List<Party> parties) {
    /**
     * One party of a settlement.
     *
     * @param partyId  the party's id
     * @param longQty  YES contracts held
     * @param shortQty NO contracts held
     * @param payout   payout after fee, dollars (amount at the price scale)
     * @param fee      the fee, dollars (amount at the price scale)
     */
    public record Party(String partyId, Count longQty, Count shortQty, Price payout, Price fee) {}
}
