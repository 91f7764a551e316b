// libkalshi for .NET — raw P/Invoke declarations of the C ABI (include/kalshi/*.h).
//
// Conventions: size_t is UIntPtr, int64_t long, uint64_t ulong, C enums int. Strings cross the
// boundary as NUL-terminated UTF-8 byte arrays built by Utf8.Encode, never through the marshaller's
// platform-dependent ANSI conversion. Returned `const char *` come back as IntPtr and are decoded
// by Utf8.Decode. Owning pointers come back as SafeHandle subclasses (Handles.cs).
using System;
using System.Runtime.InteropServices;

namespace Kalshi.Interop
{
    internal static partial class Native
    {
        // Resolved by Mono through Kalshi.dll.config (dllmap to libkalshi.so.0) or the usual
        // libkalshi.so search on LD_LIBRARY_PATH; by .NET through its native library probing.
        internal const string Lib = "kalshi";

        // ---- version.h ----------------------------------------------------------------------
        [DllImport(Lib)] internal static extern uint kalshi_version();
        [DllImport(Lib)] internal static extern IntPtr kalshi_version_str();

        // ---- error.h --------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern IntPtr kalshi_err_name(int code);
        [DllImport(Lib)] internal static extern IntPtr kalshi_err_str(int code);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_err_codes([Out] int[] output, UIntPtr cap);
        [DllImport(Lib)] internal static extern int kalshi_error_code(ErrorHandle e);
        [DllImport(Lib)] internal static extern IntPtr kalshi_error_message(ErrorHandle e);
        [DllImport(Lib)] internal static extern int kalshi_error_http_status(ErrorHandle e);
        [DllImport(Lib)] internal static extern IntPtr kalshi_error_exchange_code(ErrorHandle e);
        [DllImport(Lib)] internal static extern int kalshi_error_retriable(ErrorHandle e);
        [DllImport(Lib)] internal static extern int kalshi_error_fatal(ErrorHandle e);
        // The same accessors on a borrowed pointer (the error object owned by an event).
        [DllImport(Lib, EntryPoint = "kalshi_error_code")] internal static extern int kalshi_error_code_p(IntPtr e);
        [DllImport(Lib, EntryPoint = "kalshi_error_message")] internal static extern IntPtr kalshi_error_message_p(IntPtr e);
        [DllImport(Lib, EntryPoint = "kalshi_error_http_status")] internal static extern int kalshi_error_http_status_p(IntPtr e);
        [DllImport(Lib, EntryPoint = "kalshi_error_exchange_code")] internal static extern IntPtr kalshi_error_exchange_code_p(IntPtr e);
        [DllImport(Lib, EntryPoint = "kalshi_error_retriable")] internal static extern int kalshi_error_retriable_p(IntPtr e);
        [DllImport(Lib, EntryPoint = "kalshi_error_fatal")] internal static extern int kalshi_error_fatal_p(IntPtr e);
        [DllImport(Lib)] internal static extern void kalshi_error_destroy(IntPtr e);

        // ---- decimal.h ------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_price_parse(byte[] s, UIntPtr len, out long output);
        [DllImport(Lib)] internal static extern int kalshi_count_parse(byte[] s, UIntPtr len, out long output);
        [DllImport(Lib)] internal static extern int kalshi_price_format(long v, int minDecimals, byte[] buf, UIntPtr cap, out UIntPtr written);
        [DllImport(Lib)] internal static extern int kalshi_count_format(long v, int minDecimals, byte[] buf, UIntPtr cap, out UIntPtr written);
        [DllImport(Lib)] internal static extern int kalshi_price_from_cents(long cents, out long output);
        [DllImport(Lib)] internal static extern int kalshi_price_to_cents(long v, out long cents);
        [DllImport(Lib)] internal static extern int kalshi_price_from_centicents(long centicents, out long output);
        [DllImport(Lib)] internal static extern int kalshi_price_to_centicents(long v, out long centicents);

