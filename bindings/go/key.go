package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// KeyType is the algorithm of a Key.
type KeyType uint32

const (
	// KeyRSA signs with RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32.
	KeyRSA KeyType = C.KALSHI_KEY_RSA
	// KeyEd25519 signs with pure Ed25519 (REST and WebSocket only).
	KeyEd25519 KeyType = C.KALSHI_KEY_ED25519
)

func (t KeyType) String() string {
	switch t {
	case KeyRSA:
		return "RSA"
	case KeyEd25519:
		return "Ed25519"
	}
	return "KeyType(?)"
}

// Key is a private key (kalshi_key_t); the library wipes the material when it is destroyed.
// Safe for concurrent use.
type Key struct {
	h   handle
	ptr *C.kalshi_key_t
}

func finishKey(rc C.kalshi_err_t, p *C.kalshi_key_t, e *C.kalshi_error_t) (*Key, error) {
	if err := takeError(rc, e); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, newError(ErrInternal, "key call returned OK without a key")
	}
	k := &Key{ptr: p}
	liveHandles.Add(1)
	runtime.SetFinalizer(k, (*Key).Destroy)
	return k, nil
}

func passphraseC(passphrase string) (*C.char, error) {
	if passphrase == "" {
		return nil, nil
	}
	return cstring("passphrase", passphrase)
}

// LoadKeyPEM loads a PEM private key: RSA PKCS#1 or PKCS#8, encrypted PKCS#8 (with passphrase;
// "" means none), or Ed25519 PKCS#8.
func LoadKeyPEM(pem []byte, passphrase string) (*Key, error) {
	pass, err := passphraseC(passphrase)
	if err != nil {
		return nil, err
	}
	defer freeSecret(pass)
	var p *C.kalshi_key_t
	var e *C.kalshi_error_t
	var data *C.char
	if len(pem) > 0 {
		data = (*C.char)(unsafe.Pointer(&pem[0]))
	}
	rc := C.kalshi_key_load_pem(data, C.size_t(len(pem)), pass, &p, &e)
	runtime.KeepAlive(pem)
	return finishKey(rc, p, e)
}

// LoadKeyFile loads a PEM private key from a file ("" passphrase means none).
func LoadKeyFile(path, passphrase string) (*Key, error) {
	cp, err := cstring("path", path)
	if err != nil {
		return nil, err
	}
	defer freeC(cp)
	pass, err := passphraseC(passphrase)
	if err != nil {
		return nil, err
	}
	defer freeSecret(pass)
	var p *C.kalshi_key_t
	var e *C.kalshi_error_t
	rc := C.kalshi_key_load_file(cp, pass, &p, &e)
	return finishKey(rc, p, e)
}

// LoadKeyEnv loads from KALSHI_PRIVATE_KEY or KALSHI_PRIVATE_KEY_PATH (with
// KALSHI_PRIVATE_KEY_PASSPHRASE), or the KALSHI_PERPS_* variables when perps is true.
func LoadKeyEnv(perps bool) (*Key, error) {
	var p *C.kalshi_key_t
	var e *C.kalshi_error_t
	flag := C.int(0)
	if perps {
		flag = 1
	}
	rc := C.kalshi_key_load_env(flag, &p, &e)
	return finishKey(rc, p, e)
}

// GenerateKey makes a fresh key: RSA with bits (2048..8192, 0 = 2048) or Ed25519 (bits ignored).
func GenerateKey(t KeyType, bits uint32) (*Key, error) {
	var p *C.kalshi_key_t
	var e *C.kalshi_error_t
	rc := C.kalshi_key_generate(C.kalshi_key_type_t(t), C.uint32_t(bits), &p, &e)
	return finishKey(rc, p, e)
}

// Destroy wipes and frees the key. Idempotent; later calls on it return ErrClosed.
func (k *Key) Destroy() {
	if !k.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(k, nil)
	C.kalshi_key_destroy(k.ptr)
	k.ptr = nil
	liveHandles.Add(-1)
}

func (k *Key) with(f func(p *C.kalshi_key_t) error) error {
	if !k.h.acquire() {
		return destroyedError("key")
	}
	defer k.h.release()
	err := f(k.ptr)
	runtime.KeepAlive(k)
	return err
}

// Type is the key's algorithm (0 for a destroyed key).
func (k *Key) Type() KeyType {
	var t KeyType
	_ = k.with(func(p *C.kalshi_key_t) error { t = KeyType(C.kalshi_key_type(p)); return nil })
	return t
}

// Bits is the RSA modulus size, or 256 for Ed25519.
func (k *Key) Bits() int {
	var b int
	_ = k.with(func(p *C.kalshi_key_t) error { b = int(C.kalshi_key_bits(p)); return nil })
	return b
}

// SignatureSize is the length in bytes of one raw signature.
func (k *Key) SignatureSize() int {
	var n int
	_ = k.with(func(p *C.kalshi_key_t) error { n = int(C.kalshi_key_signature_size(p)); return nil })
	return n
}

