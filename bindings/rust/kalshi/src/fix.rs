//! FIX sessions (FIXT.1.1 / FIX 5.0 SP2) with Kalshi's gateways: opening, sending, and reading
//! the decoded messages the exchange sends (`include/kalshi/fix.h`).
//!
//! Prices are [`Price`] (dollars x 10^6) and quantities [`Count`] (contracts x 10^2) in both
//! directions whatever the wire format; the library converts exactly and refuses what the wire
//! cannot carry (`INEXACT`). Tags and their meaning: `docs/FIX_MESSAGES.md`.

use std::ffi::{c_char, CStr, CString};
use std::fmt;
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::{c_arg, static_str};
use crate::{Client, Conf, Count, Error, ErrorCode, Event, Price, Result};

/// A FIX session's state (`kalshi_fix_state_t`); an open set, as the C enum is append-only.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct FixState(pub u32);

impl FixState {
    /// No connection (waiting to reconnect, or finished).
    pub const DISCONNECTED: FixState = FixState(sys::KALSHI_FIX_DISCONNECTED);
    /// DNS, TCP, TLS.
    pub const CONNECTING: FixState = FixState(sys::KALSHI_FIX_CONNECTING);
    /// Logon sent, waiting for the exchange's.
    pub const LOGGING_ON: FixState = FixState(sys::KALSHI_FIX_LOGGING_ON);
    /// Logged on: messages can be sent.
    pub const ACTIVE: FixState = FixState(sys::KALSHI_FIX_ACTIVE);
    /// Logout sent, waiting for the answer.
    pub const LOGGING_OUT: FixState = FixState(sys::KALSHI_FIX_LOGGING_OUT);

    /// `"KALSHI_FIX_ACTIVE"` etc. (`kalshi_fix_state_name`).
    pub fn name(self) -> &'static str {
        static_str(unsafe { sys::kalshi_fix_state_name(self.0) })
    }
}

impl fmt::Debug for FixState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl fmt::Display for FixState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which Kalshi product a wire format belongs to (`kalshi_product_t`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Product {
    /// Event contracts.
    Prediction,
    /// Perps.
    Margin,
}

impl Product {
    fn raw(self) -> sys::kalshi_product_t {
        match self {
            Product::Prediction => sys::KALSHI_PRODUCT_PREDICTION,
            Product::Margin => sys::KALSHI_PRODUCT_MARGIN,
        }
    }
}

/// Side(54): `'1'` buy (YES / bid), `'2'` sell (NO / ask).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Side {
    Buy,
    Sell,
}

impl Side {
    /// The wire character.
    pub fn as_char(self) -> char {
        match self {
            Side::Buy => '1',
            Side::Sell => '2',
        }
    }
    /// `None` for characters other than `'1'` and `'2'`.
    pub fn from_char(c: char) -> Option<Side> {
        match c {
            '1' => Some(Side::Buy),
            '2' => Some(Side::Sell),
            _ => None,
        }
    }
    fn raw(self) -> c_char {
        self.as_char() as u8 as c_char
    }
}

/// TimeInForce(59).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum TimeInForce {
    /// `'0'`
    Day,
    /// `'1'`
    GoodTillCancel,
    /// `'3'`
    ImmediateOrCancel,
    /// `'4'`
    FillOrKill,
}

impl TimeInForce {
    /// The wire character.
    pub fn as_char(self) -> char {
        match self {
            TimeInForce::Day => '0',
            TimeInForce::GoodTillCancel => '1',
            TimeInForce::ImmediateOrCancel => '3',
            TimeInForce::FillOrKill => '4',
        }
    }
}

/// SubscriptionRequestType(263) of market data and security status requests.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum SubscriptionRequestType {
    /// `'0'` (market data only).
    Snapshot,
    /// `'1'`
    Subscribe,
    /// `'2'`
    Unsubscribe,
}

impl SubscriptionRequestType {
    fn raw(self) -> c_char {
        (match self {
            SubscriptionRequestType::Snapshot => b'0',
            SubscriptionRequestType::Subscribe => b'1',
            SubscriptionRequestType::Unsubscribe => b'2',
        }) as c_char
    }
}

/// The action of an order group message ([`FixSession::send_order_group`]).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum OrderGroupAction {
    /// Create a group (no group id; the limit is sent).
    Create = 1,
    Reset = 2,
    Delete = 3,
    Trigger = 4,
    /// Change the limit (sent).
    Update = 5,
}

/// A NewOrderSingle for [`FixSession::send_new_order`] (the [`FixBuilder`] covers every optional
/// field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrder<'a> {
    pub cl_ord_id: &'a str,
    pub symbol: &'a str,
    pub side: Side,
    pub price: Price,
    pub qty: Count,
    /// `None` omits TimeInForce.
    pub tif: Option<TimeInForce>,
}

