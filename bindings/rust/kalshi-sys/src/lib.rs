//! Raw declarations of libkalshi's C ABI (`include/kalshi/*.h`), written by hand so that building
//! needs no libclang. They mirror the headers one for one; `tests/header_sync.rs` in the `kalshi`
//! crate checks the constants against the installed headers.
//!
//! C enums are declared as `c_uint` type aliases plus constants: the library may return codes
//! newer than these declarations (the enums are append-only), which a Rust `enum` could not hold.
#![no_std]
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_int, c_uint, c_void};
use core::marker::{PhantomData, PhantomPinned};

macro_rules! opaque {
    ($($name:ident),* $(,)?) => {$(
        #[repr(C)]
        pub struct $name {
            _data: [u8; 0],
            _marker: PhantomData<(*mut u8, PhantomPinned)>,
        }
    )*};
}

opaque!(
    kalshi_conf_t,
    kalshi_event_t,
    kalshi_error_t,
    kalshi_client_t,
    kalshi_queue_t,
    kalshi_key_t,
    kalshi_stream_t,
    kalshi_fix_session_t,
    kalshi_fix_msg_t,
    kalshi_fix_builder_t,
    kalshi_book_t,
    kalshi_settlement_assembler_t,
    kalshi_settlement_t,
    kalshi_sim_t,
    kalshi_obj_t,
    kalshi_rest_params_t,
    kalshi_ws_t,
);

// ---- version.h ----------------------------------------------------------------------------------
pub const KALSHI_VERSION_MAJOR: u32 = 0;
pub const KALSHI_VERSION_MINOR: u32 = 1;
pub const KALSHI_VERSION_PATCH: u32 = 0;
pub const KALSHI_VERSION_NUM: u32 =
    (KALSHI_VERSION_MAJOR << 16) | (KALSHI_VERSION_MINOR << 8) | KALSHI_VERSION_PATCH;

// ---- error.h ------------------------------------------------------------------------------------
pub type kalshi_err_t = c_uint;
pub const KALSHI_OK: kalshi_err_t = 0;
pub const KALSHI_ERR_INVALID_ARG: kalshi_err_t = 1;
pub const KALSHI_ERR_UNKNOWN_KEY: kalshi_err_t = 2;
pub const KALSHI_ERR_INVALID_VALUE: kalshi_err_t = 3;
pub const KALSHI_ERR_NO_MEMORY: kalshi_err_t = 4;
pub const KALSHI_ERR_CLOSED: kalshi_err_t = 5;
pub const KALSHI_ERR_WRONG_THREAD: kalshi_err_t = 6;
pub const KALSHI_ERR_WRONG_MODE: kalshi_err_t = 7;
pub const KALSHI_ERR_TIMEOUT: kalshi_err_t = 8;
pub const KALSHI_ERR_BUFFER_TOO_SMALL: kalshi_err_t = 9;
pub const KALSHI_ERR_PARSE: kalshi_err_t = 10;
pub const KALSHI_ERR_RANGE: kalshi_err_t = 11;
pub const KALSHI_ERR_INEXACT: kalshi_err_t = 12;
pub const KALSHI_ERR_IO: kalshi_err_t = 13;
pub const KALSHI_ERR_KEY_FORMAT: kalshi_err_t = 14;
pub const KALSHI_ERR_KEY_PASSPHRASE: kalshi_err_t = 15;
pub const KALSHI_ERR_KEY_UNSUPPORTED: kalshi_err_t = 16;
pub const KALSHI_ERR_KEY_PUBLIC: kalshi_err_t = 17;
pub const KALSHI_ERR_CRYPTO: kalshi_err_t = 18;
pub const KALSHI_ERR_DNS: kalshi_err_t = 19;
pub const KALSHI_ERR_CONNECT: kalshi_err_t = 20;
pub const KALSHI_ERR_DISCONNECTED: kalshi_err_t = 21;
pub const KALSHI_ERR_TLS: kalshi_err_t = 22;
pub const KALSHI_ERR_TLS_UNTRUSTED: kalshi_err_t = 23;
pub const KALSHI_ERR_TLS_HOSTNAME: kalshi_err_t = 24;
pub const KALSHI_ERR_TLS_PIN: kalshi_err_t = 25;
pub const KALSHI_ERR_HOST_NOT_ALLOWED: kalshi_err_t = 26;
pub const KALSHI_ERR_STATE: kalshi_err_t = 27;
pub const KALSHI_ERR_NOT_SUPPORTED: kalshi_err_t = 28;
pub const KALSHI_ERR_INTERNAL: kalshi_err_t = 29;
pub const KALSHI_ERR_PROTOCOL: kalshi_err_t = 30;
pub const KALSHI_ERR_REJECTED: kalshi_err_t = 31;
pub const KALSHI_ERR_NOT_FOUND: kalshi_err_t = 32;
pub const KALSHI_ERR_SEQUENCE_GAP: kalshi_err_t = 33;
pub const KALSHI_ERR_BAD_REQUEST: kalshi_err_t = 34;
pub const KALSHI_ERR_UNAUTHORIZED: kalshi_err_t = 35;
pub const KALSHI_ERR_CONFLICT: kalshi_err_t = 36;
pub const KALSHI_ERR_RATE_LIMITED: kalshi_err_t = 37;
pub const KALSHI_ERR_SERVER: kalshi_err_t = 38;
pub const KALSHI_ERR_OVERFLOW: kalshi_err_t = 39;

