package kalshi_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

// waitWs returns the next event of type typ with tag that match accepts (nil: any); other
// events are dropped. Bounded by waitMs.
func waitWs(t testing.TB, q *kalshi.Queue, typ kalshi.EventType, tag uint64, match func(*kalshi.Event) bool) *kalshi.Event {
	t.Helper()
	deadline := time.Now().Add(waitMs * time.Millisecond)
	var seen []string
	for time.Now().Before(deadline) {
		ev, err := q.Poll(100)
		if err != nil {
			t.Fatalf("poll: %v", err)
		}
		if ev == nil {
			continue
		}
		if ev.Type == typ && ev.UserTag == tag && (match == nil || match(ev)) {
			return ev
		}
		if len(seen) < 20 {
			seen = append(seen, ev.Type.Name()+"/"+ev.WsType+" "+ev.Text())
		}
	}
	t.Fatalf("no %v for tag %d within %dms; saw %q", typ, tag, waitMs, seen)
	return nil
}

func wsType(typ string) func(*kalshi.Event) bool {
	return func(ev *kalshi.Event) bool { return ev.WsType == typ }
}

// Open, subscribe orderbook_delta for a market with a resting order, the reply's sid and the
// snapshot's typed levels, an order placed through the simulator seen as a delta and as a new
// best bid in the local book, book copy, list, unsubscribe, close.
func TestWebSocketOrderbookDelta(t *testing.T) {
	l := &restLive{sim: startRestSim(t)}
	pem := simPublicKey(t)
	var err error
	if l.member, err = l.sim.RegisterKey(kalshi.ProductPrediction, simKeyID, pem, 0); err != nil {
		t.Fatal(err)
	}
	if l.maker, err = l.sim.RegisterKey(kalshi.ProductPrediction, simOtherKeyID, pem, 0); err != nil {
		t.Fatal(err)
	}
	c, q := simClient(t, l.sim, true)
	// Per-connection overrides layered over the client's conf: top-of-book events on.
	overrides := mustConf(t, "ws.top_events", "true", "ws.backoff_base_ms", "20")
	defer overrides.Destroy()

	// A maker's YES bid at 0.40 x 10 before subscribing: it is in the snapshot.
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideBuy, 400_000, 1000); err != nil {
		t.Fatal(err)
	}

	const wsTag = 7
	ws, err := c.OpenWebSocket(overrides, wsTag)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Destroy()
	waitWs(t, q, kalshi.EventWsState, wsTag, func(ev *kalshi.Event) bool { return ev.WsState == kalshi.WsOpen })
	if st := ws.State(); st != kalshi.WsOpen {
		t.Fatalf("state %v", st)
	}

	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 8); err != nil {
		t.Fatal(err)
	}
	reply := waitWs(t, q, kalshi.EventWsReply, 8, nil)
	if reply.Err != kalshi.OK || reply.WsSid == 0 {
		t.Fatalf("subscribe reply: err %v %v sid %d", reply.Err, reply.Error, reply.WsSid)
	}
	sid := reply.WsSid

	snap := waitWs(t, q, kalshi.EventWsMessage, wsTag, wsType("orderbook_snapshot"))
	if snap.WsChannel != "orderbook_delta" || snap.WsSid != sid || snap.WsMarket != restTickerA || len(snap.Objects) != 1 ||
		!strings.Contains(snap.Text(), restTickerA) {
		t.Fatalf("snapshot: channel %q sid %d market %q objects %d", snap.WsChannel, snap.WsSid, snap.WsMarket, len(snap.Objects))
	}
	o := snap.Object(0)
	if got := mustStr(t, o, "market_ticker"); got != restTickerA {
		t.Fatalf("snapshot market %q", got)
	}
	if yes := o.Levels("yes"); len(yes) != 1 || yes[0] != (kalshi.BookLevel{Price: 400_000, Size: 1000}) {
		t.Fatalf("snapshot yes levels %v", yes)
	}
	if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err != nil || best != (kalshi.BookLevel{Price: 400_000, Size: 1000}) {
		t.Fatalf("best bid after snapshot %v: %v", best, err)
	}
	_, err = ws.BookBest(restTickerA, kalshi.BookAsk)
	wantCode(t, err, kalshi.ErrNotFound)

	// A better YES bid, 0.45 x 5: a delta, then a new top of book.
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideBuy, 450_000, 500); err != nil {
		t.Fatal(err)
	}
	delta := waitWs(t, q, kalshi.EventWsMessage, wsTag, wsType("orderbook_delta"))
	if delta.WsSid != sid || delta.WsSeq <= snap.WsSeq || delta.WsMarket != restTickerA {
		t.Fatalf("delta: sid %d seq %d (snapshot %d) market %q", delta.WsSid, delta.WsSeq, snap.WsSeq, delta.WsMarket)
	}
	d := delta.Object(0)
	if side := mustStr(t, d, "side"); side != "yes" {
		t.Fatalf("delta side %q", side)
	}
	if px, err := d.Price("price"); err != nil || px != 450_000 {
		t.Fatalf("delta price %v: %v", px, err)
	}
	if n, err := d.Count("delta"); err != nil || n != 500 {
		t.Fatalf("delta size %v: %v", n, err)
	}
	waitWs(t, q, kalshi.EventBookTop, wsTag, func(ev *kalshi.Event) bool { return ev.WsMarket == restTickerA })
	if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err != nil || best != (kalshi.BookLevel{Price: 450_000, Size: 500}) {
		t.Fatalf("best bid after delta %v: %v", best, err)
	}

	// A NO bid at 0.40 is a YES ask at 0.60.
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideSell, 600_000, 300); err != nil {
		t.Fatal(err)
	}
	waitWs(t, q, kalshi.EventWsMessage, wsTag, wsType("orderbook_delta"))
	if best, err := ws.BookBest(restTickerA, kalshi.BookAsk); err != nil || best != (kalshi.BookLevel{Price: 600_000, Size: 300}) {
		t.Fatalf("best ask %v: %v", best, err)
	}

	book, err := kalshi.NewBook()
	if err != nil {
		t.Fatal(err)
	}
	defer book.Destroy()
	if err := ws.BookCopy(restTickerA, book); err != nil {
		t.Fatal(err)
	}
	bids, _ := book.Levels(restTickerA, kalshi.BookBid)
	if len(bids) != 2 || bids[0] != (kalshi.BookLevel{Price: 450_000, Size: 500}) || bids[1] != (kalshi.BookLevel{Price: 400_000, Size: 1000}) {
		t.Fatalf("copied bids %v", bids)
	}
	wantCode(t, ws.BookCopy("NOSUCH-26NOV21-T1", book), kalshi.ErrNotFound)
	_, err = ws.BookBest("NOSUCH-26NOV21-T1", kalshi.BookBid)
	wantCode(t, err, kalshi.ErrNotFound)

	if err := ws.ListSubscriptions(9); err != nil {
		t.Fatal(err)
	}
	if list := waitWs(t, q, kalshi.EventWsReply, 9, nil); list.Err != kalshi.OK || !strings.Contains(list.Text(), "orderbook_delta") {
		t.Fatalf("list: err %v data %s", list.Err, list.Text())
	}

	if err := ws.Unsubscribe(sid, 10); err != nil {
		t.Fatal(err)
	}
	if r := waitWs(t, q, kalshi.EventWsReply, 10, nil); r.Err != kalshi.OK {
		t.Fatalf("unsubscribe: %v %v", r.Err, r.Error)
	}

	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	waitWs(t, q, kalshi.EventWsClosed, wsTag, nil)
	if st := ws.State(); st != kalshi.WsClosed {
		t.Fatalf("state after close %v", st)
	}
	if err := ws.Close(); err != nil { // idempotent
		t.Fatal(err)
	}
	ws.Destroy()
	ws.Destroy()
	wantCode(t, ws.Subscribe([]string{"ticker"}, nil, 11), kalshi.ErrClosed)
	if st := ws.State(); st != kalshi.WsClosed {
		t.Fatalf("state after destroy %v", st)
	}
	if ws.Dropped() != 0 {
		t.Fatal("dropped after destroy")
	}
}

