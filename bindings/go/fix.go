package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
)

// FixState is the state of a FIX session (kalshi_fix_state_t; an open set).
type FixState int

const (
	FixDisconnected FixState = C.KALSHI_FIX_DISCONNECTED // no connection (waiting to reconnect, or finished)
	FixConnecting   FixState = C.KALSHI_FIX_CONNECTING   // DNS, TCP, TLS
	FixLoggingOn    FixState = C.KALSHI_FIX_LOGGING_ON   // Logon sent, waiting for the exchange's
	FixActive       FixState = C.KALSHI_FIX_ACTIVE       // logged on: messages can be sent
	FixLoggingOut   FixState = C.KALSHI_FIX_LOGGING_OUT  // Logout sent, waiting for the answer
)

// Name is "KALSHI_FIX_ACTIVE" etc. (kalshi_fix_state_name).
func (s FixState) Name() string {
	p := C.kalshi_fix_state_name(C.kalshi_fix_state_t(s))
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

func (s FixState) String() string { return s.Name() }

// Product selects the exchange a FIX message belongs to, for DecodeFix.
type Product int

const (
	ProductPrediction Product = C.KALSHI_PRODUCT_PREDICTION // event contracts
	ProductMargin     Product = C.KALSHI_PRODUCT_MARGIN     // perps
)

// Side is an order side (tag 54).
type Side byte

const (
	SideBuy  Side = '1' // buy: YES / bid
	SideSell Side = '2' // sell: NO / ask
)

// TimeInForce is tag 59; TIFNone omits it.
type TimeInForce byte

const (
	TIFNone              TimeInForce = 0
	TIFDay               TimeInForce = '0'
	TIFGoodTillCancel    TimeInForce = '1'
	TIFImmediateOrCancel TimeInForce = '3'
	TIFFillOrKill        TimeInForce = '4'
)

// SubscriptionType is SubscriptionRequestType (tag 263) of market data and security status
// requests.
type SubscriptionType byte

const (
	SubscriptionSnapshot    SubscriptionType = '0'
	SubscriptionSubscribe   SubscriptionType = '1'
	SubscriptionUnsubscribe SubscriptionType = '2'
)

// OrderGroupAction is the action of SendOrderGroup.
type OrderGroupAction int

const (
	OrderGroupCreate  OrderGroupAction = 1
	OrderGroupReset   OrderGroupAction = 2
	OrderGroupDelete  OrderGroupAction = 3
	OrderGroupTrigger OrderGroupAction = 4
	OrderGroupUpdate  OrderGroupAction = 5
)

// ExecType values (tag 150) of an ExecutionReport.
const (
	ExecTypeNew        byte = '0'
	ExecTypeCanceled   byte = '4'
	ExecTypeReplaced   byte = '5'
	ExecTypeRejected   byte = '8'
	ExecTypeExpired    byte = 'C'
	ExecTypeTrade      byte = 'F'
	ExecTypePendingNew byte = 'A'
)

// ---- sessions ------------------------------------------------------------------------------

// FixSession is one logged-on FIX connection (kalshi_fix_session_t) of a Client. Its events
// (EventFixState, EventFixMessage, EventFixDecodeError, EventFixSendFailed, EventFixClosed) arrive
// on the client's Queue carrying the session's user tag (SEND_FAILED: the send's). It holds a
// reference on its client, so destroy order does not matter. Safe for concurrent use.
type FixSession struct {
	h   handle
	ptr *C.kalshi_fix_session_t
}

// OpenFixSession validates the settings (the client's conf overlaid with overrides, which may be
// nil; fix.session, fix.product, fix.heartbeat_s, fix.logon.* ...) and starts connecting.
// Errors known before any traffic are returned here (ErrInvalidValue, ErrKeyUnsupported,
// ErrHostNotAllowed, ErrIO, ErrClosed); the rest arrive as events.
func (c *Client) OpenFixSession(overrides *Conf, userTag uint64) (*FixSession, error) {
	var s *C.kalshi_fix_session_t
	var e *C.kalshi_error_t
	var rc C.kalshi_err_t
	open := func(cp *C.kalshi_conf_t) error {
		if !c.h.acquire() {
			return destroyedError("client")
		}
		rc = C.kalshi_fix_session_open(c.ptr, cp, C.uint64_t(userTag), &s, &e)
		c.h.release()
		runtime.KeepAlive(c)
		return nil
	}
	var err error
	if overrides == nil {
		err = open(nil)
	} else {
		err = overrides.readLocked(open)
	}
	if err != nil {
		return nil, err
	}
	if err := takeError(rc, e); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, newError(ErrInternal, "kalshi_fix_session_open returned OK without a session")
	}
	fs := &FixSession{ptr: s}
	liveHandles.Add(1)
	runtime.SetFinalizer(fs, finalizeFixSession)
	return fs, nil
}

