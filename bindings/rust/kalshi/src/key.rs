//! Private keys and Kalshi request signatures.

use std::ffi::CString;
use std::path::Path;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::c_arg;
use crate::{read_sized, utf8, Error, ErrorCode, Result};

#[derive(Copy, Clone, PartialEq, Eq, Debug, Hash)]
pub enum KeyType {
    /// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32.
    Rsa,
    /// Pure Ed25519 (REST and WebSocket only).
    Ed25519,
}

impl KeyType {
    fn raw(self) -> sys::kalshi_key_type_t {
        match self {
            KeyType::Rsa => sys::KALSHI_KEY_RSA,
            KeyType::Ed25519 => sys::KALSHI_KEY_ED25519,
        }
    }
}

/// A private key (`kalshi_key_t`). Key material is wiped by the library when dropped.
pub struct Key {
    raw: NonNull<sys::kalshi_key_t>,
}

// SAFETY: the C API documents keys as thread-safe; all methods only sign or read.
unsafe impl Send for Key {}
unsafe impl Sync for Key {}

fn opt_cstring(what: &str, s: Option<&str>) -> Result<Option<CString>> {
    s.map(|s| c_arg(what, s)).transpose()
}

fn finish(rc: sys::kalshi_err_t, out: *mut sys::kalshi_key_t, err: *mut sys::kalshi_error_t) -> Result<Key> {
    if rc != sys::KALSHI_OK {
        return Err(Error::take(rc, err));
    }
    if !err.is_null() {
        unsafe { sys::kalshi_error_destroy(err) };
    }
    NonNull::new(out)
        .map(|raw| Key { raw })
        .ok_or_else(|| Error::new(ErrorCode::INTERNAL, "key call returned OK without a key"))
}

impl Key {
    /// Loads a PEM private key (PKCS#1, PKCS#8, or encrypted PKCS#8 with `passphrase`).
    pub fn from_pem(pem: &[u8], passphrase: Option<&str>) -> Result<Key> {
        let pass = opt_cstring("passphrase", passphrase)?;
        let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
        let rc = unsafe {
            sys::kalshi_key_load_pem(
                pem.as_ptr().cast(),
                pem.len(),
                pass.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
                &mut out,
                &mut err,
            )
        };
        finish(rc, out, err)
    }

    pub fn from_file(path: impl AsRef<Path>, passphrase: Option<&str>) -> Result<Key> {
        use std::os::unix::ffi::OsStrExt;
        let p = CString::new(path.as_ref().as_os_str().as_bytes())
            .map_err(|_| Error::new(ErrorCode::INVALID_ARG, "path contains a NUL byte"))?;
        let pass = opt_cstring("passphrase", passphrase)?;
        let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
        let rc = unsafe {
            sys::kalshi_key_load_file(p.as_ptr(), pass.as_ref().map_or(ptr::null(), |p| p.as_ptr()), &mut out, &mut err)
        };
        finish(rc, out, err)
    }

    /// From `KALSHI_PRIVATE_KEY` / `KALSHI_PRIVATE_KEY_PATH` (`KALSHI_PERPS_*` when `perps`).
    pub fn from_env(perps: bool) -> Result<Key> {
        let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
        let rc = unsafe { sys::kalshi_key_load_env(perps as i32, &mut out, &mut err) };
        finish(rc, out, err)
    }

    /// A fresh key; `bits` is the RSA modulus size (0 = 2048) and is ignored for Ed25519.
    pub fn generate(key_type: KeyType, bits: u32) -> Result<Key> {
        let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
        let rc = unsafe { sys::kalshi_key_generate(key_type.raw(), bits, &mut out, &mut err) };
        finish(rc, out, err)
    }

    /// `None` only for a key type newer than this binding.
    pub fn key_type(&self) -> Option<KeyType> {
        match unsafe { sys::kalshi_key_type(self.raw.as_ptr()) } {
            sys::KALSHI_KEY_RSA => Some(KeyType::Rsa),
            sys::KALSHI_KEY_ED25519 => Some(KeyType::Ed25519),
            _ => None,
        }
    }

    pub fn bits(&self) -> u32 {
        unsafe { sys::kalshi_key_bits(self.raw.as_ptr()) }
    }

    pub fn signature_size(&self) -> usize {
        unsafe { sys::kalshi_key_signature_size(self.raw.as_ptr()) }
    }

