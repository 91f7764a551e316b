package kalshi

/*
#include <stdlib.h>
#include <kalshi/kalshi.h>

// The fields of a typed object read in one cgo crossing (for each: name, kind, then the typed
// getter), so copying an object costs one call instead of three per field.
typedef struct kgo_field {
	const char *name;
	const char *text;
	size_t len;
	int64_t num;
	int kind;
	int ok;
} kgo_field;

static void kgo_obj_field(const kalshi_obj_t *o, size_t i, kgo_field *f) {
	f->name = kalshi_obj_field_name(o, i);
	f->text = NULL;
	f->len = 0;
	f->num = 0;
	f->kind = KALSHI_FIELD_NONE;
	f->ok = 0;
	if (f->name == NULL) return;
	f->kind = (int)kalshi_obj_kind_of(o, f->name);
	kalshi_err_t rc = KALSHI_OK; // a kind this binding does not know: kept by name only
	switch (f->kind) {
	case KALSHI_FIELD_STR:
		rc = kalshi_obj_str(o, f->name, &f->text, &f->len);
		break;
	case KALSHI_FIELD_INT:
		rc = kalshi_obj_int(o, f->name, &f->num);
		break;
	case KALSHI_FIELD_BOOL: {
		int b = 0;
		rc = kalshi_obj_bool(o, f->name, &b);
		f->num = b;
		break;
	}
	case KALSHI_FIELD_PRICE:
		rc = kalshi_obj_price(o, f->name, &f->num);
		break;
	case KALSHI_FIELD_COUNT:
		rc = kalshi_obj_count(o, f->name, &f->num);
		break;
	}
	f->ok = rc == KALSHI_OK;
}

// Fills up to cap fields; returns how many the object has.
static size_t kgo_obj_fields(const kalshi_obj_t *o, kgo_field *out, size_t cap) {
	size_t n = kalshi_obj_field_count(o);
	for (size_t i = 0; i < n && i < cap; ++i) kgo_obj_field(o, i, &out[i]);
	return n;
}

// The level counts of the four side names obj.h uses, in kgo_sides order; returns their sum.
static const char *const kgo_sides[4] = {"yes", "no", "bid", "ask"};

static size_t kgo_obj_level_counts(const kalshi_obj_t *o, size_t counts[4]) {
	size_t sum = 0;
	for (int s = 0; s < 4; ++s) {
		counts[s] = kalshi_obj_level_count(o, kgo_sides[s]);
		sum += counts[s];
	}
	return sum;
}

// Copies up to cap levels of side s (an index into kgo_sides); returns how many were copied.
static size_t kgo_obj_levels(const kalshi_obj_t *o, int s, int64_t *prices, int64_t *sizes,
                             size_t cap) {
	size_t i = 0;
	for (; i < cap; ++i) {
		kalshi_price_t px = 0;
		kalshi_count_t sz = 0;
		if (kalshi_obj_level(o, kgo_sides[s], i, &px, &sz) != KALSHI_OK) break;
		prices[i] = px;
		sizes[i] = sz;
	}
	return i;
}
*/
import "C"

import "unsafe"

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

// objSides are the side names obj.h uses for order-book levels, in kgo_sides order: yes/no
// (prediction), bid/ask (perps). The C API looks levels up by name and has no enumeration.
var objSides = [4]string{"yes", "no", "bid", "ask"}

func eventTypeOf(ev *C.kalshi_event_t) EventType { return EventType(C.kalshi_event_type(ev)) }

// copyObjects copies the typed objects of a C event (none for events without them).
func copyObjects(ev *C.kalshi_event_t) []*Object {
	n := int(C.kalshi_event_obj_count(ev))
	if n == 0 {
		return nil
	}
	out := make([]*Object, 0, n)
	var cp objCopier
	for i := 0; i < n; i++ {
		if o := C.kalshi_event_obj(ev, C.size_t(i)); o != nil {
			out = append(out, cp.copy(o))
		}
	}
	return out
}

// objCopier copies the objects of one event, reusing its field buffer, and the previous
// object's Go strings for names that repeat (list items share one model's field names).
type objCopier struct {
	fields []C.kgo_field
	prev   *Object
}

func (cp *objCopier) copy(o *C.kalshi_obj_t) *Object {
	obj := &Object{Kind: cp.kind(C.kalshi_obj_kind(o))}
	if len(cp.fields) == 0 {
		cp.fields = make([]C.kgo_field, 32)
	}
	n := int(C.kgo_obj_fields(o, &cp.fields[0], C.size_t(len(cp.fields))))
	if n > len(cp.fields) {
		cp.fields = make([]C.kgo_field, n)
		n = int(C.kgo_obj_fields(o, &cp.fields[0], C.size_t(len(cp.fields))))
		if n > len(cp.fields) { // the object cannot change; never trust a count blindly
			n = len(cp.fields)
		}
	}
	obj.Fields = make([]Field, 0, n)
	for i := 0; i < n; i++ {
		f := &cp.fields[i]
		if f.ok == 0 || f.name == nil {
			continue
		}
		fld := Field{Name: cp.name(len(obj.Fields), f.name), Kind: FieldKind(f.kind)}
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
	var counts [4]C.size_t
	if C.kgo_obj_level_counts(o, &counts[0]) > 0 {
		for s, count := range counts {
			if count == 0 {
				continue
			}
			prices := make([]C.int64_t, count)
			sizes := make([]C.int64_t, count)
			got := int(C.kgo_obj_levels(o, C.int(s), &prices[0], &sizes[0], count))
			levels := make([]BookLevel, got)
			for j := range levels {
				levels[j] = BookLevel{Price: Price(prices[j]), Size: Count(sizes[j])}
			}
			obj.sides = append(obj.sides, objSide{name: objSides[s], levels: levels})
		}
	}
	cp.prev = obj
	return obj
}

// name returns the field name at p, reusing the previous object's string at the same index when
// the bytes are equal (no allocation for the repeated names of a list).
func (cp *objCopier) name(i int, p *C.char) string {
	b := cBytes(p)
	if cp.prev != nil && i < len(cp.prev.Fields) && cp.prev.Fields[i].Name == string(b) {
		return cp.prev.Fields[i].Name
	}
	return string(b)
}

func (cp *objCopier) kind(p *C.char) string {
	b := cBytes(p)
	if cp.prev != nil && cp.prev.Kind == string(b) {
		return cp.prev.Kind
	}
	return string(b)
}

// cBytes views a NUL-terminated C string without copying (valid while the C memory is); the
// length is found in Go, not by a cgo call to strlen.
func cBytes(p *C.char) []byte {
	if p == nil {
		return nil
	}
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), n)
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
