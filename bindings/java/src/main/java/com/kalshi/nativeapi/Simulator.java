package com.kalshi.nativeapi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;
import java.util.Objects;

/**
 * kalshi-sim inside the process ({@code kalshi_sim_t}): a local Kalshi exchange with markets,
 * matching, accounts and the FIX listeners on loopback, on its own thread. Meant for tests.
 * Thread-safe. {@link #close()} stops it (every session is logged out) and deletes its CA file.
 * Member and subaccount numbers are the C {@code uint32_t} values (non-negative ints here).
 */
public final class Simulator extends NativeHandle {
    /** A simulator with every default (built-in markets, ephemeral ports). */
    public Simulator() {
        this(null);
    }

    /** Starts a simulator from a copy of conf (its {@code sim.*} properties; null = defaults).
     * INVALID_VALUE for a bad markets file, IO when a port cannot be bound. */
    public Simulator(Conf conf) {
        super(start(conf), Simulator::destroy);
    }

    private static Pointer start(Conf conf) {
        PointerByReference out = new PointerByReference();
        PointerByReference err = new PointerByReference();
        Pointer c = conf == null ? null : conf.acquireForClient();
        try {
            int rc = Util.LIB.kalshi_sim_start(c, out, err);
            if (rc != 0 && out.getValue() != null) Util.LIB.kalshi_sim_destroy(out.getValue());
            KalshiException.check(rc, err);
            if (out.getValue() == null) throw new KalshiException(ErrorCode.INTERNAL, "kalshi_sim_start returned no simulator");
            return out.getValue();
        } finally {
            if (conf != null) conf.releaseForClient();
        }
    }

    private static void destroy(Pointer p) {
        Util.LIB.kalshi_sim_destroy(p);
    }

    /** Logs every session out and stops listening; the accounts stay readable. Idempotent. */
    public void stop() {
        Pointer p = acquire();
        try {
            Util.LIB.kalshi_sim_stop(p);
        } finally {
            release();
        }
    }

    /** The port of an endpoint: "fix.nr", "fix.rt", ..., "perps.fix.nr", ...; with ".tls"
     * appended for the TLS listener. NOT_FOUND for an unknown or disabled endpoint. */
    public int port(String endpoint) {
        byte[] e = Util.cstr(Objects.requireNonNull(endpoint, "endpoint"));
        ShortByReference port = new ShortByReference();
        Pointer p = acquire();
        try {
            int rc = Util.LIB.kalshi_sim_port(p, e, port);
            if (rc != 0) throw new KalshiException(rc, "endpoint \"" + endpoint + "\": " + ErrorCode.describe(rc), null);
            return Short.toUnsignedInt(port.getValue());
        } finally {
            release();
        }
    }

    /** Path of the PEM file with the simulator's CA certificate (for {@code tls.ca_file}).
     * NOT_FOUND when TLS is off. */
    public String caFile() {
        Pointer p = acquire();
        try {
            // The call reports only "too small", not the size needed: grow until it fits.
            for (int cap = 256; cap <= 1 << 20; cap *= 2) {
                byte[] buf = new byte[cap];
                int rc = Util.LIB.kalshi_sim_ca_file(p, buf, new KalshiNative.SizeT(cap));
                if (rc == 0) return Util.fromBuffer(buf);
                if (rc != ErrorCode.BUFFER_TOO_SMALL.code()) KalshiException.check(rc);
            }
            throw new KalshiException(ErrorCode.INTERNAL, "CA file path does not fit in 1 MiB");
        } finally {
            release();
        }
    }

