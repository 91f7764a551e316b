package com.kalshi.nativeapi;

/** kalshi_key_type_t. */
public enum KeyType {
    RSA(1), ED25519(2);

    private final int code;

    KeyType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static KeyType of(int code) {
        for (KeyType t : values()) if (t.code == code) return t;
        return null;
    }
}
