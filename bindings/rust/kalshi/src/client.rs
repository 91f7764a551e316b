//! Clients, their event queues, events and raw streams.

use std::fmt;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::ptr::{self, NonNull};
use std::sync::Mutex;

use kalshi_sys as sys;

use crate::error::{c_arg, static_str};
use crate::{Conf, Error, ErrorCode, Result};

/// A client (`kalshi_client_t`): one libuv loop, run on the library's own thread
/// (`client.mode=thread`, the default) or driven by [`Client::run`] (`client.mode=caller`).
pub struct Client {
    raw: NonNull<sys::kalshi_client_t>,
    // kalshi_client_run must be called from one thread at a time.
    run_lock: Mutex<()>,
}

// SAFETY: every kalshi_client_* function is documented thread-safe; `run` is serialised above.
unsafe impl Send for Client {}
unsafe impl Sync for Client {}

/// Severity of a log event, and of [`Client::log`].
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum LogLevel {
    Error = 0,
    Warn = 1,
    Info = 2,
    Debug = 3,
    Trace = 4,
}

impl LogLevel {
    pub fn from_raw(v: u32) -> Option<LogLevel> {
        Some(match v {
            sys::KALSHI_LOG_ERROR => LogLevel::Error,
            sys::KALSHI_LOG_WARN => LogLevel::Warn,
            sys::KALSHI_LOG_INFO => LogLevel::Info,
            sys::KALSHI_LOG_DEBUG => LogLevel::Debug,
            sys::KALSHI_LOG_TRACE => LogLevel::Trace,
            _ => return None,
        })
    }
}

impl Client {
    /// A client configured by `conf` (copied; `None` = all defaults).
    pub fn new(conf: Option<&Conf>) -> Result<Client> {
        let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
        let rc = unsafe {
            sys::kalshi_client_new(conf.map_or(ptr::null(), |c| c.as_ptr()), &mut out, &mut err)
        };
        if rc != sys::KALSHI_OK {
            return Err(Error::take(rc, err));
        }
        if !err.is_null() {
            unsafe { sys::kalshi_error_destroy(err) };
        }
        let raw = NonNull::new(out)
            .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_client_new returned OK without a client"))?;
        Ok(Client { raw, run_lock: Mutex::new(()) })
    }

    /// Caller mode only: runs the loop for at most `timeout_ms` (0 = one non-blocking pass,
    /// -1 = until closed). `Err(CLOSED)` once the client has closed, `Err(WRONG_MODE)` in
    /// thread mode. Concurrent calls are serialised.
    pub fn run(&self, timeout_ms: i32) -> Result<()> {
        let _g = self.run_lock.lock().unwrap_or_else(|p| p.into_inner());
        Error::check(unsafe { sys::kalshi_client_run(self.raw.as_ptr(), timeout_ms) })
    }

    /// A new reference to the client's event queue.
    pub fn queue(&self) -> Result<Queue> {
        NonNull::new(unsafe { sys::kalshi_client_queue(self.raw.as_ptr()) })
            .map(|raw| Queue { raw })
            .ok_or_else(|| Error::new(ErrorCode::STATE, "kalshi_client_queue returned no queue"))
    }

    /// Posts an echo request; a [`EventType::ECHO`] event with the same tag completes it.
    pub fn echo(&self, user_tag: u64) -> Result<()> {
        Error::check(unsafe { sys::kalshi_client_echo(self.raw.as_ptr(), user_tag) })
    }

    /// Posts a [`EventType::LOG`] event through the client's logger (filtered by `log.level`).
    pub fn log(&self, level: LogLevel, message: &str) -> Result<()> {
        let m = c_arg("message", message)?;
        Error::check(unsafe { sys::kalshi_client_log(self.raw.as_ptr(), level as i32, m.as_ptr()) })
    }

    /// Graceful close; waits up to `timeout_ms` (-1 = `client.close_timeout_ms`). Idempotent.
    pub fn close(&self, timeout_ms: i32) -> Result<()> {
        Error::check(unsafe { sys::kalshi_client_close(self.raw.as_ptr(), timeout_ms) })
    }

