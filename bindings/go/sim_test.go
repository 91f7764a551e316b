package kalshi_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

const (
	simKeyID      = "5e1a7c00-0000-4000-8000-00000000a001"
	simOtherKeyID = "5e1a7c00-0000-4000-8000-00000000b002"
	// The one market of the test's markets file: a binary market on a cent grid, 7% taker fee,
	// no maker fee, so the accounts after a cross are known to the micro-dollar.
	simTicker      = "BINDTEST-26NOV21-T50"
	simMarketsJSON = `{"markets": [{
  "ticker": "BINDTEST-26NOV21-T50", "event_ticker": "BINDTEST-26NOV21", "series_ticker": "BINDTEST",
  "title": "Bindings test market", "kind": "binary", "status": "open",
  "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
  "taker_fee_rate": "0.07", "maker_fee_rate": "0"}]}`
)

// simMarketsFile writes a markets file into the test's temporary directory.
func simMarketsFile(t testing.TB, json string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "markets.json")
	if err := os.WriteFile(path, []byte(json), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startSim starts an in-process simulator with a fixed seed, no background trading and the
// test's own market (the book holds only the test's orders); it is destroyed when the test ends.
func startSim(t *testing.T, kv ...string) *kalshi.Simulator {
	t.Helper()
	base := []string{"sim.seed", "7", "sim.activity", "false", "sim.markets_file", simMarketsFile(t, simMarketsJSON)}
	conf := mustConf(t, append(base, kv...)...)
	defer conf.Destroy()
	sim, err := kalshi.StartSimulator(conf)
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(sim.Destroy)
	return sim
}

func simPublicKey(t testing.TB) []byte {
	t.Helper()
	pem, err := os.ReadFile(sourcePath("tests/data/keys/rsa_pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return pem
}

func TestSimulatorRejectsBadMarketsFile(t *testing.T) {
	start := func(json string) error {
		conf := mustConf(t, "sim.markets_file", simMarketsFile(t, json))
		defer conf.Destroy()
		sim, err := kalshi.StartSimulator(conf)
		if err == nil {
			sim.Destroy()
		}
		return err
	}
	// A zero tick step: the message names the market.
	ke := wantCode(t, start(strings.Replace(simMarketsJSON, `"step": "0.01"`, `"step": "0.0"`, 1)), kalshi.ErrInvalidValue)
	if !strings.Contains(ke.Message, simTicker) {
		t.Fatalf("message does not name the market: %s", ke.Message)
	}
	wantCode(t, start(simMarketsJSON[:len(simMarketsJSON)/2]), kalshi.ErrInvalidValue)
}

func TestSimulatorEndpointsAndAccounts(t *testing.T) {
	sim := startSim(t)
	nr, err := sim.Port("fix.nr")
	if err != nil || nr == 0 {
		t.Fatalf("fix.nr port %d: %v", nr, err)
	}
	if tlsPort, err := sim.Port("fix.nr.tls"); err != nil || tlsPort == 0 || tlsPort == nr {
		t.Fatalf("fix.nr.tls port %d: %v", tlsPort, err)
	}
	_, err = sim.Port("no.such.endpoint")
	wantCode(t, err, kalshi.ErrNotFound)
	ca, err := sim.CAFile()
	if err != nil {
		t.Fatal(err)
	}
	if pem, err := os.ReadFile(ca); err != nil || !strings.Contains(string(pem), "BEGIN CERTIFICATE") {
		t.Fatalf("CA file %s: %v", ca, err)
	}
	if n := sim.FixSessions(); n != 0 {
		t.Fatalf("%d sessions before any logon", n)
	}

	member, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, simPublicKey(t), 0)
	if err != nil || member == 0 {
		t.Fatalf("register: member %d: %v", member, err)
	}
	opening, _ := kalshi.ParsePrice("1000.00") // sim.balance default
	if b, err := sim.Balance(member, 0); err != nil || b != opening {
		t.Fatalf("opening balance %v: %v", b, err)
	}
	if err := sim.SetBalance(member, 0, 123_456_789); err != nil {
		t.Fatal(err)
	}
	if b, err := sim.Balance(member, 0); err != nil || b != 123_456_789 {
		t.Fatalf("balance %v: %v", b, err)
	}
	if pos, err := sim.Position(member, 0, simTicker); err != nil || pos != 0 {
		t.Fatalf("position %v: %v", pos, err)
	}
	if _, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, []byte("not a key"), 0); err == nil {
		t.Fatal("a malformed public key was accepted")
	}

	if err := sim.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := sim.Stop(); err != nil { // idempotent
		t.Fatal(err)
	}
	sim.Destroy()
	sim.Destroy()
	_, err = sim.Balance(member, 0)
	wantCode(t, err, kalshi.ErrClosed)
}

// Logon over FIX NR, a resting order acknowledged, crossed by another member, the accounts
// settled exactly, and a dropped connection recovered by the client's reconnect.
func TestSimulatorFixOrderCrossAndReconnect(t *testing.T) {
	sim := startSim(t)
	pem := simPublicKey(t)
	me, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, pem, 0)
	if err != nil {
		t.Fatal(err)
	}
	other, err := sim.RegisterKey(kalshi.ProductPrediction, simOtherKeyID, pem, 0)
	if err != nil || other == me {
		t.Fatalf("second member %d (first %d): %v", other, me, err)
	}
	opening, _ := kalshi.ParsePrice("500.00")
	for _, m := range []uint32{me, other} {
		if err := sim.SetBalance(m, 0, opening); err != nil {
			t.Fatal(err)
		}
	}

	conf := mustConf(t,
		"auth.key_id", simKeyID,
		"auth.private_key_path", sourcePath("tests/data/keys/rsa_pkcs8.pem"),
		"fix.session", "nr",
		"net.backoff_base_ms", "50") // reconnect soon after the "drop" fault
	defer conf.Destroy()
	if err := sim.ClientConf(conf, false); err != nil {
		t.Fatal(err)
	}
	nr, _ := sim.Port("fix.nr")
	if got, _ := conf.Get("fix.port.nr"); got != strconv.Itoa(int(nr)) {
		t.Fatalf("fix.port.nr %q, simulator listens on %d", got, nr)
	}
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, err := c.Queue()
	if err != nil {
		t.Fatal(err)
	}
	defer q.Destroy()
	s, err := c.OpenFixSession(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	isState := func(want kalshi.FixState) func(*kalshi.Event) bool {
		return func(ev *kalshi.Event) bool { return ev.FixState == want }
	}
	waitFix(t, q, kalshi.EventFixState, isState(kalshi.FixActive)).Release()
	if n := sim.FixSessions(); n != 1 {
		t.Fatalf("simulator counts %d sessions", n)
	}

	// Buy 10 YES at 0.40: rests on the empty book.
	if _, err := s.SendNewOrder("sim-1", simTicker, kalshi.SideBuy, 400_000, 1000, kalshi.TIFGoodTillCancel, 0); err != nil {
		t.Fatal(err)
	}
	ev := waitFix(t, q, kalshi.EventFixMessage, isMsg("8"))
	er, err := ev.ExecutionReport()
	ev.Release()
	if err != nil {
		t.Fatal(err)
	}
	if er.ExecType != kalshi.ExecTypeNew || er.OrdStatus != '0' || er.ClOrdID != "sim-1" || er.Symbol != simTicker ||
		er.Price != 400_000 || er.OrderQty != 1000 || er.OrderID == "" {
		t.Fatalf("ack: %+v", *er)
	}

	// Another member sells 10 YES at 0.40 (buys NO at 0.60): a full fill at the resting price.
	if err := sim.PlaceOrder(other, simTicker, kalshi.SideSell, 400_000, 1000); err != nil {
		t.Fatal(err)
	}
	ev = waitFix(t, q, kalshi.EventFixMessage, isMsg("8"))
	er, err = ev.ExecutionReport()
	ev.Release()
	if err != nil {
		t.Fatal(err)
	}
	if er.ExecType != kalshi.ExecTypeTrade || er.ClOrdID != "sim-1" || er.LastPx != 400_000 || er.LastQty != 1000 ||
		er.CumQty != 1000 || er.LeavesQty != 0 {
		t.Fatalf("fill: %+v", *er)
	}
	if pos, err := sim.Position(me, 0, simTicker); err != nil || pos != 1000 {
		t.Fatalf("buyer position %v: %v", pos, err)
	}
	if pos, err := sim.Position(other, 0, simTicker); err != nil || pos != -1000 {
		t.Fatalf("seller position %v: %v", pos, err)
	}
	// The resting buyer (maker, no fee) paid 10 x 0.40; the seller (taker) 10 x 0.60 and the
	// fee ceil_to_cent(0.07 x 10 x 0.40 x 0.60) = ceil(0.168) = 0.17.
	for _, want := range []struct {
		member  uint32
		balance string
	}{{me, "496.00"}, {other, "493.83"}} {
		b, err := sim.Balance(want.member, 0)
		if w, _ := kalshi.ParsePrice(want.balance); err != nil || b != w {
			t.Fatalf("member %d balance %v, want %s: %v", want.member, b, want.balance, err)
		}
	}
	// A price outside (0, 1) is refused to the other participant with Kalshi's reason.
	err = sim.PlaceOrder(other, simTicker, kalshi.SideBuy, 1_500_000, 100)
	wantCode(t, err, kalshi.ErrRejected)

	// The simulator drops the TCP connection; the client reconnects and logs on again.
	if err := sim.Fault("fix.nr", simKeyID, "drop"); err != nil {
		t.Fatal(err)
	}
	waitFix(t, q, kalshi.EventFixState, isState(kalshi.FixDisconnected)).Release()
	waitFix(t, q, kalshi.EventFixState, isState(kalshi.FixActive)).Release()
	if st := s.State(); st != kalshi.FixActive {
		t.Fatalf("state after reconnect %v", st)
	}
	wantCode(t, sim.Fault("fix.nr", "nobody", "drop"), kalshi.ErrNotFound)

	// Closed, the market refuses orders; settled YES, each of the buyer's 10 contracts pays 1.00.
	if err := sim.SetMarketStatus(simTicker, "closed"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, sim.PlaceOrder(other, simTicker, kalshi.SideBuy, 300_000, 100), kalshi.ErrRejected)
	if err := sim.Settle(simTicker, 1_000_000); err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		member  uint32
		balance string
	}{{me, "506.00"}, {other, "493.83"}} {
		b, err := sim.Balance(want.member, 0)
		if w, _ := kalshi.ParsePrice(want.balance); err != nil || b != w {
			t.Fatalf("after settlement member %d balance %v, want %s: %v", want.member, b, want.balance, err)
		}
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	waitFix(t, q, kalshi.EventFixClosed, nil).Release()
}

// A FIX logon over TLS, trusting only the simulator's generated CA (tls.ca_file from ClientConf).
func TestSimulatorFixLogonOverTLS(t *testing.T) {
	sim := startSim(t)
	if _, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, simPublicKey(t), 0); err != nil {
		t.Fatal(err)
	}
	conf := mustConf(t,
		"auth.key_id", simKeyID,
		"auth.private_key_path", sourcePath("tests/data/keys/rsa_pkcs8.pem"),
		"fix.session", "nr")
	defer conf.Destroy()
	if err := sim.ClientConf(conf, true); err != nil {
		t.Fatal(err)
	}
	port, _ := sim.Port("fix.nr.tls")
	if got, _ := conf.Get("fix.port.nr"); got != strconv.Itoa(int(port)) {
		t.Fatalf("fix.port.nr %q, the TLS listener is %d", got, port)
	}
	if got, _ := conf.Get("fix.tls"); got != "true" {
		t.Fatalf("fix.tls %q", got)
	}
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, err := c.Queue()
	if err != nil {
		t.Fatal(err)
	}
	defer q.Destroy()
	s, err := c.OpenFixSession(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	waitFix(t, q, kalshi.EventFixState, func(ev *kalshi.Event) bool { return ev.FixState == kalshi.FixActive }).Release()
	if n := sim.FixSessions(); n != 1 {
		t.Fatalf("simulator counts %d sessions", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	waitFix(t, q, kalshi.EventFixClosed, nil).Release()
}

// A margin (perps) key logs on through the perps.fix.nr listener (ClientConfProduct).
func TestSimulatorMarginFixLogon(t *testing.T) {
	sim := startSim(t)
	if _, err := sim.RegisterKey(kalshi.ProductMargin, simKeyID, simPublicKey(t), 0); err != nil {
		t.Fatal(err)
	}
	conf := mustConf(t, // perps keys are their own properties
		"perps.auth.key_id", simKeyID,
		"perps.auth.private_key_path", sourcePath("tests/data/keys/rsa_pkcs8.pem"),
		"fix.session", "nr")
	defer conf.Destroy()
	if err := sim.ClientConfProduct(conf, kalshi.ProductMargin, false); err != nil {
		t.Fatal(err)
	}
	port, _ := sim.Port("perps.fix.nr")
	if got, _ := conf.Get("fix.port.nr"); got != strconv.Itoa(int(port)) {
		t.Fatalf("fix.port.nr %q, perps.fix.nr is %d", got, port)
	}
	if got, _ := conf.Get("fix.product"); got != "margin" {
		t.Fatalf("fix.product %q", got)
	}
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, err := c.Queue()
	if err != nil {
		t.Fatal(err)
	}
	defer q.Destroy()
	s, err := c.OpenFixSession(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	waitFix(t, q, kalshi.EventFixState, func(ev *kalshi.Event) bool { return ev.FixState == kalshi.FixActive }).Release()
	if n := sim.FixSessions(); n != 1 {
		t.Fatalf("simulator counts %d sessions", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	waitFix(t, q, kalshi.EventFixClosed, nil).Release()
}

func TestSimulatorManualClock(t *testing.T) {
	sim := startSim(t, "sim.clock", "manual", "sim.start_ms", "1700000000000")
	if now := sim.NowMs(); now != 1_700_000_000_000 {
		t.Fatalf("now %d", now)
	}
	if err := sim.AdvanceMs(1500); err != nil {
		t.Fatal(err)
	}
	if err := sim.SetActivity(false); err != nil {
		t.Fatal(err)
	}
	if now := sim.NowMs(); now != 1_700_000_001_500 {
		t.Fatalf("now %d after advancing 1500 ms", now)
	}
}

// Orders from many goroutines at one price: however they interleave, every order fills.
func TestSimulatorConcurrentOrders(t *testing.T) {
	sim := startSim(t)
	pem := simPublicKey(t)
	buyer, err := sim.RegisterKey(kalshi.ProductPrediction, simKeyID, pem, 0)
	if err != nil {
		t.Fatal(err)
	}
	seller, err := sim.RegisterKey(kalshi.ProductPrediction, simOtherKeyID, pem, 0)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 40)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		member, side := buyer, kalshi.SideBuy
		if i%2 == 1 {
			member, side = seller, kalshi.SideSell
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				errs <- sim.PlaceOrder(member, simTicker, side, 500_000, 100)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if pos, err := sim.Position(buyer, 0, simTicker); err != nil || pos != 2000 {
		t.Fatalf("buyer position %v: %v", pos, err)
	}
	if pos, err := sim.Position(seller, 0, simTicker); err != nil || pos != -2000 {
		t.Fatalf("seller position %v: %v", pos, err)
	}
}
