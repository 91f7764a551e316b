// libkalshi for .NET — local order books and settlement reassembly (book.h).
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>kalshi_book_side_t.</summary>
    public enum BookSide
    {
        /// <summary>MDEntryType 0.</summary>
        Bid = 0,
        /// <summary>MDEntryType 1 (offer).</summary>
        Ask = 1,
    }

    /// <summary>One aggregated price level.</summary>
    public struct BookLevel
    {
        public readonly Price Price;
        public readonly Count Size;

        public BookLevel(Price price, Count size)
        {
            Price = price;
            Size = size;
        }

        public override string ToString() { return Size + " @ " + Price; }
    }

    /// <summary>Aggregated price levels per symbol (kalshi_book_t). Feed it the events of a
    /// KalshiMD session with ApplyEvent: snapshots (W) replace a symbol's book, incremental
    /// refreshes (X) set or delete levels, and a session leaving Active clears every book. Other
    /// feeds use SetLevel and Clear. Not thread-safe: use it from one thread at a time.</summary>
    public sealed class Book : IDisposable
    {
        internal readonly BookHandle Handle;

        public Book()
        {
            BookHandle h;
            int rc = Native.kalshi_book_new(out h);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc);
            h.Track();
            Handle = h;
        }

        /// <summary>Applies a FixMessage event (W or X; other message types are ignored) or a
        /// FixState event (clears all books unless Active); other events change nothing. A W/X
        /// entry that makes no sense throws ErrorCode.Protocol, and that symbol's book is cleared.</summary>
        public void ApplyEvent(Event ev)
        {
            if (ev == null) throw new ArgumentNullException("ev");
            Errors.Check(Native.kalshi_book_apply_event(Handle, ev.Handle));
        }

        /// <summary>Applies one W or X message (kalshi_book_apply_fix).</summary>
        public void Apply(FixMessage m)
        {
            if (m == null) throw new ArgumentNullException("m");
            m.With(p => Native.kalshi_book_apply_fix(Handle, p), true);
        }

        /// <summary>Sets a level's size; a zero size removes the level.</summary>
        public void SetLevel(string symbol, BookSide side, Price price, Count size)
        {
            Errors.Check(Native.kalshi_book_set_level(Handle, Fix.Required(symbol, "symbol"), (int)side, price.Raw, size.Raw));
        }

        /// <summary>Clears one symbol's book, or every book when symbol is null.</summary>
        public void Clear(string symbol = null) { Errors.Check(Native.kalshi_book_clear(Handle, Utf8.Encode(symbol))); }

        /// <summary>The best level; false when that side is empty or the symbol unknown.</summary>
        public bool TryGetBest(string symbol, BookSide side, out BookLevel level)
        {
            long px, size;
            int rc = Native.kalshi_book_best(Handle, Fix.Required(symbol, "symbol"), (int)side, out px, out size);
            level = new BookLevel(new Price(px), new Count(size));
            if (rc == (int)ErrorCode.NotFound) return false;
            Errors.Check(rc);
            return true;
        }

        /// <summary>The best level, or null when that side is empty or the symbol unknown.</summary>
        public BookLevel? Best(string symbol, BookSide side)
        {
            BookLevel l;
            return TryGetBest(symbol, side, out l) ? l : (BookLevel?)null;
        }

        /// <summary>Number of levels on a side (0 for an unknown symbol).</summary>
        public int Depth(string symbol, BookSide side)
        {
            return (int)(ulong)Native.kalshi_book_depth(Handle, Fix.Required(symbol, "symbol"), (int)side);
        }

        /// <summary>Level index from the best (0 = best); KalshiException NotFound past the end.</summary>
        public BookLevel Level(string symbol, BookSide side, int index)
        {
            if (index < 0) throw new ArgumentOutOfRangeException("index");
            long px, size;
            Errors.Check(Native.kalshi_book_level(Handle, Fix.Required(symbol, "symbol"), (int)side, (UIntPtr)(ulong)index, out px, out size));
            return new BookLevel(new Price(px), new Count(size));
        }

        /// <summary>Every level of a side, best first.</summary>
        public IReadOnlyList<BookLevel> Levels(string symbol, BookSide side)
        {
            byte[] s = Fix.Required(symbol, "symbol");
            int n = (int)(ulong)Native.kalshi_book_depth(Handle, s, (int)side);
            var list = new List<BookLevel>(n);
            for (int i = 0; i < n; i++)
            {
                long px, size;
                Errors.Check(Native.kalshi_book_level(Handle, s, (int)side, (UIntPtr)(ulong)i, out px, out size));
                list.Add(new BookLevel(new Price(px), new Count(size)));
            }
            return list;
        }

        /// <summary>Symbols with a book (possibly empty after a snapshot with no levels), sorted.</summary>
        public IReadOnlyList<string> Symbols
        {
            get
            {
                int n = (int)(ulong)Native.kalshi_book_symbol_count(Handle);
                var list = new List<string>(n);
                for (int i = 0; i < n; i++) list.Add(Utf8.Decode(Native.kalshi_book_symbol_at(Handle, (UIntPtr)(ulong)i)));
                return list;
            }
        }

        public void Dispose() { Handle.Dispose(); }
    }

    /// <summary>One party of a settlement report.</summary>
    public sealed class SettlementParty
    {
        public string PartyId { get; internal set; }
        /// <summary>YES contracts held.</summary>
        public Count LongQty { get; internal set; }
        /// <summary>NO contracts held.</summary>
        public Count ShortQty { get; internal set; }
        /// <summary>Payout after fee, dollars x 10^6.</summary>
        public long Payout { get; internal set; }
        /// <summary>The fee, dollars x 10^6.</summary>
        public long Fee { get; internal set; }
    }

    /// <summary>A whole MarketSettlementReport (kalshi_settlement_t), copied into managed memory.</summary>
    public sealed class Settlement
    {
        public string Symbol { get; private set; }
        /// <summary>"yes", "no" or "scalar".</summary>
        public string Result { get; private set; }
        /// <summary>ClearingBusinessDate as yyyymmdd.</summary>
        public int BusinessDate { get; private set; }
        /// <summary>SettlementPrice (cents on the wire) as a price: 30.60 cents is 0.306.</summary>
        public Price Price { get; private set; }
        /// <summary>Pages joined.</summary>
        public int PageCount { get; private set; }
        /// <summary>TotNumMarketSettlementReports when the exchange sent it, else 0.</summary>
        public int DeclaredPages { get; private set; }
        public IReadOnlyList<SettlementParty> Parties { get; private set; }

        private Settlement() { }

        internal static Settlement Copy(SettlementHandle h)
        {
            var r = new Settlement
            {
                Symbol = Utf8.Decode(Native.kalshi_settlement_symbol(h)) ?? "",
                Result = Utf8.Decode(Native.kalshi_settlement_result(h)) ?? "",
                BusinessDate = Native.kalshi_settlement_business_date(h),
                Price = new Price(Native.kalshi_settlement_price(h)),
                PageCount = (int)(ulong)Native.kalshi_settlement_page_count(h),
                DeclaredPages = (int)(ulong)Native.kalshi_settlement_declared_pages(h),
            };
            int n = (int)(ulong)Native.kalshi_settlement_party_count(h);
            var parties = new List<SettlementParty>(n);
            for (int i = 0; i < n; i++)
            {
                IntPtr id;
                long lq, sq, payout, fee;
                Errors.Check(Native.kalshi_settlement_party(h, (UIntPtr)(ulong)i, out id, out lq, out sq, out payout, out fee));
                parties.Add(new SettlementParty { PartyId = Utf8.Decode(id) ?? "", LongQty = new Count(lq), ShortQty = new Count(sq), Payout = payout, Fee = fee });
            }
            r.Parties = parties;
            return r;
        }
    }

    /// <summary>Joins the pages of MarketSettlementReports (35=UMS; pages share Symbol, the last
    /// has LastFragment=Y) into whole reports (kalshi_settlement_assembler_t). Not thread-safe.</summary>
    public sealed class SettlementAssembler : IDisposable
    {
        internal readonly SettlementAssemblerHandle Handle;

        public SettlementAssembler()
        {
            SettlementAssemblerHandle h;
            int rc = Native.kalshi_settlement_assembler_new(out h);
            if (rc != 0 && h != null && !h.IsInvalid) h.Dispose();
            Errors.Check(rc);
            h.Track();
            Handle = h;
        }

        /// <summary>Adds one UMS page; returns the whole report when this page completes one,
        /// else null. A repeated page is ignored. KalshiException InvalidArg when m is not a UMS
        /// message.</summary>
        public Settlement Add(FixMessage m)
        {
            if (m == null) throw new ArgumentNullException("m");
            SettlementHandle r = null;
            try
            {
                ErrorHandle err = null;
                int rc = m.With(p => Native.kalshi_settlement_assembler_add(Handle, p, out r, out err), false);
                if (rc != 0 && r != null && !r.IsInvalid) r.Dispose();
                Errors.Check(rc, err);
                if (r == null || r.IsInvalid) return null;
                r.Track();
                return Settlement.Copy(r);
            }
            finally
            {
                if (r != null) r.Dispose();
            }
        }

        /// <summary>Reports still waiting for their last page.</summary>
        public int Pending { get { return (int)(ulong)Native.kalshi_settlement_assembler_pending(Handle); } }

        /// <summary>Also events: the message of a FixMessage event (see Add(FixMessage)).</summary>
        public Settlement Add(Event ev)
        {
            if (ev == null) throw new ArgumentNullException("ev");
            FixMessage m = ev.FixMessage;
            if (m == null) throw new KalshiException(ErrorCode.InvalidArg, "not a FIX message event: " + ev.Name);
            return Add(m);
        }

        public void Dispose() { Handle.Dispose(); }
    }
}
