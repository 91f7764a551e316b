// libkalshi for .NET — typed objects (obj.h): the decoded form of REST responses and WebSocket
// messages, read by field name as the spec spells it, with exact prices and counts.
using System;
using System.Collections.Generic;
using Kalshi.Interop;

namespace Kalshi
{
    /// <summary>kalshi_field_kind_t: what a typed object's field holds.</summary>
    public enum FieldKind
    {
        /// <summary>No such field.</summary>
        None = 0,
        Str = 1,
        Int = 2,
        Bool = 3,
        /// <summary>A price (Price: dollars x 10^6), whatever the JSON carried.</summary>
        Price = 4,
        /// <summary>A count (Count: contracts x 100).</summary>
        Count = 5,
    }

    /// <summary>One decoded core model of an event (a market, an order, an order book, a
    /// balance, a channel message, ...). It is a view into its event, as FixMessage is: valid
    /// until the event is disposed (then its members throw ObjectDisposedException); every value
    /// it returns is a managed copy. A field the object does not carry throws NotFound (TryGet*
    /// return false); a field of another kind throws InvalidArg (KindOf tells the kind).</summary>
    public sealed class KalshiObject
    {
        private readonly EventHandle owner;
        private readonly IntPtr ptr;

        internal KalshiObject(EventHandle owner, IntPtr ptr)
        {
            this.owner = owner;
            this.ptr = ptr;
        }

        private delegate int LongGetter(IntPtr o, byte[] field, out long value);

        private static readonly LongGetter IntGetter = Native.kalshi_obj_int;
        private static readonly LongGetter PriceGetter = Native.kalshi_obj_price;
        private static readonly LongGetter CountGetter = Native.kalshi_obj_count;
        private static readonly LongGetter BoolGetter = delegate (IntPtr o, byte[] field, out long v)
        {
            int b;
            int rc = Native.kalshi_obj_bool(o, field, out b);
            v = b;
            return rc;
        };

        // Runs a native call on the object pointer with its event referenced, so a Dispose on
        // another thread waits for the call instead of freeing the object under it.
        private T With<T>(Func<IntPtr, T> call)
        {
            bool added = false;
            try
            {
                owner.DangerousAddRef(ref added);
                return call(ptr);
            }
            finally
            {
                if (added) owner.DangerousRelease();
            }
        }

        private static byte[] Field(string field)
        {
            if (field == null) throw new ArgumentNullException("field");
            if (field.IndexOf('\0') >= 0) throw new ArgumentException("field name holds a NUL character", "field");
            return Utf8.Encode(field);
        }

        private static KalshiException Absent(string field)
        {
            return new KalshiException(ErrorCode.NotFound, "field \"" + field + "\" is not in the object");
        }

        /// <summary>"market", "order", "orderbook", "balance", "orderbook_delta", ...</summary>
        public string Kind { get { return With(p => Utf8.Decode(Native.kalshi_obj_kind(p)) ?? ""); } }

        /// <summary>The names of the fields the object carries, in a stable order.</summary>
        public IReadOnlyList<string> FieldNames
        {
            get
            {
                return With(p =>
                {
                    int n = (int)(ulong)Native.kalshi_obj_field_count(p);
                    var names = new List<string>(n);
                    for (int i = 0; i < n; i++) names.Add(Utf8.Decode(Native.kalshi_obj_field_name(p, (UIntPtr)(ulong)i)) ?? "");
                    return (IReadOnlyList<string>)names;
                });
            }
        }

        /// <summary>The kind of a field; FieldKind.None when the object has no such field.</summary>
        public FieldKind KindOf(string field)
        {
            byte[] f = Field(field);
            return With(p => (FieldKind)Native.kalshi_obj_kind_of(p, f));
        }

        /// <summary>True when the object carries the field.</summary>
        public bool Has(string field) { return KindOf(field) != FieldKind.None; }

        private bool TryGet(string field, LongGetter getter, out long value)
        {
            byte[] f = Field(field);
            int rc;
            bool added = false;
            try
            {
                owner.DangerousAddRef(ref added);
                rc = getter(ptr, f, out value);
            }
            finally
            {
                if (added) owner.DangerousRelease();
            }
            return Found(rc, field);
        }

        // NotFound is false; any other error (a field of another kind) throws.
        private bool Found(int rc, string field)
        {
            if (rc == (int)ErrorCode.NotFound) return false;
            if (rc != 0) throw new KalshiException((ErrorCode)rc, "field \"" + field + "\" is " + KindOf(field) + ": " + Errors.Describe((ErrorCode)rc));
            return true;
        }

        private long Get(string field, LongGetter getter)
        {
            long v;
            if (!TryGet(field, getter, out v)) throw Absent(field);
            return v;
        }

        public bool TryGetStr(string field, out string value)
        {
            byte[] f = Field(field);
            int rc;
            bool added = false;
            value = null;
            try
            {
                owner.DangerousAddRef(ref added);
                IntPtr v;
                UIntPtr len;
                rc = Native.kalshi_obj_str(ptr, f, out v, out len);
                if (rc == 0) value = Utf8.Decode(v, (int)(ulong)len);
            }
            finally
            {
                if (added) owner.DangerousRelease();
            }
            return Found(rc, field);
        }

        public bool TryGetInt(string field, out long value) { return TryGet(field, IntGetter, out value); }

        public bool TryGetBool(string field, out bool value)
        {
            long v;
            bool ok = TryGet(field, BoolGetter, out v);
            value = v != 0;
            return ok;
        }

        public bool TryGetPrice(string field, out Price value)
        {
            long v;
            bool ok = TryGet(field, PriceGetter, out v);
            value = new Price(v);
            return ok;
        }

        public bool TryGetCount(string field, out Count value)
        {
            long v;
            bool ok = TryGet(field, CountGetter, out v);
            value = new Count(v);
            return ok;
        }

        public string Str(string field)
        {
            string v;
            if (!TryGetStr(field, out v)) throw Absent(field);
            return v;
        }

        public long Int(string field) { return Get(field, IntGetter); }
        public bool Bool(string field) { return Get(field, BoolGetter) != 0; }
        public Price Price(string field) { return new Price(Get(field, PriceGetter)); }
        public Count Count(string field) { return new Count(Get(field, CountGetter)); }

        /// <summary>Order-book levels of one side, best first as the exchange sent them: "yes" /
        /// "no" (prediction) or "bid" / "ask" (perps). Empty when the object has none.</summary>
        public IReadOnlyList<BookLevel> Levels(string side)
        {
            if (side == null) throw new ArgumentNullException("side");
            byte[] s = Utf8.Encode(side);
            return With(p =>
            {
                int n = (int)(ulong)Native.kalshi_obj_level_count(p, s);
                var levels = new List<BookLevel>(n);
                for (int i = 0; i < n; i++)
                {
                    long price, size;
                    Errors.Check(Native.kalshi_obj_level(p, s, (UIntPtr)(ulong)i, out price, out size));
                    levels.Add(new BookLevel(new Price(price), new Count(size)));
                }
                return (IReadOnlyList<BookLevel>)levels;
            });
        }

        public override string ToString() { return Kind; }
    }
}
