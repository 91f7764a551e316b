//! Local order books and settlement reassembly (`include/kalshi/book.h`). Neither object is
//! thread-safe in C; here they are `Send` (not `Sync`) and mutate through `&mut self`.

use std::ffi::{c_char, CStr};
use std::fmt;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::c_arg;
use crate::{Count, Error, ErrorCode, Event, FixMsg, Price, Result};

/// A side of a book (`kalshi_book_side_t`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum BookSide {
    /// MDEntryType 0.
    Bid,
    /// MDEntryType 1 (offer).
    Ask,
}

impl BookSide {
    pub(crate) fn raw(self) -> sys::kalshi_book_side_t {
        match self {
            BookSide::Bid => sys::KALSHI_BOOK_BID,
            BookSide::Ask => sys::KALSHI_BOOK_ASK,
        }
    }
}

/// One aggregated price level.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct Level {
    pub price: Price,
    pub size: Count,
}

/// NUL-terminated library text as `&str` (`""` if it is not UTF-8; symbols are ASCII).
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string valid for `'a`.
unsafe fn borrowed_str<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        ""
    } else {
        CStr::from_ptr(p).to_str().unwrap_or("")
    }
}

/// Aggregated price levels per symbol (`kalshi_book_t`). Feed it the events of a KalshiMD
/// session with [`apply_event`](Self::apply_event): snapshots (35=W) replace a symbol's book,
/// incremental refreshes (35=X) set or delete levels, and a session leaving ACTIVE clears every
/// book (the resubscription sends fresh snapshots). Other feeds use
/// [`set_level`](Self::set_level) and [`clear`](Self::clear).
pub struct Book {
    raw: NonNull<sys::kalshi_book_t>,
}

// SAFETY: usable from one thread at a time (book.h); mutation needs `&mut self`, and without
// `Sync` no two threads can read it at once.
unsafe impl Send for Book {}

impl Book {
    pub fn new() -> Result<Book> {
        let mut out = ptr::null_mut();
        Error::check(unsafe { sys::kalshi_book_new(&mut out) })?;
        NonNull::new(out)
            .map(|raw| Book { raw })
            .ok_or_else(|| Error::new(ErrorCode::NO_MEMORY, "kalshi_book_new"))
    }

    /// Applies a FIX_MESSAGE (W or X; other message types are ignored) or a FIX_STATE event;
    /// other events change nothing. `PROTOCOL` for a W/X entry that makes no sense (unknown entry
    /// type, negative size); that symbol's book is then cleared.
    pub fn apply_event(&mut self, ev: &Event) -> Result<()> {
        Error::check(unsafe { sys::kalshi_book_apply_event(self.raw.as_ptr(), ev.as_ptr()) })
    }

    /// Applies one decoded W or X message, as [`apply_event`](Self::apply_event) does.
    pub fn apply_fix(&mut self, m: FixMsg<'_>) -> Result<()> {
        Error::check(unsafe { sys::kalshi_book_apply_fix(self.raw.as_ptr(), m.as_ptr()) })
    }

    /// Sets a level's size (zero removes it).
    pub fn set_level(&mut self, symbol: &str, side: BookSide, price: Price, size: Count) -> Result<()> {
        let s = c_arg("symbol", symbol)?;
        Error::check(unsafe {
            sys::kalshi_book_set_level(self.raw.as_ptr(), s.as_ptr(), side.raw(), price.raw(), size.raw())
        })
    }

    /// Clears one symbol's book, or every book with `None`.
    pub fn clear(&mut self, symbol: Option<&str>) -> Result<()> {
        let s = symbol.map(|s| c_arg("symbol", s)).transpose()?;
        Error::check(unsafe { sys::kalshi_book_clear(self.raw.as_ptr(), s.as_ref().map_or(ptr::null(), |c| c.as_ptr())) })
    }

