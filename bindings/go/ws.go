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

// WsState is the state of a WebSocket connection (kalshi_ws_state_t; an open set).
type WsState int

const (
	WsConnecting   WsState = C.KALSHI_WS_CONNECTING
	WsOpen         WsState = C.KALSHI_WS_OPEN
	WsReconnecting WsState = C.KALSHI_WS_RECONNECTING // lost; reconnecting with backoff, then resubscribing
	WsClosing      WsState = C.KALSHI_WS_CLOSING
	WsClosed       WsState = C.KALSHI_WS_CLOSED
)

// Name is "KALSHI_WS_OPEN" etc. (kalshi_ws_state_name).
func (s WsState) Name() string { return goStr(C.kalshi_ws_state_name(C.kalshi_ws_state_t(s))) }

func (s WsState) String() string { return s.Name() }

// Actions of WebSocket.UpdateSubscription.
const (
	WsAddMarkets    = "add_markets"
	WsDeleteMarkets = "delete_markets"
)

// WebSocket is one WebSocket connection (kalshi_ws_t) of a Client: ws.host/ws.port/ws.tls for
// prediction, perps.ws.* when ws.product=perps. The library signs the handshake on every
// connect, keeps it alive, reconnects with backoff and resubscribes, checks each subscription's
// sequence numbers (a gap clears its books, emits EventWsResync and resubscribes) and keeps local
// order books for orderbook_delta subscriptions. Its events arrive on the client's Queue: EventWsState,
// EventWsMessage, EventWsResync, EventBookTop and finally EventWsClosed with the connection's user
// tag, EventWsReply with the command's. It holds a reference on its client, so destroy order does
// not matter. Safe for concurrent use; book reads are consistent from any goroutine.
type WebSocket struct {
	h   handle
	ptr *C.kalshi_ws_t
}

