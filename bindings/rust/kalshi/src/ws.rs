//! WebSocket (`include/kalshi/ws.h`): every channel of the prediction and perps streams, with
//! local order books kept from `orderbook_delta`.
//!
//! The library signs the handshake on every connect, keeps the connection alive, reconnects with
//! backoff and resubscribes; it checks each subscription's sequence numbers and, on a gap, clears
//! that subscription's books, emits [`EventType::WS_RESYNC`](crate::EventType::WS_RESYNC) and
//! resubscribes for a fresh snapshot. Events arrive on the client's [`Queue`](crate::Queue):
//! `WS_STATE`, `WS_MESSAGE`, `WS_REPLY` (with the command's user tag), `WS_RESYNC`, `BOOK_TOP`
//! and, last, `WS_CLOSED`.

use std::ffi::{c_char, c_int, CString};
use std::fmt;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::{c_arg, static_str};
use crate::rest::event_str;
use crate::{Book, BookSide, Client, Conf, Count, Error, ErrorCode, Event, Level, Price, Result};

/// A WebSocket connection's state (`kalshi_ws_state_t`); an open set, as the C enum is
/// append-only.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct WsState(pub u32);

impl WsState {
    /// DNS, TCP, TLS, the upgrade.
    pub const CONNECTING: WsState = WsState(sys::KALSHI_WS_CONNECTING);
    /// Upgraded: commands go out, messages come in.
    pub const OPEN: WsState = WsState(sys::KALSHI_WS_OPEN);
    /// Lost; waiting out the backoff before connecting again.
    pub const RECONNECTING: WsState = WsState(sys::KALSHI_WS_RECONNECTING);
    /// Close frame sent, waiting for the answer.
    pub const CLOSING: WsState = WsState(sys::KALSHI_WS_CLOSING);
    /// Finished.
    pub const CLOSED: WsState = WsState(sys::KALSHI_WS_CLOSED);

    /// The library's name for the state (`kalshi_ws_state_name`).
    pub fn name(self) -> &'static str {
        static_str(unsafe { sys::kalshi_ws_state_name(self.0) })
    }
}

impl fmt::Debug for WsState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl fmt::Display for WsState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How [`WebSocket::update_subscription`] changes a subscription's markets.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum WsUpdate {
    AddMarkets,
    DeleteMarkets,
}

impl WsUpdate {
    /// `"add_markets"` or `"delete_markets"`, as the spec spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            WsUpdate::AddMarkets => "add_markets",
            WsUpdate::DeleteMarkets => "delete_markets",
        }
    }
}

/// NUL-terminated copies of `items` and the pointer array the C API takes (NULL when empty).
struct CStrings {
    _owned: Vec<CString>,
    ptrs: Vec<*const c_char>,
}

impl CStrings {
    fn new(what: &str, items: &[&str]) -> Result<CStrings> {
        let owned = items.iter().map(|s| c_arg(what, s)).collect::<Result<Vec<_>>>()?;
        let ptrs = owned.iter().map(|c| c.as_ptr()).collect();
        Ok(CStrings { _owned: owned, ptrs })
    }
    fn as_ptr(&self) -> *const *const c_char {
        if self.ptrs.is_empty() {
            ptr::null()
        } else {
            self.ptrs.as_ptr()
        }
    }
    fn len(&self) -> usize {
        self.ptrs.len()
    }
}

/// One WebSocket connection (`kalshi_ws_t`) on a client's loop. It holds a reference on its
/// client, so it may outlive the [`Client`]. Dropping it closes it if needed and releases it.
///
/// Commands return once validated and queued; the exchange's answer is a `WS_REPLY` event with
/// the command's user tag (the new sid for a subscribe, or the error).
pub struct WebSocket {
    raw: NonNull<sys::kalshi_ws_t>,
}

// SAFETY: every kalshi_ws_* function is thread-safe (ARCHITECTURE §4; ws.h: book reads are
// consistent from any thread); inputs are copied before the calls return.
unsafe impl Send for WebSocket {}
unsafe impl Sync for WebSocket {}

impl WebSocket {
    /// Starts connecting (the client's conf overlaid with `ws.*` `overrides`, e.g.
    /// `ws.product=perps`). The signing keys are the client's (`auth.*`, `perps.auth.*` in its
    /// conf): overrides cannot bring one. Errors known before any traffic come back here
    /// (`INVALID_ARG` without a key, `INVALID_VALUE`, `HOST_NOT_ALLOWED`, `CLOSED`, ...).
    pub fn open(client: &Client, overrides: Option<&Conf>, user_tag: u64) -> Result<WebSocket> {
        let mut out = ptr::null_mut();
        Error::call(|e| unsafe {
            sys::kalshi_ws_open(client.as_ptr(), overrides.map_or(ptr::null(), |c| c.as_ptr()), user_tag, &mut out, e)
        })?;
        NonNull::new(out)
            .map(|raw| WebSocket { raw })
            .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_ws_open returned OK without a connection"))
    }

    /// Subscribes to `channels` ("orderbook_delta", "ticker", "trade", "fill", ... as the spec
    /// names them) for `market_tickers` (empty for channels that take none).
    pub fn subscribe(&self, channels: &[&str], market_tickers: &[&str], user_tag: u64) -> Result<()> {
        let ch = CStrings::new("channel", channels)?;
        let mt = CStrings::new("market ticker", market_tickers)?;
        Error::call(|e| unsafe {
            sys::kalshi_ws_subscribe(self.raw.as_ptr(), ch.as_ptr(), ch.len(), mt.as_ptr(), mt.len(), user_tag, e)
        })
    }

