package kalshi_test

import (
	"strings"
	"testing"
	"time"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

// Three markets of one event, so listings page and the book holds only the test's orders.
const (
	restTickerA     = "BINDREST-26NOV21-T40"
	restMarketsJSON = `{"markets": [
 {"ticker": "BINDREST-26NOV21-T40", "event_ticker": "BINDREST-26NOV21", "series_ticker": "BINDREST",
  "title": "Bindings REST market 40", "kind": "binary", "status": "open",
  "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
  "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
 {"ticker": "BINDREST-26NOV21-T50", "event_ticker": "BINDREST-26NOV21", "series_ticker": "BINDREST",
  "title": "Bindings REST market 50", "kind": "binary", "status": "open",
  "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
  "taker_fee_rate": "0.07", "maker_fee_rate": "0"},
 {"ticker": "BINDREST-26NOV21-T60", "event_ticker": "BINDREST-26NOV21", "series_ticker": "BINDREST",
  "title": "Bindings REST market 60", "kind": "binary", "status": "open",
  "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
  "taker_fee_rate": "0.07", "maker_fee_rate": "0"}]}`
)

// restLive is a simulator with the REST markets, a trading member and a maker, and a signed
// client pointed at it.
type restLive struct {
	sim    *kalshi.Simulator
	member uint32
	maker  uint32
	c      *kalshi.Client
	q      *kalshi.Queue
}

func startRestSim(t testing.TB, kv ...string) *kalshi.Simulator {
	t.Helper()
	base := []string{"sim.seed", "7", "sim.activity", "false", "sim.rest.read_per_s", "1000",
		"sim.markets_file", simMarketsFile(t, restMarketsJSON)}
	conf := mustConf(t, append(base, kv...)...)
	defer conf.Destroy()
	sim, err := kalshi.StartSimulator(conf)
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(sim.Destroy)
	return sim
}

// simClient returns a client on the simulator; signed adds the trading key. It is destroyed when
// the test ends.
func simClient(t testing.TB, sim *kalshi.Simulator, signed bool, kv ...string) (*kalshi.Client, *kalshi.Queue) {
	t.Helper()
	return simClientTLS(t, sim, signed, false, kv...)
}

// simClientTLS is simClient on the simulator's plain or TLS listeners (trusting its CA).
func simClientTLS(t testing.TB, sim *kalshi.Simulator, signed, tls bool, kv ...string) (*kalshi.Client, *kalshi.Queue) {
	t.Helper()
	base := []string{"rest.rate_tier", "prime", "net.backoff_base_ms", "20"}
	if signed {
		base = append(base, "auth.key_id", simKeyID, "auth.private_key_path", sourcePath("tests/data/keys/rsa_pkcs8.pem"))
	}
	conf := mustConf(t, append(base, kv...)...)
	defer conf.Destroy()
	if err := sim.ClientConf(conf, tls); err != nil {
		t.Fatal(err)
	}
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Destroy() })
	q, err := c.Queue()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Destroy)
	return c, q
}

func startRestLive(t testing.TB) *restLive {
	t.Helper()
	return startRestLiveWith(t, nil, nil)
}

// startRestLiveWith is startRestLive with extra simulator and client properties.
func startRestLiveWith(t testing.TB, simKV, clientKV []string) *restLive {
	t.Helper()
	l := &restLive{sim: startRestSim(t, simKV...)}
	pem := simPublicKey(t)
	var err error
	if l.member, err = l.sim.RegisterKey(kalshi.ProductPrediction, simKeyID, pem, 0); err != nil {
		t.Fatal(err)
	}
	if l.maker, err = l.sim.RegisterKey(kalshi.ProductPrediction, simOtherKeyID, pem, 0); err != nil {
		t.Fatal(err)
	}
	l.c, l.q = simClient(t, l.sim, true, clientKV...)
	return l
}

func isRestEvent(typ kalshi.EventType) bool {
	return typ == kalshi.EventRestResponse || typ == kalshi.EventRestPage || typ == kalshi.EventRestDone
}

// waitRest returns the next REST event with tag (other events are dropped); bounded.
func waitRest(t testing.TB, q *kalshi.Queue, tag uint64) *kalshi.Event {
	t.Helper()
	deadline := time.Now().Add(waitMs * time.Millisecond)
	for time.Now().Before(deadline) {
		ev, err := q.Poll(100)
		if err != nil {
			t.Fatalf("poll: %v", err)
		}
		if ev != nil && isRestEvent(ev.Type) && ev.UserTag == tag {
			return ev
		}
	}
	t.Fatalf("no REST event for tag %d within %dms", tag, waitMs)
	return nil
}

