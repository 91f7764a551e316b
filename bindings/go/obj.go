package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>

// One field of a typed object read in a single cgo crossing (name, kind, then the typed getter),
// so copying an object costs one call per field instead of three.
typedef struct kgo_field {
	const char *name;
	const char *text;
	size_t len;
	int64_t num;
	int kind;
} kgo_field;

static kalshi_err_t kgo_obj_field(const kalshi_obj_t *o, size_t i, kgo_field *f) {
	f->name = kalshi_obj_field_name(o, i);
	f->text = NULL;
	f->len = 0;
	f->num = 0;
	f->kind = KALSHI_FIELD_NONE;
	if (f->name == NULL) return KALSHI_ERR_NOT_FOUND;
	f->kind = (int)kalshi_obj_kind_of(o, f->name);
	switch (f->kind) {
	case KALSHI_FIELD_STR:
		return kalshi_obj_str(o, f->name, &f->text, &f->len);
	case KALSHI_FIELD_INT:
		return kalshi_obj_int(o, f->name, &f->num);
	case KALSHI_FIELD_BOOL: {
		int b = 0;
		kalshi_err_t rc = kalshi_obj_bool(o, f->name, &b);
		f->num = b;
		return rc;
	}
	case KALSHI_FIELD_PRICE:
		return kalshi_obj_price(o, f->name, &f->num);
	case KALSHI_FIELD_COUNT:
		return kalshi_obj_count(o, f->name, &f->num);
	}
	return KALSHI_OK; // a kind this binding does not know: kept by name only
}

// Copies up to cap levels of one side; returns how many the side has.
static size_t kgo_obj_levels(const kalshi_obj_t *o, const char *side, int64_t *prices,
                             int64_t *sizes, size_t cap) {
	size_t n = kalshi_obj_level_count(o, side);
	for (size_t i = 0; i < n && i < cap; ++i) {
		kalshi_price_t px = 0;
		kalshi_count_t sz = 0;
		if (kalshi_obj_level(o, side, i, &px, &sz) != KALSHI_OK) return i;
		prices[i] = px;
		sizes[i] = sz;
	}
	return n;
}
*/
import "C"

// FieldKind is the type of a typed object's field (kalshi_field_kind_t; an open set).
type FieldKind int

const (
	FieldNone  FieldKind = C.KALSHI_FIELD_NONE // no such field
	FieldStr   FieldKind = C.KALSHI_FIELD_STR
	FieldInt   FieldKind = C.KALSHI_FIELD_INT
	FieldBool  FieldKind = C.KALSHI_FIELD_BOOL
	FieldPrice FieldKind = C.KALSHI_FIELD_PRICE // Price: dollars x 1,000,000
	FieldCount FieldKind = C.KALSHI_FIELD_COUNT // Count: contracts x 100
)

func (k FieldKind) String() string {
	switch k {
	case FieldNone:
		return "none"
	case FieldStr:
		return "str"
	case FieldInt:
		return "int"
	case FieldBool:
		return "bool"
	case FieldPrice:
		return "price"
	case FieldCount:
		return "count"
	}
	return "FieldKind(?)"
}

// Field is one field of an Object: its spec name, its kind and the value of that kind (the
// other value members are zero).
type Field struct {
	Name  string
	Kind  FieldKind
	Str   string
	Int   int64
	Bool  bool
	Price Price
	Count Count
}

// Object is one typed object of a REST response or a WebSocket message (kalshi_obj_t): a decoded
// core model ("market", "order", "orderbook", "balance", "orderbook_delta", ...) with exact
// values, read by field name as the spec spells it. It is copied into Go memory when the event is
// taken from the queue, so it needs no Release and stays valid; it is immutable and safe for
// concurrent reads. The raw JSON is in Event.Data.
//
// Getters return ErrNotFound when the object has no such field (the message did not carry it)
// and ErrInvalidArg when the field has another kind (KindOf tells it), as the C accessors do.
type Object struct {
	Kind   string  // "market", "order", ...
	Fields []Field // in the library's stable order
	sides  []objSide
}

type objSide struct {
	name   string
	levels []BookLevel
}

// objSides are the side names obj.h uses for order-book levels: yes/no (prediction), bid/ask
// (perps). The C API looks levels up by side name and has no enumeration, so each is asked.
var objSides = [...]string{"yes", "no", "bid", "ask"}

var objSideNames = func() [len(objSides)]*C.char {
	var out [len(objSides)]*C.char
	for i, s := range objSides {
		out[i] = C.CString(s) // lives for the process: four small constants
	}
	return out
}()

// copyObjects copies the typed objects of a C event (none for events without them).
func copyObjects(ev *C.kalshi_event_t) []*Object {
	n := int(C.kalshi_event_obj_count(ev))
	if n == 0 {
		return nil
	}
	out := make([]*Object, 0, n)
	for i := 0; i < n; i++ {
		if o := C.kalshi_event_obj(ev, C.size_t(i)); o != nil {
			out = append(out, copyObject(o))
		}
	}
	return out
}

