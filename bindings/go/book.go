package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"runtime"
	"sync"
)

// BookSide is a side of an order book.
type BookSide int

const (
	BookBid BookSide = C.KALSHI_BOOK_BID // MDEntryType 0
	BookAsk BookSide = C.KALSHI_BOOK_ASK // MDEntryType 1 (offer)
)

// BookLevel is one aggregated price level.
type BookLevel struct {
	Price Price
	Size  Count
}

// Book keeps aggregated price levels per symbol (kalshi_book_t). Feed it the events of a
// KalshiMD session with ApplyEvent: snapshots (W) replace a symbol's book, incremental refreshes
// (X) set or delete levels, and a session leaving FixActive clears every book. Other feeds use
// SetLevel and Clear. Calls are serialised, so it is safe for concurrent use.
type Book struct {
	h   handle
	mu  sync.Mutex
	ptr *C.kalshi_book_t
}

// NewBook creates an empty book.
func NewBook() (*Book, error) {
	var p *C.kalshi_book_t
	if err := codeError(C.kalshi_book_new(&p)); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, newError(ErrInternal, "kalshi_book_new returned OK without a book")
	}
	b := &Book{ptr: p}
	liveHandles.Add(1)
	runtime.SetFinalizer(b, (*Book).Destroy)
	return b, nil
}

// Destroy releases the book. Idempotent.
func (b *Book) Destroy() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(b, nil)
	C.kalshi_book_destroy(b.ptr)
	b.ptr = nil
	liveHandles.Add(-1)
}

func (b *Book) with(f func(p *C.kalshi_book_t) C.kalshi_err_t) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.h.acquire() {
		return destroyedError("book")
	}
	defer b.h.release()
	rc := f(b.ptr)
	runtime.KeepAlive(b)
	return codeError(rc)
}

// withSymbol is with plus a C copy of symbol ("" passes NULL when allowNil).
func (b *Book) withSymbol(symbol string, allowNil bool, f func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t) error {
	var sym *C.char
	if symbol != "" || !allowNil {
		s, err := cstring("symbol", symbol)
		if err != nil {
			return err
		}
		defer freeC(s)
		sym = s
	}
	return b.with(func(p *C.kalshi_book_t) C.kalshi_err_t { return f(p, sym) })
}

// ApplyEvent applies an EventFixMessage (W or X; other message types are ignored), an
// EventFixState event (clears all books when the session is no longer active), or a successful
// EventRestResponse / EventRestPage with order book objects (RestGetOrderbook: replaces that
// ticker's book); other events change nothing. ErrProtocol for an entry that makes no sense:
// that symbol's book is then cleared. ErrClosed if the event was released.
func (b *Book) ApplyEvent(ev *Event) error {
	if ev == nil {
		return newError(ErrInvalidArg, "nil event")
	}
	if ev.Type == EventRestResponse || ev.Type == EventRestPage {
		if ev.Err != OK {
			return nil
		}
		return b.applyRestBooks(ev.Objects)
	}
	if ev.fix == nil {
		return nil
	}
	if !ev.fix.h.acquire() {
		return newError(ErrClosed, "event already released")
	}
	defer ev.fix.h.release()
	return b.with(func(p *C.kalshi_book_t) C.kalshi_err_t { return C.kalshi_book_apply_event(p, ev.fix.ptr) })
}

// applyRestBooks replaces the book of each "orderbook" (prediction: YES bids are bids, a NO bid
// at p is a YES ask at 1 - p, as on the exchange's single book) or "margin_orderbook" (bid/ask)
// object's ticker, as kalshi_book_apply_event does with the C event. The binding has copied the
// event's objects and freed it, so it replays them through the book's own setters, under one
// lock: other goroutines never see a half-replaced book.
func (b *Book) applyRestBooks(objs []*Object) error {
	for _, o := range objs {
		if o.Kind != "orderbook" && o.Kind != "margin_orderbook" {
			continue
		}
		ticker, err := o.Str("ticker")
		if err != nil || ticker == "" {
			return newErrorf(ErrProtocol, "%s without a ticker", o.Kind)
		}
		sym, err := cstring("ticker", ticker)
		if err != nil {
			return err
		}
		perps := o.Kind == "margin_orderbook"
		err = b.with(func(p *C.kalshi_book_t) C.kalshi_err_t {
			if rc := C.kalshi_book_clear(p, sym); rc != C.KALSHI_OK {
				return rc
			}
			for _, s := range o.sides {
				for _, l := range s.levels {
					side, px := C.kalshi_book_side_t(C.KALSHI_BOOK_ASK), l.Price
					switch {
					case perps && s.name == "bid", !perps && s.name == "yes":
						side = C.KALSHI_BOOK_BID
					case !perps:
						px = Price(PriceScale) - l.Price
					}
					if rc := C.kalshi_book_set_level(p, sym, side, C.kalshi_price_t(px), C.kalshi_count_t(l.Size)); rc != C.KALSHI_OK {
						C.kalshi_book_clear(p, sym)
						return C.KALSHI_ERR_PROTOCOL
					}
				}
			}
			return C.KALSHI_OK
		})
		freeC(sym)
		if err != nil {
			return err
		}
	}
	return nil
}

