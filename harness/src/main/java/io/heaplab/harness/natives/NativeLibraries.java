package io.heaplab.harness.natives;

import java.util.Locale;

/** Turns a failure to load a native allocator library into one line a user can act on. */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * {@return why {@code library} could not be bound, with the fix}
     *
     * @param library the library's file name
     * @param failure what the lookup threw
     */
    static String describeLoadFailure(String library, Throwable failure) {
        String package_ = switch (library) {
            case "libjemalloc.so.2" -> "libjemalloc2";
            case "libmimalloc.so.2" -> "libmimalloc2.0";
            default -> null;
        };
        String message = String.valueOf(failure.getMessage());
        if (library.equals("libjemalloc.so.2") && isStaticTlsProblem()) {
            return library + " could not be loaded: set GLIBC_TUNABLES=glibc.rtld.optional_static_tls=16384 in the "
                + "environment (the ./heaplab launcher does)";
        }
        if (package_ != null && message.toLowerCase(Locale.ROOT).contains("cannot open")) {
            return library + " is not installed (Debian/Ubuntu: apt-get install " + package_ + ")";
        }
        return library + " could not be loaded: " + message;
    }

    /** jemalloc installed but not loadable: its static TLS block needs the tunable. */
    private static boolean isStaticTlsProblem() {
        String tunables = System.getenv("GLIBC_TUNABLES");
        boolean installed = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"))
            || java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"));
        return installed && (tunables == null || !tunables.contains("optional_static_tls"));
    }
}