/// Every code declared above, in value order, with its macro name (for header checks and tables).
pub const KALSHI_ERR_DECLARED: &[(&str, kalshi_err_t)] = &[
    ("KALSHI_OK", KALSHI_OK),
    ("KALSHI_ERR_INVALID_ARG", KALSHI_ERR_INVALID_ARG),
    ("KALSHI_ERR_UNKNOWN_KEY", KALSHI_ERR_UNKNOWN_KEY),
    ("KALSHI_ERR_INVALID_VALUE", KALSHI_ERR_INVALID_VALUE),
    ("KALSHI_ERR_NO_MEMORY", KALSHI_ERR_NO_MEMORY),
    ("KALSHI_ERR_CLOSED", KALSHI_ERR_CLOSED),
    ("KALSHI_ERR_WRONG_THREAD", KALSHI_ERR_WRONG_THREAD),
    ("KALSHI_ERR_WRONG_MODE", KALSHI_ERR_WRONG_MODE),
    ("KALSHI_ERR_TIMEOUT", KALSHI_ERR_TIMEOUT),
    ("KALSHI_ERR_BUFFER_TOO_SMALL", KALSHI_ERR_BUFFER_TOO_SMALL),
    ("KALSHI_ERR_PARSE", KALSHI_ERR_PARSE),
    ("KALSHI_ERR_RANGE", KALSHI_ERR_RANGE),
    ("KALSHI_ERR_INEXACT", KALSHI_ERR_INEXACT),
    ("KALSHI_ERR_IO", KALSHI_ERR_IO),
    ("KALSHI_ERR_KEY_FORMAT", KALSHI_ERR_KEY_FORMAT),
    ("KALSHI_ERR_KEY_PASSPHRASE", KALSHI_ERR_KEY_PASSPHRASE),
    ("KALSHI_ERR_KEY_UNSUPPORTED", KALSHI_ERR_KEY_UNSUPPORTED),
    ("KALSHI_ERR_KEY_PUBLIC", KALSHI_ERR_KEY_PUBLIC),
    ("KALSHI_ERR_CRYPTO", KALSHI_ERR_CRYPTO),
    ("KALSHI_ERR_DNS", KALSHI_ERR_DNS),
    ("KALSHI_ERR_CONNECT", KALSHI_ERR_CONNECT),
    ("KALSHI_ERR_DISCONNECTED", KALSHI_ERR_DISCONNECTED),
    ("KALSHI_ERR_TLS", KALSHI_ERR_TLS),
    ("KALSHI_ERR_TLS_UNTRUSTED", KALSHI_ERR_TLS_UNTRUSTED),
    ("KALSHI_ERR_TLS_HOSTNAME", KALSHI_ERR_TLS_HOSTNAME),
    ("KALSHI_ERR_TLS_PIN", KALSHI_ERR_TLS_PIN),
    ("KALSHI_ERR_HOST_NOT_ALLOWED", KALSHI_ERR_HOST_NOT_ALLOWED),
    ("KALSHI_ERR_STATE", KALSHI_ERR_STATE),
    ("KALSHI_ERR_NOT_SUPPORTED", KALSHI_ERR_NOT_SUPPORTED),
    ("KALSHI_ERR_INTERNAL", KALSHI_ERR_INTERNAL),
    ("KALSHI_ERR_PROTOCOL", KALSHI_ERR_PROTOCOL),
    ("KALSHI_ERR_REJECTED", KALSHI_ERR_REJECTED),
    ("KALSHI_ERR_NOT_FOUND", KALSHI_ERR_NOT_FOUND),
    ("KALSHI_ERR_SEQUENCE_GAP", KALSHI_ERR_SEQUENCE_GAP),
    ("KALSHI_ERR_BAD_REQUEST", KALSHI_ERR_BAD_REQUEST),
    ("KALSHI_ERR_UNAUTHORIZED", KALSHI_ERR_UNAUTHORIZED),
    ("KALSHI_ERR_CONFLICT", KALSHI_ERR_CONFLICT),
    ("KALSHI_ERR_RATE_LIMITED", KALSHI_ERR_RATE_LIMITED),
    ("KALSHI_ERR_SERVER", KALSHI_ERR_SERVER),
    ("KALSHI_ERR_OVERFLOW", KALSHI_ERR_OVERFLOW),
];

// ---- decimal.h ----------------------------------------------------------------------------------
pub type kalshi_price_t = i64;
pub type kalshi_count_t = i64;
pub const KALSHI_PRICE_SCALE: i64 = 1_000_000;
pub const KALSHI_PRICE_DECIMALS: c_int = 6;
pub const KALSHI_COUNT_SCALE: i64 = 100;
pub const KALSHI_COUNT_DECIMALS: c_int = 2;
pub const KALSHI_DECIMAL_STRLEN: usize = 32;

// ---- queue.h ------------------------------------------------------------------------------------
pub type kalshi_event_type_t = c_uint;
pub const KALSHI_EVENT_NONE: kalshi_event_type_t = 0;
pub const KALSHI_EVENT_LOG: kalshi_event_type_t = 1;
pub const KALSHI_EVENT_ERROR: kalshi_event_type_t = 2;
pub const KALSHI_EVENT_ECHO: kalshi_event_type_t = 3;
pub const KALSHI_EVENT_STREAM_CONNECTED: kalshi_event_type_t = 4;
pub const KALSHI_EVENT_STREAM_DATA: kalshi_event_type_t = 5;
pub const KALSHI_EVENT_STREAM_CLOSED: kalshi_event_type_t = 6;
pub const KALSHI_EVENT_CLIENT_CLOSED: kalshi_event_type_t = 7;
pub const KALSHI_EVENT_FIX_STATE: kalshi_event_type_t = 8;
pub const KALSHI_EVENT_FIX_MESSAGE: kalshi_event_type_t = 9;
pub const KALSHI_EVENT_FIX_DECODE_ERROR: kalshi_event_type_t = 10;
pub const KALSHI_EVENT_FIX_SEND_FAILED: kalshi_event_type_t = 11;
pub const KALSHI_EVENT_FIX_CLOSED: kalshi_event_type_t = 12;
pub const KALSHI_EVENT_REST_RESPONSE: kalshi_event_type_t = 13;
pub const KALSHI_EVENT_REST_PAGE: kalshi_event_type_t = 14;
pub const KALSHI_EVENT_REST_DONE: kalshi_event_type_t = 15;
pub const KALSHI_EVENT_WS_STATE: kalshi_event_type_t = 16;
pub const KALSHI_EVENT_WS_MESSAGE: kalshi_event_type_t = 17;
pub const KALSHI_EVENT_WS_REPLY: kalshi_event_type_t = 18;
pub const KALSHI_EVENT_WS_RESYNC: kalshi_event_type_t = 19;
pub const KALSHI_EVENT_WS_CLOSED: kalshi_event_type_t = 20;
pub const KALSHI_EVENT_BOOK_TOP: kalshi_event_type_t = 21;

