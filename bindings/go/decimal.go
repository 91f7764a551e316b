package kalshi

/*
#include <kalshi/kalshi.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Price is a price in dollars scaled by PriceScale ("0.56" is Price(560000)).
type Price int64

// Count is a contract count scaled by CountScale ("10.5" is Count(1050)).
type Count int64

const (
	PriceScale    = int64(C.KALSHI_PRICE_SCALE)
	PriceDecimals = int(C.KALSHI_PRICE_DECIMALS)
	CountScale    = int64(C.KALSHI_COUNT_SCALE)
	CountDecimals = int(C.KALSHI_COUNT_DECIMALS)
	decimalStrlen = int(C.KALSHI_DECIMAL_STRLEN)
)

// textArg returns a non-NULL pointer to a copy of s (the library rejects NULL as INVALID_ARG but
// "" as a parse error) and its length. The copy keeps the package buildable with Go 1.19.
func textArg(s string) (*C.char, C.size_t, []byte) {
	b := make([]byte, len(s)+1)
	copy(b, s)
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(s)), b
}

func parseErr(rc C.kalshi_err_t, s string) error {
	return newErrorf(Code(rc), "%q: %s", s, Code(rc).Description())
}

// ParsePrice parses exact decimal text: ErrParse for malformed input, ErrInexact for more than
// six decimal places of non-zero digits, ErrRange on overflow.
func ParsePrice(s string) (Price, error) {
	p, n, keep := textArg(s)
	var out C.kalshi_price_t
	rc := C.kalshi_price_parse(p, n, &out)
	runtime.KeepAlive(keep)
	if rc != C.KALSHI_OK {
		return 0, parseErr(rc, s)
	}
	return Price(out), nil
}

// ParseCount parses exact decimal text with at most two places.
func ParseCount(s string) (Count, error) {
	p, n, keep := textArg(s)
	var out C.kalshi_count_t
	rc := C.kalshi_count_parse(p, n, &out)
	runtime.KeepAlive(keep)
	if rc != C.KALSHI_OK {
		return 0, parseErr(rc, s)
	}
	return Count(out), nil
}

func formatWith(f func(buf *C.char, cap C.size_t, written *C.size_t) C.kalshi_err_t) (string, error) {
	var buf [decimalStrlen]C.char
	var written C.size_t
	if rc := f(&buf[0], C.size_t(len(buf)), &written); rc != C.KALSHI_OK {
		return "", codeError(rc)
	}
	return C.GoStringN(&buf[0], C.int(written)), nil
}

// Format writes the price with at least minDecimals places (0..6), trimming further zeros.
func (p Price) Format(minDecimals int) (string, error) {
	return formatWith(func(b *C.char, c C.size_t, w *C.size_t) C.kalshi_err_t {
		return C.kalshi_price_format(C.kalshi_price_t(p), C.int(minDecimals), b, c, w)
	})
}

// Format writes the count with at least minDecimals places (0..2), trimming further zeros.
func (c Count) Format(minDecimals int) (string, error) {
	return formatWith(func(b *C.char, n C.size_t, w *C.size_t) C.kalshi_err_t {
		return C.kalshi_count_format(C.kalshi_count_t(c), C.int(minDecimals), b, n, w)
	})
}

func (p Price) String() string {
	s, err := p.Format(0)
	if err != nil {
		return "Price(" + err.Error() + ")"
	}
	return s
}

func (c Count) String() string {
	s, err := c.Format(0)
	if err != nil {
		return "Count(" + err.Error() + ")"
	}
	return s
}

// PriceFromCents converts whole cents exactly (ErrRange on overflow).
func PriceFromCents(cents int64) (Price, error) {
	var out C.kalshi_price_t
	if rc := C.kalshi_price_from_cents(C.int64_t(cents), &out); rc != C.KALSHI_OK {
		return 0, codeError(rc)
	}
	return Price(out), nil
}

// Cents converts to whole cents (ErrInexact for a sub-cent price).
func (p Price) Cents() (int64, error) {
	var out C.int64_t
	if rc := C.kalshi_price_to_cents(C.kalshi_price_t(p), &out); rc != C.KALSHI_OK {
		return 0, codeError(rc)
	}
	return int64(out), nil
}

// PriceFromCenticents converts Klear centicents (0.0001 dollar) exactly.
func PriceFromCenticents(cc int64) (Price, error) {
	var out C.kalshi_price_t
	if rc := C.kalshi_price_from_centicents(C.int64_t(cc), &out); rc != C.KALSHI_OK {
		return 0, codeError(rc)
	}
	return Price(out), nil
}

// Centicents converts to whole centicents (ErrInexact when finer).
func (p Price) Centicents() (int64, error) {
	var out C.int64_t
	if rc := C.kalshi_price_to_centicents(C.kalshi_price_t(p), &out); rc != C.KALSHI_OK {
		return 0, codeError(rc)
	}
	return int64(out), nil
}
