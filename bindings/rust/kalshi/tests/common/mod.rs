//! Helpers shared by the integration tests: temp dirs, base64, and independent signature checks
//! through Debian's `openssl` CLI and `/usr/bin/python3` with python3-cryptography.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "kalshi-rs-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Standard base64 (with padding) to bytes; panics on malformed input.
pub fn b64decode(s: &str) -> Vec<u8> {
    fn val(c: u8) -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c:#x}"),
        }
    }
    let s = s.as_bytes();
    assert!(s.len() % 4 == 0, "base64 length {} is not a multiple of 4", s.len());
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for chunk in s.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        let mut acc = 0u32;
        for &c in &chunk[..4 - pad] {
            acc = (acc << 6) | val(c);
        }
        acc <<= 6 * pad as u32;
        let bytes = [(acc >> 16) as u8, (acc >> 8) as u8, acc as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    out
}

pub fn have_openssl() -> bool {
    Command::new("openssl").arg("version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

pub fn have_py_cryptography() -> bool {
    Path::new("/usr/bin/python3").exists()
        && Command::new("/usr/bin/python3")
            .args(["-c", "import cryptography"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

fn write_inputs(dir: &TempDir, pub_pem: &str, msg: &[u8], sig: &[u8]) -> (PathBuf, PathBuf, PathBuf) {
    let (p, m, s) = (dir.path("pub.pem"), dir.path("msg.bin"), dir.path("sig.bin"));
    std::fs::write(&p, pub_pem).unwrap();
    std::fs::write(&m, msg).unwrap();
    std::fs::write(&s, sig).unwrap();
    (p, m, s)
}

/// RSA-PSS / SHA-256 / MGF1-SHA-256 / salt 32 through `openssl dgst`.
pub fn openssl_verify_pss(pub_pem: &str, msg: &[u8], sig: &[u8]) -> bool {
    let dir = TempDir::new("ossl");
    let (p, m, s) = write_inputs(&dir, pub_pem, msg, sig);
    let out = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&p)
        .args(["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256", "-signature"])
        .arg(&s)
        .arg(&m)
        .output()
        .expect("run openssl");
    out.status.success()
}

/// Pure Ed25519 through `openssl pkeyutl -rawin`.
pub fn openssl_verify_ed25519(pub_pem: &str, msg: &[u8], sig: &[u8]) -> bool {
    let dir = TempDir::new("ossl-ed");
    let (p, m, s) = write_inputs(&dir, pub_pem, msg, sig);
    let out = Command::new("openssl")
        .args(["pkeyutl", "-verify", "-pubin", "-rawin", "-inkey"])
        .arg(&p)
        .arg("-in")
        .arg(&m)
        .arg("-sigfile")
        .arg(&s)
        .output()
        .expect("run openssl");
    out.status.success()
}

const PY_VERIFY: &str = r#"
import sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, ed25519
from cryptography.exceptions import InvalidSignature
pub = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
msg = open(sys.argv[2], 'rb').read()
sig = open(sys.argv[3], 'rb').read()
try:
    if isinstance(pub, rsa.RSAPublicKey):
        pub.verify(sig, msg, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
    elif isinstance(pub, ed25519.Ed25519PublicKey):
        pub.verify(sig, msg)
    else:
        sys.exit(3)
except InvalidSignature:
    sys.exit(1)
sys.exit(0)
"#;

/// RSA-PSS (salt 32) or Ed25519 through python3-cryptography.
pub fn python_verify(pub_pem: &str, msg: &[u8], sig: &[u8]) -> bool {
    let dir = TempDir::new("py");
    let (p, m, s) = write_inputs(&dir, pub_pem, msg, sig);
    let out = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(PY_VERIFY)
        .arg(&p)
        .arg(&m)
        .arg(&s)
        .output()
        .expect("run python3");
    assert!(out.status.code() != Some(3), "python: unexpected key type");
    out.status.success()
}

/// Every available independent verifier must accept; at least one must be available.
pub fn verify_independently(pub_pem: &str, msg: &[u8], sig: &[u8], ed25519: bool) -> bool {
    let mut ran = 0;
    let mut ok = true;
    if have_openssl() {
        ran += 1;
        ok &= if ed25519 { openssl_verify_ed25519(pub_pem, msg, sig) } else { openssl_verify_pss(pub_pem, msg, sig) };
    }
    if have_py_cryptography() {
        ran += 1;
        ok &= python_verify(pub_pem, msg, sig);
    }
    assert!(ran > 0, "no independent verifier: install openssl or python3-cryptography");
    ok
}

/// Resident set size in bytes (/proc/self/statm).
pub fn rss_bytes() -> u64 {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = s.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

pub fn count_dir(p: &str) -> usize {
    std::fs::read_dir(p).map(|d| d.count()).unwrap_or(0)
}
