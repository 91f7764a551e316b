//! Error codes (`kalshi_err_t`) and the binding's error value.

use std::ffi::CStr;
use std::fmt;

use kalshi_sys as sys;

/// A libkalshi error code. The C enum is append-only, so this is an open set: a newer library may
/// return a code this binding has no constant for; [`ErrorCode::name`] still names it.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorCode(pub u32);

macro_rules! codes {
    ($($name:ident = $sys:ident),* $(,)?) => {
        impl ErrorCode {
            $(pub const $name: ErrorCode = ErrorCode(sys::$sys);)*
        }
    };
}

codes!(
    OK = KALSHI_OK,
    INVALID_ARG = KALSHI_ERR_INVALID_ARG,
    UNKNOWN_KEY = KALSHI_ERR_UNKNOWN_KEY,
    INVALID_VALUE = KALSHI_ERR_INVALID_VALUE,
    NO_MEMORY = KALSHI_ERR_NO_MEMORY,
    CLOSED = KALSHI_ERR_CLOSED,
    WRONG_THREAD = KALSHI_ERR_WRONG_THREAD,
    WRONG_MODE = KALSHI_ERR_WRONG_MODE,
    TIMEOUT = KALSHI_ERR_TIMEOUT,
    BUFFER_TOO_SMALL = KALSHI_ERR_BUFFER_TOO_SMALL,
    PARSE = KALSHI_ERR_PARSE,
    RANGE = KALSHI_ERR_RANGE,
    INEXACT = KALSHI_ERR_INEXACT,
    IO = KALSHI_ERR_IO,
    KEY_FORMAT = KALSHI_ERR_KEY_FORMAT,
    KEY_PASSPHRASE = KALSHI_ERR_KEY_PASSPHRASE,
    KEY_UNSUPPORTED = KALSHI_ERR_KEY_UNSUPPORTED,
    KEY_PUBLIC = KALSHI_ERR_KEY_PUBLIC,
    CRYPTO = KALSHI_ERR_CRYPTO,
    DNS = KALSHI_ERR_DNS,
    CONNECT = KALSHI_ERR_CONNECT,
    DISCONNECTED = KALSHI_ERR_DISCONNECTED,
    TLS = KALSHI_ERR_TLS,
    TLS_UNTRUSTED = KALSHI_ERR_TLS_UNTRUSTED,
    TLS_HOSTNAME = KALSHI_ERR_TLS_HOSTNAME,
    TLS_PIN = KALSHI_ERR_TLS_PIN,
    HOST_NOT_ALLOWED = KALSHI_ERR_HOST_NOT_ALLOWED,
    STATE = KALSHI_ERR_STATE,
    NOT_SUPPORTED = KALSHI_ERR_NOT_SUPPORTED,
    INTERNAL = KALSHI_ERR_INTERNAL,
    PROTOCOL = KALSHI_ERR_PROTOCOL,
    REJECTED = KALSHI_ERR_REJECTED,
    NOT_FOUND = KALSHI_ERR_NOT_FOUND,
    SEQUENCE_GAP = KALSHI_ERR_SEQUENCE_GAP,
    BAD_REQUEST = KALSHI_ERR_BAD_REQUEST,
    UNAUTHORIZED = KALSHI_ERR_UNAUTHORIZED,
    CONFLICT = KALSHI_ERR_CONFLICT,
    RATE_LIMITED = KALSHI_ERR_RATE_LIMITED,
    SERVER = KALSHI_ERR_SERVER,
    OVERFLOW = KALSHI_ERR_OVERFLOW,
);

pub(crate) fn static_str(p: *const std::ffi::c_char) -> &'static str {
    if p.is_null() {
        return "";
    }
    // SAFETY: the library documents these strings as static storage, NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
}