// Refusals known before any traffic, and the state names.
func TestWebSocketRefusals(t *testing.T) {
	sim := startRestSim(t)
	anon, _ := simClient(t, sim, false)
	_, err := anon.OpenWebSocket(nil, 1)
	if ke := wantCode(t, err, kalshi.ErrInvalidArg); !strings.Contains(ke.Message, "auth.key_id") {
		t.Fatalf("open without a key: %s", ke.Message)
	}

	c, q := simClient(t, sim, true)
	ws, err := c.OpenWebSocket(nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Destroy()
	wantCode(t, ws.Subscribe(nil, nil, 3), kalshi.ErrInvalidArg)
	wantCode(t, ws.Subscribe([]string{"orderbook_delta"}, []string{""}, 4), kalshi.ErrInvalidArg)
	wantCode(t, ws.Subscribe([]string{"ticker\x00"}, nil, 5), kalshi.ErrInvalidArg)
	wantCode(t, ws.Unsubscribe(0, 6), kalshi.ErrInvalidArg)
	wantCode(t, ws.UpdateSubscription(1, "rename_markets", []string{restTickerA}, 7), kalshi.ErrInvalidArg)
	wantCode(t, ws.UpdateSubscription(1, kalshi.WsAddMarkets, nil, 8), kalshi.ErrInvalidArg)
	wantCode(t, ws.BookCopy(restTickerA, nil), kalshi.ErrInvalidArg)
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	waitWs(t, q, kalshi.EventWsClosed, 2, nil)

	// A destroyed client refuses to open.
	c.Destroy()
	_, err = c.OpenWebSocket(nil, 9)
	wantCode(t, err, kalshi.ErrClosed)

	for st, name := range map[kalshi.WsState]string{
		kalshi.WsConnecting: "KALSHI_WS_CONNECTING", kalshi.WsOpen: "KALSHI_WS_OPEN",
		kalshi.WsReconnecting: "KALSHI_WS_RECONNECTING", kalshi.WsClosing: "KALSHI_WS_CLOSING",
		kalshi.WsClosed: "KALSHI_WS_CLOSED",
	} {
		if st.String() != name {
			t.Fatalf("%d: %q, want %q", int(st), st.String(), name)
		}
	}
}

// A sequence gap (the simulator skips a number) clears the book and resubscribes: EventWsResync,
// then a fresh snapshot; a dropped connection reconnects and resubscribes by itself.
func TestWebSocketGapResyncAndReconnect(t *testing.T) {
	sim := startRestSim(t)
	pem := simPublicKey(t)
	if _, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, pem, 0); err != nil {
		t.Fatal(err)
	}
	maker, err := sim.RegisterKey(kalshi.ProductPrediction, simOtherKeyID, pem, 0)
	if err != nil {
		t.Fatal(err)
	}
	c, q := simClient(t, sim, true, "ws.backoff_base_ms", "20", "ws.backoff_max_ms", "100")
	const wsTag = 70
	ws, err := c.OpenWebSocket(nil, wsTag)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Destroy()
	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 71); err != nil {
		t.Fatal(err)
	}
	sid := waitWs(t, q, kalshi.EventWsReply, 71, nil).WsSid
	waitWs(t, q, kalshi.EventWsMessage, wsTag, wsType("orderbook_snapshot"))

	if err := sim.Fault("ws", simKeyID, "skip 1"); err != nil {
		t.Fatal(err)
	}
	if err := sim.PlaceOrder(maker, restTickerA, kalshi.SideBuy, 300_000, 400); err != nil {
		t.Fatal(err)
	}
	resync := waitWs(t, q, kalshi.EventWsResync, wsTag, nil)
	if resync.WsSid != sid || resync.Err == kalshi.OK || resync.Error == nil {
		t.Fatalf("resync: sid %d (want %d) err %v %v", resync.WsSid, sid, resync.Err, resync.Error)
	}
	// The fresh snapshot carries the order the gap hid; the sid still names the subscription.
	snap := waitWs(t, q, kalshi.EventWsMessage, wsTag, wsType("orderbook_snapshot"))
	if yes := snap.Object(0).Levels("yes"); len(yes) != 1 || yes[0] != (kalshi.BookLevel{Price: 300_000, Size: 400}) {
		t.Fatalf("snapshot after resync: %v", yes)
	}
	if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err != nil || best != (kalshi.BookLevel{Price: 300_000, Size: 400}) {
		t.Fatalf("best bid after resync %v: %v", best, err)
	}

	if err := sim.Fault("ws", simKeyID, "drop"); err != nil {
		t.Fatal(err)
	}
	lost := waitWs(t, q, kalshi.EventWsState, wsTag, func(ev *kalshi.Event) bool { return ev.WsState != kalshi.WsOpen })
	if lost.WsState != kalshi.WsReconnecting || lost.Err == kalshi.OK {
		t.Fatalf("after drop: %v err %v", lost.WsState, lost.Err)
	}
	waitWs(t, q, kalshi.EventWsState, wsTag, func(ev *kalshi.Event) bool { return ev.WsState == kalshi.WsOpen })
	// Resubscribed by the library: a snapshot again, the same book.
	waitWs(t, q, kalshi.EventWsMessage, wsTag, wsType("orderbook_snapshot"))
	if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err != nil || best.Price != 300_000 {
		t.Fatalf("best bid after reconnect %v: %v", best, err)
	}
	if ws.Dropped() != 0 {
		t.Fatalf("dropped %d with a small stream", ws.Dropped())
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	waitWs(t, q, kalshi.EventWsClosed, wsTag, nil)
}