    /// The best level; `None` when that side is empty or the symbol unknown.
    pub fn best(&self, symbol: &str, side: BookSide) -> Option<Level> {
        let s = c_arg("symbol", symbol).ok()?;
        let (mut price, mut size) = (0, 0);
        let rc = unsafe { sys::kalshi_book_best(self.raw.as_ptr(), s.as_ptr(), side.raw(), &mut price, &mut size) };
        (rc == sys::KALSHI_OK).then_some(Level { price: Price(price), size: Count(size) })
    }

    /// Number of levels on a side (0 for an unknown symbol).
    pub fn depth(&self, symbol: &str, side: BookSide) -> usize {
        match c_arg("symbol", symbol) {
            Ok(s) => unsafe { sys::kalshi_book_depth(self.raw.as_ptr(), s.as_ptr(), side.raw()) },
            Err(_) => 0,
        }
    }

    /// Level `index` counted from the best (0 = best); `None` past the end.
    pub fn level(&self, symbol: &str, side: BookSide, index: usize) -> Option<Level> {
        let s = c_arg("symbol", symbol).ok()?;
        let (mut price, mut size) = (0, 0);
        let rc = unsafe {
            sys::kalshi_book_level(self.raw.as_ptr(), s.as_ptr(), side.raw(), index, &mut price, &mut size)
        };
        (rc == sys::KALSHI_OK).then_some(Level { price: Price(price), size: Count(size) })
    }

    /// Every level of a side, best first.
    pub fn levels(&self, symbol: &str, side: BookSide) -> Vec<Level> {
        (0..self.depth(symbol, side)).map_while(|i| self.level(symbol, side, i)).collect()
    }

    /// Symbols with a book (possibly empty after a snapshot with no levels).
    pub fn symbol_count(&self) -> usize {
        unsafe { sys::kalshi_book_symbol_count(self.raw.as_ptr()) }
    }

    /// The `index`-th symbol in sorted order.
    pub fn symbol_at(&self, index: usize) -> Option<&str> {
        let p = unsafe { sys::kalshi_book_symbol_at(self.raw.as_ptr(), index) };
        // SAFETY: valid until the book changes, which needs `&mut self`.
        (!p.is_null()).then(|| unsafe { borrowed_str(p) })
    }

    /// Every symbol with a book, sorted.
    pub fn symbols(&self) -> Vec<&str> {
        (0..self.symbol_count()).filter_map(|i| self.symbol_at(i)).collect()
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_book_t {
        self.raw.as_ptr()
    }

    /// For C calls that fill the book (`kalshi_ws_book_copy`).
    pub fn as_mut_ptr(&mut self) -> *mut sys::kalshi_book_t {
        self.raw.as_ptr()
    }
}

impl Drop for Book {
    fn drop(&mut self) {
        unsafe { sys::kalshi_book_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Book").field("symbols", &self.symbols()).finish()
    }
}

/// Joins the pages of a MarketSettlementReport (35=UMS; pages share Symbol, the last has
/// LastFragment=Y) into one [`Settlement`] (`kalshi_settlement_assembler_t`).
pub struct SettlementAssembler {
    raw: NonNull<sys::kalshi_settlement_assembler_t>,
}

// SAFETY: usable from one thread at a time; mutation needs `&mut self`.
unsafe impl Send for SettlementAssembler {}

impl SettlementAssembler {
    pub fn new() -> Result<SettlementAssembler> {
        let mut out = ptr::null_mut();
        Error::check(unsafe { sys::kalshi_settlement_assembler_new(&mut out) })?;
        NonNull::new(out)
            .map(|raw| SettlementAssembler { raw })
            .ok_or_else(|| Error::new(ErrorCode::NO_MEMORY, "kalshi_settlement_assembler_new"))
    }

    /// Adds one UMS page; returns the report it completes (LastFragment=Y, or a standalone report
    /// without LastFragment), else `None`. A repeated page is ignored. `INVALID_ARG` when `m` is
    /// not a UMS message.
    pub fn add(&mut self, m: FixMsg<'_>) -> Result<Option<Settlement>> {
        let mut out = ptr::null_mut();
        Error::call(|e| unsafe { sys::kalshi_settlement_assembler_add(self.raw.as_ptr(), m.as_ptr(), &mut out, e) })?;
        Ok(NonNull::new(out).map(|raw| Settlement { raw }))
    }

