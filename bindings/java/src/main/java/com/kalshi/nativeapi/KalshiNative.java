package com.kalshi.nativeapi;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;

/**
 * Raw JNA declarations of the libkalshi C ABI ({@code include/kalshi/*.h}). Strings are passed as
 * NUL-terminated UTF-8 {@code byte[]} (see {@link Util#cstr}) rather than through JNA's
 * default-encoding conversion; returned {@code const char *} come back as {@link Pointer}.
 * Applications use the wrapper classes, not this interface.
 */
public interface KalshiNative extends Library {
    /** size_t. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long v) {
            super(Native.SIZE_T_SIZE, v, true);
        }
    }

    /** size_t *. */
    final class SizeTByReference extends ByReference {
        public SizeTByReference() {
            this(0);
        }

        public SizeTByReference(long v) {
            super(Native.SIZE_T_SIZE);
            setValue(v);
        }

        public void setValue(long v) {
            if (Native.SIZE_T_SIZE == 8) getPointer().setLong(0, v);
            else getPointer().setInt(0, (int) v);
        }

        public long getValue() {
            return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xffffffffL;
        }
    }

    // version.h
    int kalshi_version();
    Pointer kalshi_version_str();

    // error.h
    Pointer kalshi_err_name(int code);
    Pointer kalshi_err_str(int code);
    SizeT kalshi_err_codes(int[] out, SizeT cap);
    int kalshi_error_code(Pointer e);
    Pointer kalshi_error_message(Pointer e);
    int kalshi_error_http_status(Pointer e);
    Pointer kalshi_error_exchange_code(Pointer e);
    int kalshi_error_retriable(Pointer e);
    int kalshi_error_fatal(Pointer e);
    void kalshi_error_destroy(Pointer e);

    // decimal.h
    int kalshi_price_parse(byte[] s, SizeT len, LongByReference out);
    int kalshi_count_parse(byte[] s, SizeT len, LongByReference out);
    int kalshi_price_format(long v, int minDecimals, byte[] buf, SizeT cap, SizeTByReference written);
    int kalshi_count_format(long v, int minDecimals, byte[] buf, SizeT cap, SizeTByReference written);
    int kalshi_price_from_cents(long cents, LongByReference out);
    int kalshi_price_to_cents(long v, LongByReference cents);
    int kalshi_price_from_centicents(long centicents, LongByReference out);
    int kalshi_price_to_centicents(long v, LongByReference centicents);

    // conf.h
    Pointer kalshi_conf_new();
    Pointer kalshi_conf_dup(Pointer conf);
    void kalshi_conf_destroy(Pointer conf);
    int kalshi_conf_set(Pointer conf, byte[] key, byte[] value, byte[] errstr, SizeT errstrSize);
    int kalshi_conf_get(Pointer conf, byte[] key, byte[] dest, SizeTByReference destSize);
    int kalshi_conf_dump(Pointer conf, byte[] dest, SizeTByReference destSize);
    int kalshi_conf_from_env(Pointer conf, byte[] errstr, SizeT errstrSize);

    // queue.h
    Pointer kalshi_queue_poll(Pointer q, int timeoutMs);
    SizeT kalshi_queue_poll_batch(Pointer q, Pointer[] events, SizeT max, int timeoutMs);
    SizeT kalshi_queue_length(Pointer q);
    int kalshi_queue_wakeup_fd(Pointer q);
    void kalshi_queue_destroy(Pointer q);
    int kalshi_event_type(Pointer ev);
    Pointer kalshi_event_type_name(int type);
    long kalshi_event_user_tag(Pointer ev);
    int kalshi_event_err(Pointer ev);
    Pointer kalshi_event_error(Pointer ev);
    Pointer kalshi_event_data(Pointer ev, SizeTByReference len);
    int kalshi_event_log_level(Pointer ev);
    long kalshi_event_timestamp_ns(Pointer ev);
    void kalshi_event_destroy(Pointer ev);

    // client.h
    int kalshi_client_new(Pointer conf, PointerByReference out, PointerByReference err);
    int kalshi_client_run(Pointer c, int timeoutMs);
    Pointer kalshi_client_queue(Pointer c);
    int kalshi_client_echo(Pointer c, long userTag);
    int kalshi_client_log(Pointer c, int level, byte[] message);
    int kalshi_client_close(Pointer c, int timeoutMs);
    int kalshi_client_closed(Pointer c);
    int kalshi_client_destroy(Pointer c);

    // stream.h
    int kalshi_stream_open(Pointer c, byte[] host, short port, int flags, long userTag, PointerByReference out, PointerByReference err);
    int kalshi_stream_write(Pointer s, byte[] data, SizeT len);
    int kalshi_stream_close(Pointer s);
    void kalshi_stream_destroy(Pointer s);

