//! Library version and the check that the loaded library matches this binding.

use std::fmt;

use kalshi_sys as sys;

use crate::{Error, ErrorCode, Result};

/// A `MAJOR.MINOR.PATCH` version, comparable with `kalshi_version()`'s encoding.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    pub const fn from_num(n: u32) -> Version {
        Version { major: (n >> 16) & 0xff, minor: (n >> 8) & 0xff, patch: n & 0xff }
    }
    pub const fn num(self) -> u32 {
        (self.major << 16) | (self.minor << 8) | self.patch
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version of the C API this binding was written for.
pub const BINDING_VERSION: Version = Version {
    major: sys::KALSHI_VERSION_MAJOR,
    minor: sys::KALSHI_VERSION_MINOR,
    patch: sys::KALSHI_VERSION_PATCH,
};

/// The version of the library actually loaded.
pub fn version() -> Version {
    Version::from_num(unsafe { sys::kalshi_version() })
}

/// The loaded library's version text, `"MAJOR.MINOR.PATCH"`.
pub fn version_str() -> &'static str {
    crate::error::static_str(unsafe { sys::kalshi_version_str() })
}

/// Ok when the loaded library can serve this binding: same major version and not older than
/// [`BINDING_VERSION`] (functions are only ever added within a major version).
pub fn check_version() -> Result<()> {
    let lib = version();
    if lib.major == BINDING_VERSION.major && lib >= BINDING_VERSION {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::NOT_SUPPORTED,
            format!("libkalshi {lib} loaded, binding needs {BINDING_VERSION} (same major, not older)"),
        ))
    }
}