    /// Reports still waiting for their last page.
    pub fn pending(&self) -> usize {
        unsafe { sys::kalshi_settlement_assembler_pending(self.raw.as_ptr()) }
    }
}

impl Drop for SettlementAssembler {
    fn drop(&mut self) {
        unsafe { sys::kalshi_settlement_assembler_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for SettlementAssembler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SettlementAssembler").field("pending", &self.pending()).finish()
    }
}

/// A whole market settlement report (`kalshi_settlement_t`), owned.
pub struct Settlement {
    raw: NonNull<sys::kalshi_settlement_t>,
}

// SAFETY: an immutable heap object once assembled, without thread affinity.
unsafe impl Send for Settlement {}

/// One party of a [`Settlement`].
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct SettlementParty<'a> {
    pub party_id: &'a str,
    /// YES contracts held.
    pub long_qty: Count,
    /// NO contracts held.
    pub short_qty: Count,
    /// Payout after the fee, in dollars at the price scale (x 10^6).
    pub payout: Price,
    /// The fee, in dollars at the price scale (x 10^6).
    pub fee: Price,
}

impl Settlement {
    fn ptr(&self) -> *const sys::kalshi_settlement_t {
        self.raw.as_ptr()
    }
    /// Symbol(55).
    pub fn symbol(&self) -> &str {
        unsafe { borrowed_str(sys::kalshi_settlement_symbol(self.ptr())) }
    }
    /// `"yes"`, `"no"` or `"scalar"`.
    pub fn result(&self) -> &str {
        unsafe { borrowed_str(sys::kalshi_settlement_result(self.ptr())) }
    }
    /// ClearingBusinessDate as yyyymmdd.
    pub fn business_date(&self) -> i32 {
        unsafe { sys::kalshi_settlement_business_date(self.ptr()) }
    }
    /// SettlementPrice (cents on the wire) as a price: 30.60 cents is `Price(306_000)`.
    pub fn price(&self) -> Price {
        Price(unsafe { sys::kalshi_settlement_price(self.ptr()) })
    }
    /// Pages joined.
    pub fn page_count(&self) -> usize {
        unsafe { sys::kalshi_settlement_page_count(self.ptr()) }
    }
    /// TotNumMarketSettlementReports when the exchange sent it, else 0.
    pub fn declared_pages(&self) -> usize {
        unsafe { sys::kalshi_settlement_declared_pages(self.ptr()) }
    }
    pub fn party_count(&self) -> usize {
        unsafe { sys::kalshi_settlement_party_count(self.ptr()) }
    }
    /// Party `index`; `None` past the end.
    pub fn party(&self, index: usize) -> Option<SettlementParty<'_>> {
        let mut id: *const c_char = ptr::null();
        let (mut long_qty, mut short_qty, mut payout, mut fee) = (0, 0, 0, 0);
        let rc = unsafe {
            sys::kalshi_settlement_party(self.ptr(), index, &mut id, &mut long_qty, &mut short_qty, &mut payout, &mut fee)
        };
        (rc == sys::KALSHI_OK).then(|| SettlementParty {
            // SAFETY: valid until the settlement is destroyed.
            party_id: unsafe { borrowed_str(id) },
            long_qty: Count(long_qty),
            short_qty: Count(short_qty),
            payout: Price(payout),
            fee: Price(fee),
        })
    }
    /// Every party in order.
    pub fn parties(&self) -> impl Iterator<Item = SettlementParty<'_>> + '_ {
        (0..self.party_count()).map_while(move |i| self.party(i))
    }
}

impl Drop for Settlement {
    fn drop(&mut self) {
        unsafe { sys::kalshi_settlement_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Settlement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settlement")
            .field("symbol", &self.symbol())
            .field("result", &self.result())
            .field("business_date", &self.business_date())
            .field("price", &self.price())
            .field("page_count", &self.page_count())
            .field("parties", &self.parties().collect::<Vec<_>>())
            .finish()
    }
}