/// An OrderCancelReplaceRequest for [`FixSession::send_replace`]: the new total quantity and
/// price. TimeInForce is omitted, which keeps the order's expiry (Kalshi rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace<'a> {
    pub cl_ord_id: &'a str,
    pub orig_cl_ord_id: &'a str,
    pub symbol: &'a str,
    pub side: Side,
    pub price: Price,
    pub qty: Count,
}

fn ascii_char(tag: u32, c: char) -> Result<c_char> {
    if c.is_ascii() && c != '\0' {
        Ok(c as u8 as c_char)
    } else {
        Err(Error::new(ErrorCode::INVALID_ARG, format!("tag {tag}: {c:?} is not a printable ASCII character")))
    }
}

fn opt_arg(what: &str, s: Option<&str>) -> Result<Option<CString>> {
    s.map(|s| c_arg(what, s)).transpose()
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |c| c.as_ptr())
}

/// Runs a send call and returns the MsgSeqNum it reported.
fn send_with(f: impl FnOnce(*mut u64, *mut *mut sys::kalshi_error_t) -> sys::kalshi_err_t) -> Result<u64> {
    let mut seq = 0u64;
    Error::call(|e| f(&mut seq, e))?;
    Ok(seq)
}

/// One FIX session (`kalshi_fix_session_t`): a logged-on connection of one type (KalshiNR, RT,
/// DC, PT, RFQ or MD). Its events ([`EventType::FIX_STATE`](crate::EventType::FIX_STATE),
/// `FIX_MESSAGE`, ..., `FIX_CLOSED` last) arrive on the client's [`Queue`](crate::Queue) with the
/// session's user tag. The session holds a reference on its client, so it may outlive the
/// [`Client`]. Dropping it closes it if needed and releases it.
///
/// Every send validates and encodes on the calling thread, so a malformed message fails at once
/// (`INVALID_ARG`, `INVALID_VALUE`, `INEXACT`, `NOT_SUPPORTED`). From a thread other than the
/// client's loop the message is queued and the returned MsgSeqNum is 0; if the session is not
/// logged on when it gets there, a `FIX_SEND_FAILED` event with the send's user tag reports it.
/// On the loop thread (caller mode) it is sent at once, the MsgSeqNum is returned, and `STATE`
/// means the session is not logged on.
pub struct FixSession {
    raw: NonNull<sys::kalshi_fix_session_t>,
}

// SAFETY: every kalshi_fix_session_* / kalshi_fix_send* function is thread-safe (ARCHITECTURE §4);
// inputs are copied before the calls return.
unsafe impl Send for FixSession {}
unsafe impl Sync for FixSession {}

impl FixSession {
    /// Validates the settings (the client's conf overlaid with `overrides`: `fix.session`,
    /// `fix.product`, `fix.logon.*`, ...) and starts connecting. Errors known before any traffic
    /// come back here: `INVALID_VALUE`, `KEY_UNSUPPORTED` (no RSA key), `HOST_NOT_ALLOWED`, `IO`
    /// (store directory), `CLOSED`.
    pub fn open(client: &Client, overrides: Option<&Conf>, user_tag: u64) -> Result<FixSession> {
        let mut out = ptr::null_mut();
        Error::call(|e| unsafe {
            sys::kalshi_fix_session_open(
                client.as_ptr(),
                overrides.map_or(ptr::null(), |c| c.as_ptr()),
                user_tag,
                &mut out,
                e,
            )
        })?;
        NonNull::new(out)
            .map(|raw| FixSession { raw })
            .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_fix_session_open returned OK without a session"))
    }

    /// Graceful: Logout, wait for the answer (bounded), close; `FIX_CLOSED` follows. Idempotent.
    pub fn close(&self) -> Result<()> {
        Error::check(unsafe { sys::kalshi_fix_session_close(self.raw.as_ptr()) })
    }

    /// The last state reported.
    pub fn state(&self) -> FixState {
        FixState(unsafe { sys::kalshi_fix_session_state(self.raw.as_ptr()) })
    }

    /// The MsgSeqNum the next outgoing message gets (as of the last loop iteration).
    pub fn next_sender_seq(&self) -> u64 {
        unsafe { sys::kalshi_fix_session_next_sender_seq(self.raw.as_ptr()) }
    }

    /// The next MsgSeqNum expected from the exchange (as of the last loop iteration).
    pub fn next_target_seq(&self) -> u64 {
        unsafe { sys::kalshi_fix_session_next_target_seq(self.raw.as_ptr()) }
    }

