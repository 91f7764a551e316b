//! REST (`include/kalshi/rest.h`): every operation of the prediction, perps and Klear APIs by
//! operationId, cursor pagination, and typed helpers for the common prediction calls.
//!
//! Calls return at once: parameters and body are validated before any network I/O (an
//! `INVALID_ARG` error names the parameter), and the outcome arrives on the client's
//! [`Queue`](crate::Queue) as one [`EventType::REST_RESPONSE`](crate::EventType::REST_RESPONSE)
//! with the call's user tag (or `REST_PAGE` events then one `REST_DONE` for
//! [`Rest::paginate`]). Read it with [`Event::rest_status`], [`Event::data`] (the raw JSON body)
//! and the typed objects [`Event::obj`] / [`Event::objs`]; a failure is [`Event::error`]
//! (`BAD_REQUEST`, `UNAUTHORIZED`, `NOT_FOUND`, `CONFLICT`, `RATE_LIMITED`, `SERVER`, transport
//! errors) with the HTTP status and the exchange's error code.

use std::ffi::{c_char, CStr, CString};
use std::fmt;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::c_arg;
use crate::{Client, Count, Error, ErrorCode, Event, Price, Result, TimeInForce};

/// Which API an operation belongs to (`kalshi_rest_api_t`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum RestApi {
    /// Event contracts, `/trade-api/v2` (`rest.host`).
    Prediction,
    /// Perps, `/trade-api/v2` with the `perps.auth.*` key.
    Perps,
    /// Klear, `/klear-api/v1` (`klear.host`, bearer token).
    Klear,
}

impl RestApi {
    fn raw(self) -> sys::kalshi_rest_api_t {
        match self {
            RestApi::Prediction => sys::KALSHI_REST_PREDICTION,
            RestApi::Perps => sys::KALSHI_REST_PERPS,
            RestApi::Klear => sys::KALSHI_REST_KLEAR,
        }
    }
}

/// Path and query parameters of a call by their spec names (`kalshi_rest_params_t`); the call
/// copies them, so one value can serve many calls.
pub struct RestParams {
    raw: NonNull<sys::kalshi_rest_params_t>,
}

// SAFETY: an owned value with no thread affinity; mutation needs `&mut self`. Not `Sync`: rest.h
// does not promise concurrent access to one parameter set.
unsafe impl Send for RestParams {}

impl RestParams {
    pub fn new() -> Result<RestParams> {
        let mut out = ptr::null_mut();
        Error::check(unsafe { sys::kalshi_rest_params_new(&mut out) })?;
        NonNull::new(out)
            .map(|raw| RestParams { raw })
            .ok_or_else(|| Error::new(ErrorCode::NO_MEMORY, "kalshi_rest_params_new"))
    }

    /// A parameter set holding `pairs` (later pairs replace earlier ones of the same name).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Result<RestParams> {
        let mut p = RestParams::new()?;
        for (name, value) in pairs {
            p.set(name, value)?;
        }
        Ok(p)
    }

    /// Sets or replaces a parameter; an array parameter takes a comma-separated list. Values are
    /// checked against the operation when a call uses them.
    pub fn set(&mut self, name: &str, value: &str) -> Result<&mut Self> {
        let n = c_arg("name", name)?;
        let v = c_arg("value", value)?;
        Error::check(unsafe { sys::kalshi_rest_params_set(self.raw.as_ptr(), n.as_ptr(), v.as_ptr()) })?;
        Ok(self)
    }

    /// Removes every parameter.
    pub fn clear(&mut self) -> &mut Self {
        unsafe { sys::kalshi_rest_params_clear(self.raw.as_ptr()) };
        self
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_rest_params_t {
        self.raw.as_ptr()
    }
}

impl Drop for RestParams {
    fn drop(&mut self) {
        unsafe { sys::kalshi_rest_params_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for RestParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestParams").finish_non_exhaustive()
    }
}

/// The contract side of a prediction order.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum OrderSide {
    Yes,
    No,
}

impl OrderSide {
    /// `"yes"` or `"no"`, as the spec spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderSide::Yes => "yes",
            OrderSide::No => "no",
        }
    }
}

