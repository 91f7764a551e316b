//! kalshi-sim in the process: a local Kalshi exchange on loopback for tests (`kalshi_sim_*`).

use std::ffi::{c_char, c_int};
use std::fmt;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::c_arg;
use crate::{utf8, Conf, Count, Error, ErrorCode, Price, Product, Result, Side};

/// A running simulator (`kalshi_sim_t`): markets, matching, accounts and the FIX listeners, on
/// its own thread. Dropping it stops it and deletes its CA file.
pub struct Simulator {
    raw: NonNull<sys::kalshi_sim_t>,
}

// SAFETY: sim.h: "every function here is thread-safe"; the handle stays valid until Drop.
unsafe impl Send for Simulator {}
unsafe impl Sync for Simulator {}

fn product_raw(p: Product) -> sys::kalshi_product_t {
    match p {
        Product::Prediction => sys::KALSHI_PRODUCT_PREDICTION,
        Product::Margin => sys::KALSHI_PRODUCT_MARGIN,
    }
}

fn side_raw(s: Side) -> c_int {
    match s {
        Side::Buy => 1,
        Side::Sell => 2,
    }
}

impl Simulator {
    /// Starts a simulator; `None` uses the defaults (built-in markets, ephemeral ports). The conf
    /// (with `sim.*` properties) is copied. `INVALID_VALUE` for a bad markets file, `IO` when a
    /// port cannot be bound.
    pub fn start(conf: Option<&Conf>) -> Result<Simulator> {
        let mut out = ptr::null_mut();
        let c = conf.map_or(ptr::null(), |c| c.as_ptr());
        Error::call(|e| unsafe { sys::kalshi_sim_start(c, &mut out, e) })?;
        NonNull::new(out)
            .map(|raw| Simulator { raw })
            .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_sim_start returned no simulator"))
    }

    /// Logs every session out and stops listening; the accounts stay readable. Idempotent.
    pub fn stop(&self) {
        unsafe { sys::kalshi_sim_stop(self.raw.as_ptr()) }
    }

    /// The port of an endpoint: "fix.nr", "fix.rt", ..., "perps.fix.nr", ...; ".tls" appended
    /// for the TLS listener. `NOT_FOUND` for an unknown or disabled endpoint.
    pub fn port(&self, endpoint: &str) -> Result<u16> {
        let name = c_arg("endpoint", endpoint)?;
        let mut port = 0u16;
        Error::check(unsafe { sys::kalshi_sim_port(self.raw.as_ptr(), name.as_ptr(), &mut port) })
            .map_err(|e| Error::new(e.code(), format!("endpoint {endpoint:?}: {}", e.message())))?;
        Ok(port)
    }

    /// Path of the PEM file with the simulator's CA certificate (for `tls.ca_file`). `NOT_FOUND`
    /// when TLS is off.
    pub fn ca_file(&self) -> Result<String> {
        let mut cap = 256usize;
        // The call reports only "too small", not the size needed: grow until it fits.
        for _ in 0..12 {
            let mut buf = vec![0u8; cap];
            let rc = unsafe { sys::kalshi_sim_ca_file(self.raw.as_ptr(), buf.as_mut_ptr().cast::<c_char>(), cap) };
            if rc == sys::KALSHI_OK {
                let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
                buf.truncate(end);
                return utf8(buf);
            }
            if rc != sys::KALSHI_ERR_BUFFER_TOO_SMALL {
                return Err(Error::new(ErrorCode(rc), ""));
            }
            cap *= 2;
        }
        Err(Error::new(ErrorCode::INTERNAL, "CA file path does not fit in 1 MiB"))
    }

    /// Points a client conf at this simulator (hosts, ports, `fix.tls`, `tls.ca_file`).
    pub fn client_conf(&self, conf: &mut Conf, tls: bool) -> Result<()> {
        let c = conf.as_mut_ptr();
        Error::call(|e| unsafe { sys::kalshi_sim_client_conf(self.raw.as_ptr(), c, c_int::from(tls), e) })
    }

    /// [`client_conf`](Self::client_conf) for one product: for [`Product::Margin`] the
    /// `fix.port.*` properties get the `perps.fix.*` listeners and `fix.product` is "margin".
    pub fn client_conf_for(&self, product: Product, conf: &mut Conf, tls: bool) -> Result<()> {
        let c = conf.as_mut_ptr();
        Error::call(|e| unsafe {
            sys::kalshi_sim_client_conf_product(self.raw.as_ptr(), c, product_raw(product), c_int::from(tls), e)
        })
    }