    /// Sends a built message (the builder stays usable). `INVALID_VALUE` names a missing required
    /// field. `sender_sub_id` is SenderSubID(50) for FCM operators. Returns the MsgSeqNum (0 when
    /// queued from another thread).
    pub fn send(&self, b: &FixBuilder, sender_sub_id: Option<&str>, user_tag: u64) -> Result<u64> {
        let sub = opt_arg("sender_sub_id", sender_sub_id)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send(self.raw.as_ptr(), b.raw.as_ptr(), opt_ptr(&sub), user_tag, seq, e)
        })
    }

    /// NewOrderSingle (35=D).
    pub fn send_new_order(&self, o: &NewOrder<'_>, user_tag: u64) -> Result<u64> {
        let id = c_arg("cl_ord_id", o.cl_ord_id)?;
        let sym = c_arg("symbol", o.symbol)?;
        let tif = o.tif.map_or(0, |t| t.as_char() as u8 as c_char);
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_new_order(
                self.raw.as_ptr(),
                id.as_ptr(),
                sym.as_ptr(),
                o.side.raw(),
                o.price.raw(),
                o.qty.raw(),
                tif,
                user_tag,
                seq,
                e,
            )
        })
    }

    /// OrderCancelRequest (35=F).
    pub fn send_cancel(&self, cl_ord_id: &str, orig_cl_ord_id: &str, symbol: &str, side: Side, user_tag: u64) -> Result<u64> {
        let id = c_arg("cl_ord_id", cl_ord_id)?;
        let orig = c_arg("orig_cl_ord_id", orig_cl_ord_id)?;
        let sym = c_arg("symbol", symbol)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_cancel(self.raw.as_ptr(), id.as_ptr(), orig.as_ptr(), sym.as_ptr(), side.raw(), user_tag, seq, e)
        })
    }

    /// OrderCancelReplaceRequest (35=G).
    pub fn send_replace(&self, r: &Replace<'_>, user_tag: u64) -> Result<u64> {
        let id = c_arg("cl_ord_id", r.cl_ord_id)?;
        let orig = c_arg("orig_cl_ord_id", r.orig_cl_ord_id)?;
        let sym = c_arg("symbol", r.symbol)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_replace(
                self.raw.as_ptr(),
                id.as_ptr(),
                orig.as_ptr(),
                sym.as_ptr(),
                r.side.raw(),
                r.price.raw(),
                r.qty.raw(),
                user_tag,
                seq,
                e,
            )
        })
    }

    /// OrderMassCancelRequest: cancels the session's open orders (KalshiNR only).
    pub fn send_mass_cancel(&self, cl_ord_id: &str, user_tag: u64) -> Result<u64> {
        let id = c_arg("cl_ord_id", cl_ord_id)?;
        send_with(|seq, e| unsafe { sys::kalshi_fix_send_mass_cancel(self.raw.as_ptr(), id.as_ptr(), user_tag, seq, e) })
    }

    /// Order group management. `group_id` is `None` for [`OrderGroupAction::Create`];
    /// `contracts_limit` (whole contracts) is sent for `Create` and `Update`, else ignored.
    pub fn send_order_group(
        &self,
        action: OrderGroupAction,
        group_id: Option<&str>,
        contracts_limit: i64,
        user_tag: u64,
    ) -> Result<u64> {
        let gid = opt_arg("group_id", group_id)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_order_group(self.raw.as_ptr(), action as i32, opt_ptr(&gid), contracts_limit, user_tag, seq, e)
        })
    }

    /// MarketDataRequest (KalshiMD). An empty `symbols` with `Unsubscribe` means all. The session
    /// remembers subscriptions and repeats them after a reconnect (`fix.resubscribe`).
    pub fn send_md_request(&self, request_type: SubscriptionRequestType, symbols: &[&str], user_tag: u64) -> Result<u64> {
        let owned = symbols.iter().map(|s| c_arg("symbol", s)).collect::<Result<Vec<_>>>()?;
        let ptrs: Vec<*const c_char> = owned.iter().map(|c| c.as_ptr()).collect();
        let p = if ptrs.is_empty() { ptr::null() } else { ptrs.as_ptr() };
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_md_request(self.raw.as_ptr(), request_type.raw(), p, ptrs.len(), user_tag, seq, e)
        })
    }

    /// SecurityStatusRequest (KalshiMD, prediction): `Subscribe` or `Unsubscribe`.
    pub fn send_security_status_request(
        &self,
        request_type: SubscriptionRequestType,
        symbol: &str,
        user_tag: u64,
    ) -> Result<u64> {
        let sym = c_arg("symbol", symbol)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_security_status_request(self.raw.as_ptr(), request_type.raw(), sym.as_ptr(), user_tag, seq, e)
        })
    }

    /// KalshiDC: replays ExecutionReports by ExecID range; `end_exec_id` `None` = up to the latest.
    pub fn send_event_resend(&self, begin_exec_id: &str, end_exec_id: Option<&str>, user_tag: u64) -> Result<u64> {
        let begin = c_arg("begin_exec_id", begin_exec_id)?;
        let end = opt_arg("end_exec_id", end_exec_id)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_event_resend(self.raw.as_ptr(), begin.as_ptr(), opt_ptr(&end), user_tag, seq, e)
        })
    }

    /// QuoteRequest (KalshiRT, RFQ creator) for `qty` contracts of one market.
    pub fn send_quote_request(&self, quote_req_id: &str, symbol: &str, qty: Count, user_tag: u64) -> Result<u64> {
        let id = c_arg("quote_req_id", quote_req_id)?;
        let sym = c_arg("symbol", symbol)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_quote_request(self.raw.as_ptr(), id.as_ptr(), sym.as_ptr(), qty.raw(), user_tag, seq, e)
        })
    }

    /// Quote (KalshiRFQ, market maker): `bid` is the YES price, `offer` the NO price; `None` (or
    /// zero) leaves that side unquoted.
    pub fn send_quote(
        &self,
        quote_id: &str,
        quote_req_id: &str,
        symbol: &str,
        bid: Option<Price>,
        offer: Option<Price>,
        user_tag: u64,
    ) -> Result<u64> {
        let id = c_arg("quote_id", quote_id)?;
        let req = c_arg("quote_req_id", quote_req_id)?;
        let sym = c_arg("symbol", symbol)?;
        let (bid, offer) = (bid.map_or(0, Price::raw), offer.map_or(0, Price::raw));
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_quote(self.raw.as_ptr(), id.as_ptr(), req.as_ptr(), sym.as_ptr(), bid, offer, user_tag, seq, e)
        })
    }

    /// Accepts a quote (KalshiRT, RFQ creator): [`Side::Buy`] takes the NO quote, [`Side::Sell`]
    /// the YES quote.
    pub fn send_accept_quote(
        &self,
        quote_id: &str,
        rfq_id: &str,
        side: Side,
        qty: Count,
        cl_ord_id: &str,
        user_tag: u64,
    ) -> Result<u64> {
        let id = c_arg("quote_id", quote_id)?;
        let rfq = c_arg("rfq_id", rfq_id)?;
        let cl = c_arg("cl_ord_id", cl_ord_id)?;
        send_with(|seq, e| unsafe {
            sys::kalshi_fix_send_accept_quote(self.raw.as_ptr(), id.as_ptr(), rfq.as_ptr(), side.raw(), qty.raw(), cl.as_ptr(), user_tag, seq, e)
        })
    }

    /// Cancels a quote (KalshiRFQ).
    pub fn send_quote_cancel(&self, quote_id: &str, user_tag: u64) -> Result<u64> {
        let id = c_arg("quote_id", quote_id)?;
        send_with(|seq, e| unsafe { sys::kalshi_fix_send_quote_cancel(self.raw.as_ptr(), id.as_ptr(), user_tag, seq, e) })
    }

    /// Confirms an accepted quote (KalshiRFQ, within 30 s of acceptance).
    pub fn send_quote_confirm(&self, quote_id: &str, user_tag: u64) -> Result<u64> {
        let id = c_arg("quote_id", quote_id)?;
        send_with(|seq, e| unsafe { sys::kalshi_fix_send_quote_confirm(self.raw.as_ptr(), id.as_ptr(), user_tag, seq, e) })
    }

    /// Cancels an RFQ by the client's QuoteReqID (KalshiRT).
    pub fn send_rfq_cancel(&self, quote_req_id: &str, user_tag: u64) -> Result<u64> {
        let id = c_arg("quote_req_id", quote_req_id)?;
        send_with(|seq, e| unsafe { sys::kalshi_fix_send_rfq_cancel(self.raw.as_ptr(), id.as_ptr(), user_tag, seq, e) })
    }

    pub fn as_ptr(&self) -> *mut sys::kalshi_fix_session_t {
        self.raw.as_ptr()
    }
}

