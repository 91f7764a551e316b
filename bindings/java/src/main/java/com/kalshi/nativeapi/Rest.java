package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * REST calls on a client ({@link Client#rest()}, rest.h): every operation of the prediction, perps
 * and Klear APIs by operationId (docs/REST_OPERATIONS.md), cursor pagination, and typed helpers
 * for the common prediction calls. The library validates parameters and body against the operation
 * on the calling thread, signs the request with the client's keys, keeps the client-side rate
 * limits and retries only idempotent requests (docs/REST.md).
 *
 * <p>A call returns once the request is queued; its completion arrives on the client's
 * {@link EventQueue} with the call's user tag:
 * <ul>
 *   <li>REST_RESPONSE, exactly one per call: {@link Event#err()} is OK on a 2xx, else the mapped
 *       error (BAD_REQUEST 400, UNAUTHORIZED 401/403, NOT_FOUND 404, CONFLICT 409, RATE_LIMITED
 *       429, SERVER 5xx, or a transport error) with {@link Event#error()} carrying the HTTP status
 *       and the exchange's code and message; {@link Event#restStatus()},
 *       {@link Event#restOperation()}, {@link Event#data()} (the raw JSON body) and the typed view
 *       {@link Event#objects()};</li>
 *   <li>for {@link #paginate}: one REST_PAGE per page ({@link Event#restPageIndex()}), then one
 *       REST_DONE (its error if the listing failed; {@link Event#restTruncated()}).</li>
 * </ul>
 *
 * <p>Errors known before any network I/O are thrown at once: INVALID_ARG (unknown operation, a
 * parameter or body field that fails validation — the message names it), CLOSED, KEY_* (no key for
 * a signed operation), RATE_LIMITED (the limiter in fail-fast mode). Thread-safe: calls may come
 * from any thread. The object holds no native state of its own; it is valid as long as its client.
 */
public final class Rest {
    private final Client client;

    Rest(Client client) {
        this.client = client;
    }

    /** The client the calls go through. */
    public Client client() {
        return client;
    }

    private interface Call {
        int call(Pointer c, PointerByReference err);
    }

    private void run(Call call) {
        PointerByReference err = new PointerByReference();
        Pointer c = client.acquire();
        try {
            KalshiException.check(call.call(c, err), err);
        } finally {
            client.release();
        }
    }

    private interface ParamsCall {
        int call(Pointer params);
    }

    /** Holds a reference on params (may be null) for the duration of one native call. */
    private static int withParams(RestParams params, ParamsCall call) {
        if (params == null) return call.call(null);
        Pointer p = params.acquireForCall();
        try {
            return call.call(p);
        } finally {
            params.releaseForCall();
        }
    }

    private static byte[] req(String v, String name) {
        return Util.cstrWhole(Objects.requireNonNull(v, name), name);
    }

    /** Any operation by operationId without parameters or body. */
    public void call(RestApi api, String operationId, long userTag) {
        call(api, operationId, null, null, userTag);
    }

    /**
     * Any operation by operationId: params (null for none) and a JSON body (null for none) are
     * validated against the operation and copied; one REST_RESPONSE follows.
     */
    public void call(RestApi api, String operationId, RestParams params, String body, long userTag) {
        int a = Objects.requireNonNull(api, "api").code();
        byte[] op = req(operationId, "operationId");
        byte[] b = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        KalshiNative.SizeT n = new KalshiNative.SizeT(b == null ? 0 : b.length);
        run((c, err) -> withParams(params, p -> Util.LIB.kalshi_rest_call(c, a, op, p, b, n, userTag, err)));
    }

    /**
     * Cursor pagination of a paginated listing (GetMarkets, GetOrders, ...): pages until the cursor
     * is empty or maxPages pages were delivered (0 = rest.max_pages). One REST_PAGE per page, then
     * REST_DONE. INVALID_ARG for an operation that is not paginated.
     */
    public void paginate(RestApi api, String operationId, RestParams params, int maxPages, long userTag) {
        int a = Objects.requireNonNull(api, "api").code();
        byte[] op = req(operationId, "operationId");
        if (maxPages < 0) throw new IllegalArgumentException("maxPages must not be negative: " + maxPages);
        run((c, err) -> withParams(params, p -> Util.LIB.kalshi_rest_paginate(c, a, op, p, maxPages, userTag, err)));
    }

    /**
     * Creates a prediction order. side "yes" | "no", action "buy" | "sell"; price is the limit
     * price of that side. clientOrderId null: the library generates a UUID (in the response).
     * timeInForce null (the exchange's default) or "good_till_canceled" | "immediate_or_cancel" |
     * "fill_or_kill". The response's object is the order.
     */
    public void createOrder(String ticker, String side, String action, Count count, Price price, String clientOrderId,
            String timeInForce, long userTag) {
        byte[] t = req(ticker, "ticker"), s = req(side, "side"), a = req(action, "action");
        long q = Objects.requireNonNull(count, "count").raw(), px = Objects.requireNonNull(price, "price").raw();
        byte[] id = Util.cstrWhole(clientOrderId, "clientOrderId"), tif = Util.cstrWhole(timeInForce, "timeInForce");
        run((c, err) -> Util.LIB.kalshi_rest_create_order(c, t, s, a, q, px, id, tif, userTag, err));
    }

    /** Cancels an order by its exchange order_id; the response's object is the order. */
    public void cancelOrder(String orderId, long userTag) {
        byte[] id = req(orderId, "orderId");
        run((c, err) -> Util.LIB.kalshi_rest_cancel_order(c, id, userTag, err));
    }

    /** One market; the response's object is the market. */
    public void getMarket(String ticker, long userTag) {
        byte[] t = req(ticker, "ticker");
        run((c, err) -> Util.LIB.kalshi_rest_get_market(c, t, userTag, err));
    }

    /** A market's order book (depth 0: full book); the response's object is the "orderbook" with
     * "yes" and "no" levels ({@link Obj#levels}), and the event feeds {@link Book#applyEvent}. */
    public void getOrderbook(String ticker, int depth, long userTag) {
        byte[] t = req(ticker, "ticker");
        if (depth < 0) throw new IllegalArgumentException("depth must not be negative: " + depth);
        run((c, err) -> Util.LIB.kalshi_rest_get_orderbook(c, t, depth, userTag, err));
    }

    /** The member's balance; the response's object is the "balance". */
    public void getBalance(long userTag) {
        run((c, err) -> Util.LIB.kalshi_rest_get_balance(c, userTag, err));
    }

    /** The member's positions; one object per market and event position. */
    public void getPositions(long userTag) {
        run((c, err) -> Util.LIB.kalshi_rest_get_positions(c, userTag, err));
    }
}