    /// Ends a subscription by the sid a `WS_REPLY` or `WS_MESSAGE` gave (still valid across
    /// reconnects and resyncs).
    pub fn unsubscribe(&self, sid: u64, user_tag: u64) -> Result<()> {
        Error::call(|e| unsafe { sys::kalshi_ws_unsubscribe(self.raw.as_ptr(), sid, user_tag, e) })
    }

    /// Adds markets to, or removes them from, a subscription.
    pub fn update_subscription(&self, sid: u64, action: WsUpdate, market_tickers: &[&str], user_tag: u64) -> Result<()> {
        let a = c_arg("action", action.as_str())?;
        let mt = CStrings::new("market ticker", market_tickers)?;
        Error::call(|e| unsafe {
            sys::kalshi_ws_update_subscription(self.raw.as_ptr(), sid, a.as_ptr(), mt.as_ptr(), mt.len(), user_tag, e)
        })
    }

    /// Asks the exchange for the connection's subscriptions; the answer's JSON is the
    /// `WS_REPLY` event's [`Event::data`].
    pub fn list_subscriptions(&self, user_tag: u64) -> Result<()> {
        Error::call(|e| unsafe { sys::kalshi_ws_list_subscriptions(self.raw.as_ptr(), user_tag, e) })
    }

    /// The last state reported.
    pub fn state(&self) -> WsState {
        WsState(unsafe { sys::kalshi_ws_state(self.raw.as_ptr()) })
    }

    /// Messages dropped so far by the `drop_oldest` overflow policy (`ws.overflow`).
    pub fn dropped(&self) -> u64 {
        unsafe { sys::kalshi_ws_dropped(self.raw.as_ptr()) }
    }

    /// The best level of a market's local book (prediction: YES bids are bids, NO bids are asks
    /// at 1 - price); `None` for an unknown market or an empty side.
    pub fn book_best(&self, market_ticker: &str, side: BookSide) -> Option<Level> {
        let t = c_arg("market ticker", market_ticker).ok()?;
        let (mut price, mut size) = (0, 0);
        let rc = unsafe {
            sys::kalshi_ws_book_best(self.raw.as_ptr(), t.as_ptr(), side.raw() as c_int, &mut price, &mut size)
        };
        (rc == sys::KALSHI_OK).then_some(Level { price: Price(price), size: Count(size) })
    }

    /// Copies one market's local book into `into`, replacing that symbol there (a consistent
    /// snapshot to read level by level). `NOT_FOUND` for a market with no book.
    pub fn book_copy(&self, market_ticker: &str, into: &mut Book) -> Result<()> {
        let t = c_arg("market ticker", market_ticker)?;
        let b = into.as_mut_ptr();
        Error::call(|e| unsafe { sys::kalshi_ws_book_copy(self.raw.as_ptr(), t.as_ptr(), b, e) })
    }

    /// Graceful close (a close frame; subscriptions are not ended one by one); `WS_CLOSED`
    /// follows. Idempotent.
    pub fn close(&self) -> Result<()> {
        Error::check(unsafe { sys::kalshi_ws_close(self.raw.as_ptr()) })
    }

    pub fn as_ptr(&self) -> *mut sys::kalshi_ws_t {
        self.raw.as_ptr()
    }
}

impl Drop for WebSocket {
    fn drop(&mut self) {
        unsafe { sys::kalshi_ws_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for WebSocket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebSocket")
            .field("state", &self.state())
            .field("dropped", &self.dropped())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// [`WebSocket::open`] on this client.
    pub fn open_ws(&self, overrides: Option<&Conf>, user_tag: u64) -> Result<WebSocket> {
        WebSocket::open(self, overrides, user_tag)
    }
}

impl Event {
    /// The state a `WS_STATE` event reports.
    pub fn ws_state(&self) -> WsState {
        WsState(unsafe { sys::kalshi_event_ws_state(self.as_ptr()) })
    }

    /// The channel of a `WS_MESSAGE` ("orderbook_delta", "ticker", ...; "raw" for a message the
    /// library does not know); `""` for other events.
    pub fn ws_channel(&self) -> &str {
        // SAFETY: owned by the event, valid for the borrow of self.
        unsafe { event_str(sys::kalshi_event_ws_channel(self.as_ptr())) }
    }

    /// The message's `type` ("orderbook_snapshot", "orderbook_delta", "subscribed", ...).
    pub fn ws_type(&self) -> &str {
        // SAFETY: owned by the event, valid for the borrow of self.
        unsafe { event_str(sys::kalshi_event_ws_type(self.as_ptr())) }
    }

    /// The subscription id of a message, reply (subscribe) or resync; 0 when none.
    pub fn ws_sid(&self) -> u64 {
        unsafe { sys::kalshi_event_ws_sid(self.as_ptr()) }
    }

    /// The message's sequence number within its subscription; 0 when the channel has none.
    pub fn ws_seq(&self) -> u64 {
        unsafe { sys::kalshi_event_ws_seq(self.as_ptr()) }
    }

    /// The market ticker a message or `BOOK_TOP` is about (`""` when none).
    pub fn ws_market(&self) -> &str {
        // SAFETY: owned by the event, valid for the borrow of self.
        unsafe { event_str(sys::kalshi_event_ws_market(self.as_ptr())) }
    }
}