func copyObject(o *C.kalshi_obj_t) *Object {
	obj := &Object{Kind: goStr(C.kalshi_obj_kind(o))}
	n := int(C.kalshi_obj_field_count(o))
	obj.Fields = make([]Field, 0, n)
	var f C.kgo_field
	for i := 0; i < n; i++ {
		if C.kgo_obj_field(o, C.size_t(i), &f) != C.KALSHI_OK || f.name == nil {
			continue
		}
		fld := Field{Name: C.GoString(f.name), Kind: FieldKind(f.kind)}
		switch fld.Kind {
		case FieldStr:
			if f.text != nil {
				fld.Str = C.GoStringN(f.text, C.int(f.len))
			}
		case FieldInt:
			fld.Int = int64(f.num)
		case FieldBool:
			fld.Bool = f.num != 0
		case FieldPrice:
			fld.Price = Price(f.num)
		case FieldCount:
			fld.Count = Count(f.num)
		}
		obj.Fields = append(obj.Fields, fld)
	}
	for i, name := range objSideNames {
		count := int(C.kalshi_obj_level_count(o, name))
		if count == 0 {
			continue
		}
		prices := make([]C.int64_t, count)
		sizes := make([]C.int64_t, count)
		got := int(C.kgo_obj_levels(o, name, &prices[0], &sizes[0], C.size_t(count)))
		if got > count {
			got = count
		}
		levels := make([]BookLevel, got)
		for j := range levels {
			levels[j] = BookLevel{Price: Price(prices[j]), Size: Count(sizes[j])}
		}
		obj.sides = append(obj.sides, objSide{name: objSides[i], levels: levels})
	}
	return obj
}

// Field returns the named field (nil when absent).
func (o *Object) Field(name string) *Field {
	if o == nil {
		return nil
	}
	for i := range o.Fields {
		if o.Fields[i].Name == name {
			return &o.Fields[i]
		}
	}
	return nil
}

// Has reports whether the object carries the field.
func (o *Object) Has(name string) bool { return o.Field(name) != nil }

// KindOf is the kind of the named field (FieldNone when absent).
func (o *Object) KindOf(name string) FieldKind {
	if f := o.Field(name); f != nil {
		return f.Kind
	}
	return FieldNone
}

// FieldNames lists the fields the object carries, in the library's stable order.
func (o *Object) FieldNames() []string {
	if o == nil {
		return nil
	}
	out := make([]string, len(o.Fields))
	for i := range o.Fields {
		out[i] = o.Fields[i].Name
	}
	return out
}

func (o *Object) typed(name string, want FieldKind) (*Field, error) {
	if o == nil {
		return nil, newError(ErrInvalidArg, "nil object")
	}
	f := o.Field(name)
	if f == nil {
		return nil, newErrorf(ErrNotFound, "%s has no field %q", o.Kind, name)
	}
	if f.Kind != want {
		return nil, newErrorf(ErrInvalidArg, "%s field %q is %v, not %v", o.Kind, name, f.Kind, want)
	}
	return f, nil
}

// Str is a text field.
func (o *Object) Str(name string) (string, error) {
	f, err := o.typed(name, FieldStr)
	if err != nil {
		return "", err
	}
	return f.Str, nil
}

// Int is an integer field (timestamps, sequence numbers, ...).
func (o *Object) Int(name string) (int64, error) {
	f, err := o.typed(name, FieldInt)
	if err != nil {
		return 0, err
	}
	return f.Int, nil
}

// Bool is a boolean field.
func (o *Object) Bool(name string) (bool, error) {
	f, err := o.typed(name, FieldBool)
	if err != nil {
		return false, err
	}
	return f.Bool, nil
}

// Price is a price field in dollars x 1,000,000, whatever the JSON carried (dollar strings,
// cents, centi-cents).
func (o *Object) Price(name string) (Price, error) {
	f, err := o.typed(name, FieldPrice)
	if err != nil {
		return 0, err
	}
	return f.Price, nil
}

// Count is a count field in contracts x 100.
func (o *Object) Count(name string) (Count, error) {
	f, err := o.typed(name, FieldCount)
	if err != nil {
		return 0, err
	}
	return f.Count, nil
}

// Levels are the order-book levels of a side, best first as the exchange sent them: "yes" or
// "no" (prediction), "bid" or "ask" (perps). nil when the object has none on that side.
func (o *Object) Levels(side string) []BookLevel {
	if o == nil {
		return nil
	}
	for _, s := range o.sides {
		if s.name == side {
			return append([]BookLevel(nil), s.levels...)
		}
	}
	return nil
}

// Object returns the i-th typed object of the event, nil when out of range.
func (e *Event) Object(i int) *Object {
	if e == nil || i < 0 || i >= len(e.Objects) {
		return nil
	}
	return e.Objects[i]
}