/// Whether a prediction order buys or sells its side.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum OrderAction {
    Buy,
    Sell,
}

impl OrderAction {
    /// `"buy"` or `"sell"`, as the spec spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderAction::Buy => "buy",
            OrderAction::Sell => "sell",
        }
    }
}

/// A prediction limit order for [`Rest::create_order`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestOrder<'a> {
    pub ticker: &'a str,
    pub side: OrderSide,
    pub action: OrderAction,
    /// Contracts x 100; positive.
    pub count: Count,
    /// The limit price of `side` in dollars x 10^6, strictly between 0 and 1 dollar.
    pub price: Price,
    /// `None`: the library generates a UUID (the response's `client_order_id`).
    pub client_order_id: Option<&'a str>,
    /// `None`: good till canceled. [`TimeInForce::Day`] does not exist in REST (`INVALID_ARG`).
    pub tif: Option<TimeInForce>,
}

fn tif_str(tif: TimeInForce) -> Result<&'static str> {
    match tif {
        TimeInForce::GoodTillCancel => Ok("good_till_canceled"),
        TimeInForce::ImmediateOrCancel => Ok("immediate_or_cancel"),
        TimeInForce::FillOrKill => Ok("fill_or_kill"),
        TimeInForce::Day => Err(Error::new(ErrorCode::INVALID_ARG, "REST orders have no Day time in force")),
    }
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |c| c.as_ptr())
}

/// The REST calls of a client ([`Client::rest`]): a borrowed view, as thread-safe as the client.
/// Each call returns once the request is validated and queued; its completion is an event with
/// the given `user_tag` on the client's queue.
#[derive(Copy, Clone)]
pub struct Rest<'c> {
    client: &'c Client,
}

impl Client {
    /// The REST calls on this client.
    pub fn rest(&self) -> Rest<'_> {
        Rest { client: self }
    }
}

impl<'c> Rest<'c> {
    fn c(&self) -> *mut sys::kalshi_client_t {
        self.client.as_ptr()
    }

    /// Any operation of the vendored specs by operationId (`docs/REST_OPERATIONS.md`), with its
    /// parameters and JSON body. Synchronous errors: `INVALID_ARG` (unknown operation, or a
    /// validation error naming the parameter), `CLOSED`, `KEY_*`, `RATE_LIMITED` (fail-fast
    /// limiter).
    pub fn call(
        &self,
        api: RestApi,
        operation_id: &str,
        params: Option<&RestParams>,
        body: Option<&str>,
        user_tag: u64,
    ) -> Result<()> {
        let op = c_arg("operation_id", operation_id)?;
        let p = params.map_or(ptr::null(), |p| p.as_ptr());
        let (b, blen) = body.map_or((ptr::null(), 0), |b| (b.as_ptr().cast::<c_char>(), b.len()));
        Error::call(|e| unsafe { sys::kalshi_rest_call(self.c(), api.raw(), op.as_ptr(), p, b, blen, user_tag, e) })
    }

    /// Walks a paginated operation by cursor: one `REST_PAGE` event per page, then `REST_DONE`
    /// (its error if the walk failed; [`Event::rest_truncated`] when `max_pages` cut it;
    /// 0 = `rest.max_pages`). `INVALID_ARG` for an operation that is not paginated.
    pub fn paginate(
        &self,
        api: RestApi,
        operation_id: &str,
        params: Option<&RestParams>,
        max_pages: u32,
        user_tag: u64,
    ) -> Result<()> {
        let op = c_arg("operation_id", operation_id)?;
        let p = params.map_or(ptr::null(), |p| p.as_ptr());
        Error::call(|e| unsafe {
            sys::kalshi_rest_paginate(self.c(), api.raw(), op.as_ptr(), p, max_pages, user_tag, e)
        })
    }