// waitRestOK returns a REST response that must have succeeded.
func waitRestOK(t testing.TB, q *kalshi.Queue, tag uint64) *kalshi.Event {
	t.Helper()
	ev := waitRest(t, q, tag)
	if ev.Type != kalshi.EventRestResponse {
		t.Fatalf("tag %d: %v, want a response", tag, ev.Type)
	}
	if ev.Err != kalshi.OK {
		t.Fatalf("%s failed: %v: %v (%s)", ev.RestOperation, ev.Err, ev.Error, ev.Text())
	}
	return ev
}

func mustStr(t *testing.T, o *kalshi.Object, field string) string {
	t.Helper()
	v, err := o.Str(field)
	if err != nil {
		t.Fatalf("%s.%s: %v", o.Kind, field, err)
	}
	return v
}

func TestRestGenericGetMarketsTyped(t *testing.T) {
	l := startRestLive(t)
	params := kalshi.NewRestParams().Set("limit", "2").Set("event_ticker", "BINDREST-26NOV21")
	if err := l.c.RestCall(kalshi.RestPrediction, "GetMarkets", params, nil, 11); err != nil {
		t.Fatal(err)
	}
	ev := waitRestOK(t, l.q, 11)
	if ev.RestStatus != 200 || ev.RestOperation != "GetMarkets" || !strings.Contains(ev.Text(), `"markets"`) {
		t.Fatalf("status %d operation %q body %.80q", ev.RestStatus, ev.RestOperation, ev.Text())
	}
	if len(ev.Objects) != 2 || ev.RestCursor == "" {
		t.Fatalf("%d objects, cursor %q: a limit of 2 out of 3 markets", len(ev.Objects), ev.RestCursor)
	}
	for _, m := range ev.Objects {
		if m.Kind != "market" || !strings.HasPrefix(mustStr(t, m, "ticker"), "BINDREST-26NOV21-T") {
			t.Fatalf("object %s %v", m.Kind, m.FieldNames())
		}
		if m.KindOf("status") != kalshi.FieldStr || m.KindOf("no_such_field") != kalshi.FieldNone {
			t.Fatalf("kinds: status %v", m.KindOf("status"))
		}
		// A text field read as a price is the wrong kind; a missing field is not found.
		_, err := m.Price("status")
		wantCode(t, err, kalshi.ErrInvalidArg)
		_, err = m.Str("no_such_field")
		wantCode(t, err, kalshi.ErrNotFound)
	}
	if ev.Object(0) != ev.Objects[0] || ev.Object(2) != nil || ev.Object(-1) != nil {
		t.Fatal("Event.Object bounds")
	}
}

func TestRestPaginatePagesThenDone(t *testing.T) {
	l := startRestLive(t)
	params := kalshi.NewRestParams().Set("limit", "1").Set("event_ticker", "BINDREST-26NOV21")
	if err := l.c.RestPaginate(kalshi.RestPrediction, "GetMarkets", params, 0, 21); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := uint32(0); i < 3; i++ {
		ev := waitRest(t, l.q, 21)
		if ev.Type != kalshi.EventRestPage || ev.Err != kalshi.OK || ev.RestPageIndex != i || len(ev.Objects) != 1 {
			t.Fatalf("page %d: %v err %v index %d objects %d", i, ev.Type, ev.Err, ev.RestPageIndex, len(ev.Objects))
		}
		seen[mustStr(t, ev.Objects[0], "ticker")] = true
	}
	// The third page's cursor may still be set (the server cannot know nothing follows): then an
	// empty fourth page ends the listing.
	ev := waitRest(t, l.q, 21)
	if ev.Type == kalshi.EventRestPage {
		if len(ev.Objects) != 0 {
			t.Fatalf("a fourth page with %d markets", len(ev.Objects))
		}
		ev = waitRest(t, l.q, 21)
	}
	if ev.Type != kalshi.EventRestDone || ev.Err != kalshi.OK || ev.RestTruncated {
		t.Fatalf("done: %v err %v truncated %v", ev.Type, ev.Err, ev.RestTruncated)
	}
	if len(seen) != 3 {
		t.Fatalf("pages listed %v", seen)
	}

	// max_pages cuts the listing: truncated, with the cursor to go on from.
	if err := l.c.RestPaginate(kalshi.RestPrediction, "GetMarkets", params, 2, 22); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if ev := waitRest(t, l.q, 22); ev.Type != kalshi.EventRestPage {
			t.Fatalf("page %d: %v", i, ev.Type)
		}
	}
	done := waitRest(t, l.q, 22)
	if done.Type != kalshi.EventRestDone || done.Err != kalshi.OK || !done.RestTruncated || done.RestPageIndex != 2 ||
		done.RestCursor == "" {
		t.Fatalf("truncated done: %v err %v truncated %v index %d cursor %q", done.Type, done.Err, done.RestTruncated,
			done.RestPageIndex, done.RestCursor)
	}

	// An operation without a cursor is refused before any I/O.
	err := l.c.RestPaginate(kalshi.RestPrediction, "GetBalance", nil, 0, 23)
	wantCode(t, err, kalshi.ErrInvalidArg)
}

