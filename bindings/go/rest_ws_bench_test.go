package kalshi_test

import (
	"testing"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

// End-to-end round trips through the binding against the in-process simulator over loopback
// (signing, HTTP, JSON decode, typed objects copied into Go). Only with -bench; run with
//   bindings/go/test.sh -run '^$' -bench 'RestGetMarket|WsDelta' -benchtime 2000x

// BenchmarkRestGetMarketRoundTrip: RestGetMarket to its EventRestResponse polled in Go.
func BenchmarkRestGetMarketRoundTrip(b *testing.B) {
	// No rate limit on either side: the round trip, not the limiter, is measured.
	l := startRestLiveWith(b, []string{"sim.rest.read_per_s", "1000000"}, []string{"rest.rate_tier", "off"})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tag := uint64(i + 1)
		if err := l.c.RestGetMarket(restTickerA, tag); err != nil {
			b.Fatal(err)
		}
		if ev := waitRestOK(b, l.q, tag); len(ev.Objects) != 1 {
			b.Fatal("no market object")
		}
	}
}

// BenchmarkWsDeltaRoundTrip: an order placed in the simulator to its orderbook_delta message
// polled in Go (matching, WebSocket framing, decode, local book update, typed object).
func BenchmarkWsDeltaRoundTrip(b *testing.B) {
	l := startRestLive(b)
	c, q := l.c, l.q
	ws, err := c.OpenWebSocket(nil, 1)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = ws.Close()
		waitWs(b, q, kalshi.EventWsClosed, 1, nil)
		ws.Destroy()
	}()
	if err := ws.Subscribe([]string{"orderbook_delta"}, []string{restTickerA}, 2); err != nil {
		b.Fatal(err)
	}
	waitWs(b, q, kalshi.EventWsMessage, 1, wsType("orderbook_snapshot"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Alternate a YES bid in and out at 0.30 so the book stays small.
		member, side := l.maker, kalshi.SideBuy
		if i%2 == 1 {
			member, side = l.member, kalshi.SideSell // crosses the resting bid: the level goes away
		}
		if err := l.sim.PlaceOrder(member, restTickerA, side, 300_000, 100); err != nil {
			b.Fatal(err)
		}
		waitWs(b, q, kalshi.EventWsMessage, 1, wsType("orderbook_delta"))
	}
}
