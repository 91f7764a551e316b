//! Exact decimals: prices in millionths of a dollar, counts in hundredths of a contract.

use std::fmt;
use std::str::FromStr;

use kalshi_sys as sys;

use crate::{Error, ErrorCode, Result};

macro_rules! decimal {
    ($(#[$doc:meta])* $name:ident, $scale:ident, $decimals:ident, $parse:ident, $format:ident) => {
        $(#[$doc])*
        #[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub i64);

        impl $name {
            pub const SCALE: i64 = sys::$scale;
            pub const DECIMALS: i32 = sys::$decimals;

            pub const fn from_raw(raw: i64) -> Self {
                $name(raw)
            }
            pub const fn raw(self) -> i64 {
                self.0
            }

            /// Parses exact decimal text: `PARSE` for malformed input, `INEXACT` for precision
            /// beyond the scale, `RANGE` on overflow.
            pub fn parse(s: &str) -> Result<Self> {
                let mut out = 0i64;
                let rc = unsafe { sys::$parse(s.as_ptr().cast(), s.len(), &mut out) };
                if rc == sys::KALSHI_OK {
                    Ok($name(out))
                } else {
                    Err(Error::new(ErrorCode(rc), format!("{:?}: {}", s, ErrorCode(rc).description())))
                }
            }

            /// Text with at least `min_decimals` places (0..=DECIMALS), further trailing zeros
            /// trimmed.
            pub fn format(self, min_decimals: i32) -> Result<String> {
                let mut buf = [0u8; sys::KALSHI_DECIMAL_STRLEN];
                let mut written = 0usize;
                let rc = unsafe {
                    sys::$format(self.0, min_decimals, buf.as_mut_ptr().cast(), buf.len(), &mut written)
                };
                Error::check(rc)?;
                let n = written.min(buf.len());
                Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                $name::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.format(0) {
                    Ok(s) => f.write_str(&s),
                    Err(_) => Err(fmt::Error),
                }
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self)
            }
        }
    };
}

decimal!(
    /// A price in dollars, scaled by 1,000,000 (`"0.56"` is `Price(560_000)`).
    Price, KALSHI_PRICE_SCALE, KALSHI_PRICE_DECIMALS, kalshi_price_parse, kalshi_price_format
);
decimal!(
    /// A contract count, scaled by 100 (`"10.5"` is `Count(1050)`).
    Count, KALSHI_COUNT_SCALE, KALSHI_COUNT_DECIMALS, kalshi_count_parse, kalshi_count_format
);

impl Price {
    pub fn from_cents(cents: i64) -> Result<Price> {
        let mut out = 0;
        Error::check(unsafe { sys::kalshi_price_from_cents(cents, &mut out) })?;
        Ok(Price(out))
    }
    /// `INEXACT` when the price is not a whole number of cents.
    pub fn to_cents(self) -> Result<i64> {
        let mut out = 0;
        Error::check(unsafe { sys::kalshi_price_to_cents(self.0, &mut out) })?;
        Ok(out)
    }
    pub fn from_centicents(cc: i64) -> Result<Price> {
        let mut out = 0;
        Error::check(unsafe { sys::kalshi_price_from_centicents(cc, &mut out) })?;
        Ok(Price(out))
    }
    pub fn to_centicents(self) -> Result<i64> {
        let mut out = 0;
        Error::check(unsafe { sys::kalshi_price_to_centicents(self.0, &mut out) })?;
        Ok(out)
    }
}