// WebSocket handles left to the garbage collector are destroyed by their finalizer.
func TestWebSocketFinalizer(t *testing.T) {
	sim := startRestSim(t)
	if _, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, simPublicKey(t), 0); err != nil {
		t.Fatal(err)
	}
	c, q := simClient(t, sim, true)
	base := kalshi.LiveHandles()
	for i := 0; i < 20; i++ {
		if _, err := c.OpenWebSocket(nil, uint64(i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := kalshi.LiveHandles(); n != base+20 {
		t.Fatalf("live handles %d, want %d", n, base+20)
	}
	deadline := time.Now().Add(5 * time.Second)
	for kalshi.LiveHandles() > base && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	// Handles of earlier tests may be finalized meanwhile too: at most the baseline remains.
	if n := kalshi.LiveHandles(); n > base {
		t.Fatalf("live handles %d after GC, want at most %d", n, base)
	}
	// Each finalized connection still ends with its EventWsClosed.
	closed := map[uint64]bool{}
	deadline = time.Now().Add(waitMs * time.Millisecond)
	for len(closed) < 20 && time.Now().Before(deadline) {
		ev, err := q.Poll(100)
		if err != nil {
			t.Fatal(err)
		}
		if ev != nil && ev.Type == kalshi.EventWsClosed {
			closed[ev.UserTag] = true
		}
	}
	if len(closed) != 20 {
		t.Fatalf("%d of 20 connections reported EventWsClosed", len(closed))
	}
}

// Local book reads from several goroutines while deltas are applied: every read is a whole
// level (never a torn or crossed one), and the last best bid is the last order's.
func TestWebSocketBookReadsFromGoroutines(t *testing.T) {
	l := startRestLive(t)
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideSell, 900_000, 100); err != nil { // YES ask 0.90
		t.Fatal(err)
	}
	ws, err := l.c.OpenWebSocket(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = ws.Close()
		waitWs(t, l.q, kalshi.EventWsClosed, 1, nil)
		ws.Destroy()
	}()
	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 2); err != nil {
		t.Fatal(err)
	}
	waitWs(t, l.q, kalshi.EventWsMessage, 1, wsType("orderbook_snapshot"))

	stop := make(chan struct{})
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				bid, berr := ws.BookBest(restTickerA, kalshi.BookBid)
				ask, aerr := ws.BookBest(restTickerA, kalshi.BookAsk)
				if aerr != nil || ask != (kalshi.BookLevel{Price: 900_000, Size: 100}) {
					errs <- fmt.Errorf("ask %v: %v", ask, aerr)
					return
				}
				if berr == nil && (bid.Size != 100 || bid.Price < 100_000 || bid.Price >= ask.Price) {
					errs <- fmt.Errorf("bid %v", bid)
					return
				}
				if berr != nil && !errors.Is(berr, kalshi.ErrNotFound) {
					errs <- berr
					return
				}
			}
		}()
	}
	for i := 0; i < 20; i++ { // YES bids 0.10, 0.11, ... 0.29, one contract each
		if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideBuy, kalshi.Price(100_000+10_000*i), 100); err != nil {
			t.Fatal(err)
		}
		waitWs(t, l.q, kalshi.EventWsMessage, 1, wsType("orderbook_delta"))
	}
	close(stop)
	for g := 0; g < 4; g++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err != nil || best != (kalshi.BookLevel{Price: 290_000, Size: 100}) {
		t.Fatalf("best bid %v: %v", best, err)
	}
}