impl Drop for FixSession {
    fn drop(&mut self) {
        unsafe { sys::kalshi_fix_session_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for FixSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FixSession").field("state", &self.state()).finish_non_exhaustive()
    }
}

impl Client {
    /// [`FixSession::open`] on this client.
    pub fn open_fix_session(&self, overrides: Option<&Conf>, user_tag: u64) -> Result<FixSession> {
        FixSession::open(self, overrides, user_tag)
    }
}

/// A message of any client-to-server type built field by field (`kalshi_fix_builder_t`), sent
/// with [`FixSession::send`]. Fields are written in the message's defined order whatever the
/// order of the set calls. Setters return `INVALID_ARG` for a tag the message does not have at
/// this level, `INVALID_VALUE` (or `INVALID_ARG`) for a value of the wrong form (SOH, bad
/// ClOrdID, unknown enumeration value), and chain:
///
/// ```no_run
/// # fn f(s: &kalshi::FixSession) -> kalshi::Result<()> {
/// let mut b = kalshi::FixBuilder::new("D")?;
/// b.set_str(11, "order-1")?.set_str(55, "HIGHNY-23DEC31")?.set_char(54, '1')?
///     .set_price(44, "0.75".parse()?)?.set_count(38, "10".parse()?)?;
/// s.send(&b, None, 1)?;
/// # Ok(()) }
/// ```
pub struct FixBuilder {
    raw: NonNull<sys::kalshi_fix_builder_t>,
}

// SAFETY: a builder is a plain heap object without thread affinity; mutation needs `&mut self`.
unsafe impl Send for FixBuilder {}

impl FixBuilder {
    /// A builder for MsgType `msg_type` (`"D"`, `"UOG"`, ...).
    pub fn new(msg_type: &str) -> Result<FixBuilder> {
        let t = c_arg("msg_type", msg_type)?;
        let mut out = ptr::null_mut();
        Error::call(|e| unsafe { sys::kalshi_fix_builder_new(t.as_ptr(), &mut out, e) })?;
        NonNull::new(out)
            .map(|raw| FixBuilder { raw })
            .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_fix_builder_new returned OK without a builder"))
    }