// ApplyFix applies one decoded W or X message (other message types are ignored).
func (b *Book) ApplyFix(m *FixMessage) error {
	var inner error
	if err := m.with(func(mp *C.kalshi_fix_msg_t) C.kalshi_err_t {
		inner = b.with(func(p *C.kalshi_book_t) C.kalshi_err_t { return C.kalshi_book_apply_fix(p, mp) })
		return C.KALSHI_OK
	}); err != nil {
		return err
	}
	return inner
}

// SetLevel sets a level's size (0 removes it).
func (b *Book) SetLevel(symbol string, side BookSide, price Price, size Count) error {
	return b.withSymbol(symbol, false, func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t {
		return C.kalshi_book_set_level(p, sym, C.kalshi_book_side_t(side), C.kalshi_price_t(price), C.kalshi_count_t(size))
	})
}

// Clear empties one symbol's book.
func (b *Book) Clear(symbol string) error {
	return b.withSymbol(symbol, false, func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t {
		return C.kalshi_book_clear(p, sym)
	})
}

// ClearAll removes every symbol's book.
func (b *Book) ClearAll() error {
	return b.with(func(p *C.kalshi_book_t) C.kalshi_err_t { return C.kalshi_book_clear(p, nil) })
}

// Best is the best level of a side; ErrNotFound when that side is empty or the symbol unknown.
func (b *Book) Best(symbol string, side BookSide) (BookLevel, error) {
	var px C.kalshi_price_t
	var sz C.kalshi_count_t
	err := b.withSymbol(symbol, false, func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t {
		return C.kalshi_book_best(p, sym, C.kalshi_book_side_t(side), &px, &sz)
	})
	return BookLevel{Price(px), Count(sz)}, err
}

// Depth is the number of levels on a side (0 for an unknown symbol).
func (b *Book) Depth(symbol string, side BookSide) int {
	var n int
	_ = b.withSymbol(symbol, false, func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t {
		n = int(C.kalshi_book_depth(p, sym, C.kalshi_book_side_t(side)))
		return C.KALSHI_OK
	})
	return n
}

// Level is level index from the best (0 = best); ErrNotFound past the end.
func (b *Book) Level(symbol string, side BookSide, index int) (BookLevel, error) {
	if index < 0 {
		return BookLevel{}, newError(ErrNotFound, "negative level index")
	}
	var px C.kalshi_price_t
	var sz C.kalshi_count_t
	err := b.withSymbol(symbol, false, func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t {
		return C.kalshi_book_level(p, sym, C.kalshi_book_side_t(side), C.size_t(index), &px, &sz)
	})
	return BookLevel{Price(px), Count(sz)}, err
}

// Levels is every level of a side, best first.
func (b *Book) Levels(symbol string, side BookSide) ([]BookLevel, error) {
	var out []BookLevel
	err := b.withSymbol(symbol, false, func(p *C.kalshi_book_t, sym *C.char) C.kalshi_err_t {
		n := int(C.kalshi_book_depth(p, sym, C.kalshi_book_side_t(side)))
		out = make([]BookLevel, 0, n)
		for i := 0; i < n; i++ {
			var px C.kalshi_price_t
			var sz C.kalshi_count_t
			if rc := C.kalshi_book_level(p, sym, C.kalshi_book_side_t(side), C.size_t(i), &px, &sz); rc != C.KALSHI_OK {
				return rc
			}
			out = append(out, BookLevel{Price(px), Count(sz)})
		}
		return C.KALSHI_OK
	})
	return out, err
}

// Symbols lists the symbols with a book (possibly empty after a snapshot with no levels), sorted.
func (b *Book) Symbols() []string {
	var out []string
	_ = b.with(func(p *C.kalshi_book_t) C.kalshi_err_t {
		n := int(C.kalshi_book_symbol_count(p))
		out = make([]string, 0, n)
		for i := 0; i < n; i++ {
			if s := C.kalshi_book_symbol_at(p, C.size_t(i)); s != nil {
				out = append(out, C.GoString(s))
			}
		}
		return C.KALSHI_OK
	})
	return out
}