    /// Lets `key_id` log on for `product` with an RSA public key in PEM. `member` 0 makes a new
    /// member named after the key; returns the member number the key trades for.
    pub fn register_key(&self, product: Product, key_id: &str, public_key_pem: &[u8], member: u32) -> Result<u32> {
        let id = c_arg("key_id", key_id)?;
        let mut out = 0u32;
        Error::call(|e| unsafe {
            sys::kalshi_sim_register_key(
                self.raw.as_ptr(),
                product_raw(product),
                id.as_ptr(),
                public_key_pem.as_ptr().cast::<c_char>(),
                public_key_pem.len(),
                member,
                &mut out,
                e,
            )
        })?;
        Ok(out)
    }

    /// Sets the cash balance of a member's subaccount (0 = primary).
    pub fn set_balance(&self, member: u32, subaccount: u32, balance: Price) -> Result<()> {
        Error::check(unsafe { sys::kalshi_sim_set_balance(self.raw.as_ptr(), member, subaccount, balance.0) })
    }

    /// The cash balance of a member's subaccount (0 = primary).
    pub fn balance(&self, member: u32, subaccount: u32) -> Result<Price> {
        let mut v = 0;
        Error::check(unsafe { sys::kalshi_sim_balance(self.raw.as_ptr(), member, subaccount, &mut v) })?;
        Ok(Price(v))
    }

    /// The signed position in a market: positive YES / long, negative NO / short.
    pub fn position(&self, member: u32, subaccount: u32, ticker: &str) -> Result<Count> {
        let t = c_arg("ticker", ticker)?;
        let mut v = 0;
        Error::check(unsafe { sys::kalshi_sim_position(self.raw.as_ptr(), member, subaccount, t.as_ptr(), &mut v) })?;
        Ok(Count(v))
    }

    /// A limit order from `member` as another participant (no session). `Side::Buy` buys YES /
    /// goes long; `Side::Sell` sells YES (buys NO) / goes short. `REJECTED` with Kalshi's reason.
    pub fn place_order(&self, member: u32, ticker: &str, side: Side, price: Price, qty: Count) -> Result<()> {
        let t = c_arg("ticker", ticker)?;
        Error::call(|e| unsafe {
            sys::kalshi_sim_place_order(self.raw.as_ptr(), member, t.as_ptr(), side_raw(side), price.0, qty.0, e)
        })
    }

    /// Market lifecycle: "open", "paused" or "closed".
    pub fn market_status(&self, ticker: &str, status: &str) -> Result<()> {
        let t = c_arg("ticker", ticker)?;
        let s = c_arg("status", status)?;
        Error::call(|e| unsafe { sys::kalshi_sim_market_status(self.raw.as_ptr(), t.as_ptr(), s.as_ptr(), e) })
    }

    /// Settles a market with the YES value per contract (0 or 1.00 for a binary market).
    pub fn settle(&self, ticker: &str, yes_value: Price) -> Result<()> {
        let t = c_arg("ticker", ticker)?;
        Error::call(|e| unsafe { sys::kalshi_sim_settle(self.raw.as_ptr(), t.as_ptr(), yes_value.0, e) })
    }

    /// The exchange clock, Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        unsafe { sys::kalshi_sim_now_ms(self.raw.as_ptr()) }
    }

    /// Moves a manual clock (`sim.clock=manual`) forward, running what falls due.
    pub fn advance_ms(&self, ms: i64) -> Result<()> {
        Error::check(unsafe { sys::kalshi_sim_advance_ms(self.raw.as_ptr(), ms) })
    }

    /// Turns the market-activity generator on or off.
    pub fn set_activity(&self, enabled: bool) -> Result<()> {
        Error::check(unsafe { sys::kalshi_sim_activity(self.raw.as_ptr(), c_int::from(enabled)) })
    }

    /// Injects a fault on FIX sessions of `session` ("fix.nr", "perps.fix.rt", ...) for `key_id`
    /// (`None`: every key): "drop", "skip N", "dup N", "delay MS", "garbage", "reject_logon",
    /// "resend_request", "test_request", "logout", "mute", "clear" (sim.h).
    pub fn fault(&self, session: &str, key_id: Option<&str>, fault: &str) -> Result<()> {
        let s = c_arg("session", session)?;
        let k = key_id.map(|k| c_arg("key_id", k)).transpose()?;
        let f = c_arg("fault", fault)?;
        let kp = k.as_ref().map_or(ptr::null(), |k| k.as_ptr());
        Error::call(|e| unsafe { sys::kalshi_sim_fault(self.raw.as_ptr(), s.as_ptr(), kp, f.as_ptr(), e) })
    }

    /// FIX sessions logged on right now.
    pub fn fix_sessions(&self) -> usize {
        unsafe { sys::kalshi_sim_fix_sessions(self.raw.as_ptr()) }
    }

    pub fn as_ptr(&self) -> *mut sys::kalshi_sim_t {
        self.raw.as_ptr()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        unsafe { sys::kalshi_sim_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator").field("fix.nr", &self.port("fix.nr").ok()).finish()
    }
}
