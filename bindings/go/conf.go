package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"runtime"
	"strings"
	"unsafe"
)

const errstrSize = 512

// Conf is a set of configuration properties (kalshi_conf_t), validated when set; see
// docs/CONFIGURATION.md. A Client copies the Conf it is created with. Safe for concurrent use.
type Conf struct {
	h   handle
	ptr *C.kalshi_conf_t
}

func wrapConf(p *C.kalshi_conf_t) *Conf {
	c := &Conf{ptr: p}
	liveHandles.Add(1)
	runtime.SetFinalizer(c, (*Conf).Destroy)
	return c
}

// NewConf returns a Conf with every property at its default.
func NewConf() (*Conf, error) {
	p := C.kalshi_conf_new()
	if p == nil {
		return nil, newError(ErrNoMemory, "kalshi_conf_new")
	}
	return wrapConf(p), nil
}

// NewConfFromEnv returns a default Conf with the KALSHI_* environment variables applied.
func NewConfFromEnv() (*Conf, error) {
	c, err := NewConf()
	if err != nil {
		return nil, err
	}
	if err := c.ApplyEnv(); err != nil {
		c.Destroy()
		return nil, err
	}
	return c, nil
}

// Destroy frees the Conf. Idempotent; later calls on it return ErrClosed.
func (c *Conf) Destroy() {
	if !c.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(c, nil)
	C.kalshi_conf_destroy(c.ptr)
	c.ptr = nil
	liveHandles.Add(-1)
}

// writeLocked runs f with exclusive access (conf setters mutate).
func (c *Conf) writeLocked(f func(p *C.kalshi_conf_t) error) error {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	if c.h.destroyed {
		return destroyedError("conf")
	}
	err := f(c.ptr)
	runtime.KeepAlive(c)
	return err
}

func (c *Conf) readLocked(f func(p *C.kalshi_conf_t) error) error {
	if !c.h.acquire() {
		return destroyedError("conf")
	}
	defer c.h.release()
	err := f(c.ptr)
	runtime.KeepAlive(c)
	return err
}

// Set sets a property. The error is ErrUnknownKey when there is no such property and
// ErrInvalidValue when the value is outside its domain, with the library's message.
func (c *Conf) Set(key, value string) error {
	k, err := cstring("key", key)
	if err != nil {
		return err
	}
	defer freeC(k)
	v, err := cstring("value", value)
	if err != nil {
		return err
	}
	// The value may be a secret (private key PEM, token): wipe the C copy.
	defer freeSecret(v)
	return c.set(k, v)
}

// Reset returns a property to its default.
func (c *Conf) Reset(key string) error {
	k, err := cstring("key", key)
	if err != nil {
		return err
	}
	defer freeC(k)
	return c.set(k, nil)
}

func (c *Conf) set(k, v *C.char) error {
	return c.writeLocked(func(p *C.kalshi_conf_t) error {
		var buf [errstrSize]byte
		rc := C.kalshi_conf_set(p, k, v, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
		return errstrError(rc, buf[:])
	})
}

// Get returns the effective value (explicit, else default). Secrets read back as "[redacted]".
func (c *Conf) Get(key string) (string, error) {
	k, err := cstring("key", key)
	if err != nil {
		return "", err
	}
	defer freeC(k)
	var out string
	err = c.readLocked(func(p *C.kalshi_conf_t) error {
		var e error
		out, e = readSized(func(buf *C.char, size *C.size_t) C.kalshi_err_t {
			return C.kalshi_conf_get(p, k, buf, size)
		})
		if ke, ok := e.(*Error); ok {
			ke.Message = key + ": " + ke.Message
		}
		return e
	})
	return out, err
}

// Dump returns every property as "key=value\n" lines in table order, secrets redacted.
func (c *Conf) Dump() (string, error) {
	var out string
	err := c.readLocked(func(p *C.kalshi_conf_t) error {
		var e error
		out, e = readSized(func(buf *C.char, size *C.size_t) C.kalshi_err_t {
			return C.kalshi_conf_dump(p, buf, size)
		})
		return e
	})
	return out, err
}

// Entry is one property of a Dump.
type Entry struct{ Key, Value string }

// Entries is Dump split into key/value pairs, in table order.
func (c *Conf) Entries() ([]Entry, error) {
	d, err := c.Dump()
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, line := range strings.Split(d, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out = append(out, Entry{k, v})
		}
	}
	return out, nil
}

// ApplyEnv applies the KALSHI_* environment variables (KALSHI_KEY_ID, KALSHI_PRIVATE_KEY[_PATH],
// KALSHI_PRIVATE_KEY_PASSPHRASE, KALSHI_DEMO, KALSHI_PERPS_*, KALSHI_KLEAR_TOKEN). On error the
// Conf is unchanged and the message names the variable.
func (c *Conf) ApplyEnv() error {
	return c.writeLocked(func(p *C.kalshi_conf_t) error {
		var buf [errstrSize]byte
		rc := C.kalshi_conf_from_env(p, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
		return errstrError(rc, buf[:])
	})
}

// Dup returns an independent copy (kalshi_conf_dup).
func (c *Conf) Dup() (*Conf, error) {
	var d *C.kalshi_conf_t
	if err := c.readLocked(func(p *C.kalshi_conf_t) error {
		d = C.kalshi_conf_dup(p)
		return nil
	}); err != nil {
		return nil, err
	}
	if d == nil {
		return nil, newError(ErrNoMemory, "kalshi_conf_dup")
	}
	return wrapConf(d), nil
}
