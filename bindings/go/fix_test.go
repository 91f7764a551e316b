package kalshi_test

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

// frameFix frames a body written with '|' for SOH: header 8/9/35/49/56/34/52, body, CheckSum.
func frameFix(msgType, body string) []byte {
	inner := "35=" + msgType + "|49=KalshiNR|56=key|34=2|52=20260528-14:00:00.010|" + body
	msg := fmt.Sprintf("8=FIXT.1.1|9=%d|%s", len(inner), inner)
	msg = strings.ReplaceAll(msg, "|", "\x01")
	sum := 0
	for i := 0; i < len(msg); i++ {
		sum += int(msg[i])
	}
	return []byte(msg + fmt.Sprintf("10=%03d\x01", sum%256))
}

func decodeFix(t *testing.T, msgType, body string, useDollars bool) *kalshi.Event {
	t.Helper()
	ev, err := kalshi.DecodeFix(frameFix(msgType, body), kalshi.ProductPrediction, useDollars)
	if err != nil {
		t.Fatalf("decode %s: %v", msgType, err)
	}
	if ev.Type != kalshi.EventFixMessage || ev.Fix == nil {
		t.Fatalf("decode %s: event %v, message %v", msgType, ev.Type, ev.Fix)
	}
	return ev
}

func TestFixConstants(t *testing.T) {
	if kalshi.FixActive.Name() != "KALSHI_FIX_ACTIVE" || kalshi.FixLoggingOut.String() != "KALSHI_FIX_LOGGING_OUT" {
		t.Fatal(kalshi.FixActive.Name(), kalshi.FixLoggingOut.Name())
	}
	for typ, name := range map[kalshi.EventType]string{
		kalshi.EventFixState:       "KALSHI_EVENT_FIX_STATE",
		kalshi.EventFixMessage:     "KALSHI_EVENT_FIX_MESSAGE",
		kalshi.EventFixDecodeError: "KALSHI_EVENT_FIX_DECODE_ERROR",
		kalshi.EventFixSendFailed:  "KALSHI_EVENT_FIX_SEND_FAILED",
		kalshi.EventFixClosed:      "KALSHI_EVENT_FIX_CLOSED",
	} {
		if typ.Name() != name {
			t.Fatalf("%d: %q, want %q", uint32(typ), typ.Name(), name)
		}
	}
	for code, name := range map[kalshi.Code]string{
		kalshi.ErrProtocol: "KALSHI_ERR_PROTOCOL", kalshi.ErrRejected: "KALSHI_ERR_REJECTED",
		kalshi.ErrNotFound: "KALSHI_ERR_NOT_FOUND", kalshi.ErrSequenceGap: "KALSHI_ERR_SEQUENCE_GAP",
	} {
		if code.Name() != name {
			t.Fatalf("%d: %q, want %q", uint32(code), code.Name(), name)
		}
	}
}