// finalizeFixSession destroys a session nobody destroyed, off the finalizer goroutine.
func finalizeFixSession(s *FixSession) { go s.Destroy() }

// Close logs out gracefully (bounded wait for the answer) and closes; EventFixClosed follows.
// Idempotent.
func (s *FixSession) Close() error {
	if !s.h.acquire() {
		return destroyedError("FIX session")
	}
	defer s.h.release()
	rc := C.kalshi_fix_session_close(s.ptr)
	runtime.KeepAlive(s)
	return codeError(rc)
}

// Destroy closes the session if needed and releases it. Idempotent.
func (s *FixSession) Destroy() {
	if !s.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(s, nil)
	C.kalshi_fix_session_destroy(s.ptr)
	s.ptr = nil
	liveHandles.Add(-1)
}

// State is the last state reported (FixDisconnected once destroyed).
func (s *FixSession) State() FixState {
	if !s.h.acquire() {
		return FixDisconnected
	}
	defer s.h.release()
	st := FixState(C.kalshi_fix_session_state(s.ptr))
	runtime.KeepAlive(s)
	return st
}

// NextSenderSeq is the MsgSeqNum the next outgoing message gets (0 once destroyed).
func (s *FixSession) NextSenderSeq() uint64 {
	if !s.h.acquire() {
		return 0
	}
	defer s.h.release()
	n := uint64(C.kalshi_fix_session_next_sender_seq(s.ptr))
	runtime.KeepAlive(s)
	return n
}

// NextTargetSeq is the MsgSeqNum expected next from the exchange, as of the last loop iteration
// (0 once destroyed).
func (s *FixSession) NextTargetSeq() uint64 {
	if !s.h.acquire() {
		return 0
	}
	defer s.h.release()
	n := uint64(C.kalshi_fix_session_next_target_seq(s.ptr))
	runtime.KeepAlive(s)
	return n
}

// cargs collects C strings for one call and frees them together.
type cargs struct{ ptrs []*C.char }

// str copies s (ErrInvalidArg for a NUL byte).
func (a *cargs) str(what, s string) (*C.char, error) {
	p, err := cstring(what, s)
	if err != nil {
		return nil, err
	}
	a.ptrs = append(a.ptrs, p)
	return p, nil
}

// opt is str with "" meaning NULL (an omitted optional field).
func (a *cargs) opt(what, s string) (*C.char, error) {
	if s == "" {
		return nil, nil
	}
	return a.str(what, s)
}

func (a *cargs) free() {
	for _, p := range a.ptrs {
		freeC(p)
	}
	a.ptrs = nil
}

