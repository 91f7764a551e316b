// libkalshi for .NET — the Event accessors of typed objects, REST responses and WebSocket
// messages (obj.h, rest.h, ws.h).
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    public sealed partial class Event
    {
        // A string the event owns, copied out with the event referenced.
        private string BorrowedString(Func<EventHandle, IntPtr> get)
        {
            bool added = false;
            try
            {
                Handle.DangerousAddRef(ref added);
                return Utf8.Decode(get(Handle)) ?? "";
            }
            finally
            {
                if (added) Handle.DangerousRelease();
            }
        }

        /// <summary>How many typed objects the event carries (a list response: one per item).</summary>
        public int ObjectCount { get { return (int)(ulong)Native.kalshi_event_obj_count(Handle); } }

        /// <summary>The i-th typed object (a view valid until the event is disposed), or null
        /// when i is out of range.</summary>
        public KalshiObject Object(int i)
        {
            if (i < 0) return null;
            bool added = false;
            try
            {
                Handle.DangerousAddRef(ref added);
                IntPtr o = Native.kalshi_event_obj(Handle, (UIntPtr)(ulong)i);
                return o == IntPtr.Zero ? null : new KalshiObject(Handle, o);
            }
            finally
            {
                if (added) Handle.DangerousRelease();
            }
        }

        /// <summary>Every typed object of the event, in order (views, as Object).</summary>
        public IReadOnlyList<KalshiObject> Objects
        {
            get
            {
                int n = ObjectCount;
                var list = new List<KalshiObject>(n);
                for (int i = 0; i < n; i++)
                {
                    KalshiObject o = Object(i);
                    if (o != null) list.Add(o);
                }
                return list;
            }
        }

        /// <summary>The HTTP status of a REST event (0 if no response arrived).</summary>
        public int RestStatus { get { return Native.kalshi_event_rest_status(Handle); } }

        /// <summary>The operationId of a REST event ("GetMarkets").</summary>
        public string RestOperation { get { return BorrowedString(Native.kalshi_event_rest_operation); } }

        /// <summary>A RestPage's index from 0; on RestDone, the number of pages delivered.</summary>
        public int RestPageIndex { get { return (int)Native.kalshi_event_rest_page_index(Handle); } }

        /// <summary>RestDone: max_pages stopped the listing before the cursor ran out.</summary>
        public bool RestTruncated { get { return Native.kalshi_event_rest_truncated(Handle) != 0; } }

        /// <summary>The response's "cursor" ("" if none).</summary>
        public string RestCursor { get { return BorrowedString(Native.kalshi_event_rest_cursor); } }

        /// <summary>The connection state a WsState event reports.</summary>
        public WsState WsState { get { return (WsState)Native.kalshi_event_ws_state(Handle); } }

        /// <summary>A WsMessage's channel as the spec names it ("orderbook_delta", "ticker", ...;
        /// "raw" for anything unknown).</summary>
        public string WsChannel { get { return BorrowedString(Native.kalshi_event_ws_channel); } }

        /// <summary>A WsMessage's "type" ("orderbook_snapshot", "orderbook_delta", ...).</summary>
        public string WsType { get { return BorrowedString(Native.kalshi_event_ws_type); } }

        /// <summary>The subscription id of a WsMessage, a subscribe's WsReply, or a WsResync.</summary>
        public ulong WsSid { get { return Native.kalshi_event_ws_sid(Handle); } }

        /// <summary>A WsMessage's sequence number (0 when the channel has none).</summary>
        public ulong WsSeq { get { return Native.kalshi_event_ws_seq(Handle); } }

        /// <summary>The market ticker of a WsMessage or a BookTop event ("" if none).</summary>
        public string WsMarket { get { return BorrowedString(Native.kalshi_event_ws_market); } }
    }
}
