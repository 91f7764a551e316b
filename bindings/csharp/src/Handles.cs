// libkalshi for .NET — SafeHandle subclasses, one per owning C handle type.
//
// A SafeHandle is reference-counted by the runtime around every P/Invoke that receives it, so a
// Dispose (or the finalizer) racing with a call in flight on another thread defers the destroy
// until the call returns: the library never sees a freed pointer. The library itself keeps child
// objects (queues) alive while their client is being destroyed, so finalization order is free.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Kalshi.Interop
{
    public abstract class KalshiHandle : SafeHandle
    {
        private static long live;

        /// <summary>Native objects currently owned by handles of this binding (for leak checks).</summary>
        public static long LiveCount { get { return Interlocked.Read(ref live); } }

        protected KalshiHandle() : base(IntPtr.Zero, true) { }

        internal KalshiHandle(IntPtr p) : base(IntPtr.Zero, true)
        {
            SetHandle(p);
            Track();
        }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        // 1 while this handle is counted in LiveCount. Handles returned by the marshaller are
        // counted by the wrapper that receives them (Track), right after the native call.
        private int tracked;

        internal void Track()
        {
            if (!IsInvalid && Interlocked.CompareExchange(ref tracked, 1, 0) == 0)
                Interlocked.Increment(ref live);
        }

        protected sealed override bool ReleaseHandle()
        {
            Destroy(handle);
            if (Interlocked.Exchange(ref tracked, 0) == 1) Interlocked.Decrement(ref live);
            return true;
        }

        protected abstract void Destroy(IntPtr p);
    }

    public sealed class ConfHandle : KalshiHandle
    {
        public ConfHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_conf_destroy(p); }
    }

    public sealed class ClientHandle : KalshiHandle
    {
        public ClientHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_client_destroy(p); }
    }

    public sealed class QueueHandle : KalshiHandle
    {
        public QueueHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_queue_destroy(p); }
    }

    public sealed class EventHandle : KalshiHandle
    {
        public EventHandle() { }
        internal EventHandle(IntPtr p) : base(p) { }
        protected override void Destroy(IntPtr p) { Native.kalshi_event_destroy(p); }
    }

    public sealed class StreamHandle : KalshiHandle
    {
        public StreamHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_stream_destroy(p); }
    }

    public sealed class KeyHandle : KalshiHandle
    {
        public KeyHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_key_destroy(p); }
    }

    public sealed class FixSessionHandle : KalshiHandle
    {
        public FixSessionHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_fix_session_destroy(p); }
    }

    public sealed class FixBuilderHandle : KalshiHandle
    {
        public FixBuilderHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_fix_builder_destroy(p); }
    }

    public sealed class BookHandle : KalshiHandle
    {
        public BookHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_book_destroy(p); }
    }

    public sealed class SettlementAssemblerHandle : KalshiHandle
    {
        public SettlementAssemblerHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_settlement_assembler_destroy(p); }
    }

    public sealed class SettlementHandle : KalshiHandle
    {
        public SettlementHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_settlement_destroy(p); }
    }

    public sealed class SimHandle : KalshiHandle
    {
        public SimHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_sim_destroy(p); }
    }

    public sealed class RestParamsHandle : KalshiHandle
    {
        public RestParamsHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_rest_params_destroy(p); }
    }

    public sealed class WsHandle : KalshiHandle
    {
        public WsHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_ws_destroy(p); }
    }

    public sealed class ErrorHandle : KalshiHandle
    {
        public ErrorHandle() { }
        protected override void Destroy(IntPtr p) { Native.kalshi_error_destroy(p); }
    }
}