type sendFunc func(p *C.kalshi_fix_session_t, seq *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t

// send runs one kalshi_fix_send* call and returns its MsgSeqNum (0 when queued from another
// thread, which is always the case in client.mode=thread).
func (s *FixSession) send(f sendFunc) (uint64, error) {
	if !s.h.acquire() {
		return 0, destroyedError("FIX session")
	}
	var seq C.uint64_t
	var e *C.kalshi_error_t
	rc := f(s.ptr, &seq, &e)
	s.h.release()
	runtime.KeepAlive(s)
	if err := takeError(rc, e); err != nil {
		return 0, err
	}
	return uint64(seq), nil
}

// Sending: every Send* validates and encodes on the calling goroutine, so a malformed message
// fails at once (ErrInvalidArg, ErrInvalidValue, ErrInexact for a price or count the wire format
// cannot carry, ErrNotSupported for a message type the session type does not allow). Sent on the
// loop thread (client.mode=caller) it goes out before the call returns and the MsgSeqNum is
// returned (ErrState when not logged on); otherwise it is queued, 0 is returned, and
// EventFixSendFailed reports a session that was not logged on when it got there. A refused
// message is never sent later.

// Send sends a message built with a FixBuilder (the builder stays usable). senderSubID is
// SenderSubID(50) for FCM operators ("" for none).
func (s *FixSession) Send(b *FixBuilder, senderSubID string, userTag uint64) (uint64, error) {
	if b == nil {
		return 0, newError(ErrInvalidArg, "nil FixBuilder")
	}
	var a cargs
	defer a.free()
	sub, err := a.opt("senderSubID", senderSubID)
	if err != nil {
		return 0, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.h.acquire() {
		return 0, destroyedError("FIX builder")
	}
	defer b.h.release()
	seq, err := s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send(p, b.ptr, sub, C.uint64_t(userTag), q, e)
	})
	runtime.KeepAlive(b)
	return seq, err
}

// SendNewOrder sends a NewOrderSingle (D). tif TIFNone omits TimeInForce.
func (s *FixSession) SendNewOrder(clOrdID, symbol string, side Side, price Price, qty Count, tif TimeInForce, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("clOrdID", clOrdID)
	if err != nil {
		return 0, err
	}
	sym, err := a.str("symbol", symbol)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_new_order(p, id, sym, C.char(side), C.kalshi_price_t(price),
			C.kalshi_count_t(qty), C.char(tif), C.uint64_t(userTag), q, e)
	})
}

// SendCancel sends an OrderCancelRequest (F) for the order origClOrdID.
func (s *FixSession) SendCancel(clOrdID, origClOrdID, symbol string, side Side, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("clOrdID", clOrdID)
	if err != nil {
		return 0, err
	}
	orig, err := a.str("origClOrdID", origClOrdID)
	if err != nil {
		return 0, err
	}
	sym, err := a.str("symbol", symbol)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_cancel(p, id, orig, sym, C.char(side), C.uint64_t(userTag), q, e)
	})
}

// SendReplace sends an OrderCancelReplaceRequest (G): the new total quantity and price (the
// order keeps its expiry).
func (s *FixSession) SendReplace(clOrdID, origClOrdID, symbol string, side Side, price Price, qty Count, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("clOrdID", clOrdID)
	if err != nil {
		return 0, err
	}
	orig, err := a.str("origClOrdID", origClOrdID)
	if err != nil {
		return 0, err
	}
	sym, err := a.str("symbol", symbol)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_replace(p, id, orig, sym, C.char(side), C.kalshi_price_t(price),
			C.kalshi_count_t(qty), C.uint64_t(userTag), q, e)
	})
}

// SendMassCancel cancels the session's open orders (KalshiNR only).
func (s *FixSession) SendMassCancel(clOrdID string, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("clOrdID", clOrdID)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_mass_cancel(p, id, C.uint64_t(userTag), q, e)
	})
}

// SendOrderGroup manages an order group: groupID "" for OrderGroupCreate; contractsLimit is
// sent for create and update (ignored otherwise).
func (s *FixSession) SendOrderGroup(action OrderGroupAction, groupID string, contractsLimit int64, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	gid, err := a.opt("groupID", groupID)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_order_group(p, C.int(action), gid, C.int64_t(contractsLimit),
			C.uint64_t(userTag), q, e)
	})
}