    /// True once the client has closed or is closing.
    pub fn is_closed(&self) -> bool {
        unsafe { sys::kalshi_client_closed(self.raw.as_ptr()) != 0 }
    }

    /// Opens a raw TCP (or TLS, when `tls`) stream; the outcome arrives as stream events tagged
    /// `user_tag`.
    pub fn open_stream(&self, host: &str, port: u16, tls: bool, user_tag: u64) -> Result<Stream> {
        let h = c_arg("host", host)?;
        let flags = if tls { sys::KALSHI_STREAM_TLS } else { 0 };
        let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
        let rc = unsafe {
            sys::kalshi_stream_open(self.raw.as_ptr(), h.as_ptr(), port, flags, user_tag, &mut out, &mut err)
        };
        if rc != sys::KALSHI_OK {
            return Err(Error::take(rc, err));
        }
        if !err.is_null() {
            unsafe { sys::kalshi_error_destroy(err) };
        }
        NonNull::new(out)
            .map(|raw| Stream { raw })
            .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "kalshi_stream_open returned OK without a stream"))
    }

    /// Closes (with the configured timeout) and releases the client, reporting the outcome.
    /// Dropping does the same and ignores the result.
    pub fn destroy(self) -> Result<()> {
        let raw = self.raw.as_ptr();
        std::mem::forget(self);
        Error::check(unsafe { sys::kalshi_client_destroy(raw) })
    }

    pub fn as_ptr(&self) -> *mut sys::kalshi_client_t {
        self.raw.as_ptr()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // Only refused on the client's own I/O thread, which safe Rust code never runs on.
        unsafe { sys::kalshi_client_destroy(self.raw.as_ptr()) };
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("closed", &self.is_closed()).finish_non_exhaustive()
    }
}

/// A reference to a client's event queue. It keeps the client's memory alive, so it may outlive
/// the [`Client`].
pub struct Queue {
    raw: NonNull<sys::kalshi_queue_t>,
}

// SAFETY: the C API documents queues as thread-safe (multi-consumer polling).
unsafe impl Send for Queue {}
unsafe impl Sync for Queue {}

impl Queue {
    /// Waits up to `timeout_ms` (0 = do not wait, -1 = forever) for one event.
    pub fn poll(&self, timeout_ms: i32) -> Option<Event> {
        NonNull::new(unsafe { sys::kalshi_queue_poll(self.raw.as_ptr(), timeout_ms) }).map(|raw| Event { raw })
    }

    /// Takes up to `max` events, waiting up to `timeout_ms` for the first.
    pub fn poll_batch(&self, max: usize, timeout_ms: i32) -> Vec<Event> {
        let mut raw: Vec<*mut sys::kalshi_event_t> = vec![ptr::null_mut(); max];
        let n = unsafe { sys::kalshi_queue_poll_batch(self.raw.as_ptr(), raw.as_mut_ptr(), max, timeout_ms) };
        raw.truncate(n.min(max));
        raw.into_iter().filter_map(NonNull::new).map(|raw| Event { raw }).collect()
    }

