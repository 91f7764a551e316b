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

// RestAPI selects the spec an operation belongs to (kalshi_rest_api_t).
type RestAPI int

const (
	RestPrediction RestAPI = C.KALSHI_REST_PREDICTION // event contracts, /trade-api/v2 (auth.*)
	RestPerps      RestAPI = C.KALSHI_REST_PERPS      // margin, /trade-api/v2 (perps.auth.*)
	RestKlear      RestAPI = C.KALSHI_REST_KLEAR      // Klear, /klear-api/v1 (klear.auth.token)
)

// RestParams holds the path and query parameters of a REST call by their spec names; array
// parameters take a comma-separated list. It is plain Go data (nothing to destroy), copied into
// the library by each call that takes it; the library validates it against the operation then.
// Not safe for concurrent mutation.
type RestParams struct {
	names  []string
	values []string
}

// NewRestParams returns an empty parameter set.
func NewRestParams() *RestParams { return &RestParams{} }

// Set sets or replaces a parameter and returns p, so calls chain:
// kalshi.NewRestParams().Set("limit", "100").Set("status", "open").
func (p *RestParams) Set(name, value string) *RestParams {
	for i, n := range p.names {
		if n == name {
			p.values[i] = value
			return p
		}
	}
	p.names = append(p.names, name)
	p.values = append(p.values, value)
	return p
}

// Get returns a parameter's value and whether it is set.
func (p *RestParams) Get(name string) (string, bool) {
	if p == nil {
		return "", false
	}
	for i, n := range p.names {
		if n == name {
			return p.values[i], true
		}
	}
	return "", false
}

// Clear removes every parameter.
func (p *RestParams) Clear() {
	p.names, p.values = nil, nil
}

// withC builds the C parameter set for one call (NULL for a nil or empty p) and frees it after.
func (p *RestParams) withC(f func(cp *C.kalshi_rest_params_t) error) error {
	if p == nil || len(p.names) == 0 {
		return f(nil)
	}
	var cp *C.kalshi_rest_params_t
	if err := codeError(C.kalshi_rest_params_new(&cp)); err != nil {
		return err
	}
	defer C.kalshi_rest_params_destroy(cp)
	var a cargs
	defer a.free()
	for i, name := range p.names {
		n, err := a.str("parameter name", name)
		if err != nil {
			return err
		}
		v, err := a.str("parameter "+name, p.values[i])
		if err != nil {
			return err
		}
		if rc := C.kalshi_rest_params_set(cp, n, v); rc != C.KALSHI_OK {
			return newErrorf(Code(rc), "parameter %q: %s", name, Code(rc).Description())
		}
	}
	return f(cp)
}

type restFunc func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t

// rest runs one kalshi_rest_* call on the live client and maps its synchronous error.
func (c *Client) rest(f restFunc) error {
	if !c.h.acquire() {
		return destroyedError("client")
	}
	var e *C.kalshi_error_t
	rc := f(c.ptr, &e)
	c.h.release()
	runtime.KeepAlive(c)
	return takeError(rc, e)
}

// RestCall calls any operation of the vendored specs by operationId (docs/REST_OPERATIONS.md)
// with optional params and a JSON body (nil: none). The library validates, signs, rate-limits
// and sends it; exactly one EventRestResponse with userTag follows (Err and Error carry the
// mapped failure: ErrBadRequest, ErrUnauthorized, ErrNotFound, ErrConflict, ErrRateLimited,
// ErrServer or a transport error, with Error.HTTPStatus and the exchange's code). Errors known
// before any I/O come back here: ErrInvalidArg naming the operation or parameter, ErrClosed,
// ErrKey*, ErrRateLimited (fail-fast limiter).
func (c *Client) RestCall(api RestAPI, operationID string, params *RestParams, body []byte, userTag uint64) error {
	var a cargs
	defer a.free()
	op, err := a.str("operation id", operationID)
	if err != nil {
		return err
	}
	var b *C.char
	if len(body) > 0 {
		b = (*C.char)(C.CBytes(body))
		defer C.free(unsafe.Pointer(b))
	}
	return params.withC(func(cp *C.kalshi_rest_params_t) error {
		return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
			return C.kalshi_rest_call(p, C.kalshi_rest_api_t(api), op, cp, b, C.size_t(len(body)), C.uint64_t(userTag), e)
		})
	})
}