// SendMarketDataRequest (KalshiMD) takes a snapshot of, subscribes to or unsubscribes from the
// symbols (unsubscribe with none: all). The session repeats subscriptions after a reconnect.
func (s *FixSession) SendMarketDataRequest(kind SubscriptionType, symbols []string, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	var arr **C.char
	if len(symbols) > 0 {
		arr = (**C.char)(C.malloc(C.size_t(len(symbols)) * C.size_t(unsafe.Sizeof((*C.char)(nil)))))
		defer C.free(unsafe.Pointer(arr))
		view := unsafe.Slice(arr, len(symbols))
		for i, sym := range symbols {
			p, err := a.str("symbol", sym)
			if err != nil {
				return 0, err
			}
			view[i] = p
		}
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_md_request(p, C.char(kind), arr, C.size_t(len(symbols)),
			C.uint64_t(userTag), q, e)
	})
}

// SendSecurityStatusRequest (KalshiMD, prediction) subscribes to or unsubscribes from one
// market's status.
func (s *FixSession) SendSecurityStatusRequest(kind SubscriptionType, symbol string, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	sym, err := a.str("symbol", symbol)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_security_status_request(p, C.char(kind), sym, C.uint64_t(userTag), q, e)
	})
}

// SendEventResend (KalshiDC) replays ExecutionReports from beginExecID to endExecID ("" = up to
// the latest).
func (s *FixSession) SendEventResend(beginExecID, endExecID string, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	begin, err := a.str("beginExecID", beginExecID)
	if err != nil {
		return 0, err
	}
	end, err := a.opt("endExecID", endExecID)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_event_resend(p, begin, end, C.uint64_t(userTag), q, e)
	})
}

// SendQuoteRequest (KalshiRT, RFQ creator) asks for quotes on qty contracts of one market.
func (s *FixSession) SendQuoteRequest(quoteReqID, symbol string, qty Count, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("quoteReqID", quoteReqID)
	if err != nil {
		return 0, err
	}
	sym, err := a.str("symbol", symbol)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_quote_request(p, id, sym, C.kalshi_count_t(qty), C.uint64_t(userTag), q, e)
	})
}

// SendQuote (KalshiRFQ, market maker) quotes an RFQ: bidPx is the YES price, offerPx the NO price
// (0: that side not quoted).
func (s *FixSession) SendQuote(quoteID, quoteReqID, symbol string, bidPx, offerPx Price, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("quoteID", quoteID)
	if err != nil {
		return 0, err
	}
	req, err := a.str("quoteReqID", quoteReqID)
	if err != nil {
		return 0, err
	}
	sym, err := a.str("symbol", symbol)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_quote(p, id, req, sym, C.kalshi_price_t(bidPx), C.kalshi_price_t(offerPx),
			C.uint64_t(userTag), q, e)
	})
}

// SendAcceptQuote (KalshiRT, RFQ creator) accepts a quote: SideBuy takes the NO quote, SideSell
// the YES quote.
func (s *FixSession) SendAcceptQuote(quoteID, rfqID string, side Side, qty Count, clOrdID string, userTag uint64) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str("quoteID", quoteID)
	if err != nil {
		return 0, err
	}
	rfq, err := a.str("rfqID", rfqID)
	if err != nil {
		return 0, err
	}
	cl, err := a.str("clOrdID", clOrdID)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_accept_quote(p, id, rfq, C.char(side), C.kalshi_count_t(qty), cl,
			C.uint64_t(userTag), q, e)
	})
}

// SendQuoteCancel (KalshiRFQ) cancels a quote.
func (s *FixSession) SendQuoteCancel(quoteID string, userTag uint64) (uint64, error) {
	return s.sendOneID("quoteID", quoteID, userTag, func(p *C.kalshi_fix_session_t, id *C.char, tag C.uint64_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_quote_cancel(p, id, tag, q, e)
	})
}

