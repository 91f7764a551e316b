package com.kalshi.nativeapi;

/** Versions: the one this binding was written for, and the library actually loaded. */
public final class Kalshi {
    private Kalshi() {}

    /** The C API version this binding declares (include/kalshi/version.h). */
    public static final int BINDING_MAJOR = 0;
    public static final int BINDING_MINOR = 1;
    public static final int BINDING_PATCH = 0;

    public static String bindingVersion() {
        return BINDING_MAJOR + "." + BINDING_MINOR + "." + BINDING_PATCH;
    }

    /** kalshi_version(): (major &lt;&lt; 16) | (minor &lt;&lt; 8) | patch. */
    public static int versionNumber() {
        return Util.LIB.kalshi_version();
    }

    /** kalshi_version_str(): "MAJOR.MINOR.PATCH". */
    public static String versionString() {
        return Util.str(Util.LIB.kalshi_version_str());
    }

    public static int major() {
        return versionNumber() >>> 16;
    }

    public static int minor() {
        return (versionNumber() >>> 8) & 0xff;
    }

    public static int patch() {
        return versionNumber() & 0xff;
    }

    /** Same major, and at least the minor this binding needs (functions are only ever added). */
    public static boolean isCompatible() {
        return major() == BINDING_MAJOR && minor() >= BINDING_MINOR;
    }
}
