// libkalshi for .NET — WebSocket connections (ws.h): channel subscriptions with sequence checks,
// reconnect and resubscribe, and local order books.
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>kalshi_ws_state_t.</summary>
    public enum WsState
    {
        Connecting = 0,
        Open = 1,
        Reconnecting = 2,
        Closing = 3,
        Closed = 4,
    }

    /// <summary>One WebSocket connection (kalshi_ws_t) on a client's loop. Its events arrive on
    /// the client's queue: WsState, WsMessage, WsReply (with the command's user tag), WsResync,
    /// BookTop, and WsClosed last. Thread-safe; the local books can be read from any thread.
    /// Holds its Client, so the client is never collected first.</summary>
    public sealed class WebSocket : IDisposable
    {
        internal readonly WsHandle Handle;

        /// <summary>The client this connection runs on.</summary>
        public Client Client { get; private set; }

        /// <summary>The user tag of the connection's own events (state, messages, closed).</summary>
        public ulong UserTag { get; private set; }

        private WebSocket(WsHandle h, Client client, ulong userTag)
        {
            Handle = h;
            Client = client;
            UserTag = userTag;
        }

        /// <summary>Starts connecting (kalshi_ws_open) with the client's ws.* settings, overlaid
        /// with overrides (may be null). Errors known before any traffic throw here.</summary>
        public static WebSocket Open(Client client, Conf overrides = null, ulong userTag = 0)
        {
            if (client == null) throw new ArgumentNullException("client");
            WsHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_ws_open(client.Handle, overrides != null ? overrides.Handle : new ConfHandle(), userTag, out h, out err);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc, err);
            h.Track();
            return new WebSocket(h, client, userTag);
        }

        /// <summary>Subscribes channels (spec names: "orderbook_delta", "ticker", "trade",
        /// "fill", ...) for markets (null or empty for channels that take none). The reply is a
        /// WsReply event with userTag and the new Event.WsSid.</summary>
        public void Subscribe(IList<string> channels, IList<string> marketTickers = null, ulong userTag = 0)
        {
            if (channels == null) throw new ArgumentNullException("channels");
            using (var ch = new Utf8Array(channels, "channels"))
            using (var tk = new Utf8Array(marketTickers, "marketTickers"))
            {
                ErrorHandle err;
                int rc = Native.kalshi_ws_subscribe(Handle, ch.Pointers, ch.Length, tk.Pointers, tk.Length, userTag, out err);
                Errors.Check(rc, err);
            }
        }

        /// <summary>Ends a subscription; a sid from before a reconnect or a resync still names it.</summary>
        public void Unsubscribe(ulong sid, ulong userTag = 0)
        {
            ErrorHandle err;
            Errors.Check(Native.kalshi_ws_unsubscribe(Handle, sid, userTag, out err), err);
        }

        /// <summary>Adds markets to a subscription (update_subscription "add_markets").</summary>
        public void AddMarkets(ulong sid, IList<string> marketTickers, ulong userTag = 0) { Update(sid, "add_markets", marketTickers, userTag); }

        /// <summary>Removes markets from a subscription (update_subscription "delete_markets").</summary>
        public void DeleteMarkets(ulong sid, IList<string> marketTickers, ulong userTag = 0) { Update(sid, "delete_markets", marketTickers, userTag); }

        /// <summary>update_subscription with the spec's action ("add_markets" | "delete_markets").</summary>
        public void Update(ulong sid, string action, IList<string> marketTickers, ulong userTag = 0)
        {
            if (action == null) throw new ArgumentNullException("action");
            using (var tk = new Utf8Array(marketTickers, "marketTickers"))
            {
                ErrorHandle err;
                int rc = Native.kalshi_ws_update_subscription(Handle, sid, Utf8.Encode(action), tk.Pointers, tk.Length, userTag, out err);
                Errors.Check(rc, err);
            }
        }

        /// <summary>Asks for the list of subscriptions: a WsReply with the JSON in Event.Data.</summary>
        public void ListSubscriptions(ulong userTag = 0)
        {
            ErrorHandle err;
            Errors.Check(Native.kalshi_ws_list_subscriptions(Handle, userTag, out err), err);
        }

        /// <summary>The connection's current state.</summary>
        public WsState State { get { return (WsState)Native.kalshi_ws_state(Handle); } }

        /// <summary>"KALSHI_WS_OPEN" etc. (kalshi_ws_state_name).</summary>
        public static string StateName(WsState s) { return Utf8.Decode(Native.kalshi_ws_state_name((int)s)) ?? ""; }

        /// <summary>Messages dropped so far by the drop_oldest overflow policy (ws.overflow).</summary>
        public ulong Dropped { get { return Native.kalshi_ws_dropped(Handle); } }

        /// <summary>The best level of a local book (kept for markets subscribed to
        /// orderbook_delta); false for an unknown market or an empty side. Prediction: YES bids
        /// are bids, NO bids are asks at 1 - price.</summary>
        public bool TryGetBest(string marketTicker, BookSide side, out BookLevel level)
        {
            if (marketTicker == null) throw new ArgumentNullException("marketTicker");
            long price, size;
            int rc = Native.kalshi_ws_book_best(Handle, Utf8.Encode(marketTicker), (int)side, out price, out size);
            level = default(BookLevel);
            if (rc == (int)ErrorCode.NotFound) return false;
            Errors.Check(rc);
            level = new BookLevel(new Price(price), new Count(size));
            return true;
        }

        /// <summary>The best level of a local book, or null (TryGetBest).</summary>
        public BookLevel? Best(string marketTicker, BookSide side)
        {
            BookLevel l;
            return TryGetBest(marketTicker, side, out l) ? l : (BookLevel?)null;
        }

        /// <summary>Copies one market's local book into a caller-owned Book (replacing that
        /// symbol there): a consistent snapshot of every level.</summary>
        public void CopyBook(string marketTicker, Book into)
        {
            if (marketTicker == null) throw new ArgumentNullException("marketTicker");
            if (into == null) throw new ArgumentNullException("into");
            ErrorHandle err;
            Errors.Check(Native.kalshi_ws_book_copy(Handle, Utf8.Encode(marketTicker), into.Handle, out err), err);
        }

        /// <summary>Graceful close (a close frame; nothing is unsubscribed); WsClosed follows.
        /// Idempotent.</summary>
        public void Close() { Errors.Check(Native.kalshi_ws_close(Handle)); }

        /// <summary>Closes if needed and releases the handle (kalshi_ws_destroy).</summary>
        public void Dispose() { Handle.Dispose(); }
    }
}
