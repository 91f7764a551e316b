package kalshi_test

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

const (
	ts   = int64(1703123456789)
	path = "/trade-api/v2/portfolio/balance"
)

func mustB64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		t.Fatalf("not base64 %q: %v", s, err)
	}
	return b
}

func TestRESTSignatureVerifiesIndependently(t *testing.T) {
	key, err := kalshi.GenerateKey(kalshi.KeyRSA, 2048)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Destroy()
	if key.Type() != kalshi.KeyRSA || key.Bits() != 2048 || key.SignatureSize() != 256 {
		t.Fatalf("type %v bits %d size %d", key.Type(), key.Bits(), key.SignatureSize())
	}
	pub, err := key.PublicPEM()
	if err != nil || !strings.HasPrefix(pub, "-----BEGIN PUBLIC KEY-----") {
		t.Fatalf("public PEM %q, %v", pub, err)
	}
	s, err := key.SignREST(ts, "GET", path)
	if err != nil {
		t.Fatal(err)
	}
	sig := mustB64(t, s)
	if len(sig) != 256 {
		t.Fatalf("signature length %d", len(sig))
	}
	msg := []byte(fmt.Sprintf("%dGET%s", ts, path))
	if !verifyIndependently(t, pub, msg, sig, false) {
		t.Fatal("valid REST signature rejected")
	}
	if verifyIndependently(t, pub, []byte(fmt.Sprintf("%dPOST%s", ts, path)), sig, false) {
		t.Fatal("signature accepted for another message")
	}
	other, _ := kalshi.GenerateKey(kalshi.KeyRSA, 2048)
	otherPub, _ := other.PublicPEM()
	if verifyIndependently(t, otherPub, msg, sig, false) {
		t.Fatal("signature accepted under another key")
	}
	q, err := key.SignREST(ts, "GET", path+"?limit=5")
	if err != nil || !verifyIndependently(t, pub, msg, mustB64(t, q), false) {
		t.Fatalf("query string must not be signed: %v", err)
	}
	raw, err := key.Sign([]byte("hello"))
	if err != nil || !verifyIndependently(t, pub, []byte("hello"), raw, false) {
		t.Fatalf("raw sign: %v", err)
	}
	_, err = key.SignREST(ts, "get", path)
	wantCode(t, err, kalshi.ErrInvalidArg)
	_, err = key.SignREST(ts, "GET", "trade-api/v2")
	wantCode(t, err, kalshi.ErrInvalidArg)
	_, err = key.SignREST(ts, "G\x00T", path)
	wantCode(t, err, kalshi.ErrInvalidArg)
}

