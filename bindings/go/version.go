package kalshi

/*
#include <kalshi/kalshi.h>
*/
import "C"

import "fmt"

// The version of the C API this binding was written for.
const (
	BindingVersionMajor = 0
	BindingVersionMinor = 1
	BindingVersionPatch = 0
)

// BindingVersion encodes the binding's version like kalshi_version():
// (major << 16) | (minor << 8) | patch.
const BindingVersion uint32 = BindingVersionMajor<<16 | BindingVersionMinor<<8 | BindingVersionPatch

// BindingVersionString is "MAJOR.MINOR.PATCH" of the binding.
var BindingVersionString = fmt.Sprintf("%d.%d.%d", BindingVersionMajor, BindingVersionMinor, BindingVersionPatch)

// Version is the loaded library's version, encoded like BindingVersion.
func Version() uint32 { return uint32(C.kalshi_version()) }

// VersionString is the loaded library's "MAJOR.MINOR.PATCH".
func VersionString() string { return C.GoString(C.kalshi_version_str()) }

// CheckVersion returns nil when the loaded library can serve this binding: the same major version
// and not older than the binding (within a major version functions are only added).
func CheckVersion() error {
	lib := Version()
	if lib>>16 == BindingVersion>>16 && lib >= BindingVersion {
		return nil
	}
	return newErrorf(ErrNotSupported, "libkalshi %s loaded, binding needs %s (same major, not older)",
		VersionString(), BindingVersionString)
}

// headerVersion is the version in the kalshi/version.h this package was compiled against.
func headerVersion() (major, minor, patch, num uint32) {
	return uint32(C.KALSHI_VERSION_MAJOR), uint32(C.KALSHI_VERSION_MINOR),
		uint32(C.KALSHI_VERSION_PATCH), uint32(C.KALSHI_VERSION_NUM)
}