    /// Places a prediction limit order (CreateOrderV2); the response carries the `order` object.
    pub fn create_order(&self, o: &RestOrder<'_>, user_tag: u64) -> Result<()> {
        let ticker = c_arg("ticker", o.ticker)?;
        let coid = o.client_order_id.map(|s| c_arg("client_order_id", s)).transpose()?;
        let tif = o.tif.map(tif_str).transpose()?.map(|s| c_arg("tif", s)).transpose()?;
        let side = c_arg("side", o.side.as_str())?;
        let action = c_arg("action", o.action.as_str())?;
        Error::call(|e| unsafe {
            sys::kalshi_rest_create_order(
                self.c(),
                ticker.as_ptr(),
                side.as_ptr(),
                action.as_ptr(),
                o.count.raw(),
                o.price.raw(),
                opt_ptr(&coid),
                opt_ptr(&tif),
                user_tag,
                e,
            )
        })
    }

    /// Cancels an order by the exchange's order id (CancelOrderV2).
    pub fn cancel_order(&self, order_id: &str, user_tag: u64) -> Result<()> {
        let id = c_arg("order_id", order_id)?;
        Error::call(|e| unsafe { sys::kalshi_rest_cancel_order(self.c(), id.as_ptr(), user_tag, e) })
    }

    /// One market (GetMarket): a `market` object.
    pub fn get_market(&self, ticker: &str, user_tag: u64) -> Result<()> {
        let t = c_arg("ticker", ticker)?;
        Error::call(|e| unsafe { sys::kalshi_rest_get_market(self.c(), t.as_ptr(), user_tag, e) })
    }

    /// A market's order book (GetMarketOrderbook; `depth` 0 = the whole book): an `orderbook`
    /// object with `"yes"`/`"no"` levels. The event also feeds [`Book::apply_event`](crate::Book::apply_event).
    pub fn get_orderbook(&self, ticker: &str, depth: u32, user_tag: u64) -> Result<()> {
        let t = c_arg("ticker", ticker)?;
        Error::call(|e| unsafe { sys::kalshi_rest_get_orderbook(self.c(), t.as_ptr(), depth, user_tag, e) })
    }

    /// The member's balance (GetBalance): a `balance` object.
    pub fn get_balance(&self, user_tag: u64) -> Result<()> {
        Error::call(|e| unsafe { sys::kalshi_rest_get_balance(self.c(), user_tag, e) })
    }

    /// The member's positions (GetPositions): `market_position` and `event_position` objects.
    pub fn get_positions(&self, user_tag: u64) -> Result<()> {
        Error::call(|e| unsafe { sys::kalshi_rest_get_positions(self.c(), user_tag, e) })
    }
}

impl fmt::Debug for Rest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rest").field("client", self.client).finish()
    }
}

/// NUL-terminated text owned by an event as `&str` (`""` for NULL or non-UTF-8).
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string valid for `'a`.
pub(crate) unsafe fn event_str<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        ""
    } else {
        CStr::from_ptr(p).to_str().unwrap_or("")
    }
}

impl Event {
    /// The HTTP status of a REST response or page (0 if no response arrived or another event).
    pub fn rest_status(&self) -> i32 {
        unsafe { sys::kalshi_event_rest_status(self.as_ptr()) }
    }

    /// The operationId of a REST event (`""` for other events).
    pub fn rest_operation(&self) -> &str {
        // SAFETY: owned by the event, valid for the borrow of self.
        unsafe { event_str(sys::kalshi_event_rest_operation(self.as_ptr())) }
    }

    /// The 0-based index of a `REST_PAGE`; for `REST_DONE`, the pages delivered.
    pub fn rest_page_index(&self) -> u32 {
        unsafe { sys::kalshi_event_rest_page_index(self.as_ptr()) }
    }

    /// For `REST_DONE`: true when `max_pages` ended the walk before the cursor ran out.
    pub fn rest_truncated(&self) -> bool {
        unsafe { sys::kalshi_event_rest_truncated(self.as_ptr()) != 0 }
    }

    /// The response's `cursor` (`""` if none): where a listing continues.
    pub fn rest_cursor(&self) -> &str {
        // SAFETY: owned by the event, valid for the borrow of self.
        unsafe { event_str(sys::kalshi_event_rest_cursor(self.as_ptr())) }
    }
}
