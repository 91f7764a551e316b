package kalshi

/*
#cgo pkg-config: kalshi
#include <stdlib.h>
#include <string.h>
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Code is a libkalshi error code (kalshi_err_t). The C enum is append-only, so a newer library may
// return a code without a constant here; Name still names it. A Code is itself an error, so
// errors.Is(err, kalshi.ErrTimeout) matches any *Error with that code.
type Code uint32

const (
	OK                Code = C.KALSHI_OK
	ErrInvalidArg     Code = C.KALSHI_ERR_INVALID_ARG
	ErrUnknownKey     Code = C.KALSHI_ERR_UNKNOWN_KEY
	ErrInvalidValue   Code = C.KALSHI_ERR_INVALID_VALUE
	ErrNoMemory       Code = C.KALSHI_ERR_NO_MEMORY
	ErrClosed         Code = C.KALSHI_ERR_CLOSED
	ErrWrongThread    Code = C.KALSHI_ERR_WRONG_THREAD
	ErrWrongMode      Code = C.KALSHI_ERR_WRONG_MODE
	ErrTimeout        Code = C.KALSHI_ERR_TIMEOUT
	ErrBufferTooSmall Code = C.KALSHI_ERR_BUFFER_TOO_SMALL
	ErrParse          Code = C.KALSHI_ERR_PARSE
	ErrRange          Code = C.KALSHI_ERR_RANGE
	ErrInexact        Code = C.KALSHI_ERR_INEXACT
	ErrIO             Code = C.KALSHI_ERR_IO
	ErrKeyFormat      Code = C.KALSHI_ERR_KEY_FORMAT
	ErrKeyPassphrase  Code = C.KALSHI_ERR_KEY_PASSPHRASE
	ErrKeyUnsupported Code = C.KALSHI_ERR_KEY_UNSUPPORTED
	ErrKeyPublic      Code = C.KALSHI_ERR_KEY_PUBLIC
	ErrCrypto         Code = C.KALSHI_ERR_CRYPTO
	ErrDNS            Code = C.KALSHI_ERR_DNS
	ErrConnect        Code = C.KALSHI_ERR_CONNECT
	ErrDisconnected   Code = C.KALSHI_ERR_DISCONNECTED
	ErrTLS            Code = C.KALSHI_ERR_TLS
	ErrTLSUntrusted   Code = C.KALSHI_ERR_TLS_UNTRUSTED
	ErrTLSHostname    Code = C.KALSHI_ERR_TLS_HOSTNAME
	ErrTLSPin         Code = C.KALSHI_ERR_TLS_PIN
	ErrHostNotAllowed Code = C.KALSHI_ERR_HOST_NOT_ALLOWED
	ErrState          Code = C.KALSHI_ERR_STATE
	ErrNotSupported   Code = C.KALSHI_ERR_NOT_SUPPORTED
	ErrInternal       Code = C.KALSHI_ERR_INTERNAL
	ErrProtocol       Code = C.KALSHI_ERR_PROTOCOL     // the peer broke the wire protocol
	ErrRejected       Code = C.KALSHI_ERR_REJECTED     // the exchange refused the request
	ErrNotFound       Code = C.KALSHI_ERR_NOT_FOUND    // no such field, entry, symbol or object
	ErrSequenceGap    Code = C.KALSHI_ERR_SEQUENCE_GAP // messages lost, unrecoverable on this session
	ErrBadRequest     Code = C.KALSHI_ERR_BAD_REQUEST  // HTTP 400: the exchange refused the request's content
	ErrUnauthorized   Code = C.KALSHI_ERR_UNAUTHORIZED // HTTP 401/403: credentials or signature refused
	ErrConflict       Code = C.KALSHI_ERR_CONFLICT     // HTTP 409: conflicts with the current state
	ErrRateLimited    Code = C.KALSHI_ERR_RATE_LIMITED // HTTP 429, or the client-side limiter in fail-fast mode
	ErrServer         Code = C.KALSHI_ERR_SERVER       // HTTP 5xx: the exchange failed
	ErrOverflow       Code = C.KALSHI_ERR_OVERFLOW     // a bounded queue overflowed and data was dropped
)

// Name is the macro name, e.g. "KALSHI_ERR_TIMEOUT" ("KALSHI_ERR_UNKNOWN_CODE" if the loaded
// library does not know the code).
func (c Code) Name() string { return C.GoString(C.kalshi_err_name(C.kalshi_err_t(c))) }

// Description is a one-line English description.
func (c Code) Description() string { return C.GoString(C.kalshi_err_str(C.kalshi_err_t(c))) }

func (c Code) String() string { return c.Name() }

// Error makes a Code usable as a sentinel with errors.Is.
func (c Code) Error() string { return c.Name() }

// Codes returns every code the loaded library knows, OK included (kalshi_err_codes).
func Codes() []Code {
	n := C.kalshi_err_codes(nil, 0)
	if n == 0 {
		return nil
	}
	buf := make([]C.kalshi_err_t, n)
	got := C.kalshi_err_codes(&buf[0], n)
	if got < n {
		n = got
	}
	out := make([]Code, n)
	for i := range out {
		out[i] = Code(buf[i])
	}
	return out
}

// Error is a failure reported by libkalshi.
type Error struct {
	Code         Code
	Name         string // "KALSHI_ERR_..."
	Message      string // the library's detail (error object or errstr), else the description
	HTTPStatus   int    // HTTP status of a REST failure, else 0
	ExchangeCode string // the exchange's own error code, else ""
	Retriable    bool
	Fatal        bool
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

// Is reports whether target is this error's Code (errors.Is(err, kalshi.ErrTimeout)) or an
// *Error with the same Code.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Code:
		return t == e.Code
	case *Error:
		return t != nil && t.Code == e.Code
	}
	return false
}

func newError(code Code, msg string) *Error {
	if msg == "" {
		msg = code.Description()
	}
	return &Error{Code: code, Name: code.Name(), Message: msg}
}

func newErrorf(code Code, format string, args ...any) *Error {
	return newError(code, fmt.Sprintf(format, args...))
}

// copyError copies a kalshi_error_t without taking ownership.
func copyError(e *C.kalshi_error_t) *Error {
	code := Code(C.kalshi_error_code(e))
	err := newError(code, C.GoString(C.kalshi_error_message(e)))
	err.HTTPStatus = int(C.kalshi_error_http_status(e))
	err.ExchangeCode = C.GoString(C.kalshi_error_exchange_code(e))
	err.Retriable = C.kalshi_error_retriable(e) != 0
	err.Fatal = C.kalshi_error_fatal(e) != 0
	return err
}

// takeError builds the error of a call that returned rc and maybe filled e, destroying e.
func takeError(rc C.kalshi_err_t, e *C.kalshi_error_t) error {
	if rc == C.KALSHI_OK {
		if e != nil {
			C.kalshi_error_destroy(e)
		}
		return nil
	}
	if e == nil {
		return newError(Code(rc), "")
	}
	err := copyError(e)
	C.kalshi_error_destroy(e)
	if err.Code == OK {
		err.Code, err.Name = Code(rc), Code(rc).Name()
	}
	return err
}

func codeError(rc C.kalshi_err_t) error {
	if rc == C.KALSHI_OK {
		return nil
	}
	return newError(Code(rc), "")
}

func errstrError(rc C.kalshi_err_t, buf []byte) error {
	if rc == C.KALSHI_OK {
		return nil
	}
	n := 0
	for n < len(buf) && buf[n] != 0 {
		n++
	}
	return newError(Code(rc), string(buf[:n]))
}

func destroyedError(what string) error {
	return newErrorf(ErrClosed, "%s handle already destroyed", what)
}

// cstring returns a C copy of s, or ErrInvalidArg if s holds a NUL byte. Free it with freeC.
func cstring(what, s string) (*C.char, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return nil, newErrorf(ErrInvalidArg, "%s contains a NUL byte", what)
		}
	}
	return C.CString(s), nil
}

func freeC(p *C.char) {
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
}

// freeSecret wipes then frees a C string that held a secret.
func freeSecret(p *C.char) {
	if p == nil {
		return
	}
	n := C.strlen(p)
	b := unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
	for i := range b {
		b[i] = 0
	}
	C.free(unsafe.Pointer(p))
}

// readSized calls a function following the library's size protocol (*len: capacity in, size
// needed including the NUL out; KALSHI_ERR_BUFFER_TOO_SMALL when short) and returns the text.
func readSized(f func(buf *C.char, size *C.size_t) C.kalshi_err_t) (string, error) {
	capacity := 256
	for i := 0; i < 16; i++ {
		buf := (*C.char)(C.malloc(C.size_t(capacity)))
		size := C.size_t(capacity)
		rc := f(buf, &size)
		if rc == C.KALSHI_OK {
			s := C.GoStringN(buf, C.int(C.strnlen(buf, C.size_t(capacity))))
			wipeFree(buf, capacity)
			return s, nil
		}
		wipeFree(buf, capacity)
		if rc != C.KALSHI_ERR_BUFFER_TOO_SMALL {
			return "", codeError(rc)
		}
		if int(size) > capacity {
			capacity = int(size)
		} else {
			capacity *= 2
		}
	}
	return "", newError(ErrInternal, "size protocol did not converge")
}

// wipeFree zeroes and frees a C buffer (values may be secrets, e.g. a private key PEM).
func wipeFree(buf *C.char, n int) {
	C.memset(unsafe.Pointer(buf), 0, C.size_t(n))
	C.free(unsafe.Pointer(buf))
}