// A dollar-mode fill read through the typed ExecutionReport and the raw getters.
func TestFixDecodeExecutionReport(t *testing.T) {
	ev := decodeFix(t, "8",
		"6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|"+
			"44=0.7500|54=1|55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|9999=custom|"+
			"453=2|448=acct_1|452=24|448=op-7|452=12|", true)
	defer ev.Release()
	er, err := ev.ExecutionReport()
	if err != nil {
		t.Fatal(err)
	}
	want := kalshi.ExecutionReport{
		Seq: 2, ExecType: kalshi.ExecTypeTrade, OrdStatus: '2', ClOrdID: "order-2", OrderID: "ord-abc",
		ExecID: "4;7", Symbol: "HIGHNY-23DEC31", Side: kalshi.SideBuy, Price: 750000, AvgPx: 660000,
		LastPx: 700000, LastQty: 6000, CumQty: 10000, LeavesQty: 0, OrderQty: 10000,
		TransactTime: time.UnixMilli(1758923656158).UTC(),
	}
	if *er != want {
		t.Fatalf("got  %+v\nwant %+v", *er, want)
	}

	m := ev.Fix
	if m.Type() != "8" || m.Seq() != 2 || m.PossDup() {
		t.Fatalf("header: %q %d %v", m.Type(), m.Seq(), m.PossDup())
	}
	if got := m.SendingTime(); !got.Equal(time.Date(2026, 5, 28, 14, 0, 0, 10e6, time.UTC)) {
		t.Fatalf("sending time %v", got)
	}
	if raw := m.Raw(); !strings.HasPrefix(string(raw), "8=FIXT.1.1\x01") || !strings.HasSuffix(string(raw), "\x01") {
		t.Fatalf("raw %q", raw)
	}
	if v, err := m.Str(9999); err != nil || v != "custom" {
		t.Fatalf("unknown tag: %q %v", v, err)
	}
	// AvgPx is a Price in the dictionary: the Amount getter refuses it.
	_, err = m.Amount(6)
	wantCode(t, err, kalshi.ErrInvalidArg)
	if ms, err := m.TimeMs(60); err != nil || ms != 1758923656158 {
		t.Fatalf("time %d %v", ms, err)
	}
	_, err = m.Price(55)
	wantCode(t, err, kalshi.ErrInvalidArg)
	_, err = m.Price(132)
	wantCode(t, err, kalshi.ErrNotFound)
	if m.Has(103) || !m.Has(150) {
		t.Fatal("Has")
	}
	if n := m.GroupCount(453); n != 2 {
		t.Fatalf("group count %d", n)
	}
	p, err := m.GroupEntry(453, 1)
	if err != nil {
		t.Fatal(err)
	}
	if role, err := p.Int(452); err != nil || role != 12 {
		t.Fatalf("role %d %v", role, err)
	}
	if id, err := p.Str(448); err != nil || id != "op-7" {
		t.Fatalf("party %q %v", id, err)
	}
	_, err = m.GroupEntry(453, 2)
	wantCode(t, err, kalshi.ErrNotFound)
	all, err := m.Group(453)
	if err != nil || len(all) != 2 {
		t.Fatalf("group: %d %v", len(all), err)
	}
	fields, err := m.Fields()
	if err != nil {
		t.Fatal(err)
	}
	sawCounter, sawEntry := false, false
	for _, f := range fields {
		if f.Tag == 453 {
			sawCounter = f.Value == "2"
		}
		if f.Tag == 448 {
			sawEntry = true
		}
	}
	if !sawCounter || sawEntry || len(fields) < 15 {
		t.Fatalf("fields: %v", fields)
	}

	// After Release every read reports ErrClosed; the copies made before stay valid.
	ev.Release()
	ev.Release()
	_, err = m.Str(11)
	wantCode(t, err, kalshi.ErrClosed)
	_, err = p.Int(452)
	wantCode(t, err, kalshi.ErrClosed)
	_, err = ev.ExecutionReport()
	wantCode(t, err, kalshi.ErrClosed)
	if m.Type() != "" || m.GroupCount(453) != 0 || m.Raw() != nil {
		t.Fatal("released message still readable")
	}
	if er.ClOrdID != "order-2" {
		t.Fatal("copy changed")
	}
}