pub const KALSHI_EVENT_DECLARED: &[(&str, kalshi_event_type_t)] = &[
    ("KALSHI_EVENT_NONE", KALSHI_EVENT_NONE),
    ("KALSHI_EVENT_LOG", KALSHI_EVENT_LOG),
    ("KALSHI_EVENT_ERROR", KALSHI_EVENT_ERROR),
    ("KALSHI_EVENT_ECHO", KALSHI_EVENT_ECHO),
    ("KALSHI_EVENT_STREAM_CONNECTED", KALSHI_EVENT_STREAM_CONNECTED),
    ("KALSHI_EVENT_STREAM_DATA", KALSHI_EVENT_STREAM_DATA),
    ("KALSHI_EVENT_STREAM_CLOSED", KALSHI_EVENT_STREAM_CLOSED),
    ("KALSHI_EVENT_CLIENT_CLOSED", KALSHI_EVENT_CLIENT_CLOSED),
    ("KALSHI_EVENT_FIX_STATE", KALSHI_EVENT_FIX_STATE),
    ("KALSHI_EVENT_FIX_MESSAGE", KALSHI_EVENT_FIX_MESSAGE),
    ("KALSHI_EVENT_FIX_DECODE_ERROR", KALSHI_EVENT_FIX_DECODE_ERROR),
    ("KALSHI_EVENT_FIX_SEND_FAILED", KALSHI_EVENT_FIX_SEND_FAILED),
    ("KALSHI_EVENT_FIX_CLOSED", KALSHI_EVENT_FIX_CLOSED),
    ("KALSHI_EVENT_REST_RESPONSE", KALSHI_EVENT_REST_RESPONSE),
    ("KALSHI_EVENT_REST_PAGE", KALSHI_EVENT_REST_PAGE),
    ("KALSHI_EVENT_REST_DONE", KALSHI_EVENT_REST_DONE),
    ("KALSHI_EVENT_WS_STATE", KALSHI_EVENT_WS_STATE),
    ("KALSHI_EVENT_WS_MESSAGE", KALSHI_EVENT_WS_MESSAGE),
    ("KALSHI_EVENT_WS_REPLY", KALSHI_EVENT_WS_REPLY),
    ("KALSHI_EVENT_WS_RESYNC", KALSHI_EVENT_WS_RESYNC),
    ("KALSHI_EVENT_WS_CLOSED", KALSHI_EVENT_WS_CLOSED),
    ("KALSHI_EVENT_BOOK_TOP", KALSHI_EVENT_BOOK_TOP),
];

pub type kalshi_log_level_t = c_uint;
pub const KALSHI_LOG_ERROR: kalshi_log_level_t = 0;
pub const KALSHI_LOG_WARN: kalshi_log_level_t = 1;
pub const KALSHI_LOG_INFO: kalshi_log_level_t = 2;
pub const KALSHI_LOG_DEBUG: kalshi_log_level_t = 3;
pub const KALSHI_LOG_TRACE: kalshi_log_level_t = 4;

pub type kalshi_wakeup_cb = Option<unsafe extern "C" fn(opaque: *mut c_void)>;

// ---- conf.h -------------------------------------------------------------------------------------
pub type kalshi_dispatch_cb =
    Option<unsafe extern "C" fn(ev: *const kalshi_event_t, opaque: *mut c_void) -> c_int>;

// ---- key.h --------------------------------------------------------------------------------------
pub type kalshi_key_type_t = c_uint;
pub const KALSHI_KEY_RSA: kalshi_key_type_t = 1;
pub const KALSHI_KEY_ED25519: kalshi_key_type_t = 2;

// ---- stream.h -----------------------------------------------------------------------------------
pub const KALSHI_STREAM_TLS: u32 = 1;

// ---- fix.h --------------------------------------------------------------------------------------
pub type kalshi_fix_state_t = c_uint;
pub const KALSHI_FIX_DISCONNECTED: kalshi_fix_state_t = 0;
pub const KALSHI_FIX_CONNECTING: kalshi_fix_state_t = 1;
pub const KALSHI_FIX_LOGGING_ON: kalshi_fix_state_t = 2;
pub const KALSHI_FIX_ACTIVE: kalshi_fix_state_t = 3;
pub const KALSHI_FIX_LOGGING_OUT: kalshi_fix_state_t = 4;

pub type kalshi_product_t = c_uint;
pub const KALSHI_PRODUCT_PREDICTION: kalshi_product_t = 0;
pub const KALSHI_PRODUCT_MARGIN: kalshi_product_t = 1;

// ---- book.h -------------------------------------------------------------------------------------
pub type kalshi_book_side_t = c_uint;
pub const KALSHI_BOOK_BID: kalshi_book_side_t = 0;
pub const KALSHI_BOOK_ASK: kalshi_book_side_t = 1;

// ---- obj.h --------------------------------------------------------------------------------------
pub type kalshi_field_kind_t = c_uint;
pub const KALSHI_FIELD_NONE: kalshi_field_kind_t = 0;
pub const KALSHI_FIELD_STR: kalshi_field_kind_t = 1;
pub const KALSHI_FIELD_INT: kalshi_field_kind_t = 2;
pub const KALSHI_FIELD_BOOL: kalshi_field_kind_t = 3;
pub const KALSHI_FIELD_PRICE: kalshi_field_kind_t = 4;
pub const KALSHI_FIELD_COUNT: kalshi_field_kind_t = 5;

