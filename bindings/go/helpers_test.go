package kalshi_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

const waitMs = 10_000

// waitFor polls until an event of type t arrives; other events are returned too.
func waitFor(t *testing.T, q *kalshi.Queue, typ kalshi.EventType) (*kalshi.Event, []*kalshi.Event) {
	t.Helper()
	deadline := time.Now().Add(waitMs * time.Millisecond)
	var others []*kalshi.Event
	for time.Now().Before(deadline) {
		ev, err := q.Poll(100)
		if err != nil {
			t.Fatalf("poll: %v", err)
		}
		if ev == nil {
			continue
		}
		if ev.Type == typ {
			return ev, others
		}
		others = append(others, ev)
	}
	t.Fatalf("no %v within %dms; got %d other events", typ, waitMs, len(others))
	return nil, nil
}

func mustConf(t testing.TB, kv ...string) *kalshi.Conf {
	t.Helper()
	c, err := kalshi.NewConf()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if err := c.Set(kv[i], kv[i+1]); err != nil {
			t.Fatalf("set %s=%s: %v", kv[i], kv[i+1], err)
		}
	}
	return c
}

// wantCode asserts err is a *kalshi.Error with the given code and a message.
func wantCode(t *testing.T, err error, code kalshi.Code) *kalshi.Error {
	t.Helper()
	var ke *kalshi.Error
	if !errors.As(err, &ke) {
		t.Fatalf("want %v, got %v (%T)", code, err, err)
	}
	if ke.Code != code {
		t.Fatalf("want %v, got %v: %s", code, ke.Code, ke.Message)
	}
	if ke.Name != code.Name() || ke.Message == "" {
		t.Fatalf("error fields: %+v", ke)
	}
	if !errors.Is(err, code) {
		t.Fatalf("errors.Is(%v, %v) is false", err, code)
	}
	return ke
}

func haveOpenSSL() bool { return exec.Command("openssl", "version").Run() == nil }

func havePyCryptography() bool {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		return false
	}
	return exec.Command("/usr/bin/python3", "-c", "import cryptography").Run() == nil
}

func writeInputs(t *testing.T, pub string, msg, sig []byte) (string, string, string) {
	dir := t.TempDir()
	p, m, s := filepath.Join(dir, "pub.pem"), filepath.Join(dir, "msg.bin"), filepath.Join(dir, "sig.bin")
	for _, f := range []struct {
		path string
		data []byte
	}{{p, []byte(pub)}, {m, msg}, {s, sig}} {
		if err := os.WriteFile(f.path, f.data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return p, m, s
}

func opensslVerify(t *testing.T, pub string, msg, sig []byte, ed25519 bool) bool {
	p, m, s := writeInputs(t, pub, msg, sig)
	var cmd *exec.Cmd
	if ed25519 {
		cmd = exec.Command("openssl", "pkeyutl", "-verify", "-pubin", "-rawin", "-inkey", p, "-in", m, "-sigfile", s)
	} else {
		cmd = exec.Command("openssl", "dgst", "-sha256", "-verify", p,
			"-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256",
			"-signature", s, m)
	}
	return cmd.Run() == nil
}

const pyVerify = `
import sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, ed25519
from cryptography.exceptions import InvalidSignature
pub = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
msg = open(sys.argv[2], 'rb').read()
sig = open(sys.argv[3], 'rb').read()
try:
    if isinstance(pub, rsa.RSAPublicKey):
        pub.verify(sig, msg, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
    elif isinstance(pub, ed25519.Ed25519PublicKey):
        pub.verify(sig, msg)
    else:
        sys.exit(3)
except InvalidSignature:
    sys.exit(1)
`

func pythonVerify(t *testing.T, pub string, msg, sig []byte) bool {
	p, m, s := writeInputs(t, pub, msg, sig)
	err := exec.Command("/usr/bin/python3", "-c", pyVerify, p, m, s).Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 3 {
		t.Fatal("python: unexpected key type")
	}
	return err == nil
}

// verifyIndependently: every available independent verifier must accept, and one must exist.
func verifyIndependently(t *testing.T, pub string, msg, sig []byte, ed25519 bool) bool {
	t.Helper()
	ran, ok := 0, true
	if haveOpenSSL() {
		ran++
		ok = opensslVerify(t, pub, msg, sig, ed25519) && ok
	}
	if havePyCryptography() {
		ran++
		ok = pythonVerify(t, pub, msg, sig) && ok
	}
	if ran == 0 {
		t.Fatal("no independent verifier: install openssl or python3-cryptography")
	}
	return ok
}

func rssBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func countFDs(t *testing.T) int { return len(listFDs(t)) }

// listFDs describes the open file descriptors ("3 -> anon_inode:[eventfd]").
func listFDs(t *testing.T) []string {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		target, _ := os.Readlink("/proc/self/fd/" + e.Name())
		out = append(out, e.Name()+" -> "+target)
	}
	return out
}