// PublicPEM is the SubjectPublicKeyInfo PEM, the form Kalshi registers.
func (k *Key) PublicPEM() (string, error) {
	var s string
	err := k.with(func(p *C.kalshi_key_t) error {
		var e error
		s, e = readSized(func(b *C.char, n *C.size_t) C.kalshi_err_t { return C.kalshi_key_public_pem(p, b, n) })
		return e
	})
	return s, err
}

// PrivatePEM is the key as unencrypted PEM in the forms Kalshi issues: RSA as PKCS#1
// ("RSA PRIVATE KEY"), Ed25519 as PKCS#8 ("PRIVATE KEY"). A secret: handle with care.
func (k *Key) PrivatePEM() (string, error) {
	var s string
	err := k.with(func(p *C.kalshi_key_t) error {
		var e error
		s, e = readSized(func(b *C.char, n *C.size_t) C.kalshi_err_t { return C.kalshi_key_private_pem(p, b, n) })
		return e
	})
	return s, err
}

// Sign returns the raw signature of msg (RSA-PSS or Ed25519 per the key).
func (k *Key) Sign(msg []byte) ([]byte, error) {
	var out []byte
	err := k.with(func(p *C.kalshi_key_t) error {
		capacity := int(C.kalshi_key_signature_size(p))
		if capacity < 64 {
			capacity = 64
		}
		var m *C.uint8_t
		if len(msg) > 0 {
			m = (*C.uint8_t)(unsafe.Pointer(&msg[0]))
		}
		for i := 0; i < 4; i++ {
			sig := make([]byte, capacity)
			n := C.size_t(capacity)
			var e *C.kalshi_error_t
			rc := C.kalshi_key_sign(p, m, C.size_t(len(msg)), (*C.uint8_t)(unsafe.Pointer(&sig[0])), &n, &e)
			if rc == C.KALSHI_ERR_BUFFER_TOO_SMALL {
				_ = takeError(rc, e)
				if int(n) > capacity {
					capacity = int(n)
				} else {
					capacity *= 2
				}
				continue
			}
			if err := takeError(rc, e); err != nil {
				return err
			}
			if int(n) < capacity {
				capacity = int(n)
			}
			out = sig[:capacity]
			return nil
		}
		return newError(ErrInternal, "kalshi_key_sign: size did not converge")
	})
	runtime.KeepAlive(msg)
	return out, err
}

// b64Call runs a signing call that writes NUL-terminated base64 with *len = capacity in, length
// out.
func (k *Key) b64Call(f func(p *C.kalshi_key_t, buf *C.char, n *C.size_t, e **C.kalshi_error_t) C.kalshi_err_t) (string, error) {
	var out string
	err := k.with(func(p *C.kalshi_key_t) error {
		sz := int(C.kalshi_key_signature_size(p))
		if sz < 64 {
			sz = 64
		}
		capacity := (sz+2)/3*4 + 1
		for i := 0; i < 4; i++ {
			buf := make([]byte, capacity)
			n := C.size_t(capacity)
			var e *C.kalshi_error_t
			rc := f(p, (*C.char)(unsafe.Pointer(&buf[0])), &n, &e)
			if rc == C.KALSHI_ERR_BUFFER_TOO_SMALL {
				_ = takeError(rc, e)
				if int(n) >= capacity {
					capacity = int(n) + 1
				} else {
					capacity *= 2
				}
				continue
			}
			if err := takeError(rc, e); err != nil {
				return err
			}
			end := 0
			for end < len(buf) && buf[end] != 0 {
				end++
			}
			out = string(buf[:end])
			return nil
		}
		return newError(ErrInternal, "signature size did not converge")
	})
	return out, err
}

// SignREST returns KALSHI-ACCESS-SIGNATURE: base64 of the signature of
// decimal(timestampMs) + method + path (path cut at '?', including /trade-api/v2).
func (k *Key) SignREST(timestampMs int64, method, path string) (string, error) {
	m, err := cstring("method", method)
	if err != nil {
		return "", err
	}
	defer freeC(m)
	pa, err := cstring("path", path)
	if err != nil {
		return "", err
	}
	defer freeC(pa)
	return k.b64Call(func(p *C.kalshi_key_t, buf *C.char, n *C.size_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_sign_rest(p, C.int64_t(timestampMs), m, pa, buf, n, e)
	})
}

// SignFIXLogon returns RawData (96) for a FIX Logon: base64 RSA-PSS signature of
// SendingTime SOH "A" SOH MsgSeqNum SOH SenderCompID SOH TargetCompID. RSA keys only.
func (k *Key) SignFIXLogon(sendingTime string, msgSeqNum uint64, senderCompID, targetCompID string) (string, error) {
	st, err := cstring("sendingTime", sendingTime)
	if err != nil {
		return "", err
	}
	defer freeC(st)
	s, err := cstring("senderCompID", senderCompID)
	if err != nil {
		return "", err
	}
	defer freeC(s)
	t, err := cstring("targetCompID", targetCompID)
	if err != nil {
		return "", err
	}
	defer freeC(t)
	return k.b64Call(func(p *C.kalshi_key_t, buf *C.char, n *C.size_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_sign_fix_logon(p, st, C.uint64_t(msgSeqNum), s, t, buf, n, e)
	})
}