    /// SubjectPublicKeyInfo PEM, the form Kalshi registers.
    pub fn public_pem(&self) -> Result<String> {
        utf8(read_sized(|buf, len| unsafe { sys::kalshi_key_public_pem(self.raw.as_ptr(), buf, len) })?)
    }

    /// Unencrypted PEM in the forms Kalshi issues: RSA as PKCS#1 (`RSA PRIVATE KEY`), Ed25519 as
    /// PKCS#8 (`PRIVATE KEY`). A secret: handle with care.
    pub fn private_pem(&self) -> Result<String> {
        utf8(read_sized(|buf, len| unsafe { sys::kalshi_key_private_pem(self.raw.as_ptr(), buf, len) })?)
    }

    /// Raw signature of `msg` (RSA-PSS or Ed25519 per the key).
    pub fn sign(&self, msg: &[u8]) -> Result<Vec<u8>> {
        let mut cap = self.signature_size().max(64);
        for _ in 0..4 {
            let mut sig = vec![0u8; cap];
            let mut len = cap;
            let mut err = ptr::null_mut();
            let rc = unsafe {
                sys::kalshi_key_sign(self.raw.as_ptr(), msg.as_ptr(), msg.len(), sig.as_mut_ptr(), &mut len, &mut err)
            };
            if rc == sys::KALSHI_ERR_BUFFER_TOO_SMALL {
                if !err.is_null() {
                    unsafe { sys::kalshi_error_destroy(err) };
                }
                cap = if len > cap { len } else { cap * 2 };
                continue;
            }
            if rc != sys::KALSHI_OK {
                return Err(Error::take(rc, err));
            }
            sig.truncate(len.min(cap));
            return Ok(sig);
        }
        Err(Error::new(ErrorCode::INTERNAL, "kalshi_key_sign: size did not converge"))
    }

    fn b64_call(
        &self,
        mut f: impl FnMut(*mut std::ffi::c_char, *mut usize, *mut *mut sys::kalshi_error_t) -> sys::kalshi_err_t,
    ) -> Result<String> {
        // base64 of one signature, plus the NUL.
        let mut cap = self.signature_size().max(64).div_ceil(3) * 4 + 1;
        for _ in 0..4 {
            let mut buf = vec![0u8; cap];
            let mut len = cap;
            let mut err = ptr::null_mut();
            let rc = f(buf.as_mut_ptr().cast(), &mut len, &mut err);
            if rc == sys::KALSHI_ERR_BUFFER_TOO_SMALL {
                if !err.is_null() {
                    unsafe { sys::kalshi_error_destroy(err) };
                }
                cap = if len >= cap { len + 1 } else { cap * 2 };
                continue;
            }
            if rc != sys::KALSHI_OK {
                return Err(Error::take(rc, err));
            }
            let end = buf.iter().position(|&b| b == 0).unwrap_or(len.min(cap));
            buf.truncate(end);
            return utf8(buf);
        }
        Err(Error::new(ErrorCode::INTERNAL, "signature size did not converge"))
    }

    /// `KALSHI-ACCESS-SIGNATURE`: base64 signature of `timestamp_ms + METHOD + path` (path cut
    /// at '?', including the `/trade-api/v2` prefix).
    pub fn sign_rest(&self, timestamp_ms: i64, method: &str, path: &str) -> Result<String> {
        let m = c_arg("method", method)?;
        let p = c_arg("path", path)?;
        self.b64_call(|buf, len, err| unsafe {
            sys::kalshi_sign_rest(self.raw.as_ptr(), timestamp_ms, m.as_ptr(), p.as_ptr(), buf, len, err)
        })
    }

    /// RawData (96) for a FIX Logon (RSA keys only).
    pub fn sign_fix_logon(
        &self,
        sending_time: &str,
        msg_seq_num: u64,
        sender_comp_id: &str,
        target_comp_id: &str,
    ) -> Result<String> {
        let t = c_arg("sending_time", sending_time)?;
        let s = c_arg("sender_comp_id", sender_comp_id)?;
        let g = c_arg("target_comp_id", target_comp_id)?;
        self.b64_call(|buf, len, err| unsafe {
            sys::kalshi_sign_fix_logon(self.raw.as_ptr(), t.as_ptr(), msg_seq_num, s.as_ptr(), g.as_ptr(), buf, len, err)
        })
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_key_t {
        self.raw.as_ptr()
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        unsafe { sys::kalshi_key_destroy(self.raw.as_ptr()) }
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("type", &self.key_type()).field("bits", &self.bits()).finish_non_exhaustive()
    }
}