// ---- rest.h -------------------------------------------------------------------------------------
pub type kalshi_rest_api_t = c_uint;
pub const KALSHI_REST_PREDICTION: kalshi_rest_api_t = 0;
pub const KALSHI_REST_PERPS: kalshi_rest_api_t = 1;
pub const KALSHI_REST_KLEAR: kalshi_rest_api_t = 2;

// ---- ws.h ---------------------------------------------------------------------------------------
pub type kalshi_ws_state_t = c_uint;
pub const KALSHI_WS_CONNECTING: kalshi_ws_state_t = 0;
pub const KALSHI_WS_OPEN: kalshi_ws_state_t = 1;
pub const KALSHI_WS_RECONNECTING: kalshi_ws_state_t = 2;
pub const KALSHI_WS_CLOSING: kalshi_ws_state_t = 3;
pub const KALSHI_WS_CLOSED: kalshi_ws_state_t = 4;

extern "C" {
    // version.h
    pub fn kalshi_version() -> u32;
    pub fn kalshi_version_str() -> *const c_char;

    // error.h
    pub fn kalshi_err_name(code: kalshi_err_t) -> *const c_char;
    pub fn kalshi_err_str(code: kalshi_err_t) -> *const c_char;
    pub fn kalshi_err_codes(out: *mut kalshi_err_t, cap: usize) -> usize;
    pub fn kalshi_error_code(e: *const kalshi_error_t) -> kalshi_err_t;
    pub fn kalshi_error_message(e: *const kalshi_error_t) -> *const c_char;
    pub fn kalshi_error_http_status(e: *const kalshi_error_t) -> i32;
    pub fn kalshi_error_exchange_code(e: *const kalshi_error_t) -> *const c_char;
    pub fn kalshi_error_retriable(e: *const kalshi_error_t) -> c_int;
    pub fn kalshi_error_fatal(e: *const kalshi_error_t) -> c_int;
    pub fn kalshi_error_destroy(e: *mut kalshi_error_t);

    // decimal.h
    pub fn kalshi_price_parse(s: *const c_char, len: usize, out: *mut kalshi_price_t)
        -> kalshi_err_t;
    pub fn kalshi_count_parse(s: *const c_char, len: usize, out: *mut kalshi_count_t)
        -> kalshi_err_t;
    pub fn kalshi_price_format(
        v: kalshi_price_t,
        min_decimals: c_int,
        buf: *mut c_char,
        cap: usize,
        written: *mut usize,
    ) -> kalshi_err_t;
    pub fn kalshi_count_format(
        v: kalshi_count_t,
        min_decimals: c_int,
        buf: *mut c_char,
        cap: usize,
        written: *mut usize,
    ) -> kalshi_err_t;
    pub fn kalshi_price_from_cents(cents: i64, out: *mut kalshi_price_t) -> kalshi_err_t;
    pub fn kalshi_price_to_cents(v: kalshi_price_t, cents: *mut i64) -> kalshi_err_t;
    pub fn kalshi_price_from_centicents(centicents: i64, out: *mut kalshi_price_t)
        -> kalshi_err_t;
    pub fn kalshi_price_to_centicents(v: kalshi_price_t, centicents: *mut i64) -> kalshi_err_t;

    // conf.h
    pub fn kalshi_conf_new() -> *mut kalshi_conf_t;
    pub fn kalshi_conf_dup(conf: *const kalshi_conf_t) -> *mut kalshi_conf_t;
    pub fn kalshi_conf_destroy(conf: *mut kalshi_conf_t);
    pub fn kalshi_conf_set(
        conf: *mut kalshi_conf_t,
        key: *const c_char,
        value: *const c_char,
        errstr: *mut c_char,
        errstr_size: usize,
    ) -> kalshi_err_t;
    pub fn kalshi_conf_get(
        conf: *const kalshi_conf_t,
        key: *const c_char,
        dest: *mut c_char,
        dest_size: *mut usize,
    ) -> kalshi_err_t;
    pub fn kalshi_conf_dump(
        conf: *const kalshi_conf_t,
        dest: *mut c_char,
        dest_size: *mut usize,
    ) -> kalshi_err_t;
    pub fn kalshi_conf_from_env(
        conf: *mut kalshi_conf_t,
        errstr: *mut c_char,
        errstr_size: usize,
    ) -> kalshi_err_t;
    pub fn kalshi_conf_set_dispatch_cb(
        conf: *mut kalshi_conf_t,
        cb: kalshi_dispatch_cb,
        opaque: *mut c_void,
    ) -> kalshi_err_t;

    // queue.h
    pub fn kalshi_queue_poll(q: *mut kalshi_queue_t, timeout_ms: c_int) -> *mut kalshi_event_t;
    pub fn kalshi_queue_poll_batch(
        q: *mut kalshi_queue_t,
        events: *mut *mut kalshi_event_t,
        max: usize,
        timeout_ms: c_int,
    ) -> usize;
    pub fn kalshi_queue_length(q: *mut kalshi_queue_t) -> usize;
    pub fn kalshi_queue_wakeup_fd(q: *mut kalshi_queue_t) -> c_int;
    pub fn kalshi_queue_set_wakeup_cb(
        q: *mut kalshi_queue_t,
        cb: kalshi_wakeup_cb,
        opaque: *mut c_void,
    ) -> kalshi_err_t;
    pub fn kalshi_queue_destroy(q: *mut kalshi_queue_t);
    pub fn kalshi_event_type(ev: *const kalshi_event_t) -> kalshi_event_type_t;
    pub fn kalshi_event_type_name(t: kalshi_event_type_t) -> *const c_char;
    pub fn kalshi_event_user_tag(ev: *const kalshi_event_t) -> u64;
    pub fn kalshi_event_err(ev: *const kalshi_event_t) -> kalshi_err_t;
    pub fn kalshi_event_error(ev: *const kalshi_event_t) -> *const kalshi_error_t;
    pub fn kalshi_event_data(ev: *const kalshi_event_t, len: *mut usize) -> *const u8;
    pub fn kalshi_event_log_level(ev: *const kalshi_event_t) -> kalshi_log_level_t;
    pub fn kalshi_event_timestamp_ns(ev: *const kalshi_event_t) -> u64;
    pub fn kalshi_event_destroy(ev: *mut kalshi_event_t);

    // client.h
    pub fn kalshi_client_new(
        conf: *const kalshi_conf_t,
        out: *mut *mut kalshi_client_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_client_run(c: *mut kalshi_client_t, timeout_ms: c_int) -> kalshi_err_t;
    pub fn kalshi_client_queue(c: *mut kalshi_client_t) -> *mut kalshi_queue_t;
    pub fn kalshi_client_echo(c: *mut kalshi_client_t, user_tag: u64) -> kalshi_err_t;
    pub fn kalshi_client_log(
        c: *mut kalshi_client_t,
        level: c_int,
        message: *const c_char,
    ) -> kalshi_err_t;
    pub fn kalshi_client_close(c: *mut kalshi_client_t, timeout_ms: c_int) -> kalshi_err_t;
    pub fn kalshi_client_closed(c: *const kalshi_client_t) -> c_int;
    pub fn kalshi_client_destroy(c: *mut kalshi_client_t) -> kalshi_err_t;

    // key.h
    pub fn kalshi_key_load_pem(
        pem: *const c_char,
        len: usize,
        passphrase: *const c_char,
        out: *mut *mut kalshi_key_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_key_load_file(
        path: *const c_char,
        passphrase: *const c_char,
        out: *mut *mut kalshi_key_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_key_load_env(
        perps: c_int,
        out: *mut *mut kalshi_key_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_key_generate(
        key_type: kalshi_key_type_t,
        bits: u32,
        out: *mut *mut kalshi_key_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_key_type(key: *const kalshi_key_t) -> kalshi_key_type_t;
    pub fn kalshi_key_bits(key: *const kalshi_key_t) -> u32;
    pub fn kalshi_key_signature_size(key: *const kalshi_key_t) -> usize;
    pub fn kalshi_key_public_pem(key: *const kalshi_key_t, buf: *mut c_char, len: *mut usize)
        -> kalshi_err_t;
    pub fn kalshi_key_private_pem(key: *const kalshi_key_t, buf: *mut c_char, len: *mut usize)
        -> kalshi_err_t;
    pub fn kalshi_key_sign(
        key: *const kalshi_key_t,
        msg: *const u8,
        len: usize,
        sig: *mut u8,
        sig_len: *mut usize,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sign_rest(
        key: *const kalshi_key_t,
        timestamp_ms: i64,
        method: *const c_char,
        path: *const c_char,
        sig_b64: *mut c_char,
        len: *mut usize,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sign_fix_logon(
        key: *const kalshi_key_t,
        sending_time: *const c_char,
        msg_seq_num: u64,
        sender_comp_id: *const c_char,
        target_comp_id: *const c_char,
        sig_b64: *mut c_char,
        len: *mut usize,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_key_destroy(key: *mut kalshi_key_t);

    // stream.h
    pub fn kalshi_stream_open(
        c: *mut kalshi_client_t,
        host: *const c_char,
        port: u16,
        flags: u32,
        user_tag: u64,
        out: *mut *mut kalshi_stream_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_stream_write(s: *mut kalshi_stream_t, data: *const u8, len: usize)
        -> kalshi_err_t;
    pub fn kalshi_stream_close(s: *mut kalshi_stream_t) -> kalshi_err_t;
    pub fn kalshi_stream_destroy(s: *mut kalshi_stream_t);

    // fix.h: sessions
    pub fn kalshi_fix_state_name(state: kalshi_fix_state_t) -> *const c_char;
    pub fn kalshi_fix_session_open(
        c: *mut kalshi_client_t,
        overrides: *const kalshi_conf_t,
        user_tag: u64,
        out: *mut *mut kalshi_fix_session_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_session_close(s: *mut kalshi_fix_session_t) -> kalshi_err_t;
    pub fn kalshi_fix_session_destroy(s: *mut kalshi_fix_session_t);
    pub fn kalshi_fix_session_state(s: *const kalshi_fix_session_t) -> kalshi_fix_state_t;
    pub fn kalshi_fix_session_next_sender_seq(s: *const kalshi_fix_session_t) -> u64;
    pub fn kalshi_fix_session_next_target_seq(s: *const kalshi_fix_session_t) -> u64;

    // fix.h: builder and sending
    pub fn kalshi_fix_builder_new(
        msg_type: *const c_char,
        out: *mut *mut kalshi_fix_builder_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_reset(
        b: *mut kalshi_fix_builder_t,
        msg_type: *const c_char,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_destroy(b: *mut kalshi_fix_builder_t);
    pub fn kalshi_fix_builder_set_str(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: *const c_char,
        len: usize,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_int(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: i64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_char(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: c_char,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_bool(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: c_int,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_price(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: kalshi_price_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_count(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: kalshi_count_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_amount(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        value: i64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_set_time_ms(
        b: *mut kalshi_fix_builder_t,
        tag: u32,
        epoch_ms: i64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_group_begin(
        b: *mut kalshi_fix_builder_t,
        counter_tag: u32,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_builder_entry_next(b: *mut kalshi_fix_builder_t, err: *mut *mut kalshi_error_t)
        -> kalshi_err_t;
    pub fn kalshi_fix_builder_group_end(b: *mut kalshi_fix_builder_t, err: *mut *mut kalshi_error_t)
        -> kalshi_err_t;
    pub fn kalshi_fix_send(
        s: *mut kalshi_fix_session_t,
        b: *const kalshi_fix_builder_t,
        sender_sub_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_new_order(
        s: *mut kalshi_fix_session_t,
        cl_ord_id: *const c_char,
        symbol: *const c_char,
        side: c_char,
        price: kalshi_price_t,
        qty: kalshi_count_t,
        tif: c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_cancel(
        s: *mut kalshi_fix_session_t,
        cl_ord_id: *const c_char,
        orig_cl_ord_id: *const c_char,
        symbol: *const c_char,
        side: c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_replace(
        s: *mut kalshi_fix_session_t,
        cl_ord_id: *const c_char,
        orig_cl_ord_id: *const c_char,
        symbol: *const c_char,
        side: c_char,
        price: kalshi_price_t,
        qty: kalshi_count_t,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_mass_cancel(
        s: *mut kalshi_fix_session_t,
        cl_ord_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_order_group(
        s: *mut kalshi_fix_session_t,
        action: c_int,
        group_id: *const c_char,
        contracts_limit: i64,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_md_request(
        s: *mut kalshi_fix_session_t,
        request_type: c_char,
        symbols: *const *const c_char,
        n: usize,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_security_status_request(
        s: *mut kalshi_fix_session_t,
        request_type: c_char,
        symbol: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_event_resend(
        s: *mut kalshi_fix_session_t,
        begin_exec_id: *const c_char,
        end_exec_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_quote_request(
        s: *mut kalshi_fix_session_t,
        quote_req_id: *const c_char,
        symbol: *const c_char,
        qty: kalshi_count_t,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_quote(
        s: *mut kalshi_fix_session_t,
        quote_id: *const c_char,
        quote_req_id: *const c_char,
        symbol: *const c_char,
        bid_px: kalshi_price_t,
        offer_px: kalshi_price_t,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_accept_quote(
        s: *mut kalshi_fix_session_t,
        quote_id: *const c_char,
        rfq_id: *const c_char,
        side: c_char,
        qty: kalshi_count_t,
        cl_ord_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_quote_cancel(
        s: *mut kalshi_fix_session_t,
        quote_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_quote_confirm(
        s: *mut kalshi_fix_session_t,
        quote_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_send_rfq_cancel(
        s: *mut kalshi_fix_session_t,
        quote_req_id: *const c_char,
        user_tag: u64,
        seq_out: *mut u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;

    // fix.h: received messages
    pub fn kalshi_fix_decode(
        frame: *const u8,
        len: usize,
        product: kalshi_product_t,
        use_dollars: c_int,
        out: *mut *mut kalshi_event_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_event_fix_state(ev: *const kalshi_event_t) -> kalshi_fix_state_t;
    pub fn kalshi_event_fix_msg(ev: *const kalshi_event_t) -> *const kalshi_fix_msg_t;
    pub fn kalshi_fix_msg_type(m: *const kalshi_fix_msg_t) -> *const c_char;
    pub fn kalshi_fix_msg_seq(m: *const kalshi_fix_msg_t) -> u64;
    pub fn kalshi_fix_msg_poss_dup(m: *const kalshi_fix_msg_t) -> c_int;
    pub fn kalshi_fix_msg_sending_time_ms(m: *const kalshi_fix_msg_t) -> i64;
    pub fn kalshi_fix_msg_raw(m: *const kalshi_fix_msg_t, len: *mut usize) -> *const u8;
    pub fn kalshi_fix_msg_ref_user_tag(m: *const kalshi_fix_msg_t) -> u64;
    pub fn kalshi_fix_msg_has(m: *const kalshi_fix_msg_t, tag: u32) -> c_int;
    pub fn kalshi_fix_msg_str(
        m: *const kalshi_fix_msg_t,
        tag: u32,
        value: *mut *const c_char,
        len: *mut usize,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_msg_int(m: *const kalshi_fix_msg_t, tag: u32, value: *mut i64) -> kalshi_err_t;
    pub fn kalshi_fix_msg_char(m: *const kalshi_fix_msg_t, tag: u32, value: *mut c_char)
        -> kalshi_err_t;
    pub fn kalshi_fix_msg_bool(m: *const kalshi_fix_msg_t, tag: u32, value: *mut c_int)
        -> kalshi_err_t;
    pub fn kalshi_fix_msg_price(
        m: *const kalshi_fix_msg_t,
        tag: u32,
        value: *mut kalshi_price_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_msg_count(
        m: *const kalshi_fix_msg_t,
        tag: u32,
        value: *mut kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_fix_msg_amount(m: *const kalshi_fix_msg_t, tag: u32, value: *mut i64)
        -> kalshi_err_t;
    pub fn kalshi_fix_msg_time_ms(m: *const kalshi_fix_msg_t, tag: u32, epoch_ms: *mut i64)
        -> kalshi_err_t;
    pub fn kalshi_fix_msg_group_count(m: *const kalshi_fix_msg_t, counter_tag: u32) -> usize;
    pub fn kalshi_fix_msg_group_entry(
        m: *const kalshi_fix_msg_t,
        counter_tag: u32,
        index: usize,
    ) -> *const kalshi_fix_msg_t;
    pub fn kalshi_fix_msg_field_count(m: *const kalshi_fix_msg_t) -> usize;
    pub fn kalshi_fix_msg_field_at(
        m: *const kalshi_fix_msg_t,
        index: usize,
        tag: *mut u32,
        value: *mut *const c_char,
        len: *mut usize,
    ) -> kalshi_err_t;

    // book.h
    pub fn kalshi_book_new(out: *mut *mut kalshi_book_t) -> kalshi_err_t;
    pub fn kalshi_book_destroy(b: *mut kalshi_book_t);
    pub fn kalshi_book_apply_event(b: *mut kalshi_book_t, ev: *const kalshi_event_t) -> kalshi_err_t;
    pub fn kalshi_book_apply_fix(b: *mut kalshi_book_t, m: *const kalshi_fix_msg_t) -> kalshi_err_t;
    pub fn kalshi_book_set_level(
        b: *mut kalshi_book_t,
        symbol: *const c_char,
        side: kalshi_book_side_t,
        price: kalshi_price_t,
        size: kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_book_clear(b: *mut kalshi_book_t, symbol: *const c_char) -> kalshi_err_t;
    pub fn kalshi_book_best(
        b: *const kalshi_book_t,
        symbol: *const c_char,
        side: kalshi_book_side_t,
        price: *mut kalshi_price_t,
        size: *mut kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_book_depth(
        b: *const kalshi_book_t,
        symbol: *const c_char,
        side: kalshi_book_side_t,
    ) -> usize;
    pub fn kalshi_book_level(
        b: *const kalshi_book_t,
        symbol: *const c_char,
        side: kalshi_book_side_t,
        index: usize,
        price: *mut kalshi_price_t,
        size: *mut kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_book_symbol_count(b: *const kalshi_book_t) -> usize;
    pub fn kalshi_book_symbol_at(b: *const kalshi_book_t, index: usize) -> *const c_char;

    // book.h: settlement reassembly
    pub fn kalshi_settlement_assembler_new(out: *mut *mut kalshi_settlement_assembler_t)
        -> kalshi_err_t;
    pub fn kalshi_settlement_assembler_destroy(a: *mut kalshi_settlement_assembler_t);
    pub fn kalshi_settlement_assembler_add(
        a: *mut kalshi_settlement_assembler_t,
        m: *const kalshi_fix_msg_t,
        out: *mut *mut kalshi_settlement_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_settlement_assembler_pending(a: *const kalshi_settlement_assembler_t) -> usize;
    pub fn kalshi_settlement_destroy(r: *mut kalshi_settlement_t);
    pub fn kalshi_settlement_symbol(r: *const kalshi_settlement_t) -> *const c_char;
    pub fn kalshi_settlement_result(r: *const kalshi_settlement_t) -> *const c_char;
    pub fn kalshi_settlement_business_date(r: *const kalshi_settlement_t) -> i32;
    pub fn kalshi_settlement_price(r: *const kalshi_settlement_t) -> kalshi_price_t;
    pub fn kalshi_settlement_page_count(r: *const kalshi_settlement_t) -> usize;
    pub fn kalshi_settlement_declared_pages(r: *const kalshi_settlement_t) -> usize;
    pub fn kalshi_settlement_party_count(r: *const kalshi_settlement_t) -> usize;
    pub fn kalshi_settlement_party(
        r: *const kalshi_settlement_t,
        index: usize,
        party_id: *mut *const c_char,
        long_qty: *mut kalshi_count_t,
        short_qty: *mut kalshi_count_t,
        payout: *mut i64,
        fee: *mut i64,
    ) -> kalshi_err_t;
}

// ---- sim.h --------------------------------------------------------------------------------------
extern "C" {
    pub fn kalshi_sim_start(
        conf: *const kalshi_conf_t,
        out: *mut *mut kalshi_sim_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_stop(sim: *mut kalshi_sim_t);
    pub fn kalshi_sim_destroy(sim: *mut kalshi_sim_t);
    pub fn kalshi_sim_port(sim: *mut kalshi_sim_t, endpoint: *const c_char, port: *mut u16)
        -> kalshi_err_t;
    pub fn kalshi_sim_ca_file(sim: *mut kalshi_sim_t, buf: *mut c_char, cap: usize) -> kalshi_err_t;
    pub fn kalshi_sim_client_conf(
        sim: *mut kalshi_sim_t,
        client_conf: *mut kalshi_conf_t,
        tls: c_int,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_client_conf_product(
        sim: *mut kalshi_sim_t,
        client_conf: *mut kalshi_conf_t,
        product: kalshi_product_t,
        tls: c_int,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_register_key(
        sim: *mut kalshi_sim_t,
        product: kalshi_product_t,
        key_id: *const c_char,
        public_key_pem: *const c_char,
        pem_len: usize,
        member: u32,
        member_out: *mut u32,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_set_balance(
        sim: *mut kalshi_sim_t,
        member: u32,
        subaccount: u32,
        balance: kalshi_price_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_balance(
        sim: *mut kalshi_sim_t,
        member: u32,
        subaccount: u32,
        balance: *mut kalshi_price_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_position(
        sim: *mut kalshi_sim_t,
        member: u32,
        subaccount: u32,
        ticker: *const c_char,
        contracts: *mut kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_place_order(
        sim: *mut kalshi_sim_t,
        member: u32,
        ticker: *const c_char,
        side: c_int,
        price: kalshi_price_t,
        qty: kalshi_count_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_market_status(
        sim: *mut kalshi_sim_t,
        ticker: *const c_char,
        status: *const c_char,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_settle(
        sim: *mut kalshi_sim_t,
        ticker: *const c_char,
        yes_value: kalshi_price_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_now_ms(sim: *mut kalshi_sim_t) -> i64;
    pub fn kalshi_sim_advance_ms(sim: *mut kalshi_sim_t, ms: i64) -> kalshi_err_t;
    pub fn kalshi_sim_activity(sim: *mut kalshi_sim_t, enabled: c_int) -> kalshi_err_t;
    pub fn kalshi_sim_fault(
        sim: *mut kalshi_sim_t,
        session: *const c_char,
        key_id: *const c_char,
        fault: *const c_char,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_sim_fix_sessions(sim: *mut kalshi_sim_t) -> usize;
}

// ---- obj.h --------------------------------------------------------------------------------------
extern "C" {
    pub fn kalshi_event_obj_count(ev: *const kalshi_event_t) -> usize;
    pub fn kalshi_event_obj(ev: *const kalshi_event_t, i: usize) -> *const kalshi_obj_t;
    pub fn kalshi_obj_kind(o: *const kalshi_obj_t) -> *const c_char;
    pub fn kalshi_obj_field_count(o: *const kalshi_obj_t) -> usize;
    pub fn kalshi_obj_field_name(o: *const kalshi_obj_t, i: usize) -> *const c_char;
    pub fn kalshi_obj_kind_of(o: *const kalshi_obj_t, field: *const c_char) -> kalshi_field_kind_t;
    pub fn kalshi_obj_str(
        o: *const kalshi_obj_t,
        field: *const c_char,
        value: *mut *const c_char,
        len: *mut usize,
    ) -> kalshi_err_t;
    pub fn kalshi_obj_int(o: *const kalshi_obj_t, field: *const c_char, value: *mut i64) -> kalshi_err_t;
    pub fn kalshi_obj_bool(o: *const kalshi_obj_t, field: *const c_char, value: *mut c_int) -> kalshi_err_t;
    pub fn kalshi_obj_price(
        o: *const kalshi_obj_t,
        field: *const c_char,
        value: *mut kalshi_price_t,
    ) -> kalshi_err_t;
    pub fn kalshi_obj_count(
        o: *const kalshi_obj_t,
        field: *const c_char,
        value: *mut kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_obj_level_count(o: *const kalshi_obj_t, side: *const c_char) -> usize;
    pub fn kalshi_obj_level(
        o: *const kalshi_obj_t,
        side: *const c_char,
        i: usize,
        price: *mut kalshi_price_t,
        size: *mut kalshi_count_t,
    ) -> kalshi_err_t;
}

// ---- rest.h -------------------------------------------------------------------------------------
extern "C" {
    pub fn kalshi_rest_params_new(out: *mut *mut kalshi_rest_params_t) -> kalshi_err_t;
    pub fn kalshi_rest_params_destroy(p: *mut kalshi_rest_params_t);
    pub fn kalshi_rest_params_set(
        p: *mut kalshi_rest_params_t,
        name: *const c_char,
        value: *const c_char,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_params_clear(p: *mut kalshi_rest_params_t);
    pub fn kalshi_rest_call(
        c: *mut kalshi_client_t,
        api: kalshi_rest_api_t,
        operation_id: *const c_char,
        params: *const kalshi_rest_params_t,
        body: *const c_char,
        body_len: usize,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_paginate(
        c: *mut kalshi_client_t,
        api: kalshi_rest_api_t,
        operation_id: *const c_char,
        params: *const kalshi_rest_params_t,
        max_pages: u32,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_create_order(
        c: *mut kalshi_client_t,
        ticker: *const c_char,
        side: *const c_char,
        action: *const c_char,
        count: kalshi_count_t,
        price: kalshi_price_t,
        client_order_id: *const c_char,
        tif: *const c_char,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_cancel_order(
        c: *mut kalshi_client_t,
        order_id: *const c_char,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_get_market(
        c: *mut kalshi_client_t,
        ticker: *const c_char,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_get_orderbook(
        c: *mut kalshi_client_t,
        ticker: *const c_char,
        depth: u32,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_rest_get_balance(c: *mut kalshi_client_t, user_tag: u64, err: *mut *mut kalshi_error_t)
        -> kalshi_err_t;
    pub fn kalshi_rest_get_positions(
        c: *mut kalshi_client_t,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_event_rest_status(ev: *const kalshi_event_t) -> i32;
    pub fn kalshi_event_rest_operation(ev: *const kalshi_event_t) -> *const c_char;
    pub fn kalshi_event_rest_page_index(ev: *const kalshi_event_t) -> u32;
    pub fn kalshi_event_rest_truncated(ev: *const kalshi_event_t) -> c_int;
    pub fn kalshi_event_rest_cursor(ev: *const kalshi_event_t) -> *const c_char;
}

// ---- ws.h ---------------------------------------------------------------------------------------
extern "C" {
    pub fn kalshi_ws_open(
        c: *mut kalshi_client_t,
        overrides: *const kalshi_conf_t,
        user_tag: u64,
        out: *mut *mut kalshi_ws_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_subscribe(
        w: *mut kalshi_ws_t,
        channels: *const *const c_char,
        n_channels: usize,
        market_tickers: *const *const c_char,
        n_tickers: usize,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_unsubscribe(
        w: *mut kalshi_ws_t,
        sid: u64,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_update_subscription(
        w: *mut kalshi_ws_t,
        sid: u64,
        action: *const c_char,
        market_tickers: *const *const c_char,
        n_tickers: usize,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_list_subscriptions(
        w: *mut kalshi_ws_t,
        user_tag: u64,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_state(w: *const kalshi_ws_t) -> kalshi_ws_state_t;
    pub fn kalshi_ws_state_name(state: kalshi_ws_state_t) -> *const c_char;
    pub fn kalshi_ws_dropped(w: *const kalshi_ws_t) -> u64;
    pub fn kalshi_ws_book_best(
        w: *mut kalshi_ws_t,
        market_ticker: *const c_char,
        side: c_int,
        price: *mut kalshi_price_t,
        size: *mut kalshi_count_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_book_copy(
        w: *mut kalshi_ws_t,
        market_ticker: *const c_char,
        into: *mut kalshi_book_t,
        err: *mut *mut kalshi_error_t,
    ) -> kalshi_err_t;
    pub fn kalshi_ws_close(w: *mut kalshi_ws_t) -> kalshi_err_t;
    pub fn kalshi_ws_destroy(w: *mut kalshi_ws_t);
    pub fn kalshi_event_ws_state(ev: *const kalshi_event_t) -> kalshi_ws_state_t;
    pub fn kalshi_event_ws_channel(ev: *const kalshi_event_t) -> *const c_char;
    pub fn kalshi_event_ws_type(ev: *const kalshi_event_t) -> *const c_char;
    pub fn kalshi_event_ws_sid(ev: *const kalshi_event_t) -> u64;
    pub fn kalshi_event_ws_seq(ev: *const kalshi_event_t) -> u64;
    pub fn kalshi_event_ws_market(ev: *const kalshi_event_t) -> *const c_char;
}