func TestFixDecodeErrors(t *testing.T) {
	frame := frameFix("8", "11=a|150=0|")
	if ev, err := kalshi.DecodeFix(frame, kalshi.ProductPrediction, false); err != nil {
		t.Fatal(err)
	} else {
		// Cents mode; not a fill, so a report with just these fields.
		er, err := ev.ExecutionReport()
		if err != nil || er.ClOrdID != "a" || er.ExecType != kalshi.ExecTypeNew || er.HasOrdRejReason {
			t.Fatalf("%+v %v", er, err)
		}
		ev.Release()
	}
	bad := append([]byte(nil), frame...)
	if bad[len(bad)-2] == '0' {
		bad[len(bad)-2] = '1'
	} else {
		bad[len(bad)-2] = '0'
	}
	_, err := kalshi.DecodeFix(bad, kalshi.ProductPrediction, false)
	wantCode(t, err, kalshi.ErrProtocol)
	_, err = kalshi.DecodeFix(frameFix("8", "11=a|44=7x5|150=0|"), kalshi.ProductPrediction, false)
	wantCode(t, err, kalshi.ErrProtocol)
	_, err = kalshi.DecodeFix(nil, kalshi.ProductPrediction, false)
	if err == nil {
		t.Fatal("empty frame decoded")
	}

	// Not an ExecutionReport.
	w := decodeFix(t, "W", "55=SYM|268=0|", true)
	defer w.Release()
	_, err = w.ExecutionReport()
	wantCode(t, err, kalshi.ErrInvalidArg)
	var nonFix kalshi.Event
	_, err = nonFix.ExecutionReport()
	wantCode(t, err, kalshi.ErrInvalidArg)
}

func TestFixBook(t *testing.T) {
	b, err := kalshi.NewBook()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Destroy()
	w := decodeFix(t, "W", "55=SYM|268=2|269=0|270=0.3500|271=10.00|269=1|270=0.6500|271=5.00|", true)
	if err := b.ApplyEvent(w); err != nil {
		t.Fatal(err)
	}
	w.Release()
	if l, err := b.Best("SYM", kalshi.BookBid); err != nil || l != (kalshi.BookLevel{Price: 350000, Size: 1000}) {
		t.Fatalf("best bid %+v %v", l, err)
	}
	if l, err := b.Best("SYM", kalshi.BookAsk); err != nil || l != (kalshi.BookLevel{Price: 650000, Size: 500}) {
		t.Fatalf("best ask %+v %v", l, err)
	}
	x := decodeFix(t, "X", "268=1|279=1|55=SYM|269=0|270=0.3500|271=15.00|", true)
	if err := b.ApplyFix(x.Fix); err != nil {
		t.Fatal(err)
	}
	x.Release()
	if l, err := b.Best("SYM", kalshi.BookBid); err != nil || l.Price != 350000 || l.Size != 1500 {
		t.Fatalf("best bid after X %+v %v", l, err)
	}
	if b.Depth("SYM", kalshi.BookBid) != 1 || b.Depth("SYM", kalshi.BookAsk) != 1 || b.Depth("NOPE", kalshi.BookBid) != 0 {
		t.Fatal("depth")
	}
	if syms := b.Symbols(); len(syms) != 1 || syms[0] != "SYM" {
		t.Fatalf("symbols %v", syms)
	}
	// A released event cannot be applied; a non-FIX event changes nothing.
	wantCode(t, b.ApplyEvent(x), kalshi.ErrClosed)
	if err := b.ApplyEvent(&kalshi.Event{Type: kalshi.EventEcho}); err != nil {
		t.Fatal(err)
	}

	if err := b.SetLevel("BTC-PERP", kalshi.BookAsk, 19510000, 500); err != nil {
		t.Fatal(err)
	}
	if err := b.SetLevel("BTC-PERP", kalshi.BookAsk, 19520000, 100); err != nil {
		t.Fatal(err)
	}
	levels, err := b.Levels("BTC-PERP", kalshi.BookAsk)
	if err != nil || len(levels) != 2 || levels[0].Price != 19510000 || levels[1].Size != 100 {
		t.Fatalf("levels %+v %v", levels, err)
	}
	if l, err := b.Level("BTC-PERP", kalshi.BookAsk, 1); err != nil || l.Price != 19520000 {
		t.Fatalf("level 1 %+v %v", l, err)
	}
	_, err = b.Level("BTC-PERP", kalshi.BookAsk, 2)
	wantCode(t, err, kalshi.ErrNotFound)
	wantCode(t, b.SetLevel("BTC-PERP", kalshi.BookAsk, 1, -1), kalshi.ErrInvalidArg)
	_, err = b.Best("BTC-PERP", kalshi.BookBid)
	wantCode(t, err, kalshi.ErrNotFound)
	if err := b.Clear("BTC-PERP"); err != nil || b.Depth("BTC-PERP", kalshi.BookAsk) != 0 {
		t.Fatal("clear", err)
	}

	// A session leaving ACTIVE clears every book (state events are retained for this).
	if err := b.ClearAll(); err != nil || len(b.Symbols()) != 0 {
		t.Fatal("clear all", err)
	}

	// Nonsense entry: PROTOCOL, and the symbol's book is dropped.
	if err := b.SetLevel("SYM", kalshi.BookBid, 300000, 100); err != nil {
		t.Fatal(err)
	}
	bad := decodeFix(t, "X", "268=1|279=1|55=SYM|269=7|270=0.3000|271=1.00|", true)
	wantCode(t, b.ApplyEvent(bad), kalshi.ErrProtocol)
	bad.Release()
	if b.Depth("SYM", kalshi.BookBid) != 0 {
		t.Fatal("book kept after a nonsense entry")
	}

	b.Destroy()
	b.Destroy()
	wantCode(t, b.SetLevel("SYM", kalshi.BookBid, 1, 1), kalshi.ErrClosed)
}

