// libkalshi for .NET — REST (rest.h): every operation of the prediction, perps and Klear APIs by
// operationId, cursor pagination, and typed helpers for the common prediction calls.
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>kalshi_rest_api_t: which API an operationId belongs to.</summary>
    public enum RestApi
    {
        Prediction = 0,
        Perps = 1,
        Klear = 2,
    }

    /// <summary>The contract side of an order ("yes" / "no").</summary>
    public enum OrderSide
    {
        Yes,
        No,
    }

    /// <summary>An order's action ("buy" / "sell").</summary>
    public enum OrderAction
    {
        Buy,
        Sell,
    }

    /// <summary>An order's time in force as the spec spells it.</summary>
    public enum RestTimeInForce
    {
        /// <summary>The exchange's default (no time_in_force sent).</summary>
        Default,
        GoodTillCanceled,
        ImmediateOrCancel,
        FillOrKill,
    }

    /// <summary>A prediction order for Client.RestCreateOrder.</summary>
    public sealed class RestOrder
    {
        public string Ticker { get; set; }
        public OrderSide Side { get; set; }
        public OrderAction Action { get; set; }
        /// <summary>Contracts (x 100 exactly).</summary>
        public Count Count { get; set; }
        /// <summary>The limit price of the side, dollars.</summary>
        public Price Price { get; set; }
        /// <summary>null: the library generates a UUID (echoed in the response).</summary>
        public string ClientOrderId { get; set; }
        public RestTimeInForce TimeInForce { get; set; }
    }

    /// <summary>Path and query parameters by their spec names (array parameters take a
    /// comma-separated list). A plain managed builder: copied into the library by each call, so
    /// one RestParams can serve many calls. Not thread-safe while being modified.</summary>
    public sealed class RestParams
    {
        private readonly Dictionary<string, string> values = new Dictionary<string, string>();
        private readonly List<string> order = new List<string>();

        /// <summary>Sets or replaces a parameter; returns this for chaining.</summary>
        public RestParams Set(string name, string value)
        {
            if (name == null) throw new ArgumentNullException("name");
            if (value == null) throw new ArgumentNullException("value");
            // C strings end at the first NUL: a name or value holding one would reach the
            // library cut short, naming another parameter or carrying another value.
            if (name.IndexOf('\0') >= 0) throw new ArgumentException("parameter name holds a NUL character", "name");
            if (value.IndexOf('\0') >= 0) throw new ArgumentException("value of \"" + name + "\" holds a NUL character", "value");
            if (!values.ContainsKey(name)) order.Add(name);
            values[name] = value;
            return this;
        }

        /// <summary>Sets a price parameter in the exact dollar form the spec takes.</summary>
        public RestParams Set(string name, Price value) { return Set(name, value.ToString()); }

        /// <summary>Sets an integer parameter (limit, depth, timestamps).</summary>
        public RestParams Set(string name, long value) { return Set(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }

        /// <summary>The value of a parameter, or null when it is not set.</summary>
        public string Get(string name)
        {
            if (name == null) throw new ArgumentNullException("name");
            string v;
            return values.TryGetValue(name, out v) ? v : null;
        }

        public int Count { get { return values.Count; } }

        public void Clear()
        {
            values.Clear();
            order.Clear();
        }

        // A native copy for one call (kalshi_rest_params_t); the caller disposes it.
        internal RestParamsHandle ToNative()
        {
            RestParamsHandle h;
            int rc = Native.kalshi_rest_params_new(out h);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc);
            h.Track();
            try
            {
                foreach (string name in order)
                {
                    rc = Native.kalshi_rest_params_set(h, Utf8.Encode(name), Utf8.Encode(values[name]));
                    if (rc != 0) throw new KalshiException((ErrorCode)rc, "parameter \"" + name + "\": " + Errors.Describe((ErrorCode)rc));
                }
            }
            catch
            {
                h.Dispose();
                throw;
            }
            return h;
        }
    }

    public sealed partial class Client
    {
        // Calls run with a native params copy (or none); the copy is freed when the call returns.
        private static void WithParams(RestParams p, Action<RestParamsHandle> call)
        {
            RestParamsHandle h = p != null ? p.ToNative() : new RestParamsHandle();
            try
            {
                call(h);
            }
            finally
            {
                h.Dispose();
            }
        }

        private static void Done(int rc, ErrorHandle err) { Errors.Check(rc, err); }

        private static string Spec(OrderSide s) { return s == OrderSide.Yes ? "yes" : "no"; }
        private static string Spec(OrderAction a) { return a == OrderAction.Buy ? "buy" : "sell"; }

        private static string Spec(RestTimeInForce t)
        {
            switch (t)
            {
                case RestTimeInForce.GoodTillCanceled: return "good_till_canceled";
                case RestTimeInForce.ImmediateOrCancel: return "immediate_or_cancel";
                case RestTimeInForce.FillOrKill: return "fill_or_kill";
                default: return null;
            }
        }

        /// <summary>Calls any operation of the vendored specs by operationId (see
        /// docs/REST_OPERATIONS.md); body is JSON (null: none). Parameters and body are validated
        /// before any I/O: InvalidArg naming the parameter, or the unknown operation. Also Closed,
        /// Key* (no key for a signed operation), RateLimited (fail-fast limiter). The completion is
        /// one RestResponse event carrying userTag.</summary>
        public void RestCall(RestApi api, string operationId, RestParams p = null, string body = null, ulong userTag = 0)
        {
            RestCallRaw(api, operationId, p, body == null ? null : System.Text.Encoding.UTF8.GetBytes(body), userTag);
        }

        /// <summary>RestCall with the JSON body as UTF-8 bytes.</summary>
        public void RestCallRaw(RestApi api, string operationId, RestParams p, byte[] body, ulong userTag)
        {
            if (operationId == null) throw new ArgumentNullException("operationId");
            byte[] op = Utf8.Encode(operationId);
            ulong len = body == null ? 0UL : (ulong)body.Length;
            WithParams(p, h =>
            {
                ErrorHandle err;
                int rc = Native.kalshi_rest_call(Handle, (int)api, op, h, body, (UIntPtr)len, userTag, out err);
                Done(rc, err);
            });
        }

        /// <summary>Pages through a paginated listing: one RestPage event per page, then one
        /// RestDone (Err set if it failed, Protocol for a cursor loop; RestTruncated when maxPages
        /// cut it). maxPages 0 = rest.max_pages.</summary>
        public void RestPaginate(RestApi api, string operationId, RestParams p = null, uint maxPages = 0, ulong userTag = 0)
        {
            if (operationId == null) throw new ArgumentNullException("operationId");
            byte[] op = Utf8.Encode(operationId);
            WithParams(p, h =>
            {
                ErrorHandle err;
                int rc = Native.kalshi_rest_paginate(Handle, (int)api, op, h, maxPages, userTag, out err);
                Done(rc, err);
            });
        }

        /// <summary>CreateOrder (prediction): a limit order at the side's price. The response's
        /// object is the order ("order_id", "client_order_id", "status", fill counts).</summary>
        public void RestCreateOrder(RestOrder order, ulong userTag = 0)
        {
            if (order == null) throw new ArgumentNullException("order");
            if (order.Ticker == null) throw new ArgumentNullException("order.Ticker");
            ErrorHandle err;
            int rc = Native.kalshi_rest_create_order(Handle, Utf8.Encode(order.Ticker), Utf8.Encode(Spec(order.Side)), Utf8.Encode(Spec(order.Action)),
                order.Count.Raw, order.Price.Raw, Utf8.Encode(order.ClientOrderId), Utf8.Encode(Spec(order.TimeInForce)), userTag, out err);
            Done(rc, err);
        }

        /// <summary>CancelOrder by the exchange's order id.</summary>
        public void RestCancelOrder(string orderId, ulong userTag = 0)
        {
            if (orderId == null) throw new ArgumentNullException("orderId");
            ErrorHandle err;
            Done(Native.kalshi_rest_cancel_order(Handle, Utf8.Encode(orderId), userTag, out err), err);
        }

        /// <summary>GetMarket: one "market" object.</summary>
        public void RestGetMarket(string ticker, ulong userTag = 0)
        {
            if (ticker == null) throw new ArgumentNullException("ticker");
            ErrorHandle err;
            Done(Native.kalshi_rest_get_market(Handle, Utf8.Encode(ticker), userTag, out err), err);
        }

        /// <summary>GetMarketOrderbook: one "orderbook" object with "yes" and "no" levels
        /// (depth 0: the full book). The event also feeds Book.ApplyEvent.</summary>
        public void RestGetOrderbook(string ticker, uint depth = 0, ulong userTag = 0)
        {
            if (ticker == null) throw new ArgumentNullException("ticker");
            ErrorHandle err;
            Done(Native.kalshi_rest_get_orderbook(Handle, Utf8.Encode(ticker), depth, userTag, out err), err);
        }

        /// <summary>GetBalance: one "balance" object ("balance" is a Price).</summary>
        public void RestGetBalance(ulong userTag = 0)
        {
            ErrorHandle err;
            Done(Native.kalshi_rest_get_balance(Handle, userTag, out err), err);
        }

        /// <summary>GetPositions: "market_position" (and "event_position") objects.</summary>
        public void RestGetPositions(ulong userTag = 0)
        {
            ErrorHandle err;
            Done(Native.kalshi_rest_get_positions(Handle, userTag, out err), err);
        }
    }
}