    /// Starts over with another (or the same) MsgType, keeping the memory.
    pub fn reset(&mut self, msg_type: &str) -> Result<&mut Self> {
        let t = c_arg("msg_type", msg_type)?;
        Error::call(|e| unsafe { sys::kalshi_fix_builder_reset(self.raw.as_ptr(), t.as_ptr(), e) })?;
        Ok(self)
    }

    fn done(&mut self, f: impl FnOnce(*mut sys::kalshi_fix_builder_t, *mut *mut sys::kalshi_error_t) -> sys::kalshi_err_t) -> Result<&mut Self> {
        let raw = self.raw.as_ptr();
        Error::call(|e| f(raw, e))?;
        Ok(self)
    }

    /// A text field.
    pub fn set_str(&mut self, tag: u32, value: &str) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_str(b, tag, value.as_ptr().cast(), value.len(), e) })
    }
    /// An integer field.
    pub fn set_int(&mut self, tag: u32, value: i64) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_int(b, tag, value, e) })
    }
    /// A single-character field (ASCII).
    pub fn set_char(&mut self, tag: u32, value: char) -> Result<&mut Self> {
        let c = ascii_char(tag, value)?;
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_char(b, tag, c, e) })
    }
    /// A Y/N field.
    pub fn set_bool(&mut self, tag: u32, value: bool) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_bool(b, tag, i32::from(value), e) })
    }
    /// A price field; converted exactly to the session's wire format when sent.
    pub fn set_price(&mut self, tag: u32, value: Price) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_price(b, tag, value.raw(), e) })
    }
    /// A quantity field.
    pub fn set_count(&mut self, tag: u32, value: Count) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_count(b, tag, value.raw(), e) })
    }
    /// A dollar amount (fees, MaxExecutionCost, CashOrderQty) at the price scale (x 10^6).
    pub fn set_amount(&mut self, tag: u32, value: Price) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_amount(b, tag, value.raw(), e) })
    }
    /// A UTCTimestamp field from milliseconds since the Unix epoch.
    pub fn set_time_ms(&mut self, tag: u32, epoch_ms: i64) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_set_time_ms(b, tag, epoch_ms, e) })
    }
    /// Begins a repeating group by its counter tag (453, 146, ...); then one
    /// [`entry_next`](Self::entry_next) per entry followed by that entry's fields; nested groups
    /// likewise.
    pub fn group_begin(&mut self, counter_tag: u32) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_group_begin(b, counter_tag, e) })
    }
    /// Starts the next entry of the innermost open group.
    pub fn entry_next(&mut self) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_entry_next(b, e) })
    }
    /// Closes the innermost open group.
    pub fn group_end(&mut self) -> Result<&mut Self> {
        self.done(|b, e| unsafe { sys::kalshi_fix_builder_group_end(b, e) })
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_fix_builder_t {
        self.raw.as_ptr()
    }
}

