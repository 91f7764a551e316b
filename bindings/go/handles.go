package kalshi

import (
	"sync"
	"sync/atomic"
)

var liveHandles atomic.Int64

// LiveHandles is the number of library handles (Conf, Key, Client, Queue, Stream, FixSession,
// FixBuilder, Book, SettlementAssembler, WebSocket, and the C events retained by FIX events until
// Event.Release) this binding has created and not yet destroyed, explicitly or by a finalizer.
// Useful to find handle leaks.
func LiveHandles() int64 { return liveHandles.Load() }

// handle guards one C pointer: methods hold the read lock for the duration of their C call,
// destroy takes the write lock, so a handle is never freed under a running call and using a
// destroyed handle gives ErrClosed.
type handle struct {
	mu        sync.RWMutex
	destroyed bool
}

func (h *handle) acquire() bool {
	h.mu.RLock()
	if h.destroyed {
		h.mu.RUnlock()
		return false
	}
	return true
}

func (h *handle) release() { h.mu.RUnlock() }

// markDestroyed returns true exactly once, to the caller that must free the C object.
func (h *handle) markDestroyed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.destroyed {
		return false
	}
	h.destroyed = true
	return true
}