// OpenWebSocket validates the settings (the client's conf overlaid with overrides, which may be
// nil: ws.product, ws.queue_limit, ws.overflow, ws.top_events, ...) and starts connecting.
// Errors known before any traffic are returned here (ErrInvalidArg without a key,
// ErrHostNotAllowed, ErrClosed); the rest arrive as events.
func (c *Client) OpenWebSocket(overrides *Conf, userTag uint64) (*WebSocket, error) {
	var w *C.kalshi_ws_t
	var e *C.kalshi_error_t
	var rc C.kalshi_err_t
	open := func(cp *C.kalshi_conf_t) error {
		if !c.h.acquire() {
			return destroyedError("client")
		}
		rc = C.kalshi_ws_open(c.ptr, cp, C.uint64_t(userTag), &w, &e)
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
	if w == nil {
		return nil, newError(ErrInternal, "kalshi_ws_open returned OK without a connection")
	}
	ws := &WebSocket{ptr: w}
	liveHandles.Add(1)
	runtime.SetFinalizer(ws, finalizeWebSocket)
	return ws, nil
}

// finalizeWebSocket destroys a connection nobody destroyed, off the finalizer goroutine.
func finalizeWebSocket(w *WebSocket) { go w.Destroy() }

// call runs one kalshi_ws_* command on the live connection and maps its synchronous error.
func (w *WebSocket) call(f func(p *C.kalshi_ws_t, e **C.kalshi_error_t) C.kalshi_err_t) error {
	if !w.h.acquire() {
		return destroyedError("WebSocket")
	}
	var e *C.kalshi_error_t
	rc := f(w.ptr, &e)
	w.h.release()
	runtime.KeepAlive(w)
	return takeError(rc, e)
}

// cstrArray copies strs into a C array of C strings (NULL for none); free releases it all.
func cstrArray(what string, strs []string) (arr **C.char, free func(), err error) {
	if len(strs) == 0 {
		return nil, func() {}, nil
	}
	ptrSize := unsafe.Sizeof((*C.char)(nil))
	mem := C.calloc(C.size_t(len(strs)), C.size_t(ptrSize))
	if mem == nil {
		return nil, nil, newError(ErrNoMemory, "")
	}
	items := unsafe.Slice((**C.char)(mem), len(strs))
	free = func() {
		for _, p := range items {
			freeC(p)
		}
		C.free(mem)
	}
	for i, s := range strs {
		p, err := cstring(what, s)
		if err != nil {
			free()
			return nil, nil, err
		}
		items[i] = p
	}
	return (**C.char)(mem), free, nil
}

// Subscribe subscribes to channels by their spec names ("orderbook_delta", "ticker", "trade",
// "fill", ...) for markets (nil for channels that take none). The reply, an EventWsReply with
// userTag, carries the new subscription's WsSid, or the exchange's refusal as its Error.
func (w *WebSocket) Subscribe(channels, markets []string, userTag uint64) error {
	ch, freeCh, err := cstrArray("channel", channels)
	if err != nil {
		return err
	}
	defer freeCh()
	mk, freeMk, err := cstrArray("market ticker", markets)
	if err != nil {
		return err
	}
	defer freeMk()
	return w.call(func(p *C.kalshi_ws_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_ws_subscribe(p, ch, C.size_t(len(channels)), mk, C.size_t(len(markets)), C.uint64_t(userTag), e)
	})
}

// Unsubscribe ends the subscription sid (as an EventWsReply or EventWsMessage gave it; a sid
// from before a reconnect or resync still names the same subscription).
func (w *WebSocket) Unsubscribe(sid uint64, userTag uint64) error {
	return w.call(func(p *C.kalshi_ws_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_ws_unsubscribe(p, C.uint64_t(sid), C.uint64_t(userTag), e)
	})
}

// UpdateSubscription adds markets to (WsAddMarkets) or removes them from (WsDeleteMarkets) the
// subscription sid.
func (w *WebSocket) UpdateSubscription(sid uint64, action string, markets []string, userTag uint64) error {
	act, err := cstring("action", action)
	if err != nil {
		return err
	}
	defer freeC(act)
	mk, freeMk, err := cstrArray("market ticker", markets)
	if err != nil {
		return err
	}
	defer freeMk()
	return w.call(func(p *C.kalshi_ws_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_ws_update_subscription(p, C.uint64_t(sid), act, mk, C.size_t(len(markets)), C.uint64_t(userTag), e)
	})
}

// ListSubscriptions asks the exchange for the live subscriptions; the EventWsReply with userTag
// carries its answer as JSON in Data.
func (w *WebSocket) ListSubscriptions(userTag uint64) error {
	return w.call(func(p *C.kalshi_ws_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_ws_list_subscriptions(p, C.uint64_t(userTag), e)
	})
}

// State is the connection's current state (WsClosed once destroyed).
func (w *WebSocket) State() WsState {
	if !w.h.acquire() {
		return WsClosed
	}
	defer w.h.release()
	s := WsState(C.kalshi_ws_state(w.ptr))
	runtime.KeepAlive(w)
	return s
}

// Dropped is the number of messages the drop_oldest overflow policy (ws.overflow) has dropped
// (0 once destroyed).
func (w *WebSocket) Dropped() uint64 {
	if !w.h.acquire() {
		return 0
	}
	defer w.h.release()
	n := uint64(C.kalshi_ws_dropped(w.ptr))
	runtime.KeepAlive(w)
	return n
}

// BookBest is the best level of a side of the local book of a market subscribed to
// orderbook_delta (prediction: YES bids are bids, NO bids are asks at 1 - price). ErrNotFound for
// an unknown market or an empty side.
func (w *WebSocket) BookBest(market string, side BookSide) (BookLevel, error) {
	m, err := cstring("market ticker", market)
	if err != nil {
		return BookLevel{}, err
	}
	defer freeC(m)
	if !w.h.acquire() {
		return BookLevel{}, destroyedError("WebSocket")
	}
	var px C.kalshi_price_t
	var sz C.kalshi_count_t
	rc := C.kalshi_ws_book_best(w.ptr, m, C.int(side), &px, &sz)
	w.h.release()
	runtime.KeepAlive(w)
	if rc != C.KALSHI_OK {
		return BookLevel{}, newErrorf(Code(rc), "%s %s: %s", market, side, Code(rc).Description())
	}
	return BookLevel{Price: Price(px), Size: Count(sz)}, nil
}

// BookCopy copies one market's local book into a Book (replacing that symbol there), for depth
// reads with Book.Levels. ErrNotFound when there is no local book for the market.
func (w *WebSocket) BookCopy(market string, into *Book) error {
	if into == nil {
		return newError(ErrInvalidArg, "nil book")
	}
	m, err := cstring("market ticker", market)
	if err != nil {
		return err
	}
	defer freeC(m)
	var inner error
	outer := into.with(func(bp *C.kalshi_book_t) C.kalshi_err_t {
		inner = w.call(func(p *C.kalshi_ws_t, e **C.kalshi_error_t) C.kalshi_err_t {
			return C.kalshi_ws_book_copy(p, m, bp, e)
		})
		return C.KALSHI_OK
	})
	if outer != nil {
		return outer
	}
	return inner
}

// Close starts a graceful close (a close frame; nothing is unsubscribed); EventWsClosed follows.
// Idempotent.
func (w *WebSocket) Close() error {
	if !w.h.acquire() {
		return destroyedError("WebSocket")
	}
	defer w.h.release()
	rc := C.kalshi_ws_close(w.ptr)
	runtime.KeepAlive(w)
	return codeError(rc)
}

// Destroy closes the connection if needed and releases it. Idempotent; later calls return
// ErrClosed.
func (w *WebSocket) Destroy() {
	if !w.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(w, nil)
	C.kalshi_ws_destroy(w.ptr)
	w.ptr = nil
	liveHandles.Add(-1)
}

// String names a book side ("bid", "ask").
func (s BookSide) String() string {
	switch s {
	case BookBid:
		return "bid"
	case BookAsk:
		return "ask"
	}
	return "BookSide(?)"
}

// copyWsEvent fills the WebSocket members of an event taken from the queue.
func copyWsEvent(out *Event, ev *C.kalshi_event_t) {
	out.WsState = WsState(C.kalshi_event_ws_state(ev))
	out.WsChannel = goStr(C.kalshi_event_ws_channel(ev))
	out.WsType = goStr(C.kalshi_event_ws_type(ev))
	out.WsSid = uint64(C.kalshi_event_ws_sid(ev))
	out.WsSeq = uint64(C.kalshi_event_ws_seq(ev))
	out.WsMarket = goStr(C.kalshi_event_ws_market(ev))
	out.Objects = copyObjects(ev)
}
