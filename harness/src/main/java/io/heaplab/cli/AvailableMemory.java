package io.heaplab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much memory this machine can still give a process without swapping: Linux's {@code MemAvailable} from
 * {@code /proc/meminfo} (the kernel's estimate of free plus reclaimable memory). Commands check a heap they would
 * really touch against it before starting, instead of being killed by the kernel half-way.
 */
final class AvailableMemory {

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Pattern AVAILABLE = Pattern.compile("(?m)^MemAvailable:\\s+([0-9]+)\\s*kB\\s*$");

    private AvailableMemory() {
    }

    /** {@return the available memory in bytes, or empty where {@code /proc/meminfo} cannot be read (not Linux)} */
    static OptionalLong bytes() {
        try {
            return parse(Files.readString(MEMINFO));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * {@return {@code MemAvailable} in bytes, or empty if absent}
     *
     * @param meminfo the text of {@code /proc/meminfo}
     */
    static OptionalLong parse(String meminfo) {
        Matcher m = AVAILABLE.matcher(meminfo);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), 1024L));
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