    // key.h
    int kalshi_key_load_pem(byte[] pem, SizeT len, byte[] passphrase, PointerByReference out, PointerByReference err);
    int kalshi_key_load_file(byte[] path, byte[] passphrase, PointerByReference out, PointerByReference err);
    int kalshi_key_load_env(int perps, PointerByReference out, PointerByReference err);
    int kalshi_key_generate(int type, int bits, PointerByReference out, PointerByReference err);
    int kalshi_key_type(Pointer key);
    int kalshi_key_bits(Pointer key);
    SizeT kalshi_key_signature_size(Pointer key);
    int kalshi_key_public_pem(Pointer key, byte[] buf, SizeTByReference len);
    int kalshi_key_private_pem(Pointer key, byte[] buf, SizeTByReference len);
    int kalshi_key_sign(Pointer key, byte[] msg, SizeT len, byte[] sig, SizeTByReference sigLen, PointerByReference err);
    int kalshi_sign_rest(Pointer key, long timestampMs, byte[] method, byte[] path, byte[] sigB64, SizeTByReference len, PointerByReference err);
    int kalshi_sign_fix_logon(Pointer key, byte[] sendingTime, long msgSeqNum, byte[] senderCompId, byte[] targetCompId, byte[] sigB64, SizeTByReference len, PointerByReference err);
    void kalshi_key_destroy(Pointer key);

