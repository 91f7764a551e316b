package com.kalshi.nativeapi;

/** kalshi_log_level_t (queue.h). */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    public int code() {
        return ordinal();
    }

    public static LogLevel of(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
