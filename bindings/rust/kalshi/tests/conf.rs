use kalshi::{Conf, ErrorCode};

#[test]
fn set_get_round_trip() {
    let mut c = Conf::new().unwrap();
    assert_eq!(c.get("client.mode").unwrap(), "thread", "default mode");
    c.set("client.mode", "caller").unwrap();
    assert_eq!(c.get("client.mode").unwrap(), "caller");
    c.set("client.close_timeout_ms", "1234").unwrap();
    assert_eq!(c.get("client.close_timeout_ms").unwrap(), "1234");
    c.reset("client.mode").unwrap();
    assert_eq!(c.get("client.mode").unwrap(), "thread", "reset restores the default");
}

#[test]
fn unknown_key_and_invalid_value_are_distinct_errors() {
    let mut c = Conf::new().unwrap();
    let unknown = c.set("no.such.property", "1").unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::UNKNOWN_KEY);
    assert_eq!(unknown.name(), "KALSHI_ERR_UNKNOWN_KEY");
    assert!(!unknown.message().is_empty(), "errstr surfaced");

    let invalid = c.set("client.mode", "sideways").unwrap_err();
    assert_eq!(invalid.code(), ErrorCode::INVALID_VALUE);
    assert_eq!(invalid.name(), "KALSHI_ERR_INVALID_VALUE");
    assert!(!invalid.message().is_empty(), "errstr surfaced");
    assert_ne!(unknown.code(), invalid.code());
    assert_ne!(unknown.message(), invalid.message());
    // The failed set left the old value in place.
    assert_eq!(c.get("client.mode").unwrap(), "thread");

    let bad_int = c.set("client.close_timeout_ms", "soon").unwrap_err();
    assert_eq!(bad_int.code(), ErrorCode::INVALID_VALUE);
    assert!(bad_int.to_string().starts_with("KALSHI_ERR_INVALID_VALUE: "), "{bad_int}");

    assert_eq!(c.get("no.such.property").unwrap_err().code(), ErrorCode::UNKNOWN_KEY);
    assert_eq!(c.set("client.mode", "a\0b").unwrap_err().code(), ErrorCode::INVALID_ARG);
}

#[test]
fn dump_and_dup() {
    let mut c = Conf::new().unwrap();
    c.set("log.level", "debug").unwrap();
    let dump = c.dump().unwrap();
    assert!(dump.lines().any(|l| l == "log.level=debug"), "{dump}");
    assert!(dump.lines().any(|l| l == "client.mode=thread"), "{dump}");
    let entries = c.entries().unwrap();
    assert_eq!(entries.len(), dump.lines().count());

    let mut d = c.try_clone().unwrap();
    assert_eq!(d.dump().unwrap(), dump);
    d.set("log.level", "error").unwrap();
    assert_eq!(c.get("log.level").unwrap(), "debug", "dup is independent");
    assert_eq!(d.get("log.level").unwrap(), "error");
}

#[test]
fn secrets_are_redacted() {
    let mut c = Conf::new().unwrap();
    c.set("klear.auth.token", "s3cr3t-token-value").unwrap();
    let v = c.get("klear.auth.token").unwrap();
    assert_ne!(v, "s3cr3t-token-value");
    assert!(!c.dump().unwrap().contains("s3cr3t-token-value"));
}

// One test touches the process environment, so that no parallel test sees it.
#[test]
fn from_env_applies_and_rejects() {
    std::env::set_var("KALSHI_DEMO", "1");
    std::env::set_var("KALSHI_KEY_ID", "a952bcbe-ec3b-4b5b-b8f9-11dae589608c");
    let c = Conf::from_env();
    std::env::remove_var("KALSHI_KEY_ID");
    let c = c.unwrap();
    assert_eq!(c.get("env").unwrap(), "demo");
    assert_eq!(c.get("auth.key_id").unwrap(), "a952bcbe-ec3b-4b5b-b8f9-11dae589608c");

    std::env::set_var("KALSHI_DEMO", "perhaps");
    let mut d = Conf::new().unwrap();
    let e = d.apply_env().unwrap_err();
    std::env::remove_var("KALSHI_DEMO");
    assert_eq!(e.code(), ErrorCode::INVALID_VALUE);
    assert!(e.message().contains("KALSHI_DEMO"), "names the variable: {}", e.message());
    assert_eq!(d.get("env").unwrap(), "production", "a failed from_env changes nothing");
}