// update_subscription adds a market to a live subscription: its snapshot and deltas follow on the
// same sid; deleting it stops them.
func TestWebSocketUpdateSubscription(t *testing.T) {
	const tickerB = "BINDREST-26NOV21-T50"
	l := startRestLive(t)
	ws, err := l.c.OpenWebSocket(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = ws.Close()
		waitWs(t, l.q, kalshi.EventWsClosed, 1, nil)
		ws.Destroy()
	}()
	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 2); err != nil {
		t.Fatal(err)
	}
	sid := waitWs(t, l.q, kalshi.EventWsReply, 2, nil).WsSid
	waitWs(t, l.q, kalshi.EventWsMessage, 1, wsType("orderbook_snapshot"))

	if err := ws.UpdateSubscription(sid, kalshi.WsAddMarkets, []string{tickerB}, 3); err != nil {
		t.Fatal(err)
	}
	if r := waitWs(t, l.q, kalshi.EventWsReply, 3, nil); r.Err != kalshi.OK {
		t.Fatalf("add_markets: %v %v", r.Err, r.Error)
	}
	if err := l.sim.PlaceOrder(l.maker, tickerB, kalshi.SideBuy, 200_000, 300); err != nil {
		t.Fatal(err)
	}
	ev := waitWs(t, l.q, kalshi.EventWsMessage, 1, func(ev *kalshi.Event) bool {
		return ev.WsType == "orderbook_delta" && ev.WsMarket == tickerB
	})
	if ev.WsSid != sid {
		t.Fatalf("delta of the added market on sid %d, want %d", ev.WsSid, sid)
	}
	if best, err := ws.BookBest(tickerB, kalshi.BookBid); err != nil || best != (kalshi.BookLevel{Price: 200_000, Size: 300}) {
		t.Fatalf("best bid of the added market %v: %v", best, err)
	}

	if err := ws.UpdateSubscription(sid, kalshi.WsDeleteMarkets, []string{tickerB}, 4); err != nil {
		t.Fatal(err)
	}
	if r := waitWs(t, l.q, kalshi.EventWsReply, 4, nil); r.Err != kalshi.OK {
		t.Fatalf("delete_markets: %v %v", r.Err, r.Error)
	}
	// An order in B, then one in A: A's delta arrives, and none for B before it (one stream, in
	// order).
	if err := l.sim.PlaceOrder(l.maker, tickerB, kalshi.SideBuy, 210_000, 100); err != nil {
		t.Fatal(err)
	}
	if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideBuy, 220_000, 100); err != nil {
		t.Fatal(err)
	}
	waitWs(t, l.q, kalshi.EventWsMessage, 1, func(ev *kalshi.Event) bool {
		if ev.WsMarket == tickerB {
			t.Fatalf("a %s message for a deleted market", ev.WsType)
		}
		return ev.WsType == "orderbook_delta" && ev.WsMarket == restTickerA
	})
}

