package kalshi

/*
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"errors"
	"runtime"
	"time"
	"unsafe"
)

// FixMessage is a decoded message from the exchange (kalshi_fix_msg_t), or one entry of a
// repeating group of one (entries are scopes with the same getters). It reads the C event of its
// Event, so it is usable until Event.Release: afterwards every getter returns ErrClosed (or a
// zero value). Everything it returns is copied into Go memory and stays valid. Safe for
// concurrent use.
//
// Getters return ErrNotFound when the field is absent and ErrInvalidArg when the tag's type does
// not fit the getter (e.g. Price of a text field). Prices and counts come back exact, whatever
// the wire format (cents or dollars).
type FixMessage struct {
	ev  *fixEvent
	ptr *C.kalshi_fix_msg_t
}

// FixField is one field as received: tag and raw value text.
type FixField struct {
	Tag   uint32
	Value string
}

func (m *FixMessage) with(f func(p *C.kalshi_fix_msg_t) C.kalshi_err_t) error {
	if m == nil || m.ev == nil || m.ptr == nil {
		return newError(ErrInvalidArg, "nil FIX message")
	}
	if !m.ev.h.acquire() {
		return newError(ErrClosed, "FIX message used after its event was released")
	}
	defer m.ev.h.release()
	rc := f(m.ptr)
	runtime.KeepAlive(m)
	return codeError(rc)
}

func tagError(err error, tag uint32) error {
	var ke *Error
	if errors.As(err, &ke) && ke.Code != ErrClosed {
		return newErrorf(ke.Code, "tag %d: %s", tag, ke.Code.Description())
	}
	return err
}

// Type is the MsgType ("8", "W", "UMS"...); "" once released.
func (m *FixMessage) Type() string {
	t, _ := m.msgType()
	return t
}

func (m *FixMessage) msgType() (string, error) {
	var t string
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		if s := C.kalshi_fix_msg_type(p); s != nil {
			t = C.GoString(s)
		}
		return C.KALSHI_OK
	})
	return t, err
}

// Seq is the MsgSeqNum (0 once released).
func (m *FixMessage) Seq() uint64 {
	var n uint64
	_ = m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		n = uint64(C.kalshi_fix_msg_seq(p))
		return C.KALSHI_OK
	})
	return n
}

// PossDup reports a retransmission (PossDupFlag=Y).
func (m *FixMessage) PossDup() bool {
	var d bool
	_ = m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		d = C.kalshi_fix_msg_poss_dup(p) != 0
		return C.KALSHI_OK
	})
	return d
}

// SendingTimeMs is SendingTime(52) in milliseconds since the Unix epoch (0 once released).
func (m *FixMessage) SendingTimeMs() int64 {
	var t int64
	_ = m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		t = int64(C.kalshi_fix_msg_sending_time_ms(p))
		return C.KALSHI_OK
	})
	return t
}

// SendingTime is SendingTime(52) as a UTC time.
func (m *FixMessage) SendingTime() time.Time { return time.UnixMilli(m.SendingTimeMs()).UTC() }

// Raw is a copy of the whole message as received, 8= .. 10= (nil once released).
func (m *FixMessage) Raw() []byte {
	var out []byte
	_ = m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		var n C.size_t
		if d := C.kalshi_fix_msg_raw(p, &n); d != nil && n > 0 {
			out = C.GoBytes(unsafe.Pointer(d), C.int(n))
		}
		return C.KALSHI_OK
	})
	return out
}

// Has reports whether this scope has the field.
func (m *FixMessage) Has(tag uint32) bool {
	var h bool
	_ = m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		h = C.kalshi_fix_msg_has(p, C.uint32_t(tag)) != 0
		return C.KALSHI_OK
	})
	return h
}

// Str reads a field as text (any field; unknown tags too).
func (m *FixMessage) Str(tag uint32) (string, error) {
	var s string
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		var v *C.char
		var n C.size_t
		rc := C.kalshi_fix_msg_str(p, C.uint32_t(tag), &v, &n)
		if rc == C.KALSHI_OK && n > 0 {
			s = C.GoStringN(v, C.int(n))
		}
		return rc
	})
	return s, tagError(err, tag)
}

// Int reads an integer field.
func (m *FixMessage) Int(tag uint32) (int64, error) {
	var v C.int64_t
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_int(p, C.uint32_t(tag), &v) })
	return int64(v), tagError(err, tag)
}

// Char reads a single-character field.
func (m *FixMessage) Char(tag uint32) (byte, error) {
	var v C.char
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_char(p, C.uint32_t(tag), &v) })
	return byte(v), tagError(err, tag)
}

// Bool reads a Y/N field.
func (m *FixMessage) Bool(tag uint32) (bool, error) {
	var v C.int
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_bool(p, C.uint32_t(tag), &v) })
	return v != 0, tagError(err, tag)
}

// Price reads a price field, exactly (dollars x 10^6).
func (m *FixMessage) Price(tag uint32) (Price, error) {
	var v C.kalshi_price_t
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_price(p, C.uint32_t(tag), &v) })
	return Price(v), tagError(err, tag)
}

// Count reads a quantity field, exactly (contracts x 100).
func (m *FixMessage) Count(tag uint32) (Count, error) {
	var v C.kalshi_count_t
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_count(p, C.uint32_t(tag), &v) })
	return Count(v), tagError(err, tag)
}

// Amount reads a dollar amount (fees, cash quantities) at the price scale.
func (m *FixMessage) Amount(tag uint32) (Price, error) {
	var v C.int64_t
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_amount(p, C.uint32_t(tag), &v) })
	return Price(v), tagError(err, tag)
}

// TimeMs reads a UTC timestamp field as milliseconds since the Unix epoch.
func (m *FixMessage) TimeMs(tag uint32) (int64, error) {
	var v C.int64_t
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t { return C.kalshi_fix_msg_time_ms(p, C.uint32_t(tag), &v) })
	return int64(v), tagError(err, tag)
}

// Time reads a UTC timestamp field as a time.Time.
func (m *FixMessage) Time(tag uint32) (time.Time, error) {
	ms, err := m.TimeMs(tag)
	if err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(ms).UTC(), nil
}

// GroupCount is the number of entries of the repeating group counted by counterTag (0 when
// absent or released).
func (m *FixMessage) GroupCount(counterTag uint32) int {
	var n int
	_ = m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		n = int(C.kalshi_fix_msg_group_count(p, C.uint32_t(counterTag)))
		return C.KALSHI_OK
	})
	return n
}

// GroupEntry is entry index of the group counted by counterTag, a scope with the same getters
// (and nested groups), valid as long as this message. ErrNotFound past the end.
func (m *FixMessage) GroupEntry(counterTag uint32, index int) (*FixMessage, error) {
	if index < 0 {
		return nil, newErrorf(ErrNotFound, "group %d has no entry %d", counterTag, index)
	}
	var entry *C.kalshi_fix_msg_t
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		entry = C.kalshi_fix_msg_group_entry(p, C.uint32_t(counterTag), C.size_t(index))
		return C.KALSHI_OK
	})
	if err != nil {
		return nil, err
	}
	if entry == nil {
		return nil, newErrorf(ErrNotFound, "group %d has no entry %d", counterTag, index)
	}
	return &FixMessage{ev: m.ev, ptr: entry}, nil
}

// Group returns every entry of the group counted by counterTag (none when absent).
func (m *FixMessage) Group(counterTag uint32) ([]*FixMessage, error) {
	n := m.GroupCount(counterTag)
	out := make([]*FixMessage, 0, n)
	for i := 0; i < n; i++ {
		e, err := m.GroupEntry(counterTag, i)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Fields lists every field of this scope in wire order (group counters included, their entries
// not), for logging and for tags the library does not know.
func (m *FixMessage) Fields() ([]FixField, error) {
	var out []FixField
	err := m.with(func(p *C.kalshi_fix_msg_t) C.kalshi_err_t {
		n := int(C.kalshi_fix_msg_field_count(p))
		out = make([]FixField, 0, n)
		for i := 0; i < n; i++ {
			var tag C.uint32_t
			var v *C.char
			var l C.size_t
			if rc := C.kalshi_fix_msg_field_at(p, C.size_t(i), &tag, &v, &l); rc != C.KALSHI_OK {
				return rc
			}
			f := FixField{Tag: uint32(tag)}
			if l > 0 {
				f.Value = C.GoStringN(v, C.int(l))
			}
			out = append(out, f)
		}
		return C.KALSHI_OK
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ExecutionReport is a copy of the usual fields of an ExecutionReport (35=8). A field the
// message does not carry is left at its zero value (the FixMessage has the rest).
type ExecutionReport struct {
	Seq             uint64 // MsgSeqNum
	PossDup         bool   // a retransmission
	ExecType        byte   // 150: ExecTypeNew, ExecTypeTrade, ...
	OrdStatus       byte   // 39
	ClOrdID         string // 11
	OrigClOrdID     string // 41
	OrderID         string // 37
	ExecID          string // 17
	Symbol          string // 55
	Side            Side   // 54
	Price           Price  // 44
	AvgPx           Price  // 6
	LastPx          Price  // 31
	LastQty         Count  // 32
	CumQty          Count  // 14
	LeavesQty       Count  // 151
	OrderQty        Count  // 38
	Text            string // 58
	OrdRejReason    int64  // 103, valid when HasOrdRejReason
	HasOrdRejReason bool
	TransactTime    time.Time // 60 (UTC); zero when absent
}

// ExecutionReport reads the message as an ExecutionReport. ErrInvalidArg when its MsgType is
// not "8"; ErrClosed once released.
func (m *FixMessage) ExecutionReport() (*ExecutionReport, error) {
	t, err := m.msgType()
	if err != nil {
		return nil, err
	}
	if t != "8" {
		return nil, newErrorf(ErrInvalidArg, "MsgType %q is not an ExecutionReport (8)", t)
	}
	r := &ExecutionReport{Seq: m.Seq(), PossDup: m.PossDup()}
	var first error
	ok := func(e error) bool {
		if e == nil {
			return true
		}
		if first == nil && !errors.Is(e, ErrNotFound) {
			first = e
		}
		return false
	}
	char := func(tag uint32) byte { v, e := m.Char(tag); ok(e); return v }
	str := func(tag uint32) string { v, e := m.Str(tag); ok(e); return v }
	price := func(tag uint32) Price { v, e := m.Price(tag); ok(e); return v }
	count := func(tag uint32) Count { v, e := m.Count(tag); ok(e); return v }

	r.ExecType = char(150)
	r.OrdStatus = char(39)
	r.ClOrdID = str(11)
	r.OrigClOrdID = str(41)
	r.OrderID = str(37)
	r.ExecID = str(17)
	r.Symbol = str(55)
	r.Side = Side(char(54))
	r.Price = price(44)
	r.AvgPx = price(6)
	r.LastPx = price(31)
	r.LastQty = count(32)
	r.CumQty = count(14)
	r.LeavesQty = count(151)
	r.OrderQty = count(38)
	r.Text = str(58)
	if v, e := m.Int(103); ok(e) {
		r.OrdRejReason, r.HasOrdRejReason = v, true
	}
	if v, e := m.Time(60); ok(e) {
		r.TransactTime = v
	}
	if first != nil {
		return nil, first
	}
	return r, nil
}

// ExecutionReport reads an EventFixMessage event's message as an ExecutionReport (ErrInvalidArg
// for another event or message type).
func (e *Event) ExecutionReport() (*ExecutionReport, error) {
	if e == nil || e.Fix == nil {
		return nil, newError(ErrInvalidArg, "not a FIX message event")
	}
	return e.Fix.ExecutionReport()
}
