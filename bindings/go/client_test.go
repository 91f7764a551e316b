package kalshi_test

import (
	"runtime"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

func TestEchoThreadMode(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, err := c.Queue()
	if err != nil {
		t.Fatal(err)
	}
	defer q.Destroy()
	if ev, _ := q.Poll(0); ev != nil {
		t.Fatalf("fresh queue has %v", ev.Type)
	}
	const tag = uint64(0xDEADBEEF00000001)
	if err := c.Echo(tag); err != nil {
		t.Fatal(err)
	}
	ev, _ := waitFor(t, q, kalshi.EventEcho)
	if ev.UserTag != tag || ev.Err != kalshi.OK || ev.Error != nil || ev.TimestampNs == 0 {
		t.Fatalf("echo event %+v", ev)
	}
	if ev.Type.Name() != "KALSHI_EVENT_ECHO" {
		t.Fatal(ev.Type.Name())
	}
	wantCode(t, c.Run(0), kalshi.ErrWrongMode)
	if err := c.Destroy(); err != nil {
		t.Fatal(err)
	}
}

func TestEchoCallerModeDrivenByRun(t *testing.T) {
	conf := mustConf(t, "client.mode", "caller")
	c, err := kalshi.NewClient(conf)
	conf.Destroy() // the client copied it
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, err := c.Queue()
	if err != nil {
		t.Fatal(err)
	}
	defer q.Destroy()
	for _, tag := range []uint64{7, 8, ^uint64(0)} {
		if err := c.Echo(tag); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing happens until the loop is driven.
	if ev, _ := q.Poll(20); ev != nil {
		t.Fatalf("caller mode delivered %v without Run", ev.Type)
	}
	var seen []uint64
	deadline := time.Now().Add(waitMs * time.Millisecond)
	for len(seen) < 3 && time.Now().Before(deadline) {
		if err := c.Run(10); err != nil {
			t.Fatal(err)
		}
		for {
			ev, _ := q.Poll(0)
			if ev == nil {
				break
			}
			if ev.Type == kalshi.EventEcho {
				seen = append(seen, ev.UserTag)
			}
		}
	}
	if len(seen) != 3 || seen[0] != 7 || seen[1] != 8 || seen[2] != ^uint64(0) {
		t.Fatalf("echo tags %v", seen)
	}
	if err := c.Close(0); err != nil {
		t.Fatal(err)
	}
	if !c.Closed() {
		t.Fatal("not closing after Close(0)")
	}
	var rc error
	for time.Now().Before(deadline) {
		if rc = c.Run(10); rc != nil {
			break
		}
	}
	wantCode(t, rc, kalshi.ErrClosed)
	waitFor(t, q, kalshi.EventClientClosed)
	wantCode(t, c.Echo(1), kalshi.ErrClosed)
}

// A goroutine blocked in Run(-1) must not keep Destroy from finishing.
func TestDestroyWhileRunBlocked(t *testing.T) {
	conf := mustConf(t, "client.mode", "caller")
	defer conf.Destroy()
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Run(-1) }()
	time.Sleep(50 * time.Millisecond)
	if err := c.Destroy(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		wantCode(t, err, kalshi.ErrClosed)
	case <-time.After(waitMs * time.Millisecond):
		t.Fatal("Run(-1) did not return after Destroy")
	}
}

func TestLogEventsTypedAndFiltered(t *testing.T) {
	conf := mustConf(t, "log.level", "info")
	defer conf.Destroy()
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	defer q.Destroy()
	if err := c.Log(kalshi.LogDebug, "filtered out"); err != nil {
		t.Fatal(err)
	}
	if err := c.Log(kalshi.LogWarn, "hello from go"); err != nil {
		t.Fatal(err)
	}
	ev, skipped := waitFor(t, q, kalshi.EventLog)
	if len(skipped) != 0 || ev.LogLevel != kalshi.LogWarn || ev.Text() != "hello from go" {
		t.Fatalf("log event %+v (skipped %d)", ev, len(skipped))
	}
	if err := c.Echo(99); err != nil {
		t.Fatal(err)
	}
	_, between := waitFor(t, q, kalshi.EventEcho)
	for _, e := range between {
		if e.Text() == "filtered out" {
			t.Fatal("debug log passed an info filter")
		}
	}
	if ev, _ := q.Poll(50); ev != nil {
		t.Fatalf("unexpected %v", ev.Type)
	}
	wantCode(t, c.Log(kalshi.LogInfo, "nul\x00byte"), kalshi.ErrInvalidArg)
}

func TestPollBatchAndLen(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	defer q.Destroy()
	for tag := uint64(1); tag <= 5; tag++ {
		if err := c.Echo(tag); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(waitMs * time.Millisecond)
	for q.Len() < 5 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if q.Len() != 5 {
		t.Fatalf("len %d", q.Len())
	}
	first, err := q.PollBatch(3, 0)
	if err != nil || len(first) != 3 || first[0].UserTag != 1 || first[1].UserTag != 2 || first[2].UserTag != 3 {
		t.Fatalf("first batch %+v, %v", first, err)
	}
	if q.Len() != 2 {
		t.Fatalf("len after batch %d", q.Len())
	}
	rest, _ := q.PollBatch(10, 0)
	if len(rest) != 2 || rest[0].UserTag != 4 || rest[1].UserTag != 5 {
		t.Fatalf("rest %+v", rest)
	}
	if none, _ := q.PollBatch(10, 0); len(none) != 0 {
		t.Fatal("queue not empty")
	}
	start := time.Now()
	if none, _ := q.PollBatch(10, 150); len(none) != 0 || time.Since(start) < 100*time.Millisecond {
		t.Fatalf("PollBatch(150ms) returned %d after %v", len(none), time.Since(start))
	}
}

func readable(t *testing.T, fd int, timeoutMs int) bool {
	fds := []unixPollFd{{fd: int32(fd), events: 1}}
	n, err := poll(fds, timeoutMs)
	if err != nil {
		t.Fatal(err)
	}
	return n == 1 && fds[0].revents&1 != 0
}

func TestWakeupFD(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	fd := q.WakeupFD()
	if fd < 0 {
		t.Fatal("no wakeup fd")
	}
	if readable(t, fd, 0) {
		t.Fatal("empty queue: fd readable")
	}
	if err := c.Echo(42); err != nil {
		t.Fatal(err)
	}
	if !readable(t, fd, waitMs) {
		t.Fatal("fd not readable after an event was queued")
	}
	ev, _ := q.Poll(0)
	if ev == nil || ev.UserTag != 42 {
		t.Fatalf("event %+v", ev)
	}
	if readable(t, fd, 0) {
		t.Fatal("drained queue: fd still readable")
	}
	q.Destroy()
	if q.WakeupFD() != -1 {
		t.Fatal("destroyed queue still has an fd")
	}
}

func TestQueueOutlivesClientAndSeesClose(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := c.Queue()
	defer q.Destroy()
	if err := c.Echo(5); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(-1); err != nil {
		t.Fatal(err)
	}
	if !c.Closed() {
		t.Fatal("not closed")
	}
	wantCode(t, c.Echo(6), kalshi.ErrClosed)
	if err := c.Destroy(); err != nil {
		t.Fatal(err)
	}
	ev, _ := waitFor(t, q, kalshi.EventEcho)
	if ev.UserTag != 5 {
		t.Fatal(ev.UserTag)
	}
	waitFor(t, q, kalshi.EventClientClosed)
}

func TestDoubleDestroyAndUseAfterDestroy(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := c.Queue()
	if err := c.Destroy(); err != nil {
		t.Fatal(err)
	}
	if err := c.Destroy(); err != nil {
		t.Fatalf("second destroy: %v", err)
	}
	wantCode(t, c.Echo(1), kalshi.ErrClosed)
	wantCode(t, c.Run(0), kalshi.ErrClosed)
	wantCode(t, c.Close(0), kalshi.ErrClosed)
	if !c.Closed() {
		t.Fatal("destroyed client not closed")
	}
	_, err = c.Queue()
	wantCode(t, err, kalshi.ErrClosed)
	_, err = c.OpenStream("127.0.0.1", 1, false, 0)
	wantCode(t, err, kalshi.ErrClosed)
	q.Destroy()
	q.Destroy()
	_, err = q.Poll(0)
	wantCode(t, err, kalshi.ErrClosed)
	_, err = q.PollBatch(4, 0)
	wantCode(t, err, kalshi.ErrClosed)
	if q.Len() != 0 {
		t.Fatal("len of destroyed queue")
	}
	conf := mustConf(t)
	conf.Destroy()
	conf.Destroy()
	wantCode(t, conf.Set("log.level", "info"), kalshi.ErrClosed)
	_, err = conf.Get("log.level")
	wantCode(t, err, kalshi.ErrClosed)
	_, err = kalshi.NewClient(conf)
	wantCode(t, err, kalshi.ErrClosed)
}

// Destroying a queue while another goroutine polls it forever: the poll ends with ErrClosed.
func TestDestroyQueueDuringPoll(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	done := make(chan error, 1)
	go func() {
		_, err := q.Poll(-1)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	q.Destroy()
	select {
	case err := <-done:
		wantCode(t, err, kalshi.ErrClosed)
	case <-time.After(waitMs * time.Millisecond):
		t.Fatal("Poll(-1) did not return after Destroy")
	}
}

func TestConcurrentProducersAndConsumer(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	defer q.Destroy()
	var wg sync.WaitGroup
	for p := uint64(0); p < 4; p++ {
		wg.Add(1)
		go func(p uint64) {
			defer wg.Done()
			for i := uint64(0); i < 25; i++ {
				if err := c.Echo(p*1000 + i); err != nil {
					t.Error(err)
				}
			}
		}(p)
	}
	var tags []uint64
	deadline := time.Now().Add(waitMs * time.Millisecond)
	for len(tags) < 100 && time.Now().Before(deadline) {
		evs, err := q.PollBatch(16, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.Type != kalshi.EventEcho {
				t.Fatalf("unexpected %v", e.Type)
			}
			tags = append(tags, e.UserTag)
		}
	}
	wg.Wait()
	sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
	var want []uint64
	for p := uint64(0); p < 4; p++ {
		for i := uint64(0); i < 25; i++ {
			want = append(want, p*1000+i)
		}
	}
	if len(tags) != len(want) {
		t.Fatalf("got %d tags", len(tags))
	}
	for i := range want {
		if tags[i] != want[i] {
			t.Fatalf("tag %d: %d != %d", i, tags[i], want[i])
		}
	}
}

func TestUnusableConfFailsNewClient(t *testing.T) {
	conf := mustConf(t,
		"auth.private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
		"auth.private_key_path", "/nonexistent/key.pem")
	defer conf.Destroy()
	_, err := kalshi.NewClient(conf)
	wantCode(t, err, kalshi.ErrInvalidValue)
	h := mustConf(t, "rest.host", "example.com")
	defer h.Destroy()
	_, err = kalshi.NewClient(h)
	e := wantCode(t, err, kalshi.ErrHostNotAllowed)
	if e.Retriable {
		t.Fatal("host policy error marked retriable")
	}
	if err := h.Set("net.allow_unknown_host", "true"); err != nil {
		t.Fatal(err)
	}
	c, err := kalshi.NewClient(h)
	if err != nil {
		t.Fatal(err)
	}
	c.Destroy()
}

// 1,000 create/close/destroy cycles under GC pressure, a quarter of the handles left to
// finalizers; afterwards no handle, file descriptor or significant memory may remain.
func TestCreateDestroyCyclesUnderGC(t *testing.T) {
	caller := mustConf(t, "client.mode", "caller", "client.close_timeout_ms", "100")
	defer caller.Destroy()
	start := kalshi.LiveHandles() // this test's conf, and anything earlier tests still hold
	cycle := func(i int) {
		switch i % 4 {
		case 0:
			c, err := kalshi.NewClient(nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Destroy(); err != nil {
				t.Fatal(err)
			}
		case 1:
			c, err := kalshi.NewClient(nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Close(-1); err != nil {
				t.Fatal(err)
			}
			c.Destroy()
		case 2:
			// Left to finalizers: client, queue, and a conf.
			conf, _ := kalshi.NewConf()
			c, err := kalshi.NewClient(conf)
			if err != nil {
				t.Fatal(err)
			}
			q, _ := c.Queue()
			if err := c.Echo(uint64(i)); err != nil {
				t.Fatal(err)
			}
			_ = q
		default:
			c, err := kalshi.NewClient(caller)
			if err != nil {
				t.Fatal(err)
			}
			q, _ := c.Queue()
			c.Echo(1)
			c.Destroy()
			q.Destroy()
		}
		if i%50 == 0 {
			runtime.GC()
		}
	}
	settle := func() {
		for i := 0; i < 100 && kalshi.LiveHandles() > start; i++ {
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
		}
	}
	for i := 0; i < 100; i++ {
		cycle(i)
	}
	settle()
	base := kalshi.LiveHandles()
	fdList0 := listFDs(t)
	fds0 := len(fdList0)
	rss0 := rssBytes(t)
	for i := 0; i < 1000; i++ {
		cycle(i)
	}
	settle()
	// Give descriptors closed by a thread that is just finishing a moment to go.
	for t0 := time.Now(); countFDs(t) > fds0 && time.Since(t0) < time.Second; {
		time.Sleep(10 * time.Millisecond)
	}
	fds1 := countFDs(t)
	rss1 := rssBytes(t)
	t.Logf("live handles %d->%d fds %d->%d rss %d->%d", base, kalshi.LiveHandles(), fds0, fds1, rss0, rss1)
	if kalshi.LiveHandles() != base {
		t.Fatalf("%d handles still alive (baseline %d)", kalshi.LiveHandles(), base)
	}
	// A leak per cycle would show as hundreds of descriptors. A single stray eventfd has been
	// seen intermittently (reported to the library's owners): tolerate two, but show them.
	if fds1 != fds0 {
		t.Logf("fds before: %v\nfds after:  %v", fdList0, listFDs(t))
	}
	if fds1 > fds0+2 {
		t.Fatalf("file descriptors leaked: %d -> %d", fds0, fds1)
	}
	if rss1 > rss0+16<<20 {
		t.Fatalf("RSS grew from %d to %d", rss0, rss1)
	}
}

type unixPollFd struct {
	fd      int32
	events  int16
	revents int16
}

func poll(fds []unixPollFd, timeoutMs int) (int, error) {
	for {
		ts := syscall.NsecToTimespec(int64(timeoutMs) * 1_000_000)
		tsp := unsafe.Pointer(&ts)
		if timeoutMs < 0 {
			tsp = nil
		}
		n, _, errno := syscall.Syscall6(syscall.SYS_PPOLL, uintptr(unsafe.Pointer(&fds[0])), uintptr(len(fds)),
			uintptr(tsp), 0, 0, 0)
		if errno == syscall.EINTR {
			continue
		}
		if errno != 0 {
			return 0, errno
		}
		return int(n), nil
	}
}
