//! Configuration: string properties validated when set (see docs/CONFIGURATION.md).

use std::ffi::c_char;
use std::fmt;
use std::ptr::NonNull;

use kalshi_sys as sys;

use crate::error::c_arg;
use crate::{read_sized, utf8, Error, ErrorCode, Result};

const ERRSTR: usize = 512;

/// A set of configuration properties (`kalshi_conf_t`). Clients copy it when created.
pub struct Conf {
    raw: NonNull<sys::kalshi_conf_t>,
}

// SAFETY: a conf is a plain heap object without thread affinity; mutation needs `&mut self`.
// It is not `Sync`: the C API does not promise concurrent reads of one conf.
unsafe impl Send for Conf {}

fn errstr_error(rc: sys::kalshi_err_t, buf: &[u8]) -> Error {
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Error::new(ErrorCode(rc), String::from_utf8_lossy(&buf[..end]).into_owned())
}

impl Conf {
    /// A conf with every property at its default.
    pub fn new() -> Result<Conf> {
        NonNull::new(unsafe { sys::kalshi_conf_new() })
            .map(|raw| Conf { raw })
            .ok_or_else(|| Error::new(ErrorCode::NO_MEMORY, "kalshi_conf_new"))
    }

    /// Sets a property. `UNKNOWN_KEY` when there is no such property, `INVALID_VALUE` when the
    /// value is outside its domain; the library's message is in [`Error::message`].
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let k = c_arg("key", key)?;
        let v = c_arg("value", value)?;
        self.set_raw(&k, v.as_ptr())
    }

    /// Resets a property to its default.
    pub fn reset(&mut self, key: &str) -> Result<()> {
        let k = c_arg("key", key)?;
        self.set_raw(&k, std::ptr::null())
    }

    fn set_raw(&mut self, key: &std::ffi::CStr, value: *const c_char) -> Result<()> {
        let mut buf = [0u8; ERRSTR];
        let rc = unsafe {
            sys::kalshi_conf_set(self.raw.as_ptr(), key.as_ptr(), value, buf.as_mut_ptr().cast(), buf.len())
        };
        if rc == sys::KALSHI_OK {
            Ok(())
        } else {
            Err(errstr_error(rc, &buf))
        }
    }

    /// The effective value (explicit, else default). Secrets read back as `"[redacted]"`.
    pub fn get(&self, key: &str) -> Result<String> {
        let k = c_arg("key", key)?;
        let v = read_sized(|dest, size| unsafe { sys::kalshi_conf_get(self.raw.as_ptr(), k.as_ptr(), dest, size) })
            .map_err(|e| Error::new(e.code(), format!("{key}: {}", e.message())))?;
        utf8(v)
    }

    /// Every property as `key=value` lines, secrets redacted.
    pub fn dump(&self) -> Result<String> {
        utf8(read_sized(|dest, size| unsafe { sys::kalshi_conf_dump(self.raw.as_ptr(), dest, size) })?)
    }

    /// The dump as (key, value) pairs in table order.
    pub fn entries(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .dump()?
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
            .collect())
    }

    /// Applies the `KALSHI_*` environment variables (see the C header for the list).
    pub fn apply_env(&mut self) -> Result<()> {
        let mut buf = [0u8; ERRSTR];
        let rc = unsafe { sys::kalshi_conf_from_env(self.raw.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if rc == sys::KALSHI_OK {
            Ok(())
        } else {
            Err(errstr_error(rc, &buf))
        }
    }

    /// A new conf with defaults and the environment applied.
    pub fn from_env() -> Result<Conf> {
        let mut c = Conf::new()?;
        c.apply_env()?;
        Ok(c)
    }

    /// An independent copy (`kalshi_conf_dup`).
    pub fn try_clone(&self) -> Result<Conf> {
        NonNull::new(unsafe { sys::kalshi_conf_dup(self.raw.as_ptr()) })
            .map(|raw| Conf { raw })
            .ok_or_else(|| Error::new(ErrorCode::NO_MEMORY, "kalshi_conf_dup"))
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_conf_t {
        self.raw.as_ptr()
    }

    /// For calls the safe API does not cover (e.g. `kalshi_conf_set_dispatch_cb`).
    pub fn as_mut_ptr(&mut self) -> *mut sys::kalshi_conf_t {
        self.raw.as_ptr()
    }
}

impl Clone for Conf {
    /// Panics only when out of memory.
    fn clone(&self) -> Conf {
        self.try_clone().expect("kalshi_conf_dup: out of memory")
    }
}

impl Drop for Conf {
    fn drop(&mut self) {
        unsafe { sys::kalshi_conf_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Conf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.entries() {
            Ok(e) => f.debug_map().entries(e).finish(),
            Err(e) => write!(f, "Conf(<{e}>)"),
        }
    }
}
