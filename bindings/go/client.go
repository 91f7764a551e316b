package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
)

// Client is a libkalshi client: one I/O loop, run on the library's own thread
// (client.mode=thread, the default) or driven by Run (client.mode=caller). Safe for concurrent
// use.
type Client struct {
	h     handle
	ptr   *C.kalshi_client_t
	runMu sync.Mutex // kalshi_client_run: one thread at a time
}

// NewClient creates a client configured by conf (copied; nil = all defaults).
func NewClient(conf *Conf) (*Client, error) {
	var p *C.kalshi_client_t
	var e *C.kalshi_error_t
	var rc C.kalshi_err_t
	if conf == nil {
		rc = C.kalshi_client_new(nil, &p, &e)
	} else {
		if err := conf.readLocked(func(cp *C.kalshi_conf_t) error {
			rc = C.kalshi_client_new(cp, &p, &e)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := takeError(rc, e); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, newError(ErrInternal, "kalshi_client_new returned OK without a client")
	}
	c := &Client{ptr: p}
	liveHandles.Add(1)
	runtime.SetFinalizer(c, finalizeClient)
	return c, nil
}

// finalizeClient destroys a client nobody destroyed. Destroy may wait up to
// client.close_timeout_ms, so it runs off the finalizer goroutine.
func finalizeClient(c *Client) {
	go c.Destroy()
}

func (c *Client) with(f func(p *C.kalshi_client_t) C.kalshi_err_t) error {
	if !c.h.acquire() {
		return destroyedError("client")
	}
	defer c.h.release()
	rc := f(c.ptr)
	runtime.KeepAlive(c)
	return codeError(rc)
}

// Run drives the loop in caller mode for at most timeoutMs (0 = one non-blocking pass, -1 = until
// closed). ErrWrongMode in thread mode; ErrClosed once the client has closed. Calls from several
// goroutines are serialised.
func (c *Client) Run(timeoutMs int) error {
	c.runMu.Lock()
	defer c.runMu.Unlock()
	return c.with(func(p *C.kalshi_client_t) C.kalshi_err_t { return C.kalshi_client_run(p, C.int(timeoutMs)) })
}

// Queue returns a new reference to the client's event queue. It stays usable after the client
// is destroyed; Destroy it when done (or leave it to the finalizer).
func (c *Client) Queue() (*Queue, error) {
	var q *C.kalshi_queue_t
	if err := c.with(func(p *C.kalshi_client_t) C.kalshi_err_t {
		q = C.kalshi_client_queue(p)
		return C.KALSHI_OK
	}); err != nil {
		return nil, err
	}
	if q == nil {
		return nil, newError(ErrClosed, "kalshi_client_queue returned no queue")
	}
	qq := &Queue{ptr: q}
	liveHandles.Add(1)
	runtime.SetFinalizer(qq, (*Queue).Destroy)
	return qq, nil
}

// Echo posts a request whose completion is an EventEcho event carrying userTag.
func (c *Client) Echo(userTag uint64) error {
	return c.with(func(p *C.kalshi_client_t) C.kalshi_err_t { return C.kalshi_client_echo(p, C.uint64_t(userTag)) })
}

// Log posts an EventLog event through the client's logger (filtered by log.level).
func (c *Client) Log(level LogLevel, message string) error {
	m, err := cstring("message", message)
	if err != nil {
		return err
	}
	defer freeC(m)
	return c.with(func(p *C.kalshi_client_t) C.kalshi_err_t { return C.kalshi_client_log(p, C.int(level), m) })
}

// Close shuts the client down gracefully, waiting up to timeoutMs (-1 = client.close_timeout_ms;
// in caller mode 0 only starts the close and Run completes it). Idempotent.
func (c *Client) Close(timeoutMs int) error {
	return c.with(func(p *C.kalshi_client_t) C.kalshi_err_t { return C.kalshi_client_close(p, C.int(timeoutMs)) })
}

// Closed reports whether the client has closed or is closing (true once destroyed).
func (c *Client) Closed() bool {
	closed := true
	_ = c.with(func(p *C.kalshi_client_t) C.kalshi_err_t {
		closed = C.kalshi_client_closed(p) != 0
		return C.KALSHI_OK
	})
	return closed
}

// Destroy closes the client (with the configured timeout) and releases it. Idempotent and safe
// while other goroutines use the client: they get ErrClosed afterwards.
func (c *Client) Destroy() error {
	// Start the close first so that a goroutine blocked in Run(-1) returns and lets go.
	_ = c.with(func(p *C.kalshi_client_t) C.kalshi_err_t { return C.kalshi_client_close(p, 0) })
	if !c.h.markDestroyed() {
		return nil
	}
	runtime.SetFinalizer(c, nil)
	rc := C.kalshi_client_destroy(c.ptr)
	c.ptr = nil
	liveHandles.Add(-1)
	return codeError(rc)
}

// OpenStream starts a raw TCP (or TLS) connection on the client's loop; its outcome arrives as
// EventStreamConnected / EventStreamData / EventStreamClosed events carrying userTag.
func (c *Client) OpenStream(host string, port uint16, useTLS bool, userTag uint64) (*Stream, error) {
	ch, err := cstring("host", host)
	if err != nil {
		return nil, err
	}
	defer freeC(ch)
	flags := C.uint32_t(0)
	if useTLS {
		flags = C.KALSHI_STREAM_TLS
	}
	var s *C.kalshi_stream_t
	var e *C.kalshi_error_t
	var rc C.kalshi_err_t
	if !c.h.acquire() {
		return nil, destroyedError("client")
	}
	rc = C.kalshi_stream_open(c.ptr, ch, C.uint16_t(port), flags, C.uint64_t(userTag), &s, &e)
	c.h.release()
	runtime.KeepAlive(c)
	if err := takeError(rc, e); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, newError(ErrInternal, "kalshi_stream_open returned OK without a stream")
	}
	st := &Stream{ptr: s}
	liveHandles.Add(1)
	runtime.SetFinalizer(st, (*Stream).Destroy)
	return st, nil
}

// Queue is a reference to a client's event queue (kalshi_queue_t). Safe for concurrent use.
type Queue struct {
	h   handle
	ptr *C.kalshi_queue_t
}

// Destroy releases this reference; events still queued are freed with the last one. Idempotent.
// It waits for a Poll in progress on another goroutine to return (at most pollSlice).
func (q *Queue) Destroy() {
	if !q.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(q, nil)
	C.kalshi_queue_destroy(q.ptr)
	q.ptr = nil
	liveHandles.Add(-1)
}

// pollSlice bounds each blocking C call so that Destroy never waits longer than this.
const pollSlice = 100

func (q *Queue) pollOnce(timeoutMs int) (*C.kalshi_event_t, bool) {
	if !q.h.acquire() {
		return nil, false
	}
	defer q.h.release()
	ev := C.kalshi_queue_poll(q.ptr, C.int(timeoutMs))
	runtime.KeepAlive(q)
	return ev, true
}

// Poll waits up to timeoutMs (0 = do not wait, -1 = forever) for one event. It returns
// (nil, nil) after the timeout and ErrClosed once the queue is destroyed.
func (q *Queue) Poll(timeoutMs int) (*Event, error) {
	remaining := timeoutMs
	for {
		slice := remaining
		if remaining < 0 || remaining > pollSlice {
			slice = pollSlice
		}
		ev, ok := q.pollOnce(slice)
		if !ok {
			return nil, destroyedError("queue")
		}
		if ev != nil {
			return takeEvent(ev), nil
		}
		if remaining >= 0 {
			remaining -= slice
			if remaining <= 0 {
				return nil, nil
			}
		}
	}
}

// PollBatch takes up to max events, waiting up to timeoutMs (bounded as in Poll) for the first.
func (q *Queue) PollBatch(max int, timeoutMs int) ([]Event, error) {
	if max <= 0 {
		return nil, nil
	}
	raw := make([]*C.kalshi_event_t, max)
	remaining := timeoutMs
	for {
		slice := remaining
		if remaining < 0 || remaining > pollSlice {
			slice = pollSlice
		}
		if !q.h.acquire() {
			return nil, destroyedError("queue")
		}
		n := int(C.kalshi_queue_poll_batch(q.ptr, &raw[0], C.size_t(max), C.int(slice)))
		q.h.release()
		runtime.KeepAlive(q)
		if n > 0 {
			if n > max {
				n = max
			}
			out := make([]Event, n)
			for i := 0; i < n; i++ {
				out[i] = *takeEvent(raw[i])
			}
			return out, nil
		}
		if remaining >= 0 {
			remaining -= slice
			if remaining <= 0 {
				return nil, nil
			}
		}
	}
}

// Len is the number of events waiting now (0 once destroyed).
func (q *Queue) Len() int {
	if !q.h.acquire() {
		return 0
	}
	defer q.h.release()
	n := int(C.kalshi_queue_length(q.ptr))
	runtime.KeepAlive(q)
	return n
}

// WakeupFD is an eventfd that is readable while the queue is non-empty, for an outside poller.
// It belongs to the queue: do not read, write or close it, and stop using it before Destroy.
// -1 once destroyed.
func (q *Queue) WakeupFD() int {
	if !q.h.acquire() {
		return -1
	}
	defer q.h.release()
	fd := int(C.kalshi_queue_wakeup_fd(q.ptr))
	runtime.KeepAlive(q)
	return fd
}

// EventType is the kind of an Event (an open set: the C enum is append-only).
type EventType uint32

const (
	EventNone            EventType = C.KALSHI_EVENT_NONE
	EventLog             EventType = C.KALSHI_EVENT_LOG
	EventError           EventType = C.KALSHI_EVENT_ERROR
	EventEcho            EventType = C.KALSHI_EVENT_ECHO
	EventStreamConnected EventType = C.KALSHI_EVENT_STREAM_CONNECTED
	EventStreamData      EventType = C.KALSHI_EVENT_STREAM_DATA
	EventStreamClosed    EventType = C.KALSHI_EVENT_STREAM_CLOSED
	EventClientClosed    EventType = C.KALSHI_EVENT_CLIENT_CLOSED
	EventFixState        EventType = C.KALSHI_EVENT_FIX_STATE        // a FIX session's state changed: Event.FixState
	EventFixMessage      EventType = C.KALSHI_EVENT_FIX_MESSAGE      // a decoded message from the exchange: Event.Fix
	EventFixDecodeError  EventType = C.KALSHI_EVENT_FIX_DECODE_ERROR // undecodable bytes (Data) and why (Error)
	EventFixSendFailed   EventType = C.KALSHI_EVENT_FIX_SEND_FAILED  // a queued send could not be sent
	EventFixClosed       EventType = C.KALSHI_EVENT_FIX_CLOSED       // the last event of a FIX session
	EventRestResponse    EventType = C.KALSHI_EVENT_REST_RESPONSE    // a REST call completed: Event.Rest*, Objects, Data
	EventRestPage        EventType = C.KALSHI_EVENT_REST_PAGE        // one page of Client.RestPaginate
	EventRestDone        EventType = C.KALSHI_EVENT_REST_DONE        // a paginated listing ended (Err if it failed)
	EventWsState         EventType = C.KALSHI_EVENT_WS_STATE         // a WebSocket's state changed: Event.WsState
	EventWsMessage       EventType = C.KALSHI_EVENT_WS_MESSAGE       // a channel message: Event.Ws*, Objects, Data
	EventWsReply         EventType = C.KALSHI_EVENT_WS_REPLY         // a command's reply or error, with its user tag
	EventWsResync        EventType = C.KALSHI_EVENT_WS_RESYNC        // a subscription lost messages; resubscribing
	EventWsClosed        EventType = C.KALSHI_EVENT_WS_CLOSED        // the last event of a WebSocket
	EventBookTop         EventType = C.KALSHI_EVENT_BOOK_TOP         // a local book's best bid or ask changed: WsMarket
)

// Name is "KALSHI_EVENT_ECHO" etc.
func (t EventType) Name() string {
	return C.GoString(C.kalshi_event_type_name(C.kalshi_event_type_t(t)))
}

func (t EventType) String() string { return t.Name() }

// LogLevel is the severity of a log event.
type LogLevel int

const (
	LogError LogLevel = C.KALSHI_LOG_ERROR
	LogWarn  LogLevel = C.KALSHI_LOG_WARN
	LogInfo  LogLevel = C.KALSHI_LOG_INFO
	LogDebug LogLevel = C.KALSHI_LOG_DEBUG
	LogTrace LogLevel = C.KALSHI_LOG_TRACE
)

func (l LogLevel) String() string {
	switch l {
	case LogError:
		return "error"
	case LogWarn:
		return "warn"
	case LogInfo:
		return "info"
	case LogDebug:
		return "debug"
	case LogTrace:
		return "trace"
	}
	return "LogLevel(?)"
}

// Event is an event taken from a Queue, copied into Go memory. The C event is freed at once,
// except for EventFixMessage and EventFixState events: a decoded FIX message is read through the
// library's accessors, so those keep the C event until Release (or, as a safety net, until the
// garbage collector finds the Event, its FixMessage and every group entry unreachable). Event is
// a value: copies share the retained C event.
type Event struct {
	Type        EventType
	UserTag     uint64
	Err         Code   // OK when the event carries no error
	Error       *Error // the event's error object, nil when none
	Data        []byte // payload: stream bytes, log text...
	LogLevel    LogLevel
	TimestampNs uint64 // monotonic ns when the library created the event

	// FixState is the new state of an EventFixState event (leaving FixActive, Err and Error
	// give the reason).
	FixState FixState
	// Fix is the message of an EventFixMessage event (nil otherwise), readable until Release.
	Fix *FixMessage

	// Objects are the typed objects of REST responses and pages (one per listed item) and of
	// WebSocket messages, copied into Go memory (no Release needed); nil for other events.
	Objects []*Object

	// REST events (EventRestResponse, EventRestPage, EventRestDone); Data is the raw body.
	RestStatus    int    // HTTP status (0 if no response arrived)
	RestOperation string // the operationId
	RestPageIndex uint32 // EventRestPage: 0-based page number; EventRestDone: pages delivered
	RestTruncated bool   // EventRestDone: the max_pages limit cut the listing short
	RestCursor    string // the response's cursor ("" if none)

	// WebSocket events (EventWsState, EventWsMessage, EventWsReply, EventWsResync, EventWsClosed,
	// EventBookTop); Data is the message's JSON.
	WsState   WsState // EventWsState: the new state (leaving WsOpen, Err and Error give the reason)
	WsChannel string  // EventWsMessage: "orderbook_delta", "ticker", ... ("raw" for an unknown one)
	WsType    string  // EventWsMessage: the message type ("orderbook_snapshot", ...)
	WsSid     uint64  // the subscription (EventWsReply to a subscribe, EventWsMessage, EventWsResync)
	WsSeq     uint64  // EventWsMessage: the subscription's sequence number
	WsMarket  string  // the market ticker (EventBookTop; messages about one market)

	fix *fixEvent // the retained C event of FIX_STATE / FIX_MESSAGE events
}

// Text is Data as a string.
func (e *Event) Text() string { return string(e.Data) }

// Release frees the C event an EventFixMessage or EventFixState event retains; afterwards the
// event's FixMessage (and its group entries) return ErrClosed. A no-op for other events and when
// already released; safe to call from any goroutine, also while another reads the message.
func (e *Event) Release() {
	if e != nil && e.fix != nil {
		e.fix.destroy()
	}
}

func takeEvent(ev *C.kalshi_event_t) *Event {
	out := &Event{
		Type:        EventType(C.kalshi_event_type(ev)),
		UserTag:     uint64(C.kalshi_event_user_tag(ev)),
		Err:         Code(C.kalshi_event_err(ev)),
		LogLevel:    LogLevel(C.kalshi_event_log_level(ev)),
		TimestampNs: uint64(C.kalshi_event_timestamp_ns(ev)),
	}
	if e := C.kalshi_event_error(ev); e != nil {
		out.Error = copyError(e)
	}
	var n C.size_t
	if d := C.kalshi_event_data(ev, &n); d != nil && n > 0 {
		out.Data = C.GoBytes(unsafe.Pointer(d), C.int(n))
	}
	switch out.Type {
	case EventFixState:
		out.FixState = FixState(C.kalshi_event_fix_state(ev))
		out.fix = retainEvent(ev)
	case EventFixMessage:
		out.fix = retainEvent(ev)
		if m := C.kalshi_event_fix_msg(ev); m != nil {
			out.Fix = &FixMessage{ev: out.fix, ptr: m}
		}
	case EventRestResponse, EventRestPage, EventRestDone:
		copyRestEvent(out, ev)
		C.kalshi_event_destroy(ev)
	case EventWsState, EventWsMessage, EventWsReply, EventWsResync, EventWsClosed, EventBookTop:
		copyWsEvent(out, ev)
		C.kalshi_event_destroy(ev)
	default:
		C.kalshi_event_destroy(ev)
	}
	return out
}

// Stream is a raw TCP/TLS byte stream on a client's loop (Client.OpenStream).
type Stream struct {
	h   handle
	ptr *C.kalshi_stream_t
}

// Write copies data and queues it for sending.
func (s *Stream) Write(data []byte) error {
	if !s.h.acquire() {
		return destroyedError("stream")
	}
	defer s.h.release()
	var d *C.uint8_t
	if len(data) > 0 {
		d = (*C.uint8_t)(unsafe.Pointer(&data[0]))
	}
	rc := C.kalshi_stream_write(s.ptr, d, C.size_t(len(data)))
	runtime.KeepAlive(data)
	runtime.KeepAlive(s)
	return codeError(rc)
}

// Close starts a graceful close; EventStreamClosed follows. Idempotent.
func (s *Stream) Close() error {
	if !s.h.acquire() {
		return destroyedError("stream")
	}
	defer s.h.release()
	rc := C.kalshi_stream_close(s.ptr)
	runtime.KeepAlive(s)
	return codeError(rc)
}

// Destroy closes if needed and releases the stream. Idempotent.
func (s *Stream) Destroy() {
	if !s.h.markDestroyed() {
		return
	}
	runtime.SetFinalizer(s, nil)
	C.kalshi_stream_destroy(s.ptr)
	s.ptr = nil
	liveHandles.Add(-1)
}