impl Drop for FixBuilder {
    fn drop(&mut self) {
        unsafe { sys::kalshi_fix_builder_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for FixBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FixBuilder").finish_non_exhaustive()
    }
}

/// Decodes one whole exchange-to-client message (`8=` .. `10=`, e.g. from a log or a capture) into
/// a [`EventType::FIX_MESSAGE`](crate::EventType::FIX_MESSAGE) event, exactly as a session would
/// deliver it. `use_dollars` is the session's UseDollars (prices in cents otherwise, on
/// prediction). `PROTOCOL` for bad framing or a value that does not decode.
pub fn fix_decode(frame: &[u8], product: Product, use_dollars: bool) -> Result<Event> {
    let mut out = ptr::null_mut();
    Error::call(|e| unsafe {
        sys::kalshi_fix_decode(frame.as_ptr(), frame.len(), product.raw(), i32::from(use_dollars), &mut out, e)
    })?;
    NonNull::new(out)
        .map(Event::from_raw)
        .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_fix_decode returned OK without an event"))
}

impl Event {
    /// The session state a [`EventType::FIX_STATE`](crate::EventType::FIX_STATE) event reports.
    pub fn fix_state(&self) -> FixState {
        FixState(unsafe { sys::kalshi_event_fix_state(self.as_ptr()) })
    }

    /// The message of a [`EventType::FIX_MESSAGE`](crate::EventType::FIX_MESSAGE) event (`None`
    /// for other events), borrowed from the event.
    pub fn fix_msg(&self) -> Option<FixMsg<'_>> {
        NonNull::new(unsafe { sys::kalshi_event_fix_msg(self.as_ptr()) }.cast_mut())
            .map(|raw| FixMsg { raw, _event: PhantomData })
    }
}

/// A decoded FIX message, or one entry of a repeating group (`kalshi_fix_msg_t`), borrowed from
/// its [`Event`]: it, its group entries and every string it returns live as long as the event.
/// Copy out what must outlive it.
///
/// Getters return `NOT_FOUND` when the field is absent and `INVALID_ARG` when the tag's type does
/// not fit the getter (e.g. [`price`](Self::price) of a text field).
#[derive(Copy, Clone)]
pub struct FixMsg<'a> {
    raw: NonNull<sys::kalshi_fix_msg_t>,
    _event: PhantomData<&'a Event>,
}

fn field_result(tag: u32, rc: sys::kalshi_err_t) -> Result<()> {
    if rc == sys::KALSHI_OK {
        Ok(())
    } else {
        let code = ErrorCode(rc);
        Err(Error::new(code, format!("tag {tag}: {}", code.description())))
    }
}

/// # Safety
/// `p` must be NULL or valid for `len` bytes for `'a`.
unsafe fn bytes<'a>(p: *const u8, len: usize) -> &'a [u8] {
    if p.is_null() || len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(p, len)
    }
}

impl<'a> FixMsg<'a> {
    fn ptr(&self) -> *const sys::kalshi_fix_msg_t {
        self.raw.as_ptr()
    }

