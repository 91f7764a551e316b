//! The hand-written declarations in kalshi-sys must match the C headers the library was installed
//! with: every enum value and version macro, and every exported function name.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use kalshi::sys;

fn include_dir() -> PathBuf {
    if let Ok(out) = Command::new("pkg-config").args(["--variable=includedir", "kalshi"]).output() {
        let s = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if out.status.success() && !s.is_empty() && PathBuf::from(&s).join("kalshi/kalshi.h").exists() {
            return PathBuf::from(s);
        }
    }
    let src = std::env::var("KALSHI_SOURCE_DIR").expect("pkg-config kalshi or KALSHI_SOURCE_DIR needed");
    PathBuf::from(src).join("include")
}

fn headers() -> String {
    let dir = include_dir().join("kalshi");
    let mut all = String::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in names.into_iter().filter(|p| p.extension().is_some_and(|e| e == "h")) {
        all.push_str(&std::fs::read_to_string(&p).unwrap());
        all.push('\n');
    }
    assert!(all.contains("kalshi_version"), "headers not found in {}", dir.display());
    all
}

/// `NAME = VALUE` enum entries and `#define NAME VALUE` integer macros starting with KALSHI_.
fn constants(text: &str) -> BTreeMap<String, i64> {
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let l = line.trim();
        let (name, rest) = if let Some(r) = l.strip_prefix("#define ") {
            match r.split_once(char::is_whitespace) {
                Some((n, v)) => (n, v.trim()),
                None => continue,
            }
        } else if let Some((n, v)) = l.split_once('=') {
            (n.trim(), v.trim())
        } else {
            continue;
        };
        if !name.starts_with("KALSHI_") || name.contains(char::is_whitespace) {
            continue;
        }
        let digits: String = rest.trim_start_matches("INT64_C(").chars().take_while(|c| c.is_ascii_digit() || *c == 'u').collect();
        if let Ok(v) = digits.trim_end_matches('u').parse::<i64>() {
            map.insert(name.to_owned(), v);
        }
    }
    map
}