func TestFIXLogonSignatureVerifiesIndependently(t *testing.T) {
	key, err := kalshi.GenerateKey(kalshi.KeyRSA, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Destroy()
	if key.Bits() != 2048 {
		t.Fatalf("0 bits gave %d", key.Bits())
	}
	const st = "20240101-12:34:56.789"
	s, err := key.SignFIXLogon(st, 1, "a952bcbe-sender", "KalshiNR")
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := key.PublicPEM()
	msg := []byte(st + "\x01A\x011\x01a952bcbe-sender\x01KalshiNR")
	if !verifyIndependently(t, pub, msg, mustB64(t, s), false) {
		t.Fatal("valid FIX logon signature rejected")
	}
	if verifyIndependently(t, pub, []byte(st+"\x01A\x012\x01a952bcbe-sender\x01KalshiNR"), mustB64(t, s), false) {
		t.Fatal("accepted with another MsgSeqNum")
	}
}

func TestEd25519(t *testing.T) {
	key, err := kalshi.GenerateKey(kalshi.KeyEd25519, 4096)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Destroy()
	if key.Type() != kalshi.KeyEd25519 || key.Bits() != 256 || key.SignatureSize() != 64 {
		t.Fatalf("type %v bits %d size %d", key.Type(), key.Bits(), key.SignatureSize())
	}
	s1, err := key.SignREST(ts, "GET", path)
	if err != nil {
		t.Fatal(err)
	}
	if s2, _ := key.SignREST(ts, "GET", path); s1 != s2 {
		t.Fatal("Ed25519 signatures differ")
	}
	pub, _ := key.PublicPEM()
	if !verifyIndependently(t, pub, []byte(fmt.Sprintf("%dGET%s", ts, path)), mustB64(t, s1), true) {
		t.Fatal("valid Ed25519 signature rejected")
	}
	if verifyIndependently(t, pub, []byte(fmt.Sprintf("%dPUT%s", ts, path)), mustB64(t, s1), true) {
		t.Fatal("Ed25519 signature accepted for another message")
	}
	_, err = key.SignFIXLogon("20240101-12:34:56.789", 1, "s", "KalshiNR")
	wantCode(t, err, kalshi.ErrKeyUnsupported)
}

func TestKeyLoadForms(t *testing.T) {
	key, err := kalshi.GenerateKey(kalshi.KeyRSA, 2048)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Destroy()
	pub, _ := key.PublicPEM()
	priv, err := key.PrivatePEM()
	if err != nil || !strings.HasPrefix(priv, "-----BEGIN RSA PRIVATE KEY-----") {
		t.Fatalf("private PEM: %v", err)
	}
	again, err := kalshi.LoadKeyPEM([]byte(priv), "")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := again.PublicPEM(); p != pub {
		t.Fatal("PEM round trip changed the key")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "k.pem")
	if err := os.WriteFile(file, []byte(priv), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile, err := kalshi.LoadKeyFile(file, "")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := fromFile.PublicPEM(); p != pub {
		t.Fatal("file load changed the key")
	}
	_, err = kalshi.LoadKeyPEM([]byte("not a key"), "")
	wantCode(t, err, kalshi.ErrKeyFormat)
	_, err = kalshi.LoadKeyPEM([]byte(pub), "")
	wantCode(t, err, kalshi.ErrKeyPublic)
	_, err = kalshi.LoadKeyFile(filepath.Join(dir, "missing.pem"), "")
	wantCode(t, err, kalshi.ErrIO)
	_, err = kalshi.GenerateKey(kalshi.KeyRSA, 1000)
	wantCode(t, err, kalshi.ErrInvalidArg)

	// A client refuses a configured key it cannot load, with the loader's code.
	conf := mustConf(t, "auth.private_key_path", filepath.Join(dir, "missing.pem"))
	defer conf.Destroy()
	_, err = kalshi.NewClient(conf)
	wantCode(t, err, kalshi.ErrIO)
	if err := conf.Set("auth.private_key_path", file); err != nil {
		t.Fatal(err)
	}
	c, err := kalshi.NewClient(conf)
	if err != nil {
		t.Fatal(err)
	}
	c.Destroy()

	t.Setenv("KALSHI_PRIVATE_KEY_PATH", "")
	os.Unsetenv("KALSHI_PRIVATE_KEY_PATH")
	t.Setenv("KALSHI_PRIVATE_KEY", priv)
	fromEnv, err := kalshi.LoadKeyEnv(false)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := fromEnv.PublicPEM(); p != pub {
		t.Fatal("env load changed the key")
	}
	os.Unsetenv("KALSHI_PRIVATE_KEY")
	_, err = kalshi.LoadKeyEnv(false)
	wantCode(t, err, kalshi.ErrInvalidArg)

	key.Destroy()
	key.Destroy()
	_, err = key.SignREST(ts, "GET", path)
	wantCode(t, err, kalshi.ErrClosed)
	if key.Bits() != 0 {
		t.Fatal("destroyed key has bits")
	}
}

func runOpenSSL(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("openssl", args...).Output()
	if err != nil {
		t.Fatalf("openssl %v: %v", args, err)
	}
	return string(out)
}

func TestLoadsKeysMadeByOpenSSL(t *testing.T) {
	if !haveOpenSSL() {
		t.Skip("openssl CLI not installed")
	}
	dir := t.TempDir()
	p1 := filepath.Join(dir, "pkcs1.pem")
	runOpenSSL(t, "genrsa", "-traditional", "-out", p1, "2048")
	want := strings.TrimSpace(runOpenSSL(t, "pkey", "-in", p1, "-pubout"))
	k1, err := kalshi.LoadKeyFile(p1, "")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := k1.PublicPEM(); strings.TrimSpace(p) != want {
		t.Fatal("PKCS#1 public key differs from openssl's")
	}
	enc := filepath.Join(dir, "enc.pem")
	runOpenSSL(t, "pkcs8", "-topk8", "-in", p1, "-v2", "aes-256-cbc", "-passout", "pass:correct horse", "-out", enc)
	k2, err := kalshi.LoadKeyFile(enc, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := k2.PublicPEM(); strings.TrimSpace(p) != want {
		t.Fatal("encrypted PKCS#8 public key differs from openssl's")
	}
	_, err = kalshi.LoadKeyFile(enc, "wrong")
	wantCode(t, err, kalshi.ErrKeyPassphrase)
	_, err = kalshi.LoadKeyFile(enc, "")
	wantCode(t, err, kalshi.ErrKeyPassphrase)
	ec := runOpenSSL(t, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256")
	_, err = kalshi.LoadKeyPEM([]byte(ec), "")
	wantCode(t, err, kalshi.ErrKeyUnsupported)
}

func TestKeySharedAcrossGoroutines(t *testing.T) {
	key, err := kalshi.GenerateKey(kalshi.KeyEd25519, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Destroy()
	pub, _ := key.PublicPEM()
	var wg sync.WaitGroup
	sigs := make([]string, 8)
	for i := range sigs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := key.SignREST(ts+int64(i), "GET", path)
			if err != nil {
				t.Error(err)
			}
			sigs[i] = s
		}(i)
	}
	wg.Wait()
	for i, s := range sigs {
		if !verifyIndependently(t, pub, []byte(fmt.Sprintf("%dGET%s", ts+int64(i), path)), mustB64(t, s), true) {
			t.Fatalf("signature %d rejected", i)
		}
	}
}