const (
	umsPage1 = "20105=settle-1|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|" +
		"20108=1|20109=user-1|20110=24|704=100.01|705=0|1703=1|1704=30.6030|1705=PAYOUT|" +
		"136=1|137=0.00006|138=USD|139=4|891=0|893=N|"
	umsPage2 = "20105=settle-2|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|" +
		"20108=1|20109=user-2|20110=24|704=0|705=5|1703=1|1704=0.00|1705=PAYOUT|" +
		"136=1|137=0.00|138=USD|139=4|891=0|893=Y|"
)

func TestFixSettlementAssembler(t *testing.T) {
	a, err := kalshi.NewSettlementAssembler()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Destroy()
	p1 := decodeFix(t, "UMS", umsPage1, false)
	if r, err := a.Add(p1.Fix); err != nil || r != nil {
		t.Fatalf("page 1: %+v %v", r, err)
	}
	if a.Pending() != 1 {
		t.Fatalf("pending %d", a.Pending())
	}
	if r, err := a.Add(p1.Fix); err != nil || r != nil { // a PossDup resend is ignored
		t.Fatalf("page 1 again: %+v %v", r, err)
	}
	p1.Release()
	p2 := decodeFix(t, "UMS", umsPage2, false)
	r, err := a.Add(p2.Fix)
	p2.Release()
	if err != nil || r == nil {
		t.Fatalf("page 2: %+v %v", r, err)
	}
	if a.Pending() != 0 {
		t.Fatalf("pending %d", a.Pending())
	}
	want := kalshi.Settlement{Symbol: "HIGHNY-23DEC31", Result: "scalar", BusinessDate: 20231231,
		Price: 306000, Pages: 2, DeclaredPages: 2}
	got := *r
	got.Parties = nil
	if !reflect.DeepEqual(got, want) || len(r.Parties) != 2 {
		t.Fatalf("got %+v", *r)
	}
	if r.Parties[0] != (kalshi.SettlementParty{ID: "user-1", Long: 10001, Short: 0, Payout: 30603000, Fee: 60}) {
		t.Fatalf("party 0 %+v", r.Parties[0])
	}
	if r.Parties[1].ID != "user-2" || r.Parties[1].Short != 500 {
		t.Fatalf("party 1 %+v", r.Parties[1])
	}

	// Nested groups: party 0's collateral change (1703 -> 1704) is an amount.
	p1 = decodeFix(t, "UMS", umsPage1, false)
	defer p1.Release()
	party, err := p1.Fix.GroupEntry(20108, 0)
	if err != nil {
		t.Fatal(err)
	}
	change, err := party.GroupEntry(1703, 0)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := change.Amount(1704); err != nil || v != 30603000 {
		t.Fatalf("nested amount %v %v", v, err)
	}
	if v, err := party.Count(704); err != nil || v != 10001 {
		t.Fatalf("party long qty %v %v", v, err)
	}
	if v, err := p1.Fix.Bool(893); err != nil || v {
		t.Fatalf("LastFragment %v %v", v, err)
	}

	w := decodeFix(t, "W", "55=X|268=0|", false)
	defer w.Release()
	_, err = a.Add(w.Fix)
	wantCode(t, err, kalshi.ErrInvalidArg)
}

