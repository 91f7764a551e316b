// libkalshi for .NET — kalshi-sim in the process (sim.h): a local Kalshi exchange for tests.
using System;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>A running simulator (kalshi_sim_t): markets, matching, accounts and the FIX
    /// listeners on loopback, on its own thread. Thread-safe. Dispose stops it (every session is
    /// logged out) and deletes its CA file.</summary>
    public sealed class Simulator : IDisposable
    {
        internal readonly SimHandle Handle;

        /// <summary>Starts a simulator from a copy of conf (its sim.* properties; null =
        /// defaults). KalshiException InvalidValue for a bad markets file, Io when a port cannot
        /// be bound.</summary>
        public Simulator(Conf conf = null)
        {
            SimHandle h;
            ErrorHandle err;
            int rc = Native.kalshi_sim_start(conf != null ? conf.Handle : new ConfHandle(), out h, out err);
            if (rc != 0)
            {
                if (h != null && !h.IsInvalid) h.Dispose();
                Errors.Check(rc, err);
            }
            if (err != null) err.Dispose();
            h.Track();
            Handle = h;
        }

        /// <summary>Logs every session out and stops listening; accounts stay readable.
        /// Idempotent.</summary>
        public void Stop() { Native.kalshi_sim_stop(Handle); }

        /// <summary>The port of an endpoint: "fix.nr", "fix.rt", ..., "perps.fix.nr", ...; with
        /// ".tls" appended for the TLS listener. NotFound for an unknown or disabled one.</summary>
        public int Port(string endpoint)
        {
            if (endpoint == null) throw new ArgumentNullException("endpoint");
            ushort port;
            int rc = Native.kalshi_sim_port(Handle, Utf8.Encode(endpoint), out port);
            if (rc != 0) throw new KalshiException((ErrorCode)rc, "endpoint \"" + endpoint + "\": " + Errors.Describe((ErrorCode)rc));
            return port;
        }

        /// <summary>Path of the PEM file with the simulator's CA certificate (for tls.ca_file).
        /// NotFound when TLS is off.</summary>
        public string CaFile
        {
            get
            {
                // The call reports only "too small", not the size needed: grow until it fits.
                for (int cap = 256; cap <= 1 << 20; cap *= 2)
                {
                    byte[] buf = new byte[cap];
                    int rc = Native.kalshi_sim_ca_file(Handle, buf, (UIntPtr)(ulong)cap);
                    if (rc == 0) return Utf8.FromBuffer(buf);
                    if (rc != (int)ErrorCode.BufferTooSmall) Errors.Check(rc);
                }
                throw new KalshiException(ErrorCode.Internal, "CA file path does not fit in 1 MiB");
            }
        }

        /// <summary>Points a client conf at this simulator: hosts, fix.port.* (plain or TLS
        /// listeners), fix.tls, tls.ca_file.</summary>
        public void ClientConf(Conf clientConf, bool tls)
        {
            if (clientConf == null) throw new ArgumentNullException("clientConf");
            ErrorHandle err;
            Errors.Check(Native.kalshi_sim_client_conf(Handle, clientConf.Handle, tls ? 1 : 0, out err), err);
        }

        /// <summary>ClientConf for one product: for Product.Margin the fix.port.* properties
        /// get the perps.fix.* listeners and fix.product is "margin".</summary>
        public void ClientConf(Conf clientConf, bool tls, Product product)
        {
            if (clientConf == null) throw new ArgumentNullException("clientConf");
            ErrorHandle err;
            Errors.Check(Native.kalshi_sim_client_conf_product(Handle, clientConf.Handle, (int)product, tls ? 1 : 0, out err), err);
        }

        /// <summary>Lets keyId log on for product with an RSA public key in PEM. member 0 makes a
        /// new member named after the key (opening balance sim.balance). Returns the member the
        /// key trades for. Registering a key id again replaces its public key.</summary>
        public uint RegisterKey(Product product, string keyId, string publicKeyPem, uint member = 0)
        {
            if (keyId == null) throw new ArgumentNullException("keyId");
            if (publicKeyPem == null) throw new ArgumentNullException("publicKeyPem");
            byte[] pem = Utf8.Encode(publicKeyPem);
            uint output;
            ErrorHandle err;
            int rc = Native.kalshi_sim_register_key(Handle, (int)product, Utf8.Encode(keyId), pem, (UIntPtr)(ulong)(pem.Length - 1), member, out output, out err);
            Errors.Check(rc, err);
            return output;
        }

        /// <summary>Sets the cash balance of a member's subaccount (0 = primary).</summary>
        public void SetBalance(uint member, uint subaccount, Price balance)
        {
            Errors.Check(Native.kalshi_sim_set_balance(Handle, member, subaccount, balance.Raw));
        }

        /// <summary>The cash balance of a member's subaccount (0 = primary).</summary>
        public Price Balance(uint member, uint subaccount = 0)
        {
            long v;
            Errors.Check(Native.kalshi_sim_balance(Handle, member, subaccount, out v));
            return new Price(v);
        }

        /// <summary>The signed position in a market: positive YES / long, negative NO / short.</summary>
        public Count Position(uint member, uint subaccount, string ticker)
        {
            if (ticker == null) throw new ArgumentNullException("ticker");
            long v;
            Errors.Check(Native.kalshi_sim_position(Handle, member, subaccount, Utf8.Encode(ticker), out v));
            return new Count(v);
        }

        /// <summary>A limit order for member as another participant (no session). side '1' buys
        /// YES / goes long, '2' sells YES (buys NO) / goes short, as tag 54. Rejected with
        /// Kalshi's reason when the exchange refuses it.</summary>
        public void PlaceOrder(uint member, string ticker, char side, Price price, Count qty)
        {
            if (ticker == null) throw new ArgumentNullException("ticker");
            if (side != '1' && side != '2') throw new ArgumentOutOfRangeException("side", side, "'1' (buy) or '2' (sell)");
            ErrorHandle err;
            int rc = Native.kalshi_sim_place_order(Handle, member, Utf8.Encode(ticker), side - '0', price.Raw, qty.Raw, out err);
            Errors.Check(rc, err);
        }

        /// <summary>Moves a market to "open", "paused" or "closed".</summary>
        public void SetMarketStatus(string ticker, string status)
        {
            if (ticker == null) throw new ArgumentNullException("ticker");
            if (status == null) throw new ArgumentNullException("status");
            ErrorHandle err;
            Errors.Check(Native.kalshi_sim_market_status(Handle, Utf8.Encode(ticker), Utf8.Encode(status), out err), err);
        }

        /// <summary>Settles a market with the YES value per contract (0 or 1.00 for binary).</summary>
        public void Settle(string ticker, Price yesValue)
        {
            if (ticker == null) throw new ArgumentNullException("ticker");
            ErrorHandle err;
            Errors.Check(Native.kalshi_sim_settle(Handle, Utf8.Encode(ticker), yesValue.Raw, out err), err);
        }

        /// <summary>The exchange clock, Unix milliseconds.</summary>
        public long NowMs { get { return Native.kalshi_sim_now_ms(Handle); } }

        /// <summary>Moves a manual clock (sim.clock=manual) forward, running what falls due.</summary>
        public void AdvanceMs(long ms) { Errors.Check(Native.kalshi_sim_advance_ms(Handle, ms)); }

        /// <summary>Turns the market-activity generator on or off.</summary>
        public void SetActivity(bool enabled) { Errors.Check(Native.kalshi_sim_activity(Handle, enabled ? 1 : 0)); }

        /// <summary>Injects a fault on the FIX sessions of an endpoint ("fix.nr", "perps.fix.rt";
        /// no ".tls") for keyId (null or "" = every key): "drop", "skip N", "dup N", "delay MS",
        /// "garbage", "reject_logon [text]", "resend_request [from]", "test_request",
        /// "logout [text]", "mute [ms]", "clear". NotFound when no live session matched.</summary>
        public void Fault(string session, string keyId, string fault)
        {
            if (session == null) throw new ArgumentNullException("session");
            if (fault == null) throw new ArgumentNullException("fault");
            ErrorHandle err;
            Errors.Check(Native.kalshi_sim_fault(Handle, Utf8.Encode(session), Utf8.Encode(keyId), Utf8.Encode(fault), out err), err);
        }

        /// <summary>FIX sessions logged on right now.</summary>
        public int FixSessions { get { return (int)(ulong)Native.kalshi_sim_fix_sessions(Handle); } }

        public void Dispose() { Handle.Dispose(); }
    }
}