// RestPaginate walks a paginated listing by its cursor: one EventRestPage per page (RestPageIndex
// counts from 0), then one EventRestDone (Err set if it failed, ErrProtocol for a cursor loop;
// RestTruncated when maxPages cut it). maxPages 0 means rest.max_pages. An operation that is not
// paginated is refused here with ErrInvalidArg.
func (c *Client) RestPaginate(api RestAPI, operationID string, params *RestParams, maxPages uint32, userTag uint64) error {
	var a cargs
	defer a.free()
	op, err := a.str("operation id", operationID)
	if err != nil {
		return err
	}
	return params.withC(func(cp *C.kalshi_rest_params_t) error {
		return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
			return C.kalshi_rest_paginate(p, C.kalshi_rest_api_t(api), op, cp, C.uint32_t(maxPages), C.uint64_t(userTag), e)
		})
	})
}

// Contract sides and order actions of the prediction REST API.
const (
	ContractYes = "yes"
	ContractNo  = "no"
	ActionBuy   = "buy"
	ActionSell  = "sell"
)

// Time-in-force values of the prediction REST API ("" lets the library use the spec's default).
const (
	RestGoodTillCanceled  = "good_till_canceled"
	RestImmediateOrCancel = "immediate_or_cancel"
	RestFillOrKill        = "fill_or_kill"
)

// RestOrder is a prediction limit order for Client.RestCreateOrder.
type RestOrder struct {
	Ticker        string
	Side          string // ContractYes or ContractNo
	Action        string // ActionBuy or ActionSell
	Count         Count  // contracts x 100
	Price         Price  // limit price of Side, dollars x 1,000,000
	ClientOrderID string // "": the library generates a UUID (returned in the response)
	TimeInForce   string // "" or RestGoodTillCanceled, RestImmediateOrCancel, RestFillOrKill
}

// RestCreateOrder places a prediction order; the EventRestResponse carries the "order" object.
func (c *Client) RestCreateOrder(o RestOrder, userTag uint64) error {
	var a cargs
	defer a.free()
	ticker, err := a.str("ticker", o.Ticker)
	if err != nil {
		return err
	}
	side, err := a.str("side", o.Side)
	if err != nil {
		return err
	}
	action, err := a.str("action", o.Action)
	if err != nil {
		return err
	}
	coid, err := a.opt("client order id", o.ClientOrderID)
	if err != nil {
		return err
	}
	tif, err := a.opt("time in force", o.TimeInForce)
	if err != nil {
		return err
	}
	return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_rest_create_order(p, ticker, side, action, C.kalshi_count_t(o.Count), C.kalshi_price_t(o.Price),
			coid, tif, C.uint64_t(userTag), e)
	})
}

// RestCancelOrder cancels an order by the exchange's order id.
func (c *Client) RestCancelOrder(orderID string, userTag uint64) error {
	id, err := cstring("order id", orderID)
	if err != nil {
		return err
	}
	defer freeC(id)
	return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_rest_cancel_order(p, id, C.uint64_t(userTag), e)
	})
}

// RestGetMarket fetches one market; the response carries a "market" object.
func (c *Client) RestGetMarket(ticker string, userTag uint64) error {
	t, err := cstring("ticker", ticker)
	if err != nil {
		return err
	}
	defer freeC(t)
	return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_rest_get_market(p, t, C.uint64_t(userTag), e)
	})
}

// RestGetOrderbook fetches a market's order book (depth 0: all levels); the response carries an
// "orderbook" object whose Levels("yes") and Levels("no") are the two sides' bids.
func (c *Client) RestGetOrderbook(ticker string, depth uint32, userTag uint64) error {
	t, err := cstring("ticker", ticker)
	if err != nil {
		return err
	}
	defer freeC(t)
	return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_rest_get_orderbook(p, t, C.uint32_t(depth), C.uint64_t(userTag), e)
	})
}

// RestGetBalance fetches the account balance; the response carries a "balance" object.
func (c *Client) RestGetBalance(userTag uint64) error {
	return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_rest_get_balance(p, C.uint64_t(userTag), e)
	})
}

// RestGetPositions fetches the portfolio positions ("market_position" and "event_position"
// objects).
func (c *Client) RestGetPositions(userTag uint64) error {
	return c.rest(func(p *C.kalshi_client_t, e **C.kalshi_error_t) C.kalshi_err_t {
		return C.kalshi_rest_get_positions(p, C.uint64_t(userTag), e)
	})
}

// copyRestEvent fills the REST members of an event taken from the queue.
func copyRestEvent(out *Event, ev *C.kalshi_event_t) {
	out.RestStatus = int(C.kalshi_event_rest_status(ev))
	out.RestOperation = goStr(C.kalshi_event_rest_operation(ev))
	out.RestPageIndex = uint32(C.kalshi_event_rest_page_index(ev))
	out.RestTruncated = C.kalshi_event_rest_truncated(ev) != 0
	out.RestCursor = goStr(C.kalshi_event_rest_cursor(ev))
	out.Objects = copyObjects(ev)
}