func TestFixBuilder(t *testing.T) {
	_, err := kalshi.NewFixBuilder("NOT-A-TYPE")
	if err == nil {
		t.Fatal("unknown MsgType accepted")
	}
	b, err := kalshi.NewFixBuilder("D")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Destroy()
	for _, err := range []error{
		b.SetStr(11, "order-9"),
		b.SetStr(55, "HIGHNY-23DEC31"),
		b.SetChar(54, '1'),
		b.SetChar(40, '2'),
		b.SetPrice(44, 560000),
		b.SetCount(38, 1000),
		b.SetChar(59, '1'),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// A tag the message does not have, a value with SOH.
	if err := b.SetStr(9998, "x"); err == nil {
		t.Fatal("unknown tag accepted")
	}
	if err := b.SetStr(11, "a\x01b"); err == nil {
		t.Fatal("SOH accepted")
	}
	if err := b.Reset("F"); err != nil {
		t.Fatal(err)
	}
	// Groups: Parties (453) on a new order.
	if err := b.Reset("D"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		b.SetBool(21006, true),
		b.SetAmount(21009, 12500000),
		b.SetTimeMs(126, 1758923656158),
		b.GroupBegin(453),
		b.EntryNext(),
		b.SetStr(448, "op-7"),
		b.SetInt(452, 24),
		b.GroupEnd(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// 448 belongs inside the group only.
	wantCode(t, b.SetStr(448, "x"), kalshi.ErrInvalidArg)
	b.Destroy()
	b.Destroy()
	wantCode(t, b.SetInt(38, 1), kalshi.ErrClosed)
}

// Decoded events left to the garbage collector are freed by the finalizer.
func TestFixEventFinalizer(t *testing.T) {
	runtime.GC()
	base := kalshi.LiveHandles()
	for i := 0; i < 200; i++ {
		ev := decodeFix(t, "8", "11=a|150=0|", false)
		if i%2 == 0 {
			ev.Release()
		}
	}
	for i := 0; i < 100 && kalshi.LiveHandles() > base; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if kalshi.LiveHandles() > base {
		t.Fatalf("%d handles left (baseline %d)", kalshi.LiveHandles(), base)
	}
}

// Settings errors known before any traffic come back from OpenFixSession.
func TestFixSessionOpenValidates(t *testing.T) {
	conf := mustConf(t, "auth.key_id", qfKeyID)
	defer conf.Destroy()
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	_, err = c.OpenFixSession(nil, 0) // no key
	wantCode(t, err, kalshi.ErrKeyUnsupported)
	o := mustConf(t, "fix.product", "margin", "fix.session", "rfq") // margin has no KalshiRFQ
	defer o.Destroy()
	_, err = c.OpenFixSession(o, 0)
	if ke := wantCode(t, err, kalshi.ErrInvalidValue); !strings.Contains(ke.Message, "margin") {
		t.Fatalf("message %q", ke.Message)
	}
	o2 := mustConf(t, "fix.session", "md", "fix.logon.listener", "Y")
	defer o2.Destroy()
	_, err = c.OpenFixSession(o2, 0)
	wantCode(t, err, kalshi.ErrInvalidValue)
	c.Destroy()
	_, err = c.OpenFixSession(nil, 0)
	wantCode(t, err, kalshi.ErrClosed)
}
