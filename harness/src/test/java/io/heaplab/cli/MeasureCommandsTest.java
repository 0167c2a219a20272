package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeasureCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String known() {
        return String.join(", ", AllocatorRegistry.load().all().stream().map(AllocatorSpec::name).toList());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownAllocator() {
        assertEquals(ExitCode.BAD_INPUT, run("replay", "-a", "nope", "-w", "anything"));
        assertEquals("heaplab: unknown allocator 'nope'; known: " + known() + "\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownBaseline() {
        assertEquals(ExitCode.BAD_INPUT, run("compare", "-a", "bump", "--baseline", "tcmalloc", "-w", "x"));
        assertEquals("heaplab: unknown allocator 'tcmalloc'; known: " + known() + "\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputForAMalformedHeapSize() {
        assertEquals(ExitCode.BAD_INPUT, run("replay", "-a", "bump", "-w", "x", "--heap", "lots"));
        assertEquals("heaplab: Invalid value for option '--heap': 'lots' is not a byte size (expected e.g. "
            + "268435456, 256m, 1g)\nTry 'heaplab replay --help'.\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownTest() {
        assertEquals(ExitCode.BAD_INPUT, run("compare", "-a", "bump", "--baseline", "none", "--test", "chi2",
            "-w", "x"));
        assertEquals("heaplab: unknown test 'chi2'; known: welch, mann-whitney\n", err.toString());
    }

    @Test
    void shouldParseBinaryByteSizes() {
        ByteSizeConverter c = new ByteSizeConverter();
        assertEquals(256L << 20, c.convert("256m"));
        assertEquals(1L << 30, c.convert("1GiB"));
        assertEquals(4096L, c.convert("4096"));
        assertEquals(64L << 10, c.convert("64 KB"));
    }
}
