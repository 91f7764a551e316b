package com.kalshi.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

final class TestSupport {
    private TestSupport() {}

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    /** The library reads the C environment, which Java cannot change: go through libc. */
    static void setEnv(String name, String value) {
        if (value == null) LIBC.unsetenv(name);
        else LIBC.setenv(name, value, 1);
    }

    static long rssBytes() throws IOException {
        String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
        return Long.parseLong(f[1]) * 4096;
    }

    static int openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    static int threads() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/task"))) {
            return (int) s.count();
        }
    }

    record Result(int exit, String output) {}

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out);
    }
}
