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

// Simulator is kalshi-sim running inside the process (kalshi_sim_t): a local Kalshi exchange
// with markets, matching, accounts and the FIX listeners on loopback, on its own thread. Meant
// for tests. Safe for concurrent use; Destroy (or the finalizer) stops it and deletes its CA file.
type Simulator struct {
	h   handle
	ptr *C.kalshi_sim_t
}

// StartSimulator starts a simulator; conf (may be nil: defaults) holds the sim.* properties and
// is copied. ErrInvalidValue for a bad markets file, ErrIO when a port cannot be bound.
func StartSimulator(conf *Conf) (*Simulator, error) {
	var s *C.kalshi_sim_t
	var e *C.kalshi_error_t
	var rc C.kalshi_err_t
	if conf == nil {
		rc = C.kalshi_sim_start(nil, &s, &e)
	} else if err := conf.readLocked(func(p *C.kalshi_conf_t) error {
		rc = C.kalshi_sim_start(p, &s, &e)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := takeError(rc, e); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, newError(ErrInternal, "kalshi_sim_start returned no simulator")
	}
	sim := &Simulator{ptr: s}
	liveHandles.Add(1)
	// Destroying joins the simulator's thread: not on the finalizer goroutine itself.
	runtime.SetFinalizer(sim, func(sim *Simulator) { go sim.Destroy() })
	return sim, nil
}

// Destroy stops the simulator (logging every session out), deletes its CA file and frees it.
// Idempotent; later calls on it return ErrClosed.
func (s *Simulator) Destroy() {
	if !s.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(s, nil)
	C.kalshi_sim_destroy(s.ptr)
	s.ptr = nil
	liveHandles.Add(-1)
}

// Close is Destroy, for io.Closer.
func (s *Simulator) Close() error {
	s.Destroy()
	return nil
}

// with runs f on the live handle, or returns ErrClosed after Destroy.
func (s *Simulator) with(f func(p *C.kalshi_sim_t) error) error {
	if !s.h.acquire() {
		return destroyedError("simulator")
	}
	defer s.h.release()
	err := f(s.ptr)
	runtime.KeepAlive(s)
	return err
}

// Stop logs every session out and stops listening; accounts stay readable. Idempotent.
func (s *Simulator) Stop() error {
	return s.with(func(p *C.kalshi_sim_t) error {
		C.kalshi_sim_stop(p)
		return nil
	})
}

// Port returns the port of an endpoint ("fix.nr", "fix.rt", ..., "perps.fix.nr", ...; with
// ".tls" appended for the TLS listener). ErrNotFound for an unknown or disabled endpoint.
func (s *Simulator) Port(endpoint string) (uint16, error) {
	name, err := cstring("endpoint", endpoint)
	if err != nil {
		return 0, err
	}
	defer freeC(name)
	var port C.uint16_t
	err = s.with(func(p *C.kalshi_sim_t) error {
		if rc := C.kalshi_sim_port(p, name, &port); rc != C.KALSHI_OK {
			return newErrorf(Code(rc), "endpoint %q: %s", endpoint, Code(rc).Description())
		}
		return nil
	})
	return uint16(port), err
}

// CAFile returns the path of the PEM file with the simulator's CA certificate (for
// tls.ca_file). ErrNotFound when TLS is off.
func (s *Simulator) CAFile() (string, error) {
	var path string
	err := s.with(func(p *C.kalshi_sim_t) error {
		// The call reports only "too small", not the size needed: grow until it fits.
		for capacity := 256; capacity <= 1<<20; capacity *= 2 {
			buf := (*C.char)(C.malloc(C.size_t(capacity)))
			rc := C.kalshi_sim_ca_file(p, buf, C.size_t(capacity))
			if rc == C.KALSHI_OK {
				path = C.GoString(buf)
			}
			C.free(unsafe.Pointer(buf))
			if rc != C.KALSHI_ERR_BUFFER_TOO_SMALL {
				return codeError(rc)
			}
		}
		return newError(ErrInternal, "CA file path does not fit in 1 MiB")
	})
	return path, err
}

// ClientConf points a client Conf at this simulator: fix.host and the other hosts, fix.port.*
// (the plain or the TLS listeners), fix.tls, rest.host/rest.port/rest.tls, ws.host/ws.port/ws.tls
// (and their perps.* twins) and tls.ca_file.
func (s *Simulator) ClientConf(conf *Conf, tls bool) error {
	return s.with(func(p *C.kalshi_sim_t) error {
		return conf.writeLocked(func(cp *C.kalshi_conf_t) error {
			var e *C.kalshi_error_t
			return takeError(C.kalshi_sim_client_conf(p, cp, boolInt(tls), &e), e)
		})
	})
}

// ClientConfProduct is ClientConf for one product: for ProductMargin the fix.port.* properties get
// the perps.fix.* listeners and fix.product is set to "margin".
func (s *Simulator) ClientConfProduct(conf *Conf, product Product, tls bool) error {
	return s.with(func(p *C.kalshi_sim_t) error {
		return conf.writeLocked(func(cp *C.kalshi_conf_t) error {
			var e *C.kalshi_error_t
			return takeError(C.kalshi_sim_client_conf_product(p, cp, C.kalshi_product_t(product), boolInt(tls), &e), e)
		})
	})
}

// RegisterKey lets keyID log on for product with an RSA public key in PEM. member 0 makes a new
// member named after the key (with the sim.balance opening balance); the member the key trades
// for is returned. Registering a key id again replaces its public key.
func (s *Simulator) RegisterKey(product Product, keyID string, publicKeyPEM []byte, member uint32) (uint32, error) {
	id, err := cstring("key id", keyID)
	if err != nil {
		return 0, err
	}
	defer freeC(id)
	pem := C.CBytes(publicKeyPEM)
	defer C.free(pem)
	var out C.uint32_t
	err = s.with(func(p *C.kalshi_sim_t) error {
		var e *C.kalshi_error_t
		rc := C.kalshi_sim_register_key(p, C.kalshi_product_t(product), id, (*C.char)(pem),
			C.size_t(len(publicKeyPEM)), C.uint32_t(member), &out, &e)
		return takeError(rc, e)
	})
	return uint32(out), err
}

// SetBalance sets the cash balance of a member's subaccount (0 = primary).
func (s *Simulator) SetBalance(member, subaccount uint32, balance Price) error {
	return s.with(func(p *C.kalshi_sim_t) error {
		return codeError(C.kalshi_sim_set_balance(p, C.uint32_t(member), C.uint32_t(subaccount), C.kalshi_price_t(balance)))
	})
}

// Balance returns the cash balance of a member's subaccount (0 = primary).
func (s *Simulator) Balance(member, subaccount uint32) (Price, error) {
	var v C.kalshi_price_t
	err := s.with(func(p *C.kalshi_sim_t) error {
		return codeError(C.kalshi_sim_balance(p, C.uint32_t(member), C.uint32_t(subaccount), &v))
	})
	return Price(v), err
}

// Position returns the signed position in a market: positive YES / long, negative NO / short.
func (s *Simulator) Position(member, subaccount uint32, ticker string) (Count, error) {
	t, err := cstring("ticker", ticker)
	if err != nil {
		return 0, err
	}
	defer freeC(t)
	var v C.kalshi_count_t
	err = s.with(func(p *C.kalshi_sim_t) error {
		return codeError(C.kalshi_sim_position(p, C.uint32_t(member), C.uint32_t(subaccount), t, &v))
	})
	return Count(v), err
}

// PlaceOrder places a limit order for member as another participant (no session): SideBuy buys
// YES / goes long, SideSell sells YES (buys NO) / goes short. ErrRejected with Kalshi's reason
// when the exchange refuses it.
func (s *Simulator) PlaceOrder(member uint32, ticker string, side Side, price Price, qty Count) error {
	var sideNum C.int
	switch side {
	case SideBuy:
		sideNum = 1
	case SideSell:
		sideNum = 2
	default:
		return newErrorf(ErrInvalidArg, "side %q", rune(side))
	}
	t, err := cstring("ticker", ticker)
	if err != nil {
		return err
	}
	defer freeC(t)
	return s.with(func(p *C.kalshi_sim_t) error {
		var e *C.kalshi_error_t
		rc := C.kalshi_sim_place_order(p, C.uint32_t(member), t, sideNum, C.kalshi_price_t(price), C.kalshi_count_t(qty), &e)
		return takeError(rc, e)
	})
}

// SetMarketStatus moves a market to "open", "paused" or "closed".
func (s *Simulator) SetMarketStatus(ticker, status string) error {
	t, err := cstring("ticker", ticker)
	if err != nil {
		return err
	}
	defer freeC(t)
	st, err := cstring("status", status)
	if err != nil {
		return err
	}
	defer freeC(st)
	return s.with(func(p *C.kalshi_sim_t) error {
		var e *C.kalshi_error_t
		return takeError(C.kalshi_sim_market_status(p, t, st, &e), e)
	})
}

// Settle settles a market with the YES value per contract (0 or 1.00 for a binary market).
func (s *Simulator) Settle(ticker string, yesValue Price) error {
	t, err := cstring("ticker", ticker)
	if err != nil {
		return err
	}
	defer freeC(t)
	return s.with(func(p *C.kalshi_sim_t) error {
		var e *C.kalshi_error_t
		return takeError(C.kalshi_sim_settle(p, t, C.kalshi_price_t(yesValue), &e), e)
	})
}

// NowMs returns the exchange clock in Unix milliseconds (0 after Destroy).
func (s *Simulator) NowMs() int64 {
	var now int64
	_ = s.with(func(p *C.kalshi_sim_t) error {
		now = int64(C.kalshi_sim_now_ms(p))
		return nil
	})
	return now
}

// AdvanceMs moves a manual clock (sim.clock=manual) forward, running what falls due.
func (s *Simulator) AdvanceMs(ms int64) error {
	return s.with(func(p *C.kalshi_sim_t) error { return codeError(C.kalshi_sim_advance_ms(p, C.int64_t(ms))) })
}

// SetActivity turns the market-activity generator (other participants trading) on or off.
func (s *Simulator) SetActivity(enabled bool) error {
	return s.with(func(p *C.kalshi_sim_t) error { return codeError(C.kalshi_sim_activity(p, boolInt(enabled))) })
}

// Fault injects a fault on the FIX sessions of an endpoint ("fix.nr", "perps.fix.rt"; no
// ".tls") for keyID ("" = every key): "drop", "skip N", "dup N", "delay MS", "garbage",
// "reject_logon [text]", "resend_request [from]", "test_request", "logout [text]", "mute [ms]",
// "clear". ErrNotFound when no live session matched a fault that acts now. Session "ws" faults
// the WebSocket connections ("drop", "skip N", "delay MS", "mute MS", "garbage", "logout"),
// session "rest" the REST listener ("delay_ms=N", "status_5xx=N", "reset").
func (s *Simulator) Fault(session, keyID, fault string) error {
	var a cargs
	defer a.free()
	sess, err := a.str("session", session)
	if err != nil {
		return err
	}
	id, err := a.opt("key id", keyID)
	if err != nil {
		return err
	}
	f, err := a.str("fault", fault)
	if err != nil {
		return err
	}
	return s.with(func(p *C.kalshi_sim_t) error {
		var e *C.kalshi_error_t
		return takeError(C.kalshi_sim_fault(p, sess, id, f, &e), e)
	})
}

// FixSessions returns how many FIX sessions are logged on right now.
func (s *Simulator) FixSessions() int {
	n := 0
	_ = s.with(func(p *C.kalshi_sim_t) error {
		n = int(C.kalshi_sim_fix_sessions(p))
		return nil
	})
	return n
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}
