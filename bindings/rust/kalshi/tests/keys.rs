mod common;

use std::process::Command;

use common::{b64decode, have_openssl, verify_independently, TempDir};
use kalshi::{Client, Conf, ErrorCode, Key, KeyType};

const TS: i64 = 1703123456789;
const PATH: &str = "/trade-api/v2/portfolio/balance";

#[test]
fn rest_signature_verifies_independently() {
    let key = Key::generate(KeyType::Rsa, 2048).unwrap();
    assert_eq!(key.key_type(), Some(KeyType::Rsa));
    assert_eq!(key.bits(), 2048);
    assert_eq!(key.signature_size(), 256);
    let public = key.public_pem().unwrap();
    assert!(public.starts_with("-----BEGIN PUBLIC KEY-----"), "{public}");

    let sig_b64 = key.sign_rest(TS, "GET", PATH).unwrap();
    let sig = b64decode(&sig_b64);
    assert_eq!(sig.len(), 256);
    let msg = format!("{TS}GET{PATH}");
    assert!(verify_independently(&public, msg.as_bytes(), &sig, false), "valid signature rejected");
    // The verifiers are not rubber stamps: another message or another key fails.
    assert!(!verify_independently(&public, format!("{TS}POST{PATH}").as_bytes(), &sig, false));
    let other = Key::generate(KeyType::Rsa, 2048).unwrap();
    assert!(!verify_independently(&other.public_pem().unwrap(), msg.as_bytes(), &sig, false));

    // The query string is not signed.
    let q = b64decode(&key.sign_rest(TS, "GET", &format!("{PATH}?limit=5")).unwrap());
    assert!(verify_independently(&public, msg.as_bytes(), &q, false));

    // Raw signing uses the same scheme.
    let raw = key.sign(b"hello").unwrap();
    assert!(verify_independently(&public, b"hello", &raw, false));
}

