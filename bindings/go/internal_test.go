package kalshi

import "testing"

// The binding's hand-declared version must equal the header it was compiled against.
func TestBindingVersionMatchesHeader(t *testing.T) {
	major, minor, patch, num := headerVersion()
	if major != BindingVersionMajor || minor != BindingVersionMinor || patch != BindingVersionPatch {
		t.Fatalf("header %d.%d.%d, binding %s", major, minor, patch, BindingVersionString)
	}
	if num != BindingVersion {
		t.Fatalf("KALSHI_VERSION_NUM %#x, BindingVersion %#x", num, BindingVersion)
	}
}

// Every code the library knows has a Go constant with the same name pattern, and vice versa.
func TestErrorConstantsCoverLibrary(t *testing.T) {
	declared := []Code{OK, ErrInvalidArg, ErrUnknownKey, ErrInvalidValue, ErrNoMemory, ErrClosed,
		ErrWrongThread, ErrWrongMode, ErrTimeout, ErrBufferTooSmall, ErrParse, ErrRange, ErrInexact,
		ErrIO, ErrKeyFormat, ErrKeyPassphrase, ErrKeyUnsupported, ErrKeyPublic, ErrCrypto, ErrDNS,
		ErrConnect, ErrDisconnected, ErrTLS, ErrTLSUntrusted, ErrTLSHostname, ErrTLSPin,
		ErrHostNotAllowed, ErrState, ErrNotSupported, ErrInternal, ErrProtocol, ErrRejected,
		ErrNotFound, ErrSequenceGap, ErrBadRequest, ErrUnauthorized, ErrConflict, ErrRateLimited,
		ErrServer, ErrOverflow}
	lib := Codes()
	if len(lib) != len(declared) {
		t.Fatalf("library knows %d codes, binding declares %d", len(lib), len(declared))
	}
	for i, c := range declared {
		if lib[i] != c {
			t.Fatalf("code %d: library %v, binding %v", i, lib[i], c)
		}
	}
}