    /// MsgType(35) as text (`"8"`, `"UMS"`); `""` for a group entry.
    pub fn msg_type(&self) -> &'a str {
        let p = unsafe { sys::kalshi_fix_msg_type(self.ptr()) };
        if p.is_null() {
            return "";
        }
        // SAFETY: NUL-terminated, valid while the event lives.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
    }

    /// MsgSeqNum(34).
    pub fn seq(&self) -> u64 {
        unsafe { sys::kalshi_fix_msg_seq(self.ptr()) }
    }

    /// True for a retransmission (PossDupFlag=Y).
    pub fn poss_dup(&self) -> bool {
        unsafe { sys::kalshi_fix_msg_poss_dup(self.ptr()) != 0 }
    }

    /// SendingTime(52) in milliseconds since the Unix epoch.
    pub fn sending_time_ms(&self) -> i64 {
        unsafe { sys::kalshi_fix_msg_sending_time_ms(self.ptr()) }
    }

    /// The whole message as received, `8=` .. `10=`.
    pub fn raw(&self) -> &'a [u8] {
        let mut len = 0usize;
        let p = unsafe { sys::kalshi_fix_msg_raw(self.ptr(), &mut len) };
        // SAFETY: valid while the event lives.
        unsafe { bytes(p, len) }
    }

    /// For a session Reject (35=3) or BusinessMessageReject (35=j): the user tag of the send it
    /// refuses (matched by RefSeqNum(45) against the session's recent sends), else 0.
    pub fn ref_user_tag(&self) -> u64 {
        unsafe { sys::kalshi_fix_msg_ref_user_tag(self.ptr()) }
    }

    /// True when the field is present in this scope.
    pub fn has(&self, tag: u32) -> bool {
        unsafe { sys::kalshi_fix_msg_has(self.ptr(), tag) != 0 }
    }

    /// Any field's value as it appears on the wire.
    pub fn bytes(&self, tag: u32) -> Result<&'a [u8]> {
        let (mut p, mut len) = (ptr::null(), 0usize);
        field_result(tag, unsafe { sys::kalshi_fix_msg_str(self.ptr(), tag, &mut p, &mut len) })?;
        // SAFETY: valid while the event lives.
        Ok(unsafe { bytes(p.cast(), len) })
    }

    /// A field as text; `PARSE` when it is not UTF-8 (use [`bytes`](Self::bytes) then).
    pub fn str(&self, tag: u32) -> Result<&'a str> {
        std::str::from_utf8(self.bytes(tag)?)
            .map_err(|_| Error::new(ErrorCode::PARSE, format!("tag {tag}: value is not UTF-8")))
    }

    /// An integer field.
    pub fn int(&self, tag: u32) -> Result<i64> {
        let mut v = 0i64;
        field_result(tag, unsafe { sys::kalshi_fix_msg_int(self.ptr(), tag, &mut v) })?;
        Ok(v)
    }

    /// A single-character field.
    pub fn char(&self, tag: u32) -> Result<char> {
        let mut v: c_char = 0;
        field_result(tag, unsafe { sys::kalshi_fix_msg_char(self.ptr(), tag, &mut v) })?;
        Ok(char::from(v as u8))
    }

    /// A Y/N field.
    pub fn bool(&self, tag: u32) -> Result<bool> {
        let mut v = 0;
        field_result(tag, unsafe { sys::kalshi_fix_msg_bool(self.ptr(), tag, &mut v) })?;
        Ok(v != 0)
    }

    /// A price field, whatever the wire format (cents or dollars).
    pub fn price(&self, tag: u32) -> Result<Price> {
        let mut v = 0;
        field_result(tag, unsafe { sys::kalshi_fix_msg_price(self.ptr(), tag, &mut v) })?;
        Ok(Price(v))
    }

    /// A quantity field.
    pub fn count(&self, tag: u32) -> Result<Count> {
        let mut v = 0;
        field_result(tag, unsafe { sys::kalshi_fix_msg_count(self.ptr(), tag, &mut v) })?;
        Ok(Count(v))
    }

    /// A dollar amount (fees, ...) at the price scale (x 10^6).
    pub fn amount(&self, tag: u32) -> Result<Price> {
        let mut v = 0;
        field_result(tag, unsafe { sys::kalshi_fix_msg_amount(self.ptr(), tag, &mut v) })?;
        Ok(Price(v))
    }

    /// A UTCTimestamp field in milliseconds since the Unix epoch.
    pub fn time_ms(&self, tag: u32) -> Result<i64> {
        let mut v = 0;
        field_result(tag, unsafe { sys::kalshi_fix_msg_time_ms(self.ptr(), tag, &mut v) })?;
        Ok(v)
    }

    /// Entries in the repeating group counted by `counter_tag` (0 when absent).
    pub fn group_count(&self, counter_tag: u32) -> usize {
        unsafe { sys::kalshi_fix_msg_group_count(self.ptr(), counter_tag) }
    }

    /// One entry of a repeating group: a scope with the same getters, reaching nested groups.
    /// `None` when `index` is out of range.
    pub fn group_entry(&self, counter_tag: u32, index: usize) -> Option<FixMsg<'a>> {
        NonNull::new(unsafe { sys::kalshi_fix_msg_group_entry(self.ptr(), counter_tag, index) }.cast_mut())
            .map(|raw| FixMsg { raw, _event: PhantomData })
    }

    /// The entries of a repeating group in order.
    pub fn group(&self, counter_tag: u32) -> impl Iterator<Item = FixMsg<'a>> + 'a {
        let m = *self;
        (0..m.group_count(counter_tag)).filter_map(move |i| m.group_entry(counter_tag, i))
    }

    /// Fields in this scope (group counters included, their entries not).
    pub fn field_count(&self) -> usize {
        unsafe { sys::kalshi_fix_msg_field_count(self.ptr()) }
    }

    /// The `index`-th field of this scope in wire order: tag and raw value.
    pub fn field_at(&self, index: usize) -> Option<(u32, &'a [u8])> {
        let (mut tag, mut p, mut len) = (0u32, ptr::null(), 0usize);
        let rc = unsafe { sys::kalshi_fix_msg_field_at(self.ptr(), index, &mut tag, &mut p, &mut len) };
        // SAFETY: valid while the event lives.
        (rc == sys::KALSHI_OK).then(|| (tag, unsafe { bytes(p.cast(), len) }))
    }

    /// Every field of this scope in wire order, for logging and for tags the library does not
    /// know.
    pub fn fields(&self) -> impl Iterator<Item = (u32, &'a [u8])> + 'a {
        let m = *self;
        (0..m.field_count()).filter_map(move |i| m.field_at(i))
    }

    /// The message as a typed [`ExecutionReport`]; `INVALID_ARG` unless MsgType is `"8"`.
    pub fn execution_report(&self) -> Result<ExecutionReport<'a>> {
        ExecutionReport::from_msg(*self)
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_fix_msg_t {
        self.ptr()
    }
}

