package kalshi_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

func TestVersionMatchesLibrary(t *testing.T) {
	if got := kalshi.Version(); got != kalshi.BindingVersion {
		t.Fatalf("library %#x (%s), binding %#x (%s)", got, kalshi.VersionString(), kalshi.BindingVersion, kalshi.BindingVersionString)
	}
	if kalshi.VersionString() != kalshi.BindingVersionString {
		t.Fatalf("library %q, binding %q", kalshi.VersionString(), kalshi.BindingVersionString)
	}
	v := kalshi.Version()
	if want := fmt.Sprintf("%d.%d.%d", v>>16, (v>>8)&0xff, v&0xff); kalshi.VersionString() != want {
		t.Fatalf("kalshi_version_str %q disagrees with kalshi_version %q", kalshi.VersionString(), want)
	}
	if err := kalshi.CheckVersion(); err != nil {
		t.Fatal(err)
	}
}

// When the test command names the staged library, the process must have loaded that one.
func TestLoadedLibraryIsTheStagedOne(t *testing.T) {
	lib := os.Getenv("KALSHI_LIB")
	if lib == "" {
		t.Skip("KALSHI_LIB not set")
	}
	want, err := resolve(lib)
	if err != nil {
		t.Fatal(err)
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(maps), want) {
		t.Fatalf("%s (%s) is not mapped into the test process", lib, want)
	}
}

func TestErrorTable(t *testing.T) {
	codes := kalshi.Codes()
	if len(codes) < 30 || codes[0] != kalshi.OK {
		t.Fatalf("codes: %v", codes)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		n := c.Name()
		if !strings.HasPrefix(n, "KALSHI_") || n == "KALSHI_ERR_UNKNOWN_CODE" || seen[n] {
			t.Fatalf("bad or duplicate name %q for %d", n, uint32(c))
		}
		seen[n] = true
		if c.Description() == "" {
			t.Fatalf("%s has no description", n)
		}
	}
	if kalshi.Code(9999).Name() != "KALSHI_ERR_UNKNOWN_CODE" {
		t.Fatalf("unknown code name %q", kalshi.Code(9999).Name())
	}
	if kalshi.ErrTimeout.Name() != "KALSHI_ERR_TIMEOUT" || kalshi.ErrTimeout.String() != "KALSHI_ERR_TIMEOUT" {
		t.Fatal(kalshi.ErrTimeout.Name())
	}
	if kalshi.ErrUnknownKey.Description() == kalshi.ErrInvalidValue.Description() {
		t.Fatal("descriptions not distinct")
	}
	var err error = &kalshi.Error{Code: kalshi.ErrParse, Name: kalshi.ErrParse.Name(), Message: "bad"}
	wrapped := fmt.Errorf("context: %w", err)
	if !errors.Is(wrapped, kalshi.ErrParse) || errors.Is(wrapped, kalshi.ErrRange) {
		t.Fatal("errors.Is through wrapping")
	}
	if wrapped.Error() != "context: KALSHI_ERR_PARSE: bad" {
		t.Fatal(wrapped.Error())
	}
}

func TestConfSetGetRoundTrip(t *testing.T) {
	c := mustConf(t)
	defer c.Destroy()
	if v, err := c.Get("client.mode"); err != nil || v != "thread" {
		t.Fatalf("default client.mode = %q, %v", v, err)
	}
	if err := c.Set("client.mode", "caller"); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Get("client.mode"); v != "caller" {
		t.Fatalf("client.mode = %q", v)
	}
	if err := c.Set("client.close_timeout_ms", "1234"); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Get("client.close_timeout_ms"); v != "1234" {
		t.Fatalf("close_timeout_ms = %q", v)
	}
	if err := c.Reset("client.mode"); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Get("client.mode"); v != "thread" {
		t.Fatalf("after reset client.mode = %q", v)
	}
}

func TestConfErrorsAreDistinct(t *testing.T) {
	c := mustConf(t)
	defer c.Destroy()
	unknown := wantCode(t, c.Set("no.such.property", "1"), kalshi.ErrUnknownKey)
	invalid := wantCode(t, c.Set("client.mode", "sideways"), kalshi.ErrInvalidValue)
	if unknown.Message == invalid.Message {
		t.Fatalf("same message for both: %q", unknown.Message)
	}
	if errors.Is(invalid, kalshi.ErrUnknownKey) {
		t.Fatal("INVALID_VALUE matched UNKNOWN_KEY")
	}
	if v, _ := c.Get("client.mode"); v != "thread" {
		t.Fatalf("failed set changed the value to %q", v)
	}
	e := wantCode(t, c.Set("client.close_timeout_ms", "soon"), kalshi.ErrInvalidValue)
	if !strings.HasPrefix(e.Error(), "KALSHI_ERR_INVALID_VALUE: ") {
		t.Fatal(e.Error())
	}
	_, err := c.Get("no.such.property")
	wantCode(t, err, kalshi.ErrUnknownKey)
	wantCode(t, c.Set("client.mode", "a\x00b"), kalshi.ErrInvalidArg)
}

