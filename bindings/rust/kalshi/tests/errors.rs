use std::collections::HashSet;

use kalshi::{sys, ErrorCode};

#[test]
fn code_table_is_complete_and_named() {
    let all = ErrorCode::all();
    assert!(all.len() >= sys::KALSHI_ERR_DECLARED.len(), "library knows {} codes", all.len());
    assert_eq!(all[0], ErrorCode::OK);
    let mut names = HashSet::new();
    for c in &all {
        let n = c.name();
        assert!(n.starts_with("KALSHI_"), "{n}");
        assert_ne!(n, "KALSHI_ERR_UNKNOWN_CODE");
        assert!(!c.description().is_empty(), "{n} has a description");
        assert!(names.insert(n), "duplicate name {n}");
    }
    // Every code this binding declares is known to the library, under the same name.
    for &(name, value) in sys::KALSHI_ERR_DECLARED {
        assert!(all.contains(&ErrorCode(value)), "{name} missing from kalshi_err_codes");
        assert_eq!(ErrorCode(value).name(), name);
    }
}

#[test]
fn unknown_code_and_specific_names() {
    assert_eq!(ErrorCode(9999).name(), "KALSHI_ERR_UNKNOWN_CODE");
    assert_eq!(ErrorCode::TIMEOUT.name(), "KALSHI_ERR_TIMEOUT");
    assert_eq!(ErrorCode::OK.name(), "KALSHI_OK");
    assert_ne!(ErrorCode::UNKNOWN_KEY.description(), ErrorCode::INVALID_VALUE.description());
    assert_eq!(format!("{:?}", ErrorCode::CLOSED), "KALSHI_ERR_CLOSED(5)");
}

#[test]
fn error_implements_std_error() {
    let e = kalshi::Error::new(ErrorCode::PARSE, "bad");
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), "KALSHI_ERR_PARSE: bad");
    let empty = kalshi::Error::new(ErrorCode::PARSE, "");
    assert_eq!(empty.message(), ErrorCode::PARSE.description());
}

#[test]
fn rest_and_websocket_codes_and_event_types() {
    for (code, name) in [
        (ErrorCode::BAD_REQUEST, "KALSHI_ERR_BAD_REQUEST"),
        (ErrorCode::UNAUTHORIZED, "KALSHI_ERR_UNAUTHORIZED"),
        (ErrorCode::CONFLICT, "KALSHI_ERR_CONFLICT"),
        (ErrorCode::RATE_LIMITED, "KALSHI_ERR_RATE_LIMITED"),
        (ErrorCode::SERVER, "KALSHI_ERR_SERVER"),
        (ErrorCode::OVERFLOW, "KALSHI_ERR_OVERFLOW"),
    ] {
        assert_eq!(code.name(), name);
    }
    assert_eq!((ErrorCode::BAD_REQUEST.0, ErrorCode::OVERFLOW.0), (34, 39));
    use kalshi::EventType as T;
    let types = [
        (T::REST_RESPONSE, "KALSHI_EVENT_REST_RESPONSE"),
        (T::REST_PAGE, "KALSHI_EVENT_REST_PAGE"),
        (T::REST_DONE, "KALSHI_EVENT_REST_DONE"),
        (T::WS_STATE, "KALSHI_EVENT_WS_STATE"),
        (T::WS_MESSAGE, "KALSHI_EVENT_WS_MESSAGE"),
        (T::WS_REPLY, "KALSHI_EVENT_WS_REPLY"),
        (T::WS_RESYNC, "KALSHI_EVENT_WS_RESYNC"),
        (T::WS_CLOSED, "KALSHI_EVENT_WS_CLOSED"),
        (T::BOOK_TOP, "KALSHI_EVENT_BOOK_TOP"),
    ];
    for (i, (t, name)) in types.iter().enumerate() {
        assert_eq!(t.0, 13 + i as u32);
        assert_eq!(t.name(), *name);
    }
}