    // fix.h
    Pointer kalshi_fix_state_name(int state);
    int kalshi_fix_session_open(Pointer c, Pointer overrides, long userTag, PointerByReference out, PointerByReference err);
    int kalshi_fix_session_close(Pointer s);
    void kalshi_fix_session_destroy(Pointer s);
    int kalshi_fix_session_state(Pointer s);
    long kalshi_fix_session_next_sender_seq(Pointer s);
    long kalshi_fix_session_next_target_seq(Pointer s);
    int kalshi_fix_builder_new(byte[] msgType, PointerByReference out, PointerByReference err);
    int kalshi_fix_builder_reset(Pointer b, byte[] msgType, PointerByReference err);
    void kalshi_fix_builder_destroy(Pointer b);
    int kalshi_fix_builder_set_str(Pointer b, int tag, byte[] value, SizeT len, PointerByReference err);
    int kalshi_fix_builder_set_int(Pointer b, int tag, long value, PointerByReference err);
    int kalshi_fix_builder_set_char(Pointer b, int tag, byte value, PointerByReference err);
    int kalshi_fix_builder_set_bool(Pointer b, int tag, int value, PointerByReference err);
    int kalshi_fix_builder_set_price(Pointer b, int tag, long value, PointerByReference err);
    int kalshi_fix_builder_set_count(Pointer b, int tag, long value, PointerByReference err);
    int kalshi_fix_builder_set_amount(Pointer b, int tag, long value, PointerByReference err);
    int kalshi_fix_builder_set_time_ms(Pointer b, int tag, long epochMs, PointerByReference err);
    int kalshi_fix_builder_group_begin(Pointer b, int counterTag, PointerByReference err);
    int kalshi_fix_builder_entry_next(Pointer b, PointerByReference err);
    int kalshi_fix_builder_group_end(Pointer b, PointerByReference err);
    int kalshi_fix_send(Pointer s, Pointer b, byte[] senderSubId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_new_order(Pointer s, byte[] clOrdId, byte[] symbol, byte side, long price, long qty, byte tif, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_cancel(Pointer s, byte[] clOrdId, byte[] origClOrdId, byte[] symbol, byte side, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_replace(Pointer s, byte[] clOrdId, byte[] origClOrdId, byte[] symbol, byte side, long price, long qty, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_mass_cancel(Pointer s, byte[] clOrdId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_order_group(Pointer s, int action, byte[] groupId, long contractsLimit, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_md_request(Pointer s, byte requestType, Pointer symbols, SizeT n, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_security_status_request(Pointer s, byte requestType, byte[] symbol, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_event_resend(Pointer s, byte[] beginExecId, byte[] endExecId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_quote_request(Pointer s, byte[] quoteReqId, byte[] symbol, long qty, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_quote(Pointer s, byte[] quoteId, byte[] quoteReqId, byte[] symbol, long bidPx, long offerPx, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_accept_quote(Pointer s, byte[] quoteId, byte[] rfqId, byte side, long qty, byte[] clOrdId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_quote_cancel(Pointer s, byte[] quoteId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_quote_confirm(Pointer s, byte[] quoteId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_send_rfq_cancel(Pointer s, byte[] quoteReqId, long userTag, LongByReference seqOut, PointerByReference err);
    int kalshi_fix_decode(byte[] frame, SizeT len, int product, int useDollars, PointerByReference out, PointerByReference err);
    int kalshi_event_fix_state(Pointer ev);
    Pointer kalshi_event_fix_msg(Pointer ev);
    Pointer kalshi_fix_msg_type(Pointer m);
    long kalshi_fix_msg_seq(Pointer m);
    int kalshi_fix_msg_poss_dup(Pointer m);
    long kalshi_fix_msg_sending_time_ms(Pointer m);
    Pointer kalshi_fix_msg_raw(Pointer m, SizeTByReference len);
    long kalshi_fix_msg_ref_user_tag(Pointer m);
    int kalshi_fix_msg_has(Pointer m, int tag);
    int kalshi_fix_msg_str(Pointer m, int tag, PointerByReference value, SizeTByReference len);
    int kalshi_fix_msg_int(Pointer m, int tag, LongByReference value);
    int kalshi_fix_msg_char(Pointer m, int tag, ByteByReference value);
    int kalshi_fix_msg_bool(Pointer m, int tag, IntByReference value);
    int kalshi_fix_msg_price(Pointer m, int tag, LongByReference value);
    int kalshi_fix_msg_count(Pointer m, int tag, LongByReference value);
    int kalshi_fix_msg_amount(Pointer m, int tag, LongByReference value);
    int kalshi_fix_msg_time_ms(Pointer m, int tag, LongByReference epochMs);
    SizeT kalshi_fix_msg_group_count(Pointer m, int counterTag);
    Pointer kalshi_fix_msg_group_entry(Pointer m, int counterTag, SizeT index);
    SizeT kalshi_fix_msg_field_count(Pointer m);
    int kalshi_fix_msg_field_at(Pointer m, SizeT index, IntByReference tag, PointerByReference value, SizeTByReference len);

    // book.h
    int kalshi_book_new(PointerByReference out);
    void kalshi_book_destroy(Pointer b);
    int kalshi_book_apply_event(Pointer b, Pointer ev);
    int kalshi_book_apply_fix(Pointer b, Pointer m);
    int kalshi_book_set_level(Pointer b, byte[] symbol, int side, long price, long size);
    int kalshi_book_clear(Pointer b, byte[] symbol);
    int kalshi_book_best(Pointer b, byte[] symbol, int side, LongByReference price, LongByReference size);
    SizeT kalshi_book_depth(Pointer b, byte[] symbol, int side);
    int kalshi_book_level(Pointer b, byte[] symbol, int side, SizeT index, LongByReference price, LongByReference size);
    SizeT kalshi_book_symbol_count(Pointer b);
    Pointer kalshi_book_symbol_at(Pointer b, SizeT index);
    int kalshi_settlement_assembler_new(PointerByReference out);
    void kalshi_settlement_assembler_destroy(Pointer a);
    int kalshi_settlement_assembler_add(Pointer a, Pointer m, PointerByReference out, PointerByReference err);
    SizeT kalshi_settlement_assembler_pending(Pointer a);
    void kalshi_settlement_destroy(Pointer r);
    Pointer kalshi_settlement_symbol(Pointer r);
    Pointer kalshi_settlement_result(Pointer r);
    int kalshi_settlement_business_date(Pointer r);
    long kalshi_settlement_price(Pointer r);
    SizeT kalshi_settlement_page_count(Pointer r);
    SizeT kalshi_settlement_declared_pages(Pointer r);
    SizeT kalshi_settlement_party_count(Pointer r);
    int kalshi_settlement_party(Pointer r, SizeT index, PointerByReference partyId, LongByReference longQty, LongByReference shortQty, LongByReference payout, LongByReference fee);

    // sim.h (uint16_t and uint32_t travel as short and int; the wrapper widens them unsigned)
    int kalshi_sim_start(Pointer conf, PointerByReference out, PointerByReference err);
    void kalshi_sim_stop(Pointer sim);
    void kalshi_sim_destroy(Pointer sim);
    int kalshi_sim_port(Pointer sim, byte[] endpoint, ShortByReference port);
    int kalshi_sim_ca_file(Pointer sim, byte[] buf, SizeT cap);
    int kalshi_sim_client_conf(Pointer sim, Pointer clientConf, int tls, PointerByReference err);
    int kalshi_sim_client_conf_product(Pointer sim, Pointer clientConf, int product, int tls, PointerByReference err);
    int kalshi_sim_register_key(Pointer sim, int product, byte[] keyId, byte[] publicKeyPem, SizeT pemLen, int member, IntByReference memberOut, PointerByReference err);
    int kalshi_sim_set_balance(Pointer sim, int member, int subaccount, long balance);
    int kalshi_sim_balance(Pointer sim, int member, int subaccount, LongByReference balance);
    int kalshi_sim_position(Pointer sim, int member, int subaccount, byte[] ticker, LongByReference contracts);
    int kalshi_sim_place_order(Pointer sim, int member, byte[] ticker, int side, long price, long qty, PointerByReference err);
    int kalshi_sim_market_status(Pointer sim, byte[] ticker, byte[] status, PointerByReference err);
    int kalshi_sim_settle(Pointer sim, byte[] ticker, long yesValue, PointerByReference err);
    long kalshi_sim_now_ms(Pointer sim);
    int kalshi_sim_advance_ms(Pointer sim, long ms);
    int kalshi_sim_activity(Pointer sim, int enabled);
    int kalshi_sim_fault(Pointer sim, byte[] session, byte[] keyId, byte[] fault, PointerByReference err);
    SizeT kalshi_sim_fix_sessions(Pointer sim);

    // obj.h (typed objects owned by their event)
    SizeT kalshi_event_obj_count(Pointer ev);
    Pointer kalshi_event_obj(Pointer ev, SizeT i);
    Pointer kalshi_obj_kind(Pointer o);
    SizeT kalshi_obj_field_count(Pointer o);
    Pointer kalshi_obj_field_name(Pointer o, SizeT i);
    int kalshi_obj_kind_of(Pointer o, byte[] field);
    int kalshi_obj_str(Pointer o, byte[] field, PointerByReference value, SizeTByReference len);
    int kalshi_obj_int(Pointer o, byte[] field, LongByReference value);
    int kalshi_obj_bool(Pointer o, byte[] field, IntByReference value);
    int kalshi_obj_price(Pointer o, byte[] field, LongByReference value);
    int kalshi_obj_count(Pointer o, byte[] field, LongByReference value);
    SizeT kalshi_obj_level_count(Pointer o, byte[] side);
    int kalshi_obj_level(Pointer o, byte[] side, SizeT i, LongByReference price, LongByReference size);

    // rest.h (uint32_t travels as int; the wrapper widens it unsigned)
    int kalshi_rest_params_new(PointerByReference out);
    void kalshi_rest_params_destroy(Pointer p);
    int kalshi_rest_params_set(Pointer p, byte[] name, byte[] value);
    void kalshi_rest_params_clear(Pointer p);
    int kalshi_rest_call(Pointer c, int api, byte[] operationId, Pointer params, byte[] body, SizeT bodyLen, long userTag, PointerByReference err);
    int kalshi_rest_paginate(Pointer c, int api, byte[] operationId, Pointer params, int maxPages, long userTag, PointerByReference err);
    int kalshi_rest_create_order(Pointer c, byte[] ticker, byte[] side, byte[] action, long count, long price, byte[] clientOrderId, byte[] tif, long userTag, PointerByReference err);
    int kalshi_rest_cancel_order(Pointer c, byte[] orderId, long userTag, PointerByReference err);
    int kalshi_rest_get_market(Pointer c, byte[] ticker, long userTag, PointerByReference err);
    int kalshi_rest_get_orderbook(Pointer c, byte[] ticker, int depth, long userTag, PointerByReference err);
    int kalshi_rest_get_balance(Pointer c, long userTag, PointerByReference err);
    int kalshi_rest_get_positions(Pointer c, long userTag, PointerByReference err);
    int kalshi_event_rest_status(Pointer ev);
    Pointer kalshi_event_rest_operation(Pointer ev);
    int kalshi_event_rest_page_index(Pointer ev);
    int kalshi_event_rest_truncated(Pointer ev);
    Pointer kalshi_event_rest_cursor(Pointer ev);

    // ws.h (const char *const * lists travel as StringArray)
    int kalshi_ws_open(Pointer c, Pointer overrides, long userTag, PointerByReference out, PointerByReference err);
    int kalshi_ws_subscribe(Pointer w, Pointer channels, SizeT nChannels, Pointer marketTickers, SizeT nTickers, long userTag, PointerByReference err);
    int kalshi_ws_unsubscribe(Pointer w, long sid, long userTag, PointerByReference err);
    int kalshi_ws_update_subscription(Pointer w, long sid, byte[] action, Pointer marketTickers, SizeT nTickers, long userTag, PointerByReference err);
    int kalshi_ws_list_subscriptions(Pointer w, long userTag, PointerByReference err);
    int kalshi_ws_state(Pointer w);
    Pointer kalshi_ws_state_name(int state);
    long kalshi_ws_dropped(Pointer w);
    int kalshi_ws_book_best(Pointer w, byte[] marketTicker, int side, LongByReference price, LongByReference size);
    int kalshi_ws_book_copy(Pointer w, byte[] marketTicker, Pointer into, PointerByReference err);
    int kalshi_ws_close(Pointer w);
    void kalshi_ws_destroy(Pointer w);
    int kalshi_event_ws_state(Pointer ev);
    Pointer kalshi_event_ws_channel(Pointer ev);
    Pointer kalshi_event_ws_type(Pointer ev);
    long kalshi_event_ws_sid(Pointer ev);
    long kalshi_event_ws_seq(Pointer ev);
    Pointer kalshi_event_ws_market(Pointer ev);
}