func TestConfDumpDupSecrets(t *testing.T) {
	c := mustConf(t, "log.level", "debug", "klear.auth.token", "s3cr3t-token-value")
	defer c.Destroy()
	dump, err := c.Dump()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, "\nlog.level=debug\n") || !strings.Contains(dump, "client.mode=thread\n") {
		t.Fatalf("dump:\n%s", dump)
	}
	if strings.Contains(dump, "s3cr3t") {
		t.Fatal("dump shows a secret")
	}
	if v, _ := c.Get("klear.auth.token"); v == "s3cr3t-token-value" {
		t.Fatal("get shows a secret")
	}
	entries, err := c.Entries()
	if err != nil || len(entries) != strings.Count(dump, "\n") {
		t.Fatalf("%d entries, %d lines, %v", len(entries), strings.Count(dump, "\n"), err)
	}
	d, err := c.Dup()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Destroy()
	if dd, _ := d.Dump(); dd != dump {
		t.Fatal("dup differs")
	}
	if err := d.Set("log.level", "error"); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Get("log.level"); v != "debug" {
		t.Fatal("dup is not independent")
	}
}

func TestConfFromEnv(t *testing.T) {
	t.Setenv("KALSHI_DEMO", "1")
	t.Setenv("KALSHI_KEY_ID", "a952bcbe-ec3b-4b5b-b8f9-11dae589608c")
	c, err := kalshi.NewConfFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Destroy()
	if v, _ := c.Get("env"); v != "demo" {
		t.Fatalf("env = %q", v)
	}
	if v, _ := c.Get("auth.key_id"); v != "a952bcbe-ec3b-4b5b-b8f9-11dae589608c" {
		t.Fatalf("auth.key_id = %q", v)
	}
	t.Setenv("KALSHI_DEMO", "perhaps")
	d := mustConf(t)
	defer d.Destroy()
	e := wantCode(t, d.ApplyEnv(), kalshi.ErrInvalidValue)
	if !strings.Contains(e.Message, "KALSHI_DEMO") {
		t.Fatalf("message does not name the variable: %q", e.Message)
	}
	if v, _ := d.Get("env"); v != "production" {
		t.Fatalf("failed from_env changed env to %q", v)
	}
}

func TestDecimals(t *testing.T) {
	prices := map[string]kalshi.Price{
		"0.56": 560000, "0.5600": 560000, "0.0001": 100, "-12.345678": -12345678,
		"1.0000000": 1000000, "9223372036854.775807": 9223372036854775807,
	}
	for s, want := range prices {
		if got, err := kalshi.ParsePrice(s); err != nil || got != want {
			t.Fatalf("ParsePrice(%q) = %d, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "+1", " 1", "1 ", "1e3", "1.", ".5", "abc", "1,5", "--1"} {
		_, err := kalshi.ParsePrice(s)
		wantCode(t, err, kalshi.ErrParse)
	}
	_, err := kalshi.ParsePrice("0.0000001")
	wantCode(t, err, kalshi.ErrInexact)
	_, err = kalshi.ParsePrice("9223372036854.775808")
	wantCode(t, err, kalshi.ErrRange)

	formats := []struct {
		p    kalshi.Price
		min  int
		want string
	}{{560000, 2, "0.56"}, {560000, 4, "0.5600"}, {1000000, 0, "1"}, {100, 2, "0.0001"}, {-1, 2, "-0.000001"},
		{-9223372036854775808, 0, "-9223372036854.775808"}}
	for _, f := range formats {
		if got, err := f.p.Format(f.min); err != nil || got != f.want {
			t.Fatalf("Price(%d).Format(%d) = %q, %v; want %q", int64(f.p), f.min, got, err, f.want)
		}
	}
	if kalshi.Price(560000).String() != "0.56" {
		t.Fatal(kalshi.Price(560000).String())
	}
	for _, v := range []int64{0, 1, -1, 999999, 123456789, 9223372036854775807, -9223372036854775808} {
		s, _ := kalshi.Price(v).Format(6)
		if back, err := kalshi.ParsePrice(s); err != nil || int64(back) != v {
			t.Fatalf("round trip %d -> %q -> %d, %v", v, s, back, err)
		}
	}

	if p, err := kalshi.PriceFromCents(56); err != nil || p != 560000 {
		t.Fatal(p, err)
	}
	if c, err := kalshi.Price(560000).Cents(); err != nil || c != 56 {
		t.Fatal(c, err)
	}
	_, err = kalshi.Price(560100).Cents()
	wantCode(t, err, kalshi.ErrInexact)
	if p, err := kalshi.PriceFromCenticents(1); err != nil || p != 100 {
		t.Fatal(p, err)
	}
	if cc, err := kalshi.Price(5600).Centicents(); err != nil || cc != 56 {
		t.Fatal(cc, err)
	}
	_, err = kalshi.PriceFromCents(9223372036854775807)
	wantCode(t, err, kalshi.ErrRange)

	if c, err := kalshi.ParseCount("10.5"); err != nil || c != 1050 {
		t.Fatal(c, err)
	}
	_, err = kalshi.ParseCount("0.001")
	wantCode(t, err, kalshi.ErrInexact)
	if s, _ := kalshi.Count(1050).Format(2); s != "10.50" {
		t.Fatal(s)
	}
	if s := kalshi.Count(300).String(); s != "3" {
		t.Fatal(s)
	}
	if kalshi.PriceScale != 1000000 || kalshi.CountScale != 100 || kalshi.PriceDecimals != 6 || kalshi.CountDecimals != 2 {
		t.Fatal("scales")
	}
}