// SendQuoteConfirm (KalshiRFQ) confirms an accepted quote (within 30 s of acceptance).
func (s *FixSession) SendQuoteConfirm(quoteID string, userTag uint64) (uint64, error) {
	return s.sendOneID("quoteID", quoteID, userTag, func(p *C.kalshi_fix_session_t, id *C.char, tag C.uint64_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_quote_confirm(p, id, tag, q, e)
	})
}

// SendRFQCancel (KalshiRT) cancels an RFQ by the client's QuoteReqID.
func (s *FixSession) SendRFQCancel(quoteReqID string, userTag uint64) (uint64, error) {
	return s.sendOneID("quoteReqID", quoteReqID, userTag, func(p *C.kalshi_fix_session_t, id *C.char, tag C.uint64_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_send_rfq_cancel(p, id, tag, q, e)
	})
}

// sendOneID sends a message whose only field is one identifier.
func (s *FixSession) sendOneID(name, value string, userTag uint64,
	call func(*C.kalshi_fix_session_t, *C.char, C.uint64_t, *C.uint64_t, **C.kalshi_error_t) C.kalshi_err_t) (uint64, error) {
	var a cargs
	defer a.free()
	id, err := a.str(name, value)
	if err != nil {
		return 0, err
	}
	return s.send(func(p *C.kalshi_fix_session_t, q *C.uint64_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return call(p, id, C.uint64_t(userTag), q, e)
	})
}

// ---- builder -------------------------------------------------------------------------------

// FixBuilder builds a client-to-exchange message of any type field by field
// (kalshi_fix_builder_t); fields go out in the message's defined order whatever the order of the
// Set calls. Calls are serialised, so it is safe (if rarely useful) to share.
type FixBuilder struct {
	h   handle
	mu  sync.Mutex
	ptr *C.kalshi_fix_builder_t
}

// NewFixBuilder starts a message of type msgType ("D", "UOG", ...).
func NewFixBuilder(msgType string) (*FixBuilder, error) {
	mt, err := cstring("msgType", msgType)
	if err != nil {
		return nil, err
	}
	defer freeC(mt)
	var p *C.kalshi_fix_builder_t
	var e *C.kalshi_error_t
	if err := takeError(C.kalshi_fix_builder_new(mt, &p, &e), e); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, newError(ErrInternal, "kalshi_fix_builder_new returned OK without a builder")
	}
	b := &FixBuilder{ptr: p}
	liveHandles.Add(1)
	runtime.SetFinalizer(b, (*FixBuilder).Destroy)
	return b, nil
}

// Destroy releases the builder. Idempotent.
func (b *FixBuilder) Destroy() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(b, nil)
	C.kalshi_fix_builder_destroy(b.ptr)
	b.ptr = nil
	liveHandles.Add(-1)
}

type builderFunc func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t

func (b *FixBuilder) with(f builderFunc) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.h.acquire() {
		return destroyedError("FIX builder")
	}
	defer b.h.release()
	var e *C.kalshi_error_t
	rc := f(b.ptr, &e)
	runtime.KeepAlive(b)
	return takeError(rc, e)
}

// Reset starts over with msgType (the same or another), keeping the memory.
func (b *FixBuilder) Reset(msgType string) error {
	mt, err := cstring("msgType", msgType)
	if err != nil {
		return err
	}
	defer freeC(mt)
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_reset(p, mt, e)
	})
}

// The setters return ErrInvalidArg for a tag the message does not have at this level, or a value
// of the wrong form (SOH, bad ClOrdID, unknown enumeration value).

// SetStr sets a text field.
func (b *FixBuilder) SetStr(tag uint32, value string) error {
	v, n, keep := textArg(value)
	err := b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_str(p, C.uint32_t(tag), v, n, e)
	})
	runtime.KeepAlive(keep)
	return err
}

// SetInt sets an integer field.
func (b *FixBuilder) SetInt(tag uint32, value int64) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_int(p, C.uint32_t(tag), C.int64_t(value), e)
	})
}

// SetChar sets a single-character field (Side, OrdType, ...).
func (b *FixBuilder) SetChar(tag uint32, value byte) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_char(p, C.uint32_t(tag), C.char(value), e)
	})
}

