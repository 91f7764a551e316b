package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/** A reference to a client's event queue. Poll from any thread. */
public final class EventQueue extends NativeHandle {
    EventQueue(Pointer q) {
        super(q, Util.LIB::kalshi_queue_destroy);
    }

    /** One event, waiting up to timeoutMs (0 = no wait, -1 = forever); null if none. */
    public Event poll(int timeoutMs) {
        Pointer q = acquire();
        try {
            Pointer e = Util.LIB.kalshi_queue_poll(q, timeoutMs);
            return e == null ? null : new Event(e);
        } finally {
            release();
        }
    }

    /** Up to max events; empty after the timeout. */
    public List<Event> pollBatch(int max, int timeoutMs) {
        if (max <= 0) throw new IllegalArgumentException("max must be positive");
        Pointer[] raw = new Pointer[max];
        Pointer q = acquire();
        int n;
        try {
            n = (int) Util.LIB.kalshi_queue_poll_batch(q, raw, new KalshiNative.SizeT(max), timeoutMs).longValue();
        } finally {
            release();
        }
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Event(raw[i]));
        return out;
    }

    public int length() {
        Pointer q = acquire();
        try {
            return (int) Util.LIB.kalshi_queue_length(q).longValue();
        } finally {
            release();
        }
    }

    /** An fd readable while the queue is non-empty; owned by the queue. */
    public int wakeupFd() {
        Pointer q = acquire();
        try {
            return Util.LIB.kalshi_queue_wakeup_fd(q);
        } finally {
            release();
        }
    }
}