#[test]
fn rest_signature_argument_checks() {
    let key = Key::generate(KeyType::Ed25519, 0).unwrap();
    assert_eq!(key.sign_rest(TS, "get", PATH).unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(key.sign_rest(TS, "GET", "trade-api/v2").unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(key.sign_rest(TS, "G\0T", PATH).unwrap_err().code(), ErrorCode::INVALID_ARG);
}

#[test]
fn fix_logon_signature_verifies_independently() {
    let key = Key::generate(KeyType::Rsa, 0).unwrap();
    assert_eq!(key.bits(), 2048, "0 bits means 2048");
    let sending_time = "20240101-12:34:56.789";
    let sig = b64decode(&key.sign_fix_logon(sending_time, 1, "a952bcbe-sender", "KalshiNR").unwrap());
    let msg = format!("{sending_time}\x01A\x011\x01a952bcbe-sender\x01KalshiNR");
    let public = key.public_pem().unwrap();
    assert!(verify_independently(&public, msg.as_bytes(), &sig, false));
    let wrong_seq = format!("{sending_time}\x01A\x012\x01a952bcbe-sender\x01KalshiNR");
    assert!(!verify_independently(&public, wrong_seq.as_bytes(), &sig, false));
}

#[test]
fn ed25519_signs_rest_but_not_fix() {
    let key = Key::generate(KeyType::Ed25519, 4096).unwrap();
    assert_eq!(key.key_type(), Some(KeyType::Ed25519));
    assert_eq!(key.bits(), 256);
    assert_eq!(key.signature_size(), 64);
    let s1 = key.sign_rest(TS, "GET", PATH).unwrap();
    assert_eq!(s1, key.sign_rest(TS, "GET", PATH).unwrap(), "Ed25519 is deterministic");
    let sig = b64decode(&s1);
    assert_eq!(sig.len(), 64);
    let public = key.public_pem().unwrap();
    assert!(verify_independently(&public, format!("{TS}GET{PATH}").as_bytes(), &sig, true));
    assert!(!verify_independently(&public, format!("{TS}PUT{PATH}").as_bytes(), &sig, true));
    let e = key.sign_fix_logon("20240101-12:34:56.789", 1, "s", "KalshiNR").unwrap_err();
    assert_eq!(e.code(), ErrorCode::KEY_UNSUPPORTED);
    assert!(!e.message().is_empty());
}

#[test]
fn load_pem_file_and_errors() {
    let key = Key::generate(KeyType::Rsa, 2048).unwrap();
    let public = key.public_pem().unwrap();
    let private = key.private_pem().unwrap();
    assert!(private.starts_with("-----BEGIN RSA PRIVATE KEY-----"), "RSA exports PKCS#1");

    let again = Key::from_pem(private.as_bytes(), None).unwrap();
    assert_eq!(again.public_pem().unwrap(), public);

    let dir = TempDir::new("keys");
    let path = dir.path("k.pem");
    std::fs::write(&path, &private).unwrap();
    assert_eq!(Key::from_file(&path, None).unwrap().public_pem().unwrap(), public);

    let e = Key::from_pem(b"not a key", None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::KEY_FORMAT);
    assert_eq!(e.name(), "KALSHI_ERR_KEY_FORMAT");
    assert!(!e.message().is_empty());
    assert_eq!(Key::from_pem(public.as_bytes(), None).unwrap_err().code(), ErrorCode::KEY_PUBLIC);
    assert_eq!(Key::from_file(dir.path("missing.pem"), None).unwrap_err().code(), ErrorCode::IO);

    // A client refuses a configured key it cannot load, with the loader's code.
    let mut c = Conf::new().unwrap();
    c.set("auth.private_key_path", dir.path("missing.pem").to_str().unwrap()).unwrap();
    assert_eq!(Client::new(Some(&c)).unwrap_err().code(), ErrorCode::IO);
    c.set("auth.private_key_path", path.to_str().unwrap()).unwrap();
    Client::new(Some(&c)).unwrap().destroy().unwrap();

    // From the environment (the only test in this binary touching it).
    std::env::remove_var("KALSHI_PRIVATE_KEY_PATH");
    assert_eq!(Key::from_env(false).unwrap_err().code(), ErrorCode::INVALID_ARG, "no variable set");
    std::env::set_var("KALSHI_PRIVATE_KEY", &private);
    let from_env = Key::from_env(false);
    std::env::remove_var("KALSHI_PRIVATE_KEY");
    assert_eq!(from_env.unwrap().public_pem().unwrap(), public);

    // Ed25519 exports PKCS#8 and loads back.
    let ed = Key::generate(KeyType::Ed25519, 0).unwrap();
    let ed_private = ed.private_pem().unwrap();
    assert!(ed_private.starts_with("-----BEGIN PRIVATE KEY-----"));
    let ed2 = Key::from_pem(ed_private.as_bytes(), None).unwrap();
    assert_eq!(ed2.key_type(), Some(KeyType::Ed25519));
    assert_eq!(ed2.public_pem().unwrap(), ed.public_pem().unwrap());
    assert_eq!(Key::generate(KeyType::Rsa, 1000).unwrap_err().code(), ErrorCode::INVALID_ARG);
}

fn openssl(args: &[&str]) -> String {
    let out = Command::new("openssl").args(args).output().expect("openssl");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Keys made by OpenSSL: PKCS#1, encrypted PKCS#8 (PBES2), and an EC key that must be refused.
#[test]
fn loads_keys_made_by_openssl() {
    if !have_openssl() {
        eprintln!("SKIP: openssl CLI not installed");
        return;
    }
    let dir = TempDir::new("ossl-keys");
    let p1 = dir.path("pkcs1.pem");
    let p1s = p1.to_str().unwrap();
    openssl(&["genrsa", "-traditional", "-out", p1s, "2048"]);
    let expected_pub = openssl(&["pkey", "-in", p1s, "-pubout"]);
    let k1 = Key::from_file(&p1, None).unwrap();
    assert_eq!(k1.public_pem().unwrap().trim(), expected_pub.trim());

    let enc = dir.path("enc.pem");
    let encs = enc.to_str().unwrap();
    openssl(&["pkcs8", "-topk8", "-in", p1s, "-v2", "aes-256-cbc", "-passout", "pass:correct horse", "-out", encs]);
    assert!(std::fs::read_to_string(&enc).unwrap().contains("ENCRYPTED PRIVATE KEY"));
    let k2 = Key::from_file(&enc, Some("correct horse")).unwrap();
    assert_eq!(k2.public_pem().unwrap().trim(), expected_pub.trim());
    assert_eq!(Key::from_file(&enc, Some("wrong")).unwrap_err().code(), ErrorCode::KEY_PASSPHRASE);
    assert_eq!(Key::from_file(&enc, None).unwrap_err().code(), ErrorCode::KEY_PASSPHRASE);

    let ec = openssl(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
    assert_eq!(Key::from_pem(ec.as_bytes(), None).unwrap_err().code(), ErrorCode::KEY_UNSUPPORTED);
}

#[test]
fn keys_are_shared_across_threads() {
    let key = std::sync::Arc::new(Key::generate(KeyType::Ed25519, 0).unwrap());
    let public = key.public_pem().unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let k = key.clone();
            std::thread::spawn(move || (i, k.sign_rest(TS + i, "GET", PATH).unwrap()))
        })
        .collect();
    for h in handles {
        let (i, s) = h.join().unwrap();
        assert!(verify_independently(&public, format!("{}GET{PATH}", TS + i).as_bytes(), &b64decode(&s), true));
    }
}