// ---- settlement reassembly ---------------------------------------------------------------

// SettlementParty is one party of a settlement report.
type SettlementParty struct {
	ID     string
	Long   Count // YES contracts held
	Short  Count // NO contracts held
	Payout Price // payout after fee, dollars at the price scale
	Fee    Price // dollars at the price scale
}

// Settlement is a whole MarketSettlementReport (UMS), its pages joined, copied into Go memory.
type Settlement struct {
	Symbol        string
	Result        string // yes / no / scalar
	BusinessDate  int32  // ClearingBusinessDate as yyyymmdd
	Price         Price  // SettlementPrice
	Pages         int    // pages joined
	DeclaredPages int    // TotNumMarketSettlementReports when sent, else 0
	Parties       []SettlementParty
}

// SettlementAssembler joins the pages of MarketSettlementReports (35=UMS; pages share Symbol,
// the last has LastFragment=Y) (kalshi_settlement_assembler_t). Calls are serialised.
type SettlementAssembler struct {
	h   handle
	mu  sync.Mutex
	ptr *C.kalshi_settlement_assembler_t
}

// NewSettlementAssembler creates an assembler with nothing pending.
func NewSettlementAssembler() (*SettlementAssembler, error) {
	var p *C.kalshi_settlement_assembler_t
	if err := codeError(C.kalshi_settlement_assembler_new(&p)); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, newError(ErrInternal, "kalshi_settlement_assembler_new returned OK without an assembler")
	}
	a := &SettlementAssembler{ptr: p}
	liveHandles.Add(1)
	runtime.SetFinalizer(a, (*SettlementAssembler).Destroy)
	return a, nil
}

// Destroy releases the assembler and any unfinished report. Idempotent.
func (a *SettlementAssembler) Destroy() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(a, nil)
	C.kalshi_settlement_assembler_destroy(a.ptr)
	a.ptr = nil
	liveHandles.Add(-1)
}

// Add adds one UMS page. It returns the report when the page completes one (LastFragment=Y, or
// a standalone report), else nil. A repeated page is ignored. ErrInvalidArg when m is not a UMS
// message.
func (a *SettlementAssembler) Add(m *FixMessage) (*Settlement, error) {
	var r *C.kalshi_settlement_t
	var e *C.kalshi_error_t
	var rc C.kalshi_err_t
	err := m.with(func(mp *C.kalshi_fix_msg_t) C.kalshi_err_t {
		a.mu.Lock()
		defer a.mu.Unlock()
		if !a.h.acquire() {
			return C.KALSHI_ERR_CLOSED
		}
		defer a.h.release()
		rc = C.kalshi_settlement_assembler_add(a.ptr, mp, &r, &e)
		runtime.KeepAlive(a)
		return C.KALSHI_OK
	})
	if err != nil {
		return nil, err
	}
	if err := takeError(rc, e); err != nil {
		if r != nil {
			C.kalshi_settlement_destroy(r)
		}
		return nil, err
	}
	if r == nil {
		return nil, nil
	}
	defer C.kalshi_settlement_destroy(r)
	s := &Settlement{
		Symbol:        goStr(C.kalshi_settlement_symbol(r)),
		Result:        goStr(C.kalshi_settlement_result(r)),
		BusinessDate:  int32(C.kalshi_settlement_business_date(r)),
		Price:         Price(C.kalshi_settlement_price(r)),
		Pages:         int(C.kalshi_settlement_page_count(r)),
		DeclaredPages: int(C.kalshi_settlement_declared_pages(r)),
	}
	n := int(C.kalshi_settlement_party_count(r))
	s.Parties = make([]SettlementParty, 0, n)
	for i := 0; i < n; i++ {
		var id *C.char
		var lq, sq C.kalshi_count_t
		var payout, fee C.int64_t
		if rc := C.kalshi_settlement_party(r, C.size_t(i), &id, &lq, &sq, &payout, &fee); rc != C.KALSHI_OK {
			return nil, codeError(rc)
		}
		s.Parties = append(s.Parties, SettlementParty{ID: goStr(id), Long: Count(lq), Short: Count(sq),
			Payout: Price(payout), Fee: Price(fee)})
	}
	return s, nil
}

// Pending is the number of reports still waiting for their last page (0 once destroyed).
func (a *SettlementAssembler) Pending() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.h.acquire() {
		return 0
	}
	defer a.h.release()
	n := int(C.kalshi_settlement_assembler_pending(a.ptr))
	runtime.KeepAlive(a)
	return n
}

func goStr(p *C.char) string {
	if p == nil {
		return ""
	}
	return C.GoString(p)
}