    /// Events waiting now.
    pub fn len(&self) -> usize {
        unsafe { sys::kalshi_queue_length(self.raw.as_ptr()) }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An eventfd that is readable while the queue is non-empty, for outside event loops. It
    /// belongs to the queue: do not read, write or close it.
    pub fn wakeup_fd(&self) -> RawFd {
        unsafe { sys::kalshi_queue_wakeup_fd(self.raw.as_ptr()) }
    }

    pub fn as_ptr(&self) -> *mut sys::kalshi_queue_t {
        self.raw.as_ptr()
    }
}

impl AsRawFd for Queue {
    fn as_raw_fd(&self) -> RawFd {
        self.wakeup_fd()
    }
}

impl AsFd for Queue {
    fn as_fd(&self) -> BorrowedFd<'_> {
        // SAFETY: the fd is owned by the queue and open for as long as the queue is.
        unsafe { BorrowedFd::borrow_raw(self.wakeup_fd()) }
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        unsafe { sys::kalshi_queue_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Queue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Queue").field("len", &self.len()).finish_non_exhaustive()
    }
}

/// An event type (`kalshi_event_type_t`); an open set, as the C enum is append-only.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct EventType(pub u32);

impl EventType {
    pub const NONE: EventType = EventType(sys::KALSHI_EVENT_NONE);
    pub const LOG: EventType = EventType(sys::KALSHI_EVENT_LOG);
    pub const ERROR: EventType = EventType(sys::KALSHI_EVENT_ERROR);
    pub const ECHO: EventType = EventType(sys::KALSHI_EVENT_ECHO);
    pub const STREAM_CONNECTED: EventType = EventType(sys::KALSHI_EVENT_STREAM_CONNECTED);
    pub const STREAM_DATA: EventType = EventType(sys::KALSHI_EVENT_STREAM_DATA);
    pub const STREAM_CLOSED: EventType = EventType(sys::KALSHI_EVENT_STREAM_CLOSED);
    pub const CLIENT_CLOSED: EventType = EventType(sys::KALSHI_EVENT_CLIENT_CLOSED);
    /// A FIX session's state changed: [`Event::fix_state`]; leaving ACTIVE carries the reason as
    /// [`Event::error`].
    pub const FIX_STATE: EventType = EventType(sys::KALSHI_EVENT_FIX_STATE);
    /// A decoded message from the exchange: [`Event::fix_msg`].
    pub const FIX_MESSAGE: EventType = EventType(sys::KALSHI_EVENT_FIX_MESSAGE);
    /// Bytes that could not be framed or decoded ([`Event::data`]) and why ([`Event::error`]).
    pub const FIX_DECODE_ERROR: EventType = EventType(sys::KALSHI_EVENT_FIX_DECODE_ERROR);
    /// A send queued from another thread could not go out; carries the send's user tag.
    pub const FIX_SEND_FAILED: EventType = EventType(sys::KALSHI_EVENT_FIX_SEND_FAILED);
    /// The last event of a FIX session.
    pub const FIX_CLOSED: EventType = EventType(sys::KALSHI_EVENT_FIX_CLOSED);
    /// A REST call completed ([`Rest`](crate::Rest)): [`Event::rest_status`], the raw body in
    /// [`Event::data`], typed objects through [`Event::obj`]; the error if it failed.
    pub const REST_RESPONSE: EventType = EventType(sys::KALSHI_EVENT_REST_RESPONSE);
    /// One page of a paginated listing ([`Event::rest_page_index`], same accessors as a response).
    pub const REST_PAGE: EventType = EventType(sys::KALSHI_EVENT_REST_PAGE);
    /// A paginated listing ended (its error if it failed; [`Event::rest_truncated`]).
    pub const REST_DONE: EventType = EventType(sys::KALSHI_EVENT_REST_DONE);
    /// A WebSocket connection's state changed: [`Event::ws_state`]; leaving OPEN carries the
    /// reason as [`Event::error`].
    pub const WS_STATE: EventType = EventType(sys::KALSHI_EVENT_WS_STATE);
    /// A channel message: [`Event::ws_channel`], [`Event::ws_type`], sid, seq, the JSON in
    /// [`Event::data`] and the typed object [`Event::obj`]`(0)`.
    pub const WS_MESSAGE: EventType = EventType(sys::KALSHI_EVENT_WS_MESSAGE);
    /// A WebSocket command's reply or error, with the command's user tag ([`Event::ws_sid`] for a
    /// subscribe).
    pub const WS_REPLY: EventType = EventType(sys::KALSHI_EVENT_WS_REPLY);
    /// A subscription lost messages: its books were cleared and it is resubscribing.
    pub const WS_RESYNC: EventType = EventType(sys::KALSHI_EVENT_WS_RESYNC);
    /// The last event of a WebSocket connection.
    pub const WS_CLOSED: EventType = EventType(sys::KALSHI_EVENT_WS_CLOSED);
    /// A local WebSocket book's best bid or ask changed ([`Event::ws_market`]; `ws.top_events`).
    pub const BOOK_TOP: EventType = EventType(sys::KALSHI_EVENT_BOOK_TOP);

    /// `"KALSHI_EVENT_ECHO"` etc.
    pub fn name(self) -> &'static str {
        static_str(unsafe { sys::kalshi_event_type_name(self.0) })
    }
}

