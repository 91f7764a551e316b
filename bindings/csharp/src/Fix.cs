// libkalshi for .NET — FIX sessions (fix.h): opening and closing, sending (builder and typed
// shortcuts), and reading received messages. Prices are Price (dollars x 10^6), quantities Count
// (contracts x 10^2) whatever the wire format; the library converts exactly and refuses what the
// wire cannot carry (ErrorCode.Inexact).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>kalshi_fix_state_t. Append-only.</summary>
    public enum FixState
    {
        /// <summary>No connection (waiting to reconnect, or finished).</summary>
        Disconnected = 0,
        /// <summary>DNS, TCP, TLS.</summary>
        Connecting = 1,
        /// <summary>Logon sent, waiting for the exchange's.</summary>
        LoggingOn = 2,
        /// <summary>Logged on: messages can be sent.</summary>
        Active = 3,
        /// <summary>Logout sent, waiting for the answer.</summary>
        LoggingOut = 4,
    }

    /// <summary>kalshi_product_t: which gateway family a message belongs to.</summary>
    public enum Product
    {
        /// <summary>Event contracts.</summary>
        Prediction = 0,
        /// <summary>Perps.</summary>
        Margin = 1,
    }

    /// <summary>The action of an order group request (kalshi_fix_send_order_group).</summary>
    public enum OrderGroupAction
    {
        Create = 1,
        Reset = 2,
        Delete = 3,
        Trigger = 4,
        Update = 5,
    }

    /// <summary>Functions of fix.h that need no session.</summary>
    public static class Fix
    {
        /// <summary>"KALSHI_FIX_ACTIVE" etc. (kalshi_fix_state_name).</summary>
        public static string StateName(FixState state) { return Utf8.Decode(Native.kalshi_fix_state_name((int)state)); }

        /// <summary>Decodes one whole exchange-to-client message (8= .. 10=, e.g. from a log or a
        /// capture) into a FixMessage event owned by the caller, exactly as a session would deliver
        /// it (kalshi_fix_decode). useDollars: the session's UseDollars (prices in cents otherwise,
        /// on prediction). Bad framing or a value that does not decode throws ErrorCode.Protocol.</summary>
        public static Event Decode(byte[] frame, Product product = Product.Prediction, bool useDollars = false)
        {
            if (frame == null) throw new ArgumentNullException("frame");
            EventHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_fix_decode(frame, (UIntPtr)(ulong)frame.Length, (int)product, useDollars ? 1 : 0, out h, out err);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc, err);
            h.Track();
            return new Event(h);
        }

        // C char arguments: one ASCII byte (0 = omitted where the header allows it).
        internal static byte Ascii(char c, string name)
        {
            if (c > '\x7f') throw new ArgumentOutOfRangeException(name, "an ASCII character is expected");
            return (byte)c;
        }

        internal static uint Tag(int tag)
        {
            if (tag <= 0) throw new ArgumentOutOfRangeException("tag", "FIX tags are positive");
            return (uint)tag;
        }

        internal static byte[] Required(string s, string name)
        {
            if (s == null) throw new ArgumentNullException(name);
            return Utf8.Encode(s);
        }
    }

    /// <summary>One logged-on FIX connection of one type (KalshiNR, RT, DC, PT, RFQ or MD),
    /// kalshi_fix_session_t. Its events arrive on the client's queue with the session's user tag:
    /// FixState, FixMessage, FixDecodeError, FixSendFailed (with the send's tag) and, last,
    /// FixClosed. A session keeps its Client reachable (and the library keeps the native client
    /// alive), so it never outlives the loop it runs on.</summary>
    public sealed class FixSession : IDisposable
    {
        internal readonly FixSessionHandle Handle;

        /// <summary>The client this session runs on.</summary>
        public Client Client { get; private set; }

        /// <summary>The user tag every event of this session carries.</summary>
        public ulong UserTag { get; private set; }

        private FixSession(FixSessionHandle h, Client client, ulong userTag)
        {
            Handle = h;
            Client = client;
            UserTag = userTag;
        }

        /// <summary>Validates the settings (the client's configuration overlaid with overrides,
        /// e.g. fix.session, fix.product, fix.logon.*) and starts connecting
        /// (kalshi_fix_session_open). Errors known before any traffic throw here: InvalidValue,
        /// KeyUnsupported, HostNotAllowed, Io, Closed.</summary>
        public static FixSession Open(Client client, Conf overrides = null, ulong userTag = 0)
        {
            if (client == null) throw new ArgumentNullException("client");
            FixSessionHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_fix_session_open(client.Handle, overrides != null ? overrides.Handle : new ConfHandle(), userTag, out h, out err);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc, err);
            h.Track();
            return new FixSession(h, client, userTag);
        }

        /// <summary>Graceful close: Logout, wait for the answer (bounded), disconnect; a FixClosed
        /// event follows. Idempotent.</summary>
        public void Close() { Errors.Check(Native.kalshi_fix_session_close(Handle)); }

        /// <summary>Closes if needed and releases the handle (kalshi_fix_session_destroy).</summary>
        public void Dispose() { Handle.Dispose(); }

        /// <summary>The last state reported.</summary>
        public FixState State { get { return (FixState)Native.kalshi_fix_session_state(Handle); } }

        /// <summary>The MsgSeqNum the next outgoing message gets (as of the last loop iteration).</summary>
        public ulong NextSenderSeq { get { return Native.kalshi_fix_session_next_sender_seq(Handle); } }

        /// <summary>The MsgSeqNum expected next from the exchange (as of the last loop iteration).</summary>
        public ulong NextTargetSeq { get { return Native.kalshi_fix_session_next_target_seq(Handle); } }

        // Every send validates and encodes on the calling thread: a malformed message throws at
        // once (InvalidArg / InvalidValue / Inexact / NotSupported). On the loop thread (caller
        // mode) it is sent before the call returns and its MsgSeqNum is returned (State when not
        // logged on); from another thread it is queued and 0 is returned, and FixSendFailed
        // reports it if the session is not logged on by then.
        private static ulong Sent(int rc, ulong seq, ErrorHandle err)
        {
            Errors.Check(rc, err);
            return seq;
        }

        /// <summary>Sends a built message (kalshi_fix_send); the builder stays usable.
        /// senderSubId: SenderSubID(50) for FCM operators, null for none. Returns the MsgSeqNum
        /// when sent on the loop thread, 0 when queued from another thread.</summary>
        public ulong Send(FixBuilder message, ulong userTag = 0, string senderSubId = null)
        {
            if (message == null) throw new ArgumentNullException("message");
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send(Handle, message.Handle, Utf8.Encode(senderSubId), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>NewOrderSingle (D). side: '1' buy (YES / bid), '2' sell (NO / ask). tif: '0'
        /// day, '1' GTC, '3' IOC, '4' FOK, '\0' to omit.</summary>
        public ulong SendNewOrder(string clOrdId, string symbol, char side, Price price, Count qty, char tif = '\0', ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_new_order(Handle, Fix.Required(clOrdId, "clOrdId"), Fix.Required(symbol, "symbol"),
                Fix.Ascii(side, "side"), price.Raw, qty.Raw, Fix.Ascii(tif, "tif"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>OrderCancelRequest (F).</summary>
        public ulong SendCancel(string clOrdId, string origClOrdId, string symbol, char side, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_cancel(Handle, Fix.Required(clOrdId, "clOrdId"), Fix.Required(origClOrdId, "origClOrdId"),
                Fix.Required(symbol, "symbol"), Fix.Ascii(side, "side"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>OrderCancelReplaceRequest (G): the new total quantity and price; the order's
        /// expiry is kept.</summary>
        public ulong SendReplace(string clOrdId, string origClOrdId, string symbol, char side, Price price, Count qty, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_replace(Handle, Fix.Required(clOrdId, "clOrdId"), Fix.Required(origClOrdId, "origClOrdId"),
                Fix.Required(symbol, "symbol"), Fix.Ascii(side, "side"), price.Raw, qty.Raw, userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>OrderMassCancelRequest (KalshiNR only): cancels the session's open orders.</summary>
        public ulong SendMassCancel(string clOrdId, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_mass_cancel(Handle, Fix.Required(clOrdId, "clOrdId"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>Order group request. groupId is null for Create; contractsLimit (whole
        /// contracts per rolling 15 s) is sent for Create and Update and ignored otherwise.</summary>
        public ulong SendOrderGroup(OrderGroupAction action, string groupId, long contractsLimit = 0, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_order_group(Handle, (int)action, Utf8.Encode(groupId), contractsLimit, userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>MarketDataRequest (KalshiMD). requestType: '0' snapshot, '1' subscribe, '2'
        /// unsubscribe (no symbols: all). Subscriptions are repeated after a reconnect.</summary>
        public ulong SendMdRequest(char requestType, params string[] symbols)
        {
            return SendMdRequest(requestType, symbols, 0);
        }

        /// <summary>MarketDataRequest with a user tag for a FixSendFailed report.</summary>
        public ulong SendMdRequest(char requestType, IList<string> symbols, ulong userTag)
        {
            int n = symbols == null ? 0 : symbols.Count;
            var ptrs = new IntPtr[n];
            try
            {
                for (int i = 0; i < n; i++)
                {
                    if (symbols[i] == null) throw new ArgumentNullException("symbols", "symbol " + i + " is null");
                    byte[] b = Utf8.Encode(symbols[i]);
                    ptrs[i] = Marshal.AllocHGlobal(b.Length);
                    Marshal.Copy(b, 0, ptrs[i], b.Length);
                }
                ulong seq;
                ErrorHandle err;
                int rc = Native.kalshi_fix_send_md_request(Handle, Fix.Ascii(requestType, "requestType"), ptrs, (UIntPtr)(ulong)n, userTag, out seq, out err);
                return Sent(rc, seq, err);
            }
            finally
            {
                foreach (IntPtr p in ptrs)
                    if (p != IntPtr.Zero) Marshal.FreeHGlobal(p);
            }
        }

        /// <summary>SecurityStatusRequest (KalshiMD, prediction). requestType '1' subscribe, '2'
        /// unsubscribe.</summary>
        public ulong SendSecurityStatusRequest(char requestType, string symbol, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_security_status_request(Handle, Fix.Ascii(requestType, "requestType"), Fix.Required(symbol, "symbol"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>KalshiDC: replays ExecutionReports by ExecID range; endExecId null = up to the
        /// latest.</summary>
        public ulong SendEventResend(string beginExecId, string endExecId = null, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_event_resend(Handle, Fix.Required(beginExecId, "beginExecId"), Utf8.Encode(endExecId), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>QuoteRequest (KalshiRT, RFQ creator) for qty contracts of one market.</summary>
        public ulong SendQuoteRequest(string quoteReqId, string symbol, Count qty, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_quote_request(Handle, Fix.Required(quoteReqId, "quoteReqId"), Fix.Required(symbol, "symbol"), qty.Raw, userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>Quote (KalshiRFQ, market maker): bid = YES price, offer = NO price; a zero
        /// price leaves that side unquoted.</summary>
        public ulong SendQuote(string quoteId, string quoteReqId, string symbol, Price bidPx, Price offerPx, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_quote(Handle, Fix.Required(quoteId, "quoteId"), Fix.Required(quoteReqId, "quoteReqId"),
                Fix.Required(symbol, "symbol"), bidPx.Raw, offerPx.Raw, userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>Accepts a quote (KalshiRT, RFQ creator): side '1' takes the NO quote, '2' the
        /// YES quote.</summary>
        public ulong SendAcceptQuote(string quoteId, string rfqId, char side, Count qty, string clOrdId, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_accept_quote(Handle, Fix.Required(quoteId, "quoteId"), Fix.Required(rfqId, "rfqId"),
                Fix.Ascii(side, "side"), qty.Raw, Fix.Required(clOrdId, "clOrdId"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>QuoteCancel (KalshiRFQ).</summary>
        public ulong SendQuoteCancel(string quoteId, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_quote_cancel(Handle, Fix.Required(quoteId, "quoteId"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>Confirms an accepted quote (KalshiRFQ, within 30 s of acceptance).</summary>
        public ulong SendQuoteConfirm(string quoteId, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_quote_confirm(Handle, Fix.Required(quoteId, "quoteId"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }

        /// <summary>Cancels an RFQ by the client's QuoteReqID (KalshiRT).</summary>
        public ulong SendRfqCancel(string quoteReqId, ulong userTag = 0)
        {
            ulong seq;
            ErrorHandle err;
            int rc = Native.kalshi_fix_send_rfq_cancel(Handle, Fix.Required(quoteReqId, "quoteReqId"), userTag, out seq, out err);
            return Sent(rc, seq, err);
        }
    }

    /// <summary>A client-to-exchange message of any type, field by field
    /// (kalshi_fix_builder_t). Fields go out in the message's defined order whatever the order of
    /// the Set calls. Setters return the builder for chaining and throw InvalidArg for a tag the
    /// message does not have at this level or a value of the wrong form. Not thread-safe.</summary>
    public sealed class FixBuilder : IDisposable
    {
        internal readonly FixBuilderHandle Handle;

        /// <summary>A builder for MsgType msgType ("D", "UOG", ...).</summary>
        public FixBuilder(string msgType)
        {
            FixBuilderHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_fix_builder_new(Fix.Required(msgType, "msgType"), out h, out err);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc, err);
            h.Track();
            Handle = h;
        }

        /// <summary>Starts over with another (or the same) MsgType, keeping the memory.</summary>
        public FixBuilder Reset(string msgType)
        {
            ErrorHandle err;
            Errors.Check(Native.kalshi_fix_builder_reset(Handle, Fix.Required(msgType, "msgType"), out err), err);
            return this;
        }

        private FixBuilder Done(int rc, ErrorHandle err)
        {
            Errors.Check(rc, err);
            return this;
        }

        public FixBuilder SetString(int tag, string value)
        {
            if (value == null) throw new ArgumentNullException("value");
            byte[] b = Utf8.Encode(value);
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_str(Handle, Fix.Tag(tag), b, (UIntPtr)(ulong)(b.Length - 1), out err), err);
        }

        public FixBuilder SetInt(int tag, long value)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_int(Handle, Fix.Tag(tag), value, out err), err);
        }

        public FixBuilder SetChar(int tag, char value)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_char(Handle, Fix.Tag(tag), Fix.Ascii(value, "value"), out err), err);
        }

        public FixBuilder SetBool(int tag, bool value)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_bool(Handle, Fix.Tag(tag), value ? 1 : 0, out err), err);
        }

        public FixBuilder SetPrice(int tag, Price value)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_price(Handle, Fix.Tag(tag), value.Raw, out err), err);
        }

        public FixBuilder SetCount(int tag, Count value)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_count(Handle, Fix.Tag(tag), value.Raw, out err), err);
        }

        /// <summary>A dollar amount (fees, MaxExecutionCost, CashOrderQty) at the price scale:
        /// dollars x 10^6.</summary>
        public FixBuilder SetAmount(int tag, long dollarsE6)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_amount(Handle, Fix.Tag(tag), dollarsE6, out err), err);
        }

        /// <summary>A UTCTimestamp from milliseconds since the Unix epoch.</summary>
        public FixBuilder SetTimeMs(int tag, long epochMs)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_set_time_ms(Handle, Fix.Tag(tag), epochMs, out err), err);
        }

        /// <summary>Opens a repeating group by its counter tag (453, 146, ...): then EntryNext
        /// before each entry's fields; nested groups likewise; GroupEnd closes the innermost.</summary>
        public FixBuilder GroupBegin(int counterTag)
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_group_begin(Handle, Fix.Tag(counterTag), out err), err);
        }

        public FixBuilder EntryNext()
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_entry_next(Handle, out err), err);
        }

        public FixBuilder GroupEnd()
        {
            ErrorHandle err;
            return Done(Native.kalshi_fix_builder_group_end(Handle, out err), err);
        }

        public void Dispose() { Handle.Dispose(); }
    }

    /// <summary>One field of a received message as text.</summary>
    public struct FixField
    {
        public readonly int Tag;
        public readonly string Value;

        public FixField(int tag, string value)
        {
            Tag = tag;
            Value = value;
        }

        public override string ToString() { return Tag + "=" + Value; }
    }

    /// <summary>A received message, or one entry of its repeating groups (kalshi_fix_msg_t). It
    /// is a view into its Event and valid only while the event is alive: once the event is
    /// disposed, every member throws ObjectDisposedException (never reads freed memory). Every
    /// value returned is a managed copy. Get* throw KalshiException NotFound for an absent field
    /// and InvalidArg when the tag's type does not fit the getter; TryGet* return false for an
    /// absent field.</summary>
    public sealed class FixMessage
    {
        private readonly EventHandle owner;
        private readonly IntPtr ptr;

        internal FixMessage(EventHandle owner, IntPtr ptr)
        {
            this.owner = owner;
            this.ptr = ptr;
        }

        private delegate int LongGetter(IntPtr m, uint tag, out long value);

        private static readonly LongGetter IntGetter = Native.kalshi_fix_msg_int;
        private static readonly LongGetter PriceGetter = Native.kalshi_fix_msg_price;
        private static readonly LongGetter CountGetter = Native.kalshi_fix_msg_count;
        private static readonly LongGetter AmountGetter = Native.kalshi_fix_msg_amount;
        private static readonly LongGetter TimeGetter = Native.kalshi_fix_msg_time_ms;
        private static readonly LongGetter CharGetter = delegate (IntPtr m, uint tag, out long v)
        {
            byte c;
            int rc = Native.kalshi_fix_msg_char(m, tag, out c);
            v = c;
            return rc;
        };
        private static readonly LongGetter BoolGetter = delegate (IntPtr m, uint tag, out long v)
        {
            int b;
            int rc = Native.kalshi_fix_msg_bool(m, tag, out b);
            v = b;
            return rc;
        };

        // The message pointer with its event referenced: Exit must follow in a finally.
        private IntPtr Enter(ref bool added)
        {
            owner.DangerousAddRef(ref added);
            return ptr;
        }

        private void Exit(bool added)
        {
            if (added) owner.DangerousRelease();
        }

        // Runs a native call on the message pointer with the event kept alive; checks the code
        // when check is set, else returns it.
        internal int With(Func<IntPtr, int> call, bool check)
        {
            bool added = false;
            try
            {
                int rc = call(Enter(ref added));
                if (check) Errors.Check(rc);
                return rc;
            }
            finally
            {
                Exit(added);
            }
        }

        private bool TryGet(int tag, LongGetter getter, out long value)
        {
            uint t = Fix.Tag(tag);
            bool added = false;
            try
            {
                int rc = getter(Enter(ref added), t, out value);
                if (rc == (int)ErrorCode.NotFound) return false;
                Errors.Check(rc);
                return true;
            }
            finally
            {
                Exit(added);
            }
        }

        private static KalshiException Absent(int tag)
        {
            return new KalshiException(ErrorCode.NotFound, "tag " + tag + " is not in the message");
        }

        private long Get(int tag, LongGetter getter)
        {
            long v;
            if (!TryGet(tag, getter, out v)) throw Absent(tag);
            return v;
        }

        /// <summary>MsgType ("8", "W", "UMS"). Empty for a group entry.</summary>
        public string MsgType
        {
            get
            {
                bool added = false;
                try { return Utf8.Decode(Native.kalshi_fix_msg_type(Enter(ref added))) ?? ""; }
                finally { Exit(added); }
            }
        }

        /// <summary>MsgSeqNum(34).</summary>
        public ulong Seq
        {
            get
            {
                bool added = false;
                try { return Native.kalshi_fix_msg_seq(Enter(ref added)); }
                finally { Exit(added); }
            }
        }

        /// <summary>True for a retransmission (PossDupFlag=Y).</summary>
        public bool PossDup
        {
            get
            {
                bool added = false;
                try { return Native.kalshi_fix_msg_poss_dup(Enter(ref added)) != 0; }
                finally { Exit(added); }
            }
        }

        /// <summary>SendingTime(52) in milliseconds since the Unix epoch.</summary>
        public long SendingTimeMs
        {
            get
            {
                bool added = false;
                try { return Native.kalshi_fix_msg_sending_time_ms(Enter(ref added)); }
                finally { Exit(added); }
            }
        }

        /// <summary>For a session Reject (35=3) or BusinessMessageReject (35=j): the user tag of the
        /// send it refuses (matched by RefSeqNum(45) against the session's recent sends), else 0.</summary>
        public ulong RefUserTag
        {
            get
            {
                bool added = false;
                try { return Native.kalshi_fix_msg_ref_user_tag(Enter(ref added)); }
                finally { Exit(added); }
            }
        }

        /// <summary>A copy of the whole message as received, 8= .. 10=.</summary>
        public byte[] Raw
        {
            get
            {
                bool added = false;
                try
                {
                    UIntPtr len;
                    IntPtr p = Native.kalshi_fix_msg_raw(Enter(ref added), out len);
                    byte[] b = new byte[p == IntPtr.Zero ? 0 : (int)(ulong)len];
                    if (b.Length > 0) Marshal.Copy(p, b, 0, b.Length);
                    return b;
                }
                finally
                {
                    Exit(added);
                }
            }
        }

        /// <summary>Whether the field is present in this scope.</summary>
        public bool Has(int tag)
        {
            uint t = Fix.Tag(tag);
            bool added = false;
            try { return Native.kalshi_fix_msg_has(Enter(ref added), t) != 0; }
            finally { Exit(added); }
        }

        /// <summary>Any field's text (also unknown tags).</summary>
        public bool TryGetString(int tag, out string value)
        {
            uint t = Fix.Tag(tag);
            bool added = false;
            try
            {
                IntPtr p;
                UIntPtr len;
                int rc = Native.kalshi_fix_msg_str(Enter(ref added), t, out p, out len);
                value = null;
                if (rc == (int)ErrorCode.NotFound) return false;
                Errors.Check(rc);
                value = Utf8.Decode(p, (int)(ulong)len) ?? "";
                return true;
            }
            finally
            {
                Exit(added);
            }
        }

        public string GetString(int tag)
        {
            string v;
            if (!TryGetString(tag, out v)) throw Absent(tag);
            return v;
        }

        public bool TryGetInt(int tag, out long value) { return TryGet(tag, IntGetter, out value); }
        public long GetInt(int tag) { return Get(tag, IntGetter); }

        public bool TryGetChar(int tag, out char value)
        {
            long v;
            bool ok = TryGet(tag, CharGetter, out v);
            value = (char)v;
            return ok;
        }

        public char GetChar(int tag) { return (char)Get(tag, CharGetter); }

        public bool TryGetBool(int tag, out bool value)
        {
            long v;
            bool ok = TryGet(tag, BoolGetter, out v);
            value = v != 0;
            return ok;
        }

        public bool GetBool(int tag) { return Get(tag, BoolGetter) != 0; }

        public bool TryGetPrice(int tag, out Price value)
        {
            long v;
            bool ok = TryGet(tag, PriceGetter, out v);
            value = new Price(v);
            return ok;
        }

        public Price GetPrice(int tag) { return new Price(Get(tag, PriceGetter)); }

        public bool TryGetCount(int tag, out Count value)
        {
            long v;
            bool ok = TryGet(tag, CountGetter, out v);
            value = new Count(v);
            return ok;
        }

        public Count GetCount(int tag) { return new Count(Get(tag, CountGetter)); }

        /// <summary>A dollar amount (fees, costs) at the price scale: dollars x 10^6.</summary>
        public bool TryGetAmount(int tag, out long dollarsE6) { return TryGet(tag, AmountGetter, out dollarsE6); }
        public long GetAmount(int tag) { return Get(tag, AmountGetter); }

        /// <summary>A UTCTimestamp as milliseconds since the Unix epoch.</summary>
        public bool TryGetTimeMs(int tag, out long epochMs) { return TryGet(tag, TimeGetter, out epochMs); }
        public long GetTimeMs(int tag) { return Get(tag, TimeGetter); }

        // Optional-field helpers for the typed message classes.
        internal string Opt(int tag) { string s; return TryGetString(tag, out s) ? s : null; }
        internal char? OptChar(int tag) { char c; return TryGetChar(tag, out c) ? c : (char?)null; }
        internal long? OptInt(int tag) { long v; return TryGetInt(tag, out v) ? v : (long?)null; }
        internal Price? OptPrice(int tag) { Price v; return TryGetPrice(tag, out v) ? v : (Price?)null; }
        internal Count? OptCount(int tag) { Count v; return TryGetCount(tag, out v) ? v : (Count?)null; }
        internal long? OptTimeMs(int tag) { long v; return TryGetTimeMs(tag, out v) ? v : (long?)null; }

        /// <summary>Entries of the repeating group counted by counterTag (0 when absent).</summary>
        public int GroupCount(int counterTag)
        {
            uint t = Fix.Tag(counterTag);
            bool added = false;
            try { return (int)(ulong)Native.kalshi_fix_msg_group_count(Enter(ref added), t); }
            finally { Exit(added); }
        }

        /// <summary>One entry of a repeating group, itself a FixMessage scope (its getters read
        /// the entry's fields and reach nested groups), valid as long as the event; null when
        /// index is out of range.</summary>
        public FixMessage GroupEntry(int counterTag, int index)
        {
            uint t = Fix.Tag(counterTag);
            if (index < 0) return null;
            bool added = false;
            try
            {
                IntPtr e = Native.kalshi_fix_msg_group_entry(Enter(ref added), t, (UIntPtr)(ulong)index);
                return e == IntPtr.Zero ? null : new FixMessage(owner, e);
            }
            finally
            {
                Exit(added);
            }
        }

        /// <summary>Every entry of a repeating group.</summary>
        public IReadOnlyList<FixMessage> Group(int counterTag)
        {
            int n = GroupCount(counterTag);
            var list = new List<FixMessage>(n);
            for (int i = 0; i < n; i++) list.Add(GroupEntry(counterTag, i));
            return list;
        }

        /// <summary>Every field of this scope in wire order as text (group counters included,
        /// their entries not): for logging and for tags the library does not know.</summary>
        public IReadOnlyList<FixField> Fields
        {
            get
            {
                bool added = false;
                try
                {
                    IntPtr m = Enter(ref added);
                    int n = (int)(ulong)Native.kalshi_fix_msg_field_count(m);
                    var list = new List<FixField>(n);
                    for (int i = 0; i < n; i++)
                    {
                        uint tag;
                        IntPtr p;
                        UIntPtr len;
                        Errors.Check(Native.kalshi_fix_msg_field_at(m, (UIntPtr)(ulong)i, out tag, out p, out len));
                        list.Add(new FixField((int)tag, Utf8.Decode(p, (int)(ulong)len) ?? ""));
                    }
                    return list;
                }
                finally
                {
                    Exit(added);
                }
            }
        }

        /// <summary>True for an ExecutionReport (MsgType "8").</summary>
        public bool IsExecutionReport { get { return MsgType == "8"; } }

        /// <summary>The typed ExecutionReport (a copy that outlives the event).
        /// InvalidOperationException unless MsgType is "8".</summary>
        public ExecutionReport ToExecutionReport() { return ExecutionReport.From(this); }

        /// <summary>"35=8|11=...|..." (this scope's fields, '|' for SOH).</summary>
        public override string ToString()
        {
            return string.Join("|", Fields);
        }
    }

    /// <summary>An ExecutionReport (35=8), copied out of a FixMessage: it stays valid after the
    /// event is disposed. Optional fields the exchange did not send are null.</summary>
    public sealed class ExecutionReport
    {
        /// <summary>ExecType(150): '0' new, '4' canceled, '5' replaced, '8' rejected, 'C'
        /// expired, 'F' trade, 'I' order status ...</summary>
        public char ExecType { get; private set; }
        /// <summary>OrdStatus(39): '0' new, '1' partially filled, '2' filled, '4' canceled, '8' rejected ...</summary>
        public char OrdStatus { get; private set; }
        /// <summary>ClOrdID(11).</summary>
        public string ClOrdId { get; private set; }
        /// <summary>OrigClOrdID(41).</summary>
        public string OrigClOrdId { get; private set; }
        /// <summary>OrderID(37).</summary>
        public string OrderId { get; private set; }
        /// <summary>ExecID(17).</summary>
        public string ExecId { get; private set; }
        /// <summary>Symbol(55).</summary>
        public string Symbol { get; private set; }
        /// <summary>Side(54): '1' buy (YES), '2' sell (NO).</summary>
        public char? Side { get; private set; }
        /// <summary>Price(44).</summary>
        public Price? Price { get; private set; }
        /// <summary>AvgPx(6).</summary>
        public Price? AvgPx { get; private set; }
        /// <summary>LastPx(31).</summary>
        public Price? LastPx { get; private set; }
        /// <summary>LastQty(32).</summary>
        public Count? LastQty { get; private set; }
        /// <summary>CumQty(14).</summary>
        public Count? CumQty { get; private set; }
        /// <summary>LeavesQty(151).</summary>
        public Count? LeavesQty { get; private set; }
        /// <summary>OrderQty(38).</summary>
        public Count? OrderQty { get; private set; }
        /// <summary>Text(58).</summary>
        public string Text { get; private set; }
        /// <summary>OrdRejReason(103).</summary>
        public long? OrdRejReason { get; private set; }
        /// <summary>TransactTime(60) in milliseconds since the Unix epoch.</summary>
        public long? TransactTimeMs { get; private set; }
        /// <summary>MsgSeqNum(34) of the message.</summary>
        public ulong Seq { get; private set; }
        /// <summary>True for a retransmission (PossDupFlag=Y).</summary>
        public bool PossDup { get; private set; }

        private ExecutionReport() { }

        /// <summary>Reads the fields of an ExecutionReport message. InvalidOperationException
        /// unless m's MsgType is "8"; KalshiException NotFound when ExecType or OrdStatus is
        /// missing.</summary>
        public static ExecutionReport From(FixMessage m)
        {
            if (m == null) throw new ArgumentNullException("m");
            string type = m.MsgType;
            if (type != "8") throw new InvalidOperationException("not an ExecutionReport: MsgType " + type);
            return new ExecutionReport
            {
                ExecType = m.GetChar(150),
                OrdStatus = m.GetChar(39),
                ClOrdId = m.Opt(11),
                OrigClOrdId = m.Opt(41),
                OrderId = m.Opt(37),
                ExecId = m.Opt(17),
                Symbol = m.Opt(55),
                Side = m.OptChar(54),
                Price = m.OptPrice(44),
                AvgPx = m.OptPrice(6),
                LastPx = m.OptPrice(31),
                LastQty = m.OptCount(32),
                CumQty = m.OptCount(14),
                LeavesQty = m.OptCount(151),
                OrderQty = m.OptCount(38),
                Text = m.Opt(58),
                OrdRejReason = m.OptInt(103),
                TransactTimeMs = m.OptTimeMs(60),
                Seq = m.Seq,
                PossDup = m.PossDup,
            };
        }

        public override string ToString()
        {
            return string.Format("ExecutionReport 150={0} 39={1} 11={2} 55={3} 31={4} 32={5}", ExecType, OrdStatus, ClOrdId, Symbol, LastPx, LastQty);
        }
    }
}
