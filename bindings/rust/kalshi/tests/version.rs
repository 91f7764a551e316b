use kalshi::{check_version, sys, version, version_str, Version, BINDING_VERSION};

#[test]
fn binding_version_equals_library_version() {
    assert_eq!(version(), BINDING_VERSION, "loaded libkalshi {} vs binding {}", version(), BINDING_VERSION);
    assert_eq!(version().num(), sys::KALSHI_VERSION_NUM);
    assert_eq!(version_str(), BINDING_VERSION.to_string());
    check_version().expect("check_version");
}

#[test]
fn version_encoding_round_trips() {
    let v = Version { major: 1, minor: 2, patch: 3 };
    assert_eq!(v.num(), 0x010203);
    assert_eq!(Version::from_num(0x010203), v);
    assert_eq!(v.to_string(), "1.2.3");
    assert!(Version { major: 0, minor: 2, patch: 0 } > Version { major: 0, minor: 1, patch: 9 });
}

/// When the test command names the staged library, the process must have loaded that one.
#[test]
fn loaded_library_is_the_staged_one() {
    let Ok(lib) = std::env::var("KALSHI_LIB") else {
        eprintln!("SKIP: KALSHI_LIB not set");
        return;
    };
    let want = std::fs::canonicalize(&lib).unwrap();
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    assert!(maps.contains(want.to_str().unwrap()), "{lib} ({}) is not mapped into the test process", want.display());
}
