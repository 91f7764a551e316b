package kalshi

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkCopyObjects measures what polling a REST listing costs the binding on top of the C
// library: copying a GetMarkets page of 200 typed "market" objects into Go (one cgo crossing
// per field). Run: bindings/go/test.sh -run '^$' -bench CopyObjects -benchmem
func BenchmarkCopyObjects(b *testing.B) {
	const markets = 200
	var sb strings.Builder
	sb.WriteString(`{"markets": [`)
	for i := 0; i < markets; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"ticker": "BENCH-26NOV21-T%d", "event_ticker": "BENCH-26NOV21", "series_ticker": "BENCH",
  "title": "Bench %d", "kind": "binary", "status": "open",
  "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}], "taker_fee_rate": "0.07", "maker_fee_rate": "0"}`, i, i)
	}
	sb.WriteString("]}")
	dir := b.TempDir()
	file := filepath.Join(dir, "markets.json")
	if err := os.WriteFile(file, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	simConf, _ := NewConf()
	defer simConf.Destroy()
	for _, kv := range [][2]string{{"sim.activity", "false"}, {"sim.markets_file", file}} {
		if err := simConf.Set(kv[0], kv[1]); err != nil {
			b.Fatal(err)
		}
	}
	sim, err := StartSimulator(simConf)
	if err != nil {
		b.Fatal(err)
	}
	defer sim.Destroy()
	conf, _ := NewConf()
	defer conf.Destroy()
	if err := conf.Set("rest.rate_tier", "off"); err != nil {
		b.Fatal(err)
	}
	if err := sim.ClientConf(conf, false); err != nil {
		b.Fatal(err)
	}
	c, err := NewClient(conf)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Destroy()
	q, err := c.Queue()
	if err != nil {
		b.Fatal(err)
	}
	defer q.Destroy()
	params := NewRestParams().Set("limit", fmt.Sprint(markets)).Set("event_ticker", "BENCH-26NOV21")
	if err := c.RestCall(RestPrediction, "GetMarkets", params, nil, 1); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 100; i++ { // bounded: 100 x 100 ms
		ev, ok := q.pollOnce(100)
		if !ok {
			b.Fatal("queue closed")
		}
		if ev == nil {
			continue
		}
		held := retainEvent(ev) // frees the C event when the benchmark ends
		defer held.destroy()
		if eventTypeOf(ev) != EventRestResponse {
			continue
		}
		objs := copyObjects(ev)
		if len(objs) != markets {
			b.Fatalf("%d objects", len(objs))
		}
		fields := 0
		for _, o := range objs {
			fields += len(o.Fields)
		}
		b.ReportAllocs()
		b.ResetTimer()
		start := time.Now()
		for n := 0; n < b.N; n++ {
			copyObjects(ev)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/float64(fields), "ns/field")
		b.ReportMetric(float64(fields)/float64(len(objs)), "fields/object")
		return
	}
	b.Fatal("no GetMarkets response")
}