// SetBool sets a Y/N field.
func (b *FixBuilder) SetBool(tag uint32, value bool) error {
	v := C.int(0)
	if value {
		v = 1
	}
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_bool(p, C.uint32_t(tag), v, e)
	})
}

// SetPrice sets a price field, converted exactly to the session's wire format when sent
// (ErrInexact when it cannot carry the value).
func (b *FixBuilder) SetPrice(tag uint32, value Price) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_price(p, C.uint32_t(tag), C.kalshi_price_t(value), e)
	})
}

// SetCount sets a quantity field.
func (b *FixBuilder) SetCount(tag uint32, value Count) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_count(p, C.uint32_t(tag), C.kalshi_count_t(value), e)
	})
}

// SetAmount sets a dollar amount (fees, MaxExecutionCost, CashOrderQty), at the price scale.
func (b *FixBuilder) SetAmount(tag uint32, value Price) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_amount(p, C.uint32_t(tag), C.int64_t(value), e)
	})
}

// SetTimeMs sets a UTC timestamp field from milliseconds since the Unix epoch.
func (b *FixBuilder) SetTimeMs(tag uint32, epochMs int64) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_set_time_ms(p, C.uint32_t(tag), C.int64_t(epochMs), e)
	})
}

// GroupBegin opens a repeating group by its counter tag (453, 146, ...); then EntryNext before
// each entry's fields, nested groups likewise, and GroupEnd to close the innermost group.
func (b *FixBuilder) GroupBegin(counterTag uint32) error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_group_begin(p, C.uint32_t(counterTag), e)
	})
}

// EntryNext starts the next entry of the innermost open group.
func (b *FixBuilder) EntryNext() error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_entry_next(p, e)
	})
}

// GroupEnd closes the innermost open group.
func (b *FixBuilder) GroupEnd() error {
	return b.with(func(p *C.kalshi_fix_builder_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_fix_builder_group_end(p, e)
	})
}

// ---- decoding ------------------------------------------------------------------------------

// DecodeFix decodes one whole exchange-to-client message (8= .. 10=, e.g. from a log or a
// capture) into an EventFixMessage Event exactly as a session would deliver it. useDollars is
// the session's UseDollars (prices in cents otherwise, on prediction). ErrProtocol for bad
// framing or a value that does not decode. Release the event when done.
func DecodeFix(frame []byte, product Product, useDollars bool) (*Event, error) {
	var p *C.uint8_t
	if len(frame) > 0 {
		p = (*C.uint8_t)(unsafe.Pointer(&frame[0]))
	}
	dollars := C.int(0)
	if useDollars {
		dollars = 1
	}
	var ev *C.kalshi_event_t
	var e *C.kalshi_error_t
	rc := C.kalshi_fix_decode(p, C.size_t(len(frame)), C.kalshi_product_t(product), dollars, &ev, &e)
	runtime.KeepAlive(frame)
	if err := takeError(rc, e); err != nil {
		if ev != nil {
			C.kalshi_event_destroy(ev)
		}
		return nil, err
	}
	if ev == nil {
		return nil, newError(ErrInternal, "kalshi_fix_decode returned OK without an event")
	}
	return takeEvent(ev), nil
}

// fixEvent owns a retained C event (FIX_STATE, FIX_MESSAGE) shared by an Event's copies, its
// FixMessage and the message's group entries.
type fixEvent struct {
	h   handle
	ptr *C.kalshi_event_t
}

func retainEvent(ev *C.kalshi_event_t) *fixEvent {
	o := &fixEvent{ptr: ev}
	liveHandles.Add(1)
	runtime.SetFinalizer(o, (*fixEvent).destroy)
	return o
}

func (o *fixEvent) destroy() {
	if !o.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(o, nil)
	C.kalshi_event_destroy(o.ptr)
	o.ptr = nil
	liveHandles.Add(-1)
}