impl fmt::Debug for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

/// An event taken from a queue; owned, freed on drop. Borrowed data stays valid while it lives.
pub struct Event {
    raw: NonNull<sys::kalshi_event_t>,
}

// SAFETY: an event is an owned value with no thread affinity. Not `Sync`: the C API does not
// promise concurrent access to one event.
unsafe impl Send for Event {}

impl Event {
    /// Takes ownership of an event the library handed over.
    pub(crate) fn from_raw(raw: NonNull<sys::kalshi_event_t>) -> Event {
        Event { raw }
    }

    pub fn event_type(&self) -> EventType {
        EventType(unsafe { sys::kalshi_event_type(self.raw.as_ptr()) })
    }

    pub fn user_tag(&self) -> u64 {
        unsafe { sys::kalshi_event_user_tag(self.raw.as_ptr()) }
    }

    /// The event's error code (`OK` when it carries none).
    pub fn err_code(&self) -> ErrorCode {
        ErrorCode(unsafe { sys::kalshi_event_err(self.raw.as_ptr()) })
    }

    /// A copy of the event's error object, if it carries one.
    pub fn error(&self) -> Option<Error> {
        let e = unsafe { sys::kalshi_event_error(self.raw.as_ptr()) };
        if e.is_null() {
            None
        } else {
            // SAFETY: owned by the event, which is alive.
            Some(unsafe { Error::from_raw(e) })
        }
    }

    /// The payload (stream data, log text...).
    pub fn data(&self) -> &[u8] {
        let mut len = 0usize;
        let p = unsafe { sys::kalshi_event_data(self.raw.as_ptr(), &mut len) };
        if p.is_null() || len == 0 {
            &[]
        } else {
            // SAFETY: valid until the event is destroyed, i.e. for the borrow of self.
            unsafe { std::slice::from_raw_parts(p, len) }
        }
    }

    /// The payload as text (lossy for non-UTF-8 bytes).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.data())
    }

    /// Meaningful for [`EventType::LOG`].
    pub fn log_level(&self) -> Option<LogLevel> {
        LogLevel::from_raw(unsafe { sys::kalshi_event_log_level(self.raw.as_ptr()) })
    }

    /// Monotonic nanoseconds when the library created the event.
    pub fn timestamp_ns(&self) -> u64 {
        unsafe { sys::kalshi_event_timestamp_ns(self.raw.as_ptr()) }
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_event_t {
        self.raw.as_ptr()
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        unsafe { sys::kalshi_event_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("type", &self.event_type())
            .field("user_tag", &self.user_tag())
            .field("err", &self.err_code())
            .field("data_len", &self.data().len())
            .finish()
    }
}

/// A raw TCP/TLS byte stream on a client's loop ([`Client::open_stream`]).
pub struct Stream {
    raw: NonNull<sys::kalshi_stream_t>,
}

// SAFETY: all library functions are thread-safe (ARCHITECTURE §4); writes are copied.
unsafe impl Send for Stream {}
unsafe impl Sync for Stream {}

impl Stream {
    /// Copies `data` and queues it for sending.
    pub fn write(&self, data: &[u8]) -> Result<()> {
        Error::check(unsafe { sys::kalshi_stream_write(self.raw.as_ptr(), data.as_ptr(), data.len()) })
    }

    /// Starts a graceful close; a STREAM_CLOSED event follows. Idempotent.
    pub fn close(&self) -> Result<()> {
        Error::check(unsafe { sys::kalshi_stream_close(self.raw.as_ptr()) })
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        unsafe { sys::kalshi_stream_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stream").finish_non_exhaustive()
    }
}

#[allow(dead_code)]
fn _assert_traits() {
    fn send<T: Send>() {}
    fn sync<T: Sync>() {}
    send::<Client>();
    sync::<Client>();
    send::<Queue>();
    sync::<Queue>();
    send::<Event>();
    send::<Conf>();
    send::<crate::Key>();
    sync::<crate::Key>();
    send::<crate::WebSocket>();
    sync::<crate::WebSocket>();
    send::<crate::RestParams>();
    sync::<crate::Rest<'static>>();
}
