/* libkalshi — local order books and settlement reassembly.
 *
 * kalshi_book_t keeps aggregated price levels per symbol. Feed it the events of a KalshiMD session
 * with kalshi_book_apply_event: snapshots (35=W) replace a symbol's book, incremental refreshes
 * (35=X) set or delete levels (a level's size is replaced, not added; trade entries do not change
 * the book), and a session leaving KALSHI_FIX_ACTIVE clears every book, since the session's
 * resubscription sends fresh snapshots (Kalshi's market data has no retransmission, so the
 * snapshot is the only resync). Other feeds (WebSocket channels) use kalshi_book_set_level and
 * kalshi_book_clear directly.
 *
 * kalshi_settlement_assembler_t joins the pages of a MarketSettlementReport (35=UMS; pages share
 * Symbol, the last has LastFragment=Y) into one kalshi_settlement_t.
 *
 * Neither object is thread-safe: use each from one thread at a time. */
#ifndef KALSHI_BOOK_H
#define KALSHI_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "decimal.h"
#include "error.h"
#include "export.h"
#include "fix.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kalshi_book kalshi_book_t;

typedef enum kalshi_book_side {
  KALSHI_BOOK_BID = 0, /* MDEntryType 0 */
  KALSHI_BOOK_ASK = 1  /* MDEntryType 1 (offer) */
} kalshi_book_side_t;

KALSHI_API kalshi_err_t kalshi_book_new(kalshi_book_t **out);
KALSHI_API void kalshi_book_destroy(kalshi_book_t *b);

/* Applies a FIX_MESSAGE (W or X; other message types are ignored with KALSHI_OK) or a FIX_STATE
 * event (clears all books when the session is no longer active). Other events: KALSHI_OK, no
 * change. KALSHI_ERR_PROTOCOL for a W/X entry that makes no sense (unknown entry type, negative
 * size); the symbol's book is then cleared, since it can no longer be trusted. */
KALSHI_API kalshi_err_t kalshi_book_apply_event(kalshi_book_t *b, const kalshi_event_t *ev);
KALSHI_API kalshi_err_t kalshi_book_apply_fix(kalshi_book_t *b, const kalshi_fix_msg_t *m);

/* Sets a level's size (0 removes it). */
KALSHI_API kalshi_err_t kalshi_book_set_level(kalshi_book_t *b, const char *symbol,
                                              kalshi_book_side_t side, kalshi_price_t price,
                                              kalshi_count_t size);
/* One symbol's book, or every book when symbol is NULL. */
KALSHI_API kalshi_err_t kalshi_book_clear(kalshi_book_t *b, const char *symbol);

/* Best level; KALSHI_ERR_NOT_FOUND when that side is empty or the symbol unknown. */
KALSHI_API kalshi_err_t kalshi_book_best(const kalshi_book_t *b, const char *symbol,
                                         kalshi_book_side_t side, kalshi_price_t *price,
                                         kalshi_count_t *size);
/* Number of levels on a side (0 for an unknown symbol). */
KALSHI_API size_t kalshi_book_depth(const kalshi_book_t *b, const char *symbol,
                                    kalshi_book_side_t side);
/* Level `index` from the best (0 = best); KALSHI_ERR_NOT_FOUND past the end. */
KALSHI_API kalshi_err_t kalshi_book_level(const kalshi_book_t *b, const char *symbol,
                                          kalshi_book_side_t side, size_t index,
                                          kalshi_price_t *price, kalshi_count_t *size);
/* Symbols with a book (possibly empty after a snapshot with no levels). */
KALSHI_API size_t kalshi_book_symbol_count(const kalshi_book_t *b);
/* The index-th symbol in sorted order, NUL-terminated, valid until the book changes. */
KALSHI_API const char *kalshi_book_symbol_at(const kalshi_book_t *b, size_t index);

/* ---- settlement reassembly --------------------------------------------------------------- */

typedef struct kalshi_settlement_assembler kalshi_settlement_assembler_t;
typedef struct kalshi_settlement kalshi_settlement_t;

KALSHI_API kalshi_err_t kalshi_settlement_assembler_new(kalshi_settlement_assembler_t **out);
KALSHI_API void kalshi_settlement_assembler_destroy(kalshi_settlement_assembler_t *a);
/* Adds one UMS page. When it completes a report (LastFragment=Y, or a standalone report without
 * LastFragment) *out gets it (the caller destroys it); otherwise *out is NULL. A page for a new
 * symbol while another symbol's report is unfinished completes nothing: the unfinished one stays
 * pending (pages are expected to be contiguous per symbol, but are not assumed to be).
 * KALSHI_ERR_INVALID_ARG when m is not a UMS message. */
KALSHI_API kalshi_err_t kalshi_settlement_assembler_add(kalshi_settlement_assembler_t *a,
                                                        const kalshi_fix_msg_t *m,
                                                        kalshi_settlement_t **out,
                                                        kalshi_error_t **err);
/* Reports still waiting for their last page. */
KALSHI_API size_t kalshi_settlement_assembler_pending(const kalshi_settlement_assembler_t *a);

KALSHI_API void kalshi_settlement_destroy(kalshi_settlement_t *r);
/* NUL-terminated strings valid until destroy. */
KALSHI_API const char *kalshi_settlement_symbol(const kalshi_settlement_t *r);
KALSHI_API const char *kalshi_settlement_result(const kalshi_settlement_t *r); /* yes/no/scalar */
/* ClearingBusinessDate as yyyymmdd. */
KALSHI_API int32_t kalshi_settlement_business_date(const kalshi_settlement_t *r);
/* SettlementPrice (cents on the wire) as a price: 30.60 cents -> 306000. */
KALSHI_API kalshi_price_t kalshi_settlement_price(const kalshi_settlement_t *r);
/* Pages joined, and TotNumMarketSettlementReports when the exchange sent it (else 0). */
KALSHI_API size_t kalshi_settlement_page_count(const kalshi_settlement_t *r);
KALSHI_API size_t kalshi_settlement_declared_pages(const kalshi_settlement_t *r);
KALSHI_API size_t kalshi_settlement_party_count(const kalshi_settlement_t *r);
/* One party: id, YES and NO contracts held, payout after fee and the fee (dollars x 10^6).
 * Any out-pointer may be NULL. */
KALSHI_API kalshi_err_t kalshi_settlement_party(const kalshi_settlement_t *r, size_t index,
                                                const char **party_id, kalshi_count_t *long_qty,
                                                kalshi_count_t *short_qty, int64_t *payout,
                                                int64_t *fee);

#ifdef __cplusplus
}
#endif
#endif