        // ---- conf.h ---------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern ConfHandle kalshi_conf_new();
        [DllImport(Lib)] internal static extern ConfHandle kalshi_conf_dup(ConfHandle conf);
        [DllImport(Lib)] internal static extern void kalshi_conf_destroy(IntPtr conf);
        [DllImport(Lib)] internal static extern int kalshi_conf_set(ConfHandle conf, byte[] key, byte[] value, byte[] errstr, UIntPtr errstrSize);
        [DllImport(Lib)] internal static extern int kalshi_conf_get(ConfHandle conf, byte[] key, byte[] dest, ref UIntPtr destSize);
        [DllImport(Lib)] internal static extern int kalshi_conf_dump(ConfHandle conf, byte[] dest, ref UIntPtr destSize);
        [DllImport(Lib)] internal static extern int kalshi_conf_from_env(ConfHandle conf, byte[] errstr, UIntPtr errstrSize);

        // ---- queue.h --------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern EventHandle kalshi_queue_poll(QueueHandle q, int timeoutMs);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_queue_poll_batch(QueueHandle q, [Out] IntPtr[] events, UIntPtr max, int timeoutMs);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_queue_length(QueueHandle q);
        [DllImport(Lib)] internal static extern int kalshi_queue_wakeup_fd(QueueHandle q);
        [DllImport(Lib)] internal static extern void kalshi_queue_destroy(IntPtr q);
        [DllImport(Lib)] internal static extern int kalshi_event_type(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_type_name(int type);
        [DllImport(Lib)] internal static extern ulong kalshi_event_user_tag(EventHandle ev);
        [DllImport(Lib)] internal static extern int kalshi_event_err(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_error(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_data(EventHandle ev, out UIntPtr len);
        [DllImport(Lib)] internal static extern int kalshi_event_log_level(EventHandle ev);
        [DllImport(Lib)] internal static extern ulong kalshi_event_timestamp_ns(EventHandle ev);
        [DllImport(Lib)] internal static extern void kalshi_event_destroy(IntPtr ev);

        // ---- client.h -------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_client_new(ConfHandle conf, out ClientHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_client_run(ClientHandle c, int timeoutMs);
        [DllImport(Lib)] internal static extern QueueHandle kalshi_client_queue(ClientHandle c);
        [DllImport(Lib)] internal static extern int kalshi_client_echo(ClientHandle c, ulong userTag);
        [DllImport(Lib)] internal static extern int kalshi_client_log(ClientHandle c, int level, byte[] message);
        [DllImport(Lib)] internal static extern int kalshi_client_close(ClientHandle c, int timeoutMs);
        [DllImport(Lib)] internal static extern int kalshi_client_closed(ClientHandle c);
        [DllImport(Lib)] internal static extern int kalshi_client_destroy(IntPtr c);

        // ---- stream.h -------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_stream_open(ClientHandle c, byte[] host, ushort port, uint flags, ulong userTag, out StreamHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_stream_write(StreamHandle s, byte[] data, UIntPtr len);
        [DllImport(Lib)] internal static extern int kalshi_stream_close(StreamHandle s);
        [DllImport(Lib)] internal static extern void kalshi_stream_destroy(IntPtr s);

        // ---- key.h ----------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_key_load_pem(byte[] pem, UIntPtr len, byte[] passphrase, out KeyHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_key_load_file(byte[] path, byte[] passphrase, out KeyHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_key_load_env(int perps, out KeyHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_key_generate(int type, uint bits, out KeyHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_key_type(KeyHandle key);
        [DllImport(Lib)] internal static extern uint kalshi_key_bits(KeyHandle key);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_key_signature_size(KeyHandle key);
        [DllImport(Lib)] internal static extern int kalshi_key_public_pem(KeyHandle key, byte[] buf, ref UIntPtr len);
        [DllImport(Lib)] internal static extern int kalshi_key_private_pem(KeyHandle key, byte[] buf, ref UIntPtr len);
        [DllImport(Lib)] internal static extern int kalshi_key_sign(KeyHandle key, byte[] msg, UIntPtr len, byte[] sig, ref UIntPtr sigLen, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sign_rest(KeyHandle key, long timestampMs, byte[] method, byte[] path, byte[] sigB64, ref UIntPtr len, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sign_fix_logon(KeyHandle key, byte[] sendingTime, ulong msgSeqNum, byte[] senderCompId, byte[] targetCompId, byte[] sigB64, ref UIntPtr len, out ErrorHandle err);
        [DllImport(Lib)] internal static extern void kalshi_key_destroy(IntPtr key);

        // ---- fix.h ----------------------------------------------------------------------------
        // C char is passed as byte (never the marshaller's char conversion); received messages
        // and group entries are borrowed IntPtrs owned by their event (FixMessage keeps it alive).
        [DllImport(Lib)] internal static extern IntPtr kalshi_fix_state_name(int state);
        [DllImport(Lib)] internal static extern int kalshi_fix_session_open(ClientHandle c, ConfHandle overrides, ulong userTag, out FixSessionHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_session_close(FixSessionHandle s);
        [DllImport(Lib)] internal static extern void kalshi_fix_session_destroy(IntPtr s);
        [DllImport(Lib)] internal static extern int kalshi_fix_session_state(FixSessionHandle s);
        [DllImport(Lib)] internal static extern ulong kalshi_fix_session_next_sender_seq(FixSessionHandle s);
        [DllImport(Lib)] internal static extern ulong kalshi_fix_session_next_target_seq(FixSessionHandle s);

        [DllImport(Lib)] internal static extern int kalshi_fix_builder_new(byte[] msgType, out FixBuilderHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_reset(FixBuilderHandle b, byte[] msgType, out ErrorHandle err);
        [DllImport(Lib)] internal static extern void kalshi_fix_builder_destroy(IntPtr b);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_str(FixBuilderHandle b, uint tag, byte[] value, UIntPtr len, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_int(FixBuilderHandle b, uint tag, long value, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_char(FixBuilderHandle b, uint tag, byte value, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_bool(FixBuilderHandle b, uint tag, int value, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_price(FixBuilderHandle b, uint tag, long value, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_count(FixBuilderHandle b, uint tag, long value, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_amount(FixBuilderHandle b, uint tag, long value, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_set_time_ms(FixBuilderHandle b, uint tag, long epochMs, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_group_begin(FixBuilderHandle b, uint counterTag, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_entry_next(FixBuilderHandle b, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_builder_group_end(FixBuilderHandle b, out ErrorHandle err);

        [DllImport(Lib)] internal static extern int kalshi_fix_send(FixSessionHandle s, FixBuilderHandle b, byte[] senderSubId, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_new_order(FixSessionHandle s, byte[] clOrdId, byte[] symbol, byte side, long price, long qty, byte tif, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_cancel(FixSessionHandle s, byte[] clOrdId, byte[] origClOrdId, byte[] symbol, byte side, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_replace(FixSessionHandle s, byte[] clOrdId, byte[] origClOrdId, byte[] symbol, byte side, long price, long qty, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_mass_cancel(FixSessionHandle s, byte[] clOrdId, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_order_group(FixSessionHandle s, int action, byte[] groupId, long contractsLimit, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_md_request(FixSessionHandle s, byte requestType, IntPtr[] symbols, UIntPtr n, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_security_status_request(FixSessionHandle s, byte requestType, byte[] symbol, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_event_resend(FixSessionHandle s, byte[] beginExecId, byte[] endExecId, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_quote_request(FixSessionHandle s, byte[] quoteReqId, byte[] symbol, long qty, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_quote(FixSessionHandle s, byte[] quoteId, byte[] quoteReqId, byte[] symbol, long bidPx, long offerPx, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_accept_quote(FixSessionHandle s, byte[] quoteId, byte[] rfqId, byte side, long qty, byte[] clOrdId, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_quote_cancel(FixSessionHandle s, byte[] quoteId, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_quote_confirm(FixSessionHandle s, byte[] quoteId, ulong userTag, out ulong seq, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_fix_send_rfq_cancel(FixSessionHandle s, byte[] quoteReqId, ulong userTag, out ulong seq, out ErrorHandle err);

        [DllImport(Lib)] internal static extern int kalshi_fix_decode(byte[] frame, UIntPtr len, int product, int useDollars, out EventHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_event_fix_state(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_event_fix_msg(EventHandle ev);
        [DllImport(Lib)] internal static extern IntPtr kalshi_fix_msg_type(IntPtr m);
        [DllImport(Lib)] internal static extern ulong kalshi_fix_msg_seq(IntPtr m);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_poss_dup(IntPtr m);
        [DllImport(Lib)] internal static extern long kalshi_fix_msg_sending_time_ms(IntPtr m);
        [DllImport(Lib)] internal static extern IntPtr kalshi_fix_msg_raw(IntPtr m, out UIntPtr len);
        [DllImport(Lib)] internal static extern ulong kalshi_fix_msg_ref_user_tag(IntPtr m);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_has(IntPtr m, uint tag);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_str(IntPtr m, uint tag, out IntPtr value, out UIntPtr len);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_int(IntPtr m, uint tag, out long value);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_char(IntPtr m, uint tag, out byte value);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_bool(IntPtr m, uint tag, out int value);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_price(IntPtr m, uint tag, out long value);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_count(IntPtr m, uint tag, out long value);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_amount(IntPtr m, uint tag, out long value);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_time_ms(IntPtr m, uint tag, out long epochMs);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_fix_msg_group_count(IntPtr m, uint counterTag);
        [DllImport(Lib)] internal static extern IntPtr kalshi_fix_msg_group_entry(IntPtr m, uint counterTag, UIntPtr index);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_fix_msg_field_count(IntPtr m);
        [DllImport(Lib)] internal static extern int kalshi_fix_msg_field_at(IntPtr m, UIntPtr index, out uint tag, out IntPtr value, out UIntPtr len);

        // ---- book.h ---------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_book_new(out BookHandle output);
        [DllImport(Lib)] internal static extern void kalshi_book_destroy(IntPtr b);
        [DllImport(Lib)] internal static extern int kalshi_book_apply_event(BookHandle b, EventHandle ev);
        [DllImport(Lib)] internal static extern int kalshi_book_apply_fix(BookHandle b, IntPtr m);
        [DllImport(Lib)] internal static extern int kalshi_book_set_level(BookHandle b, byte[] symbol, int side, long price, long size);
        [DllImport(Lib)] internal static extern int kalshi_book_clear(BookHandle b, byte[] symbol);
        [DllImport(Lib)] internal static extern int kalshi_book_best(BookHandle b, byte[] symbol, int side, out long price, out long size);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_book_depth(BookHandle b, byte[] symbol, int side);
        [DllImport(Lib)] internal static extern int kalshi_book_level(BookHandle b, byte[] symbol, int side, UIntPtr index, out long price, out long size);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_book_symbol_count(BookHandle b);
        [DllImport(Lib)] internal static extern IntPtr kalshi_book_symbol_at(BookHandle b, UIntPtr index);

        [DllImport(Lib)] internal static extern int kalshi_settlement_assembler_new(out SettlementAssemblerHandle output);
        [DllImport(Lib)] internal static extern void kalshi_settlement_assembler_destroy(IntPtr a);
        [DllImport(Lib)] internal static extern int kalshi_settlement_assembler_add(SettlementAssemblerHandle a, IntPtr m, out SettlementHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_settlement_assembler_pending(SettlementAssemblerHandle a);
        [DllImport(Lib)] internal static extern void kalshi_settlement_destroy(IntPtr r);
        [DllImport(Lib)] internal static extern IntPtr kalshi_settlement_symbol(SettlementHandle r);
        [DllImport(Lib)] internal static extern IntPtr kalshi_settlement_result(SettlementHandle r);
        [DllImport(Lib)] internal static extern int kalshi_settlement_business_date(SettlementHandle r);
        [DllImport(Lib)] internal static extern long kalshi_settlement_price(SettlementHandle r);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_settlement_page_count(SettlementHandle r);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_settlement_declared_pages(SettlementHandle r);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_settlement_party_count(SettlementHandle r);
        [DllImport(Lib)] internal static extern int kalshi_settlement_party(SettlementHandle r, UIntPtr index, out IntPtr partyId, out long longQty, out long shortQty, out long payout, out long fee);

        // ---- sim.h ----------------------------------------------------------------------------
        [DllImport(Lib)] internal static extern int kalshi_sim_start(ConfHandle conf, out SimHandle output, out ErrorHandle err);
        [DllImport(Lib)] internal static extern void kalshi_sim_stop(SimHandle sim);
        [DllImport(Lib)] internal static extern void kalshi_sim_destroy(IntPtr sim);
        [DllImport(Lib)] internal static extern int kalshi_sim_port(SimHandle sim, byte[] endpoint, out ushort port);
        [DllImport(Lib)] internal static extern int kalshi_sim_ca_file(SimHandle sim, byte[] buf, UIntPtr cap);
        [DllImport(Lib)] internal static extern int kalshi_sim_client_conf(SimHandle sim, ConfHandle clientConf, int tls, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sim_client_conf_product(SimHandle sim, ConfHandle clientConf, int product, int tls, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sim_register_key(SimHandle sim, int product, byte[] keyId, byte[] publicKeyPem, UIntPtr pemLen, uint member, out uint memberOut, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sim_set_balance(SimHandle sim, uint member, uint subaccount, long balance);
        [DllImport(Lib)] internal static extern int kalshi_sim_balance(SimHandle sim, uint member, uint subaccount, out long balance);
        [DllImport(Lib)] internal static extern int kalshi_sim_position(SimHandle sim, uint member, uint subaccount, byte[] ticker, out long contracts);
        [DllImport(Lib)] internal static extern int kalshi_sim_place_order(SimHandle sim, uint member, byte[] ticker, int side, long price, long qty, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sim_market_status(SimHandle sim, byte[] ticker, byte[] status, out ErrorHandle err);
        [DllImport(Lib)] internal static extern int kalshi_sim_settle(SimHandle sim, byte[] ticker, long yesValue, out ErrorHandle err);
        [DllImport(Lib)] internal static extern long kalshi_sim_now_ms(SimHandle sim);
        [DllImport(Lib)] internal static extern int kalshi_sim_advance_ms(SimHandle sim, long ms);
        [DllImport(Lib)] internal static extern int kalshi_sim_activity(SimHandle sim, int enabled);
        [DllImport(Lib)] internal static extern int kalshi_sim_fault(SimHandle sim, byte[] session, byte[] keyId, byte[] fault, out ErrorHandle err);
        [DllImport(Lib)] internal static extern UIntPtr kalshi_sim_fix_sessions(SimHandle sim);
    }

    // Library.Preload: load one exact libkalshi file before the first P/Invoke is compiled. The
    // dllmap target libkalshi.so.0 then resolves to it, because the dynamic loader matches an
    // already-loaded object by its SONAME. (Mono binds a P/Invoke when it compiles the first
    // method calling it, so this cannot happen lazily inside the binding.)
    internal static class Preload
    {
        [DllImport("libdl.so.2", EntryPoint = "dlopen")]
        private static extern IntPtr dlopen(byte[] path, int flags);

        [DllImport("libdl.so.2", EntryPoint = "dlerror")]
        private static extern IntPtr dlerror();

        internal static void Load(string path)
        {
            const int RTLD_NOW = 2, RTLD_GLOBAL = 0x100;
            if (dlopen(Utf8.Encode(path), RTLD_NOW | RTLD_GLOBAL) == IntPtr.Zero)
                throw new DllNotFoundException(Utf8.Decode(dlerror()) ?? path);
        }
    }

    internal static class Utf8
    {
        // NUL-terminated UTF-8, or null for a null string (C NULL).
        internal static byte[] Encode(string s)
        {
            if (s == null) return null;
            int n = System.Text.Encoding.UTF8.GetByteCount(s);
            byte[] b = new byte[n + 1];
            System.Text.Encoding.UTF8.GetBytes(s, 0, s.Length, b, 0);
            return b;
        }

        internal static string Decode(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0) n++;
            return Decode(p, n);
        }

        internal static string Decode(IntPtr p, int len)
        {
            if (p == IntPtr.Zero) return null;
            byte[] b = new byte[len];
            if (len > 0) Marshal.Copy(p, b, 0, len);
            return System.Text.Encoding.UTF8.GetString(b);
        }

        // Text before the first NUL of a buffer filled by the library.
        internal static string FromBuffer(byte[] b)
        {
            int n = Array.IndexOf(b, (byte)0);
            if (n < 0) n = b.Length;
            return System.Text.Encoding.UTF8.GetString(b, 0, n);
        }
    }
}
