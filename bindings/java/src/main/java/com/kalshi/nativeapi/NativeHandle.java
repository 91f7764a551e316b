package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Owns one native object. {@link #close()} destroys it; if the handle becomes unreachable without
 * being closed, a {@link Cleaner} destroys it (never a finalizer). Every native call made through
 * the handle holds a reference ({@link #acquire}/{@link #release}), so a close — or the Cleaner —
 * racing with a call in flight on another thread defers the destroy until that call returns, and a
 * call after close fails with {@link ErrorCode#CLOSED} instead of touching freed memory.
 */
public abstract class NativeHandle implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong LIVE = new AtomicLong();

    /** Native objects currently owned by handles of this binding (for leak checks). */
    public static long liveCount() {
        return LIVE.get();
    }

    /** Shared with the Cleaner; must not refer to the handle object. */
    private static final class State implements Runnable {
        private final Pointer ptr;
        private final Consumer<Pointer> destroy;
        // 1 for the owner plus 1 per call in flight; 0 once destroyed.
        private final AtomicInteger refs = new AtomicInteger(1);
        private final AtomicInteger ownerReleased = new AtomicInteger();

        State(Pointer ptr, Consumer<Pointer> destroy) {
            this.ptr = ptr;
            this.destroy = destroy;
        }

        boolean acquire() {
            for (;;) {
                int r = refs.get();
                if (r <= 0 || ownerReleased.get() != 0) return false;
                if (refs.compareAndSet(r, r + 1)) return true;
            }
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                destroy.accept(ptr);
                LIVE.decrementAndGet();
            }
        }

        /** Drops the owner's reference once (close or Cleaner). */
        @Override
        public void run() {
            if (ownerReleased.compareAndSet(0, 1)) release();
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;

    protected NativeHandle(Pointer ptr, Consumer<Pointer> destroy) {
        if (ptr == null) throw new IllegalArgumentException("NULL native handle");
        this.state = new State(ptr, destroy);
        LIVE.incrementAndGet();
        this.cleanable = CLEANER.register(this, state);
    }

    /** The pointer for one native call; pair with {@link #release()} in a finally block. */
    protected final Pointer acquire() {
        if (!state.acquire()) throw new KalshiException(ErrorCode.CLOSED, getClass().getSimpleName() + " is closed");
        return state.ptr;
    }

    protected final void release() {
        state.release();
    }

    /** True once {@link #close()} was called. */
    public final boolean isReleased() {
        return state.ownerReleased.get() != 0;
    }

    /** Destroys the native object (after any call in flight returns). Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