impl ErrorCode {
    /// The macro name, e.g. `"KALSHI_ERR_TIMEOUT"`; `"KALSHI_ERR_UNKNOWN_CODE"` for codes the
    /// loaded library does not know.
    pub fn name(self) -> &'static str {
        static_str(unsafe { sys::kalshi_err_name(self.0) })
    }

    /// A one-line English description.
    pub fn description(self) -> &'static str {
        static_str(unsafe { sys::kalshi_err_str(self.0) })
    }

    pub fn is_ok(self) -> bool {
        self.0 == sys::KALSHI_OK
    }

    /// Every code the loaded library knows (from `kalshi_err_codes`), `OK` included.
    pub fn all() -> Vec<ErrorCode> {
        let n = unsafe { sys::kalshi_err_codes(std::ptr::null_mut(), 0) };
        let mut v: Vec<sys::kalshi_err_t> = vec![0; n];
        let got = unsafe { sys::kalshi_err_codes(v.as_mut_ptr(), v.len()) };
        v.truncate(got.min(n));
        v.into_iter().map(ErrorCode).collect()
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error reported by libkalshi: the code, its name, and the detail message (from the
/// `kalshi_error_t` object or the `errstr` buffer of the failing call).
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    http_status: i32,
    exchange_code: String,
    retriable: bool,
    fatal: bool,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with only a code and a message (used for argument checks done by the binding).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        let mut message = message.into();
        if message.is_empty() {
            message = code.description().to_owned();
        }
        Error { code, message, http_status: 0, exchange_code: String::new(), retriable: false, fatal: false }
    }

    /// Copies an error object without taking ownership of it.
    ///
    /// # Safety
    /// `e` must be a valid, live `kalshi_error_t`.
    pub(crate) unsafe fn from_raw(e: *const sys::kalshi_error_t) -> Error {
        let code = ErrorCode(sys::kalshi_error_code(e));
        let message = cstring_lossy(sys::kalshi_error_message(e));
        let mut err = Error::new(code, message);
        err.http_status = sys::kalshi_error_http_status(e);
        err.exchange_code = cstring_lossy(sys::kalshi_error_exchange_code(e));
        err.retriable = sys::kalshi_error_retriable(e) != 0;
        err.fatal = sys::kalshi_error_fatal(e) != 0;
        err
    }

    /// Builds the error for a failed call that returned `code` and maybe filled `e` (which this
    /// destroys).
    pub(crate) fn take(code: sys::kalshi_err_t, e: *mut sys::kalshi_error_t) -> Error {
        if e.is_null() {
            return Error::new(ErrorCode(code), "");
        }
        // SAFETY: the library handed us ownership of `e`.
        let mut err = unsafe { Error::from_raw(e) };
        unsafe { sys::kalshi_error_destroy(e) };
        if err.code.is_ok() {
            err.code = ErrorCode(code);
        }
        err
    }

    /// Runs a C call that takes an optional `kalshi_error_t **` and maps its outcome.
    pub(crate) fn call(f: impl FnOnce(*mut *mut sys::kalshi_error_t) -> sys::kalshi_err_t) -> Result<()> {
        let mut err = std::ptr::null_mut();
        let rc = f(&mut err);
        if rc != sys::KALSHI_OK {
            return Err(Error::take(rc, err));
        }
        if !err.is_null() {
            unsafe { sys::kalshi_error_destroy(err) };
        }
        Ok(())
    }

    pub(crate) fn check(code: sys::kalshi_err_t) -> Result<()> {
        if code == sys::KALSHI_OK {
            Ok(())
        } else {
            Err(Error::new(ErrorCode(code), ""))
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }
    /// `"KALSHI_ERR_..."`.
    pub fn name(&self) -> &'static str {
        self.code.name()
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    /// HTTP status of a REST failure, else 0.
    pub fn http_status(&self) -> i32 {
        self.http_status
    }
    /// The exchange's own error code, else "".
    pub fn exchange_code(&self) -> &str {
        &self.exchange_code
    }
    pub fn retriable(&self) -> bool {
        self.retriable
    }
    pub fn fatal(&self) -> bool {
        self.fatal
    }
}

pub(crate) fn cstring_lossy(p: *const std::ffi::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("code", &self.code).field("message", &self.message);
        if self.http_status != 0 {
            d.field("http_status", &self.http_status);
        }
        if !self.exchange_code.is_empty() {
            d.field("exchange_code", &self.exchange_code);
        }
        d.field("retriable", &self.retriable).field("fatal", &self.fatal).finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.message)
    }
}

impl std::error::Error for Error {}

/// A `CString` for an argument, or `INVALID_ARG` if it holds a NUL byte.
pub(crate) fn c_arg(what: &str, s: &str) -> Result<std::ffi::CString> {
    std::ffi::CString::new(s)
        .map_err(|_| Error::new(ErrorCode::INVALID_ARG, format!("{what} contains a NUL byte")))
}