func TestRestOrderLifecycleTyped(t *testing.T) {
	l := startRestLive(t)
	// A resting buy of 2 YES at 0.10 with a generated client order id.
	if err := l.c.RestCreateOrder(kalshi.RestOrder{Ticker: restTickerA, Side: kalshi.ContractYes, Action: kalshi.ActionBuy,
		Count: 200, Price: 100_000}, 41); err != nil {
		t.Fatal(err)
	}
	ev := waitRestOK(t, l.q, 41)
	if ev.RestStatus != 201 || len(ev.Objects) != 1 || ev.Objects[0].Kind != "order" {
		t.Fatalf("create: status %d objects %d", ev.RestStatus, len(ev.Objects))
	}
	created := ev.Objects[0]
	orderID := mustStr(t, created, "order_id")
	if coid := mustStr(t, created, "client_order_id"); len(coid) != 36 {
		t.Fatalf("generated client_order_id %q", coid)
	}

	// Read back by the generic call: the same order, exact price and count.
	if err := l.c.RestCall(kalshi.RestPrediction, "GetOrder", kalshi.NewRestParams().Set("order_id", orderID), nil, 42); err != nil {
		t.Fatal(err)
	}
	ev = waitRestOK(t, l.q, 42)
	if len(ev.Objects) != 1 {
		t.Fatalf("GetOrder: %d objects", len(ev.Objects))
	}
	o := ev.Objects[0]
	if mustStr(t, o, "order_id") != orderID || mustStr(t, o, "ticker") != restTickerA || mustStr(t, o, "side") != "yes" ||
		mustStr(t, o, "action") != "buy" || mustStr(t, o, "status") != "resting" {
		t.Fatalf("order read back: %+v", o.Fields)
	}
	if px, err := o.Price("yes_price_dollars"); err != nil || px != 100_000 {
		t.Fatalf("yes_price_dollars %v: %v (fields %v)", px, err, o.FieldNames())
	}
	if n, err := o.Count("remaining_count_fp"); err != nil || n != 200 {
		t.Fatalf("remaining_count_fp %v: %v", n, err)
	}
	if n, err := o.Count("fill_count_fp"); err != nil || n != 0 {
		t.Fatalf("fill_count_fp %v: %v", n, err)
	}

	// The order book shows it as a YES bid.
	if err := l.c.RestGetOrderbook(restTickerA, 0, 43); err != nil {
		t.Fatal(err)
	}
	ev = waitRestOK(t, l.q, 43)
	book := ev.Object(0)
	if book == nil || book.Kind != "orderbook" {
		t.Fatalf("orderbook object %v", book)
	}
	if yes := book.Levels("yes"); len(yes) != 1 || yes[0] != (kalshi.BookLevel{Price: 100_000, Size: 200}) {
		t.Fatalf("yes levels %v", yes)
	}
	if no := book.Levels("no"); len(no) != 0 {
		t.Fatalf("no levels %v", no)
	}

	if err := l.c.RestCancelOrder(orderID, 44); err != nil {
		t.Fatal(err)
	}
	ev = waitRestOK(t, l.q, 44)
	if got := mustStr(t, ev.Object(0), "order_id"); got != orderID {
		t.Fatalf("canceled %q", got)
	}
	// Canceling again: the exchange refuses (mapped, with the HTTP status).
	if err := l.c.RestCancelOrder(orderID, 45); err != nil {
		t.Fatal(err)
	}
	ev = waitRest(t, l.q, 45)
	if ev.Err == kalshi.OK || ev.Error == nil || ev.Error.HTTPStatus < 400 || ev.RestStatus != ev.Error.HTTPStatus {
		t.Fatalf("second cancel: err %v status %d error %+v", ev.Err, ev.RestStatus, ev.Error)
	}

	// A maker's YES ask at 0.55 crossed by an IOC buy of 2: filled, and the balance and position
	// agree with the simulator's accounts to the micro-dollar.
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideSell, 550_000, 200); err != nil {
		t.Fatal(err)
	}
	if err := l.c.RestCreateOrder(kalshi.RestOrder{Ticker: restTickerA, Side: kalshi.ContractYes, Action: kalshi.ActionBuy,
		Count: 200, Price: 550_000, ClientOrderID: "go-fill-1", TimeInForce: kalshi.RestImmediateOrCancel}, 46); err != nil {
		t.Fatal(err)
	}
	ev = waitRestOK(t, l.q, 46)
	if mustStr(t, ev.Object(0), "client_order_id") != "go-fill-1" {
		t.Fatal("client order id not echoed")
	}
	if n, err := ev.Object(0).Count("fill_count"); err != nil || n != 200 {
		t.Fatalf("fill_count %v: %v", n, err)
	}
	if err := l.c.RestGetBalance(47); err != nil {
		t.Fatal(err)
	}
	ev = waitRestOK(t, l.q, 47)
	bal, err := ev.Object(0).Price("balance")
	if err != nil || ev.Object(0).Kind != "balance" {
		t.Fatalf("balance object %v: %v", ev.Object(0), err)
	}
	if want, err := l.sim.Balance(l.member, 0); err != nil || bal != want {
		t.Fatalf("REST balance %v, simulator %v: %v", bal, want, err)
	}
	if err := l.c.RestGetPositions(48); err != nil {
		t.Fatal(err)
	}
	ev = waitRestOK(t, l.q, 48)
	found := false
	for _, p := range ev.Objects {
		if p.Kind == "market_position" && mustStr(t, p, "ticker") == restTickerA {
			if n, err := p.Count("position_fp"); err != nil || n != 200 {
				t.Fatalf("position_fp %v: %v", n, err)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("no position in %s among %d objects", restTickerA, len(ev.Objects))
	}
}

func TestRestErrorsMapped(t *testing.T) {
	l := startRestLive(t)
	// Validation before any I/O names the parameter.
	err := l.c.RestCall(kalshi.RestPrediction, "GetMarkets", kalshi.NewRestParams().Set("limit", "lots"), nil, 51)
	if ke := wantCode(t, err, kalshi.ErrInvalidArg); !strings.Contains(ke.Message, "limit") {
		t.Fatalf("message does not name the parameter: %s", ke.Message)
	}
	err = l.c.RestCall(kalshi.RestPrediction, "GetMarket", nil, nil, 52)
	if ke := wantCode(t, err, kalshi.ErrInvalidArg); !strings.Contains(ke.Message, "ticker") {
		t.Fatalf("missing path parameter: %s", ke.Message)
	}
	err = l.c.RestCall(kalshi.RestPrediction, "CreateOrderV2", nil, []byte(`{"ticker":`), 53)
	wantCode(t, err, kalshi.ErrInvalidArg)
	err = l.c.RestCall(kalshi.RestPrediction, "NoSuchOperation", nil, nil, 54)
	if ke := wantCode(t, err, kalshi.ErrInvalidArg); !strings.Contains(ke.Message, "NoSuchOperation") {
		t.Fatalf("unknown operation: %s", ke.Message)
	}
	err = l.c.RestCreateOrder(kalshi.RestOrder{Ticker: restTickerA, Side: "maybe", Action: kalshi.ActionBuy, Count: 100,
		Price: 500_000}, 55)
	wantCode(t, err, kalshi.ErrInvalidArg)
	err = l.c.RestCall(kalshi.RestPrediction, "GetMarkets", kalshi.NewRestParams().Set("li\x00mit", "1"), nil, 56)
	wantCode(t, err, kalshi.ErrInvalidArg)
	// Nothing was sent for any of those.
	if ev, err := l.q.Poll(100); err != nil || (ev != nil && isRestEvent(ev.Type)) {
		t.Fatalf("an event after synchronous refusals: %v %v", ev, err)
	}

	// A client without the key: the simulator answers 401, mapped to ErrUnauthorized.
	anon, aq := simClient(t, l.sim, false)
	if err := anon.RestGetBalance(61); err != nil {
		t.Fatal(err)
	}
	ev := waitRest(t, aq, 61)
	if ev.Type != kalshi.EventRestResponse || ev.Err != kalshi.ErrUnauthorized || ev.RestStatus != 401 || ev.Error == nil ||
		ev.Error.Code != kalshi.ErrUnauthorized || ev.Error.HTTPStatus != 401 || len(ev.Objects) != 0 {
		t.Fatalf("unsigned balance: err %v status %d error %+v", ev.Err, ev.RestStatus, ev.Error)
	}
	// A public operation needs no key.
	if err := anon.RestGetMarket(restTickerA, 62); err != nil {
		t.Fatal(err)
	}
	if ev := waitRestOK(t, aq, 62); mustStr(t, ev.Object(0), "ticker") != restTickerA {
		t.Fatal("public market read")
	}
	// An unknown market: 404, ErrNotFound.
	if err := anon.RestGetMarket("NOSUCH-26NOV21-T1", 63); err != nil {
		t.Fatal(err)
	}
	if ev := waitRest(t, aq, 63); ev.Err != kalshi.ErrNotFound || ev.RestStatus != 404 {
		t.Fatalf("unknown market: err %v status %d", ev.Err, ev.RestStatus)
	}

	// A perps operation for a market the simulator does not have: a mapped failure with the
	// HTTP status and the exchange's error code parsed from the body.
	if err := l.c.RestCall(kalshi.RestPerps, "GetMarginMarketOrderbook", kalshi.NewRestParams().Set("ticker", "NOSUCH-PERP"),
		nil, 66); err != nil {
		t.Fatal(err)
	}
	ev = waitRest(t, l.q, 66)
	if ev.RestOperation != "GetMarginMarketOrderbook" || ev.Err == kalshi.OK || ev.RestStatus < 400 || ev.Error == nil ||
		ev.Error.ExchangeCode == "" || ev.Error.HTTPStatus != ev.RestStatus || len(ev.Objects) != 0 {
		t.Fatalf("unknown perps market: %q err %v status %d error %+v", ev.RestOperation, ev.Err, ev.RestStatus, ev.Error)
	}

	// After Destroy every call is ErrClosed.
	anon.Destroy()
	wantCode(t, anon.RestGetBalance(64), kalshi.ErrClosed)
	wantCode(t, anon.RestCall(kalshi.RestPrediction, "GetMarkets", nil, nil, 65), kalshi.ErrClosed)
}

func TestRestParamsBuilder(t *testing.T) {
	p := kalshi.NewRestParams().Set("limit", "5").Set("status", "open").Set("limit", "7")
	if v, ok := p.Get("limit"); !ok || v != "7" {
		t.Fatalf("limit %q %v", v, ok)
	}
	if _, ok := p.Get("cursor"); ok {
		t.Fatal("cursor set")
	}
	p.Clear()
	if _, ok := p.Get("status"); ok {
		t.Fatal("status survived Clear")
	}
	var nilParams *kalshi.RestParams
	if _, ok := nilParams.Get("limit"); ok {
		t.Fatal("nil params")
	}
}

func TestRestConstantsMatchLibrary(t *testing.T) {
	for typ, name := range map[kalshi.EventType]string{
		kalshi.EventRestResponse: "KALSHI_EVENT_REST_RESPONSE",
		kalshi.EventRestPage:     "KALSHI_EVENT_REST_PAGE",
		kalshi.EventRestDone:     "KALSHI_EVENT_REST_DONE",
		kalshi.EventWsState:      "KALSHI_EVENT_WS_STATE",
		kalshi.EventWsMessage:    "KALSHI_EVENT_WS_MESSAGE",
		kalshi.EventWsReply:      "KALSHI_EVENT_WS_REPLY",
		kalshi.EventWsResync:     "KALSHI_EVENT_WS_RESYNC",
		kalshi.EventWsClosed:     "KALSHI_EVENT_WS_CLOSED",
		kalshi.EventBookTop:      "KALSHI_EVENT_BOOK_TOP",
	} {
		if typ.Name() != name {
			t.Fatalf("%d: %q, want %q", uint32(typ), typ.Name(), name)
		}
	}
	for code, name := range map[kalshi.Code]string{
		kalshi.ErrBadRequest: "KALSHI_ERR_BAD_REQUEST", kalshi.ErrUnauthorized: "KALSHI_ERR_UNAUTHORIZED",
		kalshi.ErrConflict: "KALSHI_ERR_CONFLICT", kalshi.ErrRateLimited: "KALSHI_ERR_RATE_LIMITED",
		kalshi.ErrServer: "KALSHI_ERR_SERVER", kalshi.ErrOverflow: "KALSHI_ERR_OVERFLOW",
	} {
		if code.Name() != name {
			t.Fatalf("%d: %q, want %q", uint32(code), code.Name(), name)
		}
	}
}

// REST and WebSocket over TLS, trusting only the simulator's generated CA (ClientConf(conf, true)).
func TestRestAndWebSocketOverTLS(t *testing.T) {
	sim := startRestSim(t)
	member, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, simPublicKey(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	c, q := simClientTLS(t, sim, true, true)
	if err := c.RestGetBalance(81); err != nil {
		t.Fatal(err)
	}
	bal, err := waitRestOK(t, q, 81).Object(0).Price("balance")
	if want, _ := sim.Balance(member, 0); err != nil || bal != want {
		t.Fatalf("balance over TLS %v, simulator %v: %v", bal, want, err)
	}
	ws, err := c.OpenWebSocket(nil, 82)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Destroy()
	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 83); err != nil {
		t.Fatal(err)
	}
	if r := waitWs(t, q, kalshi.EventWsReply, 83, nil); r.Err != kalshi.OK || r.WsSid == 0 {
		t.Fatalf("subscribe over TLS: %v %v", r.Err, r.Error)
	}
	waitWs(t, q, kalshi.EventWsMessage, 82, wsType("orderbook_snapshot"))
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	waitWs(t, q, kalshi.EventWsClosed, 82, nil)
}

// A REST order book response feeds a local Book: YES bids are bids, NO bids are asks at 1 - p.
func TestRestOrderbookFeedsBook(t *testing.T) {
	l := startRestLive(t)
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideBuy, 400_000, 1000); err != nil {
		t.Fatal(err)
	}
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideSell, 600_000, 700); err != nil { // a NO bid at 0.40
		t.Fatal(err)
	}
	if err := l.c.RestGetOrderbook(restTickerA, 0, 91); err != nil {
		t.Fatal(err)
	}
	ev := waitRestOK(t, l.q, 91)
	if no := ev.Object(0).Levels("no"); len(no) != 1 || no[0] != (kalshi.BookLevel{Price: 400_000, Size: 700}) {
		t.Fatalf("no levels %v", no)
	}
	book, err := kalshi.NewBook()
	if err != nil {
		t.Fatal(err)
	}
	defer book.Destroy()
	if err := book.SetLevel(restTickerA, kalshi.BookBid, 100_000, 5); err != nil { // stale: replaced
		t.Fatal(err)
	}
	if err := book.ApplyEvent(ev); err != nil {
		t.Fatal(err)
	}
	bids, _ := book.Levels(restTickerA, kalshi.BookBid)
	asks, _ := book.Levels(restTickerA, kalshi.BookAsk)
	if len(bids) != 1 || bids[0] != (kalshi.BookLevel{Price: 400_000, Size: 1000}) ||
		len(asks) != 1 || asks[0] != (kalshi.BookLevel{Price: 600_000, Size: 700}) {
		t.Fatalf("book from REST: bids %v asks %v", bids, asks)
	}
	// A failed response changes nothing.
	if err := l.c.RestGetOrderbook("NOSUCH-26NOV21-T1", 0, 92); err != nil {
		t.Fatal(err)
	}
	failed := waitRest(t, l.q, 92)
	if failed.Err == kalshi.OK {
		t.Fatal("unknown market's book answered")
	}
	if err := book.ApplyEvent(failed); err != nil {
		t.Fatal(err)
	}
	if best, err := book.Best(restTickerA, kalshi.BookBid); err != nil || best.Price != 400_000 {
		t.Fatalf("best bid %v: %v", best, err)
	}
}
