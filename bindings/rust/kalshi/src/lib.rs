//! Safe Rust API over libkalshi, the native Kalshi client (FIX, REST, WebSocket) with a stable C
//! ABI. Raw declarations live in the `kalshi-sys` crate.
//!
//! * Every fallible call returns [`Result<T, Error>`](Error): code, name and message.
//! * Handles free themselves on `Drop`; [`Client::destroy`] reports the outcome when it matters.
//! * [`Client`], [`Queue`], [`Key`], [`Stream`], [`FixSession`] and [`WebSocket`] are
//!   `Send + Sync` (the C API is thread-safe for them); [`Conf`], [`Event`], [`FixBuilder`],
//!   [`Book`], [`RestParams`] and the settlement types are `Send` only (owned values, not
//!   documented for shared use).
//! * Events are delivered through the client's [`Queue`]: no callbacks into Rust from the
//!   library's threads.
//! * Prices and counts are exact scaled integers ([`Price`], [`Count`]); no floating point.
//! * FIX: [`FixSession`] (open, send typed shortcuts or a [`FixBuilder`]), received messages as
//!   [`FixMsg`] views borrowed from their [`Event`] ([`ExecutionReport`] typed), [`fix_decode`]
//!   for captured frames, and [`Book`] / [`SettlementAssembler`] for market data and settlements.
//! * REST: [`Client::rest`] calls any operation by operationId ([`RestParams`]), paginates, and
//!   has typed helpers ([`RestOrder`], market, order book, balance, positions); responses are
//!   events read as typed [`Obj`] views ([`Event::obj`]) or raw JSON ([`Event::data`]).
//! * WebSocket: [`WebSocket`] (subscribe, unsubscribe, update, list, local books); channel
//!   messages are events with the same typed [`Obj`] views.
//! * [`Simulator`]: kalshi-sim, a local exchange in the process, for tests.

mod book;
mod client;
mod conf;
mod decimal;
mod error;
mod fix;
mod key;
mod obj;
mod rest;
mod sim;
mod version;
mod ws;

pub use book::{Book, BookSide, Level, Settlement, SettlementAssembler, SettlementParty};

pub use client::{Client, Event, EventType, LogLevel, Queue, Stream};
pub use conf::Conf;
pub use decimal::{Count, Price};
pub use error::{Error, ErrorCode, Result};
pub use fix::{
    fix_decode, ExecutionReport, FixBuilder, FixMsg, FixSession, FixState, NewOrder, OrderGroupAction, Product,
    Replace, Side, SubscriptionRequestType, TimeInForce,
};
pub use key::{Key, KeyType};
pub use obj::{FieldKind, Obj};
pub use rest::{OrderAction, OrderSide, Rest, RestApi, RestOrder, RestParams};
pub use sim::Simulator;
pub use version::{check_version, version, version_str, Version, BINDING_VERSION};
pub use ws::{WebSocket, WsState, WsUpdate};

/// The raw declarations, for what the safe API does not cover.
pub use kalshi_sys as sys;

use std::ffi::c_char;

/// Calls a C function that follows the library's size protocol (`*len` = capacity in, size needed
/// including the NUL out, `KALSHI_ERR_BUFFER_TOO_SMALL` when short) and returns the text.
pub(crate) fn read_sized(
    mut f: impl FnMut(*mut c_char, *mut usize) -> sys::kalshi_err_t,
) -> Result<Vec<u8>> {
    let mut cap = 256usize;
    for _ in 0..16 {
        let mut buf = vec![0u8; cap];
        let mut len = cap;
        let rc = f(buf.as_mut_ptr().cast(), &mut len);
        if rc == sys::KALSHI_OK {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            buf.truncate(end);
            return Ok(buf);
        }
        if rc != sys::KALSHI_ERR_BUFFER_TOO_SMALL {
            return Err(Error::new(ErrorCode(rc), ""));
        }
        // The value may have grown between the two calls: retry with what was asked for.
        cap = if len > cap { len } else { cap * 2 };
    }
    Err(Error::new(ErrorCode::INTERNAL, "size protocol did not converge"))
}

pub(crate) fn utf8(v: Vec<u8>) -> Result<String> {
    String::from_utf8(v).map_err(|_| Error::new(ErrorCode::INTERNAL, "library returned invalid UTF-8"))
}
