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