impl fmt::Debug for FixMsg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (tag, v) in self.fields() {
            m.entry(&tag, &String::from_utf8_lossy(v));
        }
        m.finish()
    }
}

/// `Ok(None)` for an absent field, other errors kept.
fn opt<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.code() == ErrorCode::NOT_FOUND => Ok(None),
        Err(e) => Err(e),
    }
}

/// An ExecutionReport (35=8) read through the typed getters, borrowing its strings from the
/// event. ExecType and OrdStatus are required; every other field is `None` when absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutionReport<'a> {
    /// ExecType(150): `'0'` new, `'4'` canceled, `'5'` replaced, `'8'` rejected, `'C'` expired,
    /// `'F'` trade, ...
    pub exec_type: char,
    /// OrdStatus(39): `'0'` new, `'1'` partially filled, `'2'` filled, `'4'` canceled, `'8'`
    /// rejected, ...
    pub ord_status: char,
    /// ClOrdID(11).
    pub cl_ord_id: Option<&'a str>,
    /// OrigClOrdID(41).
    pub orig_cl_ord_id: Option<&'a str>,
    /// OrderID(37).
    pub order_id: Option<&'a str>,
    /// ExecID(17).
    pub exec_id: Option<&'a str>,
    /// Symbol(55).
    pub symbol: Option<&'a str>,
    /// Side(54) as sent (see [`Side::from_char`]).
    pub side: Option<char>,
    /// Price(44).
    pub price: Option<Price>,
    /// AvgPx(6).
    pub avg_px: Option<Price>,
    /// LastPx(31).
    pub last_px: Option<Price>,
    /// LastQty(32).
    pub last_qty: Option<Count>,
    /// CumQty(14).
    pub cum_qty: Option<Count>,
    /// LeavesQty(151).
    pub leaves_qty: Option<Count>,
    /// OrderQty(38).
    pub order_qty: Option<Count>,
    /// Text(58).
    pub text: Option<&'a str>,
    /// OrdRejReason(103).
    pub ord_rej_reason: Option<i64>,
    /// TransactTime(60), milliseconds since the Unix epoch.
    pub transact_time_ms: Option<i64>,
}

impl<'a> ExecutionReport<'a> {
    /// Reads `m`; `INVALID_ARG` unless its MsgType is `"8"`, `NOT_FOUND` without ExecType or
    /// OrdStatus.
    pub fn from_msg(m: FixMsg<'a>) -> Result<ExecutionReport<'a>> {
        if m.msg_type() != "8" {
            return Err(Error::new(
                ErrorCode::INVALID_ARG,
                format!("MsgType {:?} is not an ExecutionReport (8)", m.msg_type()),
            ));
        }
        Ok(ExecutionReport {
            exec_type: m.char(150)?,
            ord_status: m.char(39)?,
            cl_ord_id: opt(m.str(11))?,
            orig_cl_ord_id: opt(m.str(41))?,
            order_id: opt(m.str(37))?,
            exec_id: opt(m.str(17))?,
            symbol: opt(m.str(55))?,
            side: opt(m.char(54))?,
            price: opt(m.price(44))?,
            avg_px: opt(m.price(6))?,
            last_px: opt(m.price(31))?,
            last_qty: opt(m.count(32))?,
            cum_qty: opt(m.count(14))?,
            leaves_qty: opt(m.count(151))?,
            order_qty: opt(m.count(38))?,
            text: opt(m.str(58))?,
            ord_rej_reason: opt(m.int(103))?,
            transact_time_ms: opt(m.time_ms(60))?,
        })
    }
}

impl<'a> TryFrom<FixMsg<'a>> for ExecutionReport<'a> {
    type Error = Error;
    fn try_from(m: FixMsg<'a>) -> Result<ExecutionReport<'a>> {
        ExecutionReport::from_msg(m)
    }
}
