package kalshi_test

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

const qfKeyID = "11111111-2222-3333-4444-555555555555"

// qfAcceptor is the independent QuickFIX acceptor (tests/qf) as a subprocess: it checks the Logon
// signature, validates messages against its dictionary and answers orders.
type qfAcceptor struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	port  string
	mu    sync.Mutex
	lines []string
	done  chan struct{}
}

func sourcePath(rel string) string {
	root := os.Getenv("KALSHI_SOURCE_DIR")
	if root == "" {
		root = filepath.Join("..", "..")
	}
	return filepath.Join(root, rel)
}

func startAcceptor(t *testing.T) *qfAcceptor {
	t.Helper()
	exe := os.Getenv("KALSHI_QF_ACCEPTOR")
	if exe == "" {
		t.Skip("KALSHI_QF_ACCEPTOR not set (the project's test command sets it to the built kalshi-qf-acceptor)")
	}
	a := &qfAcceptor{done: make(chan struct{})}
	a.cmd = exec.Command(exe, "--key-id", qfKeyID, "--public-key", sourcePath("tests/data/keys/rsa_pub.pem"), "--port", "0")
	a.cmd.Stderr = os.Stderr
	var err error
	if a.stdin, err = a.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := a.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	r := bufio.NewReader(out)
	first, err := r.ReadString('\n')
	if err != nil {
		a.stdin.Close()
		a.cmd.Wait()
		t.Fatalf("acceptor printed no port: %v", err)
	}
	a.port = strings.TrimSpace(first)
	if a.port == "" {
		t.Fatal("acceptor printed an empty port")
	}
	// Drain its stdout so that it never blocks; keep the lines for expect.
	go func() {
		defer close(a.done)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				a.mu.Lock()
				a.lines = append(a.lines, strings.TrimRight(line, "\r\n"))
				a.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(a.stop)
	return a
}

// stop closes its stdin (it exits then) and waits, killing it if it does not.
func (a *qfAcceptor) stop() {
	a.stdin.Close()
	waited := make(chan error, 1)
	go func() { <-a.done; waited <- a.cmd.Wait() }()
	select {
	case <-waited:
	case <-time.After(15 * time.Second):
		a.cmd.Process.Kill()
		<-waited
	}
}

// expect waits until the acceptor has printed a line containing needle.
func (a *qfAcceptor) expect(t *testing.T, needle string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		a.mu.Lock()
		for _, l := range a.lines {
			if strings.Contains(l, needle) {
				a.mu.Unlock()
				return
			}
		}
		a.mu.Unlock()
		select {
		case <-a.done:
			t.Fatalf("acceptor exited without printing %q", needle)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("acceptor never printed %q", needle)
}

// waitFix polls until an event of type typ for which match (may be nil) holds, within 15 s.
// Other events are released.
func waitFix(t *testing.T, q *kalshi.Queue, typ kalshi.EventType, match func(*kalshi.Event) bool) *kalshi.Event {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var seen []string
	for time.Now().Before(deadline) {
		ev, err := q.Poll(100)
		if err != nil {
			t.Fatalf("poll: %v", err)
		}
		if ev == nil {
			continue
		}
		if ev.Type == typ && (match == nil || match(ev)) {
			return ev
		}
		desc := ev.Type.Name()
		if ev.Type == kalshi.EventFixState {
			desc += " " + ev.FixState.Name()
		}
		if ev.Error != nil {
			desc += " (" + ev.Error.Error() + ")"
		}
		seen = append(seen, desc)
		ev.Release()
	}
	t.Fatalf("no matching %v within 15 s; saw %v", typ, seen)
	return nil
}

// isMsg matches EventFixMessage events of one MsgType.
func isMsg(msgType string) func(*kalshi.Event) bool {
	return func(ev *kalshi.Event) bool { return ev.Fix != nil && ev.Fix.Type() == msgType }
}

// Logon, a new order answered by New and Trade ExecutionReports, a price the cents wire format
// cannot carry refused synchronously, and a graceful logout, against the QuickFIX acceptor.
func TestFixLiveOrderRoundTrip(t *testing.T) {
	acc := startAcceptor(t)
	conf := mustConf(t,
		"auth.key_id", qfKeyID,
		"auth.private_key_path", sourcePath("tests/data/keys/rsa_pkcs8.pem"),
		"fix.host", "127.0.0.1",
		"fix.tls", "false",
		"fix.port.nr", acc.port,
		"fix.session", "nr")
	defer conf.Destroy()
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

	s, err := c.OpenFixSession(nil, 7)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	active := waitFix(t, q, kalshi.EventFixState, func(ev *kalshi.Event) bool { return ev.FixState == kalshi.FixActive })
	if active.UserTag != 7 {
		t.Fatalf("state event tag %d", active.UserTag)
	}
	active.Release()
	acc.expect(t, "LOGON ok")
	if st := s.State(); st != kalshi.FixActive {
		t.Fatalf("state %v", st)
	}

	// 0.75 dollars goes out as 75 cents (prediction without UseDollars), 10 contracts.
	if _, err := s.SendNewOrder("order-1", "HIGHNY-23DEC31", kalshi.SideBuy, 750000, 1000, kalshi.TIFGoodTillCancel, 99); err != nil {
		t.Fatal(err)
	}
	acc.expect(t, "APP D 11=order-1")

	ack := waitFix(t, q, kalshi.EventFixMessage, isMsg("8"))
	er, err := ack.ExecutionReport()
	if err != nil {
		t.Fatal(err)
	}
	if ack.UserTag != 7 || er.ExecType != kalshi.ExecTypeNew || er.ClOrdID != "order-1" || er.Price != 750000 || er.Symbol != "HIGHNY-23DEC31" || er.Side != kalshi.SideBuy {
		t.Fatalf("ack (tag %d): %+v", ack.UserTag, *er)
	}
	ack.Release()

	fill := waitFix(t, q, kalshi.EventFixMessage, isMsg("8"))
	er, err = fill.ExecutionReport()
	fill.Release()
	if err != nil {
		t.Fatal(err)
	}
	if er.ExecType != kalshi.ExecTypeTrade || er.LastPx != 750000 || er.LastQty != 1000 || er.ClOrdID != "order-1" {
		t.Fatalf("fill: %+v", *er)
	}

	// Refused before anything is sent.
	_, err = s.SendNewOrder("order-2", "HIGHNY-23DEC31", kalshi.SideBuy, 755000, 100, kalshi.TIFGoodTillCancel, 0)
	wantCode(t, err, kalshi.ErrInexact)
	_, err = s.SendQuoteRequest("rfq-1", "HIGHNY-23DEC31", 100, 0) // not carried on KalshiNR
	wantCode(t, err, kalshi.ErrNotSupported)
	if s.NextSenderSeq() < 3 || s.NextTargetSeq() < 3 {
		t.Fatalf("seq: sender %d target %d", s.NextSenderSeq(), s.NextTargetSeq())
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	closed := waitFix(t, q, kalshi.EventFixClosed, nil)
	if closed.UserTag != 7 {
		t.Fatalf("closed tag %d", closed.UserTag)
	}
	acc.expect(t, "LOGOUT")
	if err := s.Close(); err != nil { // idempotent
		t.Fatal(err)
	}
	s.Destroy()
	s.Destroy()
	_, err = s.SendMassCancel("mc-1", 0)
	wantCode(t, err, kalshi.ErrClosed)
	wantCode(t, s.Close(), kalshi.ErrClosed)
}