#[test]
fn constants_match_headers() {
    let c = constants(&headers());
    let ours: Vec<(&str, i64)> = [
        ("KALSHI_VERSION_MAJOR", sys::KALSHI_VERSION_MAJOR as i64),
        ("KALSHI_VERSION_MINOR", sys::KALSHI_VERSION_MINOR as i64),
        ("KALSHI_VERSION_PATCH", sys::KALSHI_VERSION_PATCH as i64),
        ("KALSHI_PRICE_SCALE", sys::KALSHI_PRICE_SCALE),
        ("KALSHI_PRICE_DECIMALS", sys::KALSHI_PRICE_DECIMALS as i64),
        ("KALSHI_COUNT_SCALE", sys::KALSHI_COUNT_SCALE),
        ("KALSHI_COUNT_DECIMALS", sys::KALSHI_COUNT_DECIMALS as i64),
        ("KALSHI_DECIMAL_STRLEN", sys::KALSHI_DECIMAL_STRLEN as i64),
        ("KALSHI_LOG_ERROR", sys::KALSHI_LOG_ERROR as i64),
        ("KALSHI_LOG_WARN", sys::KALSHI_LOG_WARN as i64),
        ("KALSHI_LOG_INFO", sys::KALSHI_LOG_INFO as i64),
        ("KALSHI_LOG_DEBUG", sys::KALSHI_LOG_DEBUG as i64),
        ("KALSHI_LOG_TRACE", sys::KALSHI_LOG_TRACE as i64),
        ("KALSHI_KEY_RSA", sys::KALSHI_KEY_RSA as i64),
        ("KALSHI_KEY_ED25519", sys::KALSHI_KEY_ED25519 as i64),
        ("KALSHI_STREAM_TLS", sys::KALSHI_STREAM_TLS as i64),
        ("KALSHI_FIX_DISCONNECTED", sys::KALSHI_FIX_DISCONNECTED as i64),
        ("KALSHI_FIX_CONNECTING", sys::KALSHI_FIX_CONNECTING as i64),
        ("KALSHI_FIX_LOGGING_ON", sys::KALSHI_FIX_LOGGING_ON as i64),
        ("KALSHI_FIX_ACTIVE", sys::KALSHI_FIX_ACTIVE as i64),
        ("KALSHI_FIX_LOGGING_OUT", sys::KALSHI_FIX_LOGGING_OUT as i64),
        ("KALSHI_PRODUCT_PREDICTION", sys::KALSHI_PRODUCT_PREDICTION as i64),
        ("KALSHI_PRODUCT_MARGIN", sys::KALSHI_PRODUCT_MARGIN as i64),
        ("KALSHI_BOOK_BID", sys::KALSHI_BOOK_BID as i64),
        ("KALSHI_BOOK_ASK", sys::KALSHI_BOOK_ASK as i64),
        ("KALSHI_FIELD_NONE", sys::KALSHI_FIELD_NONE as i64),
        ("KALSHI_FIELD_STR", sys::KALSHI_FIELD_STR as i64),
        ("KALSHI_FIELD_INT", sys::KALSHI_FIELD_INT as i64),
        ("KALSHI_FIELD_BOOL", sys::KALSHI_FIELD_BOOL as i64),
        ("KALSHI_FIELD_PRICE", sys::KALSHI_FIELD_PRICE as i64),
        ("KALSHI_FIELD_COUNT", sys::KALSHI_FIELD_COUNT as i64),
        ("KALSHI_REST_PREDICTION", sys::KALSHI_REST_PREDICTION as i64),
        ("KALSHI_REST_PERPS", sys::KALSHI_REST_PERPS as i64),
        ("KALSHI_REST_KLEAR", sys::KALSHI_REST_KLEAR as i64),
        ("KALSHI_WS_CONNECTING", sys::KALSHI_WS_CONNECTING as i64),
        ("KALSHI_WS_OPEN", sys::KALSHI_WS_OPEN as i64),
        ("KALSHI_WS_RECONNECTING", sys::KALSHI_WS_RECONNECTING as i64),
        ("KALSHI_WS_CLOSING", sys::KALSHI_WS_CLOSING as i64),
        ("KALSHI_WS_CLOSED", sys::KALSHI_WS_CLOSED as i64),
    ]
    .into_iter()
    .chain(sys::KALSHI_ERR_DECLARED.iter().map(|&(n, v)| (n, v as i64)))
    .chain(sys::KALSHI_EVENT_DECLARED.iter().map(|&(n, v)| (n, v as i64)))
    .collect();
    for (name, value) in &ours {
        assert_eq!(c.get(*name), Some(value), "{name}: header says {:?}, kalshi-sys says {value}", c.get(*name));
    }
    // Every error, event, FIX state, product, book side, field kind, REST api and WebSocket state
    // enumerator in the headers is declared here (none missing).
    let enum_prefixes = [
        "KALSHI_ERR_",
        "KALSHI_EVENT_",
        "KALSHI_FIX_",
        "KALSHI_PRODUCT_",
        "KALSHI_BOOK_",
        "KALSHI_FIELD_",
        "KALSHI_REST_",
        "KALSHI_WS_",
    ];
    for (name, _) in c.iter().filter(|(n, _)| enum_prefixes.iter().any(|p| n.starts_with(p))) {
        assert!(ours.iter().any(|(n, _)| n == name), "{name} is in the headers but not in kalshi-sys");
    }
}

#[test]
fn every_exported_function_is_declared() {
    let text = headers();
    let sys_src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../kalshi-sys/src/lib.rs")).unwrap();
    let mut missing = Vec::new();
    let mut count = 0;
    // A declaration is "KALSHI_API <type> <name>(" possibly across lines; find each name after
    // KALSHI_API up to the first '('.
    for decl in text.split("KALSHI_API").skip(1) {
        let head = &decl[..decl.find('(').unwrap()];
        let name = head.split(|c: char| !(c.is_alphanumeric() || c == '_')).rfind(|s| !s.is_empty()).unwrap();
        if name == "KALSHI_API" || !name.starts_with("kalshi_") {
            continue;
        }
        count += 1;
        if !sys_src.contains(&format!("pub fn {name}(")) {
            missing.push(name.to_owned());
        }
    }
    assert!(count > 40, "parsed only {count} functions");
    assert!(missing.is_empty(), "not declared in kalshi-sys: {missing:?}");
}