// A consumer that does not poll: beyond ws.queue_limit the oldest messages are dropped and
// counted, while the local book stays exact (it is updated before queueing).
func TestWebSocketOverflowDropsOldest(t *testing.T) {
	l := startRestLive(t)
	overrides := mustConf(t, "ws.queue_limit", "1", "ws.overflow", "drop_oldest")
	defer overrides.Destroy()
	ws, err := l.c.OpenWebSocket(overrides, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = ws.Close()
		waitWs(t, l.q, kalshi.EventWsClosed, 1, nil)
		ws.Destroy()
	}()
	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 2); err != nil {
		t.Fatal(err)
	}
	waitWs(t, l.q, kalshi.EventWsMessage, 1, wsType("orderbook_snapshot"))
	const orders = 10
	for i := 0; i < orders; i++ { // YES bids 0.10 ... 0.19, nothing polled meanwhile
		if err := l.sim.PlaceOrder(l.maker, restTickerA, kalshi.SideBuy, kalshi.Price(100_000+10_000*i), 100); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(waitMs * time.Millisecond)
	for time.Now().Before(deadline) {
		if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err == nil && best.Price == 190_000 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if best, err := ws.BookBest(restTickerA, kalshi.BookBid); err != nil || best != (kalshi.BookLevel{Price: 190_000, Size: 100}) {
		t.Fatalf("best bid %v: %v", best, err)
	}
	// What is left to poll is the newest deltas: every delivered plus every dropped one is all
	// (the counter is read once the stream is quiet: the last delta may still be queueing).
	delivered := uint64(0)
	for {
		ev, err := l.q.Poll(200)
		if err != nil {
			t.Fatal(err)
		}
		if ev == nil {
			break
		}
		if ev.Type == kalshi.EventWsMessage && ev.WsType == "orderbook_delta" {
			delivered++
		}
	}
	dropped := ws.Dropped()
	if dropped == 0 || dropped >= orders {
		t.Fatalf("dropped %d of %d deltas with a queue limit of 1", dropped, orders)
	}
	if delivered+dropped != orders {
		t.Fatalf("%d delivered + %d dropped != %d deltas", delivered, dropped, orders)
	}
}
