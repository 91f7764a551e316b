// libkalshi for .NET — raw P/Invoke declarations of the typed objects (obj.h), REST (rest.h) and
// WebSocket (ws.h) C ABI. Same conventions as Native.cs. Objects are borrowed IntPtrs owned by
// their event (KalshiObject keeps the event alive around each call).
using System;
using System.Runtime.InteropServices;

namespace Kalshi.Interop
{
    internal static partial class Native
    {
        // ---- obj.h ----------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern UIntPtr kalshi_event_obj_count(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_obj(EventHandle ev, UIntPtr i);
        [DllImport(Lib)] internal static extern IntPtr kalshi_obj_kind(IntPtr o);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_obj_field_count(IntPtr o);
        [DllImport(Lib)] internal static extern IntPtr kalshi_obj_field_name(IntPtr o, UIntPtr i);
        [DllImport(Lib)] internal static extern int kalshi_obj_kind_of(IntPtr o, byte[] field);
        [DllImport(Lib)] internal static extern int kalshi_obj_str(IntPtr o, byte[] field, out IntPtr value, out UIntPtr len);
        [DllImport(Lib)] internal static extern int kalshi_obj_int(IntPtr o, byte[] field, out long value);
        [DllImport(Lib)] internal static extern int kalshi_obj_bool(IntPtr o, byte[] field, out int value);
        [DllImport(Lib)] internal static extern int kalshi_obj_price(IntPtr o, byte[] field, out long value);
        [DllImport(Lib)] internal static extern int kalshi_obj_count(IntPtr o, byte[] field, out long value);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_obj_level_count(IntPtr o, byte[] side);
        [DllImport(Lib)] internal static extern int kalshi_obj_level(IntPtr o, byte[] side, UIntPtr i, out long price, out long size);

        // ---- rest.h ---------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_rest_params_new(out RestParamsHandle output);
        [DllImport(Lib)] internal static extern void kalshi_rest_params_destroy(IntPtr p);
        [DllImport(Lib)] internal static extern int kalshi_rest_params_set(RestParamsHandle p, byte[] name, byte[] value);
        [DllImport(Lib)] internal static extern void kalshi_rest_params_clear(RestParamsHandle p);
        [DllImport(Lib)] internal static extern int kalshi_rest_call(ClientHandle c, int api, byte[] operationId, RestParamsHandle p, byte[] body, UIntPtr bodyLen, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_paginate(ClientHandle c, int api, byte[] operationId, RestParamsHandle p, uint maxPages, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_create_order(ClientHandle c, byte[] ticker, byte[] side, byte[] action, long count, long price, byte[] clientOrderId, byte[] tif, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_cancel_order(ClientHandle c, byte[] orderId, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_get_market(ClientHandle c, byte[] ticker, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_get_orderbook(ClientHandle c, byte[] ticker, uint depth, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_get_balance(ClientHandle c, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_rest_get_positions(ClientHandle c, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_event_rest_status(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_rest_operation(EventHandle ev);
        [DllImport(Lib)] internal static extern uint kalshi_event_rest_page_index(EventHandle ev);
        [DllImport(Lib)] internal static extern int kalshi_event_rest_truncated(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_rest_cursor(EventHandle ev);

        // ---- ws.h -----------------------------------------------------------------------------
        // Channel and ticker lists are arrays of pointers to pinned NUL-terminated UTF-8 (Utf8Array).
        [DllImport(Lib)] internal static extern int kalshi_ws_open(ClientHandle c, ConfHandle overrides, ulong userTag, out WsHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_ws_subscribe(WsHandle w, IntPtr[] channels, UIntPtr nChannels, IntPtr[] tickers, UIntPtr nTickers, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_ws_unsubscribe(WsHandle w, ulong sid, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_ws_update_subscription(WsHandle w, ulong sid, byte[] action, IntPtr[] tickers, UIntPtr nTickers, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_ws_list_subscriptions(WsHandle w, ulong userTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_ws_state(WsHandle w);
        [DllImport(Lib)] internal static extern IntPtr kalshi_ws_state_name(int state);
        [DllImport(Lib)] internal static extern ulong kalshi_ws_dropped(WsHandle w);
        [DllImport(Lib)] internal static extern int kalshi_ws_book_best(WsHandle w, byte[] ticker, int side, out long price, out long size);
        [DllImport(Lib)] internal static extern int kalshi_ws_book_copy(WsHandle w, byte[] ticker, BookHandle into, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_ws_close(WsHandle w);
        [DllImport(Lib)] internal static extern void kalshi_ws_destroy(IntPtr w);
        [DllImport(Lib)] internal static extern int kalshi_event_ws_state(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_ws_channel(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_ws_type(EventHandle ev);
        [DllImport(Lib)] internal static extern ulong kalshi_event_ws_sid(EventHandle ev);
        [DllImport(Lib)] internal static extern ulong kalshi_event_ws_seq(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_ws_market(EventHandle ev);
    }

    // An array of C strings for one call (as SendMdRequest builds it): each string is UTF-8 in
    // unmanaged memory the library copies before returning; Dispose frees it.
    internal sealed class Utf8Array : IDisposable
    {
        internal readonly IntPtr[] Pointers;

        internal Utf8Array(System.Collections.Generic.IList<string> strings, string what)
        {
            int n = strings == null ? 0 : strings.Count;
            Pointers = new IntPtr[n];
            try
            {
                for (int i = 0; i < n; i++)
                {
                    if (strings[i] == null) throw new ArgumentNullException(what, what + " " + i + " is null");
                    if (strings[i].IndexOf('\0') >= 0) throw new ArgumentException(what + " " + i + " holds a NUL character", what);
                    byte[] b = Utf8.Encode(strings[i]);
                    Pointers[i] = Marshal.AllocHGlobal(b.Length);
                    Marshal.Copy(b, 0, Pointers[i], b.Length);
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        internal UIntPtr Length { get { return (UIntPtr)(ulong)Pointers.Length; } }

        public void Dispose()
        {
            for (int i = 0; i < Pointers.Length; i++)
            {
                if (Pointers[i] != IntPtr.Zero) Marshal.FreeHGlobal(Pointers[i]);
                Pointers[i] = IntPtr.Zero;
            }
        }
    }
}