    /** Points a client conf at this simulator: hosts, {@code fix.port.*} (plain or TLS
     * listeners), {@code fix.tls}, {@code tls.ca_file}. */
    public void clientConf(Conf clientConf, boolean tls) {
        Objects.requireNonNull(clientConf, "clientConf");
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            Pointer c = clientConf.acquireForClient();
            try {
                KalshiException.check(Util.LIB.kalshi_sim_client_conf(p, c, tls ? 1 : 0, err), err);
            } finally {
                clientConf.releaseForClient();
            }
        } finally {
            release();
        }
    }

    /** {@link #clientConf(Conf, boolean)} for one product: for {@link Product#MARGIN} the
     * {@code fix.port.*} properties get the {@code perps.fix.*} listeners and {@code fix.product}
     * is "margin". */
    public void clientConf(Conf clientConf, Product product, boolean tls) {
        Objects.requireNonNull(clientConf, "clientConf");
        Objects.requireNonNull(product, "product");
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            Pointer c = clientConf.acquireForClient();
            try {
                KalshiException.check(Util.LIB.kalshi_sim_client_conf_product(p, c, product.code(), tls ? 1 : 0, err), err);
            } finally {
                clientConf.releaseForClient();
            }
        } finally {
            release();
        }
    }

    /** Lets keyId log on for product with an RSA public key in PEM, trading for a new member
     * named after the key (opening balance {@code sim.balance}). Returns the member number. */
    public int registerKey(Product product, String keyId, String publicKeyPem) {
        return registerKey(product, keyId, publicKeyPem, 0);
    }

    /** Lets keyId log on for product with an RSA public key in PEM, trading for member (0: a new
     * member named after the key). Returns the member number; registering a key id again
     * replaces its public key. */
    public int registerKey(Product product, String keyId, String publicKeyPem, int member) {
        Objects.requireNonNull(product, "product");
        byte[] id = Util.cstr(Objects.requireNonNull(keyId, "keyId"));
        byte[] pem = Util.cstr(Objects.requireNonNull(publicKeyPem, "publicKeyPem"));
        IntByReference out = new IntByReference();
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            int rc = Util.LIB.kalshi_sim_register_key(p, product.code(), id, pem, new KalshiNative.SizeT(pem.length - 1), member,
                    out, err);
            KalshiException.check(rc, err);
            return out.getValue();
        } finally {
            release();
        }
    }

    /** Sets the cash balance of a member's subaccount (0 = primary). */
    public void setBalance(int member, int subaccount, Price balance) {
        long v = Objects.requireNonNull(balance, "balance").raw();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_set_balance(p, member, subaccount, v));
        } finally {
            release();
        }
    }

    /** The cash balance of a member's subaccount (0 = primary). */
    public Price balance(int member, int subaccount) {
        LongByReference v = new LongByReference();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_balance(p, member, subaccount, v));
            return new Price(v.getValue());
        } finally {
            release();
        }
    }

    /** The signed position in a market: positive YES / long, negative NO / short. */
    public Count position(int member, int subaccount, String ticker) {
        byte[] t = Util.cstr(Objects.requireNonNull(ticker, "ticker"));
        LongByReference v = new LongByReference();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_position(p, member, subaccount, t, v));
            return new Count(v.getValue());
        } finally {
            release();
        }
    }

    /** A limit order for member as another participant (no session). side as tag 54: '1' buys
     * YES / goes long, '2' sells YES (buys NO) / goes short. REJECTED with Kalshi's reason when
     * the exchange refuses it. */
    public void placeOrder(int member, String ticker, char side, Price price, Count qty) {
        if (side != '1' && side != '2') throw new IllegalArgumentException("side must be '1' (buy) or '2' (sell): " + side);
        byte[] t = Util.cstr(Objects.requireNonNull(ticker, "ticker"));
        long px = Objects.requireNonNull(price, "price").raw();
        long q = Objects.requireNonNull(qty, "qty").raw();
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_place_order(p, member, t, side - '0', px, q, err), err);
        } finally {
            release();
        }
    }

    /** Moves a market to "open", "paused" or "closed". */
    public void setMarketStatus(String ticker, String status) {
        byte[] t = Util.cstr(Objects.requireNonNull(ticker, "ticker"));
        byte[] s = Util.cstr(Objects.requireNonNull(status, "status"));
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_market_status(p, t, s, err), err);
        } finally {
            release();
        }
    }

    /** Settles a market with the YES value per contract (0 or 1.00 for a binary market). */
    public void settle(String ticker, Price yesValue) {
        byte[] t = Util.cstr(Objects.requireNonNull(ticker, "ticker"));
        long v = Objects.requireNonNull(yesValue, "yesValue").raw();
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_settle(p, t, v, err), err);
        } finally {
            release();
        }
    }

    /** The exchange clock, Unix milliseconds. */
    public long nowMs() {
        Pointer p = acquire();
        try {
            return Util.LIB.kalshi_sim_now_ms(p);
        } finally {
            release();
        }
    }

    /** Moves a manual clock ({@code sim.clock=manual}) forward, running what falls due. */
    public void advanceMs(long ms) {
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_advance_ms(p, ms));
        } finally {
            release();
        }
    }

    /** Turns the market-activity generator (other participants trading) on or off. */
    public void setActivity(boolean enabled) {
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_activity(p, enabled ? 1 : 0));
        } finally {
            release();
        }
    }

    /** Injects a fault on the FIX sessions of an endpoint ("fix.nr", "perps.fix.rt"; no ".tls")
     * for keyId (null or "" = every key): "drop", "skip N", "dup N", "delay MS", "garbage",
     * "reject_logon [text]", "resend_request [from]", "test_request", "logout [text]",
     * "mute [ms]", "clear". NOT_FOUND when no live session matched a fault that acts now. */
    public void fault(String session, String keyId, String fault) {
        byte[] s = Util.cstr(Objects.requireNonNull(session, "session"));
        byte[] k = Util.cstr(keyId);
        byte[] f = Util.cstr(Objects.requireNonNull(fault, "fault"));
        PointerByReference err = new PointerByReference();
        Pointer p = acquire();
        try {
            KalshiException.check(Util.LIB.kalshi_sim_fault(p, s, k, f, err), err);
        } finally {
            release();
        }
    }

    /** FIX sessions logged on right now. */
    public int fixSessions() {
        Pointer p = acquire();
        try {
            return (int) Util.LIB.kalshi_sim_fix_sessions(p).longValue();
        } finally {
            release();
        }
    }
}
