// libkalshi for .NET — the client (client.h), its event queue and events (queue.h).
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    public enum EventType
    {
        None = 0,
        Log = 1,
        Error = 2,
        Echo = 3,
        StreamConnected = 4,
        StreamData = 5,
        StreamClosed = 6,
        ClientClosed = 7,
        /// <summary>A FIX session's state changed: Event.FixState; leaving Active carries the reason as Event.Error.</summary>
        FixState = 8,
        /// <summary>A decoded message from the exchange: Event.FixMessage.</summary>
        FixMessage = 9,
        /// <summary>Bytes that could not be framed or decoded (Event.Data) and why (Event.Error).</summary>
        FixDecodeError = 10,
        /// <summary>A send queued from another thread could not be sent; carries the send's user tag.</summary>
        FixSendFailed = 11,
        /// <summary>The last event of a FIX session.</summary>
        FixClosed = 12,
        /// <summary>A REST call completed: Event.Err/Error, RestStatus, Data (the body),
        /// RestOperation, Objects (the typed view).</summary>
        RestResponse = 13,
        /// <summary>One page of a paginated listing: as RestResponse, plus RestPageIndex.</summary>
        RestPage = 14,
        /// <summary>A paginated listing ended (Err set if it failed; RestTruncated when max_pages cut it).</summary>
        RestDone = 15,
        /// <summary>A WebSocket's state changed: Event.WsState; leaving Open carries the reason as Event.Error.</summary>
        WsState = 16,
        /// <summary>A WebSocket channel message: WsChannel, WsType, WsSid, WsSeq, Data, Objects[0].</summary>
        WsMessage = 17,
        /// <summary>A WebSocket command's reply or error, with the command's user tag (WsSid for subscribe).</summary>
        WsReply = 18,
        /// <summary>A subscription lost messages: its books were cleared and it is resubscribing.</summary>
        WsResync = 19,
        /// <summary>The last event of a WebSocket connection.</summary>
        WsClosed = 20,
        /// <summary>A local book's best bid or ask changed (ws.top_events=true): WsMarket.</summary>
        BookTop = 21,
    }

    public enum LogLevel
    {
        Error = 0,
        Warn = 1,
        Info = 2,
        Debug = 3,
        Trace = 4,
    }

    /// <summary>A client: one event loop, on its own thread (client.mode=thread, the default) or
    /// driven by the application through Run (client.mode=caller).</summary>
    public sealed partial class Client : IDisposable
    {
        internal readonly ClientHandle Handle;

        /// <summary>Creates a client from a copy of conf (null = defaults).</summary>
        public Client(Conf conf = null)
        {
            ClientHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_client_new(conf != null ? conf.Handle : new ConfHandle(), out h, out err);
            if (rc != 0)
            {
                if (h != null && !h.IsInvalid) h.Dispose();
                Errors.Check(rc, err);
            }
            if (err != null) err.Dispose();
            h.Track();
            Handle = h;
        }

        /// <summary>A new reference to the client's event queue.</summary>
        public EventQueue Queue()
        {
            QueueHandle q = Native.kalshi_client_queue(Handle);
            if (q.IsInvalid) throw new KalshiException(ErrorCode.Closed, "no queue: the client is destroyed");
            q.Track();
            return new EventQueue(q);
        }

        /// <summary>Caller mode: runs the loop for at most timeoutMs (0 = one pass, -1 = until
        /// closed). Returns false once the client has closed (KALSHI_ERR_CLOSED).</summary>
        public bool Run(int timeoutMs)
        {
            int rc = Native.kalshi_client_run(Handle, timeoutMs);
            if (rc == (int)ErrorCode.Closed) return false;
            Errors.Check(rc);
            return true;
        }

        /// <summary>Posts a request whose completion is an Echo event carrying userTag.</summary>
        public void Echo(ulong userTag) { Errors.Check(Native.kalshi_client_echo(Handle, userTag)); }

        /// <summary>Posts a Log event through the client's logger (filtered by log.level).</summary>
        public void Log(LogLevel level, string message)
        {
            if (message == null) throw new ArgumentNullException("message");
            Errors.Check(Native.kalshi_client_log(Handle, (int)level, Utf8.Encode(message)));
        }

        /// <summary>Graceful close, waiting up to timeoutMs (-1 = client.close_timeout_ms).</summary>
        public void Close(int timeoutMs = -1) { Errors.Check(Native.kalshi_client_close(Handle, timeoutMs)); }

        public bool IsClosed { get { return Native.kalshi_client_closed(Handle) != 0; } }

        /// <summary>Closes if needed and releases the handle (kalshi_client_destroy).</summary>
        public void Dispose() { Handle.Dispose(); }
    }

    /// <summary>A reference to a client's event queue. Poll from any thread.</summary>
    public sealed class EventQueue : IDisposable
    {
        internal readonly QueueHandle Handle;

        internal EventQueue(QueueHandle h) { Handle = h; }

        /// <summary>One event, waiting up to timeoutMs (0 = no wait, -1 = forever); null if none.</summary>
        public Event Poll(int timeoutMs)
        {
            EventHandle e = Native.kalshi_queue_poll(Handle, timeoutMs);
            if (e.IsInvalid) return null;
            e.Track();
            return new Event(e);
        }

        /// <summary>Up to max events; an empty list after the timeout.</summary>
        public List<Event> PollBatch(int max, int timeoutMs)
        {
            if (max <= 0) throw new ArgumentOutOfRangeException("max");
            IntPtr[] raw = new IntPtr[max];
            int n = (int)(ulong)Native.kalshi_queue_poll_batch(Handle, raw, (UIntPtr)(ulong)max, timeoutMs);
            var list = new List<Event>(n);
            for (int i = 0; i < n; i++) list.Add(new Event(new EventHandle(raw[i])));
            return list;
        }

        public int Length { get { return (int)(ulong)Native.kalshi_queue_length(Handle); } }

        /// <summary>An fd readable while the queue is non-empty (owned by the queue).</summary>
        public int WakeupFd { get { return Native.kalshi_queue_wakeup_fd(Handle); } }

        public void Dispose() { Handle.Dispose(); }
    }

    /// <summary>One event. Its data is valid until Dispose; properties copy it out.</summary>
    public sealed partial class Event : IDisposable
    {
        internal readonly EventHandle Handle;

        internal Event(EventHandle h) { Handle = h; }

        public EventType Type { get { return (EventType)Native.kalshi_event_type(Handle); } }
        public static string TypeName(EventType t) { return Utf8.Decode(Native.kalshi_event_type_name((int)t)); }
        public string Name { get { return TypeName(Type); } }
        public ulong UserTag { get { return Native.kalshi_event_user_tag(Handle); } }
        public ErrorCode Err { get { return (ErrorCode)Native.kalshi_event_err(Handle); } }
        public LogLevel LogLevel { get { return (LogLevel)Native.kalshi_event_log_level(Handle); } }
        public ulong TimestampNs { get { return Native.kalshi_event_timestamp_ns(Handle); } }

        /// <summary>The event's error object (a copy), null when it carries none.</summary>
        public KalshiError Error
        {
            get
            {
                bool added = false;
                try
                {
                    Handle.DangerousAddRef(ref added);
                    return KalshiError.FromBorrowed(Native.kalshi_event_error(Handle));
                }
                finally
                {
                    if (added) Handle.DangerousRelease();
                }
            }
        }

        /// <summary>A copy of the payload bytes.</summary>
        public byte[] Data
        {
            get
            {
                bool added = false;
                try
                {
                    Handle.DangerousAddRef(ref added);
                    UIntPtr len;
                    IntPtr p = Native.kalshi_event_data(Handle, out len);
                    byte[] b = new byte[(int)(ulong)len];
                    if (b.Length > 0) System.Runtime.InteropServices.Marshal.Copy(p, b, 0, b.Length);
                    return b;
                }
                finally
                {
                    if (added) Handle.DangerousRelease();
                }
            }
        }

        /// <summary>The session state a FixState event reports (kalshi_event_fix_state).</summary>
        public FixState FixState { get { return (FixState)Native.kalshi_event_fix_state(Handle); } }

        /// <summary>The decoded message of a FixMessage event, null for any other event. It is a
        /// view into this event: valid until the event is disposed (then its members throw
        /// ObjectDisposedException); every value it returns is a managed copy.</summary>
        public FixMessage FixMessage
        {
            get
            {
                bool added = false;
                try
                {
                    Handle.DangerousAddRef(ref added);
                    IntPtr m = Native.kalshi_event_fix_msg(Handle);
                    return m == IntPtr.Zero ? null : new FixMessage(Handle, m);
                }
                finally
                {
                    if (added) Handle.DangerousRelease();
                }
            }
        }

        /// <summary>The payload as UTF-8 text (log messages).</summary>
        public string Text { get { return System.Text.Encoding.UTF8.GetString(Data); } }

        public void Dispose() { Handle.Dispose(); }

        public override string ToString() { return Name + " tag=" + UserTag; }
    }
}
