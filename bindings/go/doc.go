// Package kalshi is the Go binding of libkalshi, the native Kalshi client (FIX, REST, WebSocket)
// with a stable C ABI. It links libkalshi through cgo and pkg-config (`#cgo pkg-config: kalshi`).
//
// Conventions:
//
//   - Every failure is a *Error (Code, Name, Message, ...); use errors.As to get it, or
//     errors.Is(err, kalshi.ErrTimeout) to test the code.
//   - Handles (Conf, Key, Client, Queue, Stream, WebSocket, ...) have an explicit Destroy (Close for Client is the
//     graceful shutdown) and a finalizer as a safety net. Destroy is idempotent, safe to call
//     concurrently with other methods, and a destroyed handle returns an ErrClosed error instead
//     of crashing.
//   - The library never calls into Go: events are taken from the client's Queue (Poll,
//     PollBatch, or WakeupFD for an outside poller) and copied into Go values. FIX events
//     (EventFixMessage, EventFixState) keep their C event for the message accessors until
//     Event.Release (a finalizer is the safety net); values read from them are Go copies.
//   - FIX: Client.OpenFixSession, FixSession.Send* (typed shortcuts) and Send (FixBuilder);
//     received messages through Event.Fix (*FixMessage: typed getters, groups, fields) and
//     Event.ExecutionReport; DecodeFix for captured messages; Book and SettlementAssembler.
//   - REST: Client.RestCall (any operation by operationId, RestParams), RestPaginate and typed
//     helpers (RestCreateOrder, RestGetMarket, ...); the outcome is an EventRestResponse (or
//     EventRestPage/EventRestDone) with the raw body in Data and typed Objects.
//   - WebSocket: Client.OpenWebSocket, Subscribe/Unsubscribe/UpdateSubscription, local books
//     (BookBest, BookCopy); EventWsMessage events with typed Objects, EventWsReply, EventWsState,
//     EventWsResync, EventBookTop, EventWsClosed.
//   - Typed objects (Object): decoded REST models and WebSocket messages, copied into Go when the
//     event is polled; fields by spec name with exact Price and Count values, book levels.
//   - Simulator (StartSimulator): kalshi-sim, a local exchange inside the process, for tests;
//     ClientConf points a client's Conf at it.
//   - Prices and counts are exact scaled integers (Price, Count); no floating point.
package kalshi
