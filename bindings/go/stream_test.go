package kalshi_test

import (
	"io"
	"net"
	"testing"
	"time"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

// A raw TCP stream to a loopback echo server: connected, data both ways, clean close.
func TestStreamLoopbackEcho(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		io.Copy(conn, conn)
	}()
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	defer q.Destroy()
	port := uint16(ln.Addr().(*net.TCPAddr).Port)
	s, err := c.OpenStream("127.0.0.1", port, false, 77)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	// Written before the connection is up: queued until connected.
	if err := s.Write([]byte("ping ")); err != nil {
		t.Fatal(err)
	}
	ev, _ := waitFor(t, q, kalshi.EventStreamConnected)
	if ev.UserTag != 77 {
		t.Fatalf("connected tag %d", ev.UserTag)
	}
	if err := s.Write([]byte("pong")); err != nil {
		t.Fatal(err)
	}
	var got []byte
	deadline := time.Now().Add(waitMs * time.Millisecond)
	for string(got) != "ping pong" && time.Now().Before(deadline) {
		ev, err := q.Poll(100)
		if err != nil {
			t.Fatal(err)
		}
		if ev == nil {
			continue
		}
		if ev.Type != kalshi.EventStreamData || ev.UserTag != 77 {
			t.Fatalf("unexpected %v tag %d err %v", ev.Type, ev.UserTag, ev.Error)
		}
		got = append(got, ev.Data...)
	}
	if string(got) != "ping pong" {
		t.Fatalf("echoed %q", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	closed, _ := waitFor(t, q, kalshi.EventStreamClosed)
	if closed.UserTag != 77 || closed.Error != nil {
		t.Fatalf("closed event %+v", closed)
	}
	s.Destroy()
	s.Destroy()
	wantCode(t, s.Write([]byte("x")), kalshi.ErrClosed)
}

func TestStreamErrors(t *testing.T) {
	c, err := kalshi.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	q, _ := c.Queue()
	defer q.Destroy()
	_, err = c.OpenStream("example.com", 443, true, 1)
	wantCode(t, err, kalshi.ErrHostNotAllowed)

	// A port nobody listens on: the failure arrives as STREAM_CLOSED carrying the error.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := uint16(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	s, err := c.OpenStream("127.0.0.1", port, false, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	ev, _ := waitFor(t, q, kalshi.EventStreamClosed)
	if ev.UserTag != 2 || ev.Err != kalshi.ErrConnect || ev.Error == nil || ev.Error.Code != kalshi.ErrConnect {
		t.Fatalf("closed event %+v (error %+v)", ev, ev.Error)
	}
}
